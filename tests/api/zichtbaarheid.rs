//! Een klasse per veld (issue 30): elk tekstveld van het document heeft
//! `x-zichtbaarheid`, `docs/privacy.md` noemt elk met klasse, extra lezers en reden.

use serde_json::Value;

/// Het vastgelegde document.
pub fn document() -> Value {
    let pad = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("openapi/openapi.json");
    serde_json::from_str(&std::fs::read_to_string(pad).expect("openapi.json")).expect("json")
}

/// Is dit schema een string (ook nullable) zonder `enum` of `format`?
pub fn is_losse_tekst(schema: &Value) -> bool {
    is_soort(schema, "string") && schema.get("enum").is_none() && schema.get("format").is_none()
}

/// Is `schema` van type `soort` (ook als een van meer typen)?
pub fn is_soort(schema: &Value, soort: &str) -> bool {
    let t = &schema["type"];
    t == soort || t.as_array().is_some_and(|a| a.contains(&soort.into()))
}

/// Is dit schema vrije tekst: een string (of lijst van strings) zonder `enum` of
/// `format`?
fn is_tekst(schema: &Value) -> bool {
    is_losse_tekst(schema)
        || (is_soort(schema, "array") && is_tekst(&schema["items"]))
        || ["oneOf", "anyOf"]
            .iter()
            .any(|k| schema[k].as_array().into_iter().flatten().any(is_tekst))
}

/// Elke property van elk schema die vrije tekst is: (schema, property, definitie).
pub fn tekstvelden(doc: &Value) -> Vec<(String, String, Value)> {
    let mut velden = Vec::new();
    for (naam, schema) in doc["components"]["schemas"].as_object().expect("schemas") {
        let delen = std::iter::once(schema).chain(schema["allOf"].as_array().into_iter().flatten());
        for (property, definitie) in delen.flat_map(|d| d["properties"].as_object()).flatten() {
            if is_tekst(definitie) {
                velden.push((naam.clone(), property.clone(), definitie.clone()));
            }
        }
    }
    velden
}

#[test]
fn elk_tekstveld_heeft_een_klasse() {
    let doc = document();
    let velden = tekstvelden(&doc);
    assert!(velden.len() > 200, "{}", velden.len());
    let zonder: Vec<String> = velden
        .iter()
        .filter(|(_, _, d)| d["x-zichtbaarheid"].as_str().is_none())
        .map(|(s, p, _)| format!("{s}.{p}"))
        .collect();
    assert!(
        zonder.is_empty(),
        "zonder x-zichtbaarheid (zet ze in de tabel `velden` van de module): {zonder:?}"
    );
    for (s, p, d) in &velden {
        assert!(
            ["openbaar", "gemeente", "naam", "persoonsgegevens"]
                .contains(&d["x-zichtbaarheid"].as_str().unwrap_or_default()),
            "{s}.{p}: {}",
            d["x-zichtbaarheid"]
        );
    }
}

/// Een veld dat niet iedereen ziet, is in een antwoord niet verplicht: wie het niet
/// ziet, krijgt het niet.
#[test]
fn een_beperkt_veld_is_nooit_verplicht_in_een_antwoord() {
    let doc = document();
    for naam in [
        "Bijeenkomst",
        "Melding",
        "Opvolging",
        "Aanvraag",
        "Initiatief",
        "Sleutelpersoon",
    ] {
        let schema = &doc["components"]["schemas"][naam];
        for verplicht in schema["required"].as_array().into_iter().flatten() {
            let p = verplicht.as_str().unwrap_or_default();
            let klasse = schema["properties"][p]["x-zichtbaarheid"]
                .as_str()
                .unwrap_or("openbaar");
            assert_eq!(klasse, "openbaar", "{naam}.{p} is verplicht maar {klasse}");
        }
    }
}

/// De tabel in `docs/privacy.md` is die van het document:
/// `WEEFSEL_UPDATE_OPENAPI=1 cargo test --test api zichtbaarheid` schrijft hem opnieuw.
#[test]
fn docs_privacy_noemt_elk_tekstveld() {
    let doc = document();
    let mut tabel =
        String::from("| Schema | Veld | Klasse | Ook | Waarom |\n|---|---|---|---|---|\n");
    for (s, p, d) in tekstvelden(&doc) {
        let ook: Vec<&str> = d["x-zichtbaarheid-ook"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .collect();
        let reden = reden(&s, &p);
        tabel.push_str(&format!(
            "| {s} | `{p}` | {} | {} | {reden} |\n",
            d["x-zichtbaarheid"].as_str().unwrap_or("?"),
            ook.join(", ")
        ));
    }
    let pad = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/privacy.md");
    let tekst = std::fs::read_to_string(&pad).expect("docs/privacy.md");
    let (begin, eind) = ("<!-- velden:begin -->\n", "<!-- velden:eind -->");
    let (Some(b), Some(e)) = (tekst.find(begin), tekst.find(eind)) else {
        panic!("docs/privacy.md mist de markeringen {begin:?} en {eind:?}");
    };
    let nieuw = format!("{}{begin}{tabel}{}", &tekst[..b], &tekst[e..]);
    if std::env::var_os("WEEFSEL_UPDATE_OPENAPI").is_some() {
        std::fs::write(&pad, nieuw).expect("docs/privacy.md schrijven");
        return;
    }
    assert!(
        tekst == nieuw,
        "de tabel in docs/privacy.md wijkt af van het document; werk hem bij met \
         `WEEFSEL_UPDATE_OPENAPI=1 cargo test --test api zichtbaarheid`"
    );
}

/// De reden van een veld, uit de tabellen van de dienst.
fn reden(schema: &str, veld: &str) -> String {
    weefsel_api::modules::ALLE
        .iter()
        .flat_map(|m| m.velden)
        .chain(weefsel_api::auth::zichtbaarheid::filter::GEDEELD)
        .filter(|t| t.schemas.contains(&schema))
        .flat_map(|t| t.velden)
        .find(|v| v.naam == veld)
        .map(|v| v.reden.replace('|', "\\|"))
        .unwrap_or_default()
}
