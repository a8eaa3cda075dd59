//! Sleutelpersonen (DOMAIN.md, "Networks and key persons" en "Personal data").
//!
//! Het record staat in `sleutelpersoon`, de persoonsgegevens in
//! `sleutelpersoon_gegevens`. Welke persoonsgegevens een verzoek ziet, beslist de
//! database (row-level security op de context van het verzoek): deze handlers lezen
//! ze altijd op, en krijgen niets terug voor wie ze niet mag zien. Elk antwoord met
//! persoonsgegevens schrijft één regel per persoon in het verwerkingenlogboek.

use crate::http::problem::Foutcode;
use std::collections::HashMap;

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, get, patch, post, web};
use chrono::Utc;
use entity::{gebied, sleutelpersoon, sleutelpersoon_gegevens as gegevens};
use entity::{netwerk_lid, sleutelpersoon_status, verwerking};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbBackend, EntityTrait,
    QueryFilter, QueryOrder, QuerySelect, QueryTrait, RelationTrait, Statement,
};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::audit::verwerking::{Activiteit, Handeling};
use crate::audit::{Actie, Wijzigingen};
use crate::auth::{Actor, Recht, Rol};
use crate::domein::grondslag::Grondslag;
use crate::domein::sleutelpersoon as levensloop;
use crate::http::etag::IfMatch;
use crate::http::invoer::{Fouten, Invoer, Veld};
use crate::http::pagination::{Lijst, Pagina, PaginaParams};
use crate::http::problem::{ApiError, ApiResult, Code, Problem, overgang};
use crate::http::zoeken::bevat;
use crate::modules::{gebruikers, gemeenten};
use crate::tenancy::Context;
use entity::soorten::{SleutelpersoonStatus as Status, Wervingsmethode};

use super::invoer::*;
use super::weergave::*;

pub(super) const RESOURCE: &str = "sleutelpersoon";

/// De velden met persoonsgegevens: in de audit trail alleen bij naam.
const PERSOONLIJK: &[&str] = &[
    "voornaam",
    "achternaam",
    "email",
    "telefoon",
    "achterban",
    "notities",
    "opvolgers",
    "diversiteit",
    "levensbeschouwing",
    "zichtbaarVoor",
];

/// De persoonsgegevens van `ids` die de database deze context geeft.
async fn gegevens_van(ctx: &Context, ids: &[Uuid]) -> ApiResult<HashMap<Uuid, gegevens::Model>> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    Ok(gegevens::Entity::find()
        .filter(gegevens::Column::SleutelpersoonId.is_in(ids.iter().copied()))
        .all(ctx.db())
        .await?
        .into_iter()
        .map(|g| (g.sleutelpersoon_id, g))
        .collect())
}

/// Representaties van `rijen`; voor wie persoonsgegevens kreeg, één regel in het
/// verwerkingenlogboek (`handeling`, activiteit netwerkbeheer).
async fn toon(
    ctx: &Context,
    rijen: Vec<sleutelpersoon::Model>,
    handeling: Handeling,
) -> ApiResult<Vec<Sleutelpersoon>> {
    let ids: Vec<Uuid> = rijen.iter().map(|r| r.id).collect();
    let mut gegevens = gegevens_van(ctx, &ids).await?;
    let gezien: Vec<Uuid> = ids
        .iter()
        .copied()
        .filter(|id| gegevens.contains_key(id))
        .collect();
    ctx.verwerkt(&gezien, handeling, Activiteit::Netwerkbeheer)
        .await?;
    let codes = ctx.codes().await?;
    Ok(rijen
        .into_iter()
        .map(|r| {
            let g = gegevens.remove(&r.id);
            representatie(r, g, &codes, None)
        })
        .collect())
}

/// Eén sleutelpersoon met statusgeschiedenis, gelogd als hij persoonsgegevens bevat.
async fn een(ctx: &Context, model: sleutelpersoon::Model) -> ApiResult<Sleutelpersoon> {
    let historie = historie(ctx, model.id).await?;
    let mut r = toon(ctx, vec![model], Handeling::Lezen)
        .await?
        .pop()
        .ok_or(ApiError::NotFound)?;
    r.status_historie = Some(historie);
    Ok(r)
}

async fn historie(ctx: &Context, id: Uuid) -> ApiResult<Vec<StatusRegel>> {
    Ok(sleutelpersoon_status::Entity::find()
        .filter(sleutelpersoon_status::Column::SleutelpersoonId.eq(id))
        .order_by_asc(sleutelpersoon_status::Column::CreatedAt)
        .order_by_asc(sleutelpersoon_status::Column::Id)
        .all(ctx.db())
        .await?
        .into_iter()
        .map(StatusRegel::from)
        .collect())
}

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

/// De toestand na een wijziging, voor de regels die over meer velden gaan.
struct Staat<'a> {
    toestemming: Option<&'a Toestemming>,
    afspraak: Option<&'a Afspraak>,
    bijzonder: Vec<&'static str>,
    verhoogd_risico: bool,
    zichtbaar_voor: &'a [Uuid],
    wervingsmethode: Option<Wervingsmethode>,
    voorgedragen_door: Option<Uuid>,
}

/// De regels die het schema niet kent: toestemming voor actief en bijzondere
/// gegevens, een geldige bewaartermijn, verhoogd risico met ambtenaren.
fn regels(staat: &Staat, fouten: &mut Fouten) {
    let vandaag = crate::domein::tijd::vandaag();
    if let Some(t) = staat.toestemming {
        fouten.check(
            t.datum <= vandaag,
            "toestemming.datum",
            Foutcode::Ongeldig,
            "De toestemming ligt niet in de toekomst.",
        );
        fouten.check(
            t.bewaartermijn_tot > t.datum,
            "toestemming.bewaartermijnTot",
            Foutcode::Ongeldig,
            "De bewaartermijn eindigt na de datum van de toestemming.",
        );
    }
    if let Some(a) = staat.afspraak {
        fouten.check(
            a.datum <= vandaag,
            "afspraak.datum",
            Foutcode::Ongeldig,
            "De afspraak ligt niet in de toekomst.",
        );
        fouten.check(
            a.bewaartermijn_tot > a.datum,
            "afspraak.bewaartermijnTot",
            Foutcode::Ongeldig,
            "De bewaartermijn eindigt na de datum van de afspraak.",
        );
    }
    // Welke grondslag ook: bijzondere gegevens vragen uitdrukkelijke toestemming.
    let bijzonder_toegestaan = staat.toestemming.is_some_and(|t| t.bijzondere_gegevens)
        || staat.afspraak.is_some_and(|a| a.bijzondere_gegevens);
    for veld in &staat.bijzonder {
        fouten.check(
            bijzonder_toegestaan,
            veld,
            Foutcode::ToestemmingOntbreekt,
            "Een bijzonder persoonsgegeven (AVG art. 9) vraagt, onder elke grondslag, de \
             uitdrukkelijke toestemming van de persoon daarvoor: toestemming.bijzondereGegevens \
             of afspraak.bijzondereGegevens.",
        );
    }
    fouten.check(
        !staat.verhoogd_risico || !staat.zichtbaar_voor.is_empty(),
        "zichtbaarVoor",
        Foutcode::Verplicht,
        "Noem bij verhoogd risico de ambtenaren die de persoon mogen zien.",
    );
    fouten.check(
        staat.voorgedragen_door.is_none()
            || staat.wervingsmethode == Some(Wervingsmethode::Sneeuwbal),
        "voorgedragenDoor",
        Foutcode::Ongeldig,
        "Alleen bij wervingsmethode sneeuwbal draagt een sleutelpersoon iemand voor.",
    );
}

fn bijzonder(diversiteit: Option<&Diversiteit>, levensbeschouwing: bool) -> Vec<&'static str> {
    let mut velden = Vec::new();
    if diversiteit.is_some_and(|d| d.migratieachtergrond.is_some()) {
        velden.push("diversiteit.migratieachtergrond");
    }
    if levensbeschouwing {
        velden.push("levensbeschouwing");
    }
    velden
}

/// De organisaties in `delenMet` van de toestemming of de afspraak in de invoer staan
/// op de eigen sociale kaart of in de regionale catalogus.
async fn delen_met_organisaties<T: serde::de::DeserializeOwned + ToSchema>(
    ctx: &Context,
    invoer: &mut Invoer<T>,
) -> ApiResult<()> {
    for (veld, lijst) in [
        (
            "toestemming.delenMet",
            invoer
                .veld::<Toestemming>("toestemming")
                .map(|t| t.delen_met),
        ),
        (
            "afspraak.delenMet",
            invoer.veld::<Afspraak>("afspraak").map(|a| a.delen_met),
        ),
    ] {
        let ids: Vec<Uuid> = lijst
            .unwrap_or_default()
            .iter()
            .filter_map(|d| d.organisatie())
            .collect();
        if !crate::modules::organisaties::bestaan(ctx, &ids).await? {
            invoer.fouten().reject(
                veld,
                Foutcode::Ongeldig,
                "Niet elke organisatie staat op uw sociale kaart of in de regionale catalogus.",
            );
        }
    }
    Ok(())
}

/// Wat met de persoon is vastgelegd: toestemming, of (onder `publieke_taak`) een
/// afspraak, of (bij een kandidaat) nog niets. Zet de kolommen van het een en wist
/// die van het ander; zonder beide geldt `bewaartermijn`.
fn vastlegging_kolommen(
    model: &mut sleutelpersoon::ActiveModel,
    t: Option<&Toestemming>,
    a: Option<&Afspraak>,
    bewaartermijn: chrono::NaiveDate,
) {
    let (bijzonder, delen, tot) = match (t, a) {
        (Some(t), _) => (t.bijzondere_gegevens, &t.delen_met[..], t.bewaartermijn_tot),
        (None, Some(a)) => (a.bijzondere_gegevens, &a.delen_met[..], a.bewaartermijn_tot),
        (None, None) => (false, &[][..], bewaartermijn),
    };
    model.toestemming_datum = Set(t.map(|t| t.datum));
    model.toestemming_doel = Set(t.map(|t| t.doel.clone()));
    model.afspraak_datum = Set(a.filter(|_| t.is_none()).map(|a| a.datum));
    model.bijzondere_gegevens = Set(bijzonder);
    model.delen_met = Set(delen
        .iter()
        .map(|d| {
            serde_json::to_value(d)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_default()
        })
        .collect());
    model.bewaartermijn_tot = Set(tot);
}

/// De regels van de grondslag over de invoer: toestemming of een afspraak, niet
/// beide; een afspraak alleen onder `publieke_taak`.
fn grondslag_regels<T: serde::de::DeserializeOwned + ToSchema>(
    invoer: &mut Invoer<T>,
    grondslag: Grondslag,
) {
    if invoer.heeft("toestemming") && invoer.heeft("afspraak") {
        invoer.fouten().reject(
            "afspraak",
            Foutcode::Ongeldig,
            "Leg toestemming of een afspraak vast, niet beide.",
        );
    } else if invoer.heeft("afspraak") && grondslag == Grondslag::Toestemming {
        invoer.fouten().reject(
            "afspraak",
            Foutcode::GrondslagToestemming,
            "Uw gemeente verwerkt sleutelpersonen op grond van toestemming: leg toestemming \
             vast. Een afspraak in plaats van toestemming kan alleen onder de grondslag \
             publieke_taak (GET /gemeenten/{code}).",
        );
    }
}

/// Mag een persoon met deze vastlegging actief zijn? Met toestemming altijd; met
/// alleen een afspraak onder `publieke_taak`.
fn actief_mogelijk(t: Option<&Toestemming>, a: Option<&Afspraak>, grondslag: Grondslag) -> bool {
    t.is_some() || (a.is_some() && grondslag == Grondslag::PubliekeTaak)
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
    verwijzingen(
        &ctx,
        &mut invoer,
        &["gebiedId"],
        &["voorgedragenDoor", "buddyId"],
    )
    .await?;
    let zichtbaar: Vec<Uuid> = invoer.veld("zichtbaarVoor").unwrap_or_default();
    gebruikers::actieve_gebruikers_met_rol(
        &ctx,
        gemeente_id,
        &zichtbaar,
        &BENOEMBAAR,
        "zichtbaarVoor",
        invoer.fouten(),
    )
    .await?;
    // Wie een persoon met verhoogd risico vastlegt, moet haar daarna zelf nog zien.
    // (Alleen als de lijst verder klopt: één fout per veld.)
    let lijst_klopt = invoer.veld::<Vec<Uuid>>("zichtbaarVoor").is_some();
    if invoer.veld::<bool>("verhoogdRisico") == Some(true) && !zichtbaar.is_empty() && lijst_klopt {
        match ctx.caller.actor {
            Actor::Gebruiker(id) => invoer.fouten().check(
                zichtbaar.contains(&id),
                "zichtbaarVoor",
                Foutcode::Ongeldig,
                "Noem ook uzelf: wie een persoon met verhoogd risico vastlegt, hoort bij de \
                 genoemde ambtenaren (u kunt haar later overdragen).",
            ),
            _ => invoer.fouten().reject(
                "verhoogdRisico",
                Foutcode::NietToegestaan,
                "Een koppeling legt geen persoon met verhoogd risico vast; dat doet een van de \
                 genoemde ambtenaren.",
            ),
        }
    }
    let status: Status = invoer.veld("status").unwrap_or(Status::Kandidaat);
    let grondslag = gemeenten::grondslag(&ctx, gemeente_id).await?;
    grondslag_regels(&mut invoer, grondslag);
    let toestemming: Option<Toestemming> = invoer.veld("toestemming");
    let afspraak: Option<Afspraak> = invoer.veld("afspraak");
    delen_met_organisaties(&ctx, &mut invoer).await?;
    invoer.fouten().check(
        matches!(
            status,
            Status::Kandidaat | Status::Kennismaking | Status::Actief
        ),
        "status",
        Foutcode::Ongeldig,
        "Een nieuwe sleutelpersoon is kandidaat, in kennismaking of (met toestemming) actief.",
    );
    if levensloop::vraagt_toestemming(status)
        && toestemming.is_none()
        && (afspraak.is_none() || grondslag == Grondslag::Toestemming)
    {
        invoer.fouten().reject(
            "toestemming",
            Foutcode::Verplicht,
            match grondslag {
                Grondslag::Toestemming => "Een actieve sleutelpersoon heeft vastgelegde toestemming nodig (datum, doel, bewaartermijn).",
                Grondslag::PubliekeTaak => "Een actieve sleutelpersoon heeft onder de grondslag publieke_taak een vastgelegde afspraak over gebruik en delen nodig (afspraak: datum, bewaartermijnTot, delenMet), of toestemming.",
            },
        );
    }
    let diversiteit: Option<Diversiteit> = invoer.veld("diversiteit");
    let staat = Staat {
        toestemming: toestemming.as_ref(),
        afspraak: afspraak.as_ref(),
        bijzonder: bijzonder(diversiteit.as_ref(), invoer.heeft("levensbeschouwing")),
        verhoogd_risico: invoer.veld("verhoogdRisico").unwrap_or(false),
        zichtbaar_voor: &zichtbaar,
        wervingsmethode: invoer.veld("wervingsmethode"),
        voorgedragen_door: invoer.veld("voorgedragenDoor"),
    };
    let mut fouten = Fouten::new();
    regels(&staat, &mut fouten);
    let laatste_contact: Option<chrono::NaiveDate> = invoer.veld("laatsteContact");
    fouten.check(
        laatste_contact.is_none_or(|d| d <= crate::domein::tijd::vandaag()),
        "laatsteContact",
        Foutcode::Ongeldig,
        "Het laatste contact ligt niet in de toekomst.",
    );
    invoer.fouten().voeg_toe(fouten);
    let n = invoer.klaar()?;
    let vandaag = crate::domein::tijd::vandaag();
    let id = Uuid::now_v7();
    let mut model = sleutelpersoon::ActiveModel {
        id: Set(id),
        gemeente_id: Set(gemeente_id),
        gebied_id: Set(n.gebied_id),
        typen: Set(n.typen.iter().map(|t| t.as_str().to_owned()).collect()),
        status: Set(status),
        status_sinds: Set(vandaag),
        wervingsmethode: Set(n.wervingsmethode),
        voorgedragen_door: Set(n.voorgedragen_door),
        uitstroomreden: Set(None),
        exitgesprek: Set(None),
        buddy_id: Set(n.buddy_id),
        tijdsinvestering: Set(n.tijdsinvestering),
        laatste_contact: Set(n.laatste_contact),
        verhoogd_risico: Set(n.verhoogd_risico),
        zichtbaar_voor: Set(n.zichtbaar_voor.clone()),
        geanonimiseerd_op: Set(None),
        ..Default::default()
    };
    vastlegging_kolommen(
        &mut model,
        n.toestemming.as_ref(),
        n.afspraak.as_ref(),
        levensloop::standaard_bewaartermijn(vandaag),
    );
    let model = model.insert(ctx.db()).await?;
    let d = n.diversiteit.clone().unwrap_or_default();
    gegevens::ActiveModel {
        sleutelpersoon_id: Set(id),
        gemeente_id: Set(gemeente_id),
        voornaam: Set(n.voornaam),
        achternaam: Set(n.achternaam),
        email: Set(n.email),
        telefoon: Set(n.telefoon),
        achterban: Set(n.achterban),
        notities: Set(n.notities),
        opvolgers: Set(None),
        leeftijdsgroep: Set(d.leeftijdsgroep),
        migratieachtergrond: Set(d.migratieachtergrond),
        hulpverlenend_beroep: Set(d.hulpverlenend_beroep),
        bekend_bij_gemeente: Set(d.bekend_bij_gemeente),
        opleidingsrichting: Set(d.opleidingsrichting),
        levensbeschouwing: Set(n.levensbeschouwing),
    }
    .insert(ctx.db())
    .await?;
    status_vastleggen(&ctx, &model, None).await?;
    let codes = ctx.codes().await?;
    let mut w =
        Wijzigingen::aangemaakt(RESOURCE, &representatie(model.clone(), None, &codes, None));
    for veld in PERSOONLIJK {
        w = w.alleen_naam(veld);
    }
    w = w.alleen_naam_als(model.toestemming_datum.is_some(), "toestemming");
    w = w.alleen_naam_als(model.afspraak_datum.is_some(), "afspraak");
    ctx.vastleggen(Actie::Aangemaakt, RESOURCE, Some(gemeente_id), id, w)
        .await?;
    let version = model.version;
    let r = een(&ctx, model).await?;
    let response = antwoord(StatusCode::CREATED, version, &r);
    ctx.commit_then(response).await
}

/// Controleert verwijzingen in de invoer: `gebieden` naar een gebied, `personen` naar
/// een sleutelpersoon van de eigen gemeente.
async fn verwijzingen<T: serde::de::DeserializeOwned + ToSchema>(
    ctx: &Context,
    invoer: &mut Invoer<T>,
    gebieden: &[&str],
    personen: &[&str],
) -> ApiResult<()> {
    for veld in gebieden {
        ctx.verwijzing::<gebied::Entity, _>(invoer, veld).await?;
    }
    for veld in personen {
        ctx.verwijzing::<sleutelpersoon::Entity, _>(invoer, veld)
            .await?;
    }
    Ok(())
}

async fn status_vastleggen(
    ctx: &Context,
    model: &sleutelpersoon::Model,
    door: Option<Uuid>,
) -> ApiResult<()> {
    sleutelpersoon_status::ActiveModel {
        id: Set(Uuid::now_v7()),
        gemeente_id: Set(model.gemeente_id),
        sleutelpersoon_id: Set(model.id),
        status: Set(model.status),
        datum: Set(model.status_sinds),
        uitstroomreden: Set(model.uitstroomreden),
        door: Set(door.or(ctx.caller.actor.id())),
        created_at: Set(Utc::now()),
    }
    .insert(ctx.db())
    .await?;
    Ok(())
}

pub(super) fn niet_geanonimiseerd(model: &sleutelpersoon::Model) -> ApiResult<()> {
    match model.geanonimiseerd_op {
        None => Ok(()),
        Some(_) => Err(ApiError::Conflict(
            Code::Geanonimiseerd,
            "Deze sleutelpersoon is geanonimiseerd; er valt niets meer te wijzigen.".into(),
        )),
    }
}

/// Wie in `zichtbaarVoor` kan staan: actieve gebruikers die persoonsgegevens zien.
const BENOEMBAAR: [Rol; 2] = [Rol::Coordinator, Rol::GemeenteBeheerder];

fn afgeschermd() -> ApiError {
    ApiError::Forbidden(
        Code::VerhoogdRisico,
        "De persoonsgegevens van deze sleutelpersoon (verhoogd risico) zijn alleen voor de genoemde ambtenaren."
            .into(),
    )
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
    verwijzingen(
        &ctx,
        &mut invoer,
        &["gebiedId"],
        &["voorgedragenDoor", "buddyId"],
    )
    .await?;
    for veld in ["voorgedragenDoor", "buddyId"] {
        if invoer.veld::<Uuid>(veld) == Some(huidig.id) {
            invoer.fouten().reject(
                veld,
                Foutcode::Ongeldig,
                "Een sleutelpersoon verwijst niet naar zichzelf.",
            );
        }
    }
    if let Some(lijst) = invoer.veld::<Vec<Uuid>>("zichtbaarVoor") {
        gebruikers::actieve_gebruikers_met_rol(
            &ctx,
            huidig.gemeente_id,
            &lijst,
            &BENOEMBAAR,
            "zichtbaarVoor",
            invoer.fouten(),
        )
        .await?;
    }
    let grondslag = gemeenten::grondslag(&ctx, huidig.gemeente_id).await?;
    grondslag_regels(&mut invoer, grondslag);
    // Na de wijziging: wat de invoer vastlegt vervangt wat er was (toestemming of
    // afspraak, nooit beide); zonder staat er wat er stond.
    let (toestemming_na, afspraak_na): (Option<Toestemming>, Option<Afspraak>) =
        match (invoer.veld("toestemming"), invoer.veld("afspraak")) {
            (Some(t), _) => (Some(t), None),
            (None, Some(a)) => (None, Some(a)),
            (None, None) => (toestemming(&huidig), afspraak(&huidig)),
        };
    delen_met_organisaties(&ctx, &mut invoer).await?;
    let zichtbaar: Vec<Uuid> = invoer
        .veld("zichtbaarVoor")
        .unwrap_or_else(|| huidig.zichtbaar_voor.clone());
    let diversiteit: Option<Diversiteit> = invoer.veld("diversiteit").or_else(|| {
        gezien.as_ref().map(|g| Diversiteit {
            migratieachtergrond: g.migratieachtergrond,
            ..Default::default()
        })
    });
    let levensbeschouwing = if invoer.is_null("levensbeschouwing") {
        false
    } else {
        invoer.heeft("levensbeschouwing")
            || gezien
                .as_ref()
                .is_some_and(|g| g.levensbeschouwing.is_some())
    };
    let wervingsmethode = if invoer.is_null("wervingsmethode") {
        None
    } else {
        invoer.veld("wervingsmethode").or(huidig.wervingsmethode)
    };
    let voorgedragen_door = if invoer.is_null("voorgedragenDoor") {
        None
    } else {
        invoer.veld("voorgedragenDoor").or(huidig.voorgedragen_door)
    };
    let nieuwe_status: Option<Status> = invoer.veld("status").filter(|s| *s != huidig.status);
    let status = nieuwe_status.unwrap_or(huidig.status);
    let staat = Staat {
        toestemming: toestemming_na.as_ref(),
        afspraak: afspraak_na.as_ref(),
        bijzonder: bijzonder(diversiteit.as_ref(), levensbeschouwing),
        verhoogd_risico: invoer
            .veld("verhoogdRisico")
            .unwrap_or(huidig.verhoogd_risico),
        zichtbaar_voor: &zichtbaar,
        wervingsmethode,
        voorgedragen_door,
    };
    let mut fouten = Fouten::new();
    regels(&staat, &mut fouten);
    if let Some(d) = invoer.veld::<chrono::NaiveDate>("laatsteContact") {
        fouten.check(
            d <= crate::domein::tijd::vandaag(),
            "laatsteContact",
            Foutcode::Ongeldig,
            "Het laatste contact ligt niet in de toekomst.",
        );
    }
    let uitstroom = status == Status::Uitgestroomd;
    if nieuwe_status == Some(Status::Uitgestroomd) && !invoer.heeft("uitstroomreden") {
        fouten.reject(
            "uitstroomreden",
            Foutcode::Verplicht,
            "Wie uitstroomt, heeft een reden van uitstroom.",
        );
    }
    for veld in ["uitstroomreden", "exitgesprek", "opvolgers"] {
        if invoer.heeft(veld) && !uitstroom {
            fouten.reject(
                veld,
                Foutcode::Ongeldig,
                "Alleen bij (de overgang naar) uitgestroomd.",
            );
        }
    }
    invoer.fouten().voeg_toe(fouten);
    let w_invoer = invoer.klaar()?;
    if_match.check(huidig.version)?;
    niet_geanonimiseerd(&huidig)?;
    overgang(
        huidig.status,
        nieuwe_status,
        levensloop::overgang_toegestaan,
        "een sleutelpersoon",
    )?;
    if levensloop::vraagt_toestemming(status)
        && !actief_mogelijk(toestemming_na.as_ref(), afspraak_na.as_ref(), grondslag)
    {
        return Err(ApiError::Conflict(
            Code::ToestemmingOntbreekt,
            match grondslag {
                Grondslag::Toestemming => "Een actieve sleutelpersoon heeft vastgelegde toestemming nodig; leg die eerst vast met `toestemming`.",
                Grondslag::PubliekeTaak => "Een actieve sleutelpersoon heeft een vastgelegde afspraak over gebruik en delen nodig; leg die eerst vast met `afspraak` (of `toestemming`).",
            }
            .into(),
        ));
    }
    let persoonlijk_gewijzigd = PERSOONLIJK
        .iter()
        .any(|v| !matches!(*v, "zichtbaarVoor") && raakt(&w_invoer, v))
        || w_invoer.verhoogd_risico.is_some()
        || w_invoer.zichtbaar_voor.is_some();
    if persoonlijk_gewijzigd && gezien.is_none() {
        return Err(afgeschermd());
    }
    let mut model: sleutelpersoon::ActiveModel = huidig.clone().into();
    let mut w = Wijzigingen::new();
    let i = w_invoer;
    // De persoonsgegevens worden na het record bewaard: de toestemming voor
    // bijzondere gegevens staat in het record, en de database controleert die.
    let gegevens_wijziging = match &gezien {
        Some(g) => persoonsgegevens(g, &i, &mut w),
        None => None,
    };
    w.zet("gebiedId", &mut model.gebied_id, i.gebied_id.wijziging());
    w.zet(
        "typen",
        &mut model.typen,
        i.typen
            .as_ref()
            .map(|t| t.iter().map(|t| t.as_str().to_owned()).collect()),
    );
    w.zet(
        "wervingsmethode",
        &mut model.wervingsmethode,
        i.wervingsmethode.wijziging(),
    );
    w.zet(
        "voorgedragenDoor",
        &mut model.voorgedragen_door,
        i.voorgedragen_door.wijziging(),
    );
    w.zet("buddyId", &mut model.buddy_id, i.buddy_id.wijziging());
    w.zet(
        "tijdsinvestering",
        &mut model.tijdsinvestering,
        i.tijdsinvestering.wijziging(),
    );
    w.zet(
        "laatsteContact",
        &mut model.laatste_contact,
        i.laatste_contact.wijziging(),
    );
    w.zet(
        "verhoogdRisico",
        &mut model.verhoogd_risico,
        i.verhoogd_risico,
    );
    if let Some(lijst) = &i.zichtbaar_voor {
        model.zichtbaar_voor = Set(lijst.clone());
        w = w.alleen_naam("zichtbaarVoor");
    }
    if let Some(naar) = nieuwe_status {
        w.zet("status", &mut model.status, Some(naar));
        w.zet(
            "statusSinds",
            &mut model.status_sinds,
            Some(crate::domein::tijd::vandaag()),
        );
        if naar != Status::Uitgestroomd {
            w.zet("uitstroomreden", &mut model.uitstroomreden, Some(None));
            w.zet("exitgesprek", &mut model.exitgesprek, Some(None));
        }
    }
    w.zet(
        "uitstroomreden",
        &mut model.uitstroomreden,
        i.uitstroomreden.map(Some),
    );
    w.zet(
        "exitgesprek",
        &mut model.exitgesprek,
        i.exitgesprek.map(Some),
    );
    if (i.toestemming.is_some() || i.afspraak.is_some())
        && (toestemming_na != toestemming(&huidig) || afspraak_na != afspraak(&huidig))
    {
        vastlegging_kolommen(
            &mut model,
            toestemming_na.as_ref(),
            afspraak_na.as_ref(),
            huidig.bewaartermijn_tot,
        );
        // Alleen de naam: het doel is vrije tekst, en of er toestemming voor
        // bijzondere gegevens is, zegt iets over die gegevens (issue 30).
        w = w.alleen_naam_als(
            toestemming_na.is_some() || huidig.toestemming_datum.is_some(),
            "toestemming",
        );
        w = w.alleen_naam_als(
            afspraak_na.is_some() || huidig.afspraak_datum.is_some(),
            "afspraak",
        );
    }
    if gegevens_wijziging.is_some() || !w.is_empty() {
        model.updated_at = Set(Utc::now());
    }
    let model = ctx
        .bewaar_wijziging(RESOURCE, Some(huidig.gemeente_id), model, w, ApiError::from)
        .await?
        .unwrap_or(huidig.clone());
    if let Some(g) = gegevens_wijziging {
        gegevens::Entity::update(g)
            .exec(ctx.db())
            .await
            .map_err(|e| match e {
                sea_orm::DbErr::RecordNotUpdated => afgeschermd(),
                e => ApiError::from(e),
            })?;
    }
    if nieuwe_status.is_some() {
        status_vastleggen(&ctx, &model, None).await?;
    }
    let version = model.version;
    let r = een(&ctx, model).await?;
    let response = antwoord(StatusCode::OK, version, &r);
    ctx.commit_then(response).await
}

/// Staat een persoonlijk veld in de wijziging?
fn raakt(i: &SleutelpersoonWijziging, veld: &str) -> bool {
    match veld {
        "voornaam" => i.voornaam.is_some(),
        "achternaam" => !i.achternaam.is_afwezig(),
        "email" => !i.email.is_afwezig(),
        "telefoon" => !i.telefoon.is_afwezig(),
        "achterban" => !i.achterban.is_afwezig(),
        "notities" => !i.notities.is_afwezig(),
        "opvolgers" => !i.opvolgers.is_afwezig(),
        "diversiteit" => i.diversiteit.is_some(),
        "levensbeschouwing" => !i.levensbeschouwing.is_afwezig(),
        _ => false,
    }
}

/// De wijziging van de persoonsgegevens (alleen bij naam in de audit trail), of
/// `None` als er geen is.
fn persoonsgegevens(
    g: &gegevens::Model,
    i: &SleutelpersoonWijziging,
    w: &mut Wijzigingen,
) -> Option<gegevens::ActiveModel> {
    let mut am: gegevens::ActiveModel = g.clone().into();
    let mut gewijzigd = false;
    let mut zet =
        |veld: &str, doel: &mut sea_orm::ActiveValue<Option<String>>, nieuw: Veld<String>| {
            if let Some(n) = nieuw.wijziging() {
                *doel = Set(n);
                *w = std::mem::take(w).alleen_naam(veld);
                gewijzigd = true;
            }
        };
    zet("achternaam", &mut am.achternaam, i.achternaam.clone());
    zet("email", &mut am.email, i.email.clone());
    zet("telefoon", &mut am.telefoon, i.telefoon.clone());
    zet("achterban", &mut am.achterban, i.achterban.clone());
    zet("notities", &mut am.notities, i.notities.clone());
    zet("opvolgers", &mut am.opvolgers, i.opvolgers.clone());
    zet(
        "levensbeschouwing",
        &mut am.levensbeschouwing,
        i.levensbeschouwing.clone(),
    );
    if let Some(v) = &i.voornaam {
        am.voornaam = Set(v.clone());
        *w = std::mem::take(w).alleen_naam("voornaam");
        gewijzigd = true;
    }
    if let Some(d) = &i.diversiteit {
        am.leeftijdsgroep = Set(d.leeftijdsgroep);
        am.migratieachtergrond = Set(d.migratieachtergrond);
        am.hulpverlenend_beroep = Set(d.hulpverlenend_beroep);
        am.bekend_bij_gemeente = Set(d.bekend_bij_gemeente);
        am.opleidingsrichting = Set(d.opleidingsrichting);
        *w = std::mem::take(w).alleen_naam("diversiteit");
        gewijzigd = true;
    }
    gewijzigd.then_some(am)
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

/// Anonimiseert `huidig` (niet al geanonimiseerd, en de aanroeper ziet haar gegevens:
/// anders 403) met alles wat aan haar vastzit, en legt het vast in de audit trail:
/// bij intrekken van toestemming en bij een gehonoreerd bezwaar.
pub(super) async fn anonimiseren(ctx: &Context, huidig: &sleutelpersoon::Model) -> ApiResult<()> {
    if gegevens_van(ctx, &[huidig.id]).await?.is_empty() {
        return Err(afgeschermd());
    }
    let gelukt = ctx
        .db()
        .query_one_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "SELECT weefsel_anonimiseren($1, $2) AS gelukt",
            [huidig.id.into(), ctx.request_id().map(str::to_owned).into()],
        ))
        .await?
        .and_then(|rij| rij.try_get::<bool>("", "gelukt").ok())
        .unwrap_or(false);
    if !gelukt {
        return Err(ApiError::Internal("anonimiseren weigerde".into()));
    }
    let mut w = Wijzigingen::new().waarde("geanonimiseerd", false, true);
    for veld in PERSOONLIJK {
        w = w.alleen_naam(veld);
    }
    ctx.vastleggen(
        Actie::Gewijzigd,
        RESOURCE,
        Some(huidig.gemeente_id),
        huidig.id,
        w,
    )
    .await
}

/// Een lidmaatschap in de inzage.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct InzageLidmaatschap {
    pub netwerk_id: Uuid,
    pub rol: entity::soorten::LidRol,
    pub belang: Option<entity::soorten::Belang>,
    pub begin: Option<chrono::NaiveDate>,
    pub eind: Option<chrono::NaiveDate>,
}

/// Een regel van het verwerkingenlogboek over deze persoon.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct InzageVerwerking {
    pub tijdstip: chrono::DateTime<Utc>,
    pub actor_soort: String,
    pub actor_id: Option<Uuid>,
    pub actie: entity::soorten::VerwerkingActie,
    pub verwerkingsactiviteit: entity::soorten::Verwerkingsactiviteit,
}

/// Alles wat over een sleutelpersoon is vastgelegd (inzageverzoek, AVG art. 15).
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Inzage {
    pub sleutelpersoon: Sleutelpersoon,
    pub lidmaatschappen: Vec<InzageLidmaatschap>,
    /// Wat aan de persoon vastzit: check-ins, bezwaren, meldingen over haar met hun opvolging,
    /// bijeenkomsten en oefeningen waaraan zij deelnam, veld voor veld.
    pub gekoppeld: Vec<super::InzageRecord>,
    /// De audit trail over de persoon, haar lidmaatschappen, check-ins, bezwaren en
    /// meldingen.
    pub audit_trail: Vec<super::InzageAudit>,
    /// Het verwerkingenlogboek: elk verzoek dat haar gegevens verwerkte.
    pub verwerkingen: Vec<InzageVerwerking>,
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
    zicht: web::Data<crate::http::zichtbaarheid::Zichtbaarheid>,
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

async fn inzage_antwoord(
    ctx: Context,
    regels: &crate::http::zichtbaarheid::Regels,
    model: sleutelpersoon::Model,
    g: Option<gegevens::Model>,
) -> ApiResult<HttpResponse> {
    ctx.verwerkt(&[model.id], Handeling::Export, Activiteit::Inzageverzoek)
        .await?;
    let codes = ctx.codes().await?;
    let historie = historie(&ctx, model.id).await?;
    let lidmaatschappen = netwerk_lid::Entity::find()
        .filter(netwerk_lid::Column::SleutelpersoonId.eq(model.id))
        .order_by_asc(netwerk_lid::Column::CreatedAt)
        .all(ctx.db())
        .await?
        .into_iter()
        .map(|l| InzageLidmaatschap {
            netwerk_id: l.netwerk_id,
            rol: l.rol,
            belang: l.belang,
            begin: l.begin,
            eind: l.eind,
        })
        .collect();
    let verwerkingen = verwerking::Entity::find()
        .filter(crate::audit::verwerking::over(model.id))
        .order_by_asc(verwerking::Column::Tijdstip)
        .order_by_asc(verwerking::Column::Id)
        .all(ctx.db())
        .await?
        .into_iter()
        .map(|v| InzageVerwerking {
            tijdstip: v.tijdstip,
            actor_soort: v.actor_soort,
            actor_id: v.actor_id,
            actie: v.actie,
            verwerkingsactiviteit: v.verwerkingsactiviteit,
        })
        .collect();
    let (gekoppeld, audit_trail) = super::gekoppeld::gekoppeld(&ctx, regels, model.id).await?;
    let body = Inzage {
        sleutelpersoon: representatie(model, g, &codes, Some(historie)),
        lidmaatschappen,
        gekoppeld,
        audit_trail,
        verwerkingen,
    };
    let response = HttpResponse::Ok().json(body);
    ctx.commit_then(response).await
}

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(list)
        .service(zoek)
        .service(get)
        .service(create)
        .service(update)
        .service(anonimiseer)
        .service(inzage)
        .service(super::bezwaar::create_bezwaar)
        .service(super::checkins::list_checkins)
        .service(super::checkins::create_checkin);
}
