use sea_orm::entity::prelude::*;

pub use crate::soorten::BudgetVorm;

/// Een budget. `gereserveerd`, `uitbetaald` en `vrijgevallen` houdt het grootboek bij
/// (trigger `mutatie_boeken`); de dienst schrijft ze nooit zelf.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "budget")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub gemeente_id: Uuid,
    pub naam: String,
    pub jaar: i32,
    pub vorm: BudgetVorm,
    pub totaal_bedrag: i64,
    pub max_per_aanvraag: i64,
    pub gebied_id: Option<Uuid>,
    pub matching_teller: i32,
    pub matching_noemer: i32,
    pub beslistermijn_dagen: i32,
    pub open: bool,
    pub gereserveerd: i64,
    pub uitbetaald: i64,
    pub vrijgevallen: i64,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

crate::van_gemeente!();

crate::versiebeheer!();
