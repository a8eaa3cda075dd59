//! `weefsel seed --demo`: demogegevens, idempotent (nogmaals draaien verandert niets).

use sea_orm::{ConnectionTrait, DatabaseConnection};

use crate::config::Config;

#[derive(Debug, thiserror::Error)]
pub enum SeedError {
    #[error("demogegevens worden in productie nooit geladen (WEEFSEL_ENV=production)")]
    Production,
    #[error(transparent)]
    Database(#[from] sea_orm::DbErr),
}

/// Wat een seed-run veranderde.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct SeedReport {
    pub gemeenten: u64,
}

impl SeedReport {
    pub fn changed_anything(&self) -> bool {
        self.gemeenten > 0
    }
}

/// Laadt de demogegevens. De elf gemeenten zet de migratie er al in; hier worden
/// ze hersteld als iemand ze heeft gewijzigd.
pub async fn demo(db: &DatabaseConnection, config: &Config) -> Result<SeedReport, SeedError> {
    if config.is_production() {
        return Err(SeedError::Production);
    }
    let result = db
        .execute_unprepared(&migration::gemeenten::upsert_sql())
        .await?;
    Ok(SeedReport {
        gemeenten: result.rows_affected(),
    })
}
