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

/// De gemeenten leest iedere aanroeper met een token: deze operaties geven geen 403.
pub const VOOR_ELKE_AANROEPER: &[&str] = &["listGemeenten", "getGemeente"];

pub const MODULE: super::Module =
    super::Module::alleen_routes(handlers::configure, <Doc as OpenApi>::openapi);
