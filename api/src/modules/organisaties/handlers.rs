//! De sociale kaart (DOMAIN.md, "Partner organisations"): de organisaties van een
//! gemeente — partners, eigen afdelingen, lopende samenwerkingsverbanden — en de
//! regionale catalogus, die iedereen leest en alleen de `regio_beheerder` bijhoudt.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, delete, get, patch, post, web};
use entity::organisatie;
use entity::soorten::OrganisatieSoort;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder,
    QueryTrait,
};
use uuid::Uuid;

use crate::audit::Wijzigingen;
use crate::auth::Recht;
use crate::http::etag::IfMatch;
use crate::http::invoer::{Fouten, Invoer, referentiefilter};
use crate::http::pagination::{Lijst, Pagina, PaginaParams};
use crate::http::problem::{ApiError, ApiResult, Code, Foutcode, Problem, UniekeSleutel, uniek};
use crate::http::zoeken::bevat;
use crate::modules::kolommen::tekst;
use crate::tenancy::Context;

use super::invoer::*;
use super::kaart::*;
use super::weergave::*;

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
    let select = referentiefilter(
        zichtbaar(&ctx, organisatie::Entity::find())
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
            .apply_if(p.gebied_id, |q, g| q.filter(dient(g))),
        organisatie::Column::ExterneReferentie,
        p.externe_referentie.as_deref(),
    )?
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
pub async fn create(
    ctx: Context,
    mut invoer: Invoer<NieuweOrganisatie>,
) -> ApiResult<HttpResponse> {
    let gemeente_id = ctx.gemeente_id();
    mag_schrijven(&ctx, gemeente_id)?;
    if let Some(n) = invoer.deel() {
        gebieden_controleren(&ctx, gemeente_id, &n.gebied_ids, invoer.fouten()).await?;
        let gezet = n.externe_referentie.is_some();
        referentie_controleren(gemeente_id, gezet, invoer.fouten());
    }
    let n = invoer.klaar()?;
    let model = organisatie::ActiveModel {
        id: Set(Uuid::now_v7()),
        gemeente_id: Set(gemeente_id),
        naam: Set(n.naam),
        soort: Set(n.soort.unwrap_or(OrganisatieSoort::Partner)),
        veld: Set(n.veld),
        categorie: Set(n.categorie),
        niveau: Set(Some(n.niveau)),
        capaciteiten: Set(tekst(&n.capaciteiten)),
        rollen: Set(tekst(&n.rollen)),
        aanbod: Set(n.aanbod),
        activering: Set(n.activering),
        meerwaarde: Set(n.meerwaarde),
        op_afschaling: Set(n.op_afschaling),
        contact: Set(n.contact),
        gebied_ids: Set(n.gebied_ids),
        externe_referentie: Set(n.externe_referentie),
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
    mut invoer: Invoer<OrganisatieWijziging>,
) -> ApiResult<HttpResponse> {
    ctx.require(Recht::OrganisatiesLezen)?;
    let huidig = vind_om_te_schrijven(&ctx, *id).await?;
    let deel = invoer.deel().unwrap_or_default();
    invoer.fouten().voeg_toe(bevestigen(&huidig, &deel));
    if let Some(ids) = &deel.gebied_ids {
        gebieden_controleren(&ctx, huidig.gemeente_id, ids, invoer.fouten()).await?;
    }
    let gezet = deel.externe_referentie.waarde().is_some();
    referentie_controleren(huidig.gemeente_id, gezet, invoer.fouten());
    let i = invoer.klaar()?;
    if_match.check(huidig.version)?;
    let mut model: organisatie::ActiveModel = huidig.clone().into();
    let mut w = Wijzigingen::new();
    w.zet("naam", &mut model.naam, i.naam);
    w.zet("soort", &mut model.soort, i.soort);
    w.zet("veld", &mut model.veld, i.veld);
    w.zet("categorie", &mut model.categorie, i.categorie.wijziging());
    w.zet("niveau", &mut model.niveau, i.niveau.map(Some));
    w.zet("voorlopig", &mut model.voorlopig, i.voorlopig);
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
    w.zet("gebiedIds", &mut model.gebied_ids, i.gebied_ids);
    let referentie = i.externe_referentie.wijziging();
    w.zet(
        "externeReferentie",
        &mut model.externe_referentie,
        referentie,
    );
    ctx.gewijzigd::<organisatie::Entity, _>(huidig, model, w, conflict)
        .await
}

/// De gebieden van een organisatie: van de eigen gemeente, elk één keer; de regionale
/// catalogus dient alle gebieden en noemt er geen.
async fn gebieden_controleren(
    ctx: &Context,
    gemeente_id: Option<Uuid>,
    ids: &[Uuid],
    fouten: &mut Fouten,
) -> ApiResult<()> {
    if gemeente_id.is_none() {
        fouten.check(
            ids.is_empty(),
            "gebiedIds",
            Foutcode::NietToegestaan,
            "De regionale catalogus dient elk gebied; alleen een organisatie van een gemeente noemt gebieden.",
        );
        return Ok(());
    }
    crate::modules::gebieden::controleer_eigen(ctx, ids, "gebiedIds", fouten).await
}

/// Een externe referentie hoort bij een organisatie van een gemeente: de regionale
/// catalogus is van niemands CRM.
fn referentie_controleren(gemeente_id: Option<Uuid>, gezet: bool, fouten: &mut Fouten) {
    fouten.check(
        !gezet || gemeente_id.is_some(),
        "externeReferentie",
        Foutcode::NietToegestaan,
        "Een rij van de regionale catalogus heeft geen externe referentie.",
    );
}

/// `voorlopig` hoort bij de catalogus; bevestigen (`false`) vraagt na het verzoek een
/// `niveau` en minstens één capaciteit.
fn bevestigen(huidig: &organisatie::Model, w: &OrganisatieWijziging) -> Fouten {
    let mut fouten = Fouten::new();
    let Some(voorlopig) = w.voorlopig else {
        return fouten;
    };
    fouten.check(
        huidig.gemeente_id.is_none(),
        "voorlopig",
        Foutcode::NietToegestaan,
        "Alleen een rij van de regionale catalogus is voorlopig.",
    );
    if !voorlopig && huidig.gemeente_id.is_none() {
        fouten.check(
            w.niveau.is_some() || huidig.niveau.is_some(),
            "niveau",
            Foutcode::Verplicht,
            "Bevestigen vraagt een niveau (lokaal, regionaal of landelijk).",
        );
        fouten.check(
            w.capaciteiten
                .as_ref()
                .map_or(!huidig.capaciteiten.is_empty(), |c| !c.is_empty()),
            "capaciteiten",
            Foutcode::Verplicht,
            "Bevestigen vraagt minstens één capaciteit (handjes, hoofdjes of hulpmiddelen).",
        );
    }
    fouten
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

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(list)
        .service(get)
        .service(create)
        .service(update)
        .service(remove);
}
