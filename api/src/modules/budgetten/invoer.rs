//! De invoer van de operaties op budgetten, elk één getypte struct.

use entity::soorten::BudgetVorm;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use super::weergave::*;
use crate::http::invoer::Veld;

/// Een nieuw budget.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NieuwBudget {
    #[schema(min_length = 1, max_length = 200)]
    pub(super) naam: String,
    #[schema(minimum = 2000, maximum = 2100)]
    pub(super) jaar: i32,
    pub(super) vorm: BudgetVorm,
    /// In eurocenten.
    #[schema(minimum = 0, maximum = 100_000_000_000_i64)]
    pub(super) totaal_bedrag: i64,
    /// In eurocenten.
    #[schema(minimum = 1, maximum = 100_000_000_000_i64)]
    pub(super) max_per_aanvraag: i64,
    /// Een gebied van de eigen gemeente.
    pub(super) gebied_id: Option<Uuid>,
    /// Alleen zinvol bij `matching`; standaard 1/1.
    pub(super) matching: Option<Verhouding>,
    /// Standaard 14.
    #[schema(minimum = 1, maximum = 365)]
    pub(super) beslistermijn_dagen: Option<i32>,
    /// Standaard open.
    pub(super) open: Option<bool>,
}

/// Een wijziging van een budget. Het totaal gaat omhoog, of omlaag tot wat al
/// gereserveerd is (409 `budget_te_laag`).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BudgetWijziging {
    #[schema(min_length = 1, max_length = 200)]
    pub(super) naam: Option<String>,
    #[schema(minimum = 0, maximum = 100_000_000_000_i64)]
    pub(super) totaal_bedrag: Option<i64>,
    #[schema(minimum = 1, maximum = 100_000_000_000_i64)]
    pub(super) max_per_aanvraag: Option<i64>,
    #[serde(default)]
    #[schema(value_type = Option<Uuid>)]
    pub(super) gebied_id: Veld<Uuid>,
    pub(super) matching: Option<Verhouding>,
    #[schema(minimum = 1, maximum = 365)]
    pub(super) beslistermijn_dagen: Option<i32>,
    pub(super) open: Option<bool>,
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(rename_all = "camelCase")]
#[into_params(parameter_in = Query)]
pub struct BudgettenParams {
    #[param(minimum = 2000, maximum = 2100)]
    pub(super) jaar: Option<i32>,
    pub(super) vorm: Option<BudgetVorm>,
    pub(super) open: Option<bool>,
    /// Een CBS-code: alleen die gemeente (voor de regio).
    #[param(pattern = r"^GM[0-9]{4}$")]
    pub(super) gemeente: Option<String>,
}

/// Een correctie van de reservering van één aanvraag.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NieuweCorrectie {
    /// Een aanvraag bij dit budget met een toekenning.
    pub(super) aanvraag_id: Uuid,
    /// In eurocenten, positief (meer reserveren) of negatief (minder); niet 0.
    #[schema(minimum = -100_000_000_000_i64, maximum = 100_000_000_000_i64)]
    pub(super) bedrag: i64,
    #[schema(min_length = 1, max_length = 2000)]
    pub(super) reden: String,
}

/// Wat er bij het afsluiten met de open reservering van een aanvraag gebeurt.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Afsluitkeuze {
    /// Het niet uitbetaalde deel valt vrij.
    Vrijval,
    /// Het niet uitbetaalde deel gaat mee naar `naarBudgetId`.
    Overdracht,
}

/// Per aanvraag met een open reservering de keuze.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AfsluitingRegel {
    pub(super) aanvraag_id: Uuid,
    pub(super) keuze: Afsluitkeuze,
}

/// Een budget afsluiten: elke open reservering expliciet vrijgeven of overdragen.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NieuweAfsluiting {
    /// Elke aanvraag met een open (niet uitbetaalde) reservering precies één keer.
    #[schema(max_items = 10000)]
    pub(super) aanvragen: Vec<AfsluitingRegel>,
    /// Het open budget van de eigen gemeente voor de overdrachten (een later jaar).
    pub(super) naar_budget_id: Option<Uuid>,
}
