//! De leidraad (DOMAIN.md, "The guide in the software"): per stap van een
//! stappenplan het doel, de activiteiten, de vragen en de checklist, elk met zijn bron
//! in de handreiking. Pure regels: wat een nieuwe versie mag veranderen, en welke
//! sleutels een stap kent.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::stappenplan::{Plan, Stappen};
use entity::soorten::BijeenkomstSoort;

/// Waar een stap in de handreiking staat.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StapBron {
    /// De titel van de handreiking, bv. "Handreiking Inventariseren en activeren
    /// netwerken (VRU)".
    #[schema(min_length = 1, max_length = 200)]
    pub document: String,
    /// De paragraaf of het hoofdstuk, bv. "§3.2 Zichtbaarheid en aansluiting wijk".
    #[schema(min_length = 1, max_length = 200)]
    pub paragraaf: String,
}

/// Waar een punt vandaan komt: de handreiking, de paragraaf en een letterlijk citaat
/// (hoogstens 200 tekens) waaruit het punt is afgeleid. Een punt dat het project zelf
/// toevoegt (`eigen`), heeft geen citaat.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Bron {
    #[schema(min_length = 1, max_length = 200)]
    pub document: String,
    #[schema(min_length = 1, max_length = 200)]
    pub paragraaf: String,
    /// Letterlijk uit de handreiking (witruimte samengevoegd).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(min_length = 1, max_length = 200)]
    pub citaat: Option<String>,
}

/// Een activiteit van een stap.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Activiteit {
    #[schema(min_length = 1, max_length = 1000)]
    pub tekst: String,
    pub bron: Bron,
    /// `true`: het project voegt dit toe; er is geen citaat.
    #[serde(default)]
    pub eigen: bool,
}

/// Een vraag of checklistpunt, met een vaste sleutel: een eenmaal gepubliceerde
/// sleutel krijgt nooit een andere betekenis.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Punt {
    /// Kleine letters, cijfers en streepjes, bv. `co2-drempels`; `gm-` is voor de
    /// aanvullingen van gemeenten.
    #[schema(pattern = r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length = 60)]
    pub sleutel: String,
    #[schema(min_length = 1, max_length = 1000)]
    pub tekst: String,
    pub bron: Bron,
    #[serde(default)]
    pub eigen: bool,
}

/// Een punt van een vaste agenda uit de leidraad.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SjabloonPunt {
    #[schema(min_length = 1, max_length = 200)]
    pub onderwerp: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(min_length = 1, max_length = 2000)]
    pub toelichting: Option<String>,
}

/// De vaste agenda van een bijeenkomst uit de leidraad (de eerste en tweede
/// bijeenkomst van coördinerend stap 3 en coachend stap 2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AgendaSjabloon {
    pub soort: BijeenkomstSoort,
    /// Waar de bijeenkomst voor is.
    #[schema(min_length = 1, max_length = 1000)]
    pub doel: String,
    #[schema(min_items = 1, max_items = 30)]
    pub agenda: Vec<SjabloonPunt>,
}

/// De leidraad van één stap.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LeidraadStap {
    #[schema(minimum = 0, maximum = 12)]
    pub nummer: i16,
    #[schema(min_length = 1, max_length = 200)]
    pub naam: String,
    /// Waar de stap voor is.
    #[schema(min_length = 1, max_length = 1000)]
    pub doel: String,
    pub bron: StapBron,
    #[schema(max_items = 30)]
    pub activiteiten: Vec<Activiteit>,
    #[schema(max_items = 30)]
    pub vragen: Vec<Punt>,
    #[schema(max_items = 30)]
    pub checklist: Vec<Punt>,
    /// De vaste agenda's van de bijeenkomsten van deze stap; een bijeenkomst van die
    /// soort bij een traject begint ermee.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schema(max_items = 5)]
    pub agenda_sjablonen: Vec<AgendaSjabloon>,
}

/// Neemt uit `alle` de waarden waarvan de sleutel in `sleutels` staat (bij een
/// aanpakwissel: wat in een stap van de nieuwe leidraad een plek heeft).
pub fn uitnemen<V>(alle: &mut BTreeMap<String, V>, sleutels: &[String]) -> BTreeMap<String, V> {
    let mee: Vec<String> = alle
        .keys()
        .filter(|k| sleutels.contains(k))
        .cloned()
        .collect();
    mee.into_iter()
        .filter_map(|k| alle.remove(&k).map(|v| (k, v)))
        .collect()
}

/// De inhoud van een versie van de leidraad van een plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Inhoud {
    #[schema(min_length = 1, max_length = 200)]
    pub naam: String,
    pub bron: StapBron,
    #[schema(max_items = 13)]
    pub stappen: Vec<LeidraadStap>,
}

impl Inhoud {
    /// De leidraad van stap `nummer`.
    pub fn stap(&self, nummer: i16) -> Option<&LeidraadStap> {
        self.stappen.iter().find(|s| s.nummer == nummer)
    }

    /// Elke sleutel met zijn tekst, over alle stappen.
    pub fn sleutels(&self) -> impl Iterator<Item = (&str, &str)> {
        self.stappen
            .iter()
            .flat_map(|s| s.vragen.iter().chain(&s.checklist))
            .map(|p| (p.sleutel.as_str(), p.tekst.as_str()))
    }
}

/// Het voorvoegsel van de sleutels van gemeentelijke aanvullingen.
pub const GEMEENTE_VOORVOEGSEL: &str = "gm-";

/// Wat er mis is met een nieuwe versie: het veld (met punten) en de uitleg.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Bezwaar {
    /// De stappen (aantal, nummers of namen) wijken af van het plan.
    Stappen(String, String),
    /// Een sleutel staat twee keer in de versie.
    Dubbel(String, String),
    /// Een sleutel die al gepubliceerd is met een andere tekst, of een `gm-`-sleutel.
    Hergebruikt(String, String),
    /// Een punt zonder citaat dat niet `eigen` is, of een eigen punt met een citaat.
    Citaat(String, String),
}

/// Toetst een nieuwe versie van `plan` tegen de eerder gepubliceerde: dezelfde
/// stappen met dezelfde namen in dezelfde volgorde, sleutels uniek en niet hergebruikt
/// met een andere tekst, en een citaat precies bij de punten uit de handreiking.
pub fn toets_versie(plan: Plan, nieuw: &Inhoud, eerder: &[Inhoud]) -> Vec<Bezwaar> {
    let mut bezwaren = Vec::new();
    let verwacht = plan.stappen();
    if nieuw.stappen.len() != verwacht.len() {
        bezwaren.push(Bezwaar::Stappen(
            "stappen".into(),
            format!(
                "Het plan {} heeft {} stappen; een nieuwe versie verandert het aantal niet.",
                plan.as_str(),
                verwacht.len()
            ),
        ));
    }
    for (i, (stap, (nummer, naam))) in nieuw.stappen.iter().zip(verwacht).enumerate() {
        if stap.nummer != *nummer || stap.naam != *naam {
            bezwaren.push(Bezwaar::Stappen(
                format!("stappen.{i}"),
                format!(
                    "Stap {i} van de lijst is stap {nummer} \"{naam}\"; een nieuwe versie hernummert of hernoemt geen stap."
                ),
            ));
        }
    }
    let gepubliceerd: HashMap<&str, &str> = eerder.iter().flat_map(Inhoud::sleutels).collect();
    let mut gezien = HashSet::new();
    for (i, stap) in nieuw.stappen.iter().enumerate() {
        for (lijst, punten) in [("vragen", &stap.vragen), ("checklist", &stap.checklist)] {
            for (j, p) in punten.iter().enumerate() {
                let veld = format!("stappen.{i}.{lijst}.{j}");
                if !gezien.insert(p.sleutel.as_str()) {
                    bezwaren.push(Bezwaar::Dubbel(
                        format!("{veld}.sleutel"),
                        format!("De sleutel {} staat al in deze versie.", p.sleutel),
                    ));
                }
                if p.sleutel.starts_with(GEMEENTE_VOORVOEGSEL) {
                    bezwaren.push(Bezwaar::Hergebruikt(
                        format!("{veld}.sleutel"),
                        "Sleutels die met gm- beginnen zijn voor de aanvullingen van gemeenten."
                            .into(),
                    ));
                } else if gepubliceerd
                    .get(p.sleutel.as_str())
                    .is_some_and(|tekst| *tekst != p.tekst)
                {
                    bezwaren.push(Bezwaar::Hergebruikt(
                        format!("{veld}.sleutel"),
                        format!(
                            "De sleutel {} is eerder gepubliceerd met een andere tekst; geef een nieuwe tekst een nieuwe sleutel.",
                            p.sleutel
                        ),
                    ));
                }
                citaat_past(&veld, p.eigen, &p.bron, &mut bezwaren);
            }
        }
        for (j, a) in stap.activiteiten.iter().enumerate() {
            citaat_past(
                &format!("stappen.{i}.activiteiten.{j}"),
                a.eigen,
                &a.bron,
                &mut bezwaren,
            );
        }
    }
    bezwaren
}

fn citaat_past(veld: &str, eigen: bool, bron: &Bron, bezwaren: &mut Vec<Bezwaar>) {
    if eigen == bron.citaat.is_some() {
        bezwaren.push(Bezwaar::Citaat(
            format!("{veld}.bron.citaat"),
            "Een punt uit de handreiking heeft een citaat; een eigen punt (eigen: true) niet."
                .into(),
        ));
    }
}

/// Een afgevinkt checklistpunt: door wie en wanneer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Vinkje<D> {
    pub door: Option<uuid::Uuid>,
    pub op: D,
}

/// De nieuwe vinkjes: precies `afgevinkt`; wat al afgevinkt was, houdt zijn `door` en
/// `op`, een nieuw vinkje krijgt `nu`.
pub fn vinkjes_zetten<D: Clone>(
    huidig: &BTreeMap<String, Vinkje<D>>,
    afgevinkt: &[String],
    nu: Vinkje<D>,
) -> BTreeMap<String, Vinkje<D>> {
    afgevinkt
        .iter()
        .map(|s| {
            let v = huidig.get(s).cloned().unwrap_or_else(|| nu.clone());
            (s.clone(), v)
        })
        .collect()
}

/// De antwoorden na een wijziging: `Some` zet of vervangt, `None` haalt weg.
pub fn antwoorden_samenvoegen(
    huidig: &BTreeMap<String, String>,
    wijziging: &[(String, Option<String>)],
) -> BTreeMap<String, String> {
    let mut nieuw = huidig.clone();
    for (sleutel, antwoord) in wijziging {
        match antwoord {
            Some(a) => nieuw.insert(sleutel.clone(), a.clone()),
            None => nieuw.remove(sleutel),
        };
    }
    nieuw
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uitnemen_takes_exactly_the_known_keys() {
        let mut alle: BTreeMap<String, u8> = [("a", 1), ("b", 2), ("c", 3)]
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v))
            .collect();
        let mee = uitnemen(&mut alle, &["c".to_owned(), "a".to_owned(), "x".to_owned()]);
        assert_eq!(
            mee.into_iter().collect::<Vec<_>>(),
            [("a".to_owned(), 1), ("c".to_owned(), 3)]
        );
        assert_eq!(alle.into_iter().collect::<Vec<_>>(), [("b".to_owned(), 2)]);
    }

    fn versie1() -> HashMap<String, Inhoud> {
        serde_json::from_str(include_str!("../../../migration/src/leidraad_v1.json"))
            .expect("versie 1 past in de vorm")
    }

    #[test]
    fn versie_1_volgt_de_plannen_en_heeft_genoeg_citaten() {
        let v1 = versie1();
        for plan in [Plan::Coordinerend, Plan::Coachend, Plan::Weerbaarheid] {
            let inhoud = &v1[plan.as_str()];
            assert_eq!(toets_versie(plan, inhoud, &[]), vec![], "{plan:?}");
            for stap in &inhoud.stappen {
                assert!(!stap.doel.is_empty());
                let citaten = stap
                    .activiteiten
                    .iter()
                    .map(|a| &a.bron)
                    .chain(stap.vragen.iter().chain(&stap.checklist).map(|p| &p.bron))
                    .filter(|b| b.citaat.as_ref().is_some_and(|c| c.chars().count() <= 200))
                    .count();
                assert!(citaten >= 3, "{plan:?} stap {}", stap.nummer);
                for b in stap.activiteiten.iter().map(|a| &a.bron) {
                    assert!(!b.document.contains(".txt") && !b.document.contains("seed"));
                }
            }
        }
    }

    #[test]
    fn een_nieuwe_versie_hernoemt_geen_stap_en_hergebruikt_geen_sleutel() {
        let v1 = versie1();
        let oud = v1["coachend"].clone();
        let mut nieuw = oud.clone();
        nieuw.stappen[1].naam = "Anders".into();
        nieuw.stappen[2].vragen[0].tekst = "Een andere vraag".into();
        let bron = nieuw.stappen[3].bron_eigen();
        nieuw.stappen[3].checklist.push(Punt {
            sleutel: "gm-eigen".into(),
            tekst: "x".into(),
            bron,
            eigen: true,
        });
        let bezwaren = toets_versie(Plan::Coachend, &nieuw, std::slice::from_ref(&oud));
        assert!(matches!(&bezwaren[0], Bezwaar::Stappen(v, _) if v == "stappen.1"));
        assert!(
            matches!(&bezwaren[1], Bezwaar::Hergebruikt(v, _) if v == "stappen.2.vragen.0.sleutel")
        );
        assert!(
            matches!(&bezwaren[2], Bezwaar::Hergebruikt(v, _) if v.starts_with("stappen.3.checklist"))
        );
        assert_eq!(bezwaren.len(), 3);
        // Dezelfde tekst onder dezelfde sleutel, een nieuwe sleutel met een nieuwe tekst: goed.
        let mut goed = oud.clone();
        goed.stappen[2].vragen[0].sleutel = "ca2-nieuw".into();
        goed.stappen[2].vragen[0].tekst = "Een andere vraag".into();
        assert_eq!(toets_versie(Plan::Coachend, &goed, &[oud]), vec![]);
    }

    impl LeidraadStap {
        fn bron_eigen(&self) -> Bron {
            Bron {
                document: self.bron.document.clone(),
                paragraaf: self.bron.paragraaf.clone(),
                citaat: None,
            }
        }
    }

    #[test]
    fn vinkjes_weglaten_is_uitvinken_en_blijven_houdt_door_en_op() {
        let huidig = BTreeMap::from([
            ("a".to_owned(), Vinkje { door: None, op: 1 }),
            ("b".to_owned(), Vinkje { door: None, op: 2 }),
        ]);
        let nieuw = vinkjes_zetten(
            &huidig,
            &["b".into(), "c".into()],
            Vinkje { door: None, op: 9 },
        );
        assert_eq!(
            nieuw
                .into_iter()
                .map(|(k, v)| (k, v.op))
                .collect::<Vec<_>>(),
            vec![("b".to_owned(), 2), ("c".to_owned(), 9)]
        );
    }

    #[test]
    fn null_haalt_een_antwoord_weg() {
        let huidig = BTreeMap::from([
            ("a".to_owned(), "x".to_owned()),
            ("b".to_owned(), "y".to_owned()),
        ]);
        let nieuw = antwoorden_samenvoegen(
            &huidig,
            &[("a".into(), None), ("c".into(), Some("z".into()))],
        );
        assert_eq!(
            nieuw,
            BTreeMap::from([
                ("b".to_owned(), "y".to_owned()),
                ("c".to_owned(), "z".to_owned())
            ])
        );
    }
}
