use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "koppeling")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub gemeente_id: Uuid,
    pub naam: String,
    pub scopes: Vec<String>,
    pub actief: bool,
    pub geheim_vernieuwd_op: DateTimeUtc,
    pub token_generatie: i32,
    /// Wie haar maakte, haar scopes wijzigde of haar secret vernieuwde.
    pub beheerd_door: Vec<Uuid>,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

crate::van_gemeente!();

// De hash van het secret (`geheim_hash`) staat niet in het model: de dienst mag haar
// schrijven maar niet lezen (migratie 000021, `weefsel_auth`).
crate::versiebeheer!(account);
