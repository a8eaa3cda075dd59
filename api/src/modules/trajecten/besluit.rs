//! Het beslismoment van het weerbaarheidsplan (`POST /trajecten/{id}/besluit`).

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, post, web};
use chrono::{NaiveDate, Utc};
use entity::{traject, traject_stap};
use sea_orm::{ActiveModelTrait, ActiveValue::Set};
use uuid::Uuid;

use crate::audit::{Actie, Wijzigingen};
use crate::auth::Recht;
use crate::domein::stappenplan::{BESLISSTAP, Plan, StapStatus};
use crate::http::invoer::Invoer;
use crate::http::problem::{ApiError, ApiResult, Code, Problem};
use crate::tenancy::Context;

use super::handlers::RESOURCE;
use super::invoer::*;
use super::weergave::*;
use entity::soorten::{BesluitKeuze, TrajectStatus};

use super::handlers::{bump, gesloten};
use super::stappen::stap_van;

/// Het besluit van stap 5
///
/// Alleen bij `weerbaarheid`, één keer: `go` of `no_go`, met reden. Het rondt stap 5
/// af; een `no_go` stopt het traject, een `go` opent de weg naar stap 6–12.
#[utoipa::path(
    operation_id = "createTrajectBesluit",
    params(("id" = Uuid, Path, description = "Id van het traject")),
    request_body = BesluitInvoer,
    responses(
        (status = 200, description = "Het traject met het besluit.", body = Traject),
        (status = 409, description = "Geen weerbaarheidsplan, al besloten, of het traject is gesloten.", body = Problem, content_type = "application/problem+json"),
    ),
)]
#[post("/trajecten/{id}/besluit")]
pub async fn create_besluit(
    ctx: Context,
    id: web::Path<Uuid>,
    mut invoer: Invoer<BesluitInvoer>,
) -> ApiResult<HttpResponse> {
    ctx.require(Recht::TrajectenSchrijven)?;
    let huidig = ctx.find_for_update::<traject::Entity>(*id).await?;
    let datum: Option<NaiveDate> = invoer.veld("datum");
    invoer.fouten().check(
        datum.is_none_or(|d| d <= Utc::now().date_naive()),
        "datum",
        "ongeldig",
        "Een besluit ligt niet in de toekomst.",
    );
    let BesluitInvoer {
        besluit: keuze,
        reden,
        datum,
    } = invoer.klaar()?;
    kan_besluiten(&huidig)?;
    let datum = datum.unwrap_or_else(|| Utc::now().date_naive());
    let stap = stap_van(&ctx, huidig.id, BESLISSTAP).await?;
    let gestart = stap.gestart_op.filter(|g| *g <= datum).unwrap_or(datum);
    let mut actief: traject_stap::ActiveModel = stap.into();
    actief.status = Set(StapStatus::Afgerond);
    actief.gestart_op = Set(Some(gestart));
    actief.afgerond_op = Set(Some(datum));
    actief.update(ctx.db()).await?;

    let mut model: traject::ActiveModel = huidig.clone().into();
    model.besluit = Set(Some(keuze));
    model.besluit_reden = Set(Some(reden.clone()));
    model.besluit_datum = Set(Some(datum));
    model.besluit_door = Set(ctx.caller.actor.id());
    let status = (keuze == BesluitKeuze::NoGo).then_some(TrajectStatus::Gestopt);
    let model = bump(&ctx, model, status).await?;
    ctx.vastleggen(
        Actie::Gewijzigd,
        RESOURCE,
        Some(model.gemeente_id),
        model.id,
        Wijzigingen::new()
            .nieuw("besluit", keuze)
            .nieuw("besluitReden", &reden)
            .nieuw("besluitDatum", datum)
            .waarde("status", "lopend", model.status),
    )
    .await?;
    let response = respond(&ctx, StatusCode::OK, model).await?;
    ctx.commit_then(response).await
}

/// Alleen een lopend weerbaarheidsplan zonder besluit kan een besluit krijgen.
fn kan_besluiten(huidig: &traject::Model) -> ApiResult<()> {
    if huidig.aanpak != Plan::Weerbaarheid {
        return Err(ApiError::Conflict(
            Code::GeenBeslismoment,
            "Alleen het weerbaarheidsplan heeft een beslismoment.".into(),
        ));
    }
    if huidig.besluit.is_some() {
        return Err(ApiError::Conflict(
            Code::BesluitGenomen,
            "Over dit traject is al besloten.".into(),
        ));
    }
    gesloten(huidig)
}
