use sea_orm::entity::prelude::*;

pub use crate::soorten::Plan;

/// Eén versie van de leidraad van een stappenplan; `inhoud` is de leidraad per stap
/// (de vorm staat in de API, `domein::leidraad`).
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "leidraad")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub aanpak: Plan,
    #[sea_orm(primary_key, auto_increment = false)]
    pub versie: i32,
    pub inhoud: Json,
    pub gepubliceerd_op: DateTimeUtc,
    pub door: Option<Uuid>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
