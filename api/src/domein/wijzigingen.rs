//! De regels van de wijzigingenstroom (DOMAIN.md, "Changes for other systems"): een
//! positie is een paar volgnummers, één in de keten van de gemeente en één in de
//! regionale keten (de catalogus en de leidraad); een pagina voegt beide ketens samen
//! zonder de volgorde binnen een keten te breken.

use chrono::{DateTime, Utc};

/// Waar een lezer in de stroom staat: na het volgnummer `gemeente` in de keten van de
/// gemeente en na `regio` in de regionale keten. Voor een integrator is het een
/// ondoorzichtige tekst (`"41.7"`); elke volgende regel heeft een grotere positie.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Positie {
    pub gemeente: i64,
    pub regio: i64,
}

impl Positie {
    /// `"<gemeente>.<regio>"`, elk 1–18 cijfers; anders `None`.
    pub fn parse(tekst: &str) -> Option<Positie> {
        let (g, r) = tekst.split_once('.')?;
        let getal = |deel: &str| {
            (!deel.is_empty() && deel.len() <= 18 && deel.bytes().all(|b| b.is_ascii_digit()))
                .then(|| deel.parse::<i64>().ok())
                .flatten()
        };
        Some(Positie {
            gemeente: getal(g)?,
            regio: getal(r)?,
        })
    }

    /// Ligt deze positie niet voorbij `kop` (in geen van beide ketens)?
    pub fn binnen(self, kop: Positie) -> bool {
        self.gemeente <= kop.gemeente && self.regio <= kop.regio
    }
}

impl std::fmt::Display for Positie {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.{}", self.gemeente, self.regio)
    }
}

/// Een regel uit één keten, oudste eerst aangeleverd.
#[derive(Debug, Clone, PartialEq)]
pub struct Kandidaat<T> {
    pub volgnummer: i64,
    pub tijdstip: DateTime<Utc>,
    pub inhoud: T,
}

/// Een pagina: de regels met de positie na elk, en waar de lezer verder gaat.
#[derive(Debug, Clone, PartialEq)]
pub struct Pagina<T> {
    pub regels: Vec<(Positie, T)>,
    pub volgende: Positie,
}

/// Voegt de zichtbare regels van beide ketens samen tot hoogstens `limiet` regels.
///
/// Elke keten levert hoogstens `limiet + 1` regels, oudste eerst; levert ze er niet
/// meer dan `limiet`, dan is ze op (in deze momentopname) en mag de lezer door tot haar
/// `kop`: wat daartussen ligt, mag hij niet zien. Samenvoegen op tijdstip houdt de
/// volgorde binnen elke keten (een samenvoeging neemt steeds de voorste van een keten).
pub fn samenvoegen<T>(
    start: Positie,
    kop: Positie,
    gemeente: Vec<Kandidaat<T>>,
    regio: Vec<Kandidaat<T>>,
    limiet: usize,
) -> Pagina<T> {
    let gemeente_op = gemeente.len() <= limiet;
    let regio_op = regio.len() <= limiet;
    let mut g = gemeente.into_iter().peekable();
    let mut r = regio.into_iter().peekable();
    let mut positie = start;
    let mut regels = Vec::new();
    while regels.len() < limiet {
        let uit_gemeente = match (g.peek(), r.peek()) {
            (Some(a), Some(b)) => a.tijdstip <= b.tijdstip,
            (Some(_), None) => true,
            (None, Some(_)) => false,
            (None, None) => break,
        };
        let regel = if uit_gemeente { g.next() } else { r.next() };
        let Some(regel) = regel else { break };
        if uit_gemeente {
            positie.gemeente = regel.volgnummer;
        } else {
            positie.regio = regel.volgnummer;
        }
        regels.push((positie, regel.inhoud));
    }
    let mut volgende = positie;
    if gemeente_op && g.peek().is_none() {
        volgende.gemeente = volgende.gemeente.max(kop.gemeente);
    }
    if regio_op && r.peek().is_none() {
        volgende.regio = volgende.regio.max(kop.regio);
    }
    Pagina { regels, volgende }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn k(volgnummer: i64, seconde: u32, inhoud: &'static str) -> Kandidaat<&'static str> {
        Kandidaat {
            volgnummer,
            tijdstip: Utc
                .with_ymd_and_hms(2026, 12, 7, 10, 0, seconde)
                .single()
                .expect("tijd"),
            inhoud,
        }
    }

    #[test]
    fn een_positie_is_twee_volgnummers() {
        assert_eq!(
            Positie::parse("41.7"),
            Some(Positie {
                gemeente: 41,
                regio: 7
            })
        );
        assert_eq!(
            Positie::parse("41.7").map(|p| p.to_string()),
            Some("41.7".into())
        );
        for fout in [
            "",
            "41",
            ".7",
            "41.",
            "-1.0",
            "1.2.3",
            "a.b",
            "1 .2",
            "9999999999999999999.0",
        ] {
            assert_eq!(Positie::parse(fout), None, "{fout}");
        }
    }

    #[test]
    fn samenvoegen_houdt_de_volgorde_van_elke_keten() {
        // De tijdstippen van één keten lopen niet op (het begin van een transactie),
        // de volgnummers wel; de volgorde binnen een keten blijft.
        let g = vec![k(5, 3, "g5"), k(6, 1, "g6"), k(7, 9, "g7")];
        let r = vec![k(2, 2, "r2"), k(3, 8, "r3")];
        let p = samenvoegen(
            Positie::default(),
            Positie {
                gemeente: 7,
                regio: 3,
            },
            g,
            r,
            10,
        );
        let volgorde: Vec<&str> = p.regels.iter().map(|(_, t)| *t).collect();
        assert_eq!(volgorde, ["r2", "g5", "g6", "r3", "g7"]);
        let posities: Vec<String> = p.regels.iter().map(|(p, _)| p.to_string()).collect();
        assert_eq!(posities, ["0.2", "5.2", "6.2", "6.3", "7.3"]);
        assert_eq!(p.volgende.to_string(), "7.3");
    }

    #[test]
    fn een_volle_keten_gaat_niet_voorbij_haar_laatste_regel() {
        // De gemeente leverde limiet + 1: niet op; de regio is op en springt naar haar kop
        // (regels daartussen mag de lezer niet zien).
        let g = vec![k(1, 1, "g1"), k(2, 2, "g2"), k(3, 3, "g3")];
        let p = samenvoegen(
            Positie::default(),
            Positie {
                gemeente: 9,
                regio: 4,
            },
            g,
            Vec::new(),
            2,
        );
        assert_eq!(p.regels.len(), 2);
        assert_eq!(
            p.volgende,
            Positie {
                gemeente: 2,
                regio: 4
            }
        );
    }

    #[test]
    fn een_lege_pagina_gaat_door_tot_de_kop() {
        let start = Positie {
            gemeente: 3,
            regio: 1,
        };
        let p = samenvoegen::<&str>(
            start,
            Positie {
                gemeente: 8,
                regio: 1,
            },
            vec![],
            vec![],
            5,
        );
        assert!(p.regels.is_empty());
        assert_eq!(
            p.volgende,
            Positie {
                gemeente: 8,
                regio: 1
            }
        );
        assert!(start.binnen(p.volgende));
        assert!(
            !Positie {
                gemeente: 9,
                regio: 0
            }
            .binnen(p.volgende)
        );
    }
}
