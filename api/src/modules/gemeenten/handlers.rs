//! Gemeenten: de elf gemeenten van VRBN, de tenants van Weefsel.

use crate::http::problem::Foutcode;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, get, patch, web};
use entity::gemeente;
use sea_orm::ActiveValue::Set;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QuerySelect};

use super::invoer::*;
use super::weergave::*;
use crate::audit::Wijzigingen;
use crate::auth::Recht;
use crate::domein::codes::GemeenteCode;
use crate::domein::grondslag::Grondslag;
use crate::http::etag::{IfMatch, resource_response};
use crate::http::invoer::{Fouten, Invoer};
use crate::http::pagination::Lijst;
use crate::http::pagination::{Pagina, PaginaParams};
use crate::http::problem::{ApiError, ApiResult, Code, Problem};
use crate::http::sorting::Sortering;
use crate::tenancy::Context;

/// Alle gemeenten
///
/// De elf gemeenten van Veiligheidsregio Brabant-Noord, gepagineerd.
#[utoipa::path(
    operation_id = "listGemeenten",
    params(PaginaParams, GemeentenParams),
    responses(
        (status = 200, description = "Een pagina gemeenten.", body = Pagina<Gemeente>),
    ),
)]
#[get("/gemeenten")]
pub async fn list(lijst: Lijst<GemeentenParams>, ctx: Context) -> ApiResult<HttpResponse> {
    let sortering = Sortering::<GemeenteSortering>::parse(
        lijst.params.sorteer.as_deref(),
        GemeenteSortering::Naam,
    )?;
    let query = sortering.apply(gemeente::Entity::find(), gemeente::Column::Code);
    Ok(lijst.uit(query, ctx.db(), Gemeente::from).await?)
}

/// Eén gemeente
///
/// Een gemeente op haar CBS-code, bv. `GM0828` voor Oss.
#[utoipa::path(
    operation_id = "getGemeente",
    params(("code" = String, Path, description = "CBS-gemeentecode", example = "GM0828", pattern = r"^GM[0-9]{4}$")),
    responses(
        (status = 200, description = "De gemeente, met `ETag`.", body = Gemeente),
        (status = 404, description = "Geen gemeente met deze code.", body = Problem, content_type = "application/problem+json"),
    ),
)]
#[get("/gemeenten/{code}")]
pub async fn get(code: web::Path<GemeenteCode>, ctx: Context) -> ApiResult<HttpResponse> {
    let gemeente = gemeente::Entity::find()
        .filter(gemeente::Column::Code.eq(code.as_str()))
        .one(ctx.db())
        .await?
        .ok_or(ApiError::NotFound)?;
    let path = format!("/api/v1/gemeenten/{}", gemeente.code);
    Ok(resource_response(StatusCode::OK, gemeente.version, &path).json(Gemeente::from(gemeente)))
}

/// Instellingen van een gemeente wijzigen
///
/// Het recht is per veld: de `grootteDrempel`, de `voorkeurAanpak` (voor vak 2 en 3)
/// en de `dnaBasis` van de eigen gemeente door haar `gemeente_beheerder`, of van elke gemeente door een
/// `regio_beheerder`; de `grondslag` en het `grondslagBesluit` alleen door de
/// `gemeente_beheerder` van de gemeente (de regio: 403 `geen_recht` met de velden in
/// `invalidParams`), net als de drempels van de werklijst (`trajectStilWeken`,
/// `dnaMetingMaxJaren`, `crisisafspraakHerzienMaanden`, `checkinDagen`, `contactDagen`,
/// `meldingTermijnDagen`). Een andere `grondslag` dan de huidige gaat met het
/// `grondslagBesluit` van het college, waarvan de datum niet in de toekomst ligt (anders
/// 400). Terug van `publieke_taak` naar `toestemming` kan pas als elke actieve
/// sleutelpersoon toestemming heeft (anders 409 `grondslag_in_gebruik`). De
/// DNA-profielen en het advies bij een nieuw traject volgen meteen. Met `ETag`
/// en `If-Match`; de audit trail legt oude en nieuwe waarde vast.
#[utoipa::path(
    operation_id = "updateGemeente",
    params(("code" = String, Path, description = "CBS-gemeentecode", example = "GM0828", pattern = r"^GM[0-9]{4}$")),
    request_body = GemeenteWijziging,
    responses(
        (status = 200, description = "Gewijzigd, met de nieuwe `ETag`.", body = Gemeente),
        (status = 403, description = "Geen `gemeente_beheerder` van deze gemeente of `regio_beheerder` (`geen_recht`), of een veld dat de regio niet wijzigt (`geen_recht`, de velden in `invalidParams`).", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Terug naar `toestemming` terwijl actieve sleutelpersonen op een afspraak zonder toestemming verwerkt worden (`grondslag_in_gebruik`).", body = Problem, content_type = "application/problem+json"),
    ),
)]
#[patch("/gemeenten/{code}")]
pub async fn update(
    if_match: IfMatch,
    ctx: Context,
    code: web::Path<GemeenteCode>,
    mut invoer: Invoer<GemeenteWijziging>,
) -> ApiResult<HttpResponse> {
    ctx.require(Recht::GemeenteInstellingenBeheren)?;
    let id =
        crate::tenancy::id_for(&*ctx.codes().await?, code.as_str()).ok_or(ApiError::NotFound)?;
    if ctx.gemeente_id().is_some_and(|eigen| eigen != id) {
        return Err(ApiError::Forbidden(
            Code::GeenRecht,
            "Een gemeente wijzigt alleen haar eigen instellingen.".into(),
        ));
    }
    recht_per_veld(&ctx, &invoer)?;
    let huidig = gemeente::Entity::find_by_id(id)
        .lock_exclusive()
        .one(ctx.db())
        .await?
        .ok_or(ApiError::NotFound)?;
    besluit_regels(&mut invoer, &huidig);
    let invoer = invoer.klaar()?;
    if_match.check(huidig.version)?;
    terug_naar_toestemming(&ctx, &huidig, invoer.grondslag).await?;
    let dna_geraakt = invoer.grootte_drempel.is_some()
        || !invoer.voorkeur_aanpak.is_afwezig()
        || invoer.dna_basis.is_some();
    let (model, w) = wijzigingen(&huidig, invoer);
    let model = match ctx
        .bewaar_wijziging("gemeente", Some(huidig.id), model, w, ApiError::from)
        .await?
    {
        Some(gewijzigd) if dna_geraakt => {
            // Drempel, voorkeur en basis raken het profiel van elk gebied van de gemeente.
            let gebieden = entity::gebied::Entity::find()
                .filter(entity::gebied::Column::GemeenteId.eq(gewijzigd.id))
                .all(ctx.db())
                .await?;
            crate::modules::gebieden::profielen_bijwerken_vastgelegd(&ctx, &gebieden).await?;
            gewijzigd
        }
        Some(gewijzigd) => gewijzigd,
        None => huidig,
    };
    let path = format!("/api/v1/gemeenten/{}", model.code);
    let response =
        resource_response(StatusCode::OK, model.version, &path).json(Gemeente::from(model));
    ctx.commit_then(response).await
}

/// Het model na de wijziging, met wat de audit trail vastlegt (oud en nieuw per veld).
fn wijzigingen(
    huidig: &gemeente::Model,
    invoer: GemeenteWijziging,
) -> (gemeente::ActiveModel, Wijzigingen) {
    let mut model: gemeente::ActiveModel = huidig.clone().into();
    let mut w = Wijzigingen::new();
    w.zet(
        "grootteDrempel",
        &mut model.grootte_drempel,
        invoer.grootte_drempel,
    );
    let voorkeur = invoer
        .voorkeur_aanpak
        .wijziging()
        .map(|v| v.map(|a| a.as_str().to_owned()));
    w.zet("voorkeurAanpak", &mut model.voorkeur_aanpak, voorkeur);
    w.zet("dnaBasis", &mut model.dna_basis, invoer.dna_basis);
    w.zet(
        "grondslag",
        &mut model.grondslag,
        invoer.grondslag.map(|g| g.as_str().to_owned()),
    );
    w.zet(
        "trajectStilWeken",
        &mut model.traject_stil_weken,
        invoer.traject_stil_weken,
    );
    w.zet(
        "dnaMetingMaxJaren",
        &mut model.dna_meting_max_jaren,
        invoer.dna_meting_max_jaren,
    );
    w.zet(
        "crisisafspraakHerzienMaanden",
        &mut model.crisisafspraak_herzien_maanden,
        invoer.crisisafspraak_herzien_maanden,
    );
    w.zet(
        "checkinDagen",
        &mut model.checkin_dagen,
        invoer.checkin_dagen,
    );
    w.zet(
        "contactDagen",
        &mut model.contact_dagen,
        invoer.contact_dagen,
    );
    if let Some(termijnen) = invoer.melding_termijn_dagen {
        let oud = MeldingTermijnen::van(huidig);
        if oud != termijnen {
            w = w.waarde("meldingTermijnDagen", oud, termijnen);
            model.melding_termijn_acuut = Set(termijnen.acuut);
            model.melding_termijn_hoog = Set(termijnen.hoog);
            model.melding_termijn_middel = Set(termijnen.middel);
            model.melding_termijn_laag = Set(termijnen.laag);
        }
    }
    if let Some(besluit) = invoer.grondslag_besluit {
        let oud = Gemeente::from(huidig.clone()).grondslag_besluit;
        if oud.as_ref() != Some(&besluit) {
            w = w.waarde("grondslagBesluit", oud, &besluit);
            model.grondslag_besluit_datum = Set(Some(besluit.datum));
            model.grondslag_besluit_kenmerk = Set(Some(besluit.kenmerk));
        }
    }
    (model, w)
}

/// Het recht per veld, vóór de inhoud: een veld dat de aanroeper niet mag zetten, is
/// 403 `geen_recht` met de velden in `invalidParams` ([`INSTELLINGEN`]).
fn recht_per_veld(ctx: &Context, invoer: &Invoer<GemeenteWijziging>) -> ApiResult<()> {
    if !ctx.caller.is_regionaal() {
        return Ok(());
    }
    let geweigerd: Vec<&str> = INSTELLINGEN
        .iter()
        .filter(|(veld, wie)| *wie == WieWijzigt::AlleenGemeente && invoer.heeft(veld))
        .map(|(veld, _)| *veld)
        .collect();
    if geweigerd.is_empty() {
        return Ok(());
    }
    Err(ApiError::ForbiddenVelden(
        geweigerd.iter().map(|v| (*v).to_owned()).collect(),
        format!(
            "Alleen de gemeente_beheerder van de gemeente wijzigt {}; de regio niet.",
            geweigerd.join(" en ")
        ),
    ))
}

/// Een andere grondslag gaat met het besluit van het college, dat niet in de toekomst
/// ligt.
fn besluit_regels(invoer: &mut Invoer<GemeenteWijziging>, huidig: &gemeente::Model) {
    let wijziging = invoer.deel().unwrap_or_default();
    let andere_grondslag = wijziging
        .grondslag
        .is_some_and(|g| g.as_str() != huidig.grondslag);
    let mut fouten = Fouten::new();
    fouten.check(
        !andere_grondslag || wijziging.grondslag_besluit.is_some(),
        "grondslagBesluit",
        Foutcode::Verplicht,
        "Een andere grondslag gaat met het besluit van het college: datum en kenmerk.",
    );
    if let Some(besluit) = &wijziging.grondslag_besluit {
        fouten.check(
            besluit.datum <= crate::domein::tijd::vandaag(),
            "grondslagBesluit.datum",
            Foutcode::Ongeldig,
            "Het besluit ligt niet in de toekomst.",
        );
    }
    invoer.fouten().voeg_toe(fouten);
}

/// Terug naar `toestemming` kan niet zolang een actieve sleutelpersoon op een afspraak
/// zonder toestemming verwerkt wordt (409 `grondslag_in_gebruik`).
async fn terug_naar_toestemming(
    ctx: &Context,
    huidig: &gemeente::Model,
    nieuw: Option<Grondslag>,
) -> ApiResult<()> {
    if nieuw == Some(Grondslag::Toestemming)
        && Grondslag::uit_tekst(&huidig.grondslag) != Grondslag::Toestemming
        && in_gebruik(ctx, huidig.id).await?
    {
        return Err(ApiError::Conflict(
            Code::GrondslagInGebruik,
            "Er zijn actieve sleutelpersonen die op een afspraak zonder toestemming verwerkt \
             worden; leg eerst hun toestemming vast (of laat hen uitstromen) voordat de \
             grondslag terug gaat naar toestemming."
                .into(),
        ));
    }
    Ok(())
}

/// Steunt een actieve sleutelpersoon van gemeente `id` op een afspraak zonder
/// toestemming? Neemt het exclusieve slot op de grondslag tot het einde van de
/// transactie, zodat niemand er intussen een activeert.
async fn in_gebruik(ctx: &Context, id: uuid::Uuid) -> ApiResult<bool> {
    use sea_orm::{ConnectionTrait, DbBackend, Statement};
    let rij = ctx
        .db()
        .query_one_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "SELECT weefsel_grondslag_in_gebruik($1) AS in_gebruik",
            [id.into()],
        ))
        .await?;
    Ok(rij
        .and_then(|r| r.try_get::<bool>("", "in_gebruik").ok())
        .unwrap_or(true))
}

/// De grondslag van gemeente `id`, onder het gedeelde slot tot het einde van de
/// transactie: wie een sleutelpersoon op een afspraak laat steunen, leest haar zo.
pub async fn grondslag(ctx: &Context, id: uuid::Uuid) -> ApiResult<Grondslag> {
    use sea_orm::{ConnectionTrait, DbBackend, Statement};
    let rij = ctx
        .db()
        .query_one_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "SELECT weefsel_grondslag_gedeeld($1) AS grondslag",
            [id.into()],
        ))
        .await?;
    Ok(Grondslag::uit_tekst(
        &rij.and_then(|r| r.try_get::<String>("", "grondslag").ok())
            .unwrap_or_default(),
    ))
}

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(list).service(get).service(update);
}
