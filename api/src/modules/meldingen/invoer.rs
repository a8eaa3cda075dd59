//! De invoer van de operaties op meldingen.

use chrono::NaiveDate;
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::http::invoer::{Veld, meer_regels, meer_regels_of_leeg};
use entity::soorten::{Betrokkene, Ernst, MeldingSoort, MeldingStatus};

/// Een nieuwe melding, `open`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NieuweMelding {
    pub(super) soort: MeldingSoort,
    /// Tegen wie de dreiging of het incident gaat.
    pub(super) betrokkene: Betrokkene,
    pub(super) ernst: Ernst,
    /// Wanneer het gebeurde; standaard vandaag, niet in de toekomst.
    pub(super) datum: Option<NaiveDate>,
    /// Wat er gebeurde (vrije tekst; de audit trail noemt alleen het veld).
    #[schema(schema_with = meer_regels::<5000>)]
    pub(super) omschrijving: String,
    /// De sleutelpersoon om wie het gaat (alleen bij `betrokkene: sleutelpersoon`).
    pub(super) sleutelpersoon_id: Option<Uuid>,
    pub(super) netwerk_id: Option<Uuid>,
    pub(super) gebied_id: Option<Uuid>,
    /// De verantwoordelijke ambtenaar: een actieve `coordinator` of
    /// `gemeente_beheerder` van de gemeente.
    pub(super) behandelaar_id: Uuid,
    /// Is de politie betrokken?
    #[serde(default)]
    pub(super) politie: bool,
    /// Is het veiligheidshuis betrokken?
    #[serde(default)]
    pub(super) veiligheidshuis: bool,
    /// Genomen beschermende maatregelen.
    #[schema(schema_with = meer_regels::<5000>)]
    pub(super) maatregelen: Option<String>,
}

/// Een wijziging van een melding; naar `afgesloten` alleen met `afsluitnotitie`.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MeldingWijziging {
    pub(super) soort: Option<MeldingSoort>,
    pub(super) ernst: Option<Ernst>,
    #[schema(schema_with = meer_regels::<5000>)]
    pub(super) omschrijving: Option<String>,
    #[serde(default)]
    #[schema(value_type = Option<Uuid>)]
    pub(super) netwerk_id: Veld<Uuid>,
    #[serde(default)]
    #[schema(value_type = Option<Uuid>)]
    pub(super) gebied_id: Veld<Uuid>,
    pub(super) behandelaar_id: Option<Uuid>,
    pub(super) politie: Option<bool>,
    pub(super) veiligheidshuis: Option<bool>,
    #[serde(default)]
    #[schema(schema_with = meer_regels_of_leeg::<5000>)]
    pub(super) maatregelen: Veld<String>,
    pub(super) status: Option<MeldingStatus>,
    /// Verplicht bij afsluiten, en alleen dan.
    #[schema(schema_with = meer_regels::<5000>)]
    pub(super) afsluitnotitie: Option<String>,
}

/// Een regel in het opvolgingslogboek.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NieuweOpvolging {
    /// Wat er gedaan is (vrije tekst; de audit trail noemt alleen het veld).
    #[schema(schema_with = meer_regels::<5000>)]
    pub(super) tekst: String,
}

/// De filters van de meldingen (met de periode in `vanaf` en `tot`).
#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(rename_all = "camelCase")]
#[into_params(parameter_in = Query)]
pub struct MeldingenParams {
    pub(super) status: Option<MeldingStatus>,
    pub(super) ernst: Option<Ernst>,
    pub(super) soort: Option<MeldingSoort>,
    pub(super) netwerk_id: Option<Uuid>,
    pub(super) gebied_id: Option<Uuid>,
    pub(super) behandelaar_id: Option<Uuid>,
}
