//! Weefsel: de API van Veiligheidsregio Brabant-Noord en haar elf gemeenten.
//!
//! Eén module per resource (`gemeenten`, ...); de doorsnijdende stukken
//! (`contract`, `error`, `pagination`, `sorting`, `route_table`, `telemetry`,
//! `config`) staan ernaast en worden door elke resource op dezelfde manier gebruikt.

pub mod app;
pub mod cli;
pub mod config;
pub mod contract;
pub mod db;
pub mod error;
pub mod local_postgres;
pub mod openapi;
pub mod pagination;
pub mod route_table;
pub mod seed;
pub mod sorting;
pub mod telemetry;

pub mod gemeenten;
pub mod health;
