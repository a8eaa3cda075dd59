//! Gebruikers: de accounts van medewerkers van gemeenten en van de regio.
//!
//! Een `gemeente_beheerder` beheert de gebruikers van zijn eigen gemeente en kent
//! geen regionale rollen toe; een `regio_beheerder` beheert alle gebruikers.

use std::collections::HashMap;

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, get, patch, post, web};
use chrono::{DateTime, Utc};
use entity::gebruiker;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryTrait,
};
use serde::de::IgnoredAny;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::audit::Wijzigingen;
use crate::auth::secrets;
use crate::auth::{Actor, Recht, Rol};
use crate::domein::codes::GemeenteCode;
use crate::http::etag::IfMatch;
use crate::http::invoer::{Fouten, Invoer, Veld, unieke_lijst};
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

/// Een nieuwe gebruiker. Een wachtwoord of een `externId` is nodig om in te loggen.
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
    #[allow(dead_code)] // gelezen met `Invoer::veld`, voor de regels die het schema niet kent
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
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct GebruikerWijziging {
    /// Ligt vast; maak zo nodig een nieuwe gebruiker.
    #[serde(default)]
    #[schema(read_only, value_type = Option<String>)]
    #[allow(dead_code)]
    gebruikersnaam: Option<IgnoredAny>,
    /// Ligt vast; maak zo nodig een nieuwe gebruiker.
    #[serde(default)]
    #[schema(read_only, value_type = Option<String>)]
    #[allow(dead_code)]
    gemeente: Option<IgnoredAny>,
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

/// Rollen en gemeente moeten bij elkaar passen: regionale rollen zonder gemeente.
fn check_rollen_en_gemeente(body: &mut Fouten, rollen: &[Rol], heeft_gemeente: bool) {
    let regionaal = rollen.iter().filter(|r| r.is_regionaal()).count();
    if regionaal > 0 && regionaal < rollen.len() {
        body.reject(
            "rollen",
            "ongeldig",
            "Regionale en gemeentelijke rollen gaan niet samen in één account.",
        );
    } else if regionaal > 0 && heeft_gemeente {
        body.reject(
            "rollen",
            "ongeldig",
            "Regionale rollen horen bij geen gemeente; een gemeentelijke gebruiker krijgt ze niet.",
        );
    } else if regionaal == 0 && !rollen.is_empty() && !heeft_gemeente {
        body.reject(
            "gemeente",
            "verplicht",
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
        w.alleen_naam_als(g.wachtwoord_hash.is_some(), "wachtwoord")
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

/// Gebruiker aanmaken
///
/// Een `gemeente_beheerder` maakt gebruikers van de eigen gemeente zonder regionale
/// rollen; een `regio_beheerder` maakt ze voor elke gemeente en voor de regio.
#[utoipa::path(
    operation_id = "createGebruiker",
    request_body = NieuweGebruiker,
    responses(
        (status = 201, description = "Aangemaakt, met `Location` en `ETag`.", body = Gebruiker),
        (status = 403, description = "Geen beheerder, of een regionale rol toekennen zonder regionaal beheerder te zijn.", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "De gebruikersnaam of externId bestaat al.", body = Problem, content_type = "application/problem+json"),
    ),
)]
#[post("/gebruikers")]
pub async fn create(ctx: Context, mut invoer: Invoer<NieuweGebruiker>) -> ApiResult<HttpResponse> {
    ctx.require(Recht::GebruikersBeheren)?;
    let codes = ctx.codes().await?;
    let gemeente_id = check_nieuw(&ctx, &mut invoer, &codes)?;
    if let Some(rollen) = invoer.veld::<Vec<Rol>>("rollen") {
        check_toegang_nieuw(&ctx, &rollen, gemeente_id).await?;
    }
    let NieuweGebruiker {
        gebruikersnaam,
        rollen,
        wachtwoord,
        extern_id,
        actief,
        ..
    } = invoer.klaar()?;
    let actief = actief.unwrap_or(true);

    // Een wachtwoord van een ander dan de gebruiker zelf is tijdelijk.
    let tijdelijk = wachtwoord.is_some();
    let wachtwoord_hash = match wachtwoord {
        Some(w) => Some(secrets::hash_password_blocking(w).await?),
        None => None,
    };
    let rol_namen: Vec<String> = rollen.iter().map(|r| r.as_str().to_owned()).collect();
    let model = gebruiker::ActiveModel {
        id: Set(Uuid::now_v7()),
        gemeente_id: Set(gemeente_id),
        gebruikersnaam: Set(gebruikersnaam),
        wachtwoord_hash: Set(wachtwoord_hash),
        extern_id: Set(extern_id),
        rollen: Set(rol_namen),
        actief: Set(actief),
        wachtwoord_tijdelijk: Set(tijdelijk),
        ..Default::default()
    }
    .insert(ctx.db())
    .await
    .map_err(conflict)?;

    ctx.aangemaakt::<gebruiker::Entity>(model).await
}

/// De regels voor een nieuwe gebruiker die het schema niet kan uitdrukken: een
/// manier om in te loggen, een gemeente die bestaat en past bij de rollen, en geen
/// regionale rol door een gemeente. Geeft de gemeente van de nieuwe gebruiker.
fn check_nieuw(
    ctx: &Context,
    invoer: &mut Invoer<NieuweGebruiker>,
    codes: &HashMap<Uuid, String>,
) -> ApiResult<Option<Uuid>> {
    let kan_inloggen = invoer.heeft("wachtwoord") || invoer.heeft("externId");
    invoer.fouten().check(
        kan_inloggen,
        "wachtwoord",
        "verplicht",
        "Geef een wachtwoord of een externId, anders kan de gebruiker niet inloggen.",
    );
    let (wachtwoord, naam): (Option<String>, Option<String>) =
        (invoer.veld("wachtwoord"), invoer.veld("gebruikersnaam"));
    secrets::check_nieuw_wachtwoord(
        invoer.fouten(),
        "wachtwoord",
        wachtwoord.as_deref(),
        naam.as_deref().unwrap_or_default(),
    );
    let gemeente: Option<GemeenteCode> = invoer.veld("gemeente");
    let gemeente_genoemd = invoer.heeft("gemeente");
    let gemeente_id = ctx.target_gemeente(
        gemeente.as_ref(),
        codes,
        false,
        "gebruikers",
        invoer.fouten(),
    );
    if let Some(rollen) = invoer.veld::<Vec<Rol>>("rollen") {
        forbid_regional_roles(ctx, &rollen)?;
        let heeft_gemeente = gemeente_id.is_some() || gemeente_genoemd;
        check_rollen_en_gemeente(invoer.fouten(), &rollen, heeft_gemeente);
    }
    Ok(gemeente_id)
}

/// Een nieuw account met toegang tot persoonsgegevens maakt alleen de
/// `gemeente_beheerder` van de gemeente. De ene uitzondering: een `regio_beheerder`
/// maakt de eerste actieve `gemeente_beheerder` (met alleen die rol) van een gemeente
/// die er geen heeft.
async fn check_toegang_nieuw(
    ctx: &Context,
    rollen: &[Rol],
    gemeente_id: Option<Uuid>,
) -> ApiResult<()> {
    let gevoelig = rollen.iter().any(|r| r.geeft_persoonsgegevens());
    if !gevoelig || ctx.caller.has(Recht::PersoonsgegevensToegangBeheren) {
        return Ok(());
    }
    let eerste = rollen == [Rol::GemeenteBeheerder]
        && ctx.caller.has(Recht::EersteGemeenteBeheerderAanmaken);
    let (true, Some(gemeente_id)) = (eerste, gemeente_id) else {
        return ctx.beheert_toegang(true);
    };
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
             met toegang tot persoonsgegevens."
                .into(),
        ));
    }
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
        (status = 403, description = "Geen beheerder, of een regionale rol toekennen.", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Uw eigen account deactiveren of uw beheerrol afnemen, of een externId die al gebruikt wordt.", body = Problem, content_type = "application/problem+json"),
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
    let huidig = ctx.find_for_update::<gebruiker::Entity>(*id).await?;
    let nieuwe_rollen = invoer.veld::<Vec<Rol>>("rollen");
    let gevoelig = huidig
        .rollen
        .iter()
        .filter_map(|r| Rol::parse(r))
        .chain(nieuwe_rollen.iter().flatten().copied())
        .any(Rol::geeft_persoonsgegevens);
    ctx.beheert_toegang(gevoelig)?;
    if let Some(rollen) = &nieuwe_rollen {
        forbid_regional_roles(&ctx, rollen)?;
        check_rollen_en_gemeente(invoer.fouten(), rollen, huidig.gemeente_id.is_some());
    }
    let wachtwoord: Option<String> = invoer.veld("wachtwoord");
    secrets::check_nieuw_wachtwoord(
        invoer.fouten(),
        "wachtwoord",
        wachtwoord.as_deref(),
        &huidig.gebruikersnaam,
    );
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
        // Tijdelijk, tenzij de gebruiker het zelf zet.
        let zelf = ctx.caller.actor == Actor::Gebruiker(huidig.id);
        model.wachtwoord_tijdelijk = Set(!zelf);
    }
    w.zet_alleen_naam("wachtwoord", &mut model.wachtwoord_hash, hash);
    ctx.gewijzigd::<gebruiker::Entity, _>(huidig, model, w, conflict)
        .await
}

/// Niemand deactiveert zichzelf of neemt zichzelf de beheerrol af (409).
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
    let beheerder = |r: &Rol| matches!(r, Rol::GemeenteBeheerder | Rol::RegioBeheerder);
    if rollen.is_some_and(|r| !r.iter().any(beheerder)) {
        return Err(ApiError::Conflict(
            Code::EigenAccount,
            "U kunt uw eigen beheerrol niet afnemen; laat een andere beheerder dat doen.".into(),
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
