//! De representatie van een netwerk en een lidmaatschap.

use super::invoer::Afspraken;
use super::invoer::{BijeenkomstAfspraken, Crisisafspraak};
use crate::http::problem::ApiResult;
use crate::modules::kolommen::lijst;
use crate::tenancy::Bron;
use crate::tenancy::Codes;
use crate::tenancy::Context;
use chrono::DateTime;
use chrono::NaiveDate;
use chrono::Utc;
use entity::netwerk;
use entity::netwerk_lid;
use entity::soorten::Belang;
use entity::soorten::GemeenteRol;
use entity::soorten::LidRol;
use entity::soorten::NetwerkDoel;
use entity::soorten::NetwerkFase;
use entity::soorten::NetwerkVorm;
use entity::soorten::Tegenprestatie;
use entity::soorten::Voorzitter;
use entity::soorten::Werkwijze;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use serde::Deserialize;
use serde::Serialize;
use std::collections::HashMap;
use utoipa::ToSchema;
use uuid::Uuid;

/// Een fase met de datum waarop het netwerk erin kwam.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct FaseRegel {
    pub fase: NetwerkFase,
    pub datum: NaiveDate,
}

/// De rol(len) van de gemeente vanaf een datum.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct RolRegel {
    pub gemeente_rol: Vec<GemeenteRol>,
    pub vanaf: NaiveDate,
}

/// Een netwerk.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Netwerk {
    pub id: Uuid,
    #[schema(example = "GM0828")]
    pub gemeente: String,
    pub naam: String,
    pub vorm: NetwerkVorm,
    pub doelen: Vec<NetwerkDoel>,
    pub gemeente_rol: Vec<GemeenteRol>,
    /// Elke verandering van de rol(len) van de gemeente, oudste eerst.
    pub gemeente_rol_historie: Vec<RolRegel>,
    pub fase: NetwerkFase,
    /// Elke faseovergang met haar datum, oudste eerst.
    pub fase_historie: Vec<FaseRegel>,
    pub werkwijze: Option<Werkwijze>,
    pub voorzitter: Option<Voorzitter>,
    pub kerngroep: bool,
    pub tegenprestaties: Vec<Tegenprestatie>,
    pub gebied_ids: Vec<Uuid>,
    #[schema(schema_with = crate::http::invoer::externe_referentie_of_leeg)]
    pub externe_referentie: Option<String>,
    pub contactambtenaren: Vec<Uuid>,
    /// De vaste contactpersoon, een van de `contactambtenaren`; `null` als er geen is.
    pub primair: Option<Uuid>,
    pub afspraken: Option<Afspraken>,
    pub crisisafspraken: Vec<Crisisafspraak>,
    /// Wat tweede bijeenkomsten van dit netwerk afspraken (`afspraken` van de
    /// bijeenkomst), oudste eerst, alleen lezen: niets wordt overgenomen in `afspraken`,
    /// `doelen` of `crisisafspraken` van het netwerk, behalve door een PATCH.
    pub afspraken_bijeenkomsten: Vec<AfspraakBijeenkomst>,
    pub aangemaakt_op: DateTime<Utc>,
    /// Uitgefaseerd: gebruik `aangemaaktOp` (weg in de volgende major-versie).
    #[schema(deprecated)]
    pub created_at: DateTime<Utc>,
    pub gewijzigd_op: DateTime<Utc>,
    /// Uitgefaseerd: gebruik `gewijzigdOp` (weg in de volgende major-versie).
    #[schema(deprecated)]
    pub updated_at: DateTime<Utc>,
}

pub(super) use crate::modules::kolommen::{json, tekst};

/// De afspraken van één tweede bijeenkomst van het netwerk.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct AfspraakBijeenkomst {
    pub bijeenkomst_id: Uuid,
    pub datum: NaiveDate,
    pub afspraken: BijeenkomstAfspraken,
}

/// De afspraken van de tweede bijeenkomsten van deze netwerken, per netwerk, oudste
/// eerst: één query.
async fn afspraken_van(
    ctx: &Context,
    ids: Vec<Uuid>,
) -> ApiResult<HashMap<Uuid, Vec<AfspraakBijeenkomst>>> {
    use entity::bijeenkomst::{Column as B, Entity};
    let mut uit: HashMap<Uuid, Vec<AfspraakBijeenkomst>> = HashMap::new();
    if ids.is_empty() {
        return Ok(uit);
    }
    let rijen: Vec<(Uuid, Option<Uuid>, NaiveDate, Option<serde_json::Value>)> = ctx
        .scoped(Entity::find())
        .filter(B::NetwerkId.is_in(ids))
        .filter(B::Afspraken.is_not_null())
        .select_only()
        .columns([B::Id, B::NetwerkId, B::Datum, B::Afspraken])
        .order_by_asc(B::Datum)
        .order_by_asc(B::Id)
        .into_tuple()
        .all(ctx.db())
        .await?;
    for (id, netwerk, datum, afspraken) in rijen {
        let afspraken = afspraken.and_then(|a| serde_json::from_value(a).ok());
        if let (Some(netwerk), Some(afspraken)) = (netwerk, afspraken) {
            uit.entry(netwerk).or_default().push(AfspraakBijeenkomst {
                bijeenkomst_id: id,
                datum,
                afspraken,
            });
        }
    }
    Ok(uit)
}

pub fn representatie(
    m: netwerk::Model,
    codes: &Codes,
    afspraken_bijeenkomsten: Vec<AfspraakBijeenkomst>,
) -> Netwerk {
    Netwerk {
        id: m.id,
        gemeente: codes.get(&m.gemeente_id).cloned().unwrap_or_default(),
        naam: m.naam,
        vorm: m.vorm,
        doelen: lijst(&m.doelen),
        gemeente_rol: lijst(&m.gemeente_rol),
        gemeente_rol_historie: json(&m.rol_historie),
        fase: m.fase,
        fase_historie: json(&m.fase_historie),
        werkwijze: m.werkwijze,
        voorzitter: m.voorzitter,
        kerngroep: m.kerngroep,
        tegenprestaties: lijst(&m.tegenprestaties),
        gebied_ids: m.gebied_ids,
        externe_referentie: m.externe_referentie,
        contactambtenaren: m.contactambtenaren,
        primair: m.primair,
        afspraken: m.afspraken.and_then(|a| serde_json::from_value(a).ok()),
        crisisafspraken: json(&m.crisisafspraken),
        afspraken_bijeenkomsten,
        aangemaakt_op: m.created_at,
        created_at: m.created_at,
        gewijzigd_op: m.updated_at,
        updated_at: m.updated_at,
    }
}

/// Een sleutelpersoon in een netwerk. Zonder persoonsgegevens: die staan bij de
/// sleutelpersoon, voor wie ze mag zien.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Lidmaatschap {
    pub id: Uuid,
    #[schema(example = "GM0828")]
    pub gemeente: String,
    pub netwerk_id: Uuid,
    pub sleutelpersoon_id: Uuid,
    pub rol: LidRol,
    pub belang: Option<Belang>,
    pub begin: Option<NaiveDate>,
    pub eind: Option<NaiveDate>,
    pub aangemaakt_op: DateTime<Utc>,
    pub gewijzigd_op: DateTime<Utc>,
}

pub fn lid(m: netwerk_lid::Model, codes: &Codes) -> Lidmaatschap {
    Lidmaatschap {
        id: m.id,
        gemeente: codes.get(&m.gemeente_id).cloned().unwrap_or_default(),
        netwerk_id: m.netwerk_id,
        sleutelpersoon_id: m.sleutelpersoon_id,
        rol: m.rol,
        belang: m.belang,
        begin: m.begin,
        eind: m.eind,
        aangemaakt_op: m.created_at,
        gewijzigd_op: m.updated_at,
    }
}

impl Bron for netwerk::Entity {
    const RESOURCE: &'static str = RESOURCE;
    const COLLECTIE: &'static str = "/api/v1/netwerken";
    type Weergave = Netwerk;

    /// Met de afspraken van hun tweede bijeenkomsten (één query voor alle rijen).
    async fn weergaven(ctx: &Context, rijen: Vec<netwerk::Model>) -> ApiResult<Vec<Netwerk>> {
        let afspraken = afspraken_van(ctx, rijen.iter().map(|n| n.id).collect()).await?;
        ctx.met_codes(rijen, |m, codes| {
            let eigen = afspraken.get(&m.id).cloned().unwrap_or_default();
            representatie(m, codes, eigen)
        })
        .await
    }
}

pub(super) const RESOURCE: &str = "netwerk";
