//! Aanvragen, besluiten en uitbetalingen.

use crate::http::problem::Foutcode;
use actix_web::{HttpResponse, get, patch, post, web};
use chrono::Days;
use entity::soorten::{AanvraagStatus, BudgetVorm, MutatieSoort};
use entity::{aanvraag, budget, initiatief, netwerk};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder,
    QueryTrait,
};
use uuid::Uuid;

use super::invoer::*;
use super::weergave::*;
use crate::audit::Wijzigingen;
use crate::auth::Recht;
use crate::auth::vier_ogen;
use crate::domein::geld;
use crate::domein::tijd::vandaag;
use crate::http::etag::IfMatch;
use crate::http::invoer::{Fouten, Invoer, referentiefilter};
use crate::http::pagination::{Lijst, Pagina, PaginaParams};
use crate::http::problem::{ApiError, ApiResult, Code, Problem};
use crate::modules::budgetten::{Mutatie, boek};
use crate::tenancy::Context;

/// Aanvragen
#[utoipa::path(
    operation_id = "listAanvragen",
    params(PaginaParams, AanvragenParams),
    responses(
        (status = 200, description = "Een pagina aanvragen, nieuwste eerst.", body = Pagina<Aanvraag>),
    ),
)]
#[get("/aanvragen")]
pub async fn list(ctx: Context, lijst: Lijst<AanvragenParams>) -> ApiResult<HttpResponse> {
    ctx.require(Recht::InitiatievenLezen)?;
    let p = &lijst.params;
    let select = referentiefilter(
        ctx.scoped(aanvraag::Entity::find()),
        aanvraag::Column::ExterneReferentie,
        p.externe_referentie.as_deref(),
    )?
    .apply_if(p.status, |q, s| q.filter(aanvraag::Column::Status.eq(s)))
    .apply_if(p.budget_id, |q, b| {
        q.filter(aanvraag::Column::BudgetId.eq(b))
    })
    .apply_if(p.initiatief_id, |q, i| {
        q.filter(aanvraag::Column::InitiatiefId.eq(i))
    })
    .apply_if(p.te_laat, |q, laat| {
        use sea_orm::Condition;
        if laat {
            q.filter(aanvraag::Column::Status.eq(AanvraagStatus::Ingediend))
                .filter(aanvraag::Column::BeslissenVoor.lt(vandaag()))
        } else {
            q.filter(
                Condition::any()
                    .add(aanvraag::Column::Status.ne(AanvraagStatus::Ingediend))
                    .add(aanvraag::Column::BeslissenVoor.gte(vandaag()))
                    .add(aanvraag::Column::BeslissenVoor.is_null()),
            )
        }
    })
    .order_by_desc(aanvraag::Column::CreatedAt)
    .order_by_desc(aanvraag::Column::Id);
    ctx.pagina(&lijst, select).await
}

/// Eén aanvraag
#[utoipa::path(
    operation_id = "getAanvraag",
    params(("id" = Uuid, Path, description = "Id van de aanvraag")),
    responses(
        (status = 200, description = "De aanvraag met `ETag`.", body = Aanvraag),
    ),
)]
#[get("/aanvragen/{id}")]
pub async fn get(ctx: Context, id: web::Path<Uuid>) -> ApiResult<HttpResponse> {
    ctx.require(Recht::InitiatievenLezen)?;
    ctx.lees::<aanvraag::Entity>(*id).await
}

fn niet_open(b: &budget::Model) -> ApiError {
    ApiError::Conflict(
        Code::BudgetGesloten,
        format!("Het budget {} ({}) is gesloten.", b.naam, b.jaar),
    )
}

/// Aanvraag indienen
///
/// Namens een initiatief of een netwerk. Met `Idempotency-Key` geeft een herhaling
/// het eerste antwoord en maakt geen tweede aanvraag.
#[utoipa::path(
    operation_id = "createAanvraag",
    request_body = NieuweAanvraag,
    responses(
        (status = 201, description = "Ingediend of als concept bewaard.", body = Aanvraag),
        (status = 409, description = "Het budget is gesloten.", body = Problem, content_type = "application/problem+json"),
    ),
)]
#[post("/aanvragen")]
pub async fn create(ctx: Context, mut invoer: Invoer<NieuweAanvraag>) -> ApiResult<HttpResponse> {
    ctx.require(Recht::AanvragenSchrijven)?;
    let gemeente_id = ctx.eigen_gemeente()?;
    let budget = ctx
        .verwijzing::<budget::Entity, _>(&mut invoer, "budgetId")
        .await?;
    ctx.verwijzing::<initiatief::Entity, _>(&mut invoer, "initiatiefId")
        .await?;
    ctx.verwijzing::<netwerk::Entity, _>(&mut invoer, "netwerkId")
        .await?;
    let mut fouten = Fouten::new();
    if let Some(nieuw) = invoer.deel() {
        fouten.check(
            nieuw.initiatief_id.is_some() != nieuw.netwerk_id.is_some(),
            "initiatiefId",
            Foutcode::Ongeldig,
            "Noem precies één aanvrager: initiatiefId of netwerkId.",
        );
    }
    invoer.fouten().voeg_toe(fouten);
    let n = invoer.klaar()?;
    let Some(budget) = budget else {
        return Err(ApiError::Internal("validatie liet budgetId door".into()));
    };
    if !budget.open {
        return Err(niet_open(&budget));
    }
    let ingediend = n.status != Some(NieuweAanvraagStatus::Concept);
    let model = aanvraag::ActiveModel {
        id: Set(Uuid::now_v7()),
        gemeente_id: Set(gemeente_id),
        budget_id: Set(n.budget_id),
        initiatief_id: Set(n.initiatief_id),
        netwerk_id: Set(n.netwerk_id),
        aangevraagd_bedrag: Set(n.aangevraagd_bedrag),
        eigen_bijdrage: Set(n.eigen_bijdrage.unwrap_or(0)),
        plan: Set(n.plan),
        externe_referentie: Set(n.externe_referentie),
        status: Set(if ingediend {
            AanvraagStatus::Ingediend
        } else {
            AanvraagStatus::Concept
        }),
        gereserveerd: Set(0),
        uitbetaald: Set(0),
        ..Default::default()
    };
    let model = indienen(&ctx, model, &budget, ingediend)
        .insert(ctx.db())
        .await?;
    ctx.aangemaakt::<aanvraag::Entity>(model).await
}

/// Zet de velden van het indienen: wie, wanneer, en tot wanneer besloten moet zijn.
fn indienen(
    ctx: &Context,
    mut model: aanvraag::ActiveModel,
    budget: &budget::Model,
    ingediend: bool,
) -> aanvraag::ActiveModel {
    if ingediend {
        let vandaag = vandaag();
        model.ingediend_door = Set(ctx.caller.actor.id());
        model.ingediend_op = Set(Some(vandaag));
        model.beslissen_voor = Set(vandaag.checked_add_days(Days::new(
            u64::try_from(budget.beslistermijn_dagen).unwrap_or(14),
        )));
    }
    model
}

/// Aanvraag bijwerken, indienen of intrekken
#[utoipa::path(
    operation_id = "updateAanvraag",
    params(("id" = Uuid, Path, description = "Id van de aanvraag")),
    request_body = AanvraagWijziging,
    responses(
        (status = 200, description = "Gewijzigd.", body = Aanvraag),
        (status = 409, description = "Niet in deze toestand, of het budget is gesloten.", body = Problem, content_type = "application/problem+json"),
    ),
)]
#[patch("/aanvragen/{id}")]
pub async fn update(
    if_match: IfMatch,
    ctx: Context,
    id: web::Path<Uuid>,
    invoer: Invoer<AanvraagWijziging>,
) -> ApiResult<HttpResponse> {
    ctx.require(Recht::AanvragenSchrijven)?;
    let huidig = ctx.find_for_update::<aanvraag::Entity>(*id).await?;
    let i = invoer.klaar()?;
    if_match.check(huidig.version)?;
    let inhoud = i.aangevraagd_bedrag.is_some() || i.eigen_bijdrage.is_some() || i.plan.is_some();
    let mag = match i.status {
        Some(AanvraagOvergang::Ingediend) => huidig.status == AanvraagStatus::Concept,
        Some(AanvraagOvergang::Ingetrokken) => {
            matches!(
                huidig.status,
                AanvraagStatus::Concept | AanvraagStatus::Ingediend
            ) && !inhoud
        }
        None => huidig.status == AanvraagStatus::Concept || !inhoud,
    } && (!inhoud || huidig.status == AanvraagStatus::Concept);
    if !mag {
        return Err(ApiError::Conflict(
            Code::AanvraagStatus,
            format!(
                "De aanvraag is {}: bedragen en plan wijzigen alleen als concept, indienen alleen vanuit concept, intrekken alleen vóór het besluit.",
                huidig.status.as_str()
            ),
        ));
    }
    let budget = ctx.find::<budget::Entity>(huidig.budget_id).await?;
    let mut model: aanvraag::ActiveModel = huidig.clone().into();
    let mut w = Wijzigingen::new();
    w.zet(
        "aangevraagdBedrag",
        &mut model.aangevraagd_bedrag,
        i.aangevraagd_bedrag,
    );
    w.zet("eigenBijdrage", &mut model.eigen_bijdrage, i.eigen_bijdrage);
    let referentie = i.externe_referentie.wijziging();
    w.zet(
        "externeReferentie",
        &mut model.externe_referentie,
        referentie,
    );
    if i.plan.is_some() {
        model.plan = Set(i.plan);
        w = w.alleen_naam("plan");
    }
    match i.status {
        Some(AanvraagOvergang::Ingediend) => {
            if !budget.open {
                return Err(niet_open(&budget));
            }
            w.zet("status", &mut model.status, Some(AanvraagStatus::Ingediend));
            model = indienen(&ctx, model, &budget, true);
        }
        Some(AanvraagOvergang::Ingetrokken) => {
            w.zet(
                "status",
                &mut model.status,
                Some(AanvraagStatus::Ingetrokken),
            );
        }
        None => {}
    }
    ctx.gewijzigd::<aanvraag::Entity, _>(huidig, model, w, ApiError::from)
        .await
}

/// Besluiten op een aanvraag
///
/// Door een budgethouder van de gemeente die de aanvraag niet zelf indiende (403
/// `eigen_aanvraag`, per persoon: ook niet wie de indienende koppeling maakte, haar
/// scopes wijzigde of haar secret vernieuwde, en niet een account dat de indiener
/// maakte of een wachtwoord gaf). Een account dat budgethouder en gemeente_beheerder
/// combineert, besluit niet (403 `rollen_onverenigbaar`). Het besluit is definitief; een latere wijziging gaat met een
/// correctie. Een toekenning reserveert het bedrag in het grootboek: is er niet genoeg
/// beschikbaar, dan 409 `budget_ontoereikend` met het bedrag dat nog beschikbaar is.
/// Na de beslistermijn mag het nog, maar `teLaat` wordt `true`.
#[utoipa::path(
    operation_id = "createAanvraagBesluit",
    params(
        ("id" = Uuid, Path, description = "Id van de aanvraag"),
    ),
    request_body = BesluitOpAanvraag,
    responses(
        (status = 200, description = "Besloten.", body = Aanvraag),
        (status = 403, description = "Geen budgethouder, of de aanvraag kwam van u (`eigen_aanvraag`), of uw account combineert budgethouder en gemeente_beheerder (`rollen_onverenigbaar`).", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Al besloten, niet ingediend, budget gesloten of ontoereikend.", body = Problem, content_type = "application/problem+json"),
    ),
)]
#[post("/aanvragen/{id}/besluit")]
pub async fn besluit(
    ctx: Context,
    id: web::Path<Uuid>,
    mut invoer: Invoer<BesluitOpAanvraag>,
) -> ApiResult<HttpResponse> {
    ctx.require(Recht::AanvraagBesluiten)?;
    let a = ctx.find_for_update::<aanvraag::Entity>(*id).await?;
    // Eén toekenning tegelijk per budget: de tweede wacht en ziet het nieuwe totaal.
    let b = ctx.find_for_update::<budget::Entity>(a.budget_id).await?;
    if let Some(toegekend) = invoer.deel().map(|d| d.toegekend_bedrag) {
        let matching = (b.vorm == BudgetVorm::Matching)
            .then(|| geld::matching_grens(a.eigen_bijdrage, b.matching_teller, b.matching_noemer));
        if let Some(reden) = geld::toekenning_te_hoog(
            toegekend,
            a.aangevraagd_bedrag,
            b.max_per_aanvraag,
            matching,
        ) {
            invoer
                .fouten()
                .reject("toegekendBedrag", Foutcode::TeHoog, reden);
        }
    }
    let n = invoer.klaar()?;
    if a.status != AanvraagStatus::Ingediend {
        return Err(ApiError::Conflict(
            Code::AanvraagStatus,
            format!(
                "De aanvraag is {}; alleen op een ingediende aanvraag wordt besloten (een besluit is definitief).",
                a.status.as_str()
            ),
        ));
    }
    vier_ogen::check(ctx.db(), &ctx.caller, a.ingediend_door).await?;
    if !b.open {
        return Err(niet_open(&b));
    }
    let beschikbaar = b.totaal_bedrag - b.gereserveerd;
    if n.toegekend_bedrag > beschikbaar {
        return Err(ApiError::Conflict(
            Code::BudgetOntoereikend,
            format!(
                "Er is nog {beschikbaar} cent beschikbaar in dit budget; {} cent toekennen kan niet.",
                n.toegekend_bedrag
            ),
        ));
    }
    let toegekend = n.toegekend_bedrag;
    let (model, w) = besloten(&a, n, ctx.caller.actor.id());
    let bijgewerkt = ctx
        .bewaar_wijziging(RESOURCE, Some(a.gemeente_id), model, w, ApiError::from)
        .await?
        .unwrap_or(a);
    if toegekend > 0 {
        boek(
            &ctx,
            &bijgewerkt,
            bijgewerkt.budget_id,
            MutatieSoort::Reservering,
            toegekend,
            None,
        )
        .await?;
    }
    let model = ctx.find::<aanvraag::Entity>(bijgewerkt.id).await?;
    ctx.vastgelegd::<aanvraag::Entity>(actix_web::http::StatusCode::OK, model)
        .await
}

/// De aanvraag na het besluit: de status uit het toegekende bedrag (0 is afgewezen),
/// wie en wanneer, en of het te laat was; de motivering alleen bij naam in de audit
/// trail.
fn besloten(
    a: &aanvraag::Model,
    n: BesluitOpAanvraag,
    door: Option<Uuid>,
) -> (aanvraag::ActiveModel, Wijzigingen) {
    let vandaag = vandaag();
    let status = if n.toegekend_bedrag == 0 {
        AanvraagStatus::Afgewezen
    } else if n.toegekend_bedrag < a.aangevraagd_bedrag {
        AanvraagStatus::DeelsToegekend
    } else {
        AanvraagStatus::Toegekend
    };
    let mut model: aanvraag::ActiveModel = a.clone().into();
    let mut w = Wijzigingen::new();
    w.zet("status", &mut model.status, Some(status));
    w.zet(
        "toegekendBedrag",
        &mut model.toegekend_bedrag,
        Some(Some(n.toegekend_bedrag)),
    );
    w.zet("beslotenOp", &mut model.besloten_op, Some(Some(vandaag)));
    w.zet("beslotenDoor", &mut model.besloten_door, Some(door));
    w.zet(
        "teLaat",
        &mut model.te_laat,
        Some(Some(a.beslissen_voor.is_some_and(|d| vandaag > d))),
    );
    model.motivering = Set(Some(n.motivering));
    w = w.alleen_naam("motivering");
    (model, w)
}

/// Uitbetalen
///
/// Uit wat voor de aanvraag gereserveerd is; samen met eerdere uitbetalingen nooit meer
/// (409 `uitbetaling_te_hoog`, en de database weigert het ook).
#[utoipa::path(
    operation_id = "createAanvraagUitbetaling",
    params(
        ("id" = Uuid, Path, description = "Id van de aanvraag"),
    ),
    request_body = NieuweUitbetaling,
    responses(
        (status = 201, description = "Geboekt.", body = Mutatie),
        (status = 409, description = "Niet toegekend, of meer dan gereserveerd.", body = Problem, content_type = "application/problem+json"),
    ),
)]
#[post("/aanvragen/{id}/uitbetalingen")]
pub async fn uitbetaling(
    ctx: Context,
    id: web::Path<Uuid>,
    invoer: Invoer<NieuweUitbetaling>,
) -> ApiResult<HttpResponse> {
    ctx.require(Recht::BudgettenSchrijven)?;
    let a = ctx.find_for_update::<aanvraag::Entity>(*id).await?;
    let n = invoer.klaar()?;
    if !matches!(
        a.status,
        AanvraagStatus::Toegekend | AanvraagStatus::DeelsToegekend
    ) {
        return Err(ApiError::Conflict(
            Code::AanvraagStatus,
            format!(
                "De aanvraag is {}; alleen een toekenning wordt uitbetaald.",
                a.status.as_str()
            ),
        ));
    }
    let ruimte = a.gereserveerd - a.uitbetaald;
    if n.bedrag > ruimte {
        return Err(ApiError::Conflict(
            Code::UitbetalingTeHoog,
            format!("Voor deze aanvraag is nog {ruimte} cent gereserveerd en niet uitbetaald."),
        ));
    }
    let budget_id = a.budget_id;
    crate::modules::budgetten::geboekt(
        ctx,
        &a,
        budget_id,
        MutatieSoort::Uitbetaling,
        n.bedrag,
        n.omschrijving,
    )
    .await
}

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(list)
        .service(get)
        .service(create)
        .service(update)
        .service(besluit)
        .service(uitbetaling);
}
