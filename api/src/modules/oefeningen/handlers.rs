//! Oefeningen (DOMAIN.md, "Meetings, exercises, safety reports"): doelen, vorm,
//! scenario, wie meedeed, briefing en debrief, en een evaluatie die de crisisafspraak
//! van het netwerk voor dat scenario kan bijwerken. Niemand krijgt een cijfer.

use crate::http::problem::Foutcode;

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, delete, get, patch, post, web};
use chrono::NaiveDate;
use entity::soorten::{OefeningStatus, Scenario};
use entity::{gebied, netwerk, oefening, sleutelpersoon};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder,
    QueryTrait,
};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::audit::Wijzigingen;
use crate::auth::Recht;
use crate::domein::oefening as afloop;
use crate::http::etag::IfMatch;
use crate::http::invoer::{Fouten, Invoer};
use crate::http::pagination::{Lijst, Pagina, PaginaParams};
use crate::http::periode::Periode;
use crate::http::problem::{ApiError, ApiResult, Code, Problem, overgang};
use crate::modules::afgeleid::{geraakt, na, raakt};
use crate::modules::kolommen::{json, naar_json, tekst, zonder_dubbelen};
use crate::modules::netwerken::Crisisafspraak;
use crate::modules::organisaties::controleer_ids;
use crate::modules::sleutelpersonen::{met_verborgen, schrijft_over, zichtbaar};
use crate::tenancy::Context;

use super::invoer::*;
use super::weergave::*;

/// Oefeningen
#[utoipa::path(
    operation_id = "listOefeningen",
    params(PaginaParams, OefeningenParams, Periode),
    responses(
        (status = 200, description = "Een pagina oefeningen, nieuwste eerst.", body = Pagina<Oefening>),
    ),
)]
#[get("/oefeningen")]
pub async fn list(
    ctx: Context,
    lijst: Lijst<OefeningenParams>,
    periode: Periode,
) -> ApiResult<HttpResponse> {
    ctx.require(Recht::BijeenkomstenLezen)?;
    let p = &lijst.params;
    let select = ctx
        .scoped_in(oefening::Entity::find(), p.gemeente.as_deref())
        .await?
        .apply_if(p.status, |q, s| q.filter(oefening::Column::Status.eq(s)))
        .apply_if(p.scenario, |q, s| {
            q.filter(oefening::Column::Scenario.eq(s))
        })
        .apply_if(p.netwerk_id, |q, n| {
            q.filter(oefening::Column::NetwerkId.eq(n))
        })
        .apply_if(p.gebied_id, |q, g| {
            q.filter(oefening::Column::GebiedId.eq(g))
        })
        .apply_if(p.traject_id, |q, t| {
            q.filter(oefening::Column::TrajectId.eq(t))
        })
        .apply_if(p.stap, |q, n| q.filter(oefening::Column::Stap.eq(n)));
    let select = periode
        .filter(select, oefening::Column::Datum)
        .order_by_desc(oefening::Column::Datum)
        .order_by_desc(oefening::Column::Id);
    ctx.pagina(&lijst, select).await
}

/// Eén oefening
#[utoipa::path(
    operation_id = "getOefening",
    params(("id" = Uuid, Path, description = "Id van de oefening")),
    responses(
        (status = 200, description = "De oefening met `ETag`.", body = Oefening),
    ),
)]
#[get("/oefeningen/{id}")]
pub async fn get(ctx: Context, id: web::Path<Uuid>) -> ApiResult<HttpResponse> {
    ctx.require(Recht::BijeenkomstenLezen)?;
    ctx.lees::<oefening::Entity>(*id).await
}

/// Verwijzingen naar een netwerk, een gebied, sleutelpersonen, organisaties en een
/// stap van een traject (`huidig`: het traject en de stap van nu) van de eigen
/// gemeente; geeft het netwerk.
async fn verwijzingen<T: serde::de::DeserializeOwned + ToSchema>(
    ctx: &Context,
    invoer: &mut Invoer<T>,
    huidig: (Option<Uuid>, Option<i16>),
) -> ApiResult<Option<netwerk::Model>> {
    let netwerk = ctx
        .verwijzing::<netwerk::Entity, _>(invoer, "netwerkId")
        .await?;
    ctx.verwijzing::<gebied::Entity, _>(invoer, "gebiedId")
        .await?;
    ctx.verwijzingen::<sleutelpersoon::Entity, _>(invoer, "deelnemers")
        .await?;
    if let Some(ids) = invoer.veld::<Vec<Uuid>>("deelnemers") {
        schrijft_over(ctx, ids).await?;
    }
    controleer_ids(ctx, invoer, "organisaties").await?;
    crate::modules::trajecten::stap_verwijzing(ctx, invoer, huidig).await?;
    Ok(netwerk)
}

fn niet_in_de_toekomst(status: OefeningStatus, datum: Option<NaiveDate>, fouten: &mut Fouten) {
    if let Some(d) = datum {
        fouten.check(
            status != OefeningStatus::Uitgevoerd || d <= crate::domein::tijd::vandaag(),
            "status",
            Foutcode::Ongeldig,
            "Een oefening in de toekomst is nog niet uitgevoerd.",
        );
    }
}

/// Oefening vastleggen
#[utoipa::path(
    operation_id = "createOefening",
    request_body = NieuweOefening,
    responses(
        (status = 201, description = "Vastgelegd.", body = Oefening),
    ),
)]
#[post("/oefeningen")]
pub async fn create(ctx: Context, mut invoer: Invoer<NieuweOefening>) -> ApiResult<HttpResponse> {
    ctx.require(Recht::BijeenkomstenSchrijven)?;
    let gemeente_id = ctx.eigen_gemeente()?;
    verwijzingen(&ctx, &mut invoer, (None, None)).await?;
    let mut fouten = Fouten::new();
    if let Some(nieuw) = invoer.deel() {
        let status = nieuw.status.unwrap_or(OefeningStatus::Gepland);
        fouten.check(
            status != OefeningStatus::Geevalueerd,
            "status",
            Foutcode::Ongeldig,
            "Een nieuwe oefening is gepland of uitgevoerd; evalueren is een wijziging.",
        );
        niet_in_de_toekomst(status, Some(nieuw.datum), &mut fouten);
    }
    invoer.fouten().voeg_toe(fouten);
    let n = invoer.klaar()?;
    let model = oefening::ActiveModel {
        id: Set(Uuid::now_v7()),
        gemeente_id: Set(gemeente_id),
        titel: Set(n.titel),
        doelen: Set(tekst(&n.doelen)),
        vorm: Set(n.vorm),
        scenario: Set(n.scenario),
        datum: Set(n.datum),
        netwerk_id: Set(n.netwerk_id),
        gebied_id: Set(n.gebied_id),
        traject_id: Set(n.traject_id),
        stap: Set(n.stap),
        organisaties: Set(zonder_dubbelen(n.organisaties)),
        deelnemers: Set(zonder_dubbelen(n.deelnemers)),
        status: Set(n.status.unwrap_or(OefeningStatus::Gepland)),
        briefing: Set(n.briefing),
        debrief: Set(None),
        evaluatie: Set(None),
        ..Default::default()
    }
    .insert(ctx.db())
    .await?;
    let w = Wijzigingen::new()
        .nieuw("doelen", &model.doelen)
        .nieuw("vorm", model.vorm)
        .nieuw("scenario", model.scenario)
        .nieuw("datum", model.datum)
        .nieuw("netwerkId", model.netwerk_id)
        .nieuw("gebiedId", model.gebied_id)
        .nieuw("trajectId", model.traject_id)
        .nieuw("stap", model.stap)
        .nieuw("organisaties", &model.organisaties)
        .nieuw("status", model.status)
        .alleen_naam("titel")
        .alleen_naam_als(!model.deelnemers.is_empty(), "deelnemers")
        .alleen_naam_als(model.briefing.is_some(), "briefing");
    let traject = [model.traject_id];
    geraakt(&ctx, "traject", model.gemeente_id, &traject, "stappen").await?;
    ctx.aangemaakt_met::<oefening::Entity>(model, w).await
}

/// Oefening wijzigen, uitvoeren of evalueren
///
/// `gepland` → `uitgevoerd` (niet vóór de datum) → `geevalueerd` (met `evaluatie`);
/// een andere overgang is 409 `status_overgang_ongeldig`, een geëvalueerde oefening
/// ligt vast (409 `oefening_vastgelegd`). Met `crisisafspraak` bij de evaluatie wordt
/// de crisisafspraak van het netwerk voor het scenario vervangen en op vandaag
/// herzien; met `evaluatie.afsprakenRealistisch: true` alleen herzien op vandaag.
#[utoipa::path(
    operation_id = "updateOefening",
    params(("id" = Uuid, Path, description = "Id van de oefening")),
    request_body = OefeningWijziging,
    responses(
        (status = 200, description = "Gewijzigd.", body = Oefening),
        (status = 409, description = "Geëvalueerd, of een overgang die niet bestaat.", body = Problem, content_type = "application/problem+json"),
    ),
)]
#[patch("/oefeningen/{id}")]
pub async fn update(
    if_match: IfMatch,
    ctx: Context,
    id: web::Path<Uuid>,
    mut invoer: Invoer<OefeningWijziging>,
) -> ApiResult<HttpResponse> {
    ctx.require(Recht::BijeenkomstenSchrijven)?;
    let huidig = ctx.find_for_update::<oefening::Entity>(*id).await?;
    verwijzingen(&ctx, &mut invoer, (huidig.traject_id, huidig.stap)).await?;
    let fouten = wijziging_regels(&huidig, &invoer.deel().unwrap_or_default());
    invoer.fouten().voeg_toe(fouten);
    let i = invoer.klaar()?;
    if_match.check(huidig.version)?;
    if huidig.status == OefeningStatus::Geevalueerd {
        return Err(ApiError::Conflict(
            Code::OefeningVastgelegd,
            "De oefening is geëvalueerd; ze ligt vast.".into(),
        ));
    }
    let nieuwe_status = overgang(
        huidig.status,
        i.status,
        afloop::overgang_toegestaan,
        "een oefening",
    )?;
    let mut model: oefening::ActiveModel = huidig.clone().into();
    let mut w = Wijzigingen::new();
    w.zet("titel", &mut model.titel, i.titel);
    w.zet("doelen", &mut model.doelen, i.doelen.map(|d| tekst(&d)));
    w.zet("vorm", &mut model.vorm, i.vorm);
    w.zet("scenario", &mut model.scenario, i.scenario);
    w.zet("datum", &mut model.datum, i.datum);
    w.zet("netwerkId", &mut model.netwerk_id, i.netwerk_id.wijziging());
    w.zet("gebiedId", &mut model.gebied_id, i.gebied_id.wijziging());
    w.zet("trajectId", &mut model.traject_id, i.traject_id.wijziging());
    w.zet("stap", &mut model.stap, i.stap.wijziging());
    w.zet(
        "organisaties",
        &mut model.organisaties,
        i.organisaties.map(zonder_dubbelen),
    );
    if let Some(nieuw) = i.deelnemers {
        let zien = zichtbaar(&ctx, huidig.deelnemers.clone()).await?;
        let lijst = met_verborgen(zonder_dubbelen(nieuw), &huidig.deelnemers, &zien);
        w.zet("deelnemers", &mut model.deelnemers, Some(lijst));
    }
    w.zet("status", &mut model.status, nieuwe_status);
    w.zet("briefing", &mut model.briefing, i.briefing.wijziging());
    w.zet("debrief", &mut model.debrief, i.debrief.wijziging());
    w.zet(
        "evaluatie",
        &mut model.evaluatie,
        i.evaluatie.as_ref().map(|e| Some(naar_json(e))),
    );
    let scenario = i.scenario.unwrap_or(huidig.scenario);
    if raakt(&w.velden(), &["trajectId", "stap"]) {
        let trajecten = [
            huidig.traject_id,
            *na(&model.traject_id, &huidig.traject_id),
        ];
        geraakt(&ctx, "traject", huidig.gemeente_id, &trajecten, "stappen").await?;
    }
    let model = ctx
        .bewaar_wijziging(RESOURCE, Some(huidig.gemeente_id), model, w, ApiError::from)
        .await?
        .unwrap_or(huidig);
    if let (Some(netwerk_id), Some(evaluatie)) = (model.netwerk_id, &i.evaluatie) {
        herzie_crisisafspraak(
            &ctx,
            netwerk_id,
            scenario,
            i.crisisafspraak,
            evaluatie.afspraken_realistisch == Some(true),
        )
        .await?;
    }
    ctx.vastgelegd::<oefening::Entity>(StatusCode::OK, model)
        .await
}

/// De regels over een wijziging die het schema niet kent: de evaluatie bij (en alleen
/// bij) de overgang naar geevalueerd, een crisisafspraak alleen daarbij, een debrief na
/// de uitvoering, en uitgevoerd niet in de toekomst.
fn wijziging_regels(huidig: &oefening::Model, w: &OefeningWijziging) -> Fouten {
    let status = w.status.unwrap_or(huidig.status);
    let netwerk_id = w.netwerk_id.clone().na(huidig.netwerk_id);
    let mut fouten = Fouten::new();
    let naar_evaluatie = status == OefeningStatus::Geevalueerd && huidig.status != status;
    fouten.check(
        w.evaluatie.is_some() == naar_evaluatie,
        "evaluatie",
        if naar_evaluatie {
            Foutcode::Verplicht
        } else {
            Foutcode::Ongeldig
        },
        "Een evaluatie hoort bij (en alleen bij) de overgang naar geevalueerd.",
    );
    if w.crisisafspraak.is_some() {
        fouten.check(
            naar_evaluatie && netwerk_id.is_some(),
            "crisisafspraak",
            Foutcode::Ongeldig,
            "Een crisisafspraak werkt u bij met de evaluatie van een oefening van een netwerk.",
        );
    }
    fouten.check(
        !w.debrief.is_waarde() || status != OefeningStatus::Gepland,
        "debrief",
        Foutcode::Ongeldig,
        "Een debrief hoort bij een uitgevoerde oefening.",
    );
    if huidig.status == OefeningStatus::Gepland && status == OefeningStatus::Uitgevoerd {
        niet_in_de_toekomst(status, w.datum.or(Some(huidig.datum)), &mut fouten);
    }
    fouten
}

/// Werkt na een evaluatie de crisisafspraak van het netwerk voor `scenario` bij: een
/// nieuwe afspraak vervangt de oude, of een realistisch gebleken afspraak is vandaag
/// herzien. Met een regel in de audit trail van het netwerk.
async fn herzie_crisisafspraak(
    ctx: &Context,
    netwerk_id: Uuid,
    scenario: Scenario,
    nieuw: Option<HerzieneCrisisafspraak>,
    realistisch: bool,
) -> ApiResult<()> {
    if nieuw.is_none() && !realistisch {
        return Ok(());
    }
    let netwerk = ctx.find_for_update::<netwerk::Entity>(netwerk_id).await?;
    let vandaag = crate::domein::tijd::vandaag();
    let mut afspraken: Vec<Crisisafspraak> = json(&netwerk.crisisafspraken);
    let bestaand = afspraken.iter_mut().find(|a| a.scenario == scenario);
    match (nieuw, bestaand) {
        (Some(n), Some(a)) => {
            a.hulp = n.hulp;
            a.activering = n.activering;
            a.laatst_herzien = Some(vandaag);
        }
        (Some(n), None) => afspraken.push(Crisisafspraak {
            scenario,
            hulp: n.hulp,
            activering: n.activering,
            laatst_herzien: Some(vandaag),
            capaciteit: None,
            activering_offline: None,
            gebied_ids: Vec::new(),
        }),
        (None, Some(a)) => a.laatst_herzien = Some(vandaag),
        (None, None) => return Ok(()),
    }
    let mut model: netwerk::ActiveModel = netwerk.clone().into();
    let mut w = Wijzigingen::new();
    w.zet(
        "crisisafspraken",
        &mut model.crisisafspraken,
        Some(naar_json(&afspraken)),
    );
    ctx.bewaar_wijziging(
        "netwerk",
        Some(netwerk.gemeente_id),
        model,
        w,
        ApiError::from,
    )
    .await?;
    Ok(())
}

/// Oefening verwijderen
///
/// Alleen een geplande oefening; wat gebeurd is, blijft (409 `oefening_vastgelegd`).
#[utoipa::path(
    operation_id = "deleteOefening",
    params(("id" = Uuid, Path, description = "Id van de oefening")),
    responses(
        (status = 204, description = "Verwijderd."),
        (status = 409, description = "Al uitgevoerd.", body = Problem, content_type = "application/problem+json"),
    ),
)]
#[delete("/oefeningen/{id}")]
pub async fn remove(
    if_match: IfMatch,
    ctx: Context,
    id: web::Path<Uuid>,
) -> ApiResult<HttpResponse> {
    ctx.require(Recht::BijeenkomstenSchrijven)?;
    let huidig = ctx.find_for_update::<oefening::Entity>(*id).await?;
    if_match.check(huidig.version)?;
    if huidig.status != OefeningStatus::Gepland {
        return Err(ApiError::Conflict(
            Code::OefeningVastgelegd,
            format!(
                "De oefening is {}; alleen een geplande oefening wordt verwijderd.",
                huidig.status.as_str()
            ),
        ));
    }
    let traject = [huidig.traject_id];
    geraakt(&ctx, "traject", huidig.gemeente_id, &traject, "stappen").await?;
    ctx.verwijder::<oefening::Entity>(&huidig, Wijzigingen::new())
        .await
}

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(list)
        .service(get)
        .service(create)
        .service(update)
        .service(remove);
}
