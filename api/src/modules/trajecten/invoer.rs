//! De invoer van de operaties op trajecten, elk één getypte struct.

use chrono::NaiveDate;
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::domein::stappenplan::{Plan, StapStatus};
use crate::http::invoer::{Veld, meer_regels, meer_regels_of_leeg};

use super::weergave::*;
use entity::soorten::{BesluitKeuze, VerbinderRol};

/// Een nieuw traject; alle stappen beginnen open.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NieuwTraject {
    /// Een gebied van de eigen gemeente; of `netwerkId`, of beide.
    pub(super) gebied_id: Option<Uuid>,
    /// Een netwerk van de eigen gemeente: een plan voor een gemeenschap in plaats van
    /// een gebied (dan kiest u de `aanpak` zelf).
    pub(super) netwerk_id: Option<Uuid>,
    /// Zonder waarde: de aanpak die het DNA-profiel adviseert, als dat er één is.
    pub(super) aanpak: Option<Plan>,
    #[schema(min_length = 1, max_length = 200)]
    pub(super) naam: Option<String>,
    /// Alleen `weerbaarheid`: de wijk- en gemeenteverbinders (een duo of een klein
    /// team), actieve gebruikers van de gemeente.
    #[schema(max_items = 10)]
    pub(super) verbinders: Option<Vec<VerbinderInvoer>>,
}

/// Een verbinder benoemen.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct VerbinderInvoer {
    /// Een actieve gebruiker van de eigen gemeente.
    pub(super) gebruiker_id: Uuid,
    pub(super) rol: VerbinderRol,
    /// Begin van de benoeming; zonder volgt een waarschuwing.
    pub(super) vanaf: Option<NaiveDate>,
    /// Einde van de benoeming, niet vóór `vanaf`; korter dan drie jaar geeft een
    /// waarschuwing.
    pub(super) tot: Option<NaiveDate>,
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
    /// Alleen `weerbaarheid`: de nieuwe lijst verbinders (vervangt de oude; `[]`
    /// haalt ze allemaal weg).
    #[schema(max_items = 10)]
    pub(super) verbinders: Option<Vec<VerbinderInvoer>>,
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

/// Een besluit van het beslismoment: `go`, `nog_niet` of `no_go`.
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
    pub(super) netwerk_id: Option<Uuid>,
    pub(super) aanpak: Option<Plan>,
    pub(super) status: Option<TrajectStatus>,
}
