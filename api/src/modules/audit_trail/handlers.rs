//! `GET /api/v1/audit-trail`: wie veranderde wat, wanneer. Voor de
//! `gemeente_beheerder` (eigen gemeente) en de `regio_beheerder` (alles).

use std::collections::HashMap;

use actix_web::{HttpResponse, get};
use entity::{audit_kop, audit_trail};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QueryTrait};
use serde::Deserialize;
use utoipa::IntoParams;
use uuid::Uuid;

use super::weergave::*;
use crate::auth::Recht;
use crate::http::pagination::Lijst;
use crate::http::pagination::{Pagina, PaginaParams};
use crate::http::periode::Periode;
use crate::http::problem::ApiResult;
use crate::tenancy::Context;

#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(rename_all = "camelCase")]
#[into_params(parameter_in = Query)]
pub struct AuditTrailParams {
    /// Alleen deze soort resource.
    resource: Option<ResourceSoort>,
    /// Alleen deze resource (id).
    #[param(min_length = 1, max_length = 100)]
    resource_id: Option<String>,
}

/// Audit trail
///
/// Elke mutatie, nieuwste eerst: wanneer, wie, welke resource, welke velden (met
/// oude en nieuwe waarde, behalve bij persoonsgegevens en geheimen) en het request-id.
/// De periode telt in dagen van Europe/Amsterdam.
#[utoipa::path(
    operation_id = "listAuditTrail",
    params(PaginaParams, AuditTrailParams, Periode),
    responses(
        (status = 200, description = "Een pagina regels.", body = Pagina<AuditRegel>),
    ),
)]
#[get("/audit-trail")]
pub async fn list(
    ctx: Context,
    lijst: Lijst<AuditTrailParams>,
    periode: Periode,
) -> ApiResult<HttpResponse> {
    ctx.require(Recht::AuditTrailLezen)?;
    let p = &lijst.params;
    let leesbaar: Vec<&str> = ResourceSoort::ALLE
        .into_iter()
        .filter(|r| r.leesrechten().iter().all(|recht| ctx.caller.has(*recht)))
        .map(ResourceSoort::as_str)
        .collect();
    let select = ctx
        .scoped(audit_trail::Entity::find())
        .filter(audit_trail::Column::Resource.is_in(leesbaar))
        .apply_if(p.resource, |q, r| {
            q.filter(audit_trail::Column::Resource.eq(r.as_str()))
        })
        .apply_if(p.resource_id.as_deref(), |q, id| {
            q.filter(audit_trail::Column::ResourceId.eq(id))
        })
        .apply_if(periode.vanaf, |q, vanaf| {
            q.filter(Expr::cust_with_values(
                "tijdstip >= ($1::date)::timestamp AT TIME ZONE 'Europe/Amsterdam'",
                [vanaf],
            ))
        })
        .apply_if(periode.tot, |q, tot| {
            q.filter(Expr::cust_with_values(
                "tijdstip < ($1::date + 1)::timestamp AT TIME ZONE 'Europe/Amsterdam'",
                [tot],
            ))
        })
        .order_by_desc(audit_trail::Column::Tijdstip)
        .order_by_desc(audit_trail::Column::Id);
    let codes = ctx.codes().await?;
    Ok(lijst.uit(select, ctx.db(), |m| regel(m, &codes)).await?)
}

fn regel(m: audit_trail::Model, codes: &HashMap<Uuid, String>) -> AuditRegel {
    AuditRegel {
        id: m.id,
        volgnummer: m.volgnummer,
        tijdstip: m.tijdstip,
        gemeente: m.gemeente_id.and_then(|id| codes.get(&id).cloned()),
        actor: AuditActor {
            soort: m.actor_soort,
            id: m.actor_id,
        },
        resource: m.resource,
        resource_id: m.resource_id,
        actie: m.actie,
        wijzigingen: m.wijzigingen,
        request_id: m.request_id,
        hash: m.hash,
        sleutel_id: m.sleutel_id,
    }
}

/// Ondertekende koppen van de audit trail
///
/// Per keten die de aanroeper mag lezen (de eigen gemeente; de regio: alle en de
/// regionale) de laatst ondertekende kop: het volgnummer en de hash van de laatste
/// regel, ondertekend door de dienst (dagelijks en bij het starten). Bewaar ze buiten
/// Weefsel: een latere kop die een eerdere niet bevat, of een regel `volgnummer` met een
/// andere `hash`, betekent dat de audit trail is herschreven (`docs/privacy.md`).
#[utoipa::path(
    operation_id = "listAuditTrailKoppen",
    params(PaginaParams),
    responses(
        (status = 200, description = "Een pagina ondertekende koppen, per keten de laatste.", body = Pagina<AuditKop>),
    ),
)]
#[get("/audit-trail/koppen")]
pub async fn koppen(ctx: Context, lijst: Lijst) -> ApiResult<HttpResponse> {
    ctx.require(Recht::AuditTrailLezen)?;
    let select = ctx
        .scoped(audit_kop::Entity::find())
        .filter(Expr::cust(
            "(keten, volgnummer) IN (SELECT k.keten, max(k.volgnummer) FROM audit_kop k GROUP BY k.keten)",
        ))
        .order_by_asc(audit_kop::Column::Keten);
    let codes = ctx.codes().await?;
    Ok(lijst
        .uit(select, ctx.db(), |m| AuditKop {
            gemeente: m.gemeente_id.and_then(|id| codes.get(&id).cloned()),
            keten: m.keten,
            volgnummer: m.volgnummer,
            kop: m.hash,
            getekend_op: m.getekend_op,
            handtekening: m.handtekening,
        })
        .await?)
}

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(koppen).service(list);
}
