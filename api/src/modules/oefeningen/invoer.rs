//! De invoer van de operaties op oefeningen.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::http::invoer::{Veld, meer_regels, meer_regels_of_leeg, unieke_lijst};
use entity::soorten::{Hulpsoort, OefenDoel, OefeningStatus, Oefenvorm, Scenario};

/// De evaluatie van een oefening: over de oefening en de afspraken, nooit een cijfer
/// voor mensen.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Evaluatie {
    /// Wat ging goed.
    #[schema(schema_with = meer_regels::<5000>)]
    pub goed: String,
    /// Wat kan beter.
    #[schema(schema_with = meer_regels::<5000>)]
    pub verbeterpunten: String,
    /// Wat er nu gebeurt.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(schema_with = meer_regels::<5000>)]
    pub vervolg: Option<String>,
    /// Bleken de crisisafspraken van het netwerk voor dit scenario realistisch? `true`
    /// zet de datum van laatste herziening van die afspraak op vandaag.
    pub afspraken_realistisch: Option<bool>,
}

/// De crisisafspraak van het netwerk voor het scenario van de oefening, bijgewerkt
/// na de evaluatie (vervangt de bestaande; herzien op vandaag).
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct HerzieneCrisisafspraak {
    #[schema(schema_with = unieke_lijst::<Hulpsoort, 1>)]
    pub hulp: Vec<Hulpsoort>,
    /// Wie het netwerk activeert en hoe (noem functies, geen namen).
    #[schema(schema_with = meer_regels::<2000>)]
    pub activering: String,
}

/// Een nieuwe oefening: `gepland`, of achteraf vastgelegd als `uitgevoerd`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NieuweOefening {
    #[schema(min_length = 1, max_length = 200)]
    pub(super) titel: String,
    #[schema(schema_with = unieke_lijst::<OefenDoel, 1>)]
    pub(super) doelen: Vec<OefenDoel>,
    pub(super) vorm: Oefenvorm,
    /// Dezelfde lijst als de crisisafspraken van netwerken.
    pub(super) scenario: Scenario,
    pub(super) datum: NaiveDate,
    pub(super) netwerk_id: Option<Uuid>,
    pub(super) gebied_id: Option<Uuid>,
    /// Het traject waarbij de oefening hoort; dan ook `stap`.
    pub(super) traject_id: Option<Uuid>,
    /// De stap van dat traject (een stap van zijn plan), bv. coördinerend stap 6.
    #[schema(minimum = 0, maximum = 12)]
    pub(super) stap: Option<i16>,
    /// Deelnemende organisaties: van de eigen sociale kaart of uit de catalogus.
    #[serde(default)]
    #[schema(max_items = 100)]
    pub(super) organisaties: Vec<Uuid>,
    /// Deelnemende sleutelpersonen van de gemeente.
    #[serde(default)]
    #[schema(max_items = 500)]
    pub(super) deelnemers: Vec<Uuid>,
    /// Standaard `gepland`; `uitgevoerd` voor een oefening die al was.
    pub(super) status: Option<OefeningStatus>,
    #[schema(schema_with = meer_regels::<5000>)]
    pub(super) briefing: Option<String>,
}

/// Een wijziging van een oefening; `null` wist. Naar `uitgevoerd` (niet vóór de
/// datum), dan `geevalueerd` met `evaluatie`; daarna ligt ze vast.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct OefeningWijziging {
    #[schema(min_length = 1, max_length = 200)]
    pub(super) titel: Option<String>,
    #[schema(schema_with = unieke_lijst::<OefenDoel, 1>)]
    pub(super) doelen: Option<Vec<OefenDoel>>,
    pub(super) vorm: Option<Oefenvorm>,
    pub(super) scenario: Option<Scenario>,
    pub(super) datum: Option<NaiveDate>,
    #[serde(default)]
    #[schema(value_type = Option<Uuid>)]
    pub(super) netwerk_id: Veld<Uuid>,
    #[serde(default)]
    #[schema(value_type = Option<Uuid>)]
    pub(super) gebied_id: Veld<Uuid>,
    /// `null` maakt de oefening los van haar traject (dan ook `stap` `null`).
    #[serde(default)]
    #[schema(value_type = Option<Uuid>)]
    pub(super) traject_id: Veld<Uuid>,
    #[serde(default)]
    #[schema(value_type = Option<i16>, minimum = 0, maximum = 12)]
    pub(super) stap: Veld<i16>,
    #[schema(max_items = 100)]
    pub(super) organisaties: Option<Vec<Uuid>>,
    /// Vervangt de deelnemers die u ziet; wie u niet ziet, blijft staan.
    #[schema(max_items = 500)]
    pub(super) deelnemers: Option<Vec<Uuid>>,
    pub(super) status: Option<OefeningStatus>,
    #[serde(default)]
    #[schema(schema_with = meer_regels_of_leeg::<5000>)]
    pub(super) briefing: Veld<String>,
    /// Niet bij een geplande oefening.
    #[serde(default)]
    #[schema(schema_with = meer_regels_of_leeg::<5000>)]
    pub(super) debrief: Veld<String>,
    /// Alleen bij de overgang naar `geevalueerd`, en dan verplicht.
    pub(super) evaluatie: Option<Evaluatie>,
    /// Alleen met `evaluatie`, bij een oefening van een netwerk.
    pub(super) crisisafspraak: Option<HerzieneCrisisafspraak>,
}

/// De filters van de oefeningen (met de periode in `vanaf` en `tot`).
#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(rename_all = "camelCase")]
#[into_params(parameter_in = Query)]
pub struct OefeningenParams {
    pub(super) status: Option<OefeningStatus>,
    pub(super) scenario: Option<Scenario>,
    pub(super) netwerk_id: Option<Uuid>,
    pub(super) gebied_id: Option<Uuid>,
    pub(super) traject_id: Option<Uuid>,
    /// Alleen oefeningen bij deze stap van hun traject.
    #[param(minimum = 0, maximum = 12)]
    pub(super) stap: Option<i16>,
    /// Een CBS-code: alleen die gemeente (voor de regio).
    #[param(pattern = r"^GM[0-9]{4}$")]
    pub(super) gemeente: Option<String>,
}
