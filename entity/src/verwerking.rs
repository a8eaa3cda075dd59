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
    pub actie: VerwerkingActie,
    pub verwerkingsactiviteit: Verwerkingsactiviteit,
    /// Het request-id van de dienst.
    pub request_id: Option<String>,
    /// De personen wier gegevens het verzoek verwerkte: één regel per verzoek.
    pub sleutelpersoon_ids: Vec<Uuid>,
    /// Het `X-Request-Id` van de client, ter correlatie.
    pub correlatie_id: Option<String>,
}

crate::van_gemeente!();

impl ActiveModelBehavior for ActiveModel {}
