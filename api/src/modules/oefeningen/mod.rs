//! Oefeningen van netwerken, met een evaluatie die de crisisafspraken van het netwerk
//! bijwerkt (de afloop staat in [`crate::domein::oefening`]).

use crate::auth::zichtbaarheid::{Veld, Velden};
use utoipa::OpenApi;

use crate::auth::Recht;
use crate::modules::Toegang;

use crate::http::invoer::InvoerSchema;

mod handlers;
mod invoer;
mod weergave;

// `gewijzigdOp` van de rijen in de lijsten van deze module (`gewijzigdSinds`,
// `sorteer=gewijzigdOp`).
crate::gewijzigd_op!(oefening => UpdatedAt);

crate::tenancy::tenant_owned!(entity::oefening, id);

#[derive(OpenApi)]
#[openapi(tags((
    name = "Oefeningen",
    description = "Oefeningen: doelen, vorm, scenario, deelnemers, briefing en debrief, en een evaluatie (nooit een cijfer voor mensen) die de crisisafspraken van het netwerk kan bijwerken."
)))]
struct Doc;

pub const MODULE: super::Module = super::Module {
    rechten: &[
        ("listOefeningen", Toegang::Recht(Recht::BijeenkomstenLezen)),
        ("getOefening", Toegang::Recht(Recht::BijeenkomstenLezen)),
        (
            "createOefening",
            Toegang::Recht(Recht::BijeenkomstenSchrijven),
        ),
        (
            "updateOefening",
            Toegang::Recht(Recht::BijeenkomstenSchrijven),
        ),
        (
            "deleteOefening",
            Toegang::Recht(Recht::BijeenkomstenSchrijven),
        ),
    ],
    routes: handlers::configure,
    document: <Doc as OpenApi>::openapi,
    velden: VELDEN,
    tabellen: &["oefening"],
    audit_waarden: &[crate::audit::Waarden {
        resource: "oefening",
        velden: &[
            "doelen",
            "vorm",
            "scenario",
            "datum",
            "netwerkId",
            "gebiedId",
            "trajectId",
            "stap",
            "organisaties",
            "status",
        ],
    }],
    invoer: &[
        InvoerSchema::van::<invoer::NieuweOefening>(),
        InvoerSchema::van::<invoer::OefeningWijziging>(),
    ],
};

/// Wie welk veld ziet ([`crate::auth::zichtbaarheid`]; `docs/privacy.md`).
const VELDEN: &[Velden] = &[
    Velden {
        schemas: &["Oefening", "NieuweOefening", "OefeningWijziging"],
        velden: &[
            Veld::openbaar("gemeente", "De CBS-code van de gemeente."),
            Veld::openbaar(
                "titel",
                "De titel van een oefening; noem er geen persoon in.",
            ),
            Veld::naam("briefing", "Vrije tekst die mensen kan noemen."),
            Veld::naam("debrief", "Vrije tekst die mensen kan noemen."),
            Veld::naam(
                "evaluatie",
                "De evaluatie: vrije tekst die mensen kan noemen.",
            ),
        ],
    },
    Velden {
        schemas: &["Evaluatie"],
        velden: &[
            Veld::naam("goed", "Vrije tekst die mensen kan noemen."),
            Veld::naam("verbeterpunten", "Vrije tekst die mensen kan noemen."),
            Veld::naam("vervolg", "Vrije tekst die mensen kan noemen."),
        ],
    },
    Velden {
        schemas: &["HerzieneCrisisafspraak"],
        velden: &[Veld::naam(
            "activering",
            "Vrije tekst die mensen kan noemen.",
        )],
    },
];
