//! De werklijst (issue 36): wat er vandaag moet, één lijst per aanroeper, en voor de
//! regio de aantallen per gemeente en soort. De lijst zelf is één SQL-functie
//! (`weefsel_werk`, migratie 000032) met een tak per soort.

use crate::auth::zichtbaarheid::{Veld, Velden};
use utoipa::OpenApi;

use crate::modules::Toegang;

mod handlers;
mod weergave;

pub use handlers::{achterstand, achterstand_totaal};
pub use weergave::WerkAantal;

#[derive(OpenApi)]
#[openapi(components(schemas(weergave::WerkItem)), tags((
    name = "Werklijst",
    description = "Wat er vandaag moet: vervolgacties, aanvragen, afspraken om door te nemen, check-ins, leden zonder contact, oefeningen om te evalueren, open meldingen, stilstaande trajecten, oude DNA-metingen, aflopende aanstellingen en bewaartermijnen. Eén lijst per aanroeper, met alleen wat die zelf mag lezen; de regio krijgt aantallen."
)))]
struct Doc;

pub const MODULE: super::Module = super::Module {
    rechten: &[("getWerklijst", Toegang::GeenKoppeling)],
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
        schemas: &["WerkItem"],
        velden: &[
            Veld::openbaar("resource", "De soort resource (vaste lijst)."),
            Veld::openbaar(
                "onderdeel",
                "Een id of een scenario (vaste lijst), nooit vrije tekst.",
            ),
            Veld::openbaar("pad", "Het pad van de resource: ids, geen namen."),
            Veld::openbaar(
                "omschrijving",
                "Een vaste zin met datums en namen van gebieden en netwerken, nooit vrije tekst of de naam van een persoon.",
            ),
        ],
    },
    Velden {
        schemas: &["WerkGemeente"],
        velden: &[
            Veld::openbaar("gemeente", "De CBS-code van de gemeente."),
            Veld::openbaar("naam", "De naam van de gemeente."),
        ],
    },
];
