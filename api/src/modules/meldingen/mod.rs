//! Meldingen van bedreigingen en incidenten met hun opvolging (de afloop staat in
//! [`crate::domein::melding`]). Wie ze mag lezen, beslist de database.

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
crate::gewijzigd_op!(melding => UpdatedAt);
crate::gewijzigd_op!(melding_opvolging => Tijdstip);

crate::tenancy::tenant_owned!(entity::melding, id);
crate::tenancy::tenant_owned!(entity::melding_opvolging, id);

#[derive(OpenApi)]
#[openapi(tags((
    name = "Meldingen",
    description = "Meldingen van bedreigingen en incidenten tegen sleutelpersonen, actieve bewoners en ambtenaren, met een verantwoordelijke ambtenaar en een opvolgingslogboek. Alleen coördinatoren en beheerders van de gemeente en koppelingen met meldingen.lezen lezen ze; een melding over iemand met verhoogd risico alleen de genoemde ambtenaren en de behandelaar. Voor ieder ander bestaat een melding niet (404)."
)))]
struct Doc;

pub const MODULE: super::Module = super::Module {
    rechten: &[
        ("listMeldingen", Toegang::Recht(Recht::MeldingenLezen)),
        ("getMelding", Toegang::Recht(Recht::MeldingenLezen)),
        ("createMelding", Toegang::Recht(Recht::MeldingenSchrijven)),
        ("updateMelding", Toegang::Recht(Recht::MeldingenSchrijven)),
        (
            "listMeldingOpvolging",
            Toegang::Recht(Recht::MeldingenLezen),
        ),
        ("getMeldingOpvolging", Toegang::Recht(Recht::MeldingenLezen)),
        (
            "createMeldingOpvolging",
            Toegang::Recht(Recht::MeldingenSchrijven),
        ),
    ],
    routes: handlers::configure,
    document: <Doc as OpenApi>::openapi,
    velden: VELDEN,
    tabellen: &["melding", "melding_opvolging"],
    audit_waarden: &[
        crate::audit::Waarden {
            resource: "melding",
            velden: &[
                "soort",
                "betrokkene",
                "ernst",
                "datum",
                "status",
                "behandelaarId",
                "politie",
                "veiligheidshuis",
                "netwerkId",
                "gebiedId",
                "afgeslotenOp",
            ],
        },
        crate::audit::Waarden {
            resource: "melding_opvolging",
            velden: &["meldingId"],
        },
    ],
    invoer: &[
        InvoerSchema::van::<invoer::NieuweMelding>(),
        InvoerSchema::van::<invoer::MeldingWijziging>(),
        InvoerSchema::van::<invoer::NieuweOpvolging>(),
    ],
};

/// Wie welk veld ziet ([`crate::auth::zichtbaarheid`]; `docs/privacy.md`).
const VELDEN: &[Velden] = &[
    Velden {
        schemas: &["Melding", "NieuweMelding", "MeldingWijziging"],
        velden: &[
            Veld::openbaar("gemeente", "De CBS-code van de gemeente."),
            Veld::naam("omschrijving", "Vrije tekst die mensen kan noemen."),
            Veld::naam("maatregelen", "Vrije tekst die mensen kan noemen."),
            Veld::naam("afsluitnotitie", "Vrije tekst die mensen kan noemen."),
        ],
    },
    Velden {
        schemas: &["Opvolging", "NieuweOpvolging"],
        velden: &[
            Veld::naam("tekst", "Vrije tekst die mensen kan noemen."),
            Veld::openbaar("actorSoort", "gebruiker of koppeling."),
        ],
    },
];
