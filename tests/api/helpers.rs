//! Het testharnas: de echte dienst over HTTP tegen een echte PostgreSQL.
//!
//! - `DATABASE_URL` gezet: die server (een superuser-URL, bv. naar de database `postgres`).
//! - Anders: een eigen wegwerpcluster uit de binaries van de machine, gestopt en
//!   opgeruimd zodra het testproces eindigt.
//!
//! Elke test krijgt een eigen database, gekloond uit een gemigreerd sjabloon, en
//! ruimt die op (ook als de test faalt). De dienst luistert op poort 0.

use std::sync::OnceLock;
use std::time::Duration;

use actix_web::dev::ServerHandle;
use reqwest::header::HeaderMap;
use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DbBackend, Statement,
};
use serde_json::Value;
use tokio::sync::OnceCell;
use weefsel_api::app::Application;
use weefsel_api::config::{Config, Environment, LogFormat};
use weefsel_api::ops::local_postgres::{LocalPostgres, Options};

/// Waar de testdatabases staan: `base` + databasenaam.
struct Server {
    base: String,
}

impl Server {
    fn url(&self, database: &str) -> String {
        format!("{}/{database}", self.base)
    }
}

fn server() -> &'static Server {
    static SERVER: OnceLock<Server> = OnceLock::new();
    SERVER.get_or_init(|| {
        if let Ok(url) = std::env::var("DATABASE_URL") {
            let base = url
                .split('?')
                .next()
                .and_then(|u| u.rsplit_once('/'))
                .map(|(base, _)| base.to_owned())
                .unwrap_or(url);
            return Server { base };
        }
        let dir = std::env::temp_dir().join(format!("weefsel-test-pg-{}", std::process::id()));
        let pg = LocalPostgres::start(&dir, Options { disposable: true })
            .unwrap_or_else(|e| panic!("geen DATABASE_URL en geen eigen PostgreSQL: {e}"));
        pg.remove_when_process_exits()
            .unwrap_or_else(|e| panic!("opruimen regelen: {e}"));
        Server {
            base: pg.url("").trim_end_matches('/').to_owned(),
        }
    })
}

pub async fn admin() -> DatabaseConnection {
    connect(&server().url("postgres"), 1).await
}

pub async fn connect(url: &str, max: u32) -> DatabaseConnection {
    let mut options = ConnectOptions::new(url.to_owned());
    options
        .max_connections(max)
        .min_connections(0)
        .sqlx_logging(false);
    Database::connect(options)
        .await
        .unwrap_or_else(|e| panic!("verbinden met de testdatabase: {e}"))
}

/// Een hash van de migraties en de seed, zodat een wijziging een nieuw sjabloon geeft.
fn migrations_hash() -> String {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<_> = std::fs::read_dir(root.join("migration/src"))
        .expect("migration/src leesbaar")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    files.push(root.join("api/src/ops/seed.rs"));
    files.push(root.join("api/src/ops/demo.rs"));
    // Het sjabloon bewaart DNA-profielen: een andere regel geeft een nieuw sjabloon.
    files.push(root.join("api/src/domein/dna.rs"));
    files.push(root.join("api/src/ops/dna.rs"));
    // De regels van de audit trail dragen een MAC met de ontwikkelsleutel.
    files.push(root.join("api/src/audit/mod.rs"));
    files.push(root.join(weefsel_api::audit::sleutels::ONTWIKKELBESTAND));
    audit_sleutels();
    files.sort();
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for file in files {
        for byte in std::fs::read(&file).expect("migratie leesbaar") {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{hash:016x}")
}

/// De naam van het gemigreerde sjabloon, met de demogegevens (`weefsel seed --demo`);
/// wordt één keer gemaakt, ook als meerdere testprocessen tegelijk starten.
async fn template() -> &'static str {
    static TEMPLATE: OnceCell<String> = OnceCell::const_new();
    TEMPLATE
        .get_or_init(|| async {
            let name = format!("weefsel_tmpl_{}", migrations_hash());
            let admin = admin().await;
            exec(&admin, "SELECT pg_advisory_lock(80282026)").await;
            if !database_exists(&admin, &name).await {
                let building = format!("{name}_bouw_{}", std::process::id());
                exec(&admin, &format!("DROP DATABASE IF EXISTS \"{building}\"")).await;
                exec(&admin, &format!("CREATE DATABASE \"{building}\"")).await;
                let db = connect(&server().url(&building), 1).await;
                weefsel_api::ops::db::migrate(&db, &test_config())
                    .await
                    .expect("migraties op het sjabloon");
                weefsel_api::ops::seed::demo(&db, &test_config())
                    .await
                    .expect("demogegevens in het sjabloon");
                db.close().await.expect("sjabloonverbinding sluiten");
                exec(
                    &admin,
                    &format!("ALTER DATABASE \"{building}\" RENAME TO \"{name}\""),
                )
                .await;
            }
            exec(&admin, "SELECT pg_advisory_unlock(80282026)").await;
            admin.close().await.expect("adminverbinding sluiten");
            name
        })
        .await
}

pub async fn exec(db: &DatabaseConnection, sql: &str) {
    db.execute_unprepared(sql)
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"));
}

/// `sql` moet mislukken met een fout die `reden` noemt: een regel die de database zelf
/// bewaakt (een CHECK, een trigger, een verwijzing, een recht), los van de dienst.
pub async fn weigert(db: &impl ConnectionTrait, sql: &str, reden: &str) {
    match db.execute_unprepared(sql).await {
        Ok(_) => panic!("de database nam aan: {sql}"),
        Err(e) => assert!(e.to_string().contains(reden), "{sql}: {e}"),
    }
}

pub async fn database_exists(admin: &DatabaseConnection, name: &str) -> bool {
    admin
        .query_one_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "SELECT 1 FROM pg_database WHERE datname = $1",
            [name.into()],
        ))
        .await
        .expect("pg_database lezen")
        .is_some()
}

/// Een lege database (zonder migraties), voor de migratietests.
pub struct TestDatabase {
    pub name: String,
    pub url: String,
}

impl TestDatabase {
    pub async fn empty() -> Self {
        Self::create(None).await
    }

    pub async fn migrated() -> Self {
        Self::create(Some(template().await)).await
    }

    async fn create(template: Option<&str>) -> Self {
        let name = format!("weefsel_test_{}", uuid::Uuid::new_v4().simple());
        let admin = admin().await;
        let sql = match template {
            Some(t) => format!("CREATE DATABASE \"{name}\" TEMPLATE \"{t}\""),
            None => format!("CREATE DATABASE \"{name}\""),
        };
        exec(&admin, &sql).await;
        admin.close().await.expect("adminverbinding sluiten");
        let url = server().url(&name);
        TestDatabase { name, url }
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        let name = self.name.clone();
        // Drop kan niet async zijn: een eigen runtime in een eigen draad.
        let dropped = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("runtime");
            runtime.block_on(async {
                let admin = admin().await;
                exec(
                    &admin,
                    &format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"),
                )
                .await;
                let _ = admin.close().await;
            });
        })
        .join();
        if dropped.is_err() && !std::thread::panicking() {
            panic!("testdatabase {} niet opgeruimd", self.name);
        }
    }
}

/// De draaiende dienst van één test.
pub struct TestApp {
    pub address: String,
    pub client: reqwest::Client,
    /// Een eigen verbinding (als eigenaar) om de database na een verzoek te controleren.
    pub db: DatabaseConnection,
    /// Het token dat `get` meestuurt (`oss.raadpleger`).
    pub token: String,
    handle: ServerHandle,
    // Als laatste: de database gaat weg nadat de server gestopt is.
    pub database: TestDatabase,
}

pub fn test_config() -> Config {
    let mut config = Config::from_lookup(|_| None).expect("standaardconfiguratie");
    assert_eq!(config.environment, Environment::Development);
    config.listen = "127.0.0.1:0".parse().expect("adres");
    config.log_level = "warn".into();
    config.db_max_connections = 4;
    config.grenzen.db_wachten = Duration::from_secs(2);
    // Geen verzoeklimieten, behalve in de tests die ze toetsen.
    config.grenzen.schrijven_per_minuut = 1_000_000;
    config.grenzen.token_per_minuut = 1_000_000;
    config.shutdown_timeout = Duration::from_secs(1);
    config.workers = 1;
    // De retentie draait alleen in de test die haar toetst.
    config.retentie_interval = None;
    config
}

/// Het wachtwoord van de demo-accounts in elke testdatabase.
pub const DEMO_PASSWORD: &str = weefsel_api::ops::seed::DEMO_PASSWORD;
/// Een wachtwoord dat bij geen enkel account hoort.
pub const WRONG_PASSWORD: &str = "fout-wachtwoord-123";

/// Het wachtwoord dat een account uit [`TestApp::nieuwe_gebruiker`] zelf koos.
pub const EIGEN_WACHTWOORD: &str = "eigen-gekozen-wachtwoord-88";

/// De dienst met de standaardconfiguratie; `get` draagt het token van `oss.raadpleger`.
pub async fn spawn_app() -> TestApp {
    spawn_app_with(|_| {}).await
}

/// De dienst met een aangepaste configuratie.
pub async fn spawn_app_with(adjust: impl FnOnce(&mut Config)) -> TestApp {
    if std::env::var("TEST_LOG").is_ok() {
        weefsel_api::telemetry::init_with(LogFormat::Pretty, "debug");
    }
    let database = TestDatabase::migrated().await;
    let mut config = test_config();
    config.database_url = Some(database.url.clone());
    adjust(&mut config);
    let pools = weefsel_api::db::pools(&database.url, &config)
        .await
        .expect("pools van de dienst");
    let app = Application::build(&config, pools).expect("dienst bouwen");
    let address = format!("http://127.0.0.1:{}", app.port());
    let handle = app.handle();
    tokio::spawn(app.run_until_stopped());
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(30))
        .build()
        .expect("http-client");
    let db = connect(&database.url, 2).await;
    let mut app = TestApp {
        address,
        client,
        db,
        token: String::new(),
        handle,
        database,
    };
    app.token = app.token_for("oss.raadpleger").await;
    app
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.address)
    }

    /// GET met het standaardtoken.
    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.get_as(path, &self.token).await
    }

    /// GET zonder token.
    pub async fn get_anonymous(&self, path: &str) -> reqwest::Response {
        self.send(self.client.get(self.url(path))).await
    }

    /// GET met dit token.
    pub async fn get_as(&self, path: &str, token: &str) -> reqwest::Response {
        self.send(self.client.get(self.url(path)).bearer_auth(token))
            .await
    }

    /// GET met dit token die 200 met JSON verwacht.
    pub async fn get_json_as(&self, path: &str, token: &str) -> Value {
        let response = self.get_as(path, token).await;
        assert_eq!(response.status(), 200, "GET {path}");
        response.json().await.expect("json-body")
    }

    /// De tekst van een `GET` met `Accept: text/csv` (200 verwacht).
    pub async fn csv_as(&self, path: &str, token: &str) -> String {
        let response = self
            .send(
                self.client
                    .get(self.url(path))
                    .bearer_auth(token)
                    .header("Accept", "text/csv"),
            )
            .await;
        assert_eq!(response.status(), 200, "GET {path} (CSV)");
        response.text().await.expect("tekst")
    }

    /// GET met het standaardtoken en één extra header.
    pub async fn get_with(&self, path: &str, name: &str, value: &str) -> reqwest::Response {
        self.send(
            self.client
                .get(self.url(path))
                .bearer_auth(&self.token)
                .header(name, value),
        )
        .await
    }

    /// Een verzoek met JSON-body en dit token.
    pub async fn json_as(
        &self,
        method: reqwest::Method,
        path: &str,
        token: &str,
        body: &Value,
    ) -> reqwest::Response {
        self.send(
            self.client
                .request(method, self.url(path))
                .bearer_auth(token)
                .json(body),
        )
        .await
    }

    pub async fn post_as(&self, path: &str, token: &str, body: &Value) -> reqwest::Response {
        self.json_as(reqwest::Method::POST, path, token, body).await
    }

    /// POST met JSON zonder token (zoals `POST /api/v1/auth/wachtwoord`).
    pub async fn post_anonymous(&self, path: &str, body: &Value) -> reqwest::Response {
        self.send(self.client.post(self.url(path)).json(body)).await
    }

    pub async fn patch_as(&self, path: &str, token: &str, body: &Value) -> reqwest::Response {
        self.json_as(reqwest::Method::PATCH, path, token, body)
            .await
    }

    /// Stuurt een verzoek (met JSON-body als `body` er een is), controleert de status
    /// en geeft de body terug (`Null` zonder body). Bij een foutstatus ook de vorm
    /// van de problem details.
    pub async fn expect(
        &self,
        method: reqwest::Method,
        path: &str,
        token: &str,
        body: Option<&Value>,
        status: u16,
    ) -> Value {
        let mut request = self
            .client
            .request(method.clone(), self.url(path))
            .bearer_auth(token);
        if let Some(body) = body {
            request = request.json(body);
        }
        let response = self.send(request).await;
        if status >= 400 {
            return assert_problem(response, status).await;
        }
        let actual = response.status().as_u16();
        let text = response.text().await.expect("body");
        assert_eq!(actual, status, "{method} {path}: {text}");
        if text.is_empty() {
            Value::Null
        } else {
            serde_json::from_str(&text).expect("json-body")
        }
    }

    pub async fn get_expect(&self, path: &str, token: &str, status: u16) -> Value {
        self.expect(reqwest::Method::GET, path, token, None, status)
            .await
    }

    pub async fn post_expect(&self, path: &str, token: &str, body: &Value, status: u16) -> Value {
        self.expect(reqwest::Method::POST, path, token, Some(body), status)
            .await
    }

    /// Het commando `weefsel` met deze argumenten tegen de database van deze app (in
    /// ontwikkeling, met alleen waarschuwingen in het log).
    pub fn weefsel(&self, args: &[&str]) -> std::process::Output {
        std::process::Command::new(env!("CARGO_BIN_EXE_weefsel"))
            .args(args)
            .env("DATABASE_URL", &self.database.url)
            .env_remove("WEEFSEL_ENV")
            .env("WEEFSEL_LOG", "warn")
            .output()
            .expect("weefsel")
    }

    /// `POST` dat 201 moet geven; het `id` van wat er ontstond.
    pub async fn aanmaken(&self, path: &str, token: &str, body: &Value) -> String {
        id_of(&self.post_expect(path, token, body, 201).await)
    }

    pub async fn patch_expect(&self, path: &str, token: &str, body: &Value, status: u16) -> Value {
        self.expect(reqwest::Method::PATCH, path, token, Some(body), status)
            .await
    }

    /// Een nieuw gebied van de gemeente van `token`, met deze velden bovenop een
    /// naam en soort; geeft de representatie.
    pub async fn nieuw_gebied(&self, token: &str, velden: Value) -> Value {
        let naam = format!("Gebied {}", uuid::Uuid::now_v7());
        let body = met(serde_json::json!({"naam": naam, "soort": "wijk"}), velden);
        self.post_expect("/api/v1/gebieden", token, &body, 201)
            .await
    }

    /// Een meting voor een gebied; geeft de representatie.
    pub async fn nieuwe_meting(&self, token: &str, gebied: &str, velden: Value) -> Value {
        let body = met(
            serde_json::json!({"peildatum": "2025-01-01", "bron": "Testbron"}),
            velden,
        );
        self.post_expect(
            &format!("/api/v1/gebieden/{gebied}/indicatoren"),
            token,
            &body,
            201,
        )
        .await
    }

    /// Een nieuw traject in een nieuw gebied (of in `gebied`), met dit plan.
    pub async fn nieuw_traject(&self, token: &str, aanpak: &str, gebied: Option<&str>) -> Value {
        let gebied = match gebied {
            Some(id) => id.to_owned(),
            None => id_of(&self.nieuw_gebied(token, serde_json::json!({})).await),
        };
        self.post_expect(
            "/api/v1/trajecten",
            token,
            &serde_json::json!({"gebiedId": gebied, "aanpak": aanpak}),
            201,
        )
        .await
    }

    /// Een nieuw netwerk van de gemeente van `token`, met deze velden bovenop een
    /// naam, vorm en rol van de gemeente; geeft de representatie.
    pub async fn nieuw_netwerk(&self, token: &str, velden: Value) -> Value {
        let naam = format!("Netwerk {}", uuid::Uuid::now_v7());
        let body = met(
            serde_json::json!({"naam": naam, "vorm": "sleutelpersonennetwerk", "gemeenteRol": ["facilitator"]}),
            velden,
        );
        self.post_expect("/api/v1/netwerken", token, &body, 201)
            .await
    }

    /// Een nieuwe sleutelpersoon (kandidaat, tenzij `velden` anders zegt) van de
    /// gemeente van `token`; geeft de representatie.
    pub async fn nieuwe_sleutelpersoon(&self, token: &str, velden: Value) -> Value {
        let body = met(serde_json::json!({"voornaam": "Testpersoon"}), velden);
        self.post_expect("/api/v1/sleutelpersonen", token, &body, 201)
            .await
    }

    /// Haalt de demonetwerken en -sleutelpersonen weg (als eigenaar), voor een test die
    /// vanaf een leeg register telt. Het verwerkingenlogboek is dan nog leeg.
    pub async fn zonder_demo_sleutelpersonen(&self) {
        exec(
            &self.db,
            "DELETE FROM melding_opvolging; DELETE FROM melding; DELETE FROM oefening; DELETE FROM bijeenkomst; \
             UPDATE initiatief SET netwerk_id = NULL; DELETE FROM aanvraag WHERE netwerk_id IS NOT NULL; DELETE FROM netwerk_lid; DELETE FROM sleutelpersoon_status; \
             DELETE FROM sleutelpersoon_gegevens; DELETE FROM sleutelpersoon; DELETE FROM netwerk",
        )
        .await;
    }

    /// Maakt `persoon` lid van `netwerk`, met deze velden; geeft het lidmaatschap.
    pub async fn nieuw_lid(
        &self,
        token: &str,
        netwerk: &str,
        persoon: &str,
        velden: Value,
    ) -> Value {
        let body = met(serde_json::json!({"sleutelpersoonId": persoon}), velden);
        self.post_expect(
            &format!("/api/v1/netwerken/{netwerk}/leden"),
            token,
            &body,
            201,
        )
        .await
    }

    /// `POST /api/v1/auth/token` met deze formuliervelden.
    pub async fn token_request(&self, fields: &[(&str, &str)]) -> reqwest::Response {
        let body = fields
            .iter()
            .map(|(k, v)| format!("{k}={}", urlencode(v)))
            .collect::<Vec<_>>()
            .join("&");
        self.send(
            self.client
                .post(self.url("/api/v1/auth/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .body(body),
        )
        .await
    }

    /// Een wijzigend verzoek (`PATCH` of `DELETE`, met of zonder body) met `If-Match`.
    pub async fn met_if_match(
        &self,
        method: reqwest::Method,
        path: &str,
        token: &str,
        etag: &str,
        body: Option<&Value>,
    ) -> reqwest::Response {
        let mut request = self
            .client
            .request(method, self.url(path))
            .bearer_auth(token)
            .header("If-Match", etag);
        if let Some(body) = body {
            request = request.json(body);
        }
        self.send(request).await
    }

    /// `PATCH` met de `ETag` die de resource nu heeft als `If-Match`.
    pub async fn patch_huidig(&self, path: &str, token: &str, body: &Value) -> reqwest::Response {
        let etag = header(self.get_as(path, token).await.headers(), "etag");
        self.met_if_match(reqwest::Method::PATCH, path, token, &etag, Some(body))
            .await
    }

    /// `PATCH` met `If-Match` voor versie `versie`.
    pub async fn patch_versie(
        &self,
        path: &str,
        token: &str,
        versie: i64,
        body: &Value,
    ) -> reqwest::Response {
        let etag = format!("\"{versie}\"");
        self.met_if_match(reqwest::Method::PATCH, path, token, &etag, Some(body))
            .await
    }

    /// `DELETE` met `If-Match` voor versie `versie`.
    pub async fn delete_versie(&self, path: &str, token: &str, versie: i64) -> reqwest::Response {
        let etag = format!("\"{versie}\"");
        self.met_if_match(reqwest::Method::DELETE, path, token, &etag, None)
            .await
    }

    /// Inloggen met gebruikersnaam en wachtwoord (password grant).
    pub async fn login(&self, username: &str, password: &str) -> reqwest::Response {
        self.token_request(&[
            ("grant_type", "password"),
            ("username", username),
            ("password", password),
        ])
        .await
    }

    /// `n` keer inloggen met een fout wachtwoord; elke poging geeft 400.
    pub async fn fail_logins(&self, username: &str, n: usize) {
        for _ in 0..n {
            assert_problem(self.login(username, WRONG_PASSWORD).await, 400).await;
        }
    }

    /// Een access token voor een demo-account.
    pub async fn token_for(&self, username: &str) -> String {
        self.token_for_with(username, DEMO_PASSWORD).await
    }

    /// Een access token met dit wachtwoord.
    pub async fn token_for_with(&self, username: &str, password: &str) -> String {
        let response = self.login(username, password).await;
        assert_eq!(response.status(), 200, "inloggen als {username}");
        let body: Value = response.json().await.expect("json");
        body["access_token"]
            .as_str()
            .expect("access_token")
            .to_owned()
    }

    /// Een nieuw account van de gemeente van `beheerder` (een token) met deze rollen, dat
    /// zijn tijdelijke wachtwoord al voor [`EIGEN_WACHTWOORD`] inwisselde; zijn token.
    pub async fn nieuwe_gebruiker(&self, beheerder: &str, naam: &str, rollen: Value) -> String {
        const TIJDELIJK: &str = "tijdelijk-wachtwoord-77";
        self.post_expect(
            "/api/v1/gebruikers",
            beheerder,
            &serde_json::json!({"gebruikersnaam": naam, "rollen": rollen, "wachtwoord": TIJDELIJK}),
            201,
        )
        .await;
        let response = self
            .post_anonymous(
                "/api/v1/auth/wachtwoord",
                &serde_json::json!({"gebruikersnaam": naam, "wachtwoord": TIJDELIJK,
                                    "nieuwWachtwoord": EIGEN_WACHTWOORD}),
            )
            .await;
        assert_eq!(response.status(), 204, "{naam}");
        self.token_for_with(naam, EIGEN_WACHTWOORD).await
    }

    /// Een account van Oss met deze rollen en het demowachtwoord, rechtstreeks in de
    /// database (zoals een account van vóór een regel die de API nu weigert); zijn token.
    pub async fn account_met_rollen(&self, naam: &str, rollen: &[&str]) -> String {
        let hash = weefsel_api::auth::secrets::hash_password(DEMO_PASSWORD).expect("hash");
        exec(
            &self.db,
            &format!(
                "INSERT INTO gebruiker (id, gemeente_id, gebruikersnaam, wachtwoord_hash, rollen) \
                 SELECT gen_random_uuid(), id, '{naam}', '{hash}', ARRAY['{}'] \
                 FROM gemeente WHERE code = 'GM0828'",
                rollen.join("', '")
            ),
        )
        .await;
        self.token_for(naam).await
    }

    /// Een koppeling van Oss (door oss.beheerder) met deze scopes; haar token.
    pub async fn koppeling_token(&self, naam: &str, scopes: &[&str]) -> String {
        let (id, secret) = self.create_client("oss.beheerder", naam, scopes).await;
        self.client_token(&id, &secret).await
    }

    /// Een access token voor een koppeling.
    pub async fn client_token(&self, client_id: &str, secret: &str) -> String {
        let response = self
            .token_request(&[
                ("grant_type", "client_credentials"),
                ("client_id", client_id),
                ("client_secret", secret),
            ])
            .await;
        assert_eq!(response.status(), 200, "token voor koppeling {client_id}");
        let body: Value = response.json().await.expect("json");
        body["access_token"]
            .as_str()
            .expect("access_token")
            .to_owned()
    }

    /// Maakt een koppeling als `beheerder` en geeft (id, secret).
    pub async fn create_client(
        &self,
        beheerder: &str,
        naam: &str,
        scopes: &[&str],
    ) -> (String, String) {
        let token = self.token_for(beheerder).await;
        let response = self
            .post_as(
                "/api/v1/koppelingen",
                &token,
                &serde_json::json!({"naam": naam, "scopes": scopes}),
            )
            .await;
        assert_eq!(response.status(), 201, "koppeling aanmaken");
        let body: Value = response.json().await.expect("json");
        (
            body["clientId"].as_str().expect("clientId").to_owned(),
            body["clientSecret"]
                .as_str()
                .expect("clientSecret")
                .to_owned(),
        )
    }

    /// Het id van een gebruiker op naam.
    pub async fn user_id(&self, gebruikersnaam: &str) -> String {
        query_text(
            &self.db,
            &format!("SELECT id::text FROM gebruiker WHERE gebruikersnaam = '{gebruikersnaam}'"),
        )
        .await
    }

    /// Het id van een demogebied op naam, bv. `Kloosterakker` (Oss, groot, vak 4).
    pub async fn gebied_id(&self, naam: &str) -> String {
        query_text(
            &self.db,
            &format!("SELECT id::text FROM gebied WHERE naam = '{naam}'"),
        )
        .await
    }

    /// Een tweede instantie van de dienst op dezelfde database (zoals achter een
    /// load balancer); stopt als de handle wegvalt.
    pub async fn second_instance(&self) -> (String, ServerHandle) {
        self.instance_with(|_| {}).await
    }

    /// Een instantie op dezelfde database met een aangepaste configuratie.
    pub async fn instance_with(&self, adjust: impl FnOnce(&mut Config)) -> (String, ServerHandle) {
        let mut config = test_config();
        config.database_url = Some(self.database.url.clone());
        adjust(&mut config);
        let pools = weefsel_api::db::pools(&self.database.url, &config)
            .await
            .expect("pools van de tweede instantie");
        let app = Application::build(&config, pools).expect("tweede instantie bouwen");
        let address = format!("http://127.0.0.1:{}", app.port());
        let handle = app.handle();
        tokio::spawn(app.run_until_stopped());
        (address, handle)
    }

    async fn send(&self, request: reqwest::RequestBuilder) -> reqwest::Response {
        request.send().await.expect("verzoek verstuurd")
    }

    /// GET die 200 met JSON verwacht.
    pub async fn get_json(&self, path: &str) -> Value {
        let response = self.get(path).await;
        assert_eq!(response.status(), 200, "GET {path}");
        response.json().await.expect("json-body")
    }

    pub async fn scalar_i64(&self, sql: &str) -> i64 {
        let row = self
            .db
            .query_one_raw(Statement::from_string(DbBackend::Postgres, sql.to_owned()))
            .await
            .expect("query")
            .expect("een rij");
        row.try_get_by_index::<i64>(0).expect("getal")
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        // Stuurt het stopbevel meteen; de database gaat daarna WITH (FORCE) weg.
        drop(self.handle.stop(false));
    }
}

/// Het `id` van een representatie.
pub fn id_of(value: &Value) -> String {
    value["id"].as_str().expect("id").to_owned()
}

/// `basis` met de velden van `velden` erover.
pub fn met(mut basis: Value, velden: Value) -> Value {
    if let (Some(basis), Value::Object(velden)) = (basis.as_object_mut(), velden) {
        basis.extend(velden);
    }
    basis
}

/// Controleert een problem+json-antwoord en geeft de body terug.
pub async fn assert_problem(response: reqwest::Response, status: u16) -> Value {
    assert_eq!(response.status().as_u16(), status, "status");
    let headers = response.headers().clone();
    assert_eq!(
        header(&headers, "content-type"),
        "application/problem+json",
        "content-type"
    );
    let body: Value = response.json().await.expect("json-body");
    assert_eq!(body["status"], status, "{body}");
    let kind = body["type"].as_str().expect("type");
    assert!(kind.starts_with("urn:weefsel:probleem:"), "{body}");
    assert!(
        body["title"].as_str().is_some_and(|t| !t.is_empty()),
        "{body}"
    );
    assert!(
        body["detail"].as_str().is_some_and(|t| !t.is_empty()),
        "{body}"
    );
    assert_eq!(
        body["requestId"],
        header(&headers, "x-request-id"),
        "{body}"
    );
    body
}

/// Procent-codering voor formuliervelden.
pub fn urlencode(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

pub fn header(headers: &HeaderMap, name: &str) -> String {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned()
}

/// De namen en codes in `invalidParams`, gesorteerd.
pub fn invalid_params(problem: &Value) -> Vec<(String, String)> {
    let mut params: Vec<(String, String)> = problem["invalidParams"]
        .as_array()
        .expect("invalidParams")
        .iter()
        .map(|p| {
            (
                p["name"].as_str().unwrap_or_default().to_owned(),
                p["code"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect();
    params.sort();
    params
}

/// Eén tekstwaarde uit een query.
pub async fn query_text(db: &impl ConnectionTrait, sql: &str) -> String {
    db.query_one_raw(Statement::from_string(DbBackend::Postgres, sql.to_owned()))
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
        .and_then(|row| row.try_get_by_index::<Option<String>>(0).ok().flatten())
        .unwrap_or_default()
}

/// De ongeldige velden van een 400 zijn precies deze (naam, code), in willekeurige volgorde.
/// De uitleg (`reason`) bij één veld van een 400, of `""`.
pub fn reden<'a>(problem: &'a Value, veld: &str) -> &'a str {
    problem["invalidParams"]
        .as_array()
        .and_then(|p| p.iter().find(|p| p["name"] == veld))
        .and_then(|p| p["reason"].as_str())
        .unwrap_or_default()
}

pub fn assert_velden(problem: &Value, verwacht: &[(&str, &str)]) {
    let mut verwacht: Vec<(String, String)> = verwacht
        .iter()
        .map(|(naam, code)| ((*naam).to_owned(), (*code).to_owned()))
        .collect();
    verwacht.sort();
    assert_eq!(invalid_params(problem), verwacht, "{problem}");
}

/// Het `detail` van een probleem noemt deze tekst.
pub fn assert_detail(problem: &Value, tekst: &str) {
    assert!(
        problem["detail"]
            .as_str()
            .is_some_and(|d| d.contains(tekst)),
        "{problem}"
    );
}

/// De tekstwaarden van `veld` in een lijst, of in de `resultaten` van een pagina.
pub fn kolom<'a>(lijst: &'a Value, veld: &str) -> Vec<&'a str> {
    let rijen = lijst.get("resultaten").unwrap_or(lijst);
    rijen
        .as_array()
        .expect("lijst")
        .iter()
        .filter_map(|r| r[veld].as_str())
        .collect()
}

/// 405 met `Allow` (en die methoden in het `detail`) als problem details.
pub async fn assert_405(response: reqwest::Response, allow: &str, verzoek: &str) -> Value {
    assert_eq!(header(response.headers(), "allow"), allow, "{verzoek}");
    let body = assert_problem(response, 405).await;
    assert_eq!(body["type"], "urn:weefsel:probleem:methode-niet-toegestaan");
    assert!(
        body["detail"].as_str().unwrap_or_default().contains(allow),
        "{verzoek}: {body}"
    );
    body
}

/// De sleutels van de audit trail zoals de dienst in de tests ze gebruikt (het
/// ontwikkelbestand onder `.weefsel/`).
pub fn audit_sleutels() -> weefsel_api::audit::AuditSleutels {
    weefsel_api::audit::AuditSleutels::laden(&test_config()).expect("sleutels van de audit trail")
}

/// Een access token van een demo-account bij een draaiende dienst op `base`.
pub async fn demo_token(client: &reqwest::Client, base: &str, gebruiker: &str) -> String {
    let antwoord: serde_json::Value = client
        .post(format!("{base}/api/v1/auth/token"))
        .form(&[
            ("grant_type", "password"),
            ("username", gebruiker),
            ("password", DEMO_PASSWORD),
        ])
        .send()
        .await
        .expect("token")
        .json()
        .await
        .expect("json");
    antwoord["access_token"]
        .as_str()
        .expect("access_token")
        .to_owned()
}

/// Voert `script` uit met `bash -c` in een eigen lege map, met deze omgeving: de
/// uitgewerkte voorbeelden uit de documentatie (README, `docs/leidraad.md`). Faalt met
/// de uitvoer als het script faalt; geeft stdout.
pub async fn bash(script: String, omgeving: Vec<(&'static str, String)>) -> String {
    for programma in ["bash", "curl", "jq"] {
        assert!(
            std::process::Command::new("sh")
                .args(["-c", &format!("command -v {programma}")])
                .status()
                .is_ok_and(|s| s.success()),
            "{programma} ontbreekt (apt-get install {programma})"
        );
    }
    let map = std::env::temp_dir().join(format!("weefsel-voorbeeld-{}", uuid::Uuid::now_v7()));
    std::fs::create_dir_all(&map).expect("map");
    let uitvoer = tokio::task::spawn_blocking(move || {
        std::process::Command::new("bash")
            .args(["-c", &script])
            .current_dir(&map)
            .envs(omgeving)
            .output()
            .expect("bash")
    })
    .await
    .expect("uitvoeren");
    assert!(
        uitvoer.status.success(),
        "het voorbeeld faalde:\n{}\n{}",
        String::from_utf8_lossy(&uitvoer.stdout),
        String::from_utf8_lossy(&uitvoer.stderr)
    );
    String::from_utf8_lossy(&uitvoer.stdout).trim().to_owned()
}

/// Haalt alle gemeentelijke gegevens weg (als eigenaar; het grootboek staat dat alleen
/// toe met zijn bewaker even uit), zodat alleen de opzet van de test telt.
pub async fn leeg(app: &TestApp) {
    exec(
        &app.db,
        "ALTER TABLE mutatie DISABLE TRIGGER mutatie_geen_wijziging;
         DELETE FROM melding_opvolging; DELETE FROM melding; DELETE FROM sleutelpersoon_checkin;
         DELETE FROM oefening; DELETE FROM bijeenkomst; DELETE FROM netwerk_partner;
         DELETE FROM veiligheidsafspraak; DELETE FROM organisatie WHERE gemeente_id IS NOT NULL;
         DELETE FROM mutatie; DELETE FROM idempotentie; DELETE FROM aanvraag; DELETE FROM budget;
         DELETE FROM initiatief; DELETE FROM netwerk_lid; DELETE FROM sleutelpersoon_status;
         DELETE FROM sleutelpersoon_gegevens; DELETE FROM sleutelpersoon; DELETE FROM traject_besluit;
         DELETE FROM traject_verbinder; DELETE FROM traject_stap; DELETE FROM traject;
         DELETE FROM indicatormeting; DELETE FROM gebied; DELETE FROM netwerk;
         ALTER TABLE mutatie ENABLE TRIGGER mutatie_geen_wijziging;",
    )
    .await;
}
