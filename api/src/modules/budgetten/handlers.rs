//! Budgetten: aanmaken en wijzigen (budgethouders en beheerders), het grootboek lezen
//! en het openbare overzicht.

use crate::http::problem::Foutcode;
use actix_web::{HttpResponse, get, patch, post, web};
use entity::soorten::{AanvraagStatus, BudgetVorm, MutatieSoort};
use entity::{aanvraag, budget, gebied, mutatie};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DbBackend, EntityTrait, FromQueryResult,
    QueryFilter, QueryOrder, QuerySelect, QueryTrait, Statement,
};
use uuid::Uuid;

use super::grootboek::*;
use super::invoer::*;
use super::weergave::*;
use crate::audit::Wijzigingen;
use crate::auth::Recht;
use crate::auth::vier_ogen;
use crate::domein::geld;
use crate::http::etag::IfMatch;
use crate::http::invoer::{Fouten, Invoer};
use crate::http::pagination::{Lijst, Pagina, PaginaParams};
use crate::http::problem::{ApiError, ApiResult, Code, Problem, UniekeSleutel, uniek};
use crate::tenancy::Context;

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
    ctx.pagina(&lijst, select).await
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
    ctx.lees::<budget::Entity>(*id).await
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
    ctx.verwijzing::<gebied::Entity, _>(&mut invoer, "gebiedId")
        .await?;
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
    ctx.aangemaakt::<budget::Entity>(model).await
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
    ctx.verwijzing::<gebied::Entity, _>(&mut invoer, "gebiedId")
        .await?;
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
    ctx.gewijzigd::<budget::Entity, _>(huidig, model, w, conflict)
        .await
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

/// Eén regel van het grootboek
///
/// Zoals in het grootboek (`GET /budgetten/{id}/mutaties`); de `Location` van een
/// correctie of uitbetaling.
#[utoipa::path(
    operation_id = "getBudgetMutatie",
    params(
        ("id" = Uuid, Path, description = "Id van het budget"),
        ("mutatieId" = Uuid, Path, description = "Id van de regel"),
    ),
    responses(
        (status = 200, description = "De regel.", body = Mutatie),
    ),
)]
#[get("/budgetten/{id}/mutaties/{mutatieId}")]
pub async fn mutatie_lezen(ctx: Context, pad: web::Path<(Uuid, Uuid)>) -> ApiResult<HttpResponse> {
    ctx.require(Recht::BudgettenLezen)?;
    let (budget_id, mutatie_id) = pad.into_inner();
    let regel = ctx
        .scoped(mutatie::Entity::find_by_id(mutatie_id))
        .filter(mutatie::Column::BudgetId.eq(budget_id))
        .one(ctx.db())
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok(HttpResponse::Ok().json(mutatie_weergave(regel)))
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

/// Correctie boeken
///
/// Een latere wijziging van een besluit: een bedrag (positief of negatief) op de
/// reservering van één toegekende aanvraag, met een reden. Een correctie is ook een
/// besluit: alleen een budgethouder, nooit wie de aanvraag indiende (403
/// `eigen_aanvraag`, per persoon als bij het besluit), en de reservering erna blijft
/// binnen het aangevraagde bedrag, het maximum per aanvraag en de matchinggrens (400
/// `te_hoog`). Ze gaat niet onder wat al is uitbetaald (409 `correctie_te_groot`) en
/// het budget niet boven zijn totaal (409 `budget_ontoereikend`).
#[utoipa::path(
    operation_id = "createBudgetCorrectie",
    params(("id" = Uuid, Path, description = "Id van het budget")),
    request_body = NieuweCorrectie,
    responses(
        (status = 201, description = "Geboekt.", body = Mutatie),
        (status = 403, description = "Geen budgethouder, of de aanvraag kwam van u (`eigen_aanvraag`), of uw account combineert budgethouder en gemeente_beheerder (`rollen_onverenigbaar`).", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Onder het uitbetaalde bedrag, boven het totaal, of het budget is gesloten.", body = Problem, content_type = "application/problem+json"),
    ),
)]
#[post("/budgetten/{id}/correcties")]
pub async fn correctie(
    ctx: Context,
    id: web::Path<Uuid>,
    mut invoer: Invoer<NieuweCorrectie>,
) -> ApiResult<HttpResponse> {
    ctx.require(Recht::AanvraagBesluiten)?;
    let b = ctx.find_for_update::<budget::Entity>(*id).await?;
    let a = ctx
        .verwijzing::<aanvraag::Entity, _>(&mut invoer, "aanvraagId")
        .await?;
    let bedrag = invoer.deel().map(|d| d.bedrag);
    let fouten = correctie_regels(&b, a.as_ref(), bedrag);
    invoer.fouten().voeg_toe(fouten);
    let n = invoer.klaar()?;
    let Some(a) = a.filter(|a| a.id == n.aanvraag_id) else {
        return Err(ApiError::Internal("validatie liet aanvraagId door".into()));
    };
    vier_ogen::check(ctx.db(), &ctx.caller, a.ingediend_door).await?;
    correctie_mag(&b, &a, n.bedrag)?;
    geboekt(ctx, &a, b.id, MutatieSoort::Correctie, n.bedrag, n.reden).await
}

/// De regels over een correctie die het schema niet kent: een aanvraag bij dit budget
/// met een toekenning, een reservering erna binnen de grenzen van een toekenning, en
/// niet 0.
fn correctie_regels(b: &budget::Model, a: Option<&aanvraag::Model>, bedrag: Option<i64>) -> Fouten {
    let mut fouten = Fouten::new();
    if let Some(a) = a {
        let toegekend = matches!(
            a.status,
            AanvraagStatus::Toegekend | AanvraagStatus::DeelsToegekend
        );
        fouten.check(
            a.budget_id == b.id && toegekend,
            "aanvraagId",
            Foutcode::Ongeldig,
            "Een aanvraag bij dit budget met een toekenning; een afgewezen, ingetrokken of nog niet \
             besliste aanvraag heeft geen reservering om te corrigeren.",
        );
        // Een correctie is ook een besluit: de reservering erna houdt zich aan dezelfde
        // grenzen als een toekenning.
        if let (true, Some(bedrag)) = (toegekend, bedrag) {
            let matching = (b.vorm == BudgetVorm::Matching).then(|| {
                geld::matching_grens(a.eigen_bijdrage, b.matching_teller, b.matching_noemer)
            });
            if let Some(reden) = geld::toekenning_te_hoog(
                a.gereserveerd.saturating_add(bedrag),
                a.aangevraagd_bedrag,
                b.max_per_aanvraag,
                matching,
            ) {
                fouten.reject(
                    "bedrag",
                    Foutcode::TeHoog,
                    format!("Na de correctie is de reservering te hoog. {reden}"),
                );
            }
        }
    }
    fouten.check(
        bedrag != Some(0),
        "bedrag",
        Foutcode::Ongeldig,
        "Een correctie is niet 0.",
    );
    fouten
}

/// Wat de toestand toelaat: een open budget, een reservering niet onder wat al is
/// uitbetaald, en niet meer dan er beschikbaar is.
fn correctie_mag(b: &budget::Model, a: &aanvraag::Model, bedrag: i64) -> ApiResult<()> {
    if !b.open {
        return Err(ApiError::Conflict(
            Code::BudgetGesloten,
            format!("Het budget {} ({}) is gesloten.", b.naam, b.jaar),
        ));
    }
    if a.gereserveerd + bedrag < a.uitbetaald {
        return Err(ApiError::Conflict(
            Code::CorrectieTeGroot,
            format!(
                "Er is al {} cent uitbetaald; de reservering gaat daar niet onder.",
                a.uitbetaald
            ),
        ));
    }
    if b.gereserveerd + bedrag > b.totaal_bedrag {
        return Err(ApiError::Conflict(
            Code::BudgetOntoereikend,
            format!(
                "Er is nog {} cent beschikbaar in dit budget.",
                b.totaal_bedrag - b.gereserveerd
            ),
        ));
    }
    Ok(())
}

/// Budget afsluiten
///
/// Aan het eind van het jaar: elke open reservering (toegekend maar niet uitbetaald)
/// wordt expliciet vrijgegeven of overgedragen naar `naarBudgetId`; daarna is het budget
/// gesloten. Een aanvraag met een open reservering die ontbreekt, is 400.
#[utoipa::path(
    operation_id = "createBudgetAfsluiting",
    params(("id" = Uuid, Path, description = "Id van het budget")),
    request_body = NieuweAfsluiting,
    responses(
        (status = 200, description = "Afgesloten.", body = Budget),
        (status = 409, description = "Al gesloten, of het doelbudget is gesloten of kan de overdracht niet dragen.", body = Problem, content_type = "application/problem+json"),
    ),
)]
#[post("/budgetten/{id}/afsluiting")]
pub async fn afsluiting(
    ctx: Context,
    id: web::Path<Uuid>,
    mut invoer: Invoer<NieuweAfsluiting>,
) -> ApiResult<HttpResponse> {
    ctx.require(Recht::BudgettenSchrijven)?;
    let b = ctx.find_for_update::<budget::Entity>(*id).await?;
    let deel = invoer.deel();
    let naar_id = deel.as_ref().and_then(|d| d.naar_budget_id);
    let naar = if naar_id == Some(b.id) {
        invoer.fouten().reject(
            "naarBudgetId",
            Foutcode::Ongeldig,
            "Een ander budget dan dit.",
        );
        None
    } else {
        ctx.verwijzing::<budget::Entity, _>(&mut invoer, "naarBudgetId")
            .await?
    };
    let open: Vec<aanvraag::Model> = ctx
        .scoped(aanvraag::Entity::find())
        .filter(aanvraag::Column::BudgetId.eq(b.id))
        .filter(sea_orm::sea_query::Expr::cust(
            "aanvraag.gereserveerd > aanvraag.uitbetaald",
        ))
        .lock_exclusive()
        .all(ctx.db())
        .await?;
    let regels = deel.map(|d| d.aanvragen).unwrap_or_default();
    let fouten = afsluiting_regels(&regels, &open, naar_id.is_some());
    invoer.fouten().voeg_toe(fouten);
    let NieuweAfsluiting {
        aanvragen: regels, ..
    } = invoer.klaar()?;
    let overdracht = regels.iter().any(|r| r.keuze == Afsluitkeuze::Overdracht);
    if !b.open {
        return Err(ApiError::Conflict(
            Code::BudgetGesloten,
            format!("Het budget {} ({}) is al gesloten.", b.naam, b.jaar),
        ));
    }
    let naar = match (overdracht, naar) {
        (true, Some(n)) => Some(ctx.find_for_update::<budget::Entity>(n.id).await?),
        _ => None,
    };
    for regel in &regels {
        let Some(a) = open.iter().find(|a| a.id == regel.aanvraag_id) else {
            continue;
        };
        match (regel.keuze, &naar) {
            (Afsluitkeuze::Overdracht, Some(naar)) => overdragen(&ctx, a, &b, naar).await?,
            _ => vrijgeven(&ctx, a, "Vrijgevallen bij het afsluiten").await?,
        }
    }
    let mut model: budget::ActiveModel = ctx.find::<budget::Entity>(b.id).await?.into();
    let mut w = Wijzigingen::new();
    w.zet("open", &mut model.open, Some(false));
    let model = ctx
        .bewaar_wijziging(RESOURCE, Some(b.gemeente_id), model, w, conflict)
        .await?
        .unwrap_or(b);
    ctx.vastgelegd::<budget::Entity>(actix_web::http::StatusCode::OK, model)
        .await
}

/// Elke aanvraag met een open reservering precies één keer, en bij een overdracht het
/// budget waarnaar.
fn afsluiting_regels(
    regels: &[AfsluitingRegel],
    open: &[aanvraag::Model],
    met_naar: bool,
) -> Fouten {
    let mut fouten = Fouten::new();
    let genoemd: std::collections::BTreeSet<Uuid> = regels.iter().map(|r| r.aanvraag_id).collect();
    let nodig: std::collections::BTreeSet<Uuid> = open.iter().map(|a| a.id).collect();
    fouten.check(
        genoemd == nodig && genoemd.len() == regels.len(),
        "aanvragen",
        Foutcode::Ongeldig,
        format!(
            "Noem elke aanvraag met een open reservering precies één keer ({} open, bv. {}).",
            nodig.len(),
            nodig
                .iter()
                .next()
                .map(Uuid::to_string)
                .unwrap_or_else(|| "geen".into())
        ),
    );
    let overdracht = regels.iter().any(|r| r.keuze == Afsluitkeuze::Overdracht);
    fouten.check(
        !overdracht || met_naar,
        "naarBudgetId",
        Foutcode::Verplicht,
        "Noem het budget waarnaar wordt overgedragen.",
    );
    fouten
}

/// Draagt de open reservering van `a` over van budget `b` naar `naar` (dat open is en
/// genoeg beschikbaar heeft).
async fn overdragen(
    ctx: &Context,
    a: &aanvraag::Model,
    b: &budget::Model,
    naar: &budget::Model,
) -> ApiResult<()> {
    if !naar.open {
        return Err(ApiError::Conflict(
            Code::BudgetGesloten,
            "Het budget voor de overdracht is gesloten.".into(),
        ));
    }
    let bedrag = a.gereserveerd - a.uitbetaald;
    boek(
        ctx,
        a,
        b.id,
        MutatieSoort::Vrijval,
        bedrag,
        Some(format!("Overgedragen naar {}", naar.naam)),
    )
    .await?;
    let mut verplaatst: aanvraag::ActiveModel = a.clone().into();
    verplaatst.budget_id = Set(naar.id);
    let verplaatst = verplaatst.update(ctx.db()).await?;
    boek(
        ctx,
        &verplaatst,
        naar.id,
        MutatieSoort::Reservering,
        bedrag,
        Some(format!("Overgedragen van {}", b.naam)),
    )
    .await
    .map_err(|e| match e {
        // Alleen de grens van het budget zelf; elke andere weigering houdt
        // haar eigen antwoord.
        ApiError::Database(ref db)
            if crate::http::problem::constraint(db).as_deref()
                == Some("budget_niet_overschreden") =>
        {
            ApiError::Conflict(
                Code::BudgetOntoereikend,
                "Het budget voor de overdracht heeft niet genoeg beschikbaar.".into(),
            )
        }
        e => e,
    })?;
    Ok(())
}
