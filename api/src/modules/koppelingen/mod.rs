//! Machine-accounts van gemeentelijke systemen, met scopes.

use utoipa::OpenApi;

use crate::modules::Toegang;

use crate::http::invoer::InvoerSchema;

mod handlers;

pub use handlers::*;

crate::tenancy::tenant_owned!(entity::koppeling, id);

#[derive(OpenApi)]
#[openapi(
    tags((name = "Koppelingen", description = "Machine-accounts van gemeentelijke systemen, met scopes.")),
    components(schemas(KoppelingSortering, crate::auth::Scope))
)]
struct Doc;

pub const MODULE: super::Module = super::Module {
    rechten: &[
        ("listKoppelingen", Toegang::GeenKoppeling),
        ("getKoppeling", Toegang::GeenKoppeling),
        ("createKoppeling", Toegang::GeenKoppeling),
        ("updateKoppeling", Toegang::GeenKoppeling),
        ("renewKoppelingGeheim", Toegang::GeenKoppeling),
    ],
    routes: handlers::configure,
    document: <Doc as OpenApi>::openapi,
    tabellen: &["koppeling"],
    audit_waarden: &[crate::audit::Waarden {
        resource: "koppeling",
        velden: &["naam", "gemeente", "scopes", "actief"],
    }],
    invoer: &[
        InvoerSchema::van::<handlers::NieuweKoppeling>(),
        InvoerSchema::van::<handlers::KoppelingWijziging>(),
    ],
};
