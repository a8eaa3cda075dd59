//! Gebieden: wijken, buurten, dorpen en kernen van een gemeente, elk met zijn
//! DNA-profiel (`dnaProfiel`, uitgerekend uit de laatste meting; zie [`crate::domein::dna`]).

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, delete, get, patch, post, web};
use entity::{gebied, gebied_telling, traject};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DbErr, EntityTrait, ModelTrait,
    PaginatorTrait, QueryFilter, QuerySelect, QueryTrait,
};
use serde_json::Value;
use uuid::Uuid;

use super::invoer::*;
use super::profiel::*;
use super::regels::*;
use super::weergave::*;
use crate::audit::{Actie, Wijzigingen};
use crate::auth::Recht;
use crate::domein::codes::CbsGebiedCode;
use crate::http::etag::IfMatch;
use crate::http::invoer::{Fouten, Invoer, referentiefilter};
use crate::http::pagination::Lijst;
use crate::http::pagination::{Pagina, PaginaParams};
use crate::http::problem::{ApiError, ApiResult, Code, Problem, UniekeSleutel, uniek};
use crate::http::sorting::Sortering;
use crate::http::zoeken::bevat;
use crate::tenancy::Context;

fn conflict(error: DbErr) -> ApiError {
    uniek(
        error,
        &[UniekeSleutel {
            constraint: "gebied_gemeente_id_cbs_code_key",
            code: Code::DubbeleCbsCode,
            detail: "Deze CBS-code hoort al bij een ander gebied van uw gemeente.",
        }],
    )
}

/// Gebieden
///
/// De gebieden van de eigen gemeente (de regio: alle), elk met DNA-profiel.
/// `kwadrant` en `aanpak` filteren op het geldende profiel.
#[utoipa::path(
    operation_id = "listGebieden",
    params(PaginaParams, GebiedenParams),
    responses(
        (status = 200, description = "Een pagina gebieden, elk met de kern van zijn DNA-profiel.", body = Pagina<GebiedInLijst>),
    ),
)]
#[get("/gebieden")]
pub async fn list(ctx: Context, lijst: Lijst<GebiedenParams>) -> ApiResult<HttpResponse> {
    ctx.require(Recht::GebiedenLezen)?;
    let sortering = Sortering::parse(lijst.params.sorteer.as_deref(), GebiedSortering::Naam)?;
    let codes = ctx.codes().await?;
    let p = &lijst.params;
    let select = referentiefilter(
        ctx.scoped_in(gebied::Entity::find(), p.gemeente.as_deref())
            .await?,
        gebied::Column::ExterneReferentie,
        p.externe_referentie.as_deref(),
    )?
    .apply_if(p.soort, |q, s| q.filter(gebied::Column::Soort.eq(s)))
    .apply_if(p.naam.as_deref(), |q, naam| {
        q.filter(bevat(gebied::Column::Naam, naam))
    })
    .apply_if(p.bovenliggend_gebied_id, |q, ouder| {
        q.filter(gebied::Column::BovenliggendGebiedId.eq(ouder))
    })
    .apply_if(p.kwadrant, |q, k| {
        q.filter(gebied::Column::DnaKwadrant.eq(i16::from(k)))
    })
    .apply_if(p.aanpak, |q, a| {
        // (Met `cust_with_values` zou sea-query 1.0 de waarde in `ARRAY[$1]` kwijtraken.)
        q.filter(Expr::cust_with_exprs(
            "dna_aanpak @> $1",
            [Expr::val(vec![a.as_str().to_owned()])],
        ))
    });
    // Zonder filters (op de gemeente na) komt het totaal uit de bijgehouden telling.
    let teller = if p.filtert() {
        None
    } else {
        let telling = ctx
            .scoped_in(gebied_telling::Entity::find(), p.gemeente.as_deref())
            .await?
            .select_only()
            .expr(Expr::cust("coalesce(sum(aantal), 0)::bigint"))
            .into_query();
        Some(telling)
    };
    let (totaal, rijen) = lijst
        .pagina
        .fetch_deel::<_, GebiedRij, _>(
            sortering.apply(select, gebied::Column::Id),
            teller,
            ctx.db(),
        )
        .await?;
    let resultaten: Vec<GebiedInLijst> = rijen.into_iter().map(|r| r.in_lijst(&codes)).collect();
    Ok(lijst.antwoord(totaal, resultaten))
}

/// Eén gebied
#[utoipa::path(
    operation_id = "getGebied",
    params(("id" = Uuid, Path, description = "Id van het gebied")),
    responses(
        (status = 200, description = "Het gebied met `ETag`.", body = Gebied),
    ),
)]
#[get("/gebieden/{id}")]
pub async fn get(ctx: Context, id: web::Path<Uuid>) -> ApiResult<HttpResponse> {
    ctx.require(Recht::GebiedenLezen)?;
    ctx.lees::<gebied::Entity>(*id).await
}

/// Gebied aanmaken
///
/// In de eigen gemeente. Zonder `grootteklasse` volgt de grootte uit het inwonertal
/// en de drempel van de gemeente (standaard 5000).
#[utoipa::path(
    operation_id = "createGebied",
    request_body = NieuwGebied,
    responses(
        (status = 201, description = "Aangemaakt, met `Location` en `ETag`.", body = Gebied),
    ),
)]
#[post("/gebieden")]
pub async fn create(ctx: Context, mut invoer: Invoer<NieuwGebied>) -> ApiResult<HttpResponse> {
    ctx.require(Recht::GebiedenSchrijven)?;
    let gemeente_id = ctx.eigen_gemeente()?;
    let mut fouten = Fouten::new();
    let handmatig = match invoer.deel() {
        Some(nieuw) => {
            check_regels(
                &ctx,
                nieuw.cbs_code.as_ref(),
                nieuw.bovenliggend_gebied_id,
                nieuw.handmatig.as_ref(),
                None,
                &mut fouten,
            )
            .await?
        }
        None => None,
    };
    invoer.fouten().voeg_toe(fouten);
    let invoer = invoer.klaar()?;
    let model = gebied::ActiveModel {
        id: Set(Uuid::now_v7()),
        gemeente_id: Set(gemeente_id),
        naam: Set(invoer.naam),
        soort: Set(invoer.soort),
        cbs_code: Set(invoer.cbs_code.map(CbsGebiedCode::into_string)),
        inwonertal: Set(invoer.inwonertal),
        grootteklasse: Set(invoer.grootteklasse),
        bovenliggend_gebied_id: Set(invoer.bovenliggend_gebied_id),
        handmatig: Set(handmatig),
        externe_referentie: Set(invoer.externe_referentie),
        ..Default::default()
    }
    .insert(ctx.db())
    .await
    .map_err(conflict)?;
    let wijzigingen = Wijzigingen::aangemaakt(RESOURCE, &model)
        .alleen_naam_als(model.handmatig.is_some(), "handmatig");
    let model = met_bijgewerkt_profiel(&ctx, model).await?;
    ctx.aangemaakt_met::<gebied::Entity>(model, wijzigingen)
        .await
}

/// Gebied wijzigen
///
/// Ook de handmatige keuze in het DNA-profiel (`handmatig`, met reden; `null` haalt
/// haar weg). Stuur `If-Match` met de `ETag`.
#[utoipa::path(
    operation_id = "updateGebied",
    params(
        ("id" = Uuid, Path, description = "Id van het gebied"),
    ),
    request_body = GebiedWijziging,
    responses(
        (status = 200, description = "Gewijzigd, met de nieuwe `ETag`.", body = Gebied),
    ),
)]
#[patch("/gebieden/{id}")]
pub async fn update(
    if_match: IfMatch,
    ctx: Context,
    id: web::Path<Uuid>,
    mut invoer: Invoer<GebiedWijziging>,
) -> ApiResult<HttpResponse> {
    ctx.require(Recht::GebiedenSchrijven)?;
    let wijziging = invoer.deel().unwrap_or_default();
    if wijziging.bovenliggend_gebied_id.is_waarde() {
        // De kringcontrole leest de keten van voorouders: één verplaatsing tegelijk per
        // gemeente, vóór de eigen rij wordt vergrendeld (anders wachten twee gebieden
        // die elkaars ouder worden op elkaar).
        ctx.een_tegelijk(&format!("gebiedsboom:{}", ctx.eigen_gemeente()?))
            .await?;
    }
    let huidig = ctx.find_for_update::<gebied::Entity>(*id).await?;
    let mut fouten = Fouten::new();
    let handmatig = check_regels(
        &ctx,
        wijziging.cbs_code.as_ref().waarde(),
        wijziging.bovenliggend_gebied_id.clone().waarde(),
        wijziging.handmatig.as_ref().waarde(),
        Some(huidig.id),
        &mut fouten,
    )
    .await?;
    invoer.fouten().voeg_toe(fouten);
    let invoer = invoer.klaar()?;
    // Eerst de invoer (400), dan de versie (412): een fout verzoek is fout, welke
    // versie het ook noemt.
    if_match.check(huidig.version)?;
    let mut model: gebied::ActiveModel = huidig.clone().into();
    let mut w = Wijzigingen::new();
    w.zet("naam", &mut model.naam, invoer.naam);
    w.zet("soort", &mut model.soort, invoer.soort);
    let referentie = invoer.externe_referentie.wijziging();
    w.zet(
        "externeReferentie",
        &mut model.externe_referentie,
        referentie,
    );
    let code = invoer.cbs_code.wijziging();
    w.zet(
        "cbsCode",
        &mut model.cbs_code,
        code.map(|c| c.map(CbsGebiedCode::into_string)),
    );
    w.zet(
        "inwonertal",
        &mut model.inwonertal,
        invoer.inwonertal.wijziging(),
    );
    let grootte = invoer.grootteklasse.wijziging();
    w.zet("grootteklasse", &mut model.grootteklasse, grootte);
    let ouder = invoer.bovenliggend_gebied_id.wijziging();
    w.zet(
        "bovenliggendGebiedId",
        &mut model.bovenliggend_gebied_id,
        ouder,
    );
    let keuze = (!invoer.handmatig.is_afwezig()).then_some(handmatig);
    w.zet("handmatig", &mut model.handmatig, keuze);
    let gemeente = Some(huidig.gemeente_id);
    let model = match ctx
        .bewaar_wijziging(RESOURCE, gemeente, model, w, conflict)
        .await?
    {
        Some(gewijzigd) => met_bijgewerkt_profiel(&ctx, gewijzigd).await?,
        None => huidig,
    };
    ctx.vastgelegd::<gebied::Entity>(StatusCode::OK, model)
        .await
}

/// Gebied verwijderen
///
/// Met zijn metingen. Een gebied met onderliggende gebieden of trajecten blijft: 409
/// met de reden.
#[utoipa::path(
    operation_id = "deleteGebied",
    params(
        ("id" = Uuid, Path, description = "Id van het gebied"),
    ),
    responses(
        (status = 204, description = "Verwijderd."),
        (status = 409, description = "Er verwijzen nog gebieden of trajecten naar.", body = Problem, content_type = "application/problem+json"),
    ),
)]
#[delete("/gebieden/{id}")]
pub async fn remove(
    if_match: IfMatch,
    ctx: Context,
    id: web::Path<Uuid>,
) -> ApiResult<HttpResponse> {
    ctx.require(Recht::GebiedenSchrijven)?;
    let huidig = ctx.find_for_update::<gebied::Entity>(*id).await?;
    if_match.check(huidig.version)?;
    let kinderen = ctx
        .scoped(gebied::Entity::find())
        .filter(gebied::Column::BovenliggendGebiedId.eq(huidig.id))
        .count(ctx.db())
        .await?;
    let trajecten = ctx
        .scoped(traject::Entity::find())
        .filter(traject::Column::GebiedId.eq(huidig.id))
        .count(ctx.db())
        .await?;
    let sleutelpersonen = ctx
        .scoped(entity::sleutelpersoon::Entity::find())
        .filter(entity::sleutelpersoon::Column::GebiedId.eq(huidig.id))
        .count(ctx.db())
        .await?;
    let netwerken = ctx
        .scoped(entity::netwerk::Entity::find())
        .filter(sea_orm::sea_query::Expr::cust_with_exprs(
            "$1 = ANY (netwerk.gebied_ids)",
            [sea_orm::sea_query::Expr::val(huidig.id)],
        ))
        .count(ctx.db())
        .await?;
    let initiatieven = ctx
        .scoped(entity::initiatief::Entity::find())
        .filter(entity::initiatief::Column::GebiedId.eq(huidig.id))
        .count(ctx.db())
        .await?;
    if kinderen > 0 || trajecten > 0 || sleutelpersonen > 0 || netwerken > 0 || initiatieven > 0 {
        let mut redenen = Vec::new();
        if kinderen > 0 {
            redenen.push(format!("{kinderen} onderliggend(e) gebied(en)"));
        }
        if trajecten > 0 {
            redenen.push(format!("{trajecten} traject(en)"));
        }
        if sleutelpersonen > 0 {
            redenen.push(format!("{sleutelpersonen} sleutelperso(o)n(en)"));
        }
        if netwerken > 0 {
            redenen.push(format!("{netwerken} netwerk(en) dat het bestrijkt"));
        }
        if initiatieven > 0 {
            redenen.push(format!("{initiatieven} initiatief/initiatieven"));
        }
        return Err(ApiError::Conflict(
            Code::GebiedHeeftOnderliggende,
            format!(
                "Dit gebied heeft nog {}; verplaats of verwijder die eerst.",
                redenen.join(" en ")
            ),
        ));
    }
    let gemeente_id = huidig.gemeente_id;
    let naam = huidig.naam.clone();
    huidig.delete(ctx.db()).await?;
    ctx.vastleggen(
        Actie::Verwijderd,
        RESOURCE,
        Some(gemeente_id),
        id,
        Wijzigingen::new().waarde("naam", &naam, Value::Null),
    )
    .await?;
    ctx.commit_then(HttpResponse::NoContent().finish()).await
}

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(list)
        .service(get)
        .service(create)
        .service(update)
        .service(remove);
}
