//! De stappenplannen (DOMAIN.md, "Step plans") en de overgangen van een stap: pure
//! regels, zonder actix of sea-orm.

use chrono::NaiveDate;

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

/// Een stap zoals hij is of wordt: status en datums.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stand {
    pub status: StapStatus,
    pub gestart_op: Option<NaiveDate>,
    pub afgerond_op: Option<NaiveDate>,
}

/// Wat een aanroeper aan een stap vraagt: `None` laat een veld zoals het is,
/// `Some(None)` wist een datum.
#[derive(Debug, Clone, Copy, Default)]
pub struct Verzoek {
    pub status: Option<StapStatus>,
    pub gestart_op: Option<Option<NaiveDate>>,
    pub afgerond_op: Option<Option<NaiveDate>>,
}

/// Waarom een stap niet zo kan veranderen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Weigering {
    /// Deze overgang bestaat niet (afgerond gaat alleen terug via bezig).
    Overgang { van: StapStatus, naar: StapStatus },
    /// De beslisstap van het weerbaarheidsplan rondt alleen het besluit af.
    Beslismoment,
    /// De stappen na het beslismoment wachten op een go.
    WachtOpGo,
    /// `afgerondOp` ligt vóór `gestartOp`.
    EindVoorBegin,
}

/// De nieuwe stand van stap `nummer` van `plan` na `verzoek`: beginnen (`bezig`) zet
/// de startdatum op vandaag, afronden de einddatum, tenzij ze meegegeven zijn.
pub fn stap_bijwerken(
    plan: Plan,
    nummer: i16,
    go: bool,
    stand: Stand,
    verzoek: Verzoek,
    vandaag: NaiveDate,
) -> Result<Stand, Weigering> {
    let (oud, nieuw) = (stand.status, verzoek.status.unwrap_or(stand.status));
    if !oud.mag_naar(nieuw) {
        return Err(Weigering::Overgang {
            van: oud,
            naar: nieuw,
        });
    }
    if plan == Plan::Weerbaarheid && nieuw != oud {
        if nummer == BESLISSTAP && nieuw == StapStatus::Afgerond {
            return Err(Weigering::Beslismoment);
        }
        if nummer > BESLISSTAP && matches!(nieuw, StapStatus::Bezig | StapStatus::Afgerond) && !go {
            return Err(Weigering::WachtOpGo);
        }
    }
    let mut gestart = verzoek.gestart_op.unwrap_or(stand.gestart_op);
    let mut afgerond = verzoek.afgerond_op.unwrap_or(stand.afgerond_op);
    if nieuw != oud {
        match nieuw {
            StapStatus::Bezig => {
                gestart = gestart.or(Some(vandaag));
                afgerond = verzoek.afgerond_op.flatten();
            }
            StapStatus::Afgerond => {
                afgerond = afgerond.or(Some(vandaag));
                gestart = gestart.or(afgerond);
            }
            StapStatus::Open | StapStatus::Overgeslagen => {}
        }
    }
    if let (Some(begin), Some(eind)) = (gestart, afgerond)
        && eind < begin
    {
        return Err(Weigering::EindVoorBegin);
    }
    Ok(Stand {
        status: nieuw,
        gestart_op: gestart,
        afgerond_op: afgerond,
    })
}

/// Wat de handreiking over de verbinders van een weerbaarheidsplan zegt, als
/// waarschuwing: wijs er twee aan, en liefst twee verschillende mensen.
pub fn verbinder_waarschuwingen<P: PartialEq>(
    plan: Plan,
    wijkverbinder: Option<P>,
    gemeenteverbinder: Option<P>,
) -> Vec<&'static str> {
    if plan != Plan::Weerbaarheid {
        return Vec::new();
    }
    match (wijkverbinder, gemeenteverbinder) {
        (Some(a), Some(b)) if a == b => vec![
            "De wijkverbinder en de gemeenteverbinder zijn dezelfde persoon; de handreiking raadt twee verschillende mensen aan.",
        ],
        (None, _) | (_, None) => vec![
            "Wijs een wijkverbinder (het gezicht in de wijk, voor minstens drie jaar) en een gemeenteverbinder aan.",
        ],
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dag(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, d).unwrap_or_default()
    }

    fn open() -> Stand {
        Stand {
            status: StapStatus::Open,
            gestart_op: None,
            afgerond_op: None,
        }
    }

    fn naar(status: StapStatus) -> Verzoek {
        Verzoek {
            status: Some(status),
            ..Verzoek::default()
        }
    }

    #[test]
    fn beginning_and_finishing_fill_in_the_dates() {
        let bezig = stap_bijwerken(
            Plan::Coachend,
            1,
            false,
            open(),
            naar(StapStatus::Bezig),
            dag(2),
        );
        assert_eq!(
            bezig.map(|s| (s.gestart_op, s.afgerond_op)),
            Ok((Some(dag(2)), None))
        );
        let klaar = stap_bijwerken(
            Plan::Coachend,
            1,
            false,
            open(),
            naar(StapStatus::Afgerond),
            dag(5),
        );
        assert_eq!(
            klaar.map(|s| (s.gestart_op, s.afgerond_op)),
            Ok((Some(dag(5)), Some(dag(5))))
        );
    }

    #[test]
    fn a_finished_step_goes_back_only_through_bezig() {
        let klaar = Stand {
            status: StapStatus::Afgerond,
            gestart_op: Some(dag(1)),
            afgerond_op: Some(dag(2)),
        };
        assert_eq!(
            stap_bijwerken(
                Plan::Coachend,
                1,
                false,
                klaar,
                naar(StapStatus::Open),
                dag(3)
            ),
            Err(Weigering::Overgang {
                van: StapStatus::Afgerond,
                naar: StapStatus::Open
            })
        );
        let terug = stap_bijwerken(
            Plan::Coachend,
            1,
            false,
            klaar,
            naar(StapStatus::Bezig),
            dag(3),
        );
        assert_eq!(terug.map(|s| s.afgerond_op), Ok(None));
    }

    #[test]
    fn the_weerbaarheid_plan_waits_for_its_decision() {
        let w = Plan::Weerbaarheid;
        assert_eq!(
            stap_bijwerken(
                w,
                BESLISSTAP,
                false,
                open(),
                naar(StapStatus::Afgerond),
                dag(1)
            ),
            Err(Weigering::Beslismoment)
        );
        assert_eq!(
            stap_bijwerken(w, 6, false, open(), naar(StapStatus::Bezig), dag(1)),
            Err(Weigering::WachtOpGo)
        );
        assert!(stap_bijwerken(w, 6, true, open(), naar(StapStatus::Bezig), dag(1)).is_ok());
        assert!(
            stap_bijwerken(w, 6, false, open(), naar(StapStatus::Overgeslagen), dag(1)).is_ok()
        );
    }

    #[test]
    fn an_end_before_its_start_is_refused() {
        let verzoek = Verzoek {
            status: None,
            gestart_op: Some(Some(dag(5))),
            afgerond_op: Some(Some(dag(4))),
        };
        assert_eq!(
            stap_bijwerken(Plan::Coachend, 1, false, open(), verzoek, dag(6)),
            Err(Weigering::EindVoorBegin)
        );
    }

    #[test]
    fn verbinders_alleen_bij_weerbaarheid_en_liefst_twee_mensen() {
        assert!(verbinder_waarschuwingen::<u8>(Plan::Coachend, None, None).is_empty());
        assert_eq!(
            verbinder_waarschuwingen::<u8>(Plan::Weerbaarheid, Some(1), None).len(),
            1
        );
        assert!(
            verbinder_waarschuwingen(Plan::Weerbaarheid, Some(1), Some(1))[0]
                .contains("dezelfde persoon")
        );
        assert!(verbinder_waarschuwingen(Plan::Weerbaarheid, Some(1), Some(2)).is_empty());
    }
}
