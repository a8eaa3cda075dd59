//! De grenzen van de dienst.
//!
//! - De HTTP-parser van actix (issue 9, punt 9). Die antwoorden komen vóór elke
//!   middleware en zijn in actix-http vast (lege body, geen security headers); de
//!   README beschrijft ze. Deze tests houden de beschrijving eerlijk.
//! - De begrensde middelen (issue 16, deel 2): elke grens uit de configuratietabel
//!   van de README heeft hier een test: statementduur, verzoekduur, de pool, trage
//!   headers, een trage body, schrijvende verzoeken per account en het token-endpoint
//!   per IP-adres.

use std::time::{Duration, Instant};

use sea_orm::{DatabaseTransaction, TransactionTrait};
use serde_json::json;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::helpers::{TestApp, assert_problem, header, spawn_app, spawn_app_with};

/// Stuurt `verzoek` rauw over TCP en geeft het hele antwoord (de verbinding sluit).
async fn rauw(address: &str, verzoek: &[u8]) -> String {
    let host = address.trim_start_matches("http://");
    let mut stream = tokio::net::TcpStream::connect(host)
        .await
        .expect("verbinden");
    stream.write_all(verzoek).await.expect("schrijven");
    let mut antwoord = Vec::new();
    let _ = tokio::time::timeout(
        std::time::Duration::from_secs(10),
        stream.read_to_end(&mut antwoord),
    )
    .await;
    String::from_utf8_lossy(&antwoord).into_owned()
}

fn met_headers(n: usize, lengte: usize) -> Vec<u8> {
    let mut verzoek = String::from("GET /api/v1/gemeenten HTTP/1.1\r\nHost: weefsel\r\n");
    for i in 0..n {
        verzoek.push_str(&format!("X-Extra-{i}: {}\r\n", "a".repeat(lengte)));
    }
    verzoek.push_str("Connection: close\r\n\r\n");
    verzoek.into_bytes()
}

#[tokio::test]
async fn the_documented_parser_limits_hold() {
    let app = spawn_app().await;
    // Binnen de grenzen (93 headers samen met Host en Connection): het gewone contract.
    let antwoord = rauw(&app.address, &met_headers(93, 10)).await;
    assert!(antwoord.starts_with("HTTP/1.1 401"), "{antwoord}");
    assert!(antwoord.contains("application/problem+json"), "{antwoord}");
    assert!(
        antwoord.contains("x-content-type-options: nosniff"),
        "{antwoord}"
    );

    // Meer dan 96 headers, of een kop boven 128 KiB: 431 zonder body.
    for verzoek in [met_headers(100, 10), met_headers(2, 70 * 1024)] {
        let antwoord = rauw(&app.address, &verzoek).await;
        assert!(antwoord.starts_with("HTTP/1.1 431"), "{antwoord:.200}");
        assert!(antwoord.contains("content-length: 0"), "{antwoord:.200}");
    }

    // Onleesbare framing: 400 zonder body.
    for verzoek in [
        &b"GET /api/v1/gemeenten HTTP/1.1\r\nHost: weefsel\r\nGeenDubbelePunt\r\n\r\n"[..],
        b"GET /api/v1/gemeenten HTTP/1.1\r\nHost: weefsel\r\nX-Nul: a\x00b\r\n\r\n",
        b"GET /api/v1/gemeenten HTTP/1.1 extra\r\nHost: weefsel\r\n\r\n",
        b"POST /api/v1/gebieden HTTP/1.1\r\nHost: weefsel\r\nContent-Length: abc\r\n\r\n",
    ] {
        let antwoord = rauw(&app.address, verzoek).await;
        assert!(
            antwoord.starts_with("HTTP/1.1 400"),
            "{}: {antwoord}",
            String::from_utf8_lossy(verzoek)
        );
        assert!(antwoord.contains("content-length: 0"), "{antwoord}");
    }
}

/// Een transactie van de test die de tabel `gebied` op slot houdt tot ze wegvalt:
/// elk verzoek dat `gebied` raakt, wacht dan.
async fn gebied_op_slot(app: &TestApp) -> DatabaseTransaction {
    let tx = app.db.begin().await.expect("transactie");
    sea_orm::ConnectionTrait::execute_unprepared(&tx, "LOCK TABLE gebied IN ACCESS EXCLUSIVE MODE")
        .await
        .expect("slot");
    tx
}

fn nieuw_gebied() -> serde_json::Value {
    json!({"naam": format!("Gebied {}", uuid::Uuid::now_v7()), "soort": "wijk"})
}

async fn gebieden(app: &TestApp) -> i64 {
    app.scalar_i64("SELECT count(*) FROM gebied").await
}

/// Een 503 van de grenzen: problem+json met `Retry-After`, de vaste headers van het
/// contract en de uitleg.
async fn assert_503(response: reqwest::Response, uitleg: &str) {
    assert_eq!(header(response.headers(), "retry-after"), "5");
    assert!(!header(response.headers(), "api-version").is_empty());
    assert_eq!(
        header(response.headers(), "x-content-type-options"),
        "nosniff"
    );
    let problem = assert_problem(response, 503).await;
    let detail = problem["detail"].as_str().unwrap_or_default();
    assert!(detail.contains(uitleg), "{problem}");
}

/// Een nieuw gebied terwijl `gebied` op slot zit: 503 met `uitleg`, binnen `binnen`;
/// niets bewaard, ook niet nadat het slot eraf is; daarna lukt het gewoon.
async fn geweigerd_terwijl_op_slot(app: &TestApp, uitleg: &str, binnen: std::ops::Range<Duration>) {
    let token = app.token_for("oss.coordinator").await;
    let voor = gebieden(app).await;
    let slot = gebied_op_slot(app).await;
    let start = Instant::now();
    let response = app
        .post_as("/api/v1/gebieden", &token, &nieuw_gebied())
        .await;
    let duur = start.elapsed();
    assert_503(response, uitleg).await;
    assert!(binnen.contains(&duur), "{duur:?}");
    slot.rollback().await.expect("slot eraf");
    // Een afgebroken transactie komt nooit alsnog tot een commit.
    tokio::time::sleep(Duration::from_millis(700)).await;
    assert_eq!(gebieden(app).await, voor);
    // Daarna gewoon weer, en echt bewaard: de afgebroken transactie bleef niet op de
    // (enige) verbinding van de pool hangen, waar dit verzoek anders in zou opgaan.
    app.post_expect("/api/v1/gebieden", &token, &nieuw_gebied(), 201)
        .await;
    assert_eq!(gebieden(app).await, voor + 1);
}

#[tokio::test]
async fn a_statement_over_its_limit_is_a_quick_503_and_stores_nothing() {
    let app = spawn_app_with(|c| {
        c.db_max_connections = 1;
        c.grenzen.statement = Duration::from_millis(300);
    })
    .await;
    geweigerd_terwijl_op_slot(
        &app,
        "te lang",
        Duration::from_millis(300)..Duration::from_secs(3),
    )
    .await;
}

#[tokio::test]
async fn a_request_over_its_time_is_cut_off_with_503_and_stores_nothing() {
    let app = spawn_app_with(|c| {
        c.db_max_connections = 1;
        c.grenzen.statement = Duration::from_secs(20);
        c.grenzen.verzoek = Duration::from_millis(500);
    })
    .await;
    geweigerd_terwijl_op_slot(
        &app,
        "afgebroken",
        Duration::from_millis(500)..Duration::from_secs(3),
    )
    .await;
}

#[tokio::test]
async fn an_exhausted_pool_answers_503_quickly_instead_of_queueing() {
    let app = spawn_app_with(|c| {
        c.db_max_connections = 1;
        c.grenzen.db_wachten = Duration::from_millis(300);
        c.grenzen.statement = Duration::from_secs(20);
    })
    .await;
    let token = app.token_for("oss.coordinator").await;
    let slot = gebied_op_slot(&app).await;
    // Dit verzoek houdt de enige verbinding van de pool bezet.
    let bezet = {
        let client = app.client.clone();
        let url = app.url("/api/v1/gebieden");
        let token = token.clone();
        tokio::spawn(async move { client.get(url).bearer_auth(token).send().await })
    };
    tokio::time::sleep(Duration::from_millis(300)).await;
    let start = Instant::now();
    let response = app.get_as("/api/v1/gemeenten", &token).await;
    let duur = start.elapsed();
    assert_503(response, "te druk").await;
    // Zonder wachtgrens zou dit verzoek wachten tot het eerste klaar is (na 15 s).
    assert!(duur < Duration::from_millis(2500), "{duur:?}");
    slot.rollback().await.expect("slot eraf");
    let eerste = bezet.await.expect("taak").expect("antwoord");
    assert_eq!(eerste.status(), 200);
    assert_eq!(app.get_as("/api/v1/gemeenten", &token).await.status(), 200);
}

/// Stuurt `verzoek` rauw, wacht op het antwoord of het sluiten, en meet hoe lang.
async fn rauw_getimed(address: &str, verzoek: &[u8]) -> (String, Duration) {
    let start = Instant::now();
    let antwoord = rauw(address, verzoek).await;
    (antwoord, start.elapsed())
}

#[tokio::test]
async fn a_client_that_sends_its_headers_too_slowly_gets_408_and_is_disconnected() {
    let app = spawn_app_with(|c| c.grenzen.headers = Duration::from_millis(300)).await;
    let (antwoord, duur) = rauw_getimed(
        &app.address,
        b"GET /health/live HTTP/1.1\r\nHost: weefsel\r\nX-Nog: ",
    )
    .await;
    assert!(antwoord.starts_with("HTTP/1.1 408"), "{antwoord}");
    // De verbinding is dicht (read_to_end eindigde), ruim voor de 10 s van `rauw`.
    assert!(duur < Duration::from_secs(3), "{duur:?}");
}

#[tokio::test]
async fn a_client_that_sends_its_body_too_slowly_gets_408_and_nothing_is_stored() {
    let app = spawn_app_with(|c| c.grenzen.body = Duration::from_millis(300)).await;
    let token = app.token_for("oss.coordinator").await;
    let voor = gebieden(&app).await;
    let body = nieuw_gebied().to_string();
    let verzoek = format!(
        "POST /api/v1/gebieden HTTP/1.1\r\nHost: weefsel\r\nAuthorization: Bearer {token}\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{}",
        body.len(),
        &body[..10]
    );
    let (antwoord, duur) = rauw_getimed(&app.address, verzoek.as_bytes()).await;
    assert!(antwoord.starts_with("HTTP/1.1 408"), "{antwoord}");
    assert!(antwoord.contains("application/problem+json"), "{antwoord}");
    assert!(antwoord.contains("niet op tijd"), "{antwoord}");
    assert!(duur < Duration::from_secs(3), "{duur:?}");
    assert_eq!(gebieden(&app).await, voor);
}

#[tokio::test]
async fn writes_are_limited_per_account_with_429_and_the_excess_stores_nothing() {
    let app = spawn_app_with(|c| c.grenzen.schrijven_per_minuut = 3).await;
    let coordinator = app.token_for("oss.coordinator").await;
    let voor = gebieden(&app).await;
    for _ in 0..3 {
        app.post_expect("/api/v1/gebieden", &coordinator, &nieuw_gebied(), 201)
            .await;
    }
    let response = app
        .post_as("/api/v1/gebieden", &coordinator, &nieuw_gebied())
        .await;
    let retry: u64 = header(response.headers(), "retry-after")
        .parse()
        .expect("Retry-After is een getal");
    assert!((1..=60).contains(&retry), "{retry}");
    let problem = assert_problem(response, 429).await;
    assert!(
        problem["detail"]
            .as_str()
            .is_some_and(|d| d.contains("hoogstens 3 per minuut")),
        "{problem}"
    );
    assert_eq!(gebieden(&app).await, voor + 3);
    // Lezen telt niet mee, en een ander account heeft zijn eigen teller.
    assert_eq!(
        app.get_as("/api/v1/gebieden", &coordinator).await.status(),
        200
    );
    let beheerder = app.token_for("oss.beheerder").await;
    app.post_expect("/api/v1/gebieden", &beheerder, &nieuw_gebied(), 201)
        .await;
}

#[tokio::test]
async fn the_token_endpoint_is_limited_per_client_address() {
    let app = spawn_app_with(|c| {
        c.grenzen.token_per_minuut = 2;
        c.grenzen.vertrouwde_proxies = vec!["127.0.0.1".parse().expect("ip")].into();
    })
    .await;
    let inloggen = |adres: &'static str| {
        app.client
            .post(app.url("/api/v1/auth/token"))
            .header("X-Forwarded-For", adres)
            .form(&[
                ("grant_type", "password"),
                ("username", "oss.coordinator"),
                ("password", crate::helpers::DEMO_PASSWORD),
            ])
            .send()
    };
    for _ in 0..2 {
        assert_eq!(inloggen("192.0.2.1").await.expect("token").status(), 200);
    }
    // Ook met het goede wachtwoord: de limiet telt verzoeken, niet mislukkingen.
    let response = inloggen("192.0.2.1").await.expect("token");
    assert!(!header(response.headers(), "retry-after").is_empty());
    let problem = assert_problem(response, 429).await;
    assert!(
        problem["detail"]
            .as_str()
            .is_some_and(|d| d.contains("tokenaanvragen")),
        "{problem}"
    );
    // Een ander adres achter dezelfde (vertrouwde) load balancer heeft een eigen teller.
    assert_eq!(inloggen("192.0.2.2").await.expect("token").status(), 200);
    // Wat er in de database staat, is een teller per sleutel, geen logboek.
    let rijen = app
        .scalar_i64("SELECT count(*) FROM verzoek_limiet WHERE sleutel LIKE 'token:192.0.2.%'")
        .await;
    assert_eq!(rijen, 2);
}

/// Een verzoek dat wegvalt terwijl `BEGIN` onderweg is (een ander argument van de
/// handler faalt eerder, de client haakt af, de verzoekduur is om), laat geen open
/// transactie achter op een verbinding van de pool: anders hield het volgende statement
/// daarop (een teller van de verzoeklimiet) zijn slot vast. Schemathesis vond het.
#[tokio::test]
async fn a_transaction_begun_by_a_dropped_request_is_never_left_open_in_the_pool() {
    let app = spawn_app().await;
    let mut config = crate::helpers::test_config();
    config.db_max_connections = 1;
    let pool = weefsel_api::db::connect(&app.database.url, &config)
        .await
        .expect("pool");
    // Afbreken na 0, 1, 2, … keer wachten: ergens daartussen is `BEGIN` verstuurd en nog
    // niet bevestigd. Na elke poging: buiten een transactieblok weigert PostgreSQL een
    // SAVEPOINT; op een achtergelaten transactie zou hij lukken.
    for ronde in 0..200usize {
        let mut begin = Box::pin(weefsel_api::db::begin(&pool));
        for _ in 0..ronde % 20 {
            let stand = std::future::poll_fn(|cx| {
                std::task::Poll::Ready(std::future::Future::poll(begin.as_mut(), cx))
            })
            .await;
            if stand.is_ready() {
                break;
            }
            tokio::task::yield_now().await;
        }
        drop(begin);
        // De verbinding terug in de pool laten komen (ook een transactie die de taak
        // nog afmaakt en terugdraait).
        tokio::time::sleep(Duration::from_millis(3)).await;
        let probe = sea_orm::ConnectionTrait::execute_unprepared(&pool, "SAVEPOINT toets").await;
        let fout = probe
            .expect_err("de verbinding zat nog in een transactie")
            .to_string();
        assert!(fout.contains("transaction block"), "ronde {ronde}: {fout}");
    }
    let open = app
        .scalar_i64(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() \
             AND state LIKE 'idle in transaction%'",
        )
        .await;
    assert_eq!(open, 0);
    pool.close().await.expect("sluiten");
}

/// Een verzoek dat persoonsgegevens leest, houdt zijn transactie vast terwijl de limiet
/// telt; dat tellen komt uit een eigen kleine pool. Uit de pool van de dienst liep het
/// vast zodra elke verbinding een verzoek droeg dat op een tweede wachtte (hier: een
/// pool van één verbinding, en elk verzoek werd 503).
#[tokio::test]
async fn de_limiet_telt_niet_uit_de_pool_van_het_verzoek() {
    let app = spawn_app_with(|c| {
        c.db_max_connections = 1;
        c.grenzen.db_wachten = Duration::from_millis(500);
    })
    .await;
    let coordinator = app.token_for("oss.coordinator").await;
    let verzoeken = (0..4).map(|_| app.get_as("/api/v1/sleutelpersonen", &coordinator));
    for antwoord in futures_util::future::join_all(verzoeken).await {
        assert_eq!(antwoord.status(), 200);
    }
    let gelogd = crate::helpers::query_text(
        &app.db,
        "SELECT count(*)::text FROM verwerking WHERE verwerkingsactiviteit = 'netwerkbeheer'",
    )
    .await;
    assert_eq!(gelogd, "4");
}
