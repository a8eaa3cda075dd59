//! Een stap van een traject bijhouden (`PATCH /trajecten/{id}/stappen/{nummer}`).

use crate::http::problem::Foutcode;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, patch, web};
use chrono::Utc;
use entity::{netwerk, traject, traject_stap};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter};
use uuid::Uuid;

use crate::audit::{Actie, Wijzigingen};
use crate::auth::Recht;
use crate::domein::leidraad::{Vinkje, antwoorden_samenvoegen, vinkjes_zetten};
use crate::domein::stappenplan::{BESLISSTAP, Stand, Verzoek, Weigering, stap_bijwerken};
use crate::http::etag::IfMatch;
use crate::http::invoer::{Fouten, Invoer};
use crate::http::problem::{ApiError, ApiResult, Code, InvalidParam, Problem};
use crate::modules::kolommen::naar_json;
use crate::modules::stappenplannen;
use crate::tenancy::Context;

use super::invoer::*;
use super::weergave::RESOURCE;
use super::weergave::*;

use super::traject::{bump, gesloten};

/// Een stap bijhouden
///
/// Status (`open` → `bezig` → `afgerond`, of `overgeslagen`; een afgeronde stap gaat
/// alleen terug naar `bezig`), datums en notities. Beginnen met `bezig` zet
/// `gestartOp` op vandaag, afronden zet `afgerondOp` op vandaag, tenzij meegegeven.
/// Bij `weerbaarheid` sluit alleen een `go` van het beslismoment stap 4 af (ook
/// overslaan kan niet). Aan stap 5–12 werken vóór een `go` mag (de handreiking is
/// "geen protocol met een vaste volgorde"); het traject krijgt dan de waarschuwing
/// `voor_beslismoment`. Het `ETag` is dat van het traject; stuur het mee als `If-Match`.
#[utoipa::path(
    operation_id = "updateTrajectStap",
    params(
        ("id" = Uuid, Path, description = "Id van het traject"),
        ("nummer" = i16, Path, description = "Het stapnummer (coordinerend 0–6, coachend 0–4, weerbaarheid 1–12)"),
    ),
    request_body = StapWijziging,
    responses(
        (status = 200, description = "Het traject met de bijgewerkte stap.", body = Traject),
        (status = 409, description = "Een overgang die niet kan: gesloten traject, stap 4 afsluiten zonder go, afgerond → open.", body = Problem, content_type = "application/problem+json"),
    ),
)]
#[patch("/trajecten/{id}/stappen/{nummer}")]
pub async fn update_stap(
    ctx: Context,
    path: web::Path<(Uuid, i64)>,
    if_match: IfMatch,
    mut invoer: Invoer<StapWijziging>,
) -> ApiResult<HttpResponse> {
    ctx.require(Recht::TrajectenSchrijven)?;
    let (id, nummer) = path.into_inner();
    let huidig = ctx.find_for_update::<traject::Entity>(id).await?;
    let nummer = stappenplannen::stapnummer(huidig.aanpak, nummer)?;
    let codes = ctx.codes().await?;
    let gids = Leidraden::van(&ctx, std::slice::from_ref(&huidig))
        .await?
        .stap(&huidig, nummer, &codes);
    ctx.verwijzing::<netwerk::Entity, _>(&mut invoer, "netwerkId")
        .await?;
    if let Some(deel) = invoer.deel() {
        let fouten = sleutels_controleren(&deel, &gids);
        invoer.fouten().voeg_toe(fouten);
    }
    let invoer = invoer.klaar()?;
    if_match.check(huidig.version)?;
    gesloten(&huidig)?;
    let stap = stap_van(&ctx, id, nummer).await?;
    let stand = Stand {
        status: stap.status,
        gestart_op: stap.gestart_op,
        afgerond_op: stap.afgerond_op,
    };
    let verzoek = Verzoek {
        status: invoer.status,
        gestart_op: invoer.gestart_op.wijziging(),
        afgerond_op: invoer.afgerond_op.wijziging(),
    };
    let go = delen_van_een(&ctx, huidig.id).await?.go();
    let vandaag = crate::domein::tijd::vandaag();
    let nieuw =
        stap_bijwerken(huidig.aanpak, nummer, go, stand, verzoek, vandaag).map_err(weigering)?;

    let mut model: traject_stap::ActiveModel = stap.clone().into();
    let mut w = stap_zetten(&mut model, nummer, nieuw, invoer.notities.wijziging());
    let door = ctx.caller.actor.id();
    leidraad_zetten(
        &mut w,
        &mut model,
        &stap,
        &gids,
        invoer.antwoorden,
        invoer.afgevinkt,
        door,
    )?;
    w.zet(
        &format!("stappen.{nummer}.netwerkId"),
        &mut model.netwerk_id,
        invoer.netwerk_id.wijziging(),
    );
    if w.is_empty() {
        return ctx.toon::<traject::Entity>(StatusCode::OK, huidig).await;
    }
    model.update(ctx.db()).await?;
    let model = bump(&ctx, huidig.into(), None).await?;
    ctx.vastleggen(
        Actie::Gewijzigd,
        RESOURCE,
        Some(model.gemeente_id),
        model.id,
        w,
    )
    .await?;
    ctx.vastgelegd::<traject::Entity>(StatusCode::OK, model)
        .await
}

/// Zet de antwoorden en vinkjes van een stap: antwoorden voegen samen op sleutel
/// (`null` verwijdert), `afgevinkt` is de volledige set na het verzoek.
fn leidraad_zetten(
    w: &mut Wijzigingen,
    model: &mut traject_stap::ActiveModel,
    stap: &traject_stap::Model,
    gids: &StapGids,
    antwoorden: Option<Vec<AntwoordInvoer>>,
    afgevinkt: Option<Vec<String>>,
    door: Option<Uuid>,
) -> ApiResult<()> {
    let nummer = stap.nummer;
    let veld = |naam: &str| format!("stappen.{nummer}.{naam}");
    if let Some(lijst) = antwoorden {
        let paren: Vec<_> = lijst.into_iter().map(|a| (a.sleutel, a.antwoord)).collect();
        let nieuw = antwoorden_samenvoegen(&antwoorden_van(&stap.antwoorden), &paren);
        // Antwoorden kunnen namen bevatten: de audit trail legt alleen de veldnaam vast.
        w.zet_alleen_naam(
            &veld("antwoorden"),
            &mut model.antwoorden,
            Some(naar_json(&nieuw)),
        );
    }
    if let Some(afgevinkt) = afgevinkt {
        let huidig_vinkjes = vinkjes_van(&stap.afgevinkt);
        let nu = Vinkje {
            door,
            op: Utc::now(),
        };
        let mut nieuw = vinkjes_zetten(&huidig_vinkjes, &afgevinkt, nu);
        // Vinkjes op verwijderde aanvullingen blijven staan (alleen lezen).
        nieuw.extend(
            huidig_vinkjes
                .into_iter()
                .filter(|(k, _)| !gids.checklist.contains(k)),
        );
        w.zet(
            &veld("afgevinkt"),
            &mut model.afgevinkt,
            Some(naar_json(&nieuw)),
        );
    }
    Ok(())
}

/// Zet de nieuwe stand van een stap (en eventueel de notities) en houdt bij wat
/// veranderde, onder `stappen.{nummer}.{veld}`.
fn stap_zetten(
    model: &mut traject_stap::ActiveModel,
    nummer: i16,
    nieuw: Stand,
    notities: Option<Option<String>>,
) -> Wijzigingen {
    let mut w = Wijzigingen::new();
    let veld = |naam: &str| format!("stappen.{nummer}.{naam}");
    w.zet(&veld("status"), &mut model.status, Some(nieuw.status));
    w.zet(
        &veld("gestartOp"),
        &mut model.gestart_op,
        Some(nieuw.gestart_op),
    );
    w.zet(
        &veld("afgerondOp"),
        &mut model.afgerond_op,
        Some(nieuw.afgerond_op),
    );
    // Notities kunnen namen bevatten: de audit trail legt alleen de veldnaam vast.
    w.zet(&veld("notities"), &mut model.notities, notities);
    w
}

/// De sleutels van `antwoorden` en `afgevinkt` moeten in de leidraad van de stap
/// staan: de vragen en de checklist van de versie en de actieve aanvullingen.
fn sleutels_controleren(deel: &StapWijziging, gids: &StapGids) -> Fouten {
    let mut fouten = Fouten::new();
    for (i, a) in deel.antwoorden.iter().flatten().enumerate() {
        fouten.check(
            gids.vragen.contains(&a.sleutel),
            &format!("antwoorden.{i}.sleutel"),
            Foutcode::OnbekendeSleutel,
            format!(
                "De leidraad van deze stap heeft geen vraag {}; zie leidraad.vragen en leidraad.aanvullingen.",
                a.sleutel
            ),
        );
    }
    for (i, sleutel) in deel.afgevinkt.iter().flatten().enumerate() {
        fouten.check(
            gids.checklist.contains(sleutel),
            &format!("afgevinkt.{i}"),
            Foutcode::OnbekendeSleutel,
            format!(
                "De leidraad van deze stap heeft geen checklistpunt {sleutel}; zie leidraad.checklist en leidraad.aanvullingen."
            ),
        );
    }
    fouten
}

/// Een stap van een traject in de gemeente van de aanroeper.
pub(super) async fn stap_van(
    ctx: &Context,
    traject_id: Uuid,
    nummer: i16,
) -> ApiResult<traject_stap::Model> {
    ctx.scoped(traject_stap::Entity::find())
        .filter(traject_stap::Column::TrajectId.eq(traject_id))
        .filter(traject_stap::Column::Nummer.eq(nummer))
        .one(ctx.db())
        .await?
        .ok_or(ApiError::NotFound)
}

/// Een geweigerde overgang als antwoord: 409 met de reden, of 400 voor datums.
fn weigering(weigering: Weigering) -> ApiError {
    match weigering {
        Weigering::Overgang { van, naar } => ApiError::Conflict(
            Code::StapOvergangOngeldig,
            format!(
                "Een stap gaat niet van {} naar {}; zet hem eerst weer op bezig.",
                van.as_str(),
                naar.as_str()
            ),
        ),
        Weigering::Beslismoment => ApiError::Conflict(
            Code::BesluitOntbreekt,
            format!(
                "Stap {BESLISSTAP} eindigt met het beslismoment: alleen een go (POST /api/v1/trajecten/{{id}}/besluiten) sluit hem af."
            ),
        ),
        Weigering::EindVoorBegin => ApiError::Validation(vec![InvalidParam::new(
            "afgerondOp",
            Foutcode::Ongeldig,
            "afgerondOp ligt vóór gestartOp.",
        )]),
    }
}
