//! Trajecten: het voorstel uit het DNA-profiel, stapovergangen en het beslismoment.

use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::{TestApp, assert_problem, header, id_of, kolom, query_text, spawn_app};
use crate::helpers::{assert_detail, assert_velden};

async fn start(app: &TestApp, token: &str, body: Value) -> Value {
    let response = app.post_as("/api/v1/trajecten", token, &body).await;
    assert_eq!(response.status(), 201, "{body}");
    response.json().await.expect("json")
}

async fn stap(
    app: &TestApp,
    token: &str,
    traject: &Value,
    nummer: i64,
    body: Value,
    status: u16,
) -> Value {
    let id = traject["id"].as_str().expect("id");
    let path = format!("/api/v1/trajecten/{id}/stappen/{nummer}");
    app.patch_expect(&path, token, &body, status).await
}

fn nummers(traject: &Value) -> Vec<i64> {
    traject["stappen"]
        .as_array()
        .expect("stappen")
        .iter()
        .filter_map(|s| s["nummer"].as_i64())
        .collect()
}

#[tokio::test]
async fn a_new_traject_proposes_the_approach_of_the_dna_profile() {
    let app = spawn_app().await;
    let token = app.token_for("oss.coordinator").await;
    // Oss Centrum: vak 4 → coördinerend, stappen 0–6.
    let traject = start(
        &app,
        &token,
        json!({"gebiedId": app.gebied_id("WK082801").await}),
    )
    .await;
    assert_eq!(traject["aanpak"], "coordinerend");
    assert_eq!(traject["voorgesteldeAanpak"], json!(["coordinerend"]));
    assert_eq!(traject["status"], "lopend");
    assert_eq!(traject["huidigeStap"], 0);
    assert_eq!(nummers(&traject), (0..=6).collect::<Vec<_>>());
    assert_eq!(
        traject["stappen"][3]["naam"],
        "Netwerk verenigen (twee bijeenkomsten)"
    );
    assert_eq!(kolom(&traject["stappen"], "status"), ["open"; 7]);
    assert_eq!(traject["besluit"], Value::Null);

    // Oss Buitengebied: vak 1 → coachend, stappen 0–4.
    let traject = start(
        &app,
        &token,
        json!({"gebiedId": app.gebied_id("WK082802").await}),
    )
    .await;
    assert_eq!(
        (traject["aanpak"].clone(), nummers(&traject)),
        (json!("coachend"), (0..=4).collect::<Vec<_>>())
    );

    // Centrum-Oost: onbepaald, dus zelf kiezen.
    let oost = app.gebied_id("BU08280101").await;
    let problem = app
        .post_expect("/api/v1/trajecten", &token, &json!({"gebiedId": oost}), 400)
        .await;
    assert_velden(&problem, &[("aanpak", "verplicht")]);
    assert!(
        problem["invalidParams"][0]["reason"]
            .as_str()
            .is_some_and(|r| r.contains("geen advies")),
        "{problem}"
    );
    let traject = start(
        &app,
        &token,
        json!({"gebiedId": oost, "aanpak": "weerbaarheid", "naam": "Weerbaar Oost"}),
    )
    .await;
    assert_eq!(nummers(&traject), (1..=12).collect::<Vec<_>>());
    assert_eq!(traject["voorgesteldeAanpak"], json!([]));
    assert!(
        traject["waarschuwingen"][0]
            .as_str()
            .is_some_and(|w| w.contains("wijkverbinder")),
        "{traject}"
    );

    // Ongeldige verzoeken: niets opgeslagen.
    let before = app.scalar_i64("SELECT count(*) FROM traject").await;
    let vught = app.gebied_id("WK086501").await;
    let problem = app.post_expect("/api/v1/trajecten", &token, &json!({"gebiedId": vught, "aanpak": "coachend", "wijkverbinderId": app.user_id("oss.coordinator").await, "status": "afgerond"}), 400).await;
    assert_velden(
        &problem,
        &[
            ("gebiedId", "ongeldig"),
            ("status", "onbekend"),
            ("wijkverbinderId", "niet_toegestaan"),
        ],
    );
    assert_eq!(app.scalar_i64("SELECT count(*) FROM traject").await, before);
}

#[tokio::test]
async fn steps_move_through_their_states_and_finish_the_traject() {
    let app = spawn_app().await;
    let token = app.token_for("oss.coordinator").await;
    let traject = start(
        &app,
        &token,
        json!({"gebiedId": app.gebied_id("WK082802").await, "aanpak": "coachend"}),
    )
    .await;
    let vandaag = chrono::Utc::now().date_naive().to_string();

    let kick_off = json!({"status": "bezig", "notities": "Kick-off met de dorpsraad."});
    let body = stap(&app, &token, &traject, 0, kick_off, 200).await;
    assert_eq!(body["stappen"][0]["gestartOp"], vandaag.as_str());
    assert_eq!(body["stappen"][0]["notities"], "Kick-off met de dorpsraad.");
    let body = stap(
        &app,
        &token,
        &traject,
        0,
        json!({"status": "afgerond"}),
        200,
    )
    .await;
    assert_eq!(
        (
            body["stappen"][0]["afgerondOp"].clone(),
            body["huidigeStap"].clone()
        ),
        (json!(vandaag), json!(1))
    );

    // Afgerond gaat niet terug naar open, wel naar bezig.
    let problem = stap(&app, &token, &traject, 0, json!({"status": "open"}), 409).await;
    assert_detail(&problem, "van afgerond naar open");
    stap(&app, &token, &traject, 0, json!({"status": "bezig"}), 200).await;

    // Een stap buiten het plan, een onbekende status, datums in de verkeerde volgorde.
    let problem = stap(&app, &token, &traject, 7, json!({"status": "bezig"}), 400).await;
    assert_velden(&problem, &[("nummer", "ongeldig")]);
    let problem = stap(
        &app,
        &token,
        &traject,
        1,
        json!({"status": "klaar", "gestartOp": "gisteren"}),
        400,
    )
    .await;
    assert_velden(
        &problem,
        &[("gestartOp", "ongeldig"), ("status", "ongeldig")],
    );
    let problem = stap(
        &app,
        &token,
        &traject,
        1,
        json!({"status": "afgerond", "gestartOp": "2026-03-10", "afgerondOp": "2026-03-01"}),
        400,
    )
    .await;
    assert_velden(&problem, &[("afgerondOp", "ongeldig")]);
    let id = traject["id"].as_str().expect("id");
    let problem = app
        .patch_expect(
            &format!("/api/v1/trajecten/{id}"),
            &token,
            &json!({"status": "afgerond", "gebiedId": id}),
            400,
        )
        .await;
    assert_velden(
        &problem,
        &[("gebiedId", "onbekend"), ("status", "ongeldig")],
    );
    // Geen van de afgewezen verzoeken heeft iets opgeslagen.
    assert_eq!(
        query_text(&app.db, &format!("SELECT status || coalesce(gestart_op::text, '-') FROM traject_stap WHERE traject_id = '{id}' AND nummer = 1")).await,
        "open-"
    );
    assert_eq!(
        query_text(
            &app.db,
            &format!("SELECT status || version FROM traject WHERE id = '{id}'")
        )
        .await,
        "lopend4"
    );

    // Alles afgerond of overgeslagen: het traject is afgerond en ligt vast.
    stap(
        &app,
        &token,
        &traject,
        0,
        json!({"status": "afgerond"}),
        200,
    )
    .await;
    for (nummer, status) in [(1, "afgerond"), (2, "overgeslagen"), (3, "afgerond")] {
        stap(
            &app,
            &token,
            &traject,
            nummer,
            json!({"status": status}),
            200,
        )
        .await;
    }
    let body = stap(
        &app,
        &token,
        &traject,
        4,
        json!({"status": "afgerond"}),
        200,
    )
    .await;
    assert_eq!(
        (body["status"].clone(), body["huidigeStap"].clone()),
        (json!("afgerond"), Value::Null)
    );
    stap(&app, &token, &traject, 4, json!({"status": "bezig"}), 409).await;

    // Notities staan alleen als veldnaam in de audit trail.
    let id = traject["id"].as_str().expect("id");
    let audit = query_text(
        &app.db,
        &format!(
            "SELECT string_agg(wijzigingen::text, ' ') FROM audit_trail WHERE resource_id = '{id}'"
        ),
    )
    .await;
    assert!(
        audit.contains("stappen.0.notities") && !audit.contains("dorpsraad"),
        "{audit}"
    );
}

#[tokio::test]
async fn the_weerbaarheid_plan_waits_for_a_go_at_step_5() {
    let app = spawn_app().await;
    let token = app.token_for("oss.coordinator").await;
    let oost = app.gebied_id("BU08280101").await;
    let zelfde = app.user_id("oss.coordinator").await;

    // Verbinders: gebruikers van de eigen gemeente; dezelfde persoon geeft een waarschuwing.
    let problem = app.post_expect("/api/v1/trajecten", &token, &json!({"gebiedId": oost, "aanpak": "weerbaarheid", "wijkverbinderId": app.user_id("vught.coordinator").await}), 400).await;
    assert_velden(&problem, &[("wijkverbinderId", "ongeldig")]);
    let traject = start(
        &app,
        &token,
        json!({"gebiedId": oost, "aanpak": "weerbaarheid", "wijkverbinderId": zelfde, "gemeenteverbinderId": zelfde}),
    )
    .await;
    assert!(
        traject["waarschuwingen"][0]
            .as_str()
            .is_some_and(|w| w.contains("dezelfde persoon")),
        "{traject}"
    );
    let id = traject["id"].as_str().expect("id").to_owned();
    let besluit = format!("/api/v1/trajecten/{id}/besluit");

    // Vóór het besluit: stap 6 begint niet, en stap 5 rondt niet af via de stap zelf.
    stap(
        &app,
        &token,
        &traject,
        1,
        json!({"status": "afgerond"}),
        200,
    )
    .await;
    let problem = stap(&app, &token, &traject, 6, json!({"status": "bezig"}), 409).await;
    assert_detail(&problem, "na een go");
    stap(
        &app,
        &token,
        &traject,
        5,
        json!({"status": "afgerond"}),
        409,
    )
    .await;
    stap(&app, &token, &traject, 5, json!({"status": "bezig"}), 200).await;

    // Een besluit zonder reden of met een onbekende keuze: 400.
    let problem = app
        .post_expect(&besluit, &token, &json!({"besluit": "misschien"}), 400)
        .await;
    assert_velden(&problem, &[("besluit", "ongeldig"), ("reden", "verplicht")]);

    let response = app
        .post_as(&besluit, &token, &json!({"besluit": "go", "reden": "Draagvlak bij bewoners en politie.", "datum": "2026-10-01"}))
        .await;
    assert_eq!(response.status(), 200);
    let body: Value = response.json().await.expect("json");
    assert_eq!(body["besluit"]["besluit"], "go");
    assert_eq!(body["besluit"]["datum"], "2026-10-01");
    assert_eq!(body["besluit"]["door"], zelfde.as_str());
    assert_eq!(body["stappen"][4]["status"], "afgerond");
    assert_eq!(body["status"], "lopend");
    stap(&app, &token, &traject, 6, json!({"status": "bezig"}), 200).await;
    app.post_expect(
        &besluit,
        &token,
        &json!({"besluit": "no_go", "reden": "x"}),
        409,
    )
    .await;

    // Een no-go stopt het traject.
    let tweede = start(
        &app,
        &token,
        json!({"gebiedId": oost, "aanpak": "weerbaarheid"}),
    )
    .await;
    let tweede_id = tweede["id"].as_str().expect("id");
    let response = app
        .post_as(
            &format!("/api/v1/trajecten/{tweede_id}/besluit"),
            &token,
            &json!({"besluit": "no_go", "reden": "Geen sleutelfiguren gevonden."}),
        )
        .await;
    let body: Value = response.json().await.expect("json");
    assert_eq!(body["status"], "gestopt");
    stap(&app, &token, &tweede, 6, json!({"status": "bezig"}), 409).await;
    app.patch_expect(
        &format!("/api/v1/trajecten/{tweede_id}"),
        &token,
        &json!({"naam": "Toch"}),
        409,
    )
    .await;

    // Alleen het weerbaarheidsplan heeft een besluit.
    let coachend = start(
        &app,
        &token,
        json!({"gebiedId": oost, "aanpak": "coachend"}),
    )
    .await;
    let coachend_id = coachend["id"].as_str().expect("id");
    app.post_expect(
        &format!("/api/v1/trajecten/{coachend_id}/besluit"),
        &token,
        &json!({"besluit": "go", "reden": "x"}),
        409,
    )
    .await;

    // Elke mutatie staat in de audit trail.
    assert_eq!(
        app.scalar_i64(&format!(
            "SELECT count(*) FROM audit_trail WHERE resource = 'traject' AND resource_id = '{id}'"
        ))
        .await,
        5,
        "aanmaken, stap 1, stap 5 bezig, besluit, stap 6 bezig"
    );
}

/// Een stap bijhouden met een verouderde `ETag` van het traject: 412, en de stap
/// blijft zoals hij was; met de geldende `ETag` gaat het door.
#[tokio::test]
async fn a_step_update_honours_if_match() {
    let app = spawn_app().await;
    let token = app.token_for("oss.coordinator").await;
    let traject = app.nieuw_traject(&token, "coachend", None).await;
    let id = id_of(&traject);
    let path = format!("/api/v1/trajecten/{id}/stappen/0");
    let oud = header(
        app.get_as(&format!("/api/v1/trajecten/{id}"), &token)
            .await
            .headers(),
        "etag",
    );
    let response = stap(&app, &token, &traject, 0, json!({"status": "bezig"}), 200).await;
    assert_eq!(response["stappen"][0]["status"], "bezig");

    let body = json!({"status": "overgeslagen"});
    let stale = app
        .met_if_match(Method::PATCH, &path, &token, &oud, Some(&body))
        .await;
    assert_problem(stale, 412).await;
    assert_eq!(
        query_text(
            &app.db,
            &format!(
                "SELECT status::text FROM traject_stap WHERE traject_id = '{id}' AND nummer = 0"
            )
        )
        .await,
        "bezig"
    );

    let huidig = header(
        app.get_as(&format!("/api/v1/trajecten/{id}"), &token)
            .await
            .headers(),
        "etag",
    );
    let response = app
        .met_if_match(Method::PATCH, &path, &token, &huidig, Some(&body))
        .await;
    assert_eq!(response.status(), 200);
    assert_ne!(header(response.headers(), "etag"), huidig);
}
