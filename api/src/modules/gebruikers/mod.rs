//! Accounts van medewerkers, met hun gemeente en rollen.

use utoipa::OpenApi;

use crate::http::invoer::InvoerSchema;

mod handlers;

pub use handlers::*;

crate::tenancy::tenant_owned!(entity::gebruiker, id);

#[derive(OpenApi)]
#[openapi(
    tags((name = "Gebruikers", description = "Accounts van medewerkers, met hun gemeente en rollen.")),
    components(schemas(GebruikerSortering, crate::auth::Rol))
)]
struct Doc;

pub const MODULE: super::Module = super::Module {
    routes: handlers::configure,
    document: <Doc as OpenApi>::openapi,
    tabellen: &["gebruiker"],
    audit_waarden: &[crate::audit::Waarden {
        resource: "gebruiker",
        velden: &["gebruikersnaam", "gemeente", "rollen", "actief", "externId"],
    }],
    invoer: &[
        InvoerSchema::van::<handlers::NieuweGebruiker>(),
        InvoerSchema::van::<handlers::GebruikerWijziging>(),
    ],
};
