use sea_orm::entity::prelude::*;

/// Een regel in het opvolgingslogboek van een melding (alleen toevoegen).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "melding_opvolging")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub gemeente_id: Uuid,
    pub melding_id: Uuid,
    pub tekst: String,
    pub actor_soort: String,
    pub actor_id: Option<Uuid>,
    pub tijdstip: DateTimeUtc,
}

crate::van_gemeente!();

impl ActiveModelBehavior for ActiveModel {}
