//! De invoer van de operaties op de leidraad, elk één getypte struct.

use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

use crate::domein::leidraad::{Inhoud, LeidraadStap, StapBron};
use entity::soorten::{AanvullingSoort, Plan};

/// Een nieuwe versie van de leidraad van een plan: dezelfde stappen (nummers en
/// namen), andere teksten en punten.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NieuweVersie {
    #[schema(min_length = 1, max_length = 200)]
    pub(super) naam: String,
    pub(super) bron: StapBron,
    /// Elke stap van het plan, in volgorde.
    #[schema(min_items = 1, max_items = 13)]
    pub(super) stappen: Vec<LeidraadStap>,
}

impl NieuweVersie {
    pub(super) fn inhoud(self) -> Inhoud {
        Inhoud {
            naam: self.naam,
            bron: self.bron,
            stappen: self.stappen,
        }
    }
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct VersieParams {
    /// Een eerdere versie; zonder: de huidige.
    #[param(minimum = 1)]
    pub(super) versie: Option<i32>,
}

/// Een eigen vraag of checklistpunt van de gemeente bij een stap.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NieuweAanvulling {
    /// `gm-` en dan kleine letters, cijfers en streepjes; uniek in de gemeente en het
    /// plan, ook na verwijderen.
    #[schema(
        pattern = r"^gm-[a-z0-9]+(-[a-z0-9]+)*$",
        max_length = 60,
        example = "gm-buurtapp"
    )]
    pub(super) sleutel: String,
    pub(super) soort: AanvullingSoort,
    /// Noem er geen persoon in.
    #[schema(min_length = 1, max_length = 1000)]
    pub(super) tekst: String,
}

/// Een andere tekst voor een aanvulling.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AanvullingWijziging {
    /// Noem er geen persoon in.
    #[schema(min_length = 1, max_length = 1000)]
    pub(super) tekst: Option<String>,
}

/// Het pad van één aanvulling.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct AanvullingPad {
    /// Het stappenplan
    pub(super) aanpak: Plan,
    /// Het stapnummer
    #[param(value_type = i16)]
    pub(super) nummer: i64,
    /// De sleutel (`gm-…`)
    pub(super) sleutel: String,
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct GemeenteParams {
    /// Alleen voor de regio_beheerder: de gemeente van de aanvulling, als meer
    /// gemeenten dezelfde sleutel gebruiken.
    #[param(pattern = r"^GM[0-9]{4}$")]
    pub(super) gemeente: Option<String>,
}
