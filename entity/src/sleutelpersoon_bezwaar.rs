use sea_orm::entity::prelude::*;

pub use crate::soorten::BezwaarUitkomst;

/// Een bezwaar van een sleutelpersoon tegen de verwerking (AVG art. 21), onder de
/// grondslag `publieke_taak`. De motivering is persoonsgegeven; het bezwaar blijft na
/// het anonimiseren staan, met de motivering geschoond.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "sleutelpersoon_bezwaar")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub gemeente_id: Uuid,
    pub sleutelpersoon_id: Uuid,
    pub ontvangen_op: Date,
    pub uitkomst: BezwaarUitkomst,
    pub motivering: String,
    pub actor_soort: String,
    pub actor_id: Option<Uuid>,
    pub created_at: DateTimeUtc,
}

crate::van_gemeente!();

impl ActiveModelBehavior for ActiveModel {}
