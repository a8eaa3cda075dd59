use sea_orm::entity::prelude::*;

pub use crate::soorten::{BesluitKeuze, BesluitSoort};

/// Eén besluit van het beslismoment; de geschiedenis blijft.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "traject_besluit")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub gemeente_id: Uuid,
    pub traject_id: Uuid,
    pub besluit: BesluitKeuze,
    pub soort: BesluitSoort,
    pub reden: String,
    pub datum: Date,
    pub door: Option<Uuid>,
    pub created_at: DateTimeUtc,
}

crate::van_gemeente!();

impl ActiveModelBehavior for ActiveModel {}
