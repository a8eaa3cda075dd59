//! Gebieden (wijken, buurten, dorpen, kernen) met hun indicatormetingen en hun
//! DNA-profiel (de regels staan in [`crate::domein::dna`]).

use crate::auth::zichtbaarheid::{Veld, Velden};
use utoipa::OpenApi;

use crate::auth::Recht;
use crate::modules::Toegang;

use crate::http::invoer::InvoerSchema;

mod eigen;
mod handlers;
pub mod indicatoren;
mod invoer;
mod profiel;
mod regels;
mod weergave;

pub use eigen::GebiedKort;
pub(crate) use eigen::{controleer_eigen, dekt, eigen_gebied};
use invoer::GebiedSortering;
pub use profiel::{opslaan, profielen, profielen_bijwerken_vastgelegd, veranderd};
use weergave::Soort;
pub use weergave::kenmerken_uit_kolommen;

// `gewijzigdOp` van de rijen in de lijsten van deze module (`gewijzigdSinds`,
// `sorteer=gewijzigdOp`).
crate::gewijzigd_op!(gebied => UpdatedAt);

crate::tenancy::tenant_owned!(entity::gebied, id);
crate::tenancy::tenant_owned!(entity::indicatormeting);
crate::tenancy::tenant_owned!(entity::gebied_telling);

#[derive(OpenApi)]
#[openapi(
    tags((name = "Gebieden", description = "Wijken, buurten, dorpen en kernen met hun indicatormetingen en DNA-profiel (kwadrant en aanpak).")),
    components(schemas(GebiedSortering, Soort, crate::domein::dna::Band, crate::domein::dna::Aanpak))
)]
struct Doc;

fn routes(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    handlers::configure(cfg);
    indicatoren::configure(cfg);
}

pub const MODULE: super::Module = super::Module {
    rechten: &[
        ("listGebieden", Toegang::Recht(Recht::GebiedenLezen)),
        ("getGebied", Toegang::Recht(Recht::GebiedenLezen)),
        ("createGebied", Toegang::Recht(Recht::GebiedenSchrijven)),
        ("updateGebied", Toegang::Recht(Recht::GebiedenSchrijven)),
        ("deleteGebied", Toegang::Recht(Recht::GebiedenSchrijven)),
        (
            "listIndicatormetingen",
            Toegang::Recht(Recht::GebiedenLezen),
        ),
        ("getIndicatormeting", Toegang::Recht(Recht::GebiedenLezen)),
        (
            "createIndicatormeting",
            Toegang::Recht(Recht::GebiedenSchrijven),
        ),
        (
            "createIndicatormetingIntrekking",
            Toegang::Recht(Recht::GebiedenSchrijven),
        ),
    ],
    routes,
    document: <Doc as OpenApi>::openapi,
    velden: VELDEN,
    tabellen: &["gebied", "gebied_telling", "indicatormeting"],
    audit_waarden: &[
        crate::audit::Waarden {
            resource: "gebied",
            velden: &[
                "externeReferentie",
                "naam",
                "soort",
                "cbsCode",
                "inwonertal",
                "grootteklasse",
                "bovenliggendGebiedId",
            ],
        },
        crate::audit::Waarden {
            resource: "indicatormeting",
            velden: &[
                "gebiedId",
                "peildatum",
                "burgerinitiatievenPer1000",
                "vrijwilligerswerkPercentage",
                "verenigingslidmaatschapPercentage",
                "buurthuisbezoekPer1000",
                "verkiezingsopkomstPercentage",
                "overlastregistratiesPer1000",
                "leefbaarometer",
                "inwonersKennenElkaar",
                "groetenElkaarOpStraat",
                "grootsteDeelGeborenEnGetogen",
                "wetenWaarKwetsbarenZijn",
                "kennenEnSprekenBuren",
                "buurtfeesten",
                "wonenEnWerkenInZelfdeGebied",
                "ingetrokkenOp",
            ],
        },
    ],
    invoer: &[
        InvoerSchema::van::<invoer::NieuwGebied>(),
        InvoerSchema::van::<invoer::GebiedWijziging>(),
        InvoerSchema::van::<indicatoren::NieuweIndicatormeting>(),
        InvoerSchema::van::<indicatoren::NieuweIntrekking>(),
    ],
};

/// Wie welk veld ziet ([`crate::auth::zichtbaarheid`]; `docs/privacy.md`).
const VELDEN: &[Velden] = &[
    Velden {
        schemas: &["GebiedGegevens", "NieuwGebied", "GebiedWijziging"],
        velden: &[
            Veld::EXTERNE_REFERENTIE,
            Veld::openbaar("gemeente", "De CBS-code van de gemeente."),
            Veld::openbaar("naam", "De naam van een gebied; noem er geen persoon in."),
            Veld::openbaar("cbsCode", "De CBS-code van wijk of buurt."),
        ],
    },
    Velden {
        schemas: &["GebiedKort"],
        velden: &[Veld::openbaar(
            "naam",
            "De naam van een gebied; noem er geen persoon in.",
        )],
    },
    Velden {
        schemas: &["Handmatig", "HandmatigInvoer"],
        velden: &[Veld::naam("reden", "Vrije tekst die mensen kan noemen.")],
    },
    Velden {
        schemas: &["DnaProfiel"],
        velden: &[
            Veld::openbaar(
                "communicatiemiddelen",
                "Middelen uit de handreiking, bij het kwadrant.",
            ),
            Veld::openbaar("voorAlleVlakken", "Vaste tekst uit de handreiking."),
            Veld::openbaar(
                "toelichting",
                "Tekst van de dienst, uit de regels van het kwadrant.",
            ),
        ],
    },
    Velden {
        schemas: &["IndicatorWaarde"],
        velden: &[
            Veld::openbaar("indicator", "De naam van een indicator (vaste lijst)."),
            Veld::openbaar(
                "bron",
                "De bron van een meting (bv. CBS); noem er geen persoon in.",
            ),
        ],
    },
    Velden {
        schemas: &["Indicatormeting", "NieuweIndicatormeting"],
        velden: &[Veld::openbaar(
            "bron",
            "De bron van een meting (bv. CBS); noem er geen persoon in.",
        )],
    },
    Velden {
        schemas: &["Intrekking", "NieuweIntrekking"],
        velden: &[Veld::naam("reden", "Vrije tekst die mensen kan noemen.")],
    },
    Velden {
        schemas: &["TekenWaarde"],
        velden: &[
            Veld::openbaar("teken", "Een teken uit de handreiking (vaste lijst)."),
            Veld::openbaar(
                "bron",
                "De bron van een waarneming; noem er geen persoon in.",
            ),
        ],
    },
];
