//! Bijeenkomsten van netwerken en trajecten, met de agenda-sjablonen uit de leidraad
//! (het tweebijeenkomstenmodel in [`crate::domein::bijeenkomst`]).

use crate::auth::zichtbaarheid::{Veld, Velden};
use utoipa::OpenApi;

use crate::auth::Recht;
use crate::modules::Toegang;

use crate::http::invoer::InvoerSchema;

mod afgeleid;
mod handlers;
mod invoer;
mod weergave;

// `gewijzigdOp` van de rijen in de lijsten van deze module (`gewijzigdSinds`,
// `sorteer=gewijzigdOp`).
crate::gewijzigd_op!(bijeenkomst => UpdatedAt);

crate::tenancy::tenant_owned!(entity::bijeenkomst, id);

#[derive(OpenApi)]
#[openapi(tags((
    name = "Bijeenkomsten",
    description = "Bijeenkomsten van netwerken: soort, wanneer en waar, aanwezige sleutelpersonen (alleen voor wie hen mag zien), agenda, verslag, vervolgacties en terugkoppeling aan bewoners."
)))]
struct Doc;

pub const MODULE: super::Module = super::Module {
    rechten: &[
        (
            "listAgendaSjablonen",
            Toegang::Recht(Recht::BijeenkomstenLezen),
        ),
        (
            "listBijeenkomsten",
            Toegang::Recht(Recht::BijeenkomstenLezen),
        ),
        ("getBijeenkomst", Toegang::Recht(Recht::BijeenkomstenLezen)),
        (
            "createBijeenkomst",
            Toegang::Recht(Recht::BijeenkomstenSchrijven),
        ),
        (
            "updateBijeenkomst",
            Toegang::Recht(Recht::BijeenkomstenSchrijven),
        ),
        (
            "deleteBijeenkomst",
            Toegang::Recht(Recht::BijeenkomstenSchrijven),
        ),
    ],
    routes: handlers::configure,
    document: <Doc as OpenApi>::openapi,
    velden: VELDEN,
    tabellen: &["bijeenkomst"],
    audit_waarden: &[crate::audit::Waarden {
        resource: "bijeenkomst",
        velden: &[
            "externeReferentie",
            "soort",
            "datum",
            "begintijd",
            "eindtijd",
            "locatiesoort",
            "netwerkId",
            "gebiedId",
            "trajectId",
            "stap",
            "deelnemers",
            "verslagAanAfwezigen",
        ],
    }],
    invoer: &[
        InvoerSchema::van::<invoer::NieuweBijeenkomst>(),
        InvoerSchema::van::<invoer::BijeenkomstWijziging>(),
    ],
};

/// Wie welk veld ziet ([`crate::auth::zichtbaarheid`]; `docs/privacy.md`).
const VELDEN: &[Velden] = &[
    Velden {
        schemas: &["Bijeenkomst", "NieuweBijeenkomst", "BijeenkomstWijziging"],
        velden: &[
            Veld::EXTERNE_REFERENTIE,
            Veld::openbaar("gemeente", "De CBS-code van de gemeente."),
            Veld::openbaar(
                "titel",
                "De titel van een bijeenkomst; de documentatie vraagt er geen persoon in te noemen.",
            ),
            Veld::openbaar("begintijd", "Een tijdstip (UU:MM)."),
            Veld::openbaar("eindtijd", "Een tijdstip (UU:MM)."),
            Veld::gemeente(
                "locatie",
                "Waar sleutelpersonen bijeenkomen: niet voor de regio.",
            ),
            Veld::naam("verslag", "Vrije tekst die mensen kan noemen."),
            Veld::naam("terugkoppeling", "Vrije tekst die mensen kan noemen."),
            Veld::naam("acties", "Vervolgacties met hun eigenaar (een naam)."),
            Veld::naam(
                "afspraken",
                "De afspraken van een tweede bijeenkomst: vrije tekst die mensen kan noemen.",
            ),
        ],
    },
    Velden {
        schemas: &["Agendapunt"],
        velden: &[
            Veld::openbaar(
                "onderwerp",
                "Een agendapunt (uit de handreiking of eigen); noem er geen persoon in.",
            ),
            Veld::naam("toelichting", "Vrije tekst die mensen kan noemen."),
        ],
    },
    Velden {
        schemas: &["Vervolgactie", "NieuweVervolgactie"],
        velden: &[
            Veld::naam("omschrijving", "Vrije tekst die mensen kan noemen."),
            Veld::naam("eigenaar", "De naam van wie de actie oppakt."),
            Veld::naam(
                "eigenaarId",
                "Wie van de gemeente de actie trekt; zichtbaar als de actie zelf.",
            ),
        ],
    },
];
