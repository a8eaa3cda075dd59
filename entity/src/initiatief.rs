use sea_orm::entity::prelude::*;

pub use crate::soorten::{InitiatiefStatus, Participatie, Thema};

/// Een bewonersinitiatief. `contactnaam` en `contactemail` zijn persoonsgegevens.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "initiatief")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub gemeente_id: Uuid,
    pub titel: String,
    pub omschrijving: Option<String>,
    pub thema: Thema,
    pub participatie: Option<Participatie>,
    pub gebied_id: Option<Uuid>,
    pub netwerk_id: Option<Uuid>,
    pub organisatie: Option<String>,
    pub contactnaam: Option<String>,
    pub contactemail: Option<String>,
    pub contact_geanonimiseerd_op: Option<DateTimeUtc>,
    pub status: InitiatiefStatus,
    pub startdatum: Option<Date>,
    pub einddatum: Option<Date>,
    pub resultaten: Option<String>,
    pub lessen: Option<String>,
    pub version: i32,
    /// Het id van dit record in een ander systeem van de gemeente (issue 38).
    pub externe_referentie: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

crate::van_gemeente!();

crate::versiebeheer!();
