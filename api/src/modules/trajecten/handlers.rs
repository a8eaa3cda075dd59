//! Trajecten: de stappenplannen die in een gebied lopen (DOMAIN.md, "Step plans").
//!
//! - `coordinerend` (stappen 0–6) en `coachend` (0–4) uit de handreiking DNA-kwadrant;
//! - `weerbaarheid` (1–12) tegen ondermijning, met het beslismoment in stap 5
//!   (go / no-go met reden; een no-go stopt het traject en stap 6–12 beginnen pas
//!   na een go) en een wijkverbinder en een gemeenteverbinder.

use std::collections::HashMap;

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, get, patch, post, web};
use chrono::{DateTime, NaiveDate, Utc};
use entity::{gebied, gebruiker, traject, traject_stap};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder,
};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::audit::{Actie, Regel, Wijzigingen};
use crate::auth::Recht;
use crate::domein::stappenplan::{BESLISSTAP, Overgangen, Plan, StapStatus, Stappen};
use crate::http::etag::{check_if_match, resource_response};
use crate::http::invoer::{Fouten, Invoer, Veld, meer_regels, meer_regels_of_leeg};
use crate::http::pagination::{Pagina, PaginaParams};
use crate::http::problem::{ApiError, ApiResult, Code, InvalidParam, Problem};
use crate::modules::gebieden;
use crate::tenancy::Context;

const RESOURCE: &str = "traject";
/// Eén stap van een traject.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Stap {
    pub nummer: i16,
    pub naam: String,
    pub status: StapStatus,
    pub gestart_op: Option<NaiveDate>,
    pub afgerond_op: Option<NaiveDate>,
    pub notities: Option<String>,
}

pub use entity::soorten::{BesluitKeuze, TrajectStatus};

/// Het besluit van stap 5 (alleen `weerbaarheid`).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Besluit {
    pub besluit: BesluitKeuze,
    pub reden: String,
    pub datum: NaiveDate,
    /// Wie het besluit vastlegde (gebruiker- of koppeling-id).
    pub door: Option<Uuid>,
}

/// Een traject met zijn stappen.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Traject {
    pub id: Uuid,
    #[schema(example = "GM0828")]
    pub gemeente: String,
    pub gebied_id: Uuid,
    pub aanpak: Plan,
    pub naam: Option<String>,
    pub status: TrajectStatus,
    /// Wat het DNA-profiel van het gebied bij de start adviseerde.
    pub voorgestelde_aanpak: Vec<String>,
    /// De eerste stap die nog niet afgerond of overgeslagen is.
    pub huidige_stap: Option<i16>,
    pub stappen: Vec<Stap>,
    pub besluit: Option<Besluit>,
    pub wijkverbinder_id: Option<Uuid>,
    pub gemeenteverbinder_id: Option<Uuid>,
    /// Aandachtspunten, bv. als wijkverbinder en gemeenteverbinder dezelfde persoon zijn.
    pub waarschuwingen: Vec<String>,
    pub aangemaakt_op: DateTime<Utc>,
    pub gewijzigd_op: DateTime<Utc>,
}

/// Een nieuw traject; alle stappen beginnen open.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NieuwTraject {
    /// Een gebied van de eigen gemeente.
    #[allow(dead_code)] // gelezen met `Invoer::veld`, voor de regels die het schema niet kent
    gebied_id: Uuid,
    /// Zonder waarde: de aanpak die het DNA-profiel adviseert, als dat er één is.
    #[allow(dead_code)] // gelezen met `Invoer::veld`, voor de regels die het schema niet kent
    aanpak: Option<Plan>,
    #[schema(min_length = 1, max_length = 200)]
    naam: Option<String>,
    /// Alleen `weerbaarheid`: een actieve gebruiker van de gemeente.
    wijkverbinder_id: Option<Uuid>,
    /// Alleen `weerbaarheid`: een actieve gebruiker van de gemeente.
    gemeenteverbinder_id: Option<Uuid>,
}

/// Wat een lopend traject kan stoppen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum TrajectStop {
    Gestopt,
}

/// Een wijziging van een traject.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TrajectWijziging {
    #[serde(default)]
    #[schema(value_type = Option<String>, min_length = 1, max_length = 200)]
    naam: Veld<String>,
    /// Alleen `gestopt`: het traject stoppen.
    status: Option<TrajectStop>,
    /// Alleen `weerbaarheid`; `null` haalt de verbinder weg.
    #[serde(default)]
    #[schema(value_type = Option<Uuid>)]
    wijkverbinder_id: Veld<Uuid>,
    /// Alleen `weerbaarheid`; `null` haalt de verbinder weg.
    #[serde(default)]
    #[schema(value_type = Option<Uuid>)]
    gemeenteverbinder_id: Veld<Uuid>,
}

/// Een wijziging van een stap.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct StapWijziging {
    status: Option<StapStatus>,
    #[serde(default)]
    #[schema(value_type = Option<NaiveDate>)]
    gestart_op: Veld<NaiveDate>,
    #[serde(default)]
    #[schema(value_type = Option<NaiveDate>)]
    afgerond_op: Veld<NaiveDate>,
    /// `null` wist. Noem geen mensen bij naam: notities zijn alleen voor wie ze nodig heeft.
    #[serde(default)]
    #[schema(schema_with = meer_regels_of_leeg::<10000>)]
    notities: Veld<String>,
}

/// Het besluit van het beslismoment.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BesluitInvoer {
    besluit: BesluitKeuze,
    /// Ook bij een go. Noem geen mensen bij naam.
    #[schema(schema_with = meer_regels::<2000>)]
    reden: String,
    /// Standaard vandaag; niet in de toekomst.
    datum: Option<NaiveDate>,
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(rename_all = "camelCase")]
#[into_params(parameter_in = Query)]
pub struct TrajectenParams {
    gebied_id: Option<Uuid>,
    aanpak: Option<Plan>,
    status: Option<TrajectStatus>,
}

fn representatie(
    m: traject::Model,
    stappen: Vec<traject_stap::Model>,
    codes: &HashMap<Uuid, String>,
) -> Traject {
    let plan = m.aanpak;
    let namen: HashMap<i16, &str> = plan.stappen().iter().copied().collect();
    let mut stappen: Vec<Stap> = stappen
        .into_iter()
        .map(|s| Stap {
            nummer: s.nummer,
            naam: namen.get(&s.nummer).copied().unwrap_or_default().to_owned(),
            status: s.status,
            gestart_op: s.gestart_op,
            afgerond_op: s.afgerond_op,
            notities: s.notities,
        })
        .collect();
    stappen.sort_by_key(|s| s.nummer);
    let huidige_stap = stappen.iter().find(|s| !s.status.klaar()).map(|s| s.nummer);
    let genomen = match (m.besluit, m.besluit_reden.clone(), m.besluit_datum) {
        (Some(besluit), Some(reden), Some(datum)) => Some(Besluit {
            besluit,
            reden,
            datum,
            door: m.besluit_door,
        }),
        _ => None,
    };
    let mut waarschuwingen = Vec::new();
    if plan == Plan::Weerbaarheid {
        match (m.wijkverbinder_id, m.gemeenteverbinder_id) {
            (Some(a), Some(b)) if a == b => waarschuwingen.push(
                "De wijkverbinder en de gemeenteverbinder zijn dezelfde persoon; de handreiking raadt twee verschillende mensen aan."
                    .to_owned(),
            ),
            (None, _) | (_, None) => waarschuwingen.push(
                "Wijs een wijkverbinder (het gezicht in de wijk, voor minstens drie jaar) en een gemeenteverbinder aan."
                    .to_owned(),
            ),
            _ => {}
        }
    }
    Traject {
        id: m.id,
        gemeente: codes.get(&m.gemeente_id).cloned().unwrap_or_default(),
        gebied_id: m.gebied_id,
        aanpak: plan,
        naam: m.naam,
        status: m.status,
        voorgestelde_aanpak: m.voorgestelde_aanpak,
        huidige_stap,
        stappen,
        besluit: genomen,
        wijkverbinder_id: m.wijkverbinder_id,
        gemeenteverbinder_id: m.gemeenteverbinder_id,
        waarschuwingen,
        aangemaakt_op: m.created_at,
        gewijzigd_op: m.updated_at,
    }
}

async fn stappen_van(
    ctx: &Context,
    ids: &[Uuid],
) -> ApiResult<HashMap<Uuid, Vec<traject_stap::Model>>> {
    let mut per_traject: HashMap<Uuid, Vec<traject_stap::Model>> = HashMap::new();
    for stap in ctx
        .scoped(traject_stap::Entity::find())
        .filter(traject_stap::Column::TrajectId.is_in(ids.to_vec()))
        .all(ctx.db())
        .await?
    {
        per_traject.entry(stap.traject_id).or_default().push(stap);
    }
    Ok(per_traject)
}

async fn respond(
    ctx: &Context,
    status: StatusCode,
    model: traject::Model,
) -> ApiResult<HttpResponse> {
    let codes = ctx.codes().await?;
    let stappen = stappen_van(ctx, &[model.id])
        .await?
        .remove(&model.id)
        .unwrap_or_default();
    let path = format!("/api/v1/trajecten/{}", model.id);
    Ok(resource_response(status, model.version, &path).json(representatie(model, stappen, &codes)))
}

/// Een verbinder: een actieve gebruiker van de eigen gemeente.
async fn check_verbinder(
    ctx: &Context,
    fouten: &mut Fouten,
    veld: &str,
    id: Uuid,
) -> ApiResult<()> {
    // Alleen een echt ontbrekende gebruiker telt als "geen gebruiker"; een
    // databasefout is een 500.
    let actief = match ctx.find::<gebruiker::Entity>(id).await {
        Ok(g) => g.actief && g.gemeente_id == ctx.gemeente_id(),
        Err(ApiError::NotFound) => false,
        Err(error) => return Err(error),
    };
    if !actief {
        fouten.reject(
            veld,
            "ongeldig",
            "Dit is geen actieve gebruiker van uw gemeente.",
        );
    }
    Ok(())
}

fn gesloten(model: &traject::Model) -> ApiResult<()> {
    if model.status == TrajectStatus::Lopend {
        Ok(())
    } else {
        Err(ApiError::Conflict(
            Code::TrajectGesloten,
            format!("Het traject is {}; het ligt vast.", model.status.as_str()),
        ))
    }
}

/// Trajecten
#[utoipa::path(
    tag = "Trajecten",
    operation_id = "listTrajecten",
    params(PaginaParams, TrajectenParams),
    responses(
        (status = 200, description = "Een pagina trajecten, nieuwste eerst.", body = Pagina<Traject>,
            headers(("X-Total-Count" = u64, description = "Het totale aantal."))),
        (status = 403, description = "Geen leesrecht.", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/trajecten")]
pub async fn list(
    req: HttpRequest,
    ctx: Context,
    pagina: web::Query<PaginaParams>,
    params: web::Query<TrajectenParams>,
) -> ApiResult<HttpResponse> {
    ctx.require(Recht::TrajectenLezen)?;
    let mut select = ctx.scoped(traject::Entity::find());
    if let Some(gebied) = params.gebied_id {
        select = select.filter(traject::Column::GebiedId.eq(gebied));
    }
    if let Some(plan) = params.aanpak {
        select = select.filter(traject::Column::Aanpak.eq(plan.as_str()));
    }
    if let Some(status) = &params.status {
        select = select.filter(traject::Column::Status.eq(*status));
    }
    let select = select
        .order_by_desc(traject::Column::CreatedAt)
        .order_by_desc(traject::Column::Id);
    let (totaal, rijen) = pagina.fetch(select, ctx.db()).await?;
    let codes = ctx.codes().await?;
    let ids: Vec<Uuid> = rijen.iter().map(|t| t.id).collect();
    let mut stappen = stappen_van(&ctx, &ids).await?;
    let resultaten = rijen
        .into_iter()
        .map(|t| {
            let s = stappen.remove(&t.id).unwrap_or_default();
            representatie(t, s, &codes)
        })
        .collect();
    Ok(Pagina::new(&req, *pagina, totaal, resultaten).respond())
}

/// Eén traject
#[utoipa::path(
    tag = "Trajecten",
    operation_id = "getTraject",
    params(("id" = Uuid, Path, description = "Id van het traject")),
    responses(
        (status = 200, description = "Het traject met `ETag`.", body = Traject),
        (status = 403, description = "Geen leesrecht.", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Bestaat niet of hoort bij een andere gemeente.", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/trajecten/{id}")]
pub async fn get(ctx: Context, id: web::Path<Uuid>) -> ApiResult<HttpResponse> {
    ctx.require(Recht::TrajectenLezen)?;
    let model = ctx.find::<traject::Entity>(*id).await?;
    respond(&ctx, StatusCode::OK, model).await
}

/// Traject starten
///
/// Zonder `aanpak` geldt het advies van het DNA-profiel van het gebied, als dat één
/// aanpak noemt (vak 1: coachend, vak 4: coördinerend); bij vak 2 en 3 kiest u zelf.
#[utoipa::path(
    tag = "Trajecten",
    operation_id = "createTraject",
    request_body = NieuwTraject,
    responses(
        (status = 201, description = "Gestart, met alle stappen open.", body = Traject),
        (status = 403, description = "Geen schrijfrecht.", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[post("/trajecten")]
pub async fn create(ctx: Context, mut invoer: Invoer<NieuwTraject>) -> ApiResult<HttpResponse> {
    ctx.require(Recht::TrajectenSchrijven)?;
    let gemeente_id = ctx.eigen_gemeente()?;
    let gebied = match invoer.veld::<Uuid>("gebiedId") {
        Some(id) => match ctx.find::<gebied::Entity>(id).await {
            Ok(g) => Some(g),
            Err(ApiError::NotFound) => {
                invoer.fouten().reject(
                    "gebiedId",
                    "ongeldig",
                    "Dit gebied bestaat niet in uw gemeente.",
                );
                None
            }
            Err(error) => return Err(error),
        },
        None => None,
    };
    let voorgesteld: Vec<String> = match &gebied {
        Some(g) => gebieden::profielen(ctx.db(), std::slice::from_ref(g))
            .await?
            .remove(&g.id)
            .map(|p| p.aanpak.iter().map(|a| a.as_str().to_owned()).collect())
            .unwrap_or_default(),
        None => Vec::new(),
    };
    let plan = match (invoer.veld::<Plan>("aanpak"), invoer.heeft("aanpak")) {
        (Some(plan), _) => Some(plan),
        (None, true) => None,
        (None, false) if voorgesteld.len() == 1 => Plan::parse(&voorgesteld[0]),
        (None, false) => {
            if gebied.is_some() {
                let reden = if voorgesteld.is_empty() {
                    "Het DNA-profiel van het gebied geeft (nog) geen advies; kies coordinerend, coachend of weerbaarheid.".to_owned()
                } else {
                    format!(
                        "Het DNA-profiel adviseert {}; kies zelf coordinerend, coachend of weerbaarheid.",
                        voorgesteld.join(" of ")
                    )
                };
                invoer.fouten().reject("aanpak", "verplicht", reden);
            }
            None
        }
    };
    for veld in ["wijkverbinderId", "gemeenteverbinderId"] {
        if !invoer.heeft(veld) {
            continue;
        }
        if plan.is_some_and(|p| p != Plan::Weerbaarheid) {
            invoer.fouten().reject(
                veld,
                "niet_toegestaan",
                "Alleen het weerbaarheidsplan heeft verbinders.",
            );
        } else if let Some(id) = invoer.veld::<Uuid>(veld) {
            check_verbinder(&ctx, invoer.fouten(), veld, id).await?;
        }
    }
    let NieuwTraject {
        naam,
        wijkverbinder_id: wijkverbinder,
        gemeenteverbinder_id: gemeenteverbinder,
        ..
    } = invoer.klaar()?;
    let (Some(gebied), Some(plan)) = (gebied, plan) else {
        return Err(ApiError::Internal(
            "validatie liet een verplicht veld door".into(),
        ));
    };
    let now = Utc::now();
    let model = traject::ActiveModel {
        id: Set(Uuid::now_v7()),
        gemeente_id: Set(gemeente_id),
        gebied_id: Set(gebied.id),
        aanpak: Set(plan),
        naam: Set(naam.clone()),
        status: Set(TrajectStatus::Lopend),
        voorgestelde_aanpak: Set(voorgesteld.clone()),
        besluit: Set(None),
        besluit_reden: Set(None),
        besluit_datum: Set(None),
        besluit_door: Set(None),
        wijkverbinder_id: Set(wijkverbinder),
        gemeenteverbinder_id: Set(gemeenteverbinder),
        ..Default::default()
    }
    .insert(ctx.db())
    .await?;
    let stappen: Vec<traject_stap::ActiveModel> = plan
        .stappen()
        .iter()
        .map(|(nummer, _)| traject_stap::ActiveModel {
            traject_id: Set(model.id),
            gemeente_id: Set(gemeente_id),
            nummer: Set(*nummer),
            status: Set(StapStatus::Open),
            gestart_op: Set(None),
            afgerond_op: Set(None),
            notities: Set(None),
            updated_at: Set(now),
        })
        .collect();
    traject_stap::Entity::insert_many(stappen)
        .exec(ctx.db())
        .await?;
    let mut wijzigingen = Wijzigingen::new()
        .nieuw("gebiedId", gebied.id)
        .nieuw("aanpak", plan.as_str())
        .nieuw("voorgesteldeAanpak", &voorgesteld);
    if let Some(naam) = &naam {
        wijzigingen = wijzigingen.nieuw("naam", naam);
    }
    if let Some(id) = wijkverbinder {
        wijzigingen = wijzigingen.nieuw("wijkverbinderId", id);
    }
    if let Some(id) = gemeenteverbinder {
        wijzigingen = wijzigingen.nieuw("gemeenteverbinderId", id);
    }
    ctx.audit(Regel {
        gemeente_id: Some(gemeente_id),
        resource: RESOURCE,
        resource_id: model.id.to_string(),
        actie: Actie::Aangemaakt,
        wijzigingen,
    })
    .await?;
    let response = respond(&ctx, StatusCode::CREATED, model).await?;
    ctx.commit_then(response).await
}

/// Traject wijzigen of stoppen
///
/// Naam en verbinders; `{"status": "gestopt"}` stopt het traject.
#[utoipa::path(
    tag = "Trajecten",
    operation_id = "updateTraject",
    params(
        ("id" = Uuid, Path, description = "Id van het traject"),
        ("If-Match" = Option<String>, Header, description = "De `ETag` van de versie die u wijzigt."),
    ),
    request_body = TrajectWijziging,
    responses(
        (status = 200, description = "Gewijzigd.", body = Traject),
        (status = 403, description = "Geen schrijfrecht.", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Bestaat niet of hoort bij een andere gemeente.", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Het traject is gestopt of afgerond.", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[patch("/trajecten/{id}")]
pub async fn update(
    req: HttpRequest,
    ctx: Context,
    id: web::Path<Uuid>,
    mut invoer: Invoer<TrajectWijziging>,
) -> ApiResult<HttpResponse> {
    ctx.require(Recht::TrajectenSchrijven)?;
    let huidig = ctx.find_for_update::<traject::Entity>(*id).await?;
    let weerbaarheid = huidig.aanpak == Plan::Weerbaarheid;
    for veld in ["wijkverbinderId", "gemeenteverbinderId"] {
        if !weerbaarheid && invoer.heeft(veld) {
            invoer.fouten().reject(
                veld,
                "niet_toegestaan",
                "Alleen het weerbaarheidsplan heeft verbinders.",
            );
        } else if let Some(id) = invoer.veld::<Uuid>(veld) {
            check_verbinder(&ctx, invoer.fouten(), veld, id).await?;
        }
    }
    let invoer = invoer.klaar()?;
    // Eerst de invoer (400), dan de versie (412): een fout verzoek is fout, welke
    // versie het ook noemt.
    check_if_match(&req, huidig.version)?;
    gesloten(&huidig)?;
    let verbinders = [
        ("wijkverbinderId", invoer.wijkverbinder_id),
        ("gemeenteverbinderId", invoer.gemeenteverbinder_id),
    ];

    let mut model: traject::ActiveModel = huidig.clone().into();
    let mut w = Wijzigingen::new();
    if let Some(naam) = invoer.naam.wijziging() {
        w = w.waarde("naam", &huidig.naam, &naam);
        model.naam = Set(naam);
    }
    if invoer.status.is_some() {
        w = w.waarde("status", huidig.status, "gestopt");
        model.status = Set(TrajectStatus::Gestopt);
    }
    for (veld, waarde) in verbinders {
        let Some(waarde) = waarde.wijziging() else {
            continue;
        };
        if veld == "wijkverbinderId" {
            w = w.waarde(veld, huidig.wijkverbinder_id, waarde);
            model.wijkverbinder_id = Set(waarde);
        } else {
            w = w.waarde(veld, huidig.gemeenteverbinder_id, waarde);
            model.gemeenteverbinder_id = Set(waarde);
        }
    }
    if w.is_empty() {
        return respond(&ctx, StatusCode::OK, huidig).await;
    }
    let model = model.update(ctx.db()).await?;
    ctx.audit(Regel {
        gemeente_id: Some(model.gemeente_id),
        resource: RESOURCE,
        resource_id: model.id.to_string(),
        actie: Actie::Gewijzigd,
        wijzigingen: w,
    })
    .await?;
    let response = respond(&ctx, StatusCode::OK, model).await?;
    ctx.commit_then(response).await
}

/// Een stap bijhouden
///
/// Status (`open` → `bezig` → `afgerond`, of `overgeslagen`; een afgeronde stap gaat
/// alleen terug naar `bezig`), datums en notities. Beginnen met `bezig` zet
/// `gestartOp` op vandaag, afronden zet `afgerondOp` op vandaag, tenzij meegegeven.
/// Bij `weerbaarheid` rondt alleen het besluit stap 5 af, en beginnen stap 6–12 pas
/// na een go.
#[utoipa::path(
    tag = "Trajecten",
    operation_id = "updateTrajectStap",
    params(
        ("id" = Uuid, Path, description = "Id van het traject"),
        ("nummer" = i16, Path, description = "Het stapnummer (coordinerend 0–6, coachend 0–4, weerbaarheid 1–12)"),
    ),
    request_body = StapWijziging,
    responses(
        (status = 200, description = "Het traject met de bijgewerkte stap.", body = Traject),
        (status = 403, description = "Geen schrijfrecht.", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Het traject bestaat niet of hoort bij een andere gemeente.", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Een overgang die niet kan: gesloten traject, stap 5 zonder besluit, stap 6–12 zonder go, afgerond → open.", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[patch("/trajecten/{id}/stappen/{nummer}")]
pub async fn update_stap(
    ctx: Context,
    path: web::Path<(Uuid, i64)>,
    invoer: Invoer<StapWijziging>,
) -> ApiResult<HttpResponse> {
    ctx.require(Recht::TrajectenSchrijven)?;
    let (id, nummer) = path.into_inner();
    let huidig = ctx.find_for_update::<traject::Entity>(id).await?;
    let plan = huidig.aanpak;
    let Some(nummer) = i16::try_from(nummer)
        .ok()
        .filter(|n| plan.stappen().iter().any(|(s, _)| s == n))
    else {
        let (eerste, laatste) = (
            plan.stappen()[0].0,
            plan.stappen()[plan.stappen().len() - 1].0,
        );
        return Err(ApiError::Validation(vec![InvalidParam::new(
            "nummer",
            "ongeldig",
            format!(
                "Het plan {} heeft de stappen {eerste} tot en met {laatste}.",
                plan.as_str()
            ),
        )]));
    };
    let invoer = invoer.klaar()?;
    let status = invoer.status;
    let gestart = invoer.gestart_op.wijziging();
    let afgerond = invoer.afgerond_op.wijziging();
    let notities = invoer.notities.wijziging();
    gesloten(&huidig)?;

    let stap = ctx
        .scoped(traject_stap::Entity::find())
        .filter(traject_stap::Column::TrajectId.eq(id))
        .filter(traject_stap::Column::Nummer.eq(nummer))
        .one(ctx.db())
        .await?
        .ok_or(ApiError::NotFound)?;
    let oud = stap.status;
    let nieuw = status.unwrap_or(oud);
    if !oud.mag_naar(nieuw) {
        return Err(ApiError::Conflict(
            Code::StapOvergangOngeldig,
            format!(
                "Een stap gaat niet van {} naar {}; zet hem eerst weer op bezig.",
                oud.as_str(),
                nieuw.as_str()
            ),
        ));
    }
    if plan == Plan::Weerbaarheid && nieuw != oud {
        if nummer == BESLISSTAP && nieuw == StapStatus::Afgerond {
            return Err(ApiError::Conflict(
                Code::BesluitOntbreekt,
                "Stap 5 is het beslismoment: rond hem af met POST /api/v1/trajecten/{id}/besluit."
                    .into(),
            ));
        }
        if nummer > BESLISSTAP
            && matches!(nieuw, StapStatus::Bezig | StapStatus::Afgerond)
            && huidig.besluit != Some(BesluitKeuze::Go)
        {
            return Err(ApiError::Conflict(
                Code::BesluitOntbreekt,
                "Stap 6 tot en met 12 beginnen pas na een go op het beslismoment (stap 5).".into(),
            ));
        }
    }
    let vandaag = Utc::now().date_naive();
    let mut gestart_op = gestart.unwrap_or(stap.gestart_op);
    let mut afgerond_op = afgerond.unwrap_or(stap.afgerond_op);
    if nieuw != oud {
        match nieuw {
            StapStatus::Bezig => {
                gestart_op = gestart_op.or(Some(vandaag));
                afgerond_op = afgerond.flatten();
            }
            StapStatus::Afgerond => {
                afgerond_op = afgerond_op.or(Some(vandaag));
                gestart_op = gestart_op.or(afgerond_op);
            }
            StapStatus::Open | StapStatus::Overgeslagen => {}
        }
    }
    if let (Some(begin), Some(eind)) = (gestart_op, afgerond_op)
        && eind < begin
    {
        return Err(ApiError::Validation(vec![InvalidParam::new(
            "afgerondOp",
            "ongeldig",
            "afgerondOp ligt vóór gestartOp.",
        )]));
    }
    let mut w = Wijzigingen::new()
        .waarde(
            &format!("stappen.{nummer}.status"),
            oud.as_str(),
            nieuw.as_str(),
        )
        .waarde(
            &format!("stappen.{nummer}.gestartOp"),
            stap.gestart_op,
            gestart_op,
        )
        .waarde(
            &format!("stappen.{nummer}.afgerondOp"),
            stap.afgerond_op,
            afgerond_op,
        );
    let notities_nieuw = notities.unwrap_or_else(|| stap.notities.clone());
    if notities_nieuw != stap.notities {
        // Notities kunnen namen bevatten: alleen de veldnaam in de audit trail.
        w = w.alleen_naam(&format!("stappen.{nummer}.notities"));
    }
    if w.is_empty() {
        return respond(&ctx, StatusCode::OK, huidig).await;
    }
    let mut actief: traject_stap::ActiveModel = stap.into();
    actief.status = Set(nieuw);
    actief.gestart_op = Set(gestart_op);
    actief.afgerond_op = Set(afgerond_op);
    actief.notities = Set(notities_nieuw);
    actief.updated_at = Set(Utc::now());
    actief.update(ctx.db()).await?;
    let model = bump(&ctx, huidig, None).await?;
    ctx.audit(Regel {
        gemeente_id: Some(model.gemeente_id),
        resource: RESOURCE,
        resource_id: model.id.to_string(),
        actie: Actie::Gewijzigd,
        wijzigingen: w,
    })
    .await?;
    let response = respond(&ctx, StatusCode::OK, model).await?;
    ctx.commit_then(response).await
}

/// Nieuwe versie van het traject; `afgerond` als alle stappen klaar zijn, of de
/// gegeven status.
async fn bump(
    ctx: &Context,
    huidig: traject::Model,
    status: Option<TrajectStatus>,
) -> ApiResult<traject::Model> {
    let stappen = stappen_van(ctx, &[huidig.id])
        .await?
        .remove(&huidig.id)
        .unwrap_or_default();
    let alles_klaar = stappen.iter().all(|s| s.status.klaar());
    let mut model: traject::ActiveModel = huidig.clone().into();
    if let Some(status) = status {
        model.status = Set(status);
    } else if alles_klaar {
        model.status = Set(TrajectStatus::Afgerond);
    }
    Ok(model.update(ctx.db()).await?)
}

/// Het besluit van stap 5
///
/// Alleen bij `weerbaarheid`, één keer: `go` of `no_go`, met reden. Het rondt stap 5
/// af; een `no_go` stopt het traject, een `go` opent de weg naar stap 6–12.
#[utoipa::path(
    tag = "Trajecten",
    operation_id = "createTrajectBesluit",
    params(("id" = Uuid, Path, description = "Id van het traject")),
    request_body = BesluitInvoer,
    responses(
        (status = 200, description = "Het traject met het besluit.", body = Traject),
        (status = 403, description = "Geen schrijfrecht.", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Het traject bestaat niet of hoort bij een andere gemeente.", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Geen weerbaarheidsplan, al besloten, of het traject is gesloten.", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
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
    gesloten(&huidig)?;
    let datum = datum.unwrap_or_else(|| Utc::now().date_naive());
    let stap = ctx
        .scoped(traject_stap::Entity::find())
        .filter(traject_stap::Column::TrajectId.eq(huidig.id))
        .filter(traject_stap::Column::Nummer.eq(BESLISSTAP))
        .one(ctx.db())
        .await?
        .ok_or(ApiError::NotFound)?;
    let gestart = stap.gestart_op.filter(|g| *g <= datum).unwrap_or(datum);
    let mut actief: traject_stap::ActiveModel = stap.into();
    actief.status = Set(StapStatus::Afgerond);
    actief.gestart_op = Set(Some(gestart));
    actief.afgerond_op = Set(Some(datum));
    actief.updated_at = Set(Utc::now());
    actief.update(ctx.db()).await?;

    let mut model: traject::ActiveModel = huidig.clone().into();
    model.besluit = Set(Some(keuze));
    model.besluit_reden = Set(Some(reden.clone()));
    model.besluit_datum = Set(Some(datum));
    model.besluit_door = Set(ctx.caller.actor.id());
    let huidig = model.update(ctx.db()).await?;
    let status = (keuze == BesluitKeuze::NoGo).then_some(TrajectStatus::Gestopt);
    let model = bump(&ctx, huidig, status).await?;
    ctx.audit(Regel {
        gemeente_id: Some(model.gemeente_id),
        resource: RESOURCE,
        resource_id: model.id.to_string(),
        actie: Actie::Gewijzigd,
        wijzigingen: Wijzigingen::new()
            .nieuw("besluit", keuze)
            .nieuw("besluitReden", &reden)
            .nieuw("besluitDatum", datum)
            .waarde("status", "lopend", model.status),
    })
    .await?;
    let response = respond(&ctx, StatusCode::OK, model).await?;
    ctx.commit_then(response).await
}

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(list)
        .service(get)
        .service(create)
        .service(update)
        .service(update_stap)
        .service(create_besluit);
}
