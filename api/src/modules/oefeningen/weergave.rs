//! De representatie van een oefening en haar `Bron`.

use super::invoer::*;
use crate::auth::Recht;
use crate::http::problem::ApiResult;
use crate::modules::kolommen::lijst as enums;
use crate::modules::sleutelpersonen::zichtbaar;
use crate::tenancy::{Bron, Codes, Context};
use chrono::{DateTime, NaiveDate, Utc};
use entity::oefening;
use entity::soorten::{OefenDoel, OefeningStatus, Oefenvorm, Scenario};
use serde::Serialize;
use std::collections::HashSet;
use utoipa::ToSchema;
use uuid::Uuid;

pub(super) const RESOURCE: &str = "oefening";

/// Een oefening.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Oefening {
    pub id: Uuid,
    #[schema(example = "GM0828")]
    pub gemeente: String,
    pub titel: String,
    pub doelen: Vec<OefenDoel>,
    pub vorm: Oefenvorm,
    pub scenario: Scenario,
    pub datum: NaiveDate,
    pub netwerk_id: Option<Uuid>,
    pub gebied_id: Option<Uuid>,
    /// Het traject en de stap waarbij de oefening hoort.
    pub traject_id: Option<Uuid>,
    pub stap: Option<i16>,
    pub organisaties: Vec<Uuid>,
    /// De deelnemende sleutelpersonen die u mag zien.
    pub deelnemers: Vec<Uuid>,
    pub status: OefeningStatus,
    /// Vrije tekst die mensen kan noemen: alleen voor wie namen ziet (coördinator,
    /// gemeente_beheerder, koppeling met `sleutelpersonen.lezen`); voor ieder ander
    /// afwezig. Noem geen namen.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub briefing: Option<String>,
    /// Vrije tekst die mensen kan noemen; zichtbaar als `briefing`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub debrief: Option<String>,
    /// Vrije tekst die mensen kan noemen; zichtbaar als `briefing`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub evaluatie: Option<Evaluatie>,
    pub aangemaakt_op: DateTime<Utc>,
    /// Uitgefaseerd: gebruik `aangemaaktOp` (weg in de volgende major-versie).
    #[schema(deprecated)]
    pub created_at: DateTime<Utc>,
    pub gewijzigd_op: DateTime<Utc>,
    /// Uitgefaseerd: gebruik `gewijzigdOp` (weg in de volgende major-versie).
    #[schema(deprecated)]
    pub updated_at: DateTime<Utc>,
}

pub(super) fn representatie(
    m: oefening::Model,
    codes: &Codes,
    zien: &HashSet<Uuid>,
    namen: bool,
) -> Oefening {
    Oefening {
        id: m.id,
        gemeente: codes.get(&m.gemeente_id).cloned().unwrap_or_default(),
        titel: m.titel,
        doelen: enums(&m.doelen),
        vorm: m.vorm,
        scenario: m.scenario,
        datum: m.datum,
        netwerk_id: m.netwerk_id,
        gebied_id: m.gebied_id,
        traject_id: m.traject_id,
        stap: m.stap,
        organisaties: m.organisaties,
        deelnemers: m
            .deelnemers
            .into_iter()
            .filter(|d| zien.contains(d))
            .collect(),
        status: m.status,
        briefing: m.briefing.filter(|_| namen),
        debrief: m.debrief.filter(|_| namen),
        evaluatie: m
            .evaluatie
            .filter(|_| namen)
            .and_then(|e| serde_json::from_value(e).ok()),
        aangemaakt_op: m.created_at,
        created_at: m.created_at,
        gewijzigd_op: m.updated_at,
        updated_at: m.updated_at,
    }
}

impl Bron for oefening::Entity {
    const RESOURCE: &'static str = RESOURCE;
    const COLLECTIE: &'static str = "/api/v1/oefeningen";
    type Weergave = Oefening;

    /// Namen van sleutelpersonen alleen voor wie persoonsgegevens leest, in één query
    /// voor alle rijen.
    async fn weergaven(ctx: &Context, rijen: Vec<oefening::Model>) -> ApiResult<Vec<Oefening>> {
        let zien = zichtbaar(ctx, rijen.iter().flat_map(|r| r.deelnemers.iter().copied())).await?;
        let codes = ctx.codes().await?;
        let namen = ctx.caller.has(Recht::PersoonsgegevensLezen);
        Ok(rijen
            .into_iter()
            .map(|o| representatie(o, &codes, &zien, namen))
            .collect())
    }
}
