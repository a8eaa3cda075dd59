use sea_orm::entity::prelude::*;

/// Een telling voor het dashboard per gemeente, onderwerp en sleutel; alleen de
/// database schrijft ze (triggers, migratie 000015).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "dashboard_telling")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub gemeente_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub onderwerp: String,
    #[sea_orm(primary_key, auto_increment = false)]
    pub sleutel: String,
    pub aantal: i64,
}

crate::van_gemeente!();

impl ActiveModelBehavior for ActiveModel {}
