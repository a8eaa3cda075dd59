//! De afloop van een initiatief: `idee` → `lopend` → `afgerond`, en `gestopt` vanuit
//! `idee` of `lopend`. Afgerond en gestopt liggen vast. Pure regels.

pub use entity::soorten::InitiatiefStatus as Status;

/// Mag een initiatief van `van` naar `naar`?
pub fn overgang_toegestaan(van: Status, naar: Status) -> bool {
    use Status::*;
    matches!(
        (van, naar),
        (Idee, Lopend) | (Idee, Gestopt) | (Lopend, Afgerond) | (Lopend, Gestopt)
    )
}

/// Ligt het initiatief vast?
pub fn afgesloten(status: Status) -> bool {
    matches!(status, Status::Afgerond | Status::Gestopt)
}

#[cfg(test)]
mod tests {
    use super::*;
    use Status::*;

    #[test]
    fn een_initiatief_loopt_vooruit_en_ligt_dan_vast() {
        let alle = [Idee, Lopend, Afgerond, Gestopt];
        assert_eq!(
            crate::domein::toegestane_overgangen(&alle, overgang_toegestaan),
            vec![
                (Idee, Lopend),
                (Idee, Gestopt),
                (Lopend, Afgerond),
                (Lopend, Gestopt),
            ]
        );
        assert!(afgesloten(Afgerond) && afgesloten(Gestopt) && !afgesloten(Lopend));
    }
}
