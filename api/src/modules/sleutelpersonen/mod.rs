//! Sleutelpersonen: het record voor wie het mag lezen, de persoonsgegevens achter
//! hun eigen row-level security, het verwerkingenlogboek bij elke verwerking, de
//! anonimisering en de inzage (DOMAIN.md, "Personal data").

use utoipa::OpenApi;

use crate::http::invoer::InvoerSchema;

mod handlers;
mod invoer;
mod weergave;

pub use handlers::*;
pub use invoer::*;
pub use weergave::*;

crate::tenancy::tenant_owned!(entity::sleutelpersoon, id);
crate::tenancy::tenant_owned!(entity::sleutelpersoon_gegevens);
crate::tenancy::tenant_owned!(entity::sleutelpersoon_status);

#[derive(OpenApi)]
#[openapi(
    tags((name = "Sleutelpersonen", description = "Sleutelpersonen met hun levensloop en toestemming. Persoonsgegevens ziet alleen de gemeente zelf (coördinator, gemeente_beheerder, koppelingen met sleutelpersonen.lezen); elke verwerking staat in het verwerkingenlogboek. Zoeken op naam alleen met POST /sleutelpersonen/_zoek.")),
    components(schemas(entity::soorten::SleutelpersoonType, entity::soorten::SleutelpersoonStatus, DelenMet))
)]
struct Doc;

pub const MODULE: super::Module = super::Module {
    routes: handlers::configure,
    document: <Doc as OpenApi>::openapi,
    tabellen: &[
        "sleutelpersoon",
        "sleutelpersoon_gegevens",
        "sleutelpersoon_status",
    ],
    audit_waarden: &[crate::audit::Waarden {
        resource: "sleutelpersoon",
        velden: &[
            "gebiedId",
            "typen",
            "status",
            "statusSinds",
            "wervingsmethode",
            "voorgedragenDoor",
            "uitstroomreden",
            "exitgesprek",
            "buddyId",
            "laatsteContact",
            "verhoogdRisico",
            "bewaartermijnTot",
            "toestemming",
            "geanonimiseerd",
        ],
    }],
    invoer: &[
        InvoerSchema::van::<invoer::NieuweSleutelpersoon>(),
        InvoerSchema::van::<invoer::SleutelpersoonWijziging>(),
        InvoerSchema::van::<invoer::SleutelpersoonZoekvraag>(),
    ],
};
