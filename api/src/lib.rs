//! Weefsel: de API van Veiligheidsregio Brabant-Noord en haar elf gemeenten.
//!
//! Eén module per resource (`gemeenten`, ...); de doorsnijdende stukken
//! (`auth`, `tenancy`, `audit`, `contract`, `error`, `input`, `etag`,
//! `pagination`, `sorting`, `route_table`, `telemetry`, `config`) staan ernaast en worden door elke resource op dezelfde manier gebruikt.

pub mod app;
pub mod audit;
pub mod auth;
pub mod cli;
pub mod config;
pub mod contract;
pub mod db;
pub mod dna;
pub mod error;
pub mod etag;
pub mod input;
pub mod local_postgres;
pub mod openapi;
pub mod pagination;
pub mod route_table;
pub mod seed;
pub mod sorting;
pub mod telemetry;
pub mod tenancy;

pub mod audit_trail;
pub mod gebieden;
pub mod gebruikers;
pub mod gemeenten;
pub mod health;
pub mod indicatoren;
pub mod koppelingen;
pub mod token;
pub mod trajecten;
