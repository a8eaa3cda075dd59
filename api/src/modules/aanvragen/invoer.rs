//! De invoer van de operaties op aanvragen, elk één getypte struct.

use crate::http::invoer::{Veld, externe_referentie, externe_referentie_of_leeg, meer_regels};
use entity::soorten::AanvraagStatus;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

/// Hoe een nieuwe aanvraag begint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum NieuweAanvraagStatus {
    Concept,
    Ingediend,
}

/// Een nieuwe aanvraag, van een initiatief of van een netwerk zelf (precies één van
/// `initiatiefId`, `netwerkId`).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NieuweAanvraag {
    /// Een open budget van de eigen gemeente.
    pub(super) budget_id: Uuid,
    pub(super) initiatief_id: Option<Uuid>,
    pub(super) netwerk_id: Option<Uuid>,
    /// In eurocenten.
    #[schema(minimum = 1, maximum = 100_000_000_000_i64)]
    pub(super) aangevraagd_bedrag: i64,
    /// In eurocenten; telt bij `matching`.
    #[schema(minimum = 0, maximum = 100_000_000_000_i64)]
    pub(super) eigen_bijdrage: Option<i64>,
    /// Een kort plan. Noem geen mensen bij naam.
    #[schema(schema_with = meer_regels::<5000>)]
    pub(super) plan: Option<String>,
    /// Standaard `ingediend`; `concept` dient later in met `PATCH {"status": "ingediend"}`.
    pub(super) status: Option<NieuweAanvraagStatus>,
    #[schema(schema_with = externe_referentie)]
    pub(super) externe_referentie: Option<String>,
}

/// Wat een aanvraag nog kan: een concept bijwerken of indienen, intrekken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum AanvraagOvergang {
    Ingediend,
    Ingetrokken,
}

/// Een wijziging van een aanvraag: bedragen en plan alleen als concept.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AanvraagWijziging {
    #[schema(minimum = 1, maximum = 100_000_000_000_i64)]
    pub(super) aangevraagd_bedrag: Option<i64>,
    #[schema(minimum = 0, maximum = 100_000_000_000_i64)]
    pub(super) eigen_bijdrage: Option<i64>,
    #[schema(schema_with = meer_regels::<5000>)]
    pub(super) plan: Option<String>,
    /// `ingediend` (vanuit `concept`) of `ingetrokken` (vanuit `concept` of `ingediend`).
    pub(super) status: Option<AanvraagOvergang>,
    /// In elke status te wijzigen.
    #[serde(default)]
    #[schema(schema_with = externe_referentie_of_leeg)]
    pub(super) externe_referentie: Veld<String>,
}

/// Het besluit: `toegekendBedrag` 0 is afgewezen, minder dan gevraagd deels toegekend.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BesluitOpAanvraag {
    /// In eurocenten: hoogstens het gevraagde bedrag, het maximum per aanvraag van het
    /// budget en bij `matching` de eigen bijdrage × de verhouding.
    #[schema(minimum = 0, maximum = 100_000_000_000_i64)]
    pub(super) toegekend_bedrag: i64,
    /// De motivering (bij `co_creatie` met de bewoners die meebeslisten).
    #[schema(schema_with = meer_regels::<5000>)]
    pub(super) motivering: String,
}

/// Een uitbetaling uit wat voor de aanvraag gereserveerd is.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NieuweUitbetaling {
    /// In eurocenten; samen met eerdere uitbetalingen hoogstens het gereserveerde bedrag.
    #[schema(minimum = 1, maximum = 100_000_000_000_i64)]
    pub(super) bedrag: i64,
    #[schema(min_length = 1, max_length = 2000)]
    pub(super) omschrijving: String,
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(rename_all = "camelCase")]
#[into_params(parameter_in = Query)]
pub struct AanvragenParams {
    pub(super) status: Option<AanvraagStatus>,
    pub(super) budget_id: Option<Uuid>,
    pub(super) initiatief_id: Option<Uuid>,
    /// `true`: alleen ingediende aanvragen van wie de beslistermijn voorbij is.
    pub(super) te_laat: Option<bool>,
    /// Alleen de aanvraag met deze externe referentie.
    #[param(schema_with = externe_referentie)]
    pub(super) externe_referentie: Option<String>,
}
