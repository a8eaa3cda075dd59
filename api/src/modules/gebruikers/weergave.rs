//! De representatie van een gebruiker (rollen, status; nooit een wachtwoord) en haar `Bron`.

use crate::audit::Wijzigingen;
use crate::auth::Rol;
use crate::http::problem::ApiResult;
use crate::tenancy::{Bron, Context};
use chrono::{DateTime, Utc};
use entity::gebruiker;
use serde::Serialize;
use std::collections::HashMap;
use utoipa::ToSchema;
use uuid::Uuid;

pub(crate) const RESOURCE: &str = "gebruiker";

/// Een gebruiker. Het wachtwoord is nooit te lezen.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Gebruiker {
    pub id: Uuid,
    #[schema(example = "oss.coordinator")]
    pub gebruikersnaam: String,
    /// CBS-code; `null` voor regionale rollen.
    #[schema(example = "GM0828")]
    pub gemeente: Option<String>,
    pub rollen: Vec<Rol>,
    pub actief: bool,
    /// De `sub` van deze gebruiker bij de identity provider van de gemeente.
    pub extern_id: Option<String>,
    pub aangemaakt_op: DateTime<Utc>,
    pub gewijzigd_op: DateTime<Utc>,
}

impl Gebruiker {
    pub(super) fn from_model(m: gebruiker::Model, codes: &HashMap<Uuid, String>) -> Self {
        Gebruiker {
            id: m.id,
            gebruikersnaam: m.gebruikersnaam,
            gemeente: m.gemeente_id.and_then(|id| codes.get(&id).cloned()),
            rollen: m.rollen.iter().filter_map(|r| Rol::parse(r)).collect(),
            actief: m.actief,
            extern_id: m.extern_id,
            aangemaakt_op: m.created_at,
            gewijzigd_op: m.updated_at,
        }
    }
}

/// Een nieuwe gebruiker; bij het eerste account van een gemeente dat de regio maakt,
/// met de activeringscode.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct NieuweGebruikerAntwoord {
    #[serde(flatten)]
    pub gebruiker: Gebruiker,
    /// Alleen bij het eerste account van een gemeente dat de regio maakt: de eenmalige
    /// activeringscode, alleen in dit antwoord te zien en gehasht bewaard. De houder
    /// wisselt haar binnen 72 uur in voor een eigen wachtwoord met
    /// `POST /api/v1/auth/wachtwoord` (de code in plaats van het huidige wachtwoord);
    /// tot dan kan het account niets.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub activatiecode: Option<String>,
    /// Tot wanneer de activeringscode geldt.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub activatiecode_geldig_tot: Option<DateTime<Utc>>,
}

impl Bron for gebruiker::Entity {
    const RESOURCE: &'static str = RESOURCE;
    const COLLECTIE: &'static str = "/api/v1/gebruikers";
    type Weergave = Gebruiker;

    fn bij_aanmaken(g: &gebruiker::Model, w: Wijzigingen) -> Wijzigingen {
        // Een wachtwoord bij het aanmaken is altijd tijdelijk (de hash leest de dienst niet).
        w.alleen_naam_als(g.wachtwoord_tijdelijk, "wachtwoord")
    }

    async fn weergaven(ctx: &Context, rijen: Vec<gebruiker::Model>) -> ApiResult<Vec<Gebruiker>> {
        ctx.met_codes(rijen, Gebruiker::from_model).await
    }
}

/// Het geheim van een nieuw account: een activeringscode (72 uur geldig) voor het
/// eerste account van een gemeente, anders het gegeven wachtwoord; beide tijdelijk.
pub(super) struct Geheim {
    pub(super) activatiecode: Option<String>,
    pub(super) geldig_tot: Option<chrono::DateTime<Utc>>,
    pub(super) wachtwoord_hash: Option<String>,
}
