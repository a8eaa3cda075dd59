//! De representatie van een budget en het openbare overzicht.

use crate::http::problem::ApiResult;
use crate::tenancy::Bron;
use crate::tenancy::Codes;
use crate::tenancy::Context;
use chrono::DateTime;
use chrono::Utc;
use entity::budget;
use entity::soorten::AanvraagStatus;
use entity::soorten::BudgetVorm;
use sea_orm::FromQueryResult;
use serde::Deserialize;
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

/// Een matchingverhouding: de toekenning is hoogstens de eigen bijdrage × teller /
/// noemer (naar beneden afgerond op de cent).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Verhouding {
    #[schema(minimum = 1, maximum = 100)]
    pub teller: i32,
    #[schema(minimum = 1, maximum = 100)]
    pub noemer: i32,
}

/// Een budget met zijn totalen (uit het grootboek): `gereserveerd` = Σreservering −
/// Σvrijval + Σcorrectie (uitbetaald geld blijft erin), `uitbetaald` = Σuitbetaling,
/// `beschikbaar` = `totaalBedrag` − `gereserveerd`. Bedragen in eurocenten.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Budget {
    pub id: Uuid,
    #[schema(example = "GM0828")]
    pub gemeente: String,
    pub naam: String,
    pub jaar: i32,
    pub vorm: BudgetVorm,
    pub totaal_bedrag: i64,
    pub max_per_aanvraag: i64,
    pub gebied_id: Option<Uuid>,
    /// Bij `matching` (standaard 1/1).
    pub matching: Verhouding,
    pub beslistermijn_dagen: i32,
    pub open: bool,
    pub gereserveerd: i64,
    pub uitbetaald: i64,
    pub vrijgevallen: i64,
    pub beschikbaar: i64,
    pub aangemaakt_op: DateTime<Utc>,
    /// Uitgefaseerd: gebruik `aangemaaktOp` (weg in de volgende major-versie).
    #[schema(deprecated)]
    pub created_at: DateTime<Utc>,
    pub gewijzigd_op: DateTime<Utc>,
    /// Uitgefaseerd: gebruik `gewijzigdOp` (weg in de volgende major-versie).
    #[schema(deprecated)]
    pub updated_at: DateTime<Utc>,
}

pub fn representatie(m: budget::Model, codes: &Codes) -> Budget {
    Budget {
        id: m.id,
        gemeente: codes.get(&m.gemeente_id).cloned().unwrap_or_default(),
        naam: m.naam,
        jaar: m.jaar,
        vorm: m.vorm,
        totaal_bedrag: m.totaal_bedrag,
        max_per_aanvraag: m.max_per_aanvraag,
        gebied_id: m.gebied_id,
        matching: Verhouding {
            teller: m.matching_teller,
            noemer: m.matching_noemer,
        },
        beslistermijn_dagen: m.beslistermijn_dagen,
        open: m.open,
        gereserveerd: m.gereserveerd,
        uitbetaald: m.uitbetaald,
        vrijgevallen: m.vrijgevallen,
        beschikbaar: m.totaal_bedrag - m.gereserveerd,
        aangemaakt_op: m.created_at,
        created_at: m.created_at,
        gewijzigd_op: m.updated_at,
        updated_at: m.updated_at,
    }
}

/// Toegekend bedrag per thema of gebied.
#[derive(Debug, Clone, Serialize, ToSchema, FromQueryResult)]
#[serde(rename_all = "camelCase")]
pub struct PerThema {
    /// `null`: aanvragen van een netwerk.
    pub thema: Option<String>,
    pub bedrag: i64,
}

#[derive(Debug, Clone, Serialize, ToSchema, FromQueryResult)]
#[serde(rename_all = "camelCase")]
pub struct PerGebied {
    /// `null`: zonder gebied.
    pub gebied_id: Option<Uuid>,
    pub bedrag: i64,
}

#[derive(Debug, Clone, Serialize, ToSchema, FromQueryResult)]
#[serde(rename_all = "camelCase")]
pub struct PerStatus {
    pub status: AanvraagStatus,
    pub aantal: i64,
}

#[derive(FromQueryResult)]
pub(super) struct Mediaan {
    pub(super) mediaan: Option<f64>,
}

/// Wat een raadslid of bewoner van een budget mag zien: geen persoonsgegevens.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Overzicht {
    pub budget_id: Uuid,
    pub naam: String,
    pub jaar: i32,
    pub totaal_bedrag: i64,
    pub gereserveerd: i64,
    pub uitbetaald: i64,
    pub beschikbaar: i64,
    pub toegekend_per_thema: Vec<PerThema>,
    pub toegekend_per_gebied: Vec<PerGebied>,
    pub aanvragen_per_status: Vec<PerStatus>,
    /// De mediaan van het aantal dagen van indienen tot besluit; `null` zonder besluiten.
    pub mediaan_dagen_tot_besluit: Option<f64>,
}

impl Bron for budget::Entity {
    const RESOURCE: &'static str = RESOURCE;
    const COLLECTIE: &'static str = "/api/v1/budgetten";
    type Weergave = Budget;

    async fn weergaven(ctx: &Context, rijen: Vec<budget::Model>) -> ApiResult<Vec<Budget>> {
        ctx.met_codes(rijen, representatie).await
    }
}

pub(super) const RESOURCE: &str = "budget";
