use sea_orm::entity::prelude::*;

pub use crate::soorten::VerbinderRol;

/// Een verbinder van een traject, met zijn benoeming.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "traject_verbinder")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub gemeente_id: Uuid,
    pub traject_id: Uuid,
    pub gebruiker_id: Uuid,
    pub rol: VerbinderRol,
    pub vanaf: Option<Date>,
    pub tot: Option<Date>,
}

crate::van_gemeente!();

impl ActiveModelBehavior for ActiveModel {}
