//! De invoer van de operaties op trajecten, elk één getypte struct.

use chrono::NaiveDate;
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::domein::stappenplan::{Plan, StapStatus};
use crate::http::invoer::{Veld, meer_regels, meer_regels_of_leeg};

use super::weergave::*;
use entity::soorten::BesluitKeuze;

/// Een nieuw traject; alle stappen beginnen open.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NieuwTraject {
    /// Een gebied van de eigen gemeente.
    #[allow(dead_code)] // gelezen met `Invoer::veld`, voor de regels die het schema niet kent
    pub(super) gebied_id: Uuid,
    /// Zonder waarde: de aanpak die het DNA-profiel adviseert, als dat er één is.
    #[allow(dead_code)] // gelezen met `Invoer::veld`, voor de regels die het schema niet kent
    pub(super) aanpak: Option<Plan>,
    #[schema(min_length = 1, max_length = 200)]
    pub(super) naam: Option<String>,
    /// Alleen `weerbaarheid`: een actieve gebruiker van de gemeente.
    pub(super) wijkverbinder_id: Option<Uuid>,
    /// Alleen `weerbaarheid`: een actieve gebruiker van de gemeente.
    pub(super) gemeenteverbinder_id: Option<Uuid>,
}

/// Wat een lopend traject kan stoppen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum TrajectStop {
    Gestopt,
}

/// Een wijziging van een traject.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TrajectWijziging {
    #[serde(default)]
    #[schema(value_type = Option<String>, min_length = 1, max_length = 200)]
    pub(super) naam: Veld<String>,
    /// Alleen `gestopt`: het traject stoppen.
    pub(super) status: Option<TrajectStop>,
    /// Alleen `weerbaarheid`; `null` haalt de verbinder weg.
    #[serde(default)]
    #[schema(value_type = Option<Uuid>)]
    pub(super) wijkverbinder_id: Veld<Uuid>,
    /// Alleen `weerbaarheid`; `null` haalt de verbinder weg.
    #[serde(default)]
    #[schema(value_type = Option<Uuid>)]
    pub(super) gemeenteverbinder_id: Veld<Uuid>,
}

/// Een wijziging van een stap.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct StapWijziging {
    pub(super) status: Option<StapStatus>,
    #[serde(default)]
    #[schema(value_type = Option<NaiveDate>)]
    pub(super) gestart_op: Veld<NaiveDate>,
    #[serde(default)]
    #[schema(value_type = Option<NaiveDate>)]
    pub(super) afgerond_op: Veld<NaiveDate>,
    /// `null` wist. Noem geen mensen bij naam: notities zijn alleen voor wie ze nodig heeft.
    #[serde(default)]
    #[schema(schema_with = meer_regels_of_leeg::<10000>)]
    pub(super) notities: Veld<String>,
}

/// Het besluit van het beslismoment.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BesluitInvoer {
    pub(super) besluit: BesluitKeuze,
    /// Ook bij een go. Noem geen mensen bij naam.
    #[schema(schema_with = meer_regels::<2000>)]
    pub(super) reden: String,
    /// Standaard vandaag; niet in de toekomst.
    pub(super) datum: Option<NaiveDate>,
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(rename_all = "camelCase")]
#[into_params(parameter_in = Query)]
pub struct TrajectenParams {
    pub(super) gebied_id: Option<Uuid>,
    pub(super) aanpak: Option<Plan>,
    pub(super) status: Option<TrajectStatus>,
}
