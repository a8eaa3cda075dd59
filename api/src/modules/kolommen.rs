//! Kolommen die soorten als tekst opslaan: een lijst van enums als `text[]`, een
//! gestructureerd veld als `jsonb`. Eén plek voor de omzetting, voor elke module.

use serde::{Deserialize, Serialize};

/// `text[]` uit de database als lijst van enums (onbekende waarden vallen weg; de
/// CHECK in de migratie laat ze niet toe).
pub fn lijst<T: for<'de> Deserialize<'de>>(waarden: &[String]) -> Vec<T> {
    waarden
        .iter()
        .filter_map(|w| serde_json::from_value(serde_json::Value::from(w.as_str())).ok())
        .collect()
}

/// Een lijst van enums als `text[]` voor de database.
pub fn tekst<T: Serialize>(waarden: &[T]) -> Vec<String> {
    waarden
        .iter()
        .filter_map(|w| serde_json::to_value(w).ok())
        .filter_map(|v| v.as_str().map(str::to_owned))
        .collect()
}

/// Een `jsonb`-kolom als `T` (leeg als ze niet past).
pub fn json<T: for<'de> Deserialize<'de> + Default>(waarde: &serde_json::Value) -> T {
    serde_json::from_value(waarde.clone()).unwrap_or_default()
}

/// `T` als waarde voor een `jsonb`-kolom.
pub fn naar_json<T: Serialize>(waarde: &T) -> serde_json::Value {
    serde_json::to_value(waarde).unwrap_or(serde_json::Value::Null)
}

/// Een lijst (ids voor een `uuid[]`-kolom) zonder herhalingen, in de volgorde van de
/// aanroeper.
pub fn zonder_dubbelen<T: Eq + std::hash::Hash + Copy>(lijst: Vec<T>) -> Vec<T> {
    let mut gezien = std::collections::HashSet::new();
    lijst.into_iter().filter(|x| gezien.insert(*x)).collect()
}
