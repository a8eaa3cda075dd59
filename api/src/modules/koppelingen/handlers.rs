//! Koppelingen: machine-accounts van gemeentelijke systemen (CRM, subsidiesysteem).
//!
//! Een koppeling hoort bij één gemeente en heeft expliciete scopes. Het client
//! secret is alleen te zien in het antwoord dat het maakt (aanmaken of vernieuwen)
//! en wordt gehasht bewaard. Alleen de `gemeente_beheerder` van de gemeente maakt,
//! wijzigt, trekt in of vernieuwt een koppeling, welke scopes ze ook heeft; de regio
//! leest ze alleen (DOMAIN.md, "Who governs access to a municipality").

use std::collections::HashMap;

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, get, patch, post, web};
use chrono::{DateTime, Utc};
use entity::koppeling;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryTrait,
};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::audit::{Actie, Wijzigingen};
use crate::auth::secrets::{self, Hash, Tokens};
use crate::auth::{Recht, Scope};
use crate::domein::codes::GemeenteCode;
use crate::http::etag::{IfMatch, resource_response};
use crate::http::invoer::{AlleenLezen, Invoer, unieke_lijst};
use crate::http::pagination::Lijst;
use crate::http::pagination::{Pagina, PaginaParams};
use crate::http::problem::{ApiError, ApiResult, Code, Problem, UniekeSleutel, uniek};
use crate::http::sorting::Sortering;
use crate::tenancy::{Bron, Context};

const RESOURCE: &str = "koppeling";

/// Een koppeling. Het client secret is hier nooit te lezen.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Koppeling {
    pub id: Uuid,
    /// De `client_id` voor het token-endpoint (gelijk aan `id`).
    pub client_id: String,
    #[schema(example = "GM0828")]
    pub gemeente: String,
    #[schema(example = "CRM Oss")]
    pub naam: String,
    pub scopes: Vec<Scope>,
    /// `false`: ingetrokken; tokens werken bij het volgende verzoek niet meer.
    pub actief: bool,
    /// Tokens van vóór dit moment zijn ongeldig.
    pub geheim_vernieuwd_op: DateTime<Utc>,
    pub aangemaakt_op: DateTime<Utc>,
    pub gewijzigd_op: DateTime<Utc>,
}

impl Koppeling {
    fn from_model(m: koppeling::Model, codes: &HashMap<Uuid, String>) -> Self {
        Koppeling {
            id: m.id,
            client_id: m.id.to_string(),
            gemeente: codes.get(&m.gemeente_id).cloned().unwrap_or_default(),
            naam: m.naam,
            scopes: m.scopes.iter().filter_map(|s| Scope::parse(s)).collect(),
            actief: m.actief,
            geheim_vernieuwd_op: m.geheim_vernieuwd_op,
            aangemaakt_op: m.created_at,
            gewijzigd_op: m.updated_at,
        }
    }
}

/// Een nieuwe koppeling met haar client secret: dit is de enige keer dat het te zien is.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct KoppelingMetGeheim {
    #[serde(flatten)]
    pub koppeling: Koppeling,
    /// Bewaar dit direct veilig; Weefsel kan het niet opnieuw tonen.
    #[schema(example = "wfs_3q2-7Xb...")]
    pub client_secret: String,
}

/// Een nieuw client secret.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct NieuwGeheim {
    pub client_id: String,
    /// Het nieuwe secret; het oude en de tokens die ermee zijn verkregen werken niet meer.
    pub client_secret: String,
    pub geheim_vernieuwd_op: DateTime<Utc>,
}

/// Een nieuwe koppeling; het client secret staat alleen in het antwoord hierop.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NieuweKoppeling {
    /// Uniek binnen de gemeente.
    #[schema(min_length = 1, max_length = 200)]
    naam: String,
    /// Een gemeentelijk beheerder laat dit weg of noemt de eigen gemeente.
    gemeente: Option<GemeenteCode>,
    /// Minstens één scope, zonder herhaling.
    #[schema(schema_with = unieke_lijst::<Scope, 1>)]
    scopes: Vec<Scope>,
}

/// Een wijziging van een koppeling; `gemeente` ligt vast en het secret vernieuwt u
/// met `POST /koppelingen/{id}/geheim`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct KoppelingWijziging {
    /// Ligt vast; maak zo nodig een nieuwe koppeling.
    #[serde(default)]
    #[schema(read_only, value_type = Option<String>)]
    gemeente: AlleenLezen,
    /// Vernieuw het secret met `POST /koppelingen/{id}/geheim`.
    #[serde(default)]
    #[schema(read_only, value_type = Option<String>)]
    client_secret: AlleenLezen,
    #[schema(min_length = 1, max_length = 200)]
    naam: Option<String>,
    #[schema(schema_with = unieke_lijst::<Scope, 1>)]
    scopes: Option<Vec<Scope>>,
    /// `false` trekt de koppeling in.
    actief: Option<bool>,
}

crate::sorteervelden! {
    /// Waarop de lijst van koppelingen gesorteerd kan worden; `-` ervoor is aflopend.
    KoppelingSortering op koppeling {
        Naam = "naam", NaamAflopend = "-naam" => Naam,
        AangemaaktOp = "aangemaaktOp", AangemaaktOpAflopend = "-aangemaaktOp" => CreatedAt,
    }
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct KoppelingenParams {
    /// Alleen actieve (`true`) of ingetrokken (`false`) koppelingen.
    actief: Option<bool>,
    /// Alleen koppelingen van deze gemeente (CBS-code); zinvol voor de regio.
    #[param(pattern = "^GM[0-9]{4}$", example = "GM0828")]
    gemeente: Option<String>,
    /// Sortering; standaard `naam`.
    #[param(value_type = Option<Vec<KoppelingSortering>>, style = Form, explode = false)]
    sorteer: Option<String>,
}

/// `beheerd_door` met de aanroeper erbij: wie een koppeling maakt, haar scopes wijzigt
/// of haar secret vernieuwt, besluit niet op wat zij indient (vier ogen).
fn met_beheerder(ctx: &Context, mut beheerd_door: Vec<Uuid>) -> Vec<Uuid> {
    if let Some(id) = ctx.caller.actor.id()
        && !beheerd_door.contains(&id)
    {
        beheerd_door.push(id);
    }
    beheerd_door
}

fn conflict(error: sea_orm::DbErr) -> ApiError {
    uniek(
        error,
        &[UniekeSleutel {
            constraint: "koppeling_gemeente_id_naam_key",
            code: Code::DubbeleNaam,
            detail: "Deze gemeente heeft al een koppeling met deze naam.",
        }],
    )
}

impl Bron for koppeling::Entity {
    const RESOURCE: &'static str = RESOURCE;
    const COLLECTIE: &'static str = "/api/v1/koppelingen";
    type Weergave = Koppeling;

    async fn weergaven(ctx: &Context, rijen: Vec<koppeling::Model>) -> ApiResult<Vec<Koppeling>> {
        ctx.met_codes(rijen, Koppeling::from_model).await
    }
}

/// Een koppeling met iets anders dan haar weergave (het secret) als antwoord, met
/// `ETag` (en `Location` bij 201).
fn with_etag(status: StatusCode, model: &koppeling::Model) -> actix_web::HttpResponseBuilder {
    resource_response(status, model.version, &koppeling::Entity::pad(model))
}

/// Koppelingen
///
/// De koppelingen van de eigen gemeente; voor een `regio_beheerder` van alle gemeenten.
#[utoipa::path(
    operation_id = "listKoppelingen",
    params(PaginaParams, KoppelingenParams),
    responses(
        (status = 200, description = "Een pagina koppelingen.", body = Pagina<Koppeling>),
    ),
)]
#[get("/koppelingen")]
pub async fn list(ctx: Context, lijst: Lijst<KoppelingenParams>) -> ApiResult<HttpResponse> {
    ctx.require(Recht::KoppelingenBeheren)?;
    let sortering = Sortering::parse(lijst.params.sorteer.as_deref(), KoppelingSortering::Naam)?;
    let select = ctx
        .scoped_in(koppeling::Entity::find(), lijst.params.gemeente.as_deref())
        .await?
        .apply_if(lijst.params.actief, |q, actief| {
            q.filter(koppeling::Column::Actief.eq(actief))
        });
    let select = sortering.apply(select, koppeling::Column::Id);
    ctx.pagina(&lijst, select).await
}

/// Eén koppeling
#[utoipa::path(
    operation_id = "getKoppeling",
    params(("id" = Uuid, Path, description = "Id van de koppeling")),
    responses(
        (status = 200, description = "De koppeling, met `ETag`.", body = Koppeling),
    ),
)]
#[get("/koppelingen/{id}")]
pub async fn get(ctx: Context, id: web::Path<Uuid>) -> ApiResult<HttpResponse> {
    ctx.require(Recht::KoppelingenBeheren)?;
    ctx.lees::<koppeling::Entity>(*id).await
}

/// Koppeling aanmaken
///
/// Het antwoord bevat het client secret; het is daarna nooit meer te zien.
#[utoipa::path(
    operation_id = "createKoppeling",
    request_body = NieuweKoppeling,
    responses(
        (status = 201, description = "Aangemaakt, met `Location`, `ETag` en het client secret.", body = KoppelingMetGeheim),
        (status = 403, description = "Niet de `gemeente_beheerder` van de gemeente: `alleen_gemeente_beheerder` (ook voor de regio).", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Een koppeling met deze naam bestaat al.", body = Problem, content_type = "application/problem+json"),
    ),
)]
#[post("/koppelingen")]
pub async fn create(ctx: Context, mut invoer: Invoer<NieuweKoppeling>) -> ApiResult<HttpResponse> {
    ctx.require(Recht::KoppelingenBeheren)?;
    ctx.require(Recht::GemeenteToegangBeheren)?;
    let codes = ctx.codes().await?;
    let gemeente = invoer.deel().and_then(|d| d.gemeente);
    let gemeente_id = ctx.target_gemeente(
        gemeente.as_ref(),
        &codes,
        true,
        "koppelingen",
        invoer.fouten(),
    );
    let NieuweKoppeling { naam, scopes, .. } = invoer.klaar()?;
    let Some(gemeente_id) = gemeente_id else {
        return Err(ApiError::Internal("validatie liet gemeente door".into()));
    };

    let (secret, secret_hash) = secrets::new_client_secret()?;
    let now = Utc::now();
    let namen: Vec<String> = scopes.iter().map(|s| s.as_str().to_owned()).collect();
    let model = koppeling::ActiveModel {
        id: Set(Uuid::now_v7()),
        gemeente_id: Set(gemeente_id),
        naam: Set(naam.clone()),
        scopes: Set(namen.clone()),
        actief: Set(true),
        geheim_vernieuwd_op: Set(now),
        beheerd_door: Set(met_beheerder(&ctx, Vec::new())),
        ..Default::default()
    }
    .insert(ctx.db())
    .await
    .map_err(conflict)?;
    secrets::hash_zetten(
        ctx.db(),
        Hash::Geheim,
        model.id,
        Some(secret_hash),
        Tokens::Nieuw,
    )
    .await?;
    ctx.vastleggen(
        Actie::Aangemaakt,
        RESOURCE,
        Some(gemeente_id),
        model.id,
        Wijzigingen::new()
            .nieuw("naam", &naam)
            .nieuw("gemeente", codes.get(&gemeente_id))
            .nieuw("scopes", &namen)
            .nieuw("actief", true)
            .alleen_naam("clientSecret"),
    )
    .await?;
    let response = with_etag(StatusCode::CREATED, &model).json(KoppelingMetGeheim {
        koppeling: Koppeling::from_model(model, &codes),
        client_secret: secret,
    });
    ctx.commit_then(response).await
}

/// Koppeling wijzigen of intrekken
///
/// `{"actief": false}` trekt de koppeling in: haar tokens werken direct niet meer.
#[utoipa::path(
    operation_id = "updateKoppeling",
    params(
        ("id" = Uuid, Path, description = "Id van de koppeling"),
    ),
    request_body = KoppelingWijziging,
    responses(
        (status = 200, description = "Gewijzigd, met de nieuwe `ETag`.", body = Koppeling),
        (status = 403, description = "Niet de `gemeente_beheerder` van de gemeente: `alleen_gemeente_beheerder` (ook voor de regio).", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Een koppeling met deze naam bestaat al.", body = Problem, content_type = "application/problem+json"),
    ),
)]
#[patch("/koppelingen/{id}")]
pub async fn update(
    if_match: IfMatch,
    ctx: Context,
    id: web::Path<Uuid>,
    invoer: Invoer<KoppelingWijziging>,
) -> ApiResult<HttpResponse> {
    ctx.require(Recht::KoppelingenBeheren)?;
    // Eerst wie de koppeling beheert (403), dan vastzetten: de database laat alleen
    // die haar vastzetten voor een wijziging.
    ctx.beheert_account(Some(ctx.find::<koppeling::Entity>(*id).await?.gemeente_id))?;
    let huidig = ctx.find_for_update::<koppeling::Entity>(*id).await?;
    let KoppelingWijziging {
        naam,
        scopes,
        actief,
        ..
    } = invoer.klaar()?;
    // Eerst de invoer (400), dan de versie (412): een fout verzoek is fout, welke
    // versie het ook noemt.
    if_match.check(huidig.version)?;

    let mut w = Wijzigingen::new();
    let mut model: koppeling::ActiveModel = huidig.clone().into();
    w.zet("naam", &mut model.naam, naam);
    let namen = scopes.map(|s| s.iter().map(|s| s.as_str().to_owned()).collect());
    if namen.as_ref().is_some_and(|n| *n != huidig.scopes) {
        model.beheerd_door = Set(met_beheerder(&ctx, huidig.beheerd_door.clone()));
    }
    w.zet("scopes", &mut model.scopes, namen);
    w.zet("actief", &mut model.actief, actief);
    ctx.gewijzigd::<koppeling::Entity, _>(huidig, model, w, conflict)
        .await
}

/// Client secret vernieuwen
///
/// Maakt een nieuw secret; het oude werkt niet meer, en tokens die ermee verkregen
/// zijn ook niet. Alleen de `gemeente_beheerder` van de gemeente.
#[utoipa::path(
    operation_id = "renewKoppelingGeheim",
    params(("id" = Uuid, Path, description = "Id van de koppeling")),
    responses(
        (status = 200, description = "Het nieuwe secret; alleen nu te zien.", body = NieuwGeheim),
        (status = 403, description = "Niet de `gemeente_beheerder` van de gemeente: `alleen_gemeente_beheerder` (ook voor de regio).", body = Problem, content_type = "application/problem+json"),
    ),
)]
#[post("/koppelingen/{id}/geheim")]
pub async fn renew_secret(ctx: Context, id: web::Path<Uuid>) -> ApiResult<HttpResponse> {
    ctx.require(Recht::KoppelingenBeheren)?;
    // Eerst wie de koppeling beheert (403), dan vastzetten: de database laat alleen
    // die haar vastzetten voor een wijziging.
    ctx.beheert_account(Some(ctx.find::<koppeling::Entity>(*id).await?.gemeente_id))?;
    let huidig = ctx.find_for_update::<koppeling::Entity>(*id).await?;
    let (secret, secret_hash) = secrets::new_client_secret()?;
    let now = Utc::now();
    let mut model: koppeling::ActiveModel = huidig.clone().into();
    model.beheerd_door = Set(met_beheerder(&ctx, huidig.beheerd_door.clone()));
    model.geheim_vernieuwd_op = Set(now);
    let model = model.update(ctx.db()).await?;
    secrets::hash_zetten(
        ctx.db(),
        Hash::Geheim,
        model.id,
        Some(secret_hash),
        Tokens::Vervallen,
    )
    .await?;
    ctx.vastleggen(
        Actie::GeheimVernieuwd,
        RESOURCE,
        Some(model.gemeente_id),
        model.id,
        Wijzigingen::new().alleen_naam("clientSecret"),
    )
    .await?;
    let response = with_etag(StatusCode::OK, &model).json(NieuwGeheim {
        client_id: model.id.to_string(),
        client_secret: secret,
        geheim_vernieuwd_op: model.geheim_vernieuwd_op,
    });
    ctx.commit_then(response).await
}

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(list)
        .service(get)
        .service(create)
        .service(update)
        .service(renew_secret);
}
