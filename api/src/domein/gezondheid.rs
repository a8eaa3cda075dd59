//! De gezondheid van een netwerk (DOMAIN.md, "A network is healthy when"): signalen
//! ter overweging, geen cijfer — de handreiking waarschuwt netwerken niet langs
//! professionele maatstaven te leggen. Pure regels; de tellingen komen uit SQL.

use std::collections::BTreeSet;

pub use entity::soorten::{Belang, NetwerkDoel, SleutelpersoonType};

/// Onder dit aantal wordt een cel van een telling over persoonlijke kenmerken niet
/// getoond (`null`, `onderdrukt: true`).
pub const KLEINSTE_CEL: i64 = 5;

/// Een signaal boven dit aandeel van één kant (in procenten) per diversiteitsdimensie.
pub const SCHEEF_BOVEN_PROCENT: i64 = 80;

/// Minder contactambtenaren dan dit geeft een signaal (de handreiking: meer dan één).
pub const MIN_CONTACTAMBTENAREN: usize = 2;

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
