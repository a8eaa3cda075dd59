//! Budgetten, aanvragen en het grootboek (issue 13): nooit meer reserveren dan het
//! totaal, ook niet bij vijftig gelijktijdige toekenningen; idempotente herhalingen;
//! uitbetalingen binnen de toekenning; de matchingregel; scheiding van taken; te late
//! besluiten; foute bedragen; een overzicht zonder persoonsgegevens.

use serde_json::{Value, json};

use crate::helpers::{TestApp, assert_velden, exec, id_of, met, spawn_app, weigert};

/// Een dienst met een coördinator en een budgethouder van Oss.
async fn opzet() -> (TestApp, String, String) {
    let app = spawn_app().await;
    let coordinator = app.token_for("oss.coordinator").await;
    let budgethouder = app.token_for("oss.budgethouder").await;
    (app, coordinator, budgethouder)
}

/// Een budget van Oss met deze velden bovenop een micro-budget van 100 euro.
async fn budget(app: &TestApp, token: &str, velden: Value) -> String {
    let body = met(
        json!({"naam": format!("Budget {}", uuid::Uuid::now_v7()), "jaar": 2026,
               "vorm": "micro", "totaalBedrag": 10000, "maxPerAanvraag": 10000}),
        velden,
    );
    app.aanmaken("/api/v1/budgetten", token, &body).await
}

async fn initiatief(app: &TestApp, token: &str) -> String {
    app.aanmaken("/api/v1/initiatieven", token, &json!({"titel": "Buurtkast", "thema": "vrije_tijd", "organisatie": "Buurtvereniging",
                    "contactnaam": "Geheime Contactnaam", "contactemail": "geheim@voorbeeld.invalid"})).await
}

async fn aanvraag(
    app: &TestApp,
    token: &str,
    budget: &str,
    initiatief: &str,
    velden: Value,
) -> Value {
    let body = met(
        json!({"budgetId": budget, "initiatiefId": initiatief, "aangevraagdBedrag": 1000}),
        velden,
    );
    app.post_expect("/api/v1/aanvragen", token, &body, 201)
        .await
}

/// De budgethouder kent `bedrag` cent toe aan aanvraag `a` (200).
async fn toekennen(app: &TestApp, budgethouder: &str, a: &str, bedrag: i64) {
    app.post_expect(
        &format!("/api/v1/aanvragen/{a}/besluit"),
        budgethouder,
        &json!({"toegekendBedrag": bedrag, "motivering": "Toegekend"}),
        200,
    )
    .await;
}

/// Vijftig budgethouders-verzoeken tegelijk op een budget dat er tien kan betalen: er
/// worden er precies tien toegekend, de rest krijgt 409 met wat er nog beschikbaar is,
/// en het grootboek telt in SQL nooit meer dan het totaal.
#[tokio::test]
async fn fifty_concurrent_grants_never_reserve_more_than_the_total() {
    let (app, coordinator, budgethouder) = opzet().await;
    let b = budget(&app, &budgethouder, json!({"totaalBedrag": 10_000})).await;
    let i = initiatief(&app, &coordinator).await;
    let mut ids = Vec::new();
    for _ in 0..50 {
        ids.push(id_of(
            &aanvraag(&app, &coordinator, &b, &i, json!({})).await,
        ));
    }
    let mut verzoeken = tokio::task::JoinSet::new();
    for id in &ids {
        let verzoek = app
            .client
            .post(app.url(&format!("/api/v1/aanvragen/{id}/besluit")))
            .bearer_auth(&budgethouder)
            .json(&json!({"toegekendBedrag": 1000, "motivering": "Past in de regeling"}));
        verzoeken.spawn(async move {
            let antwoord = verzoek.send().await.expect("verzoek");
            let status = antwoord.status().as_u16();
            (
                status,
                antwoord.json::<Value>().await.unwrap_or(Value::Null),
            )
        });
    }
    let mut toegekend = 0;
    while let Some(uitkomst) = verzoeken.join_next().await {
        let (status, body) = uitkomst.expect("taak");
        match status {
            200 => toegekend += 1,
            409 => {
                assert_eq!(body["code"], "budget_ontoereikend", "{body}");
                assert!(
                    body["detail"]
                        .as_str()
                        .unwrap_or_default()
                        .contains("nog 0 cent"),
                    "{body}"
                );
            }
            s => panic!("onverwachte status {s}: {body}"),
        }
    }
    assert_eq!(toegekend, 10);
    assert_eq!(
        app.scalar_i64(&format!(
            "SELECT coalesce(sum(bedrag), 0)::bigint FROM mutatie WHERE budget_id = '{b}' AND soort = 'reservering'"
        ))
        .await,
        10_000
    );
    assert_eq!(
        app.scalar_i64(&format!("SELECT gereserveerd FROM budget WHERE id = '{b}'"))
            .await,
        10_000
    );
    let budget = app
        .get_json_as(&format!("/api/v1/budgetten/{b}"), &coordinator)
        .await;
    assert_eq!(budget["beschikbaar"], 0);
    // De database zelf weigert een reservering boven het totaal.
    weigert(
        &app.db,
        &format!(
            "INSERT INTO mutatie (id, gemeente_id, budget_id, aanvraag_id, soort, bedrag) \
             SELECT gen_random_uuid(), gemeente_id, budget_id, id, 'reservering', 1 FROM aanvraag WHERE id = '{}'",
            ids[0]
        ),
        "budget_niet_overschreden",
    )
    .await;
}

/// Met `Idempotency-Key`: een herhaling geeft het eerste antwoord en doet niets
/// opnieuw; dezelfde sleutel met een andere body is 422.
#[tokio::test]
async fn retries_with_an_idempotency_key_have_no_second_effect() {
    let (app, coordinator, budgethouder) = opzet().await;
    let b = budget(&app, &budgethouder, json!({})).await;
    let i = initiatief(&app, &coordinator).await;
    let post = |pad: String, token: String, sleutel: &'static str, body: Value| {
        let app = &app;
        async move {
            let antwoord = app
                .client
                .post(app.url(&pad))
                .bearer_auth(token)
                .header("Idempotency-Key", sleutel)
                .json(&body)
                .send()
                .await
                .expect("verzoek");
            let status = antwoord.status().as_u16();
            (
                status,
                antwoord.json::<Value>().await.unwrap_or(Value::Null),
            )
        }
    };
    let body = json!({"budgetId": b, "initiatiefId": i, "aangevraagdBedrag": 1000});
    let (s1, a1) = post(
        "/api/v1/aanvragen".into(),
        coordinator.clone(),
        "aanvraag-1",
        body.clone(),
    )
    .await;
    let (s2, a2) = post(
        "/api/v1/aanvragen".into(),
        coordinator.clone(),
        "aanvraag-1",
        body.clone(),
    )
    .await;
    assert_eq!((s1, s2), (201, 201));
    assert_eq!(a1, a2);
    assert_eq!(
        app.scalar_i64(&format!(
            "SELECT count(*) FROM aanvraag WHERE budget_id = '{b}'"
        ))
        .await,
        1
    );
    let mut anders = body.clone();
    anders["aangevraagdBedrag"] = json!(2000);
    let (s3, fout) = post(
        "/api/v1/aanvragen".into(),
        coordinator.clone(),
        "aanvraag-1",
        anders,
    )
    .await;
    assert_eq!(
        (s3, fout["code"].as_str()),
        (422, Some("idempotency_key_hergebruikt"))
    );
    assert_eq!(
        app.scalar_i64(&format!(
            "SELECT count(*) FROM aanvraag WHERE budget_id = '{b}'"
        ))
        .await,
        1
    );

    let a = id_of(&a1);
    let besluit = json!({"toegekendBedrag": 800, "motivering": "Deels"});
    let pad = format!("/api/v1/aanvragen/{a}/besluit");
    let (b1, eerste) = post(
        pad.clone(),
        budgethouder.clone(),
        "besluit-1",
        besluit.clone(),
    )
    .await;
    let (b2, tweede) = post(
        pad.clone(),
        budgethouder.clone(),
        "besluit-1",
        besluit.clone(),
    )
    .await;
    assert_eq!((b1, b2), (200, 200));
    assert_eq!(eerste, tweede);
    assert_eq!(eerste["status"], "deels_toegekend");
    let betaal = json!({"bedrag": 300, "omschrijving": "Eerste termijn"});
    let pad = format!("/api/v1/aanvragen/{a}/uitbetalingen");
    for _ in 0..3 {
        let (s, _) = post(
            pad.clone(),
            budgethouder.clone(),
            "betaling-1",
            betaal.clone(),
        )
        .await;
        assert_eq!(s, 201);
    }
    assert_eq!(
        app.scalar_i64(&format!(
            "SELECT count(*) FROM mutatie WHERE aanvraag_id = '{a}'"
        ))
        .await,
        2,
        "één reservering en één uitbetaling"
    );
    // Een andere aanroeper met dezelfde sleutel doet gewoon een eigen verzoek.
    let beheerder = app.token_for("oss.beheerder").await;
    let (s, _) = post(pad.clone(), beheerder, "betaling-1", betaal).await;
    assert_eq!(s, 201);
    assert_eq!(
        app.scalar_i64(&format!("SELECT uitbetaald FROM aanvraag WHERE id = '{a}'"))
            .await,
        600
    );
}

/// Uitbetalingen nooit boven de toekenning: 409, en de database weigert het ook.
#[tokio::test]
async fn payments_never_exceed_the_grant() {
    let (app, coordinator, budgethouder) = opzet().await;
    let b = budget(&app, &budgethouder, json!({})).await;
    let i = initiatief(&app, &coordinator).await;
    let a = id_of(&aanvraag(&app, &coordinator, &b, &i, json!({})).await);
    let pad = format!("/api/v1/aanvragen/{a}/uitbetalingen");
    let fout = app
        .post_expect(
            &pad,
            &budgethouder,
            &json!({"bedrag": 1, "omschrijving": "Te vroeg"}),
            409,
        )
        .await;
    assert_eq!(fout["code"], "aanvraag_status");
    toekennen(&app, &budgethouder, &a, 1000).await;
    app.post_expect(
        &pad,
        &budgethouder,
        &json!({"bedrag": 700, "omschrijving": "Deel"}),
        201,
    )
    .await;
    let fout = app
        .post_expect(
            &pad,
            &budgethouder,
            &json!({"bedrag": 301, "omschrijving": "Te veel"}),
            409,
        )
        .await;
    assert_eq!(fout["code"], "uitbetaling_te_hoog");
    assert!(
        fout["detail"]
            .as_str()
            .unwrap_or_default()
            .contains("300 cent")
    );
    app.post_expect(
        &pad,
        &budgethouder,
        &json!({"bedrag": 300, "omschrijving": "Rest"}),
        201,
    )
    .await;
    weigert(
        &app.db,
        &format!(
            "INSERT INTO mutatie (id, gemeente_id, budget_id, aanvraag_id, soort, bedrag) \
             SELECT gen_random_uuid(), gemeente_id, budget_id, id, 'uitbetaling', 1 FROM aanvraag WHERE id = '{a}'"
        ),
        "aanvraag_niet_overbetaald",
    )
    .await;
    let budget = app
        .get_json_as(&format!("/api/v1/budgetten/{b}"), &budgethouder)
        .await;
    assert_eq!(
        (
            budget["gereserveerd"].as_i64(),
            budget["uitbetaald"].as_i64()
        ),
        (Some(1000), Some(1000))
    );
    // Het grootboek is alleen-toevoegen.
    for sql in ["UPDATE mutatie SET bedrag = 1", "DELETE FROM mutatie"] {
        weigert(&app.db, sql, "alleen-toevoegen").await;
    }
}

/// Matching: hoogstens de eigen bijdrage × de verhouding, naar beneden afgerond op de
/// cent; en nooit boven het gevraagde bedrag of het maximum per aanvraag.
#[tokio::test]
async fn the_matching_rule_and_the_other_ceilings_hold() {
    let (app, coordinator, budgethouder) = opzet().await;
    let b = budget(
        &app,
        &budgethouder,
        json!({"vorm": "matching", "matching": {"teller": 1, "noemer": 2}, "maxPerAanvraag": 900}),
    )
    .await;
    let i = initiatief(&app, &coordinator).await;
    let a = id_of(
        &aanvraag(
            &app,
            &coordinator,
            &b,
            &i,
            json!({"eigenBijdrage": 1001, "aangevraagdBedrag": 1000}),
        )
        .await,
    );
    let pad = format!("/api/v1/aanvragen/{a}/besluit");
    for (bedrag, reden) in [
        (1001, "aangevraagde"),
        (901, "maximum per aanvraag"),
        (501, "matching"),
    ] {
        let fout = app
            .post_expect(
                &pad,
                &budgethouder,
                &json!({"toegekendBedrag": bedrag, "motivering": "x"}),
                400,
            )
            .await;
        assert_velden(&fout, &[("toegekendBedrag", "te_hoog")]);
        assert!(fout.to_string().contains(reden), "{bedrag}: {fout}");
    }
    assert_eq!(
        app.scalar_i64(&format!(
            "SELECT count(*) FROM mutatie WHERE budget_id = '{b}'"
        ))
        .await,
        0
    );
    let ok = app
        .post_expect(
            &pad,
            &budgethouder,
            &json!({"toegekendBedrag": 500, "motivering": "Verdubbeld"}),
            200,
        )
        .await;
    assert_eq!(
        (ok["status"].as_str(), ok["gereserveerd"].as_i64()),
        (Some("deels_toegekend"), Some(500))
    );
    let fout = app
        .post_expect(
            &pad,
            &budgethouder,
            &json!({"toegekendBedrag": 1, "motivering": "Nog eens"}),
            409,
        )
        .await;
    assert_eq!(fout["code"], "aanvraag_status");
}

/// Wie een aanvraag indiende, besluit er niet op, ook niet met een tweede rol.
#[tokio::test]
async fn whoever_submitted_cannot_decide() {
    let app = spawn_app().await;
    let beide = app
        .account_met_rollen("oss.beide", &["coordinator", "budgethouder"])
        .await;
    let budgethouder = app.token_for("oss.budgethouder").await;
    let b = budget(&app, &budgethouder, json!({})).await;
    let i = initiatief(&app, &beide).await;
    let a = id_of(&aanvraag(&app, &beide, &b, &i, json!({})).await);
    let pad = format!("/api/v1/aanvragen/{a}/besluit");
    let besluit = json!({"toegekendBedrag": 1000, "motivering": "Goed plan"});
    let fout = app.post_expect(&pad, &beide, &besluit, 403).await;
    assert_eq!(fout["code"], "eigen_aanvraag");
    assert_eq!(
        app.scalar_i64(&format!(
            "SELECT count(*) FROM mutatie WHERE budget_id = '{b}'"
        ))
        .await,
        0
    );
    let coordinator = app.token_for("oss.coordinator").await;
    app.post_expect(&pad, &coordinator, &besluit, 403).await;
    let ok = app.post_expect(&pad, &budgethouder, &besluit, 200).await;
    assert_eq!(ok["status"], "toegekend");
    assert_eq!(
        ok["beslotenDoor"],
        json!(app.user_id("oss.budgethouder").await)
    );
    assert_eq!(ok["ingediendDoor"], json!(app.user_id("oss.beide").await));
}

/// Een besluit na de beslistermijn mag, maar staat als te laat; `?teLaat=true` toont
/// de open aanvragen van wie de termijn voorbij is.
#[tokio::test]
async fn late_decisions_are_allowed_but_flagged() {
    let (app, coordinator, budgethouder) = opzet().await;
    let b = budget(&app, &budgethouder, json!({"beslistermijnDagen": 7})).await;
    let i = initiatief(&app, &coordinator).await;
    let laat = id_of(&aanvraag(&app, &coordinator, &b, &i, json!({})).await);
    let op_tijd = aanvraag(&app, &coordinator, &b, &i, json!({})).await;
    assert_eq!(op_tijd["teLaat"], false);
    assert!(op_tijd["beslissenVoor"].is_string());
    exec(
        &app.db,
        &format!("UPDATE aanvraag SET ingediend_op = weefsel_vandaag() - 10, beslissen_voor = weefsel_vandaag() - 3 WHERE id = '{laat}'"),
    )
    .await;
    let lijst = app
        .get_json_as(
            &format!("/api/v1/aanvragen?teLaat=true&budgetId={b}"),
            &budgethouder,
        )
        .await;
    assert_eq!(crate::helpers::kolom(&lijst, "id"), vec![laat.as_str()]);
    let besloten = app
        .post_expect(
            &format!("/api/v1/aanvragen/{laat}/besluit"),
            &budgethouder,
            &json!({"toegekendBedrag": 0, "motivering": "Valt buiten de regeling"}),
            200,
        )
        .await;
    assert_eq!(
        (besloten["status"].as_str(), besloten["teLaat"].as_bool()),
        (Some("afgewezen"), Some(true))
    );
    let lijst = app
        .get_json_as(
            &format!("/api/v1/aanvragen?teLaat=true&budgetId={b}"),
            &budgethouder,
        )
        .await;
    assert_eq!(lijst["totaalAantal"], 0);
    // Het overzicht: mediaan dagen tot besluit (10), zonder persoonsgegevens, ook voor de regio.
    let regio = app.token_for("regio.netwerkmanager").await;
    let overzicht = app
        .get_json_as(&format!("/api/v1/budgetten/{b}/overzicht"), &regio)
        .await;
    assert_eq!(overzicht["mediaanDagenTotBesluit"], 10.0);
    let tekst = overzicht.to_string();
    assert!(
        !tekst.contains("Geheime") && !tekst.contains("geheim@"),
        "{tekst}"
    );
    assert_eq!(
        overzicht["aanvragenPerStatus"],
        json!([{"status": "afgewezen", "aantal": 1}, {"status": "ingediend", "aantal": 1}])
    );
}

/// Elk fout bedrag: 400 met het veld genoemd, en niets bewaard.
#[tokio::test]
async fn every_bad_amount_is_refused_and_nothing_is_stored() {
    let (app, coordinator, budgethouder) = opzet().await;
    let b = budget(&app, &budgethouder, json!({})).await;
    let i = initiatief(&app, &coordinator).await;
    for bedrag in [
        json!(-1),
        json!(0),
        json!(12.5),
        json!("1000"),
        json!(100_000_000_001_i64),
        Value::Null,
    ] {
        let fout = app
            .post_expect(
                "/api/v1/aanvragen",
                &coordinator,
                &json!({"budgetId": b, "initiatiefId": i, "aangevraagdBedrag": bedrag, "eigenBijdrage": -5}),
                400,
            )
            .await;
        let namen = crate::helpers::kolom(&fout["invalidParams"], "name");
        assert!(
            namen.contains(&"aangevraagdBedrag") && namen.contains(&"eigenBijdrage"),
            "{bedrag}: {fout}"
        );
    }
    let fout = app
        .post_expect(
            "/api/v1/budgetten",
            &budgethouder,
            &json!({"naam": "Fout", "jaar": 2026, "vorm": "micro", "totaalBedrag": -1, "maxPerAanvraag": 0}),
            400,
        )
        .await;
    assert_velden(
        &fout,
        &[("maxPerAanvraag", "ongeldig"), ("totaalBedrag", "ongeldig")],
    );
    let fout = app
        .post_expect(
            "/api/v1/aanvragen",
            &coordinator,
            &json!({"budgetId": b, "aangevraagdBedrag": 100}),
            400,
        )
        .await;
    assert_velden(&fout, &[("initiatiefId", "ongeldig")]);
    assert_eq!(
        app.scalar_i64(&format!(
            "SELECT count(*) FROM aanvraag WHERE budget_id = '{b}'"
        ))
        .await,
        0
    );
    // Een totaal gaat niet onder het gereserveerde bedrag.
    let a = id_of(&aanvraag(&app, &coordinator, &b, &i, json!({})).await);
    toekennen(&app, &budgethouder, &a, 1000).await;
    let fout = app
        .patch_expect(
            &format!("/api/v1/budgetten/{b}"),
            &budgethouder,
            &json!({"totaalBedrag": 999}),
            409,
        )
        .await;
    assert_eq!(fout["code"], "budget_te_laag");
    app.patch_expect(
        &format!("/api/v1/budgetten/{b}"),
        &budgethouder,
        &json!({"totaalBedrag": 1000}),
        200,
    )
    .await;
}

/// Een correctie verandert een toekenning achteraf; afsluiten geeft elke open
/// reservering expliciet vrij of draagt haar over; een initiatief dat eindigt, geeft
/// wat niet uitbetaald is vrij. De totalen volgen het grootboek.
#[tokio::test]
async fn corrections_closing_and_ending_initiatives_keep_the_ledger_right() {
    let (app, coordinator, budgethouder) = opzet().await;
    let b = budget(&app, &budgethouder, json!({"jaar": 2026})).await;
    let volgend = budget(&app, &budgethouder, json!({"jaar": 2027})).await;
    let i = initiatief(&app, &coordinator).await;
    let mut ids = Vec::new();
    for _ in 0..3 {
        let a = id_of(&aanvraag(&app, &coordinator, &b, &i, json!({})).await);
        toekennen(&app, &budgethouder, &a, 1000).await;
        ids.push(a);
    }
    app.post_expect(
        &format!("/api/v1/aanvragen/{}/uitbetalingen", ids[0]),
        &budgethouder,
        &json!({"bedrag": 600, "omschrijving": "Deel"}),
        201,
    )
    .await;
    // Correcties: niet onder het uitbetaalde bedrag, wel omlaag tot daar.
    let pad = format!("/api/v1/budgetten/{b}/correcties");
    let fout = app
        .post_expect(
            &pad,
            &budgethouder,
            &json!({"aanvraagId": ids[0], "bedrag": -401, "reden": "Minder nodig"}),
            409,
        )
        .await;
    assert_eq!(fout["code"], "correctie_te_groot");
    app.post_expect(
        &pad,
        &budgethouder,
        &json!({"aanvraagId": ids[0], "bedrag": -400, "reden": "Minder nodig"}),
        201,
    )
    .await;
    let fout = app
        .post_expect(
            &pad,
            &budgethouder,
            &json!({"aanvraagId": ids[1], "bedrag": 0, "reden": "Niets"}),
            400,
        )
        .await;
    assert_velden(&fout, &[("bedrag", "ongeldig")]);
    // Afsluiten: de open reserveringen van aanvraag 2 en 3 (1 000 elk; aanvraag 1 is
    // helemaal uitbetaald na de correctie) moeten er allebei in.
    let sluit = format!("/api/v1/budgetten/{b}/afsluiting");
    let fout = app
        .post_expect(
            &sluit,
            &budgethouder,
            &json!({"aanvragen": [{"aanvraagId": ids[1], "keuze": "vrijval"}]}),
            400,
        )
        .await;
    assert_velden(&fout, &[("aanvragen", "ongeldig")]);
    let gesloten = app
        .post_expect(
            &sluit,
            &budgethouder,
            &json!({"aanvragen": [{"aanvraagId": ids[1], "keuze": "vrijval"},
                                   {"aanvraagId": ids[2], "keuze": "overdracht"}],
                    "naarBudgetId": volgend}),
            200,
        )
        .await;
    assert_eq!(gesloten["open"], false);
    assert_eq!(
        (
            gesloten["gereserveerd"].as_i64(),
            gesloten["uitbetaald"].as_i64(),
            gesloten["vrijgevallen"].as_i64()
        ),
        (Some(600), Some(600), Some(2000))
    );
    let naar = app
        .get_json_as(&format!("/api/v1/budgetten/{volgend}"), &budgethouder)
        .await;
    assert_eq!(naar["gereserveerd"], 1000);
    let verplaatst = app
        .get_json_as(&format!("/api/v1/aanvragen/{}", ids[2]), &budgethouder)
        .await;
    assert_eq!(verplaatst["budgetId"], json!(volgend));
    app.post_expect(&sluit, &budgethouder, &json!({"aanvragen": []}), 409)
        .await;
    // Het initiatief eindigt: de overgedragen reservering valt vrij in het nieuwe budget.
    let init = format!("/api/v1/initiatieven/{i}");
    app.patch_expect(&init, &coordinator, &json!({"status": "lopend"}), 200)
        .await;
    app.patch_expect(&init, &coordinator, &json!({"status": "gestopt"}), 200)
        .await;
    let naar = app
        .get_json_as(&format!("/api/v1/budgetten/{volgend}"), &budgethouder)
        .await;
    assert_eq!(
        (naar["gereserveerd"].as_i64(), naar["vrijgevallen"].as_i64()),
        (Some(0), Some(1000))
    );
    // De totalen zijn precies wat het grootboek zegt.
    for budget in [&b, &volgend] {
        assert_eq!(
            app.scalar_i64(&format!(
                "SELECT count(*) FROM budget b WHERE id = '{budget}' AND gereserveerd = \
                 (SELECT coalesce(sum(CASE soort WHEN 'reservering' THEN bedrag WHEN 'vrijval' THEN -bedrag \
                   WHEN 'correctie' THEN bedrag ELSE 0 END), 0) FROM mutatie WHERE budget_id = b.id) \
                 AND uitbetaald = (SELECT coalesce(sum(bedrag), 0) FROM mutatie WHERE budget_id = b.id AND soort = 'uitbetaling')"
            ))
            .await,
            1
        );
    }
}

/// Bij het overdragen naar een ander budget wordt alleen de grens van dat budget
/// (`budget_niet_overschreden`) 409 `budget_ontoereikend`; een andere weigering van de
/// database houdt haar eigen antwoord (issue 33), en er verandert niets.
#[tokio::test]
async fn only_the_budget_limit_is_budget_ontoereikend() {
    let (app, coordinator, budgethouder) = opzet().await;
    let i = initiatief(&app, &coordinator).await;
    let sluit = |b: &str| format!("/api/v1/budgetten/{b}/afsluiting");
    let mut gevallen = Vec::new();
    for _ in 0..2 {
        let b = budget(&app, &budgethouder, json!({"jaar": 2026})).await;
        let a = id_of(&aanvraag(&app, &coordinator, &b, &i, json!({})).await);
        toekennen(&app, &budgethouder, &a, 1000).await;
        gevallen.push((b, a));
    }
    // Te weinig in het volgende budget (5 euro voor 10): 409 budget_ontoereikend.
    let klein = budget(
        &app,
        &budgethouder,
        json!({"jaar": 2027, "totaalBedrag": 500}),
    )
    .await;
    let (b, a) = &gevallen[0];
    let body =
        json!({"aanvragen": [{"aanvraagId": a, "keuze": "overdracht"}], "naarBudgetId": klein});
    let fout = app.post_expect(&sluit(b), &budgethouder, &body, 409).await;
    assert_eq!(fout["code"], "budget_ontoereikend");

    // Een andere constraint (hier één die de test zelf zet) is geen
    // budget_ontoereikend.
    exec(
        &app.db,
        "ALTER TABLE mutatie ADD CONSTRAINT test_geen_overdracht \
         CHECK (omschrijving IS NULL OR omschrijving NOT LIKE 'Overgedragen van%')",
    )
    .await;
    let groot = budget(&app, &budgethouder, json!({"jaar": 2027})).await;
    let (b, a) = &gevallen[1];
    let body =
        json!({"aanvragen": [{"aanvraagId": a, "keuze": "overdracht"}], "naarBudgetId": groot});
    let r = app.post_as(&sluit(b), &budgethouder, &body).await;
    let status = r.status().as_u16();
    let fout: Value = r.json().await.unwrap_or_default();
    assert_ne!(fout["code"], "budget_ontoereikend", "{fout}");
    assert_eq!(status, 500, "{fout}");
    for budget in [b, &groot] {
        let open = app
            .get_json_as(&format!("/api/v1/budgetten/{budget}"), &budgethouder)
            .await;
        assert_eq!(open["open"], true, "{open}");
    }
    assert_eq!(
        app.get_json_as(&format!("/api/v1/budgetten/{groot}"), &budgethouder)
            .await["gereserveerd"],
        0
    );
}
