//! Bijeenkomsten van netwerken, met de agenda-sjablonen uit de handreiking (regels en
//! sjablonen in [`crate::domein::bijeenkomst`]).

use utoipa::OpenApi;

use crate::auth::Recht;
use crate::modules::Toegang;

use crate::http::invoer::InvoerSchema;

mod handlers;
mod invoer;

pub use handlers::*;
pub use invoer::*;

crate::tenancy::tenant_owned!(entity::bijeenkomst, id);

#[derive(OpenApi)]
#[openapi(tags((
    name = "Bijeenkomsten",
    description = "Bijeenkomsten van netwerken: soort, wanneer en waar, aanwezige sleutelpersonen (alleen voor wie hen mag zien), agenda, verslag, vervolgacties en terugkoppeling aan bewoners."
)))]
struct Doc;

pub const MODULE: super::Module = super::Module {
    rechten: &[
        (
            "listAgendaSjablonen",
            Toegang::Recht(Recht::BijeenkomstenLezen),
        ),
        (
            "listBijeenkomsten",
            Toegang::Recht(Recht::BijeenkomstenLezen),
        ),
        ("getBijeenkomst", Toegang::Recht(Recht::BijeenkomstenLezen)),
        (
            "createBijeenkomst",
            Toegang::Recht(Recht::BijeenkomstenSchrijven),
        ),
        (
            "updateBijeenkomst",
            Toegang::Recht(Recht::BijeenkomstenSchrijven),
        ),
        (
            "deleteBijeenkomst",
            Toegang::Recht(Recht::BijeenkomstenSchrijven),
        ),
    ],
    routes: handlers::configure,
    document: <Doc as OpenApi>::openapi,
    tabellen: &["bijeenkomst"],
    audit_waarden: &[crate::audit::Waarden {
        resource: "bijeenkomst",
        velden: &[
            "soort",
            "datum",
            "begintijd",
            "eindtijd",
            "locatiesoort",
            "netwerkId",
            "gebiedId",
            "deelnemers",
            "verslagAanAfwezigen",
        ],
    }],
    invoer: &[
        InvoerSchema::van::<invoer::NieuweBijeenkomst>(),
        InvoerSchema::van::<invoer::BijeenkomstWijziging>(),
    ],
};
