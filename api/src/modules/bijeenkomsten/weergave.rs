//! De representatie van een bijeenkomst en haar `Bron`; de agendasjablonen.

use super::invoer::*;
use crate::auth::Recht;
use crate::http::problem::ApiResult;
use crate::modules::kolommen::json;
use crate::modules::sleutelpersonen::zichtbaar;
use crate::tenancy::{Bron, Codes, Context};
use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use entity::bijeenkomst;
use entity::soorten::{BijeenkomstSoort, Locatiesoort};
use serde::Serialize;
use std::collections::HashSet;
use utoipa::ToSchema;
use uuid::Uuid;

pub(super) const RESOURCE: &str = "bijeenkomst";

/// Een bijeenkomst.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Bijeenkomst {
    pub id: Uuid,
    #[schema(example = "GM0828")]
    pub gemeente: String,
    pub soort: BijeenkomstSoort,
    pub titel: Option<String>,
    pub datum: NaiveDate,
    #[schema(example = "19:30")]
    pub begintijd: Option<String>,
    #[schema(example = "21:30")]
    pub eindtijd: Option<String>,
    pub locatiesoort: Option<Locatiesoort>,
    pub locatie: Option<String>,
    pub netwerk_id: Option<Uuid>,
    pub gebied_id: Option<Uuid>,
    pub deelnemers: Option<i32>,
    /// De aanwezige sleutelpersonen die u mag zien (wie hun persoonsgegevens ziet).
    pub aanwezigen: Vec<Uuid>,
    pub agenda: Vec<Agendapunt>,
    /// Vrije tekst die mensen kan noemen: alleen voor wie namen ziet (coördinator,
    /// gemeente_beheerder, koppeling met `sleutelpersonen.lezen`); voor ieder ander
    /// afwezig. Noem geen namen van anderen.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verslag: Option<String>,
    pub verslag_aan_afwezigen: bool,
    /// Vrije tekst die mensen kan noemen; zichtbaar als `verslag`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub terugkoppeling: Option<String>,
    /// De vervolgacties met hun eigenaar (een naam); zichtbaar als `verslag`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub acties: Option<Vec<Vervolgactie>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

pub(super) fn tijd(t: Option<NaiveTime>) -> Option<String> {
    t.map(|t| t.format("%H:%M").to_string())
}

pub(super) fn lees_tijd(t: &str) -> Option<NaiveTime> {
    NaiveTime::parse_from_str(t, "%H:%M").ok()
}

pub(super) fn representatie(
    m: bijeenkomst::Model,
    codes: &Codes,
    zien: &HashSet<Uuid>,
    namen: bool,
) -> Bijeenkomst {
    Bijeenkomst {
        id: m.id,
        gemeente: codes.get(&m.gemeente_id).cloned().unwrap_or_default(),
        soort: m.soort,
        titel: m.titel,
        datum: m.datum,
        begintijd: tijd(m.begintijd),
        eindtijd: tijd(m.eindtijd),
        locatiesoort: m.locatiesoort,
        locatie: m.locatie,
        netwerk_id: m.netwerk_id,
        gebied_id: m.gebied_id,
        deelnemers: m.deelnemers,
        aanwezigen: m
            .aanwezigen
            .into_iter()
            .filter(|a| zien.contains(a))
            .collect(),
        agenda: json(&m.agenda),
        verslag: m.verslag.filter(|_| namen),
        verslag_aan_afwezigen: m.verslag_aan_afwezigen,
        terugkoppeling: m.terugkoppeling.filter(|_| namen),
        acties: namen.then(|| json(&m.acties)),
        created_at: m.created_at,
        updated_at: m.updated_at,
    }
}

impl Bron for bijeenkomst::Entity {
    const RESOURCE: &'static str = RESOURCE;
    const COLLECTIE: &'static str = "/api/v1/bijeenkomsten";
    type Weergave = Bijeenkomst;

    /// Namen van sleutelpersonen alleen voor wie persoonsgegevens leest, in één query
    /// voor alle rijen.
    async fn weergaven(
        ctx: &Context,
        rijen: Vec<bijeenkomst::Model>,
    ) -> ApiResult<Vec<Bijeenkomst>> {
        let zien = zichtbaar(ctx, rijen.iter().flat_map(|r| r.aanwezigen.iter().copied())).await?;
        let codes = ctx.codes().await?;
        let namen = ctx.caller.has(Recht::PersoonsgegevensLezen);
        Ok(rijen
            .into_iter()
            .map(|o| representatie(o, &codes, &zien, namen))
            .collect())
    }
}

/// Een sjabloon voor de agenda.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct AgendaSjabloon {
    pub soort: BijeenkomstSoort,
    pub doel: String,
    pub agenda: Vec<Agendapunt>,
}
