use sea_orm::entity::prelude::*;

/// Een veiligheidsafspraak van een netwerk, met de datum waarvoor ze herzien wordt.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "veiligheidsafspraak")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub gemeente_id: Uuid,
    pub netwerk_id: Uuid,
    pub afspraak: String,
    pub laatst_herzien: Option<Date>,
    pub herzien_voor: Date,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

crate::van_gemeente!();

crate::versiebeheer!();
