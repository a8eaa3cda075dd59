use sea_orm::entity::prelude::*;

pub use crate::soorten::{Belang, LidRol};

/// Een sleutelpersoon in een netwerk van dezelfde gemeente.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "netwerk_lid")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub gemeente_id: Uuid,
    pub netwerk_id: Uuid,
    pub sleutelpersoon_id: Uuid,
    pub rol: LidRol,
    pub belang: Option<Belang>,
    pub begin: Option<Date>,
    pub eind: Option<Date>,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

crate::van_gemeente!();

crate::versiebeheer!();
