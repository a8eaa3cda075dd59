//! De sociale kaart: organisaties van een gemeente en de regionale catalogus, en de
//! partners van netwerken (`/netwerken/{id}/partners`), die meetellen in de
//! gezondheid van het netwerk.

use crate::auth::zichtbaarheid::{Veld, Velden};
use utoipa::OpenApi;

use crate::auth::Recht;
use crate::modules::Toegang;

use crate::http::invoer::InvoerSchema;

mod handlers;
mod invoer;
mod kaart;
mod partners;
mod per_gebied;
mod weergave;

pub(crate) use kaart::{bestaan, controleer_ids, dient, zichtbaar};
pub use weergave::Organisatie;
pub(crate) use weergave::representatie;

pub use partners::Partner;

// `gewijzigdOp` van de rijen in de lijsten van deze module (`gewijzigdSinds`,
// `sorteer=gewijzigdOp`).
crate::gewijzigd_op!(organisatie => UpdatedAt);
crate::gewijzigd_op!(netwerk_partner => UpdatedAt);

crate::tenancy::tenant_owned!(entity::netwerk_partner, id);

impl crate::tenancy::HeeftId for entity::organisatie::Model {
    fn id(&self) -> uuid::Uuid {
        self.id
    }
    fn gemeente(&self) -> Option<uuid::Uuid> {
        self.gemeente_id
    }
}

#[derive(OpenApi)]
#[openapi(tags((
    name = "Organisaties",
    description = "De sociale kaart van een gemeente (partners, eigen afdelingen, lopende samenwerkingsverbanden) en de regionale catalogus met de landelijke partners: iedereen leest, alleen de regio_beheerder houdt de catalogus bij. Netwerken koppelen partners; hun rollen tellen mee in de gezondheid van het netwerk."
)))]
struct Doc;

pub const MODULE: super::Module = super::Module {
    rechten: &[
        ("listOrganisaties", Toegang::Recht(Recht::OrganisatiesLezen)),
        ("getOrganisatie", Toegang::Recht(Recht::OrganisatiesLezen)),
        (
            "createOrganisatie",
            Toegang::Recht(Recht::OrganisatiesSchrijven),
        ),
        (
            "updateOrganisatie",
            Toegang::Recht(Recht::OrganisatiesSchrijven),
        ),
        (
            "deleteOrganisatie",
            Toegang::Recht(Recht::OrganisatiesSchrijven),
        ),
        ("listNetwerkPartners", Toegang::Recht(Recht::NetwerkenLezen)),
        ("getNetwerkPartner", Toegang::Recht(Recht::NetwerkenLezen)),
        (
            "getSocialeKaartGebied",
            Toegang::Samen(Recht::NetwerkenLezen, Recht::OrganisatiesLezen),
        ),
        (
            "createNetwerkPartner",
            Toegang::Recht(Recht::NetwerkenSchrijven),
        ),
        (
            "deleteNetwerkPartner",
            Toegang::Recht(Recht::NetwerkenSchrijven),
        ),
    ],
    routes,
    document: <Doc as OpenApi>::openapi,
    velden: VELDEN,
    tabellen: &["organisatie", "netwerk_partner"],
    audit_waarden: &[
        crate::audit::Waarden {
            resource: "organisatie",
            velden: &[
                "externeReferentie",
                "soort",
                "veld",
                "categorie",
                "niveau",
                "capaciteiten",
                "rollen",
                "voorlopig",
                "gebiedIds",
            ],
        },
        crate::audit::Waarden {
            resource: "netwerk_partner",
            velden: &["netwerkId", "organisatieId"],
        },
    ],
    invoer: &[
        InvoerSchema::van::<invoer::NieuweOrganisatie>(),
        InvoerSchema::van::<invoer::OrganisatieWijziging>(),
        InvoerSchema::van::<invoer::NieuwePartner>(),
    ],
};

fn routes(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    handlers::configure(cfg);
    partners::configure(cfg);
    per_gebied::configure(cfg);
}

/// Wie welk veld ziet ([`crate::auth::zichtbaarheid`]; `docs/privacy.md`).
const VELDEN: &[Velden] = &[
    Velden {
        schemas: &["Organisatie", "NieuweOrganisatie", "OrganisatieWijziging"],
        velden: &[
            Veld::EXTERNE_REFERENTIE,
            Veld::openbaar("gemeente", "De CBS-code van de gemeente."),
            Veld::openbaar(
                "naam",
                "De naam van een organisatie; noem er geen persoon in.",
            ),
            Veld::openbaar(
                "bron",
                "Het document waar een rij van de catalogus uit komt.",
            ),
            Veld::openbaar(
                "aanbod",
                "Het aanbod van een organisatie op de sociale kaart; de documentatie vraagt er geen persoon in te noemen.",
            ),
            Veld::openbaar(
                "activering",
                "Hoe de organisatie in een crisis te activeren is; noem er geen persoon in (daarvoor is `contact`).",
            ),
            Veld::openbaar(
                "meerwaarde",
                "Wat de organisatie toevoegt; noem er geen persoon in.",
            ),
            Veld::openbaar(
                "opAfschaling",
                "Wanneer de organisatie op- of afschaalt; noem er geen persoon in.",
            ),
            Veld::naam(
                "contact",
                "Een contactpersoon of -gegeven: kan een mens noemen.",
            ),
        ],
    },
    Velden {
        schemas: &["KaartNetwerk", "KaartOrganisatie"],
        velden: &[Veld::openbaar(
            "naam",
            "De naam van een netwerk of organisatie; noem er geen persoon in.",
        )],
    },
    Velden {
        schemas: &["Partner", "NieuwePartner"],
        velden: &[
            Veld::openbaar("gemeente", "De CBS-code van de gemeente."),
            Veld::naam("toelichting", "Vrije tekst die mensen kan noemen."),
        ],
    },
];
