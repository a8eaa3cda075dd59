//! De invoer van de operaties op gebieden, elk één getypte struct.

use super::weergave::*;
use crate::domein::codes::CbsGebiedCode;
use crate::domein::dna::{Aanpak, Cohesie, Grootteklasse};
use crate::http::invoer::{
    Veld, externe_referentie, externe_referentie_of_leeg, meer_regels, unieke_lijst,
};
use entity::gebied;
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

/// Een nieuw gebied.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NieuwGebied {
    #[schema(min_length = 1, max_length = 200, example = "Oss-Centrum")]
    pub(super) naam: String,
    pub(super) soort: Soort,
    /// Uniek binnen de gemeente; de cijfers beginnen met de gemeentecode.
    pub(super) cbs_code: Option<CbsGebiedCode>,
    #[schema(minimum = 0, maximum = 10000000)]
    pub(super) inwonertal: Option<i32>,
    /// Zonder: afgeleid uit het inwonertal en de drempel van de gemeente.
    pub(super) grootteklasse: Option<Grootteklasse>,
    /// Een gebied van dezelfde gemeente (bv. de wijk van een buurt).
    pub(super) bovenliggend_gebied_id: Option<Uuid>,
    /// Een handmatige keuze in het DNA-profiel.
    pub(super) handmatig: Option<HandmatigInvoer>,
    #[schema(schema_with = externe_referentie)]
    pub(super) externe_referentie: Option<String>,
}

/// Een wijziging van een gebied: alleen de meegestuurde velden; `null` maakt een
/// veld leeg.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct GebiedWijziging {
    #[schema(min_length = 1, max_length = 200)]
    pub(super) naam: Option<String>,
    pub(super) soort: Option<Soort>,
    #[serde(default)]
    #[schema(value_type = Option<CbsGebiedCode>)]
    pub(super) cbs_code: Veld<CbsGebiedCode>,
    #[serde(default)]
    #[schema(value_type = Option<i32>, minimum = 0, maximum = 10000000)]
    pub(super) inwonertal: Veld<i32>,
    #[serde(default)]
    #[schema(value_type = Option<Grootteklasse>)]
    pub(super) grootteklasse: Veld<Grootteklasse>,
    /// Geen kringen: een gebied ligt niet (indirect) in zichzelf.
    #[serde(default)]
    #[schema(value_type = Option<Uuid>)]
    pub(super) bovenliggend_gebied_id: Veld<Uuid>,
    /// De handmatige keuze in het DNA-profiel; `null` haalt haar weg.
    #[serde(default)]
    #[schema(value_type = Option<HandmatigInvoer>)]
    pub(super) handmatig: Veld<HandmatigInvoer>,
    #[serde(default)]
    #[schema(schema_with = externe_referentie_of_leeg)]
    pub(super) externe_referentie: Veld<String>,
}

/// Een handmatige keuze: minstens één van grootteklasse, cohesie en aanpak, met reden.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct HandmatigInvoer {
    pub(super) grootteklasse: Option<Grootteklasse>,
    pub(super) cohesie: Option<Cohesie>,
    #[schema(schema_with = unieke_lijst::<Aanpak, 1>)]
    pub(super) aanpak: Option<Vec<Aanpak>>,
    /// Waarom het berekende profiel niet past.
    #[schema(schema_with = meer_regels::<2000>)]
    pub(super) reden: String,
}

crate::sorteervelden! {
    /// Waarop de lijst van gebieden gesorteerd kan worden; `-` ervoor is aflopend.
    GebiedSortering op gebied {
        Naam = "naam", NaamAflopend = "-naam" => Naam,
        Inwonertal = "inwonertal", InwonertalAflopend = "-inwonertal" => Inwonertal,
    }
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(rename_all = "camelCase")]
#[into_params(parameter_in = Query)]
pub struct GebiedenParams {
    /// Alleen deze soort.
    pub(super) soort: Option<Soort>,
    /// Alleen gebieden in dit kwadrant (het geldende, met een handmatige keuze erin).
    #[param(minimum = 1, maximum = 4)]
    pub(super) kwadrant: Option<u8>,
    /// Alleen gebieden waarvoor deze aanpak geadviseerd is.
    pub(super) aanpak: Option<Aanpak>,
    /// Naam bevat deze tekst (hoofdletterongevoelig).
    #[param(min_length = 1, max_length = 200)]
    pub(super) naam: Option<String>,
    /// Alleen de directe onderliggende gebieden hiervan.
    pub(super) bovenliggend_gebied_id: Option<Uuid>,
    /// Alleen het gebied met deze externe referentie.
    #[param(schema_with = externe_referentie)]
    pub(super) externe_referentie: Option<String>,
    /// Alleen gebieden van deze gemeente (CBS-code); zinvol voor de regio.
    #[param(pattern = "^GM[0-9]{4}$")]
    pub(super) gemeente: Option<String>,
    /// Sortering; standaard `naam`.
    #[param(value_type = Option<Vec<GebiedSortering>>, style = Form, explode = false)]
    pub(super) sorteer: Option<String>,
}

impl GebiedenParams {
    /// Of een filter de rijen beperkt (de gemeente en de sortering niet meegeteld). Elk
    /// veld staat hier bij naam: een nieuw filter compileert pas als het hier staat,
    /// zodat de lijst nooit een teller gebruikt waar ze moet tellen.
    pub(super) fn filtert(&self) -> bool {
        let GebiedenParams {
            soort,
            kwadrant,
            aanpak,
            naam,
            bovenliggend_gebied_id,
            externe_referentie,
            gemeente: _,
            sorteer: _,
        } = self;
        externe_referentie.is_some()
            || soort.is_some()
            || kwadrant.is_some()
            || aanpak.is_some()
            || naam.is_some()
            || bovenliggend_gebied_id.is_some()
    }
}
