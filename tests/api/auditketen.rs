//! De keten van de audit trail met een sleutel buiten de database (issue 31, T3 punt
//! 1 en 2): `weefsel audit verify` als eigen proces, herschrijven en afkappen door de
//! eigenaar van de database, rotatie, de ontwikkelsleutel, de ondertekende koppen, het
//! schonen van oude regels en geen sleutel in het log van PostgreSQL.

use std::ffi::OsStr;
use std::path::Path;

use base64::Engine;
use serde_json::{Value, json};

use crate::cli::Sleutelbestand;
use crate::helpers::{
    TestApp, TestDatabase, audit_sleutels, exec, query_text, spawn_app, spawn_app_with, test_config,
};

/// `weefsel <args>` als eigen proces (ontwikkeling) met deze variabelen (zoals
/// `DATABASE_URL` en `WEEFSEL_AUDIT_KEY_FILE`); geeft (gelukt, stdout, stderr).
fn opdracht(args: &[&str], env: &[(&str, &OsStr)]) -> (bool, String, String) {
    let mut command = crate::cli::weefsel();
    command.args(args);
    for (naam, waarde) in env {
        command.env(naam, waarde);
    }
    let (output, stdout, stderr) = crate::cli::run(&mut command);
    (output.status.success(), stdout, stderr)
}

fn verify(app: &TestApp, sleutels: Option<&Path>) -> (bool, String) {
    let mut env = vec![("DATABASE_URL", OsStr::new(&app.database.url))];
    env.extend(sleutels.map(|p| ("WEEFSEL_AUDIT_KEY_FILE", p.as_os_str())));
    let (gelukt, stdout, stderr) = opdracht(&["audit", "verify"], &env);
    (gelukt, format!("{stdout}{stderr}"))
}

async fn wijzig_een_paar_keer(app: &TestApp, beheerder: &str, gebruiker: &str) {
    let token = app.token_for(beheerder).await;
    let id = app.user_id(gebruiker).await;
    for actief in [false, true, false, true] {
        app.patch_expect(
            &format!("/api/v1/gebruikers/{id}"),
            &token,
            &json!({"actief": actief}),
            200,
        )
        .await;
    }
}

/// Ondertekent de koppen nu (zoals de dienst dagelijks doet).
async fn koppen_tekenen(app: &TestApp) {
    let pool = weefsel_api::db::connect(&app.database.url, &test_config())
        .await
        .expect("pool");
    let keys = weefsel_api::auth::TokenKeys::from_config(&test_config()).expect("sleutels");
    weefsel_api::audit::koppen::tekenen(&pool, &keys)
        .await
        .expect("koppen tekenen");
}

/// De eigenaar van de database herschrijft de keten van een gemeente tot gewone
/// hashes (zoals de oude trigger ze uitrekende), met een andere actor in regel 1.
const HERSCHRIJVEN: &str = r#"
BEGIN;
SET LOCAL session_replication_role = replica;
UPDATE audit_trail SET actor_id = NULL, actor_soort = 'systeem' WHERE keten = 'GM0828' AND volgnummer = 1;
DO $$
DECLARE r record; v_vorige text := repeat('0', 64); v_hash text;
BEGIN
    FOR r IN SELECT * FROM audit_trail WHERE keten = 'GM0828' ORDER BY volgnummer LOOP
        v_hash := encode(sha256(convert_to(concat_ws('|', r.keten, r.volgnummer::text, v_vorige,
            r.id::text, to_char(r.tijdstip AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
            coalesce(r.gemeente_id::text, ''), r.actor_soort, coalesce(r.actor_id::text, ''),
            r.resource, r.resource_id, r.actie, r.wijzigingen::text, coalesce(r.request_id, '')),
            'UTF8')), 'hex');
        UPDATE audit_trail SET vorige_hash = v_vorige, hash = v_hash, sleutel_id = {sleutel}
         WHERE id = r.id;
        v_vorige := v_hash;
    END LOOP;
END $$;
COMMIT;
"#;

#[tokio::test]
async fn verify_doorstaat_een_ongerepte_keten_en_ziet_herschrijven_en_afkappen() {
    let app = spawn_app().await;
    wijzig_een_paar_keer(&app, "oss.beheerder", "oss.raadpleger").await;
    wijzig_een_paar_keer(&app, "vught.beheerder", "vught.raadpleger").await;
    koppen_tekenen(&app).await;
    let (gelukt, tekst) = verify(&app, None);
    assert!(gelukt, "{tekst}");
    assert!(tekst.contains("Audit trail in orde"), "{tekst}");
    assert!(tekst.contains("12 ondertekende koppen") || tekst.contains("koppen vergeleken"));
    assert_eq!(
        app.scalar_i64("SELECT count(*) FROM audit_trail WHERE sleutel_id IS NULL")
            .await,
        0,
        "elke regel heeft een sleutel"
    );

    // (a) Een andere actor in een oude regel, de hashes opnieuw uitgerekend: met of
    // zonder de sleutel te noemen.
    exec(&app.db, &HERSCHRIJVEN.replace("{sleutel}", "sleutel_id")).await;
    let (gelukt, tekst) = verify(&app, None);
    assert!(!gelukt, "{tekst}");
    assert!(
        tekst.contains("BREUK  keten GM0828, regel 1: de inhoud past niet bij de hash"),
        "{tekst}"
    );
    exec(&app.db, &HERSCHRIJVEN.replace("{sleutel}", "NULL")).await;
    let (gelukt, tekst) = verify(&app, None);
    assert!(!gelukt, "{tekst}");
    assert!(
        tekst.contains("keten GM0828: eindigt met een regel zonder sleutel"),
        "{tekst}"
    );
    assert!(
        tekst.contains("keten GM0828: de ondertekende kop"),
        "{tekst}"
    );
    assert!(!tekst.contains("keten GM0865"), "{tekst}");

    // (b) De staart weg: de laatste twee regels van Vught.
    exec(
        &app.db,
        "BEGIN; SET LOCAL session_replication_role = replica; \
         DELETE FROM audit_trail WHERE keten = 'GM0865' AND volgnummer > \
           (SELECT max(volgnummer) - 2 FROM audit_trail WHERE keten = 'GM0865'); COMMIT",
    )
    .await;
    let (gelukt, tekst) = verify(&app, None);
    assert!(!gelukt, "{tekst}");
    assert!(
        tekst.contains("keten GM0865: de ondertekende kop"),
        "{tekst}"
    );
}

/// Een kopie van het ontwikkelbestand (de sleutel van de seed), om te roteren.
fn kopie_van_ontwikkelsleutels() -> Sleutelbestand {
    audit_sleutels();
    let bestand = Sleutelbestand::nieuw();
    std::fs::copy(weefsel_api::audit::sleutels::ONTWIKKELBESTAND, &bestand.0)
        .expect("ontwikkelsleutels kopiëren");
    bestand
}

#[tokio::test]
async fn na_een_rotatie_rekenen_regels_onder_beide_sleutels_na() {
    let sleutels = kopie_van_ontwikkelsleutels();
    let pad = sleutels.0.clone();
    let app = spawn_app_with(|config| config.audit_key_file = Some(pad)).await;
    wijzig_een_paar_keer(&app, "oss.beheerder", "oss.raadpleger").await;

    sleutels.roteer();
    let pad = sleutels.0.clone();
    let (tweede, handle) = app
        .instance_with(|config| config.audit_key_file = Some(pad))
        .await;
    // Een token van de tweede instantie (in ontwikkeling heeft elke instantie een
    // eigen ondertekensleutel).
    let token = crate::helpers::demo_token(&app.client, &tweede, "oss.beheerder").await;
    let id = app.user_id("oss.raadpleger").await;
    let response = app
        .client
        .patch(format!("{tweede}/api/v1/gebruikers/{id}"))
        .bearer_auth(&token)
        .header("Content-Type", "application/merge-patch+json")
        .json(&json!({"actief": false}))
        .send()
        .await
        .expect("patch");
    assert_eq!(response.status(), 200);
    handle.stop(true).await;

    let nieuw = std::fs::read_to_string(&sleutels.0)
        .expect("sleutels")
        .lines()
        .last()
        .and_then(|r| r.split_whitespace().next().map(str::to_owned))
        .expect("nieuwe sleutel");
    assert_eq!(
        query_text(
            &app.db,
            "SELECT sleutel_id FROM audit_trail WHERE keten = 'GM0828' ORDER BY volgnummer DESC LIMIT 1"
        )
        .await,
        nieuw
    );
    assert_eq!(
        app.scalar_i64("SELECT count(DISTINCT sleutel_id) FROM audit_trail WHERE keten = 'GM0828'")
            .await,
        2
    );
    let (gelukt, tekst) = verify(&app, Some(&sleutels.0));
    assert!(gelukt, "{tekst}");
    // Zonder de nieuwe sleutel valt de laatste regel op.
    let (gelukt, tekst) = verify(&app, None);
    assert!(!gelukt, "{tekst}");
    assert!(
        tekst.contains(&format!("sleutel {nieuw} staat niet in")),
        "{tekst}"
    );
}

/// In ontwikkeling maakt de eerste opdracht de sleutel onder `.weefsel/`; elke
/// volgende (een herstart) gebruikt dezelfde. In productie start niets zonder.
#[tokio::test]
async fn de_ontwikkelsleutel_komt_er_een_keer_en_blijft() {
    let database = TestDatabase::empty().await;
    let map = std::env::temp_dir().join(format!("weefsel-dev-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&map).expect("map");
    let weefsel = |args: &[&str]| {
        let (output, stdout, stderr) = crate::cli::run(
            crate::cli::weefsel()
                .args(args)
                .current_dir(&map)
                .env("DATABASE_URL", &database.url),
        );
        assert!(output.status.success(), "{args:?}: {stdout}{stderr}");
        stdout
    };
    weefsel(&["migrate"]);
    let bestand = map.join(".weefsel/audit-sleutels");
    let sleutel = std::fs::read_to_string(&bestand).expect("de sleutel is gemaakt");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&bestand)
            .expect("metadata")
            .permissions()
            .mode();
        assert_eq!(mode & 0o077, 0, "alleen voor de eigenaar");
    }
    weefsel(&["seed", "--demo"]);
    weefsel(&["beheerder", "--gemeente", "GM0865"]);
    assert_eq!(std::fs::read_to_string(&bestand).expect("sleutel"), sleutel);
    let tekst = weefsel(&["audit", "verify"]);
    assert!(tekst.contains("Audit trail in orde"), "{tekst}");
    let _ = std::fs::remove_dir_all(&map);

    let (gelukt, _, stderr) = opdracht(
        &["serve"],
        &[
            ("WEEFSEL_ENV", OsStr::new("production")),
            (
                "DATABASE_URL",
                OsStr::new("postgres://weefsel:eigen-geheim@127.0.0.1:1/weefsel"),
            ),
            (
                "WEEFSEL_SIGNING_KEY_FILE",
                OsStr::new("/etc/weefsel/signing.pem"),
            ),
        ],
    );
    assert!(!gelukt);
    assert!(stderr.contains("WEEFSEL_AUDIT_KEY_FILE"), "{stderr}");
}

fn payload(jws: &str) -> Value {
    let deel = jws.split('.').nth(1).expect("payload");
    serde_json::from_slice(
        &base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(deel)
            .expect("base64"),
    )
    .expect("json")
}

/// `GET /audit-trail/koppen`: per gemeente een kop, ondertekend met de sleutel die
/// `weefsel jwks` afdrukt; alleen voor wie de audit trail van die gemeente leest.
#[tokio::test]
async fn de_ondertekende_koppen_kloppen_met_de_publieke_sleutel() {
    let map = std::env::temp_dir().join(format!("weefsel-kop-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&map).expect("map");
    let pkcs8 = ring::signature::Ed25519KeyPair::generate_pkcs8(&ring::rand::SystemRandom::new())
        .expect("ed25519");
    std::fs::write(map.join("signing.pem"), crate::auth::pem(pkcs8.as_ref())).expect("pem");
    let pem = map.join("signing.pem");
    let app = spawn_app_with(|config| config.signing_key_file = Some(pem)).await;
    wijzig_een_paar_keer(&app, "oss.beheerder", "oss.raadpleger").await;

    let signing = map.join("signing.pem");
    let (_, stdout, _) = opdracht(
        &["jwks"],
        &[("WEEFSEL_SIGNING_KEY_FILE", signing.as_os_str())],
    );
    let jwks: Value = serde_json::from_str(&stdout).expect("jwks");
    let jwk = &jwks["keys"][0];
    let x = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(jwk["x"].as_str().expect("x"))
        .expect("x");
    let sleutel = jsonwebtoken::DecodingKey::from_ed_der(&x);

    // De dienst ondertekent bij het starten; wacht daarop.
    let regio = app.token_for("regio.beheerder").await;
    let mut koppen = Value::Null;
    for _ in 0..50 {
        koppen = app
            .get_expect("/api/v1/audit-trail/koppen?paginaGrootte=50", &regio, 200)
            .await;
        if koppen["totaalAantal"] == 12 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(koppen["totaalAantal"], 12, "{koppen}");
    let mut validation = jsonwebtoken::Validation::new(jsonwebtoken::Algorithm::EdDSA);
    validation.set_audience(&["weefsel-audit-trail"]);
    validation.set_required_spec_claims(&["iss", "aud", "iat"]);
    validation.validate_exp = false;
    for kop in koppen["resultaten"].as_array().expect("resultaten") {
        let jws = kop["handtekening"].as_str().expect("handtekening");
        let header = jsonwebtoken::decode_header(jws).expect("header");
        assert_eq!(header.kid.as_deref(), jwk["kid"].as_str());
        assert_eq!(header.typ.as_deref(), Some("weefsel-auditkop+jwt"));
        let claims = jsonwebtoken::decode::<Value>(jws, &sleutel, &validation)
            .unwrap_or_else(|e| panic!("{kop}: {e}"))
            .claims;
        assert_eq!(claims["keten"], kop["keten"]);
        assert_eq!(claims["volgnummer"], kop["volgnummer"]);
        assert_eq!(claims["kop"], kop["kop"]);
        // De kop staat in de keten: de hash van die regel.
        if kop["volgnummer"].as_i64() > Some(0) {
            assert_eq!(
                query_text(
                    &app.db,
                    &format!(
                        "SELECT hash FROM audit_trail WHERE keten = '{}' AND volgnummer = {}",
                        kop["keten"].as_str().expect("keten"),
                        kop["volgnummer"]
                    )
                )
                .await,
                kop["kop"].as_str().expect("kop")
            );
        }
        // Geen access token: een andere `aud`, geen `exp`.
        assert!(payload(jws).get("exp").is_none());
        let response = app.get_as("/api/v1/gebruikers/mij", jws).await;
        assert_eq!(response.status(), 401);
    }
    // De eigen gemeente leest alleen haar eigen kop; wie de audit trail niet leest, niets.
    let oss = app.token_for("oss.beheerder").await;
    let eigen = app
        .get_expect("/api/v1/audit-trail/koppen", &oss, 200)
        .await;
    assert_eq!(eigen["totaalAantal"], 1);
    assert_eq!(eigen["resultaten"][0]["keten"], "GM0828");
    assert_eq!(eigen["resultaten"][0]["gemeente"], "GM0828");
    let coordinator = app.token_for("oss.coordinator").await;
    app.get_expect("/api/v1/audit-trail/koppen", &coordinator, 403)
        .await;

    // Een kopie van buiten de database: `audit verify --koppen` controleert de
    // handtekening en vergelijkt.
    let regels: Vec<&str> = koppen["resultaten"]
        .as_array()
        .expect("resultaten")
        .iter()
        .map(|k| k["handtekening"].as_str().expect("jws"))
        .collect();
    std::fs::write(map.join("koppen.txt"), regels.join("\n")).expect("koppen");
    // Een vervalste kop in de kopie (de payload veranderd, dezelfde handtekening).
    let vervalst = regels[0].replacen('.', ".x", 1);
    std::fs::write(map.join("vervalst.txt"), vervalst).expect("vervalst");
    for (bestand, klopt) in [("koppen.txt", true), ("vervalst.txt", false)] {
        let (gelukt, stdout, stderr) = opdracht(
            &[
                "audit",
                "verify",
                "--koppen",
                &map.join(bestand).to_string_lossy(),
            ],
            &[
                ("DATABASE_URL", OsStr::new(&app.database.url)),
                ("WEEFSEL_SIGNING_KEY_FILE", signing.as_os_str()),
            ],
        );
        assert_eq!(gelukt, klopt, "{bestand}: {stdout}{stderr}");
    }
    let _ = std::fs::remove_dir_all(&map);
}

/// Een regel van vóór issue 30 met het doel van een toestemming (vrije tekst) wordt bij
/// het migreren geschoond: de tekst staat daarna nergens meer, de oude en nieuwe kop
/// staan in de uitvoer en de keten rekent na.
#[tokio::test]
async fn het_migreren_schoont_oude_regels_en_verzegelt_de_keten() {
    use migration::{Migrator, MigratorTrait};
    let database = TestDatabase::empty().await;
    let db = crate::helpers::connect(&database.url, 1).await;
    Migrator::up(&db, Some(21))
        .await
        .expect("migraties tot 000021");
    exec(&db, &migration::gemeenten::upsert_sql()).await;
    // Zoals de oude trigger ze schreef: drie regels in Oss, één in Vught.
    let persoon = uuid::Uuid::now_v7();
    for (gemeente, resource, wijzigingen) in [
        (
            "GM0828",
            "gebied",
            r#"[{"veld": "naam", "nieuw": "Centrum"}]"#,
        ),
        (
            "GM0828",
            "sleutelpersoon",
            r#"[{"veld": "status", "nieuw": "kandidaat"}, {"veld": "toestemming", "nieuw": {"doel": "Buurtpreventie met Jantje Geheimzinnig", "datum": "2026-01-05"}}, {"veld": "voornaam"}]"#,
        ),
        (
            "GM0828",
            "sleutelpersoon",
            r#"[{"veld": "status", "oud": "kandidaat", "nieuw": "actief"}]"#,
        ),
        (
            "GM0865",
            "gebied",
            r#"[{"veld": "naam", "nieuw": "Noord"}]"#,
        ),
    ] {
        exec(
            &db,
            &format!(
                "INSERT INTO audit_trail (id, keten, volgnummer, tijdstip, gemeente_id, actor_soort, \
                 resource, resource_id, actie, wijzigingen, vorige_hash, hash) \
                 SELECT '{}', '', 0, now(), id, 'systeem', '{resource}', '{persoon}', 'aangemaakt', \
                 '{wijzigingen}', '', '' FROM gemeente WHERE code = '{gemeente}'",
                uuid::Uuid::now_v7()
            ),
        )
        .await;
    }
    let oude_kop = query_text(
        &db,
        "SELECT hash FROM audit_trail WHERE keten = 'GM0828' AND volgnummer = 3",
    )
    .await;
    drop(db);

    let db_url = [("DATABASE_URL", OsStr::new(&database.url))];
    let (gelukt, tekst, stderr) = opdracht(&["migrate"], &db_url);
    assert!(gelukt, "{tekst}{stderr}");
    assert!(
        tekst.contains(&format!(
            "laatste kop zonder sleutel van keten GM0828: regel 3, hash {oude_kop}"
        )),
        "{tekst}"
    );
    let db = crate::helpers::connect(&database.url, 1).await;
    let nieuwe_kop = query_text(
        &db,
        "SELECT hash FROM audit_trail WHERE keten = 'GM0828' AND volgnummer = 3",
    )
    .await;
    assert_ne!(nieuwe_kop, oude_kop);
    assert!(
        tekst.contains(&format!(
            "audit trail geschoond, keten GM0828: 1 regel(s) vanaf regel 2 houden alleen veldnamen; \
             oude kop regel 3 {oude_kop}, nieuwe kop regel 3 {nieuwe_kop}"
        )),
        "{tekst}"
    );
    assert!(!tekst.contains("geschoond, keten GM0865"), "{tekst}");
    assert!(
        tekst.contains("audit trail verzegeld, keten GM0828"),
        "{tekst}"
    );
    assert!(
        tekst.contains("audit trail verzegeld, keten GM0865"),
        "{tekst}"
    );
    // Alleen de naam van het veld blijft; de rest van de regel is er nog.
    let regel: Value = serde_json::from_str(
        &query_text(
            &db,
            "SELECT wijzigingen::text FROM audit_trail WHERE keten = 'GM0828' AND volgnummer = 2",
        )
        .await,
    )
    .expect("json");
    assert_eq!(
        regel,
        json!([{"veld": "status", "nieuw": "kandidaat"}, {"veld": "toestemming"}, {"veld": "voornaam"}])
    );
    let dump = crate::anonimiseren::dump(&database.url);
    assert!(
        !dump.contains("geheimzinnig"),
        "de tekst staat nog in de database"
    );
    assert!(!dump.contains("buurtpreventie met"));

    let (gelukt, tekst, _) = opdracht(&["audit", "verify"], &db_url);
    assert!(gelukt, "{tekst}");
    assert!(
        tekst.contains("6 regels in 2 ketens (2 met sleutel)"),
        "{tekst}"
    );
    // Een tweede keer is er niets meer te doen.
    let (_, tekst, _) = opdracht(&["migrate"], &db_url);
    assert!(!tekst.contains("audit trail"), "{tekst}");
}

/// Met `log_statement = all` schrijft PostgreSQL elk statement in zijn log; de
/// sleutel van de audit trail staat er in geen enkele vorm in (ruw, hex, base64): de
/// dienst stuurt alleen de MAC.
#[tokio::test]
async fn het_log_van_postgresql_bevat_de_sleutel_nergens() {
    use weefsel_api::ops::local_postgres::{LocalPostgres, Options};
    let map = std::env::temp_dir().join(format!("weefsel-log-{}", uuid::Uuid::new_v4().simple()));
    let pg = LocalPostgres::start(&map.join("pg"), Options { disposable: true })
        .expect("eigen PostgreSQL");
    let admin = crate::helpers::connect(&pg.url("postgres"), 1).await;
    exec(&admin, "ALTER SYSTEM SET log_statement = 'all'").await;
    exec(&admin, "SELECT pg_reload_conf()").await;
    exec(&admin, "CREATE DATABASE weefsel").await;
    drop(admin);
    let url = pg.url("weefsel");
    let sleutels = Sleutelbestand::nieuw();
    let met_sleutel = [
        ("DATABASE_URL", OsStr::new(&url)),
        ("WEEFSEL_AUDIT_KEY_FILE", sleutels.0.as_os_str()),
    ];
    for args in [&["migrate"][..], &["seed", "--demo"][..]] {
        let (gelukt, stdout, stderr) = opdracht(args, &met_sleutel);
        assert!(gelukt, "{stdout}{stderr}");
    }
    let mut config = test_config();
    config.database_url = Some(url.clone());
    config.audit_key_file = Some(sleutels.0.clone());
    let pools = weefsel_api::db::pools(&url, &config).await.expect("pools");
    let dienst = weefsel_api::app::Application::build(&config, pools).expect("dienst");
    let adres = format!("http://127.0.0.1:{}", dienst.port());
    let handle = dienst.handle();
    tokio::spawn(dienst.run_until_stopped());
    let client = reqwest::Client::new();
    let token = crate::helpers::demo_token(&client, &adres, "oss.beheerder").await;
    let gebied = client
        .post(format!("{adres}/api/v1/gebieden"))
        .bearer_auth(&token)
        .json(&json!({"naam": "Logwijk", "soort": "wijk"}))
        .send()
        .await
        .expect("gebied");
    assert_eq!(
        gebied.status(),
        201,
        "{}",
        gebied.text().await.unwrap_or_default()
    );
    handle.stop(true).await;
    let (gelukt, stdout, _) = opdracht(&["audit", "verify"], &met_sleutel);
    assert!(gelukt, "{stdout}");
    pg.stop().expect("PostgreSQL stoppen");

    let log = std::fs::read(map.join("pg/postgres.log")).expect("log van PostgreSQL");
    let tekst = String::from_utf8_lossy(&log);
    assert!(
        tekst.contains("weefsel_audit_kop"),
        "het log bevat de statements niet"
    );
    assert!(tekst.contains("INSERT INTO audit_trail"));
    let regel = std::fs::read_to_string(&sleutels.0).expect("sleutel");
    let b64 = regel.split_whitespace().nth(1).expect("base64").to_owned();
    let sleutel = base64::engine::general_purpose::STANDARD
        .decode(&b64)
        .expect("base64");
    use base64::engine::general_purpose::{STANDARD_NO_PAD, URL_SAFE, URL_SAFE_NO_PAD};
    let hex: String = sleutel.iter().map(|b| format!("{b:02x}")).collect();
    for vorm in [
        b64.clone(),
        STANDARD_NO_PAD.encode(&sleutel),
        URL_SAFE.encode(&sleutel),
        URL_SAFE_NO_PAD.encode(&sleutel),
        hex.clone(),
        hex.to_uppercase(),
        // Ook een stuk ervan: de helft van de sleutel.
        hex[..32].to_owned(),
    ] {
        assert!(
            !tekst.contains(&vorm),
            "de sleutel staat in het log: {vorm}"
        );
    }
    assert!(
        !log.windows(sleutel.len()).any(|w| w == sleutel.as_slice()),
        "de ruwe sleutel staat in het log"
    );
    let _ = std::fs::remove_dir_all(&map);
}
