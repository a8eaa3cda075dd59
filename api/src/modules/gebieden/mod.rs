//! Gebieden (wijken, buurten, dorpen, kernen) met hun indicatormetingen en hun
//! DNA-profiel (de regels staan in [`crate::domein::dna`]).

use utoipa::OpenApi;

use crate::auth::Recht;
use crate::modules::Toegang;

use crate::http::invoer::InvoerSchema;

mod handlers;
pub mod indicatoren;

pub use handlers::*;

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
    tabellen: &["gebied", "gebied_telling", "indicatormeting"],
    audit_waarden: &[
        crate::audit::Waarden {
            resource: "gebied",
            velden: &[
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
        InvoerSchema::van::<handlers::NieuwGebied>(),
        InvoerSchema::van::<handlers::GebiedWijziging>(),
        InvoerSchema::van::<indicatoren::NieuweIndicatormeting>(),
        InvoerSchema::van::<indicatoren::NieuweIntrekking>(),
    ],
};
