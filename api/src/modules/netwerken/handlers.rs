//! Netwerken: sleutelpersonennetwerken, wijknetwerken en ad-hocnetwerken van een
//! gemeente (DOMAIN.md, "Networks and key persons").

use crate::http::problem::Foutcode;
use std::collections::BTreeSet;

use actix_web::{HttpResponse, delete, get, patch, post, web};
use entity::{netwerk, traject};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QueryTrait,
};
use uuid::Uuid;

use crate::audit::Wijzigingen;
use crate::auth::Recht;
use crate::http::etag::IfMatch;
use crate::http::invoer::{Fouten, Invoer, referentiefilter};
use crate::http::pagination::{Lijst, Pagina, PaginaParams};
use crate::http::problem::{ApiError, ApiResult, Code, Problem, UniekeSleutel, uniek};
use crate::tenancy::Context;
use entity::soorten::NetwerkFase;

use super::invoer::*;
use super::weergave::*;

fn conflict(error: sea_orm::DbErr) -> ApiError {
    uniek(
        error,
        &[UniekeSleutel {
            constraint: "netwerk_gemeente_id_naam_key",
            code: Code::DubbeleNaam,
            detail: "Deze naam heeft al een netwerk van uw gemeente.",
        }],
    )
}

/// Netwerken
#[utoipa::path(
    operation_id = "listNetwerken",
    params(PaginaParams, NetwerkenParams),
    responses(
        (status = 200, description = "Een pagina netwerken, op naam.", body = Pagina<Netwerk>),
    ),
)]
#[get("/netwerken")]
pub async fn list(ctx: Context, lijst: Lijst<NetwerkenParams>) -> ApiResult<HttpResponse> {
    ctx.require(Recht::NetwerkenLezen)?;
    let p = &lijst.params;
    let select = referentiefilter(
        ctx.scoped_in(netwerk::Entity::find(), p.gemeente.as_deref())
            .await?,
        netwerk::Column::ExterneReferentie,
        p.externe_referentie.as_deref(),
    )?
    .apply_if(p.vorm, |q, v| q.filter(netwerk::Column::Vorm.eq(v)))
    .apply_if(p.fase, |q, f| q.filter(netwerk::Column::Fase.eq(f)))
    .order_by_asc(netwerk::Column::Naam)
    .order_by_asc(netwerk::Column::Id);
    ctx.pagina(&lijst, select).await
}

/// Eén netwerk
#[utoipa::path(
    operation_id = "getNetwerk",
    params(("id" = Uuid, Path, description = "Id van het netwerk")),
    responses(
        (status = 200, description = "Het netwerk met `ETag`.", body = Netwerk),
    ),
)]
#[get("/netwerken/{id}")]
pub async fn get(ctx: Context, id: web::Path<Uuid>) -> ApiResult<HttpResponse> {
    ctx.require(Recht::NetwerkenLezen)?;
    ctx.lees::<netwerk::Entity>(*id).await
}

/// De verwijzingen en regels die het schema niet kent: gebieden en
/// contactambtenaren van de eigen gemeente, één crisisafspraak per scenario, geen
/// datum in de toekomst.
pub(super) async fn controleer(
    ctx: &Context,
    gemeente_id: Uuid,
    gebieden: Option<&[Uuid]>,
    ambtenaren: Option<&[Uuid]>,
    crisis: Option<&[Crisisafspraak]>,
    fouten: &mut Fouten,
) -> ApiResult<()> {
    if let Some(ids) = gebieden {
        crate::modules::gebieden::controleer_eigen(ctx, ids, "gebiedIds", fouten).await?;
    }
    if let Some(ids) = ambtenaren {
        crate::modules::gebruikers::actieve_gebruikers(
            ctx,
            gemeente_id,
            ids,
            "contactambtenaren",
            fouten,
        )
        .await?;
    }
    if let Some(afspraken) = crisis {
        crisisafspraken_controleren("crisisafspraken", afspraken, fouten);
        crisis_gebieden(ctx, "crisisafspraken", afspraken, fouten).await?;
    }
    Ok(())
}

/// De gebieden van een crisisafspraak zijn gebieden van de eigen gemeente, elk één
/// keer (fout bij `<veld>.<n>.gebiedIds`).
pub(crate) async fn crisis_gebieden(
    ctx: &Context,
    veld: &str,
    afspraken: &[Crisisafspraak],
    fouten: &mut Fouten,
) -> ApiResult<()> {
    for (i, a) in afspraken.iter().enumerate() {
        let veld = format!("{veld}.{i}.gebiedIds");
        crate::modules::gebieden::controleer_eigen(ctx, &a.gebied_ids, &veld, fouten).await?;
    }
    Ok(())
}

/// De vaste contactpersoon is een van de contactambtenaren (na het verzoek).
fn primair_regel(primair: Option<Uuid>, ambtenaren: &[Uuid], fouten: &mut Fouten) {
    fouten.check(
        primair.is_none_or(|p| ambtenaren.contains(&p)),
        "primair",
        Foutcode::Ongeldig,
        "De vaste contactpersoon is een van de contactambtenaren van het netwerk.",
    );
}

/// Crisisafspraken (in een netwerk of de afspraken van een tweede bijeenkomst, onder
/// `veld`): één per scenario, `laatstHerzien` niet in de toekomst.
pub(crate) fn crisisafspraken_controleren(
    veld: &str,
    afspraken: &[Crisisafspraak],
    fouten: &mut Fouten,
) {
    let vandaag = crate::domein::tijd::vandaag();
    let mut gezien = BTreeSet::new();
    for (i, a) in afspraken.iter().enumerate() {
        fouten.check(
            gezien.insert(a.scenario),
            &format!("{veld}.{i}.scenario"),
            Foutcode::Dubbel,
            "Eén crisisafspraak per scenario.",
        );
        fouten.check(
            a.laatst_herzien.is_none_or(|d| d <= vandaag),
            &format!("{veld}.{i}.laatstHerzien"),
            Foutcode::Ongeldig,
            "Deze datum ligt niet in de toekomst.",
        );
    }
}

/// Netwerk aanmaken
#[utoipa::path(
    operation_id = "createNetwerk",
    request_body = NieuwNetwerk,
    responses(
        (status = 201, description = "Aangemaakt.", body = Netwerk),
        (status = 409, description = "De naam bestaat al in de gemeente.", body = Problem, content_type = "application/problem+json"),
    ),
)]
#[post("/netwerken")]
pub async fn create(ctx: Context, mut invoer: Invoer<NieuwNetwerk>) -> ApiResult<HttpResponse> {
    ctx.require(Recht::NetwerkenSchrijven)?;
    let gemeente_id = ctx.eigen_gemeente()?;
    let nieuw = invoer.deel();
    let mut fouten = Fouten::new();
    controleer(
        &ctx,
        gemeente_id,
        nieuw.as_ref().map(|n| &n.gebied_ids[..]),
        nieuw.as_ref().map(|n| &n.contactambtenaren[..]),
        nieuw.as_ref().map(|n| &n.crisisafspraken[..]),
        &mut fouten,
    )
    .await?;
    if let Some(n) = &nieuw {
        primair_regel(n.primair, &n.contactambtenaren, &mut fouten);
    }
    invoer.fouten().voeg_toe(fouten);
    let n = invoer.klaar()?;
    let vandaag = crate::domein::tijd::vandaag();
    let fase = n.fase.unwrap_or(NetwerkFase::Voorbereiding);
    let model = netwerk::ActiveModel {
        id: Set(Uuid::now_v7()),
        gemeente_id: Set(gemeente_id),
        naam: Set(n.naam),
        vorm: Set(n.vorm),
        doelen: Set(tekst(&n.doelen)),
        gemeente_rol: Set(tekst(&n.gemeente_rol)),
        rol_historie: Set(serde_json::json!([RolRegel {
            gemeente_rol: n.gemeente_rol.clone(),
            vanaf: vandaag
        }])),
        fase: Set(fase),
        fase_historie: Set(serde_json::json!([FaseRegel {
            fase,
            datum: vandaag
        }])),
        werkwijze: Set(n.werkwijze),
        voorzitter: Set(n.voorzitter),
        kerngroep: Set(n.kerngroep),
        tegenprestaties: Set(tekst(&n.tegenprestaties)),
        gebied_ids: Set(n.gebied_ids),
        contactambtenaren: Set(n.contactambtenaren),
        primair: Set(n.primair),
        afspraken: Set(n.afspraken.map(|a| serde_json::json!(a))),
        crisisafspraken: Set(serde_json::json!(n.crisisafspraken)),
        externe_referentie: Set(n.externe_referentie),
        ..Default::default()
    }
    .insert(ctx.db())
    .await
    .map_err(conflict)?;
    ctx.aangemaakt::<netwerk::Entity>(model).await
}

/// Netwerk wijzigen
#[utoipa::path(
    operation_id = "updateNetwerk",
    params(("id" = Uuid, Path, description = "Id van het netwerk")),
    request_body = NetwerkWijziging,
    responses(
        (status = 200, description = "Gewijzigd.", body = Netwerk),
        (status = 409, description = "De naam bestaat al in de gemeente.", body = Problem, content_type = "application/problem+json"),
    ),
)]
#[patch("/netwerken/{id}")]
pub async fn update(
    if_match: IfMatch,
    ctx: Context,
    id: web::Path<Uuid>,
    mut invoer: Invoer<NetwerkWijziging>,
) -> ApiResult<HttpResponse> {
    ctx.require(Recht::NetwerkenSchrijven)?;
    let huidig = ctx.find_for_update::<netwerk::Entity>(*id).await?;
    let wijziging = invoer.deel().unwrap_or_default();
    let mut fouten = Fouten::new();
    controleer(
        &ctx,
        huidig.gemeente_id,
        wijziging.gebied_ids.as_deref(),
        wijziging.contactambtenaren.as_deref(),
        wijziging.crisisafspraken.as_deref(),
        &mut fouten,
    )
    .await?;
    let ambtenaren = wijziging
        .contactambtenaren
        .clone()
        .unwrap_or_else(|| huidig.contactambtenaren.clone());
    primair_regel(
        wijziging.primair.clone().na(huidig.primair),
        &ambtenaren,
        &mut fouten,
    );
    invoer.fouten().voeg_toe(fouten);
    let i = invoer.klaar()?;
    if_match.check(huidig.version)?;
    let mut model: netwerk::ActiveModel = huidig.clone().into();
    let mut w = Wijzigingen::new();
    rol_en_fase(&mut model, &mut w, &huidig, &i);
    w.zet("werkwijze", &mut model.werkwijze, i.werkwijze.wijziging());
    w.zet(
        "voorzitter",
        &mut model.voorzitter,
        i.voorzitter.wijziging(),
    );
    w.zet("kerngroep", &mut model.kerngroep, i.kerngroep);
    w.zet(
        "tegenprestaties",
        &mut model.tegenprestaties,
        i.tegenprestaties.as_deref().map(tekst),
    );
    w.zet("gebiedIds", &mut model.gebied_ids, i.gebied_ids);
    let referentie = i.externe_referentie.wijziging();
    w.zet(
        "externeReferentie",
        &mut model.externe_referentie,
        referentie,
    );
    w.zet(
        "contactambtenaren",
        &mut model.contactambtenaren,
        i.contactambtenaren,
    );
    w.zet("primair", &mut model.primair, i.primair.wijziging());
    w.zet(
        "afspraken",
        &mut model.afspraken,
        i.afspraken
            .wijziging()
            .map(|a| a.map(|a| serde_json::json!(a))),
    );
    w.zet(
        "crisisafspraken",
        &mut model.crisisafspraken,
        i.crisisafspraken.map(|c| serde_json::json!(c)),
    );
    ctx.gewijzigd::<netwerk::Entity, _>(huidig, model, w, conflict)
        .await
}

/// Naam, vorm, doelen, en de rol van de gemeente en de fase met hun geschiedenis (een
/// nieuwe rol of fase komt er met de datum van vandaag bij).
fn rol_en_fase(
    model: &mut netwerk::ActiveModel,
    w: &mut Wijzigingen,
    huidig: &netwerk::Model,
    i: &NetwerkWijziging,
) {
    let vandaag = crate::domein::tijd::vandaag();
    w.zet("naam", &mut model.naam, i.naam.clone());
    w.zet("vorm", &mut model.vorm, i.vorm);
    w.zet("doelen", &mut model.doelen, i.doelen.as_deref().map(tekst));
    if let Some(rollen) = i
        .gemeente_rol
        .as_ref()
        .filter(|r| tekst(r) != huidig.gemeente_rol)
    {
        w.zet("gemeenteRol", &mut model.gemeente_rol, Some(tekst(rollen)));
        let mut historie: Vec<RolRegel> = json(&huidig.rol_historie);
        historie.push(RolRegel {
            gemeente_rol: rollen.clone(),
            vanaf: vandaag,
        });
        model.rol_historie = Set(serde_json::json!(historie));
    }
    if let Some(fase) = i.fase.filter(|f| *f != huidig.fase) {
        w.zet("fase", &mut model.fase, Some(fase));
        let mut historie: Vec<FaseRegel> = json(&huidig.fase_historie);
        historie.push(FaseRegel {
            fase,
            datum: vandaag,
        });
        model.fase_historie = Set(serde_json::json!(historie));
    }
}

/// Netwerk verwijderen
///
/// Met zijn lidmaatschappen; de sleutelpersonen blijven. Niet zolang er trajecten of
/// initiatieven voor het netwerk zijn.
#[utoipa::path(
    operation_id = "deleteNetwerk",
    params(("id" = Uuid, Path, description = "Id van het netwerk")),
    responses(
        (status = 204, description = "Verwijderd."),
        (status = 409, description = "Er zijn trajecten of initiatieven voor dit netwerk.", body = Problem, content_type = "application/problem+json"),
    ),
)]
#[delete("/netwerken/{id}")]
pub async fn remove(
    if_match: IfMatch,
    ctx: Context,
    id: web::Path<Uuid>,
) -> ApiResult<HttpResponse> {
    ctx.require(Recht::NetwerkenSchrijven)?;
    let huidig = ctx.find_for_update::<netwerk::Entity>(*id).await?;
    if_match.check(huidig.version)?;
    let trajecten = traject::Entity::find()
        .filter(traject::Column::NetwerkId.eq(huidig.id))
        .count(ctx.db())
        .await?;
    if trajecten > 0 {
        return Err(ApiError::Conflict(
            Code::NetwerkHeeftTrajecten,
            format!("Er zijn {trajecten} trajecten voor dit netwerk; het blijft bestaan."),
        ));
    }
    let initiatieven = ctx
        .scoped(entity::initiatief::Entity::find())
        .filter(entity::initiatief::Column::NetwerkId.eq(huidig.id))
        .count(ctx.db())
        .await?;
    if initiatieven > 0 {
        return Err(ApiError::Conflict(
            Code::NetwerkHeeftInitiatieven,
            format!("Er zijn {initiatieven} initiatieven van dit netwerk; het blijft bestaan."),
        ));
    }
    ctx.verwijder::<netwerk::Entity>(&huidig, Wijzigingen::new())
        .await
}

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(list)
        .service(get)
        .service(create)
        .service(update)
        .service(remove)
        .service(super::leden::list)
        .service(super::leden::create)
        .service(super::leden::update)
        .service(super::leden::remove)
        .service(super::gezondheid::netwerk_gezondheid);
    super::veiligheid::configure(cfg);
}
