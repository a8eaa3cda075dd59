//! `GET /verwerkingen`: het verwerkingenlogboek van de gemeente lezen (schrijven
//! gaat via [`crate::audit::verwerking`], in de transactie van elk verzoek dat
//! persoonsgegevens van sleutelpersonen verwerkt).

use utoipa::OpenApi;

use crate::modules::Toegang;

mod handlers;

pub use handlers::*;

crate::tenancy::tenant_owned!(entity::verwerking);

#[derive(OpenApi)]
#[openapi(
    tags((name = "Verwerkingen", description = "Het verwerkingenlogboek (naar VNG Verwerkingenlogging): wie verwerkte wanneer persoonsgegevens van welke sleutelpersoon, waarvoor. Alleen voor de gemeente_beheerder van de gemeente.")),
    components(schemas(entity::soorten::VerwerkingActie, entity::soorten::Verwerkingsactiviteit))
)]
struct Doc;

pub const MODULE: super::Module = super::Module {
    rechten: &[("listVerwerkingen", Toegang::GeenKoppeling)],
    routes: handlers::configure,
    document: <Doc as OpenApi>::openapi,
    tabellen: &["verwerking"],
    audit_waarden: &[],
    invoer: &[],
};
