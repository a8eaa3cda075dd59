//! De stappenplannen (DOMAIN.md, "Step plans") en de overgangen van een stap: pure
//! regels, zonder actix of sea-orm.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// Het soort stappenplan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Plan {
    Coordinerend,
    Coachend,
    Weerbaarheid,
}

impl Plan {
    pub fn as_str(self) -> &'static str {
        match self {
            Plan::Coordinerend => "coordinerend",
            Plan::Coachend => "coachend",
            Plan::Weerbaarheid => "weerbaarheid",
        }
    }

    pub fn parse(value: &str) -> Option<Plan> {
        [Plan::Coordinerend, Plan::Coachend, Plan::Weerbaarheid]
            .into_iter()
            .find(|p| p.as_str() == value)
    }

    /// De stappen: (nummer, naam).
    pub fn stappen(self) -> &'static [(i16, &'static str)] {
        match self {
            Plan::Coordinerend => &[
                (0, "DNA bepalen"),
                (1, "Spelers identificeren / netwerkanalyse"),
                (2, "Zichtbaarheid en aansluiting wijk"),
                (3, "Netwerk verenigen (twee bijeenkomsten)"),
                (4, "Platform opzetten"),
                (5, "Relatiebeheer"),
                (6, "Oefening"),
            ],
            Plan::Coachend => &[
                (0, "DNA bepalen"),
                (1, "Netwerken inventariseren"),
                (2, "Zichtbaarheid en aansluiting (twee bijeenkomsten)"),
                (3, "Informatiebeheer"),
                (4, "Oefening"),
            ],
            Plan::Weerbaarheid => &[
                (1, "Inspiratie"),
                (2, "Theoretische kennis"),
                (3, "Vooronderzoek gebied"),
                (4, "Randvoorwaarden"),
                (5, "Beslismoment, globaal plan van aanpak en rolverdeling"),
                (6, "Gebied leren kennen"),
                (7, "Betrokkenheid en verbinding"),
                (8, "Netwerk opbouwen"),
                (9, "Gesprek over weerbaarheid"),
                (10, "Samenwerkingsvorm kiezen en aan de slag"),
                (11, "Succes, tegenslag, weerstand"),
                (12, "Afronden en netwerk voortzetten"),
            ],
        }
    }
}

/// Het beslismoment van het weerbaarheidsplan.
pub const BESLISSTAP: i16 = 5;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum StapStatus {
    Open,
    Bezig,
    Afgerond,
    Overgeslagen,
}

impl StapStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            StapStatus::Open => "open",
            StapStatus::Bezig => "bezig",
            StapStatus::Afgerond => "afgerond",
            StapStatus::Overgeslagen => "overgeslagen",
        }
    }

    pub fn parse(value: &str) -> Option<StapStatus> {
        [
            StapStatus::Open,
            StapStatus::Bezig,
            StapStatus::Afgerond,
            StapStatus::Overgeslagen,
        ]
        .into_iter()
        .find(|s| s.as_str() == value)
    }

    pub fn klaar(self) -> bool {
        matches!(self, StapStatus::Afgerond | StapStatus::Overgeslagen)
    }

    /// Mag een stap van `self` naar `naar`? Afgerond gaat alleen terug via bezig.
    pub fn mag_naar(self, naar: StapStatus) -> bool {
        use StapStatus::*;
        self == naar
            || matches!(
                (self, naar),
                (Open, Bezig | Afgerond | Overgeslagen)
                    | (Bezig, Open | Afgerond | Overgeslagen)
                    | (Afgerond, Bezig)
                    | (Overgeslagen, Open | Bezig)
            )
    }
}
