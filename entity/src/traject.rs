use sea_orm::entity::prelude::*;

pub use crate::soorten::{Plan, TrajectStatus};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[serde(rename_all = "camelCase")]
#[sea_orm(table_name = "traject")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub gemeente_id: Uuid,
    pub gebied_id: Option<Uuid>,
    pub aanpak: Plan,
    pub naam: Option<String>,
    pub status: TrajectStatus,
    pub voorgestelde_aanpak: Vec<String>,
    /// Voor een gemeenschap of netwerk zonder één gebied (komt met de netwerken).
    pub netwerk_id: Option<Uuid>,
    /// De eerste stap die niet afgerond of overgeslagen is; de database houdt hem bij
    /// (trigger op `traject_stap`, migratie 000015).
    #[serde(skip_serializing)]
    pub huidige_stap: Option<i16>,
    /// De versie van de leidraad van `aanpak` bij de start.
    pub leidraad_versie: i32,
    /// Antwoorden en vinkjes van vóór een aanpakwissel zonder plek in de nieuwe
    /// leidraad (JSON-lijst).
    #[serde(skip_serializing)]
    pub vervallen: Json,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

crate::van_gemeente!();

crate::versiebeheer!();
