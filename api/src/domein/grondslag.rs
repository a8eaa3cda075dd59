//! De grondslag van de verwerking van persoonsgegevens van sleutelpersonen (AVG art.
//! 6): de keuze van de gemeente als verwerkingsverantwoordelijke.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// `toestemming` (art. 6 lid 1 a; intrekken anonimiseert) of `publieke_taak` (art. 6
/// lid 1 e; de persoon kan bezwaar maken, art. 21).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Grondslag {
    Toestemming,
    PubliekeTaak,
}

impl Grondslag {
    pub fn as_str(self) -> &'static str {
        match self {
            Grondslag::Toestemming => "toestemming",
            Grondslag::PubliekeTaak => "publieke_taak",
        }
    }

    /// Uit de database; een onbekende waarde (kan niet, een CHECK bewaakt haar) telt
    /// als de strengste, `toestemming`.
    pub fn uit_tekst(tekst: &str) -> Self {
        match tekst {
            "publieke_taak" => Grondslag::PubliekeTaak,
            _ => Grondslag::Toestemming,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Grondslag;

    #[test]
    fn heen_en_terug() {
        for g in [Grondslag::Toestemming, Grondslag::PubliekeTaak] {
            assert_eq!(Grondslag::uit_tekst(g.as_str()), g);
        }
    }
}
