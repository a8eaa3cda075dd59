//! De stappenplannen (DOMAIN.md, "Step plans") en de overgangen van een stap: pure
//! regels, zonder actix of sea-orm.

pub use entity::soorten::{Plan, StapStatus};

/// Wat een stappenplan is: zijn stappen.
pub trait Stappen {
    /// De stappen: (nummer, naam).
    fn stappen(self) -> &'static [(i16, &'static str)];
}

impl Stappen for Plan {
    fn stappen(self) -> &'static [(i16, &'static str)] {
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

/// De overgangen van een stap.
pub trait Overgangen {
    /// Afgerond of overgeslagen.
    fn klaar(self) -> bool;
    /// Mag een stap van `self` naar `naar`? Afgerond gaat alleen terug via bezig.
    fn mag_naar(self, naar: StapStatus) -> bool;
}

impl Overgangen for StapStatus {
    fn klaar(self) -> bool {
        matches!(self, StapStatus::Afgerond | StapStatus::Overgeslagen)
    }

    fn mag_naar(self, naar: StapStatus) -> bool {
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
