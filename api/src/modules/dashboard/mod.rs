//! Het regionale dashboard: de cijfers van alle gemeenten voor netwerkmanagement,
//! dezelfde vorm voor één gemeente, en de pagina die ze toont (`/dashboard`, buiten
//! het document). De tellingen houdt de database bij (migratie 000015).

use utoipa::OpenApi;

use crate::modules::Toegang;

mod handlers;
pub mod pagina;
mod weergave;

pub use handlers::*;
pub use weergave::*;

crate::tenancy::tenant_owned!(entity::dashboard_telling);

#[derive(OpenApi)]
#[openapi(tags((
    name = "Dashboard",
    description = "Het regionale dashboard: waar aandacht nodig is, geen rangorde van gemeenten. Alleen aantallen; elke telling van sleutelpersonen onder 5 is onderdrukt (`onderdrukt: true`). De regio ziet alle gemeenten, een gemeente zichzelf. Met `Accept: text/csv` als CSV voor een spreadsheet (puntkomma's, bedragen in euro's met een decimale komma)."
)))]
struct Doc;

pub const MODULE: super::Module = super::Module {
    rechten: &[
        ("getDashboard", Toegang::GeenKoppeling),
        ("getDashboardGemeente", Toegang::GeenKoppeling),
    ],
    routes: handlers::configure,
    document: <Doc as OpenApi>::openapi,
    tabellen: &["dashboard_telling"],
    audit_waarden: &[],
    invoer: &[],
};
