//! Het OpenAPI-document: vastgelegd, gelijk aan de code, en volledig.

use std::collections::HashSet;

use serde_json::Value;

use crate::helpers::{header, spawn_app};

fn committed_path() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("openapi/openapi.json")
}

/// Faalt als `openapi/openapi.json` niet is wat de code maakt.
/// `WEEFSEL_UPDATE_OPENAPI=1 cargo test --test api openapi` schrijft het opnieuw.
#[test]
fn committed_document_matches_the_code() {
    let generated = weefsel_api::modules::document_json();
    if std::env::var_os("WEEFSEL_UPDATE_OPENAPI").is_some() {
        std::fs::write(committed_path(), &generated).expect("openapi.json schrijven");
        return;
    }
    let committed = std::fs::read_to_string(committed_path()).unwrap_or_default();
    assert!(
        committed == generated,
        "openapi/openapi.json wijkt af van de code; werk het bij met \
         `WEEFSEL_UPDATE_OPENAPI=1 cargo test --test api openapi` en leg het vast"
    );
}

fn document() -> Value {
    serde_json::from_str(&weefsel_api::modules::document_json()).expect("geldige JSON")
}

fn operations(doc: &Value) -> Vec<(String, String, Value)> {
    let mut ops = Vec::new();
    for (path, item) in doc["paths"].as_object().expect("paths") {
        for (method, op) in item.as_object().expect("path item") {
            if ["get", "post", "put", "patch", "delete"].contains(&method.as_str()) {
                ops.push((method.clone(), path.clone(), op.clone()));
            }
        }
    }
    ops
}

fn refs(value: &Value, found: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                if k == "$ref" {
                    found.extend(v.as_str().map(str::to_owned));
                }
                refs(v, found);
            }
        }
        Value::Array(items) => items.iter().for_each(|v| refs(v, found)),
        _ => {}
    }
}

#[test]
fn document_is_openapi_31_with_dutch_info_contact_and_security_schemes() {
    let doc = document();
    assert_eq!(doc["openapi"], "3.1.0");
    assert_eq!(doc["info"]["version"], "1.2.0");
    assert!(doc["info"]["contact"]["email"].as_str().is_some());
    assert!(
        doc["info"]["description"]
            .as_str()
            .unwrap_or_default()
            .contains("gemeenten")
    );
    // Het token-endpoint als OAuth 2.0-flows, zodat "Authorize" in Swagger UI inlogt.
    let flows = &doc["components"]["securitySchemes"]["bearer"]["flows"];
    assert_eq!(flows["password"]["tokenUrl"], "/api/v1/auth/token");
    assert_eq!(flows["clientCredentials"]["tokenUrl"], "/api/v1/auth/token");
    // De paden zijn relatief aan één relatieve server-URL met de hoofdversie.
    assert_eq!(doc["servers"][0]["url"], "/api/v1");
    assert!(doc["info"]["contact"]["url"].as_str().is_some());
    let mut found = Vec::new();
    refs(&doc, &mut found);
    assert!(!found.is_empty());
    for reference in found {
        let pointer = reference.trim_start_matches('#');
        assert!(
            doc.pointer(pointer).is_some(),
            "{reference} bestaat niet in het document"
        );
    }
}

#[test]
fn every_operation_documents_every_status_it_can_return() {
    let doc = document();
    let mut ids = HashSet::new();
    for (method, path, op) in operations(&doc) {
        let name = format!("{method} {path}");
        let id = op["operationId"].as_str().unwrap_or_default();
        assert!(
            ids.insert(id.to_owned()) && !id.is_empty(),
            "{name}: operationId '{id}' ontbreekt of is dubbel"
        );
        assert!(
            op["summary"].as_str().is_some_and(|s| !s.is_empty()),
            "{name}: summary"
        );
        assert!(
            op["tags"].as_array().is_some_and(|t| !t.is_empty()),
            "{name}: tags"
        );
        let responses = op["responses"].as_object().expect("responses");
        for status in ["400", "413", "500"] {
            assert!(responses.contains_key(status), "{name}: {status} ontbreekt");
        }
        if path.contains('{') {
            assert!(
                responses.contains_key("404"),
                "{name}: 404 ontbreekt bij een pad met id"
            );
        }
        for (status, response) in responses {
            for h in ["API-Version", "X-Request-Id"] {
                assert!(
                    response["headers"].get(h).is_some(),
                    "{name} {status}: header {h}"
                );
            }
            let content = &response["content"];
            if status.starts_with('4') || status.starts_with('5') {
                assert_eq!(
                    content["application/problem+json"]["schema"]["$ref"],
                    "#/components/schemas/Problem",
                    "{name} {status}: geen problem+json"
                );
            } else if status != "204" {
                assert!(
                    content
                        .as_object()
                        .is_some_and(|c| c.values().all(|m| m.get("schema").is_some())),
                    "{name} {status}: geen schema"
                );
            }
        }
    }
}

#[tokio::test]
async fn document_is_served_without_authentication_with_open_cors() {
    let app = spawn_app().await;
    let response = app.get("/api/v1/openapi.json").await;
    assert_eq!(response.status(), 200);
    assert_eq!(
        header(response.headers(), "access-control-allow-origin"),
        "*"
    );
    assert_eq!(
        header(response.headers(), "content-type"),
        "application/json"
    );
    let served: Value = response.json().await.expect("json");
    assert_eq!(served, document());
}

/// De eigenschappen van een schema, ook uit de delen van een `allOf` (een
/// `#[serde(flatten)]`).
fn eigenschappen(doc: &Value, schema: &Value) -> serde_json::Map<String, Value> {
    let mut uit = schema["properties"]
        .as_object()
        .cloned()
        .unwrap_or_default();
    for deel in schema["allOf"].as_array().into_iter().flatten() {
        let deel = match deel["$ref"].as_str() {
            Some(r) => &doc["components"]["schemas"][r.trim_start_matches("#/components/schemas/")],
            None => deel,
        };
        uit.extend(eigenschappen(doc, deel));
    }
    uit
}

/// Eén naam voor tijdstempels (issue 38, punt 4): elke resource die een `GET
/// /…/{id}` heeft, toont `aangemaaktOp`; `createdAt` en `updatedAt` staan er alleen
/// nog naast, als `deprecated: true`, met hun opvolger erbij.
#[test]
fn every_resource_names_its_timestamps_aangemaakt_op_and_gewijzigd_op() {
    let doc = document();
    let schemas = doc["components"]["schemas"].as_object().expect("schemas");
    let mut zonder = Vec::new();
    for (pad, item) in doc["paths"].as_object().expect("paths") {
        if !pad.ends_with("{id}") {
            continue;
        }
        let Some(r) =
            item["get"]["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
                .as_str()
        else {
            continue;
        };
        let naam = r.trim_start_matches("#/components/schemas/");
        let velden = eigenschappen(&doc, &schemas[naam]);
        if !velden.contains_key("aangemaaktOp") {
            zonder.push(naam.to_owned());
        }
    }
    assert!(zonder.is_empty(), "zonder aangemaaktOp: {zonder:?}");
    for (naam, schema) in schemas {
        let velden = eigenschappen(&doc, schema);
        for (oud, nieuw) in [("createdAt", "aangemaaktOp"), ("updatedAt", "gewijzigdOp")] {
            if let Some(veld) = velden.get(oud) {
                assert_eq!(veld["deprecated"], true, "{naam}.{oud}");
                assert!(velden.contains_key(nieuw), "{naam}: {oud} zonder {nieuw}");
            }
        }
    }
}

/// Een uitgefaseerd veld is geen uitgefaseerde resource: geen `Deprecation`-header (RFC
/// 9745 gaat over de resource), ook niet bij een antwoord met `createdAt`.
#[tokio::test]
async fn a_deprecated_field_sends_no_deprecation_header() {
    let app = spawn_app().await;
    let token = app.token_for("oss.coordinator").await;
    let response = app.get_as("/api/v1/initiatieven", &token).await;
    assert_eq!(response.status(), 200);
    assert!(response.headers().get("deprecation").is_none());
    assert!(response.headers().get("sunset").is_none());
    let body: Value = response.json().await.expect("json");
    let eerste = &body["resultaten"][0];
    assert_eq!(eerste["aangemaaktOp"], eerste["createdAt"], "{eerste}");
    assert_eq!(eerste["gewijzigdOp"], eerste["updatedAt"], "{eerste}");
}
