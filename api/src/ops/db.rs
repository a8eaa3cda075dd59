//! De migraties, met wat erna moet gebeuren (de verbindingen staan in `crate::db`).

use migration::{Migrator, MigratorTrait};
use sea_orm::DatabaseConnection;

use crate::config::Config;

/// Voert alle nog niet uitgevoerde migraties uit, schoont en verzegelt de audit trail
/// met de sleutels uit de configuratie ([`crate::ops::audit_schoning`]) en rekent
/// daarna de DNA-profielen uit van gebieden die er nog geen hebben (afgeleide gegevens
/// die een migratie in SQL niet kan maken; elk in de audit trail). Geeft wat er met de audit trail
/// gebeurde, om af te drukken.
pub async fn migrate(db: &DatabaseConnection, config: &Config) -> anyhow::Result<Vec<String>> {
    Migrator::up(db, None).await?;
    let sleutels = crate::audit::AuditSleutels::laden(config)?;
    let schoning = crate::ops::audit_schoning::na_migratie(db, &sleutels).await?;
    crate::ops::dna::herberekenen(db, true, Some(&sleutels)).await?;
    Ok(schoning)
}
