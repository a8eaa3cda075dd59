use sea_orm::entity::prelude::*;

pub use crate::soorten::AanvraagStatus;

/// Een aanvraag van een initiatief of netwerk bij een budget.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "aanvraag")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub gemeente_id: Uuid,
    pub budget_id: Uuid,
    pub initiatief_id: Option<Uuid>,
    pub netwerk_id: Option<Uuid>,
    pub aangevraagd_bedrag: i64,
    pub eigen_bijdrage: i64,
    pub plan: Option<String>,
    pub status: AanvraagStatus,
    pub ingediend_door: Option<Uuid>,
    pub ingediend_op: Option<Date>,
    pub beslissen_voor: Option<Date>,
    pub toegekend_bedrag: Option<i64>,
    pub motivering: Option<String>,
    pub besloten_op: Option<Date>,
    pub besloten_door: Option<Uuid>,
    pub te_laat: Option<bool>,
    pub gereserveerd: i64,
    pub uitbetaald: i64,
    pub version: i32,
    /// Het id van dit record in een ander systeem van de gemeente (issue 38).
    pub externe_referentie: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

crate::van_gemeente!();

crate::versiebeheer!();
