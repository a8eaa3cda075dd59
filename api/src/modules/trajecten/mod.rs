//! Trajecten: de stappenplannen die in een gebied lopen (de plannen en hun
//! overgangen staan in [`crate::domein::stappenplan`]).

use utoipa::OpenApi;

use crate::auth::Recht;
use crate::modules::Toegang;

use crate::http::invoer::InvoerSchema;

mod besluit;
mod handlers;
mod invoer;
mod stappen;
mod verbinders;
mod weergave;

pub use handlers::*;
pub use invoer::*;
pub use weergave::*;

crate::tenancy::tenant_owned!(entity::traject, id);
crate::tenancy::tenant_owned!(entity::traject_stap);
crate::tenancy::tenant_owned!(entity::traject_besluit);
crate::tenancy::tenant_owned!(entity::traject_verbinder);

#[derive(OpenApi)]
#[openapi(
    tags((name = "Trajecten", description = "Stappenplannen in een gebied: coordinerend, coachend of weerbaarheid.")),
    components(schemas(crate::domein::stappenplan::Plan, crate::domein::stappenplan::StapStatus))
)]
struct Doc;

pub const MODULE: super::Module = super::Module {
    rechten: &[
        (
            "createTrajectBesluit",
            Toegang::Recht(Recht::TrajectenSchrijven),
        ),
        ("listTrajecten", Toegang::Recht(Recht::TrajectenLezen)),
        ("getTraject", Toegang::Recht(Recht::TrajectenLezen)),
        ("createTraject", Toegang::Recht(Recht::TrajectenSchrijven)),
        ("updateTraject", Toegang::Recht(Recht::TrajectenSchrijven)),
        (
            "updateTrajectStap",
            Toegang::Recht(Recht::TrajectenSchrijven),
        ),
    ],
    routes: handlers::configure,
    document: <Doc as OpenApi>::openapi,
    tabellen: &[
        "traject",
        "traject_stap",
        "traject_besluit",
        "traject_verbinder",
    ],
    audit_waarden: &[crate::audit::Waarden {
        resource: "traject",
        velden: &[
            "gebiedId",
            "aanpak",
            "status",
            "voorgesteldeAanpak",
            "verbinders",
            "besluit",
            "besluitDatum",
            "stappen.*.status",
            "stappen.*.gestartOp",
            "stappen.*.afgerondOp",
        ],
    }],
    invoer: &[
        InvoerSchema::van::<invoer::NieuwTraject>(),
        InvoerSchema::van::<invoer::TrajectWijziging>(),
        InvoerSchema::van::<invoer::StapWijziging>(),
        InvoerSchema::van::<invoer::BesluitInvoer>(),
        InvoerSchema::van::<invoer::VerbinderInvoer>(),
    ],
};
