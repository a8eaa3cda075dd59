//! De representatie van een gemeente met haar instellingen.

use crate::domein::dna::Aanpak;
use crate::domein::grondslag::Grondslag;
use chrono::NaiveDate;
use chrono::{DateTime, Utc};
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
    /// Werklijst: een lopend traject zonder stapwissel staat er na zoveel weken op
    /// (`traject_stil`; standaard 8, de keuze van dit project).
    #[schema(example = 8, minimum = 1, maximum = 104)]
    pub traject_stil_weken: i32,
    /// Werklijst: een DNA-meting is na zoveel jaar oud (`dna_meting_oud`; standaard 2).
    #[schema(example = 2, minimum = 1, maximum = 10)]
    pub dna_meting_max_jaren: i32,
    /// Werklijst: een crisisafspraak wordt na zoveel maanden opnieuw doorgenomen
    /// (`crisisafspraak_herzien`; standaard 12).
    #[schema(example = 12, minimum = 1, maximum = 60)]
    pub crisisafspraak_herzien_maanden: i32,
    /// Werklijst: een check-in bij een persoon met verhoogd risico na zoveel dagen sinds
    /// de vorige (`checkin`; standaard 90).
    #[schema(example = 90, minimum = 1, maximum = 365)]
    pub checkin_dagen: i32,
    /// Werklijst: contact met een lid na zoveel dagen sinds het laatste
    /// (`lid_zonder_contact`; standaard 180).
    #[schema(example = 180, minimum = 1, maximum = 1095)]
    pub contact_dagen: i32,
    /// Werklijst: de termijn van een open melding per ernst, in dagen vanaf haar datum
    /// (`melding_open`; standaard acuut 1, hoog 3, middel 7, laag 14).
    pub melding_termijn_dagen: MeldingTermijnen,
    pub aangemaakt_op: DateTime<Utc>,
    pub gewijzigd_op: DateTime<Utc>,
}

/// De termijn van een open melding per ernst, in dagen (0 tot en met 90).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MeldingTermijnen {
    #[schema(example = 1, minimum = 0, maximum = 90)]
    pub acuut: i32,
    #[schema(example = 3, minimum = 0, maximum = 90)]
    pub hoog: i32,
    #[schema(example = 7, minimum = 0, maximum = 90)]
    pub middel: i32,
    #[schema(example = 14, minimum = 0, maximum = 90)]
    pub laag: i32,
}

impl MeldingTermijnen {
    pub fn van(m: &gemeente::Model) -> Self {
        MeldingTermijnen {
            acuut: m.melding_termijn_acuut,
            hoog: m.melding_termijn_hoog,
            middel: m.melding_termijn_middel,
            laag: m.melding_termijn_laag,
        }
    }
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
        let melding_termijn_dagen = MeldingTermijnen::van(&m);
        let grondslag_besluit = match (m.grondslag_besluit_datum, m.grondslag_besluit_kenmerk) {
            (Some(datum), Some(kenmerk)) => Some(GrondslagBesluit { datum, kenmerk }),
            _ => None,
        };
        Gemeente {
            traject_stil_weken: m.traject_stil_weken,
            dna_meting_max_jaren: m.dna_meting_max_jaren,
            crisisafspraak_herzien_maanden: m.crisisafspraak_herzien_maanden,
            checkin_dagen: m.checkin_dagen,
            contact_dagen: m.contact_dagen,
            melding_termijn_dagen,
            aangemaakt_op: m.created_at,
            gewijzigd_op: m.updated_at,
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
