//! De sociale kaart (DOMAIN.md, "Partner organisations"): de organisaties van een
//! gemeente — partners, eigen afdelingen, lopende samenwerkingsverbanden — en de
//! regionale catalogus, die iedereen leest en alleen de `regio_beheerder` bijhoudt.

use crate::http::problem::Foutcode;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, delete, get, patch, post, web};
use chrono::{DateTime, Utc};
use entity::organisatie;
use entity::soorten::{
    Belang, Hulpsoort, MaatschappelijkVeld, NetwerkCategorie, Niveau, OrganisatieSoort,
};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, QueryTrait, Select,
};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::audit::Wijzigingen;
use crate::auth::Recht;
use crate::http::etag::IfMatch;
use crate::http::invoer::Invoer;
use crate::http::pagination::{Lijst, Pagina, PaginaParams};
use crate::http::problem::{ApiError, ApiResult, Code, Problem, UniekeSleutel, uniek};
use crate::http::zoeken::bevat;
use crate::modules::kolommen::{lijst, tekst};
use crate::tenancy::{Bron, Codes, Context};

use super::invoer::*;

pub(super) const RESOURCE: &str = "organisatie";

/// Een organisatie op de sociale kaart of in de regionale catalogus.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Organisatie {
    pub id: Uuid,
    /// De CBS-code van de gemeente; `null` voor de regionale catalogus.
    #[schema(example = "GM0828")]
    pub gemeente: Option<String>,
    /// Staat de organisatie in de regionale catalogus?
    pub regionaal: bool,
    pub naam: String,
    pub soort: OrganisatieSoort,
    pub veld: MaatschappelijkVeld,
    pub categorie: Option<NetwerkCategorie>,
    pub niveau: Niveau,
    pub capaciteiten: Vec<Hulpsoort>,
    pub rollen: Vec<Belang>,
    pub aanbod: Option<String>,
    pub activering: Option<String>,
    pub meerwaarde: Option<String>,
    pub op_afschaling: Option<String>,
    pub contact: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

pub(crate) fn representatie(m: organisatie::Model, codes: &Codes) -> Organisatie {
    Organisatie {
        id: m.id,
        gemeente: m.gemeente_id.and_then(|g| codes.get(&g).cloned()),
        regionaal: m.gemeente_id.is_none(),
        naam: m.naam,
        soort: m.soort,
        veld: m.veld,
        categorie: m.categorie,
        niveau: m.niveau,
        capaciteiten: lijst(&m.capaciteiten),
        rollen: lijst(&m.rollen),
        aanbod: m.aanbod,
        activering: m.activering,
        meerwaarde: m.meerwaarde,
        op_afschaling: m.op_afschaling,
        contact: m.contact,
        created_at: m.created_at,
        updated_at: m.updated_at,
    }
}

fn conflict(error: sea_orm::DbErr) -> ApiError {
    uniek(
        error,
        &[UniekeSleutel {
            constraint: "organisatie_gemeente_id_naam_key",
            code: Code::DubbeleOrganisatie,
            detail: "Er staat al een organisatie met deze naam op deze kaart.",
        }],
    )
}

/// Wat de aanroeper ziet: de eigen kaart en de regionale catalogus; de regio alles.
pub(crate) fn zichtbaar(
    ctx: &Context,
    select: Select<organisatie::Entity>,
) -> Select<organisatie::Entity> {
    if ctx.caller.is_regionaal() {
        return select;
    }
    select.filter(
        organisatie::Column::GemeenteId
            .is_null()
            .or(organisatie::Column::GemeenteId.eq(ctx.gemeente_id())),
    )
}

/// Eén organisatie die de aanroeper ziet; anders 404.
pub(crate) async fn vind(ctx: &Context, id: Uuid) -> ApiResult<organisatie::Model> {
    zichtbaar(ctx, organisatie::Entity::find_by_id(id))
        .one(ctx.db())
        .await?
        .ok_or(ApiError::NotFound)
}

/// Een organisatie die de aanroeper ziet en mag bijhouden, vergrendeld tot het einde
/// van de transactie (`FOR UPDATE` volgt de schrijfregel, dus eerst zien, dan het
/// recht, dan vergrendelen): 404 als hij haar niet ziet, 403 als hij haar niet mag
/// bijhouden.
async fn vind_om_te_schrijven(ctx: &Context, id: Uuid) -> ApiResult<organisatie::Model> {
    let gezien = vind(ctx, id).await?;
    mag_schrijven(ctx, gezien.gemeente_id)?;
    zichtbaar(ctx, organisatie::Entity::find_by_id(id))
        .lock_exclusive()
        .one(ctx.db())
        .await?
        .ok_or(ApiError::NotFound)
}

/// Het recht om deze organisatie bij te houden: de catalogus alleen de regio, een
/// kaart alleen haar gemeente.
fn mag_schrijven(ctx: &Context, gemeente_id: Option<Uuid>) -> ApiResult<()> {
    match gemeente_id {
        None => ctx.require(Recht::CatalogusSchrijven),
        Some(_) => ctx.require(Recht::OrganisatiesSchrijven),
    }
}

impl Bron for organisatie::Entity {
    const RESOURCE: &'static str = RESOURCE;
    const COLLECTIE: &'static str = "/api/v1/organisaties";
    type Weergave = Organisatie;

    async fn weergaven(
        ctx: &Context,
        rijen: Vec<organisatie::Model>,
    ) -> ApiResult<Vec<Organisatie>> {
        ctx.met_codes(rijen, representatie).await
    }
}

/// De sociale kaart
///
/// De organisaties van de eigen gemeente met de regionale catalogus, op naam; de regio
/// ziet alle kaarten.
#[utoipa::path(
    operation_id = "listOrganisaties",
    params(PaginaParams, OrganisatiesParams),
    responses(
        (status = 200, description = "Een pagina organisaties, op naam.", body = Pagina<Organisatie>),
    ),
)]
#[get("/organisaties")]
pub async fn list(ctx: Context, lijst: Lijst<OrganisatiesParams>) -> ApiResult<HttpResponse> {
    ctx.require(Recht::OrganisatiesLezen)?;
    let p = &lijst.params;
    let gemeente = match p.gemeente.as_deref() {
        Some(code) => Some(crate::tenancy::id_for(&*ctx.codes().await?, code)),
        None => None,
    };
    let select = zichtbaar(&ctx, organisatie::Entity::find())
        .apply_if(gemeente, |q, g| {
            q.filter(
                organisatie::Column::GemeenteId
                    .is_null()
                    .or(organisatie::Column::GemeenteId.eq(g)),
            )
        })
        .apply_if(p.regionaal, |q, r| {
            q.filter(if r {
                organisatie::Column::GemeenteId.is_null()
            } else {
                organisatie::Column::GemeenteId.is_not_null()
            })
        })
        .apply_if(p.soort, |q, s| q.filter(organisatie::Column::Soort.eq(s)))
        .apply_if(p.veld, |q, v| q.filter(organisatie::Column::Veld.eq(v)))
        .apply_if(p.categorie, |q, c| {
            q.filter(organisatie::Column::Categorie.eq(c))
        })
        .apply_if(p.niveau, |q, n| q.filter(organisatie::Column::Niveau.eq(n)))
        .apply_if(p.capaciteit, |q, c| {
            q.filter(Expr::cust_with_values(
                "$1 = ANY (capaciteiten)",
                [c.as_str()],
            ))
        })
        .apply_if(p.rol, |q, r| {
            q.filter(Expr::cust_with_values("$1 = ANY (rollen)", [r.as_str()]))
        })
        .apply_if(p.naam.as_deref(), |q, n| {
            q.filter(bevat(organisatie::Column::Naam, n))
        })
        .order_by_asc(organisatie::Column::Naam)
        .order_by_asc(organisatie::Column::Id);
    ctx.pagina(&lijst, select).await
}

/// Eén organisatie
#[utoipa::path(
    operation_id = "getOrganisatie",
    params(("id" = Uuid, Path, description = "Id van de organisatie")),
    responses(
        (status = 200, description = "De organisatie met `ETag`.", body = Organisatie),
    ),
)]
#[get("/organisaties/{id}")]
pub async fn get(ctx: Context, id: web::Path<Uuid>) -> ApiResult<HttpResponse> {
    ctx.require(Recht::OrganisatiesLezen)?;
    let model = vind(&ctx, *id).await?;
    ctx.toon::<organisatie::Entity>(StatusCode::OK, model).await
}

/// Organisatie toevoegen
///
/// Een gemeentelijke aanroeper zet haar op de eigen sociale kaart; een
/// `regio_beheerder` in de regionale catalogus.
#[utoipa::path(
    operation_id = "createOrganisatie",
    request_body = NieuweOrganisatie,
    responses(
        (status = 201, description = "Toegevoegd.", body = Organisatie),
        (status = 409, description = "Een organisatie met deze naam staat al op deze kaart.", body = Problem, content_type = "application/problem+json"),
    ),
)]
#[post("/organisaties")]
pub async fn create(ctx: Context, invoer: Invoer<NieuweOrganisatie>) -> ApiResult<HttpResponse> {
    let gemeente_id = ctx.gemeente_id();
    mag_schrijven(&ctx, gemeente_id)?;
    let n = invoer.klaar()?;
    let model = organisatie::ActiveModel {
        id: Set(Uuid::now_v7()),
        gemeente_id: Set(gemeente_id),
        naam: Set(n.naam),
        soort: Set(n.soort.unwrap_or(OrganisatieSoort::Partner)),
        veld: Set(n.veld),
        categorie: Set(n.categorie),
        niveau: Set(n.niveau),
        capaciteiten: Set(tekst(&n.capaciteiten)),
        rollen: Set(tekst(&n.rollen)),
        aanbod: Set(n.aanbod),
        activering: Set(n.activering),
        meerwaarde: Set(n.meerwaarde),
        op_afschaling: Set(n.op_afschaling),
        contact: Set(n.contact),
        ..Default::default()
    }
    .insert(ctx.db())
    .await
    .map_err(conflict)?;
    ctx.aangemaakt::<organisatie::Entity>(model).await
}

/// Organisatie wijzigen
#[utoipa::path(
    operation_id = "updateOrganisatie",
    params(("id" = Uuid, Path, description = "Id van de organisatie")),
    request_body = OrganisatieWijziging,
    responses(
        (status = 200, description = "Gewijzigd.", body = Organisatie),
        (status = 409, description = "Een organisatie met deze naam staat al op deze kaart.", body = Problem, content_type = "application/problem+json"),
    ),
)]
#[patch("/organisaties/{id}")]
pub async fn update(
    if_match: IfMatch,
    ctx: Context,
    id: web::Path<Uuid>,
    invoer: Invoer<OrganisatieWijziging>,
) -> ApiResult<HttpResponse> {
    ctx.require(Recht::OrganisatiesLezen)?;
    let huidig = vind_om_te_schrijven(&ctx, *id).await?;
    let i = invoer.klaar()?;
    if_match.check(huidig.version)?;
    let mut model: organisatie::ActiveModel = huidig.clone().into();
    let mut w = Wijzigingen::new();
    w.zet("naam", &mut model.naam, i.naam);
    w.zet("soort", &mut model.soort, i.soort);
    w.zet("veld", &mut model.veld, i.veld);
    w.zet("categorie", &mut model.categorie, i.categorie.wijziging());
    w.zet("niveau", &mut model.niveau, i.niveau);
    w.zet(
        "capaciteiten",
        &mut model.capaciteiten,
        i.capaciteiten.map(|c| tekst(&c)),
    );
    w.zet("rollen", &mut model.rollen, i.rollen.map(|r| tekst(&r)));
    w.zet("aanbod", &mut model.aanbod, i.aanbod.wijziging());
    w.zet(
        "activering",
        &mut model.activering,
        i.activering.wijziging(),
    );
    w.zet(
        "meerwaarde",
        &mut model.meerwaarde,
        i.meerwaarde.wijziging(),
    );
    w.zet(
        "opAfschaling",
        &mut model.op_afschaling,
        i.op_afschaling.wijziging(),
    );
    w.zet("contact", &mut model.contact, i.contact.wijziging());
    ctx.gewijzigd::<organisatie::Entity, _>(huidig, model, w, conflict)
        .await
}

/// Organisatie verwijderen
///
/// Niet zolang ze partner is van een netwerk, in een oefening staat of in de
/// toestemming van een sleutelpersoon (409 `organisatie_in_gebruik`).
#[utoipa::path(
    operation_id = "deleteOrganisatie",
    params(("id" = Uuid, Path, description = "Id van de organisatie")),
    responses(
        (status = 204, description = "Verwijderd."),
        (status = 409, description = "In gebruik.", body = Problem, content_type = "application/problem+json"),
    ),
)]
#[delete("/organisaties/{id}")]
pub async fn remove(
    if_match: IfMatch,
    ctx: Context,
    id: web::Path<Uuid>,
) -> ApiResult<HttpResponse> {
    ctx.require(Recht::OrganisatiesLezen)?;
    let huidig = vind_om_te_schrijven(&ctx, *id).await?;
    if_match.check(huidig.version)?;
    if in_gebruik(&ctx, huidig.id).await? {
        return Err(ApiError::Conflict(
            Code::OrganisatieInGebruik,
            "De organisatie is partner van een netwerk of deed mee aan een oefening; ontkoppel haar eerst."
                .into(),
        ));
    }
    ctx.verwijder::<organisatie::Entity>(&huidig, Wijzigingen::new())
        .await
}

/// Is de organisatie partner van een netwerk, deelnemer aan een oefening of genoemd in
/// de toestemming van een sleutelpersoon (`delenMet`)? Een
/// organisatie van een gemeente kan alleen daar in gebruik zijn; de catalogus
/// verwijdert de regio, die alle gemeenten leest.
async fn in_gebruik(ctx: &Context, id: Uuid) -> ApiResult<bool> {
    let partner = entity::netwerk_partner::Entity::find()
        .filter(entity::netwerk_partner::Column::OrganisatieId.eq(id))
        .one(ctx.db())
        .await?;
    if partner.is_some() {
        return Ok(true);
    }
    let oefening = entity::oefening::Entity::find()
        .filter(Expr::cust_with_values("$1 = ANY (organisaties)", [id]))
        .one(ctx.db())
        .await?;
    if oefening.is_some() {
        return Ok(true);
    }
    let toestemming = entity::sleutelpersoon::Entity::find()
        .filter(Expr::cust_with_values(
            "$1 = ANY (delen_met)",
            [id.to_string()],
        ))
        .one(ctx.db())
        .await?;
    Ok(toestemming.is_some())
}

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(list)
        .service(get)
        .service(create)
        .service(update)
        .service(remove);
}

/// Bestaat elke organisatie in veld `veld` (een lijst ids) op de sociale kaart van
/// de aanroeper of in de regionale catalogus? Anders een fout op dat veld.
pub(crate) async fn controleer_ids<T: serde::de::DeserializeOwned + ToSchema>(
    ctx: &Context,
    invoer: &mut Invoer<T>,
    veld: &str,
) -> ApiResult<()> {
    let Some(ids) = invoer.veld::<Vec<Uuid>>(veld) else {
        return Ok(());
    };
    if !bestaan(ctx, &ids).await? {
        invoer.fouten().reject(
            veld,
            Foutcode::Ongeldig,
            "Niet elke organisatie staat op uw sociale kaart of in de regionale catalogus.",
        );
    }
    Ok(())
}

/// Staat elke organisatie in `ids` op de sociale kaart van de aanroeper of in de
/// regionale catalogus?
pub(crate) async fn bestaan(ctx: &Context, ids: &[Uuid]) -> ApiResult<bool> {
    if ids.is_empty() {
        return Ok(true);
    }
    let gevonden = zichtbaar(ctx, organisatie::Entity::find())
        .filter(organisatie::Column::Id.is_in(ids.to_vec()))
        .all(ctx.db())
        .await?;
    Ok(ids.iter().all(|id| gevonden.iter().any(|o| o.id == *id)))
}
