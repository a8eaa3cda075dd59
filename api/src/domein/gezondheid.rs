//! De gezondheid van een netwerk (DOMAIN.md, "A network is healthy when"): signalen
//! ter overweging, geen cijfer — de handreiking waarschuwt netwerken niet langs
//! professionele maatstaven te leggen. Pure regels; de tellingen komen uit SQL.

use std::collections::BTreeSet;

pub use entity::soorten::{Belang, NetwerkDoel, NetwerkVorm, SleutelpersoonType};

/// Onder dit aantal wordt een cel van een telling over persoonlijke kenmerken niet
/// getoond (`null`, `onderdrukt: true`).
pub const KLEINSTE_CEL: i64 = 5;

/// Een netwerk met minder actieve leden dan dit krijgt voor wie geen persoonsgegevens
/// ziet geen verdeling (diversiteit, spreiding) en geen signaal `scheef`: één lid
/// erbij of eraf zou anders te herleiden zijn (`teKlein: true`).
pub const KLEINSTE_NETWERK: i64 = 10;

/// Een totaal van actieve leden voor wie geen persoonsgegevens ziet: naar beneden
/// afgerond op een veelvoud van [`KLEINSTE_CEL`], zodat één lid erbij het meestal niet
/// verandert.
pub fn afgerond(aantal: i64) -> i64 {
    aantal - aantal.rem_euclid(KLEINSTE_CEL)
}

/// De cellen van één verdeling zoals wie geen persoonsgegevens ziet ze krijgt: onder
/// [`KLEINSTE_CEL`] onderdrukt (`None`), de rest [`afgerond`]. Aanvullend: is er
/// precies één cel onderdrukt, dan ook de kleinste andere, zodat geen onderdrukte cel
/// uit een totaal en de andere cellen volgt.
pub fn onderdrukt(cellen: &[Option<i64>], afronden: bool) -> Vec<Option<i64>> {
    let mut uit: Vec<Option<i64>> = cellen
        .iter()
        .map(|c| c.filter(|n| *n >= KLEINSTE_CEL))
        .collect();
    if uit.iter().filter(|c| c.is_none()).count() == 1
        && let Some((i, _)) = uit
            .iter()
            .enumerate()
            .filter_map(|(i, c)| c.map(|n| (i, n)))
            .min_by_key(|(_, n)| *n)
    {
        uit[i] = None;
    }
    if afronden {
        uit.iter_mut().for_each(|c| *c = c.map(afgerond));
    }
    uit
}

/// Is één kant van een verdeling scheef (meer dan [`SCHEEF_BOVEN_PROCENT`] van de
/// getoonde waarden)? Over de cellen zoals de aanroeper ze ziet.
pub fn scheef(cellen: &[Option<i64>]) -> bool {
    let getoond: Vec<i64> = cellen.iter().map(|c| c.unwrap_or(0)).collect();
    let (som, max) = (
        getoond.iter().sum::<i64>(),
        getoond.iter().copied().max().unwrap_or(0),
    );
    som > 0 && max * 100 > som * SCHEEF_BOVEN_PROCENT
}

/// Een signaal boven dit aandeel van één kant (in procenten) per diversiteitsdimensie.
pub const SCHEEF_BOVEN_PROCENT: i64 = 80;

/// De signalen over contactambtenaren, per vorm van het netwerk: een
/// sleutelpersonennetwerk heeft er meer dan één nodig (`te_weinig_contactambtenaren`
/// onder twee); een wijknetwerk één herkenbare contactpersoon met een achtervang
/// (`te_weinig_contactambtenaren` zonder enige, `geen_vast_contact` zonder `primair`
/// of zonder tweede); een ad-hocnetwerk geeft geen signaal. Dezelfde regel staat in
/// `weefsel_netwerk_signalen` (migratie 000031) voor het dashboard.
pub fn contactsignalen(vorm: NetwerkVorm, aantal: usize, primair: bool) -> (bool, bool) {
    match vorm {
        NetwerkVorm::Sleutelpersonennetwerk => (aantal < 2, false),
        NetwerkVorm::Wijknetwerk => (aantal == 0, !primair || aantal < 2),
        NetwerkVorm::AdHoc => (false, false),
    }
}

/// Zonder contact langer dan dit aantal dagen telt een lid als "zonder contact".
pub const DAGEN_ZONDER_CONTACT: i64 = 180;

/// Zonder bijeenkomst langer dan dit aantal dagen (zes maanden) geeft een signaal.
pub const DAGEN_ZONDER_BIJEENKOMST: i64 = 183;

/// Een sleutelpersoon met verhoogd risico krijgt minstens zo vaak een check-in.
pub const DAGEN_TUSSEN_CHECKINS: i64 = 90;

/// De belangen die een wijknetwerkdoel nodig heeft (DOMAIN.md, tabel uit seed 002);
/// leeg voor de doelen van een sleutelpersonennetwerk.
pub fn benodigde_belangen(doel: NetwerkDoel) -> &'static [Belang] {
    use Belang::*;
    match doel {
        NetwerkDoel::GoedeZorg => &[Bewoners, Zorg, Welzijn, Gemeente],
        NetwerkDoel::BurenhulpInformeleZorg => &[Bewoners, Zorg, Welzijn],
        NetwerkDoel::VeiligWonen => &[Bewoners, Gemeente, Woningcorporatie, Politie],
        NetwerkDoel::OndernemenInDeWijk => &[Bewoners, Gemeente, Ondernemers],
        NetwerkDoel::Wijkcooperatie => &[Bewoners, Welzijn, Gemeente],
        _ => &[],
    }
}

/// De belangen die een doel mist, gegeven wat de leden en partnerorganisaties
/// vertegenwoordigen.
pub fn ontbrekende_belangen(doel: NetwerkDoel, aanwezig: &BTreeSet<Belang>) -> Vec<Belang> {
    benodigde_belangen(doel)
        .iter()
        .copied()
        .filter(|b| !aanwezig.contains(b))
        .collect()
}

/// De vier typen sleutelpersonen die niet onder de actieve leden zijn.
pub fn ontbrekende_typen(aanwezig: &BTreeSet<SleutelpersoonType>) -> Vec<SleutelpersoonType> {
    [
        SleutelpersoonType::Verbinder,
        SleutelpersoonType::Vertegenwoordiger,
        SleutelpersoonType::Doener,
        SleutelpersoonType::LuisInDePels,
    ]
    .into_iter()
    .filter(|t| !aanwezig.contains(t))
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contact_signals_follow_the_form_of_the_network() {
        use NetwerkVorm::*;
        assert_eq!(
            contactsignalen(Sleutelpersonennetwerk, 1, true),
            (true, false)
        );
        assert_eq!(
            contactsignalen(Sleutelpersonennetwerk, 2, false),
            (false, false)
        );
        assert_eq!(contactsignalen(Wijknetwerk, 0, false), (true, true));
        assert_eq!(contactsignalen(Wijknetwerk, 1, true), (false, true));
        assert_eq!(contactsignalen(Wijknetwerk, 2, false), (false, true));
        assert_eq!(contactsignalen(Wijknetwerk, 2, true), (false, false));
        assert_eq!(contactsignalen(AdHoc, 0, false), (false, false));
    }

    #[test]
    fn onderdrukken_is_aanvullend_en_afronden_naar_beneden() {
        use super::{afgerond, onderdrukt, scheef};
        assert_eq!(
            (afgerond(0), afgerond(4), afgerond(10), afgerond(14)),
            (0, 0, 10, 10)
        );
        // Eén cel onder 5: ook de kleinste andere weg.
        assert_eq!(onderdrukt(&[Some(3), Some(7)], false), vec![None, None]);
        assert_eq!(
            onderdrukt(&[Some(3), Some(7), Some(20)], true),
            vec![None, None, Some(20)]
        );
        // Twee onderdrukt: de rest blijft.
        assert_eq!(
            onderdrukt(&[Some(3), Some(4), Some(12)], true),
            vec![None, None, Some(10)]
        );
        assert_eq!(
            onderdrukt(&[Some(6), Some(5)], true),
            vec![Some(5), Some(5)]
        );
        assert!(scheef(&[Some(25), None]));
        assert!(!scheef(&[Some(5), Some(5)]));
        assert!(!scheef(&[None, None]));
    }

    #[test]
    fn wijknetwerkdoelen_vragen_de_belangen_uit_de_tabel() {
        let aanwezig: BTreeSet<Belang> = [Belang::Bewoners, Belang::Gemeente].into();
        assert_eq!(
            ontbrekende_belangen(NetwerkDoel::VeiligWonen, &aanwezig),
            vec![Belang::Woningcorporatie, Belang::Politie]
        );
        assert_eq!(
            ontbrekende_belangen(NetwerkDoel::GoedeZorg, &aanwezig),
            vec![Belang::Zorg, Belang::Welzijn]
        );
        assert!(ontbrekende_belangen(NetwerkDoel::Beleidsadvies, &aanwezig).is_empty());
        assert_eq!(
            benodigde_belangen(NetwerkDoel::OndernemenInDeWijk),
            &[Belang::Bewoners, Belang::Gemeente, Belang::Ondernemers]
        );
    }

    #[test]
    fn ontbrekende_typen_zijn_de_vier_min_de_aanwezige() {
        let aanwezig: BTreeSet<_> = [SleutelpersoonType::Doener].into();
        assert_eq!(
            ontbrekende_typen(&aanwezig),
            vec![
                SleutelpersoonType::Verbinder,
                SleutelpersoonType::Vertegenwoordiger,
                SleutelpersoonType::LuisInDePels
            ]
        );
    }
}
