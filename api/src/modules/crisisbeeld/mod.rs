//! Het crisisbeeld (issue 37): op de dag van een crisis, per scenario en gebied, de
//! netwerken met een afspraak en de organisaties die hulp geven; voor de regio de
//! paraatheid per gemeente.

use crate::auth::zichtbaarheid::{Veld, Velden};
use utoipa::OpenApi;

use crate::auth::Recht;
use crate::modules::Toegang;

mod handlers;
mod weergave;

#[derive(OpenApi)]
#[openapi(tags((
    name = "Crisisbeeld",
    description = "De dag van de crisis: voor een scenario in een gebied welke netwerken en organisaties welke hulp geven, wat ze kunnen inzetten en hoe ze te activeren zijn (ook zonder stroom); voor de regio hoeveel van de kleinste gebieden per gemeente een afspraak hebben die binnen een jaar is doorgenomen."
)))]
struct Doc;

pub const MODULE: super::Module = super::Module {
    rechten: &[(
        "getCrisisbeeld",
        Toegang::Samen(Recht::NetwerkenLezen, Recht::OrganisatiesLezen),
    )],
    routes: handlers::configure,
    document: <Doc as OpenApi>::openapi,
    velden: VELDEN,
    tabellen: &[],
    audit_waarden: &[],
    invoer: &[],
};

/// Wie welk veld ziet ([`crate::auth::zichtbaarheid`]; `docs/privacy.md`).
const VELDEN: &[Velden] = &[
    Velden {
        schemas: &["CrisisNetwerk"],
        velden: &[
            Veld::openbaar("naam", "De naam van een netwerk; noem er geen persoon in."),
            Veld::naam(
                "capaciteit",
                "Vrije tekst over wat het netwerk kan inzetten: kan mensen noemen.",
            ),
            Veld::naam(
                "activering",
                "Wie het netwerk activeert en hoe: kan mensen noemen.",
            ),
            Veld::naam(
                "activeringOffline",
                "De route zonder stroom of mobiel netwerk: kan mensen noemen.",
            ),
        ],
    },
    Velden {
        schemas: &["Paraatheid"],
        velden: &[
            Veld::openbaar("gemeente", "De CBS-code van de gemeente."),
            Veld::openbaar("naam", "De naam van de gemeente."),
        ],
    },
];
