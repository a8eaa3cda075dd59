//! Wat elke wijziging van een traject deelt: de naam in de audit trail, of het traject
//! vastligt, en een nieuwe versie bij een wijziging van een stap of besluit.

use entity::traject;
use sea_orm::{ActiveModelTrait, ActiveValue::Set};

use crate::domein::stappenplan::Overgangen;
use crate::http::problem::{ApiError, ApiResult, Code};
use crate::tenancy::Context;
use entity::soorten::TrajectStatus;

use super::weergave::*;

pub(super) fn gesloten(model: &traject::Model) -> ApiResult<()> {
    if model.status == TrajectStatus::Lopend {
        Ok(())
    } else {
        Err(ApiError::Conflict(
            Code::TrajectGesloten,
            format!("Het traject is {}; het ligt vast.", model.status.as_str()),
        ))
    }
}

/// Bewaart het traject (nieuwe versie) met de wijzigingen in `model`; het wordt
/// `afgerond` als alle stappen klaar zijn, of krijgt de gegeven status.
pub(super) async fn bump(
    ctx: &Context,
    mut model: traject::ActiveModel,
    status: Option<TrajectStatus>,
) -> ApiResult<traject::Model> {
    let id = model.id.try_as_ref().copied().unwrap_or_default();
    let alles_klaar = delen_van_een(ctx, id)
        .await?
        .stappen
        .iter()
        .all(|s| s.status.klaar());
    if let Some(status) = status {
        model.status = Set(status);
    } else if alles_klaar {
        model.status = Set(TrajectStatus::Afgerond);
    }
    Ok(model.update(ctx.db()).await?)
}
