//! Alles buiten het verzoekpad: de databaseverbinding, de seed en de eigen
//! PostgreSQL voor `weefsel dev` en de tests.

pub mod audit_schoning;
pub mod beheerder;
pub mod db;
pub mod demo;
pub mod dna;
pub mod local_postgres;
pub mod retentie;
pub mod seed;
pub mod synthetisch;
