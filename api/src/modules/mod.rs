//! Eén map per resource. Elke module registreert zichzelf met een [`Module`]: haar
//! routes, haar OpenAPI-fragment (paden komen uit de routes, tags en losse schema's
//! uit het fragment) en de tabellen met gemeentelijke rijen die zij bezit. De lijst
//! van modules staat in [`crate::app::MODULES`]; verder hoeft niets gedeelds te
//! veranderen om er een toe te voegen (README, "Architectuur").

use utoipa::openapi::OpenApi as Document;
use utoipa_actix_web::service_config::ServiceConfig;

pub mod audit_trail;
pub mod gebieden;
pub mod gebruikers;
pub mod gemeenten;
pub mod koppelingen;
pub mod token;
pub mod trajecten;

/// Wat een module aan de applicatie geeft.
pub struct Module {
    /// De routes, relatief aan `/api/v1`.
    pub routes: fn(&mut ServiceConfig),
    /// Tags en schema's die niet al via de routes in het document komen.
    pub document: fn() -> Document,
    /// De tabellen met een `gemeente_id` die deze module bezit; elk heeft een
    /// [`crate::tenancy::TenantOwned`]-entiteit en row-level security (een test
    /// controleert beide).
    pub tabellen: &'static [&'static str],
    /// Per soort resource de velden waarvan de audit trail de waarde vastlegt; van
    /// alle andere alleen de naam ([`crate::audit::Waarden`]).
    pub audit_waarden: &'static [crate::audit::Waarden],
}
