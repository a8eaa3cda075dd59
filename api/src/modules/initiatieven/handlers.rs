//! Initiatieven van bewoners (DOMAIN.md, "Initiatives and budgets"). De contactpersoon
//! (naam, e-mail) is persoonsgegeven: alleen coördinatoren, budgethouders en
//! beheerders van de gemeente krijgen hem, en een jaar na het einde van het
//! initiatief wist de retentie hem.

use crate::http::problem::Foutcode;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, delete, get, patch, post, web};
use chrono::NaiveDate;
use entity::soorten::InitiatiefStatus;
use entity::{gebied, initiatief, netwerk};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, QueryTrait,
};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::audit::Wijzigingen;
use crate::auth::Recht;
use crate::domein::initiatief as afloop;
use crate::http::etag::IfMatch;
use crate::http::invoer::referentiefilter;
use crate::http::invoer::{Fouten, Invoer};
use crate::http::pagination::{Lijst, Pagina, PaginaParams};
use crate::http::problem::{ApiError, ApiResult, Code, Problem, overgang};
use crate::tenancy::Context;

use super::invoer::*;
use super::weergave::*;

/// Initiatieven
#[utoipa::path(
    operation_id = "listInitiatieven",
    params(PaginaParams, InitiatievenParams),
    responses(
        (status = 200, description = "Een pagina initiatieven, nieuwste eerst.", body = Pagina<Initiatief>),
    ),
)]
#[get("/initiatieven")]
pub async fn list(ctx: Context, lijst: Lijst<InitiatievenParams>) -> ApiResult<HttpResponse> {
    ctx.require(Recht::InitiatievenLezen)?;
    let p = &lijst.params;
    let select = referentiefilter(
        ctx.scoped_in(initiatief::Entity::find(), p.gemeente.as_deref())
            .await?,
        initiatief::Column::ExterneReferentie,
        p.externe_referentie.as_deref(),
    )?
    .apply_if(p.status, |q, s| q.filter(initiatief::Column::Status.eq(s)))
    .apply_if(p.thema, |q, t| q.filter(initiatief::Column::Thema.eq(t)))
    .apply_if(p.gebied_id, |q, g| {
        q.filter(initiatief::Column::GebiedId.eq(g))
    })
    .apply_if(p.netwerk_id, |q, n| {
        q.filter(initiatief::Column::NetwerkId.eq(n))
    })
    .order_by_desc(initiatief::Column::CreatedAt)
    .order_by_desc(initiatief::Column::Id);
    ctx.pagina(&lijst, select).await
}

/// Eén initiatief
#[utoipa::path(
    operation_id = "getInitiatief",
    params(("id" = Uuid, Path, description = "Id van het initiatief")),
    responses(
        (status = 200, description = "Het initiatief met `ETag`.", body = Initiatief),
    ),
)]
#[get("/initiatieven/{id}")]
pub async fn get(ctx: Context, id: web::Path<Uuid>) -> ApiResult<HttpResponse> {
    ctx.require(Recht::InitiatievenLezen)?;
    ctx.lees::<initiatief::Entity>(*id).await
}

/// Verwijzingen naar een gebied en een netwerk van de eigen gemeente.
async fn verwijzingen<T: serde::de::DeserializeOwned + ToSchema>(
    ctx: &Context,
    invoer: &mut Invoer<T>,
) -> ApiResult<()> {
    ctx.verwijzing::<gebied::Entity, _>(invoer, "gebiedId")
        .await?;
    ctx.verwijzing::<netwerk::Entity, _>(invoer, "netwerkId")
        .await?;
    Ok(())
}

/// De regels over meer velden: een initiatiefnemer, een einde niet vóór het begin.
fn regels(
    organisatie: bool,
    contact: bool,
    start: Option<NaiveDate>,
    eind: Option<NaiveDate>,
    fouten: &mut Fouten,
) {
    fouten.check(
        organisatie || contact,
        "organisatie",
        Foutcode::Verplicht,
        "Noem de initiatiefnemer: een organisatie, of een contactpersoon (contactnaam).",
    );
    if let (Some(s), Some(e)) = (start, eind) {
        fouten.check(
            e >= s,
            "einddatum",
            Foutcode::Ongeldig,
            "Het einde ligt niet vóór het begin.",
        );
    }
}

/// De regels over een nieuw initiatief die het schema niet kent.
fn nieuw_regels(nieuw: &NieuwInitiatief, fouten: &mut Fouten) {
    fouten.check(
        !nieuw.status.is_some_and(afloop::afgesloten),
        "status",
        Foutcode::Ongeldig,
        "Een nieuw initiatief is een idee of lopend; afronden of stoppen is een wijziging.",
    );
    regels(
        nieuw.organisatie.is_some(),
        nieuw.contactnaam.is_some(),
        nieuw.startdatum,
        nieuw.einddatum,
        fouten,
    );
}

/// Initiatief vastleggen
///
/// Nieuw als `idee` of `lopend`. De contactpersoon is persoonsgegeven: noem hem alleen
/// als er geen organisatie is die het initiatief draagt.
#[utoipa::path(
    operation_id = "createInitiatief",
    request_body = NieuwInitiatief,
    responses(
        (status = 201, description = "Vastgelegd.", body = Initiatief),
    ),
)]
#[post("/initiatieven")]
pub async fn create(ctx: Context, mut invoer: Invoer<NieuwInitiatief>) -> ApiResult<HttpResponse> {
    ctx.require(Recht::InitiatievenSchrijven)?;
    let gemeente_id = ctx.eigen_gemeente()?;
    verwijzingen(&ctx, &mut invoer).await?;
    let mut fouten = Fouten::new();
    if let Some(nieuw) = invoer.deel() {
        nieuw_regels(&nieuw, &mut fouten);
    }
    invoer.fouten().voeg_toe(fouten);
    let n = invoer.klaar()?;
    let model = initiatief::ActiveModel {
        id: Set(Uuid::now_v7()),
        gemeente_id: Set(gemeente_id),
        titel: Set(n.titel),
        omschrijving: Set(n.omschrijving),
        thema: Set(n.thema),
        participatie: Set(n.participatie),
        gebied_id: Set(n.gebied_id),
        netwerk_id: Set(n.netwerk_id),
        organisatie: Set(n.organisatie),
        contactnaam: Set(n.contactnaam),
        contactemail: Set(n.contactemail),
        externe_referentie: Set(n.externe_referentie),
        contact_geanonimiseerd_op: Set(None),
        status: Set(n.status.unwrap_or(InitiatiefStatus::Idee)),
        startdatum: Set(n.startdatum),
        einddatum: Set(n.einddatum),
        resultaten: Set(None),
        lessen: Set(None),
        ..Default::default()
    }
    .insert(ctx.db())
    .await?;
    ctx.aangemaakt::<initiatief::Entity>(model).await
}

/// Initiatief wijzigen, afronden of stoppen
///
/// `idee` → `lopend` → `afgerond`, of `gestopt`; daarna ligt het initiatief vast
/// (409 `initiatief_afgesloten`). Bij afronden of stoppen zonder `einddatum` geldt
/// vandaag.
#[utoipa::path(
    operation_id = "updateInitiatief",
    params(("id" = Uuid, Path, description = "Id van het initiatief")),
    request_body = InitiatiefWijziging,
    responses(
        (status = 200, description = "Gewijzigd.", body = Initiatief),
        (status = 409, description = "Afgesloten, of een overgang die niet bestaat.", body = Problem, content_type = "application/problem+json"),
    ),
)]
#[patch("/initiatieven/{id}")]
pub async fn update(
    if_match: IfMatch,
    ctx: Context,
    id: web::Path<Uuid>,
    mut invoer: Invoer<InitiatiefWijziging>,
) -> ApiResult<HttpResponse> {
    ctx.require(Recht::InitiatievenSchrijven)?;
    let huidig = ctx.find_for_update::<initiatief::Entity>(*id).await?;
    verwijzingen(&ctx, &mut invoer).await?;
    let fouten = wijziging_regels(&huidig, &invoer.deel().unwrap_or_default());
    invoer.fouten().voeg_toe(fouten);
    let i = invoer.klaar()?;
    if_match.check(huidig.version)?;
    if afloop::afgesloten(huidig.status) {
        return Err(ApiError::Conflict(
            Code::InitiatiefAfgesloten,
            format!(
                "Het initiatief is {}; het ligt vast.",
                huidig.status.as_str()
            ),
        ));
    }
    let nieuwe_status = overgang(
        huidig.status,
        i.status,
        afloop::overgang_toegestaan,
        "een initiatief",
    )?;
    let (model, w) = toepassen(&huidig, i, nieuwe_status);
    let model = ctx
        .bewaar_wijziging(RESOURCE, Some(huidig.gemeente_id), model, w, ApiError::from)
        .await?
        .unwrap_or(huidig);
    // Eindigt het initiatief, dan valt wat voor zijn aanvragen gereserveerd maar niet
    // uitbetaald is vrij.
    if nieuwe_status.is_some_and(afloop::afgesloten) {
        let aanvragen = ctx
            .scoped(entity::aanvraag::Entity::find())
            .filter(entity::aanvraag::Column::InitiatiefId.eq(model.id))
            .lock_exclusive()
            .all(ctx.db())
            .await?;
        for a in &aanvragen {
            crate::modules::budgetten::vrijgeven(&ctx, a, "Het initiatief is geëindigd").await?;
        }
    }
    ctx.vastgelegd::<initiatief::Entity>(StatusCode::OK, model)
        .await
}

/// De regels over de toestand na een wijziging die het schema niet kent.
fn wijziging_regels(huidig: &initiatief::Model, w: &InitiatiefWijziging) -> Fouten {
    let organisatie = w.organisatie.as_ref().na(huidig.organisatie.as_ref());
    let contact = w.contactnaam.as_ref().na(huidig.contactnaam.as_ref());
    let start = w.startdatum.clone().na(huidig.startdatum);
    let eind = w.einddatum.clone().na(huidig.einddatum);
    let status = w.status.unwrap_or(huidig.status);
    let mut fouten = Fouten::new();
    // Een initiatief zonder contactpersoon doordat de retentie die wiste, houdt zijn
    // organisatie of niets: dan geen eis.
    if huidig.contact_geanonimiseerd_op.is_none() {
        regels(
            organisatie.is_some(),
            contact.is_some(),
            start,
            eind,
            &mut fouten,
        );
    }
    for (veld, waarde) in [("resultaten", &w.resultaten), ("lessen", &w.lessen)] {
        fouten.check(
            !waarde.is_waarde() || afloop::afgesloten(status),
            veld,
            Foutcode::Ongeldig,
            "Resultaten en lessen horen bij (de overgang naar) afgerond of gestopt.",
        );
    }
    fouten
}

/// Het initiatief na de wijziging, met de regels voor de audit trail (contactgegevens
/// alleen bij naam). Wie afsluit zonder einddatum, eindigt vandaag.
fn toepassen(
    huidig: &initiatief::Model,
    i: InitiatiefWijziging,
    nieuwe_status: Option<InitiatiefStatus>,
) -> (initiatief::ActiveModel, Wijzigingen) {
    let mut model: initiatief::ActiveModel = huidig.clone().into();
    let mut w = Wijzigingen::new();
    w.zet("titel", &mut model.titel, i.titel);
    w.zet(
        "omschrijving",
        &mut model.omschrijving,
        i.omschrijving.wijziging(),
    );
    w.zet("thema", &mut model.thema, i.thema);
    w.zet(
        "participatie",
        &mut model.participatie,
        i.participatie.wijziging(),
    );
    w.zet("gebiedId", &mut model.gebied_id, i.gebied_id.wijziging());
    w.zet("netwerkId", &mut model.netwerk_id, i.netwerk_id.wijziging());
    w.zet(
        "externeReferentie",
        &mut model.externe_referentie,
        i.externe_referentie.wijziging(),
    );
    w.zet(
        "organisatie",
        &mut model.organisatie,
        i.organisatie.wijziging(),
    );
    w.zet_alleen_naam(
        "contactnaam",
        &mut model.contactnaam,
        i.contactnaam.wijziging(),
    );
    w.zet_alleen_naam(
        "contactemail",
        &mut model.contactemail,
        i.contactemail.wijziging(),
    );
    w.zet("status", &mut model.status, nieuwe_status);
    w.zet(
        "startdatum",
        &mut model.startdatum,
        i.startdatum.wijziging(),
    );
    let eind_blijft_leeg = if i.einddatum.is_afwezig() {
        huidig.einddatum.is_none()
    } else {
        i.einddatum.clone().wijziging().flatten().is_none()
    };
    let mut einde = i.einddatum.wijziging();
    if nieuwe_status.is_some_and(afloop::afgesloten) && eind_blijft_leeg {
        einde = Some(Some(crate::domein::tijd::vandaag()));
    }
    w.zet("einddatum", &mut model.einddatum, einde);
    w.zet(
        "resultaten",
        &mut model.resultaten,
        i.resultaten.wijziging(),
    );
    w.zet("lessen", &mut model.lessen, i.lessen.wijziging());
    (model, w)
}

/// Initiatief verwijderen
#[utoipa::path(
    operation_id = "deleteInitiatief",
    params(("id" = Uuid, Path, description = "Id van het initiatief")),
    responses(
        (status = 204, description = "Verwijderd."),
    ),
)]
#[delete("/initiatieven/{id}")]
pub async fn remove(
    if_match: IfMatch,
    ctx: Context,
    id: web::Path<Uuid>,
) -> ApiResult<HttpResponse> {
    ctx.require(Recht::InitiatievenSchrijven)?;
    let huidig = ctx.find_for_update::<initiatief::Entity>(*id).await?;
    if_match.check(huidig.version)?;
    ctx.verwijder::<initiatief::Entity>(&huidig, Wijzigingen::new())
        .await
}

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(list)
        .service(get)
        .service(create)
        .service(update)
        .service(remove);
}
