//! Black-box tests van Weefsel: over HTTP, tegen een echte PostgreSQL.
//! Eén testbinary (snel linken); de modules volgen de onderwerpen.

mod helpers;

mod auth;
mod cli;
mod contract;
mod gemeenten;
mod health;
mod migrations;
mod openapi;
