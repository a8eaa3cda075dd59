use sea_orm::entity::prelude::*;

pub use crate::soorten::StapStatus;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "traject_stap")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub traject_id: Uuid,
    pub gemeente_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub nummer: i16,
    pub status: StapStatus,
    pub gestart_op: Option<Date>,
    pub afgerond_op: Option<Date>,
    pub notities: Option<String>,
    /// Antwoorden op de vragen van de leidraad: sleutel → tekst (kan mensen noemen).
    pub antwoorden: Json,
    /// Afgevinkte checklistpunten: sleutel → `{door, op}`.
    pub afgevinkt: Json,
    /// Het netwerk dat de stap vormde.
    pub netwerk_id: Option<Uuid>,
    pub updated_at: DateTimeUtc,
}

crate::van_gemeente!();

crate::bijgewerkt!();
