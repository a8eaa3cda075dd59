use sea_orm::entity::prelude::*;

pub use crate::soorten::{SleutelpersoonStatus, Uitstroomreden};

/// Eén status in de geschiedenis van een sleutelpersoon.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "sleutelpersoon_status")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub gemeente_id: Uuid,
    pub sleutelpersoon_id: Uuid,
    pub status: SleutelpersoonStatus,
    pub datum: Date,
    pub uitstroomreden: Option<Uitstroomreden>,
    pub door: Option<Uuid>,
    pub created_at: DateTimeUtc,
}

crate::van_gemeente!();

impl ActiveModelBehavior for ActiveModel {}
