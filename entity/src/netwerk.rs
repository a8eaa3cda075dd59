use sea_orm::entity::prelude::*;

pub use crate::soorten::{NetwerkFase, NetwerkVorm, Voorzitter, Werkwijze};

/// Een netwerk. Lijsten van soorten (`doelen`, `gemeente_rol`, `tegenprestaties`)
/// staan als tekst; de API leest en schrijft ze als enums.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "netwerk")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub gemeente_id: Uuid,
    pub naam: String,
    pub vorm: NetwerkVorm,
    pub doelen: Vec<String>,
    pub gemeente_rol: Vec<String>,
    pub rol_historie: Json,
    pub fase: NetwerkFase,
    pub fase_historie: Json,
    pub werkwijze: Option<Werkwijze>,
    pub voorzitter: Option<Voorzitter>,
    pub kerngroep: bool,
    pub tegenprestaties: Vec<String>,
    pub gebied_ids: Vec<Uuid>,
    pub contactambtenaren: Vec<Uuid>,
    /// De vaste contactpersoon: een van de contactambtenaren.
    pub primair: Option<Uuid>,
    pub afspraken: Option<Json>,
    pub crisisafspraken: Json,
    pub version: i32,
    /// Het id van dit record in een ander systeem van de gemeente (issue 38).
    pub externe_referentie: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

crate::van_gemeente!();

crate::versiebeheer!();
