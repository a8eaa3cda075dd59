//! De filters van het verwerkingenlogboek.

use entity::soorten::VerwerkingActie;
use serde::Deserialize;
use utoipa::IntoParams;
use uuid::Uuid;

#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(rename_all = "camelCase")]
#[into_params(parameter_in = Query)]
pub struct VerwerkingenParams {
    /// Alleen verzoeken die (ook) deze sleutelpersoon betroffen.
    pub(super) sleutelpersoon_id: Option<Uuid>,
    pub(super) actie: Option<VerwerkingActie>,
}
