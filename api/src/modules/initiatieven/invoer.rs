//! De invoer van de operaties op initiatieven.

use chrono::NaiveDate;
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::http::invoer::{
    Veld, externe_referentie, externe_referentie_of_leeg, meer_regels, meer_regels_of_leeg,
};
use entity::soorten::{InitiatiefStatus, Participatie, Thema};

/// Een nieuw initiatief. De initiatiefnemer is een organisatie (`organisatie`) of een
/// contactpersoon (`contactnaam`, `contactemail`; persoonsgegevens), of beide.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NieuwInitiatief {
    #[schema(min_length = 1, max_length = 200)]
    pub(super) titel: String,
    #[schema(schema_with = meer_regels::<5000>)]
    pub(super) omschrijving: Option<String>,
    pub(super) thema: Thema,
    pub(super) participatie: Option<Participatie>,
    /// Een gebied van de eigen gemeente.
    pub(super) gebied_id: Option<Uuid>,
    /// Een netwerk van de eigen gemeente.
    pub(super) netwerk_id: Option<Uuid>,
    /// De organisatie die het initiatief neemt (een naam; met de sociale kaart een
    /// verwijzing).
    #[schema(min_length = 1, max_length = 200)]
    pub(super) organisatie: Option<String>,
    /// Persoonsgegeven: alleen coördinatoren, budgethouders en beheerders zien het.
    #[schema(min_length = 1, max_length = 200)]
    pub(super) contactnaam: Option<String>,
    /// Persoonsgegeven, zoals `contactnaam`.
    #[schema(
        min_length = 3,
        max_length = 254,
        pattern = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"
    )]
    pub(super) contactemail: Option<String>,
    /// Standaard `idee`; `afgerond` en `gestopt` horen bij een wijziging.
    pub(super) status: Option<InitiatiefStatus>,
    pub(super) startdatum: Option<NaiveDate>,
    /// Niet vóór `startdatum`.
    pub(super) einddatum: Option<NaiveDate>,
    #[schema(schema_with = externe_referentie)]
    pub(super) externe_referentie: Option<String>,
}

/// Een wijziging van een initiatief; `null` wist. Naar `afgerond` of `gestopt` (dan
/// ligt het vast), met `resultaten` en `lessen`.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct InitiatiefWijziging {
    #[schema(min_length = 1, max_length = 200)]
    pub(super) titel: Option<String>,
    #[serde(default)]
    #[schema(schema_with = meer_regels_of_leeg::<5000>)]
    pub(super) omschrijving: Veld<String>,
    pub(super) thema: Option<Thema>,
    #[serde(default)]
    #[schema(value_type = Option<Participatie>)]
    pub(super) participatie: Veld<Participatie>,
    #[serde(default)]
    #[schema(value_type = Option<Uuid>)]
    pub(super) gebied_id: Veld<Uuid>,
    #[serde(default)]
    #[schema(value_type = Option<Uuid>)]
    pub(super) netwerk_id: Veld<Uuid>,
    #[serde(default)]
    #[schema(value_type = Option<String>, min_length = 1, max_length = 200)]
    pub(super) organisatie: Veld<String>,
    #[serde(default)]
    #[schema(value_type = Option<String>, min_length = 1, max_length = 200)]
    pub(super) contactnaam: Veld<String>,
    #[serde(default)]
    #[schema(value_type = Option<String>, min_length = 3, max_length = 254, pattern = r"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    pub(super) contactemail: Veld<String>,
    pub(super) status: Option<InitiatiefStatus>,
    #[serde(default)]
    #[schema(value_type = Option<NaiveDate>)]
    pub(super) startdatum: Veld<NaiveDate>,
    #[serde(default)]
    #[schema(value_type = Option<NaiveDate>)]
    pub(super) einddatum: Veld<NaiveDate>,
    /// Alleen bij (de overgang naar) `afgerond` of `gestopt`.
    #[serde(default)]
    #[schema(schema_with = meer_regels_of_leeg::<5000>)]
    pub(super) resultaten: Veld<String>,
    /// Geleerde lessen; alleen bij (de overgang naar) `afgerond` of `gestopt`.
    #[serde(default)]
    #[schema(schema_with = meer_regels_of_leeg::<5000>)]
    pub(super) lessen: Veld<String>,
    #[serde(default)]
    #[schema(schema_with = externe_referentie_of_leeg)]
    pub(super) externe_referentie: Veld<String>,
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(rename_all = "camelCase")]
#[into_params(parameter_in = Query)]
pub struct InitiatievenParams {
    pub(super) status: Option<InitiatiefStatus>,
    pub(super) thema: Option<Thema>,
    pub(super) gebied_id: Option<Uuid>,
    pub(super) netwerk_id: Option<Uuid>,
    /// Alleen het initiatief met deze externe referentie.
    #[param(schema_with = externe_referentie)]
    pub(super) externe_referentie: Option<String>,
    /// Een CBS-code: alleen die gemeente (voor de regio).
    #[param(pattern = r"^GM[0-9]{4}$")]
    pub(super) gemeente: Option<String>,
}
