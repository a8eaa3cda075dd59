//! De elf gemeenten van VRBN (tenants).

use utoipa::OpenApi;

mod handlers;

pub use handlers::*;

#[derive(OpenApi)]
#[openapi(
    tags((name = "Gemeenten", description = "De elf gemeenten van VRBN (tenants).")),
    components(schemas(GemeenteSortering))
)]
struct Doc;

pub const MODULE: super::Module = super::Module {
    routes: handlers::configure,
    document: <Doc as OpenApi>::openapi,
    tabellen: &[],
    audit_waarden: &[],
    invoer: &[],
};
