//! De partners van een netwerk: organisaties van de eigen sociale kaart of uit de
//! regionale catalogus. Hun rollen (belangen) tellen mee in de gezondheid van het
//! netwerk, naast die van de leden.

use crate::http::problem::Foutcode;
use std::collections::HashMap;

use actix_web::{HttpResponse, delete, get, post, web};
use chrono::{DateTime, Utc};
use entity::{netwerk, netwerk_partner, organisatie};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder,
};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::audit::Wijzigingen;
use crate::auth::Recht;
use crate::http::etag::IfMatch;
use crate::http::invoer::{Fouten, Invoer};
use crate::http::pagination::{Lijst, Pagina, PaginaParams};
use crate::http::problem::{ApiError, ApiResult, Code, Problem, UniekeSleutel, uniek};
use crate::tenancy::{Bron, Codes, Context, Onder};

use super::invoer::NieuwePartner;
use super::kaart::vind;
use super::weergave::{Organisatie, representatie};

const RESOURCE: &str = "netwerk_partner";

/// Een partnerorganisatie van een netwerk, met de organisatie zelf.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Partner {
    pub id: Uuid,
    #[schema(example = "GM0828")]
    pub gemeente: String,
    pub netwerk_id: Uuid,
    pub organisatie_id: Uuid,
    pub toelichting: Option<String>,
    /// De organisatie (`null` als de aanroeper haar niet ziet).
    pub organisatie: Option<Organisatie>,
    pub aangemaakt_op: DateTime<Utc>,
    /// Uitgefaseerd: gebruik `aangemaaktOp` (weg in de volgende major-versie).
    #[schema(deprecated)]
    pub created_at: DateTime<Utc>,
}

fn partner(m: netwerk_partner::Model, org: Option<Organisatie>, codes: &Codes) -> Partner {
    Partner {
        id: m.id,
        gemeente: codes.get(&m.gemeente_id).cloned().unwrap_or_default(),
        netwerk_id: m.netwerk_id,
        organisatie_id: m.organisatie_id,
        toelichting: m.toelichting,
        organisatie: org,
        aangemaakt_op: m.created_at,
        created_at: m.created_at,
    }
}

impl Bron for netwerk_partner::Entity {
    const RESOURCE: &'static str = RESOURCE;
    const COLLECTIE: &'static str = "/api/v1/netwerken";
    type Weergave = Partner;

    fn pad(p: &netwerk_partner::Model) -> String {
        format!("{}/{}/partners/{}", Self::COLLECTIE, p.netwerk_id, p.id)
    }

    /// Met hun organisaties, in één query voor alle rijen.
    async fn weergaven(
        ctx: &Context,
        rijen: Vec<netwerk_partner::Model>,
    ) -> ApiResult<Vec<Partner>> {
        let ids: Vec<Uuid> = rijen.iter().map(|r| r.organisatie_id).collect();
        let codes = ctx.codes().await?;
        let mut organisaties: HashMap<Uuid, Organisatie> = organisatie::Entity::find()
            .filter(organisatie::Column::Id.is_in(ids))
            .all(ctx.db())
            .await?
            .into_iter()
            .map(|o| (o.id, representatie(o, &codes)))
            .collect();
        Ok(rijen
            .into_iter()
            .map(|r| {
                let org = organisaties.remove(&r.organisatie_id);
                partner(r, org, &codes)
            })
            .collect())
    }
}

impl Onder for netwerk_partner::Entity {
    fn ouder_kolom() -> netwerk_partner::Column {
        netwerk_partner::Column::NetwerkId
    }

    fn ouder(p: &netwerk_partner::Model) -> Uuid {
        p.netwerk_id
    }
}

fn conflict(error: sea_orm::DbErr) -> ApiError {
    uniek(
        error,
        &[UniekeSleutel {
            constraint: "netwerk_partner_netwerk_id_organisatie_id_key",
            code: Code::AlPartner,
            detail: "Deze organisatie is al partner van dit netwerk.",
        }],
    )
}

/// Partners van een netwerk
#[utoipa::path(
    operation_id = "listNetwerkPartners",
    params(("id" = Uuid, Path, description = "Id van het netwerk"), PaginaParams),
    responses(
        (status = 200, description = "Een pagina partners, oudste eerst.", body = Pagina<Partner>),
    ),
)]
#[get("/netwerken/{id}/partners")]
pub async fn list_partners(
    ctx: Context,
    id: web::Path<Uuid>,
    lijst: Lijst,
) -> ApiResult<HttpResponse> {
    ctx.require(Recht::NetwerkenLezen)?;
    let netwerk = ctx.find::<netwerk::Entity>(*id).await?;
    let select = ctx
        .onder::<netwerk_partner::Entity>(netwerk.id)
        .order_by_asc(netwerk_partner::Column::CreatedAt)
        .order_by_asc(netwerk_partner::Column::Id);
    ctx.pagina(&lijst, select).await
}

/// Eén partner van een netwerk
///
/// De `Location` van een nieuwe partner.
#[utoipa::path(
    operation_id = "getNetwerkPartner",
    params(
        ("id" = Uuid, Path, description = "Id van het netwerk"),
        ("partnerId" = Uuid, Path, description = "Id van het partnerschap"),
    ),
    responses(
        (status = 200, description = "De partner.", body = Partner),
    ),
)]
#[get("/netwerken/{id}/partners/{partnerId}")]
pub async fn get_partner(ctx: Context, pad: web::Path<(Uuid, Uuid)>) -> ApiResult<HttpResponse> {
    ctx.require(Recht::NetwerkenLezen)?;
    let (id, partner_id) = pad.into_inner();
    let netwerk = ctx.find::<netwerk::Entity>(id).await?;
    ctx.lees_onder::<netwerk_partner::Entity>(netwerk.id, partner_id)
        .await
}

/// Partner koppelen
#[utoipa::path(
    operation_id = "createNetwerkPartner",
    params(("id" = Uuid, Path, description = "Id van het netwerk")),
    request_body = NieuwePartner,
    responses(
        (status = 201, description = "Gekoppeld, met `Location` en `ETag`.", body = Partner),
        (status = 409, description = "Al partner.", body = Problem, content_type = "application/problem+json"),
    ),
)]
#[post("/netwerken/{id}/partners")]
pub async fn create_partner(
    ctx: Context,
    id: web::Path<Uuid>,
    mut invoer: Invoer<NieuwePartner>,
) -> ApiResult<HttpResponse> {
    ctx.require(Recht::NetwerkenSchrijven)?;
    let netwerk = ctx.find_om_te_verwijzen::<netwerk::Entity>(*id).await?;
    let mut fouten = Fouten::new();
    if let Some(org_id) = invoer.deel().map(|d| d.organisatie_id) {
        match vind(&ctx, org_id).await {
            Ok(_) => {}
            Err(ApiError::NotFound) => fouten.reject(
                "organisatieId",
                Foutcode::Ongeldig,
                "Deze organisatie staat niet op uw sociale kaart of in de regionale catalogus.",
            ),
            Err(e) => return Err(e),
        }
    }
    invoer.fouten().voeg_toe(fouten);
    let n = invoer.klaar()?;
    let model = netwerk_partner::ActiveModel {
        id: Set(Uuid::now_v7()),
        gemeente_id: Set(netwerk.gemeente_id),
        netwerk_id: Set(netwerk.id),
        organisatie_id: Set(n.organisatie_id),
        toelichting: Set(n.toelichting),
        ..Default::default()
    }
    .insert(ctx.db())
    .await
    .map_err(conflict)?;
    let w = Wijzigingen::new()
        .nieuw("netwerkId", model.netwerk_id)
        .nieuw("organisatieId", model.organisatie_id)
        .alleen_naam_als(model.toelichting.is_some(), "toelichting");
    ctx.aangemaakt_met::<netwerk_partner::Entity>(model, w)
        .await
}

/// Partner ontkoppelen
#[utoipa::path(
    operation_id = "deleteNetwerkPartner",
    params(
        ("id" = Uuid, Path, description = "Id van het netwerk"),
        ("partnerId" = Uuid, Path, description = "Id van de koppeling"),
    ),
    responses(
        (status = 204, description = "Ontkoppeld."),
    ),
)]
#[delete("/netwerken/{id}/partners/{partnerId}")]
pub async fn delete_partner(
    if_match: IfMatch,
    ctx: Context,
    pad: web::Path<(Uuid, Uuid)>,
) -> ApiResult<HttpResponse> {
    ctx.require(Recht::NetwerkenSchrijven)?;
    let (netwerk_id, partner_id) = pad.into_inner();
    ctx.verwijder_onder::<netwerk_partner::Entity>(&if_match, netwerk_id, partner_id)
        .await
}

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(list_partners)
        .service(get_partner)
        .service(create_partner)
        .service(delete_partner);
}
