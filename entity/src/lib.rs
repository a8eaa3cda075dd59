//! sea-orm-entiteiten van Weefsel: de structuur van de tabellen, hun toestanden en
//! soorten als enums ([`soorten`]) en het versiebeheer van wijzigbare rijen
//! ([`versiebeheer!`]).

pub mod audit_trail;
pub mod gebied;
pub mod gebied_telling;
pub mod gebruiker;
pub mod gemeente;
pub mod indicatormeting;
pub mod koppeling;
pub mod soorten;
pub mod traject;
pub mod traject_besluit;
pub mod traject_stap;
pub mod traject_verbinder;
mod versie;
