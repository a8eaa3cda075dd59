//! De klassen van velden in het document en in elk antwoord (issue 30).
//!
//! - [`annoteer`] zet de klasse uit de tabellen `velden` van de modules (en
//!   [`GEDEELD`] voor de gedeelde schema's) als `x-zichtbaarheid` bij elke property;
//!   een veld dat niet iedereen ziet, is in een antwoord niet verplicht.
//! - [`filter`] laat uit elk JSON-antwoord de velden weg die de aanroeper niet ziet,
//!   aan de hand van het schema van het antwoord in het document: het document zegt
//!   wat de dienst doet, omdat de dienst het document volgt. Een module kan een veld
//!   daarnaast zelf weglaten (een sleutelpersoon met verhoogd risico); een veld
//!   tonen dat haar klasse verbiedt, kan ze niet.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::{Method, header};
use actix_web::middleware::Next;
use actix_web::{Error, HttpMessage, web};
use serde_json::Value;

use super::{Klasse, Lezer, Veld, Velden};
use crate::auth::Rol;

/// De schema's die geen module bezit: fouten, paginering, het token.
pub const GEDEELD: &[Velden] = &[
    Velden {
        schemas: &["Problem"],
        velden: &[
            Veld::openbaar("type", "Een vaste URN van de dienst."),
            Veld::openbaar("title", "Een vaste tekst van de dienst."),
            Veld::openbaar(
                "detail",
                "Tekst van de dienst; herhaalt nooit vrije tekst uit een verzoek.",
            ),
            Veld::openbaar(
                "instance",
                "Het pad van het verzoek: alleen ids, geen namen.",
            ),
            Veld::openbaar("requestId", "Het id dat de dienst aan het verzoek gaf."),
            Veld::openbaar("error", "Een OAuth-foutcode."),
            Veld::openbaar("error_description", "Tekst van de dienst."),
        ],
    },
    Velden {
        schemas: &["InvalidParam"],
        velden: &[
            Veld::openbaar("name", "De naam van een veld uit het document."),
            Veld::openbaar("code", "Een vaste code."),
            Veld::openbaar(
                "reason",
                "Tekst van de dienst; herhaalt nooit de ingevoerde waarde.",
            ),
        ],
    },
    Velden {
        schemas: &["Link"],
        velden: &[Veld::openbaar(
            "href",
            "Een pad met ids en paginering; persoonsgegevens staan nooit in een URL.",
        )],
    },
    Velden {
        schemas: &["Waarschuwing"],
        velden: &[Veld::openbaar(
            "detail",
            "Een vaste tekst van de dienst bij de code; noemt niemand.",
        )],
    },
    Velden {
        schemas: &["Wijziging"],
        velden: &[Veld::openbaar(
            "veld",
            "De naam van een veld; de waarde alleen van velden op de allowlist.",
        )],
    },
];

/// Alle tabellen: die van de modules en de gedeelde.
fn tabellen<'a>(modules: &'a [&'static Velden]) -> impl Iterator<Item = &'static Velden> + 'a {
    modules.iter().copied().chain(GEDEELD)
}

/// Zet de klassen in het document. Een veld dat niet iedereen ziet, staat in een
/// antwoordschema niet bij `required`; in een schema dat ook invoer is, blijft het
/// verplicht, en dan heeft de property die ernaar verwijst een klasse die minstens zo
/// streng is (een test eist dat), zodat wie het veld niet ziet, het hele object mist.
pub fn annoteer(doc: &mut Value, modules: &[&'static Velden]) {
    let invoer = schemas_onder(doc, "requestBody");
    let antwoorden: HashSet<String> = schemas_onder(doc, "responses")
        .difference(&invoer)
        .cloned()
        .collect();
    let Some(schemas) = doc
        .pointer_mut("/components/schemas")
        .and_then(Value::as_object_mut)
    else {
        return;
    };
    for tabel in tabellen(modules) {
        for naam in tabel.schemas {
            let Some(schema) = schemas.get_mut(*naam).and_then(Value::as_object_mut) else {
                continue;
            };
            for veld in tabel.velden {
                // Een property van het schema zelf, of van een deel van zijn `allOf`.
                let pad = format!("/properties/{}", veld.naam);
                let plek = if schema.contains_key("properties") {
                    Some(pad.clone())
                } else {
                    schema
                        .get("allOf")
                        .and_then(Value::as_array)
                        .and_then(|d| d.iter().position(|deel| deel.pointer(&pad).is_some()))
                        .map(|i| format!("/allOf/{i}{pad}"))
                };
                let Some(property) = plek
                    .and_then(|plek| {
                        let (eerste, rest) = plek[1..].split_once('/')?;
                        schema.get_mut(eerste)?.pointer_mut(&format!("/{rest}"))
                    })
                    .and_then(Value::as_object_mut)
                else {
                    continue;
                };
                property.insert("x-zichtbaarheid".into(), veld.klasse.as_str().into());
                // De documentatie waarschuwt bij vrije tekst geen anderen te noemen.
                if veld.klasse == Klasse::Naam {
                    let beschrijving = property
                        .get("description")
                        .and_then(Value::as_str)
                        .unwrap_or_default()
                        .to_owned();
                    if !beschrijving.contains("Noem geen") {
                        let waarschuwing = "Vrije tekst die mensen kan noemen \
                            (`x-zichtbaarheid: naam`): alleen voor wie namen ziet. Noem geen \
                            anderen dan nodig.";
                        let nieuw = if beschrijving.is_empty() {
                            waarschuwing.to_owned()
                        } else {
                            format!("{beschrijving}\n\n{waarschuwing}")
                        };
                        property.insert("description".into(), nieuw.into());
                    }
                }
                if !veld.ook.is_empty() {
                    let rollen: Vec<Value> = veld.ook.iter().map(|r| r.as_str().into()).collect();
                    property.insert("x-zichtbaarheid-ook".into(), Value::Array(rollen));
                }
                if veld.klasse != Klasse::Openbaar
                    && antwoorden.contains(*naam)
                    && let Some(required) = schema.get_mut("required").and_then(Value::as_array_mut)
                {
                    required.retain(|r| r.as_str() != Some(veld.naam));
                }
            }
        }
    }
}

/// De namen van de schema's onder `deel` (`responses` of `requestBody`) van een
/// operatie, ook genest.
pub fn schemas_onder(doc: &Value, deel: &str) -> HashSet<String> {
    let mut gevonden = HashSet::new();
    let mut te_doen: Vec<String> = Vec::new();
    for item in doc["paths"]
        .as_object()
        .into_iter()
        .flat_map(|p| p.values())
    {
        for operatie in item.as_object().into_iter().flat_map(|o| o.values()) {
            verwijzingen(&operatie[deel], &mut te_doen);
        }
    }
    while let Some(naam) = te_doen.pop() {
        if gevonden.insert(naam.clone()) {
            verwijzingen(&doc["components"]["schemas"][&naam], &mut te_doen);
        }
    }
    gevonden
}

/// Elke `$ref` in `schema`, ook genest.
fn verwijzingen(schema: &Value, uit: &mut Vec<String>) {
    match schema {
        Value::Object(object) => {
            if let Some(naam) = object.get("$ref").and_then(Value::as_str) {
                uit.push(naam.rsplit('/').next().unwrap_or_default().to_owned());
            }
            object.values().for_each(|v| verwijzingen(v, uit));
        }
        Value::Array(items) => items.iter().for_each(|v| verwijzingen(v, uit)),
        _ => {}
    }
}

/// Het schema waarnaar een property verwijst: direct, via `oneOf`/`anyOf`/`allOf`
/// (een nullable verwijzing), als items van een lijst of als waarden van een map.
fn verwijst_naar(schema: &Value) -> Option<String> {
    if let Some(naam) = schema.get("$ref").and_then(Value::as_str) {
        return Some(naam.rsplit('/').next().unwrap_or_default().to_owned());
    }
    for sleutel in ["oneOf", "anyOf", "allOf"] {
        if let Some(naam) = schema[sleutel]
            .as_array()
            .into_iter()
            .flatten()
            .find_map(verwijst_naar)
        {
            return Some(naam);
        }
    }
    for sleutel in ["items", "additionalProperties"] {
        if let Some(naam) = schema.get(sleutel).and_then(verwijst_naar) {
            return Some(naam);
        }
    }
    None
}

/// De properties van `schema`: zijn eigen en die van de delen van zijn `allOf` (ook
/// via een verwijzing), en bij een antwoord dat een van meer vormen heeft (`oneOf` of
/// `anyOf` van verwijzingen, zoals de werklijst en het crisisbeeld: gemeente of regio)
/// die van elke vorm.
fn alle_properties<'a>(doc: &'a Value, schema: &'a Value) -> Vec<(&'a String, &'a Value)> {
    let mut alle: Vec<(&String, &Value)> = schema["properties"]
        .as_object()
        .into_iter()
        .flatten()
        .collect();
    for deel in schema["allOf"].as_array().into_iter().flatten() {
        let deel = match deel.get("$ref").and_then(Value::as_str) {
            Some(r) => &doc["components"]["schemas"][r.rsplit('/').next().unwrap_or_default()],
            None => deel,
        };
        alle.extend(alle_properties(doc, deel));
    }
    for sleutel in ["oneOf", "anyOf"] {
        for vorm in schema[sleutel].as_array().into_iter().flatten() {
            if let Some(r) = vorm.get("$ref").and_then(Value::as_str) {
                let vorm = &doc["components"]["schemas"][r.rsplit('/').next().unwrap_or_default()];
                alle.extend(alle_properties(doc, vorm));
            }
        }
    }
    alle
}

/// Eén property van een schema zoals het filter haar kent.
#[derive(Debug)]
struct Property {
    naam: String,
    klasse: Klasse,
    ook: Vec<Rol>,
    /// Het schema van de waarde (of van de items, of van de waarden van een map).
    schema: Option<String>,
}

/// De regels uit het document: per schema zijn properties, welke schema's een veld
/// bevatten dat niet iedereen ziet, en per operatie het schema van haar antwoord.
#[derive(Debug, Default)]
pub struct Regels {
    schemas: HashMap<String, Vec<Property>>,
    beperkt: HashSet<String>,
    operaties: HashMap<(Method, String), String>,
}

impl Regels {
    pub fn uit(doc: &Value) -> Self {
        let mut regels = Regels::default();
        for (naam, schema) in doc["components"]["schemas"]
            .as_object()
            .into_iter()
            .flatten()
        {
            let properties = alle_properties(doc, schema)
                .into_iter()
                .map(|(p, s)| Property {
                    naam: p.clone(),
                    klasse: s["x-zichtbaarheid"]
                        .as_str()
                        .and_then(Klasse::parse)
                        .unwrap_or(Klasse::Openbaar),
                    ook: s["x-zichtbaarheid-ook"]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .filter_map(Value::as_str)
                        .filter_map(Rol::parse)
                        .collect(),
                    schema: verwijst_naar(s),
                })
                .collect();
            regels.schemas.insert(naam.clone(), properties);
        }
        // Beperkt: een eigen veld met een klasse boven openbaar, of een verwijzing naar
        // een beperkt schema (tot er niets meer bijkomt).
        loop {
            let nieuw: Vec<String> = regels
                .schemas
                .iter()
                .filter(|(naam, _)| !regels.beperkt.contains(*naam))
                .filter(|(_, props)| {
                    props.iter().any(|p| {
                        p.klasse != Klasse::Openbaar
                            || p.schema
                                .as_ref()
                                .is_some_and(|s| regels.beperkt.contains(s))
                    })
                })
                .map(|(naam, _)| naam.clone())
                .collect();
            if nieuw.is_empty() {
                break;
            }
            regels.beperkt.extend(nieuw);
        }
        let basis = doc
            .pointer("/servers/0/url")
            .and_then(Value::as_str)
            .unwrap_or("")
            .trim_end_matches('/');
        for (pad, item) in doc["paths"].as_object().into_iter().flatten() {
            for (methode, operatie) in item.as_object().into_iter().flatten() {
                let Ok(methode) = Method::from_bytes(methode.to_ascii_uppercase().as_bytes())
                else {
                    continue;
                };
                let schema = ["200", "201"].iter().find_map(|status| {
                    verwijst_naar(
                        &operatie["responses"][status]["content"]["application/json"]["schema"],
                    )
                });
                if let Some(schema) = schema.filter(|s| regels.beperkt.contains(s)) {
                    regels
                        .operaties
                        .insert((methode, format!("{basis}{pad}")), schema);
                }
            }
        }
        regels
    }

    /// Laat uit `waarde` (van schema `schema`) weg wat `lezer` niet ziet.
    pub fn filter(&self, lezer: &Lezer, schema: &str, waarde: &mut Value) {
        if !self.beperkt.contains(schema) {
            return;
        }
        match waarde {
            Value::Array(items) => items
                .iter_mut()
                .for_each(|item| self.filter(lezer, schema, item)),
            Value::Object(object) => {
                let Some(properties) = self.schemas.get(schema) else {
                    return;
                };
                for p in properties {
                    if !lezer.ziet(p.klasse, &p.ook) {
                        object.remove(&p.naam);
                    } else if let (Some(sub), Some(v)) = (&p.schema, object.get_mut(&p.naam)) {
                        self.filter_waarde(lezer, sub, v);
                    }
                }
            }
            _ => {}
        }
    }

    /// Als [`Regels::filter`], voor de waarde van een property: een object of een lijst
    /// ervan; een map (`additionalProperties`) met waarden van `schema`.
    fn filter_waarde(&self, lezer: &Lezer, schema: &str, waarde: &mut Value) {
        match waarde {
            Value::Object(object) if self.is_map(schema, object) => object
                .values_mut()
                .for_each(|v| self.filter(lezer, schema, v)),
            _ => self.filter(lezer, schema, waarde),
        }
    }

    /// Is `object` een map met waarden van `schema` (geen van zijn sleutels is een
    /// property van het schema)?
    fn is_map(&self, schema: &str, object: &serde_json::Map<String, Value>) -> bool {
        let properties = self.schemas.get(schema);
        !object.is_empty()
            && object
                .keys()
                .all(|k| !properties.into_iter().flatten().any(|p| &p.naam == k))
    }

    /// De klasse van property `veld` van schema `schema` (`None` als het schema of de
    /// property niet bestaat).
    pub fn klasse(&self, schema: &str, veld: &str) -> Option<Klasse> {
        self.schemas
            .get(schema)?
            .iter()
            .find(|p| p.naam == veld)
            .map(|p| p.klasse)
    }

    /// Heeft het antwoord van deze operatie een veld dat niet iedereen ziet?
    pub fn beperkt(&self, methode: &Method, patroon: &str) -> bool {
        self.schema_van(methode, patroon).is_some()
    }

    /// Het schema van het antwoord van deze operatie, als het een veld bevat dat niet
    /// iedereen ziet.
    fn schema_van(&self, methode: &Method, patroon: &str) -> Option<&str> {
        self.operaties
            .get(&(methode.clone(), patroon.to_owned()))
            .map(String::as_str)
    }
}

/// De regels voor de dienst.
#[derive(Debug, Clone)]
pub struct Zichtbaarheid(pub Arc<Regels>);

impl Zichtbaarheid {
    /// De regels van elk veld met een klasse in `document`.
    pub fn uit(document: &serde_json::Value) -> Self {
        Zichtbaarheid(Arc::new(Regels::uit(document)))
    }
}

/// De laag: een JSON-antwoord (2xx) van een operatie waarvan het schema een beperkt
/// veld heeft, zonder de velden die de aanroeper niet ziet. Wie de aanroeper is, zet
/// de [`crate::tenancy::Context`] als [`Lezer`] bij het verzoek.
pub async fn filter(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, Error> {
    let regels = req.app_data::<web::Data<Zichtbaarheid>>().cloned();
    let antwoord = next.call(req).await?;
    let Some(regels) = regels else {
        return Ok(antwoord.map_into_boxed_body());
    };
    let lezer = antwoord.request().extensions().get::<Lezer>().cloned();
    let Some(lezer) = lezer.filter(|l| !l.ziet_alles()) else {
        return Ok(antwoord.map_into_boxed_body());
    };
    let json = antwoord
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    let schema = antwoord.request().match_pattern().and_then(|p| {
        regels
            .0
            .schema_van(antwoord.request().method(), &p)
            .map(str::to_owned)
    });
    let (Some(schema), true, true) = (schema, json, antwoord.status().is_success()) else {
        return Ok(antwoord.map_into_boxed_body());
    };
    let (verzoek, antwoord) = antwoord.into_parts();
    let (antwoord, body) = antwoord.into_parts();
    let bytes = actix_web::body::to_bytes(body)
        .await
        .map_err(|_| actix_web::error::ErrorInternalServerError("antwoord niet te lezen"))?;
    let mut waarde: Value = serde_json::from_slice(&bytes)
        .map_err(|_| actix_web::error::ErrorInternalServerError("antwoord is geen JSON"))?;
    regels.0.filter(&lezer, &schema, &mut waarde);
    let bytes = serde_json::to_vec(&waarde)
        .map_err(|_| actix_web::error::ErrorInternalServerError("antwoord niet te schrijven"))?;
    let mut antwoord = antwoord.set_body(BoxBody::new(bytes));
    antwoord.headers_mut().remove(header::CONTENT_LENGTH);
    Ok(ServiceResponse::new(verzoek, antwoord))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn klasse(property: &Value) -> Klasse {
        property["x-zichtbaarheid"]
            .as_str()
            .and_then(Klasse::parse)
            .unwrap_or(Klasse::Openbaar)
    }

    /// Elk veld in een tabel bestaat in een van haar schema's, en elk schema bestaat.
    #[test]
    fn de_tabellen_noemen_bestaande_velden() {
        let doc = crate::modules::document();
        let schemas = &doc["components"]["schemas"];
        let velden = crate::modules::velden();
        for tabel in tabellen(&velden) {
            for s in tabel.schemas {
                assert!(schemas.get(*s).is_some(), "schema {s} bestaat niet");
            }
            for veld in tabel.velden {
                assert!(
                    tabel
                        .schemas
                        .iter()
                        .any(|s| alle_properties(&doc, &schemas[*s])
                            .iter()
                            .any(|(p, _)| p.as_str() == veld.naam)),
                    "{:?}.{} bestaat niet",
                    tabel.schemas,
                    veld.naam
                );
            }
        }
    }

    /// Een verplicht veld dat niet iedereen ziet (in een schema dat ook invoer is),
    /// zit alleen onder properties die minstens zo streng zijn: wie het niet ziet, mist
    /// het hele object en het antwoord klopt met het schema.
    #[test]
    fn een_verplicht_beperkt_veld_zit_onder_een_even_strenge_property() {
        let doc = crate::modules::document();
        let schemas = doc["components"]["schemas"].as_object().expect("schemas");
        let antwoorden = schemas_onder(&doc, "responses");
        for (naam, schema) in schemas.iter().filter(|(n, _)| antwoorden.contains(*n)) {
            for verplicht in schema["required"].as_array().into_iter().flatten() {
                let p = verplicht.as_str().unwrap_or_default();
                let k = klasse(&schema["properties"][p]);
                if k == Klasse::Openbaar {
                    continue;
                }
                for (ouder, ouder_schema) in schemas.iter().filter(|(n, _)| antwoorden.contains(*n))
                {
                    for (q, property) in
                        ouder_schema["properties"].as_object().into_iter().flatten()
                    {
                        if verwijst_naar(property).as_deref() == Some(naam.as_str()) {
                            assert!(
                                klasse(property) >= k,
                                "{ouder}.{q} verwijst naar {naam} met verplicht {p} ({k:?}), maar is {:?}",
                                klasse(property)
                            );
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn het_filter_laat_weg_wat_de_lezer_niet_ziet() {
        use crate::auth::{Actor, Caller, GemeenteRef};
        let doc = crate::modules::document();
        let regels = Regels::uit(&doc);
        let raadpleger = Lezer::van(&Caller {
            actor: Actor::Systeem,
            gemeente: Some(GemeenteRef {
                id: uuid::Uuid::nil(),
                code: "GM0796".into(),
            }),
            rollen: vec![Rol::Raadpleger],
            scopes: vec![],
        });
        let mut pagina = serde_json::json!({
            "resultaten": [{"titel": "t", "verslag": "v", "locatie": "l",
                            "acties": [{"omschrijving": "o", "eigenaar": "e"}],
                            "agenda": [{"onderwerp": "o", "toelichting": "t"}]}]
        });
        regels.filter(&raadpleger, "PaginaBijeenkomst", &mut pagina);
        assert_eq!(
            pagina,
            serde_json::json!({"resultaten": [{"titel": "t", "locatie": "l",
                                               "agenda": [{"onderwerp": "o"}]}]})
        );
        assert!(
            regels
                .schema_van(&Method::GET, "/api/v1/bijeenkomsten")
                .is_some()
        );
        assert!(
            regels
                .schema_van(&Method::GET, "/api/v1/gemeenten")
                .is_none()
        );
    }
}
