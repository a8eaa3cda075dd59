//! sea-orm-entiteiten van Weefsel: alleen de structuur van de tabellen.

pub mod audit_trail;
pub mod gebied;
pub mod gebruiker;
pub mod gemeente;
pub mod indicatormeting;
pub mod koppeling;
pub mod traject;
pub mod traject_stap;
