//! `weefsel seed --demo`: demogegevens, idempotent (nogmaals draaien verandert niets).
//! Draait als eigenaar van het schema; nooit in productie.

use migration::gemeenten::GEMEENTEN;
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, Statement};
use uuid::Uuid;

use crate::audit::{self, Actie, Regel, Wijzigingen};
use crate::auth::{Actor, Rol, secrets};
use crate::config::Config;

/// Het wachtwoord van elk demo-account (staat in de README; nooit in productie).
pub const DEMO_PASSWORD: &str = "weefsel-demo-2026";

#[derive(Debug, thiserror::Error)]
pub enum SeedError {
    #[error("demogegevens worden in productie nooit geladen (WEEFSEL_ENV=production)")]
    Production,
    #[error(transparent)]
    Database(#[from] sea_orm::DbErr),
    #[error("wachtwoord hashen mislukt")]
    Hash,
}

/// Een demo-account: gebruikersnaam, CBS-code (geen voor de regio) en rol.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoAccount {
    pub gebruikersnaam: String,
    pub gemeente: Option<&'static str>,
    pub rol: Rol,
}

/// `<slug>.beheerder`, `.coordinator`, `.budgethouder`, `.raadpleger` per gemeente,
/// en `regio.beheerder` en `regio.netwerkmanager`.
pub fn demo_accounts() -> Vec<DemoAccount> {
    let mut accounts = vec![
        DemoAccount {
            gebruikersnaam: "regio.beheerder".into(),
            gemeente: None,
            rol: Rol::RegioBeheerder,
        },
        DemoAccount {
            gebruikersnaam: "regio.netwerkmanager".into(),
            gemeente: None,
            rol: Rol::RegioNetwerkmanager,
        },
    ];
    for gemeente in GEMEENTEN {
        for (suffix, rol) in [
            ("beheerder", Rol::GemeenteBeheerder),
            ("coordinator", Rol::Coordinator),
            ("budgethouder", Rol::Budgethouder),
            ("raadpleger", Rol::Raadpleger),
        ] {
            accounts.push(DemoAccount {
                gebruikersnaam: format!("{}.{suffix}", gemeente.slug),
                gemeente: Some(gemeente.code),
                rol,
            });
        }
    }
    accounts
}

/// Wat een seed-run veranderde.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct SeedReport {
    pub gemeenten: u64,
    pub gebruikers: u64,
    pub gebieden: u64,
}

impl SeedReport {
    pub fn changed_anything(&self) -> bool {
        self.gemeenten > 0 || self.gebruikers > 0 || self.gebieden > 0
    }
}

/// Laadt de demogegevens. De elf gemeenten zet de migratie er al in; hier worden
/// ze hersteld als iemand ze heeft gewijzigd. Bestaande accounts blijven zoals ze zijn.
pub async fn demo(db: &DatabaseConnection, config: &Config) -> Result<SeedReport, SeedError> {
    if config.is_production() {
        return Err(SeedError::Production);
    }
    let gemeenten = db
        .execute_unprepared(&migration::gemeenten::upsert_sql())
        .await?
        .rows_affected();
    let gebruikers = demo_users(db).await?;
    let mut gebieden = 0;
    for (index, gemeente) in GEMEENTEN.iter().enumerate() {
        gebieden += demo_gebieden(db, gemeente, index).await?;
    }
    Ok(SeedReport {
        gemeenten,
        gebruikers,
        gebieden,
    })
}

/// Naam, soort, CBS-code, inwonertal, index van het bovenliggende gebied, meting.
type DemoGebied = (
    &'static str,
    &'static str,
    String,
    i32,
    Option<usize>,
    [f64; 7],
);

/// Drie soorten meting, zodat de gebieden in verschillende kwadranten vallen.
const STERK: [f64; 7] = [2.4, 41.0, 44.0, 16.0, 74.0, 8.0, 7.6];
const ZWAK: [f64; 7] = [0.8, 24.0, 31.0, 6.0, 58.0, 21.0, 5.9];
const GEMENGD: [f64; 7] = [2.1, 32.0, 36.0, 12.0, 65.0, 17.0, 6.8];

/// Per gemeente een wijk (groot), een buitengebied (klein) en een buurt in de wijk,
/// elk met een meting, en een traject in de wijk. Bestaat de wijk al, dan niets.
async fn demo_gebieden(
    db: &DatabaseConnection,
    gemeente: &migration::gemeenten::SeedGemeente,
    index: usize,
) -> Result<u64, SeedError> {
    let cijfers = &gemeente.code[2..];
    let even = index.is_multiple_of(2);
    let gebieden: [DemoGebied; 3] = [
        (
            "Centrum",
            "wijk",
            format!("WK{cijfers}01"),
            7200 + 150 * index as i32,
            None,
            if even { ZWAK } else { STERK },
        ),
        (
            "Buitengebied",
            "gebied",
            format!("WK{cijfers}02"),
            2400,
            None,
            if even { STERK } else { ZWAK },
        ),
        (
            "Centrum-Oost",
            "buurt",
            format!("BU{cijfers}0101"),
            1800,
            Some(0),
            GEMENGD,
        ),
    ];
    let mut ids: Vec<Uuid> = Vec::new();
    for (naam, soort, cbs, inwonertal, ouder, meting) in gebieden {
        let id = Uuid::now_v7();
        let inserted = db
            .execute_raw(Statement::from_sql_and_values(
                DbBackend::Postgres,
                "INSERT INTO gebied (id, gemeente_id, naam, soort, cbs_code, inwonertal, bovenliggend_gebied_id) \
                 SELECT $1, id, $2, $3, $4, $5, $6 FROM gemeente WHERE code = $7 \
                 ON CONFLICT (gemeente_id, cbs_code) DO NOTHING",
                [
                    id.into(),
                    format!("{} {naam}", gemeente.naam).into(),
                    soort.into(),
                    cbs.into(),
                    inwonertal.into(),
                    ouder.and_then(|i| ids.get(i).copied()).into(),
                    gemeente.code.into(),
                ],
            ))
            .await?
            .rows_affected();
        if inserted == 0 {
            return Ok(0);
        }
        db.execute_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "INSERT INTO indicatormeting (id, gemeente_id, gebied_id, peildatum, bron, \
               burgerinitiatieven_per_1000, vrijwilligerswerk_percentage, \
               verenigingslidmaatschap_percentage, buurthuisbezoek_per_1000, \
               verkiezingsopkomst_percentage, overlastregistraties_per_1000, leefbaarometer, \
               inwoners_kennen_elkaar, buurtfeesten) \
             SELECT $1, gemeente_id, id, DATE '2025-06-30', \
               'CBS Kerncijfers wijken en buurten 2024; Leefbaarometer 3.0 (2024)', \
               $2, $3, $4, $5, $6, $7, $8, $9, $9 FROM gebied WHERE id = $10",
            [
                Uuid::now_v7().into(),
                meting[0].into(),
                meting[1].into(),
                meting[2].into(),
                meting[3].into(),
                meting[4].into(),
                meting[5].into(),
                meting[6].into(),
                (meting[6] >= 7.0).into(),
                id.into(),
            ],
        ))
        .await?;
        ids.push(id);
    }
    // Een traject in de wijk: coördinerend in vak 4, coachend in vak 2.
    let (aanpak, voorgesteld): (&str, Vec<String>) = if even {
        ("coordinerend", vec!["coordinerend".into()])
    } else {
        ("coachend", vec!["coachend".into(), "coordinerend".into()])
    };
    let traject = Uuid::now_v7();
    db.execute_raw(Statement::from_sql_and_values(
        DbBackend::Postgres,
        "INSERT INTO traject (id, gemeente_id, gebied_id, aanpak, naam, voorgestelde_aanpak) \
         SELECT $1, gemeente_id, id, $2, $3, $4 FROM gebied WHERE id = $5",
        [
            traject.into(),
            aanpak.into(),
            format!("Netwerk {} Centrum", gemeente.naam).into(),
            voorgesteld.into(),
            ids[0].into(),
        ],
    ))
    .await?;
    let laatste: i16 = if aanpak == "coordinerend" { 6 } else { 4 };
    db.execute_raw(Statement::from_sql_and_values(
        DbBackend::Postgres,
        "INSERT INTO traject_stap (traject_id, gemeente_id, nummer, status, gestart_op, afgerond_op) \
         SELECT t.id, t.gemeente_id, n, \
           CASE n WHEN 0 THEN 'afgerond' WHEN 1 THEN 'bezig' ELSE 'open' END, \
           CASE WHEN n <= 1 THEN DATE '2025-09-01' + n * 30 END, \
           CASE WHEN n = 0 THEN DATE '2025-09-20' END \
         FROM traject t, generate_series(0, $2::int) AS n WHERE t.id = $1",
        [traject.into(), i32::from(laatste).into()],
    ))
    .await?;
    Ok(3)
}

async fn demo_users(db: &DatabaseConnection) -> Result<u64, SeedError> {
    let accounts = demo_accounts();
    let names: Vec<String> = accounts.iter().map(|a| a.gebruikersnaam.clone()).collect();
    let existing = db
        .query_one_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "SELECT count(*) FROM gebruiker WHERE gebruikersnaam = ANY($1)",
            [names.into()],
        ))
        .await?
        .and_then(|row| row.try_get_by_index::<i64>(0).ok())
        .unwrap_or(0);
    if usize::try_from(existing).unwrap_or(0) == accounts.len() {
        return Ok(0);
    }
    // Eén hash voor alle demo-accounts: ze delen het wachtwoord, en zo duurt een
    // seed geen 46 argon2-rondes.
    let hash = secrets::hash_password(DEMO_PASSWORD).map_err(|_| SeedError::Hash)?;
    let mut created = 0;
    for account in accounts {
        let inserted = db
            .query_one_raw(Statement::from_sql_and_values(
                DbBackend::Postgres,
                "INSERT INTO gebruiker (id, gemeente_id, gebruikersnaam, wachtwoord_hash, rollen) \
                 SELECT $1, (SELECT id FROM gemeente WHERE code = $2), $3, $4, ARRAY[$5] \
                 ON CONFLICT (gebruikersnaam) DO NOTHING RETURNING id, gemeente_id",
                [
                    Uuid::now_v7().into(),
                    account.gemeente.map(str::to_owned).into(),
                    account.gebruikersnaam.clone().into(),
                    hash.clone().into(),
                    account.rol.as_str().into(),
                ],
            ))
            .await?;
        let Some(row) = inserted else { continue };
        let id: Uuid = row.try_get_by_index(0)?;
        let gemeente_id: Option<Uuid> = row.try_get_by_index(1)?;
        audit::record(
            db,
            Actor::Systeem,
            None,
            Regel {
                gemeente_id,
                resource: "gebruiker",
                resource_id: id.to_string(),
                actie: Actie::Aangemaakt,
                wijzigingen: Wijzigingen::new()
                    .nieuw("gebruikersnaam", &account.gebruikersnaam)
                    .nieuw("gemeente", account.gemeente)
                    .nieuw("rollen", [account.rol.as_str()])
                    .nieuw("actief", true)
                    .alleen_naam("wachtwoord"),
            },
        )
        .await?;
        created += 1;
    }
    Ok(created)
}
