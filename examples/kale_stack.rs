//! De kale stack: een controlemeting voor `bench/run.sh` (issue 11), geen onderdeel
//! van de dienst.
//!
//! Doet voor `GET /api/v1/gebieden` precies wat PostgreSQL van de dienst krijgt (de
//! statements van `bench/sql/gebieden_coordinator.sql`: `BEGIN`, de context, de pagina
//! met haar telling, `ROLLBACK`), met dezelfde onderdelen als de dienst (actix-web met
//! evenveel workers, de pool van sqlx met dezelfde verbindingsopties, mimalloc, JSON
//! met serde) en zonder iets van Weefsel zelf: geen token, geen middleware, geen
//! autorisatie, geen links. De rijen gaan in een JSON-pagina van dezelfde vorm en
//! grootte (getypeerde structs met serde).
//!
//! Twee varianten: `/api/v1/gebieden` met sqlx rechtstreeks (rijen op kolomnummer) en
//! `/api/v1/gebieden-orm` via sea-orm, zoals een dienst op de vaste stack van Weefsel
//! (actix-web, sea-orm) het schrijft: de transactie van sea-orm, de context met
//! `find_by_statement`, de pagina met de querybouwer en een afgeleid model (rijen op
//! kolomnaam). Beide geven hetzelfde antwoord. `/vast` geeft evenveel bytes zonder
//! database: de grens van HTTP alleen.
//!
//! Wat deze kale stack haalt tegen pgbench op dezelfde SQL, is de grens van deze
//! machine voor elke dienst op deze stack; het verschil tussen haar (via sea-orm) en
//! Weefsel is wat Weefsel zelf per verzoek kost.
//!
//! ```sh
//! cargo build --release --example kale_stack
//! DATABASE_URL=postgres://…/db?sslmode=disable KAAL_LISTEN=127.0.0.1:18183 \
//!   KAAL_GEBRUIKER=<uuid> KAAL_GENERATIE=<n> KAAL_GEMEENTE=<uuid> \
//!   target/release/examples/kale_stack
//! ```

use std::time::Duration;

use actix_web::{App, HttpResponse, HttpServer, web};
use chrono::{DateTime, NaiveDate, Utc};
use entity::gebied;
use entity::soorten::{GebiedSoort, Grootteklasse};
use sea_orm::sea_query::{Expr, QueryStatementBuilder};
use sea_orm::sqlx::{self, ConnectOptions, Row, postgres::PgConnectOptions};
use sea_orm::{
    ColumnTrait, DatabaseConnection, DbBackend, DbErr, EntityTrait, FromQueryResult, QueryFilter,
    QueryOrder, QuerySelect, QueryTrait, SqlxPostgresConnector, Statement, TransactionTrait,
};
use serde::Serialize;
use uuid::Uuid;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const CONTEXT: &str = "SELECT id, actief, rollen, scopes, gemeente_id, gemeente_code, geldig, regio \
     FROM weefsel_context_openen('gebruiker', $1, 'GM0828', NULL, $2)";

const PAGINA: &str = r#"SELECT "gebied"."id", "gebied"."gemeente_id", "gebied"."naam", "gebied"."soort", "gebied"."cbs_code", "gebied"."inwonertal", "gebied"."grootteklasse", "gebied"."bovenliggend_gebied_id", "gebied"."dna_kwadrant", "gebied"."dna_cohesie", "gebied"."dna_aanpak", "gebied"."dna_grootte", "gebied"."dna_basis", "gebied"."dna_peildatum", "gebied"."created_at", "gebied"."updated_at", (SELECT coalesce(sum(aantal), 0)::bigint FROM "gebied_telling" WHERE "gebied_telling"."gemeente_id" = $1) AS "weefsel_totaal_aantal" FROM "gebied" WHERE "gebied"."gemeente_id" = $2 ORDER BY "gebied"."naam" ASC, "gebied"."id" ASC LIMIT $3 OFFSET $4"#;

struct Staat {
    pool: sqlx::PgPool,
    /// Dezelfde pool als sea-orm-verbinding (de vaste stack van Weefsel).
    orm: DatabaseConnection,
    gebruiker: Uuid,
    generatie: i32,
    gemeente: Uuid,
    vast: web::Bytes,
}

async fn gebieden(staat: web::Data<Staat>) -> HttpResponse {
    antwoord(pagina(&staat).await)
}

fn antwoord<E: std::fmt::Display>(uitkomst: Result<Vec<u8>, E>) -> HttpResponse {
    match uitkomst {
        Ok(body) => HttpResponse::Ok()
            .content_type("application/json")
            .body(body),
        Err(e) => HttpResponse::InternalServerError().body(e.to_string()),
    }
}

/// De pagina als JSON, in dezelfde vorm als die van de dienst.
fn json(totaal_aantal: i64, resultaten: Vec<Rij>) -> Vec<u8> {
    let body = Pagina {
        pagina: 1,
        pagina_grootte: 20,
        totaal_aantal,
        resultaten,
    };
    serde_json::to_vec(&body).unwrap_or_default()
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Profiel {
    cohesie: Option<String>,
    basis: Option<String>,
    grootteklasse: Option<String>,
    kwadrant: Option<i16>,
    aanpak: Vec<String>,
    peildatum: Option<NaiveDate>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Rij {
    id: Uuid,
    gemeente: &'static str,
    naam: String,
    soort: String,
    cbs_code: Option<String>,
    inwonertal: Option<i32>,
    grootteklasse: Option<String>,
    bovenliggend_gebied_id: Option<Uuid>,
    dna_profiel: Profiel,
    aangemaakt_op: DateTime<Utc>,
    gewijzigd_op: DateTime<Utc>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Pagina {
    pagina: u32,
    pagina_grootte: u32,
    totaal_aantal: i64,
    resultaten: Vec<Rij>,
}

async fn pagina(staat: &Staat) -> Result<Vec<u8>, sqlx::Error> {
    let mut tx = staat.pool.begin().await?;
    let context = sqlx::query(CONTEXT)
        .bind(staat.gebruiker)
        .bind(staat.generatie)
        .fetch_one(&mut *tx)
        .await?;
    let _rollen: Vec<String> = context.try_get(2)?;
    let rijen = sqlx::query(PAGINA)
        .bind(staat.gemeente)
        .bind(staat.gemeente)
        .bind(20_i64)
        .bind(0_i64)
        .fetch_all(&mut *tx)
        .await?;
    let mut totaal = 0_i64;
    let mut resultaten = Vec::with_capacity(rijen.len());
    for r in &rijen {
        totaal = r.try_get(16)?;
        resultaten.push(Rij {
            id: r.try_get(0)?,
            gemeente: "GM0828",
            naam: r.try_get(2)?,
            soort: r.try_get(3)?,
            cbs_code: r.try_get(4)?,
            inwonertal: r.try_get(5)?,
            grootteklasse: r.try_get(6)?,
            bovenliggend_gebied_id: r.try_get(7)?,
            dna_profiel: Profiel {
                cohesie: r.try_get(9)?,
                basis: r.try_get(12)?,
                grootteklasse: r.try_get(11)?,
                kwadrant: r.try_get(8)?,
                aanpak: r.try_get(10)?,
                peildatum: r.try_get(13)?,
            },
            aangemaakt_op: r.try_get(14)?,
            gewijzigd_op: r.try_get(15)?,
        });
    }
    drop(tx);
    Ok(json(totaal, resultaten))
}

/// De context zoals sea-orm haar leest (op kolomnaam).
#[derive(FromQueryResult)]
struct ContextRij {
    #[allow(dead_code)]
    rollen: Vec<String>,
}

/// Een rij van de pagina zoals sea-orm haar leest (op kolomnaam, enums via tekst).
#[derive(FromQueryResult)]
struct OrmRij {
    id: Uuid,
    naam: String,
    soort: GebiedSoort,
    cbs_code: Option<String>,
    inwonertal: Option<i32>,
    grootteklasse: Option<Grootteklasse>,
    bovenliggend_gebied_id: Option<Uuid>,
    dna_kwadrant: Option<i16>,
    dna_cohesie: Option<String>,
    dna_aanpak: Vec<String>,
    dna_grootte: Option<String>,
    dna_basis: Option<String>,
    dna_peildatum: Option<NaiveDate>,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
    weefsel_totaal_aantal: i64,
}

/// Dezelfde SQL via sea-orm, zoals een dienst op de vaste stack (actix-web, sea-orm)
/// haar schrijft: de transactie van sea-orm, de context met `find_by_statement`, de
/// pagina met de querybouwer en een afgeleid model. Nog steeds niets van Weefsel.
async fn gebieden_orm(staat: web::Data<Staat>) -> HttpResponse {
    antwoord(pagina_orm(&staat).await)
}

async fn pagina_orm(staat: &Staat) -> Result<Vec<u8>, DbErr> {
    let tx = staat.orm.begin().await?;
    let _context = ContextRij::find_by_statement(Statement::from_sql_and_values(
        DbBackend::Postgres,
        "SELECT id, actief, rollen, scopes, gemeente_id, gemeente_code, geldig, regio \
         FROM weefsel_context_openen($1, $2, $3, $4, $5)",
        [
            "gebruiker".into(),
            Some(staat.gebruiker).into(),
            Some("GM0828".to_owned()).into(),
            None::<String>.into(),
            Some(staat.generatie).into(),
        ],
    ))
    .one(&tx)
    .await?;
    let telling = entity::gebied_telling::Entity::find()
        .filter(entity::gebied_telling::Column::GemeenteId.eq(staat.gemeente))
        .select_only()
        .expr(Expr::cust("coalesce(sum(aantal), 0)::bigint"))
        .into_query();
    use gebied::Column as K;
    let rijen = gebied::Entity::find()
        .filter(K::GemeenteId.eq(staat.gemeente))
        .select_only()
        .columns([
            K::Id,
            K::Naam,
            K::Soort,
            K::CbsCode,
            K::Inwonertal,
            K::Grootteklasse,
            K::BovenliggendGebiedId,
            K::DnaKwadrant,
            K::DnaCohesie,
            K::DnaAanpak,
            K::DnaGrootte,
            K::DnaBasis,
            K::DnaPeildatum,
            K::CreatedAt,
            K::UpdatedAt,
        ])
        .expr_as(
            Expr::SubQuery(None, Box::new(telling.into_sub_query_statement())),
            "weefsel_totaal_aantal",
        )
        .order_by_asc(K::Naam)
        .order_by_asc(K::Id)
        .offset(0)
        .limit(20)
        .into_model::<OrmRij>()
        .all(&tx)
        .await?;
    drop(tx);
    let totaal = rijen.first().map_or(0, |r| r.weefsel_totaal_aantal);
    let resultaten = rijen
        .into_iter()
        .map(|r| Rij {
            id: r.id,
            gemeente: "GM0828",
            naam: r.naam,
            soort: r.soort.as_str().to_owned(),
            cbs_code: r.cbs_code,
            inwonertal: r.inwonertal,
            grootteklasse: r.grootteklasse.map(|g| g.as_str().to_owned()),
            bovenliggend_gebied_id: r.bovenliggend_gebied_id,
            dna_profiel: Profiel {
                cohesie: r.dna_cohesie,
                basis: r.dna_basis,
                grootteklasse: r.dna_grootte,
                kwadrant: r.dna_kwadrant,
                aanpak: r.dna_aanpak,
                peildatum: r.dna_peildatum,
            },
            aangemaakt_op: r.created_at,
            gewijzigd_op: r.updated_at,
        })
        .collect();
    Ok(json(totaal, resultaten))
}

/// Alleen HTTP: een vast antwoord van dezelfde grootte, zonder database (de grens van
/// actix-web en de sockets naar wrk op deze machine).
async fn vast(staat: web::Data<Staat>) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("application/json")
        .body(staat.vast.clone())
}

fn env(naam: &str) -> String {
    std::env::var(naam).unwrap_or_else(|_| panic!("{naam} ontbreekt"))
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let opties: PgConnectOptions = env("DATABASE_URL").parse().expect("DATABASE_URL");
    // Dezelfde opties als de pool van de dienst (api/src/ops/db.rs).
    let opties = opties
        .options([
            ("role", "weefsel_app"),
            ("statement_timeout", "5000"),
            ("idle_in_transaction_session_timeout", "15000"),
            ("plan_cache_mode", "force_generic_plan"),
            ("jit", "off"),
        ])
        .disable_statement_logging();
    let pool = sqlx::postgres::PgPoolOptions::new()
        .max_connections(10)
        .test_before_acquire(false)
        .idle_timeout(Duration::from_secs(300))
        .connect_with(opties)
        .await
        .expect("verbinden");
    // Een verbinding openen en sluiten, zodat de eerste meting niet wacht.
    pool.acquire().await.expect("verbinding").close().await.ok();
    let staat = web::Data::new(Staat {
        orm: SqlxPostgresConnector::from_sqlx_postgres_pool(pool.clone()),
        pool,
        gebruiker: env("KAAL_GEBRUIKER").parse().expect("KAAL_GEBRUIKER"),
        generatie: env("KAAL_GENERATIE").parse().expect("KAAL_GENERATIE"),
        gemeente: env("KAAL_GEMEENTE").parse().expect("KAAL_GEMEENTE"),
        vast: web::Bytes::from(vec![b' '; 9216]),
    });
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get());
    HttpServer::new(move || {
        App::new()
            .app_data(staat.clone())
            .route("/api/v1/gebieden", web::get().to(gebieden))
            .route("/api/v1/gebieden-orm", web::get().to(gebieden_orm))
            .route("/vast", web::get().to(vast))
    })
    .workers(workers)
    .bind(env("KAAL_LISTEN"))?
    .run()
    .await
}
