use sea_orm::entity::prelude::*;

/// Een ondertekende kop van een keten van de audit trail (migratie 000022); alleen
/// toevoegen, via `weefsel_audit_kop_bewaren`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "audit_kop")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub keten: String,
    #[sea_orm(primary_key, auto_increment = false)]
    pub volgnummer: i64,
    pub gemeente_id: Option<Uuid>,
    pub hash: String,
    pub getekend_op: DateTimeUtc,
    pub handtekening: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
