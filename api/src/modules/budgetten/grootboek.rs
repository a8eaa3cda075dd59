//! Het grootboek van een budget: elke mutatie boekt meteen door naar de totalen (de
//! database weigert overschrijding); de aanvragen en initiatieven boeken hier ook.

use chrono::{DateTime, Utc};
use entity::soorten::MutatieSoort;
use entity::{aanvraag, mutatie};
use sea_orm::{ActiveModelTrait, ActiveValue::Set};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::audit::{Actie, Wijzigingen};
use crate::http::problem::ApiResult;
use crate::tenancy::Context;

/// Een regel van het grootboek. Bedragen in eurocenten; een `correctie` kan negatief zijn.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Mutatie {
    pub id: Uuid,
    pub budget_id: Uuid,
    pub aanvraag_id: Uuid,
    pub soort: MutatieSoort,
    pub bedrag: i64,
    pub omschrijving: Option<String>,
    /// Wie de regel boekte (gebruiker of koppeling).
    pub door: Option<Uuid>,
    pub tijdstip: DateTime<Utc>,
}

pub fn mutatie_weergave(m: mutatie::Model) -> Mutatie {
    Mutatie {
        id: m.id,
        budget_id: m.budget_id,
        aanvraag_id: m.aanvraag_id,
        soort: m.soort,
        bedrag: m.bedrag,
        omschrijving: m.omschrijving,
        door: m.door,
        tijdstip: m.tijdstip,
    }
}

/// Legt een regel in het grootboek van `budget_id` vast voor aanvraag `a`, ook in de
/// audit trail. De database werkt de totalen bij en weigert overschrijding.
pub async fn boek(
    ctx: &Context,
    a: &aanvraag::Model,
    budget_id: Uuid,
    soort: MutatieSoort,
    bedrag: i64,
    omschrijving: Option<String>,
) -> ApiResult<mutatie::Model> {
    let regel = mutatie::ActiveModel {
        id: Set(Uuid::now_v7()),
        gemeente_id: Set(a.gemeente_id),
        budget_id: Set(budget_id),
        aanvraag_id: Set(a.id),
        soort: Set(soort),
        bedrag: Set(bedrag),
        omschrijving: Set(omschrijving.clone()),
        door: Set(ctx.caller.actor.id()),
        tijdstip: Set(Utc::now()),
    }
    .insert(ctx.db())
    .await?;
    let w = Wijzigingen::new()
        .nieuw("budgetId", regel.budget_id)
        .nieuw("aanvraagId", regel.aanvraag_id)
        .nieuw("soort", soort)
        .nieuw("bedrag", bedrag)
        .alleen_naam_als(omschrijving.is_some(), "omschrijving");
    ctx.vastleggen(
        Actie::Aangemaakt,
        "mutatie",
        Some(a.gemeente_id),
        regel.id,
        w,
    )
    .await?;
    // De database boekte door naar de totalen van het budget: die wijziging staat er
    // ook, zodat wie het budget bijhoudt (de wijzigingenstroom) het weet.
    ctx.vastleggen(
        Actie::Gewijzigd,
        "budget",
        Some(a.gemeente_id),
        budget_id,
        totalen(soort),
    )
    .await?;
    // En naar die van de aanvraag (`gereserveerd`, `uitbetaald`). Een reservering
    // hoort bij het besluit, dat de aanvraag zelf al als gewijzigd vastlegt.
    if soort != MutatieSoort::Reservering {
        let w = match soort {
            MutatieSoort::Uitbetaling => Wijzigingen::new().alleen_naam("uitbetaald"),
            _ => Wijzigingen::new().alleen_naam("gereserveerd"),
        };
        ctx.vastleggen(Actie::Gewijzigd, "aanvraag", Some(a.gemeente_id), a.id, w)
            .await?;
    }
    Ok(regel)
}

/// De totalen van het budget die een regel van deze soort verandert (de trigger
/// `mutatie_boeken`, migratie 000013); met `gereserveerd` verandert ook `beschikbaar`.
fn totalen(soort: MutatieSoort) -> Wijzigingen {
    let w = Wijzigingen::new();
    match soort {
        MutatieSoort::Reservering | MutatieSoort::Correctie => {
            w.alleen_naam("gereserveerd").alleen_naam("beschikbaar")
        }
        MutatieSoort::Uitbetaling => w.alleen_naam("uitbetaald"),
        MutatieSoort::Vrijval => w
            .alleen_naam("gereserveerd")
            .alleen_naam("vrijgevallen")
            .alleen_naam("beschikbaar"),
    }
}

/// Het niet uitbetaalde deel van de reservering van `a` vrijgeven (bij afsluiten, of
/// als het initiatief eindigt); niets als er niets open staat.
pub async fn vrijgeven(ctx: &Context, a: &aanvraag::Model, reden: &str) -> ApiResult<()> {
    let open = a.gereserveerd - a.uitbetaald;
    if open > 0 {
        boek(
            ctx,
            a,
            a.budget_id,
            MutatieSoort::Vrijval,
            open,
            Some(reden.to_owned()),
        )
        .await?;
    }
    Ok(())
}

/// Een mutatie die het verzoek zelf is (een correctie, een uitbetaling): boeken, en
/// 201 met de mutatie en haar `Location`.
pub async fn geboekt(
    ctx: Context,
    a: &aanvraag::Model,
    budget_id: Uuid,
    soort: MutatieSoort,
    bedrag: i64,
    omschrijving: String,
) -> ApiResult<actix_web::HttpResponse> {
    let regel = boek(&ctx, a, budget_id, soort, bedrag, Some(omschrijving)).await?;
    let pad = format!(
        "{}/budgetten/{budget_id}/mutaties/{}",
        crate::http::openapi::BASE_PATH,
        regel.id
    );
    let antwoord = actix_web::HttpResponse::Created()
        .insert_header((actix_web::http::header::LOCATION, pad))
        .json(mutatie_weergave(regel));
    ctx.commit_then(antwoord).await
}
