//! De levensloop van een sleutelpersoon (DOMAIN.md, "Networks and key persons"):
//! `kandidaat` → `kennismaking` → `actief` ⇄ `gepauzeerd` → `uitgestroomd`, en wie
//! uitstroomde kan terugkeren (`actief`). Pure regels.

use chrono::{Months, NaiveDate};

pub use entity::soorten::SleutelpersoonStatus as Status;

/// Alle toestanden, in volgorde van de levensloop.
pub const ALLE: [Status; 5] = [
    Status::Kandidaat,
    Status::Kennismaking,
    Status::Actief,
    Status::Gepauzeerd,
    Status::Uitgestroomd,
];

/// Mag een persoon van `van` naar `naar`?
pub fn overgang_toegestaan(van: Status, naar: Status) -> bool {
    use Status::*;
    matches!(
        (van, naar),
        (Kandidaat, Kennismaking)
            | (Kennismaking, Actief)
            | (Actief, Gepauzeerd)
            | (Gepauzeerd, Actief)
            | (Actief, Uitgestroomd)
            | (Gepauzeerd, Uitgestroomd)
            | (Uitgestroomd, Actief)
    )
}

/// Vraagt deze toestand vastgelegde toestemming? Actief (en gepauzeerd, dat actief
/// was) alleen met toestemming (DOMAIN.md, "Personal data").
pub fn vraagt_toestemming(status: Status) -> bool {
    matches!(status, Status::Actief | Status::Gepauzeerd)
}

/// Zonder vastgelegde bewaartermijn (een kandidaat zonder toestemming) bewaren we de
/// gegevens twaalf maanden na aanmaken; daarna anonimiseert de retentie hen, zoals
/// iedereen na zijn bewaartermijn. Keuze van dit project: de handreiking noemt geen
/// termijn, twaalf maanden is genoeg voor werving en kennismaking.
pub fn standaard_bewaartermijn(aangemaakt: NaiveDate) -> NaiveDate {
    aangemaakt
        .checked_add_months(Months::new(12))
        .unwrap_or(aangemaakt)
}

#[cfg(test)]
mod tests {
    use super::*;
    use Status::*;

    #[test]
    fn de_levensloop_volgt_de_handreiking() {
        let toegestaan = [
            (Kandidaat, Kennismaking),
            (Kennismaking, Actief),
            (Actief, Gepauzeerd),
            (Gepauzeerd, Actief),
            (Actief, Uitgestroomd),
            (Gepauzeerd, Uitgestroomd),
            (Uitgestroomd, Actief),
        ];
        for van in ALLE {
            for naar in ALLE {
                assert_eq!(
                    overgang_toegestaan(van, naar),
                    toegestaan.contains(&(van, naar)),
                    "{van:?} → {naar:?}"
                );
            }
        }
        let volgende = |van| crate::domein::volgende(ALLE, van, overgang_toegestaan);
        assert_eq!(volgende(Kandidaat), vec![Kennismaking]);
        assert_eq!(volgende(Actief), vec![Gepauzeerd, Uitgestroomd]);
        assert_eq!(volgende(Uitgestroomd), vec![Actief]);
    }

    #[test]
    fn actief_vraagt_toestemming_en_de_standaardtermijn_is_een_jaar() {
        assert!(vraagt_toestemming(Actief) && vraagt_toestemming(Gepauzeerd));
        assert!(!vraagt_toestemming(Kandidaat) && !vraagt_toestemming(Uitgestroomd));
        let d = |j, m, d| NaiveDate::from_ymd_opt(j, m, d).unwrap_or_default();
        assert_eq!(standaard_bewaartermijn(d(2026, 2, 28)), d(2027, 2, 28));
        assert_eq!(standaard_bewaartermijn(d(2024, 2, 29)), d(2025, 2, 28));
    }
}
