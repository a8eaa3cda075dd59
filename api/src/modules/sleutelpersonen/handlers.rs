//! Sleutelpersonen (DOMAIN.md, "Networks and key persons" en "Personal data").
//!
//! Het record staat in `sleutelpersoon`, de persoonsgegevens in
//! `sleutelpersoon_gegevens`. Welke persoonsgegevens een verzoek ziet, beslist de
//! database (row-level security op de context van het verzoek): deze handlers lezen
//! ze altijd op, en krijgen niets terug voor wie ze niet mag zien. Elk antwoord met
//! persoonsgegevens schrijft één regel per persoon in het verwerkingenlogboek.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, get, patch, post, web};
use entity::{sleutelpersoon, sleutelpersoon_gegevens as gegevens};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, QueryTrait, RelationTrait,
};
use uuid::Uuid;

use crate::audit::verwerking::Handeling;
use crate::audit::{Actie, Wijzigingen};
use crate::auth::Recht;
use crate::http::etag::IfMatch;
use crate::http::invoer::Invoer;
use crate::http::pagination::{Lijst, Pagina, PaginaParams};
use crate::http::problem::{ApiError, ApiResult, Problem};
use crate::http::zoeken::bevat;
use crate::tenancy::Context;

use super::aanmaken::*;
use super::invoer::*;
use super::inzage::*;
use super::persoon::*;
use super::weergave::*;
use super::wijzigen::*;

/// Sleutelpersonen
///
/// Zonder persoonsgegevens voor wie ze niet mag zien. Zoeken op naam of e-mail gaat
/// met `POST /sleutelpersonen/_zoek`, nooit via de URL.
#[utoipa::path(
    operation_id = "listSleutelpersonen",
    params(PaginaParams, SleutelpersonenParams),
    responses(
        (status = 200, description = "Een pagina sleutelpersonen, nieuwste eerst.", body = Pagina<Sleutelpersoon>),
    ),
)]
#[get("/sleutelpersonen")]
pub async fn list(ctx: Context, lijst: Lijst<SleutelpersonenParams>) -> ApiResult<HttpResponse> {
    ctx.require(Recht::SleutelpersonenLezen)?;
    let p = &lijst.params;
    let select = ctx
        .scoped(sleutelpersoon::Entity::find())
        .apply_if(p.status, |q, s| {
            q.filter(sleutelpersoon::Column::Status.eq(s))
        })
        .apply_if(p.gebied_id, |q, g| {
            q.filter(sleutelpersoon::Column::GebiedId.eq(g))
        })
        .apply_if(p.verhoogd_risico, |q, v| {
            q.filter(sleutelpersoon::Column::VerhoogdRisico.eq(v))
        })
        .order_by_desc(sleutelpersoon::Column::CreatedAt)
        .order_by_desc(sleutelpersoon::Column::Id);
    let (totaal, rijen) = lijst.pagina.fetch(select, ctx.db()).await?;
    let resultaten = toon(&ctx, rijen, Handeling::Lezen).await?;
    let response = lijst.antwoord(totaal, resultaten);
    ctx.commit_then(response).await
}

/// Sleutelpersonen zoeken
///
/// Op een deel van de naam of het e-mailadres, alleen voor wie persoonsgegevens ziet;
/// elke gevonden persoon komt in het verwerkingenlogboek. Personen met verhoogd risico
/// vindt alleen wie ze mag zien.
#[utoipa::path(
    operation_id = "zoekSleutelpersonen",
    params(PaginaParams),
    request_body = SleutelpersoonZoekvraag,
    responses(
        (status = 200, description = "Een pagina gevonden sleutelpersonen.", body = Pagina<Sleutelpersoon>),
    ),
)]
#[post("/sleutelpersonen/_zoek")]
pub async fn zoek(
    ctx: Context,
    lijst: Lijst,
    invoer: Invoer<SleutelpersoonZoekvraag>,
) -> ApiResult<HttpResponse> {
    ctx.require(Recht::SleutelpersonenLezen)?;
    ctx.require(Recht::PersoonsgegevensLezen)?;
    let vraag = invoer.klaar()?;
    let naam = Expr::cust(
        "(sleutelpersoon_gegevens.voornaam || ' ' || coalesce(sleutelpersoon_gegevens.achternaam, ''))",
    );
    let select = ctx
        .scoped(sleutelpersoon::Entity::find())
        .join(
            sea_orm::JoinType::InnerJoin,
            sleutelpersoon::Relation::Gegevens.def(),
        )
        .filter(bevat(naam, &vraag.tekst).or(bevat(gegevens::Column::Email, &vraag.tekst)))
        .order_by_desc(sleutelpersoon::Column::CreatedAt)
        .order_by_desc(sleutelpersoon::Column::Id);
    let (totaal, rijen) = lijst.pagina.fetch(select, ctx.db()).await?;
    let resultaten = toon(&ctx, rijen, Handeling::Zoekresultaat).await?;
    let response = lijst.antwoord(totaal, resultaten);
    ctx.commit_then(response).await
}

/// Eén sleutelpersoon
#[utoipa::path(
    operation_id = "getSleutelpersoon",
    params(("id" = Uuid, Path, description = "Id van de sleutelpersoon")),
    responses(
        (status = 200, description = "De sleutelpersoon met zijn statusgeschiedenis en `ETag`.", body = Sleutelpersoon),
    ),
)]
#[get("/sleutelpersonen/{id}")]
pub async fn get(ctx: Context, id: web::Path<Uuid>) -> ApiResult<HttpResponse> {
    ctx.require(Recht::SleutelpersonenLezen)?;
    let model = ctx.find::<sleutelpersoon::Entity>(*id).await?;
    let version = model.version;
    let r = een(&ctx, model).await?;
    let response = antwoord(StatusCode::OK, version, &r);
    ctx.commit_then(response).await
}

/// Sleutelpersoon vastleggen
///
/// Een `actief` persoon vraagt vastgelegde `toestemming`, of onder de grondslag
/// `publieke_taak` van de gemeente (`GET /gemeenten/{code}`) een `afspraak` over
/// gebruik en delen met een bewaartermijn; nooit beide, en een `afspraak` onder
/// `toestemming` is 400. Migratieachtergrond en levensbeschouwing alleen met
/// uitdrukkelijke toestemming daarvoor (`bijzondereGegevens` van de toestemming of de
/// afspraak), onder elke grondslag. Noem in `notities` en `achterban` geen derden.
#[utoipa::path(
    operation_id = "createSleutelpersoon",
    request_body = NieuweSleutelpersoon,
    responses(
        (status = 201, description = "Vastgelegd.", body = Sleutelpersoon),
    ),
)]
#[post("/sleutelpersonen")]
pub async fn create(
    ctx: Context,
    mut invoer: Invoer<NieuweSleutelpersoon>,
) -> ApiResult<HttpResponse> {
    ctx.require(Recht::SleutelpersonenSchrijven)?;
    let gemeente_id = ctx.eigen_gemeente()?;
    let status = controleer_nieuw(&ctx, gemeente_id, &mut invoer).await?;
    let n = invoer.klaar()?;
    let model = bewaar_nieuw(&ctx, gemeente_id, status, n).await?;
    status_vastleggen(&ctx, &model, None).await?;
    let codes = ctx.codes().await?;
    let mut w =
        Wijzigingen::aangemaakt(RESOURCE, &representatie(model.clone(), None, &codes, None));
    for veld in PERSOONLIJK {
        w = w.alleen_naam(veld);
    }
    w = w.alleen_naam_als(model.toestemming_datum.is_some(), "toestemming");
    w = w.alleen_naam_als(model.afspraak_datum.is_some(), "afspraak");
    ctx.vastleggen(Actie::Aangemaakt, RESOURCE, Some(gemeente_id), model.id, w)
        .await?;
    let version = model.version;
    let r = een(&ctx, model).await?;
    let response = antwoord(StatusCode::CREATED, version, &r);
    ctx.commit_then(response).await
}

/// Sleutelpersoon wijzigen
///
/// Ook de status, langs de levensloop: `kandidaat` → `kennismaking` → `actief` ⇄
/// `gepauzeerd` → `uitgestroomd` (met `uitstroomreden`), en van `uitgestroomd` terug
/// naar `actief`. Persoonsgegevens van een persoon met verhoogd risico wijzigen
/// alleen de genoemde ambtenaren. `toestemming` of `afspraak` vervangt wat er was
/// vastgelegd (nooit beide); een `afspraak` alleen onder de grondslag `publieke_taak`
/// (anders 400), en actief zonder toestemming alleen met een afspraak onder
/// `publieke_taak` (anders 409 `toestemming_ontbreekt`).
#[utoipa::path(
    operation_id = "updateSleutelpersoon",
    params(("id" = Uuid, Path, description = "Id van de sleutelpersoon")),
    request_body = SleutelpersoonWijziging,
    responses(
        (status = 200, description = "Gewijzigd.", body = Sleutelpersoon),
        (status = 409, description = "Ongeldige statusovergang, toestemming ontbreekt of geanonimiseerd.", body = Problem, content_type = "application/problem+json"),
    ),
)]
#[patch("/sleutelpersonen/{id}")]
pub async fn update(
    if_match: IfMatch,
    ctx: Context,
    id: web::Path<Uuid>,
    mut invoer: Invoer<SleutelpersoonWijziging>,
) -> ApiResult<HttpResponse> {
    ctx.require(Recht::SleutelpersonenSchrijven)?;
    let huidig = ctx.find_for_update::<sleutelpersoon::Entity>(*id).await?;
    // Verhoogd risico: alleen de genoemde ambtenaren schrijven, ook status en toestemming.
    if !super::genoemd(&ctx, &huidig) {
        return Err(ApiError::NotFound);
    }
    let gezien = gegevens_van(&ctx, &[huidig.id]).await?.remove(&huidig.id);
    let na = controleer(&ctx, &huidig, gezien.as_ref(), &mut invoer).await?;
    let i = invoer.klaar()?;
    if_match.check(huidig.version)?;
    voorwaarden(&huidig, &na)?;
    if persoonlijk_gewijzigd(&i) && gezien.is_none() {
        return Err(afgeschermd());
    }
    let (model, gegevens_wijziging, w) = toepassen(&huidig, gezien.as_ref(), &i, &na);
    let model = ctx
        .bewaar_wijziging(RESOURCE, Some(huidig.gemeente_id), model, w, ApiError::from)
        .await?
        .unwrap_or(huidig.clone());
    // De persoonsgegevens worden na het record bewaard: de toestemming voor
    // bijzondere gegevens staat in het record, en de database controleert die.
    if let Some(g) = gegevens_wijziging {
        gegevens::Entity::update(g)
            .exec(ctx.db())
            .await
            .map_err(|e| match e {
                sea_orm::DbErr::RecordNotUpdated => afgeschermd(),
                e => ApiError::from(e),
            })?;
    }
    if na.nieuwe_status.is_some() {
        status_vastleggen(&ctx, &model, None).await?;
    }
    let version = model.version;
    let r = een(&ctx, model).await?;
    let response = antwoord(StatusCode::OK, version, &r);
    ctx.commit_then(response).await
}

/// Sleutelpersoon anonimiseren
///
/// Verwijdert voorgoed naam, contactgegevens, achterban, notities, opvolgers,
/// diversiteitskenmerken en bijzondere gegevens; wat geen persoon aanwijst (status,
/// typen, lidmaatschappen, geschiedenis) blijft voor de tellingen. Ook bij intrekken
/// van de toestemming. Niet terug te draaien.
#[utoipa::path(
    operation_id = "anonimiseerSleutelpersoon",
    params(("id" = Uuid, Path, description = "Id van de sleutelpersoon")),
    responses(
        (status = 200, description = "Geanonimiseerd.", body = Sleutelpersoon),
        (status = 409, description = "Al geanonimiseerd.", body = Problem, content_type = "application/problem+json"),
    ),
)]
#[post("/sleutelpersonen/{id}/anonimisering")]
pub async fn anonimiseer(ctx: Context, id: web::Path<Uuid>) -> ApiResult<HttpResponse> {
    ctx.require(Recht::SleutelpersonenSchrijven)?;
    let huidig = ctx.find_for_update::<sleutelpersoon::Entity>(*id).await?;
    if !super::genoemd(&ctx, &huidig) {
        return Err(ApiError::NotFound);
    }
    niet_geanonimiseerd(&huidig)?;
    anonimiseren(&ctx, &huidig).await?;
    let model = ctx.find::<sleutelpersoon::Entity>(huidig.id).await?;
    let version = model.version;
    let r = een(&ctx, model).await?;
    let response = antwoord(StatusCode::OK, version, &r);
    ctx.commit_then(response).await
}

/// Inzage: alles over één sleutelpersoon
///
/// Alles wat over de persoon is vastgelegd, in elke tabel: het record met
/// persoonsgegevens, toestemming of afspraak en statusgeschiedenis, de lidmaatschappen,
/// de check-ins, bezwaren, meldingen over haar met hun opvolging, de bijeenkomsten en oefeningen
/// waaraan zij deelnam, de audit trail daarover en het verwerkingenlogboek. Vrije
/// tekst die anderen kan noemen draagt `kanDerdenNoemen: true`: de export is voor de
/// functionaris gegevensbescherming van de gemeente, die haar toetst voordat een
/// kopie naar de persoon gaat (AVG art. 15 lid 4). Deze export komt zelf ook in het
/// logboek.
#[utoipa::path(
    operation_id = "inzageSleutelpersoon",
    params(("id" = Uuid, Path, description = "Id van de sleutelpersoon")),
    responses(
        (status = 200, description = "Alles over de persoon.", body = Inzage),
    ),
)]
#[get("/sleutelpersonen/{id}/inzage")]
pub async fn inzage(
    ctx: Context,
    id: web::Path<Uuid>,
    zicht: web::Data<crate::auth::zichtbaarheid::filter::Zichtbaarheid>,
) -> ApiResult<HttpResponse> {
    ctx.require(Recht::SleutelpersonenLezen)?;
    ctx.require(Recht::PersoonsgegevensLezen)?;
    let model = ctx.find::<sleutelpersoon::Entity>(*id).await?;
    let mut gegevens = gegevens_van(&ctx, &[model.id]).await?;
    let Some(g) = gegevens.remove(&model.id) else {
        if model.geanonimiseerd_op.is_none() {
            return Err(afgeschermd());
        }
        // Geanonimiseerd: er is geen persoonsgegeven meer, wel de rest.
        return inzage_antwoord(ctx, &zicht.0, model, None).await;
    };
    inzage_antwoord(ctx, &zicht.0, model, Some(g)).await
}
