use sea_orm::entity::prelude::*;

/// Alleen toevoegen. `hash` is de HMAC-SHA256 van de dienst met sleutel `sleutel_id`
/// (migratie 000022); regels van daarvoor hebben een SHA-256 en geen `sleutel_id`.
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
    pub sleutel_id: Option<String>,
}

crate::van_gemeente!();

impl ActiveModelBehavior for ActiveModel {}
