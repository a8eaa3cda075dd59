//! Gezondheid van de dienst.

use serde_json::{Value, json};

use crate::helpers::{admin, assert_problem, exec, header, spawn_app};

#[tokio::test]
async fn live_and_ready_answer_ok() {
    let app = spawn_app().await;
    for path in ["/health/live", "/health/ready"] {
        let response = app.get(path).await;
        assert_eq!(response.status(), 200, "{path}");
        let body: Value = response.json().await.expect("json");
        assert_eq!(body, json!({"status": "ok"}), "{path}");
    }
}

#[tokio::test]
async fn ready_is_503_without_database_and_recovers_by_itself() {
    let app = spawn_app().await;
    let name = app.database.name.clone();
    let admin = admin().await;
    exec(
        &admin,
        &format!("ALTER DATABASE \"{name}\" ALLOW_CONNECTIONS false"),
    )
    .await;
    exec(
        &admin,
        &format!("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}'"),
    )
    .await;

    let response = app.get("/health/ready").await;
    assert_eq!(header(response.headers(), "retry-after"), "5");
    let body = assert_problem(response, 503).await;
    assert_eq!(body["type"], "urn:weefsel:probleem:niet-beschikbaar");
    // Live zegt alleen dat het proces draait.
    assert_eq!(app.get("/health/live").await.status(), 200);

    exec(
        &admin,
        &format!("ALTER DATABASE \"{name}\" ALLOW_CONNECTIONS true"),
    )
    .await;
    let mut status = 0;
    for _ in 0..20 {
        status = app.get("/health/ready").await.status().as_u16();
        if status == 200 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(250)).await;
    }
    assert_eq!(status, 200, "ready herstelt niet");
}
