//! De items van de werklijst en de aantallen van de regio.

use chrono::NaiveDate;
use entity::soorten::{WerkErnst, WerkSoort};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

/// Wat er moet: één ding met een datum die voorbij is of nadert. Het wijst naar zijn
/// resource; de omschrijving komt uit velden die iedereen van de gemeente mag zien
/// (nooit vrije tekst, nooit een naam), en wie het moet doen staat er niet in, alleen
/// of het `mijn` is.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct WerkItem {
    pub soort: WerkSoort,
    /// De soort resource waar het item naar wijst (`bijeenkomst`, `aanvraag`,
    /// `netwerk`, `veiligheidsafspraak`, `sleutelpersoon`, `oefening`, `melding`,
    /// `traject`, `gebied`).
    #[schema(example = "bijeenkomst")]
    pub resource: String,
    /// Het id van die resource.
    pub id: Uuid,
    /// Welk deel ervan, als een resource meer items heeft: het id van de vervolgactie,
    /// het scenario van de crisisafspraak of het id van de aanstelling van de verbinder.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub onderdeel: Option<String>,
    /// Het pad van de resource in deze API.
    #[schema(example = "/api/v1/bijeenkomsten/01936f0e-7c1a-7b3e-9d1c-2f4a5b6c7d8e")]
    pub pad: String,
    /// Wat er moet, in een vaste zin.
    #[schema(example = "Vervolgactie van de bijeenkomst van 12 maart 2026")]
    pub omschrijving: String,
    /// Wanneer het moet.
    pub vervaldatum: NaiveDate,
    /// `true` als de vervaldatum voorbij is.
    pub te_laat: bool,
    pub ernst: WerkErnst,
    /// `true` als het item van de aanroeper is (zie de tabel bij de operatie).
    pub mijn: bool,
}

/// Filters van de werklijst.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(rename_all = "camelCase")]
pub struct WerklijstParams {
    /// Alleen deze soort.
    pub soort: Option<WerkSoort>,
    /// Alleen items over dit gebied (niet voor de regio).
    pub gebied_id: Option<Uuid>,
    /// Alleen items over dit netwerk (niet voor de regio).
    pub netwerk_id: Option<Uuid>,
    /// Wat binnen zoveel dagen moet, plus alles wat te laat is (standaard 14).
    #[param(minimum = 0, maximum = 365, default = 14, example = 14)]
    pub binnen_dagen: Option<i32>,
    /// Alleen de items met `mijn: true` (niet voor de regio).
    pub alleen_mijn: Option<bool>,
}

/// De werklijst van de regio: per gemeente (op naam, geen rangorde) en per soort een
/// aantal, niets anders. De soorten over personen (`checkin`, `lid_zonder_contact`,
/// `toestemming_bewaartermijn`) en `melding_open` zijn onder 5 onderdrukt (`null`,
/// `onderdrukt: true`), aanvullend over de rij: is er daar precies één onderdrukt, dan
/// ook de kleinste andere.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct WerklijstRegio {
    /// De horizon: wat binnen zoveel dagen moet, plus alles wat te laat is.
    pub binnen_dagen: i32,
    pub peildatum: NaiveDate,
    pub gemeenten: Vec<WerkGemeente>,
}

/// De aantallen van één gemeente.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct WerkGemeente {
    /// De CBS-code.
    #[schema(example = "GM0828")]
    pub gemeente: String,
    #[schema(example = "Oss")]
    pub naam: String,
    pub aantallen: Vec<WerkAantal>,
}

/// Het aantal items van één soort.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct WerkAantal {
    pub soort: WerkSoort,
    /// `null` als het onderdrukt is.
    pub aantal: Option<i64>,
    pub onderdrukt: bool,
}

/// Het antwoord van de werklijst: voor een gemeentelijke rol een pagina items, voor
/// de regio de aantallen.
#[derive(Debug, Serialize, ToSchema)]
#[serde(untagged)]
pub enum Werklijst {
    Gemeente(crate::http::pagination::Pagina<WerkItem>),
    Regio(WerklijstRegio),
}

impl Werklijst {
    /// 200 met de pagina (en `X-Total-Count`) of de aantallen.
    pub fn antwoord(self) -> actix_web::HttpResponse {
        match self {
            Werklijst::Gemeente(pagina) => pagina.respond(),
            Werklijst::Regio(regio) => actix_web::HttpResponse::Ok().json(regio),
        }
    }
}
