use sea_orm::entity::prelude::*;

pub use crate::soorten::{AanvullingSoort, Plan};

/// Een eigen vraag of checklistpunt van een gemeente bij een stap.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "leidraad_aanvulling")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub gemeente_id: Uuid,
    pub aanpak: Plan,
    pub stap: i16,
    pub sleutel: String,
    pub soort: AanvullingSoort,
    pub tekst: String,
    /// Verwijderd: niet meer in de leidraad, antwoorden erop blijven leesbaar.
    pub verwijderd_op: Option<DateTimeUtc>,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

crate::van_gemeente!();

crate::versiebeheer!();
