//! De audit trail: elke mutatie vastgelegd, zonder geheimen, leesbaar voor
//! beheerders, en een gewijzigde of verwijderde regel wordt ontdekt.

use serde_json::{Value, json};

use crate::helpers::assert_velden;
use crate::helpers::{audit_sleutels, exec, spawn_app};

fn rows(page: &Value) -> Vec<Value> {
    page["resultaten"].as_array().expect("resultaten").clone()
}

#[tokio::test]
async fn every_mutation_is_recorded_without_secret_values() {
    let app = spawn_app().await;
    let beheerder = app.token_for("oss.beheerder").await;
    let beheerder_id = app.user_id("oss.beheerder").await;

    let response = app
        .client
        .post(app.url("/api/v1/gebruikers"))
        .bearer_auth(&beheerder)
        .header("X-Request-Id", "aanmaak-42")
        .json(&json!({"gebruikersnaam": "oss.nieuw", "rollen": ["raadpleger"], "wachtwoord": "geheim-wachtwoord-1"}))
        .send()
        .await
        .expect("verzoek");
    assert_eq!(response.status(), 201);
    let request_id = crate::helpers::header(response.headers(), "x-request-id");
    assert_ne!(request_id, "aanmaak-42", "het request-id is van de dienst");
    let user: Value = response.json().await.expect("json");
    let user_id = user["id"].as_str().expect("id");
    app.patch_expect(
        &format!("/api/v1/gebruikers/{user_id}"),
        &beheerder,
        &json!({"rollen": ["coordinator"], "wachtwoord": "nog-een-geheim-wachtwoord"}),
        200,
    )
    .await;
    let response = app
        .post_as(
            "/api/v1/koppelingen",
            &beheerder,
            &json!({"naam": "CRM", "scopes": ["gebieden.lezen"]}),
        )
        .await;
    let client: Value = response.json().await.expect("json");
    let client_id = client["id"].as_str().expect("id");
    let secret = client["clientSecret"].as_str().expect("secret").to_owned();
    app.patch_as(
        &format!("/api/v1/koppelingen/{client_id}"),
        &beheerder,
        &json!({"actief": false}),
    )
    .await;
    let renewed: Value = app
        .post_as(
            &format!("/api/v1/koppelingen/{client_id}/geheim"),
            &beheerder,
            &json!({}),
        )
        .await
        .json()
        .await
        .expect("json");
    // Een afgewezen verzoek laat geen regel achter.
    app.patch_as(
        &format!("/api/v1/gebruikers/{user_id}"),
        &beheerder,
        &json!({"actief": "nee"}),
    )
    .await;

    let page: Value = app
        .get_json_as("/api/v1/audit-trail?paginaGrootte=100", &beheerder)
        .await;
    let all = rows(&page);
    let mine: Vec<&Value> = all
        .iter()
        .filter(|r| r["actor"]["soort"] == "gebruiker")
        .collect();
    let summary: Vec<(String, String)> = mine
        .iter()
        .map(|r| {
            (
                r["resource"].as_str().unwrap_or("").to_owned(),
                r["actie"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        vec![
            ("koppeling".into(), "geheim_vernieuwd".into()),
            ("koppeling".into(), "gewijzigd".into()),
            ("koppeling".into(), "aangemaakt".into()),
            ("gebruiker".into(), "gewijzigd".into()),
            ("gebruiker".into(), "aangemaakt".into()),
        ]
    );
    assert!(
        mine.iter()
            .all(|r| r["actor"]["id"] == beheerder_id.as_str() && r["gemeente"] == "GM0828")
    );

    let created = mine[4];
    assert_eq!(created["resourceId"], user_id);
    assert_eq!(created["requestId"], request_id.as_str());
    assert_eq!(
        created["wijzigingen"],
        json!([
            {"veld": "gebruikersnaam", "nieuw": "oss.nieuw"},
            {"veld": "gemeente", "nieuw": "GM0828"},
            {"veld": "rollen", "nieuw": ["raadpleger"]},
            {"veld": "actief", "nieuw": true},
            {"veld": "wachtwoord"}
        ])
    );
    assert_eq!(
        mine[3]["wijzigingen"],
        json!([{"veld": "rollen", "oud": ["raadpleger"], "nieuw": ["coordinator"]}, {"veld": "wachtwoord"}])
    );
    assert_eq!(
        mine[1]["wijzigingen"],
        json!([{"veld": "actief", "oud": true, "nieuw": false}])
    );
    assert_eq!(mine[0]["wijzigingen"], json!([{"veld": "clientSecret"}]));

    // Geen wachtwoord, secret of hash in de hele tabel.
    let everything = crate::helpers::query_text(
        &app.db,
        "SELECT string_agg(t::text, ' ') FROM audit_trail t",
    )
    .await;
    for geheim in [
        "geheim-wachtwoord-1",
        "nog-een-geheim-wachtwoord",
        &secret,
        renewed["clientSecret"].as_str().expect("secret"),
        "argon2",
    ] {
        assert!(
            !everything.contains(geheim),
            "{geheim} staat in de audit trail"
        );
    }

    // Filters.
    let page: Value = app
        .get_json_as(
            &format!("/api/v1/audit-trail?resource=koppeling&resourceId={client_id}"),
            &beheerder,
        )
        .await;
    assert_eq!(page["totaalAantal"], 3);
    // Een periode in kalenderdagen van Europe/Amsterdam. Het sjabloon (met de
    // seedregels) kan van een eerdere dag zijn, dus de verwachting komt uit de database.
    let today = crate::helpers::query_text(
        &app.db,
        "SELECT (now() AT TIME ZONE 'Europe/Amsterdam')::date::text",
    )
    .await;
    let expected = app
        .scalar_i64(
            "SELECT count(*) FROM audit_trail WHERE resource = 'gebruiker' AND keten = 'GM0828' \
             AND (tijdstip AT TIME ZONE 'Europe/Amsterdam')::date = (now() AT TIME ZONE 'Europe/Amsterdam')::date",
        )
        .await;
    assert!(expected >= 2);
    let page: Value = app
        .get_json_as(
            &format!("/api/v1/audit-trail?vanaf={today}&tot={today}&resource=gebruiker"),
            &beheerder,
        )
        .await;
    assert_eq!(page["totaalAantal"], expected);
    let page: Value = app
        .get_json_as("/api/v1/audit-trail?tot=2020-01-01", &beheerder)
        .await;
    assert_eq!(page["totaalAantal"], 0);
    let problem = app
        .get_expect(
            "/api/v1/audit-trail?vanaf=2026-02-01&tot=2026-01-01",
            &beheerder,
            400,
        )
        .await;
    assert_velden(&problem, &[("tot", "ongeldig")]);
    let problem = app
        .get_expect(
            "/api/v1/audit-trail?resource=taart&vanaf=gisteren",
            &beheerder,
            400,
        )
        .await;
    assert_velden(&problem, &[("resource", "ongeldig"), ("vanaf", "ongeldig")]);
}

#[tokio::test]
async fn each_beheerder_reads_its_own_trail_and_the_region_reads_all() {
    let app = spawn_app().await;
    let vught = app.token_for("vught.beheerder").await;
    let page: Value = app
        .get_json_as("/api/v1/audit-trail?paginaGrootte=100", &vught)
        .await;
    assert_eq!(page["totaalAantal"], 4);
    assert!(rows(&page).iter().all(|r| r["gemeente"] == "GM0865"));

    let regio = app.token_for("regio.beheerder").await;
    let page: Value = app
        .get_json_as("/api/v1/audit-trail?paginaGrootte=1", &regio)
        .await;
    assert_eq!(page["totaalAantal"], 46);
    assert!(page["_links"]["next"]["href"].as_str().is_some());
}

#[tokio::test]
async fn a_tampered_or_removed_row_breaks_the_chain() {
    let app = spawn_app().await;
    let beheerder = app.token_for("oss.beheerder").await;
    let id = app.user_id("oss.raadpleger").await;
    for actief in [false, true, false] {
        app.patch_expect(
            &format!("/api/v1/gebruikers/{id}"),
            &beheerder,
            &json!({"actief": actief}),
            200,
        )
        .await;
    }
    let report = weefsel_api::audit::verify(&app.db, &audit_sleutels(), &[])
        .await
        .expect("verify");
    assert_eq!(report.fouten, Vec::<String>::new());
    assert_eq!((report.ketens, report.regels), (12, 49));

    let verify_cli = || app.weefsel(&["audit", "verify"]);
    let output = verify_cli();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(String::from_utf8_lossy(&output.stdout).contains("49 regels in 12 ketens"));

    // Iemand met superuserrechten zet de triggers uit en "verbetert" een regel.
    exec(
        &app.db,
        "BEGIN; SET LOCAL session_replication_role = replica; \
         UPDATE audit_trail SET wijzigingen = '[{\"veld\": \"actief\", \"oud\": true, \"nieuw\": true}]' \
         WHERE keten = 'GM0828' AND volgnummer = 6; COMMIT",
    )
    .await;
    let report = weefsel_api::audit::verify(&app.db, &audit_sleutels(), &[])
        .await
        .expect("verify");
    assert_eq!(
        report.fouten,
        vec!["keten GM0828, regel 6: de inhoud past niet bij de hash (gewijzigd)".to_owned()]
    );
    let output = verify_cli();
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stdout).contains("BREUK  keten GM0828, regel 6"));

    // Een verwijderde regel midden in de keten.
    exec(
        &app.db,
        "BEGIN; SET LOCAL session_replication_role = replica; \
         DELETE FROM audit_trail WHERE keten = 'GM0865' AND volgnummer = 2; COMMIT",
    )
    .await;
    let report = weefsel_api::audit::verify(&app.db, &audit_sleutels(), &[])
        .await
        .expect("verify");
    assert!(
        report
            .fouten
            .iter()
            .any(|f| f.starts_with("keten GM0865, regel 3: volgnummer 2 verwacht")),
        "{:?}",
        report.fouten
    );
    assert!(
        report
            .fouten
            .iter()
            .any(|f| f == "keten GM0865, regel 3: vorige_hash past niet bij de regel ervoor")
    );
}

/// Vrije tekst die mensen kan noemen (de reden van een handmatige keuze, de notities
/// van een stap) komt alleen met de veldnaam in de audit trail; velden op de lijst
/// van de module met hun waarde.
#[tokio::test]
async fn free_text_is_recorded_by_name_only() {
    let app = spawn_app().await;
    let beheerder = app.token_for("oss.beheerder").await;
    let coordinator = app.token_for("oss.coordinator").await;
    let gebied = app
        .nieuw_gebied(
            &coordinator,
            json!({"handmatig": {"cohesie": "sterk", "reden": "Jan de Vries regelt alles"}}),
        )
        .await;
    let gebied_id = crate::helpers::id_of(&gebied);
    let traject = app
        .nieuw_traject(&coordinator, "coachend", Some(&gebied_id))
        .await;
    let traject_id = crate::helpers::id_of(&traject);
    app.patch_expect(
        &format!("/api/v1/trajecten/{traject_id}/stappen/0"),
        &coordinator,
        &json!({"status": "bezig", "notities": "Gesproken met Piet Jansen"}),
        200,
    )
    .await;

    let page: Value = app
        .get_json_as("/api/v1/audit-trail?paginaGrootte=100", &beheerder)
        .await;
    let regel = |resource: &str, id: &str| {
        rows(&page)
            .into_iter()
            .find(|r| r["resource"] == resource && r["resourceId"] == id)
            .unwrap_or_else(|| panic!("geen regel voor {resource} {id}"))
    };
    let aangemaakt = regel("gebied", &gebied_id)["wijzigingen"].clone();
    let velden = aangemaakt.as_array().expect("wijzigingen");
    assert!(velden.contains(&json!({"veld": "naam", "nieuw": gebied["naam"]})));
    assert!(
        velden.contains(&json!({"veld": "handmatig"})),
        "{aangemaakt}"
    );
    let stap = regel("traject", &traject_id)["wijzigingen"].clone();
    assert!(
        stap.as_array()
            .expect("wijzigingen")
            .contains(&json!({"veld": "stappen.0.notities"})),
        "{stap}"
    );
    assert!(
        stap.as_array()
            .expect("wijzigingen")
            .contains(&json!({"veld": "stappen.0.status", "oud": "open", "nieuw": "bezig"})),
        "{stap}"
    );
    let alles = crate::helpers::query_text(
        &app.db,
        "SELECT string_agg(t::text, ' ') FROM audit_trail t",
    )
    .await;
    assert!(!alles.contains("Jan de Vries") && !alles.contains("Piet Jansen"));
}
