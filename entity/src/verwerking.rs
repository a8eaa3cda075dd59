use sea_orm::entity::prelude::*;

pub use crate::soorten::{VerwerkingActie, Verwerkingsactiviteit};

/// Een regel van het verwerkingenlogboek (alleen toevoegen, in de database bewaakt).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "verwerking")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub gemeente_id: Uuid,
    pub tijdstip: DateTimeUtc,
    pub actor_soort: String,
    pub actor_id: Option<Uuid>,
    pub sleutelpersoon_id: Uuid,
    pub actie: VerwerkingActie,
    pub verwerkingsactiviteit: Verwerkingsactiviteit,
    pub request_id: Option<String>,
}

crate::van_gemeente!();

impl ActiveModelBehavior for ActiveModel {}
