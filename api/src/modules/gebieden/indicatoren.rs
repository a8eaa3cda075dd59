//! Indicatormetingen van een gebied (`/gebieden/{id}/indicatoren`): gedateerd, met
//! bron; de geschiedenis blijft, de laatste meting bepaalt het DNA-profiel.

use crate::http::problem::Foutcode;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, get, post, web};
use chrono::{DateTime, NaiveDate, Utc};
use entity::{gebied, indicatormeting};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder,
};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::audit::{Actie, Wijzigingen};
use crate::auth::Recht;
use crate::domein::dna::{INDICATOREN, TEKENEN};
use crate::http::invoer::{Invoer, meer_regels};
use crate::http::pagination::Lijst;
use crate::http::pagination::{Pagina, PaginaParams};
use crate::http::problem::{ApiError, ApiResult, Code, Problem};
use crate::tenancy::Context;

const RESOURCE: &str = "indicatormeting";

/// De zeven indicatoren en de zeven tekenen met hun grenzen, één keer voor de invoer
/// en de representatie van een meting: `{ velden ervoor } { velden erna }`.
macro_rules! met_indicatoren {
    ($(#[$m:meta])* pub struct $naam:ident { $($voor:tt)* } { $($na:tt)* }) => {
        $(#[$m])*
        pub struct $naam {
            $($voor)*
            #[schema(minimum = 0, maximum = 1000)]
            pub burgerinitiatieven_per_1000: Option<f64>,
            #[schema(minimum = 0, maximum = 100)]
            pub vrijwilligerswerk_percentage: Option<f64>,
            #[schema(minimum = 0, maximum = 100)]
            pub verenigingslidmaatschap_percentage: Option<f64>,
            #[schema(minimum = 0, maximum = 1000)]
            pub buurthuisbezoek_per_1000: Option<f64>,
            #[schema(minimum = 0, maximum = 100)]
            pub verkiezingsopkomst_percentage: Option<f64>,
            /// Lager is beter.
            #[schema(minimum = 0, maximum = 1000)]
            pub overlastregistraties_per_1000: Option<f64>,
            /// Schaal 1 tot en met 9.
            #[schema(minimum = 1, maximum = 9)]
            pub leefbaarometer: Option<f64>,
            pub inwoners_kennen_elkaar: Option<bool>,
            pub groeten_elkaar_op_straat: Option<bool>,
            pub grootste_deel_geboren_en_getogen: Option<bool>,
            pub weten_waar_kwetsbaren_zijn: Option<bool>,
            pub kennen_en_spreken_buren: Option<bool>,
            pub buurtfeesten: Option<bool>,
            pub wonen_en_werken_in_zelfde_gebied: Option<bool>,
            $($na)*
        }
    };
}

met_indicatoren! {
/// Een nieuwe meting: elke niet-lege deelverzameling van de zeven indicatoren en de
/// zeven tekenen, met peildatum (niet in de toekomst) en bron.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NieuweIndicatormeting {
    /// De datum waarop de cijfers gelden.
    pub peildatum: NaiveDate,
    /// Waar de cijfers vandaan komen (bv. CBS Kerncijfers wijken en buurten 2025).
    #[schema(
        min_length = 1,
        max_length = 500,
        example = "CBS Kerncijfers wijken en buurten 2025"
    )]
    pub bron: String,
} {}
}

met_indicatoren! {
/// Een meting: elke deelverzameling van de zeven indicatoren en de zeven tekenen.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Indicatormeting {
    #[serde(default)]
    #[schema(read_only)]
    pub id: Option<Uuid>,
    #[serde(default)]
    #[schema(read_only)]
    pub gebied_id: Option<Uuid>,
    /// De datum waarop de cijfers gelden.
    pub peildatum: NaiveDate,
    /// Waar de cijfers vandaan komen (bv. CBS Kerncijfers wijken en buurten 2025).
    #[schema(example = "CBS Kerncijfers wijken en buurten 2025")]
    pub bron: String,
} {
    /// Gezet als de meting is ingetrokken: ze blijft in de geschiedenis en telt niet
    /// mee in het DNA-profiel.
    #[serde(default)]
    #[schema(read_only)]
    pub intrekking: Option<Intrekking>,
    #[serde(default)]
    #[schema(read_only)]
    pub aangemaakt_op: Option<DateTime<Utc>>,
}
}

/// Een ingetrokken meting: wanneer, waarom en door wie.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Intrekking {
    pub op: DateTime<Utc>,
    pub reden: String,
    /// Gebruiker of koppeling.
    pub door: Option<Uuid>,
}

fn representatie(m: indicatormeting::Model) -> Indicatormeting {
    let intrekking = match (m.ingetrokken_op, m.ingetrokken_reden) {
        (Some(op), Some(reden)) => Some(Intrekking {
            op,
            reden,
            door: m.ingetrokken_door,
        }),
        _ => None,
    };
    Indicatormeting {
        id: Some(m.id),
        gebied_id: Some(m.gebied_id),
        peildatum: m.peildatum,
        bron: m.bron,
        burgerinitiatieven_per_1000: m.burgerinitiatieven_per_1000,
        vrijwilligerswerk_percentage: m.vrijwilligerswerk_percentage,
        verenigingslidmaatschap_percentage: m.verenigingslidmaatschap_percentage,
        buurthuisbezoek_per_1000: m.buurthuisbezoek_per_1000,
        verkiezingsopkomst_percentage: m.verkiezingsopkomst_percentage,
        overlastregistraties_per_1000: m.overlastregistraties_per_1000,
        leefbaarometer: m.leefbaarometer,
        inwoners_kennen_elkaar: m.inwoners_kennen_elkaar,
        groeten_elkaar_op_straat: m.groeten_elkaar_op_straat,
        grootste_deel_geboren_en_getogen: m.grootste_deel_geboren_en_getogen,
        weten_waar_kwetsbaren_zijn: m.weten_waar_kwetsbaren_zijn,
        kennen_en_spreken_buren: m.kennen_en_spreken_buren,
        buurtfeesten: m.buurtfeesten,
        wonen_en_werken_in_zelfde_gebied: m.wonen_en_werken_in_zelfde_gebied,
        intrekking,
        aangemaakt_op: Some(m.created_at),
    }
}

/// Metingen van een gebied
///
/// Nieuwste peildatum eerst; de eerste is de meting die het DNA-profiel bepaalt.
#[utoipa::path(
    operation_id = "listIndicatormetingen",
    params(("id" = Uuid, Path, description = "Id van het gebied"), PaginaParams),
    responses(
        (status = 200, description = "Een pagina metingen.", body = Pagina<Indicatormeting>),
    ),
)]
#[get("/gebieden/{id}/indicatoren")]
pub async fn list(ctx: Context, id: web::Path<Uuid>, lijst: Lijst) -> ApiResult<HttpResponse> {
    ctx.require(Recht::GebiedenLezen)?;
    let gebied = ctx.find::<gebied::Entity>(*id).await?;
    let select = ctx
        .scoped(indicatormeting::Entity::find())
        .filter(indicatormeting::Column::GebiedId.eq(gebied.id))
        .order_by_desc(indicatormeting::Column::Peildatum)
        .order_by_desc(indicatormeting::Column::CreatedAt)
        .order_by_desc(indicatormeting::Column::Id);
    let (totaal, rijen) = lijst.pagina.fetch(select, ctx.db()).await?;
    let resultaten = rijen.into_iter().map(representatie).collect();
    Ok(lijst.antwoord(totaal, resultaten))
}

/// Eén meting van een gebied
///
/// De `Location` van een nieuwe meting (en de meting die een intrekking raakt).
#[utoipa::path(
    operation_id = "getIndicatormeting",
    params(
        ("id" = Uuid, Path, description = "Id van het gebied"),
        ("metingId" = Uuid, Path, description = "Id van de meting"),
    ),
    responses(
        (status = 200, description = "De meting.", body = Indicatormeting),
    ),
)]
#[get("/gebieden/{id}/indicatoren/{metingId}")]
pub async fn get(ctx: Context, pad: web::Path<(Uuid, Uuid)>) -> ApiResult<HttpResponse> {
    ctx.require(Recht::GebiedenLezen)?;
    let (id, meting_id) = pad.into_inner();
    let gebied = ctx.find::<gebied::Entity>(id).await?;
    let meting = ctx
        .scoped(indicatormeting::Entity::find_by_id(meting_id))
        .filter(indicatormeting::Column::GebiedId.eq(gebied.id))
        .one(ctx.db())
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok(HttpResponse::Ok().json(representatie(meting)))
}

/// Meting toevoegen
///
/// Elke deelverzameling van de indicatoren en tekenen, met peildatum en bron. Een
/// waarde buiten het mogelijke bereik (negatief, een percentage boven 100, een
/// Leefbaarometer buiten 1–9) is 400, met elk fout veld genoemd.
#[utoipa::path(
    operation_id = "createIndicatormeting",
    params(("id" = Uuid, Path, description = "Id van het gebied")),
    request_body = NieuweIndicatormeting,
    responses(
        (status = 201, description = "Vastgelegd, met `Location`.", body = Indicatormeting),
    ),
)]
#[post("/gebieden/{id}/indicatoren")]
pub async fn create(
    ctx: Context,
    id: web::Path<Uuid>,
    mut invoer: Invoer<NieuweIndicatormeting>,
) -> ApiResult<HttpResponse> {
    ctx.require(Recht::GebiedenSchrijven)?;
    let gebied = ctx.find_om_te_verwijzen::<gebied::Entity>(*id).await?;
    check_meting(&mut invoer);
    let model = nieuw_model(invoer.klaar()?, &gebied)
        .insert(ctx.db())
        .await?;
    super::profiel::profielen_bijwerken_vastgelegd(&ctx, std::slice::from_ref(&gebied)).await?;
    let meting = representatie(model);
    let wijzigingen = Wijzigingen::aangemaakt(RESOURCE, &meting).alleen_naam("bron");
    let id = meting.id.map(|i| i.to_string()).unwrap_or_default();
    let gemeente = Some(gebied.gemeente_id);
    ctx.vastleggen(
        Actie::Aangemaakt,
        RESOURCE,
        gemeente,
        id.clone(),
        wijzigingen,
    )
    .await?;
    let response = HttpResponse::build(StatusCode::CREATED)
        .insert_header((
            "Location",
            format!("/api/v1/gebieden/{}/indicatoren/{id}", gebied.id),
        ))
        .json(meting);
    ctx.commit_then(response).await
}

/// De regels die het schema niet kent: een peildatum niet in de toekomst, en
/// minstens één indicator of teken.
fn check_meting(invoer: &mut Invoer<NieuweIndicatormeting>) {
    let peildatum = invoer.deel().map(|m| m.peildatum);
    invoer.fouten().check(
        peildatum.is_none_or(|d| d <= crate::domein::tijd::vandaag()),
        "peildatum",
        Foutcode::Ongeldig,
        "Een peildatum ligt niet in de toekomst.",
    );
    let iets = INDICATOREN
        .iter()
        .map(|i| i.veld)
        .chain(TEKENEN.iter().map(|(veld, _)| *veld))
        .any(|veld| invoer.heeft(veld));
    invoer.fouten().check(
        iets,
        "leefbaarometer",
        Foutcode::Verplicht,
        "Een meting bevat minstens één indicator of teken.",
    );
}

fn nieuw_model(m: NieuweIndicatormeting, gebied: &gebied::Model) -> indicatormeting::ActiveModel {
    indicatormeting::ActiveModel {
        id: Set(Uuid::now_v7()),
        gemeente_id: Set(gebied.gemeente_id),
        gebied_id: Set(gebied.id),
        peildatum: Set(m.peildatum),
        bron: Set(m.bron),
        burgerinitiatieven_per_1000: Set(m.burgerinitiatieven_per_1000),
        vrijwilligerswerk_percentage: Set(m.vrijwilligerswerk_percentage),
        verenigingslidmaatschap_percentage: Set(m.verenigingslidmaatschap_percentage),
        buurthuisbezoek_per_1000: Set(m.buurthuisbezoek_per_1000),
        verkiezingsopkomst_percentage: Set(m.verkiezingsopkomst_percentage),
        overlastregistraties_per_1000: Set(m.overlastregistraties_per_1000),
        leefbaarometer: Set(m.leefbaarometer),
        inwoners_kennen_elkaar: Set(m.inwoners_kennen_elkaar),
        groeten_elkaar_op_straat: Set(m.groeten_elkaar_op_straat),
        grootste_deel_geboren_en_getogen: Set(m.grootste_deel_geboren_en_getogen),
        weten_waar_kwetsbaren_zijn: Set(m.weten_waar_kwetsbaren_zijn),
        kennen_en_spreken_buren: Set(m.kennen_en_spreken_buren),
        buurtfeesten: Set(m.buurtfeesten),
        wonen_en_werken_in_zelfde_gebied: Set(m.wonen_en_werken_in_zelfde_gebied),
        created_at: Set(Utc::now()),
        ingetrokken_op: Set(None),
        ingetrokken_reden: Set(None),
        ingetrokken_door: Set(None),
    }
}

/// Een meting intrekken: waarom.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NieuweIntrekking {
    /// Waarom de meting niet klopt (bv. "cijfers van de verkeerde wijk").
    #[schema(schema_with = meer_regels::<2000>)]
    pub reden: String,
}

/// Meting intrekken
///
/// Voor een meting die per vergissing is ingevoerd: ze blijft in de geschiedenis,
/// gemarkeerd als ingetrokken (`intrekking`), en telt niet meer mee in het
/// DNA-profiel, dat meteen weer uit de overige metingen volgt. Intrekken kan één
/// keer (daarna 409 `meting_ingetrokken`); een nieuwe meting voert de juiste cijfers in.
#[utoipa::path(
    operation_id = "createIndicatormetingIntrekking",
    params(
        ("id" = Uuid, Path, description = "Id van het gebied"),
        ("metingId" = Uuid, Path, description = "Id van de meting"),
    ),
    request_body = NieuweIntrekking,
    responses(
        (status = 200, description = "Ingetrokken; de meting met `intrekking`.", body = Indicatormeting),
        (status = 409, description = "De meting is al ingetrokken (`meting_ingetrokken`).", body = Problem, content_type = "application/problem+json"),
    ),
)]
#[post("/gebieden/{id}/indicatoren/{metingId}/intrekking")]
pub async fn intrekken(
    ctx: Context,
    pad: web::Path<(Uuid, Uuid)>,
    invoer: Invoer<NieuweIntrekking>,
) -> ApiResult<HttpResponse> {
    ctx.require(Recht::GebiedenSchrijven)?;
    let (gebied_id, meting_id) = pad.into_inner();
    let invoer = invoer.klaar()?;
    let meting = ctx
        .find_for_update::<indicatormeting::Entity>(meting_id)
        .await?;
    if meting.gebied_id != gebied_id {
        return Err(ApiError::NotFound);
    }
    if meting.ingetrokken_op.is_some() {
        return Err(ApiError::Conflict(
            Code::MetingIngetrokken,
            "Deze meting is al ingetrokken.".into(),
        ));
    }
    let nu = Utc::now();
    let mut model: indicatormeting::ActiveModel = meting.clone().into();
    model.ingetrokken_op = Set(Some(nu));
    model.ingetrokken_reden = Set(Some(invoer.reden));
    model.ingetrokken_door = Set(ctx.caller.actor.id());
    let model = model.update(ctx.db()).await?;
    let gebied = ctx.find::<gebied::Entity>(gebied_id).await?;
    super::profiel::profielen_bijwerken_vastgelegd(&ctx, std::slice::from_ref(&gebied)).await?;
    ctx.vastleggen(
        Actie::Gewijzigd,
        RESOURCE,
        Some(meting.gemeente_id),
        meting.id.to_string(),
        Wijzigingen::new()
            .waarde("ingetrokkenOp", serde_json::Value::Null, nu)
            .alleen_naam("intrekkingReden"),
    )
    .await?;
    ctx.commit_then(HttpResponse::Ok().json(representatie(model)))
        .await
}

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(list)
        .service(get)
        .service(create)
        .service(intrekken);
}

/// Een meting verandert alleen als ze wordt ingetrokken: `gewijzigdOp` is het laatste
/// van aanmaken en intrekken.
impl crate::http::pagination::GewijzigdOp for indicatormeting::Entity {
    fn gewijzigd_op() -> sea_orm::sea_query::SimpleExpr {
        sea_orm::sea_query::Func::greatest([
            sea_orm::sea_query::Expr::col((Self, indicatormeting::Column::CreatedAt)),
            sea_orm::sea_query::Expr::col((Self, indicatormeting::Column::IngetrokkenOp)),
        ])
        .into()
    }
    fn id_kolom() -> sea_orm::sea_query::SimpleExpr {
        sea_orm::sea_query::Expr::col((Self, indicatormeting::Column::Id))
    }
}
