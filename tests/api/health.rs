//! Gezondheid van de dienst.

use serde_json::{Value, json};

use crate::helpers::{TestApp, admin, assert_problem, exec, header, spawn_app};

/// Neemt de database van `app` weg (geen nieuwe verbindingen, de bestaande beëindigd),
/// of laat haar weer toe.
async fn database_weg(app: &TestApp, weg: bool) {
    let name = &app.database.name;
    let admin = admin().await;
    exec(
        &admin,
        &format!("ALTER DATABASE \"{name}\" ALLOW_CONNECTIONS {}", !weg),
    )
    .await;
    if weg {
        exec(
            &admin,
            &format!(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}'"
            ),
        )
        .await;
    }
    admin.close().await.expect("adminverbinding sluiten");
}

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
    database_weg(&app, true).await;

    let response = app.get("/health/ready").await;
    assert_eq!(header(response.headers(), "retry-after"), "5");
    let body = assert_problem(response, 503).await;
    assert_eq!(body["type"], "urn:weefsel:probleem:niet-beschikbaar");
    // Live zegt alleen dat het proces draait.
    assert_eq!(app.get("/health/live").await.status(), 200);

    database_weg(&app, false).await;
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

/// Valt de database weg, dan antwoordt elk verzoek binnen twee seconden 503 met
/// `Retry-After` (niet na vijf seconden een 500), en bewaart niets; daarna herstelt de
/// dienst vanzelf.
#[tokio::test]
async fn requests_get_a_quick_503_while_the_database_is_away_and_nothing_half_stored() {
    let app = spawn_app().await;
    let coordinator = app.token_for("oss.coordinator").await;
    let voor = app.scalar_i64("SELECT count(*) FROM gebied").await;
    database_weg(&app, true).await;
    for (methode, body) in [
        (reqwest::Method::GET, None),
        (
            reqwest::Method::POST,
            Some(json!({"naam": "Tijdens de storing", "soort": "wijk"})),
        ),
    ] {
        let begin = std::time::Instant::now();
        let mut verzoek = app
            .client
            .request(methode.clone(), app.url("/api/v1/gebieden"))
            .bearer_auth(&coordinator);
        if let Some(b) = &body {
            verzoek = verzoek.json(b);
        }
        let response = verzoek.send().await.expect("verzoek");
        let duur = begin.elapsed();
        assert!(
            duur < std::time::Duration::from_millis(2500),
            "{methode}: {duur:?}"
        );
        assert_eq!(header(response.headers(), "retry-after"), "5", "{methode}");
        let problem = assert_problem(response, 503).await;
        assert_eq!(problem["type"], "urn:weefsel:probleem:niet-beschikbaar");
    }
    database_weg(&app, false).await;
    let begin = std::time::Instant::now();
    let mut status = 0;
    while begin.elapsed() < std::time::Duration::from_secs(5) {
        status = app
            .client
            .get(app.url("/api/v1/gebieden"))
            .bearer_auth(&coordinator)
            .send()
            .await
            .expect("verzoek")
            .status()
            .as_u16();
        if status == 200 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    assert_eq!(status, 200, "herstelt niet binnen 5 s");
    assert_eq!(
        app.scalar_i64("SELECT count(*) FROM gebied").await,
        voor,
        "niets half bewaard"
    );
}
