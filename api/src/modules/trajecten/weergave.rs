//! De representatie van een traject met zijn stappen en besluit.

use std::collections::HashMap;

use actix_web::HttpResponse;
use actix_web::http::StatusCode;
use chrono::{DateTime, NaiveDate, Utc};
use entity::{traject, traject_stap};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::domein::stappenplan::{Overgangen, Plan, StapStatus, Stappen, verbinder_waarschuwingen};
use crate::http::etag::resource_response;
use crate::http::problem::ApiResult;
use crate::tenancy::Context;

pub use entity::soorten::{BesluitKeuze, TrajectStatus};

/// Eén stap van een traject.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Stap {
    pub nummer: i16,
    pub naam: String,
    pub status: StapStatus,
    pub gestart_op: Option<NaiveDate>,
    pub afgerond_op: Option<NaiveDate>,
    pub notities: Option<String>,
}

/// Het besluit van stap 5 (alleen `weerbaarheid`).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Besluit {
    pub besluit: BesluitKeuze,
    pub reden: String,
    pub datum: NaiveDate,
    /// Wie het besluit vastlegde (gebruiker- of koppeling-id).
    pub door: Option<Uuid>,
}

/// Een traject met zijn stappen.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Traject {
    pub id: Uuid,
    #[schema(example = "GM0828")]
    pub gemeente: String,
    pub gebied_id: Uuid,
    pub aanpak: Plan,
    pub naam: Option<String>,
    pub status: TrajectStatus,
    /// Wat het DNA-profiel van het gebied bij de start adviseerde.
    pub voorgestelde_aanpak: Vec<String>,
    /// De eerste stap die nog niet afgerond of overgeslagen is.
    pub huidige_stap: Option<i16>,
    pub stappen: Vec<Stap>,
    pub besluit: Option<Besluit>,
    pub wijkverbinder_id: Option<Uuid>,
    pub gemeenteverbinder_id: Option<Uuid>,
    /// Aandachtspunten, bv. als wijkverbinder en gemeenteverbinder dezelfde persoon zijn.
    pub waarschuwingen: Vec<String>,
    pub aangemaakt_op: DateTime<Utc>,
    pub gewijzigd_op: DateTime<Utc>,
}

pub(super) fn representatie(
    m: traject::Model,
    stappen: Vec<traject_stap::Model>,
    codes: &HashMap<Uuid, String>,
) -> Traject {
    let plan = m.aanpak;
    let namen: HashMap<i16, &str> = plan.stappen().iter().copied().collect();
    let mut stappen: Vec<Stap> = stappen
        .into_iter()
        .map(|s| Stap {
            nummer: s.nummer,
            naam: namen.get(&s.nummer).copied().unwrap_or_default().to_owned(),
            status: s.status,
            gestart_op: s.gestart_op,
            afgerond_op: s.afgerond_op,
            notities: s.notities,
        })
        .collect();
    stappen.sort_by_key(|s| s.nummer);
    let huidige_stap = stappen.iter().find(|s| !s.status.klaar()).map(|s| s.nummer);
    let genomen = match (m.besluit, m.besluit_reden.clone(), m.besluit_datum) {
        (Some(besluit), Some(reden), Some(datum)) => Some(Besluit {
            besluit,
            reden,
            datum,
            door: m.besluit_door,
        }),
        _ => None,
    };
    let waarschuwingen = verbinder_waarschuwingen(plan, m.wijkverbinder_id, m.gemeenteverbinder_id)
        .into_iter()
        .map(str::to_owned)
        .collect();
    Traject {
        id: m.id,
        gemeente: codes.get(&m.gemeente_id).cloned().unwrap_or_default(),
        gebied_id: m.gebied_id,
        aanpak: plan,
        naam: m.naam,
        status: m.status,
        voorgestelde_aanpak: m.voorgestelde_aanpak,
        huidige_stap,
        stappen,
        besluit: genomen,
        wijkverbinder_id: m.wijkverbinder_id,
        gemeenteverbinder_id: m.gemeenteverbinder_id,
        waarschuwingen,
        aangemaakt_op: m.created_at,
        gewijzigd_op: m.updated_at,
    }
}

pub(super) async fn stappen_van(
    ctx: &Context,
    ids: &[Uuid],
) -> ApiResult<HashMap<Uuid, Vec<traject_stap::Model>>> {
    let mut per_traject: HashMap<Uuid, Vec<traject_stap::Model>> = HashMap::new();
    for stap in ctx
        .scoped(traject_stap::Entity::find())
        .filter(traject_stap::Column::TrajectId.is_in(ids.to_vec()))
        .all(ctx.db())
        .await?
    {
        per_traject.entry(stap.traject_id).or_default().push(stap);
    }
    Ok(per_traject)
}

pub(super) async fn respond(
    ctx: &Context,
    status: StatusCode,
    model: traject::Model,
) -> ApiResult<HttpResponse> {
    let codes = ctx.codes().await?;
    let stappen = stappen_van(ctx, &[model.id])
        .await?
        .remove(&model.id)
        .unwrap_or_default();
    let path = format!("/api/v1/trajecten/{}", model.id);
    Ok(resource_response(status, model.version, &path).json(representatie(model, stappen, &codes)))
}
