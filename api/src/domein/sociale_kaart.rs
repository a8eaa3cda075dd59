//! De sociale kaart per gebied (DOMAIN.md, "Partner organisations"; seed 000 stap 1, de
//! netwerkanalyse): welke netwerkcategorieën (seed 000) en welke belangen (seed 002)
//! zijn er in een gebied, en welke ontbreken. Een categorie of belang is er als een
//! organisatie van de gemeente die het gebied dient het heeft (`categorie`, `rollen`),
//! of een netwerk dat het gebied dekt het heeft onder zijn partnerorganisaties of in
//! het `belang` van zijn leden. De regionale catalogus telt voor niets: ze staat
//! overal, dus zegt niets over dit gebied.

pub use entity::soorten::{Belang, NetwerkCategorie};

/// Wat één bron (een organisatie van de gemeente, of een netwerk met zijn partners en
/// leden) aan de kaart van een gebied bijdraagt.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Bijdrage {
    pub categorieen: Vec<NetwerkCategorie>,
    pub rollen: Vec<Belang>,
}

/// Per categorie en per belang: hoeveel bronnen het brengen (0: het ontbreekt), in de
/// volgorde van de enums.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Aanwezigheid {
    pub categorieen: Vec<(NetwerkCategorie, i64)>,
    pub rollen: Vec<(Belang, i64)>,
}

/// Telt per categorie van `categorieen` en per belang van `rollen` (de lijsten van de
/// handreikingen) de bronnen die het brengen; een bron telt één keer, ook als meer
/// partners of leden hetzelfde brengen.
pub fn aanwezigheid(
    bronnen: &[Bijdrage],
    categorieen: &[NetwerkCategorie],
    rollen: &[Belang],
) -> Aanwezigheid {
    Aanwezigheid {
        categorieen: categorieen
            .iter()
            .map(|&c| {
                let n = bronnen
                    .iter()
                    .filter(|b| b.categorieen.contains(&c))
                    .count();
                (c, n as i64)
            })
            .collect(),
        rollen: rollen
            .iter()
            .map(|&r| {
                let n = bronnen.iter().filter(|b| b.rollen.contains(&r)).count();
                (r, n as i64)
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CATEGORIEEN: [NetwerkCategorie; 2] = [
        NetwerkCategorie::LokaleOndernemers,
        NetwerkCategorie::LokaleMedia,
    ];
    const ROLLEN: [Belang; 3] = [Belang::Ondernemers, Belang::Zorg, Belang::Politie];

    #[test]
    fn zonder_bronnen_ontbreekt_alles() {
        let a = aanwezigheid(&[], &CATEGORIEEN, &ROLLEN);
        assert_eq!(a.categorieen.len(), 2);
        assert_eq!(a.rollen.len(), 3);
        assert!(a.categorieen.iter().all(|(_, n)| *n == 0));
        assert!(a.rollen.iter().all(|(_, n)| *n == 0));
    }

    #[test]
    fn een_bron_telt_een_keer() {
        let bronnen = [
            Bijdrage {
                categorieen: vec![NetwerkCategorie::LokaleOndernemers],
                rollen: vec![Belang::Ondernemers, Belang::Ondernemers],
            },
            Bijdrage {
                categorieen: vec![],
                rollen: vec![Belang::Ondernemers, Belang::Zorg],
            },
        ];
        let a = aanwezigheid(&bronnen, &CATEGORIEEN, &ROLLEN);
        let rol = |r: Belang| a.rollen.iter().find(|(x, _)| *x == r).map(|(_, n)| *n);
        assert_eq!(rol(Belang::Ondernemers), Some(2));
        assert_eq!(rol(Belang::Zorg), Some(1));
        assert_eq!(rol(Belang::Politie), Some(0));
        let cat =
            |c: NetwerkCategorie| a.categorieen.iter().find(|(x, _)| *x == c).map(|(_, n)| *n);
        assert_eq!(cat(NetwerkCategorie::LokaleOndernemers), Some(1));
        assert_eq!(cat(NetwerkCategorie::LokaleMedia), Some(0));
    }
}
