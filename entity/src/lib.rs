//! sea-orm-entiteiten van Weefsel: alleen de structuur van de tabellen.

pub mod gemeente;
