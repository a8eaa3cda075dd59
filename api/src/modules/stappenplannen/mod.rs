//! De leidraad: de drie stappenplannen met per stap het doel, de activiteiten, de
//! vragen en de checklist uit de handreikingen, in versies van de regio, met eigen
//! punten van gemeenten (de regels staan in [`crate::domein::leidraad`]).

use crate::auth::zichtbaarheid::{Veld, Velden};
use utoipa::OpenApi;

use crate::auth::{Recht, Rol};
use crate::modules::Toegang;

use crate::http::invoer::InvoerSchema;

mod handlers;
mod invoer;
pub(crate) mod leidraad;
mod weergave;

pub(crate) use handlers::stapnummer;
pub(crate) use weergave::{StapLeidraad, aanvulling};

crate::tenancy::tenant_owned!(entity::leidraad_aanvulling, id);

#[derive(OpenApi)]
#[openapi(tags((
    name = "Stappenplannen",
    description = "De leidraad: per stap van elk stappenplan het doel, de activiteiten, de vragen en de checklist uit de handreikingen, met hun bron; versies van de regio en eigen punten van gemeenten."
)))]
struct Doc;

const LEZEN: Toegang = Toegang::Recht(Recht::TrajectenLezen);

pub const MODULE: super::Module = super::Module {
    rechten: &[
        ("listStappenplannen", LEZEN),
        ("getStappenplan", LEZEN),
        ("updateStappenplan", Toegang::GeenKoppeling),
        ("createLeidraadAanvulling", Toegang::GeenKoppeling),
        ("getLeidraadAanvulling", LEZEN),
        ("updateLeidraadAanvulling", Toegang::GeenKoppeling),
        ("deleteLeidraadAanvulling", Toegang::GeenKoppeling),
    ],
    routes: configure,
    document: <Doc as OpenApi>::openapi,
    velden: VELDEN,
    tabellen: &["leidraad_aanvulling"],
    audit_waarden: &[
        crate::audit::Waarden {
            resource: weergave::RESOURCE,
            velden: &["versie"],
        },
        crate::audit::Waarden {
            resource: weergave::AANVULLING,
            velden: &["sleutel", "soort", "gemeente", "aanpak", "stap"],
        },
    ],
    invoer: &[
        InvoerSchema::van::<invoer::NieuweVersie>(),
        InvoerSchema::van::<invoer::NieuweAanvulling>(),
        InvoerSchema::van::<invoer::AanvullingWijziging>(),
    ],
};

const UIT_DE_HANDREIKING: &str = "Tekst uit (of naar) de handreiking, door de regio gepubliceerd.";

/// Wie welk veld ziet ([`crate::auth::zichtbaarheid`]; `docs/privacy.md`).
const VELDEN: &[Velden] = &[
    Velden {
        schemas: &[
            "Stappenplan",
            "StappenplanSamenvatting",
            "NieuweVersie",
            "StapLeidraad",
            "LeidraadStap",
        ],
        velden: &[
            Veld::openbaar("naam", UIT_DE_HANDREIKING),
            Veld::openbaar("doel", UIT_DE_HANDREIKING),
        ],
    },
    Velden {
        schemas: &["StapBron", "Bron"],
        velden: &[
            Veld::openbaar("document", "De titel van een handreiking."),
            Veld::openbaar("paragraaf", "Een paragraaf van een handreiking."),
            Veld::openbaar("citaat", "Letterlijk uit de handreiking."),
        ],
    },
    Velden {
        schemas: &["Activiteit", "Punt"],
        velden: &[
            Veld::openbaar("tekst", UIT_DE_HANDREIKING),
            Veld::openbaar("sleutel", "Een vaste sleutel van de leidraad."),
        ],
    },
    Velden {
        schemas: &["AgendaSjabloon"],
        velden: &[Veld::openbaar("doel", UIT_DE_HANDREIKING)],
    },
    Velden {
        schemas: &["SjabloonPunt"],
        velden: &[
            Veld::openbaar("onderwerp", UIT_DE_HANDREIKING),
            Veld::openbaar("toelichting", UIT_DE_HANDREIKING),
        ],
    },
    Velden {
        schemas: &["Aanvulling", "NieuweAanvulling", "AanvullingWijziging"],
        velden: &[
            Veld::openbaar("gemeente", "De CBS-code van de gemeente."),
            Veld::gemeente("sleutel", "Een eigen sleutel van de gemeente.")
                .ook(&[Rol::RegioBeheerder]),
            Veld::gemeente(
                "tekst",
                "Een eigen punt van de gemeente; de documentatie vraagt er geen persoon in te noemen. De regio_beheerder leest het om goede punten in een volgende versie op te nemen.",
            )
            .ook(&[Rol::RegioBeheerder]),
        ],
    },
];

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(handlers::list)
        .service(handlers::get)
        .service(handlers::update)
        .service(handlers::create_aanvulling)
        .service(handlers::get_aanvulling)
        .service(handlers::update_aanvulling)
        .service(handlers::delete_aanvulling);
}
