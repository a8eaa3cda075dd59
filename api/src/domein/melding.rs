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
        let toegestaan: Vec<_> = alle
            .iter()
            .flat_map(|v| alle.iter().map(move |n| (*v, *n)))
            .filter(|(v, n)| overgang_toegestaan(*v, *n))
            .collect();
        assert_eq!(
            toegestaan,
            vec![
                (Open, InBehandeling),
                (Open, Afgesloten),
                (InBehandeling, Afgesloten)
            ]
        );
    }
}
