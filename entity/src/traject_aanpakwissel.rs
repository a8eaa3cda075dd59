use sea_orm::entity::prelude::*;

pub use crate::soorten::Plan;

/// Een overstap van een traject op een andere aanpak; de geschiedenis blijft.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "traject_aanpakwissel")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub gemeente_id: Uuid,
    pub traject_id: Uuid,
    pub van: Plan,
    pub naar: Plan,
    pub reden: String,
    pub datum: Date,
    pub door: Option<Uuid>,
    pub created_at: DateTimeUtc,
}

crate::van_gemeente!();

impl ActiveModelBehavior for ActiveModel {}
