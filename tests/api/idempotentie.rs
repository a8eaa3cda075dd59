//! `Idempotency-Key` op elke `POST` die iets maakt of doet (issue 38, punt 2): een
//! herhaling doet niets opnieuw; wat de store bewaart hangt af van wat het antwoord
//! bevat (het antwoord zelf, alleen de plek om het opnieuw te lezen, of bij een geheim
//! niets dan de plek).

use reqwest::Response;
use serde_json::{Value, json};

use crate::helpers::{TestApp, assert_problem, header, invalid_params, spawn_app};

/// `POST` met `Idempotency-Key`.
async fn post_met_sleutel(
    app: &TestApp,
    pad: &str,
    token: &str,
    sleutel: &str,
    body: &Value,
) -> Response {
    app.client
        .post(app.url(pad))
        .bearer_auth(token)
        .header("Idempotency-Key", sleutel)
        .json(body)
        .send()
        .await
        .expect("verzoek")
}

/// Wat de store voor deze sleutel bewaart: (body, locatie, herlezen, geheim).
async fn bewaard(
    app: &TestApp,
    sleutel: &str,
) -> (Option<String>, Option<String>, Option<String>, bool) {
    use sea_orm::{ConnectionTrait, DbBackend, Statement};
    let rij = app
        .db
        .query_one_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "SELECT body, locatie, herlezen, geheim FROM idempotentie WHERE sleutel = $1",
            [sleutel.into()],
        ))
        .await
        .expect("query")
        .expect("een regel voor de sleutel");
    (
        rij.try_get("", "body").expect("body"),
        rij.try_get("", "locatie").expect("locatie"),
        rij.try_get("", "herlezen").expect("herlezen"),
        rij.try_get("", "geheim").expect("geheim"),
    )
}

/// De done-when: een herhaalde `POST /initiatieven` geeft het eerste antwoord en maakt
/// één initiatief; dezelfde sleutel met een andere body is 422 en maakt niets.
#[tokio::test]
async fn a_retried_post_initiatieven_returns_the_first_answer_and_makes_one() {
    let app = spawn_app().await;
    let token = app.token_for("oss.coordinator").await;
    let body = json!({"titel": "Herhaalde buurtkast", "thema": "vrije_tijd", "organisatie": "Buurtvereniging",
                      "contactnaam": "Kanarie Contactnaam"});
    let eerste = post_met_sleutel(&app, "/api/v1/initiatieven", &token, "init-1", &body).await;
    assert_eq!(eerste.status(), 201);
    let locatie = header(eerste.headers(), "location");
    assert!(eerste.headers().get("idempotent-replayed").is_none());
    let eerste: Value = eerste.json().await.expect("json");

    let tweede = post_met_sleutel(&app, "/api/v1/initiatieven", &token, "init-1", &body).await;
    assert_eq!(tweede.status(), 201);
    assert_eq!(header(tweede.headers(), "location"), locatie);
    assert_eq!(header(tweede.headers(), "idempotent-replayed"), "true");
    assert_eq!(tweede.json::<Value>().await.expect("json"), eerste);

    // Dezelfde body in een andere volgorde en met witruimte is dezelfde.
    let anders_geschreven = app
        .client
        .post(app.url("/api/v1/initiatieven"))
        .bearer_auth(&token)
        .header("Idempotency-Key", "init-1")
        .header("Content-Type", "application/json")
        .body(r#"{ "contactnaam": "Kanarie Contactnaam", "organisatie": "Buurtvereniging", "thema": "vrije_tijd", "titel": "Herhaalde buurtkast" }"#)
        .send()
        .await
        .expect("verzoek");
    assert_eq!(anders_geschreven.status(), 201);

    let andere_body = json!({"titel": "Andere buurtkast", "thema": "vrije_tijd", "organisatie": "Buurtvereniging"});
    let fout = post_met_sleutel(&app, "/api/v1/initiatieven", &token, "init-1", &andere_body).await;
    let problem = assert_problem(fout, 422).await;
    assert_eq!(problem["code"], "idempotency_key_hergebruikt");
    assert_eq!(
        app.scalar_i64("SELECT count(*) FROM initiatief WHERE titel IN ('Herhaalde buurtkast', 'Andere buurtkast')")
            .await,
        1
    );
    // Het antwoord noemt een contactnaam (vrije tekst): de store bewaart alleen waar
    // het staat, nooit de tekst.
    let (bewaard_body, _, herlezen, geheim) = bewaard(&app, "init-1").await;
    assert_eq!(bewaard_body, None);
    assert_eq!(herlezen.as_deref(), Some(locatie.as_str()));
    assert!(!geheim);
    assert_eq!(
        app.scalar_i64("SELECT count(*) FROM idempotentie WHERE concat(body, locatie, herlezen, etag) LIKE '%Kanarie%'")
            .await,
        0
    );

    // Een andere aanroeper met dezelfde sleutel maakt zijn eigen initiatief.
    let ander = app.token_for("oss.beheerder").await;
    let derde = post_met_sleutel(&app, "/api/v1/initiatieven", &ander, "init-1", &body).await;
    assert_eq!(derde.status(), 201);
    assert_ne!(header(derde.headers(), "location"), locatie);
}

/// Het token, het wachtwoord en de zoekvraag nemen geen sleutel aan: 400
/// `idempotentie_niet_ondersteund`, en er gebeurt niets.
#[tokio::test]
async fn the_three_exceptions_refuse_a_key() {
    let app = spawn_app().await;
    let token = app.token_for("oss.coordinator").await;
    let logboek = "SELECT count(*) FROM verwerking";
    let voor = app.scalar_i64(logboek).await;
    let verzoeken = [
        app.client
            .post(app.url("/api/v1/auth/token"))
            .header("Idempotency-Key", "k-1")
            .form(&[("grant_type", "password"), ("username", "oss.coordinator"), ("password", crate::helpers::DEMO_PASSWORD)]),
        app.client
            .post(app.url("/api/v1/auth/wachtwoord"))
            .header("Idempotency-Key", "k-2")
            .json(&json!({"gebruikersnaam": "oss.coordinator", "huidigWachtwoord": crate::helpers::DEMO_PASSWORD,
                          "nieuwWachtwoord": "een-heel-ander-lang-wachtwoord-2026"})),
        app.client
            .post(app.url("/api/v1/sleutelpersonen/_zoek"))
            .bearer_auth(&token)
            .header("Idempotency-Key", "k-3")
            .json(&json!({"tekst": "Testpersoon"})),
    ];
    for verzoek in verzoeken {
        let problem = assert_problem(verzoek.send().await.expect("verzoek"), 400).await;
        assert_eq!(
            invalid_params(&problem),
            vec![(
                "Idempotency-Key".to_owned(),
                "idempotentie_niet_ondersteund".to_owned()
            )]
        );
    }
    assert_eq!(app.scalar_i64(logboek).await, voor);
    assert_eq!(app.scalar_i64("SELECT count(*) FROM idempotentie").await, 0);
    // Het wachtwoord is niet gewijzigd.
    assert_eq!(
        app.login("oss.coordinator", crate::helpers::DEMO_PASSWORD)
            .await
            .status(),
        200
    );
}

/// Een herhaalde `POST /koppelingen` is 409 `al_aangemaakt` met de `Location`, nooit
/// het secret; de store bewaart het secret niet. Zo ook een vernieuwd secret.
#[tokio::test]
async fn a_replayed_koppeling_is_409_with_location_and_no_secret() {
    let app = spawn_app().await;
    let beheerder = app.token_for("oss.beheerder").await;
    let body = json!({"naam": "CRM met herhaling", "scopes": ["gebieden.lezen"]});
    let eerste = post_met_sleutel(&app, "/api/v1/koppelingen", &beheerder, "kop-1", &body).await;
    assert_eq!(eerste.status(), 201);
    let locatie = header(eerste.headers(), "location");
    let eerste: Value = eerste.json().await.expect("json");
    let secret = eerste["clientSecret"]
        .as_str()
        .expect("clientSecret")
        .to_owned();

    let tweede = post_met_sleutel(&app, "/api/v1/koppelingen", &beheerder, "kop-1", &body).await;
    assert_eq!(tweede.status(), 409);
    assert_eq!(header(tweede.headers(), "location"), locatie);
    let tekst = tweede.text().await.expect("tekst");
    assert!(!tekst.contains(&secret));
    let problem: Value = serde_json::from_str(&tekst).expect("json");
    assert_eq!(problem["code"], "al_aangemaakt");
    assert_eq!(
        app.scalar_i64("SELECT count(*) FROM koppeling WHERE naam = 'CRM met herhaling'")
            .await,
        1
    );
    let (bewaard_body, bewaard_locatie, _, geheim) = bewaard(&app, "kop-1").await;
    assert_eq!(
        (bewaard_body, bewaard_locatie.as_deref(), geheim),
        (None, Some(locatie.as_str()), true)
    );

    let vernieuw = format!("{locatie}/geheim");
    let nieuw = post_met_sleutel(&app, &vernieuw, &beheerder, "geheim-1", &json!({})).await;
    assert_eq!(nieuw.status(), 200);
    let nieuw_secret = nieuw.json::<Value>().await.expect("json")["clientSecret"]
        .as_str()
        .expect("clientSecret")
        .to_owned();
    let herhaald = post_met_sleutel(&app, &vernieuw, &beheerder, "geheim-1", &json!({})).await;
    assert_eq!(header(herhaald.headers(), "location"), locatie);
    let tekst = herhaald.text().await.expect("tekst");
    assert!(!tekst.contains(&nieuw_secret), "{tekst}");
    assert!(tekst.contains("al_aangemaakt"));
    // Het secret van de eerste vernieuwing werkt nog: de herhaling vernieuwde niet.
    app.client_token(
        eerste["clientId"].as_str().expect("clientId"),
        &nieuw_secret,
    )
    .await;
    assert_eq!(
        app.scalar_i64("SELECT count(*) FROM idempotentie WHERE body IS NOT NULL")
            .await,
        0
    );
}

/// Na `POST /sleutelpersonen` met kanaries houdt de store er geen; een herhaling
/// leest de persoon opnieuw met de rechten van dát moment: een koppeling die haar
/// scopes voor sleutelpersonen kwijt is, krijgt 403 in plaats van de persoon.
#[tokio::test]
async fn a_replayed_sleutelpersoon_is_read_again_under_current_rights() {
    let app = spawn_app().await;
    let beheerder = app.token_for("oss.beheerder").await;
    let (client_id, secret) = app
        .create_client(
            "oss.beheerder",
            "CRM sleutelpersonen",
            &["sleutelpersonen.lezen", "sleutelpersonen.schrijven"],
        )
        .await;
    let koppeling = app.client_token(&client_id, &secret).await;
    let body = json!({"voornaam": "KanarieVoornaam", "achternaam": "KanarieAchternaam",
                      "notities": "Kanarie in de notitie"});
    let eerste = post_met_sleutel(&app, "/api/v1/sleutelpersonen", &koppeling, "sp-1", &body).await;
    assert_eq!(eerste.status(), 201);
    let locatie = header(eerste.headers(), "location");
    let eerste: Value = eerste.json().await.expect("json");
    assert_eq!(eerste["voornaam"], "KanarieVoornaam");
    assert_eq!(
        app.scalar_i64("SELECT count(*) FROM idempotentie WHERE concat(body, locatie, herlezen, etag, vingerafdruk) LIKE '%Kanarie%'")
            .await,
        0
    );
    let logboek = "SELECT count(*) FROM verwerking";
    let voor = app.scalar_i64(logboek).await;

    let tweede = post_met_sleutel(&app, "/api/v1/sleutelpersonen", &koppeling, "sp-1", &body).await;
    assert_eq!(tweede.status(), 201);
    assert_eq!(header(tweede.headers(), "location"), locatie);
    assert_eq!(header(tweede.headers(), "idempotent-replayed"), "true");
    assert_eq!(tweede.json::<Value>().await.expect("json"), eerste);
    // Opnieuw gelezen: dat is een verwerking, met haar regel.
    assert_eq!(app.scalar_i64(logboek).await, voor + 1);

    // De beheerder neemt de scopes voor sleutelpersonen terug: de herhaling mag de
    // persoon niet meer lezen, en toont haar dus ook niet.
    let gewijzigd = app
        .patch_huidig(
            &format!("/api/v1/koppelingen/{client_id}"),
            &beheerder,
            &json!({"scopes": ["gebieden.lezen"]}),
        )
        .await;
    assert_eq!(gewijzigd.status(), 200);
    let derde = post_met_sleutel(&app, "/api/v1/sleutelpersonen", &koppeling, "sp-1", &body).await;
    let tekst = assert_problem(derde, 403).await.to_string();
    assert!(!tekst.contains("Kanarie"), "{tekst}");
    assert_eq!(
        app.scalar_i64(
            "SELECT count(*) FROM sleutelpersoon_gegevens WHERE voornaam = 'KanarieVoornaam'"
        )
        .await,
        1
    );

    // Geanonimiseerd: de store vergeet waar ze staat, ook voor andere aanroepers; een
    // herhaling is dan 409 `al_aangemaakt` zonder `Location`.
    let id = eerste["id"].as_str().expect("id");
    app.post_expect(
        &format!("/api/v1/sleutelpersonen/{id}/anonimisering"),
        &beheerder,
        &json!({}),
        200,
    )
    .await;
    assert_eq!(
        app.scalar_i64(&format!(
            "SELECT count(*) FROM idempotentie WHERE concat(body, locatie, herlezen) LIKE '%{id}%'"
        ))
        .await,
        0
    );
    let vierde = post_met_sleutel(&app, "/api/v1/sleutelpersonen", &koppeling, "sp-1", &body).await;
    assert_eq!(vierde.headers().get("location"), None);
    assert_eq!(assert_problem(vierde, 409).await["code"], "al_aangemaakt");
}

/// Een handeling op een resource (een besluit) en een mutatie van het grootboek
/// worden bij een herhaling opnieuw gelezen: de aanvraag en de regel zelf.
#[tokio::test]
async fn a_replayed_action_reads_its_resource() {
    let app = spawn_app().await;
    let coordinator = app.token_for("oss.coordinator").await;
    let budgethouder = app.token_for("oss.budgethouder").await;
    let budget = app
        .aanmaken(
            "/api/v1/budgetten",
            &budgethouder,
            &json!({"naam": "Herhaalbudget", "jaar": 2026, "vorm": "micro", "totaalBedrag": 10000, "maxPerAanvraag": 10000}),
        )
        .await;
    let initiatief = app
        .aanmaken(
            "/api/v1/initiatieven",
            &coordinator,
            &json!({"titel": "Buurtkast", "thema": "vrije_tijd", "organisatie": "Buurtvereniging"}),
        )
        .await;
    let aanvraag = app
        .aanmaken(
            "/api/v1/aanvragen",
            &coordinator,
            &json!({"budgetId": budget, "initiatiefId": initiatief, "aangevraagdBedrag": 1000}),
        )
        .await;
    let besluit = json!({"toegekendBedrag": 1000, "motivering": "Toegekend"});
    let pad = format!("/api/v1/aanvragen/{aanvraag}/besluit");
    let eerste = post_met_sleutel(&app, &pad, &budgethouder, "besluit-1", &besluit).await;
    assert_eq!(eerste.status(), 200);
    let eerste: Value = eerste.json().await.expect("json");
    let tweede = post_met_sleutel(&app, &pad, &budgethouder, "besluit-1", &besluit).await;
    assert_eq!(tweede.status(), 200);
    assert_eq!(header(tweede.headers(), "idempotent-replayed"), "true");
    assert_eq!(tweede.json::<Value>().await.expect("json"), eerste);

    let uitbetaling = json!({"bedrag": 400, "omschrijving": "Eerste deel"});
    let pad = format!("/api/v1/aanvragen/{aanvraag}/uitbetalingen");
    let eerste = post_met_sleutel(&app, &pad, &budgethouder, "uit-1", &uitbetaling).await;
    assert_eq!(eerste.status(), 201);
    let locatie = header(eerste.headers(), "location");
    assert!(locatie.starts_with(&format!("/api/v1/budgetten/{budget}/mutaties/")));
    let eerste: Value = eerste.json().await.expect("json");
    assert_eq!(app.get_expect(&locatie, &budgethouder, 200).await, eerste);
    let tweede = post_met_sleutel(&app, &pad, &budgethouder, "uit-1", &uitbetaling).await;
    assert_eq!(tweede.status(), 201);
    assert_eq!(header(tweede.headers(), "location"), locatie);
    assert_eq!(tweede.json::<Value>().await.expect("json"), eerste);
    assert_eq!(
        app.scalar_i64(&format!(
            "SELECT count(*) FROM mutatie WHERE aanvraag_id = '{aanvraag}' AND soort = 'uitbetaling'"
        ))
        .await,
        1
    );
}

/// Het document noemt `Idempotency-Key` (en 422) bij elke `POST` met een token,
/// behalve de drie uitzonderingen.
#[tokio::test]
async fn the_document_names_the_key_on_every_creating_post() {
    let doc = weefsel_api::modules::document();
    let mut gezien = 0;
    for (pad, item) in doc["paths"].as_object().expect("paths") {
        let Some(operatie) = item.get("post") else {
            continue;
        };
        let heeft = operatie["parameters"]
            .as_array()
            .into_iter()
            .flatten()
            .any(|p| p["name"] == "Idempotency-Key" && p["in"] == "header");
        let uitzondering =
            ["/auth/token", "/auth/wachtwoord", "/sleutelpersonen/_zoek"].contains(&pad.as_str());
        assert_eq!(heeft, !uitzondering, "{pad}");
        assert_eq!(operatie["responses"].get("422").is_some(), heeft, "{pad}");
        gezien += usize::from(heeft);
    }
    assert!(gezien >= 29, "{gezien}");
}

/// Een herhaling die het antwoord niet bewaarde, leest de resource opnieuw: daarvoor
/// heeft elke `POST` met zo'n antwoord een `GET` met hetzelfde schema, op de `Location`
/// (een 201: het pad met een id erachter) of op de resource van de handeling (een 200:
/// het pad zonder zijn laatste deel).
#[test]
fn every_answer_that_is_not_stored_can_be_read_again() {
    use weefsel_api::auth::zichtbaarheid::filter::Zichtbaarheid;
    let doc = weefsel_api::modules::document();
    let regels = Zichtbaarheid::uit(&doc);
    let paden = doc["paths"].as_object().expect("paths");
    let schema = |operatie: &Value, status: &str| {
        operatie["responses"][status]["content"]["application/json"]["schema"]["$ref"]
            .as_str()
            .map(str::to_owned)
    };
    let mut herlezen = 0;
    for (pad, item) in paden {
        let Some(post) = item.get("post") else {
            continue;
        };
        let geheim =
            ["/koppelingen", "/koppelingen/{id}/geheim", "/gebruikers"].contains(&pad.as_str());
        let uitgezonderd =
            ["/auth/token", "/auth/wachtwoord", "/sleutelpersonen/_zoek"].contains(&pad.as_str());
        if geheim
            || uitgezonderd
            || !regels
                .0
                .beperkt(&actix_web::http::Method::POST, &format!("/api/v1{pad}"))
        {
            continue;
        }
        let (status, doelen): (&str, Vec<&String>) = if post["responses"].get("201").is_some() {
            // Een nieuwe resource: een GET op één resource (een pad dat op een id eindigt),
            // meestal onder het pad van de POST (een regel van het grootboek onder haar
            // budget).
            ("201", paden.keys().filter(|p| p.ends_with('}')).collect())
        } else {
            let ouder = pad.rsplit_once('/').map(|(o, _)| o).unwrap_or_default();
            (
                "200",
                paden.keys().filter(|p| p.as_str() == ouder).collect(),
            )
        };
        let verwacht = schema(post, status);
        assert!(
            doelen.iter().any(|doel| paden[doel.as_str()]
                .get("get")
                .is_some_and(|get| schema(get, "200") == verwacht)),
            "POST {pad}: geen GET met {verwacht:?} om opnieuw te lezen"
        );
        herlezen += 1;
    }
    assert!(herlezen >= 20, "{herlezen}");
}

/// Een rij onder een ouder (een check-in, met vrije tekst) heeft haar eigen `Location`,
/// en een herhaling leest haar daar opnieuw.
#[tokio::test]
async fn a_replayed_checkin_is_read_at_its_own_location() {
    let app = spawn_app().await;
    let coordinator = app.token_for("oss.coordinator").await;
    let persoon = app.nieuwe_sleutelpersoon(&coordinator, json!({})).await;
    let pad = format!(
        "/api/v1/sleutelpersonen/{}/checkins",
        persoon["id"].as_str().expect("id")
    );
    let body = json!({"datum": "2026-11-01", "notitie": "Kanarie in de check-in"});
    let eerste = post_met_sleutel(&app, &pad, &coordinator, "ci-1", &body).await;
    assert_eq!(eerste.status(), 201);
    let locatie = header(eerste.headers(), "location");
    let eerste: Value = eerste.json().await.expect("json");
    assert_eq!(
        locatie,
        format!("{pad}/{}", eerste["id"].as_str().expect("id"))
    );
    assert_eq!(app.get_expect(&locatie, &coordinator, 200).await, eerste);
    let tweede = post_met_sleutel(&app, &pad, &coordinator, "ci-1", &body).await;
    assert_eq!(tweede.status(), 201);
    assert_eq!(header(tweede.headers(), "location"), locatie);
    assert_eq!(tweede.json::<Value>().await.expect("json"), eerste);
    assert_eq!(
        app.scalar_i64(
            "SELECT count(*) FROM sleutelpersoon_checkin WHERE notitie = 'Kanarie in de check-in'"
        )
        .await,
        1
    );
    let (body, _, herlezen, _) = bewaard(&app, "ci-1").await;
    assert_eq!((body, herlezen.as_deref()), (None, Some(locatie.as_str())));
}

/// Elke `POST` met `Idempotency-Key` noemt 409 (bezig, of al aangemaakt met een geheim),
/// ook een zonder body.
#[test]
fn every_post_with_a_key_documents_409() {
    let doc = weefsel_api::modules::document();
    for (pad, item) in doc["paths"].as_object().expect("paths") {
        let Some(post) = item.get("post") else {
            continue;
        };
        let sleutel = post["parameters"]
            .as_array()
            .into_iter()
            .flatten()
            .any(|p| p["name"] == "Idempotency-Key");
        if sleutel {
            assert!(post["responses"].get("409").is_some(), "POST {pad}");
        }
    }
}
