//! Het DNA-kwadrant van een gebied (DOMAIN.md, "Areas and the DNA quadrant"):
//! banden per indicator, cohesie, grootteklasse, kwadrant, aanpak,
//! communicatiemiddelen en een uitleg. Alleen rekenwerk, zonder database.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// De band van één gemeten indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Band {
    ZeerSterk,
    Sterk,
    /// Tussen de kolommen van de handreiking in (de naam is een keuze van dit project).
    Tussen,
    Zwak,
    ZeerZwak,
}

impl Band {
    fn is_sterk(self) -> bool {
        matches!(self, Band::ZeerSterk | Band::Sterk)
    }

    fn is_zwak(self) -> bool {
        matches!(self, Band::Zwak | Band::ZeerZwak)
    }

    fn label(self) -> &'static str {
        match self {
            Band::ZeerSterk => "zeer sterk",
            Band::Sterk => "sterk",
            Band::Tussen => "tussen sterk en zwak",
            Band::Zwak => "zwak",
            Band::ZeerZwak => "zeer zwak",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Cohesie {
    Sterk,
    Zwak,
    Onbepaald,
}

impl Cohesie {
    pub fn as_str(self) -> &'static str {
        match self {
            Cohesie::Sterk => "sterk",
            Cohesie::Zwak => "zwak",
            Cohesie::Onbepaald => "onbepaald",
        }
    }

    pub fn parse(value: &str) -> Option<Cohesie> {
        [Cohesie::Sterk, Cohesie::Zwak, Cohesie::Onbepaald]
            .into_iter()
            .find(|c| c.as_str() == value)
    }
}

pub use entity::soorten::Grootteklasse;

/// Klein onder de drempel, groot vanaf de drempel.
pub fn grootte_uit_inwonertal(inwonertal: i64, drempel: i64) -> Grootteklasse {
    if inwonertal >= drempel {
        Grootteklasse::Groot
    } else {
        Grootteklasse::Klein
    }
}

/// De aanpak van de gemeente in een gebied.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Aanpak {
    Coachend,
    Coordinerend,
}

impl Aanpak {
    pub fn as_str(self) -> &'static str {
        match self {
            Aanpak::Coachend => "coachend",
            Aanpak::Coordinerend => "coordinerend",
        }
    }

    pub fn parse(value: &str) -> Option<Aanpak> {
        [Aanpak::Coachend, Aanpak::Coordinerend]
            .into_iter()
            .find(|a| a.as_str() == value)
    }
}

/// Een meetbare indicator: veldnaam in de meting, toegestaan bereik en banden.
#[derive(Debug, Clone, Copy)]
pub struct Indicator {
    /// De veldnaam van de meting, bv. `leefbaarometer`.
    pub veld: &'static str,
    /// Wat er gemeten wordt, voor de uitleg.
    pub omschrijving: &'static str,
    pub min: f64,
    /// `None`: geen bovengrens.
    pub max: Option<f64>,
    band: fn(f64) -> Band,
}

impl Indicator {
    pub fn band(&self, waarde: f64) -> Band {
        (self.band)(waarde)
    }

    /// Past de waarde in het bereik van deze indicator?
    pub fn in_bereik(&self, waarde: f64) -> bool {
        waarde.is_finite() && waarde >= self.min && self.max.is_none_or(|max| waarde <= max)
    }

    pub fn bereik_tekst(&self) -> String {
        match self.max {
            Some(max) => format!("Verwacht een getal van {} tot en met {max}.", self.min),
            None => format!("Verwacht een getal van {} of meer.", self.min),
        }
    }
}

/// Hoger is sterker, met drempels (zeer sterk, sterk, tussen, zwak); `None` slaat een
/// band over die de handreiking niet kent.
fn hoger_is_sterker(waarde: f64, drempels: [Option<f64>; 4]) -> Band {
    let bands = [Band::ZeerSterk, Band::Sterk, Band::Tussen, Band::Zwak];
    for (drempel, band) in drempels.into_iter().zip(bands) {
        if let Some(d) = drempel
            && waarde >= d
        {
            return band;
        }
    }
    Band::ZeerZwak
}

/// De zeven meetbare indicatoren met de drempels van DOMAIN.md.
pub const INDICATOREN: [Indicator; 7] = [
    Indicator {
        veld: "burgerinitiatievenPer1000",
        omschrijving: "burgerinitiatieven per 1000 inwoners",
        min: 0.0,
        max: Some(1000.0),
        band: |w| hoger_is_sterker(w, [Some(3.0), Some(2.0), None, Some(1.0)]),
    },
    Indicator {
        veld: "vrijwilligerswerkPercentage",
        omschrijving: "percentage inwoners dat vrijwilligerswerk doet",
        min: 0.0,
        max: Some(100.0),
        band: |w| hoger_is_sterker(w, [Some(40.0), Some(35.0), Some(30.0), Some(25.0)]),
    },
    Indicator {
        veld: "verenigingslidmaatschapPercentage",
        omschrijving: "percentage inwoners dat lid is van een vereniging",
        min: 0.0,
        max: Some(100.0),
        band: |w| hoger_is_sterker(w, [Some(50.0), Some(40.0), Some(35.0), Some(30.0)]),
    },
    Indicator {
        veld: "buurthuisbezoekPer1000",
        omschrijving: "bezoeken aan buurthuizen per 1000 inwoners",
        min: 0.0,
        max: None,
        band: |w| hoger_is_sterker(w, [Some(20.0), Some(15.0), Some(10.0), Some(5.0)]),
    },
    Indicator {
        veld: "verkiezingsopkomstPercentage",
        omschrijving: "opkomst bij verkiezingen",
        min: 0.0,
        max: Some(100.0),
        // De handreiking kent hier geen "zeer sterk" en geen "zwak".
        band: |w| hoger_is_sterker(w, [None, Some(70.0), Some(60.0), None]),
    },
    Indicator {
        veld: "overlastregistratiesPer1000",
        omschrijving: "overlastregistraties per 1000 inwoners (lager is beter)",
        min: 0.0,
        max: None,
        band: |w| {
            if w < 10.0 {
                Band::ZeerSterk
            } else if w < 15.0 {
                Band::Sterk
            } else if w < 20.0 {
                Band::Zwak
            } else {
                Band::ZeerZwak
            }
        },
    },
    Indicator {
        veld: "leefbaarometer",
        omschrijving: "Leefbaarometer-score (schaal 1 tot en met 9)",
        min: 1.0,
        max: Some(9.0),
        band: |w| hoger_is_sterker(w, [Some(7.5), Some(7.0), Some(6.5), Some(6.0)]),
    },
];

/// Eén gemeten indicator in het profiel.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct IndicatorBand {
    /// De veldnaam van de meting, bv. `leefbaarometer`.
    pub indicator: String,
    pub waarde: f64,
    pub band: Band,
}

/// Een handmatige keuze van een coördinator, met reden.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Handmatig {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub grootteklasse: Option<Grootteklasse>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cohesie: Option<Cohesie>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub aanpak: Option<Vec<Aanpak>>,
    /// Waarom de berekende waarde niet past.
    pub reden: String,
    /// Wie de keuze maakte (gebruiker-id).
    pub door: Option<uuid::Uuid>,
    pub op: chrono::DateTime<chrono::Utc>,
}

/// Wat de regels opleveren, los van een handmatige keuze.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct Berekend {
    pub cohesie: Cohesie,
    pub grootteklasse: Option<Grootteklasse>,
    pub kwadrant: Option<u8>,
    pub aanpak: Vec<Aanpak>,
}

/// Het DNA-profiel van een gebied. `cohesie`, `grootteklasse`, `kwadrant` en `aanpak`
/// zijn de geldende waarden (met een handmatige keuze erin verwerkt); `berekend`
/// laat ernaast zien wat de regels zeggen.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct DnaProfiel {
    pub cohesie: Cohesie,
    pub grootteklasse: Option<Grootteklasse>,
    /// 1–4, of `null` zolang cohesie of grootte onbepaald is.
    pub kwadrant: Option<u8>,
    pub aanpak: Vec<Aanpak>,
    /// De banden van de laatste meting.
    pub indicatoren: Vec<IndicatorBand>,
    /// De peildatum van de laatste meting.
    pub peildatum: Option<chrono::NaiveDate>,
    pub communicatiemiddelen: Vec<String>,
    /// Uitleg in gewone taal.
    pub toelichting: String,
    pub berekend: Berekend,
    pub handmatig: Option<Handmatig>,
}

/// Hoe de grootteklasse tot stand kwam.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GrootteBron {
    /// Door de gemeente gezet.
    Gezet(Grootteklasse),
    /// Afgeleid uit inwonertal en drempel.
    Afgeleid {
        klasse: Grootteklasse,
        inwonertal: i64,
        drempel: i64,
    },
    Onbekend,
}

impl GrootteBron {
    pub fn new(gezet: Option<Grootteklasse>, inwonertal: Option<i64>, drempel: i64) -> Self {
        match (gezet, inwonertal) {
            (Some(klasse), _) => GrootteBron::Gezet(klasse),
            (None, Some(inwonertal)) => GrootteBron::Afgeleid {
                klasse: grootte_uit_inwonertal(inwonertal, drempel),
                inwonertal,
                drempel,
            },
            (None, None) => GrootteBron::Onbekend,
        }
    }

    fn klasse(self) -> Option<Grootteklasse> {
        match self {
            GrootteBron::Gezet(k) | GrootteBron::Afgeleid { klasse: k, .. } => Some(k),
            GrootteBron::Onbekend => None,
        }
    }
}

/// Meer indicatoren aan de sterke kant: sterk; meer aan de zwakke kant: zwak; gelijk
/// of geen metingen: onbepaald.
pub fn cohesie(banden: &[IndicatorBand]) -> Cohesie {
    let sterk = banden.iter().filter(|b| b.band.is_sterk()).count();
    let zwak = banden.iter().filter(|b| b.band.is_zwak()).count();
    match sterk.cmp(&zwak) {
        std::cmp::Ordering::Greater => Cohesie::Sterk,
        std::cmp::Ordering::Less => Cohesie::Zwak,
        std::cmp::Ordering::Equal => Cohesie::Onbepaald,
    }
}

pub fn kwadrant(grootte: Option<Grootteklasse>, cohesie: Cohesie) -> Option<u8> {
    match (grootte?, cohesie) {
        (Grootteklasse::Klein, Cohesie::Sterk) => Some(1),
        (Grootteklasse::Groot, Cohesie::Sterk) => Some(2),
        (Grootteklasse::Klein, Cohesie::Zwak) => Some(3),
        (Grootteklasse::Groot, Cohesie::Zwak) => Some(4),
        (_, Cohesie::Onbepaald) => None,
    }
}

/// Vak 1 coachend, vak 4 coördinerend, vak 2 en 3 allebei (de gemeente kiest).
pub fn aanpak(kwadrant: Option<u8>) -> Vec<Aanpak> {
    match kwadrant {
        Some(1) => vec![Aanpak::Coachend],
        Some(2 | 3) => vec![Aanpak::Coachend, Aanpak::Coordinerend],
        Some(4) => vec![Aanpak::Coordinerend],
        _ => Vec::new(),
    }
}

/// De communicatiemiddelen uit de figuur van de handreiking.
pub fn communicatiemiddelen(kwadrant: Option<u8>) -> Vec<String> {
    let middelen: &[&str] = match kwadrant {
        Some(1) => &[
            "WhatsApp-groep",
            "dorpsavond (informatie en training)",
            "buurtkrant (storytelling)",
            "wie-is-wie-kaart",
            "kern-KIP",
            "coördinator/contactpersoon",
        ],
        Some(2) => &[
            "WhatsApp-groep",
            "ontmoeting organiseren",
            "coördinatoren/contactpersonen",
            "crisiskaart",
            "(digitaal) prikbord of nieuwsbrief",
        ],
        Some(3) => &[
            "themabijeenkomsten",
            "digitaal buurtplatform",
            "Facebook/LinkedIn-netwerk",
            "podcast/videoverhalen",
            "crisismaatjes",
            "kern-KIP",
        ],
        Some(4) => &[
            "ontmoetingsplekken",
            "crisismaatjes",
            "digitale kaart van initiatieven en netwerken",
            "flyers",
            "overleg met sleutelfiguren",
            "trainingsaanbod",
        ],
        _ => &[],
    };
    middelen.iter().map(|m| (*m).to_owned()).collect()
}

/// De metingwaarden per veldnaam (alleen de gemeten indicatoren).
pub fn banden(waarden: &[(&str, Option<f64>)]) -> Vec<IndicatorBand> {
    INDICATOREN
        .iter()
        .filter_map(|indicator| {
            let waarde = waarden
                .iter()
                .find(|(veld, _)| *veld == indicator.veld)
                .and_then(|(_, w)| *w)?;
            Some(IndicatorBand {
                indicator: indicator.veld.to_owned(),
                waarde,
                band: indicator.band(waarde),
            })
        })
        .collect()
}

/// Bouwt het profiel uit de laatste meting, de grootte en een eventuele keuze.
pub fn profiel(
    indicatoren: Vec<IndicatorBand>,
    peildatum: Option<chrono::NaiveDate>,
    grootte: GrootteBron,
    handmatig: Option<Handmatig>,
) -> DnaProfiel {
    let berekende_cohesie = cohesie(&indicatoren);
    let berekende_grootte = grootte.klasse();
    let berekend_kwadrant = kwadrant(berekende_grootte, berekende_cohesie);
    let berekend = Berekend {
        cohesie: berekende_cohesie,
        grootteklasse: berekende_grootte,
        kwadrant: berekend_kwadrant,
        aanpak: aanpak(berekend_kwadrant),
    };
    let keuze = handmatig.as_ref();
    let geldende_cohesie = keuze.and_then(|h| h.cohesie).unwrap_or(berekende_cohesie);
    let geldende_grootte = keuze.and_then(|h| h.grootteklasse).or(berekende_grootte);
    let geldend_kwadrant = kwadrant(geldende_grootte, geldende_cohesie);
    let geldende_aanpak = keuze
        .and_then(|h| h.aanpak.clone())
        .unwrap_or_else(|| aanpak(geldend_kwadrant));
    let toelichting = toelichting(&indicatoren, &berekend, grootte, keuze, geldend_kwadrant);
    DnaProfiel {
        cohesie: geldende_cohesie,
        grootteklasse: geldende_grootte,
        kwadrant: geldend_kwadrant,
        aanpak: geldende_aanpak,
        indicatoren,
        peildatum,
        communicatiemiddelen: communicatiemiddelen(geldend_kwadrant),
        toelichting,
        berekend,
        handmatig,
    }
}

fn toelichting(
    indicatoren: &[IndicatorBand],
    berekend: &Berekend,
    grootte: GrootteBron,
    keuze: Option<&Handmatig>,
    kwadrant: Option<u8>,
) -> String {
    let mut zinnen = Vec::new();
    if indicatoren.is_empty() {
        zinnen.push("Er is nog geen meting, dus de sociale cohesie is onbepaald.".to_owned());
    } else {
        let sterk = indicatoren.iter().filter(|b| b.band.is_sterk()).count();
        let zwak = indicatoren.iter().filter(|b| b.band.is_zwak()).count();
        let details: Vec<String> = indicatoren
            .iter()
            .map(|b| {
                let omschrijving = INDICATOREN
                    .iter()
                    .find(|i| i.veld == b.indicator)
                    .map_or(b.indicator.as_str(), |i| i.omschrijving);
                // Een decimale komma: de toelichting is Nederlandse tekst.
                let waarde = b.waarde.to_string().replace('.', ",");
                format!("{omschrijving} {waarde} is {}", b.band.label())
            })
            .collect();
        zinnen.push(format!(
            "Van de {} gemeten indicatoren wijzen er {sterk} op sterke en {zwak} op zwakke samenhang ({}).",
            indicatoren.len(),
            details.join("; ")
        ));
        zinnen.push(match berekend.cohesie {
            Cohesie::Sterk => "Daarmee is de sociale cohesie sterk.".to_owned(),
            Cohesie::Zwak => "Daarmee is de sociale cohesie zwak.".to_owned(),
            Cohesie::Onbepaald => {
                "Dat houdt elkaar in evenwicht, dus de sociale cohesie is onbepaald.".to_owned()
            }
        });
    }
    zinnen.push(match grootte {
        GrootteBron::Gezet(k) => format!(
            "De gemeente heeft het gebied als {} aangemerkt.",
            k.as_str()
        ),
        GrootteBron::Afgeleid {
            klasse,
            inwonertal,
            drempel,
        } => format!(
            "Met {inwonertal} inwoners is het gebied {} (de drempel van de gemeente is {drempel}).",
            klasse.as_str()
        ),
        GrootteBron::Onbekend => {
            "De grootte is onbekend: zet de grootteklasse of het inwonertal.".to_owned()
        }
    });
    if let Some(keuze) = keuze {
        zinnen.push(format!(
            "Een coördinator heeft het profiel handmatig aangepast: {}",
            keuze.reden
        ));
    }
    zinnen.push(match kwadrant {
        Some(1) => "Dat is vak 1 (klein en sterk): een coachende aanpak past.".to_owned(),
        Some(2) => {
            "Dat is vak 2 (groot en sterk): coachend of coördinerend, naar keuze van de gemeente."
                .to_owned()
        }
        Some(3) => {
            "Dat is vak 3 (klein en zwak): coachend of coördinerend, naar keuze van de gemeente."
                .to_owned()
        }
        Some(4) => "Dat is vak 4 (groot en zwak): een coördinerende aanpak past.".to_owned(),
        _ => "Het kwadrant is nog niet te bepalen. Het kwadrant is een hulpmiddel, geen regel."
            .to_owned(),
    });
    zinnen.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn band(veld: &str, waarde: f64) -> Band {
        INDICATOREN
            .iter()
            .find(|i| i.veld == veld)
            .expect("indicator")
            .band(waarde)
    }

    /// Elke grens van de tabel in DOMAIN.md, aan beide kanten.
    #[test]
    fn every_band_boundary() {
        use Band::*;
        let cases: &[(&str, f64, Band)] = &[
            ("burgerinitiatievenPer1000", 3.0, ZeerSterk),
            ("burgerinitiatievenPer1000", 2.99, Sterk),
            ("burgerinitiatievenPer1000", 2.0, Sterk),
            ("burgerinitiatievenPer1000", 1.99, Zwak),
            ("burgerinitiatievenPer1000", 1.0, Zwak),
            ("burgerinitiatievenPer1000", 0.99, ZeerZwak),
            ("vrijwilligerswerkPercentage", 40.0, ZeerSterk),
            ("vrijwilligerswerkPercentage", 39.9, Sterk),
            ("vrijwilligerswerkPercentage", 35.0, Sterk),
            ("vrijwilligerswerkPercentage", 34.9, Tussen),
            ("vrijwilligerswerkPercentage", 30.0, Tussen),
            ("vrijwilligerswerkPercentage", 29.9, Zwak),
            ("vrijwilligerswerkPercentage", 25.0, Zwak),
            ("vrijwilligerswerkPercentage", 24.9, ZeerZwak),
            ("verenigingslidmaatschapPercentage", 50.0, ZeerSterk),
            ("verenigingslidmaatschapPercentage", 49.9, Sterk),
            ("verenigingslidmaatschapPercentage", 40.0, Sterk),
            ("verenigingslidmaatschapPercentage", 39.9, Tussen),
            ("verenigingslidmaatschapPercentage", 35.0, Tussen),
            ("verenigingslidmaatschapPercentage", 34.9, Zwak),
            ("verenigingslidmaatschapPercentage", 30.0, Zwak),
            ("verenigingslidmaatschapPercentage", 29.9, ZeerZwak),
            ("buurthuisbezoekPer1000", 20.0, ZeerSterk),
            ("buurthuisbezoekPer1000", 19.9, Sterk),
            ("buurthuisbezoekPer1000", 15.0, Sterk),
            ("buurthuisbezoekPer1000", 14.9, Tussen),
            ("buurthuisbezoekPer1000", 10.0, Tussen),
            ("buurthuisbezoekPer1000", 9.9, Zwak),
            ("buurthuisbezoekPer1000", 5.0, Zwak),
            ("buurthuisbezoekPer1000", 4.9, ZeerZwak),
            ("verkiezingsopkomstPercentage", 100.0, Sterk),
            ("verkiezingsopkomstPercentage", 70.0, Sterk),
            ("verkiezingsopkomstPercentage", 69.9, Tussen),
            ("verkiezingsopkomstPercentage", 60.0, Tussen),
            ("verkiezingsopkomstPercentage", 59.9, ZeerZwak),
            ("overlastregistratiesPer1000", 9.9, ZeerSterk),
            ("overlastregistratiesPer1000", 10.0, Sterk),
            ("overlastregistratiesPer1000", 14.9, Sterk),
            ("overlastregistratiesPer1000", 15.0, Zwak),
            ("overlastregistratiesPer1000", 19.9, Zwak),
            ("overlastregistratiesPer1000", 20.0, ZeerZwak),
            ("leefbaarometer", 7.5, ZeerSterk),
            ("leefbaarometer", 7.49, Sterk),
            ("leefbaarometer", 7.0, Sterk),
            ("leefbaarometer", 6.99, Tussen),
            ("leefbaarometer", 6.5, Tussen),
            ("leefbaarometer", 6.49, Zwak),
            ("leefbaarometer", 6.0, Zwak),
            ("leefbaarometer", 5.99, ZeerZwak),
        ];
        for (veld, waarde, verwacht) in cases {
            assert_eq!(band(veld, *waarde), *verwacht, "{veld} = {waarde}");
        }
    }

    fn meting(waarden: &[(&'static str, f64)]) -> Vec<IndicatorBand> {
        let waarden: Vec<(&str, Option<f64>)> =
            waarden.iter().map(|(v, w)| (*v, Some(*w))).collect();
        banden(&waarden)
    }

    #[test]
    fn cohesion_rule_strong_weak_tie_none() {
        let sterk = meting(&[
            ("leefbaarometer", 7.2),
            ("vrijwilligerswerkPercentage", 41.0),
            ("overlastregistratiesPer1000", 22.0),
        ]);
        assert_eq!(cohesie(&sterk), Cohesie::Sterk);
        let zwak = meting(&[
            ("leefbaarometer", 5.0),
            ("verkiezingsopkomstPercentage", 50.0),
            ("buurthuisbezoekPer1000", 30.0),
        ]);
        assert_eq!(cohesie(&zwak), Cohesie::Zwak);
        let gelijk = meting(&[
            ("leefbaarometer", 7.8),
            ("burgerinitiatievenPer1000", 0.5),
            ("vrijwilligerswerkPercentage", 32.0),
        ]);
        assert_eq!(cohesie(&gelijk), Cohesie::Onbepaald);
        let alleen_tussen = meting(&[("vrijwilligerswerkPercentage", 32.0)]);
        assert_eq!(cohesie(&alleen_tussen), Cohesie::Onbepaald);
        assert_eq!(cohesie(&[]), Cohesie::Onbepaald);
    }

    #[test]
    fn the_four_quadrants_and_their_approach() {
        use Grootteklasse::*;
        assert_eq!(kwadrant(Some(Klein), Cohesie::Sterk), Some(1));
        assert_eq!(kwadrant(Some(Groot), Cohesie::Sterk), Some(2));
        assert_eq!(kwadrant(Some(Klein), Cohesie::Zwak), Some(3));
        assert_eq!(kwadrant(Some(Groot), Cohesie::Zwak), Some(4));
        assert_eq!(kwadrant(Some(Groot), Cohesie::Onbepaald), None);
        assert_eq!(kwadrant(None, Cohesie::Sterk), None);
        assert_eq!(aanpak(Some(1)), vec![Aanpak::Coachend]);
        assert_eq!(
            aanpak(Some(2)),
            vec![Aanpak::Coachend, Aanpak::Coordinerend]
        );
        assert_eq!(
            aanpak(Some(3)),
            vec![Aanpak::Coachend, Aanpak::Coordinerend]
        );
        assert_eq!(aanpak(Some(4)), vec![Aanpak::Coordinerend]);
        assert!(aanpak(None).is_empty());
        assert!(communicatiemiddelen(Some(1)).contains(&"wie-is-wie-kaart".to_owned()));
        assert!(communicatiemiddelen(Some(4)).contains(&"flyers".to_owned()));
    }

    #[test]
    fn size_from_population_uses_the_threshold() {
        assert_eq!(grootte_uit_inwonertal(4999, 5000), Grootteklasse::Klein);
        assert_eq!(grootte_uit_inwonertal(5000, 5000), Grootteklasse::Groot);
        assert_eq!(grootte_uit_inwonertal(2500, 2000), Grootteklasse::Groot);
    }

    #[test]
    fn an_override_keeps_the_computed_values_visible() {
        let banden = meting(&[("leefbaarometer", 7.8)]);
        let keuze = Handmatig {
            grootteklasse: None,
            cohesie: Some(Cohesie::Zwak),
            aanpak: None,
            reden: "Na de sluiting van het buurthuis kent niemand elkaar meer.".into(),
            door: None,
            op: chrono::Utc::now(),
        };
        let p = profiel(
            banden,
            None,
            GrootteBron::new(None, Some(800), 5000),
            Some(keuze),
        );
        assert_eq!((p.cohesie, p.kwadrant), (Cohesie::Zwak, Some(3)));
        assert_eq!(
            (p.berekend.cohesie, p.berekend.kwadrant),
            (Cohesie::Sterk, Some(1))
        );
        assert_eq!(p.aanpak, vec![Aanpak::Coachend, Aanpak::Coordinerend]);
        assert!(p.toelichting.contains("handmatig"), "{}", p.toelichting);
        assert!(p.toelichting.contains("800 inwoners"), "{}", p.toelichting);
        assert!(
            p.toelichting.contains("7,8 is zeer sterk"),
            "{}",
            p.toelichting
        );
    }
}
