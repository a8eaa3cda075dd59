//! Aanvragen van een initiatief of netwerk bij een budget, het besluit van een
//! budgethouder en de uitbetalingen (issue 13). Elke geldbeweging is een regel in het
//! grootboek van het budget ([`super::budgetten`]); `Idempotency-Key` geldt voor elke
//! `POST` hier ([`crate::http::idempotentie`]).

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
crate::gewijzigd_op!(aanvraag => UpdatedAt);

crate::tenancy::tenant_owned!(entity::aanvraag, id);

#[derive(OpenApi)]
#[openapi(
    tags((name = "Aanvragen", description = "Aanvragen bij een budget, het besluit (snel, door een budgethouder die niet zelf indiende) en uitbetalingen. Bedragen in hele eurocenten.")),
    components(schemas(entity::soorten::AanvraagStatus))
)]
struct Doc;

pub const MODULE: super::Module = super::Module {
    rechten: &[
        ("listAanvragen", Toegang::Recht(Recht::InitiatievenLezen)),
        ("getAanvraag", Toegang::Recht(Recht::InitiatievenLezen)),
        ("createAanvraag", Toegang::Recht(Recht::AanvragenSchrijven)),
        ("updateAanvraag", Toegang::Recht(Recht::AanvragenSchrijven)),
        ("createAanvraagBesluit", Toegang::GeenKoppeling),
        (
            "createAanvraagUitbetaling",
            Toegang::Recht(Recht::BudgettenSchrijven),
        ),
    ],
    routes: handlers::configure,
    document: <Doc as OpenApi>::openapi,
    velden: VELDEN,
    tabellen: &["aanvraag"],
    audit_waarden: &[crate::audit::Waarden {
        resource: "aanvraag",
        velden: &[
            "externeReferentie",
            "budgetId",
            "initiatiefId",
            "netwerkId",
            "aangevraagdBedrag",
            "eigenBijdrage",
            "status",
            "ingediendOp",
            "beslissenVoor",
            "toegekendBedrag",
            "beslotenOp",
            "teLaat",
        ],
    }],
    invoer: &[
        InvoerSchema::van::<invoer::NieuweAanvraag>(),
        InvoerSchema::van::<invoer::AanvraagWijziging>(),
        InvoerSchema::van::<invoer::BesluitOpAanvraag>(),
        InvoerSchema::van::<invoer::NieuweUitbetaling>(),
    ],
};

/// Wie welk veld ziet ([`crate::auth::zichtbaarheid`]; `docs/privacy.md`).
const VELDEN: &[Velden] = &[
    Velden {
        schemas: &["Aanvraag", "AanvraagWijziging", "NieuweAanvraag", "BesluitOpAanvraag"],
        velden: &[
            Veld::EXTERNE_REFERENTIE,
            Veld::openbaar("gemeente", "De CBS-code van de gemeente."),
            Veld::naam("plan", "Vrije tekst die mensen kan noemen. De budgethouder besluit erop.").ook(&[Rol::Budgethouder]),
            Veld::naam("motivering", "Vrije tekst die mensen kan noemen. De budgethouder schrijft haar bij zijn besluit.").ook(&[Rol::Budgethouder]),
        ],
    },
    Velden {
        schemas: &["NieuweUitbetaling"],
        velden: &[
            Veld::naam("omschrijving", "Vrije tekst die mensen kan noemen. De budgethouder betaalt uit.").ook(&[Rol::Budgethouder]),
        ],
    },
];
