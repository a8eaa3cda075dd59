//! Gebieden (wijken, buurten, dorpen, kernen) met hun indicatormetingen en hun
//! DNA-profiel (de regels staan in [`crate::domein::dna`]).

use utoipa::OpenApi;

mod handlers;
pub mod indicatoren;

pub use handlers::*;

crate::tenancy::tenant_owned!(entity::gebied);
crate::tenancy::tenant_owned!(entity::indicatormeting);

#[derive(OpenApi)]
#[openapi(
    tags((name = "Gebieden", description = "Wijken, buurten, dorpen en kernen met hun indicatormetingen en DNA-profiel (kwadrant en aanpak).")),
    components(schemas(GebiedSortering, Soort, crate::domein::dna::Band, crate::domein::dna::Aanpak))
)]
struct Doc;

fn routes(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    handlers::configure(cfg);
    indicatoren::configure(cfg);
}

pub const MODULE: super::Module = super::Module {
    routes,
    document: <Doc as OpenApi>::openapi,
    tabellen: &["gebied", "indicatormeting"],
};
