//! De verbinders van een traject: controleren en bewaren (de waarschuwingen staan in
//! [`crate::domein::stappenplan::verbinder_waarschuwingen`]).

use crate::http::problem::Foutcode;
use entity::{gebruiker, traject, traject_verbinder};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use uuid::Uuid;

use crate::domein::stappenplan::Plan;
use crate::http::invoer::Fouten;
use crate::http::problem::{ApiError, ApiResult};
use crate::tenancy::Context;

use super::invoer::VerbinderInvoer;

/// De verbinders uit de invoer, gecontroleerd: alleen bij `weerbaarheid`, actieve
/// gebruikers van de eigen gemeente, `tot` niet vóór `vanaf`, niemand twee keer in
/// dezelfde rol. Fouten gaan in de invoer, per veld.
pub(super) async fn controleer(
    ctx: &Context,
    verbinders: Option<&[VerbinderInvoer]>,
    plan: Option<Plan>,
    fouten: &mut Fouten,
) -> ApiResult<()> {
    let Some(verbinders) = verbinders else {
        return Ok(());
    };
    if plan.is_some_and(|p| p != Plan::Weerbaarheid) {
        fouten.reject(
            "verbinders",
            Foutcode::NietToegestaan,
            "Alleen het weerbaarheidsplan heeft verbinders.",
        );
        return Ok(());
    }
    for (i, v) in verbinders.iter().enumerate() {
        check_gebruiker(
            ctx,
            fouten,
            &format!("verbinders.{i}.gebruikerId"),
            v.gebruiker_id,
        )
        .await?;
        if let (Some(vanaf), Some(tot)) = (v.vanaf, v.tot) {
            fouten.check(
                tot >= vanaf,
                &format!("verbinders.{i}.tot"),
                Foutcode::Ongeldig,
                "Het einde van de benoeming ligt vóór het begin.",
            );
        }
        let eerder = verbinders[..i]
            .iter()
            .any(|w| w.gebruiker_id == v.gebruiker_id && w.rol == v.rol);
        fouten.check(
            !eerder,
            &format!("verbinders.{i}"),
            Foutcode::Dubbel,
            "Deze gebruiker staat al in deze rol in de lijst.",
        );
    }
    Ok(())
}

/// Een verbinder: een actieve gebruiker van de eigen gemeente.
async fn check_gebruiker(
    ctx: &Context,
    fouten: &mut Fouten,
    veld: &str,
    id: Uuid,
) -> ApiResult<()> {
    // Alleen een echt ontbrekende gebruiker telt als "geen gebruiker"; een
    // databasefout is een 500.
    let actief = match ctx.find_om_te_verwijzen::<gebruiker::Entity>(id).await {
        Ok(g) => g.actief && g.gemeente_id == ctx.gemeente_id(),
        Err(ApiError::NotFound) => false,
        Err(error) => return Err(error),
    };
    if !actief {
        fouten.reject(
            veld,
            Foutcode::Ongeldig,
            "Dit is geen actieve gebruiker van uw gemeente.",
        );
    }
    Ok(())
}

/// Vervangt de verbinders van een traject door deze lijst.
pub(super) async fn bewaar(
    ctx: &Context,
    traject: &traject::Model,
    verbinders: &[VerbinderInvoer],
) -> ApiResult<()> {
    traject_verbinder::Entity::delete_many()
        .filter(traject_verbinder::Column::TrajectId.eq(traject.id))
        .exec(ctx.db())
        .await?;
    if verbinders.is_empty() {
        return Ok(());
    }
    let rijen = verbinders.iter().map(|v| traject_verbinder::ActiveModel {
        id: sea_orm::ActiveValue::Set(Uuid::now_v7()),
        gemeente_id: sea_orm::ActiveValue::Set(traject.gemeente_id),
        traject_id: sea_orm::ActiveValue::Set(traject.id),
        gebruiker_id: sea_orm::ActiveValue::Set(v.gebruiker_id),
        rol: sea_orm::ActiveValue::Set(v.rol),
        vanaf: sea_orm::ActiveValue::Set(v.vanaf),
        tot: sea_orm::ActiveValue::Set(v.tot),
    });
    traject_verbinder::Entity::insert_many(rijen)
        .exec(ctx.db())
        .await?;
    Ok(())
}

/// De verbinders als waarden voor de audit trail (ids, rollen en datums; geen namen).
pub(super) fn audit_waarde(verbinders: &[VerbinderInvoer]) -> serde_json::Value {
    serde_json::Value::Array(
        verbinders
            .iter()
            .map(|v| {
                serde_json::json!({
                    "gebruikerId": v.gebruiker_id, "rol": v.rol, "vanaf": v.vanaf, "tot": v.tot
                })
            })
            .collect(),
    )
}
