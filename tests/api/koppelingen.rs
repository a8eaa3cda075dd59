//! Koppelingen: het secret één keer te zien, gehasht bewaard, scopes met
//! persoonsgegevens alleen van een gemeentelijk beheerder.

use serde_json::{Value, json};

use crate::helpers::{assert_detail, assert_velden};
use crate::helpers::{header, query_text, spawn_app};

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
    let problem = app
        .post_expect(
            "/api/v1/koppelingen",
            &beheerder,
            &json!({"naam": "CRM Oss", "scopes": ["gebieden.lezen"]}),
            409,
        )
        .await;
    assert_detail(&problem, "naam");
    assert_eq!(app.scalar_i64("SELECT count(*) FROM koppeling").await, 1);
}

#[tokio::test]
async fn only_a_gemeente_beheerder_grants_scopes() {
    let app = spawn_app().await;
    let regio = app.token_for("regio.beheerder").await;
    for scopes in [json!(["sleutelpersonen.lezen"]), json!(["gebieden.lezen"])] {
        let body = json!({"naam": "Registratie", "gemeente": "GM0828", "scopes": scopes});
        let problem = app
            .post_expect("/api/v1/koppelingen", &regio, &body, 403)
            .await;
        assert_eq!(problem["code"], "alleen_gemeente_beheerder");
        assert_detail(&problem, "gemeente_beheerder");
    }
    assert_eq!(app.scalar_i64("SELECT count(*) FROM koppeling").await, 0);

    // De gemeentelijk beheerder wel, en hij staat bij wie haar beheren.
    let (id, _) = app
        .create_client("oss.beheerder", "Registratie", &["gebieden.lezen"])
        .await;
    let path = format!("/api/v1/koppelingen/{id}");
    let beheerder = app.token_for("oss.beheerder").await;
    app.patch_expect(
        &path,
        &beheerder,
        &json!({"scopes": ["gebieden.lezen", "sleutelpersonen.lezen"]}),
        200,
    )
    .await;
    let problem = app
        .patch_expect(&path, &regio, &json!({"naam": "Registratie 2"}), 403)
        .await;
    assert_eq!(problem["code"], "alleen_gemeente_beheerder");
    let beheerd_door = crate::helpers::query_text(
        &app.db,
        &format!("SELECT array_to_string(beheerd_door, ',') FROM koppeling WHERE id = '{id}'"),
    )
    .await;
    assert_eq!(beheerd_door, app.user_id("oss.beheerder").await);
}

#[tokio::test]
async fn invalid_clients_are_refused_field_by_field() {
    let app = spawn_app().await;
    let beheerder = app.token_for("oss.beheerder").await;
    let problem = app.post_expect("/api/v1/koppelingen", &beheerder, &json!({"naam": "", "scopes": ["alles.lezen"], "gemeente": "GM0865", "geheim": "zelfgekozen"}), 400).await;
    assert_velden(
        &problem,
        &[
            ("geheim", "onbekend"),
            ("gemeente", "niet_toegestaan"),
            ("naam", "te_kort"),
            ("scopes.0", "ongeldig"),
        ],
    );
    assert_eq!(app.scalar_i64("SELECT count(*) FROM koppeling").await, 0);

    // Een koppeling van Oss bestaat niet voor Vught.
    let (id, _) = app
        .create_client("oss.beheerder", "CRM", &["gebieden.lezen"])
        .await;
    let vught = app.token_for("vught.beheerder").await;
    app.get_expect(&format!("/api/v1/koppelingen/{id}"), &vught, 404)
        .await;
    app.post_expect(
        &format!("/api/v1/koppelingen/{id}/geheim"),
        &vught,
        &json!({}),
        404,
    )
    .await;
    app.patch_expect(
        &format!("/api/v1/koppelingen/{id}"),
        &vught,
        &json!({"actief": false}),
        404,
    )
    .await;
    assert_eq!(
        app.scalar_i64("SELECT count(*) FROM koppeling WHERE actief AND version = 1")
            .await,
        1
    );
}
