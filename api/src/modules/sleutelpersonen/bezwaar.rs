//! Bezwaar (AVG art. 21): onder de grondslag `publieke_taak` heeft een sleutelpersoon
//! geen toestemming om in te trekken, maar kan zij bezwaar maken tegen de verwerking.
//! De gemeente legt het bezwaar vast met de datum van ontvangst, haar uitkomst en de
//! motivering. `gehonoreerd` anonimiseert de persoon zoals het intrekken van
//! toestemming (met de teksten die aan haar vastzitten); `afgewezen` houdt haar — de
//! gemeente heeft dan dwingende gerechtvaardigde gronden (art. 21 lid 1), die de
//! motivering noemt. Het bezwaar staat in de inzage van de persoon; de audit trail
//! noemt zijn velden alleen bij naam.

use crate::http::problem::Foutcode;
use actix_web::{HttpResponse, get, post, web};
use chrono::{DateTime, NaiveDate, Utc};
use entity::soorten::BezwaarUitkomst;
use entity::{sleutelpersoon, sleutelpersoon_bezwaar as bezwaar};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::audit::{Actie, Wijzigingen};
use crate::auth::Recht;
use crate::domein::grondslag::Grondslag;
use crate::http::invoer::{Fouten, Invoer, meer_regels};
use crate::http::problem::{ApiError, ApiResult, Code, Problem};
use crate::modules::gemeenten;
use crate::tenancy::Context;

const RESOURCE: &str = "sleutelpersoon_bezwaar";

/// Een bezwaar van de persoon en wat de gemeente ermee deed.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NieuwBezwaar {
    /// Wanneer het bezwaar binnenkwam; niet in de toekomst.
    pub(super) ontvangen_op: NaiveDate,
    /// `gehonoreerd` anonimiseert de persoon; `afgewezen` houdt haar.
    pub(super) uitkomst: BezwaarUitkomst,
    /// Waarom de gemeente het bezwaar honoreert, of welke dwingende gerechtvaardigde
    /// gronden zij heeft om het af te wijzen. Vrije tekst die mensen kan noemen: noem
    /// geen derden.
    #[schema(schema_with = meer_regels::<5000>)]
    pub(super) motivering: String,
}

/// Een vastgelegd bezwaar.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Bezwaar {
    pub id: Uuid,
    pub sleutelpersoon_id: Uuid,
    pub ontvangen_op: NaiveDate,
    pub uitkomst: BezwaarUitkomst,
    /// Na een gehonoreerd bezwaar zonder de naam, het e-mailadres en het
    /// telefoonnummer van de persoon (geanonimiseerd).
    pub motivering: String,
    /// `gebruiker` of `koppeling`.
    pub actor_soort: String,
    pub actor_id: Option<Uuid>,
    pub aangemaakt_op: DateTime<Utc>,
    /// Uitgefaseerd: gebruik `aangemaaktOp` (weg in de volgende major-versie).
    #[schema(deprecated)]
    pub created_at: DateTime<Utc>,
}

pub(super) fn weergave(m: bezwaar::Model) -> Bezwaar {
    Bezwaar {
        id: m.id,
        sleutelpersoon_id: m.sleutelpersoon_id,
        ontvangen_op: m.ontvangen_op,
        uitkomst: m.uitkomst,
        motivering: m.motivering,
        actor_soort: m.actor_soort,
        actor_id: m.actor_id,
        aangemaakt_op: m.created_at,
        created_at: m.created_at,
    }
}

/// Bezwaar vastleggen
///
/// Alleen onder de grondslag `publieke_taak` van de gemeente (onder `toestemming`: 409
/// `geen_bezwaar_bij_toestemming`; de persoon trekt dan haar toestemming in, zie
/// `POST /sleutelpersonen/{id}/anonimisering`). Vastgelegd door wie de persoon mag
/// wijzigen; bij `verhoogdRisico` alleen de genoemde ambtenaren (anderen: 404).
/// `gehonoreerd` anonimiseert de persoon meteen, met de teksten die aan haar vastzitten
/// (niet terug te draaien); `afgewezen` houdt haar. `ontvangenOp` ligt niet in de
/// toekomst (400). Noem in `motivering` geen derden.
#[utoipa::path(
    operation_id = "createBezwaar",
    params(("id" = Uuid, Path, description = "Id van de sleutelpersoon")),
    request_body = NieuwBezwaar,
    responses(
        (status = 201, description = "Vastgelegd, met `Location`; bij `gehonoreerd` is de persoon geanonimiseerd.", body = Bezwaar),
        (status = 409, description = "De gemeente verwerkt op grond van toestemming (`geen_bezwaar_bij_toestemming`), of de persoon is al geanonimiseerd (`geanonimiseerd`).", body = Problem, content_type = "application/problem+json"),
    ),
)]
#[post("/sleutelpersonen/{id}/bezwaar")]
pub async fn create_bezwaar(
    ctx: Context,
    id: web::Path<Uuid>,
    mut invoer: Invoer<NieuwBezwaar>,
) -> ApiResult<HttpResponse> {
    ctx.require(Recht::SleutelpersonenSchrijven)?;
    ctx.require(Recht::PersoonsgegevensLezen)?;
    let persoon = ctx.find_for_update::<sleutelpersoon::Entity>(*id).await?;
    if !super::genoemd(&ctx, &persoon) {
        return Err(ApiError::NotFound);
    }
    let mut fouten = Fouten::new();
    fouten.check(
        invoer
            .deel()
            .map(|d| d.ontvangen_op)
            .is_none_or(|d| d <= crate::domein::tijd::vandaag()),
        "ontvangenOp",
        Foutcode::Ongeldig,
        "Het bezwaar is niet in de toekomst ontvangen.",
    );
    invoer.fouten().voeg_toe(fouten);
    let n = invoer.klaar()?;
    super::persoon::niet_geanonimiseerd(&persoon)?;
    if gemeenten::grondslag(&ctx, persoon.gemeente_id).await? == Grondslag::Toestemming {
        return Err(ApiError::Conflict(
            Code::GeenBezwaarBijToestemming,
            "Uw gemeente verwerkt sleutelpersonen op grond van toestemming: daartegen is geen \
             bezwaar, de persoon trekt haar toestemming in (POST \
             /sleutelpersonen/{id}/anonimisering)."
                .into(),
        ));
    }
    let model = bezwaar::ActiveModel {
        id: Set(Uuid::now_v7()),
        gemeente_id: Set(persoon.gemeente_id),
        sleutelpersoon_id: Set(persoon.id),
        ontvangen_op: Set(n.ontvangen_op),
        uitkomst: Set(n.uitkomst),
        motivering: Set(n.motivering),
        actor_soort: Set(ctx.caller.actor.soort().to_owned()),
        actor_id: Set(ctx.caller.actor.id()),
        created_at: Set(Utc::now()),
    }
    .insert(ctx.db())
    .await?;
    // Alleen bij naam: of en wanneer iemand bezwaar maakte, zegt iets over haar.
    let mut w = Wijzigingen::new();
    for veld in ["sleutelpersoonId", "ontvangenOp", "uitkomst", "motivering"] {
        w = w.alleen_naam(veld);
    }
    ctx.vastleggen(
        Actie::Aangemaakt,
        RESOURCE,
        Some(model.gemeente_id),
        model.id,
        w,
    )
    .await?;
    if model.uitkomst == BezwaarUitkomst::Gehonoreerd {
        super::persoon::anonimiseren(&ctx, &persoon).await?;
    }
    // Opnieuw gelezen: na het anonimiseren is de motivering geschoond.
    let model = bezwaar::Entity::find_by_id(model.id)
        .one(ctx.db())
        .await?
        .ok_or(ApiError::NotFound)?;
    let pad = format!(
        "/api/v1/sleutelpersonen/{}/bezwaar/{}",
        model.sleutelpersoon_id, model.id
    );
    let response = HttpResponse::Created()
        .insert_header((actix_web::http::header::LOCATION, pad))
        .json(weergave(model));
    ctx.commit_then(response).await
}

/// Eén bezwaar
///
/// De `Location` van een vastgelegd bezwaar; wie de persoon mag lezen, met een regel in
/// het verwerkingenlogboek (bij `verhoogdRisico` alleen de genoemde ambtenaren).
#[utoipa::path(
    operation_id = "getBezwaar",
    params(
        ("id" = Uuid, Path, description = "Id van de sleutelpersoon"),
        ("bezwaarId" = Uuid, Path, description = "Id van het bezwaar"),
    ),
    responses(
        (status = 200, description = "Het bezwaar.", body = Bezwaar),
    ),
)]
#[get("/sleutelpersonen/{id}/bezwaar/{bezwaarId}")]
pub async fn get_bezwaar(ctx: Context, pad: web::Path<(Uuid, Uuid)>) -> ApiResult<HttpResponse> {
    let (id, bezwaar_id) = pad.into_inner();
    let rij = super::checkins::bij_persoon::<bezwaar::Entity>(
        &ctx,
        id,
        bezwaar_id,
        bezwaar::Column::SleutelpersoonId,
    )
    .await?;
    ctx.commit_then(HttpResponse::Ok().json(weergave(rij)))
        .await
}
