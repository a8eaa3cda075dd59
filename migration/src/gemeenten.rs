//! De elf gemeenten van Veiligheidsregio Brabant-Noord: de enige bron van deze lijst.

/// Een gemeente zoals geseed: CBS-code, naam en slug.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SeedGemeente {
    pub code: &'static str,
    pub naam: &'static str,
    pub slug: &'static str,
}

const fn g(code: &'static str, naam: &'static str, slug: &'static str) -> SeedGemeente {
    SeedGemeente { code, naam, slug }
}

/// De elf gemeenten, op naam gesorteerd zoals in DOMAIN.md.
pub const GEMEENTEN: [SeedGemeente; 11] = [
    g("GM0796", "'s-Hertogenbosch", "s-hertogenbosch"),
    g("GM1721", "Bernheze", "bernheze"),
    g("GM0755", "Boekel", "boekel"),
    g("GM0757", "Boxtel", "boxtel"),
    g("GM0797", "Heusden", "heusden"),
    g("GM1982", "Land van Cuijk", "land-van-cuijk"),
    g("GM1991", "Maashorst", "maashorst"),
    g("GM1948", "Meierijstad", "meierijstad"),
    g("GM0828", "Oss", "oss"),
    g("GM0845", "Sint-Michielsgestel", "sint-michielsgestel"),
    g("GM0865", "Vught", "vught"),
];

/// SQL die de elf gemeenten invoegt of bijwerkt; idempotent (nogmaals uitvoeren verandert niets).
pub fn upsert_sql() -> String {
    let rows: Vec<String> = GEMEENTEN
        .iter()
        .map(|g| {
            format!(
                "('{}', '{}', '{}')",
                g.code,
                g.naam.replace('\'', "''"),
                g.slug
            )
        })
        .collect();
    format!(
        "INSERT INTO gemeente (code, naam, slug) VALUES {} \
         ON CONFLICT (code) DO UPDATE SET naam = EXCLUDED.naam, slug = EXCLUDED.slug, updated_at = now() \
         WHERE gemeente.naam IS DISTINCT FROM EXCLUDED.naam OR gemeente.slug IS DISTINCT FROM EXCLUDED.slug",
        rows.join(", ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_slugs_are_unique_and_well_formed() {
        let mut codes: Vec<_> = GEMEENTEN.iter().map(|g| g.code).collect();
        let mut slugs: Vec<_> = GEMEENTEN.iter().map(|g| g.slug).collect();
        codes.sort();
        codes.dedup();
        slugs.sort();
        slugs.dedup();
        assert_eq!(codes.len(), 11);
        assert_eq!(slugs.len(), 11);
        for g in GEMEENTEN {
            assert!(g.code.len() == 6 && g.code.starts_with("GM"), "{}", g.code);
            assert!(
                g.code[2..].chars().all(|c| c.is_ascii_digit()),
                "{}",
                g.code
            );
            assert!(
                g.slug.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
                "{}",
                g.slug
            );
        }
    }

    #[test]
    fn upsert_escapes_quotes() {
        assert!(upsert_sql().contains("'''s-Hertogenbosch'"));
    }
}
