use sea_orm::entity::prelude::*;

pub use crate::soorten::{MaatschappelijkVeld, NetwerkCategorie, Niveau, OrganisatieSoort};

/// Een organisatie op de sociale kaart van een gemeente, of in de regionale
/// catalogus (`gemeente_id` leeg). `capaciteiten` en `rollen` staan als tekst.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "organisatie")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub gemeente_id: Option<Uuid>,
    pub naam: String,
    pub soort: OrganisatieSoort,
    pub veld: MaatschappelijkVeld,
    pub categorie: Option<NetwerkCategorie>,
    /// Leeg alleen bij een rij van de catalogus die nog voorlopig is.
    pub niveau: Option<Niveau>,
    pub capaciteiten: Vec<String>,
    pub rollen: Vec<String>,
    pub aanbod: Option<String>,
    pub activering: Option<String>,
    pub meerwaarde: Option<String>,
    pub op_afschaling: Option<String>,
    pub contact: Option<String>,
    /// Waar de gegevens van een rij van de catalogus vandaan komen.
    pub bron: Option<String>,
    /// Een rij van de catalogus die de regio nog niet bevestigde.
    pub voorlopig: bool,
    /// De gebieden die een organisatie van een gemeente dient; leeg: de hele gemeente.
    pub gebied_ids: Vec<Uuid>,
    pub version: i32,
    /// Het id van dit record in een ander systeem van de gemeente (issue 38).
    pub externe_referentie: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

crate::versiebeheer!();
