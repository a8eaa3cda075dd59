//! Koppelingen: het secret één keer te zien, gehasht bewaard, scopes met
//! persoonsgegevens alleen van een gemeentelijk beheerder.

use serde_json::{Value, json};

use crate::helpers::{assert_problem, header, invalid_params, query_text, spawn_app};

#[tokio::test]
async fn the_secret_is_shown_once_and_stored_hashed() {
    let app = spawn_app().await;
    let beheerder = app.token_for("oss.beheerder").await;
    let response = app
        .post_as(
            "/api/v1/koppelingen",
            &beheerder,
            &json!({"naam": "CRM Oss", "scopes": ["gebieden.lezen", "initiatieven.schrijven"]}),
        )
        .await;
    assert_eq!(response.status(), 201);
    let location = header(response.headers(), "location");
    let body: Value = response.json().await.expect("json");
    let secret = body["clientSecret"].as_str().expect("secret");
    assert_eq!(body["clientId"], body["id"]);
    assert_eq!(body["gemeente"], "GM0828");
    assert_eq!(
        body["scopes"],
        json!(["gebieden.lezen", "initiatieven.schrijven"])
    );

    let stored = query_text(&app.db, "SELECT geheim_hash FROM koppeling").await;
    assert_eq!(stored.len(), 64);
    assert!(!stored.contains(secret));
    let everything = query_text(&app.db, "SELECT string_agg(t::text, ' ') FROM koppeling t").await;
    assert!(!everything.contains(secret));

    let detail: Value = app.get_json_as(&location, &beheerder).await;
    assert!(detail.get("clientSecret").is_none(), "{detail}");
    let list: Value = app.get_json_as("/api/v1/koppelingen", &beheerder).await;
    assert_eq!(list["totaalAantal"], 1);
    assert!(!list.to_string().contains(secret));

    // Een tweede met dezelfde naam: 409, niets opgeslagen.
    let problem = assert_problem(
        app.post_as(
            "/api/v1/koppelingen",
            &beheerder,
            &json!({"naam": "CRM Oss", "scopes": ["gebieden.lezen"]}),
        )
        .await,
        409,
    )
    .await;
    assert!(
        problem["detail"]
            .as_str()
            .is_some_and(|d| d.contains("naam")),
        "{problem}"
    );
    assert_eq!(app.scalar_i64("SELECT count(*) FROM koppeling").await, 1);
}

#[tokio::test]
async fn only_a_gemeente_beheerder_grants_personal_data_scopes() {
    let app = spawn_app().await;
    let regio = app.token_for("regio.beheerder").await;
    let body =
        json!({"naam": "Registratie", "gemeente": "GM0828", "scopes": ["sleutelpersonen.lezen"]});
    let problem =
        assert_problem(app.post_as("/api/v1/koppelingen", &regio, &body).await, 403).await;
    assert!(
        problem["detail"]
            .as_str()
            .is_some_and(|d| d.contains("persoonsgegevens")),
        "{problem}"
    );
    assert_eq!(app.scalar_i64("SELECT count(*) FROM koppeling").await, 0);

    // Zonder die scope mag de regio wel, voor elke gemeente.
    let response = app
        .post_as(
            "/api/v1/koppelingen",
            &regio,
            &json!({"naam": "Registratie", "gemeente": "GM0828", "scopes": ["gebieden.lezen"]}),
        )
        .await;
    assert_eq!(response.status(), 201);
    let id = response.json::<Value>().await.expect("json")["id"]
        .as_str()
        .expect("id")
        .to_owned();
    let path = format!("/api/v1/koppelingen/{id}");
    assert_problem(
        app.patch_as(
            &path,
            &regio,
            &json!({"scopes": ["gebieden.lezen", "sleutelpersonen.schrijven"]}),
        )
        .await,
        403,
    )
    .await;

    // De gemeentelijk beheerder wel.
    let beheerder = app.token_for("oss.beheerder").await;
    let response = app
        .patch_as(
            &path,
            &beheerder,
            &json!({"scopes": ["gebieden.lezen", "sleutelpersonen.lezen"]}),
        )
        .await;
    assert_eq!(response.status(), 200);
    // En de regio mag daarna de naam wijzigen zonder die scope opnieuw toe te kennen.
    let response = app
        .patch_as(&path, &regio, &json!({"naam": "Registratie 2", "scopes": ["gebieden.lezen", "sleutelpersonen.lezen"]}))
        .await;
    assert_eq!(response.status(), 200);
}

#[tokio::test]
async fn invalid_clients_are_refused_field_by_field() {
    let app = spawn_app().await;
    let beheerder = app.token_for("oss.beheerder").await;
    let problem = assert_problem(
        app.post_as(
            "/api/v1/koppelingen",
            &beheerder,
            &json!({"naam": "", "scopes": ["alles.lezen"], "gemeente": "GM0865", "geheim": "zelfgekozen"}),
        )
        .await,
        400,
    )
    .await;
    assert_eq!(
        invalid_params(&problem),
        vec![
            ("geheim".into(), "onbekend".into()),
            ("gemeente".into(), "niet_toegestaan".into()),
            ("naam".into(), "te_kort".into()),
            ("scopes.0".into(), "ongeldig".into()),
        ]
    );
    let regio = app.token_for("regio.beheerder").await;
    let problem = assert_problem(
        app.post_as(
            "/api/v1/koppelingen",
            &regio,
            &json!({"naam": "X", "scopes": ["gebieden.lezen"]}),
        )
        .await,
        400,
    )
    .await;
    assert_eq!(
        invalid_params(&problem),
        vec![("gemeente".into(), "verplicht".into())]
    );
    assert_eq!(app.scalar_i64("SELECT count(*) FROM koppeling").await, 0);

    // Een koppeling van Oss bestaat niet voor Vught.
    let (id, _) = app
        .create_client("oss.beheerder", "CRM", &["gebieden.lezen"])
        .await;
    let vught = app.token_for("vught.beheerder").await;
    assert_problem(
        app.get_as(&format!("/api/v1/koppelingen/{id}"), &vught)
            .await,
        404,
    )
    .await;
    assert_problem(
        app.post_as(
            &format!("/api/v1/koppelingen/{id}/geheim"),
            &vught,
            &json!({}),
        )
        .await,
        404,
    )
    .await;
    assert_problem(
        app.patch_as(
            &format!("/api/v1/koppelingen/{id}"),
            &vught,
            &json!({"actief": false}),
        )
        .await,
        404,
    )
    .await;
    assert_eq!(
        app.scalar_i64("SELECT count(*) FROM koppeling WHERE actief AND version = 1")
            .await,
        1
    );
}
