//! Een JSON-body veld voor veld lezen, met álle fouten tegelijk.
//!
//! serde stopt bij de eerste fout; een integrator wil ze allemaal in één keer zien
//! (`invalidParams`). Een handler leest elk veld met een getypte getter, voegt zijn
//! eigen regels toe met [`Body::reject`], en [`Body::finish`] meldt daarna ook elk
//! onbekend veld: wat niet gezet mag worden, wordt geweigerd, niet genegeerd.

use serde_json::{Map, Value};

use crate::http::problem::{ApiError, ApiResult, InvalidParam};

pub struct Body {
    fields: Map<String, Value>,
    errors: Vec<InvalidParam>,
}

impl Body {
    /// De body moet een JSON-object zijn.
    pub fn parse(value: Value) -> ApiResult<Body> {
        match value {
            Value::Object(fields) => Ok(Body {
                fields,
                errors: Vec::new(),
            }),
            _ => Err(ApiError::BadRequest(
                "De body moet een JSON-object zijn.".into(),
            )),
        }
    }

    pub fn has(&self, name: &str) -> bool {
        self.fields.contains_key(name)
    }

    /// Staat het veld erin met een andere waarde dan `null`?
    pub fn has_value(&self, name: &str) -> bool {
        self.fields.get(name).is_some_and(|v| !v.is_null())
    }

    /// Voegt een fout toe.
    pub fn reject(&mut self, name: &str, code: &str, reason: impl Into<String>) {
        self.errors.push(InvalidParam::new(name, code, reason));
    }

    pub fn is_valid(&self) -> bool {
        self.errors.is_empty()
    }

    fn missing(&mut self, name: &str) {
        self.reject(name, "verplicht", "Dit veld is verplicht.");
    }

    /// Een tekst van `min..=max` tekens. `None` als het veld ontbreekt (met een fout
    /// als het verplicht is) of ongeldig is.
    pub fn string(&mut self, name: &str, required: bool, min: usize, max: usize) -> Option<String> {
        match self.fields.get(name) {
            None | Some(Value::Null) if required => {
                self.missing(name);
                None
            }
            None => None,
            Some(Value::String(s)) => {
                let len = s.chars().count();
                if len < min || len > max {
                    let reason = if min <= 1 {
                        format!("Verwacht hoogstens {max} tekens.")
                    } else {
                        format!("Verwacht {min} tot en met {max} tekens.")
                    };
                    let code = if len < min { "te_kort" } else { "te_lang" };
                    self.reject(name, code, reason);
                    None
                } else {
                    Some(s.clone())
                }
            }
            Some(_) => {
                self.reject(name, "ongeldig", "Verwacht een tekst.");
                None
            }
        }
    }

    /// Een tekst die ook `null` mag zijn: `Some(None)` betekent "leegmaken".
    pub fn nullable_string(
        &mut self,
        name: &str,
        min: usize,
        max: usize,
    ) -> Option<Option<String>> {
        match self.fields.get(name) {
            None => None,
            Some(Value::Null) => Some(None),
            Some(_) => self.string(name, false, min, max).map(Some),
        }
    }

    pub fn bool(&mut self, name: &str, required: bool) -> Option<bool> {
        match self.fields.get(name) {
            None | Some(Value::Null) if required => {
                self.missing(name);
                None
            }
            None => None,
            Some(Value::Bool(b)) => Some(*b),
            Some(_) => {
                self.reject(name, "ongeldig", "Verwacht true of false.");
                None
            }
        }
    }

    /// Een lijst van waarden uit een vaste set, zonder dubbelen.
    pub fn enum_list<T: PartialEq>(
        &mut self,
        name: &str,
        required: bool,
        parse: impl Fn(&str) -> Option<T>,
        allowed: &str,
    ) -> Option<Vec<T>> {
        let items = match self.fields.get(name) {
            None | Some(Value::Null) if required => {
                self.missing(name);
                return None;
            }
            None => return None,
            Some(Value::Array(items)) => items.clone(),
            Some(_) => {
                self.reject(
                    name,
                    "ongeldig",
                    format!("Verwacht een lijst met waarden uit: {allowed}."),
                );
                return None;
            }
        };
        let mut values = Vec::new();
        let mut ok = true;
        for (index, item) in items.iter().enumerate() {
            match item.as_str().and_then(&parse) {
                Some(value) if values.contains(&value) => {
                    self.reject(
                        &format!("{name}.{index}"),
                        "dubbel",
                        "Deze waarde staat al in de lijst.",
                    );
                    ok = false;
                }
                Some(value) => values.push(value),
                None => {
                    self.reject(
                        &format!("{name}.{index}"),
                        "ongeldig",
                        format!("Onbekende waarde; toegestaan: {allowed}."),
                    );
                    ok = false;
                }
            }
        }
        ok.then_some(values)
    }

    /// Een veld dat ook `null` mag zijn: `None` als het ontbreekt, `Some(None)` bij
    /// `null`, anders wat `read` ervan maakt (`None` bij een fout, die dan al gemeld is).
    pub fn nullable<T>(
        &mut self,
        name: &str,
        read: impl FnOnce(&mut Self) -> Option<T>,
    ) -> Option<Option<T>> {
        match self.fields.get(name) {
            None => None,
            Some(Value::Null) => Some(None),
            Some(_) => read(self).map(Some),
        }
    }

    /// Een geheel getal van `min` tot en met `max`.
    pub fn integer(&mut self, name: &str, required: bool, min: i64, max: i64) -> Option<i64> {
        match self.fields.get(name) {
            None | Some(Value::Null) if required => {
                self.missing(name);
                None
            }
            None | Some(Value::Null) => None,
            Some(value) => match value.as_i64().filter(|n| (min..=max).contains(n)) {
                Some(n) => Some(n),
                None => {
                    self.reject(
                        name,
                        "ongeldig",
                        format!("Verwacht een geheel getal van {min} tot en met {max}."),
                    );
                    None
                }
            },
        }
    }

    /// Een getal dat `valid` goedkeurt; anders een fout met `reason`.
    pub fn number(&mut self, name: &str, valid: impl Fn(f64) -> bool, reason: &str) -> Option<f64> {
        match self.fields.get(name) {
            None | Some(Value::Null) => None,
            Some(value) => match value.as_f64().filter(|n| valid(*n)) {
                Some(n) => Some(n),
                None => {
                    self.reject(name, "ongeldig", reason);
                    None
                }
            },
        }
    }

    /// Een datum (`YYYY-MM-DD`).
    pub fn date(&mut self, name: &str, required: bool) -> Option<chrono::NaiveDate> {
        let text = self.string(name, required, 1, 32)?;
        match chrono::NaiveDate::parse_from_str(&text, "%Y-%m-%d") {
            Ok(date) => Some(date),
            Err(_) => {
                self.reject(name, "ongeldig", "Verwacht een datum als JJJJ-MM-DD.");
                None
            }
        }
    }

    /// Een UUID.
    pub fn uuid(&mut self, name: &str, required: bool) -> Option<uuid::Uuid> {
        let text = self.string(name, required, 1, 64)?;
        match uuid::Uuid::parse_str(&text) {
            Ok(id) => Some(id),
            Err(_) => {
                self.reject(name, "ongeldig", "Verwacht een UUID.");
                None
            }
        }
    }

    /// Eén waarde uit een vaste set.
    pub fn enum_value<T>(
        &mut self,
        name: &str,
        required: bool,
        parse: impl Fn(&str) -> Option<T>,
        allowed: &str,
    ) -> Option<T> {
        let text = match self.fields.get(name) {
            Some(Value::String(s)) => s.clone(),
            None | Some(Value::Null) if required => {
                self.missing(name);
                return None;
            }
            None | Some(Value::Null) => return None,
            Some(_) => String::new(),
        };
        let value = parse(&text);
        if value.is_none() {
            self.reject(name, "ongeldig", format!("Toegestaan: {allowed}."));
        }
        value
    }

    /// Een genest object als eigen [`Body`]; lees het uit en geef het terug met
    /// [`Body::absorb`].
    pub fn object(&mut self, name: &str) -> Option<Body> {
        match self.fields.get(name) {
            Some(Value::Object(fields)) => Some(Body {
                fields: fields.clone(),
                errors: Vec::new(),
            }),
            None | Some(Value::Null) => None,
            Some(_) => {
                self.reject(name, "ongeldig", "Verwacht een object.");
                None
            }
        }
    }

    /// Neemt de fouten van een genest object over als `name.veld`, met de onbekende
    /// velden erbij. Geeft `true` als het geneste object in orde was.
    pub fn absorb(&mut self, name: &str, child: Body, allowed: &[&str]) -> bool {
        match child.finish(allowed) {
            Ok(()) => true,
            Err(ApiError::Validation(errors)) => {
                for error in errors {
                    self.errors.push(InvalidParam::new(
                        format!("{name}.{}", error.name),
                        &error.code,
                        error.reason,
                    ));
                }
                false
            }
            Err(_) => false,
        }
    }

    /// Weigert een veld dat de aanroeper niet mag zetten of wijzigen.
    pub fn forbid(&mut self, name: &str, reason: &str) {
        if self.has(name) {
            self.reject(name, "niet_toegestaan", reason);
        }
    }

    /// Klaar: elk veld buiten `allowed` is onbekend; alle fouten samen geven 400.
    pub fn finish(mut self, allowed: &[&str]) -> ApiResult<()> {
        let unknown: Vec<String> = self
            .fields
            .keys()
            .filter(|k| !allowed.contains(&k.as_str()))
            .filter(|k| !self.errors.iter().any(|e| &e.name == *k))
            .cloned()
            .collect();
        for name in unknown {
            self.reject(
                &name,
                "onbekend",
                "Dit veld bestaat niet (of mag hier niet worden gezet).",
            );
        }
        if self.errors.is_empty() {
            Ok(())
        } else {
            self.errors.sort_by(|a, b| a.name.cmp(&b.name));
            Err(ApiError::Validation(self.errors))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn every_error_is_reported_at_once() {
        let mut body = Body::parse(
            json!({"naam": 3, "rollen": ["x", "coordinator", "coordinator"], "extra": 1}),
        )
        .expect("object");
        assert_eq!(body.string("naam", true, 1, 10), None);
        assert_eq!(body.string("ontbreekt", true, 1, 10), None);
        let parse = |s: &str| (s == "coordinator").then_some(1);
        assert_eq!(body.enum_list("rollen", true, parse, "coordinator"), None);
        let Err(ApiError::Validation(errors)) = body.finish(&["naam", "rollen", "ontbreekt"])
        else {
            panic!("verwacht een validatiefout");
        };
        let names: Vec<_> = errors
            .iter()
            .map(|e| (e.name.as_str(), e.code.as_str()))
            .collect();
        assert_eq!(
            names,
            vec![
                ("extra", "onbekend"),
                ("naam", "ongeldig"),
                ("ontbreekt", "verplicht"),
                ("rollen.0", "ongeldig"),
                ("rollen.2", "dubbel"),
            ]
        );
    }

    #[test]
    fn lengths_are_counted_in_characters() {
        let mut body = Body::parse(json!({"a": "ééé", "b": "x"})).expect("object");
        assert_eq!(body.string("a", true, 1, 3), Some("ééé".into()));
        assert_eq!(body.string("b", true, 2, 3), None);
        assert!(!body.is_valid());
    }
}
