//! De inzage (issue 30, punt 4): alles wat over een sleutelpersoon is vastgelegd, in
//! elke tabel, voor de functionaris gegevensbescherming van de gemeente (AVG art. 15):
//! naast het record, de lidmaatschappen en het verwerkingenlogboek ook haar check-ins
//! en bezwaren, de meldingen over haar met hun opvolging, de bijeenkomsten en
//! oefeningen waaraan zij deelnam, en de regels van de audit trail over dit alles. Elk gekoppeld record
//! staat er veld voor veld, met `kanDerdenNoemen: true` bij vrije tekst die andere
//! mensen kan noemen (klasse `naam`): die toetst de FG voordat een kopie naar de
//! persoon gaat (art. 15 lid 4).

use entity::{
    audit_trail, bijeenkomst, melding, melding_opvolging, netwerk_lid, oefening,
    sleutelpersoon_bezwaar as bezwaar, sleutelpersoon_checkin as checkin,
};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, PrimaryKeyTrait, QueryFilter, QueryOrder};
use serde::Serialize;
use serde_json::Value;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::auth::zichtbaarheid::Klasse;
use crate::auth::zichtbaarheid::filter::Regels;
use crate::http::problem::ApiResult;
use crate::tenancy::{Bron, Context};

/// Eén veld van een gekoppeld record.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct InzageVeld {
    pub naam: String,
    pub waarde: Value,
    /// Vrije tekst die andere mensen kan noemen (klasse `naam`): de FG toetst haar
    /// voordat een kopie naar de persoon gaat.
    pub kan_derden_noemen: bool,
}

/// Een record dat aan de persoon vastzit, veld voor veld.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct InzageRecord {
    /// Het schema van het record in dit document, bv. `Melding` of `Bijeenkomst`.
    pub soort: String,
    pub id: Option<Uuid>,
    pub velden: Vec<InzageVeld>,
}

/// Een regel van de audit trail over de persoon of iets dat aan haar vastzit.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct InzageAudit {
    pub tijdstip: chrono::DateTime<chrono::Utc>,
    pub resource: String,
    pub resource_id: String,
    /// `aangemaakt`, `gewijzigd`, `verwijderd` of een handeling.
    pub actie: String,
    pub actor_soort: String,
    pub actor_id: Option<Uuid>,
    /// De gewijzigde velden: van persoonsgegevens en vrije tekst alleen de naam.
    pub wijzigingen: Value,
}

/// `waarde` (een object van schema `soort`) veld voor veld, met de klasse uit het
/// document.
fn record(regels: &Regels, soort: &str, waarde: impl Serialize) -> InzageRecord {
    let waarde = serde_json::to_value(waarde).unwrap_or(Value::Null);
    let id = waarde["id"].as_str().and_then(|s| s.parse().ok());
    let velden = match waarde {
        Value::Object(velden) => velden
            .into_iter()
            .map(|(naam, waarde)| InzageVeld {
                kan_derden_noemen: regels.klasse(soort, &naam) == Some(Klasse::Naam),
                naam,
                waarde,
            })
            .collect(),
        _ => Vec::new(),
    };
    InzageRecord {
        soort: soort.to_owned(),
        id,
        velden,
    }
}

/// De rijen van `B` als records, in de weergave die de module zelf geeft.
async fn records<B>(
    ctx: &Context,
    regels: &Regels,
    rijen: Vec<B::Model>,
) -> ApiResult<Vec<InzageRecord>>
where
    B: Bron,
    <B::PrimaryKey as PrimaryKeyTrait>::ValueType: From<Uuid>,
{
    let soort = <B::Weergave as ToSchema>::name();
    Ok(B::weergaven(ctx, rijen)
        .await?
        .into_iter()
        .map(|w| record(regels, &soort, w))
        .collect())
}

/// Wat aan persoon `id` vastzit, en de audit trail daarover.
pub(super) async fn gekoppeld(
    ctx: &Context,
    regels: &Regels,
    id: Uuid,
) -> ApiResult<(Vec<InzageRecord>, Vec<InzageAudit>)> {
    let db = ctx.db();
    let mut uit = Vec::new();
    let mut ids: Vec<Uuid> = vec![id];

    let leden = netwerk_lid::Entity::find()
        .filter(netwerk_lid::Column::SleutelpersoonId.eq(id))
        .all(db)
        .await?;
    ids.extend(leden.iter().map(|l| l.id));

    let checkins = checkin::Entity::find()
        .filter(checkin::Column::SleutelpersoonId.eq(id))
        .order_by_asc(checkin::Column::Datum)
        .all(db)
        .await?;
    ids.extend(checkins.iter().map(|c| c.id));
    uit.extend(
        checkins
            .into_iter()
            .map(|c| record(regels, "Checkin", super::checkins::weergave(c))),
    );

    let bezwaren = bezwaar::Entity::find()
        .filter(bezwaar::Column::SleutelpersoonId.eq(id))
        .order_by_asc(bezwaar::Column::CreatedAt)
        .all(db)
        .await?;
    ids.extend(bezwaren.iter().map(|b| b.id));
    uit.extend(
        bezwaren
            .into_iter()
            .map(|b| record(regels, "Bezwaar", super::bezwaar::weergave(b))),
    );

    meldingen_over(ctx, regels, id, &mut uit, &mut ids).await?;

    let bijeenkomsten = bijeenkomst::Entity::find()
        .filter(Expr::cust_with_values("$1 = ANY (aanwezigen)", [id]))
        .order_by_asc(bijeenkomst::Column::Datum)
        .all(db)
        .await?;
    uit.extend(records::<bijeenkomst::Entity>(ctx, regels, bijeenkomsten).await?);
    let oefeningen = oefening::Entity::find()
        .filter(Expr::cust_with_values("$1 = ANY (deelnemers)", [id]))
        .order_by_asc(oefening::Column::Datum)
        .all(db)
        .await?;
    uit.extend(records::<oefening::Entity>(ctx, regels, oefeningen).await?);

    let audit = audit_over(ctx, &ids).await?;
    Ok((uit, audit))
}

/// De regels van de audit trail over de persoon en wat aan haar vastzit (`ids`).
async fn audit_over(ctx: &Context, ids: &[Uuid]) -> ApiResult<Vec<InzageAudit>> {
    let ids: Vec<String> = ids.iter().map(Uuid::to_string).collect();
    let db = ctx.db();
    Ok(audit_trail::Entity::find()
        .filter(audit_trail::Column::ResourceId.is_in(ids))
        .filter(audit_trail::Column::Resource.is_in([
            "sleutelpersoon",
            "netwerk_lid",
            "sleutelpersoon_checkin",
            "sleutelpersoon_bezwaar",
            "melding",
            "melding_opvolging",
        ]))
        .order_by_asc(audit_trail::Column::Tijdstip)
        .order_by_asc(audit_trail::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|a| InzageAudit {
            tijdstip: a.tijdstip,
            resource: a.resource,
            resource_id: a.resource_id,
            actie: a.actie,
            actor_soort: a.actor_soort,
            actor_id: a.actor_id,
            wijzigingen: a.wijzigingen,
        })
        .collect())
}

/// De meldingen over de persoon en hun opvolging, als records; hun ids komen bij `ids`
/// (voor de audit trail).
async fn meldingen_over(
    ctx: &Context,
    regels: &Regels,
    id: Uuid,
    uit: &mut Vec<InzageRecord>,
    ids: &mut Vec<Uuid>,
) -> ApiResult<()> {
    let db = ctx.db();
    let meldingen = melding::Entity::find()
        .filter(melding::Column::SleutelpersoonId.eq(id))
        .order_by_asc(melding::Column::Datum)
        .all(db)
        .await?;
    let melding_ids: Vec<Uuid> = meldingen.iter().map(|m| m.id).collect();
    ids.extend(&melding_ids);
    uit.extend(records::<melding::Entity>(ctx, regels, meldingen).await?);
    let opvolging = melding_opvolging::Entity::find()
        .filter(melding_opvolging::Column::MeldingId.is_in(melding_ids))
        .order_by_asc(melding_opvolging::Column::Tijdstip)
        .all(db)
        .await?;
    ids.extend(opvolging.iter().map(|o| o.id));
    uit.extend(opvolging.into_iter().map(|o| {
        record(
            regels,
            "Opvolging",
            serde_json::json!({
                "id": o.id, "meldingId": o.melding_id, "tekst": o.tekst,
                "actorSoort": o.actor_soort, "actorId": o.actor_id, "tijdstip": o.tijdstip,
            }),
        )
    }));
    Ok(())
}
