use sea_orm::entity::prelude::*;

/// Alleen toevoegen: `keten`, `volgnummer`, `tijdstip`, `vorige_hash` en `hash`
/// zet een trigger in de database.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "audit_trail")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub keten: String,
    pub volgnummer: i64,
    pub tijdstip: DateTimeUtc,
    pub gemeente_id: Option<Uuid>,
    pub actor_soort: String,
    pub actor_id: Option<Uuid>,
    pub resource: String,
    pub resource_id: String,
    pub actie: String,
    pub wijzigingen: Json,
    pub request_id: Option<String>,
    pub vorige_hash: String,
    pub hash: String,
}

crate::van_gemeente!();

impl ActiveModelBehavior for ActiveModel {}
