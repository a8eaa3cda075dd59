//! sea-orm-entiteiten van Weefsel: de structuur van de tabellen, hun toestanden en
//! soorten als enums ([`soorten`]) en het versiebeheer van wijzigbare rijen
//! ([`versiebeheer!`]).

pub mod aanvraag;
pub mod audit_kop;
pub mod audit_trail;
pub mod bijeenkomst;
pub mod budget;
pub mod dashboard_telling;
pub mod gebied;
pub mod gebied_telling;
pub mod gebruiker;
pub mod gemeente;
pub mod indicatormeting;
pub mod initiatief;
pub mod koppeling;
pub mod leidraad;
pub mod leidraad_aanvulling;
pub mod melding;
pub mod melding_opvolging;
pub mod mutatie;
pub mod netwerk;
pub mod netwerk_lid;
pub mod netwerk_partner;
pub mod oefening;
pub mod organisatie;
pub mod sleutelpersoon;
pub mod sleutelpersoon_bezwaar;
pub mod sleutelpersoon_checkin;
pub mod sleutelpersoon_gegevens;
pub mod sleutelpersoon_status;
pub mod soorten;
pub mod traject;
pub mod traject_aanpakwissel;
pub mod traject_besluit;
pub mod traject_stap;
pub mod traject_verbinder;
pub mod veiligheidsafspraak;
mod versie;
pub use versie::Versie;
pub mod verwerking;
