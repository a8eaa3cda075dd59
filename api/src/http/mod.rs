//! Het NL API-contract dat elke module deelt, zonder domeinkennis.

pub mod contract;
pub mod csv;
pub mod etag;
pub mod grenzen;
pub mod health;
pub mod idempotentie;
pub mod invoer;
pub mod openapi;
pub mod pagination;
pub mod periode;
pub mod problem;
pub mod route_table;
pub mod sorting;
pub mod zoeken;
