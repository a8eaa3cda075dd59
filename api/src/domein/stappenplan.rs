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

/// Een aanpakwissel: welke stap van het oude plan naar welke stap(pen) van het nieuwe
/// gaat. Alleen van `coachend` naar `coordinerend` (seed 000 §4.4 wijst een coachend
/// netwerk dat meer coördinatie nodig heeft naar de coördinerende aanpak; het hele
/// traject overzetten en deze indeling zijn de lezing van het project): 0→0, 1→1,
/// 2→2 en 3 (coachend stap 2 heeft de twee bijeenkomsten, coördinerend stap 3 ook),
/// 3 (informatiebeheer)→4 (platform: "de manier van contact"), 4→6. Coördinerend
/// stap 5 begint open.
pub fn aanpakwissel(van: Plan, naar: Plan) -> Option<&'static [(i16, &'static [i16])]> {
    match (van, naar) {
        (Plan::Coachend, Plan::Coordinerend) => {
            Some(&[(0, &[0]), (1, &[1]), (2, &[2, 3]), (3, &[4]), (4, &[6])])
        }
        _ => None,
    }
}

/// Het nieuwe nummer van een stap na een wissel, voor wat eraan vastzit
/// (bijeenkomsten, oefeningen): de laatste stap waar zij heen gaat (coachend 2 → 3,
/// waar de twee bijeenkomsten staan).
pub fn nieuw_nummer(indeling: &[(i16, &[i16])], oud: i16) -> Option<i16> {
    indeling
        .iter()
        .find(|(van, _)| *van == oud)
        .and_then(|(_, naar)| naar.last().copied())
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
    if plan == Plan::Weerbaarheid && nieuw != oud && !go && nummer == BESLISSTAP && nieuw.klaar() {
        return Err(Weigering::Beslismoment);
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

/// Wordt er aan stap 5–12 van een weerbaarheidsplan gewerkt vóór een `go`? Dat mag
/// ("geen protocol met een vaste volgorde"), met een waarschuwing.
pub fn voor_beslismoment(
    plan: Plan,
    go: bool,
    stappen: impl IntoIterator<Item = (i16, StapStatus)>,
) -> Option<WaarschuwingCode> {
    let eraan = || {
        stappen
            .into_iter()
            .any(|(nummer, status)| nummer > BESLISSTAP && status != StapStatus::Open)
    };
    (plan == Plan::Weerbaarheid && !go && eraan()).then_some(WaarschuwingCode::VoorBeslismoment)
}

/// Waarom een besluit niet kan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BesluitWeigering {
    /// Na een `no_go` is het traject gestopt: geen besluit meer.
    Gestopt,
    /// Na een `go` is een besluit een evaluatie: door (`go`) of stop (`no_go`).
    NogNietNaGo,
}

/// Wat een nieuw besluit `keuze` is, na de besluiten `eerder`: het beslismoment tot de
/// eerste `go`, daarna een evaluatie ("evaluatie- en beslismomenten" uit het plan van
/// aanpak); alleen een `no_go` is definitief.
pub fn besluit_soort(
    eerder: &[BesluitKeuze],
    keuze: BesluitKeuze,
) -> Result<BesluitSoort, BesluitWeigering> {
    if eerder.contains(&BesluitKeuze::NoGo) {
        return Err(BesluitWeigering::Gestopt);
    }
    if !eerder.contains(&BesluitKeuze::Go) {
        return Ok(BesluitSoort::Beslismoment);
    }
    if keuze == BesluitKeuze::NogNiet {
        return Err(BesluitWeigering::NogNietNaGo);
    }
    Ok(BesluitSoort::Evaluatie)
}

/// Een benoemde verbinder: wie, in welke rol, van wanneer tot wanneer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Benoeming<P> {
    pub persoon: P,
    pub rol: VerbinderRol,
    pub vanaf: Option<NaiveDate>,
    pub tot: Option<NaiveDate>,
}

pub use entity::soorten::{BesluitKeuze, BesluitSoort, VerbinderRol};

use super::waarschuwing::WaarschuwingCode;

/// Wat de handreiking over de verbinders van een weerbaarheidsplan zegt, als
/// waarschuwing: een sterk duo (of klein team) van een wijkverbinder en een
/// gemeenteverbinder, liefst verschillende mensen, benoemd voor minstens drie jaar.
pub fn verbinder_waarschuwingen<P: PartialEq + Copy>(
    plan: Plan,
    verbinders: &[Benoeming<P>],
) -> Vec<WaarschuwingCode> {
    if plan != Plan::Weerbaarheid {
        return Vec::new();
    }
    let mut waarschuwingen = Vec::new();
    let in_rol = |rol| verbinders.iter().filter(move |v| v.rol == rol);
    if in_rol(VerbinderRol::Wijkverbinder).next().is_none()
        || in_rol(VerbinderRol::Gemeenteverbinder).next().is_none()
    {
        waarschuwingen.push(WaarschuwingCode::VerbinderOntbreekt);
    }
    let allebei = in_rol(VerbinderRol::Wijkverbinder)
        .any(|w| in_rol(VerbinderRol::Gemeenteverbinder).any(|g| g.persoon == w.persoon));
    if allebei {
        waarschuwingen.push(WaarschuwingCode::VerbinderDubbel);
    }
    if verbinders.iter().any(|v| v.vanaf.is_none()) {
        waarschuwingen.push(WaarschuwingCode::AanstellingZonderBegin);
    }
    let kort = verbinders.iter().any(|v| match (v.vanaf, v.tot) {
        (Some(vanaf), Some(tot)) => vanaf
            .checked_add_months(chrono::Months::new(36))
            .is_some_and(|drie_jaar| tot < drie_jaar),
        _ => false,
    });
    if kort {
        waarschuwingen.push(WaarschuwingCode::AanstellingTeKort);
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
        // Stap 5–12 mogen vóór een go (met een waarschuwing op het traject).
        for nummer in [5, 6, 12] {
            for status in [
                StapStatus::Bezig,
                StapStatus::Afgerond,
                StapStatus::Overgeslagen,
            ] {
                assert!(stap_bijwerken(w, nummer, false, open(), naar(status), dag(1)).is_ok());
                assert_eq!(
                    voor_beslismoment(w, false, [(4, StapStatus::Bezig), (nummer, status)]),
                    Some(WaarschuwingCode::VoorBeslismoment),
                    "stap {nummer} naar {status:?}"
                );
                assert_eq!(voor_beslismoment(w, true, [(nummer, status)]), None);
            }
        }
        assert_eq!(
            voor_beslismoment(w, false, [(4, StapStatus::Afgerond), (5, StapStatus::Open)]),
            None
        );
        assert_eq!(
            voor_beslismoment(Plan::Coachend, false, [(5, StapStatus::Bezig)]),
            None
        );
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

    #[test]
    fn only_coachend_switches_to_coordinerend_and_every_step_lands() {
        let indeling = aanpakwissel(Plan::Coachend, Plan::Coordinerend).unwrap_or_default();
        // Elke coachende stap gaat ergens heen, en elke coördinerende stap behalve 5
        // krijgt er een.
        let van: Vec<i16> = indeling.iter().map(|(v, _)| *v).collect();
        let coachend: Vec<i16> = Plan::Coachend.stappen().iter().map(|(n, _)| *n).collect();
        assert_eq!(van, coachend);
        let mut naar: Vec<i16> = indeling
            .iter()
            .flat_map(|(_, n)| n.iter().copied())
            .collect();
        naar.sort_unstable();
        assert_eq!(naar, [0, 1, 2, 3, 4, 6]);
        assert_eq!(nieuw_nummer(indeling, 2), Some(3));
        assert_eq!(nieuw_nummer(indeling, 3), Some(4));
        assert_eq!(nieuw_nummer(indeling, 4), Some(6));
        assert_eq!(nieuw_nummer(indeling, 7), None);
        for (van, naar) in [
            (Plan::Coordinerend, Plan::Coachend),
            (Plan::Weerbaarheid, Plan::Coordinerend),
            (Plan::Coachend, Plan::Weerbaarheid),
            (Plan::Coachend, Plan::Coachend),
        ] {
            assert!(aanpakwissel(van, naar).is_none(), "{van:?} → {naar:?}");
        }
    }

    #[test]
    fn after_a_go_every_decision_is_an_evaluation_and_only_no_go_is_final() {
        use BesluitKeuze::{Go, NoGo, NogNiet};
        assert_eq!(besluit_soort(&[], NogNiet), Ok(BesluitSoort::Beslismoment));
        assert_eq!(
            besluit_soort(&[NogNiet], Go),
            Ok(BesluitSoort::Beslismoment)
        );
        assert_eq!(
            besluit_soort(&[NogNiet], NoGo),
            Ok(BesluitSoort::Beslismoment)
        );
        assert_eq!(besluit_soort(&[Go], Go), Ok(BesluitSoort::Evaluatie));
        assert_eq!(
            besluit_soort(&[NogNiet, Go, Go], NoGo),
            Ok(BesluitSoort::Evaluatie)
        );
        assert_eq!(
            besluit_soort(&[Go], NogNiet),
            Err(BesluitWeigering::NogNietNaGo)
        );
        for keuze in [Go, NogNiet, NoGo] {
            assert_eq!(
                besluit_soort(&[NoGo], keuze),
                Err(BesluitWeigering::Gestopt)
            );
            assert_eq!(
                besluit_soort(&[Go, NoGo], keuze),
                Err(BesluitWeigering::Gestopt)
            );
        }
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
        use WaarschuwingCode as C;
        assert_eq!(
            verbinder_waarschuwingen(w, &[benoeming(1, W, None)]),
            [C::VerbinderOntbreekt]
        );
        assert_eq!(
            verbinder_waarschuwingen(w, &[benoeming(1, W, None), benoeming(1, G, None)]),
            [C::VerbinderDubbel]
        );
        assert_eq!(
            verbinder_waarschuwingen(w, &[benoeming(1, W, Some(2)), benoeming(2, G, None)]),
            [C::AanstellingTeKort]
        );
        let mut zonder_datum = benoeming(2, G, None);
        zonder_datum.vanaf = None;
        assert_eq!(
            verbinder_waarschuwingen(w, &[benoeming(1, W, None), zonder_datum]),
            [C::AanstellingZonderBegin]
        );
    }
}
