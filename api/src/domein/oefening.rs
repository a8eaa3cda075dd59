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
        let toegestaan: Vec<_> = alle
            .iter()
            .flat_map(|v| alle.iter().map(move |n| (*v, *n)))
            .filter(|(v, n)| overgang_toegestaan(*v, *n))
            .collect();
        assert_eq!(
            toegestaan,
            vec![(Gepland, Uitgevoerd), (Uitgevoerd, Geevalueerd)]
        );
    }
}
