//! Gebruikers: de accounts van medewerkers van gemeenten en van de regio.
//!
//! Een `gemeente_beheerder` beheert de gebruikers van zijn eigen gemeente en kent
//! geen regionale rollen toe; een `regio_beheerder` beheert de regionale accounts en
//! maakt alleen het eerste account van een gemeente (DOMAIN.md, "Who governs access
//! to a municipality"). Niemand wijzigt zijn eigen rollen.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, get, patch, post, web};
use chrono::Utc;
use entity::gebruiker;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, DbBackend, EntityTrait, FromQueryResult, IdenStatic, Iterable,
    QueryFilter, QueryTrait, Statement,
};
use uuid::Uuid;

use super::invoer::*;
use super::regels::*;
use super::weergave::*;
use crate::audit::{Actie, Wijzigingen};
use crate::auth::secrets::{self, Hash, Tokens};
use crate::auth::{Actor, Recht, Rol};
use crate::http::etag::{IfMatch, resource_response};
use crate::http::invoer::Invoer;
use crate::http::pagination::Lijst;
use crate::http::pagination::{Pagina, PaginaParams};
use crate::http::problem::{ApiError, ApiResult, Code, Problem, UniekeSleutel, uniek};
use crate::http::sorting::Sortering;
use crate::tenancy::{Bron, Context};

/// Zet een unieke-sleutelfout om in een 409 met de reden.
fn conflict(error: sea_orm::DbErr) -> ApiError {
    uniek(
        error,
        &[
            UniekeSleutel {
                constraint: "gebruiker_extern_id_key",
                code: Code::DubbeleExternId,
                detail: "Deze externId is in deze gemeente al aan een andere gebruiker gekoppeld.",
            },
            UniekeSleutel {
                constraint: "gebruiker_gebruikersnaam_key",
                code: Code::DubbeleGebruikersnaam,
                detail: "Deze gebruikersnaam bestaat al.",
            },
        ],
    )
}

/// Gebruikers
///
/// De gebruikers van de eigen gemeente; voor een `regio_beheerder` van alle gemeenten en de regio.
#[utoipa::path(
    operation_id = "listGebruikers",
    params(PaginaParams, GebruikersParams),
    responses(
        (status = 200, description = "Een pagina gebruikers.", body = Pagina<Gebruiker>),
    ),
)]
#[get("/gebruikers")]
pub async fn list(ctx: Context, lijst: Lijst<GebruikersParams>) -> ApiResult<HttpResponse> {
    ctx.require(Recht::GebruikersBeheren)?;
    let sortering = Sortering::parse(
        lijst.params.sorteer.as_deref(),
        GebruikerSortering::Gebruikersnaam,
    )?;
    let select = ctx
        .scoped_in(gebruiker::Entity::find(), lijst.params.gemeente.as_deref())
        .await?
        .apply_if(lijst.params.rol, |q, rol| {
            q.filter(Expr::cust_with_values("$1 = ANY(rollen)", [rol.as_str()]))
        })
        .apply_if(lijst.params.actief, |q, actief| {
            q.filter(gebruiker::Column::Actief.eq(actief))
        });
    let select = sortering.apply(select, gebruiker::Column::Id);
    ctx.pagina(&lijst, select).await
}

/// De ingelogde gebruiker
///
/// Wie u bent volgens uw token: gebruikersnaam, gemeente en rollen.
#[utoipa::path(
    operation_id = "getMij",
    responses(
        (status = 200, description = "De aanroeper.", body = Gebruiker),
        (status = 403, description = "Een koppeling is geen gebruiker.", body = Problem, content_type = "application/problem+json"),
    ),
)]
#[get("/gebruikers/mij")]
pub async fn mij(ctx: Context) -> ApiResult<HttpResponse> {
    let Actor::Gebruiker(id) = ctx.caller.actor else {
        return Err(ApiError::Forbidden(
            Code::AlleenGebruikers,
            "Alleen voor gebruikers; een koppeling heeft geen gebruikersaccount.".into(),
        ));
    };
    let model = ctx.find::<gebruiker::Entity>(id).await?;
    ctx.toon::<gebruiker::Entity>(StatusCode::OK, model).await
}

/// Eén gebruiker
#[utoipa::path(
    operation_id = "getGebruiker",
    params(("id" = Uuid, Path, description = "Id van de gebruiker")),
    responses(
        (status = 200, description = "De gebruiker, met `ETag`.", body = Gebruiker),
    ),
)]
#[get("/gebruikers/{id}")]
pub async fn get(ctx: Context, id: web::Path<Uuid>) -> ApiResult<HttpResponse> {
    ctx.require(Recht::GebruikersBeheren)?;
    let model = ctx.find::<gebruiker::Entity>(*id).await?;
    ctx.toon::<gebruiker::Entity>(StatusCode::OK, model).await
}

async fn geheim(eerste: bool, wachtwoord: Option<String>) -> ApiResult<Geheim> {
    let activatiecode = if eerste {
        Some(secrets::new_activatiecode()?)
    } else {
        None
    };
    let geldig_tot = activatiecode
        .as_ref()
        .map(|_| Utc::now() + chrono::Duration::hours(secrets::ACTIVATIECODE_UREN));
    let wachtwoord_hash = match activatiecode.clone().or(wachtwoord) {
        Some(w) => Some(secrets::hash_password_blocking(w).await?),
        None => None,
    };
    Ok(Geheim {
        activatiecode,
        geldig_tot,
        wachtwoord_hash,
    })
}

/// Gebruiker aanmaken
///
/// Een `gemeente_beheerder` maakt de gebruikers van de eigen gemeente; een
/// `regio_beheerder` maakt regionale accounts en alleen het eerste account van een
/// gemeente zonder actieve `gemeente_beheerder`: met alleen die rol, zonder wachtwoord
/// of externId, en met een activeringscode in het antwoord (72 uur geldig).
#[utoipa::path(
    operation_id = "createGebruiker",
    request_body = NieuweGebruiker,
    responses(
        (status = 201, description = "Aangemaakt, met `Location` en `ETag`; het eerste account van een gemeente dat de regio maakt met de activeringscode.", body = NieuweGebruikerAntwoord),
        (status = 403, description = "Geen beheerder; een account van een gemeente maakt alleen haar `gemeente_beheerder` (`alleen_gemeente_beheerder`), de regio alleen de eerste `gemeente_beheerder` van een gemeente zonder actieve (anders `gemeente_heeft_beheerder`); een regionale rol alleen de `regio_beheerder`.", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "De gebruikersnaam of externId bestaat al.", body = Problem, content_type = "application/problem+json"),
    ),
)]
#[post("/gebruikers")]
pub async fn create(ctx: Context, mut invoer: Invoer<NieuweGebruiker>) -> ApiResult<HttpResponse> {
    ctx.require(Recht::GebruikersBeheren)?;
    let codes = ctx.codes().await?;
    let (gemeente_id, eerste) = check_nieuw(&ctx, &mut invoer, &codes).await?;
    let NieuweGebruiker {
        gebruikersnaam,
        rollen,
        wachtwoord,
        extern_id,
        actief,
        ..
    } = invoer.klaar()?;
    let actief = actief.unwrap_or(true);

    let Geheim {
        activatiecode,
        geldig_tot,
        wachtwoord_hash,
    } = geheim(eerste, wachtwoord).await?;
    let tijdelijk = wachtwoord_hash.is_some();
    let door = ctx.caller.actor.id();
    let rol_namen: Vec<String> = rollen.iter().map(|r| r.as_str().to_owned()).collect();
    // Eén INSERT met de hash: de dienst mag haar schrijven maar niet lezen, en de regio
    // mag een eerste `gemeente_beheerder` alleen aanmaken, niet daarna wijzigen.
    let kolommen: Vec<&str> = gebruiker::Column::iter().map(|k| k.as_str()).collect();
    let model = gebruiker::Model::find_by_statement(Statement::from_sql_and_values(
        DbBackend::Postgres,
        format!(
            "INSERT INTO gebruiker (id, gemeente_id, gebruikersnaam, wachtwoord_hash, extern_id, \
             rollen, actief, wachtwoord_tijdelijk, wachtwoord_geldig_tot, aangemaakt_door, \
             wachtwoord_gezet_door) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) \
             RETURNING {}",
            kolommen.join(", ")
        ),
        [
            Uuid::now_v7().into(),
            gemeente_id.into(),
            gebruikersnaam.into(),
            wachtwoord_hash.into(),
            extern_id.into(),
            rol_namen.into(),
            actief.into(),
            tijdelijk.into(),
            geldig_tot.into(),
            door.into(),
            (if tijdelijk { door } else { None }).into(),
        ],
    ))
    .one(ctx.db())
    .await
    .map_err(conflict)?
    .ok_or_else(|| ApiError::Internal("nieuwe gebruiker niet teruggegeven".into()))?;

    let (versie, pad) = (model.version, gebruiker::Entity::pad(&model));
    let weergave = Gebruiker::from_model(model.clone(), &codes);
    let w = Wijzigingen::aangemaakt(RESOURCE, &weergave);
    let w = if eerste {
        w.alleen_naam("activatiecode")
    } else {
        gebruiker::Entity::bij_aanmaken(&model, w)
    };
    ctx.vastleggen(Actie::Aangemaakt, RESOURCE, model.gemeente_id, model.id, w)
        .await?;
    let antwoord = NieuweGebruikerAntwoord {
        gebruiker: weergave,
        activatiecode,
        activatiecode_geldig_tot: geldig_tot,
    };
    let response = resource_response(StatusCode::CREATED, versie, &pad).json(antwoord);
    ctx.commit_then(response).await
}

/// Gebruiker wijzigen
///
/// Rollen, actief, wachtwoord of externId. Deactiveren maakt lopende tokens direct
/// ongeldig. Stuur `If-Match` met de `ETag` om niemands wijziging te overschrijven.
#[utoipa::path(
    operation_id = "updateGebruiker",
    params(
        ("id" = Uuid, Path, description = "Id van de gebruiker"),
    ),
    request_body = GebruikerWijziging,
    responses(
        (status = 200, description = "Gewijzigd, met de nieuwe `ETag`.", body = Gebruiker),
        (status = 403, description = "Geen beheerder; een account van een gemeente beheert alleen haar `gemeente_beheerder` (`alleen_gemeente_beheerder`, ook voor de regio), een regionaal account of rol alleen de `regio_beheerder`.", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Uw eigen account deactiveren of uw eigen rollen wijzigen (`eigen_account`), de laatste genoemde ambtenaar van een persoon met verhoogd risico deactiveren of zijn toegang tot persoonsgegevens afnemen (`laatste_benoemde`), of een externId die al gebruikt wordt.", body = Problem, content_type = "application/problem+json"),
    ),
)]
#[patch("/gebruikers/{id}")]
pub async fn update(
    if_match: IfMatch,
    ctx: Context,
    id: web::Path<Uuid>,
    mut invoer: Invoer<GebruikerWijziging>,
) -> ApiResult<HttpResponse> {
    ctx.require(Recht::GebruikersBeheren)?;
    // Eerst wie het account beheert (403), dan vastzetten: de database laat alleen die
    // het account vastzetten voor een wijziging.
    ctx.beheert_account(ctx.find::<gebruiker::Entity>(*id).await?.gemeente_id)?;
    let huidig = ctx.find_for_update::<gebruiker::Entity>(*id).await?;
    toets_wijziging(&ctx, &huidig, &mut invoer)?;
    let GebruikerWijziging {
        rollen,
        actief,
        wachtwoord,
        extern_id,
        ..
    } = invoer.klaar()?;
    // Eerst de invoer (400), dan de versie (412): een fout verzoek is fout, welke
    // versie het ook noemt.
    if_match.check(huidig.version)?;

    check_eigen_account(&ctx, &huidig, actief, rollen.as_deref())?;
    let ziet_nu = huidig
        .rollen
        .iter()
        .filter_map(|r| Rol::parse(r))
        .any(Rol::geeft_persoonsgegevens);
    let ziet_na = actief.unwrap_or(huidig.actief)
        && rollen
            .as_ref()
            .map_or(ziet_nu, |r| r.iter().any(|r| r.geeft_persoonsgegevens()));
    if huidig.actief && ziet_nu && !ziet_na {
        check_laatste_benoemde(&ctx, huidig.id).await?;
    }
    let mut w = Wijzigingen::new();
    let mut model: gebruiker::ActiveModel = huidig.clone().into();
    let namen = rollen.map(|r| r.iter().map(|r| r.as_str().to_owned()).collect());
    w.zet("rollen", &mut model.rollen, namen);
    w.zet("actief", &mut model.actief, actief);
    w.zet("externId", &mut model.extern_id, extern_id.wijziging());
    let hash = match wachtwoord {
        Some(w) => Some(Some(secrets::hash_password_blocking(w).await?)),
        None => None,
    };
    if hash.is_some() {
        // Tijdelijk, tenzij de gebruiker het zelf zet; een gewoon wachtwoord verloopt niet.
        let zelf = ctx.caller.actor == Actor::Gebruiker(huidig.id);
        model.wachtwoord_tijdelijk = Set(!zelf);
        model.wachtwoord_geldig_tot = Set(None);
        if !zelf {
            model.wachtwoord_gezet_door = Set(ctx.caller.actor.id());
        }
    }
    if let Some(hash) = hash {
        secrets::hash_zetten(
            ctx.db(),
            Hash::Wachtwoord,
            huidig.id,
            hash,
            Tokens::Vervallen,
        )
        .await?;
        w = w.alleen_naam("wachtwoord");
    }
    ctx.gewijzigd::<gebruiker::Entity, _>(huidig, model, w, conflict)
        .await
}

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    // `mij` vóór `{id}`: anders zou "mij" als id gelezen worden.
    cfg.service(list)
        .service(mij)
        .service(get)
        .service(create)
        .service(update);
}
