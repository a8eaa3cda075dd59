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
    /// Antwoorden op de vragen van de leidraad van deze stap (`leidraad.vragen` en de
    /// aanvullingen van de gemeente), samengevoegd op `sleutel`: een nieuw antwoord
    /// vervangt het oude, `"antwoord": null` haalt het weg, andere blijven staan. Een
    /// sleutel die de stap niet kent is 400 `onbekende_sleutel`. Antwoorden kunnen
    /// mensen noemen: alleen wie persoonsgegevens ziet, leest ze.
    #[schema(max_items = 50)]
    pub(super) antwoorden: Option<Vec<AntwoordInvoer>>,
    /// Alle afgevinkte checklistpunten na dit verzoek: een sleutel die ontbreekt wordt
    /// uitgevinkt, een die al afgevinkt was houdt `door` en `op`. Een sleutel die de
    /// stap niet kent is 400 `onbekende_sleutel`.
    #[schema(schema_with = sleutels)]
    pub(super) afgevinkt: Option<Vec<String>>,
    /// Het netwerk dat de stap vormde: een netwerk van de eigen gemeente; `null` wist.
    #[serde(default)]
    #[schema(value_type = Option<Uuid>)]
    pub(super) netwerk_id: Veld<Uuid>,
}

/// Een antwoord op een vraag van de leidraad.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AntwoordInvoer {
    #[schema(pattern = r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length = 60)]
    pub(super) sleutel: String,
    /// `null` haalt het antwoord weg.
    #[schema(schema_with = meer_regels_of_leeg::<5000>, required)]
    pub(super) antwoord: Option<String>,
}

/// Het schema van een lijst sleutels van de leidraad, zonder herhaling.
fn sleutels() -> utoipa::openapi::Array {
    utoipa::openapi::ArrayBuilder::new()
        .items(
            utoipa::openapi::ObjectBuilder::new()
                .schema_type(utoipa::openapi::schema::Type::String)
                .pattern(Some(r"^[a-z0-9]+(-[a-z0-9]+)*$"))
                .max_length(Some(60)),
        )
        .max_items(Some(50))
        .unique_items(true)
        .build()
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

/// Een overstap op een andere aanpak: alleen van `coachend` naar `coordinerend`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AanpakwisselInvoer {
    pub(super) naar: Plan,
    /// Waarom het netwerk meer coördinatie nodig heeft. Noem geen mensen bij naam.
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
