//! De invoer van de operaties op bijeenkomsten.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::http::invoer::{
    Veld, externe_referentie, externe_referentie_of_leeg, meer_regels, meer_regels_of_leeg,
};
use crate::modules::netwerken::BijeenkomstAfspraken;
use entity::soorten::{BijeenkomstSoort, Locatiesoort, Plan};

/// Een punt op de agenda.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Agendapunt {
    #[schema(min_length = 1, max_length = 200)]
    pub onderwerp: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(schema_with = meer_regels::<2000>)]
    pub toelichting: Option<String>,
}

/// Een vervolgactie zoals een verzoek haar meegeeft: een eigenaar (een functie of
/// organisatie; noem geen sleutelpersonen), een uiterste datum en of ze gedaan is. Een
/// bestaande actie houdt haar `id` als het verzoek dat meestuurt; zonder `id` is ze
/// nieuw en krijgt ze er een.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NieuweVervolgactie {
    /// Het id van een actie die deze bijeenkomst al heeft; weg bij een nieuwe actie.
    pub id: Option<Uuid>,
    #[schema(min_length = 1, max_length = 500)]
    pub omschrijving: String,
    #[schema(min_length = 1, max_length = 200)]
    pub eigenaar: String,
    /// Een actieve gebruiker van de gemeente die de actie trekt: op zijn werklijst is
    /// ze `mijn`.
    pub eigenaar_id: Option<Uuid>,
    pub deadline: Option<NaiveDate>,
    #[serde(default)]
    pub gereed: bool,
}

/// Een vervolgactie van een bijeenkomst, met haar vaste `id`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Vervolgactie {
    pub id: Uuid,
    pub omschrijving: String,
    /// Een functie of organisatie.
    pub eigenaar: String,
    /// De gebruiker van de gemeente die de actie trekt.
    #[serde(default)]
    pub eigenaar_id: Option<Uuid>,
    pub deadline: Option<NaiveDate>,
    pub gereed: bool,
}

/// De acties zoals ze bewaard worden: een bekend `id` blijft, een nieuwe actie krijgt
/// er een. Een `id` dat de bijeenkomst niet heeft of dat twee keer voorkomt, is een
/// fout bij `acties.<n>.id`.
pub(super) fn acties_met_id(
    acties: &[NieuweVervolgactie],
    bestaand: &[Vervolgactie],
    fouten: &mut crate::http::invoer::Fouten,
) -> Vec<Vervolgactie> {
    let mut gezien = std::collections::HashSet::new();
    acties
        .iter()
        .enumerate()
        .map(|(n, a)| {
            if let Some(id) = a.id {
                fouten.check(
                    bestaand.iter().any(|b| b.id == id) && gezien.insert(id),
                    &format!("acties.{n}.id"),
                    crate::http::problem::Foutcode::Ongeldig,
                    "Een bestaande actie van deze bijeenkomst, één keer; laat id weg bij een nieuwe actie.",
                );
            }
            Vervolgactie {
                id: a.id.unwrap_or_else(Uuid::now_v7),
                omschrijving: a.omschrijving.clone(),
                eigenaar: a.eigenaar.clone(),
                eigenaar_id: a.eigenaar_id,
                deadline: a.deadline,
                gereed: a.gereed,
            }
        })
        .collect()
}

/// Een nieuwe bijeenkomst, van een netwerk en/of in een gebied (minstens één).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NieuweBijeenkomst {
    pub(super) soort: BijeenkomstSoort,
    #[schema(min_length = 1, max_length = 200)]
    pub(super) titel: Option<String>,
    pub(super) datum: NaiveDate,
    /// `uu:mm`.
    #[schema(pattern = r"^([01][0-9]|2[0-3]):[0-5][0-9]$", example = "19:30")]
    pub(super) begintijd: Option<String>,
    /// `uu:mm`, niet vóór `begintijd`.
    #[schema(pattern = r"^([01][0-9]|2[0-3]):[0-5][0-9]$", example = "21:30")]
    pub(super) eindtijd: Option<String>,
    pub(super) locatiesoort: Option<Locatiesoort>,
    /// De plek (een gebouw of adres van een organisatie, geen woonadres).
    #[schema(min_length = 1, max_length = 200)]
    pub(super) locatie: Option<String>,
    pub(super) netwerk_id: Option<Uuid>,
    pub(super) gebied_id: Option<Uuid>,
    /// Het traject waarbij de bijeenkomst hoort; dan ook `stap`.
    pub(super) traject_id: Option<Uuid>,
    /// De stap van dat traject (een stap van zijn plan), bv. coördinerend stap 3.
    #[schema(minimum = 0, maximum = 12)]
    pub(super) stap: Option<i16>,
    /// Het aantal deelnemers.
    #[schema(minimum = 0, maximum = 100000)]
    pub(super) deelnemers: Option<i32>,
    /// Ids van aanwezige sleutelpersonen van de gemeente.
    #[serde(default)]
    #[schema(max_items = 500)]
    pub(super) aanwezigen: Vec<Uuid>,
    /// Zonder agenda begint een eerste of tweede bijeenkomst bij een traject met de
    /// vaste agenda uit de leidraad van het traject.
    #[schema(max_items = 30)]
    pub(super) agenda: Option<Vec<Agendapunt>>,
    /// Het korte verslag (gaat ook naar wie er niet was).
    #[schema(schema_with = meer_regels::<10000>)]
    pub(super) verslag: Option<String>,
    /// Is het verslag ook naar de afwezigen gestuurd?
    #[serde(default)]
    pub(super) verslag_aan_afwezigen: bool,
    /// Wat er aan bewoners is teruggekoppeld over wat er met hun inbreng gebeurde, ook
    /// als iets niet lukte.
    #[schema(schema_with = meer_regels::<5000>)]
    pub(super) terugkoppeling: Option<String>,
    #[serde(default)]
    #[schema(max_items = 50)]
    pub(super) acties: Vec<NieuweVervolgactie>,
    /// Alleen bij een `tweede_bijeenkomst`: wat zij afsprak.
    pub(super) afspraken: Option<BijeenkomstAfspraken>,
    #[schema(schema_with = externe_referentie)]
    pub(super) externe_referentie: Option<String>,
}

/// Een wijziging van een bijeenkomst; `null` wist. Een lijst vervangt de hele lijst.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BijeenkomstWijziging {
    pub(super) soort: Option<BijeenkomstSoort>,
    #[serde(default)]
    #[schema(value_type = Option<String>, min_length = 1, max_length = 200)]
    pub(super) titel: Veld<String>,
    pub(super) datum: Option<NaiveDate>,
    #[serde(default)]
    #[schema(value_type = Option<String>, pattern = r"^([01][0-9]|2[0-3]):[0-5][0-9]$")]
    pub(super) begintijd: Veld<String>,
    #[serde(default)]
    #[schema(value_type = Option<String>, pattern = r"^([01][0-9]|2[0-3]):[0-5][0-9]$")]
    pub(super) eindtijd: Veld<String>,
    #[serde(default)]
    #[schema(value_type = Option<Locatiesoort>)]
    pub(super) locatiesoort: Veld<Locatiesoort>,
    #[serde(default)]
    #[schema(value_type = Option<String>, min_length = 1, max_length = 200)]
    pub(super) locatie: Veld<String>,
    #[serde(default)]
    #[schema(value_type = Option<Uuid>)]
    pub(super) netwerk_id: Veld<Uuid>,
    #[serde(default)]
    #[schema(value_type = Option<Uuid>)]
    pub(super) gebied_id: Veld<Uuid>,
    /// `null` maakt de bijeenkomst los van haar traject (dan ook `stap` `null`).
    #[serde(default)]
    #[schema(value_type = Option<Uuid>)]
    pub(super) traject_id: Veld<Uuid>,
    #[serde(default)]
    #[schema(value_type = Option<i16>, minimum = 0, maximum = 12)]
    pub(super) stap: Veld<i16>,
    #[serde(default)]
    #[schema(value_type = Option<i32>, minimum = 0, maximum = 100000)]
    pub(super) deelnemers: Veld<i32>,
    /// Vervangt de aanwezigen die u ziet; wie u niet ziet, blijft staan.
    #[schema(max_items = 500)]
    pub(super) aanwezigen: Option<Vec<Uuid>>,
    #[schema(max_items = 30)]
    pub(super) agenda: Option<Vec<Agendapunt>>,
    #[serde(default)]
    #[schema(schema_with = meer_regels_of_leeg::<10000>)]
    pub(super) verslag: Veld<String>,
    pub(super) verslag_aan_afwezigen: Option<bool>,
    #[serde(default)]
    #[schema(schema_with = meer_regels_of_leeg::<5000>)]
    pub(super) terugkoppeling: Veld<String>,
    #[schema(max_items = 50)]
    pub(super) acties: Option<Vec<NieuweVervolgactie>>,
    /// Alleen bij een `tweede_bijeenkomst`; vervangt de afspraken, `null` wist ze.
    #[serde(default)]
    #[schema(value_type = Option<BijeenkomstAfspraken>)]
    pub(super) afspraken: Veld<BijeenkomstAfspraken>,
    #[serde(default)]
    #[schema(schema_with = externe_referentie_of_leeg)]
    pub(super) externe_referentie: Veld<String>,
}

/// De filters van de bijeenkomsten (met de periode in `vanaf` en `tot`).
#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(rename_all = "camelCase")]
#[into_params(parameter_in = Query)]
pub struct BijeenkomstenParams {
    pub(super) soort: Option<BijeenkomstSoort>,
    pub(super) netwerk_id: Option<Uuid>,
    pub(super) gebied_id: Option<Uuid>,
    pub(super) traject_id: Option<Uuid>,
    /// Alleen bijeenkomsten bij deze stap van hun traject.
    #[param(minimum = 0, maximum = 12)]
    pub(super) stap: Option<i16>,
    /// Alleen de bijeenkomst met deze externe referentie.
    #[param(schema_with = externe_referentie)]
    pub(super) externe_referentie: Option<String>,
    /// Een CBS-code: alleen die gemeente (voor de regio).
    #[param(pattern = r"^GM[0-9]{4}$")]
    pub(super) gemeente: Option<String>,
}

/// Welke agenda-sjablonen.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SjablonenParams {
    /// De sjablonen van dit plan (standaard `coordinerend`; `weerbaarheid` heeft er
    /// geen).
    pub(super) aanpak: Option<Plan>,
}
