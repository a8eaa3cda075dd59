//! Trajecten: de stappenplannen die in een gebied lopen (de plannen en hun
//! overgangen staan in [`crate::domein::stappenplan`]).

use crate::auth::zichtbaarheid::{Veld, Velden};
use utoipa::OpenApi;

use crate::auth::Recht;
use crate::modules::Toegang;

use crate::http::invoer::InvoerSchema;

mod besluit;
mod bij_stap;
mod handlers;
mod invoer;
mod stappen;
mod traject;
mod verbinders;
mod weergave;
mod wissel;

// `gewijzigdOp` van de rijen in de lijsten van deze module (`gewijzigdSinds`,
// `sorteer=gewijzigdOp`).
crate::gewijzigd_op!(traject => UpdatedAt);

crate::tenancy::tenant_owned!(entity::traject, id);

pub(crate) use bij_stap::stap_verwijzing;
crate::tenancy::tenant_owned!(entity::traject_stap);
crate::tenancy::tenant_owned!(entity::traject_besluit);
crate::tenancy::tenant_owned!(entity::traject_verbinder);
crate::tenancy::tenant_owned!(entity::traject_aanpakwissel);

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
        (
            "createAanpakwissel",
            Toegang::Recht(Recht::TrajectenSchrijven),
        ),
    ],
    routes: configure,
    document: <Doc as OpenApi>::openapi,
    velden: VELDEN,
    tabellen: &[
        "traject",
        "traject_stap",
        "traject_besluit",
        "traject_verbinder",
        "traject_aanpakwissel",
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
            "besluitSoort",
            "besluitDatum",
            "aanpakwisselDatum",
            "stappen.*.status",
            "stappen.*.gestartOp",
            "stappen.*.afgerondOp",
            "stappen.*.afgevinkt",
            "stappen.*.netwerkId",
            "leidraadVersie",
        ],
    }],
    invoer: &[
        InvoerSchema::van::<invoer::NieuwTraject>(),
        InvoerSchema::van::<invoer::TrajectWijziging>(),
        InvoerSchema::van::<invoer::StapWijziging>(),
        InvoerSchema::van::<invoer::AntwoordInvoer>(),
        InvoerSchema::van::<invoer::BesluitInvoer>(),
        InvoerSchema::van::<invoer::AanpakwisselInvoer>(),
        InvoerSchema::van::<invoer::VerbinderInvoer>(),
    ],
};

/// Wie welk veld ziet ([`crate::auth::zichtbaarheid`]; `docs/privacy.md`).
const VELDEN: &[Velden] = &[
    Velden {
        schemas: &["Traject", "NieuwTraject", "TrajectWijziging"],
        velden: &[
            Veld::openbaar("gemeente", "De CBS-code van de gemeente."),
            Veld::openbaar("naam", "De naam van een traject; noem er geen persoon in."),
            Veld::openbaar("voorgesteldeAanpak", "Uit de regels van het kwadrant."),
            Veld::openbaar("waarschuwingen", "Codes en teksten van de dienst."),
        ],
    },
    Velden {
        schemas: &["Stap"],
        velden: &[
            Veld::openbaar("naam", "De naam van een stap uit de handreiking."),
            Veld::naam("notities", "Vrije tekst die mensen kan noemen."),
        ],
    },
    Velden {
        schemas: &["Antwoord", "AntwoordInvoer", "VervallenAntwoord"],
        velden: &[
            Veld::openbaar("sleutel", "Een sleutel van de leidraad."),
            Veld::naam("antwoord", "Vrije tekst die mensen kan noemen."),
        ],
    },
    Velden {
        schemas: &["Vinkstatus"],
        velden: &[Veld::openbaar("sleutel", "Een sleutel van de leidraad.")],
    },
    Velden {
        schemas: &["StapWijziging"],
        velden: &[
            Veld::naam("notities", "Vrije tekst die mensen kan noemen."),
            Veld::openbaar("afgevinkt", "Sleutels van de leidraad."),
        ],
    },
    Velden {
        schemas: &[
            "Besluit",
            "BesluitInvoer",
            "Aanpakwissel",
            "AanpakwisselInvoer",
        ],
        velden: &[Veld::naam("reden", "Vrije tekst die mensen kan noemen.")],
    },
    Velden {
        schemas: &["Traject"],
        velden: &[Veld::naam(
            "vervallenAntwoorden",
            "Antwoorden van vóór een aanpakwissel: vrije tekst die mensen kan noemen.",
        )],
    },
];

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(handlers::list)
        .service(handlers::get)
        .service(handlers::create)
        .service(handlers::update)
        .service(stappen::update_stap)
        .service(besluit::create_besluit)
        .service(wissel::create_aanpakwissel);
}
