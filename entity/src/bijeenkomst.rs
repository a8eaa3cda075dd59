use sea_orm::entity::prelude::*;

pub use crate::soorten::{BijeenkomstSoort, Locatiesoort};

/// Een bijeenkomst van een netwerk en/of in een gebied. `aanwezigen` zijn ids van
/// sleutelpersonen; `acties` de vervolgacties (JSON).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "bijeenkomst")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub gemeente_id: Uuid,
    pub soort: BijeenkomstSoort,
    pub titel: Option<String>,
    pub datum: Date,
    pub begintijd: Option<Time>,
    pub eindtijd: Option<Time>,
    pub locatiesoort: Option<Locatiesoort>,
    pub locatie: Option<String>,
    pub netwerk_id: Option<Uuid>,
    pub gebied_id: Option<Uuid>,
    /// Het traject en de stap waarbij dit hoort (samen of geen van beide).
    pub traject_id: Option<Uuid>,
    pub stap: Option<i16>,
    /// De uitkomsten van een tweede bijeenkomst (JSON).
    pub afspraken: Option<Json>,
    pub deelnemers: Option<i32>,
    pub aanwezigen: Vec<Uuid>,
    pub agenda: Json,
    pub verslag: Option<String>,
    pub verslag_aan_afwezigen: bool,
    pub terugkoppeling: Option<String>,
    pub acties: Json,
    pub version: i32,
    /// Het id van dit record in een ander systeem van de gemeente (issue 38).
    pub externe_referentie: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

crate::van_gemeente!();

crate::versiebeheer!();
