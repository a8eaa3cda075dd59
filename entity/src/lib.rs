//! sea-orm-entiteiten van Weefsel: alleen de structuur van de tabellen.

pub mod audit_trail;
pub mod gebruiker;
pub mod gemeente;
pub mod koppeling;
