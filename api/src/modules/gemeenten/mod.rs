//! De elf gemeenten van VRBN (tenants).

use crate::auth::zichtbaarheid::{Veld, Velden};
use utoipa::OpenApi;

use crate::modules::Toegang;

mod handlers;
mod invoer;
mod weergave;

pub use handlers::grondslag;
use invoer::GemeenteSortering;

// `gewijzigdOp` van de rijen in de lijsten van deze module (`gewijzigdSinds`,
// `sorteer=gewijzigdOp`).
crate::gewijzigd_op!(gemeente => UpdatedAt);

#[derive(OpenApi)]
#[openapi(
    tags((name = "Gemeenten", description = "De elf gemeenten van VRBN (tenants).")),
    components(schemas(GemeenteSortering))
)]
struct Doc;

/// De gemeenten leest iedere aanroeper met een token: deze operaties geven geen 403.
pub const VOOR_ELKE_AANROEPER: &[&str] = &["listGemeenten", "getGemeente"];

pub const MODULE: super::Module = super::Module {
    rechten: &[
        ("listGemeenten", Toegang::ElkToken),
        ("getGemeente", Toegang::ElkToken),
        ("updateGemeente", Toegang::GeenKoppeling),
    ],
    routes: handlers::configure,
    document: <Doc as OpenApi>::openapi,
    velden: VELDEN,
    tabellen: &[],
    audit_waarden: &[crate::audit::Waarden {
        resource: "gemeente",
        velden: &[
            "grootteDrempel",
            "voorkeurAanpak",
            "dnaBasis",
            "grondslag",
            "grondslagBesluit",
            "trajectStilWeken",
            "dnaMetingMaxJaren",
            "crisisafspraakHerzienMaanden",
            "checkinDagen",
            "contactDagen",
            "meldingTermijnDagen",
        ],
    }],
    invoer: &[crate::http::invoer::InvoerSchema::van::<
        invoer::GemeenteWijziging,
    >()],
};

/// Een gemeente is zelf de tenant (geen `gemeente_id`), maar heeft een id voor de
/// audit trail.
impl crate::tenancy::HeeftId for entity::gemeente::Model {
    fn id(&self) -> uuid::Uuid {
        self.id
    }
    fn gemeente(&self) -> Option<uuid::Uuid> {
        Some(self.id)
    }
}

/// Wie welk veld ziet ([`crate::auth::zichtbaarheid`]; `docs/privacy.md`).
const VELDEN: &[Velden] = &[
    Velden {
        schemas: &["Gemeente"],
        velden: &[
            Veld::openbaar("code", "De CBS-code."),
            Veld::openbaar("naam", "De naam van de gemeente."),
            Veld::openbaar("slug", "De naam in een URL."),
            Veld::openbaar("grondslag", "Een besluit van de gemeente, geen persoon."),
        ],
    },
    Velden {
        schemas: &["GrondslagBesluit"],
        velden: &[Veld::openbaar(
            "kenmerk",
            "Het kenmerk van een besluit van het college, geen persoon.",
        )],
    },
];
