//! De sociale kaart als dienst voor de rest: wat de aanroeper ziet (de eigen kaart en
//! de regionale catalogus), of organisaties daar bestaan, en of er een in gebruik is.

use crate::auth::Recht;
use crate::http::invoer::Invoer;
use crate::http::problem::Foutcode;
use crate::http::problem::{ApiError, ApiResult};
use crate::tenancy::Context;
use entity::organisatie;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QuerySelect, Select};
use utoipa::ToSchema;
use uuid::Uuid;

/// Wat de aanroeper ziet: de eigen kaart en de regionale catalogus; de regio alles.
pub(crate) fn zichtbaar(
    ctx: &Context,
    select: Select<organisatie::Entity>,
) -> Select<organisatie::Entity> {
    if ctx.caller.is_regionaal() {
        return select;
    }
    select.filter(
        organisatie::Column::GemeenteId
            .is_null()
            .or(organisatie::Column::GemeenteId.eq(ctx.gemeente_id())),
    )
}

/// Dient de organisatie gebied `gebied`? De regionale catalogus dient elk gebied; een
/// organisatie van een gemeente het gebied, zijn voorouders en afstammelingen in haar
/// `gebiedIds`, of zonder gebieden de hele gemeente.
pub(crate) fn dient(gebied: Uuid) -> sea_orm::sea_query::SimpleExpr {
    organisatie::Column::GemeenteId
        .is_null()
        .or(crate::modules::gebieden::dekt("gebied_ids", gebied))
}

/// Eén organisatie die de aanroeper ziet; anders 404.
pub(crate) async fn vind(ctx: &Context, id: Uuid) -> ApiResult<organisatie::Model> {
    zichtbaar(ctx, organisatie::Entity::find_by_id(id))
        .one(ctx.db())
        .await?
        .ok_or(ApiError::NotFound)
}

/// Een organisatie die de aanroeper ziet en mag bijhouden, vergrendeld tot het einde
/// van de transactie (`FOR UPDATE` volgt de schrijfregel, dus eerst zien, dan het
/// recht, dan vergrendelen): 404 als hij haar niet ziet, 403 als hij haar niet mag
/// bijhouden.
pub(super) async fn vind_om_te_schrijven(ctx: &Context, id: Uuid) -> ApiResult<organisatie::Model> {
    let gezien = vind(ctx, id).await?;
    mag_schrijven(ctx, gezien.gemeente_id)?;
    zichtbaar(ctx, organisatie::Entity::find_by_id(id))
        .lock_exclusive()
        .one(ctx.db())
        .await?
        .ok_or(ApiError::NotFound)
}

/// Het recht om deze organisatie bij te houden: de catalogus alleen de regio, een
/// kaart alleen haar gemeente.
pub(super) fn mag_schrijven(ctx: &Context, gemeente_id: Option<Uuid>) -> ApiResult<()> {
    match gemeente_id {
        None => ctx.require(Recht::CatalogusSchrijven),
        Some(_) => ctx.require(Recht::OrganisatiesSchrijven),
    }
}

/// Is de organisatie partner van een netwerk, deelnemer aan een oefening of genoemd in
/// de toestemming van een sleutelpersoon (`delenMet`)? Een
/// organisatie van een gemeente kan alleen daar in gebruik zijn; de catalogus
/// verwijdert de regio, die alle gemeenten leest.
pub(super) async fn in_gebruik(ctx: &Context, id: Uuid) -> ApiResult<bool> {
    let partner = entity::netwerk_partner::Entity::find()
        .filter(entity::netwerk_partner::Column::OrganisatieId.eq(id))
        .one(ctx.db())
        .await?;
    if partner.is_some() {
        return Ok(true);
    }
    let oefening = entity::oefening::Entity::find()
        .filter(Expr::cust_with_values("$1 = ANY (organisaties)", [id]))
        .one(ctx.db())
        .await?;
    if oefening.is_some() {
        return Ok(true);
    }
    let toestemming = entity::sleutelpersoon::Entity::find()
        .filter(Expr::cust_with_values(
            "$1 = ANY (delen_met)",
            [id.to_string()],
        ))
        .one(ctx.db())
        .await?;
    Ok(toestemming.is_some())
}

/// Bestaat elke organisatie in veld `veld` (een lijst ids) op de sociale kaart van
/// de aanroeper of in de regionale catalogus? Anders een fout op dat veld.
pub(crate) async fn controleer_ids<T: serde::de::DeserializeOwned + ToSchema>(
    ctx: &Context,
    invoer: &mut Invoer<T>,
    veld: &str,
) -> ApiResult<()> {
    let Some(ids) = invoer.veld::<Vec<Uuid>>(veld) else {
        return Ok(());
    };
    if !bestaan(ctx, &ids).await? {
        invoer.fouten().reject(
            veld,
            Foutcode::Ongeldig,
            "Niet elke organisatie staat op uw sociale kaart of in de regionale catalogus.",
        );
    }
    Ok(())
}

/// Staat elke organisatie in `ids` op de sociale kaart van de aanroeper of in de
/// regionale catalogus?
pub(crate) async fn bestaan(ctx: &Context, ids: &[Uuid]) -> ApiResult<bool> {
    if ids.is_empty() {
        return Ok(true);
    }
    let gevonden = zichtbaar(ctx, organisatie::Entity::find())
        .filter(organisatie::Column::Id.is_in(ids.to_vec()))
        .all(ctx.db())
        .await?;
    Ok(ids.iter().all(|id| gevonden.iter().any(|o| o.id == *id)))
}
