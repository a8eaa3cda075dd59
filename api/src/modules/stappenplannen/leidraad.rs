//! De leidraad als dienst voor de rest: een versie van een plan, de huidige versie,
//! en de aanvullingen die de aanroeper ziet (ook voor de stappen van een traject).

use std::collections::HashMap;

use entity::{leidraad, leidraad_aanvulling};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QueryTrait};

use crate::auth::Recht;
use crate::domein::leidraad::{AgendaSjabloon, Inhoud};
use crate::domein::stappenplan::Plan;
use crate::http::problem::{ApiError, ApiResult};
use crate::tenancy::Context;

/// Versie `versie` van de leidraad van `plan` (zonder: de huidige); anders 404.
pub(crate) async fn versie(
    ctx: &Context,
    plan: Plan,
    versie: Option<i32>,
) -> ApiResult<leidraad::Model> {
    leidraad::Entity::find()
        .filter(leidraad::Column::Aanpak.eq(plan))
        .apply_if(versie, |q, v| q.filter(leidraad::Column::Versie.eq(v)))
        .order_by_desc(leidraad::Column::Versie)
        .one(ctx.db())
        .await?
        .ok_or(ApiError::NotFound)
}

/// De huidige versie van elk plan (één rij per plan).
pub(super) async fn huidige(ctx: &Context) -> ApiResult<Vec<leidraad::Model>> {
    Ok(leidraad::Entity::find()
        .filter(Expr::cust(
            "(aanpak, versie) IN (SELECT aanpak, max(versie) FROM leidraad GROUP BY aanpak)",
        ))
        .order_by_asc(leidraad::Column::Aanpak)
        .all(ctx.db())
        .await?)
}

/// De inhoud van een versie.
pub(crate) fn inhoud(rij: &leidraad::Model) -> ApiResult<Inhoud> {
    serde_json::from_value(rij.inhoud.clone())
        .map_err(|e| ApiError::Internal(format!("leidraad {:?} {}: {e}", rij.aanpak, rij.versie)))
}

/// De inhoud van deze versies, in één query.
pub(crate) async fn inhouden(
    ctx: &Context,
    versies: &[(Plan, i32)],
) -> ApiResult<HashMap<(Plan, i32), Inhoud>> {
    if versies.is_empty() {
        return Ok(HashMap::new());
    }
    let plannen: Vec<String> = versies.iter().map(|(p, _)| p.as_str().to_owned()).collect();
    let nummers: Vec<i32> = versies.iter().map(|(_, v)| *v).collect();
    let rijen = leidraad::Entity::find()
        .filter(Expr::cust_with_values(
            "(aanpak, versie) IN (SELECT * FROM unnest($1::text[], $2::int[]))",
            [sea_orm::Value::from(plannen), sea_orm::Value::from(nummers)],
        ))
        .all(ctx.db())
        .await?;
    rijen
        .iter()
        .map(|rij| Ok(((rij.aanpak, rij.versie), inhoud(rij)?)))
        .collect()
}

/// Ziet de aanroeper aanvullingen van gemeenten? Een gemeente de hare, de
/// regio_beheerder die van elke gemeente, de regio_netwerkmanager geen.
fn ziet_aanvullingen(ctx: &Context) -> bool {
    !ctx.caller.is_regionaal() || ctx.caller.has(Recht::LeidraadPubliceren)
}

/// De aanvullingen van deze plannen die de aanroeper ziet, in één query; ook
/// verwijderde als `met_verwijderde` (voor de antwoorden die erop staan).
pub(crate) async fn aanvullingen(
    ctx: &Context,
    plannen: &[Plan],
    met_verwijderde: bool,
) -> ApiResult<Vec<leidraad_aanvulling::Model>> {
    if plannen.is_empty() || !ziet_aanvullingen(ctx) {
        return Ok(Vec::new());
    }
    Ok(ctx
        .scoped(leidraad_aanvulling::Entity::find())
        .filter(leidraad_aanvulling::Column::Aanpak.is_in(plannen.iter().copied()))
        .apply_if((!met_verwijderde).then_some(()), |q, ()| {
            q.filter(leidraad_aanvulling::Column::VerwijderdOp.is_null())
        })
        .order_by_asc(leidraad_aanvulling::Column::Stap)
        .order_by_asc(leidraad_aanvulling::Column::CreatedAt)
        .all(ctx.db())
        .await?)
}

/// De vaste agenda's van versie `versie` van `plan` (zonder: de huidige), uit de
/// stappen die ze hebben.
pub(crate) async fn agenda_sjablonen(
    ctx: &Context,
    plan: Plan,
    versie: Option<i32>,
) -> ApiResult<Vec<AgendaSjabloon>> {
    let rij = self::versie(ctx, plan, versie).await?;
    Ok(inhoud(&rij)?
        .stappen
        .into_iter()
        .flat_map(|s| s.agenda_sjablonen)
        .collect())
}
