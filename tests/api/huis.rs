//! De regels van het huis (issue 33, docs/architectuur.md), nagelezen in de broncode:
//! elke import wijst naar beneden. De gedeelde lagen (`http`, `auth`, `audit`,
//! `tenancy`, `domein`) kennen geen module, geen `app` en geen `ops`; geen module kent
//! `ops`. Tests en commentaar tellen niet mee.

use std::path::{Path, PathBuf};

fn bron() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("api/src")
}

/// Alle `.rs`-bestanden onder `map`.
fn bestanden(map: &Path) -> Vec<PathBuf> {
    let mut uit = Vec::new();
    let mut open = vec![map.to_path_buf()];
    while let Some(m) = open.pop() {
        for e in std::fs::read_dir(&m).expect("map").flatten() {
            let p = e.path();
            if p.is_dir() {
                open.push(p);
            } else if p.extension().is_some_and(|x| x == "rs") {
                uit.push(p);
            }
        }
    }
    uit.sort();
    uit
}

/// De regels code van een bestand, zonder commentaar en zonder de testmodule (die
/// staat in dit huis aan het eind, na `#[cfg(test)]`), met hun nummer.
pub(crate) fn code(pad: &Path) -> Vec<(usize, String)> {
    let tekst = std::fs::read_to_string(pad).expect("bron");
    tekst
        .lines()
        .enumerate()
        .take_while(|(_, r)| r.trim() != "#[cfg(test)]")
        .filter(|(_, r)| !r.trim_start().starts_with("//"))
        .map(|(i, r)| (i + 1, r.to_owned()))
        .collect()
}

/// Waar in `mappen` een van `verboden` voorkomt.
fn vind(mappen: &[&str], verboden: &[&str]) -> Vec<String> {
    let mut fouten = Vec::new();
    for map in mappen {
        for pad in bestanden(&bron().join(map)) {
            for (nr, regel) in code(&pad) {
                for v in verboden {
                    if regel.contains(v) {
                        fouten.push(format!("{}:{nr}: {}", pad.display(), regel.trim()));
                    }
                }
            }
        }
    }
    fouten
}

#[test]
fn de_gedeelde_lagen_kennen_geen_module_app_of_ops() {
    let fouten = vind(
        &["http", "auth", "audit", "tenancy", "domein"],
        &[
            "crate::app",
            "crate::ops",
            "crate::modules",
            "super::super::modules",
        ],
    );
    assert!(fouten.is_empty(), "import omhoog:\n{}", fouten.join("\n"));
}

/// Het HTTP-contract staat onder de aanroeper, de audit trail en de tenancy: het krijgt
/// wat het van hen nodig heeft (scopes, de operaties met persoonsgegevens) als waarde
/// van `modules::document`.
#[test]
fn http_kent_geen_hogere_laag() {
    let fouten = vind(
        &["http"],
        &["crate::auth", "crate::audit", "crate::tenancy", "crate::db"],
    );
    assert!(fouten.is_empty(), "import omhoog:\n{}", fouten.join("\n"));
}

#[test]
fn geen_module_kent_ops() {
    let fouten = vind(&["modules"], &["crate::ops"]);
    assert!(fouten.is_empty(), "import omhoog:\n{}", fouten.join("\n"));
}

/// Eén "vandaag": de dag in Nederland uit `domein::tijd`, nooit de datum in UTC.
#[test]
fn niemand_neemt_de_datum_in_utc() {
    let mut fouten = vind(
        &["."],
        &["Utc::now().date_naive()", "Local::now()", "Local::today()"],
    );
    fouten.retain(|f| !f.contains("domein/tijd.rs"));
    assert!(fouten.is_empty(), "de datum in UTC:\n{}", fouten.join("\n"));
}

/// Eén vorm per module: `handlers.rs` is HTTP (annotatie, extractors, een korte body);
/// de representatie en haar `Bron` staan in `weergave.rs`, de invoer in `invoer.rs`.
#[test]
fn handlers_houden_alleen_het_http() {
    let mut fouten = Vec::new();
    for module in std::fs::read_dir(bron().join("modules"))
        .expect("modules")
        .flatten()
    {
        let handlers = module.path().join("handlers.rs");
        if !handlers.exists() {
            continue;
        }
        for (nr, regel) in code(&handlers) {
            let t = regel.trim();
            if t.starts_with("impl Bron for")
                || (t.starts_with("#[derive(") && t.contains("ToSchema"))
            {
                fouten.push(format!("{}:{nr}: {t}", handlers.display()));
            }
        }
    }
    assert!(
        fouten.is_empty(),
        "hoort in weergave.rs of invoer.rs:\n{}",
        fouten.join("\n")
    );
}

/// Geen veld dat niemand leest: de regels lezen de invoer getypt (`Invoer::deel`), en
/// een veld dat het schema alleen als `readOnly` noemt is `AlleenLezen`.
#[test]
fn geen_dood_veld() {
    let fouten = vind(&["."], &["allow(dead_code)"]);
    assert!(
        fouten.is_empty(),
        "allow(dead_code):\n{}",
        fouten.join("\n")
    );
}

/// Een `Entity::find()` buiten `ctx.scoped(…)`/`scoped_in(…)`: alleen hier, elk met
/// zijn reden (de row-level security van de database geldt er evengoed). Een nieuwe
/// komt er niet bij zonder reden.
const ONGESCOPED: &[(&str, usize, &str)] = &[
    (
        "modules/gebieden/profiel.rs",
        1,
        "de elf gemeenten, openbaar",
    ),
    (
        "modules/gebruikers/regels.rs",
        1,
        "actieve gebruikers met id uit een lijst die al op gemeente is gecontroleerd",
    ),
    (
        "modules/gebruikers/mod.rs",
        1,
        "gebruikers op id binnen een gegeven gemeente",
    ),
    (
        "modules/gemeenten/handlers.rs",
        3,
        "gemeenten zijn openbaar; de gebieden van één gemeente op haar id",
    ),
    (
        "modules/stappenplannen/leidraad.rs",
        3,
        "de leidraad is regionaal en openbaar: versies op aanpak",
    ),
    (
        "modules/stappenplannen/handlers.rs",
        1,
        "de leidraad is regionaal en openbaar: eerdere versies van één aanpak",
    ),
    (
        "modules/netwerken/handlers.rs",
        1,
        "trajecten van één netwerk dat al in de scope is gevonden",
    ),
    (
        "modules/organisaties/kaart.rs",
        4,
        "de eigen kaart plus de catalogus (`zichtbaar`), en verwijzingen naar één organisatie",
    ),
    (
        "modules/organisaties/handlers.rs",
        1,
        "de lijst: de eigen kaart plus de catalogus (`zichtbaar`)",
    ),
    (
        "modules/organisaties/per_gebied.rs",
        1,
        "de sociale kaart van een gebied: de eigen kaart plus de catalogus (`zichtbaar`)",
    ),
    (
        "modules/crisisbeeld/handlers.rs",
        1,
        "de hulpgevers: de eigen kaart plus de catalogus (`zichtbaar`)",
    ),
    (
        "modules/organisaties/partners.rs",
        1,
        "organisaties op id van partners van een netwerk in de scope",
    ),
    (
        "modules/sleutelpersonen/gekoppeld.rs",
        8,
        "alles over één persoon die al in de scope is gevonden (inzage)",
    ),
    (
        "modules/sleutelpersonen/persoon.rs",
        2,
        "gegevens en statusgeschiedenis van personen in de scope, door RLS beperkt",
    ),
    (
        "modules/sleutelpersonen/inzage.rs",
        2,
        "lidmaatschappen en verwerkingen van één persoon in de scope (inzage)",
    ),
    (
        "modules/sleutelpersonen/mod.rs",
        2,
        "zichtbaarheid van personen op id, door RLS beperkt",
    ),
    (
        "ops/dna.rs",
        1,
        "herberekenen buiten het verzoekpad, als eigenaar",
    ),
    ("tenancy/mod.rs", 1, "de CBS-codes van de elf gemeenten"),
];

#[test]
fn elke_find_is_gescoped_of_heeft_een_reden() {
    let mut per_bestand: std::collections::BTreeMap<String, usize> = Default::default();
    for pad in bestanden(&bron()) {
        let regels = code(&pad);
        for (i, (_, regel)) in regels.iter().enumerate() {
            if !regel.contains("Entity::find()") {
                continue;
            }
            let vorige = if i > 0 { regels[i - 1].1.as_str() } else { "" };
            if regel.contains("scoped(")
                || regel.contains("scoped_in(")
                || vorige.contains("scoped(")
                || vorige.contains("scoped_in(")
            {
                continue;
            }
            let naam = pad
                .strip_prefix(bron())
                .map(|p| p.display().to_string())
                .unwrap_or_default();
            *per_bestand.entry(naam).or_default() += 1;
        }
    }
    let mut fouten = Vec::new();
    for (bestand, aantal) in &per_bestand {
        let toegestaan = ONGESCOPED
            .iter()
            .find(|(b, _, _)| b == bestand)
            .map(|(_, n, _)| *n)
            .unwrap_or(0);
        if *aantal > toegestaan {
            fouten.push(format!(
                "{bestand}: {aantal} Entity::find() buiten ctx.scoped (toegestaan {toegestaan})"
            ));
        }
    }
    assert!(fouten.is_empty(), "{}", fouten.join("\n"));
}

/// Een module maakt openbaar wat andere mogen gebruiken, met naam: geen `pub use …::*`.
#[test]
fn geen_module_exporteert_alles() {
    let mut fouten = Vec::new();
    for pad in bestanden(&bron().join("modules")) {
        for (nr, regel) in code(&pad) {
            let r = regel.trim();
            if r.starts_with("pub") && r.contains(" use ") && r.contains("::*") {
                fouten.push(format!("{}:{nr}: {r}", pad.display()));
            }
        }
    }
    assert!(fouten.is_empty(), "glob-export:\n{}", fouten.join("\n"));
}

/// De functies in `pad` met hun lengte: van de regel met `fn` tot en met de sluitende
/// accolade, lege regels en commentaar erin meegeteld, attributen en doc-commentaar
/// erboven niet; de testmodule niet.
fn functies(pad: &Path) -> Vec<(String, usize)> {
    let tekst = std::fs::read_to_string(pad).expect("bron");
    let regels: Vec<&str> = tekst
        .lines()
        .take_while(|r| r.trim() != "#[cfg(test)]")
        .collect();
    let mut uit = Vec::new();
    let mut i = 0;
    while i < regels.len() {
        let r = regels[i].trim_start();
        let naam = if r.starts_with("//") {
            None
        } else {
            let mut woorden = r.split_whitespace().peekable();
            let mut naam = None;
            while let Some(w) = woorden.next() {
                if w == "fn" {
                    naam = woorden
                        .next()
                        .map(|n| n.split(['(', '<']).next().unwrap_or(n).to_owned());
                    break;
                }
                if !(w.starts_with("pub") || matches!(w, "async" | "const" | "unsafe")) {
                    break;
                }
            }
            naam
        };
        let Some(naam) = naam else {
            i += 1;
            continue;
        };
        // Tot de accolade die de body sluit (een declaratie zonder body telt niet).
        let (mut diepte, mut begonnen, mut j) = (0i32, false, i);
        while j < regels.len() {
            let code = regels[j].split("//").next().unwrap_or_default();
            if !begonnen && code.contains(';') && !code.contains('{') {
                break;
            }
            for c in code.chars() {
                match c {
                    '{' => {
                        diepte += 1;
                        begonnen = true;
                    }
                    '}' => diepte -= 1,
                    _ => {}
                }
            }
            if begonnen && diepte == 0 {
                break;
            }
            j += 1;
        }
        if begonnen {
            uit.push((naam, j - i + 1));
            i = j + 1;
        } else {
            i += 1;
        }
    }
    uit
}

#[test]
fn geen_functie_is_langer_dan_80_regels() {
    let mut fouten = Vec::new();
    for pad in bestanden(&bron()) {
        let naam = pad
            .strip_prefix(bron())
            .map(|p| p.display().to_string())
            .unwrap_or_default();
        for (functie, lengte) in functies(&pad) {
            if lengte > 80 {
                fouten.push(format!("{naam}: fn {functie} is {lengte} regels"));
            }
        }
    }
    assert!(fouten.is_empty(), "{}", fouten.join("\n"));
}
