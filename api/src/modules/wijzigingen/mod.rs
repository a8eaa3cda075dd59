//! De wijzigingenstroom (issue 38): wat er in een gemeente veranderde, oudste eerst,
//! hervatbaar vanaf een positie, voor systemen die een kopie bijhouden.

use crate::auth::zichtbaarheid::{Veld, Velden};
use utoipa::OpenApi;

use crate::auth::Recht;
use crate::modules::Toegang;

mod handlers;
mod weergave;

pub use handlers::Bewaardagen;

#[derive(OpenApi)]
#[openapi(tags((
    name = "Wijzigingen",
    description = "Wat er veranderde, voor systemen die een kopie bijhouden: per gemeente in de volgorde van de commits, hervatbaar vanaf een positie, zonder waarden, en alleen over wat de aanroeper zelf mag lezen."
)))]
struct Doc;

pub const MODULE: super::Module = super::Module {
    rechten: &[("listWijzigingen", Toegang::Recht(Recht::WijzigingenLezen))],
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
        schemas: &["Wijzigingsregel"],
        velden: &[
            Veld::openbaar("positie", "Twee volgnummers, geen inhoud."),
            Veld::openbaar("gemeente", "De CBS-code van de gemeente."),
            Veld::openbaar("resource", "De soort resource (vaste lijst)."),
            Veld::openbaar(
                "resourceId",
                "Een id; over sleutelpersonen, lidmaatschappen, check-ins en meldingen alleen voor wie die resource mag lezen.",
            ),
            Veld::openbaar("pad", "Het pad van de resource: ids, geen namen."),
        ],
    },
    Velden {
        schemas: &["Wijzigingen"],
        velden: &[Veld::openbaar("volgende", "Twee volgnummers, geen inhoud.")],
    },
];
