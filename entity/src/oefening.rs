use sea_orm::entity::prelude::*;

pub use crate::soorten::{OefeningStatus, Oefenvorm, Scenario};

/// Een oefening. `doelen` staan als tekst, `organisaties` en `deelnemers`
/// (sleutelpersonen) als ids, de evaluatie als JSON.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "oefening")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub gemeente_id: Uuid,
    pub titel: String,
    pub doelen: Vec<String>,
    pub vorm: Oefenvorm,
    pub scenario: Scenario,
    pub datum: Date,
    pub netwerk_id: Option<Uuid>,
    pub gebied_id: Option<Uuid>,
    /// Het traject en de stap waarbij dit hoort (samen of geen van beide).
    pub traject_id: Option<Uuid>,
    pub stap: Option<i16>,
    pub organisaties: Vec<Uuid>,
    pub deelnemers: Vec<Uuid>,
    pub status: OefeningStatus,
    pub briefing: Option<String>,
    pub debrief: Option<String>,
    pub evaluatie: Option<Json>,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

crate::van_gemeente!();

crate::versiebeheer!();
