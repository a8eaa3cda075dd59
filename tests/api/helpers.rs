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
use migration::{Migrator, MigratorTrait};
use reqwest::header::HeaderMap;
use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DbBackend, Statement,
};
use serde_json::Value;
use tokio::sync::OnceCell;
use weefsel_api::app::Application;
use weefsel_api::config::{Config, Environment, LogFormat};
use weefsel_api::local_postgres::{LocalPostgres, Options};

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

/// Een hash van de migraties, zodat een gewijzigde migratie een nieuw sjabloon geeft.
fn migrations_hash() -> String {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("migration/src");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("migration/src leesbaar")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
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

/// De naam van het gemigreerde sjabloon; wordt één keer gemaakt, ook als meerdere
/// testprocessen tegelijk starten.
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
                Migrator::up(&db, None)
                    .await
                    .expect("migraties op het sjabloon");
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
    /// Een eigen verbinding om de database na een verzoek te controleren.
    pub db: DatabaseConnection,
    handle: ServerHandle,
    // Als laatste: de database gaat weg nadat de server gestopt is.
    pub database: TestDatabase,
}

pub fn test_config() -> Config {
    Config {
        environment: Environment::Development,
        database_url: None,
        listen: "127.0.0.1:0".parse().expect("adres"),
        log_format: LogFormat::Pretty,
        log_level: "warn".into(),
        db_max_connections: 4,
        db_acquire_timeout: Duration::from_secs(2),
        shutdown_timeout: Duration::from_secs(1),
        workers: 1,
    }
}

pub async fn spawn_app() -> TestApp {
    if std::env::var("TEST_LOG").is_ok() {
        weefsel_api::telemetry::init_with(LogFormat::Pretty, "debug");
    }
    let database = TestDatabase::migrated().await;
    let mut config = test_config();
    config.database_url = Some(database.url.clone());
    let pool = weefsel_api::db::connect(&database.url, &config)
        .await
        .expect("pool van de dienst");
    let app = Application::build(&config, pool).expect("dienst bouwen");
    let address = format!("http://127.0.0.1:{}", app.port());
    let handle = app.handle();
    tokio::spawn(app.run_until_stopped());
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(30))
        .build()
        .expect("http-client");
    let db = connect(&database.url, 2).await;
    TestApp {
        address,
        client,
        db,
        handle,
        database,
    }
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.address)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(self.url(path))
            .send()
            .await
            .expect("verzoek verstuurd")
    }

    /// GET met één extra header.
    pub async fn get_with(&self, path: &str, name: &str, value: &str) -> reqwest::Response {
        self.client
            .get(self.url(path))
            .header(name, value)
            .send()
            .await
            .expect("verzoek verstuurd")
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
pub async fn query_text(db: &DatabaseConnection, sql: &str) -> String {
    db.query_one_raw(Statement::from_string(DbBackend::Postgres, sql.to_owned()))
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
        .and_then(|row| row.try_get_by_index::<Option<String>>(0).ok().flatten())
        .unwrap_or_default()
}
