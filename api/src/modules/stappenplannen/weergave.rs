//! De representaties van de leidraad: een stappenplan in één versie met de
//! aanvullingen die de aanroeper ziet, en een aanvulling van een gemeente.

use chrono::{DateTime, Utc};
use entity::leidraad_aanvulling;
use serde::Serialize;
use utoipa::ToSchema;

use crate::domein::leidraad::{Activiteit, AgendaSjabloon, LeidraadStap, Punt, StapBron};
use crate::domein::stappenplan::Plan;
use crate::tenancy::{Bron, Codes, Context};
use entity::soorten::AanvullingSoort;

pub(super) const RESOURCE: &str = "stappenplan";
pub(super) const AANVULLING: &str = "leidraad_aanvulling";

/// Een stappenplan in het kort, met zijn huidige versie.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct StappenplanSamenvatting {
    pub aanpak: Plan,
    pub naam: String,
    /// De huidige versie.
    pub versie: i32,
    pub gepubliceerd_op: DateTime<Utc>,
    /// Het aantal stappen.
    pub stappen: usize,
}

/// Een eigen vraag of checklistpunt van een gemeente bij een stap.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Aanvulling {
    /// `gm-` en kleine letters, cijfers en streepjes.
    pub sleutel: String,
    pub soort: AanvullingSoort,
    /// De tekst van de vraag of het checklistpunt; noem er geen persoon in.
    pub tekst: String,
    #[schema(example = "GM0828")]
    pub gemeente: String,
    pub aanpak: Plan,
    pub stap: i16,
    pub aangemaakt_op: DateTime<Utc>,
    pub gewijzigd_op: DateTime<Utc>,
}

/// De leidraad van één stap, met de aanvullingen die de aanroeper ziet.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct StapLeidraad {
    pub nummer: i16,
    pub naam: String,
    /// Waar de stap voor is.
    pub doel: String,
    pub bron: StapBron,
    pub activiteiten: Vec<Activiteit>,
    pub vragen: Vec<Punt>,
    pub checklist: Vec<Punt>,
    /// De vaste agenda's van de bijeenkomsten van deze stap (coördinerend stap 3,
    /// coachend stap 2): een eerste of tweede bijeenkomst bij een traject begint ermee.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub agenda_sjablonen: Vec<AgendaSjabloon>,
    /// Eigen vragen en checklistpunten van gemeenten: een gemeente ziet de hare, de
    /// regio_beheerder die van elke gemeente, anderen geen.
    pub aanvullingen: Vec<Aanvulling>,
}

impl StapLeidraad {
    pub(crate) fn van(stap: LeidraadStap, aanvullingen: Vec<Aanvulling>) -> Self {
        StapLeidraad {
            nummer: stap.nummer,
            naam: stap.naam,
            doel: stap.doel,
            bron: stap.bron,
            activiteiten: stap.activiteiten,
            vragen: stap.vragen,
            checklist: stap.checklist,
            agenda_sjablonen: stap.agenda_sjablonen,
            aanvullingen,
        }
    }
}

/// Een stappenplan in één versie: elke stap met zijn leidraad.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Stappenplan {
    pub aanpak: Plan,
    pub naam: String,
    /// Deze versie; oude versies blijven leesbaar met `?versie=`.
    pub versie: i32,
    /// De huidige versie van het plan.
    pub huidige_versie: i32,
    pub bron: StapBron,
    pub gepubliceerd_op: DateTime<Utc>,
    pub stappen: Vec<StapLeidraad>,
}

pub(crate) fn aanvulling(m: leidraad_aanvulling::Model, codes: &Codes) -> Aanvulling {
    Aanvulling {
        sleutel: m.sleutel,
        soort: m.soort,
        tekst: m.tekst,
        gemeente: codes.get(&m.gemeente_id).cloned().unwrap_or_default(),
        aanpak: m.aanpak,
        stap: m.stap,
        aangemaakt_op: m.created_at,
        gewijzigd_op: m.updated_at,
    }
}

impl Bron for leidraad_aanvulling::Entity {
    const RESOURCE: &'static str = AANVULLING;
    const COLLECTIE: &'static str = "/api/v1/stappenplannen";
    type Weergave = Aanvulling;

    fn pad(rij: &leidraad_aanvulling::Model) -> String {
        format!(
            "{}/{}/stappen/{}/aanvullingen/{}",
            Self::COLLECTIE,
            rij.aanpak.as_str(),
            rij.stap,
            rij.sleutel
        )
    }

    async fn weergaven(
        ctx: &Context,
        rijen: Vec<leidraad_aanvulling::Model>,
    ) -> crate::http::problem::ApiResult<Vec<Aanvulling>> {
        ctx.met_codes(rijen, aanvulling).await
    }
}
