//! Trajecten: de stappenplannen die in een gebied lopen (DOMAIN.md, "Step plans").
//!
//! - `coordinerend` (stappen 0–6) en `coachend` (0–4) uit de handreiking DNA-kwadrant;
//! - `weerbaarheid` (1–12) tegen ondermijning, met het beslismoment aan het eind van
//!   stap 4 (go / nog niet / no-go met reden, zie [`super::besluit`]; stap 5–12
//!   beginnen pas na een go) en verbinders (zie [`super::verbinders`]).

use crate::http::problem::Foutcode;
use actix_web::{HttpResponse, get, patch, post, web};
use chrono::Utc;
use entity::{gebied, netwerk, traject, traject_stap};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder,
    QueryTrait,
};
use uuid::Uuid;

use super::traject::*;
use crate::audit::Wijzigingen;
use crate::auth::Recht;
use crate::domein::stappenplan::{Plan, StapStatus, Stappen};
use crate::http::etag::IfMatch;
use crate::http::invoer::{Fouten, Invoer};
use crate::http::pagination::Lijst;
use crate::http::pagination::{Pagina, PaginaParams};
use crate::http::problem::{ApiError, ApiResult, Problem};
use crate::modules::gebieden;
use crate::tenancy::Context;

use super::invoer::*;
use super::verbinders;
use super::weergave::*;

/// Trajecten
#[utoipa::path(
    operation_id = "listTrajecten",
    params(PaginaParams, TrajectenParams),
    responses(
        (status = 200, description = "Een pagina trajecten, nieuwste eerst.", body = Pagina<Traject>),
    ),
)]
#[get("/trajecten")]
pub async fn list(ctx: Context, lijst: Lijst<TrajectenParams>) -> ApiResult<HttpResponse> {
    ctx.require(Recht::TrajectenLezen)?;
    let p = &lijst.params;
    let select = ctx
        .scoped(traject::Entity::find())
        .apply_if(p.gebied_id, |q, g| {
            q.filter(traject::Column::GebiedId.eq(g))
        })
        .apply_if(p.netwerk_id, |q, n| {
            q.filter(traject::Column::NetwerkId.eq(n))
        })
        .apply_if(p.aanpak, |q, a| {
            q.filter(traject::Column::Aanpak.eq(a.as_str()))
        })
        .apply_if(p.status, |q, s| q.filter(traject::Column::Status.eq(s)))
        .order_by_desc(traject::Column::CreatedAt)
        .order_by_desc(traject::Column::Id);
    ctx.pagina(&lijst, select).await
}

/// Eén traject
#[utoipa::path(
    operation_id = "getTraject",
    params(("id" = Uuid, Path, description = "Id van het traject")),
    responses(
        (status = 200, description = "Het traject met `ETag`.", body = Traject),
    ),
)]
#[get("/trajecten/{id}")]
pub async fn get(ctx: Context, id: web::Path<Uuid>) -> ApiResult<HttpResponse> {
    ctx.require(Recht::TrajectenLezen)?;
    ctx.lees::<traject::Entity>(*id).await
}

/// Traject starten
///
/// Voor een gebied (`gebiedId`) of een gemeenschap (`netwerkId`). Zonder `aanpak` geldt
/// het advies van het DNA-profiel van het gebied, als dat één
/// aanpak noemt (vak 1: coachend, vak 4: coördinerend); bij vak 2 en 3 kiest u zelf.
#[utoipa::path(
    operation_id = "createTraject",
    request_body = NieuwTraject,
    responses(
        (status = 201, description = "Gestart, met alle stappen open.", body = Traject),
    ),
)]
#[post("/trajecten")]
pub async fn create(ctx: Context, mut invoer: Invoer<NieuwTraject>) -> ApiResult<HttpResponse> {
    ctx.require(Recht::TrajectenSchrijven)?;
    let gemeente_id = ctx.eigen_gemeente()?;
    let gebied = ctx
        .verwijzing::<gebied::Entity, _>(&mut invoer, "gebiedId")
        .await?;
    let netwerk = ctx
        .verwijzing::<netwerk::Entity, _>(&mut invoer, "netwerkId")
        .await?;
    let deel = invoer.deel();
    let mut fouten = Fouten::new();
    if deel
        .as_ref()
        .is_some_and(|d| d.gebied_id.is_none() && d.netwerk_id.is_none())
    {
        fouten.reject(
            "gebiedId",
            Foutcode::Verplicht,
            "Noem een gebied (gebiedId) of, voor een gemeenschap, een netwerk (netwerkId).",
        );
    }
    let voorgesteld: Vec<String> = match &gebied {
        Some(g) => gebieden::profielen(ctx.db(), std::slice::from_ref(g))
            .await?
            .remove(&g.id)
            .map(|p| p.aanpak.iter().map(|a| a.as_str().to_owned()).collect())
            .unwrap_or_default(),
        None => Vec::new(),
    };
    let plan = kies_plan(
        deel.as_ref().and_then(|d| d.aanpak),
        &voorgesteld,
        gebied.is_some() || netwerk.is_some(),
        &mut fouten,
    );
    let lijst = deel.as_ref().and_then(|d| d.verbinders.as_deref());
    verbinders::controleer(&ctx, lijst, plan, &mut fouten).await?;
    invoer.fouten().voeg_toe(fouten);
    let nieuw = invoer.klaar()?;
    let (true, Some(plan)) = (gebied.is_some() || netwerk.is_some(), plan) else {
        return Err(ApiError::Internal(
            "validatie liet een verplicht veld door".into(),
        ));
    };
    let model = traject::ActiveModel {
        id: Set(Uuid::now_v7()),
        gemeente_id: Set(gemeente_id),
        gebied_id: Set(gebied.map(|g| g.id)),
        aanpak: Set(plan),
        naam: Set(nieuw.naam),
        status: Set(TrajectStatus::Lopend),
        voorgestelde_aanpak: Set(voorgesteld),
        netwerk_id: Set(netwerk.map(|n| n.id)),
        ..Default::default()
    }
    .insert(ctx.db())
    .await?;
    open_stappen(&ctx, &model).await?;
    let lijst = nieuw.verbinders.unwrap_or_default();
    verbinders::bewaar(&ctx, &model, &lijst).await?;
    let mut wijzigingen =
        Wijzigingen::aangemaakt(RESOURCE, &model).alleen_naam_als(model.naam.is_some(), "naam");
    if !lijst.is_empty() {
        wijzigingen = wijzigingen.nieuw("verbinders", verbinders::audit_waarde(&lijst));
    }
    ctx.aangemaakt_met::<traject::Entity>(model, wijzigingen)
        .await
}

/// De aanpak van een nieuw traject: de gekozen, of anders het advies van het
/// DNA-profiel als dat er één noemt; anders een fout op `aanpak`.
fn kies_plan(
    gekozen: Option<Plan>,
    voorgesteld: &[String],
    gebied_bekend: bool,
    fouten: &mut Fouten,
) -> Option<Plan> {
    if gekozen.is_some() {
        return gekozen;
    }
    if let [enige] = voorgesteld {
        return Plan::parse(enige);
    }
    if gebied_bekend {
        let reden = if voorgesteld.is_empty() {
            "Het DNA-profiel van het gebied geeft (nog) geen advies, of er is alleen een netwerk; kies coordinerend, coachend of weerbaarheid.".to_owned()
        } else {
            format!(
                "Het DNA-profiel adviseert {}; kies zelf coordinerend, coachend of weerbaarheid.",
                voorgesteld.join(" of ")
            )
        };
        fouten.reject("aanpak", Foutcode::Verplicht, reden);
    }
    None
}

/// De stappen van een nieuw traject, alle open.
async fn open_stappen(ctx: &Context, traject: &traject::Model) -> ApiResult<()> {
    let now = Utc::now();
    let stappen = traject
        .aanpak
        .stappen()
        .iter()
        .map(|(nummer, _)| traject_stap::ActiveModel {
            traject_id: Set(traject.id),
            gemeente_id: Set(traject.gemeente_id),
            nummer: Set(*nummer),
            status: Set(StapStatus::Open),
            gestart_op: Set(None),
            afgerond_op: Set(None),
            notities: Set(None),
            antwoorden: Set(serde_json::json!({})),
            afgevinkt: Set(serde_json::json!({})),
            netwerk_id: Set(None),
            updated_at: Set(now),
        });
    traject_stap::Entity::insert_many(stappen)
        .exec(ctx.db())
        .await?;
    Ok(())
}

/// Traject wijzigen of stoppen
///
/// Naam en verbinders; `{"status": "gestopt"}` stopt het traject.
#[utoipa::path(
    operation_id = "updateTraject",
    params(
        ("id" = Uuid, Path, description = "Id van het traject"),
    ),
    request_body = TrajectWijziging,
    responses(
        (status = 200, description = "Gewijzigd.", body = Traject),
        (status = 409, description = "Het traject is gestopt of afgerond.", body = Problem, content_type = "application/problem+json"),
    ),
)]
#[patch("/trajecten/{id}")]
pub async fn update(
    if_match: IfMatch,
    ctx: Context,
    id: web::Path<Uuid>,
    mut invoer: Invoer<TrajectWijziging>,
) -> ApiResult<HttpResponse> {
    ctx.require(Recht::TrajectenSchrijven)?;
    let huidig = ctx.find_for_update::<traject::Entity>(*id).await?;
    let mut fouten = Fouten::new();
    let wijziging = invoer.deel();
    let lijst = wijziging.as_ref().and_then(|w| w.verbinders.as_deref());
    verbinders::controleer(&ctx, lijst, Some(huidig.aanpak), &mut fouten).await?;
    invoer.fouten().voeg_toe(fouten);
    let invoer = invoer.klaar()?;
    // Eerst de invoer (400), dan de versie (412): een fout verzoek is fout, welke
    // versie het ook noemt.
    if_match.check(huidig.version)?;
    gesloten(&huidig)?;
    let mut model: traject::ActiveModel = huidig.clone().into();
    let mut w = Wijzigingen::new();
    w.zet("naam", &mut model.naam, invoer.naam.wijziging());
    let stop = invoer.status.map(|_| TrajectStatus::Gestopt);
    w.zet("status", &mut model.status, stop);
    if let Some(lijst) = &invoer.verbinders {
        verbinders::bewaar(&ctx, &huidig, lijst).await?;
        w = w.nieuw("verbinders", verbinders::audit_waarde(lijst));
        // Ook alleen een nieuwe lijst verbinders geeft het traject een nieuwe versie.
        model.updated_at = Set(Utc::now());
    }
    ctx.gewijzigd::<traject::Entity, _>(huidig, model, w, ApiError::from)
        .await
}
