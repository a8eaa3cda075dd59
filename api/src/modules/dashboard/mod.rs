//! Het regionale dashboard: de cijfers van alle gemeenten voor netwerkmanagement,
//! dezelfde vorm voor één gemeente, en de pagina die ze toont (`/dashboard`, buiten
//! het document). De tellingen houdt de database bij (migratie 000015).

use crate::auth::zichtbaarheid::{Veld, Velden};
use utoipa::OpenApi;

use crate::modules::Toegang;

mod handlers;
pub mod pagina;
mod weergave;

crate::tenancy::tenant_owned!(entity::dashboard_telling);

#[derive(OpenApi)]
#[openapi(tags((
    name = "Dashboard",
    description = "Het regionale dashboard: waar aandacht nodig is, geen rangorde van gemeenten. Alleen aantallen; elke telling van sleutelpersonen onder 5 is onderdrukt (`onderdrukt: true`). De regio ziet alle gemeenten, een gemeente zichzelf. Met `Accept: text/csv` als CSV voor een spreadsheet (puntkomma's, bedragen in euro's met een decimale komma)."
)))]
struct Doc;

pub const MODULE: super::Module = super::Module {
    rechten: &[
        ("getDashboard", Toegang::GeenKoppeling),
        ("getDashboardGemeente", Toegang::GeenKoppeling),
    ],
    routes: handlers::configure,
    document: <Doc as OpenApi>::openapi,
    velden: VELDEN,
    tabellen: &["dashboard_telling"],
    audit_waarden: &[],
    invoer: &[],
};

/// Wie welk veld ziet ([`crate::auth::zichtbaarheid`]; `docs/privacy.md`).
const VELDEN: &[Velden] = &[
    Velden {
        schemas: &["Aantal"],
        velden: &[Veld::openbaar(
            "sleutel",
            "De naam van een categorie (vaste lijst).",
        )],
    },
    Velden {
        schemas: &["BudgetRegel"],
        velden: &[
            Veld::openbaar("naam", "De naam van een budget."),
            Veld::openbaar("vorm", "De financieringsvorm."),
        ],
    },
    Velden {
        schemas: &["GebiedRegel"],
        velden: &[
            Veld::openbaar("naam", "De naam van een gebied."),
            Veld::openbaar("aanpak", "De aanpak (vaste lijst)."),
        ],
    },
    Velden {
        schemas: &["NetwerkRegel"],
        velden: &[
            Veld::openbaar("naam", "De naam van een netwerk."),
            Veld::openbaar("fase", "De fase (vaste lijst)."),
            Veld::openbaar("signalen", "Signalen van het dashboard (vaste lijst)."),
        ],
    },
    Velden {
        schemas: &["GemeenteCijfers", "GemeenteDashboard"],
        velden: &[
            Veld::openbaar("gemeente", "De CBS-code van de gemeente."),
            Veld::openbaar("naam", "De naam van de gemeente."),
        ],
    },
    Velden {
        schemas: &["StapAantal", "TrajectRegel"],
        velden: &[Veld::openbaar("aanpak", "De aanpak (vaste lijst).")],
    },
];
