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
                (4, "Randvoorwaarden op orde (met het beslismoment)"),
                (5, "Globaal plan van aanpak en rolverdeling"),
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

/// Het beslismoment van het weerbaarheidsplan sluit stap 4 af ("Zijn de voorwaarden
/// op orde? Dan kun je door naar stap 5").
pub const BESLISSTAP: i16 = 4;

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
    /// De beslisstap van het weerbaarheidsplan sluit alleen een `go` af.
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
    if plan == Plan::Weerbaarheid && nieuw != oud && !go {
        if nummer == BESLISSTAP && nieuw.klaar() {
            return Err(Weigering::Beslismoment);
        }
        if nummer > BESLISSTAP && nieuw != StapStatus::Open {
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

/// Een benoemde verbinder: wie, in welke rol, van wanneer tot wanneer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Benoeming<P> {
    pub persoon: P,
    pub rol: VerbinderRol,
    pub vanaf: Option<NaiveDate>,
    pub tot: Option<NaiveDate>,
}

pub use entity::soorten::VerbinderRol;

/// Wat de handreiking over de verbinders van een weerbaarheidsplan zegt, als
/// waarschuwing: een sterk duo (of klein team) van een wijkverbinder en een
/// gemeenteverbinder, liefst verschillende mensen, benoemd voor minstens drie jaar.
pub fn verbinder_waarschuwingen<P: PartialEq + Copy>(
    plan: Plan,
    verbinders: &[Benoeming<P>],
) -> Vec<&'static str> {
    if plan != Plan::Weerbaarheid {
        return Vec::new();
    }
    let mut waarschuwingen = Vec::new();
    let in_rol = |rol| verbinders.iter().filter(move |v| v.rol == rol);
    if in_rol(VerbinderRol::Wijkverbinder).next().is_none()
        || in_rol(VerbinderRol::Gemeenteverbinder).next().is_none()
    {
        waarschuwingen.push(
            "Wijs een wijkverbinder (het gezicht in de wijk) en een gemeenteverbinder (de schakel naar de gemeentelijke organisatie) aan, voor minstens drie jaar.",
        );
    }
    let allebei = in_rol(VerbinderRol::Wijkverbinder)
        .any(|w| in_rol(VerbinderRol::Gemeenteverbinder).any(|g| g.persoon == w.persoon));
    if allebei {
        waarschuwingen.push(
            "Eén persoon is zowel wijkverbinder als gemeenteverbinder; de handreiking raadt twee verschillende mensen aan.",
        );
    }
    if verbinders.iter().any(|v| v.vanaf.is_none()) {
        waarschuwingen.push(
            "Van een verbinder ontbreekt de startdatum van de benoeming; leg vast vanaf wanneer.",
        );
    }
    let kort = verbinders.iter().any(|v| match (v.vanaf, v.tot) {
        (Some(vanaf), Some(tot)) => vanaf
            .checked_add_months(chrono::Months::new(36))
            .is_some_and(|drie_jaar| tot < drie_jaar),
        _ => false,
    });
    if kort {
        waarschuwingen.push(
            "Een verbinder is voor minder dan drie jaar benoemd; de handreiking vraagt minstens drie jaar.",
        );
    }
    waarschuwingen
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
    fn the_weerbaarheid_plan_waits_for_its_decision_at_step_4() {
        let w = Plan::Weerbaarheid;
        // Stap 4 sluit alleen een go af, ook niet door overslaan.
        for status in [StapStatus::Afgerond, StapStatus::Overgeslagen] {
            assert_eq!(
                stap_bijwerken(w, BESLISSTAP, false, open(), naar(status), dag(1)),
                Err(Weigering::Beslismoment)
            );
        }
        assert!(
            stap_bijwerken(
                w,
                BESLISSTAP,
                false,
                open(),
                naar(StapStatus::Bezig),
                dag(1)
            )
            .is_ok()
        );
        // Stap 5–12 wachten op een go, ook met overslaan; daarna gewone stappen.
        for nummer in [5, 6, 12] {
            for status in [
                StapStatus::Bezig,
                StapStatus::Afgerond,
                StapStatus::Overgeslagen,
            ] {
                assert_eq!(
                    stap_bijwerken(w, nummer, false, open(), naar(status), dag(1)),
                    Err(Weigering::WachtOpGo),
                    "stap {nummer} naar {status:?}"
                );
                assert!(stap_bijwerken(w, nummer, true, open(), naar(status), dag(1)).is_ok());
            }
        }
        // Stap 1–3 en andere plannen hebben geen beslismoment.
        assert!(stap_bijwerken(w, 3, false, open(), naar(StapStatus::Afgerond), dag(1)).is_ok());
        assert!(
            stap_bijwerken(
                Plan::Coachend,
                4,
                false,
                open(),
                naar(StapStatus::Afgerond),
                dag(1)
            )
            .is_ok()
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

    fn benoeming(persoon: u8, rol: VerbinderRol, jaren: Option<i32>) -> Benoeming<u8> {
        let vanaf = NaiveDate::from_ymd_opt(2026, 1, 1);
        Benoeming {
            persoon,
            rol,
            vanaf,
            tot: jaren.and_then(|j| NaiveDate::from_ymd_opt(2026 + j, 1, 1)),
        }
    }

    #[test]
    fn verbinders_warnings_for_a_missing_role_one_person_in_both_and_short_appointments() {
        use VerbinderRol::{Gemeenteverbinder as G, Wijkverbinder as W};
        let w = Plan::Weerbaarheid;
        assert!(verbinder_waarschuwingen::<u8>(Plan::Coachend, &[]).is_empty());
        let duo = [benoeming(1, W, None), benoeming(2, G, Some(3))];
        assert!(verbinder_waarschuwingen(w, &duo).is_empty());
        let team = [
            benoeming(1, W, None),
            benoeming(3, W, None),
            benoeming(2, G, None),
        ];
        assert!(verbinder_waarschuwingen(w, &team).is_empty());
        let [ontbreekt] = verbinder_waarschuwingen(w, &[benoeming(1, W, None)])[..] else {
            panic!("één waarschuwing");
        };
        assert!(ontbreekt.contains("gemeenteverbinder"), "{ontbreekt}");
        let zelfde = verbinder_waarschuwingen(w, &[benoeming(1, W, None), benoeming(1, G, None)]);
        assert!(zelfde.iter().any(|t| t.contains("zowel")), "{zelfde:?}");
        let kort = verbinder_waarschuwingen(w, &[benoeming(1, W, Some(2)), benoeming(2, G, None)]);
        assert!(
            kort.iter().any(|t| t.contains("minder dan drie jaar")),
            "{kort:?}"
        );
        let mut zonder_datum = benoeming(2, G, None);
        zonder_datum.vanaf = None;
        let zonder = verbinder_waarschuwingen(w, &[benoeming(1, W, None), zonder_datum]);
        assert!(
            zonder.iter().any(|t| t.contains("startdatum")),
            "{zonder:?}"
        );
    }
}
