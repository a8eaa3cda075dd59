use sea_orm::entity::prelude::*;

pub use crate::soorten::{Betrokkene, Ernst, MeldingSoort, MeldingStatus};

/// Een melding van een bedreiging of incident. `omschrijving`, `maatregelen` en
/// `afsluitnotitie` zijn vrije tekst die mensen kan noemen.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "melding")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub gemeente_id: Uuid,
    pub soort: MeldingSoort,
    pub betrokkene: Betrokkene,
    pub ernst: Ernst,
    pub datum: Date,
    pub omschrijving: String,
    pub sleutelpersoon_id: Option<Uuid>,
    pub netwerk_id: Option<Uuid>,
    pub gebied_id: Option<Uuid>,
    pub behandelaar_id: Uuid,
    pub politie: bool,
    pub veiligheidshuis: bool,
    pub maatregelen: Option<String>,
    pub status: MeldingStatus,
    pub afsluitnotitie: Option<String>,
    pub afgesloten_op: Option<Date>,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

crate::van_gemeente!();

crate::versiebeheer!();
