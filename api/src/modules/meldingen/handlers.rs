//! Meldingen van bedreigingen en incidenten (seed 003, stap 11): een verantwoordelijke
//! ambtenaar, ernst, toestand, wie er betrokken is en een opvolgingslogboek. Alleen de
//! coördinatoren en beheerders van de gemeente en koppelingen met `meldingen.lezen`
//! lezen ze, een melding over iemand met verhoogd risico alleen de genoemde
//! ambtenaren en de behandelaar (row-level security); voor ieder ander bestaat een
//! melding niet (404). Omschrijving, maatregelen, opvolging en afsluitnotitie zijn
//! vrije tekst: de audit trail noemt ze alleen bij naam.

use crate::http::problem::Foutcode;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, get, patch, post, web};
use chrono::Utc;
use entity::soorten::{Betrokkene, MeldingStatus};
use entity::{gebied, melding, melding_opvolging, netwerk, sleutelpersoon};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder,
    QueryTrait,
};
use uuid::Uuid;

use crate::audit::verwerking::{Activiteit, Handeling};
use crate::audit::{Actie, Wijzigingen};
use crate::auth::{Recht, Rol};
use crate::domein::melding as afloop;
use crate::http::etag::IfMatch;
use crate::http::invoer::{Fouten, Invoer};
use crate::http::pagination::{Lijst, Pagina, PaginaParams};
use crate::http::periode::Periode;
use crate::http::problem::{ApiError, ApiResult, Code, Problem, overgang};
use crate::modules::gebruikers::actieve_gebruikers_met_rol;
use crate::modules::sleutelpersonen::genoemd;
use crate::tenancy::Context;

use super::invoer::*;
use super::weergave::*;

const OPVOLGING: &str = "melding_opvolging";
const BEHANDELAARS: &[Rol] = &[Rol::Coordinator, Rol::GemeenteBeheerder];

/// Een melding die de aanroeper mag lezen (de leesregel in de database beslist), of 404.
async fn vind(ctx: &Context, id: Uuid, vergrendel: bool) -> ApiResult<melding::Model> {
    lezer(ctx)?;
    if vergrendel {
        ctx.find_for_update::<melding::Entity>(id).await
    } else {
        ctx.find::<melding::Entity>(id).await
    }
}

/// Meldingen
///
/// Alleen voor coördinatoren en beheerders van de gemeente en koppelingen met
/// `meldingen.lezen`; meldingen over iemand met verhoogd risico alleen voor de
/// genoemde ambtenaren en de behandelaar.
#[utoipa::path(
    operation_id = "listMeldingen",
    params(PaginaParams, MeldingenParams, Periode),
    responses(
        (status = 200, description = "Een pagina meldingen, nieuwste eerst.", body = Pagina<Melding>),
    ),
)]
#[get("/meldingen")]
pub async fn list(
    ctx: Context,
    lijst: Lijst<MeldingenParams>,
    periode: Periode,
) -> ApiResult<HttpResponse> {
    ctx.require(Recht::MeldingenLezen)?;
    let p = &lijst.params;
    let select = ctx
        .scoped(melding::Entity::find())
        .apply_if(p.status, |q, s| q.filter(melding::Column::Status.eq(s)))
        .apply_if(p.ernst, |q, e| q.filter(melding::Column::Ernst.eq(e)))
        .apply_if(p.soort, |q, s| q.filter(melding::Column::Soort.eq(s)))
        .apply_if(p.netwerk_id, |q, n| {
            q.filter(melding::Column::NetwerkId.eq(n))
        })
        .apply_if(p.gebied_id, |q, g| {
            q.filter(melding::Column::GebiedId.eq(g))
        })
        .apply_if(p.behandelaar_id, |q, b| {
            q.filter(melding::Column::BehandelaarId.eq(b))
        });
    let select = periode
        .filter(select, melding::Column::Datum)
        .order_by_desc(melding::Column::Datum)
        .order_by_desc(melding::Column::Id);
    let antwoord = ctx.pagina(&lijst, select).await?;
    ctx.commit_then(antwoord).await
}

/// Eén melding
#[utoipa::path(
    operation_id = "getMelding",
    params(("id" = Uuid, Path, description = "Id van de melding")),
    responses(
        (status = 200, description = "De melding met `ETag`.", body = Melding),
    ),
)]
#[get("/meldingen/{id}")]
pub async fn get(ctx: Context, id: web::Path<Uuid>) -> ApiResult<HttpResponse> {
    let model = vind(&ctx, *id, false).await?;
    let antwoord = ctx.toon::<melding::Entity>(StatusCode::OK, model).await?;
    ctx.commit_then(antwoord).await
}

/// Melding vastleggen
#[utoipa::path(
    operation_id = "createMelding",
    request_body = NieuweMelding,
    responses(
        (status = 201, description = "Vastgelegd, `open`.", body = Melding),
    ),
)]
#[post("/meldingen")]
pub async fn create(ctx: Context, mut invoer: Invoer<NieuweMelding>) -> ApiResult<HttpResponse> {
    ctx.require(Recht::MeldingenSchrijven)?;
    let gemeente_id = ctx.eigen_gemeente()?;
    let persoon = ctx
        .verwijzing::<sleutelpersoon::Entity, _>(&mut invoer, "sleutelpersoonId")
        .await?;
    // Over iemand met verhoogd risico legt alleen een genoemde ambtenaar een melding
    // vast; voor ieder ander bestaat de persoon hier niet (404).
    if persoon.as_ref().is_some_and(|p| !genoemd(&ctx, p)) {
        return Err(ApiError::NotFound);
    }
    let fouten = nieuw_regels(&ctx, gemeente_id, &mut invoer).await?;
    invoer.fouten().voeg_toe(fouten);
    let n = invoer.klaar()?;
    let vandaag = crate::domein::tijd::vandaag();
    let model = melding::ActiveModel {
        id: Set(Uuid::now_v7()),
        gemeente_id: Set(gemeente_id),
        soort: Set(n.soort),
        betrokkene: Set(n.betrokkene),
        ernst: Set(n.ernst),
        datum: Set(n.datum.unwrap_or(vandaag)),
        omschrijving: Set(n.omschrijving),
        sleutelpersoon_id: Set(n.sleutelpersoon_id),
        netwerk_id: Set(n.netwerk_id),
        gebied_id: Set(n.gebied_id),
        behandelaar_id: Set(n.behandelaar_id),
        politie: Set(n.politie),
        veiligheidshuis: Set(n.veiligheidshuis),
        maatregelen: Set(n.maatregelen),
        status: Set(MeldingStatus::Open),
        afsluitnotitie: Set(None),
        afgesloten_op: Set(None),
        ..Default::default()
    }
    .insert(ctx.db())
    .await?;
    let w = Wijzigingen::new()
        .nieuw("soort", model.soort)
        .nieuw("betrokkene", model.betrokkene)
        .nieuw("ernst", model.ernst)
        .nieuw("datum", model.datum)
        .nieuw("status", model.status)
        .nieuw("behandelaarId", model.behandelaar_id)
        .nieuw("politie", model.politie)
        .nieuw("veiligheidshuis", model.veiligheidshuis)
        .alleen_naam("omschrijving")
        .alleen_naam_als(model.sleutelpersoon_id.is_some(), "sleutelpersoonId")
        .alleen_naam_als(model.maatregelen.is_some(), "maatregelen");
    ctx.aangemaakt_met::<melding::Entity>(model, w).await
}

/// De regels over een nieuwe melding die het schema niet kent: verwijzingen in de eigen
/// gemeente, een actieve behandelaar, een sleutelpersoon alleen bij betrokkene
/// sleutelpersoon, en een datum die niet in de toekomst ligt.
async fn nieuw_regels(
    ctx: &Context,
    gemeente_id: Uuid,
    invoer: &mut Invoer<NieuweMelding>,
) -> ApiResult<Fouten> {
    ctx.verwijzing::<netwerk::Entity, _>(invoer, "netwerkId")
        .await?;
    ctx.verwijzing::<gebied::Entity, _>(invoer, "gebiedId")
        .await?;
    let mut fouten = Fouten::new();
    let Some(nieuw) = invoer.deel() else {
        return Ok(fouten);
    };
    if !invoer.fouten().raakt("behandelaarId") {
        let b = nieuw.behandelaar_id;
        actieve_gebruikers_met_rol(
            ctx,
            gemeente_id,
            &[b],
            BEHANDELAARS,
            "behandelaarId",
            &mut fouten,
        )
        .await?;
    }
    fouten.check(
        nieuw.sleutelpersoon_id.is_none() || nieuw.betrokkene == Betrokkene::Sleutelpersoon,
        "sleutelpersoonId",
        Foutcode::Ongeldig,
        "Een sleutelpersoon noemt u alleen bij betrokkene sleutelpersoon.",
    );
    fouten.check(
        nieuw
            .datum
            .is_none_or(|d| d <= crate::domein::tijd::vandaag()),
        "datum",
        Foutcode::Ongeldig,
        "Een melding gaat over iets dat gebeurd is: de datum ligt niet in de toekomst.",
    );
    Ok(fouten)
}

/// Melding bijwerken of afsluiten
///
/// `open` → `in_behandeling` → `afgesloten`, of `open` → `afgesloten`; afsluiten
/// alleen met `afsluitnotitie`. Een afgesloten melding ligt vast (409
/// `melding_afgesloten`); een andere overgang is 409 `status_overgang_ongeldig`.
#[utoipa::path(
    operation_id = "updateMelding",
    params(("id" = Uuid, Path, description = "Id van de melding")),
    request_body = MeldingWijziging,
    responses(
        (status = 200, description = "Gewijzigd.", body = Melding),
        (status = 409, description = "Afgesloten, of een overgang die niet bestaat.", body = Problem, content_type = "application/problem+json"),
    ),
)]
#[patch("/meldingen/{id}")]
pub async fn update(
    if_match: IfMatch,
    ctx: Context,
    id: web::Path<Uuid>,
    mut invoer: Invoer<MeldingWijziging>,
) -> ApiResult<HttpResponse> {
    let huidig = vind(&ctx, *id, true).await?;
    ctx.require(Recht::MeldingenSchrijven)?;
    let fouten = wijziging_regels(&ctx, &huidig, &mut invoer).await?;
    invoer.fouten().voeg_toe(fouten);
    let i = invoer.klaar()?;
    if_match.check(huidig.version)?;
    if huidig.status == MeldingStatus::Afgesloten {
        return Err(ApiError::Conflict(
            Code::MeldingAfgesloten,
            "De melding is afgesloten; ze ligt vast. Een nieuwe dreiging is een nieuwe melding."
                .into(),
        ));
    }
    let nieuwe_status = overgang(
        huidig.status,
        i.status,
        afloop::overgang_toegestaan,
        "een melding",
    )?;
    let mut model: melding::ActiveModel = huidig.clone().into();
    let mut w = Wijzigingen::new();
    w.zet("soort", &mut model.soort, i.soort);
    w.zet("ernst", &mut model.ernst, i.ernst);
    w.zet("omschrijving", &mut model.omschrijving, i.omschrijving);
    w.zet("netwerkId", &mut model.netwerk_id, i.netwerk_id.wijziging());
    w.zet("gebiedId", &mut model.gebied_id, i.gebied_id.wijziging());
    w.zet("behandelaarId", &mut model.behandelaar_id, i.behandelaar_id);
    w.zet("politie", &mut model.politie, i.politie);
    w.zet(
        "veiligheidshuis",
        &mut model.veiligheidshuis,
        i.veiligheidshuis,
    );
    w.zet(
        "maatregelen",
        &mut model.maatregelen,
        i.maatregelen.wijziging(),
    );
    w.zet("status", &mut model.status, nieuwe_status);
    if nieuwe_status == Some(MeldingStatus::Afgesloten) {
        w.zet(
            "afsluitnotitie",
            &mut model.afsluitnotitie,
            i.afsluitnotitie.map(Some),
        );
        w.zet(
            "afgeslotenOp",
            &mut model.afgesloten_op,
            Some(Some(crate::domein::tijd::vandaag())),
        );
    }
    ctx.gewijzigd::<melding::Entity, _>(huidig, model, w, ApiError::from)
        .await
}

/// De regels over een wijziging die het schema niet kent: een nieuwe behandelaar die
/// de persoon mag zien en actief is, verwijzingen in de eigen gemeente, en een
/// afsluitnotitie bij (en alleen bij) het afsluiten.
async fn wijziging_regels(
    ctx: &Context,
    huidig: &melding::Model,
    invoer: &mut Invoer<MeldingWijziging>,
) -> ApiResult<Fouten> {
    let wijziging = invoer.deel().unwrap_or_default();
    if let (Some(nieuw), Some(p)) = (wijziging.behandelaar_id, huidig.sleutelpersoon_id)
        && nieuw != huidig.behandelaar_id
    {
        let persoon = ctx.find::<sleutelpersoon::Entity>(p).await?;
        afgeschermd(ctx, &persoon, nieuw)?;
    }
    ctx.verwijzing::<netwerk::Entity, _>(invoer, "netwerkId")
        .await?;
    ctx.verwijzing::<gebied::Entity, _>(invoer, "gebiedId")
        .await?;
    let mut fouten = Fouten::new();
    if let Some(b) = wijziging.behandelaar_id {
        actieve_gebruikers_met_rol(
            ctx,
            huidig.gemeente_id,
            &[b],
            BEHANDELAARS,
            "behandelaarId",
            &mut fouten,
        )
        .await?;
    }
    let sluit = wijziging.status == Some(MeldingStatus::Afgesloten)
        && huidig.status != MeldingStatus::Afgesloten;
    fouten.check(
        wijziging.afsluitnotitie.is_some() == sluit,
        "afsluitnotitie",
        if sluit {
            Foutcode::Verplicht
        } else {
            Foutcode::Ongeldig
        },
        "Een melding sluit u af met een afsluitnotitie; die hoort alleen bij het afsluiten.",
    );
    Ok(fouten)
}

/// Opvolging van een melding
#[utoipa::path(
    operation_id = "listMeldingOpvolging",
    params(("id" = Uuid, Path, description = "Id van de melding"), PaginaParams),
    responses(
        (status = 200, description = "Een pagina regels, oudste eerst.", body = Pagina<Opvolging>),
    ),
)]
#[get("/meldingen/{id}/opvolging")]
pub async fn list_opvolging(
    ctx: Context,
    id: web::Path<Uuid>,
    lijst: Lijst,
) -> ApiResult<HttpResponse> {
    let melding = vind(&ctx, *id, false).await?;
    let select = ctx
        .scoped(melding_opvolging::Entity::find())
        .filter(melding_opvolging::Column::MeldingId.eq(melding.id))
        .order_by_asc(melding_opvolging::Column::Tijdstip)
        .order_by_asc(melding_opvolging::Column::Id);
    let antwoord = lijst.uit(select, ctx.db(), opvolging).await?;
    if let Some(persoon) = melding.sleutelpersoon_id {
        ctx.verwerkt(&[persoon], Handeling::Lezen, Activiteit::Meldingbehandeling)
            .await?;
    }
    ctx.commit_then(antwoord).await
}

/// Eén regel van de opvolging
///
/// De `Location` van een nieuwe regel; dezelfde rechten en dezelfde regel in het
/// verwerkingenlogboek als de lijst.
#[utoipa::path(
    operation_id = "getMeldingOpvolging",
    params(
        ("id" = Uuid, Path, description = "Id van de melding"),
        ("opvolgingId" = Uuid, Path, description = "Id van de regel"),
    ),
    responses(
        (status = 200, description = "De regel.", body = Opvolging),
    ),
)]
#[get("/meldingen/{id}/opvolging/{opvolgingId}")]
pub async fn get_opvolging(ctx: Context, pad: web::Path<(Uuid, Uuid)>) -> ApiResult<HttpResponse> {
    let (id, opvolging_id) = pad.into_inner();
    let melding = vind(&ctx, id, false).await?;
    let regel = ctx
        .scoped(melding_opvolging::Entity::find_by_id(opvolging_id))
        .filter(melding_opvolging::Column::MeldingId.eq(melding.id))
        .one(ctx.db())
        .await?
        .ok_or(ApiError::NotFound)?;
    if let Some(persoon) = melding.sleutelpersoon_id {
        ctx.verwerkt(&[persoon], Handeling::Lezen, Activiteit::Meldingbehandeling)
            .await?;
    }
    ctx.commit_then(HttpResponse::Ok().json(opvolging(regel)))
        .await
}

/// Opvolging vastleggen
///
/// Alleen toevoegen: het logboek wijzigt niet. Niet meer na afsluiten (409
/// `melding_afgesloten`).
#[utoipa::path(
    operation_id = "createMeldingOpvolging",
    params(("id" = Uuid, Path, description = "Id van de melding")),
    request_body = NieuweOpvolging,
    responses(
        (status = 201, description = "Vastgelegd, met `Location`.", body = Opvolging),
        (status = 409, description = "De melding is afgesloten.", body = Problem, content_type = "application/problem+json"),
    ),
)]
#[post("/meldingen/{id}/opvolging")]
pub async fn create_opvolging(
    ctx: Context,
    id: web::Path<Uuid>,
    invoer: Invoer<NieuweOpvolging>,
) -> ApiResult<HttpResponse> {
    let melding = vind(&ctx, *id, true).await?;
    ctx.require(Recht::MeldingenSchrijven)?;
    let n = invoer.klaar()?;
    if melding.status == MeldingStatus::Afgesloten {
        return Err(ApiError::Conflict(
            Code::MeldingAfgesloten,
            "De melding is afgesloten; het logboek ligt vast.".into(),
        ));
    }
    let model = melding_opvolging::ActiveModel {
        id: Set(Uuid::now_v7()),
        gemeente_id: Set(melding.gemeente_id),
        melding_id: Set(melding.id),
        tekst: Set(n.tekst),
        actor_soort: Set(ctx.caller.actor.soort().to_owned()),
        actor_id: Set(ctx.caller.actor.id()),
        tijdstip: Set(Utc::now()),
    }
    .insert(ctx.db())
    .await?;
    let w = Wijzigingen::new()
        .nieuw("meldingId", model.melding_id)
        .alleen_naam("tekst");
    ctx.vastleggen(
        Actie::Aangemaakt,
        OPVOLGING,
        Some(model.gemeente_id),
        model.id,
        w,
    )
    .await?;
    let pad = format!(
        "/api/v1/meldingen/{}/opvolging/{}",
        model.melding_id, model.id
    );
    let response = HttpResponse::Created()
        .insert_header((actix_web::http::header::LOCATION, pad))
        .json(opvolging(model));
    ctx.commit_then(response).await
}

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(list)
        .service(get)
        .service(create)
        .service(update)
        .service(list_opvolging)
        .service(get_opvolging)
        .service(create_opvolging);
}
