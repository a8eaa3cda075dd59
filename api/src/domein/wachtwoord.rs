//! Wanneer een wachtwoord sterk genoeg is (NIST SP 800-63B, 5.1.1.2): lengte doet
//! het schema (12–256 tekens, niet alleen witruimte); hier de rest. Geen regels over
//! soorten tekens: die maken wachtwoorden niet sterker, wel lastiger.

/// Veelgebruikte en gelekte wachtwoorden, in de binary.
const VEELGEBRUIKT: &str = include_str!("veelgebruikte_wachtwoorden.txt");

/// Woorden die met wat cijfers of tekens eromheen nog steeds te raden zijn: de dienst,
/// de organisatie en de klassiekers.
const TE_RADEN_WOORDEN: &[&str] = &[
    "weefsel",
    "vrbn",
    "veiligheidsregio",
    "brabantnoord",
    "gemeente",
    "wachtwoord",
    "password",
    "passwort",
    "welkom",
    "welcome",
    "geheim",
    "qwerty",
    "admin",
    "beheer",
    "beheerder",
    "coordinator",
    "zomer",
    "winter",
    "lente",
    "herfst",
    "voorjaar",
    "najaar",
];

/// Reeksen op volgorde: een wachtwoord dat er een deel van is, is te voorspelbaar.
const REEKSEN: &[&str] = &[
    "01234567890123456789",
    "abcdefghijklmnopqrstuvwxyz",
    "qwertyuiopasdfghjklzxcvbnm",
];

/// Waarom een wachtwoord niet mag, of `Ok` als het mag. `gebruikersnaam` is die van
/// het account waarvoor het is.
pub fn beoordeel(wachtwoord: &str, gebruikersnaam: &str) -> Result<(), &'static str> {
    if wachtwoord.chars().all(char::is_whitespace) {
        return Err("Alleen spaties of andere witruimte is geen wachtwoord.");
    }
    let klein = wachtwoord.to_lowercase();
    let naam = gebruikersnaam.to_lowercase();
    let naamdelen = naam
        .split(['.', '_', '-'])
        .filter(|deel| deel.chars().count() >= 4);
    if !naam.is_empty()
        && (klein.contains(&naam) || naamdelen.into_iter().any(|d| klein.contains(d)))
    {
        return Err(
            "Het wachtwoord bevat de gebruikersnaam (of een deel ervan); kies iets dat niet uit het account te raden is.",
        );
    }
    let mut verschillend: Vec<char> = klein.chars().collect();
    verschillend.sort_unstable();
    verschillend.dedup();
    if verschillend.len() < 5 {
        return Err("Te voorspelbaar: het wachtwoord heeft te weinig verschillende tekens.");
    }
    let omgekeerd: String = klein.chars().rev().collect();
    if REEKSEN
        .iter()
        .any(|r| r.contains(klein.as_str()) || r.contains(omgekeerd.as_str()))
    {
        return Err("Te voorspelbaar: het wachtwoord is een reeks tekens op volgorde.");
    }
    let kern = klein.trim_matches(|c: char| !c.is_alphabetic());
    if veelgebruikt().any(|w| w == klein) || TE_RADEN_WOORDEN.contains(&kern) {
        return Err(
            "Dit wachtwoord wordt veel gebruikt of is eerder gelekt (of is een bekend woord met wat cijfers of tekens); kies een ander, bijvoorbeeld een zin van een paar woorden.",
        );
    }
    Ok(())
}

fn veelgebruikt() -> impl Iterator<Item = &'static str> {
    VEELGEBRUIKT
        .lines()
        .map(str::trim)
        .filter(|regel| !regel.is_empty() && !regel.starts_with('#'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_is_lowercase_and_long_enough_to_matter() {
        let lijst: Vec<&str> = veelgebruikt().collect();
        assert!(lijst.len() >= 100, "{}", lijst.len());
        for w in lijst {
            assert_eq!(w, w.to_lowercase(), "{w}");
            assert!(
                w.chars().count() >= 12,
                "korter dan 12 weigert de lengte al: {w}"
            );
        }
    }

    #[test]
    fn refuses_what_nist_names() {
        let naam = "oss.jvandijk";
        for (wachtwoord, reden) in [
            ("            ", "witruimte"),
            ("oss.jvandijk-2026", "gebruikersnaam"),
            ("JVANDIJK-is-de-baas", "gebruikersnaam"),
            ("aaaaaaaaaaaa", "verschillende"),
            ("abababababab12", "verschillende"),
            ("1234567890123", "reeks"),
            ("lmnopqrstuvw", "reeks"),
            ("Password1234", "veel gebruikt"),
            ("Welkom2026!!!", "veel gebruikt"),
            ("!!Weefsel2026", "veel gebruikt"),
        ] {
            let fout = beoordeel(wachtwoord, naam).expect_err(wachtwoord);
            assert!(fout.contains(reden), "{wachtwoord}: {fout}");
        }
    }

    #[test]
    fn accepts_a_passphrase() {
        for goed in [
            "paard-batterij-nietje-correct",
            "een heel nieuw wachtwoord",
            "weefsel-demo-2026",
            "Zomeravond aan de Maas",
        ] {
            assert_eq!(beoordeel(goed, "oss.jvandijk"), Ok(()), "{goed}");
        }
    }
}
