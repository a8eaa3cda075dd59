//! De representatie van een gemeente met haar instellingen.

use crate::domein::dna::Aanpak;
use crate::domein::grondslag::Grondslag;
use chrono::NaiveDate;
use entity::gemeente;
use entity::soorten::DnaBasis;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// Een gemeente van Veiligheidsregio Brabant-Noord.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Gemeente {
    /// CBS-gemeentecode.
    #[schema(example = "GM0828", pattern = "^GM[0-9]{4}$")]
    pub code: String,
    /// Officiële naam.
    #[schema(example = "Oss")]
    pub naam: String,
    /// Naam in URL-vorm.
    #[schema(example = "oss")]
    pub slug: String,
    /// Vanaf dit inwonertal is een gebied groot in het DNA-kwadrant (standaard 5000).
    #[schema(example = 5000)]
    pub grootte_drempel: i32,
    /// De aanpak die de gemeente voorstelt in vak 2 en 3 van het DNA-kwadrant, waar de
    /// handreiking de keuze aan haar laat; `null`: beide.
    pub voorkeur_aanpak: Option<Aanpak>,
    /// Wat het DNA-profiel van haar gebieden beslist: `indicatoren` (standaard; de
    /// niet-meetbare tekenen als de indicatoren niets beslissen) of `tekenen` (de
    /// handreiking biedt ze als alternatief; dan de indicatoren als de tekenen niets
    /// beslissen).
    pub dna_basis: DnaBasis,
    /// De grondslag waarop de gemeente persoonsgegevens van sleutelpersonen verwerkt:
    /// haar keuze als verwerkingsverantwoordelijke (het college, na advies van de
    /// functionaris gegevensbescherming), vastgelegd door haar `gemeente_beheerder`.
    pub grondslag: Grondslag,
    /// Het besluit van het college over de grondslag; `null` zolang de standaard
    /// (`toestemming`) geldt zonder besluit.
    pub grondslag_besluit: Option<GrondslagBesluit>,
}

/// Het besluit van het college van burgemeester en wethouders over de grondslag.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct GrondslagBesluit {
    /// De datum van het besluit; niet in de toekomst.
    #[schema(example = "2026-11-03")]
    pub datum: NaiveDate,
    /// Het kenmerk (zaak- of besluitnummer) van het besluit.
    #[schema(
        example = "B&W 2026/1187",
        min_length = 1,
        max_length = 100,
        pattern = r"^\S(.*\S)?$"
    )]
    pub kenmerk: String,
}

impl From<gemeente::Model> for Gemeente {
    fn from(m: gemeente::Model) -> Self {
        let grondslag_besluit = match (m.grondslag_besluit_datum, m.grondslag_besluit_kenmerk) {
            (Some(datum), Some(kenmerk)) => Some(GrondslagBesluit { datum, kenmerk }),
            _ => None,
        };
        Gemeente {
            code: m.code,
            naam: m.naam,
            slug: m.slug,
            grootte_drempel: m.grootte_drempel,
            voorkeur_aanpak: m.voorkeur_aanpak.as_deref().and_then(Aanpak::parse),
            dna_basis: m.dna_basis,
            grondslag: Grondslag::uit_tekst(&m.grondslag),
            grondslag_besluit,
        }
    }
}
