use sea_orm::entity::prelude::*;

pub use crate::soorten::{GebiedSoort, Grootteklasse};

#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Serialize)]
#[serde(rename_all = "camelCase")]
#[sea_orm(table_name = "gebied")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub gemeente_id: Uuid,
    pub naam: String,
    pub soort: GebiedSoort,
    pub cbs_code: Option<String>,
    pub inwonertal: Option<i32>,
    pub grootteklasse: Option<Grootteklasse>,
    pub bovenliggend_gebied_id: Option<Uuid>,
    /// Handmatige keuze in het DNA-profiel (grootteklasse, cohesie, aanpak, reden, door, op).
    pub handmatig: Option<Json>,
    /// Het geldende DNA-profiel, afgeleid en bij elke wijziging bijgehouden. Gelezen
    /// als tekst (`jsonb::text`): de dienst leest het meteen in zijn eigen struct,
    /// zonder de omweg via `serde_json::Value` (die een lijst de helft van haar
    /// CPU-tijd kostte; bench/README.md).
    #[serde(skip_serializing)]
    #[sea_orm(column_type = "JsonBinary", select_as = "text", save_as = "jsonb")]
    pub dna_profiel: Option<String>,
    #[serde(skip_serializing)]
    pub dna_kwadrant: Option<i16>,
    #[serde(skip_serializing)]
    pub dna_cohesie: Option<String>,
    #[serde(skip_serializing)]
    pub dna_aanpak: Vec<String>,
    #[serde(skip_serializing)]
    pub dna_grootte: Option<String>,
    #[serde(skip_serializing)]
    pub dna_basis: Option<String>,
    #[serde(skip_serializing)]
    pub dna_peildatum: Option<Date>,
    pub version: i32,
    /// Het id van dit record in een ander systeem van de gemeente (issue 38).
    pub externe_referentie: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

crate::van_gemeente!();

crate::versiebeheer!();
