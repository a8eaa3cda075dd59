use sea_orm::entity::prelude::*;

pub use crate::soorten::{SleutelpersoonStatus, Uitstroomreden, Wervingsmethode};

/// Een sleutelpersoon zonder persoonsgegevens; die staan in
/// [`crate::sleutelpersoon_gegevens`], achter hun eigen row-level security.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "sleutelpersoon")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub gemeente_id: Uuid,
    pub gebied_id: Option<Uuid>,
    pub typen: Vec<String>,
    pub status: SleutelpersoonStatus,
    pub status_sinds: Date,
    pub wervingsmethode: Option<Wervingsmethode>,
    pub voorgedragen_door: Option<Uuid>,
    pub uitstroomreden: Option<Uitstroomreden>,
    pub exitgesprek: Option<bool>,
    pub buddy_id: Option<Uuid>,
    pub tijdsinvestering: Option<String>,
    pub laatste_contact: Option<Date>,
    /// De laatste check-in (bijgehouden bij elke nieuwe).
    pub laatste_checkin: Option<Date>,
    pub verhoogd_risico: bool,
    pub zichtbaar_voor: Vec<Uuid>,
    pub toestemming_datum: Option<Date>,
    pub toestemming_doel: Option<String>,
    pub bijzondere_gegevens: bool,
    /// Onder `publieke_taak`: de datum van de afspraak met de persoon over gebruik en
    /// delen (in plaats van toestemming; nooit beide).
    pub afspraak_datum: Option<Date>,
    pub delen_met: Vec<String>,
    pub bewaartermijn_tot: Date,
    pub geanonimiseerd_op: Option<DateTimeUtc>,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(has_one = "super::sleutelpersoon_gegevens::Entity")]
    Gegevens,
}

impl Related<super::sleutelpersoon_gegevens::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Gegevens.def()
    }
}

crate::versiebeheer!();
