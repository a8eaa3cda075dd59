//! Een regel van het verwerkingenlogboek: wie welke persoonsgegevens verwerkte.

use chrono::{DateTime, Utc};
use entity::soorten::{VerwerkingActie, Verwerkingsactiviteit};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

/// Eén verzoek dat persoonsgegevens van sleutelpersonen verwerkte, met de set van
/// betrokken personen (één regel per verzoek, niet per persoon).
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Verwerking {
    pub id: Uuid,
    pub tijdstip: DateTime<Utc>,
    /// `gebruiker`, `koppeling` of `systeem` (de dagelijkse retentie).
    pub actor_soort: String,
    pub actor_id: Option<Uuid>,
    /// De personen wier gegevens het verzoek verwerkte.
    pub sleutelpersoon_ids: Vec<Uuid>,
    pub actie: VerwerkingActie,
    pub verwerkingsactiviteit: Verwerkingsactiviteit,
    /// Het request-id dat de dienst aan het verzoek gaf (zijn `X-Request-Id` in het
    /// antwoord).
    pub request_id: Option<String>,
    /// Het `X-Request-Id` dat de client meestuurde, ter correlatie met zijn eigen log.
    pub correlatie_id: Option<String>,
}
