//! Budgetten voor initiatieven, met hun grootboek en openbaar overzicht. De totalen
//! houdt de database bij met het grootboek (migratie 000013); de aanvragen en hun
//! besluiten staan in [`super::aanvragen`].

use crate::auth::Rol;
use crate::auth::zichtbaarheid::{Veld, Velden};
use utoipa::OpenApi;

use crate::auth::Recht;
use crate::modules::Toegang;

use crate::http::invoer::InvoerSchema;

mod grootboek;
mod handlers;
mod invoer;
mod weergave;

pub use grootboek::{Mutatie, boek, geboekt, vrijgeven};

// `gewijzigdOp` van de rijen in de lijsten van deze module (`gewijzigdSinds`,
// `sorteer=gewijzigdOp`).
crate::gewijzigd_op!(budget => UpdatedAt);
crate::gewijzigd_op!(mutatie => Tijdstip);

crate::tenancy::tenant_owned!(entity::budget, id);
crate::tenancy::tenant_owned!(entity::mutatie, id);

#[derive(OpenApi)]
#[openapi(
    tags((name = "Budgetten", description = "Kleine, regelarme budgetten voor initiatieven en netwerken, met een grootboek dat nooit meer reserveert dan het totaal. Bedragen in hele eurocenten.")),
    components(schemas(entity::soorten::BudgetVorm, entity::soorten::MutatieSoort))
)]
struct Doc;

pub const MODULE: super::Module = super::Module {
    rechten: &[
        ("listBudgetten", Toegang::Recht(Recht::BudgettenLezen)),
        ("getBudget", Toegang::Recht(Recht::BudgettenLezen)),
        ("createBudget", Toegang::Recht(Recht::BudgettenSchrijven)),
        ("updateBudget", Toegang::Recht(Recht::BudgettenSchrijven)),
        ("listBudgetMutaties", Toegang::Recht(Recht::BudgettenLezen)),
        ("getBudgetMutatie", Toegang::Recht(Recht::BudgettenLezen)),
        ("getBudgetOverzicht", Toegang::Recht(Recht::BudgettenLezen)),
        ("createBudgetCorrectie", Toegang::GeenKoppeling),
        (
            "createBudgetAfsluiting",
            Toegang::Recht(Recht::BudgettenSchrijven),
        ),
    ],
    routes: configure,
    document: <Doc as OpenApi>::openapi,
    velden: VELDEN,
    tabellen: &["budget", "mutatie"],
    audit_waarden: &[
        crate::audit::Waarden {
            resource: "budget",
            velden: &[
                "naam",
                "jaar",
                "vorm",
                "totaalBedrag",
                "maxPerAanvraag",
                "gebiedId",
                "matching",
                "beslistermijnDagen",
                "open",
            ],
        },
        crate::audit::Waarden {
            resource: "mutatie",
            velden: &["budgetId", "aanvraagId", "soort", "bedrag"],
        },
    ],
    invoer: &[
        InvoerSchema::van::<invoer::NieuwBudget>(),
        InvoerSchema::van::<invoer::BudgetWijziging>(),
        InvoerSchema::van::<invoer::NieuweCorrectie>(),
        InvoerSchema::van::<invoer::NieuweAfsluiting>(),
    ],
};

/// Wie welk veld ziet ([`crate::auth::zichtbaarheid`]; `docs/privacy.md`).
const VELDEN: &[Velden] = &[
    Velden {
        schemas: &["Budget", "NieuwBudget", "BudgetWijziging"],
        velden: &[
            Veld::openbaar("gemeente", "De CBS-code van de gemeente."),
            Veld::openbaar("naam", "De naam van een budget; noem er geen persoon in."),
        ],
    },
    Velden {
        schemas: &["Mutatie"],
        velden: &[Veld::naam(
            "omschrijving",
            "Vrije tekst die mensen kan noemen. De budgethouder beheert het grootboek.",
        )
        .ook(&[Rol::Budgethouder])],
    },
    Velden {
        schemas: &["NieuweCorrectie"],
        velden: &[Veld::naam(
            "reden",
            "Vrije tekst die mensen kan noemen. De budgethouder corrigeert.",
        )
        .ook(&[Rol::Budgethouder])],
    },
    Velden {
        schemas: &["Overzicht"],
        velden: &[Veld::openbaar("naam", "De naam van het budget.")],
    },
    Velden {
        schemas: &["PerThema"],
        velden: &[Veld::openbaar("thema", "Een thema (vaste lijst).")],
    },
];

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(handlers::list)
        .service(handlers::get)
        .service(handlers::create)
        .service(handlers::update)
        .service(handlers::mutaties)
        .service(handlers::mutatie_lezen)
        .service(handlers::overzicht)
        .service(handlers::correctie)
        .service(handlers::afsluiting);
}
