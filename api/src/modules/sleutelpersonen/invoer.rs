//! De invoer van de operaties op sleutelpersonen, elk één getypte struct.
//!
//! Vrije tekst (`notities`, `achterban`, `opvolgers`) is persoonsgegeven van de
//! hoogste zorg: noem er geen derden in (zoals jongeren over wie zorgen bestaan).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::http::invoer::{Veld, meer_regels, unieke_lijst};
use entity::soorten::{
    Leeftijdsgroep, Opleidingsrichting, SleutelpersoonStatus, SleutelpersoonType, Uitstroomreden,
    Wervingsmethode,
};

/// Met wie de contactgegevens gedeeld mogen worden: `"netwerkleden"`, of het id van een
/// organisatie van de eigen sociale kaart of uit de regionale catalogus. Een lege
/// lijst: met niemand buiten de coördinatoren en beheerders van de gemeente.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(untagged)]
pub enum DelenMet {
    Groep(DelenGroep),
    /// Een organisatie (`/api/v1/organisaties`).
    Organisatie(Uuid),
}

/// Een groep om contactgegevens mee te delen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum DelenGroep {
    /// De leden van de netwerken van de persoon.
    Netwerkleden,
}

impl DelenMet {
    /// Het id als het een organisatie is.
    pub fn organisatie(self) -> Option<Uuid> {
        match self {
            DelenMet::Organisatie(id) => Some(id),
            DelenMet::Groep(_) => None,
        }
    }
}

/// De vastgelegde toestemming van de persoon (AVG): wanneer, waarvoor, tot wanneer
/// de gegevens bewaard worden, of bijzondere gegevens (migratieachtergrond,
/// levensbeschouwing) mogen worden vastgelegd, en met wie de contactgegevens gedeeld
/// mogen worden.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Toestemming {
    /// De datum van de toestemming; niet in de toekomst.
    pub datum: NaiveDate,
    /// Het doel waarvoor de persoon toestemming gaf.
    #[schema(min_length = 1, max_length = 500)]
    pub doel: String,
    /// Tot deze datum worden de gegevens bewaard; daarna anonimiseert de dagelijkse
    /// retentie de persoon. Na `datum`.
    pub bewaartermijn_tot: NaiveDate,
    /// Toestemming voor bijzondere persoonsgegevens (AVG art. 9).
    #[serde(default)]
    pub bijzondere_gegevens: bool,
    #[serde(default)]
    #[schema(schema_with = unieke_lijst::<DelenMet, 0>)]
    pub delen_met: Vec<DelenMet>,
}

/// Onder de grondslag `publieke_taak` (in plaats van toestemming): de afspraak met de
/// persoon over het gebruik en delen van haar gegevens, zoals de handreiking vraagt —
/// wanneer die gemaakt is, tot wanneer de gegevens bewaard worden, met wie de
/// contactgegevens gedeeld mogen worden, en of de persoon uitdrukkelijk toestemde in
/// bijzondere gegevens (AVG art. 9 lid 2 a; op `datum`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Afspraak {
    /// De datum van de afspraak; niet in de toekomst.
    pub datum: NaiveDate,
    /// Tot deze datum worden de gegevens bewaard; daarna anonimiseert de dagelijkse
    /// retentie de persoon. Na `datum`.
    pub bewaartermijn_tot: NaiveDate,
    /// De persoon gaf op `datum` uitdrukkelijk toestemming voor bijzondere
    /// persoonsgegevens (migratieachtergrond, levensbeschouwing); die vraagt elke
    /// grondslag.
    #[serde(default)]
    pub bijzondere_gegevens: bool,
    #[serde(default)]
    #[schema(schema_with = unieke_lijst::<DelenMet, 0>)]
    pub delen_met: Vec<DelenMet>,
}

/// Diversiteitskenmerken (DOMAIN.md): alle optioneel. `migratieachtergrond` is een
/// bijzonder persoonsgegeven en vraagt `toestemming.bijzondereGegevens`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Diversiteit {
    pub leeftijdsgroep: Option<Leeftijdsgroep>,
    pub migratieachtergrond: Option<bool>,
    pub hulpverlenend_beroep: Option<bool>,
    pub bekend_bij_gemeente: Option<bool>,
    pub opleidingsrichting: Option<Opleidingsrichting>,
}

/// Een nieuwe sleutelpersoon. Alleen `kandidaat`, `kennismaking` of (met
/// toestemming) `actief` als begintoestand.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NieuweSleutelpersoon {
    #[schema(min_length = 1, max_length = 100)]
    pub(super) voornaam: String,
    #[schema(min_length = 1, max_length = 100)]
    pub(super) achternaam: Option<String>,
    #[schema(
        min_length = 3,
        max_length = 254,
        pattern = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"
    )]
    pub(super) email: Option<String>,
    #[schema(
        min_length = 6,
        max_length = 30,
        pattern = r"^\+?[0-9][0-9 \-]{4,28}[0-9]$"
    )]
    pub(super) telefoon: Option<String>,
    /// Een gebied van de eigen gemeente.
    pub(super) gebied_id: Option<Uuid>,
    /// De gemeenschap of achterban van de persoon.
    #[schema(min_length = 1, max_length = 500)]
    pub(super) achterban: Option<String>,
    #[serde(default)]
    #[schema(schema_with = unieke_lijst::<SleutelpersoonType, 0>)]
    pub(super) typen: Vec<SleutelpersoonType>,
    pub(super) status: Option<SleutelpersoonStatus>,
    pub(super) wervingsmethode: Option<Wervingsmethode>,
    /// Bij `sneeuwbal`: de sleutelpersoon die deze persoon voordroeg.
    pub(super) voorgedragen_door: Option<Uuid>,
    /// Een ervaren sleutelpersoon als maatje.
    pub(super) buddy_id: Option<Uuid>,
    /// De afgesproken tijdsinvestering, bv. "twee uur per maand".
    #[schema(min_length = 1, max_length = 200)]
    pub(super) tijdsinvestering: Option<String>,
    /// Niet in de toekomst.
    pub(super) laatste_contact: Option<NaiveDate>,
    pub(super) diversiteit: Option<Diversiteit>,
    /// Bijzonder persoonsgegeven (bv. wie een kerk of moskee vertegenwoordigt): alleen
    /// met `toestemming.bijzondereGegevens`.
    #[schema(min_length = 1, max_length = 100)]
    pub(super) levensbeschouwing: Option<String>,
    /// Noem geen derden: notities zijn alleen voor wie de naam ziet.
    #[schema(schema_with = meer_regels::<10000>)]
    pub(super) notities: Option<String>,
    pub(super) toestemming: Option<Toestemming>,
    /// Onder de grondslag `publieke_taak`: de afspraak over gebruik en delen, in plaats
    /// van `toestemming` (nooit beide).
    pub(super) afspraak: Option<Afspraak>,
    /// Alleen de ambtenaren in `zichtbaarVoor` zien de persoonsgegevens.
    #[serde(default)]
    pub(super) verhoogd_risico: bool,
    /// Gebruikers van de eigen gemeente die een persoon met verhoogd risico zien.
    #[serde(default)]
    #[schema(max_items = 20)]
    pub(super) zichtbaar_voor: Vec<Uuid>,
}

/// Een wijziging van een sleutelpersoon; `null` wist een veld. Een statuswijziging
/// volgt de levensloop; naar `uitgestroomd` met `uitstroomreden`.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SleutelpersoonWijziging {
    #[schema(min_length = 1, max_length = 100)]
    pub(super) voornaam: Option<String>,
    #[serde(default)]
    #[schema(value_type = Option<String>, min_length = 1, max_length = 100)]
    pub(super) achternaam: Veld<String>,
    #[serde(default)]
    #[schema(value_type = Option<String>, min_length = 3, max_length = 254, pattern = r"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    pub(super) email: Veld<String>,
    #[serde(default)]
    #[schema(value_type = Option<String>, min_length = 6, max_length = 30, pattern = r"^\+?[0-9][0-9 \-]{4,28}[0-9]$")]
    pub(super) telefoon: Veld<String>,
    #[serde(default)]
    #[schema(value_type = Option<Uuid>)]
    pub(super) gebied_id: Veld<Uuid>,
    #[serde(default)]
    #[schema(value_type = Option<String>, min_length = 1, max_length = 500)]
    pub(super) achterban: Veld<String>,
    #[schema(schema_with = unieke_lijst::<SleutelpersoonType, 0>)]
    pub(super) typen: Option<Vec<SleutelpersoonType>>,
    pub(super) status: Option<SleutelpersoonStatus>,
    /// Verplicht bij de overgang naar `uitgestroomd`.
    pub(super) uitstroomreden: Option<Uitstroomreden>,
    /// Bij uitstroom: was er een exitgesprek?
    pub(super) exitgesprek: Option<bool>,
    /// Bij uitstroom: voorgestelde opvolgers (persoonsgegeven).
    #[serde(default)]
    #[schema(value_type = Option<String>, min_length = 1, max_length = 1000)]
    pub(super) opvolgers: Veld<String>,
    #[serde(default)]
    #[schema(value_type = Option<Wervingsmethode>)]
    pub(super) wervingsmethode: Veld<Wervingsmethode>,
    #[serde(default)]
    #[schema(value_type = Option<Uuid>)]
    pub(super) voorgedragen_door: Veld<Uuid>,
    #[serde(default)]
    #[schema(value_type = Option<Uuid>)]
    pub(super) buddy_id: Veld<Uuid>,
    #[serde(default)]
    #[schema(value_type = Option<String>, min_length = 1, max_length = 200)]
    pub(super) tijdsinvestering: Veld<String>,
    #[serde(default)]
    #[schema(value_type = Option<NaiveDate>)]
    pub(super) laatste_contact: Veld<NaiveDate>,
    /// Vervangt alle diversiteitskenmerken.
    pub(super) diversiteit: Option<Diversiteit>,
    #[serde(default)]
    #[schema(value_type = Option<String>, min_length = 1, max_length = 100)]
    pub(super) levensbeschouwing: Veld<String>,
    #[serde(default)]
    #[schema(schema_with = crate::http::invoer::meer_regels_of_leeg::<10000>)]
    pub(super) notities: Veld<String>,
    /// Vervangt de toestemming. Intrekken is anonimiseren
    /// (`POST /sleutelpersonen/{id}/anonimisering`).
    pub(super) toestemming: Option<Toestemming>,
    /// Onder de grondslag `publieke_taak`: vervangt de afspraak over gebruik en delen
    /// (en een eerdere toestemming; nooit beide tegelijk).
    pub(super) afspraak: Option<Afspraak>,
    pub(super) verhoogd_risico: Option<bool>,
    #[schema(max_items = 20)]
    pub(super) zichtbaar_voor: Option<Vec<Uuid>>,
}

/// Zoeken op naam of e-mailadres: nooit in de URL.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SleutelpersoonZoekvraag {
    /// Een deel van de naam (voornaam en achternaam) of van het e-mailadres,
    /// hoofdletterongevoelig.
    #[schema(min_length = 2, max_length = 100)]
    pub(super) tekst: String,
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(rename_all = "camelCase")]
#[into_params(parameter_in = Query)]
pub struct SleutelpersonenParams {
    pub(super) status: Option<SleutelpersoonStatus>,
    pub(super) gebied_id: Option<Uuid>,
    pub(super) verhoogd_risico: Option<bool>,
}
