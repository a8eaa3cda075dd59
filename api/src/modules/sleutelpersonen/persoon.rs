//! Eén persoon: haar gegevens zoals de database ze deze context geeft, haar
//! representatie, haar statusgeschiedenis en het anonimiseren.

use std::collections::HashMap;

use chrono::Utc;
use entity::sleutelpersoon_status;
use entity::{sleutelpersoon, sleutelpersoon_gegevens as gegevens};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbBackend, EntityTrait,
    QueryFilter, QueryOrder, Statement,
};
use uuid::Uuid;

use crate::audit::verwerking::{Activiteit, Handeling};
use crate::audit::{Actie, Wijzigingen};
use crate::http::problem::{ApiError, ApiResult, Code};
use crate::tenancy::Context;

use super::weergave::*;

pub(super) const RESOURCE: &str = "sleutelpersoon";

/// De velden met persoonsgegevens: in de audit trail alleen bij naam.
pub(super) const PERSOONLIJK: &[&str] = &[
    "voornaam",
    "achternaam",
    "email",
    "telefoon",
    "achterban",
    "notities",
    "opvolgers",
    "diversiteit",
    "levensbeschouwing",
    "zichtbaarVoor",
];

/// De persoonsgegevens van `ids` die de database deze context geeft.
pub(super) async fn gegevens_van(
    ctx: &Context,
    ids: &[Uuid],
) -> ApiResult<HashMap<Uuid, gegevens::Model>> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    Ok(gegevens::Entity::find()
        .filter(gegevens::Column::SleutelpersoonId.is_in(ids.iter().copied()))
        .all(ctx.db())
        .await?
        .into_iter()
        .map(|g| (g.sleutelpersoon_id, g))
        .collect())
}

/// Representaties van `rijen`; voor wie persoonsgegevens kreeg, één regel in het
/// verwerkingenlogboek (`handeling`, activiteit netwerkbeheer).
pub(super) async fn toon(
    ctx: &Context,
    rijen: Vec<sleutelpersoon::Model>,
    handeling: Handeling,
) -> ApiResult<Vec<Sleutelpersoon>> {
    let ids: Vec<Uuid> = rijen.iter().map(|r| r.id).collect();
    let mut gegevens = gegevens_van(ctx, &ids).await?;
    let gezien: Vec<Uuid> = ids
        .iter()
        .copied()
        .filter(|id| gegevens.contains_key(id))
        .collect();
    ctx.verwerkt(&gezien, handeling, Activiteit::Netwerkbeheer)
        .await?;
    let codes = ctx.codes().await?;
    Ok(rijen
        .into_iter()
        .map(|r| {
            let g = gegevens.remove(&r.id);
            representatie(r, g, &codes, None)
        })
        .collect())
}

/// Eén sleutelpersoon met statusgeschiedenis, gelogd als hij persoonsgegevens bevat.
pub(super) async fn een(ctx: &Context, model: sleutelpersoon::Model) -> ApiResult<Sleutelpersoon> {
    let historie = historie(ctx, model.id).await?;
    let mut r = toon(ctx, vec![model], Handeling::Lezen)
        .await?
        .pop()
        .ok_or(ApiError::NotFound)?;
    r.status_historie = Some(historie);
    Ok(r)
}

pub(super) async fn historie(ctx: &Context, id: Uuid) -> ApiResult<Vec<StatusRegel>> {
    Ok(sleutelpersoon_status::Entity::find()
        .filter(sleutelpersoon_status::Column::SleutelpersoonId.eq(id))
        .order_by_asc(sleutelpersoon_status::Column::CreatedAt)
        .order_by_asc(sleutelpersoon_status::Column::Id)
        .all(ctx.db())
        .await?
        .into_iter()
        .map(StatusRegel::from)
        .collect())
}

pub(super) async fn status_vastleggen(
    ctx: &Context,
    model: &sleutelpersoon::Model,
    door: Option<Uuid>,
) -> ApiResult<()> {
    sleutelpersoon_status::ActiveModel {
        id: Set(Uuid::now_v7()),
        gemeente_id: Set(model.gemeente_id),
        sleutelpersoon_id: Set(model.id),
        status: Set(model.status),
        datum: Set(model.status_sinds),
        uitstroomreden: Set(model.uitstroomreden),
        door: Set(door.or(ctx.caller.actor.id())),
        created_at: Set(Utc::now()),
    }
    .insert(ctx.db())
    .await?;
    Ok(())
}

pub(super) fn niet_geanonimiseerd(model: &sleutelpersoon::Model) -> ApiResult<()> {
    match model.geanonimiseerd_op {
        None => Ok(()),
        Some(_) => Err(ApiError::Conflict(
            Code::Geanonimiseerd,
            "Deze sleutelpersoon is geanonimiseerd; er valt niets meer te wijzigen.".into(),
        )),
    }
}

pub(super) fn afgeschermd() -> ApiError {
    ApiError::Forbidden(
        Code::VerhoogdRisico,
        "De persoonsgegevens van deze sleutelpersoon (verhoogd risico) zijn alleen voor de genoemde ambtenaren."
            .into(),
    )
}

/// Anonimiseert `huidig` (niet al geanonimiseerd, en de aanroeper ziet haar gegevens:
/// anders 403) met alles wat aan haar vastzit, en legt het vast in de audit trail:
/// bij intrekken van toestemming en bij een gehonoreerd bezwaar.
pub(super) async fn anonimiseren(ctx: &Context, huidig: &sleutelpersoon::Model) -> ApiResult<()> {
    if gegevens_van(ctx, &[huidig.id]).await?.is_empty() {
        return Err(afgeschermd());
    }
    let gelukt = ctx
        .db()
        .query_one_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "SELECT weefsel_anonimiseren($1, $2) AS gelukt",
            [huidig.id.into(), ctx.request_id().map(str::to_owned).into()],
        ))
        .await?
        .and_then(|rij| rij.try_get::<bool>("", "gelukt").ok())
        .unwrap_or(false);
    if !gelukt {
        return Err(ApiError::Internal("anonimiseren weigerde".into()));
    }
    let mut w = Wijzigingen::new().waarde("geanonimiseerd", false, true);
    for veld in PERSOONLIJK {
        w = w.alleen_naam(veld);
    }
    ctx.vastleggen(
        Actie::Gewijzigd,
        RESOURCE,
        Some(huidig.gemeente_id),
        huidig.id,
        w,
    )
    .await
}
