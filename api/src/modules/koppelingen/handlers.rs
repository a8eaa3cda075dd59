//! Koppelingen: machine-accounts van gemeentelijke systemen (CRM, subsidiesysteem).
//!
//! Een koppeling hoort bij één gemeente en heeft expliciete scopes. Het client
//! secret is alleen te zien in het antwoord dat het maakt (aanmaken of vernieuwen)
//! en wordt gehasht bewaard. Alleen de `gemeente_beheerder` van de gemeente maakt,
//! wijzigt, trekt in of vernieuwt een koppeling, welke scopes ze ook heeft; de regio
//! leest ze alleen (DOMAIN.md, "Who governs access to a municipality").

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, get, patch, post, web};
use chrono::Utc;
use entity::koppeling;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryTrait,
};
use uuid::Uuid;

use super::invoer::*;
use super::weergave::*;
use crate::audit::{Actie, Wijzigingen};
use crate::auth::Recht;
use crate::auth::secrets::{self, Hash, Tokens};
use crate::http::etag::IfMatch;
use crate::http::invoer::Invoer;
use crate::http::pagination::Lijst;
use crate::http::pagination::{Pagina, PaginaParams};
use crate::http::problem::{ApiError, ApiResult, Code, Problem, UniekeSleutel, uniek};
use crate::http::sorting::Sortering;
use crate::tenancy::Context;

fn conflict(error: sea_orm::DbErr) -> ApiError {
    uniek(
        error,
        &[UniekeSleutel {
            constraint: "koppeling_gemeente_id_naam_key",
            code: Code::DubbeleNaam,
            detail: "Deze gemeente heeft al een koppeling met deze naam.",
        }],
    )
}

/// Koppelingen
///
/// De koppelingen van de eigen gemeente; voor een `regio_beheerder` van alle gemeenten.
#[utoipa::path(
    operation_id = "listKoppelingen",
    params(PaginaParams, KoppelingenParams),
    responses(
        (status = 200, description = "Een pagina koppelingen.", body = Pagina<Koppeling>),
    ),
)]
#[get("/koppelingen")]
pub async fn list(ctx: Context, lijst: Lijst<KoppelingenParams>) -> ApiResult<HttpResponse> {
    ctx.require(Recht::KoppelingenBeheren)?;
    let sortering = Sortering::parse(lijst.params.sorteer.as_deref(), KoppelingSortering::Naam)?;
    let select = ctx
        .scoped_in(koppeling::Entity::find(), lijst.params.gemeente.as_deref())
        .await?
        .apply_if(lijst.params.actief, |q, actief| {
            q.filter(koppeling::Column::Actief.eq(actief))
        });
    let select = sortering.apply(select, koppeling::Column::Id);
    ctx.pagina(&lijst, select).await
}

/// Eén koppeling
#[utoipa::path(
    operation_id = "getKoppeling",
    params(("id" = Uuid, Path, description = "Id van de koppeling")),
    responses(
        (status = 200, description = "De koppeling, met `ETag`.", body = Koppeling),
    ),
)]
#[get("/koppelingen/{id}")]
pub async fn get(ctx: Context, id: web::Path<Uuid>) -> ApiResult<HttpResponse> {
    ctx.require(Recht::KoppelingenBeheren)?;
    ctx.lees::<koppeling::Entity>(*id).await
}

/// Koppeling aanmaken
///
/// Het antwoord bevat het client secret; het is daarna nooit meer te zien.
#[utoipa::path(
    operation_id = "createKoppeling",
    request_body = NieuweKoppeling,
    responses(
        (status = 201, description = "Aangemaakt, met `Location`, `ETag` en het client secret.", body = KoppelingMetGeheim),
        (status = 403, description = "Niet de `gemeente_beheerder` van de gemeente: `alleen_gemeente_beheerder` (ook voor de regio).", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Een koppeling met deze naam bestaat al.", body = Problem, content_type = "application/problem+json"),
    ),
)]
#[post("/koppelingen")]
pub async fn create(ctx: Context, mut invoer: Invoer<NieuweKoppeling>) -> ApiResult<HttpResponse> {
    ctx.require(Recht::KoppelingenBeheren)?;
    ctx.require(Recht::GemeenteToegangBeheren)?;
    let codes = ctx.codes().await?;
    let gemeente = invoer.deel().and_then(|d| d.gemeente);
    let gemeente_id = ctx.target_gemeente(
        gemeente.as_ref(),
        &codes,
        true,
        "koppelingen",
        invoer.fouten(),
    );
    let NieuweKoppeling { naam, scopes, .. } = invoer.klaar()?;
    let Some(gemeente_id) = gemeente_id else {
        return Err(ApiError::Internal("validatie liet gemeente door".into()));
    };

    let (secret, secret_hash) = secrets::new_client_secret()?;
    let now = Utc::now();
    let namen: Vec<String> = scopes.iter().map(|s| s.as_str().to_owned()).collect();
    let model = koppeling::ActiveModel {
        id: Set(Uuid::now_v7()),
        gemeente_id: Set(gemeente_id),
        naam: Set(naam.clone()),
        scopes: Set(namen.clone()),
        actief: Set(true),
        geheim_vernieuwd_op: Set(now),
        beheerd_door: Set(met_beheerder(&ctx, Vec::new())),
        ..Default::default()
    }
    .insert(ctx.db())
    .await
    .map_err(conflict)?;
    secrets::hash_zetten(
        ctx.db(),
        Hash::Geheim,
        model.id,
        Some(secret_hash),
        Tokens::Nieuw,
    )
    .await?;
    ctx.vastleggen(
        Actie::Aangemaakt,
        RESOURCE,
        Some(gemeente_id),
        model.id,
        Wijzigingen::new()
            .nieuw("naam", &naam)
            .nieuw("gemeente", codes.get(&gemeente_id))
            .nieuw("scopes", &namen)
            .nieuw("actief", true)
            .alleen_naam("clientSecret"),
    )
    .await?;
    let response = with_etag(StatusCode::CREATED, &model).json(KoppelingMetGeheim {
        koppeling: Koppeling::from_model(model, &codes),
        client_secret: secret,
    });
    ctx.commit_then(response).await
}

/// Koppeling wijzigen of intrekken
///
/// `{"actief": false}` trekt de koppeling in: haar tokens werken direct niet meer.
#[utoipa::path(
    operation_id = "updateKoppeling",
    params(
        ("id" = Uuid, Path, description = "Id van de koppeling"),
    ),
    request_body = KoppelingWijziging,
    responses(
        (status = 200, description = "Gewijzigd, met de nieuwe `ETag`.", body = Koppeling),
        (status = 403, description = "Niet de `gemeente_beheerder` van de gemeente: `alleen_gemeente_beheerder` (ook voor de regio).", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Een koppeling met deze naam bestaat al.", body = Problem, content_type = "application/problem+json"),
    ),
)]
#[patch("/koppelingen/{id}")]
pub async fn update(
    if_match: IfMatch,
    ctx: Context,
    id: web::Path<Uuid>,
    invoer: Invoer<KoppelingWijziging>,
) -> ApiResult<HttpResponse> {
    ctx.require(Recht::KoppelingenBeheren)?;
    // Eerst wie de koppeling beheert (403), dan vastzetten: de database laat alleen
    // die haar vastzetten voor een wijziging.
    ctx.beheert_account(Some(ctx.find::<koppeling::Entity>(*id).await?.gemeente_id))?;
    let huidig = ctx.find_for_update::<koppeling::Entity>(*id).await?;
    let KoppelingWijziging {
        naam,
        scopes,
        actief,
        ..
    } = invoer.klaar()?;
    // Eerst de invoer (400), dan de versie (412): een fout verzoek is fout, welke
    // versie het ook noemt.
    if_match.check(huidig.version)?;

    let mut w = Wijzigingen::new();
    let mut model: koppeling::ActiveModel = huidig.clone().into();
    w.zet("naam", &mut model.naam, naam);
    let namen = scopes.map(|s| s.iter().map(|s| s.as_str().to_owned()).collect());
    if namen.as_ref().is_some_and(|n| *n != huidig.scopes) {
        model.beheerd_door = Set(met_beheerder(&ctx, huidig.beheerd_door.clone()));
    }
    w.zet("scopes", &mut model.scopes, namen);
    w.zet("actief", &mut model.actief, actief);
    ctx.gewijzigd::<koppeling::Entity, _>(huidig, model, w, conflict)
        .await
}

/// Client secret vernieuwen
///
/// Maakt een nieuw secret; het oude werkt niet meer, en tokens die ermee verkregen
/// zijn ook niet. Alleen de `gemeente_beheerder` van de gemeente.
#[utoipa::path(
    operation_id = "renewKoppelingGeheim",
    params(("id" = Uuid, Path, description = "Id van de koppeling")),
    responses(
        (status = 200, description = "Het nieuwe secret; alleen nu te zien.", body = NieuwGeheim),
        (status = 403, description = "Niet de `gemeente_beheerder` van de gemeente: `alleen_gemeente_beheerder` (ook voor de regio).", body = Problem, content_type = "application/problem+json"),
    ),
)]
#[post("/koppelingen/{id}/geheim")]
pub async fn renew_secret(ctx: Context, id: web::Path<Uuid>) -> ApiResult<HttpResponse> {
    ctx.require(Recht::KoppelingenBeheren)?;
    // Eerst wie de koppeling beheert (403), dan vastzetten: de database laat alleen
    // die haar vastzetten voor een wijziging.
    ctx.beheert_account(Some(ctx.find::<koppeling::Entity>(*id).await?.gemeente_id))?;
    let huidig = ctx.find_for_update::<koppeling::Entity>(*id).await?;
    let (secret, secret_hash) = secrets::new_client_secret()?;
    let now = Utc::now();
    let mut model: koppeling::ActiveModel = huidig.clone().into();
    model.beheerd_door = Set(met_beheerder(&ctx, huidig.beheerd_door.clone()));
    model.geheim_vernieuwd_op = Set(now);
    let model = model.update(ctx.db()).await?;
    secrets::hash_zetten(
        ctx.db(),
        Hash::Geheim,
        model.id,
        Some(secret_hash),
        Tokens::Vervallen,
    )
    .await?;
    ctx.vastleggen(
        Actie::GeheimVernieuwd,
        RESOURCE,
        Some(model.gemeente_id),
        model.id,
        Wijzigingen::new().alleen_naam("clientSecret"),
    )
    .await?;
    let response = with_etag(StatusCode::OK, &model).json(NieuwGeheim {
        client_id: model.id.to_string(),
        client_secret: secret,
        geheim_vernieuwd_op: model.geheim_vernieuwd_op,
    });
    ctx.commit_then(response).await
}

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(list)
        .service(get)
        .service(create)
        .service(update)
        .service(renew_secret);
}
