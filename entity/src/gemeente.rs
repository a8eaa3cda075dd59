use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "gemeente")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    #[sea_orm(unique)]
    pub code: String,
    pub naam: String,
    #[sea_orm(unique)]
    pub slug: String,
    /// Vanaf dit inwonertal is een gebied groot.
    pub grootte_drempel: i32,
    /// De aanpak die de gemeente in vak 2 en 3 voorstelt (`coachend`, `coordinerend`).
    pub voorkeur_aanpak: Option<String>,
    /// Wat het DNA-profiel beslist: de indicatoren of de niet-meetbare tekenen.
    pub dna_basis: crate::soorten::DnaBasis,
    /// De grondslag van de verwerking van sleutelpersonen (`toestemming`, `publieke_taak`).
    pub grondslag: String,
    /// Datum en kenmerk van het besluit van het college over de grondslag.
    pub grondslag_besluit_datum: Option<Date>,
    pub grondslag_besluit_kenmerk: Option<String>,
    /// Werklijst: een lopend traject zonder stapwissel na zoveel weken.
    pub traject_stil_weken: i32,
    /// Werklijst: een DNA-meting ouder dan zoveel jaar.
    pub dna_meting_max_jaren: i32,
    /// Werklijst: een crisisafspraak na zoveel maanden opnieuw doornemen.
    pub crisisafspraak_herzien_maanden: i32,
    /// Werklijst: een check-in bij een persoon met verhoogd risico na zoveel dagen.
    pub checkin_dagen: i32,
    /// Werklijst: contact met een lid na zoveel dagen.
    pub contact_dagen: i32,
    /// Werklijst: de termijn van een open melding per ernst, in dagen.
    pub melding_termijn_acuut: i32,
    pub melding_termijn_hoog: i32,
    pub melding_termijn_middel: i32,
    pub melding_termijn_laag: i32,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

crate::versiebeheer!();
