use sea_orm::entity::prelude::*;

pub use crate::soorten::MutatieSoort;

/// Een regel van het grootboek (alleen toevoegen).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "mutatie")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub gemeente_id: Uuid,
    pub budget_id: Uuid,
    pub aanvraag_id: Uuid,
    pub soort: MutatieSoort,
    pub bedrag: i64,
    pub omschrijving: Option<String>,
    pub door: Option<Uuid>,
    pub tijdstip: DateTimeUtc,
}

crate::van_gemeente!();

impl ActiveModelBehavior for ActiveModel {}
