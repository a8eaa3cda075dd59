//! OAuth zoals clients het sturen (issue 38, punt 5): `client_secret_basic` op het
//! token-endpoint (RFC 6749 §2.3.1, met de decodering van Appendix B), één methode per
//! verzoek, 401 met `WWW-Authenticate`, `scope` in het antwoord en een token dat tot
//! een deel van de scopes van de koppeling beperkt is.

use crate::helpers::{TestApp, assert_problem, spawn_app};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde_json::Value;

/// Elk teken procent-gecodeerd: alleen wie decodeert (Appendix B), vindt het terug.
fn alles_gecodeerd(tekst: &str) -> String {
    tekst.bytes().map(|b| format!("%{b:02X}")).collect()
}

fn basic(id: &str, geheim: &str) -> String {
    format!("Basic {}", STANDARD.encode(format!("{id}:{geheim}")))
}

async fn met_basic(app: &TestApp, autorisatie: &str, velden: &str) -> reqwest::Response {
    app.client
        .post(app.url("/api/v1/auth/token"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Authorization", autorisatie)
        .body(velden.to_owned())
        .send()
        .await
        .expect("verzoek")
}

fn header(response: &reqwest::Response, naam: &str) -> String {
    response
        .headers()
        .get(naam)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned()
}

#[tokio::test]
async fn basic_client_authentication_decodes_and_gives_the_scopes() {
    let app = spawn_app().await;
    let (id, geheim) = app
        .create_client(
            "oss.beheerder",
            "CRM",
            &["gebieden.lezen", "initiatieven.lezen"],
        )
        .await;

    // Gecodeerd zoals Appendix B vraagt: het werkt alleen als de dienst decodeert.
    let autorisatie = basic(&alles_gecodeerd(&id), &alles_gecodeerd(&geheim));
    let response = met_basic(&app, &autorisatie, "grant_type=client_credentials").await;
    assert_eq!(response.status(), 200);
    let body: Value = response.json().await.expect("json");
    assert_eq!(body["token_type"], "Bearer");
    assert_eq!(body["scope"], "gebieden.lezen initiatieven.lezen");
    let token = body["access_token"].as_str().expect("token");
    app.get_expect("/api/v1/gebieden", token, 200).await;

    // Zoals Swagger UI het stuurt: Basic zonder codering en een lege scope.
    let response = met_basic(
        &app,
        &basic(&id, &geheim),
        "grant_type=client_credentials&scope=",
    )
    .await;
    assert_eq!(response.status(), 200);
    let body: Value = response.json().await.expect("json");
    assert_eq!(body["scope"], "gebieden.lezen initiatieven.lezen");

    // Een gebruiker krijgt geen scope: zijn rechten komen uit zijn rollen.
    let response = app
        .token_request(&[
            ("grant_type", "password"),
            ("username", "oss.coordinator"),
            ("password", crate::helpers::DEMO_PASSWORD),
        ])
        .await;
    let body: Value = response.json().await.expect("json");
    assert!(body.get("scope").is_none(), "{body}");
}

#[tokio::test]
async fn one_authentication_method_per_request_and_401_with_basic_challenge() {
    let app = spawn_app().await;
    let (id, geheim) = app
        .create_client("oss.beheerder", "CRM", &["gebieden.lezen"])
        .await;

    // Basic én het formulier: 400 invalid_request (§2.3), ook als beide kloppen.
    let velden = format!(
        "grant_type=client_credentials&client_id={id}&client_secret={}",
        alles_gecodeerd(&geheim)
    );
    let body = assert_problem(met_basic(&app, &basic(&id, &geheim), &velden).await, 400).await;
    assert_eq!(body["error"], "invalid_request");
    assert_eq!(body["invalidParams"][0]["name"], "Authorization");

    // Een fout secret via Basic: 401 invalid_client met een Basic-uitdaging (§5.2).
    let response = met_basic(
        &app,
        &basic(&id, "fout-geheim"),
        "grant_type=client_credentials",
    )
    .await;
    assert!(
        header(&response, "www-authenticate").starts_with("Basic realm=\"weefsel\""),
        "{}",
        header(&response, "www-authenticate")
    );
    let body = assert_problem(response, 401).await;
    assert_eq!(body["error"], "invalid_client");

    // Onleesbare Basic-gegevens: net zo.
    for kapot in ["Basic !!!", "Basic Zm9v", "Basic"] {
        let response = met_basic(&app, kapot, "grant_type=client_credentials").await;
        assert!(header(&response, "www-authenticate").starts_with("Basic realm=\"weefsel\""));
        let body = assert_problem(response, 401).await;
        assert_eq!(body["error"], "invalid_client", "{kapot}");
    }
}

#[tokio::test]
async fn basic_failures_count_for_the_normalised_client_id() {
    let app = spawn_app().await;
    let (id, geheim) = app
        .create_client("oss.beheerder", "CRM", &["gebieden.lezen"])
        .await;
    // Elke spelling van dezelfde client_id telt voor dezelfde koppeling.
    let spellingen = [
        id.clone(),
        id.to_uppercase(),
        id.replace('-', ""),
        format!("{{{id}}}"),
        format!("urn:uuid:{id}"),
    ];
    for spelling in &spellingen {
        let response = met_basic(
            &app,
            &basic(&alles_gecodeerd(spelling), "fout"),
            "grant_type=client_credentials",
        )
        .await;
        assert_problem(response, 401).await;
    }
    let response = met_basic(&app, &basic(&id, &geheim), "grant_type=client_credentials").await;
    assert_problem(response, 429).await;
}

#[tokio::test]
async fn the_scope_parameter_narrows_the_token() {
    let app = spawn_app().await;
    let (id, geheim) = app
        .create_client(
            "oss.beheerder",
            "CRM",
            &["gebieden.lezen", "initiatieven.lezen"],
        )
        .await;
    let response = app
        .token_request(&[
            ("grant_type", "client_credentials"),
            ("client_id", &id),
            ("client_secret", &geheim),
            ("scope", "initiatieven.lezen"),
        ])
        .await;
    assert_eq!(response.status(), 200);
    let body: Value = response.json().await.expect("json");
    assert_eq!(body["scope"], "initiatieven.lezen");
    let smal = body["access_token"].as_str().expect("token").to_owned();
    app.get_expect("/api/v1/initiatieven", &smal, 200).await;
    let weigering = app.get_expect("/api/v1/gebieden", &smal, 403).await;
    assert_eq!(weigering["status"], 403);

    // Een scope die de koppeling niet heeft, of die niet bestaat: invalid_scope, en
    // geen token.
    for scope in ["initiatieven.lezen audit.lezen", "bestaat.niet"] {
        let response = app
            .token_request(&[
                ("grant_type", "client_credentials"),
                ("client_id", &id),
                ("client_secret", &geheim),
                ("scope", scope),
            ])
            .await;
        let body = assert_problem(response, 400).await;
        assert_eq!(body["error"], "invalid_scope", "{scope}");
        assert_eq!(body["invalidParams"][0]["name"], "scope");
    }

    // Trekt de beheerder een scope in, dan verliest ook het smalle token haar.
    let beheerder = app.token_for("oss.beheerder").await;
    let response = app
        .patch_huidig(
            &format!("/api/v1/koppelingen/{id}"),
            &beheerder,
            &serde_json::json!({"scopes": ["gebieden.lezen"]}),
        )
        .await;
    assert_eq!(response.status(), 200);
    app.get_expect("/api/v1/initiatieven", &smal, 403).await;

    // Een gebruiker vraagt geen scopes: zijn rechten komen uit zijn rollen.
    let response = app
        .token_request(&[
            ("grant_type", "password"),
            ("username", "oss.coordinator"),
            ("password", crate::helpers::DEMO_PASSWORD),
            ("scope", "gebieden.lezen"),
        ])
        .await;
    let body = assert_problem(response, 400).await;
    assert_eq!(body["error"], "invalid_scope");
}

/// Een smal token opent in de database niet meer dan zijn scopes: zonder
/// `sleutelpersonen.*` zet de context geen `weefsel.persoonsgegevens`, ook als de
/// koppeling die scope wel heeft (migratie 000035).
#[tokio::test]
async fn a_narrowed_token_opens_no_personal_data_in_the_database() {
    let app = spawn_app().await;
    let (id, _) = app
        .create_client(
            "oss.beheerder",
            "CRM",
            &["gebieden.lezen", "sleutelpersonen.lezen", "meldingen.lezen"],
        )
        .await;
    let context = |scopes: &str| {
        format!(
            "WITH c AS MATERIALIZED (SELECT * FROM weefsel_context_openen('koppeling', \
             '{id}', 'GM0828', NULL, 1, {scopes})) \
             SELECT array_to_string(c.scopes, ' ') || '|' || \
             current_setting('weefsel.persoonsgegevens', true) || '|' || \
             current_setting('weefsel.meldingen', true) FROM c"
        )
    };
    let generatie = crate::helpers::query_text(
        &app.db,
        &format!("SELECT token_generatie::text FROM koppeling WHERE id = '{id}'"),
    )
    .await;
    assert_eq!(
        generatie, "1",
        "de query hieronder gaat uit van generatie 1"
    );
    assert_eq!(
        crate::helpers::query_text(&app.db, &context("NULL")).await,
        "gebieden.lezen sleutelpersonen.lezen meldingen.lezen|ja|ja"
    );
    assert_eq!(
        crate::helpers::query_text(&app.db, &context("ARRAY['gebieden.lezen']")).await,
        "gebieden.lezen||"
    );
}
