//! Black-box tests van Weefsel: over HTTP, tegen een echte PostgreSQL.
//! Eén testbinary (snel linken); de modules volgen de onderwerpen.

mod helpers;

mod anonimiseren;
mod audit;
mod auditketen;
mod auth;
mod budgetten;
mod cli;
mod contract;
mod dashboard;
mod defecten;
mod gaten;
mod gebieden;
mod gebruikers;
mod gelijktijdig;
mod gemeenten;
mod grenzen;
mod grondslag;
mod health;
mod huis;
mod initiatieven;
mod integreren;
mod invoer;
mod kanarie;
mod koppelingen;
mod matrix;
mod migrations;
mod muren;
mod netwerken;
mod netwerkpraktijk;
mod onderdrukking;
mod openapi;
mod per_persoon;
mod representaties;
mod scopes;
mod sleutelpersonen;
mod stilstand;
mod tenancy;
mod toegang;
mod trajecten;
mod twee_instanties;
mod verwerkingen;
mod vier_ogen;
mod werk;
mod zichtbaarheid;
