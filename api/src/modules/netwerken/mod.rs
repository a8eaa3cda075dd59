//! Netwerken met hun afspraken, crisisafspraken, leden en gezondheid (DOMAIN.md,
//! "Networks and key persons"; de gezondheidsregels staan in
//! [`crate::domein::gezondheid`]).

use crate::auth::zichtbaarheid::{Veld, Velden};
use utoipa::OpenApi;

use crate::auth::Recht;
use crate::modules::Toegang;

use crate::http::invoer::InvoerSchema;

mod gezondheid;
mod handlers;
mod invoer;
mod leden;
mod veiligheid;
mod weergave;

pub use gezondheid::Cel;
pub(crate) use handlers::crisis_gebieden;
pub(crate) use handlers::crisisafspraken_controleren;
pub use invoer::{BijeenkomstAfspraken, Capaciteit, Crisisafspraak};

pub use veiligheid::Veiligheidsafspraak;

// `gewijzigdOp` van de rijen in de lijsten van deze module (`gewijzigdSinds`,
// `sorteer=gewijzigdOp`).
crate::gewijzigd_op!(netwerk => UpdatedAt);
crate::gewijzigd_op!(netwerk_lid => UpdatedAt);
crate::gewijzigd_op!(veiligheidsafspraak => UpdatedAt);

crate::tenancy::tenant_owned!(entity::netwerk, id);
crate::tenancy::tenant_owned!(entity::netwerk_lid, id);
crate::tenancy::tenant_owned!(entity::veiligheidsafspraak, id);

#[derive(OpenApi)]
#[openapi(
    tags((name = "Netwerken", description = "Sleutelpersonennetwerken, wijknetwerken en ad-hocnetwerken met hun afspraken, crisisafspraken, veiligheidsafspraken, leden, partners en gezondheid.")),
    components(schemas(entity::soorten::Scenario, entity::soorten::Hulpsoort))
)]
struct Doc;

pub const MODULE: super::Module = super::Module {
    rechten: &[
        (
            "getNetwerkGezondheid",
            Toegang::Recht(Recht::NetwerkenLezen),
        ),
        ("listNetwerken", Toegang::Recht(Recht::NetwerkenLezen)),
        ("getNetwerk", Toegang::Recht(Recht::NetwerkenLezen)),
        ("createNetwerk", Toegang::Recht(Recht::NetwerkenSchrijven)),
        ("updateNetwerk", Toegang::Recht(Recht::NetwerkenSchrijven)),
        ("deleteNetwerk", Toegang::Recht(Recht::NetwerkenSchrijven)),
        (
            "listNetwerkLeden",
            Toegang::Recht(Recht::SleutelpersonenLezen),
        ),
        (
            "createNetwerkLid",
            Toegang::Samen(Recht::NetwerkenSchrijven, Recht::SleutelpersonenSchrijven),
        ),
        (
            "updateNetwerkLid",
            Toegang::Samen(Recht::NetwerkenSchrijven, Recht::SleutelpersonenSchrijven),
        ),
        (
            "deleteNetwerkLid",
            Toegang::Samen(Recht::NetwerkenSchrijven, Recht::SleutelpersonenSchrijven),
        ),
        (
            "listVeiligheidsafspraken",
            Toegang::Recht(Recht::NetwerkenLezen),
        ),
        (
            "getVeiligheidsafspraak",
            Toegang::Recht(Recht::NetwerkenLezen),
        ),
        (
            "createVeiligheidsafspraak",
            Toegang::Recht(Recht::NetwerkenSchrijven),
        ),
        (
            "updateVeiligheidsafspraak",
            Toegang::Recht(Recht::NetwerkenSchrijven),
        ),
        (
            "deleteVeiligheidsafspraak",
            Toegang::Recht(Recht::NetwerkenSchrijven),
        ),
    ],
    routes: handlers::configure,
    document: <Doc as OpenApi>::openapi,
    velden: VELDEN,
    tabellen: &["netwerk", "netwerk_lid", "veiligheidsafspraak"],
    audit_waarden: &[
        crate::audit::Waarden {
            resource: "netwerk",
            velden: &[
                "externeReferentie",
                "vorm",
                "doelen",
                "gemeenteRol",
                "fase",
                "werkwijze",
                "voorzitter",
                "kerngroep",
                "tegenprestaties",
                "gebiedIds",
                "contactambtenaren",
            ],
        },
        crate::audit::Waarden {
            resource: "netwerk_lid",
            velden: &[
                "netwerkId",
                "sleutelpersoonId",
                "rol",
                "belang",
                "begin",
                "eind",
            ],
        },
        crate::audit::Waarden {
            resource: "veiligheidsafspraak",
            velden: &["netwerkId", "laatstHerzien", "herzienVoor"],
        },
    ],
    invoer: &[
        InvoerSchema::van::<invoer::NieuwNetwerk>(),
        InvoerSchema::van::<invoer::NetwerkWijziging>(),
        InvoerSchema::van::<invoer::NieuwLidmaatschap>(),
        InvoerSchema::van::<invoer::LidmaatschapWijziging>(),
        InvoerSchema::van::<veiligheid::NieuweVeiligheidsafspraak>(),
        InvoerSchema::van::<veiligheid::VeiligheidsafspraakWijziging>(),
    ],
};

/// Wie welk veld ziet ([`crate::auth::zichtbaarheid`]; `docs/privacy.md`).
const VELDEN: &[Velden] = &[
    Velden {
        schemas: &["Netwerk", "NieuwNetwerk", "NetwerkWijziging"],
        velden: &[
            Veld::EXTERNE_REFERENTIE,
            Veld::naam(
                "crisisafspraken",
                "Met hoe het netwerk te activeren is: vrije tekst die mensen kan noemen.",
            ),
            Veld::naam(
                "afsprakenBijeenkomsten",
                "De afspraken van tweede bijeenkomsten: vrije tekst die mensen kan noemen.",
            ),
            Veld::openbaar("gemeente", "De CBS-code van de gemeente."),
            Veld::openbaar("naam", "De naam van een netwerk; noem er geen persoon in."),
        ],
    },
    Velden {
        schemas: &["Afspraken"],
        velden: &[
            Veld::gemeente("frequentie", "Hoe vaak het netwerk bijeenkomt."),
            Veld::naam("agenda", "Vrije tekst die mensen kan noemen."),
            Veld::gemeente(
                "plaats",
                "Waar sleutelpersonen bijeenkomen: niet voor de regio.",
            ),
            Veld::openbaar("naam", "De naam waaronder het netwerk naar buiten treedt."),
            Veld::naam("signalen", "Vrije tekst die mensen kan noemen."),
        ],
    },
    Velden {
        schemas: &["AfspraakBijeenkomst"],
        velden: &[Veld::naam(
            "afspraken",
            "De afspraken van een tweede bijeenkomst: vrije tekst die mensen kan noemen.",
        )],
    },
    Velden {
        schemas: &["BijeenkomstAfspraken"],
        velden: &[Veld::naam(
            "crisisondersteuning",
            "Crisisafspraken met hoe het netwerk te activeren is: vrije tekst die mensen kan noemen.",
        )],
    },
    Velden {
        schemas: &["Organisatievorm"],
        velden: &[
            Veld::naam("relatiebeheer", "Vrije tekst die mensen kan noemen."),
            Veld::naam("oefenen", "Vrije tekst die mensen kan noemen."),
            Veld::naam("kennisdeling", "Vrije tekst die mensen kan noemen."),
            Veld::naam("nodigVanGemeente", "Vrije tekst die mensen kan noemen."),
        ],
    },
    Velden {
        schemas: &["Crisisafspraak"],
        velden: &[
            Veld::naam("activering", "Vrije tekst die mensen kan noemen."),
            Veld::naam(
                "activeringOffline",
                "Vrije tekst die mensen kan noemen: wie wie bereikt zonder stroom.",
            ),
            Veld::naam(
                "capaciteit",
                "Haar omschrijving is vrije tekst die mensen kan noemen.",
            ),
        ],
    },
    Velden {
        schemas: &["Capaciteit"],
        velden: &[Veld::naam(
            "omschrijving",
            "Vrije tekst die mensen kan noemen.",
        )],
    },
    Velden {
        schemas: &["Lidmaatschap"],
        velden: &[Veld::openbaar("gemeente", "De CBS-code van de gemeente.")],
    },
    Velden {
        schemas: &[
            "Veiligheidsafspraak",
            "NieuweVeiligheidsafspraak",
            "VeiligheidsafspraakWijziging",
        ],
        velden: &[Veld::naam(
            "afspraak",
            "Vrije tekst die mensen kan noemen. Een veiligheidsafspraak kan zeggen wie wie waarschuwt.",
        )],
    },
    Velden {
        schemas: &["Dimensie", "Kant"],
        velden: &[
            Veld::openbaar("kant", "Een kant van een dimensie (vaste lijst)."),
            Veld::openbaar("dimensie", "De naam van een dimensie (vaste lijst)."),
        ],
    },
];
