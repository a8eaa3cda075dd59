//! De leidraad (DOMAIN.md, "The guide in the software"): de drie stappenplannen met
//! per stap het doel, de activiteiten, de vragen en de checklist uit de handreikingen;
//! nieuwe versies van de regio en eigen punten van gemeenten.

use std::collections::HashMap;

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, delete, get, patch, post, put, web};
use chrono::Utc;
use entity::{leidraad, leidraad_aanvulling};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};
use uuid::Uuid;

use crate::audit::{Actie, Wijzigingen};
use crate::auth::Recht;
use crate::domein::leidraad::{Bezwaar, toets_versie};
use crate::domein::stappenplan::{Plan, Stappen};
use crate::http::etag::{IfMatch, resource_response};
use crate::http::invoer::Invoer;
use crate::http::pagination::{Lijst, Pagina, PaginaParams};
use crate::http::problem::{ApiError, ApiResult, Foutcode, InvalidParam, Problem};
use crate::tenancy::Context;

use super::invoer::*;
use super::leidraad::{aanvullingen, huidige, inhoud, versie};
use super::weergave::*;

/// Stappenplannen
///
/// De drie stappenplannen (`coordinerend`, `coachend`, `weerbaarheid`) met hun huidige
/// versie van de leidraad.
#[utoipa::path(
    operation_id = "listStappenplannen",
    params(PaginaParams),
    responses(
        (status = 200, description = "De stappenplannen.", body = Pagina<StappenplanSamenvatting>),
    ),
)]
#[get("/stappenplannen")]
pub async fn list(ctx: Context, lijst: Lijst) -> ApiResult<HttpResponse> {
    ctx.require(Recht::TrajectenLezen)?;
    let alle = huidige(&ctx)
        .await?
        .iter()
        .map(|rij| {
            Ok(StappenplanSamenvatting {
                aanpak: rij.aanpak,
                naam: inhoud(rij)?.naam,
                versie: rij.versie,
                gepubliceerd_op: rij.gepubliceerd_op,
                stappen: rij.aanpak.stappen().len(),
            })
        })
        .collect::<ApiResult<Vec<_>>>()?;
    Ok(lijst.in_geheugen(alle, |s| Some(s.gepubliceerd_op)))
}

/// Eén stappenplan met zijn leidraad
///
/// Elke stap met `doel`, `activiteiten`, `vragen` en `checklist`, elk punt met zijn
/// `bron` in de handreiking (een letterlijk `citaat`, of `eigen: true` voor wat het
/// project toevoegt), en de `aanvullingen` van gemeenten die u ziet (de eigen
/// gemeente; de regio_beheerder die van elke gemeente). Met `?versie=` een eerdere
/// versie; een traject blijft op de versie waarmee het begon. Het `ETag` is de versie:
/// stuur het als `If-Match` mee met een nieuwe versie.
#[utoipa::path(
    operation_id = "getStappenplan",
    params(
        ("aanpak" = Plan, Path, description = "Het stappenplan"),
        VersieParams,
    ),
    responses(
        (status = 200, description = "Het stappenplan met `ETag`.", body = Stappenplan),
    ),
)]
#[get("/stappenplannen/{aanpak}")]
pub async fn get(
    ctx: Context,
    aanpak: web::Path<Plan>,
    params: web::Query<VersieParams>,
) -> ApiResult<HttpResponse> {
    ctx.require(Recht::TrajectenLezen)?;
    let rij = versie(&ctx, *aanpak, params.versie).await?;
    toon(&ctx, rij).await
}

/// Het stappenplan `rij` als antwoord, met de aanvullingen die de aanroeper ziet.
async fn toon(ctx: &Context, rij: leidraad::Model) -> ApiResult<HttpResponse> {
    let plan = rij.aanpak;
    let inhoud = inhoud(&rij)?;
    let huidige_versie = versie(ctx, plan, None).await?.versie;
    let codes = ctx.codes().await?;
    let mut per_stap: HashMap<i16, Vec<Aanvulling>> = HashMap::new();
    for a in aanvullingen(ctx, &[plan], false).await? {
        per_stap
            .entry(a.stap)
            .or_default()
            .push(aanvulling(a, &codes));
    }
    let plan_weergave = Stappenplan {
        aanpak: plan,
        naam: inhoud.naam,
        versie: rij.versie,
        huidige_versie,
        bron: inhoud.bron,
        gepubliceerd_op: rij.gepubliceerd_op,
        stappen: inhoud
            .stappen
            .into_iter()
            .map(|s| {
                let eigen = per_stap.remove(&s.nummer).unwrap_or_default();
                StapLeidraad::van(s, eigen)
            })
            .collect(),
    };
    let pad = format!("/api/v1/stappenplannen/{}", plan.as_str());
    Ok(resource_response(StatusCode::OK, rij.versie, &pad).json(plan_weergave))
}

/// Een nieuwe versie van de leidraad publiceren
///
/// Alleen de regio_beheerder. Dezelfde stappen (nummers en namen, in volgorde) met
/// andere teksten en punten; een sleutel die eerder is gepubliceerd, houdt zijn tekst
/// (een nieuwe tekst krijgt een nieuwe sleutel), en `gm-` is voor gemeenten. Lopende
/// trajecten blijven op hun versie; nieuwe beginnen met deze. `If-Match` met het
/// `ETag` van de huidige versie voorkomt dat u een versie overschrijft die u niet zag.
#[utoipa::path(
    operation_id = "updateStappenplan",
    params(("aanpak" = Plan, Path, description = "Het stappenplan")),
    request_body = NieuweVersie,
    responses(
        (status = 200, description = "De nieuwe versie met `ETag`.", body = Stappenplan),
        (status = 400, description = "Een hernoemde of hernummerde stap (`stap_vast`), een hergebruikte sleutel (`sleutel_hergebruikt`), een dubbele sleutel of een punt zonder citaat.", body = Problem, content_type = "application/problem+json"),
    ),
)]
#[put("/stappenplannen/{aanpak}")]
pub async fn update(
    ctx: Context,
    aanpak: web::Path<Plan>,
    if_match: IfMatch,
    invoer: Invoer<NieuweVersie>,
) -> ApiResult<HttpResponse> {
    ctx.require(Recht::LeidraadPubliceren)?;
    let plan = *aanpak;
    let nieuw = invoer.klaar()?.inhoud();
    ctx.een_tegelijk(&format!("leidraad:{}", plan.as_str()))
        .await?;
    let eerder = leidraad::Entity::find()
        .filter(leidraad::Column::Aanpak.eq(plan))
        .all(ctx.db())
        .await?;
    let huidig = eerder
        .iter()
        .map(|r| r.versie)
        .max()
        .ok_or(ApiError::NotFound)?;
    let eerder = eerder.iter().map(inhoud).collect::<ApiResult<Vec<_>>>()?;
    let bezwaren = toets_versie(plan, &nieuw, &eerder);
    if !bezwaren.is_empty() {
        return Err(ApiError::Validation(
            bezwaren.into_iter().map(ongeldig).collect(),
        ));
    }
    if_match.check(huidig)?;
    let rij = leidraad::ActiveModel {
        aanpak: Set(plan),
        versie: Set(huidig + 1),
        inhoud: Set(serde_json::to_value(&nieuw)
            .map_err(|e| ApiError::Internal(format!("leidraad: {e}")))?),
        gepubliceerd_op: Set(Utc::now()),
        door: Set(ctx.caller.actor.id()),
    }
    .insert(ctx.db())
    .await?;
    ctx.vastleggen(
        Actie::Gewijzigd,
        RESOURCE,
        None,
        plan.as_str(),
        Wijzigingen::new()
            .waarde("versie", huidig, rij.versie)
            .alleen_naam("stappen"),
    )
    .await?;
    let antwoord = toon(&ctx, rij).await?;
    ctx.commit_then(antwoord).await
}

fn ongeldig(bezwaar: Bezwaar) -> InvalidParam {
    match bezwaar {
        Bezwaar::Stappen(veld, uitleg) => InvalidParam::new(veld, Foutcode::StapVast, uitleg),
        Bezwaar::Dubbel(veld, uitleg) => InvalidParam::new(veld, Foutcode::Dubbel, uitleg),
        Bezwaar::Hergebruikt(veld, uitleg) => {
            InvalidParam::new(veld, Foutcode::SleutelHergebruikt, uitleg)
        }
        Bezwaar::Citaat(veld, uitleg) => InvalidParam::new(veld, Foutcode::Ongeldig, uitleg),
    }
}

/// Een stapnummer van het plan, of 400.
pub(crate) fn stapnummer(plan: Plan, nummer: i64) -> ApiResult<i16> {
    let stappen = plan.stappen();
    i16::try_from(nummer)
        .ok()
        .filter(|n| stappen.iter().any(|(s, _)| s == n))
        .ok_or_else(|| {
            let (eerste, laatste) = (stappen[0].0, stappen[stappen.len() - 1].0);
            ApiError::Validation(vec![InvalidParam::new(
                "nummer",
                Foutcode::Ongeldig,
                format!(
                    "Het plan {} heeft de stappen {eerste} tot en met {laatste}.",
                    plan.as_str()
                ),
            )])
        })
}

/// Een aanvulling van de gemeente toevoegen
///
/// Alleen de gemeente_beheerder, voor de eigen gemeente: een eigen vraag of
/// checklistpunt bij een stap, met een sleutel die met `gm-` begint. Alleen de
/// gemeente zelf en de regio_beheerder zien haar; de trajecten van de gemeente
/// krijgen haar bij de stap. Noem er geen persoon in.
#[utoipa::path(
    operation_id = "createLeidraadAanvulling",
    params(
        ("aanpak" = Plan, Path, description = "Het stappenplan"),
        ("nummer" = i16, Path, description = "Het stapnummer"),
    ),
    request_body = NieuweAanvulling,
    responses(
        (status = 201, description = "De aanvulling, met `Location` en `ETag`.", body = Aanvulling),
    ),
)]
#[post("/stappenplannen/{aanpak}/stappen/{nummer}/aanvullingen")]
pub async fn create_aanvulling(
    ctx: Context,
    path: web::Path<(Plan, i64)>,
    invoer: Invoer<NieuweAanvulling>,
) -> ApiResult<HttpResponse> {
    ctx.require(Recht::LeidraadAanvullen)?;
    let (plan, nummer) = path.into_inner();
    let gemeente = ctx.eigen_gemeente()?;
    // Een stap die het plan niet kent, heeft geen aanvullingen: 404, zoals bij lezen.
    let stap = stapnummer(plan, nummer).map_err(|_| ApiError::NotFound)?;
    let NieuweAanvulling {
        sleutel,
        soort,
        tekst,
    } = invoer.klaar()?;
    ctx.een_tegelijk(&format!("aanvulling:{gemeente}:{}", plan.as_str()))
        .await?;
    let bestaat = ctx
        .scoped(leidraad_aanvulling::Entity::find())
        .filter(leidraad_aanvulling::Column::Aanpak.eq(plan))
        .filter(leidraad_aanvulling::Column::Sleutel.eq(&sleutel))
        .one(ctx.db())
        .await?;
    if bestaat.is_some() {
        return Err(ApiError::Validation(vec![InvalidParam::new(
            "sleutel",
            Foutcode::Dubbel,
            format!(
                "De gemeente gebruikte de sleutel {sleutel} al in dit plan (ook een verwijderde aanvulling houdt haar sleutel)."
            ),
        )]));
    }
    let nu = Utc::now();
    let rij = leidraad_aanvulling::ActiveModel {
        id: Set(Uuid::now_v7()),
        gemeente_id: Set(gemeente),
        aanpak: Set(plan),
        stap: Set(stap),
        sleutel: Set(sleutel),
        soort: Set(soort),
        tekst: Set(tekst),
        verwijderd_op: Set(None),
        version: Set(1),
        created_at: Set(nu),
        updated_at: Set(nu),
    }
    .insert(ctx.db())
    .await?;
    ctx.aangemaakt::<leidraad_aanvulling::Entity>(rij).await
}

/// De aanvulling `sleutel` bij stap `nummer` van `plan` die de aanroeper ziet (niet
/// verwijderd); `voor_wijziging` vergrendelt haar. De regio_beheerder noemt de
/// gemeente met `?gemeente=` als meer gemeenten de sleutel gebruiken.
async fn vind(
    ctx: &Context,
    AanvullingPad {
        aanpak: plan,
        nummer,
        sleutel,
    }: AanvullingPad,
    gemeente: Option<&str>,
    voor_wijziging: bool,
) -> ApiResult<leidraad_aanvulling::Model> {
    let stap = stapnummer(plan, nummer).map_err(|_| ApiError::NotFound)?;
    let mut select = ctx
        .scoped_in(leidraad_aanvulling::Entity::find(), gemeente)
        .await?
        .filter(leidraad_aanvulling::Column::Aanpak.eq(plan))
        .filter(leidraad_aanvulling::Column::Stap.eq(stap))
        .filter(leidraad_aanvulling::Column::Sleutel.eq(sleutel))
        .filter(leidraad_aanvulling::Column::VerwijderdOp.is_null());
    if voor_wijziging {
        select = sea_orm::QuerySelect::lock_exclusive(select);
    }
    let mut rijen = select.all(ctx.db()).await?;
    match (rijen.pop(), rijen.is_empty()) {
        (Some(rij), true) => Ok(rij),
        _ => Err(ApiError::NotFound),
    }
}

/// Eén aanvulling
#[utoipa::path(
    operation_id = "getLeidraadAanvulling",
    params(AanvullingPad, GemeenteParams),
    responses(
        (status = 200, description = "De aanvulling met `ETag`.", body = Aanvulling),
    ),
)]
#[get("/stappenplannen/{aanpak}/stappen/{nummer}/aanvullingen/{sleutel}")]
pub async fn get_aanvulling(
    ctx: Context,
    path: web::Path<AanvullingPad>,
    params: web::Query<GemeenteParams>,
) -> ApiResult<HttpResponse> {
    ctx.require(Recht::TrajectenLezen)?;
    let rij = vind(&ctx, path.into_inner(), params.gemeente.as_deref(), false).await?;
    ctx.toon::<leidraad_aanvulling::Entity>(StatusCode::OK, rij)
        .await
}

/// Een aanvulling wijzigen
///
/// Alleen de gemeente_beheerder van de gemeente: een andere tekst.
#[utoipa::path(
    operation_id = "updateLeidraadAanvulling",
    params(AanvullingPad),
    request_body = AanvullingWijziging,
    responses(
        (status = 200, description = "De aanvulling met `ETag`.", body = Aanvulling),
    ),
)]
#[patch("/stappenplannen/{aanpak}/stappen/{nummer}/aanvullingen/{sleutel}")]
pub async fn update_aanvulling(
    ctx: Context,
    path: web::Path<AanvullingPad>,
    if_match: IfMatch,
    invoer: Invoer<AanvullingWijziging>,
) -> ApiResult<HttpResponse> {
    ctx.require(Recht::LeidraadAanvullen)?;
    let huidig = vind(&ctx, path.into_inner(), None, true).await?;
    let invoer = invoer.klaar()?;
    if_match.check(huidig.version)?;
    let mut model: leidraad_aanvulling::ActiveModel = huidig.clone().into();
    let mut w = Wijzigingen::new();
    w.zet_alleen_naam("tekst", &mut model.tekst, invoer.tekst);
    ctx.gewijzigd::<leidraad_aanvulling::Entity, _>(huidig, model, w, ApiError::from)
        .await
}

/// Een aanvulling verwijderen
///
/// Alleen de gemeente_beheerder van de gemeente. De aanvulling verdwijnt uit de
/// leidraad; antwoorden en vinkjes erop blijven bij de stappen staan, alleen lezen.
/// De sleutel wordt niet opnieuw gebruikt.
#[utoipa::path(
    operation_id = "deleteLeidraadAanvulling",
    params(AanvullingPad),
    responses(
        (status = 204, description = "Verwijderd."),
    ),
)]
#[delete("/stappenplannen/{aanpak}/stappen/{nummer}/aanvullingen/{sleutel}")]
pub async fn delete_aanvulling(
    if_match: IfMatch,
    ctx: Context,
    path: web::Path<AanvullingPad>,
) -> ApiResult<HttpResponse> {
    ctx.require(Recht::LeidraadAanvullen)?;
    let huidig = vind(&ctx, path.into_inner(), None, true).await?;
    if_match.check(huidig.version)?;
    let mut model: leidraad_aanvulling::ActiveModel = huidig.clone().into();
    model.verwijderd_op = Set(Some(Utc::now()));
    let rij = model.update(ctx.db()).await?;
    ctx.vastleggen(
        Actie::Verwijderd,
        AANVULLING,
        Some(rij.gemeente_id),
        rij.id,
        Wijzigingen::new().nieuw("sleutel", &rij.sleutel),
    )
    .await?;
    ctx.commit_then(HttpResponse::NoContent().finish()).await
}
