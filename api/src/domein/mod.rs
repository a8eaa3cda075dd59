//! Pure regels van het domein: geen actix, geen sea-orm, alleen waarden erin en
//! waarden eruit, met unit-tests ernaast.

pub mod bijeenkomst;
pub mod codes;
pub mod dna;
pub mod geld;
pub mod gezondheid;
pub mod initiatief;
pub mod melding;
pub mod oefening;
pub mod sleutelpersoon;
pub mod stappenplan;
pub mod tijd;
pub mod wachtwoord;
