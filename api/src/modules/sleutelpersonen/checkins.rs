//! Check-ins: de periodieke vraag aan een sleutelpersoon hoe het gaat (seed 003, stap
//! 11), vooral bij verhoogd risico. De notitie is persoonsgegeven: alleen wie de
//! persoonsgegevens van de persoon ziet, leest en schrijft check-ins (row-level
//! security), elke keer lezen staat in het verwerkingenlogboek, en anonimiseren
//! verwijdert ze. `sleutelpersoon.laatste_checkin` houdt de laatste bij voor de
//! gezondheid van netwerken.

use crate::http::problem::Foutcode;
use actix_web::{HttpResponse, get, post, web};
use chrono::{DateTime, NaiveDate, Utc};
use entity::{sleutelpersoon, sleutelpersoon_checkin as checkin};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, QueryFilter, QueryOrder};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::audit::verwerking::{Activiteit, Handeling};
use crate::audit::{Actie, Wijzigingen};
use crate::auth::Recht;
use crate::http::invoer::{Fouten, Invoer, meer_regels};
use crate::http::pagination::{Lijst, Pagina, PaginaParams};
use crate::http::problem::{ApiError, ApiResult};
use crate::tenancy::{Context, Onder};

const RESOURCE: &str = "sleutelpersoon_checkin";

/// Een nieuwe check-in.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NieuweCheckin {
    /// Wanneer; standaard vandaag, niet in de toekomst.
    pub(super) datum: Option<NaiveDate>,
    /// Hoe het gaat en wat er afgesproken is (persoonsgegeven).
    #[schema(schema_with = meer_regels::<2000>)]
    pub(super) notitie: Option<String>,
}

/// Een check-in.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Checkin {
    pub id: Uuid,
    pub sleutelpersoon_id: Uuid,
    pub datum: NaiveDate,
    pub notitie: Option<String>,
    /// `gebruiker` of `koppeling`.
    pub actor_soort: String,
    pub actor_id: Option<Uuid>,
    pub aangemaakt_op: DateTime<Utc>,
    /// Uitgefaseerd: gebruik `aangemaaktOp` (weg in de volgende major-versie).
    #[schema(deprecated)]
    pub created_at: DateTime<Utc>,
}

pub(super) fn weergave(m: checkin::Model) -> Checkin {
    Checkin {
        id: m.id,
        sleutelpersoon_id: m.sleutelpersoon_id,
        datum: m.datum,
        notitie: m.notitie,
        actor_soort: m.actor_soort,
        actor_id: m.actor_id,
        aangemaakt_op: m.created_at,
        created_at: m.created_at,
    }
}

impl Onder for checkin::Entity {
    fn ouder_kolom() -> checkin::Column {
        checkin::Column::SleutelpersoonId
    }

    fn ouder(c: &checkin::Model) -> Uuid {
        c.sleutelpersoon_id
    }
}

/// De persoon, als de aanroeper zijn persoonsgegevens ziet; bij verhoogd risico en
/// niet genoemd bestaat ze hier niet (404), voor lezen en schrijven.
pub(super) async fn persoon(ctx: &Context, id: Uuid) -> ApiResult<sleutelpersoon::Model> {
    let persoon = ctx.find_for_update::<sleutelpersoon::Entity>(id).await?;
    if !super::genoemd(ctx, &persoon) || super::zichtbaar(ctx, [persoon.id]).await?.is_empty() {
        return Err(ApiError::NotFound);
    }
    Ok(persoon)
}

/// Check-ins van een sleutelpersoon
#[utoipa::path(
    operation_id = "listCheckins",
    params(("id" = Uuid, Path, description = "Id van de sleutelpersoon"), PaginaParams),
    responses(
        (status = 200, description = "Een pagina check-ins, nieuwste eerst.", body = Pagina<Checkin>),
    ),
)]
#[get("/sleutelpersonen/{id}/checkins")]
pub async fn list_checkins(
    ctx: Context,
    id: web::Path<Uuid>,
    lijst: Lijst,
) -> ApiResult<HttpResponse> {
    ctx.require(Recht::PersoonsgegevensLezen)?;
    let persoon = persoon(&ctx, *id).await?;
    let select = ctx
        .onder::<checkin::Entity>(persoon.id)
        .order_by_desc(checkin::Column::Datum)
        .order_by_desc(checkin::Column::Id);
    let antwoord = lijst.uit(select, ctx.db(), weergave).await?;
    ctx.verwerkt(&[persoon.id], Handeling::Lezen, Activiteit::Netwerkbeheer)
        .await?;
    ctx.commit_then(antwoord).await
}

/// Eén check-in
///
/// De `Location` van een nieuwe check-in; dezelfde rechten en dezelfde regel in het
/// verwerkingenlogboek als de lijst.
#[utoipa::path(
    operation_id = "getCheckin",
    params(
        ("id" = Uuid, Path, description = "Id van de sleutelpersoon"),
        ("checkinId" = Uuid, Path, description = "Id van de check-in"),
    ),
    responses(
        (status = 200, description = "De check-in.", body = Checkin),
    ),
)]
#[get("/sleutelpersonen/{id}/checkins/{checkinId}")]
pub async fn get_checkin(ctx: Context, pad: web::Path<(Uuid, Uuid)>) -> ApiResult<HttpResponse> {
    let (id, checkin_id) = pad.into_inner();
    let rij =
        bij_persoon::<checkin::Entity>(&ctx, id, checkin_id, checkin::Column::SleutelpersoonId)
            .await?;
    ctx.commit_then(HttpResponse::Ok().json(weergave(rij)))
        .await
}

/// Rij `id` van `E` (een check-in, een bezwaar) bij persoon `persoon_id`, voor wie de
/// persoonsgegevens van de persoon ziet (anders 403 of 404), met een regel in het
/// verwerkingenlogboek.
pub(super) async fn bij_persoon<E>(
    ctx: &Context,
    persoon_id: Uuid,
    id: Uuid,
    persoon_kolom: E::Column,
) -> ApiResult<E::Model>
where
    E: crate::tenancy::TenantOwned,
    <E::PrimaryKey as sea_orm::PrimaryKeyTrait>::ValueType: From<Uuid>,
{
    ctx.require(Recht::PersoonsgegevensLezen)?;
    let persoon = persoon(ctx, persoon_id).await?;
    let rij = ctx
        .scoped(E::find_by_id(id))
        .filter(persoon_kolom.eq(persoon.id))
        .one(ctx.db())
        .await?
        .ok_or(ApiError::NotFound)?;
    ctx.verwerkt(&[persoon.id], Handeling::Lezen, Activiteit::Netwerkbeheer)
        .await?;
    Ok(rij)
}

/// Check-in vastleggen
#[utoipa::path(
    operation_id = "createCheckin",
    params(("id" = Uuid, Path, description = "Id van de sleutelpersoon")),
    request_body = NieuweCheckin,
    responses(
        (status = 201, description = "Vastgelegd, met `Location`.", body = Checkin),
    ),
)]
#[post("/sleutelpersonen/{id}/checkins")]
pub async fn create_checkin(
    ctx: Context,
    id: web::Path<Uuid>,
    mut invoer: Invoer<NieuweCheckin>,
) -> ApiResult<HttpResponse> {
    ctx.require(Recht::SleutelpersonenSchrijven)?;
    ctx.require(Recht::PersoonsgegevensLezen)?;
    let persoon = persoon(&ctx, *id).await?;
    let vandaag = crate::domein::tijd::vandaag();
    let mut fouten = Fouten::new();
    fouten.check(
        invoer
            .deel()
            .and_then(|d| d.datum)
            .is_none_or(|d| d <= vandaag),
        "datum",
        Foutcode::Ongeldig,
        "Een check-in ligt niet in de toekomst.",
    );
    invoer.fouten().voeg_toe(fouten);
    let n = invoer.klaar()?;
    let datum = n.datum.unwrap_or(vandaag);
    let model = checkin::ActiveModel {
        id: Set(Uuid::now_v7()),
        gemeente_id: Set(persoon.gemeente_id),
        sleutelpersoon_id: Set(persoon.id),
        datum: Set(datum),
        notitie: Set(n.notitie),
        actor_soort: Set(ctx.caller.actor.soort().to_owned()),
        actor_id: Set(ctx.caller.actor.id()),
        created_at: Set(Utc::now()),
    }
    .insert(ctx.db())
    .await?;
    if persoon.laatste_checkin.is_none_or(|d| d < datum) {
        let mut p: sleutelpersoon::ActiveModel = persoon.clone().into();
        p.laatste_checkin = Set(Some(datum));
        p.update(ctx.db()).await?;
    }
    let w = Wijzigingen::new()
        .nieuw("sleutelpersoonId", model.sleutelpersoon_id)
        .nieuw("datum", model.datum)
        .alleen_naam_als(model.notitie.is_some(), "notitie");
    ctx.vastleggen(
        Actie::Aangemaakt,
        RESOURCE,
        Some(model.gemeente_id),
        model.id,
        w,
    )
    .await?;
    let pad = format!(
        "/api/v1/sleutelpersonen/{}/checkins/{}",
        model.sleutelpersoon_id, model.id
    );
    let response = HttpResponse::Created()
        .insert_header((actix_web::http::header::LOCATION, pad))
        .json(weergave(model));
    ctx.commit_then(response).await
}
