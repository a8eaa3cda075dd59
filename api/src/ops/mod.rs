//! Alles buiten het verzoekpad: de databaseverbinding, de seed en de eigen
//! PostgreSQL voor `weefsel dev` en de tests.

pub mod db;
pub mod local_postgres;
pub mod seed;
