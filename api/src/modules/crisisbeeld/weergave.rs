//! De invoer en de representaties van het crisisbeeld.

use chrono::NaiveDate;
use entity::soorten::{Hulpsoort, Scenario};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::modules::gebieden::GebiedKort;
use crate::modules::netwerken::Capaciteit;
use crate::modules::organisaties::Organisatie;

/// De vraag van het crisisbeeld.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(rename_all = "camelCase")]
#[into_params(parameter_in = Query)]
pub struct CrisisbeeldParams {
    /// Het scenario van de crisis.
    pub scenario: Scenario,
    /// Alleen wat dit gebied dekt: het gebied zelf, zijn voorouders (de wijk van een
    /// buurt) en zijn afstammelingen (de buurten van een wijk). Niet voor de regio.
    pub gebied_id: Option<Uuid>,
    /// Alleen wie deze hulp geeft. Niet voor de regio.
    pub hulp: Option<Hulpsoort>,
}

/// Een netwerk met een crisisafspraak voor het scenario.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct CrisisNetwerk {
    pub netwerk_id: Uuid,
    pub naam: String,
    /// Wat het netwerk kan geven.
    pub hulp: Vec<Hulpsoort>,
    /// Wat het netwerk op de dag kan inzetten (vrije tekst: alleen wie namen ziet).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub capaciteit: Option<Capaciteit>,
    /// Wie het netwerk activeert en hoe (alleen wie namen ziet).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub activering: Option<String>,
    /// De route zonder stroom of mobiel netwerk (alleen wie namen ziet).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub activering_offline: Option<String>,
    pub laatst_herzien: Option<NaiveDate>,
    /// `laatstHerzien` ontbreekt of ligt verder terug dan `crisisafspraakHerzienMaanden`
    /// van de gemeente (standaard 12).
    pub verouderd: bool,
}

/// Het crisisbeeld van een gemeente: de netwerken met een afspraak voor het scenario,
/// de organisaties van de sociale kaart die hulp geven en de regionale catalogus.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct CrisisbeeldGemeente {
    pub scenario: Scenario,
    /// Het gevraagde gebied; `null` zonder `gebiedId` (de hele gemeente).
    pub gebied: Option<GebiedKort>,
    /// Op naam.
    pub netwerken: Vec<CrisisNetwerk>,
    /// Organisaties van de gemeente die hulp geven (een capaciteit, of de gevraagde
    /// `hulp`) en het gebied dienen, op naam. Elk scenario: organisaties hebben geen
    /// afspraak per scenario.
    pub organisaties: Vec<Organisatie>,
    /// De regionale catalogus (die elk gebied dient): wie hulp geeft, op naam. Een
    /// voorlopige rij zonder capaciteit staat er pas in als de regio haar bevestigt.
    pub regionaal: Vec<Organisatie>,
}

/// De paraatheid van één gemeente voor het scenario.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Paraatheid {
    #[schema(example = "GM0828")]
    pub gemeente: String,
    pub naam: String,
    /// Kleinste gebieden met een afspraak voor het scenario, doorgenomen binnen
    /// `crisisafspraakHerzienMaanden` (standaard 12).
    pub gedekt: i64,
    /// De gebieden zonder kindgebied (buurten, kernen, of een wijk zonder buurten), elk
    /// één keer.
    pub kleinste_gebieden: i64,
}

/// Het crisisbeeld van de regio: alleen de paraatheid per gemeente (op naam).
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct CrisisbeeldRegio {
    pub scenario: Scenario,
    pub peildatum: NaiveDate,
    pub paraatheid: Vec<Paraatheid>,
}

/// Het antwoord van het crisisbeeld: voor een gemeente de afspraken en organisaties,
/// voor de regio de paraatheid.
#[derive(Debug, Serialize, ToSchema)]
#[serde(untagged)]
pub enum Crisisbeeld {
    Gemeente(CrisisbeeldGemeente),
    Regio(CrisisbeeldRegio),
}
