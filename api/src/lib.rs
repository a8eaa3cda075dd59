//! Weefsel: de API van Veiligheidsregio Brabant-Noord en haar elf gemeenten.
//!
//! De mappen laten de architectuur zien (docs/architectuur.md):
//! - [`http`]: het NL API-contract dat elke module deelt (problem details, getypte
//!   invoer, querycontrole uit het document, paginering, sortering, ETag, OpenAPI);
//! - [`auth`]: wie er belt en wat die mag (tokens, sleutels, rollen en rechten);
//! - [`tenancy`]: de [`tenancy::Context`] van een verzoek en de gemeentegrens;
//! - [`audit`]: de audit trail schrijven en narekenen;
//! - [`domein`]: pure regels zonder actix of sea-orm (DNA-kwadrant, stappenplannen);
//! - [`modules`]: één map per resource, elk met zijn routes en OpenAPI-fragment;
//! - [`db`]: de verbindingen met de database en het begin van een transactie;
//! - [`ops`]: alles buiten het verzoekpad (migraties, seed, eigen PostgreSQL).
//!
//! De lijst van modules staat in `modules/mod.rs` (`modules::ALLE`); `app.rs`, `cli.rs`,
//! `config.rs` en `telemetry.rs` doen de rest van de bedrading. Elke import wijst naar
//! beneden: de gedeelde lagen kennen geen module (tests/api/huis.rs).

pub mod app;
pub mod audit;
pub mod auth;
pub mod cli;
pub mod config;
pub mod db;
pub mod domein;
pub mod http;
pub mod modules;
pub mod ops;
pub mod telemetry;
pub mod tenancy;
