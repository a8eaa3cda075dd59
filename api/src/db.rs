//! De databaseverbinding en migraties.

use std::time::Duration;

use migration::{Migrator, MigratorTrait};
use sea_orm::{ConnectOptions, Database, DatabaseConnection, DbErr};

use crate::config::Config;

/// Opent een pool. SQL-logging staat uit: statements kunnen persoonsgegevens
/// van sleutelpersonen als parameter dragen, en die horen nooit in een log.
pub async fn connect(url: &str, config: &Config) -> Result<DatabaseConnection, DbErr> {
    let mut options = ConnectOptions::new(url.to_owned());
    options
        .max_connections(config.db_max_connections)
        .min_connections(0)
        .connect_timeout(Duration::from_secs(5))
        .acquire_timeout(config.db_acquire_timeout)
        .idle_timeout(Duration::from_secs(300))
        .sqlx_logging(false);
    Database::connect(options).await
}

/// Voert alle nog niet uitgevoerde migraties uit.
pub async fn migrate(db: &DatabaseConnection) -> Result<(), DbErr> {
    Migrator::up(db, None).await
}
