//! Geldregels van budgetten (DOMAIN.md, "Initiatives and budgets"): bedragen in hele
//! eurocenten, nooit floats. Pure regels.

/// Het hoogste bedrag dat een matchingbudget mag toekennen: de eigen bijdrage maal
/// `teller / noemer`, naar beneden afgerond op de cent.
pub fn matching_grens(eigen_bijdrage: i64, teller: i32, noemer: i32) -> i64 {
    let noemer = i128::from(noemer.max(1));
    let grens = i128::from(eigen_bijdrage.max(0)) * i128::from(teller.max(0)) / noemer;
    i64::try_from(grens).unwrap_or(i64::MAX)
}

/// Waarom een toekenning te hoog is, of `None` als ze past: hoogstens het gevraagde
/// bedrag, het maximum per aanvraag en (bij matching) de matchinggrens.
pub fn toekenning_te_hoog(
    toegekend: i64,
    aangevraagd: i64,
    max_per_aanvraag: i64,
    matching: Option<i64>,
) -> Option<String> {
    if toegekend > aangevraagd {
        return Some(format!(
            "Hoogstens het aangevraagde bedrag ({aangevraagd} cent)."
        ));
    }
    if toegekend > max_per_aanvraag {
        return Some(format!(
            "Hoogstens het maximum per aanvraag van dit budget ({max_per_aanvraag} cent)."
        ));
    }
    match matching {
        Some(grens) if toegekend > grens => Some(format!(
            "Hoogstens de eigen bijdrage maal de matchingverhouding ({grens} cent)."
        )),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matching_rondt_naar_beneden_af_op_de_cent() {
        assert_eq!(matching_grens(10_001, 1, 1), 10_001);
        assert_eq!(matching_grens(10_001, 1, 2), 5_000);
        assert_eq!(matching_grens(333, 2, 3), 222);
        assert_eq!(matching_grens(0, 5, 1), 0);
        assert_eq!(matching_grens(i64::MAX, 100, 1), i64::MAX);
    }

    #[test]
    fn een_toekenning_past_binnen_alle_grenzen() {
        assert!(toekenning_te_hoog(500, 500, 1_000, None).is_none());
        assert!(toekenning_te_hoog(501, 500, 1_000, None).is_some());
        assert!(toekenning_te_hoog(500, 800, 400, None).is_some());
        assert!(toekenning_te_hoog(300, 800, 1_000, Some(250)).is_some());
        assert!(toekenning_te_hoog(250, 800, 1_000, Some(250)).is_none());
    }
}
