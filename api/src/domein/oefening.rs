//! De afloop van een oefening: `gepland` → `uitgevoerd` → `geevalueerd`. Een
//! geëvalueerde oefening ligt vast; niemand krijgt een cijfer (seed 000).

use entity::soorten::OefeningStatus;

/// Mag een oefening van `van` naar `naar`? Alleen één stap vooruit.
pub fn overgang_toegestaan(van: OefeningStatus, naar: OefeningStatus) -> bool {
    use OefeningStatus::*;
    matches!(
        (van, naar),
        (Gepland, Uitgevoerd) | (Uitgevoerd, Geevalueerd)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use OefeningStatus::*;

    #[test]
    fn alleen_een_stap_vooruit() {
        let alle = [Gepland, Uitgevoerd, Geevalueerd];
        assert_eq!(
            crate::domein::toegestane_overgangen(&alle, overgang_toegestaan),
            vec![(Gepland, Uitgevoerd), (Uitgevoerd, Geevalueerd)]
        );
    }
}
