//! Gemeenten: de elf gemeenten van VRBN, de tenants van Weefsel.

use std::collections::HashMap;

use actix_web::{HttpResponse, get, web};
use entity::gemeente;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::http::pagination::Lijst;
use crate::http::pagination::{Pagina, PaginaParams};
use crate::http::problem::{ApiError, ApiResult, Problem};
use crate::http::sorting::Sortering;
use crate::tenancy::Context;

/// Id → CBS-code van alle gemeenten (elf rijen), om representaties te vullen.
pub async fn codes(db: &impl ConnectionTrait) -> Result<HashMap<Uuid, String>, DbErr> {
    Ok(gemeente::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|g| (g.id, g.code))
        .collect())
}

/// Een gemeente van Veiligheidsregio Brabant-Noord.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Gemeente {
    /// CBS-gemeentecode.
    #[schema(example = "GM0828", pattern = "^GM[0-9]{4}$")]
    pub code: String,
    /// Officiële naam.
    #[schema(example = "Oss")]
    pub naam: String,
    /// Naam in URL-vorm.
    #[schema(example = "oss")]
    pub slug: String,
    /// Vanaf dit inwonertal is een gebied groot in het DNA-kwadrant (standaard 5000).
    #[schema(example = 5000)]
    pub grootte_drempel: i32,
}

impl From<gemeente::Model> for Gemeente {
    fn from(m: gemeente::Model) -> Self {
        Gemeente {
            code: m.code,
            naam: m.naam,
            slug: m.slug,
            grootte_drempel: m.grootte_drempel,
        }
    }
}

/// Het id van de gemeente met deze CBS-code, uit [`codes`].
pub fn id_for(codes: &HashMap<Uuid, String>, code: &str) -> Option<Uuid> {
    codes.iter().find(|(_, c)| *c == code).map(|(id, _)| *id)
}

crate::sorteervelden! {
    /// Waarop de lijst van gemeenten gesorteerd kan worden; `-` ervoor is aflopend.
    GemeenteSortering op gemeente {
        Naam = "naam", NaamAflopend = "-naam" => Naam,
        Code = "code", CodeAflopend = "-code" => Code,
    }
}

/// Filters en sortering van de lijst van gemeenten.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct GemeentenParams {
    /// Sortering, door komma's gescheiden; standaard `naam`.
    #[param(value_type = Option<Vec<GemeenteSortering>>, style = Form, explode = false, example = json!(["naam"]))]
    pub sorteer: Option<String>,
}

/// Alle gemeenten
///
/// De elf gemeenten van Veiligheidsregio Brabant-Noord, gepagineerd.
#[utoipa::path(
    operation_id = "listGemeenten",
    params(PaginaParams, GemeentenParams),
    responses(
        (status = 200, description = "Een pagina gemeenten.", body = Pagina<Gemeente>),
    ),
)]
#[get("/gemeenten")]
pub async fn list(lijst: Lijst<GemeentenParams>, ctx: Context) -> ApiResult<HttpResponse> {
    let sortering = Sortering::<GemeenteSortering>::parse(
        lijst.params.sorteer.as_deref(),
        GemeenteSortering::Naam,
    )?;
    let query = sortering.apply(gemeente::Entity::find(), gemeente::Column::Code);
    Ok(lijst.uit(query, ctx.db(), Gemeente::from).await?)
}

/// Eén gemeente
///
/// Een gemeente op haar CBS-code, bv. `GM0828` voor Oss.
#[utoipa::path(
    operation_id = "getGemeente",
    params(("code" = String, Path, description = "CBS-gemeentecode", example = "GM0828")),
    responses(
        (status = 200, description = "De gemeente.", body = Gemeente),
        (status = 404, description = "Geen gemeente met deze code.", body = Problem, content_type = "application/problem+json"),
    ),
)]
#[get("/gemeenten/{code}")]
pub async fn get(code: web::Path<String>, ctx: Context) -> ApiResult<HttpResponse> {
    let gemeente = gemeente::Entity::find()
        .filter(gemeente::Column::Code.eq(code.as_str()))
        .one(ctx.db())
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok(HttpResponse::Ok().json(Gemeente::from(gemeente)))
}

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(list).service(get);
}
