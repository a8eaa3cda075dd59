//! `weefsel seed --demo`: demogegevens, idempotent (nogmaals draaien verandert niets).
//! Draait als eigenaar van het schema; nooit in productie.

use migration::gemeenten::GEMEENTEN;
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, Statement, TransactionTrait};
use uuid::Uuid;

use crate::audit::{Actie, AuditSleutels, Regel, Wijzigingen};
use crate::auth::{Rol, secrets};
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
    #[error("sleutels van de audit trail: {0}")]
    Sleutels(String),
    #[error(
        "de database heeft al gebieden; synthetische gegevens horen in een lege (gemigreerde) database"
    )]
    NietLeeg,
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
    pub sleutelpersonen: u64,
}

impl SeedReport {
    pub fn changed_anything(&self) -> bool {
        self.gemeenten > 0 || self.gebruikers > 0 || self.gebieden > 0 || self.sleutelpersonen > 0
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
    let sleutels =
        AuditSleutels::laden(config).map_err(|e| SeedError::Sleutels(format!("{e:#}")))?;
    let gebruikers = demo_users(db, &sleutels).await?;
    let mut gebieden = 0;
    for (index, gemeente) in GEMEENTEN.iter().enumerate() {
        gebieden += super::demo::gemeente(db, gemeente, index).await?;
    }
    if gebieden > 0 {
        super::dna::herberekenen(db, true, None).await?;
    }
    let mut sleutelpersonen = 0;
    for gemeente in GEMEENTEN {
        sleutelpersonen += super::demo::netwerk(db, &gemeente).await?;
    }
    Ok(SeedReport {
        gemeenten,
        gebruikers,
        gebieden,
        sleutelpersonen,
    })
}

pub(crate) async fn demo_users(
    db: &DatabaseConnection,
    sleutels: &AuditSleutels,
) -> Result<u64, SeedError> {
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
    // Alles in één transactie: een regel van de audit trail hoort bij de transactie van
    // haar mutatie (kop, slot en tijdstip).
    let tx = db.begin().await?;
    for account in accounts {
        let inserted = tx
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
        super::systeemregel(
            &tx,
            sleutels,
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
    tx.commit().await?;
    Ok(created)
}
