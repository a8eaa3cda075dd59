//! Het aantal gebieden per gemeente, bijgehouden door een trigger op `gebied`
//! (migratie 000010): het totaal van de lijst van gebieden zonder filters.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "gebied_telling")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub gemeente_id: Uuid,
    pub aantal: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
