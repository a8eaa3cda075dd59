//! De representatie van een koppeling (scopes, status; het secret alleen bij aanmaken en
//! vernieuwen) en haar `Bron`.

use crate::auth::Scope;
use crate::http::etag::resource_response;
use crate::http::problem::ApiResult;
use crate::tenancy::{Bron, Context};
use actix_web::http::StatusCode;
use chrono::{DateTime, Utc};
use entity::koppeling;
use serde::Serialize;
use std::collections::HashMap;
use utoipa::ToSchema;
use uuid::Uuid;

pub(super) const RESOURCE: &str = "koppeling";

/// Een koppeling. Het client secret is hier nooit te lezen.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Koppeling {
    pub id: Uuid,
    /// De `client_id` voor het token-endpoint (gelijk aan `id`).
    pub client_id: String,
    #[schema(example = "GM0828")]
    pub gemeente: String,
    #[schema(example = "CRM Oss")]
    pub naam: String,
    pub scopes: Vec<Scope>,
    /// `false`: ingetrokken; tokens werken bij het volgende verzoek niet meer.
    pub actief: bool,
    /// Tokens van vóór dit moment zijn ongeldig.
    pub geheim_vernieuwd_op: DateTime<Utc>,
    pub aangemaakt_op: DateTime<Utc>,
    pub gewijzigd_op: DateTime<Utc>,
}

impl Koppeling {
    pub(super) fn from_model(m: koppeling::Model, codes: &HashMap<Uuid, String>) -> Self {
        Koppeling {
            id: m.id,
            client_id: m.id.to_string(),
            gemeente: codes.get(&m.gemeente_id).cloned().unwrap_or_default(),
            naam: m.naam,
            scopes: m.scopes.iter().filter_map(|s| Scope::parse(s)).collect(),
            actief: m.actief,
            geheim_vernieuwd_op: m.geheim_vernieuwd_op,
            aangemaakt_op: m.created_at,
            gewijzigd_op: m.updated_at,
        }
    }
}

/// Een nieuwe koppeling met haar client secret: dit is de enige keer dat het te zien is.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct KoppelingMetGeheim {
    #[serde(flatten)]
    pub koppeling: Koppeling,
    /// Bewaar dit direct veilig; Weefsel kan het niet opnieuw tonen.
    #[schema(example = "wfs_3q2-7Xb...")]
    pub client_secret: String,
}

/// Een nieuw client secret.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct NieuwGeheim {
    pub client_id: String,
    /// Het nieuwe secret; het oude en de tokens die ermee zijn verkregen werken niet meer.
    pub client_secret: String,
    pub geheim_vernieuwd_op: DateTime<Utc>,
}

/// `beheerd_door` met de aanroeper erbij: wie een koppeling maakt, haar scopes wijzigt
/// of haar secret vernieuwt, besluit niet op wat zij indient (vier ogen).
pub(super) fn met_beheerder(ctx: &Context, mut beheerd_door: Vec<Uuid>) -> Vec<Uuid> {
    if let Some(id) = ctx.caller.actor.id()
        && !beheerd_door.contains(&id)
    {
        beheerd_door.push(id);
    }
    beheerd_door
}

impl Bron for koppeling::Entity {
    const RESOURCE: &'static str = RESOURCE;
    const COLLECTIE: &'static str = "/api/v1/koppelingen";
    type Weergave = Koppeling;

    async fn weergaven(ctx: &Context, rijen: Vec<koppeling::Model>) -> ApiResult<Vec<Koppeling>> {
        ctx.met_codes(rijen, Koppeling::from_model).await
    }
}

/// Een koppeling met iets anders dan haar weergave (het secret) als antwoord, met
/// `ETag` (en `Location` bij 201).
pub(super) fn with_etag(
    status: StatusCode,
    model: &koppeling::Model,
) -> actix_web::HttpResponseBuilder {
    resource_response(status, model.version, &koppeling::Entity::pad(model))
}
