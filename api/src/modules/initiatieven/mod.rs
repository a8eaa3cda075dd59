//! Initiatieven van bewoners, met hun afloop (regels in [`crate::domein::initiatief`]).
//! Budgetten, aanvragen en het grootboek volgen (issue 13).

use crate::auth::Rol;
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
crate::gewijzigd_op!(initiatief => UpdatedAt);

crate::tenancy::tenant_owned!(entity::initiatief, id);

#[derive(OpenApi)]
#[openapi(
    tags((name = "Initiatieven", description = "Initiatieven van bewoners: thema, participatie, initiatiefnemer en afloop. De contactpersoon ziet alleen de gemeente (coördinatoren, budgethouders, beheerders).")),
    components(schemas(entity::soorten::InitiatiefStatus))
)]
struct Doc;

pub const MODULE: super::Module = super::Module {
    rechten: &[
        ("listInitiatieven", Toegang::Recht(Recht::InitiatievenLezen)),
        ("getInitiatief", Toegang::Recht(Recht::InitiatievenLezen)),
        (
            "createInitiatief",
            Toegang::Recht(Recht::InitiatievenSchrijven),
        ),
        (
            "updateInitiatief",
            Toegang::Recht(Recht::InitiatievenSchrijven),
        ),
        (
            "deleteInitiatief",
            Toegang::Recht(Recht::InitiatievenSchrijven),
        ),
    ],
    routes: handlers::configure,
    document: <Doc as OpenApi>::openapi,
    velden: VELDEN,
    tabellen: &["initiatief"],
    audit_waarden: &[crate::audit::Waarden {
        resource: "initiatief",
        velden: &[
            "thema",
            "participatie",
            "gebiedId",
            "netwerkId",
            "status",
            "startdatum",
            "einddatum",
            "externeReferentie",
        ],
    }],
    invoer: &[
        InvoerSchema::van::<invoer::NieuwInitiatief>(),
        InvoerSchema::van::<invoer::InitiatiefWijziging>(),
    ],
};

/// Wie welk veld ziet ([`crate::auth::zichtbaarheid`]; `docs/privacy.md`).
const VELDEN: &[Velden] = &[
    Velden {
        schemas: &["Initiatief", "NieuwInitiatief", "InitiatiefWijziging"],
        velden: &[
            Veld::EXTERNE_REFERENTIE,
            Veld::openbaar("gemeente", "De CBS-code van de gemeente."),
            Veld::openbaar("titel", "De titel van een initiatief; noem er geen persoon in."),
            Veld::openbaar("organisatie", "De naam van een organisatie; noem er geen persoon in."),
            Veld::naam("omschrijving", "Vrije tekst die mensen kan noemen. De budgethouder besluit op aanvragen voor het initiatief.").ook(&[Rol::Budgethouder]),
            Veld::naam("contactnaam", "De naam van de contactpersoon.").ook(&[Rol::Budgethouder]),
            Veld::naam("contactemail", "Het e-mailadres van de contactpersoon.").ook(&[Rol::Budgethouder]),
            Veld::naam("resultaten", "Vrije tekst die mensen kan noemen.").ook(&[Rol::Budgethouder]),
            Veld::naam("lessen", "Vrije tekst die mensen kan noemen.").ook(&[Rol::Budgethouder]),
        ],
    },
];
