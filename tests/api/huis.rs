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

#[test]
fn geen_module_kent_ops() {
    let fouten = vind(&["modules"], &["crate::ops"]);
    assert!(fouten.is_empty(), "import omhoog:\n{}", fouten.join("\n"));
}
