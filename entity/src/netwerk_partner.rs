use sea_orm::entity::prelude::*;

/// Een partnerorganisatie van een netwerk (van de eigen sociale kaart of de
/// regionale catalogus).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "netwerk_partner")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub gemeente_id: Uuid,
    pub netwerk_id: Uuid,
    pub organisatie_id: Uuid,
    pub toelichting: Option<String>,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

crate::van_gemeente!();

crate::versiebeheer!();
