//! De inzage (AVG art. 15): alles over één persoon, voor de FG van de gemeente.

use actix_web::HttpResponse;
use chrono::Utc;
use entity::{netwerk_lid, verwerking};
use entity::{sleutelpersoon, sleutelpersoon_gegevens as gegevens};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::audit::verwerking::{Activiteit, Handeling};
use crate::http::problem::ApiResult;
use crate::tenancy::Context;

use super::persoon::*;
use super::weergave::*;

/// Een lidmaatschap in de inzage.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct InzageLidmaatschap {
    pub netwerk_id: Uuid,
    pub rol: entity::soorten::LidRol,
    pub belang: Option<entity::soorten::Belang>,
    pub begin: Option<chrono::NaiveDate>,
    pub eind: Option<chrono::NaiveDate>,
}

/// Een regel van het verwerkingenlogboek over deze persoon.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct InzageVerwerking {
    pub tijdstip: chrono::DateTime<Utc>,
    pub actor_soort: String,
    pub actor_id: Option<Uuid>,
    pub actie: entity::soorten::VerwerkingActie,
    pub verwerkingsactiviteit: entity::soorten::Verwerkingsactiviteit,
}

/// Alles wat over een sleutelpersoon is vastgelegd (inzageverzoek, AVG art. 15).
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Inzage {
    pub sleutelpersoon: Sleutelpersoon,
    pub lidmaatschappen: Vec<InzageLidmaatschap>,
    /// Wat aan de persoon vastzit: check-ins, bezwaren, meldingen over haar met hun opvolging,
    /// bijeenkomsten en oefeningen waaraan zij deelnam, veld voor veld.
    pub gekoppeld: Vec<super::InzageRecord>,
    /// De audit trail over de persoon, haar lidmaatschappen, check-ins, bezwaren en
    /// meldingen.
    pub audit_trail: Vec<super::InzageAudit>,
    /// Het verwerkingenlogboek: elk verzoek dat haar gegevens verwerkte.
    pub verwerkingen: Vec<InzageVerwerking>,
}

pub(super) async fn inzage_antwoord(
    ctx: Context,
    regels: &crate::auth::zichtbaarheid::filter::Regels,
    model: sleutelpersoon::Model,
    g: Option<gegevens::Model>,
) -> ApiResult<HttpResponse> {
    ctx.verwerkt(&[model.id], Handeling::Export, Activiteit::Inzageverzoek)
        .await?;
    let codes = ctx.codes().await?;
    let historie = historie(&ctx, model.id).await?;
    let lidmaatschappen = netwerk_lid::Entity::find()
        .filter(netwerk_lid::Column::SleutelpersoonId.eq(model.id))
        .order_by_asc(netwerk_lid::Column::CreatedAt)
        .all(ctx.db())
        .await?
        .into_iter()
        .map(|l| InzageLidmaatschap {
            netwerk_id: l.netwerk_id,
            rol: l.rol,
            belang: l.belang,
            begin: l.begin,
            eind: l.eind,
        })
        .collect();
    let verwerkingen = verwerking::Entity::find()
        .filter(crate::audit::verwerking::over(model.id))
        .order_by_asc(verwerking::Column::Tijdstip)
        .order_by_asc(verwerking::Column::Id)
        .all(ctx.db())
        .await?
        .into_iter()
        .map(|v| InzageVerwerking {
            tijdstip: v.tijdstip,
            actor_soort: v.actor_soort,
            actor_id: v.actor_id,
            actie: v.actie,
            verwerkingsactiviteit: v.verwerkingsactiviteit,
        })
        .collect();
    let (gekoppeld, audit_trail) = super::gekoppeld::gekoppeld(&ctx, regels, model.id).await?;
    let body = Inzage {
        sleutelpersoon: representatie(model, g, &codes, Some(historie)),
        lidmaatschappen,
        gekoppeld,
        audit_trail,
        verwerkingen,
    };
    let response = HttpResponse::Ok().json(body);
    ctx.commit_then(response).await
}
