//! Het verwerkingenlogboek lezen: alleen de `gemeente_beheerder`, alleen de eigen
//! gemeente (ook de database staat niets anders toe).

use actix_web::{HttpResponse, get};
use entity::verwerking;

use super::invoer::*;
use super::weergave::*;
use crate::auth::Recht;
use crate::http::pagination::{Lijst, Pagina, PaginaParams};
use crate::http::problem::ApiResult;
use crate::tenancy::Context;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QueryTrait};

/// Verwerkingenlogboek
#[utoipa::path(
    operation_id = "listVerwerkingen",
    params(PaginaParams, VerwerkingenParams),
    responses(
        (status = 200, description = "Een pagina verwerkingen, nieuwste eerst.", body = Pagina<Verwerking>),
    ),
)]
#[get("/verwerkingen")]
pub async fn list(ctx: Context, lijst: Lijst<VerwerkingenParams>) -> ApiResult<HttpResponse> {
    ctx.require(Recht::VerwerkingenLezen)?;
    let p = &lijst.params;
    let select = ctx
        .scoped(verwerking::Entity::find())
        .apply_if(p.sleutelpersoon_id, |q, id| {
            q.filter(crate::audit::verwerking::over(id))
        })
        .apply_if(p.actie, |q, a| q.filter(verwerking::Column::Actie.eq(a)))
        .order_by_desc(verwerking::Column::Tijdstip)
        .order_by_desc(verwerking::Column::Id);
    Ok(lijst
        .uit(select, ctx.db(), |v| Verwerking {
            id: v.id,
            tijdstip: v.tijdstip,
            actor_soort: v.actor_soort,
            actor_id: v.actor_id,
            sleutelpersoon_ids: v.sleutelpersoon_ids,
            actie: v.actie,
            verwerkingsactiviteit: v.verwerkingsactiviteit,
            request_id: v.request_id,
            correlatie_id: v.correlatie_id,
        })
        .await?)
}

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(list);
}
