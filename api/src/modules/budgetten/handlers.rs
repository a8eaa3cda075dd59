//! Budgetten: aanmaken en wijzigen (budgethouders en beheerders), het grootboek lezen
//! en het openbare overzicht.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, get, patch, post, web};
use chrono::{DateTime, Utc};
use entity::soorten::{AanvraagStatus, BudgetVorm, MutatieSoort};
use entity::{budget, gebied, mutatie};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DbBackend, EntityTrait, FromQueryResult,
    QueryFilter, QueryOrder, QueryTrait, Statement,
};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::audit::{Actie, Wijzigingen};
use crate::auth::Recht;
use crate::http::etag::{IfMatch, resource_response};
use crate::http::invoer::{Invoer, Veld};
use crate::http::pagination::{Lijst, Pagina, PaginaParams};
use crate::http::problem::{ApiError, ApiResult, Code, Problem, UniekeSleutel, uniek};
use crate::tenancy::{Codes, Context};

pub(super) const RESOURCE: &str = "budget";

/// Een matchingverhouding: de toekenning is hoogstens de eigen bijdrage × teller /
/// noemer (naar beneden afgerond op de cent).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Verhouding {
    #[schema(minimum = 1, maximum = 100)]
    pub teller: i32,
    #[schema(minimum = 1, maximum = 100)]
    pub noemer: i32,
}

/// Een budget met zijn totalen (uit het grootboek): `gereserveerd` = Σreservering −
/// Σvrijval + Σcorrectie (uitbetaald geld blijft erin), `uitbetaald` = Σuitbetaling,
/// `beschikbaar` = `totaalBedrag` − `gereserveerd`. Bedragen in eurocenten.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Budget {
    pub id: Uuid,
    #[schema(example = "GM0828")]
    pub gemeente: String,
    pub naam: String,
    pub jaar: i32,
    pub vorm: BudgetVorm,
    pub totaal_bedrag: i64,
    pub max_per_aanvraag: i64,
    pub gebied_id: Option<Uuid>,
    /// Bij `matching` (standaard 1/1).
    pub matching: Verhouding,
    pub beslistermijn_dagen: i32,
    pub open: bool,
    pub gereserveerd: i64,
    pub uitbetaald: i64,
    pub vrijgevallen: i64,
    pub beschikbaar: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

pub fn representatie(m: budget::Model, codes: &Codes) -> Budget {
    Budget {
        id: m.id,
        gemeente: codes.get(&m.gemeente_id).cloned().unwrap_or_default(),
        naam: m.naam,
        jaar: m.jaar,
        vorm: m.vorm,
        totaal_bedrag: m.totaal_bedrag,
        max_per_aanvraag: m.max_per_aanvraag,
        gebied_id: m.gebied_id,
        matching: Verhouding {
            teller: m.matching_teller,
            noemer: m.matching_noemer,
        },
        beslistermijn_dagen: m.beslistermijn_dagen,
        open: m.open,
        gereserveerd: m.gereserveerd,
        uitbetaald: m.uitbetaald,
        vrijgevallen: m.vrijgevallen,
        beschikbaar: m.totaal_bedrag - m.gereserveerd,
        created_at: m.created_at,
        updated_at: m.updated_at,
    }
}

/// Een nieuw budget.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NieuwBudget {
    #[schema(min_length = 1, max_length = 200)]
    naam: String,
    #[schema(minimum = 2000, maximum = 2100)]
    jaar: i32,
    vorm: BudgetVorm,
    /// In eurocenten.
    #[schema(minimum = 0, maximum = 100_000_000_000_i64)]
    totaal_bedrag: i64,
    /// In eurocenten.
    #[schema(minimum = 1, maximum = 100_000_000_000_i64)]
    max_per_aanvraag: i64,
    /// Een gebied van de eigen gemeente.
    gebied_id: Option<Uuid>,
    /// Alleen zinvol bij `matching`; standaard 1/1.
    matching: Option<Verhouding>,
    /// Standaard 14.
    #[schema(minimum = 1, maximum = 365)]
    beslistermijn_dagen: Option<i32>,
    /// Standaard open.
    open: Option<bool>,
}

/// Een wijziging van een budget. Het totaal gaat omhoog, of omlaag tot wat al
/// gereserveerd is (409 `budget_te_laag`).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BudgetWijziging {
    #[schema(min_length = 1, max_length = 200)]
    naam: Option<String>,
    #[schema(minimum = 0, maximum = 100_000_000_000_i64)]
    totaal_bedrag: Option<i64>,
    #[schema(minimum = 1, maximum = 100_000_000_000_i64)]
    max_per_aanvraag: Option<i64>,
    #[serde(default)]
    #[schema(value_type = Option<Uuid>)]
    gebied_id: Veld<Uuid>,
    matching: Option<Verhouding>,
    #[schema(minimum = 1, maximum = 365)]
    beslistermijn_dagen: Option<i32>,
    open: Option<bool>,
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(rename_all = "camelCase")]
#[into_params(parameter_in = Query)]
pub struct BudgettenParams {
    #[param(minimum = 2000, maximum = 2100)]
    jaar: Option<i32>,
    vorm: Option<BudgetVorm>,
    open: Option<bool>,
    /// Een CBS-code: alleen die gemeente (voor de regio).
    #[param(pattern = r"^GM[0-9]{4}$")]
    gemeente: Option<String>,
}

fn conflict(error: sea_orm::DbErr) -> ApiError {
    uniek(
        error,
        &[UniekeSleutel {
            constraint: "budget_gemeente_id_jaar_naam_key",
            code: Code::DubbeleNaam,
            detail: "Deze naam heeft al een budget van uw gemeente in dat jaar.",
        }],
    )
}

async fn respond(ctx: &Context, status: StatusCode, m: budget::Model) -> ApiResult<HttpResponse> {
    let codes = ctx.codes().await?;
    let version = m.version;
    let r = representatie(m, &codes);
    Ok(resource_response(status, version, &format!("/api/v1/budgetten/{}", r.id)).json(r))
}

/// Budgetten
#[utoipa::path(
    operation_id = "listBudgetten",
    params(PaginaParams, BudgettenParams),
    responses(
        (status = 200, description = "Een pagina budgetten, nieuwste jaar eerst.", body = Pagina<Budget>),
    ),
)]
#[get("/budgetten")]
pub async fn list(ctx: Context, lijst: Lijst<BudgettenParams>) -> ApiResult<HttpResponse> {
    ctx.require(Recht::BudgettenLezen)?;
    let p = &lijst.params;
    let select = ctx
        .scoped_in(budget::Entity::find(), p.gemeente.as_deref())
        .await?
        .apply_if(p.jaar, |q, j| q.filter(budget::Column::Jaar.eq(j)))
        .apply_if(p.vorm, |q, v| q.filter(budget::Column::Vorm.eq(v)))
        .apply_if(p.open, |q, o| q.filter(budget::Column::Open.eq(o)))
        .order_by_desc(budget::Column::Jaar)
        .order_by_asc(budget::Column::Naam)
        .order_by_asc(budget::Column::Id);
    let codes = ctx.codes().await?;
    Ok(lijst
        .uit(select, ctx.db(), |m| representatie(m, &codes))
        .await?)
}

/// Eén budget
#[utoipa::path(
    operation_id = "getBudget",
    params(("id" = Uuid, Path, description = "Id van het budget")),
    responses(
        (status = 200, description = "Het budget met zijn totalen en `ETag`.", body = Budget),
    ),
)]
#[get("/budgetten/{id}")]
pub async fn get(ctx: Context, id: web::Path<Uuid>) -> ApiResult<HttpResponse> {
    ctx.require(Recht::BudgettenLezen)?;
    let model = ctx.find::<budget::Entity>(*id).await?;
    respond(&ctx, StatusCode::OK, model).await
}

/// Budget aanmaken
#[utoipa::path(
    operation_id = "createBudget",
    request_body = NieuwBudget,
    responses(
        (status = 201, description = "Aangemaakt.", body = Budget),
        (status = 409, description = "Deze naam bestaat al in dat jaar.", body = Problem, content_type = "application/problem+json"),
    ),
)]
#[post("/budgetten")]
pub async fn create(ctx: Context, mut invoer: Invoer<NieuwBudget>) -> ApiResult<HttpResponse> {
    ctx.require(Recht::BudgettenSchrijven)?;
    let gemeente_id = ctx.eigen_gemeente()?;
    if let Some(id) = invoer.veld::<Uuid>("gebiedId") {
        ctx.verwijzing::<gebied::Entity>(id, "gebiedId", invoer.fouten())
            .await?;
    }
    let n = invoer.klaar()?;
    let matching = n.matching.unwrap_or(Verhouding {
        teller: 1,
        noemer: 1,
    });
    let model = budget::ActiveModel {
        id: Set(Uuid::now_v7()),
        gemeente_id: Set(gemeente_id),
        naam: Set(n.naam),
        jaar: Set(n.jaar),
        vorm: Set(n.vorm),
        totaal_bedrag: Set(n.totaal_bedrag),
        max_per_aanvraag: Set(n.max_per_aanvraag),
        gebied_id: Set(n.gebied_id),
        matching_teller: Set(matching.teller),
        matching_noemer: Set(matching.noemer),
        beslistermijn_dagen: Set(n.beslistermijn_dagen.unwrap_or(14)),
        open: Set(n.open.unwrap_or(true)),
        gereserveerd: Set(0),
        uitbetaald: Set(0),
        vrijgevallen: Set(0),
        ..Default::default()
    }
    .insert(ctx.db())
    .await
    .map_err(conflict)?;
    let codes = ctx.codes().await?;
    let w = Wijzigingen::aangemaakt(RESOURCE, &representatie(model.clone(), &codes));
    ctx.vastleggen(Actie::Aangemaakt, RESOURCE, Some(gemeente_id), model.id, w)
        .await?;
    let response = respond(&ctx, StatusCode::CREATED, model).await?;
    ctx.commit_then(response).await
}

/// Budget wijzigen
///
/// Het totaal gaat omhoog, of omlaag tot wat al gereserveerd is.
#[utoipa::path(
    operation_id = "updateBudget",
    params(("id" = Uuid, Path, description = "Id van het budget")),
    request_body = BudgetWijziging,
    responses(
        (status = 200, description = "Gewijzigd.", body = Budget),
        (status = 409, description = "Totaal onder het gereserveerde bedrag, of een dubbele naam.", body = Problem, content_type = "application/problem+json"),
    ),
)]
#[patch("/budgetten/{id}")]
pub async fn update(
    if_match: IfMatch,
    ctx: Context,
    id: web::Path<Uuid>,
    mut invoer: Invoer<BudgetWijziging>,
) -> ApiResult<HttpResponse> {
    ctx.require(Recht::BudgettenSchrijven)?;
    // Vergrendeld: een gelijktijdige toekenning wacht, of is al geboekt.
    let huidig = ctx.find_for_update::<budget::Entity>(*id).await?;
    if let Some(g) = invoer.veld::<Uuid>("gebiedId") {
        ctx.verwijzing::<gebied::Entity>(g, "gebiedId", invoer.fouten())
            .await?;
    }
    let i = invoer.klaar()?;
    if_match.check(huidig.version)?;
    if let Some(totaal) = i.totaal_bedrag.filter(|t| *t < huidig.gereserveerd) {
        return Err(ApiError::Conflict(
            Code::BudgetTeLaag,
            format!(
                "Er is al {} cent gereserveerd; het totaal gaat niet lager dan dat ({totaal} gevraagd).",
                huidig.gereserveerd
            ),
        ));
    }
    let mut model: budget::ActiveModel = huidig.clone().into();
    let mut w = Wijzigingen::new();
    w.zet("naam", &mut model.naam, i.naam);
    w.zet("totaalBedrag", &mut model.totaal_bedrag, i.totaal_bedrag);
    w.zet(
        "maxPerAanvraag",
        &mut model.max_per_aanvraag,
        i.max_per_aanvraag,
    );
    w.zet("gebiedId", &mut model.gebied_id, i.gebied_id.wijziging());
    if let Some(m) = i.matching {
        let oud = Verhouding {
            teller: huidig.matching_teller,
            noemer: huidig.matching_noemer,
        };
        if m != oud {
            model.matching_teller = Set(m.teller);
            model.matching_noemer = Set(m.noemer);
            w = w.waarde("matching", oud, m);
        }
    }
    w.zet(
        "beslistermijnDagen",
        &mut model.beslistermijn_dagen,
        i.beslistermijn_dagen,
    );
    w.zet("open", &mut model.open, i.open);
    let model = ctx
        .bewaar_wijziging(RESOURCE, Some(huidig.gemeente_id), model, w, conflict)
        .await?
        .unwrap_or(huidig);
    let response = respond(&ctx, StatusCode::OK, model).await?;
    ctx.commit_then(response).await
}

/// Een regel van het grootboek. Bedragen in eurocenten; een `correctie` kan negatief zijn.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Mutatie {
    pub id: Uuid,
    pub budget_id: Uuid,
    pub aanvraag_id: Uuid,
    pub soort: MutatieSoort,
    pub bedrag: i64,
    pub omschrijving: Option<String>,
    /// Wie de regel boekte (gebruiker of koppeling).
    pub door: Option<Uuid>,
    pub tijdstip: DateTime<Utc>,
}

pub fn mutatie_weergave(m: mutatie::Model) -> Mutatie {
    Mutatie {
        id: m.id,
        budget_id: m.budget_id,
        aanvraag_id: m.aanvraag_id,
        soort: m.soort,
        bedrag: m.bedrag,
        omschrijving: m.omschrijving,
        door: m.door,
        tijdstip: m.tijdstip,
    }
}

/// Het grootboek van een budget
///
/// Alleen lezen: regels komen er bij een toekenning, uitbetaling, vrijval of correctie.
#[utoipa::path(
    operation_id = "listBudgetMutaties",
    params(("id" = Uuid, Path, description = "Id van het budget"), PaginaParams),
    responses(
        (status = 200, description = "Een pagina regels, oudste eerst.", body = Pagina<Mutatie>),
    ),
)]
#[get("/budgetten/{id}/mutaties")]
pub async fn mutaties(ctx: Context, id: web::Path<Uuid>, lijst: Lijst) -> ApiResult<HttpResponse> {
    ctx.require(Recht::BudgettenLezen)?;
    let budget = ctx.find::<budget::Entity>(*id).await?;
    let select = ctx
        .scoped(mutatie::Entity::find())
        .filter(mutatie::Column::BudgetId.eq(budget.id))
        .order_by_asc(mutatie::Column::Tijdstip)
        .order_by_asc(mutatie::Column::Id);
    Ok(lijst.uit(select, ctx.db(), mutatie_weergave).await?)
}

/// Toegekend bedrag per thema of gebied.
#[derive(Debug, Clone, Serialize, ToSchema, FromQueryResult)]
#[serde(rename_all = "camelCase")]
pub struct PerThema {
    /// `null`: aanvragen van een netwerk.
    pub thema: Option<String>,
    pub bedrag: i64,
}

#[derive(Debug, Clone, Serialize, ToSchema, FromQueryResult)]
#[serde(rename_all = "camelCase")]
pub struct PerGebied {
    /// `null`: zonder gebied.
    pub gebied_id: Option<Uuid>,
    pub bedrag: i64,
}

#[derive(Debug, Clone, Serialize, ToSchema, FromQueryResult)]
#[serde(rename_all = "camelCase")]
pub struct PerStatus {
    pub status: AanvraagStatus,
    pub aantal: i64,
}

#[derive(FromQueryResult)]
struct Mediaan {
    mediaan: Option<f64>,
}

/// Wat een raadslid of bewoner van een budget mag zien: geen persoonsgegevens.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Overzicht {
    pub budget_id: Uuid,
    pub naam: String,
    pub jaar: i32,
    pub totaal_bedrag: i64,
    pub gereserveerd: i64,
    pub uitbetaald: i64,
    pub beschikbaar: i64,
    pub toegekend_per_thema: Vec<PerThema>,
    pub toegekend_per_gebied: Vec<PerGebied>,
    pub aanvragen_per_status: Vec<PerStatus>,
    /// De mediaan van het aantal dagen van indienen tot besluit; `null` zonder besluiten.
    pub mediaan_dagen_tot_besluit: Option<f64>,
}

/// Overzicht van een budget
///
/// Open over het geld (de handreiking): totalen, toegekend per thema en per gebied,
/// aanvragen per status en de mediaan van de dagen tot een besluit. Zonder
/// persoonsgegevens; ook voor de regio.
#[utoipa::path(
    operation_id = "getBudgetOverzicht",
    params(("id" = Uuid, Path, description = "Id van het budget")),
    responses(
        (status = 200, description = "Het overzicht.", body = Overzicht),
    ),
)]
#[get("/budgetten/{id}/overzicht")]
pub async fn overzicht(ctx: Context, id: web::Path<Uuid>) -> ApiResult<HttpResponse> {
    ctx.require(Recht::BudgettenLezen)?;
    let b = ctx.find::<budget::Entity>(*id).await?;
    let stmt = |sql: &str| Statement::from_sql_and_values(DbBackend::Postgres, sql, [b.id.into()]);
    let per_thema = PerThema::find_by_statement(stmt(
        "SELECT i.thema, sum(a.toegekend_bedrag)::bigint AS bedrag FROM aanvraag a \
         LEFT JOIN initiatief i ON i.id = a.initiatief_id \
         WHERE a.budget_id = $1 AND a.toegekend_bedrag > 0 GROUP BY i.thema ORDER BY i.thema NULLS LAST",
    ))
    .all(ctx.db())
    .await?;
    let per_gebied = PerGebied::find_by_statement(stmt(
        "SELECT i.gebied_id, sum(a.toegekend_bedrag)::bigint AS bedrag FROM aanvraag a \
         LEFT JOIN initiatief i ON i.id = a.initiatief_id \
         WHERE a.budget_id = $1 AND a.toegekend_bedrag > 0 GROUP BY i.gebied_id ORDER BY i.gebied_id NULLS LAST",
    ))
    .all(ctx.db())
    .await?;
    let per_status = PerStatus::find_by_statement(stmt(
        "SELECT status, count(*) AS aantal FROM aanvraag WHERE budget_id = $1 GROUP BY status ORDER BY status",
    ))
    .all(ctx.db())
    .await?;
    let mediaan = Mediaan::find_by_statement(stmt(
        "SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY besloten_op - ingediend_op)::float8 AS mediaan \
         FROM aanvraag WHERE budget_id = $1 AND besloten_op IS NOT NULL AND ingediend_op IS NOT NULL",
    ))
    .one(ctx.db())
    .await?
    .and_then(|m| m.mediaan);
    let body = Overzicht {
        budget_id: b.id,
        naam: b.naam,
        jaar: b.jaar,
        totaal_bedrag: b.totaal_bedrag,
        gereserveerd: b.gereserveerd,
        uitbetaald: b.uitbetaald,
        beschikbaar: b.totaal_bedrag - b.gereserveerd,
        toegekend_per_thema: per_thema,
        toegekend_per_gebied: per_gebied,
        aanvragen_per_status: per_status,
        mediaan_dagen_tot_besluit: mediaan,
    };
    Ok(HttpResponse::Ok().json(body))
}

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(list)
        .service(get)
        .service(create)
        .service(update)
        .service(mutaties)
        .service(overzicht);
}
