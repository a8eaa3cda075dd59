//! Tokens: uitgeven, controleren, de aanvallen die geweigerd moeten worden,
//! intrekken, sleutelrotatie, externe identity providers en de lock-out.

use std::path::PathBuf;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use ring::rand::SystemRandom;
use ring::signature::{Ed25519KeyPair, KeyPair};
use serde_json::{Value, json};

use crate::helpers::{
    DEMO_PASSWORD, TestApp, WRONG_PASSWORD, assert_problem, header, spawn_app, spawn_app_with,
};
use crate::helpers::{assert_detail, assert_velden};

/// Een Ed25519-sleutelpaar zoals een identity provider het heeft.
struct TestKey {
    kid: String,
    pkcs8: Vec<u8>,
    public: Vec<u8>,
}

impl TestKey {
    fn new(kid: &str) -> Self {
        let pkcs8 = Ed25519KeyPair::generate_pkcs8(&SystemRandom::new()).expect("sleutel");
        let pair = Ed25519KeyPair::from_pkcs8(pkcs8.as_ref()).expect("paar");
        TestKey {
            kid: kid.to_owned(),
            pkcs8: pkcs8.as_ref().to_vec(),
            public: pair.public_key().as_ref().to_vec(),
        }
    }

    fn jwks(&self) -> Value {
        json!({"keys": [{"kty": "OKP", "crv": "Ed25519", "kid": self.kid,
                         "x": URL_SAFE_NO_PAD.encode(&self.public), "use": "sig"}]})
    }

    fn sign(&self, claims: &Value) -> String {
        let mut header = Header::new(Algorithm::EdDSA);
        header.kid = Some(self.kid.clone());
        jsonwebtoken::encode(&header, claims, &EncodingKey::from_ed_der(&self.pkcs8))
            .expect("ondertekenen")
    }
}

fn now() -> i64 {
    chrono::Utc::now().timestamp()
}

const IDP: &str = "https://login.oss.example/realms/medewerkers";

/// Een tijdelijke map met de bestanden voor een externe uitgever en oude sleutels.
struct KeyFiles {
    dir: PathBuf,
}

impl KeyFiles {
    fn new(idp: &TestKey, oud: &TestKey) -> Self {
        let dir =
            std::env::temp_dir().join(format!("weefsel-keys-{}", uuid::Uuid::new_v4().simple()));
        std::fs::create_dir_all(&dir).expect("map");
        std::fs::write(dir.join("oss-idp.json"), idp.jwks().to_string()).expect("jwks");
        std::fs::write(dir.join("oud.json"), oud.jwks().to_string()).expect("jwks");
        std::fs::write(
            dir.join("uitgevers.json"),
            json!([{"gemeente": "GM0828", "issuer": IDP, "audience": "weefsel", "jwksFile": "oss-idp.json"}])
                .to_string(),
        )
        .expect("uitgevers");
        KeyFiles { dir }
    }
}

impl Drop for KeyFiles {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

async fn app_with_keys(idp: &TestKey, oud: &TestKey) -> (TestApp, KeyFiles) {
    let files = KeyFiles::new(idp, oud);
    let (issuers, old) = (files.dir.join("uitgevers.json"), files.dir.join("oud.json"));
    let app = spawn_app_with(move |config| {
        config.external_issuers_file = Some(issuers);
        config.verification_keys_file = Some(old);
    })
    .await;
    (app, files)
}

fn decode_part(token: &str, index: usize) -> Value {
    let part = token.split('.').nth(index).expect("deel");
    serde_json::from_slice(&URL_SAFE_NO_PAD.decode(part).expect("base64")).expect("json")
}

async fn assert_unauthorized(response: reqwest::Response) -> Value {
    let challenge = header(response.headers(), "www-authenticate");
    assert!(
        challenge.starts_with("Bearer realm=\"weefsel\""),
        "{challenge}"
    );
    assert_problem(response, 401).await
}

#[tokio::test]
async fn a_password_grant_gives_a_signed_short_lived_token_with_the_claims() {
    let app = spawn_app().await;
    let response = app.login("oss.coordinator", DEMO_PASSWORD).await;
    assert_eq!(response.status(), 200);
    assert_eq!(header(response.headers(), "cache-control"), "no-store");
    let body: Value = response.json().await.expect("json");
    assert_eq!(body["token_type"], "Bearer");
    assert_eq!(body["expires_in"], 900);
    let token = body["access_token"].as_str().expect("token");

    let head = decode_part(token, 0);
    assert_eq!(head["alg"], "EdDSA");
    assert!(
        head["kid"].as_str().is_some_and(|k| k.len() == 16),
        "{head}"
    );
    let claims = decode_part(token, 1);
    assert_eq!(claims["iss"], "weefsel");
    assert_eq!(claims["aud"], "weefsel-api");
    assert_eq!(claims["sub"], app.user_id("oss.coordinator").await);
    assert_eq!(claims["gemeente"], "GM0828");
    assert_eq!(claims["rollen"], json!(["coordinator"]));
    assert_eq!(claims["soort"], "gebruiker");
    assert_eq!(
        claims["exp"].as_i64().expect("exp") - claims["iat"].as_i64().expect("iat"),
        900
    );
    assert!(
        claims["nbf"].as_i64().is_some() && claims["jti"].as_str().is_some(),
        "{claims}"
    );

    let mij = app.get_as("/api/v1/gebruikers/mij", token).await;
    assert_eq!(mij.status(), 200);
    let mij: Value = mij.json().await.expect("json");
    assert_eq!(mij["gebruikersnaam"], "oss.coordinator");
    assert_eq!(mij["gemeente"], "GM0828");
    assert_eq!(mij["rollen"], json!(["coordinator"]));
    assert!(
        mij.get("wachtwoord").is_none() && !mij.to_string().contains("argon2"),
        "{mij}"
    );
}

#[tokio::test]
async fn token_request_errors_are_oauth_problems() {
    let app = spawn_app().await;

    let body = assert_problem(app.token_request(&[("grant_type", "password")]).await, 400).await;
    assert_eq!(body["error"], "invalid_request");
    assert_velden(
        &body,
        &[("password", "verplicht"), ("username", "verplicht")],
    );

    let body = assert_problem(
        app.token_request(&[("grant_type", "authorization_code")])
            .await,
        400,
    )
    .await;
    assert_eq!(body["error"], "unsupported_grant_type");

    let body = assert_problem(app.token_request(&[]).await, 400).await;
    assert_eq!(body["error"], "invalid_request");

    let response = app
        .client
        .post(app.url("/api/v1/auth/token"))
        .json(&json!({"grant_type": "password"}))
        .send()
        .await
        .expect("verzoek");
    assert_problem(response, 415).await;

    let response = app
        .token_request(&[
            ("grant_type", "client_credentials"),
            ("client_id", "geen-uuid"),
            ("client_secret", "x"),
        ])
        .await;
    assert!(header(response.headers(), "www-authenticate").starts_with("Basic"));
    let body = assert_problem(response, 401).await;
    assert_eq!(body["error"], "invalid_client");
}

#[tokio::test]
async fn unknown_and_known_usernames_are_answered_alike() {
    let app = spawn_app().await;
    let strip = |mut v: Value| {
        if let Some(o) = v.as_object_mut() {
            o.remove("requestId");
        }
        v
    };
    let known = app.login("oss.coordinator", WRONG_PASSWORD).await;
    let known = strip(assert_problem(known, 400).await);
    let unknown = app.login("bestaat.niet", WRONG_PASSWORD).await;
    let unknown = strip(assert_problem(unknown, 400).await);
    assert_eq!(known, unknown);
    assert_eq!(known["error"], "invalid_grant");
}

#[tokio::test]
async fn five_failures_lock_the_account_for_every_instance() {
    let app = spawn_app().await;
    let account = "oss.coordinator";
    app.fail_logins(account, 5).await;
    // De tellers staan in PostgreSQL, zonder de gebruikersnaam zelf.
    assert_eq!(
        app.scalar_i64("SELECT count(*) FROM mislukte_inlog").await,
        5
    );
    assert_eq!(
        app.scalar_i64("SELECT count(*) FROM mislukte_inlog WHERE account LIKE '%oss%'")
            .await,
        0
    );

    // Ook het goede wachtwoord, en ook via een andere instantie: 429.
    let (second, _handle) = app.second_instance().await;
    let response = app
        .client
        .post(format!("{second}/api/v1/auth/token"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body(format!(
            "grant_type=password&username=oss.coordinator&password={DEMO_PASSWORD}"
        ))
        .send()
        .await
        .expect("verzoek");
    let retry_after: u64 = header(response.headers(), "retry-after")
        .parse()
        .expect("Retry-After");
    assert!((840..=900).contains(&retry_after), "{retry_after}");
    let body = assert_problem(response, 429).await;
    assert_detail(&body, "minuten");

    // Een ander account heeft er geen last van.
    app.token_for("oss.beheerder").await;

    // Een onbekende naam wordt net zo geteld en net zo geblokkeerd.
    let unknown = "niemand.hier";
    app.fail_logins(unknown, 5).await;
    assert_problem(app.login(unknown, WRONG_PASSWORD).await, 429).await;
}

#[tokio::test]
async fn a_successful_login_resets_the_counter() {
    let app = spawn_app().await;
    for _ in 0..2 {
        app.fail_logins("oss.coordinator", 4).await;
        app.token_for("oss.coordinator").await;
    }
}

#[tokio::test]
async fn every_forged_or_misplaced_token_is_refused() {
    let idp = TestKey::new("idp-1");
    let (app, _files) = app_with_keys(&idp, &TestKey::new("oud-1")).await;
    let path = "/api/v1/gemeenten";
    let valid = app.token.clone();
    assert_eq!(app.get_as(path, &valid).await.status(), 200);
    let t = now();

    // Geen token.
    let response = app.get_anonymous(path).await;
    assert_eq!(
        header(response.headers(), "www-authenticate"),
        "Bearer realm=\"weefsel\""
    );
    assert_problem(response, 401).await;

    // Onbekende uitgever.
    let stranger = TestKey::new("idp-1");
    let token = stranger.sign(
        &json!({"iss": "https://evil.example", "aud": "weefsel", "sub": "x", "exp": t + 300}),
    );
    assert_unauthorized(app.get_as(path, &token).await).await;

    // Bekende uitgever, maar ondertekend met een andere sleutel.
    let token = stranger.sign(&json!({"iss": IDP, "aud": "weefsel", "sub": "x", "exp": t + 300}));
    assert_unauthorized(app.get_as(path, &token).await).await;

    // Verkeerd publiek.
    let token = idp.sign(&json!({"iss": IDP, "aud": "andere-api", "sub": "x", "exp": t + 300}));
    assert_unauthorized(app.get_as(path, &token).await).await;

    // Verlopen.
    let token = idp.sign(&json!({"iss": IDP, "aud": "weefsel", "sub": "x", "exp": t - 120}));
    let body = assert_unauthorized(app.get_as(path, &token).await).await;
    assert_eq!(body["detail"], "Het token is verlopen.");

    // Nog niet geldig.
    let token = idp
        .sign(&json!({"iss": IDP, "aud": "weefsel", "sub": "x", "exp": t + 900, "nbf": t + 600}));
    let body = assert_unauthorized(app.get_as(path, &token).await).await;
    assert_eq!(body["detail"], "Het token is nog niet geldig (nbf).");

    // alg: none, met de claims van een geldig token.
    let claims = valid.split('.').nth(1).expect("claims");
    let none = format!(
        "{}.{claims}.",
        URL_SAFE_NO_PAD.encode(br#"{"alg":"none","typ":"JWT"}"#)
    );
    assert_unauthorized(app.get_as(path, &none).await).await;

    // HS256 "ondertekend" met de publieke sleutel van de provider.
    let mut hs = Header::new(Algorithm::HS256);
    hs.kid = Some("idp-1".into());
    let token = jsonwebtoken::encode(
        &hs,
        &json!({"iss": IDP, "aud": "weefsel", "sub": "x", "exp": t + 300}),
        &EncodingKey::from_secret(&idp.public),
    )
    .expect("hs256");
    assert_unauthorized(app.get_as(path, &token).await).await;

    // Een gewijzigde claim (andere gemeente, beheerrol) bij de echte handtekening.
    let mut forged = decode_part(&valid, 1);
    forged["gemeente"] = json!("GM0865");
    forged["rollen"] = json!(["gemeente_beheerder"]);
    let parts: Vec<&str> = valid.split('.').collect();
    let tampered = format!(
        "{}.{}.{}",
        parts[0],
        URL_SAFE_NO_PAD.encode(forged.to_string()),
        parts[2]
    );
    let body = assert_unauthorized(app.get_as(path, &tampered).await).await;
    assert_eq!(body["detail"], "De handtekening van het token klopt niet.");

    // Een geldig token in de query string.
    let response = app
        .get_anonymous(&format!("{path}?access_token={valid}"))
        .await;
    assert_unauthorized(response).await;
    let response = app
        .get_as(&format!("{path}?access_token={valid}"), &valid)
        .await;
    assert_unauthorized(response).await;

    // Geen Bearer.
    let response = app
        .client
        .get(app.url(path))
        .header("Authorization", format!("Basic {valid}"))
        .send()
        .await
        .expect("verzoek");
    assert_unauthorized(response).await;
}

#[tokio::test]
async fn an_external_token_maps_to_its_weefsel_user() {
    let idp = TestKey::new("idp-1");
    let (app, _files) = app_with_keys(&idp, &TestKey::new("oud-1")).await;
    crate::helpers::exec(
        &app.db,
        "UPDATE gebruiker SET extern_id = 'kc-4711' WHERE gebruikersnaam = 'oss.coordinator'",
    )
    .await;
    let t = now();
    let token = idp.sign(
        &json!({"iss": IDP, "aud": "weefsel", "sub": "kc-4711", "exp": t + 300, "iat": t,
                                 "rollen": ["regio_beheerder"], "gemeente": "GM0865"}),
    );
    let response = app.get_as("/api/v1/gebruikers/mij", &token).await;
    assert_eq!(response.status(), 200);
    let body: Value = response.json().await.expect("json");
    // Gemeente en rollen komen uit Weefsel, niet uit de claims van de provider.
    assert_eq!(body["gebruikersnaam"], "oss.coordinator");
    assert_eq!(body["gemeente"], "GM0828");
    assert_eq!(body["rollen"], json!(["coordinator"]));
    app.get_expect("/api/v1/gebruikers", &token, 403).await;

    // Een onbekende sub, of dezelfde sub bij een andere gemeente: 401.
    let token =
        idp.sign(&json!({"iss": IDP, "aud": "weefsel", "sub": "kc-onbekend", "exp": t + 300}));
    let body = assert_unauthorized(app.get_as("/api/v1/gebruikers/mij", &token).await).await;
    assert_detail(&body, "identity provider");
}

#[tokio::test]
async fn tokens_of_an_earlier_signing_key_stay_valid_during_rotation() {
    let oud = TestKey::new("oud-2026");
    let (app, _files) = app_with_keys(&TestKey::new("idp-1"), &oud).await;
    let t = now();
    let claims = json!({"iss": "weefsel", "aud": "weefsel-api", "sub": app.user_id("oss.coordinator").await,
                        "exp": t + 300, "nbf": t, "iat": t, "jti": "j1", "soort": "gebruiker",
                        "gemeente": "GM0828", "rollen": ["coordinator"], "gen": 1});
    app.get_expect("/api/v1/gebruikers/mij", &oud.sign(&claims), 200)
        .await;

    // Dezelfde claims met een sleutel die niet (meer) geconfigureerd is: 401.
    let weg = TestKey::new("weg-2025");
    assert_unauthorized(
        app.get_as("/api/v1/gebruikers/mij", &weg.sign(&claims))
            .await,
    )
    .await;
}

#[tokio::test]
async fn deactivating_a_user_revokes_its_tokens_at_once() {
    let app = spawn_app().await;
    let coordinator = app.token_for("oss.coordinator").await;
    let beheerder = app.token_for("oss.beheerder").await;
    assert_eq!(
        app.get_as("/api/v1/gebruikers/mij", &coordinator)
            .await
            .status(),
        200
    );

    let id = app.user_id("oss.coordinator").await;
    app.patch_expect(
        &format!("/api/v1/gebruikers/{id}"),
        &beheerder,
        &json!({"actief": false}),
        200,
    )
    .await;

    let body = assert_unauthorized(app.get_as("/api/v1/gebruikers/mij", &coordinator).await).await;
    assert_detail(&body, "gedeactiveerd");
    // En een nieuw token komt er niet.
    let response = app.login("oss.coordinator", DEMO_PASSWORD).await;
    assert_eq!(
        assert_problem(response, 400).await["error"],
        "invalid_grant"
    );
}

#[tokio::test]
async fn revoking_a_client_or_renewing_its_secret_ends_its_tokens() {
    let app = spawn_app().await;
    let beheerder = app.token_for("oss.beheerder").await;
    let (client_id, secret) = app
        .create_client("oss.beheerder", "CRM", &["gebieden.lezen"])
        .await;
    let token = app.client_token(&client_id, &secret).await;
    let claims = decode_part(&token, 1);
    assert_eq!(claims["soort"], "koppeling");
    assert_eq!(claims["scope"], "gebieden.lezen");
    assert_eq!(claims["gemeente"], "GM0828");
    assert_eq!(app.get_as("/api/v1/gemeenten", &token).await.status(), 200);

    // Secret vernieuwen: het oude secret en het oude token werken niet meer.
    let response = app
        .post_as(
            &format!("/api/v1/koppelingen/{client_id}/geheim"),
            &beheerder,
            &json!({}),
        )
        .await;
    assert_eq!(response.status(), 200);
    let renewed: Value = response.json().await.expect("json");
    let new_secret = renewed["clientSecret"].as_str().expect("secret").to_owned();
    assert_ne!(new_secret, secret);
    assert_unauthorized(app.get_as("/api/v1/gemeenten", &token).await).await;
    let response = app
        .token_request(&[
            ("grant_type", "client_credentials"),
            ("client_id", &client_id),
            ("client_secret", &secret),
        ])
        .await;
    assert_problem(response, 401).await;
    let token = app.client_token(&client_id, &new_secret).await;
    assert_eq!(app.get_as("/api/v1/gemeenten", &token).await.status(), 200);

    // Intrekken.
    app.patch_expect(
        &format!("/api/v1/koppelingen/{client_id}"),
        &beheerder,
        &json!({"actief": false}),
        200,
    )
    .await;
    assert_unauthorized(app.get_as("/api/v1/gemeenten", &token).await).await;
}

pub(crate) fn pem(der: &[u8]) -> String {
    let body = base64::engine::general_purpose::STANDARD.encode(der);
    let lines: Vec<&str> = body
        .as_bytes()
        .chunks(64)
        .map(|c| std::str::from_utf8(c).expect("ascii"))
        .collect();
    format!(
        "-----BEGIN PRIVATE KEY-----\n{}\n-----END PRIVATE KEY-----\n",
        lines.join("\n")
    )
}

/// De rotatie uit de README, van begin tot eind: `weefsel jwks` bewaart de oude
/// publieke sleutel, een instantie met een nieuwe (P-256) sleutel neemt de tokens
/// van de oude nog aan, en de oude instantie kent de nieuwe sleutel niet.
#[tokio::test]
async fn the_documented_key_rotation_works_end_to_end() {
    let dir =
        std::env::temp_dir().join(format!("weefsel-rotatie-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).expect("map");
    let oud = Ed25519KeyPair::generate_pkcs8(&SystemRandom::new()).expect("ed25519");
    let nieuw = ring::signature::EcdsaKeyPair::generate_pkcs8(
        &ring::signature::ECDSA_P256_SHA256_FIXED_SIGNING,
        &SystemRandom::new(),
    )
    .expect("p-256");
    std::fs::write(dir.join("oud.pem"), pem(oud.as_ref())).expect("oud.pem");
    std::fs::write(dir.join("nieuw.pem"), pem(nieuw.as_ref())).expect("nieuw.pem");

    let oud_pem = dir.join("oud.pem");
    let app = spawn_app_with(|config| config.signing_key_file = Some(oud_pem)).await;
    let oud_token = app.token_for("oss.coordinator").await;
    assert_eq!(decode_part(&oud_token, 0)["alg"], "EdDSA");

    // Stap 1: de publieke sleutel bewaren.
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_weefsel"))
        .arg("jwks")
        .env("WEEFSEL_SIGNING_KEY_FILE", dir.join("oud.pem"))
        .env_remove("WEEFSEL_ENV")
        .output()
        .expect("weefsel jwks");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let jwks: Value = serde_json::from_slice(&output.stdout).expect("jwks");
    assert_eq!(jwks["keys"][0]["kid"], decode_part(&oud_token, 0)["kid"]);
    assert!(
        jwks["keys"][0].get("d").is_none(),
        "geen private delen in de JWKS"
    );
    std::fs::write(dir.join("vorige.json"), &output.stdout).expect("vorige.json");

    // Stap 2: nieuwe sleutel, vorige publieke sleutel als verificatiesleutel.
    let (nieuw_pem, vorige) = (dir.join("nieuw.pem"), dir.join("vorige.json"));
    let (adres, _handle) = app
        .instance_with(|config| {
            config.signing_key_file = Some(nieuw_pem);
            config.verification_keys_file = Some(vorige);
        })
        .await;
    let mij = format!("{adres}/api/v1/gebruikers/mij");
    let response = app
        .client
        .get(&mij)
        .bearer_auth(&oud_token)
        .send()
        .await
        .expect("mij");
    assert_eq!(
        response.status(),
        200,
        "een token van de vorige sleutel werkt nog"
    );
    let response = app
        .client
        .post(format!("{adres}/api/v1/auth/token"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body(format!(
            "grant_type=password&username=oss.coordinator&password={DEMO_PASSWORD}"
        ))
        .send()
        .await
        .expect("token");
    let nieuw_token = response.json::<Value>().await.expect("json")["access_token"]
        .as_str()
        .expect("token")
        .to_owned();
    assert_eq!(decode_part(&nieuw_token, 0)["alg"], "ES256");
    assert_ne!(
        decode_part(&nieuw_token, 0)["kid"],
        decode_part(&oud_token, 0)["kid"]
    );
    assert_eq!(
        app.client
            .get(&mij)
            .bearer_auth(&nieuw_token)
            .send()
            .await
            .expect("mij")
            .status(),
        200
    );
    // De oude instantie kent de nieuwe sleutel niet.
    assert_unauthorized(app.get_as("/api/v1/gebruikers/mij", &nieuw_token).await).await;
    let _ = std::fs::remove_dir_all(&dir);
}

/// Een eigen token leeft niet langer dan de dienst uitgeeft (`exp − iat` ≤ de
/// ingestelde geldigheid), en is niet in de toekomst uitgegeven: een uitgelekte (oude)
/// sleutel maakt geen token dat dagen geldt. Voor een gebruiker en een koppeling.
#[tokio::test]
async fn an_own_token_that_lives_longer_than_the_configured_ttl_is_refused() {
    let oud = TestKey::new("oud-2026");
    let (app, _files) = app_with_keys(&TestKey::new("idp-1"), &oud).await;
    let (koppeling, _) = app
        .create_client("oss.beheerder", "CRM", &["gebieden.lezen"])
        .await;
    let t = now();
    let gebruiker = |exp: i64, iat: i64| {
        json!({"iss": "weefsel", "aud": "weefsel-api", "sub": "", "exp": exp, "nbf": t, "iat": iat,
               "jti": "j1", "soort": "gebruiker", "gemeente": "GM0828", "rollen": ["coordinator"], "gen": 1})
    };
    let coordinator = app.user_id("oss.coordinator").await;
    let met_sub = |mut c: Value, sub: &str| {
        c["sub"] = json!(sub);
        c
    };
    // Binnen de geldigheid (900 s): goed.
    let goed = met_sub(gebruiker(t + 300, t), &coordinator);
    app.get_expect("/api/v1/gebruikers/mij", &oud.sign(&goed), 200)
        .await;
    // Een dag, een uur over de grens, of uitgegeven in de toekomst: 401.
    for (exp, iat) in [(t + 86_400, t), (t + 901, t - 1), (t + 300, t + 3_600)] {
        let claims = met_sub(gebruiker(exp, iat), &coordinator);
        assert_unauthorized(
            app.get_as("/api/v1/gebruikers/mij", &oud.sign(&claims))
                .await,
        )
        .await;
    }
    let lang = json!({"iss": "weefsel", "aud": "weefsel-api", "sub": koppeling, "exp": t + 7 * 86_400,
                      "nbf": t, "iat": t, "jti": "j2", "soort": "koppeling", "gemeente": "GM0828",
                      "scope": "gebieden.lezen", "gen": 1});
    assert_unauthorized(app.get_as("/api/v1/gebieden", &oud.sign(&lang)).await).await;
}
