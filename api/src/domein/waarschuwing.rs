//! Waarschuwingen: wat de dienst opmerkt zonder te weigeren. Elke waarschuwing heeft
//! een vaste `code` (om op te filteren of te vertalen) en een `detail` in het
//! Nederlands. De handreikingen zijn een leidraad, geen protocol: waar een gemeente
//! afwijkt, waarschuwt de dienst.

use serde::Serialize;
use utoipa::ToSchema;

/// De code van een waarschuwing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum WaarschuwingCode {
    /// Een wijkverbinder of een gemeenteverbinder ontbreekt (weerbaarheidsplan).
    VerbinderOntbreekt,
    /// Eén persoon is zowel wijkverbinder als gemeenteverbinder.
    VerbinderDubbel,
    /// Van een verbinder ontbreekt de startdatum van de benoeming.
    AanstellingZonderBegin,
    /// Een verbinder is voor minder dan drie jaar benoemd.
    AanstellingTeKort,
    /// Aan stap 5–12 wordt gewerkt vóór een `go` op het beslismoment.
    VoorBeslismoment,
    /// Een tweede bijeenkomst zonder eerdere eerste in hetzelfde traject of netwerk.
    TweedeZonderEerste,
}

impl WaarschuwingCode {
    /// De uitleg bij de code.
    pub fn detail(self) -> &'static str {
        match self {
            WaarschuwingCode::VerbinderOntbreekt => {
                "Wijs een wijkverbinder (het gezicht in de wijk) en een gemeenteverbinder (de schakel naar de gemeentelijke organisatie) aan, voor minstens drie jaar."
            }
            WaarschuwingCode::VerbinderDubbel => {
                "Eén persoon is zowel wijkverbinder als gemeenteverbinder; de handreiking raadt twee verschillende mensen aan."
            }
            WaarschuwingCode::AanstellingZonderBegin => {
                "Van een verbinder ontbreekt de startdatum van de benoeming; leg vast vanaf wanneer."
            }
            WaarschuwingCode::AanstellingTeKort => {
                "Een verbinder is voor minder dan drie jaar benoemd; de handreiking vraagt minstens drie jaar."
            }
            WaarschuwingCode::VoorBeslismoment => {
                "Er wordt aan stap 5–12 gewerkt vóór een go op het beslismoment (einde van stap 4). Dat mag: de handreiking is geen protocol met een vaste volgorde. Zorg dat de randvoorwaarden op orde komen."
            }
            WaarschuwingCode::TweedeZonderEerste => {
                "Deze tweede bijeenkomst heeft geen eerdere eerste bijeenkomst in hetzelfde traject of netwerk; de handreiking bouwt de tweede op de eerste."
            }
        }
    }
}

/// Een waarschuwing van de dienst.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct Waarschuwing {
    pub code: WaarschuwingCode,
    /// De uitleg, in het Nederlands; geen namen.
    pub detail: String,
}

impl From<WaarschuwingCode> for Waarschuwing {
    fn from(code: WaarschuwingCode) -> Self {
        Waarschuwing {
            code,
            detail: code.detail().to_owned(),
        }
    }
}
