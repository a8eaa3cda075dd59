//! Lidmaatschappen: een sleutelpersoon in een netwerk van dezelfde gemeente (de
//! database dwingt dat af met de samengestelde sleutels), met rol en, bij een
//! wijknetwerk, het belang dat hij vertegenwoordigt.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, delete, get, patch, post, web};
use entity::soorten::{LidRol, NetwerkVorm};
use entity::{netwerk, netwerk_lid, sleutelpersoon};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder,
};
use uuid::Uuid;

use crate::audit::{Actie, Wijzigingen};
use crate::auth::Recht;
use crate::http::etag::{IfMatch, resource_response};
use crate::http::invoer::{Fouten, Invoer};
use crate::http::pagination::{Lijst, Pagina, PaginaParams};
use crate::http::problem::{ApiError, ApiResult, Code, Problem, UniekeSleutel, uniek};
use crate::tenancy::Context;

use super::invoer::*;
use super::weergave::*;

const RESOURCE: &str = "netwerk_lid";

fn conflict(error: sea_orm::DbErr) -> ApiError {
    uniek(
        error,
        &[UniekeSleutel {
            constraint: "netwerk_lid_netwerk_id_sleutelpersoon_id_key",
            code: Code::AlLid,
            detail: "Deze sleutelpersoon is al lid van dit netwerk.",
        }],
    )
}

async fn respond(
    ctx: &Context,
    status: StatusCode,
    m: netwerk_lid::Model,
) -> ApiResult<HttpResponse> {
    let codes = ctx.codes().await?;
    let version = m.version;
    let pad = format!("/api/v1/netwerken/{}/leden/{}", m.netwerk_id, m.id);
    Ok(resource_response(status, version, &pad).json(lid(m, &codes)))
}

/// Het lidmaatschap `lid_id` van netwerk `netwerk_id`, binnen de scope; anders 404.
async fn vind(ctx: &Context, netwerk_id: Uuid, lid_id: Uuid) -> ApiResult<netwerk_lid::Model> {
    let lid = ctx.find_for_update::<netwerk_lid::Entity>(lid_id).await?;
    if lid.netwerk_id == netwerk_id {
        Ok(lid)
    } else {
        Err(ApiError::NotFound)
    }
}

fn regels(
    vorm: NetwerkVorm,
    belang: bool,
    begin: Option<chrono::NaiveDate>,
    eind: Option<chrono::NaiveDate>,
    fouten: &mut Fouten,
) {
    fouten.check(
        !belang || vorm == NetwerkVorm::Wijknetwerk,
        "belang",
        "ongeldig",
        "Alleen een lid van een wijknetwerk vertegenwoordigt een belang.",
    );
    if let (Some(b), Some(e)) = (begin, eind) {
        fouten.check(
            e >= b,
            "eind",
            "ongeldig",
            "Het einde ligt niet vóór het begin.",
        );
    }
}

/// Leden van een netwerk
///
/// Ids van sleutelpersonen met hun rol, zonder persoonsgegevens. Niet voor de regio.
#[utoipa::path(
    operation_id = "listNetwerkLeden",
    params(("id" = Uuid, Path, description = "Id van het netwerk"), PaginaParams),
    responses(
        (status = 200, description = "Een pagina lidmaatschappen, oudste eerst.", body = Pagina<Lidmaatschap>),
    ),
)]
#[get("/netwerken/{id}/leden")]
pub async fn list(ctx: Context, id: web::Path<Uuid>, lijst: Lijst) -> ApiResult<HttpResponse> {
    ctx.require(Recht::SleutelpersonenLezen)?;
    let netwerk = ctx.find::<netwerk::Entity>(*id).await?;
    let select = ctx
        .scoped(netwerk_lid::Entity::find())
        .filter(netwerk_lid::Column::NetwerkId.eq(netwerk.id))
        .order_by_asc(netwerk_lid::Column::CreatedAt)
        .order_by_asc(netwerk_lid::Column::Id);
    let codes = ctx.codes().await?;
    Ok(lijst.uit(select, ctx.db(), |m| lid(m, &codes)).await?)
}

/// Lid toevoegen
#[utoipa::path(
    operation_id = "createNetwerkLid",
    params(("id" = Uuid, Path, description = "Id van het netwerk")),
    request_body = NieuwLidmaatschap,
    responses(
        (status = 201, description = "Lid geworden.", body = Lidmaatschap),
        (status = 409, description = "Al lid.", body = Problem, content_type = "application/problem+json"),
    ),
)]
#[post("/netwerken/{id}/leden")]
pub async fn create(
    ctx: Context,
    id: web::Path<Uuid>,
    mut invoer: Invoer<NieuwLidmaatschap>,
) -> ApiResult<HttpResponse> {
    ctx.require(Recht::NetwerkenSchrijven)?;
    let netwerk = ctx.find_om_te_verwijzen::<netwerk::Entity>(*id).await?;
    ctx.verwijzing::<sleutelpersoon::Entity, _>(&mut invoer, "sleutelpersoonId")
        .await?;
    let mut fouten = Fouten::new();
    regels(
        netwerk.vorm,
        invoer.heeft("belang"),
        invoer.veld("begin"),
        invoer.veld("eind"),
        &mut fouten,
    );
    invoer.fouten().voeg_toe(fouten);
    let n = invoer.klaar()?;
    let model = netwerk_lid::ActiveModel {
        id: Set(Uuid::now_v7()),
        gemeente_id: Set(netwerk.gemeente_id),
        netwerk_id: Set(netwerk.id),
        sleutelpersoon_id: Set(n.sleutelpersoon_id),
        rol: Set(n.rol.unwrap_or(LidRol::Lid)),
        belang: Set(n.belang),
        begin: Set(n.begin),
        eind: Set(n.eind),
        ..Default::default()
    }
    .insert(ctx.db())
    .await
    .map_err(conflict)?;
    let codes = ctx.codes().await?;
    let w = Wijzigingen::aangemaakt(RESOURCE, &lid(model.clone(), &codes));
    ctx.vastleggen(
        Actie::Aangemaakt,
        RESOURCE,
        Some(model.gemeente_id),
        model.id,
        w,
    )
    .await?;
    let response = respond(&ctx, StatusCode::CREATED, model).await?;
    ctx.commit_then(response).await
}

/// Lidmaatschap wijzigen
#[utoipa::path(
    operation_id = "updateNetwerkLid",
    params(
        ("id" = Uuid, Path, description = "Id van het netwerk"),
        ("lidId" = Uuid, Path, description = "Id van het lidmaatschap"),
    ),
    request_body = LidmaatschapWijziging,
    responses(
        (status = 200, description = "Gewijzigd.", body = Lidmaatschap),
    ),
)]
#[patch("/netwerken/{id}/leden/{lidId}")]
pub async fn update(
    if_match: IfMatch,
    ctx: Context,
    pad: web::Path<(Uuid, Uuid)>,
    mut invoer: Invoer<LidmaatschapWijziging>,
) -> ApiResult<HttpResponse> {
    ctx.require(Recht::NetwerkenSchrijven)?;
    let (netwerk_id, lid_id) = pad.into_inner();
    let netwerk = ctx.find::<netwerk::Entity>(netwerk_id).await?;
    let huidig = vind(&ctx, netwerk.id, lid_id).await?;
    let begin = if invoer.is_null("begin") {
        None
    } else {
        invoer.veld("begin").or(huidig.begin)
    };
    let eind = if invoer.is_null("eind") {
        None
    } else {
        invoer.veld("eind").or(huidig.eind)
    };
    let mut fouten = Fouten::new();
    regels(
        netwerk.vorm,
        invoer.heeft("belang"),
        begin,
        eind,
        &mut fouten,
    );
    invoer.fouten().voeg_toe(fouten);
    let i = invoer.klaar()?;
    if_match.check(huidig.version)?;
    let mut model: netwerk_lid::ActiveModel = huidig.clone().into();
    let mut w = Wijzigingen::new();
    w.zet("rol", &mut model.rol, i.rol);
    w.zet("belang", &mut model.belang, i.belang.wijziging());
    w.zet("begin", &mut model.begin, i.begin.wijziging());
    w.zet("eind", &mut model.eind, i.eind.wijziging());
    let model = ctx
        .bewaar_wijziging(RESOURCE, Some(huidig.gemeente_id), model, w, conflict)
        .await?
        .unwrap_or(huidig);
    let response = respond(&ctx, StatusCode::OK, model).await?;
    ctx.commit_then(response).await
}

/// Lidmaatschap beëindigen en verwijderen
///
/// Wie alleen stopt, krijgt beter een `eind`: dan telt de uitstroom mee.
#[utoipa::path(
    operation_id = "deleteNetwerkLid",
    params(
        ("id" = Uuid, Path, description = "Id van het netwerk"),
        ("lidId" = Uuid, Path, description = "Id van het lidmaatschap"),
    ),
    responses(
        (status = 204, description = "Verwijderd."),
    ),
)]
#[delete("/netwerken/{id}/leden/{lidId}")]
pub async fn remove(
    if_match: IfMatch,
    ctx: Context,
    pad: web::Path<(Uuid, Uuid)>,
) -> ApiResult<HttpResponse> {
    ctx.require(Recht::NetwerkenSchrijven)?;
    let (netwerk_id, lid_id) = pad.into_inner();
    let huidig = vind(&ctx, netwerk_id, lid_id).await?;
    if_match.check(huidig.version)?;
    ctx.verwijder::<netwerk_lid::Entity>(
        RESOURCE,
        &huidig,
        Wijzigingen::new().waarde(
            "sleutelpersoonId",
            huidig.sleutelpersoon_id,
            serde_json::Value::Null,
        ),
    )
    .await
}
