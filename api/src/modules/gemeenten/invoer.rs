//! De invoer van de operaties op gemeenten, en wie welke instelling wijzigt.

use super::weergave::*;
use crate::domein::dna::Aanpak;
use crate::domein::grondslag::Grondslag;
use crate::http::invoer::Veld;
use entity::gemeente;
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

/// Wie een instelling van een gemeente mag wijzigen (DOMAIN.md, "Municipality
/// settings"). Een instelling die over toegang of persoonsgegevens gaat, is van de
/// gemeente alleen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WieWijzigt {
    /// De `gemeente_beheerder` van de gemeente of de `regio_beheerder`.
    GemeenteOfRegio,
    /// Alleen de `gemeente_beheerder` van de gemeente.
    AlleenGemeente,
}

/// Per veld van [`GemeenteWijziging`] wie het mag zetten; een nieuw veld komt hier bij.
pub const INSTELLINGEN: &[(&str, WieWijzigt)] = &[
    ("grootteDrempel", WieWijzigt::GemeenteOfRegio),
    ("voorkeurAanpak", WieWijzigt::GemeenteOfRegio),
    ("dnaBasis", WieWijzigt::GemeenteOfRegio),
    ("grondslag", WieWijzigt::AlleenGemeente),
    ("grondslagBesluit", WieWijzigt::AlleenGemeente),
    ("trajectStilWeken", WieWijzigt::AlleenGemeente),
    ("dnaMetingMaxJaren", WieWijzigt::AlleenGemeente),
    ("crisisafspraakHerzienMaanden", WieWijzigt::AlleenGemeente),
    ("checkinDagen", WieWijzigt::AlleenGemeente),
    ("contactDagen", WieWijzigt::AlleenGemeente),
    ("meldingTermijnDagen", WieWijzigt::AlleenGemeente),
];

/// De instellingen van een gemeente wijzigen. Elk veld is optioneel; `null` bij
/// `voorkeurAanpak` laat de keuze weer aan de coördinator (beide).
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct GemeenteWijziging {
    /// Vanaf dit inwonertal is een gebied groot (1 tot en met 1 000 000).
    #[schema(minimum = 1, maximum = 1000000)]
    pub(super) grootte_drempel: Option<i32>,
    /// `coachend` of `coordinerend` voor vak 2 en 3; `null`: beide.
    #[serde(default)]
    #[schema(value_type = Option<Aanpak>)]
    pub(super) voorkeur_aanpak: Veld<Aanpak>,
    /// `indicatoren` of `tekenen`: wat het DNA-profiel van de gebieden beslist.
    pub(super) dna_basis: Option<entity::soorten::DnaBasis>,
    /// De grondslag; alleen de `gemeente_beheerder` van de gemeente (de regio: 403
    /// `geen_recht`). Een andere grondslag dan nu vraagt om `grondslagBesluit`.
    pub(super) grondslag: Option<Grondslag>,
    /// Het besluit van het college over de grondslag; alleen de `gemeente_beheerder`.
    pub(super) grondslag_besluit: Option<GrondslagBesluit>,
    /// Werklijst: weken zonder stapwissel (1–104); alleen de `gemeente_beheerder`.
    #[schema(minimum = 1, maximum = 104)]
    pub(super) traject_stil_weken: Option<i32>,
    /// Werklijst: jaren tot een DNA-meting oud is (1–10); alleen de `gemeente_beheerder`.
    #[schema(minimum = 1, maximum = 10)]
    pub(super) dna_meting_max_jaren: Option<i32>,
    /// Werklijst: maanden tot een crisisafspraak opnieuw doorgenomen wordt (1–60); alleen
    /// de `gemeente_beheerder`.
    #[schema(minimum = 1, maximum = 60)]
    pub(super) crisisafspraak_herzien_maanden: Option<i32>,
    /// Werklijst: dagen tussen check-ins bij verhoogd risico (1–365); alleen de
    /// `gemeente_beheerder`.
    #[schema(minimum = 1, maximum = 365)]
    pub(super) checkin_dagen: Option<i32>,
    /// Werklijst: dagen zonder contact met een lid (1–1095); alleen de
    /// `gemeente_beheerder`.
    #[schema(minimum = 1, maximum = 1095)]
    pub(super) contact_dagen: Option<i32>,
    /// Werklijst: de termijn van een open melding per ernst (alle vier); alleen de
    /// `gemeente_beheerder`.
    pub(super) melding_termijn_dagen: Option<MeldingTermijnen>,
}

crate::sorteervelden! {
    /// Waarop de lijst van gemeenten gesorteerd kan worden; `-` ervoor is aflopend.
    GemeenteSortering op gemeente {
        Naam = "naam", NaamAflopend = "-naam" => Naam,
        Code = "code", CodeAflopend = "-code" => Code,
    }
}

/// Filters en sortering van de lijst van gemeenten.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct GemeentenParams {
    /// Sortering, door komma's gescheiden; standaard `naam`.
    #[param(value_type = Option<Vec<GemeenteSortering>>, style = Form, explode = false, example = json!(["naam"]))]
    pub sorteer: Option<String>,
}
