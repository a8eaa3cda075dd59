//! De representatie van een bijeenkomst en haar `Bron`, met haar waarschuwingen.

use super::invoer::*;
use crate::auth::Recht;
use crate::domein::bijeenkomst::{Plaats, tweede_zonder_eerste};
use crate::domein::waarschuwing::{Waarschuwing, WaarschuwingCode};
use crate::http::problem::ApiResult;
use crate::modules::kolommen::json;
use crate::modules::netwerken::BijeenkomstAfspraken;
use crate::modules::sleutelpersonen::zichtbaar;
use crate::tenancy::{Bron, Codes, Context};
use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use entity::bijeenkomst;
use entity::soorten::{BijeenkomstSoort, Locatiesoort};
use sea_orm::{ColumnTrait, Condition, EntityTrait, QueryFilter, QuerySelect};
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
    /// Het traject en de stap waarbij de bijeenkomst hoort.
    pub traject_id: Option<Uuid>,
    pub stap: Option<i16>,
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
    /// Wat een tweede bijeenkomst afsprak (vrije tekst die mensen kan noemen;
    /// zichtbaar als `verslag`); het netwerk toont het in `afsprakenBijeenkomsten`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub afspraken: Option<BijeenkomstAfspraken>,
    /// Aandachtspunten met een vaste `code`: `tweede_zonder_eerste` bij een tweede
    /// bijeenkomst zonder eerdere eerste in hetzelfde traject of netwerk.
    pub waarschuwingen: Vec<Waarschuwing>,
    #[schema(schema_with = crate::http::invoer::externe_referentie_of_leeg)]
    pub externe_referentie: Option<String>,
    pub aangemaakt_op: DateTime<Utc>,
    /// Uitgefaseerd: gebruik `aangemaaktOp` (weg in de volgende major-versie).
    #[schema(deprecated)]
    pub created_at: DateTime<Utc>,
    pub gewijzigd_op: DateTime<Utc>,
    /// Uitgefaseerd: gebruik `gewijzigdOp` (weg in de volgende major-versie).
    #[schema(deprecated)]
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
    zonder_eerste: bool,
) -> Bijeenkomst {
    let waarschuwingen = zonder_eerste
        .then_some(Waarschuwing::from(WaarschuwingCode::TweedeZonderEerste))
        .into_iter()
        .collect();
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
        traject_id: m.traject_id,
        stap: m.stap,
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
        afspraken: m
            .afspraken
            .filter(|_| namen)
            .and_then(|a| serde_json::from_value(a).ok()),
        waarschuwingen,
        externe_referentie: m.externe_referentie,
        aangemaakt_op: m.created_at,
        created_at: m.created_at,
        gewijzigd_op: m.updated_at,
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
        let zonder_eerste = zonder_eerste(ctx, &rijen).await?;
        Ok(rijen
            .into_iter()
            .map(|o| {
                let zonder = zonder_eerste.contains(&o.id);
                representatie(o, &codes, &zien, namen, zonder)
            })
            .collect())
    }
}

/// Waar en wanneer een bijeenkomst is, voor de regel van het tweebijeenkomstenmodel.
fn plaats(m: &bijeenkomst::Model) -> Plaats {
    Plaats {
        traject: m.traject_id,
        netwerk: m.netwerk_id,
        datum: m.datum,
    }
}

/// De tweede bijeenkomsten van deze rijen zonder eerdere eerste in hun traject of
/// netwerk: één query voor alle rijen.
async fn zonder_eerste(ctx: &Context, rijen: &[bijeenkomst::Model]) -> ApiResult<HashSet<Uuid>> {
    use bijeenkomst::Column as B;
    let tweede: Vec<&bijeenkomst::Model> = rijen
        .iter()
        .filter(|r| r.soort == BijeenkomstSoort::TweedeBijeenkomst)
        .collect();
    // Ook zonder tweede bijeenkomsten één query: een pagina kost altijd even veel.
    let trajecten: Vec<Uuid> = tweede.iter().filter_map(|r| r.traject_id).collect();
    let netwerken: Vec<Uuid> = tweede.iter().filter_map(|r| r.netwerk_id).collect();
    let eersten: Vec<Plaats> = ctx
        .scoped(bijeenkomst::Entity::find())
        .filter(B::Soort.eq(BijeenkomstSoort::EersteBijeenkomst))
        .filter(
            Condition::any()
                .add(B::TrajectId.is_in(trajecten))
                .add(B::NetwerkId.is_in(netwerken)),
        )
        .select_only()
        .columns([B::TrajectId, B::NetwerkId, B::Datum])
        .into_tuple::<(Option<Uuid>, Option<Uuid>, NaiveDate)>()
        .all(ctx.db())
        .await?
        .into_iter()
        .map(|(traject, netwerk, datum)| Plaats {
            traject,
            netwerk,
            datum,
        })
        .collect();
    Ok(tweede
        .into_iter()
        .filter(|t| tweede_zonder_eerste(plaats(t), &eersten))
        .map(|t| t.id)
        .collect())
}
