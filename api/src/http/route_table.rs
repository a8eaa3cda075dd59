//! De routes van de API zoals het OpenAPI-document ze beschrijft.
//!
//! Het document is de enige bron: wat het niet noemt bestaat niet. Daarmee
//! - krijgt een bestaand pad met een andere methode een 405 met `Allow`;
//! - wordt elke queryparameter gecontroleerd tegen zijn gedocumenteerde schema:
//!   onbekende, dubbele en ongeldige parameters komen allemaal tegelijk terug in
//!   `invalidParams`, zodat een tikfout van een integrator meteen opvalt.

use crate::http::problem::Foutcode;
use std::collections::HashSet;

use actix_web::http::Method;
use serde_json::Value;

use crate::http::problem::InvalidParam;

/// Hoe een queryparameter gecontroleerd wordt, afgeleid uit zijn schema.
#[derive(Debug, Clone)]
enum Rule {
    Integer {
        min: Option<i64>,
        max: Option<i64>,
    },
    Number,
    Boolean,
    Enum(Vec<String>),
    Uuid,
    Date,
    /// Een tijdstip volgens RFC 3339 (`format: date-time`).
    Tijdstip,
    Text {
        max_length: Option<usize>,
        pattern: Option<regex::Regex>,
    },
    /// Een door komma's gescheiden lijst (`style: form, explode: false`).
    List(Box<Rule>),
}

#[derive(Debug, Clone)]
struct QueryParam {
    name: String,
    required: bool,
    rule: Rule,
}

#[derive(Debug, Clone)]
struct Operation {
    method: Method,
    query: Vec<QueryParam>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Segment {
    Literal(String),
    Variable,
}

#[derive(Debug, Clone)]
struct Route {
    segments: Vec<Segment>,
    operations: Vec<Operation>,
}

/// Alle routes uit het document.
#[derive(Debug, Clone, Default)]
pub struct RouteTable {
    routes: Vec<Route>,
}

/// Wat de tabel van een verzoek vindt.
pub enum Lookup<'a> {
    /// Pad en methode bestaan.
    Found(RouteOperation<'a>),
    /// Het pad bestaat, de methode niet: dit zijn de toegestane methoden.
    MethodNotAllowed(Vec<Method>),
    /// Het pad bestaat niet.
    NotFound,
}

/// Een gevonden operatie.
pub struct RouteOperation<'a> {
    operation: &'a Operation,
}

impl RouteTable {
    /// Leest de routes uit een OpenAPI-document (als JSON).
    pub fn from_openapi(doc: &Value) -> Self {
        let mut routes = Vec::new();
        let Some(paths) = doc.get("paths").and_then(Value::as_object) else {
            return Self { routes };
        };
        // De paden zijn relatief aan de (relatieve) server-URL, bv. `/api/v1`.
        let base = doc
            .pointer("/servers/0/url")
            .and_then(Value::as_str)
            .unwrap_or("")
            .trim_end_matches('/');
        for (path, item) in paths {
            let full = format!("{base}{path}");
            let segments = full
                .trim_start_matches('/')
                .split('/')
                .map(|s| {
                    if s.starts_with('{') && s.ends_with('}') {
                        Segment::Variable
                    } else {
                        Segment::Literal(s.to_owned())
                    }
                })
                .collect();
            let mut operations = Vec::new();
            let shared = item.get("parameters");
            for (name, op) in item.as_object().into_iter().flatten() {
                let Ok(method) = Method::from_bytes(name.to_ascii_uppercase().as_bytes()) else {
                    continue;
                };
                if !matches!(
                    method,
                    Method::GET | Method::POST | Method::PUT | Method::PATCH | Method::DELETE
                ) {
                    continue;
                }
                let query = shared
                    .into_iter()
                    .chain(op.get("parameters"))
                    .filter_map(Value::as_array)
                    .flatten()
                    .filter_map(|p| resolve(doc, p))
                    .filter(|p| p.get("in").and_then(Value::as_str) == Some("query"))
                    .filter_map(|p| {
                        Some(QueryParam {
                            name: p.get("name")?.as_str()?.to_owned(),
                            required: p.get("required").and_then(Value::as_bool).unwrap_or(false),
                            rule: rule_for(doc, p.get("schema")?),
                        })
                    })
                    .collect();
                operations.push(Operation { method, query });
            }
            routes.push(Route {
                segments,
                operations,
            });
        }
        // Letterlijke segmenten gaan voor variabelen (`/gebruikers/mij` voor `/gebruikers/{id}`).
        routes.sort_by_key(|r| {
            r.segments
                .iter()
                .map(|s| matches!(s, Segment::Variable))
                .collect::<Vec<_>>()
        });
        Self { routes }
    }

    /// Voegt een route toe die niet in het document staat (de gezondheid).
    pub fn with_route(mut self, path: &str, methods: &[Method]) -> Self {
        self.routes.push(Route {
            segments: path
                .trim_start_matches('/')
                .split('/')
                .map(|s| Segment::Literal(s.to_owned()))
                .collect(),
            operations: methods
                .iter()
                .map(|method| Operation {
                    method: method.clone(),
                    query: Vec::new(),
                })
                .collect(),
        });
        self
    }

    /// Zoekt pad en methode op.
    pub fn lookup(&self, method: &Method, path: &str) -> Lookup<'_> {
        let parts: Vec<&str> = path.trim_start_matches('/').split('/').collect();
        let mut allowed: Vec<Method> = Vec::new();
        for route in &self.routes {
            if route.segments.len() != parts.len()
                || !route.segments.iter().zip(&parts).all(|(s, p)| match s {
                    Segment::Literal(l) => l == p,
                    Segment::Variable => !p.is_empty(),
                })
            {
                continue;
            }
            if let Some(operation) = route.operations.iter().find(|o| o.method == *method) {
                return Lookup::Found(RouteOperation { operation });
            }
            allowed.extend(route.operations.iter().map(|o| o.method.clone()));
            // Een pad met alleen letterlijke segmenten (`/gebruikers/mij`) is van
            // zichzelf; het valt niet terug op `/gebruikers/{id}`.
            if route
                .segments
                .iter()
                .all(|s| matches!(s, Segment::Literal(_)))
            {
                break;
            }
        }
        if allowed.is_empty() {
            Lookup::NotFound
        } else {
            allowed.sort_by_key(method_order);
            allowed.dedup();
            Lookup::MethodNotAllowed(allowed)
        }
    }
}

impl RouteOperation<'_> {
    /// Controleert een query string tegen de gedocumenteerde parameters en geeft
    /// alle problemen tegelijk terug.
    pub fn check_query(&self, query_string: &str) -> Result<(), Vec<InvalidParam>> {
        let pairs: Vec<(String, String)> = match serde_urlencoded::from_str(query_string) {
            Ok(pairs) => pairs,
            Err(_) => {
                return Err(vec![InvalidParam::new(
                    "query",
                    Foutcode::Ongeldig,
                    "De query string is niet te lezen als application/x-www-form-urlencoded.",
                )]);
            }
        };
        let params = &self.operation.query;
        let mut invalid = Vec::new();
        let mut seen = HashSet::new();
        for (name, value) in &pairs {
            let Some(param) = params.iter().find(|p| &p.name == name) else {
                let allowed = if params.is_empty() {
                    "deze operatie kent geen queryparameters".to_owned()
                } else {
                    format!(
                        "toegestaan: {}",
                        params
                            .iter()
                            .map(|p| p.name.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    )
                };
                invalid.push(InvalidParam::new(
                    shorten(name),
                    Foutcode::Onbekend,
                    format!("Onbekende parameter; {allowed}."),
                ));
                continue;
            };
            if !seen.insert(name.as_str()) {
                invalid.push(InvalidParam::new(
                    name.as_str(),
                    Foutcode::Dubbel,
                    "Deze parameter mag maar één keer voorkomen.",
                ));
                continue;
            }
            if !param.rule.accepts(value) {
                invalid.push(InvalidParam::new(
                    name.as_str(),
                    Foutcode::Ongeldig,
                    format!("Verwacht {}.", param.rule.describe()),
                ));
            }
        }
        for param in params.iter().filter(|p| p.required) {
            if !pairs.iter().any(|(k, _)| k == &param.name) {
                invalid.push(InvalidParam::new(
                    param.name.as_str(),
                    Foutcode::Verplicht,
                    "Deze parameter is verplicht.",
                ));
            }
        }
        if invalid.is_empty() {
            Ok(())
        } else {
            Err(invalid)
        }
    }
}

fn method_order(m: &Method) -> usize {
    [
        Method::GET,
        Method::POST,
        Method::PUT,
        Method::PATCH,
        Method::DELETE,
    ]
    .iter()
    .position(|x| x == m)
    .unwrap_or(usize::MAX)
}

fn shorten(name: &str) -> String {
    name.chars().take(100).collect()
}

/// Volgt een `$ref` naar `#/components/...`.
fn resolve<'a>(doc: &'a Value, value: &'a Value) -> Option<&'a Value> {
    match value.get("$ref").and_then(Value::as_str) {
        Some(reference) => {
            let pointer = reference.strip_prefix('#')?;
            resolve(doc, doc.pointer(pointer)?)
        }
        None => Some(value),
    }
}

fn rule_for(doc: &Value, schema: &Value) -> Rule {
    let Some(schema) = resolve(doc, schema) else {
        return Rule::Text {
            max_length: None,
            pattern: None,
        };
    };
    // `Option<T>` verschijnt als oneOf/anyOf met null; de niet-null-variant telt.
    for key in ["oneOf", "anyOf"] {
        if let Some(v) = schema
            .get(key)
            .and_then(Value::as_array)
            .and_then(|variants| {
                variants
                    .iter()
                    .find(|v| v.get("type").and_then(Value::as_str) != Some("null"))
            })
        {
            return rule_for(doc, v);
        }
    }
    if let Some(values) = schema.get("enum").and_then(Value::as_array) {
        return Rule::Enum(
            values
                .iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect(),
        );
    }
    let ty = match schema.get("type") {
        Some(Value::String(t)) => t.as_str(),
        Some(Value::Array(ts)) => ts
            .iter()
            .filter_map(Value::as_str)
            .find(|t| *t != "null")
            .unwrap_or("string"),
        _ => "string",
    };
    let int = |k: &str| schema.get(k).and_then(Value::as_i64);
    match ty {
        "integer" => Rule::Integer {
            min: int("minimum"),
            max: int("maximum"),
        },
        "number" => Rule::Number,
        "boolean" => Rule::Boolean,
        "array" => {
            let items = schema
                .get("items")
                .map(|i| rule_for(doc, i))
                .unwrap_or(Rule::Text {
                    max_length: None,
                    pattern: None,
                });
            Rule::List(Box::new(items))
        }
        _ => match schema.get("format").and_then(Value::as_str) {
            Some("uuid") => Rule::Uuid,
            Some("date") => Rule::Date,
            Some("date-time") => Rule::Tijdstip,
            _ => Rule::Text {
                max_length: schema
                    .get("maxLength")
                    .and_then(Value::as_u64)
                    .and_then(|n| usize::try_from(n).ok()),
                pattern: schema
                    .get("pattern")
                    .and_then(Value::as_str)
                    .and_then(|p| regex::Regex::new(p).ok()),
            },
        },
    }
}

impl Rule {
    fn accepts(&self, value: &str) -> bool {
        match self {
            Rule::Integer { min, max } => value
                .parse::<i64>()
                .is_ok_and(|n| min.is_none_or(|m| n >= m) && max.is_none_or(|m| n <= m)),
            Rule::Number => value.parse::<f64>().is_ok_and(f64::is_finite),
            Rule::Boolean => value == "true" || value == "false",
            Rule::Enum(values) => values.iter().any(|v| v == value),
            Rule::Uuid => uuid::Uuid::try_parse(value).is_ok(),
            Rule::Date => crate::http::invoer::strikte_datum(value).is_some(),
            Rule::Tijdstip => chrono::DateTime::parse_from_rfc3339(value).is_ok(),
            Rule::Text {
                max_length,
                pattern,
            } => {
                // Stuurtekens (ook NUL) weigert het patroon dat het document bij elke
                // tekst zet (`EEN_REGEL`).
                !value.is_empty()
                    && max_length.is_none_or(|m| value.chars().count() <= m)
                    && pattern.as_ref().is_none_or(|p| p.is_match(value))
            }
            Rule::List(item) => {
                let items: Vec<&str> = value.split(',').collect();
                let unique: HashSet<&str> = items.iter().copied().collect();
                unique.len() == items.len() && items.iter().all(|i| item.accepts(i))
            }
        }
    }

    fn describe(&self) -> String {
        match self {
            Rule::Integer { min, max } => match (min, max) {
                (Some(a), Some(b)) => format!("een geheel getal van {a} tot en met {b}"),
                (Some(a), None) => format!("een geheel getal vanaf {a}"),
                (None, Some(b)) => format!("een geheel getal tot en met {b}"),
                (None, None) => "een geheel getal".to_owned(),
            },
            Rule::Number => "een getal".to_owned(),
            Rule::Boolean => "true of false".to_owned(),
            Rule::Enum(values) => format!("een van: {}", values.join(", ")),
            Rule::Uuid => "een UUID".to_owned(),
            Rule::Date => "een datum als JJJJ-MM-DD van 1900 tot en met 2100".to_owned(),
            Rule::Tijdstip => "een tijdstip volgens RFC 3339, bv. 2026-12-01T00:00:00Z".to_owned(),
            Rule::Text {
                pattern: Some(p), ..
            } => format!("een tekst volgens het patroon {}", p.as_str()),
            Rule::Text {
                max_length: Some(m),
                ..
            } => format!("een niet-lege tekst van hoogstens {m} tekens"),
            Rule::Text { .. } => "een niet-lege tekst".to_owned(),
            Rule::List(item) => format!(
                "een door komma's gescheiden lijst zonder herhalingen, elk {}",
                item.describe()
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn table() -> RouteTable {
        RouteTable::from_openapi(&json!({
            "paths": {
                "/api/v1/dingen": {
                    "get": {"parameters": [
                        {"name": "pagina", "in": "query", "schema": {"type": ["integer", "null"], "minimum": 1}},
                        {"name": "sorteer", "in": "query", "schema": {"type": "array", "items": {"$ref": "#/components/schemas/S"}}},
                        {"name": "van", "in": "query", "required": true, "schema": {"type": "string", "format": "date"}}
                    ]},
                    "post": {}
                },
                "/api/v1/dingen/{id}": {"get": {}, "delete": {}},
                "/api/v1/dingen/mij": {"get": {}}
            },
            "components": {"schemas": {"S": {"type": "string", "enum": ["naam", "-naam"]}}}
        }))
    }

    fn check(
        table: &RouteTable,
        method: Method,
        path: &str,
        query: &str,
    ) -> Result<(), Vec<InvalidParam>> {
        match table.lookup(&method, path) {
            Lookup::Found(op) => op.check_query(query),
            _ => panic!("{path} niet gevonden"),
        }
    }

    #[test]
    fn method_not_allowed_lists_methods_in_order() {
        let t = table();
        match t.lookup(&Method::PUT, "/api/v1/dingen/123") {
            Lookup::MethodNotAllowed(m) => assert_eq!(m, vec![Method::GET, Method::DELETE]),
            _ => panic!("expected 405"),
        }
        assert!(matches!(
            t.lookup(&Method::GET, "/api/v1/dingen/"),
            Lookup::NotFound
        ));
        assert!(matches!(
            t.lookup(&Method::GET, "/api/v1/onbekend"),
            Lookup::NotFound
        ));
    }

    #[test]
    fn every_invalid_param_is_listed() {
        let t = table();
        let err = check(
            &t,
            Method::GET,
            "/api/v1/dingen",
            "pagina=0&sorteer=naam,naam&x=1&van=2026-13-01",
        )
        .unwrap_err();
        let names: Vec<_> = err
            .iter()
            .map(|p| (p.name.as_str(), p.code.as_str()))
            .collect();
        assert_eq!(
            names,
            vec![
                ("pagina", "ongeldig"),
                ("sorteer", "ongeldig"),
                ("x", "onbekend"),
                ("van", "ongeldig")
            ]
        );
        let err = check(&t, Method::GET, "/api/v1/dingen", "pagina=1&pagina=2").unwrap_err();
        assert_eq!(err.len(), 2, "{err:?}"); // dubbel + verplicht `van`
        assert!(
            check(
                &t,
                Method::GET,
                "/api/v1/dingen",
                "pagina=2&sorteer=-naam&van=2026-01-31"
            )
            .is_ok()
        );
        assert!(check(&t, Method::GET, "/api/v1/dingen/mij", "").is_ok());
        assert_eq!(
            check(&t, Method::GET, "/api/v1/dingen/mij", "a=1").unwrap_err()[0]
                .code
                .as_str(),
            "onbekend"
        );
    }
}
