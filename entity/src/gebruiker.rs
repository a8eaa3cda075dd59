use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "gebruiker")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub gemeente_id: Option<Uuid>,
    #[sea_orm(unique)]
    pub gebruikersnaam: String,
    pub extern_id: Option<String>,
    pub rollen: Vec<String>,
    pub actief: bool,
    pub token_generatie: i32,
    pub wachtwoord_tijdelijk: bool,
    /// Einde van een activeringscode; `None` voor een gewoon wachtwoord.
    pub wachtwoord_geldig_tot: Option<DateTimeUtc>,
    pub aangemaakt_door: Option<Uuid>,
    pub wachtwoord_gezet_door: Option<Uuid>,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

crate::van_gemeente!();

// De hash van het wachtwoord (`wachtwoord_hash`) staat niet in het model: de dienst
// mag haar schrijven maar niet lezen (migratie 000021, `weefsel_auth`).
crate::versiebeheer!(account);
