//! `weefsel beheerder <gebruikersnaam>`: het eerste account van een nieuwe installatie,
//! ook in productie (waar `seed` niet mag). Een `regio_beheerder` met een tijdelijk
//! wachtwoord, dat één keer wordt afgedrukt en bij de eerste keer inloggen vervangen
//! moet worden (`POST /api/v1/auth/wachtwoord`). Alleen zolang er nog geen actieve
//! `regio_beheerder` is: daarna gaat alles via de API en de audit trail.

use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, Statement, TransactionTrait};
use uuid::Uuid;

use crate::audit::{self, Actie, Regel, Wijzigingen};
use crate::auth::{Actor, Rol, secrets};
use crate::http::invoer::Invoer;
use crate::http::openapi;
use crate::http::problem::ApiError;
use crate::modules::gebruikers::NieuweGebruiker;

/// Dezelfde regels als `POST /api/v1/gebruikers`: de naam wordt getoetst aan het
/// gepubliceerde schema `NieuweGebruiker`, niet aan een eigen kopie ervan.
fn geldige_naam(naam: &str) -> anyhow::Result<()> {
    let invoer = Invoer::<NieuweGebruiker>::controleer(
        &openapi::document(),
        serde_json::json!({"gebruikersnaam": naam, "rollen": [Rol::RegioBeheerder.as_str()]}),
    )
    .map_err(|e| anyhow::anyhow!("{e}"))?;
    match invoer.klaar() {
        Ok(_) => Ok(()),
        Err(ApiError::Validation(fouten)) => anyhow::bail!(
            "ongeldige gebruikersnaam: {}",
            fouten
                .iter()
                .map(|f| f.reason.as_str())
                .collect::<Vec<_>>()
                .join("; ")
        ),
        Err(e) => Err(anyhow::anyhow!("{e}")),
    }
}

/// Wat `weefsel beheerder` teruggeeft: het tijdelijke wachtwoord.
pub struct EersteBeheerder {
    pub id: Uuid,
    pub wachtwoord: String,
}

/// Maakt de eerste `regio_beheerder`; weigert als er al een actieve is of de naam
/// bestaat.
pub async fn eerste(
    db: &DatabaseConnection,
    gebruikersnaam: &str,
) -> anyhow::Result<EersteBeheerder> {
    let naam = gebruikersnaam.trim();
    geldige_naam(naam)?;
    // Willekeurig en lang; het blijft alleen tot de eerste keer inloggen geldig.
    let (wachtwoord, _) = secrets::new_client_secret().map_err(|e| anyhow::anyhow!("{e}"))?;
    let hash = secrets::hash_password(&wachtwoord).map_err(|e| anyhow::anyhow!("{e}"))?;
    let tx = db.begin().await?;
    // Twee tegelijk gestarte opdrachten maken er niet twee.
    tx.execute_unprepared("LOCK TABLE gebruiker IN SHARE ROW EXCLUSIVE MODE")
        .await?;
    let bestaand = tx
        .query_one_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "SELECT count(*) FILTER (WHERE actief AND $1 = ANY (rollen)), \
                    count(*) FILTER (WHERE gebruikersnaam = $2) FROM gebruiker",
            [Rol::RegioBeheerder.as_str().into(), naam.into()],
        ))
        .await?;
    let (beheerders, zelfde_naam) = match bestaand {
        Some(rij) => (
            rij.try_get_by_index::<i64>(0)?,
            rij.try_get_by_index::<i64>(1)?,
        ),
        None => (0, 0),
    };
    anyhow::ensure!(
        beheerders == 0,
        "er is al een actieve regio_beheerder; maak nieuwe accounts via de API (POST /api/v1/gebruikers)"
    );
    anyhow::ensure!(zelfde_naam == 0, "de gebruikersnaam '{naam}' bestaat al");
    let id = Uuid::now_v7();
    tx.execute_raw(Statement::from_sql_and_values(
        DbBackend::Postgres,
        "INSERT INTO gebruiker (id, gemeente_id, gebruikersnaam, wachtwoord_hash, rollen, wachtwoord_tijdelijk) \
         VALUES ($1, NULL, $2, $3, ARRAY[$4], true)",
        [
            id.into(),
            naam.into(),
            hash.into(),
            Rol::RegioBeheerder.as_str().into(),
        ],
    ))
    .await?;
    audit::record(
        &tx,
        Actor::Systeem,
        None,
        Regel {
            gemeente_id: None,
            resource: "gebruiker",
            resource_id: id.to_string(),
            actie: Actie::Aangemaakt,
            wijzigingen: Wijzigingen::new()
                .nieuw("gebruikersnaam", naam)
                .nieuw("rollen", [Rol::RegioBeheerder.as_str()])
                .nieuw("actief", true)
                .alleen_naam("wachtwoord"),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(EersteBeheerder { id, wachtwoord })
}
