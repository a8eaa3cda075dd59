//! De representatie van de wijzigingenstroom: regels zonder waarden, en de link om
//! verder te lezen.

use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;

use crate::audit::Actie;
use crate::http::pagination::Link;

/// Eén wijziging: welke resource, wat ermee gebeurde en wanneer; nooit de waarden.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Wijzigingsregel {
    /// De positie na deze regel: geef haar als `na` om na deze regel verder te lezen.
    /// Ondoorzichtig; oplopend binnen de stroom van een gemeente.
    #[schema(example = "41.7")]
    pub positie: String,
    /// CBS-code van de gemeente; `null` voor de regionale catalogus en de leidraad.
    #[schema(example = "GM0828")]
    pub gemeente: Option<String>,
    /// De soort resource, zoals in de audit trail.
    #[schema(example = "initiatief")]
    pub resource: String,
    /// Het id van de resource (bij de leidraad: de aanpak).
    pub resource_id: String,
    #[schema(value_type = Actie)]
    pub actie: String,
    /// Wanneer de transactie met de wijziging begon.
    pub tijdstip: DateTime<Utc>,
    /// Waar de resource te lezen is (bij een onderdeel: de lijst onder de ouder);
    /// `null` als ze er niet meer is en haar ouder niet meer te vinden.
    #[schema(example = "/api/v1/initiatieven/0193a4c2-7b1e-7c3a-9f10-3e2d1c0b9a87")]
    pub pad: Option<String>,
}

/// Navigatie in de stroom.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct WijzigingenLinks {
    #[serde(rename = "self")]
    pub self_: Link,
    /// Waar u verder leest: na de laatste regel van deze pagina (of, als er niets was
    /// wat u mag zien, na wat er nu is). Bewaar haar en vraag haar bij de volgende ronde.
    pub volgende: Link,
}

/// Een pagina van de wijzigingenstroom, oudste eerst.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Wijzigingen {
    #[serde(rename = "_links")]
    pub links: WijzigingenLinks,
    /// De positie om verder te lezen (dezelfde als in `_links.volgende`).
    #[schema(example = "57.7")]
    pub volgende: String,
    pub resultaten: Vec<Wijzigingsregel>,
}
