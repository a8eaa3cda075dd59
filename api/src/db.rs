//! De databaseverbindingen van de dienst (de migraties staan in `ops::db`).
//!
//! Twee soorten verbinding:
//! - [`connect`]: de pool van de dienst. Elke verbinding werkt als rol
//!   `weefsel_app` (startparameter `role`), die geen tabel bezit en onder
//!   row-level security valt; de login-rol uit `DATABASE_URL` moet lid zijn van
//!   `weefsel_app` (de migratie regelt dat voor de rol die haar uitvoert).
//! - [`connect_inlog`]: de kleine pool van het token- en wachtwoordendpoint, als rol
//!   `weefsel_auth` (de enige die de hashes en de lock-out leest): met
//!   `WEEFSEL_AUTH_DATABASE_URL` een eigen login, anders `DATABASE_URL` met
//!   startparameter `role`;
//! - [`connect_owner`]: voor `migrate`, `seed` en `audit verify`, als de eigenaar.

use std::time::Duration;

use migration::{APP_ROLE, AUTH_ROLE};
use sea_orm::{
    ConnectOptions, Database, DatabaseConnection, DatabaseTransaction, DbErr, TransactionTrait,
};

use crate::config::Config;

fn options(url: &str, config: &Config) -> ConnectOptions {
    let mut options = ConnectOptions::new(url.to_owned());
    options
        .max_connections(config.db_max_connections)
        .min_connections(0)
        .connect_timeout(Duration::from_secs(5))
        .acquire_timeout(config.grenzen.db_wachten)
        .idle_timeout(Duration::from_secs(300))
        // sqlx pingt een verbinding standaard bij elke uitgifte: een extra ronde naar
        // PostgreSQL per verzoek (issue 11). Alleen een verbinding die een halve minuut
        // stil lag, kan intussen weg zijn; die wordt nog wel eerst gepingd.
        .test_before_acquire_if_idle_for(Duration::from_secs(30))
        .sqlx_logging(false);
    options
}

/// De pool van de dienst, als rol `weefsel_app`. SQL-logging staat uit: statements
/// kunnen persoonsgegevens van sleutelpersonen als parameter dragen, en die horen
/// nooit in een log.
///
/// `plan_cache_mode=force_generic_plan`: de dienst stuurt elke query als prepared
/// statement met parameters (ook `LIMIT` en `OFFSET`), over gegevens die per gemeente
/// gelijk verdeeld zijn. PostgreSQL bleef voor de pagina van een lijst een eigen plan
/// per uitvoering maken (0,18 ms plannen voor 0,05 ms werk, en de helft van wat een
/// lijst in PostgreSQL kostte); het generieke plan is hetzelfde indexplan.
pub async fn connect(url: &str, config: &Config) -> Result<DatabaseConnection, DbErr> {
    connect_als(url, config, Some(APP_ROLE), config.db_max_connections).await
}

/// De pools van de dienst: `weefsel_app` voor alles, `weefsel_auth` voor het
/// token- en wachtwoordendpoint, en een kleine eigen pool (`weefsel_app`) voor de
/// limiet op persoonsgegevens, die telt terwijl het verzoek zijn transactie vasthoudt.
/// Tellen uit de pool van de dienst kon onder last vastlopen: elk verzoek houdt een
/// verbinding en wacht op een tweede uit dezelfde, volle pool (503 na de wachttijd).
pub struct Pools {
    pub dienst: DatabaseConnection,
    pub inlog: DatabaseConnection,
    pub tellers: DatabaseConnection,
}

/// De verbindingen van de pool voor de limiet: een telling is één korte statement.
const TELLERS: u32 = 4;

/// De pools van de dienst voor de database van `url`.
pub async fn pools(url: &str, config: &Config) -> Result<Pools, DbErr> {
    Ok(Pools {
        dienst: connect(url, config).await?,
        inlog: connect_inlog(url, config).await?,
        tellers: connect_als(url, config, Some(APP_ROLE), TELLERS).await?,
    })
}

/// De pool als `weefsel_auth` (twee verbindingen: inloggen is zeldzaam en begrensd).
pub async fn connect_inlog(url: &str, config: &Config) -> Result<DatabaseConnection, DbErr> {
    match &config.auth_database_url {
        Some(eigen) => connect_als(eigen, config, None, 2).await,
        None => connect_als(url, config, Some(AUTH_ROLE), 2).await,
    }
}

async fn connect_als(
    url: &str,
    config: &Config,
    rol: Option<&'static str>,
    max: u32,
) -> Result<DatabaseConnection, DbErr> {
    let mut options = options(url, config);
    options.max_connections(max);
    // Geen statement duurt langer dan de grens (daarna 503, issue 16), en een
    // transactie die stil ligt (een afgebroken verzoek) houdt haar locks niet langer
    // vast dan een heel verzoek mag duren.
    let statement = config.grenzen.statement.as_millis().to_string();
    let stil = config.grenzen.verzoek.as_millis().to_string();
    options.map_sqlx_postgres_opts(move |pg| {
        let pg = match rol {
            Some(rol) => pg.options([("role", rol)]),
            None => pg,
        };
        pg.options([
            ("statement_timeout", statement.as_str()),
            ("idle_in_transaction_session_timeout", stil.as_str()),
            ("plan_cache_mode", "force_generic_plan"),
            // Geen JIT: de dienst doet korte queries, en het dashboard (een plan met
            // een hoge geschatte kosten) betaalde anders een seconde compileren per
            // verzoek (issue 15).
            ("jit", "off"),
        ])
    });
    #[allow(unused_mut)]
    let mut db = Database::connect(options).await?;
    #[cfg(debug_assertions)]
    db.set_metric_callback(crate::http::contract::queries::tel);
    Ok(db)
}

/// Begint een transactie op de pool, ook als de aanroeper halverwege wegvalt.
///
/// Een verzoek kan worden afgebroken terwijl `BEGIN` onderweg is: een ander
/// extractor-argument van de handler faalt eerder (actix laat de rest dan vallen), de
/// client verbreekt de verbinding, of de verzoekduur is om. sqlx (0.9) telt de
/// transactie pas nadat PostgreSQL `BEGIN` bevestigde; valt de future ertussen weg, dan
/// gaat de verbinding mét open transactie terug naar de pool, zonder `ROLLBACK`. Het
/// volgende statement op die verbinding (een teller van de verzoeklimiet, buiten een
/// transactie bedoeld) hield dan zijn rijslot vast tot iemand die transactie afsloot:
/// schemathesis vond het, als 503 na vijf seconden wachten (issue 16). Daarom begint de
/// transactie in een eigen taak: die maakt haar af, en een transactie die niemand meer
/// ophaalt, wordt gewoon teruggedraaid.
pub async fn begin(db: &DatabaseConnection) -> Result<DatabaseTransaction, DbErr> {
    let db = db.clone();
    tokio::spawn(async move { db.begin().await })
        .await
        .map_err(|e| DbErr::Custom(format!("transactie beginnen: {e}")))?
}

/// Een pool als de eigenaar van het schema (de rol uit `DATABASE_URL` zelf).
pub async fn connect_owner(url: &str, config: &Config) -> Result<DatabaseConnection, DbErr> {
    Database::connect(options(url, config)).await
}
