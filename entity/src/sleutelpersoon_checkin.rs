use sea_orm::entity::prelude::*;

/// Een check-in bij een sleutelpersoon: hoe gaat het? Persoonsgegeven (de notitie),
/// weg bij anonimiseren.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "sleutelpersoon_checkin")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub gemeente_id: Uuid,
    pub sleutelpersoon_id: Uuid,
    pub datum: Date,
    pub notitie: Option<String>,
    pub actor_soort: String,
    pub actor_id: Option<Uuid>,
    pub created_at: DateTimeUtc,
}

crate::van_gemeente!();

impl ActiveModelBehavior for ActiveModel {}
