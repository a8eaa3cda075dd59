//! `GET /verwerkingen`: het verwerkingenlogboek van de gemeente lezen (schrijven
//! gaat via [`crate::audit::verwerking`], in de transactie van elk verzoek dat
//! persoonsgegevens van sleutelpersonen verwerkt).

use crate::auth::zichtbaarheid::{Veld, Velden};
use utoipa::OpenApi;

use crate::modules::Toegang;

mod handlers;
mod invoer;
mod weergave;

// `gewijzigdOp` van de rijen in de lijsten van deze module (`gewijzigdSinds`,
// `sorteer=gewijzigdOp`).
crate::gewijzigd_op!(verwerking => Tijdstip);

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
    velden: VELDEN,
    tabellen: &["verwerking"],
    audit_waarden: &[],
    invoer: &[],
};

/// Wie welk veld ziet ([`crate::auth::zichtbaarheid`]; `docs/privacy.md`).
const VELDEN: &[Velden] = &[Velden {
    schemas: &["Verwerking"],
    velden: &[
        Veld::openbaar("actorSoort", "gebruiker, koppeling of systeem."),
        Veld::openbaar("requestId", "Het id dat de dienst aan het verzoek gaf."),
        Veld::gemeente(
            "correlatieId",
            "Wat de client als X-Request-Id meestuurde: alleen tekens zonder betekenis, maar door de client gekozen.",
        ),
    ],
}];
