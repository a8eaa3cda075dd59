//! Gebruikers: de accounts van medewerkers van gemeenten en van de regio.
//!
//! Een `gemeente_beheerder` beheert de gebruikers van zijn eigen gemeente en kent
//! geen regionale rollen toe; een `regio_beheerder` beheert de regionale accounts en
//! maakt alleen het eerste account van een gemeente (DOMAIN.md, "Who governs access
//! to a municipality"). Niemand wijzigt zijn eigen rollen.

use crate::http::problem::Foutcode;
use std::collections::HashMap;

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, get, patch, post, web};
use chrono::{DateTime, Utc};
use entity::gebruiker;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, FromQueryResult,
    IdenStatic, Iterable, PaginatorTrait, QueryFilter, QueryTrait, Statement,
};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::audit::{Actie, Wijzigingen};
use crate::auth::secrets::{self, Hash, Tokens};
use crate::auth::{Actor, Recht, Rol};
use crate::domein::codes::GemeenteCode;
use crate::http::etag::{IfMatch, resource_response};
use crate::http::invoer::{AlleenLezen, Fouten, Invoer, Veld, unieke_lijst};
use crate::http::pagination::Lijst;
use crate::http::pagination::{Pagina, PaginaParams};
use crate::http::problem::{ApiError, ApiResult, Code, Problem, UniekeSleutel, uniek};
use crate::http::sorting::Sortering;
use crate::tenancy::{Bron, Context};

pub(crate) const RESOURCE: &str = "gebruiker";

/// Een gebruiker. Het wachtwoord is nooit te lezen.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Gebruiker {
    pub id: Uuid,
    #[schema(example = "oss.coordinator")]
    pub gebruikersnaam: String,
    /// CBS-code; `null` voor regionale rollen.
    #[schema(example = "GM0828")]
    pub gemeente: Option<String>,
    pub rollen: Vec<Rol>,
    pub actief: bool,
    /// De `sub` van deze gebruiker bij de identity provider van de gemeente.
    pub extern_id: Option<String>,
    pub aangemaakt_op: DateTime<Utc>,
    pub gewijzigd_op: DateTime<Utc>,
}

impl Gebruiker {
    fn from_model(m: gebruiker::Model, codes: &HashMap<Uuid, String>) -> Self {
        Gebruiker {
            id: m.id,
            gebruikersnaam: m.gebruikersnaam,
            gemeente: m.gemeente_id.and_then(|id| codes.get(&id).cloned()),
            rollen: m.rollen.iter().filter_map(|r| Rol::parse(r)).collect(),
            actief: m.actief,
            extern_id: m.extern_id,
            aangemaakt_op: m.created_at,
            gewijzigd_op: m.updated_at,
        }
    }
}

/// Een nieuwe gebruiker; bij het eerste account van een gemeente dat de regio maakt,
/// met de activeringscode.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct NieuweGebruikerAntwoord {
    #[serde(flatten)]
    pub gebruiker: Gebruiker,
    /// Alleen bij het eerste account van een gemeente dat de regio maakt: de eenmalige
    /// activeringscode, alleen in dit antwoord te zien en gehasht bewaard. De houder
    /// wisselt haar binnen 72 uur in voor een eigen wachtwoord met
    /// `POST /api/v1/auth/wachtwoord` (de code in plaats van het huidige wachtwoord);
    /// tot dan kan het account niets.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub activatiecode: Option<String>,
    /// Tot wanneer de activeringscode geldt.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub activatiecode_geldig_tot: Option<DateTime<Utc>>,
}

/// Een nieuwe gebruiker. Een wachtwoord of een `externId` is nodig om in te loggen,
/// behalve bij het eerste account van een gemeente dat de regio maakt: dat krijgt een
/// activeringscode en heeft geen van beide.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NieuweGebruiker {
    /// 3–64 tekens: kleine letters, cijfers, `.`, `_`, `-`; uniek over alle gemeenten.
    #[schema(
        example = "oss.jvandijk",
        min_length = 3,
        max_length = 64,
        pattern = "^[a-z0-9][a-z0-9._-]*$"
    )]
    gebruikersnaam: String,
    /// Een gemeentelijk beheerder laat dit weg (of noemt de eigen gemeente); een
    /// regionaal beheerder noemt het, behalve bij regionale rollen.
    gemeente: Option<GemeenteCode>,
    /// Minstens één rol, zonder herhaling; regionale en gemeentelijke rollen gaan niet samen.
    #[schema(schema_with = unieke_lijst::<Rol, 1>)]
    rollen: Vec<Rol>,
    /// 12–256 tekens, niet alleen witruimte, en niet te raden (NIST SP 800-63B): niet de gebruikersnaam of een deel ervan, geen veelgebruikt of gelekt wachtwoord of bekend woord met wat cijfers, geen reeks (`123456789012`) en minstens 5 verschillende tekens; anders 400 `te_zwak` met de reden. Wordt met argon2id gehasht en is daarna nooit meer te lezen.
    #[schema(write_only, min_length = 12, max_length = 256)]
    wachtwoord: Option<String>,
    /// De `sub` bij de identity provider van de gemeente.
    #[schema(min_length = 1, max_length = 255)]
    extern_id: Option<String>,
    /// Standaard `true`.
    actief: Option<bool>,
}

/// Een wijziging van een gebruiker. `gebruikersnaam` en `gemeente` liggen vast.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct GebruikerWijziging {
    /// Ligt vast; maak zo nodig een nieuwe gebruiker.
    #[serde(default)]
    #[schema(read_only, value_type = Option<String>)]
    gebruikersnaam: AlleenLezen,
    /// Ligt vast; maak zo nodig een nieuwe gebruiker.
    #[serde(default)]
    #[schema(read_only, value_type = Option<String>)]
    gemeente: AlleenLezen,
    #[schema(schema_with = unieke_lijst::<Rol, 1>)]
    rollen: Option<Vec<Rol>>,
    /// `false` deactiveert: lopende tokens werken bij het volgende verzoek niet meer.
    actief: Option<bool>,
    /// Een tijdelijk wachtwoord: 12–256 tekens, niet alleen witruimte, en niet te raden (NIST SP 800-63B): niet de gebruikersnaam of een deel ervan, geen veelgebruikt of gelekt wachtwoord of bekend woord met wat cijfers, geen reeks (`123456789012`) en minstens 5 verschillende tekens; anders 400 `te_zwak` met de reden.
    #[schema(write_only, min_length = 12, max_length = 256)]
    wachtwoord: Option<String>,
    /// `null` ontkoppelt de gebruiker van de identity provider.
    #[serde(default)]
    #[schema(value_type = Option<String>, min_length = 1, max_length = 255)]
    extern_id: Veld<String>,
}

crate::sorteervelden! {
    /// Waarop de lijst van gebruikers gesorteerd kan worden; `-` ervoor is aflopend.
    GebruikerSortering op gebruiker {
        Gebruikersnaam = "gebruikersnaam", GebruikersnaamAflopend = "-gebruikersnaam" => Gebruikersnaam,
        AangemaaktOp = "aangemaaktOp", AangemaaktOpAflopend = "-aangemaaktOp" => CreatedAt,
    }
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct GebruikersParams {
    /// Alleen gebruikers met deze rol.
    rol: Option<Rol>,
    /// Alleen actieve (`true`) of gedeactiveerde (`false`) gebruikers.
    actief: Option<bool>,
    /// Alleen gebruikers van deze gemeente (CBS-code); zinvol voor de regio.
    #[param(pattern = "^GM[0-9]{4}$", example = "GM0828")]
    gemeente: Option<String>,
    /// Sortering; standaard `gebruikersnaam`.
    #[param(value_type = Option<Vec<GebruikerSortering>>, style = Form, explode = false)]
    sorteer: Option<String>,
}

/// Rollen en gemeente moeten bij elkaar passen: regionale rollen zonder gemeente. En
/// vier ogen per persoon: wie het geld beheert en op aanvragen besluit
/// (`budgethouder`), beheert niet ook de accounts en koppelingen die aanvragen
/// indienen (`gemeente_beheerder`).
fn check_rollen_en_gemeente(body: &mut Fouten, rollen: &[Rol], heeft_gemeente: bool) {
    let regionaal = rollen.iter().filter(|r| r.is_regionaal()).count();
    if rollen.contains(&Rol::Budgethouder) && rollen.contains(&Rol::GemeenteBeheerder) {
        body.reject(
            "rollen",
            Foutcode::Ongeldig,
            "budgethouder en gemeente_beheerder gaan niet samen in één account: wie accounts en \
             koppelingen beheert, besluit niet over het geld (vier ogen).",
        );
    } else if regionaal > 0 && regionaal < rollen.len() {
        body.reject(
            "rollen",
            Foutcode::Ongeldig,
            "Regionale en gemeentelijke rollen gaan niet samen in één account.",
        );
    } else if regionaal > 0 && heeft_gemeente {
        body.reject(
            "rollen",
            Foutcode::Ongeldig,
            "Regionale rollen horen bij geen gemeente; een gemeentelijke gebruiker krijgt ze niet.",
        );
    } else if regionaal == 0 && !rollen.is_empty() && !heeft_gemeente {
        body.reject(
            "gemeente",
            Foutcode::Verplicht,
            "Een gebruiker met gemeentelijke rollen hoort bij een gemeente.",
        );
    }
}

fn forbid_regional_roles(ctx: &Context, rollen: &[Rol]) -> ApiResult<()> {
    if rollen.iter().any(|r| r.is_regionaal()) {
        ctx.require(Recht::RegionaleRollenToekennen)?;
    }
    Ok(())
}

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

impl Bron for gebruiker::Entity {
    const RESOURCE: &'static str = RESOURCE;
    const COLLECTIE: &'static str = "/api/v1/gebruikers";
    type Weergave = Gebruiker;

    fn bij_aanmaken(g: &gebruiker::Model, w: Wijzigingen) -> Wijzigingen {
        // Een wachtwoord bij het aanmaken is altijd tijdelijk (de hash leest de dienst niet).
        w.alleen_naam_als(g.wachtwoord_tijdelijk, "wachtwoord")
    }

    async fn weergaven(ctx: &Context, rijen: Vec<gebruiker::Model>) -> ApiResult<Vec<Gebruiker>> {
        ctx.met_codes(rijen, Gebruiker::from_model).await
    }
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

/// Het geheim van een nieuw account: een activeringscode (72 uur geldig) voor het
/// eerste account van een gemeente, anders het gegeven wachtwoord; beide tijdelijk.
struct Geheim {
    activatiecode: Option<String>,
    geldig_tot: Option<chrono::DateTime<Utc>>,
    wachtwoord_hash: Option<String>,
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

/// De regels voor een nieuwe gebruiker die het schema niet kan uitdrukken: een
/// manier om in te loggen, een gemeente die bestaat en past bij de rollen, en wie
/// het account mag maken. Geeft de gemeente van de nieuwe gebruiker, en of het het
/// eerste account van een gemeente is dat de regio maakt (met een activeringscode).
async fn check_nieuw(
    ctx: &Context,
    invoer: &mut Invoer<NieuweGebruiker>,
    codes: &HashMap<Uuid, String>,
) -> ApiResult<(Option<Uuid>, bool)> {
    let nieuw = invoer.deel();
    let gemeente = nieuw.as_ref().and_then(|n| n.gemeente.clone());
    let gemeente_genoemd = invoer.heeft("gemeente");
    let gemeente_id = ctx.target_gemeente(
        gemeente.as_ref(),
        codes,
        false,
        "gebruikers",
        invoer.fouten(),
    );
    let Some(nieuw) = nieuw else {
        return Ok((gemeente_id, false));
    };
    let mut fouten = Fouten::new();
    // Rollen die het schema afkeurde (bv. dubbel), toetst hier niets meer.
    let rollen_goed = !invoer.fouten().raakt("rollen");
    if rollen_goed {
        forbid_regional_roles(ctx, &nieuw.rollen)?;
        let heeft_gemeente = gemeente_id.is_some() || gemeente_genoemd;
        check_rollen_en_gemeente(&mut fouten, &nieuw.rollen, heeft_gemeente);
    }
    // Een gemeentelijk account (regionale rollen met een gemeente zijn al 400).
    let eerste = match gemeente_id {
        Some(gemeente_id) if rollen_goed && !nieuw.rollen.iter().any(|r| r.is_regionaal()) => {
            check_toegang_nieuw(ctx, &nieuw.rollen, gemeente_id).await?
        }
        _ => false,
    };
    if eerste {
        for (veld, gezet) in [
            ("wachtwoord", nieuw.wachtwoord.is_some()),
            ("externId", nieuw.extern_id.is_some()),
        ] {
            fouten.check(
                !gezet,
                veld,
                Foutcode::NietToegestaan,
                "De regio geeft het eerste account van een gemeente geen wachtwoord of externId: \
                 het krijgt een activeringscode, waarmee de houder zelf een wachtwoord kiest.",
            );
        }
        invoer.fouten().voeg_toe(fouten);
        return Ok((gemeente_id, true));
    }
    fouten.check(
        nieuw.wachtwoord.is_some() || nieuw.extern_id.is_some(),
        "wachtwoord",
        Foutcode::Verplicht,
        "Geef een wachtwoord of een externId, anders kan de gebruiker niet inloggen.",
    );
    secrets::check_nieuw_wachtwoord(
        &mut fouten,
        "wachtwoord",
        nieuw.wachtwoord.as_deref(),
        &nieuw.gebruikersnaam,
    );
    invoer.fouten().voeg_toe(fouten);
    Ok((gemeente_id, false))
}

/// Een account van een gemeente maakt alleen haar `gemeente_beheerder`. De ene
/// uitzondering: een `regio_beheerder` maakt de eerste actieve `gemeente_beheerder`
/// (met alleen die rol) van een gemeente die er geen heeft; dan `true`.
async fn check_toegang_nieuw(ctx: &Context, rollen: &[Rol], gemeente_id: Uuid) -> ApiResult<bool> {
    if ctx.caller.has(Recht::GemeenteToegangBeheren) {
        return Ok(false);
    }
    let eerste = rollen == [Rol::GemeenteBeheerder]
        && ctx.caller.has(Recht::EersteGemeenteBeheerderAanmaken);
    if !eerste {
        ctx.beheert_account(Some(gemeente_id))?;
        return Ok(false);
    }
    // Eén aanmaker tegelijk per gemeente, zodat er nooit twee "eerste" komen.
    ctx.een_tegelijk(&format!("eerste_beheerder:{gemeente_id}"))
        .await?;
    let actieve = gebruiker::Entity::find()
        .filter(gebruiker::Column::GemeenteId.eq(gemeente_id))
        .filter(gebruiker::Column::Actief.eq(true))
        .filter(Expr::cust("'gemeente_beheerder' = ANY(rollen)"))
        .count(ctx.db())
        .await?;
    if actieve > 0 {
        return Err(ApiError::Forbidden(
            Code::GemeenteHeeftBeheerder,
            "Deze gemeente heeft al een actieve gemeente_beheerder; die beheert haar accounts \
             en koppelingen."
                .into(),
        ));
    }
    Ok(true)
}

/// De regels over een wijziging die het schema niet kent: geen regionale rol van een
/// gemeente, rollen die bij de gemeente passen, een sterk wachtwoord.
fn toets_wijziging(
    ctx: &Context,
    huidig: &gebruiker::Model,
    invoer: &mut Invoer<GebruikerWijziging>,
) -> ApiResult<()> {
    let wijziging = invoer.deel().unwrap_or_default();
    let mut fouten = Fouten::new();
    if let Some(rollen) = &wijziging.rollen {
        forbid_regional_roles(ctx, rollen)?;
        check_rollen_en_gemeente(&mut fouten, rollen, huidig.gemeente_id.is_some());
    }
    secrets::check_nieuw_wachtwoord(
        &mut fouten,
        "wachtwoord",
        wijziging.wachtwoord.as_deref(),
        &huidig.gebruikersnaam,
    );
    invoer.fouten().voeg_toe(fouten);
    Ok(())
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

/// Een persoon met verhoogd risico houdt altijd een genoemde ambtenaar: wie de laatste
/// actieve is die haar ziet, wordt niet gedeactiveerd of zijn toegang tot
/// persoonsgegevens kwijt (409 `laatste_benoemde`) tot een ander genoemd is.
async fn check_laatste_benoemde(ctx: &Context, gebruiker: Uuid) -> ApiResult<()> {
    let rij = ctx
        .db()
        .query_one_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "SELECT count(*) FROM sleutelpersoon s \
             WHERE s.verhoogd_risico AND $1 = ANY (s.zichtbaar_voor) \
               AND NOT EXISTS (SELECT 1 FROM gebruiker g \
                               WHERE g.id = ANY (s.zichtbaar_voor) AND g.id <> $1 AND g.actief \
                                 AND g.rollen && ARRAY['coordinator', 'gemeente_beheerder'])",
            [gebruiker.into()],
        ))
        .await?;
    let aantal = match rij {
        Some(rij) => rij.try_get_by_index::<i64>(0)?,
        None => 0,
    };
    if aantal > 0 {
        return Err(ApiError::Conflict(
            Code::LaatsteBenoemde,
            format!(
                "Deze gebruiker is de laatste genoemde ambtenaar van {aantal} sleutelperso{} met \
                 verhoogd risico; noem eerst een ander in hun zichtbaarVoor.",
                if aantal == 1 { "on" } else { "nen" }
            ),
        ));
    }
    Ok(())
}

/// Niemand deactiveert zichzelf of wijzigt zijn eigen rollen (409).
fn check_eigen_account(
    ctx: &Context,
    huidig: &gebruiker::Model,
    actief: Option<bool>,
    rollen: Option<&[Rol]>,
) -> ApiResult<()> {
    if ctx.caller.actor != Actor::Gebruiker(huidig.id) {
        return Ok(());
    }
    if actief == Some(false) {
        return Err(ApiError::Conflict(
            Code::EigenAccount,
            "U kunt uw eigen account niet deactiveren.".into(),
        ));
    }
    let huidige: Vec<Rol> = huidig.rollen.iter().filter_map(|r| Rol::parse(r)).collect();
    if rollen
        .is_some_and(|r| r.len() != huidige.len() || r.iter().any(|rol| !huidige.contains(rol)))
    {
        return Err(ApiError::Conflict(
            Code::EigenAccount,
            "U kunt uw eigen rollen niet wijzigen; laat een andere beheerder dat doen.".into(),
        ));
    }
    Ok(())
}

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    // `mij` vóór `{id}`: anders zou "mij" als id gelezen worden.
    cfg.service(list)
        .service(mij)
        .service(get)
        .service(create)
        .service(update);
}
