//! De cijfers van het dashboard: uit de rijen van `cijfers.sql` (per gemeente en voor
//! het geheel), met elke sleutel van een verdeling aanwezig (ook met 0) en elke
//! telling van sleutelpersonen onder 5 onderdrukt.

use crate::modules::netwerken::Cel;
use chrono::NaiveDate;
use entity::soorten::AanvraagStatus;
use entity::soorten::Ernst;
use entity::soorten::InitiatiefStatus;
use entity::soorten::NetwerkFase;
use entity::soorten::Scenario;
use entity::soorten::SleutelpersoonType;
use entity::soorten::Thema;
use entity::soorten::TrajectStatus;
use sea_orm::FromQueryResult;
use sea_orm::Iterable;
use serde::Serialize;
use std::collections::HashMap;
use utoipa::ToSchema;
use uuid::Uuid;

/// Een rij van `cijfers.sql`.
#[derive(Debug, FromQueryResult)]
pub(super) struct Rij {
    pub gemeente_id: Option<Uuid>,
    pub onderwerp: String,
    pub sleutel: String,
    pub waarde: Option<f64>,
}

/// Eén sleutel van een verdeling met haar aantal.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct Aantal {
    pub sleutel: String,
    pub aantal: i64,
}

/// Gebieden.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Gebieden {
    pub totaal: i64,
    /// Sleutels `1`–`4` en `onbepaald`.
    pub per_kwadrant: Vec<Aantal>,
    /// Sleutels `coachend` en `coordinerend` (een gebied kan beide adviseren).
    pub per_aanpak: Vec<Aantal>,
    /// Gebieden met een lopend traject.
    pub met_traject: i64,
}

/// Lopende trajecten in een stap.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct StapAantal {
    /// `coordinerend`, `coachend` of `weerbaarheid`.
    pub aanpak: String,
    pub stap: i64,
    pub aantal: i64,
}

/// Trajecten.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Trajecten {
    /// Sleutels `lopend`, `afgerond`, `gestopt`.
    pub per_status: Vec<Aantal>,
    /// De lopende trajecten per huidige stap.
    pub per_stap: Vec<StapAantal>,
}

/// Netwerken.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Netwerken {
    pub totaal: i64,
    /// Sleutels `voorbereiding`, `opbouw`, `uitvoering`, `afgerond`.
    pub per_fase: Vec<Aantal>,
    /// Netwerken met minstens één signaal.
    pub met_signaal: i64,
    /// Sleutels `te_weinig_contactambtenaren`, `geen_vast_contact`, `geen_recente_bijeenkomst`,
    /// `crisisafspraken_niet_herzien`, `veiligheidsafspraken_te_herzien`.
    pub per_signaal: Vec<Aantal>,
}

/// Crisisafspraken voor één scenario.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Crisisafspraken {
    pub scenario: Scenario,
    pub aantal: i64,
    /// Nooit doorgenomen, of langer geleden dan `crisisafspraakHerzienMaanden` van de
    /// gemeente (standaard 12): dezelfde regel als `verouderd` in het crisisbeeld.
    pub te_herzien: i64,
    /// Paraatheid: de kleinste gebieden (zonder kindgebied) met een afspraak voor dit
    /// scenario die binnen `crisisafspraakHerzienMaanden` (standaard 12) is doorgenomen;
    /// een afspraak over een wijk dekt haar buurten.
    pub gedekt: i64,
    /// De kleinste gebieden, elk één keer: waar `gedekt` een deel van is.
    pub kleinste_gebieden: i64,
}

/// Een type sleutelpersoon met het aantal actieven (onder 5 onderdrukt).
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct TypeAantal {
    #[serde(rename = "type")]
    pub soort: SleutelpersoonType,
    #[serde(flatten)]
    pub cel: Cel,
}

/// Actieve sleutelpersonen: alleen aantallen, onder 5 onderdrukt en anders naar
/// beneden afgerond op een veelvoud van 5.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Sleutelpersonen {
    pub actief: Cel,
    pub per_type: Vec<TypeAantal>,
}

/// De budgetten van het jaar, in eurocenten.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Budgetten {
    pub aantal: i64,
    pub totaal: i64,
    pub gereserveerd: i64,
    pub uitbetaald: i64,
    pub beschikbaar: i64,
}

/// De aanvragen bij de budgetten van het jaar.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Aanvragen {
    /// Elke status van een aanvraag.
    pub per_status: Vec<Aantal>,
    /// De mediaan van de dagen van indienen tot besluit; `null` zonder besluiten.
    pub mediane_dagen_tot_besluit: Option<f64>,
    /// Ingediend en voorbij de beslistermijn.
    pub te_laat: i64,
}

/// Initiatieven.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Initiatieven {
    pub totaal: i64,
    pub per_thema: Vec<Aantal>,
    pub per_status: Vec<Aantal>,
}

/// Meldingen die niet afgesloten zijn: alleen aantallen.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Meldingen {
    pub open: i64,
    /// Sleutels `laag`, `middel`, `hoog`, `acuut`.
    pub open_per_ernst: Vec<Aantal>,
}

/// De cijfers van één gemeente of van alles wat de aanroeper overziet.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Cijfers {
    pub gebieden: Gebieden,
    pub trajecten: Trajecten,
    pub netwerken: Netwerken,
    /// Per scenario van de crisisafspraken.
    pub crisisafspraken: Vec<Crisisafspraken>,
    pub sleutelpersonen: Sleutelpersonen,
    pub budgetten: Budgetten,
    pub aanvragen: Aanvragen,
    pub initiatieven: Initiatieven,
    /// Bijeenkomsten met een datum in de twaalf maanden tot en met vandaag.
    pub bijeenkomsten_laatste_12_maanden: i64,
    /// Oefeningen met een datum in de twaalf maanden tot en met vandaag.
    pub oefeningen_laatste_12_maanden: i64,
    pub meldingen: Meldingen,
    /// Wat te laat is op de werklijst, per soort (alle twaalf): de soorten over
    /// personen (`checkin`, `lid_zonder_contact`, `toestemming_bewaartermijn`) en
    /// `melding_open` onder 5 onderdrukt, aanvullend over de rij. In het geheel een soort
    /// over personen alleen als geen gemeente haar onderdrukt.
    pub achterstand: Vec<crate::modules::werklijst::WerkAantal>,
}

/// De cijfers van één gemeente.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct GemeenteCijfers {
    #[schema(example = "GM0828")]
    pub gemeente: String,
    pub naam: String,
    pub cijfers: Cijfers,
}

/// Het dashboard: het geheel en één rij per gemeente.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Dashboard {
    /// Het budgetjaar van budgetten en aanvragen.
    pub jaar: i32,
    /// De dag (Europe/Amsterdam) waar "de laatste twaalf maanden" en "te laat" van
    /// uitgaan.
    pub peildatum: NaiveDate,
    /// Alles wat de aanroeper overziet: de regio, of alleen de eigen gemeente.
    pub totaal: Cijfers,
    pub gemeenten: Vec<GemeenteCijfers>,
}

/// De rijen van `cijfers.sql`, per gemeente (`None`: het geheel).
pub(super) struct Tabel(HashMap<Option<Uuid>, HashMap<(String, String), f64>>);

impl Tabel {
    pub(super) fn uit(rijen: Vec<Rij>) -> Tabel {
        let mut tabel: HashMap<Option<Uuid>, HashMap<(String, String), f64>> = HashMap::new();
        for r in rijen {
            if let Some(w) = r.waarde {
                tabel
                    .entry(r.gemeente_id)
                    .or_default()
                    .insert((r.onderwerp, r.sleutel), w);
            }
        }
        Tabel(tabel)
    }

    /// De cijfers van gemeente `id`, of van het geheel (`None`); wat er niet is, is 0.
    pub(super) fn cijfers(&self, id: Option<Uuid>, jaar: i32) -> Cijfers {
        let leeg = HashMap::new();
        let l = Lezer(self.0.get(&id).unwrap_or(&leeg));
        let open_per_ernst =
            l.verdeling("meldingen_open", &namen(Ernst::iter().map(Ernst::as_str)));
        Cijfers {
            gebieden: l.gebieden(),
            trajecten: l.trajecten(),
            netwerken: l.netwerken(),
            crisisafspraken: Scenario::iter()
                .map(|s| Crisisafspraken {
                    scenario: s,
                    aantal: l.getal("crisisafspraken", s.as_str()),
                    te_herzien: l.getal("crisisafspraken_te_herzien", s.as_str()),
                    gedekt: l.getal("paraat", s.as_str()),
                    kleinste_gebieden: l.getal("paraat", ""),
                })
                .collect(),
            sleutelpersonen: Sleutelpersonen {
                actief: Cel::afgerond(l.getal("sleutelpersonen_status", "actief")),
                per_type: SleutelpersoonType::iter()
                    .map(|t| TypeAantal {
                        soort: t,
                        cel: Cel::afgerond(l.getal("sleutelpersonen_type", t.as_str())),
                    })
                    .collect(),
            },
            budgetten: Budgetten {
                aantal: l.getal("budgetten", "aantal"),
                totaal: l.getal("budgetten", "totaal"),
                gereserveerd: l.getal("budgetten", "gereserveerd"),
                uitbetaald: l.getal("budgetten", "uitbetaald"),
                beschikbaar: l.getal("budgetten", "beschikbaar"),
            },
            aanvragen: l.aanvragen(jaar),
            initiatieven: l.initiatieven(),
            bijeenkomsten_laatste_12_maanden: l.getal("bijeenkomsten_op", ""),
            oefeningen_laatste_12_maanden: l.getal("oefeningen_op", ""),
            meldingen: Meldingen {
                open: open_per_ernst.iter().map(|a| a.aantal).sum(),
                open_per_ernst,
            },
            achterstand: Vec::new(),
        }
    }
}

/// De waarden van een enum als tekst.
fn namen(waarden: impl Iterator<Item = &'static str>) -> Vec<&'static str> {
    waarden.collect()
}

/// De cijfers van één gemeente (of het geheel) per onderwerp en sleutel.
struct Lezer<'a>(&'a HashMap<(String, String), f64>);

impl Lezer<'_> {
    fn getal(&self, onderwerp: &str, sleutel: &str) -> i64 {
        self.0
            .get(&(onderwerp.to_owned(), sleutel.to_owned()))
            .map_or(0, |v| v.round() as i64)
    }

    fn verdeling(&self, onderwerp: &str, sleutels: &[&str]) -> Vec<Aantal> {
        sleutels
            .iter()
            .map(|s| Aantal {
                sleutel: (*s).to_owned(),
                aantal: self.getal(onderwerp, s),
            })
            .collect()
    }

    fn gebieden(&self) -> Gebieden {
        let per_kwadrant = self.verdeling("gebieden_kwadrant", &["1", "2", "3", "4", "onbepaald"]);
        Gebieden {
            totaal: per_kwadrant.iter().map(|a| a.aantal).sum(),
            per_kwadrant,
            per_aanpak: self.verdeling("gebieden_aanpak", &["coachend", "coordinerend"]),
            met_traject: self.getal("gebieden_met_traject", ""),
        }
    }

    fn trajecten(&self) -> Trajecten {
        let mut per_stap: Vec<StapAantal> = self
            .0
            .iter()
            .filter(|((o, _), v)| o == "trajecten_stap" && **v > 0.0)
            .filter_map(|((_, s), v)| {
                let (aanpak, stap) = s.split_once(':')?;
                Some(StapAantal {
                    aanpak: aanpak.to_owned(),
                    stap: stap.parse().ok()?,
                    aantal: v.round() as i64,
                })
            })
            .collect();
        per_stap.sort_by(|a, b| (&a.aanpak, a.stap).cmp(&(&b.aanpak, b.stap)));
        Trajecten {
            per_status: self.verdeling(
                "trajecten_status",
                &namen(TrajectStatus::iter().map(TrajectStatus::as_str)),
            ),
            per_stap,
        }
    }

    fn netwerken(&self) -> Netwerken {
        let per_fase = self.verdeling(
            "netwerken_fase",
            &namen(NetwerkFase::iter().map(NetwerkFase::as_str)),
        );
        Netwerken {
            totaal: per_fase.iter().map(|a| a.aantal).sum(),
            per_fase,
            met_signaal: self.getal("netwerken_met_signaal", ""),
            per_signaal: self.verdeling("netwerken_signaal", &SIGNALEN),
        }
    }

    fn aanvragen(&self, jaar: i32) -> Aanvragen {
        Aanvragen {
            per_status: self.verdeling(
                &format!("aanvragen_status:{jaar}"),
                &namen(AanvraagStatus::iter().map(AanvraagStatus::as_str)),
            ),
            mediane_dagen_tot_besluit: self
                .0
                .get(&("aanvragen_mediaan_dagen".to_owned(), String::new()))
                .copied(),
            te_laat: self.getal("aanvragen_te_laat", ""),
        }
    }

    fn initiatieven(&self) -> Initiatieven {
        let thema = namen(Thema::iter().map(Thema::as_str));
        Initiatieven {
            totaal: thema
                .iter()
                .map(|t| self.getal("initiatieven_thema", t))
                .sum(),
            per_thema: self.verdeling("initiatieven_thema", &thema),
            per_status: self.verdeling(
                "initiatieven_status",
                &namen(InitiatiefStatus::iter().map(InitiatiefStatus::as_str)),
            ),
        }
    }
}

/// De gezondheidssignalen die het dashboard per netwerk telt.
pub const SIGNALEN: [&str; 5] = [
    "te_weinig_contactambtenaren",
    "geen_vast_contact",
    "geen_recente_bijeenkomst",
    "crisisafspraken_niet_herzien",
    "veiligheidsafspraken_te_herzien",
];

/// Een gebied met zijn kwadrant, aanpak en lopend traject.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct GebiedRegel {
    pub id: Uuid,
    pub naam: String,
    /// 1–4, of `null` als het profiel onbepaald is.
    pub kwadrant: Option<i16>,
    pub aanpak: Vec<String>,
    /// Het lopende traject, als er een is.
    pub traject: Option<TrajectRegel>,
}

/// Een lopend traject in zijn huidige stap.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct TrajectRegel {
    pub id: Uuid,
    pub aanpak: String,
    pub huidige_stap: Option<i16>,
}

/// Een netwerk met zijn fase en signalen.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct NetwerkRegel {
    pub id: Uuid,
    pub naam: String,
    pub fase: String,
    /// De signalen van het dashboard (zie `Netwerken.perSignaal`).
    pub signalen: Vec<String>,
}

/// Een budget van het jaar, in eurocenten.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct BudgetRegel {
    pub id: Uuid,
    pub naam: String,
    pub vorm: String,
    pub totaal: i64,
    pub gereserveerd: i64,
    pub uitbetaald: i64,
    pub beschikbaar: i64,
}

/// Eén gemeente in detail.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct GemeenteDashboard {
    #[schema(example = "GM0828")]
    pub gemeente: String,
    pub naam: String,
    pub jaar: i32,
    pub peildatum: NaiveDate,
    pub cijfers: Cijfers,
    pub gebieden: Vec<GebiedRegel>,
    pub netwerken: Vec<NetwerkRegel>,
    pub budgetten: Vec<BudgetRegel>,
}
