use sea_orm::entity::prelude::*;

pub use crate::soorten::{Leeftijdsgroep, Opleidingsrichting};

/// De persoonsgegevens van een sleutelpersoon. De database geeft een rij alleen aan
/// een context die persoonsgegevens van die gemeente mag zien (en bij verhoogd risico
/// alleen aan de genoemde ambtenaren); een ander leest geen rij.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "sleutelpersoon_gegevens")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub sleutelpersoon_id: Uuid,
    pub gemeente_id: Uuid,
    pub voornaam: String,
    pub achternaam: Option<String>,
    pub email: Option<String>,
    pub telefoon: Option<String>,
    pub achterban: Option<String>,
    pub notities: Option<String>,
    pub opvolgers: Option<String>,
    pub leeftijdsgroep: Option<Leeftijdsgroep>,
    pub migratieachtergrond: Option<bool>,
    pub hulpverlenend_beroep: Option<bool>,
    pub bekend_bij_gemeente: Option<bool>,
    pub opleidingsrichting: Option<Opleidingsrichting>,
    pub levensbeschouwing: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::sleutelpersoon::Entity",
        from = "Column::SleutelpersoonId",
        to = "super::sleutelpersoon::Column::Id"
    )]
    Sleutelpersoon,
}

impl Related<super::sleutelpersoon::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Sleutelpersoon.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
