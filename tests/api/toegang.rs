//! Wie toegang tot persoonsgegevens beheert (DOMAIN.md, "Who governs access to
//! personal data"), tijdelijke wachtwoorden en tokengeneraties.

use sea_orm::{ConnectionTrait, TransactionTrait};
use serde_json::{Value, json};

use crate::helpers::{
    TestApp, assert_problem, assert_velden, exec, kolom, query_text, reden, spawn_app,
};

const NIEUW: &str = "een-heel-nieuw-wachtwoord";
const EIGEN: &str = "zelf-gekozen-wachtwoord-9";

/// De versie van een gebruiker in de database: een weigering verandert haar niet.
async fn versie(app: &TestApp, gebruikersnaam: &str) -> String {
    query_text(
        &app.db,
        &format!("SELECT version::text FROM gebruiker WHERE gebruikersnaam = '{gebruikersnaam}'"),
    )
    .await
}

/// Een koppeling van Oss met deze scopes; (id, secret).
async fn koppeling(app: &TestApp, scopes: &[&str]) -> (String, String) {
    let naam = format!("Koppeling {}", uuid::Uuid::now_v7());
    app.create_client("oss.beheerder", &naam, scopes).await
}

#[tokio::test]
async fn only_the_gemeente_beheerder_governs_every_municipal_account() {
    let app = spawn_app().await;
    let regio = app.token_for("regio.beheerder").await;
    let gebruikers = app.scalar_i64("SELECT count(*) FROM gebruiker").await;

    // De regio wijzigt niets aan een account van een gemeente, welke rol het ook heeft:
    // ook de budgethouder (die geld beweegt) en de raadpleger niet.
    for naam in [
        "oss.coordinator",
        "oss.beheerder",
        "oss.budgethouder",
        "oss.raadpleger",
    ] {
        let pad = format!("/api/v1/gebruikers/{}", app.user_id(naam).await);
        let voor = versie(&app, naam).await;
        for wijziging in [
            json!({"wachtwoord": NIEUW}),
            json!({"actief": false}),
            json!({"rollen": ["raadpleger"]}),
            json!({"externId": "idp-123"}),
        ] {
            let problem = app.patch_expect(&pad, &regio, &wijziging, 403).await;
            assert_eq!(
                problem["code"], "alleen_gemeente_beheerder",
                "{naam} {wijziging}"
            );
        }
        assert_eq!(versie(&app, naam).await, voor, "{naam}");
    }

    // Geen nieuw account in een gemeente, met welke rol ook; een tweede beheerder ook niet.
    for (rollen, code) in [
        (json!(["coordinator"]), "alleen_gemeente_beheerder"),
        (json!(["budgethouder"]), "alleen_gemeente_beheerder"),
        (json!(["raadpleger"]), "alleen_gemeente_beheerder"),
        (json!(["gemeente_beheerder"]), "gemeente_heeft_beheerder"),
    ] {
        let body = json!({"gebruikersnaam": "oss.nieuw", "gemeente": "GM0828",
                          "rollen": rollen, "wachtwoord": NIEUW});
        let problem = app
            .post_expect("/api/v1/gebruikers", &regio, &body, 403)
            .await;
        assert_eq!(problem["code"], code, "{rollen}");
    }
    assert_eq!(
        app.scalar_i64("SELECT count(*) FROM gebruiker").await,
        gebruikers
    );

    // Regionale accounts beheert de regio wel.
    let netwerkmanager = format!(
        "/api/v1/gebruikers/{}",
        app.user_id("regio.netwerkmanager").await
    );
    app.patch_expect(&netwerkmanager, &regio, &json!({"actief": false}), 200)
        .await;

    // De gemeentelijk beheerder doet het allemaal in de eigen gemeente.
    let eigen = app.token_for("oss.beheerder").await;
    let coordinator = format!(
        "/api/v1/gebruikers/{}",
        app.user_id("oss.coordinator").await
    );
    app.patch_expect(&coordinator, &eigen, &json!({"externId": "idp-123"}), 200)
        .await;
    let body = json!({"gebruikersnaam": "oss.coordinator2", "rollen": ["coordinator"],
                      "wachtwoord": NIEUW});
    app.post_expect("/api/v1/gebruikers", &eigen, &body, 201)
        .await;
    // ... maar niet in een andere gemeente (daar bestaat het account niet voor hem).
    let vught = format!(
        "/api/v1/gebruikers/{}",
        app.user_id("vught.raadpleger").await
    );
    app.patch_expect(&vught, &eigen, &json!({"actief": false}), 404)
        .await;
}

#[tokio::test]
async fn no_one_changes_their_own_roles() {
    let app = spawn_app().await;
    for (naam, rollen) in [
        (
            "oss.beheerder",
            json!(["gemeente_beheerder", "coordinator"]),
        ),
        ("oss.beheerder", json!(["raadpleger"])),
        (
            "regio.beheerder",
            json!(["regio_beheerder", "regio_netwerkmanager"]),
        ),
    ] {
        let token = app.token_for(naam).await;
        let pad = format!("/api/v1/gebruikers/{}", app.user_id(naam).await);
        let voor = versie(&app, naam).await;
        let problem = app
            .patch_expect(&pad, &token, &json!({"rollen": rollen}), 409)
            .await;
        assert_eq!(problem["code"], "eigen_account", "{naam}");
        assert_eq!(versie(&app, naam).await, voor, "{naam}");
    }
}

/// Vught zonder actieve beheerder (de enige is uit dienst).
async fn vught_zonder_beheerder(app: &TestApp) {
    exec(
        &app.db,
        "UPDATE gebruiker SET actief = false WHERE gebruikersnaam = 'vught.beheerder'",
    )
    .await;
}

#[tokio::test]
async fn the_region_bootstraps_only_the_first_gemeente_beheerder_with_an_activation_code() {
    let app = spawn_app().await;
    let regio = app.token_for("regio.beheerder").await;
    vught_zonder_beheerder(&app).await;
    let body = |naam: &str| json!({"gebruikersnaam": naam, "gemeente": "GM0865", "rollen": ["gemeente_beheerder"]});
    // Alleen de rol gemeente_beheerder, niets erbij; en nooit een wachtwoord of externId
    // dat de regio kent.
    let met_meer = json!({"gebruikersnaam": "vught.meer", "gemeente": "GM0865",
                          "rollen": ["gemeente_beheerder", "coordinator"]});
    let problem = app
        .post_expect("/api/v1/gebruikers", &regio, &met_meer, 403)
        .await;
    assert_eq!(problem["code"], "alleen_gemeente_beheerder");
    let met_wachtwoord = json!({"gebruikersnaam": "vught.ww", "gemeente": "GM0865",
        "rollen": ["gemeente_beheerder"], "wachtwoord": NIEUW, "externId": "idp-9"});
    let problem = app
        .post_expect("/api/v1/gebruikers", &regio, &met_wachtwoord, 400)
        .await;
    assert_velden(
        &problem,
        &[
            ("externId", "niet_toegestaan"),
            ("wachtwoord", "niet_toegestaan"),
        ],
    );
    assert_eq!(
        app.scalar_i64(
            "SELECT count(*) FROM gebruiker WHERE gebruikersnaam IN ('vught.meer', 'vught.ww')"
        )
        .await,
        0
    );

    let eerste = app
        .post_expect("/api/v1/gebruikers", &regio, &body("vught.eerste"), 201)
        .await;
    assert_eq!(eerste["rollen"], json!(["gemeente_beheerder"]));
    assert_eq!(eerste["gemeente"], "GM0865");
    let code = eerste["activatiecode"]
        .as_str()
        .expect("activatiecode")
        .to_owned();
    assert!(eerste["activatiecodeGeldigTot"].is_string(), "{eerste}");
    // Gehasht bewaard, nooit als tekst.
    let hash = query_text(
        &app.db,
        "SELECT wachtwoord_hash FROM gebruiker WHERE gebruikersnaam = 'vught.eerste'",
    )
    .await;
    assert!(hash.starts_with("$argon2id$") && !hash.contains(&code));
    // Een lezing toont de code niet meer.
    let id = eerste["id"].as_str().expect("id");
    let gelezen = app
        .get_json_as(&format!("/api/v1/gebruikers/{id}"), &regio)
        .await;
    assert!(gelezen.get("activatiecode").is_none(), "{gelezen}");

    // Een tweede eerste is er niet.
    let problem = app
        .post_expect("/api/v1/gebruikers", &regio, &body("vught.tweede"), 403)
        .await;
    assert_eq!(problem["code"], "gemeente_heeft_beheerder");

    // Met de code komt er geen token: eerst zelf een wachtwoord kiezen.
    let problem = assert_problem(app.login("vught.eerste", &code).await, 400).await;
    assert_eq!(problem["code"], "wachtwoord_tijdelijk");
    // De regio kan het account daarna niet overnemen.
    let pad = format!("/api/v1/gebruikers/{id}");
    let problem = app
        .patch_expect(&pad, &regio, &json!({"wachtwoord": NIEUW}), 403)
        .await;
    assert_eq!(problem["code"], "alleen_gemeente_beheerder");

    let inwisselen = json!({"gebruikersnaam": "vught.eerste", "wachtwoord": code,
                            "nieuwWachtwoord": EIGEN});
    let response = app
        .post_anonymous("/api/v1/auth/wachtwoord", &inwisselen)
        .await;
    assert_eq!(response.status(), 204);
    let token = app.token_for_with("vught.eerste", EIGEN).await;
    let mij = app.get_json_as("/api/v1/gebruikers/mij", &token).await;
    assert_eq!(mij["rollen"], json!(["gemeente_beheerder"]));
    // Een tweede keer werkt de code niet meer.
    let problem = assert_problem(app.login("vught.eerste", &code).await, 400).await;
    assert_eq!(problem["error"], "invalid_grant");

    // Aanmaken en activeren staan in de audit trail van Vught, zonder de code.
    let regels = app
        .get_json_as(
            &format!("/api/v1/audit-trail?resource=gebruiker&resourceId={id}"),
            &token,
        )
        .await;
    let acties = kolom(&regels, "actie");
    assert_eq!(acties.len(), 2, "{regels}");
    assert!(
        acties.contains(&"aangemaakt") && acties.contains(&"gewijzigd"),
        "{regels}"
    );
    let tekst = regels.to_string();
    assert!(
        tekst.contains("activatiecode") && !tekst.contains(&code),
        "{tekst}"
    );
    assert_eq!(
        app.scalar_i64(&format!(
            "SELECT count(*) FROM audit_trail WHERE resource_id = '{id}' \
             AND gemeente_id = (SELECT id FROM gemeente WHERE code = 'GM0865')"
        ))
        .await,
        2
    );
}

#[tokio::test]
async fn an_activation_code_is_refused_after_72_hours() {
    let app = spawn_app().await;
    let regio = app.token_for("regio.beheerder").await;
    vught_zonder_beheerder(&app).await;
    let eerste = app
        .post_expect(
            "/api/v1/gebruikers",
            &regio,
            &json!({"gebruikersnaam": "vught.laat", "gemeente": "GM0865", "rollen": ["gemeente_beheerder"]}),
            201,
        )
        .await;
    let code = eerste["activatiecode"].as_str().expect("activatiecode");
    exec(
        &app.db,
        "UPDATE gebruiker SET wachtwoord_geldig_tot = now() - interval '1 minute' \
         WHERE gebruikersnaam = 'vught.laat'",
    )
    .await;
    let inwisselen = json!({"gebruikersnaam": "vught.laat", "wachtwoord": code,
                            "nieuwWachtwoord": EIGEN});
    let response = app
        .post_anonymous("/api/v1/auth/wachtwoord", &inwisselen)
        .await;
    let problem = assert_problem(response, 400).await;
    assert_eq!(problem["code"], "activatiecode_verlopen");
    assert_eq!(
        query_text(
            &app.db,
            "SELECT wachtwoord_tijdelijk::text FROM gebruiker WHERE gebruikersnaam = 'vught.laat'"
        )
        .await,
        "true"
    );
}

#[tokio::test]
async fn a_password_set_by_an_admin_is_temporary_until_the_user_chooses_one() {
    let app = spawn_app().await;
    let beheerder = app.token_for("oss.beheerder").await;
    let oud_token = app.token_for("oss.raadpleger").await;
    let id = app.user_id("oss.raadpleger").await;
    app.patch_expect(
        &format!("/api/v1/gebruikers/{id}"),
        &beheerder,
        &json!({"wachtwoord": NIEUW}),
        200,
    )
    .await;
    // Het token van vóór de reset werkt niet meer.
    assert_problem(app.get_as("/api/v1/gebruikers/mij", &oud_token).await, 401).await;

    let problem = assert_problem(app.login("oss.raadpleger", NIEUW).await, 400).await;
    assert_eq!(problem["code"], "wachtwoord_tijdelijk");
    assert!(
        problem["detail"]
            .as_str()
            .is_some_and(|d| d.contains("/api/v1/auth/wachtwoord")),
        "{problem}"
    );

    // Een fout oud wachtwoord: 400, en het nieuwe staat niet.
    let fout = json!({"gebruikersnaam": "oss.raadpleger", "wachtwoord": "niet-het-goede-1",
                      "nieuwWachtwoord": EIGEN});
    let problem = app.post_anonymous("/api/v1/auth/wachtwoord", &fout).await;
    assert_problem(problem, 400).await;
    let goed = json!({"gebruikersnaam": "oss.raadpleger", "wachtwoord": NIEUW,
                      "nieuwWachtwoord": EIGEN});
    let response = app.post_anonymous("/api/v1/auth/wachtwoord", &goed).await;
    assert_eq!(response.status(), 204);
    assert_eq!(
        app.login("oss.raadpleger", EIGEN).await.status(),
        200,
        "het zelfgekozen wachtwoord werkt"
    );

    // De audit trail zegt wie het wachtwoord zette: eerst de beheerder, dan de gebruiker.
    let door = query_text(
        &app.db,
        &format!(
            "SELECT string_agg(g.gebruikersnaam, ',' ORDER BY a.volgnummer) FROM audit_trail a \
             JOIN gebruiker g ON g.id = a.actor_id \
             WHERE a.resource = 'gebruiker' AND a.resource_id = '{id}' \
             AND a.wijzigingen::text LIKE '%wachtwoord%'"
        ),
    )
    .await;
    assert_eq!(door, "oss.beheerder,oss.raadpleger");
}

#[tokio::test]
async fn the_new_password_endpoint_counts_toward_the_lock_out() {
    let app = spawn_app().await;
    let fout = json!({"gebruikersnaam": "oss.coordinator", "wachtwoord": "niet-het-goede-1",
                      "nieuwWachtwoord": EIGEN});
    for _ in 0..5 {
        assert_problem(
            app.post_anonymous("/api/v1/auth/wachtwoord", &fout).await,
            400,
        )
        .await;
    }
    assert_problem(
        app.login("oss.coordinator", crate::helpers::DEMO_PASSWORD)
            .await,
        429,
    )
    .await;
}

#[tokio::test]
async fn deactivating_and_reactivating_does_not_revive_old_tokens() {
    let app = spawn_app().await;
    let beheerder = app.token_for("oss.beheerder").await;
    let oud = app.token_for("oss.budgethouder").await;
    let pad = format!(
        "/api/v1/gebruikers/{}",
        app.user_id("oss.budgethouder").await
    );
    for actief in [false, true] {
        app.patch_expect(&pad, &beheerder, &json!({"actief": actief}), 200)
            .await;
    }
    assert_problem(app.get_as("/api/v1/gebruikers/mij", &oud).await, 401).await;
    app.token_for("oss.budgethouder").await;

    let (client, secret) = koppeling(&app, &["gebieden.lezen"]).await;
    let oud = app.client_token(&client, &secret).await;
    let pad = format!("/api/v1/koppelingen/{client}");
    for actief in [false, true] {
        app.patch_expect(&pad, &beheerder, &json!({"actief": actief}), 200)
            .await;
    }
    assert_problem(app.get_as("/api/v1/gebieden", &oud).await, 401).await;
    app.client_token(&client, &secret).await;
}

#[tokio::test]
async fn only_the_gemeente_beheerder_governs_every_koppeling() {
    let app = spawn_app().await;
    let regio = app.token_for("regio.beheerder").await;
    let beheerder = app.token_for("oss.beheerder").await;
    for scopes in [
        vec!["gebieden.lezen", "sleutelpersonen.lezen"],
        vec!["gebieden.lezen"],
        vec!["budgetten.schrijven"],
        vec!["netwerken.lezen"],
    ] {
        let (id, _) = koppeling(&app, &scopes).await;
        let pad = format!("/api/v1/koppelingen/{id}");
        let voor = app.get_json_as(&pad, &beheerder).await;
        for wijziging in [
            json!({"naam": "Andere naam"}),
            json!({"actief": false}),
            json!({"scopes": ["gebieden.lezen"]}),
            json!({"scopes": ["gebieden.lezen", "budgetten.schrijven"]}),
        ] {
            let problem = app.patch_expect(&pad, &regio, &wijziging, 403).await;
            assert_eq!(
                problem["code"], "alleen_gemeente_beheerder",
                "{scopes:?} {wijziging}"
            );
        }
        let problem = app
            .post_expect(&format!("{pad}/geheim"), &regio, &json!({}), 403)
            .await;
        assert_eq!(problem["code"], "alleen_gemeente_beheerder");
        assert_eq!(app.get_json_as(&pad, &beheerder).await, voor, "{scopes:?}");
    }
    // Ook geen nieuwe koppeling, met welke scope ook.
    let aantal = app.scalar_i64("SELECT count(*) FROM koppeling").await;
    for scopes in [
        json!(["budgetten.schrijven"]),
        json!(["netwerken.lezen"]),
        json!(["gebieden.lezen"]),
    ] {
        let body = json!({"naam": "Regio-registratie", "gemeente": "GM0828", "scopes": scopes});
        let problem = app
            .post_expect("/api/v1/koppelingen", &regio, &body, 403)
            .await;
        assert_eq!(problem["code"], "alleen_gemeente_beheerder");
    }
    assert_eq!(
        app.scalar_i64("SELECT count(*) FROM koppeling").await,
        aantal
    );
    // De regio leest ze wel (welke systemen er zijn), zonder secret.
    let lijst = app
        .get_json_as("/api/v1/koppelingen?gemeente=GM0828", &regio)
        .await;
    assert!(!lijst.to_string().contains("clientSecret"));
}

#[tokio::test]
async fn bad_input_to_the_new_password_endpoint_names_every_field_and_stores_nothing() {
    let app = spawn_app().await;
    let voor = versie(&app, "oss.raadpleger").await;
    let leeg = app
        .post_anonymous("/api/v1/auth/wachtwoord", &json!({"kleur": "rood"}))
        .await;
    let problem = assert_problem(leeg, 400).await;
    crate::helpers::assert_velden(
        &problem,
        &[
            ("gebruikersnaam", "verplicht"),
            ("kleur", "onbekend"),
            ("nieuwWachtwoord", "verplicht"),
            ("wachtwoord", "verplicht"),
        ],
    );
    let body = json!({"gebruikersnaam": "oss.raadpleger", "wachtwoord": crate::helpers::DEMO_PASSWORD,
                      "nieuwWachtwoord": "kort"});
    let problem = assert_problem(
        app.post_anonymous("/api/v1/auth/wachtwoord", &body).await,
        400,
    )
    .await;
    assert_eq!(
        crate::helpers::invalid_params(&problem)[0].0,
        "nieuwWachtwoord"
    );
    assert_eq!(versie(&app, "oss.raadpleger").await, voor);
    assert_eq!(
        app.scalar_i64("SELECT count(*) FROM mislukte_inlog").await,
        0,
        "ongeldige invoer is geen inlogpoging"
    );
}

/// Hoe een aanroeper een traject ziet: (notities van stap 1, reden van het besluit,
/// `persoonsgegevens`), uit het traject zelf en uit de lijst.
async fn notities_en_reden(app: &TestApp, token: &str, id: &str) -> [Value; 3] {
    let traject = app
        .get_expect(&format!("/api/v1/trajecten/{id}"), token, 200)
        .await;
    let gebied = traject["gebiedId"].as_str().expect("gebiedId");
    let lijst = app
        .get_expect(&format!("/api/v1/trajecten?gebiedId={gebied}"), token, 200)
        .await;
    let in_lijst = lijst["resultaten"]
        .as_array()
        .and_then(|r| r.iter().find(|t| t["id"] == id))
        .cloned()
        .unwrap_or_default();
    let stap1 = &traject["stappen"][0];
    assert_eq!(stap1["nummer"], 1);
    let gezien = [
        stap1.get("notities").cloned().unwrap_or(Value::Null),
        traject["besluiten"][0]
            .get("reden")
            .cloned()
            .unwrap_or(Value::Null),
        traject["persoonsgegevens"].clone(),
    ];
    assert_eq!(
        [
            in_lijst["stappen"][0]
                .get("notities")
                .cloned()
                .unwrap_or(Value::Null),
            in_lijst["besluiten"][0]
                .get("reden")
                .cloned()
                .unwrap_or(Value::Null),
            in_lijst["persoonsgegevens"].clone(),
        ],
        gezien,
        "de lijst toont hetzelfde als het traject"
    );
    gezien
}

#[tokio::test]
async fn only_who_may_see_personal_data_receives_step_notes_and_decision_reasons() {
    let app = spawn_app().await;
    let coordinator = app.token_for("oss.coordinator").await;
    let traject = app.nieuw_traject(&coordinator, "weerbaarheid", None).await;
    let id = traject["id"].as_str().expect("id").to_owned();
    let stap = |n: u8| format!("/api/v1/trajecten/{id}/stappen/{n}");
    let notitie = "Gesproken met mevrouw J. de Vries (Kerkstraat 4).";
    let reden = "Dhr. P. Jansen trekt de kar.";
    app.patch_expect(
        &stap(1),
        &coordinator,
        &json!({"status": "afgerond", "notities": notitie}),
        200,
    )
    .await;
    app.patch_expect(&stap(4), &coordinator, &json!({"status": "bezig"}), 200)
        .await;
    app.post_expect(
        &format!("/api/v1/trajecten/{id}/besluiten"),
        &coordinator,
        &json!({"besluit": "go", "reden": reden}),
        200,
    )
    .await;

    let alles = [json!(notitie), json!(reden), json!(true)];
    let niets = [Value::Null, Value::Null, json!(false)];
    for (gebruiker, ziet) in [
        ("oss.coordinator", true),
        ("oss.beheerder", true),
        ("oss.raadpleger", false),
        ("oss.budgethouder", false),
        ("regio.netwerkmanager", false),
        ("regio.beheerder", false),
    ] {
        let token = app.token_for(gebruiker).await;
        let gezien = notities_en_reden(&app, &token, &id).await;
        assert_eq!(&gezien, if ziet { &alles } else { &niets }, "{gebruiker}");
    }
    for (scopes, ziet) in [
        (&["trajecten.lezen", "sleutelpersonen.lezen"][..], true),
        (&["trajecten.lezen"][..], false),
    ] {
        let (id_koppeling, geheim) = koppeling(&app, scopes).await;
        let token = app.client_token(&id_koppeling, &geheim).await;
        let gezien = notities_en_reden(&app, &token, &id).await;
        assert_eq!(&gezien, if ziet { &alles } else { &niets }, "{scopes:?}");
    }
}

#[tokio::test]
async fn passwords_that_can_be_guessed_are_refused_wherever_they_are_set() {
    let app = spawn_app().await;
    let beheerder = app.token_for("oss.beheerder").await;
    let raadpleger = app.user_id("oss.raadpleger").await;
    let voor_gebruikers = app.scalar_i64("SELECT count(*) FROM gebruiker").await;
    let voor_versie = versie(&app, "oss.raadpleger").await;
    for (wachtwoord, code, verwacht) in [
        ("oss.raadpleger!!", "te_zwak", "gebruikersnaam"),
        ("Raadpleger-2026-x", "te_zwak", "gebruikersnaam"),
        ("             ", "ongeldig", "witruimte"),
        ("Password1234", "te_zwak", "veel gebruikt"),
        ("Welkom2026!!!", "te_zwak", "veel gebruikt"),
        ("wachtwoord123", "te_zwak", "veel gebruikt"),
        ("aaaaaaaaaaaaaa", "te_zwak", "verschillende"),
        ("1234567890123", "te_zwak", "reeks"),
    ] {
        // Een beheerder die een wachtwoord zet, en de gebruiker die zelf een nieuw kiest.
        let door_beheerder = app
            .patch_expect(
                &format!("/api/v1/gebruikers/{raadpleger}"),
                &beheerder,
                &json!({"wachtwoord": wachtwoord}),
                400,
            )
            .await;
        let zelf = json!({"gebruikersnaam": "oss.raadpleger", "nieuwWachtwoord": wachtwoord,
                          "wachtwoord": crate::helpers::DEMO_PASSWORD});
        let door_gebruiker = app.post_anonymous("/api/v1/auth/wachtwoord", &zelf).await;
        for (veld, problem) in [
            ("wachtwoord", door_beheerder),
            ("nieuwWachtwoord", assert_problem(door_gebruiker, 400).await),
        ] {
            assert_velden(&problem, &[(veld, code)]);
            assert!(
                reden(&problem, veld).contains(verwacht),
                "{wachtwoord}: {problem}"
            );
        }
    }
    // Een nieuwe gebruiker, met het wachtwoord dat zijn naam bevat.
    let problem = app
        .post_expect(
            "/api/v1/gebruikers",
            &beheerder,
            &json!({"gebruikersnaam": "oss.pjansen", "rollen": ["raadpleger"],
                    "wachtwoord": "PJansen-welkom-01"}),
            400,
        )
        .await;
    assert_velden(&problem, &[("wachtwoord", "te_zwak")]);
    // Niets veranderd, en het oude wachtwoord werkt nog (de weigeringen telden niet
    // als mislukte inlog: het wachtwoord was juist).
    assert_eq!(
        app.scalar_i64("SELECT count(*) FROM gebruiker").await,
        voor_gebruikers
    );
    assert_eq!(versie(&app, "oss.raadpleger").await, voor_versie);
    assert_eq!(
        app.login("oss.raadpleger", crate::helpers::DEMO_PASSWORD)
            .await
            .status(),
        200
    );
}

/// De context van een verzoek opent in één statement (`weefsel_context_openen`); de
/// regionale modus die de database daarbij zet, is voor elke rollencombinatie wat
/// de dienst (`Caller::regio_modus`) ervan denkt, en een ongeldig token zet niets.
#[tokio::test]
async fn the_database_sets_the_same_regional_mode_as_the_service_and_nothing_for_a_stale_token() {
    use sea_orm::{ConnectionTrait, DbBackend, Statement, TransactionTrait};
    use weefsel_api::auth::{Actor, Caller, GemeenteRef, Rol};

    let app = spawn_app().await;
    exec(
        &app.db,
        "INSERT INTO gebruiker (id, gebruikersnaam, rollen) VALUES \
         (gen_random_uuid(), 'regio.beide', ARRAY['regio_netwerkmanager', 'regio_beheerder'])",
    )
    .await;
    let oss = query_text(
        &app.db,
        "SELECT id::text FROM gemeente WHERE code = 'GM0828'",
    )
    .await;
    // (gebruiker, generatie in het token relatief aan de database, gemeente in het token)
    let gevallen = [
        ("regio.beheerder", 0, None),
        ("regio.netwerkmanager", 0, None),
        ("regio.beide", 0, None),
        ("oss.coordinator", 0, Some("GM0828")),
        ("oss.beheerder", 0, Some("GM0828")),
        ("oss.coordinator", -1, Some("GM0828")),
        ("oss.coordinator", 0, Some("GM0796")),
        ("regio.beheerder", 0, Some("GM0828")),
    ];
    for (naam, verschil, token_gemeente) in gevallen {
        let tx = app.db.begin().await.expect("transactie");
        let sql = format!(
            "SELECT c.regio, c.geldig, array_to_string(c.rollen, ','), coalesce(c.gemeente_id::text, '') \
             FROM gebruiker g, weefsel_context_openen('gebruiker', g.id, {}, NULL, g.token_generatie + ({verschil})) c \
             WHERE g.gebruikersnaam = '{naam}'",
            token_gemeente.map_or("NULL".to_owned(), |c| format!("'{c}'")),
        );
        let rij = tx
            .query_one_raw(Statement::from_string(DbBackend::Postgres, sql))
            .await
            .expect("context openen")
            .expect("een rij");
        let regio: String = rij.try_get_by_index(0).expect("regio");
        let geldig: bool = rij.try_get_by_index(1).expect("geldig");
        let rollen: String = rij.try_get_by_index(2).expect("rollen");
        let gemeente_id: String = rij.try_get_by_index(3).expect("gemeente");
        let instellingen = tx
            .query_one_raw(Statement::from_string(
                DbBackend::Postgres,
                "SELECT current_setting('weefsel.regio'), current_setting('weefsel.gemeente'), \
                 current_setting('weefsel.context')",
            ))
            .await
            .expect("instellingen")
            .expect("een rij");
        let gezet: (String, String, String) = (
            instellingen.try_get_by_index(0).expect("regio"),
            instellingen.try_get_by_index(1).expect("gemeente"),
            instellingen.try_get_by_index(2).expect("context"),
        );
        tx.rollback().await.expect("terugdraaien");

        let hoort_geldig =
            verschil == 0 && token_gemeente == (!gemeente_id.is_empty()).then_some("GM0828");
        assert_eq!(geldig, hoort_geldig, "{naam} {verschil} {token_gemeente:?}");
        if !geldig {
            assert_eq!(
                gezet,
                (String::new(), String::new(), String::new()),
                "{naam}"
            );
            continue;
        }
        let caller = Caller {
            actor: Actor::Systeem,
            gemeente: (!gemeente_id.is_empty()).then(|| GemeenteRef {
                id: gemeente_id.parse().expect("uuid"),
                code: "GM0828".into(),
            }),
            rollen: rollen.split(',').filter_map(Rol::parse).collect(),
            scopes: Vec::new(),
        };
        assert_eq!(regio, caller.regio_modus().as_setting(), "{naam}");
        assert_eq!(
            gezet,
            (regio.clone(), gemeente_id.clone(), String::new()),
            "{naam}"
        );
        if !gemeente_id.is_empty() {
            assert_eq!(gemeente_id, oss);
        }
    }
    let verwacht = [
        ("regio.beheerder", "beheer"),
        ("regio.netwerkmanager", "lezen"),
    ];
    for (naam, modus) in verwacht {
        let sql = format!(
            "SELECT c.regio FROM gebruiker g, weefsel_context_openen('gebruiker', g.id, NULL, NULL, g.token_generatie) c \
             WHERE g.gebruikersnaam = '{naam}'"
        );
        assert_eq!(query_text(&app.db, &sql).await, modus);
    }
}

/// Een regionale gebruiker zonder beheerrol kiest zijn eigen wachtwoord (ook onder de
/// row-level security van zijn eigen rij), en niemand wijzigt zijn eigen rollen, ook niet
/// in de database zelf.
#[tokio::test]
async fn a_regional_user_chooses_a_password_and_no_one_changes_their_own_roles_in_the_database() {
    let app = spawn_app().await;
    let regio = app.token_for("regio.beheerder").await;
    app.post_expect(
        "/api/v1/gebruikers",
        &regio,
        &json!({"gebruikersnaam": "regio.analist", "rollen": ["regio_netwerkmanager"], "wachtwoord": NIEUW}),
        201,
    )
    .await;
    let response = app
        .post_anonymous(
            "/api/v1/auth/wachtwoord",
            &json!({"gebruikersnaam": "regio.analist", "wachtwoord": NIEUW, "nieuwWachtwoord": EIGEN}),
        )
        .await;
    assert_eq!(response.status(), 204);
    let token = app.token_for_with("regio.analist", EIGEN).await;
    let mij = app.get_json_as("/api/v1/gebruikers/mij", &token).await;
    assert_eq!(mij["rollen"], json!(["regio_netwerkmanager"]));

    let id = app.user_id("oss.beheerder").await;
    let tx = app.db.begin().await.expect("transactie");
    tx.execute_unprepared(&format!(
        "SELECT set_config('weefsel.gebruiker', '{id}', true)"
    ))
    .await
    .expect("context");
    crate::helpers::weigert(
        &tx,
        &format!(
            "UPDATE gebruiker SET rollen = ARRAY['gemeente_beheerder', 'budgethouder'] WHERE id = '{id}'"
        ),
        "niemand wijzigt zijn eigen rollen",
    )
    .await;
}
