//! Overstappen op een andere aanpak (`POST /trajecten/{id}/aanpakwissel`): een
//! coachend traject wordt coördinerend. De indeling van de stappen staat in
//! [`crate::domein::stappenplan::aanpakwissel`].

use std::collections::BTreeMap;

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, post, web};
use chrono::{DateTime, Utc};
use entity::soorten::Plan;
use entity::{traject, traject_aanpakwissel, traject_stap};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbBackend, EntityTrait,
    QueryFilter, Statement,
};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::audit::{Actie, Wijzigingen};
use crate::auth::Recht;
use crate::domein::leidraad::{Vinkje, uitnemen};
use crate::domein::stappenplan::{StapStatus, Stappen, aanpakwissel, nieuw_nummer};
use crate::http::invoer::Invoer;
use crate::http::problem::{ApiError, ApiResult, Code, Problem};
use crate::modules::kolommen::{json, naar_json};
use crate::modules::stappenplannen;
use crate::tenancy::Context;

use super::invoer::AanpakwisselInvoer;
use super::traject::{bump, gesloten, niet_in_de_toekomst};
use super::weergave::{Leidraden, RESOURCE, Traject, antwoorden_van, delen_van_een, vinkjes_van};

/// Een antwoord of vinkje van vóór een wissel, zonder plek in de nieuwe leidraad (in
/// de database: `traject.vervallen`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct VervallenAntwoord {
    /// Het plan en de stap waar het stond.
    pub aanpak: Plan,
    pub stap: i16,
    pub sleutel: String,
    /// Het antwoord (vrije tekst die mensen kan noemen), of `null` bij een vinkje.
    pub antwoord: Option<String>,
    /// Bij een afgevinkt checklistpunt: wie en wanneer.
    pub afgevinkt_door: Option<Uuid>,
    pub afgevinkt_op: Option<chrono::DateTime<Utc>>,
}

/// Overstappen op de coördinerende aanpak
///
/// Alleen een lopend `coachend` traject, naar `coordinerend` (anders 409
/// `wissel_niet_mogelijk`). De handreiking "Inventariseren en activeren netwerken"
/// (§4.4) wijst een coachend netwerk dat meer coördinatie nodig heeft naar de
/// oefening van de coördinerende aanpak; het hele traject overzetten,
/// en de indeling hieronder, zijn de lezing van het project. De stappen gaan mee:
/// coachend 0→0, 1→1, 2→2 én 3 (coachend stap 2 heeft de twee bijeenkomsten,
/// coördinerend stap 3 ook), 3 (informatiebeheer)→4 (platform: "de manier van
/// contact"), 4→6; coördinerend stap 5 begint `open`. Status, datums, notities en het
/// netwerk gaan mee; antwoorden en vinkjes alleen waar hun sleutel in de nieuwe
/// leidraad bestaat, de rest blijft alleen lezen in `vervallenAntwoorden`.
/// Bijeenkomsten en oefeningen bij een stap krijgen het nieuwe nummer (coachend 2 →
/// 3). Het traject komt op de huidige versie van de coördinerende leidraad en toont
/// de wissel in `aanpakHistorie`.
#[utoipa::path(
    operation_id = "createAanpakwissel",
    params(("id" = Uuid, Path, description = "Id van het traject")),
    request_body = AanpakwisselInvoer,
    responses(
        (status = 200, description = "Het traject in zijn nieuwe aanpak.", body = Traject),
        (status = 409, description = "Geen wissel van `coachend` naar `coordinerend` (`wissel_niet_mogelijk`), of het traject is gesloten (`traject_gesloten`).", body = Problem, content_type = "application/problem+json"),
    ),
)]
#[post("/trajecten/{id}/aanpakwissel")]
pub async fn create_aanpakwissel(
    ctx: Context,
    id: web::Path<Uuid>,
    mut invoer: Invoer<AanpakwisselInvoer>,
) -> ApiResult<HttpResponse> {
    ctx.require(Recht::TrajectenSchrijven)?;
    let huidig = ctx.find_for_update::<traject::Entity>(*id).await?;
    let fouten = niet_in_de_toekomst(invoer.deel().and_then(|d| d.datum), "Een wissel");
    invoer.fouten().voeg_toe(fouten);
    let AanpakwisselInvoer { naar, reden, datum } = invoer.klaar()?;
    let van = huidig.aanpak;
    let indeling = aanpakwissel(van, naar).ok_or_else(|| {
        ApiError::Conflict(
            Code::WisselNietMogelijk,
            format!(
                "Een traject gaat alleen van coachend naar coordinerend, niet van {} naar {}.",
                van.as_str(),
                naar.as_str()
            ),
        )
    })?;
    gesloten(&huidig)?;
    let datum = datum.unwrap_or_else(crate::domein::tijd::vandaag);
    let versie = stappenplannen::leidraad::versie(&ctx, naar, None)
        .await?
        .versie;

    let mut nieuw = huidig.clone();
    nieuw.aanpak = naar;
    nieuw.leidraad_versie = versie;
    let mut vervallen: Vec<VervallenAntwoord> = json(&huidig.vervallen);
    vervallen.extend(stappen_overzetten(&ctx, &huidig, &nieuw, indeling).await?);
    hernummeren(&ctx, &huidig, indeling).await?;

    traject_aanpakwissel::ActiveModel {
        id: Set(Uuid::now_v7()),
        gemeente_id: Set(huidig.gemeente_id),
        traject_id: Set(huidig.id),
        van: Set(van),
        naar: Set(naar),
        reden: Set(reden),
        datum: Set(datum),
        door: Set(ctx.caller.actor.id()),
        created_at: Set(Utc::now()),
    }
    .insert(ctx.db())
    .await?;
    let mut model: traject::ActiveModel = huidig.clone().into();
    model.aanpak = Set(naar);
    model.leidraad_versie = Set(versie);
    model.vervallen = Set(naar_json(&vervallen));
    let model = bump(&ctx, model, None).await?;
    ctx.vastleggen(
        Actie::Gewijzigd,
        RESOURCE,
        Some(model.gemeente_id),
        model.id,
        Wijzigingen::new()
            .waarde("aanpak", van, naar)
            .waarde("leidraadVersie", huidig.leidraad_versie, versie)
            .alleen_naam("aanpakwisselReden")
            .nieuw("aanpakwisselDatum", datum)
            .alleen_naam_als(!vervallen.is_empty(), "vervallenAntwoorden"),
    )
    .await?;
    ctx.vastgelegd::<traject::Entity>(StatusCode::OK, model)
        .await
}

/// Zet de stappen van `huidig` over naar de aanpak van `nieuw` volgens `indeling`:
/// van hoog naar laag hernummeren (zodat geen nummer botst), een stap die naar twee
/// gaat ook kopiëren, en de stappen zonder voorganger open toevoegen. Geeft de
/// antwoorden en vinkjes die in de nieuwe leidraad geen plek hebben.
async fn stappen_overzetten(
    ctx: &Context,
    huidig: &traject::Model,
    nieuw: &traject::Model,
    indeling: &[(i16, &[i16])],
) -> ApiResult<Vec<VervallenAntwoord>> {
    let leidraden = Leidraden::van(ctx, std::slice::from_ref(nieuw)).await?;
    let codes = ctx.codes().await?;
    let mut stappen = delen_van_een(ctx, huidig.id).await?.stappen;
    stappen.sort_by_key(|s| std::cmp::Reverse(s.nummer));
    let mut vervallen = Vec::new();
    let mut bezet: Vec<i16> = Vec::new();
    for stap in stappen {
        let doelen = indeling
            .iter()
            .find(|(v, _)| *v == stap.nummer)
            .map(|(_, n)| *n)
            .unwrap_or_default();
        let mut antwoorden = antwoorden_van(&stap.antwoorden);
        let mut vinkjes = vinkjes_van(&stap.afgevinkt);
        for (i, doel) in doelen.iter().enumerate() {
            let gids = leidraden.stap(nieuw, *doel, &codes);
            let eigen = (
                uitnemen(&mut antwoorden, &gids.vragen),
                uitnemen(&mut vinkjes, &gids.checklist),
            );
            stap_zetten(ctx, &stap, *doel, i == 0, eigen).await?;
            bezet.push(*doel);
        }
        let (aanpak, nummer) = (huidig.aanpak, stap.nummer);
        vervallen.extend(
            antwoorden
                .into_iter()
                .map(|(sleutel, antwoord)| VervallenAntwoord {
                    aanpak,
                    stap: nummer,
                    sleutel,
                    antwoord: Some(antwoord),
                    afgevinkt_door: None,
                    afgevinkt_op: None,
                }),
        );
        vervallen.extend(vinkjes.into_iter().map(|(sleutel, v)| VervallenAntwoord {
            aanpak,
            stap: nummer,
            sleutel,
            antwoord: None,
            afgevinkt_door: v.door,
            afgevinkt_op: Some(v.op),
        }));
    }
    for (nummer, _) in nieuw.aanpak.stappen() {
        if !bezet.contains(nummer) {
            traject_stap::ActiveModel {
                traject_id: Set(huidig.id),
                gemeente_id: Set(huidig.gemeente_id),
                nummer: Set(*nummer),
                status: Set(StapStatus::Open),
                ..Default::default()
            }
            .insert(ctx.db())
            .await?;
        }
    }
    Ok(vervallen)
}

/// De vinkjes van een stap: sleutel → door, op.
type Vinkjes = BTreeMap<String, Vinkje<DateTime<Utc>>>;

/// Stap `stap` als stap `doel` met deze antwoorden en vinkjes: de oude rij zelf
/// (`verhuizen`; het nummer is een deel van de sleutel) of een kopie.
async fn stap_zetten(
    ctx: &Context,
    stap: &traject_stap::Model,
    doel: i16,
    verhuizen: bool,
    (antwoorden, vinkjes): (BTreeMap<String, String>, Vinkjes),
) -> ApiResult<()> {
    if verhuizen {
        use traject_stap::Column as C;
        traject_stap::Entity::update_many()
            .col_expr(C::Nummer, doel.into())
            .col_expr(C::Antwoorden, naar_json(&antwoorden).into())
            .col_expr(C::Afgevinkt, naar_json(&vinkjes).into())
            .col_expr(C::UpdatedAt, Utc::now().into())
            .filter(C::TrajectId.eq(stap.traject_id))
            .filter(C::Nummer.eq(stap.nummer))
            .exec(ctx.db())
            .await?;
    } else {
        let mut rij: traject_stap::ActiveModel = stap.clone().into();
        rij = rij.reset_all();
        rij.nummer = Set(doel);
        rij.antwoorden = Set(naar_json(&antwoorden));
        rij.afgevinkt = Set(naar_json(&vinkjes));
        rij.updated_at = Set(Utc::now());
        rij.insert(ctx.db()).await?;
    }
    Ok(())
}

/// De bijeenkomsten en oefeningen bij een stap van dit traject krijgen het nummer van
/// die stap in de nieuwe aanpak (één UPDATE per tabel); elke verandering staat in de
/// audit trail.
async fn hernummeren(
    ctx: &Context,
    traject: &traject::Model,
    indeling: &[(i16, &[i16])],
) -> ApiResult<()> {
    let (oud, nieuw): (Vec<i16>, Vec<i16>) = indeling
        .iter()
        .filter_map(|(v, _)| {
            nieuw_nummer(indeling, *v)
                .filter(|n| n != v)
                .map(|n| (*v, n))
        })
        .unzip();
    for tabel in ["bijeenkomst", "oefening"] {
        let rijen = ctx
            .db()
            .query_all_raw(Statement::from_sql_and_values(
                DbBackend::Postgres,
                format!(
                    "UPDATE {tabel} AS t SET stap = m.nieuw, version = t.version + 1, updated_at = now() \
                     FROM unnest($2::smallint[], $3::smallint[]) AS m(oud, nieuw) \
                     WHERE t.traject_id = $1 AND t.stap = m.oud \
                     RETURNING t.id, m.oud, m.nieuw"
                ),
                [traject.id.into(), oud.clone().into(), nieuw.clone().into()],
            ))
            .await?;
        for rij in rijen {
            let id: Uuid = rij.try_get("", "id")?;
            let van: i16 = rij.try_get("", "oud")?;
            let naar: i16 = rij.try_get("", "nieuw")?;
            ctx.vastleggen(
                Actie::Gewijzigd,
                tabel,
                Some(traject.gemeente_id),
                id,
                Wijzigingen::new().waarde("stap", van, naar),
            )
            .await?;
        }
    }
    Ok(())
}
