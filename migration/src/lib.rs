//! Databasemigraties van Weefsel (alleen PostgreSQL).
//!
//! Migraties zijn in productie alleen vooruit; in de tests gaan ze up → down → up
//! en moet het schema daarna hetzelfde zijn. Ze zijn in SQL geschreven omdat
//! Weefsel PostgreSQL-specifieke middelen gebruikt (row-level security, triggers).

pub use sea_orm_migration::prelude::*;

pub mod gemeenten;
mod m20261124_000001_gemeente;
mod m20261124_000002_identiteit;
mod m20261124_000003_gebieden;
mod m20261124_000004_toegang;

/// De databaserol waarmee de dienst werkt. Ze bezit geen tabellen, heeft alleen de
/// rechten die de migraties haar geven en valt onder row-level security.
pub const APP_ROLE: &str = "weefsel_app";

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261124_000001_gemeente::Migration),
            Box::new(m20261124_000002_identiteit::Migration),
            Box::new(m20261124_000003_gebieden::Migration),
            Box::new(m20261124_000004_toegang::Migration),
        ]
    }
}
