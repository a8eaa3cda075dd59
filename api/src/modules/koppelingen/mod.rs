//! Machine-accounts van gemeentelijke systemen, met scopes.

use crate::auth::zichtbaarheid::{Veld, Velden};
use utoipa::OpenApi;

use crate::modules::Toegang;

use crate::http::invoer::InvoerSchema;

mod handlers;
mod invoer;
mod weergave;

use invoer::KoppelingSortering;

// `gewijzigdOp` van de rijen in de lijsten van deze module (`gewijzigdSinds`,
// `sorteer=gewijzigdOp`).
crate::gewijzigd_op!(koppeling => UpdatedAt);

crate::tenancy::tenant_owned!(entity::koppeling, id);

#[derive(OpenApi)]
#[openapi(
    tags((name = "Koppelingen", description = "Machine-accounts van gemeentelijke systemen, met scopes.")),
    components(schemas(KoppelingSortering, crate::auth::Scope))
)]
struct Doc;

pub const MODULE: super::Module = super::Module {
    rechten: &[
        ("listKoppelingen", Toegang::GeenKoppeling),
        ("getKoppeling", Toegang::GeenKoppeling),
        ("createKoppeling", Toegang::GeenKoppeling),
        ("updateKoppeling", Toegang::GeenKoppeling),
        ("renewKoppelingGeheim", Toegang::GeenKoppeling),
    ],
    routes: handlers::configure,
    document: <Doc as OpenApi>::openapi,
    velden: VELDEN,
    tabellen: &["koppeling"],
    audit_waarden: &[crate::audit::Waarden {
        resource: "koppeling",
        velden: &["naam", "gemeente", "scopes", "actief"],
    }],
    invoer: &[
        InvoerSchema::van::<invoer::NieuweKoppeling>(),
        InvoerSchema::van::<invoer::KoppelingWijziging>(),
    ],
};

/// Wie welk veld ziet ([`crate::auth::zichtbaarheid`]; `docs/privacy.md`).
const VELDEN: &[Velden] = &[
    Velden {
        schemas: &["Koppeling", "NieuweKoppeling", "KoppelingWijziging"],
        velden: &[
            Veld::openbaar("gemeente", "De CBS-code van de gemeente."),
            Veld::openbaar("clientId", "Het client id."),
            Veld::openbaar("naam", "De naam van een systeem; noem er geen persoon in."),
            Veld::gemeente(
                "clientSecret",
                "Alleen invoer; nooit in een antwoord of de audit trail.",
            ),
        ],
    },
    Velden {
        schemas: &["NieuwGeheim", "KoppelingMetGeheim"],
        velden: &[
            Veld::openbaar("clientId", "Het client id."),
            Veld::gemeente(
                "clientSecret",
                "Eenmalig aan de beheerder die het vernieuwde.",
            ),
        ],
    },
];
