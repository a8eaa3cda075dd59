//! De invoer van de operaties op koppelingen, elk één getypte struct.

use crate::auth::Scope;
use crate::domein::codes::GemeenteCode;
use crate::http::invoer::{AlleenLezen, unieke_lijst};
use entity::koppeling;
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

/// Een nieuwe koppeling; het client secret staat alleen in het antwoord hierop.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NieuweKoppeling {
    /// Uniek binnen de gemeente.
    #[schema(min_length = 1, max_length = 200)]
    pub(super) naam: String,
    /// Een gemeentelijk beheerder laat dit weg of noemt de eigen gemeente.
    pub(super) gemeente: Option<GemeenteCode>,
    /// Minstens één scope, zonder herhaling.
    #[schema(schema_with = unieke_lijst::<Scope, 1>)]
    pub(super) scopes: Vec<Scope>,
}

/// Een wijziging van een koppeling; `gemeente` ligt vast en het secret vernieuwt u
/// met `POST /koppelingen/{id}/geheim`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct KoppelingWijziging {
    /// Ligt vast; maak zo nodig een nieuwe koppeling.
    #[serde(default)]
    #[schema(read_only, value_type = Option<String>)]
    pub(super) gemeente: AlleenLezen,
    /// Vernieuw het secret met `POST /koppelingen/{id}/geheim`.
    #[serde(default)]
    #[schema(read_only, value_type = Option<String>)]
    pub(super) client_secret: AlleenLezen,
    #[schema(min_length = 1, max_length = 200)]
    pub(super) naam: Option<String>,
    #[schema(schema_with = unieke_lijst::<Scope, 1>)]
    pub(super) scopes: Option<Vec<Scope>>,
    /// `false` trekt de koppeling in.
    pub(super) actief: Option<bool>,
}

crate::sorteervelden! {
    /// Waarop de lijst van koppelingen gesorteerd kan worden; `-` ervoor is aflopend.
    KoppelingSortering op koppeling {
        Naam = "naam", NaamAflopend = "-naam" => Naam,
        AangemaaktOp = "aangemaaktOp", AangemaaktOpAflopend = "-aangemaaktOp" => CreatedAt,
    }
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct KoppelingenParams {
    /// Alleen actieve (`true`) of ingetrokken (`false`) koppelingen.
    pub(super) actief: Option<bool>,
    /// Alleen koppelingen van deze gemeente (CBS-code); zinvol voor de regio.
    #[param(pattern = "^GM[0-9]{4}$", example = "GM0828")]
    pub(super) gemeente: Option<String>,
    /// Sortering; standaard `naam`.
    #[param(value_type = Option<Vec<KoppelingSortering>>, style = Form, explode = false)]
    pub(super) sorteer: Option<String>,
}
