//! Wat elke wijziging van een traject deelt: de naam in de audit trail, of het traject
//! vastligt, een datum die niet in de toekomst ligt, en een nieuwe versie bij een
//! wijziging van een stap of besluit.

use entity::traject;
use sea_orm::{ActiveModelTrait, ActiveValue::Set};

use crate::domein::stappenplan::Overgangen;
use crate::http::invoer::Fouten;
use crate::http::problem::{ApiError, ApiResult, Code, Foutcode};
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

/// Een datum van een besluit of wissel (`datum`, standaard vandaag) ligt niet in de
/// toekomst; `wat` noemt wat er gebeurt ("Een besluit").
pub(super) fn niet_in_de_toekomst(datum: Option<chrono::NaiveDate>, wat: &str) -> Fouten {
    let mut fouten = Fouten::new();
    fouten.check(
        datum.is_none_or(|d| d <= crate::domein::tijd::vandaag()),
        "datum",
        Foutcode::Ongeldig,
        format!("{wat} ligt niet in de toekomst."),
    );
    fouten
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
