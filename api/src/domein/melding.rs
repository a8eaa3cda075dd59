//! De afloop van een melding: `open` → `in_behandeling` → `afgesloten`, of meteen
//! `open` → `afgesloten`; afsluiten vraagt een afsluitnotitie en daarna ligt de
//! melding vast. Een nieuwe dreiging is een nieuwe melding.

use entity::soorten::MeldingStatus;

/// Mag een melding van `van` naar `naar`?
pub fn overgang_toegestaan(van: MeldingStatus, naar: MeldingStatus) -> bool {
    use MeldingStatus::*;
    matches!(
        (van, naar),
        (Open, InBehandeling) | (Open, Afgesloten) | (InBehandeling, Afgesloten)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use MeldingStatus::*;

    #[test]
    fn vooruit_en_afgesloten_ligt_vast() {
        let alle = [Open, InBehandeling, Afgesloten];
        assert_eq!(
            crate::domein::toegestane_overgangen(&alle, overgang_toegestaan),
            vec![
                (Open, InBehandeling),
                (Open, Afgesloten),
                (InBehandeling, Afgesloten)
            ]
        );
    }
}
