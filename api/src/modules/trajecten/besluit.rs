//! Het beslismoment van het weerbaarheidsplan (`POST /trajecten/{id}/besluiten`),
//! aan het eind van stap 4: "Zijn de voorwaarden op orde? Dan kun je door naar stap 5."

use crate::http::problem::Foutcode;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, post, web};
use chrono::{NaiveDate, Utc};
use entity::{traject, traject_besluit, traject_stap};
use sea_orm::{ActiveModelTrait, ActiveValue::Set};
use uuid::Uuid;

use crate::audit::{Actie, Wijzigingen};
use crate::auth::Recht;
use crate::domein::stappenplan::{
    BESLISSTAP, BesluitSoort, BesluitWeigering, Plan, StapStatus, besluit_soort,
};
use crate::http::invoer::Invoer;
use crate::http::problem::{ApiError, ApiResult, Code, InvalidParam, Problem};
use crate::tenancy::Context;

use super::invoer::*;
use super::weergave::RESOURCE;
use super::weergave::*;
use entity::soorten::{BesluitKeuze, TrajectStatus};

use super::stappen::stap_van;
use super::traject::{bump, gesloten, niet_in_de_toekomst};

/// Een besluit op het beslismoment of een evaluatie
///
/// Alleen bij `weerbaarheid`. Het beslismoment, aan het eind van stap 4
/// (randvoorwaarden op orde):
/// - `go`: stap 4 is afgerond (op `datum`); het plan van aanpak (stap 5) volgt;
/// - `nog_niet`: de randvoorwaarden zijn nog niet op orde; stap 4 blijft bezig en er
///   volgt later een nieuw besluit;
/// - `no_go`: samenwerking met de gemeenschap past niet; het traject stopt (definitief).
///
/// Na een `go` is elk besluit een evaluatie (de "evaluatie- en beslismomenten" van het
/// plan van aanpak): `go` (door) of `no_go` (stop); `nog_niet` is dan 400. De dienst
/// zet `soort` (`beslismoment` of `evaluatie`). Na een `no_go` is een nieuw besluit
/// 409 `besluit_genomen`. Aan stap 5–12 werken vóór een go mag, met de waarschuwing
/// `voor_beslismoment` op het traject.
#[utoipa::path(
    operation_id = "createTrajectBesluit",
    params(("id" = Uuid, Path, description = "Id van het traject")),
    request_body = BesluitInvoer,
    responses(
        (status = 200, description = "Het traject met het nieuwe besluit in `besluiten`.", body = Traject),
        (status = 400, description = "Een ongeldige invoer, of `nog_niet` na een go (`besluit`).", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Geen weerbaarheidsplan (`geen_beslismoment`), gestopt na een `no_go` (`besluit_genomen`), of het traject is gesloten (`traject_gesloten`).", body = Problem, content_type = "application/problem+json"),
    ),
)]
#[post("/trajecten/{id}/besluiten")]
pub async fn create_besluit(
    ctx: Context,
    id: web::Path<Uuid>,
    mut invoer: Invoer<BesluitInvoer>,
) -> ApiResult<HttpResponse> {
    ctx.require(Recht::TrajectenSchrijven)?;
    let huidig = ctx.find_for_update::<traject::Entity>(*id).await?;
    let fouten = niet_in_de_toekomst(invoer.deel().and_then(|d| d.datum), "Een besluit");
    invoer.fouten().voeg_toe(fouten);
    let BesluitInvoer {
        besluit: keuze,
        reden,
        datum,
    } = invoer.klaar()?;
    let soort = kan_besluiten(&ctx, &huidig, keuze).await?;
    let datum = datum.unwrap_or_else(crate::domein::tijd::vandaag);
    traject_besluit::ActiveModel {
        id: Set(Uuid::now_v7()),
        gemeente_id: Set(huidig.gemeente_id),
        traject_id: Set(huidig.id),
        besluit: Set(keuze),
        soort: Set(soort),
        reden: Set(reden),
        datum: Set(datum),
        door: Set(ctx.caller.actor.id()),
        created_at: Set(Utc::now()),
    }
    .insert(ctx.db())
    .await?;
    if soort == BesluitSoort::Beslismoment {
        beslisstap_bijwerken(&ctx, huidig.id, keuze, datum).await?;
    }
    let status = (keuze == BesluitKeuze::NoGo).then_some(TrajectStatus::Gestopt);
    let model = bump(&ctx, huidig.clone().into(), status).await?;
    ctx.vastleggen(
        Actie::Gewijzigd,
        RESOURCE,
        Some(model.gemeente_id),
        model.id,
        Wijzigingen::new()
            .nieuw("besluit", keuze)
            .nieuw("besluitSoort", soort)
            .alleen_naam("besluitReden")
            .nieuw("besluitDatum", datum)
            .waarde("status", huidig.status, model.status),
    )
    .await?;
    ctx.vastgelegd::<traject::Entity>(StatusCode::OK, model)
        .await
}

/// Stap 4 na het besluit: een `go` sluit haar af op de datum van het besluit, een
/// `nog_niet` houdt haar bezig; een `no_go` laat haar zoals ze is.
async fn beslisstap_bijwerken(
    ctx: &Context,
    traject_id: Uuid,
    keuze: BesluitKeuze,
    datum: NaiveDate,
) -> ApiResult<()> {
    let stap = stap_van(ctx, traject_id, BESLISSTAP).await?;
    let gestart = stap.gestart_op.filter(|g| *g <= datum).unwrap_or(datum);
    let mut actief: traject_stap::ActiveModel = stap.into();
    match keuze {
        BesluitKeuze::Go => {
            actief.status = Set(StapStatus::Afgerond);
            actief.gestart_op = Set(Some(gestart));
            actief.afgerond_op = Set(Some(datum));
        }
        BesluitKeuze::NogNiet => {
            actief.status = Set(StapStatus::Bezig);
            actief.gestart_op = Set(Some(gestart));
            actief.afgerond_op = Set(None);
        }
        BesluitKeuze::NoGo => return Ok(()),
    }
    actief.update(ctx.db()).await?;
    Ok(())
}

/// Alleen een lopend weerbaarheidsplan zonder `no_go` krijgt een besluit; wat het
/// wordt (beslismoment of evaluatie) volgt uit de besluiten ervoor.
async fn kan_besluiten(
    ctx: &Context,
    huidig: &traject::Model,
    keuze: BesluitKeuze,
) -> ApiResult<BesluitSoort> {
    if huidig.aanpak != Plan::Weerbaarheid {
        return Err(ApiError::Conflict(
            Code::GeenBeslismoment,
            "Alleen het weerbaarheidsplan heeft een beslismoment.".into(),
        ));
    }
    let eerder = delen_van_een(ctx, huidig.id).await?.keuzes();
    let soort = match besluit_soort(&eerder, keuze) {
        Ok(soort) => soort,
        Err(BesluitWeigering::Gestopt) => {
            return Err(ApiError::Conflict(
                Code::BesluitGenomen,
                "Over dit traject is besloten dat samenwerking niet past (no_go); een nieuw besluit kan niet meer.".into(),
            ));
        }
        Err(BesluitWeigering::NogNietNaGo) => {
            return Err(ApiError::Validation(vec![InvalidParam::new(
                "besluit",
                Foutcode::Ongeldig,
                "Na een go is een besluit een evaluatie: go (door) of no_go (stoppen); nog_niet hoort bij het beslismoment.",
            )]));
        }
    };
    gesloten(huidig)?;
    Ok(soort)
}
