//! Het OpenAPI-document (3.1), gegenereerd uit de handlers.
//!
//! `weefsel openapi` drukt het af; `openapi/openapi.json` is het vastgelegde
//! exemplaar en een test faalt als dat afwijkt van wat de code maakt.

use actix_web::{App, HttpResponse, get, web};
use utoipa::openapi::path::Operation;
use utoipa::openapi::response::{ResponseBuilder, Responses};
use utoipa::openapi::security::{
    ClientCredentials, Flow, HttpAuthScheme, HttpBuilder, OAuth2, Password, Scopes, SecurityScheme,
};
use utoipa::openapi::{ContentBuilder, HeaderBuilder, OpenApi as Document, Ref, RefOr};
use utoipa::{Modify, OpenApi};
use utoipa_actix_web::AppExt;
use utoipa_actix_web::service_config::ServiceConfig;

use crate::http::contract::API_VERSION;
use crate::http::problem::{InvalidParam, Problem};

/// Het pad waaronder de API staat; in het document de relatieve `servers`-URL.
pub const BASE_PATH: &str = "/api/v1";

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Weefsel API",
        description = "De API van Veiligheidsregio Brabant-Noord (VRBN) en haar elf gemeenten voor het \
versterken van het sociaal weefsel: gebieden en hun DNA-kwadrant, netwerken van sleutelpersonen, \
bewonersinitiatieven en hun budgetten, bijeenkomsten, oefeningen en meldingen.\n\n\
Conventies (NL API Design Rules): Nederlandse namen, `camelCase`-velden, elke fout als \
`application/problem+json` met alle ongeldige parameters in `invalidParams` en bij 403, 409 en 412 \
een machineleesbare `code`, collecties gepagineerd met `pagina` en `paginaGrootte` (hoogstens 100), \
sorteren met `sorteer=-veld,veld`. Elk antwoord draagt `API-Version` en `X-Request-Id` (het id dat de dienst aan het verzoek gaf; \
noem het bij een vraag). Een eigen `X-Request-Id` van de client gaat als correlatie-id mee naar het \
verwerkingenlogboek en het log van de dienst, nooit als het request-id.\n\n\
Authenticatie: vraag een access token aan met `POST /api/v1/auth/token` (gebruikers met \
`grant_type=password`, koppelingen met `grant_type=client_credentials`) en stuur het mee als \
`Authorization: Bearer <token>`; nooit in de query string. In deze documentatiepagina kan dat met \
de knop \"Authorize\". Een id van een andere gemeente geeft 404, een functie die uw rol niet heeft 403.",
        contact(name = "VRBN Netwerkmanagement", email = "weefsel@vrbn.nl", url = "https://www.vrbn.nl"),
        license(name = "EUPL-1.2", identifier = "EUPL-1.2"),
    ),
    servers((url = "/api/v1", description = "Deze dienst")),
    security(("bearer" = [])),
    tags((name = "Systeem", description = "Documentatie van de dienst.")),
    components(schemas(Problem, InvalidParam, crate::http::problem::Code)),
    modifiers(&SecuritySchemes),
)]
struct ApiDoc;

struct SecuritySchemes;

impl Modify for SecuritySchemes {
    fn modify(&self, openapi: &mut Document) {
        let token_url = format!("{BASE_PATH}/auth/token");
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::OAuth2(OAuth2::with_description(
                [
                    Flow::Password(Password::new(&token_url, Scopes::new())),
                    Flow::ClientCredentials(ClientCredentials::new(&token_url, Scopes::new())),
                ],
                "OAuth 2.0 met het token-endpoint van Weefsel: medewerkers met gebruikersnaam en \
                 wachtwoord (`password`), koppelingen met client id en secret \
                 (`client_credentials`). Het access token gaat mee als `Authorization: Bearer \
                 <token>`. Een token van een vertrouwde identity provider van de gemeente werkt ook.",
            )),
        );
        components.add_security_scheme(
            "clientBasic",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Basic)
                    .description(Some(
                        "Alleen op het token-endpoint: een koppeling meldt zich met client id \
                         en secret als `Authorization: Basic` (`client_secret_basic`, RFC 6749 \
                         §2.3.1), elk eerst form-urlencoded, in plaats van in het formulier.",
                    ))
                    .build(),
            ),
        );
    }
}

/// Wie een operatie met een koppeling aanroept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Koppeling {
    /// Met een van deze combinaties van scopes (leeg: met elk token).
    Scopes(Vec<Vec<&'static str>>),
    /// Geen koppeling: alleen mensen met een rol (`x-koppeling: false`).
    Geen,
}

/// Een module in het document: haar fragment (tags en losse schema's; de eerste tag
/// is die van haar operaties) en haar eigen routes.
pub type Fragment = (fn() -> Document, fn(&mut ServiceConfig));

/// Wat de modules aan het document geven. De lijst van modules stelt het samen
/// (`modules::document`); zo kent `http` zelf geen enkele module.
pub struct Bouwstenen {
    /// Alle routes van de API, relatief aan `/api/v1`.
    pub routes: fn(&mut ServiceConfig),
    /// Per module haar fragment en routes.
    pub modules: Vec<Fragment>,
    /// Per operatie (`operationId`) wie haar met een koppeling aanroept.
    pub koppeling: std::collections::HashMap<&'static str, Koppeling>,
    /// Operaties met een token maar zonder recht om te controleren: die geven geen 403.
    pub zonder_recht: &'static [&'static str],
    /// Operaties die persoonsgegevens tonen (met een regel in het verwerkingenlogboek):
    /// die noemen de limiet op persoonsgegevens bij hun 429.
    pub persoonsgegevens: &'static [&'static str],
    /// De scopes van een koppeling met hun uitleg, voor het `securityScheme`.
    pub scopes: Vec<(&'static str, &'static str)>,
}

/// Het volledige document zoals de code het beschrijft, als JSON-waarde.
pub fn document(bouw: &Bouwstenen) -> serde_json::Value {
    let mut base = ApiDoc::openapi();
    for (fragment, _) in &bouw.modules {
        base.merge(fragment());
    }
    let (_, mut doc) = App::new()
        .into_utoipa_app()
        .openapi(base)
        .configure(bouw.routes)
        .split_for_parts();
    doc.info.version = API_VERSION.to_owned();
    tag_by_module(&mut doc, &bouw.modules);
    for (pad, item) in doc.paths.paths.iter_mut() {
        for operation in [&mut item.patch, &mut item.delete].into_iter().flatten() {
            add_if_match(operation);
        }
        if let Some(operation) = &mut item.post
            && !crate::http::idempotentie::UITGEZONDERD.contains(&pad.as_str())
        {
            add_idempotency_key(operation);
        }
        if let Some(operation) = &mut item.get {
            add_common_responses(operation, false, bouw);
            add_wijziging_params(operation);
        }
        for operation in [
            &mut item.post,
            &mut item.put,
            &mut item.patch,
            &mut item.delete,
        ]
        .into_iter()
        .flatten()
        {
            add_common_responses(operation, true, bouw);
        }
    }
    let mut value = serde_json::to_value(&doc).unwrap_or_default();
    scopes_per_operation(&mut value, &bouw.koppeling, &bouw.scopes);
    pascal_case_schema_names(&mut value);
    unique_query_lists(&mut value);
    single_line_texts(&mut value);
    date_patterns(&mut value);
    pagina_verwijst(&mut value);
    value
}

/// De resultaten van een pagina `PaginaX` verwijzen naar het schema `X` in plaats van
/// het te herhalen: één definitie per representatie, ook voor de klassen van haar
/// velden.
fn pagina_verwijst(value: &mut serde_json::Value) {
    let Some(schemas) = value
        .pointer_mut("/components/schemas")
        .and_then(serde_json::Value::as_object_mut)
    else {
        return;
    };
    let namen: Vec<String> = schemas.keys().cloned().collect();
    for naam in &namen {
        let Some(item) = naam
            .strip_prefix("Pagina")
            .filter(|x| namen.iter().any(|n| n == x))
        else {
            continue;
        };
        if let Some(items) = schemas
            .get_mut(naam)
            .and_then(|s| s.pointer_mut("/properties/resultaten/items"))
        {
            *items = serde_json::json!({ "$ref": format!("#/components/schemas/{item}") });
        }
    }
}

/// Elke operatie met een token noemt in `security` de scopes waarmee een koppeling haar
/// aanroept, als alternatieven (uit de rechten van haar module), en het schema `bearer`
/// noemt alle scopes. Een operatie die geen koppeling aanroept, heeft `x-koppeling:
/// false` en geen scopes.
fn scopes_per_operation(
    value: &mut serde_json::Value,
    toegang: &std::collections::HashMap<&'static str, Koppeling>,
    scopes: &[(&'static str, &'static str)],
) {
    if let Some(paths) = value
        .get_mut("paths")
        .and_then(serde_json::Value::as_object_mut)
    {
        for operation in paths
            .values_mut()
            .filter_map(serde_json::Value::as_object_mut)
            .flat_map(|item| item.values_mut())
            .filter_map(serde_json::Value::as_object_mut)
        {
            let Some(t) = operation
                .get("operationId")
                .and_then(serde_json::Value::as_str)
                .and_then(|id| toegang.get(id))
            else {
                continue;
            };
            let alternatieven = match t {
                Koppeling::Scopes(scopes) => scopes.clone(),
                Koppeling::Geen => Vec::new(),
            };
            let security: Vec<serde_json::Value> = if alternatieven.is_empty() {
                vec![serde_json::json!({"bearer": []})]
            } else {
                alternatieven
                    .into_iter()
                    .map(|scopes| serde_json::json!({"bearer": scopes}))
                    .collect()
            };
            operation.insert("security".to_owned(), serde_json::Value::Array(security));
            if *t == Koppeling::Geen {
                operation.insert("x-koppeling".to_owned(), serde_json::Value::Bool(false));
            }
        }
    }
    let alle: serde_json::Map<String, serde_json::Value> = scopes
        .iter()
        .map(|(naam, uitleg)| ((*naam).to_owned(), serde_json::Value::from(*uitleg)))
        .collect();
    for flow in ["clientCredentials", "password"] {
        if let Some(scopes) = value.pointer_mut(&format!(
            "/components/securitySchemes/bearer/flows/{flow}/scopes"
        )) {
            *scopes = serde_json::Value::Object(alle.clone());
        }
    }
}

/// Elke datum (`format: date`) in het document is `JJJJ-MM-DD` van 1900 tot en met
/// 2100 ([`crate::http::invoer::DATUM`]): zo zegt het document wat de dienst aanneemt.
fn date_patterns(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Object(object) => {
            if object.get("format").and_then(serde_json::Value::as_str) == Some("date") {
                object.insert(
                    "pattern".to_owned(),
                    serde_json::Value::from(crate::http::invoer::DATUM),
                );
            }
            object.values_mut().for_each(date_patterns);
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(date_patterns),
        _ => {}
    }
}

/// Elke operatie draagt de tag van de module die haar registreert (de eerste tag van
/// het fragment van die module); de handlers hoeven hem niet te herhalen.
fn tag_by_module(doc: &mut Document, modules: &[Fragment]) {
    for (fragment, routes) in modules {
        let Some(tag) = fragment()
            .tags
            .and_then(|tags| tags.into_iter().next())
            .map(|t| t.name)
        else {
            continue;
        };
        let (_, eigen) = App::new()
            .into_utoipa_app()
            .configure(*routes)
            .split_for_parts();
        for (pad, item) in eigen.paths.paths {
            let Some(doel) = doc.paths.paths.get_mut(&pad) else {
                continue;
            };
            let methoden = [
                (item.get.is_some(), &mut doel.get),
                (item.post.is_some(), &mut doel.post),
                (item.put.is_some(), &mut doel.put),
                (item.patch.is_some(), &mut doel.patch),
                (item.delete.is_some(), &mut doel.delete),
            ];
            for (van_module, operatie) in methoden {
                if let (true, Some(operatie)) = (van_module, operatie.as_mut()) {
                    operatie.tags = Some(vec![tag.clone()]);
                }
            }
        }
    }
}

/// Elke tekst in een invoerschema (`additionalProperties: false`) zonder eigen
/// patroon, formaat of enum is één regel zonder stuurtekens
/// ([`crate::http::invoer::EEN_REGEL`]), en als ze verplicht is (`minLength` ≥ 1)
/// niet alleen witruimte ([`crate::http::invoer::EEN_REGEL_GEVULD`]); tekst van
/// meer regels zegt dat zelf met `schema_with = meer_regels::<MAX>`.
fn single_line_texts(doc: &mut serde_json::Value) {
    fn text(schema: &serde_json::Value) -> bool {
        let string = match &schema["type"] {
            serde_json::Value::String(t) => t == "string",
            serde_json::Value::Array(ts) => ts.iter().any(|t| t == "string"),
            _ => false,
        };
        string
            && schema.get("pattern").is_none()
            && schema.get("format").is_none()
            && schema.get("enum").is_none()
            && schema.get("readOnly").is_none()
    }
    let Some(schemas) = doc
        .pointer_mut("/components/schemas")
        .and_then(serde_json::Value::as_object_mut)
    else {
        return;
    };
    for schema in schemas.values_mut() {
        if schema["additionalProperties"] != serde_json::Value::Bool(false) {
            continue;
        }
        let properties = schema
            .get_mut("properties")
            .and_then(serde_json::Value::as_object_mut);
        for property in properties.into_iter().flat_map(|p| p.values_mut()) {
            if text(property) {
                let verplicht = property["minLength"].as_u64().is_some_and(|m| m >= 1);
                property["pattern"] = serde_json::Value::from(if verplicht {
                    crate::http::invoer::EEN_REGEL_GEVULD
                } else {
                    crate::http::invoer::EEN_REGEL
                });
            }
        }
    }
}

/// Een lijst in de query (`?sorteer=-naam,code`) is niet leeg en noemt elke waarde
/// hoogstens één keer, en een tekst in de query is één regel zonder stuurtekens; de
/// routetabel weigert het andere, dus het document zegt het ook.
fn unique_query_lists(doc: &mut serde_json::Value) {
    let Some(paths) = doc
        .get_mut("paths")
        .and_then(serde_json::Value::as_object_mut)
    else {
        return;
    };
    for item in paths.values_mut() {
        for operation in item
            .as_object_mut()
            .into_iter()
            .flat_map(|o| o.values_mut())
        {
            let parameters = operation
                .get_mut("parameters")
                .and_then(serde_json::Value::as_array_mut);
            for parameter in parameters.into_iter().flatten() {
                if parameter["in"] != "query" {
                    continue;
                }
                let schema = &mut parameter["schema"];
                if schema["type"] == "array" {
                    schema["uniqueItems"] = serde_json::Value::Bool(true);
                    schema["minItems"] = serde_json::Value::from(1);
                }
                let tekst = schema["type"] == "string"
                    || schema["type"]
                        .as_array()
                        .is_some_and(|t| t.iter().any(|t| t == "string"));
                if tekst
                    && schema.get("pattern").is_none()
                    && schema.get("format").is_none()
                    && schema.get("enum").is_none()
                {
                    schema["pattern"] = serde_json::Value::from(crate::http::invoer::EEN_REGEL);
                }
            }
        }
    }
}

/// Generieke schema's heten bij utoipa `Pagina_Gebied`; de ADR vragen PascalCase
/// (`PaginaGebied`). Hernoemt de schema's en elke verwijzing ernaar.
fn pascal_case_schema_names(doc: &mut serde_json::Value) {
    let Some(schemas) = doc
        .pointer_mut("/components/schemas")
        .and_then(serde_json::Value::as_object_mut)
    else {
        return;
    };
    let renames: Vec<(String, String)> = schemas
        .keys()
        .filter(|k| k.contains('_'))
        .map(|k| (k.clone(), k.replace('_', "")))
        .collect();
    for (old, new) in &renames {
        if let Some(schema) = schemas.remove(old) {
            schemas.insert(new.clone(), schema);
        }
    }
    fn walk(value: &mut serde_json::Value, renames: &[(String, String)]) {
        match value {
            serde_json::Value::Object(map) => {
                for (key, child) in map.iter_mut() {
                    if key == "$ref" {
                        let target = child.as_str().unwrap_or_default().to_owned();
                        if let Some((_, new)) = renames
                            .iter()
                            .find(|(old, _)| target == format!("#/components/schemas/{old}"))
                        {
                            *child =
                                serde_json::Value::String(format!("#/components/schemas/{new}"));
                        }
                    } else {
                        walk(child, renames);
                    }
                }
            }
            serde_json::Value::Array(items) => items.iter_mut().for_each(|i| walk(i, renames)),
            _ => {}
        }
    }
    walk(doc, &renames);
}

/// Het document zoals `GET /api/v1/openapi.json` en `weefsel openapi` het geven.
pub fn als_json(document: &serde_json::Value) -> String {
    let mut json = serde_json::to_string_pretty(document).unwrap_or_default();
    json.push('\n');
    json
}

/// Elke `PATCH` en `DELETE` neemt `If-Match` aan ([`crate::http::etag::IfMatch`]).
fn add_if_match(operation: &mut Operation) {
    let header = utoipa::openapi::path::ParameterBuilder::new()
        .name("If-Match")
        .parameter_in(utoipa::openapi::path::ParameterIn::Header)
        .required(utoipa::openapi::Required::False)
        .description(Some(
            "De `ETag` van de versie die u wijzigt of verwijdert; past hij niet meer, dan 412.",
        ))
        .schema(Some(
            utoipa::openapi::ObjectBuilder::new()
                .schema_type(utoipa::openapi::schema::Type::String),
        ))
        .build();
    operation
        .parameters
        .get_or_insert_with(Vec::new)
        .push(header);
}

/// Elke lijst (een antwoord met een `Pagina`) neemt `gewijzigdSinds` en
/// `sorteer=gewijzigdOp` aan ([`crate::http::pagination::PaginaParams`]); een lijst met
/// een eigen `sorteer` kent `gewijzigdOp` al via `sorteervelden!`.
fn add_wijziging_params(operation: &mut Operation) {
    use utoipa::openapi::path::{ParameterBuilder, ParameterIn};
    use utoipa::openapi::schema::{ObjectBuilder, Type};
    let lijst = operation
        .responses
        .responses
        .get("200")
        .is_some_and(|r| matches!(r, RefOr::T(r) if is_pagina(r)));
    if !lijst {
        return;
    }
    let parameters = operation.parameters.get_or_insert_with(Vec::new);
    let param = |naam: &str, beschrijving: &str, schema: ObjectBuilder| {
        ParameterBuilder::new()
            .name(naam)
            .parameter_in(ParameterIn::Query)
            .required(utoipa::openapi::Required::False)
            .description(Some(beschrijving))
            .schema(Some(schema))
            .build()
    };
    parameters.push(param(
        "gewijzigdSinds",
        "Alleen resultaten met `gewijzigdOp` op of na dit tijdstip (RFC 3339, bv. \
         `2026-12-01T00:00:00Z`; een `+` in een offset als `%2B`). Een regel die nooit \
         wijzigt (grootboek, logboek) telt met haar tijdstip, een meting met het laatste van \
         aanmaken en intrekken. Met `sorteer=gewijzigdOp` bladert u op wijziging; de \
         wijzigingenstroom (`GET /wijzigingen`) mist daarbij ook geen verwijdering.",
        ObjectBuilder::new().schema_type(Type::String).format(Some(
            utoipa::openapi::SchemaFormat::KnownFormat(utoipa::openapi::KnownFormat::DateTime),
        )),
    ));
    if !parameters.iter().any(|p| p.name == "sorteer") {
        parameters.push(param(
            "sorteer",
            "`gewijzigdOp` (oudste wijziging eerst) of `-gewijzigdOp`, met het id als tweede \
             sleutel; zonder: de vaste volgorde van de lijst.",
            ObjectBuilder::new()
                .schema_type(Type::String)
                .enum_values(Some(["gewijzigdOp", "-gewijzigdOp"])),
        ));
    }
}

/// Elke `POST` buiten [`crate::http::idempotentie::UITGEZONDERD`] neemt
/// `Idempotency-Key` aan, met 422 voor een sleutel die bij een andere body hoort.
fn add_idempotency_key(operation: &mut Operation) {
    use utoipa::IntoParams;
    operation.parameters.get_or_insert_with(Vec::new).extend(
        crate::http::idempotentie::IdempotentieHeader::into_params(|| None),
    );
    // Ook een POST zonder body (een nieuw secret) kan 409 geven: de sleutel is bezig, of
    // het antwoord had een geheim (`al_aangemaakt`).
    operation
        .responses
        .responses
        .entry("409".to_owned())
        .or_insert_with(|| {
            RefOr::T(
                ResponseBuilder::new()
                    .description(
                        "Een verzoek met deze `Idempotency-Key` loopt nog \
                         (`idempotency_key_bezig`), of was al uitgevoerd en zijn antwoord had \
                         een geheim (`al_aangemaakt`, met `Location`).",
                    )
                    .content(
                        "application/problem+json",
                        ContentBuilder::new()
                            .schema(Some(RefOr::Ref(Ref::from_schema_name("Problem"))))
                            .build(),
                    )
                    .build(),
            )
        });
    operation.responses.responses.insert(
        "422".to_owned(),
        RefOr::T(
            ResponseBuilder::new()
                .description(
                    "Deze `Idempotency-Key` hoort al bij een verzoek met een andere body \
                     (`idempotency_key_hergebruikt`); kies een nieuwe sleutel.",
                )
                .content(
                    "application/problem+json",
                    ContentBuilder::new()
                        .schema(Some(RefOr::Ref(Ref::from_schema_name("Problem"))))
                        .build(),
                )
                .build(),
        ),
    );
}

/// Wat elke operatie kan antwoorden, ook als de handler het niet noemt: 400 (een
/// onbekende of ongeldige queryparameter), 413 (body boven 1 MiB) en 500; 401 bij
/// een beveiligde operatie, 415 bij een body, 412 bij `If-Match`; en de headers
/// `API-Version` en `X-Request-Id` op elk antwoord.
/// Operaties in `zonder_recht` (een token, maar geen recht om te controleren) geven
/// geen 403.
const ALTIJD: [(&str, &str); 4] = [
    (
        "400",
        "Ongeldige invoer; alle ongeldige parameters staan in `invalidParams`.",
    ),
    ("413", "De body is groter dan 1 MiB."),
    (
        "500",
        "Interne fout; het antwoord noemt alleen het `requestId`.",
    ),
    (
        "503",
        "De database is even niet bereikbaar of te druk, of het verzoek duurde langer dan de \
         grens (`WEEFSEL_REQUEST_TIMEOUT_MS`); `detail` zegt welk. Probeer het opnieuw na \
         `Retry-After` seconden.",
    ),
];
const VERBODEN: (&str, &str) = (
    "403",
    "Uw rol of de scopes van de koppeling geven dit recht niet; `code` zegt welk.",
);
const NIET_GEVONDEN: (&str, &str) = (
    "404",
    "Bestaat niet, of hoort bij een andere gemeente (dat verschil ziet u niet).",
);
const NIET_INGELOGD: (&str, &str) = (
    "401",
    "Geen, een ongeldig, verlopen of ingetrokken token (of een token in de query string); \
     zie `WWW-Authenticate`.",
);
const ANDER_TYPE: (&str, &str) = (
    "415",
    "De body heeft een ander `Content-Type` dan de operatie aanneemt.",
);
const VEROUDERD: (&str, &str) = (
    "412",
    "`If-Match` past niet bij de huidige versie (`ETag`); haal de resource opnieuw op.",
);
const CONFLICT: (&str, &str) = (
    "409",
    "In strijd met de huidige toestand, of gebotst met een gelijktijdig verzoek \
     (`gelijktijdige_wijziging`, `verwijzing_gewijzigd`: er is niets bewaard, probeer \
     het opnieuw); bij een `POST` met `Idempotency-Key` ook `idempotency_key_bezig` (een \
     verzoek met die sleutel loopt nog) of `al_aangemaakt` (het antwoord had een geheim; \
     zie `Location`). `code` zegt welk.",
);
const TRAAG: (&str, &str) = (
    "408",
    "De body kwam niet binnen `WEEFSEL_CLIENT_BODY_TIMEOUT_MS` na de headers binnen; er is \
     niets bewaard.",
);

/// De 429 van een operatie: welke grens zij raakt hangt af van of zij schrijft en of zij
/// persoonsgegevens leest.
fn te_veel(schrijft: bool, leest: bool) -> (&'static str, &'static str) {
    let tekst = match (schrijft, leest) {
        (true, true) => {
            "Te veel schrijvende verzoeken (`WEEFSEL_LIMIET_SCHRIJVEN`) of verzoeken om \
             persoonsgegevens (`WEEFSEL_LIMIET_PERSOONSGEGEVENS`) van dit account of deze \
             koppeling per minuut, over alle instanties; er is niets bewaard. Probeer het \
             opnieuw na `Retry-After` seconden."
        }
        (false, true) => {
            "Te veel verzoeken om persoonsgegevens van dit account of deze koppeling \
             (`WEEFSEL_LIMIET_PERSOONSGEGEVENS` per minuut, over alle instanties). Probeer \
             het opnieuw na `Retry-After` seconden."
        }
        _ => {
            "Te veel schrijvende verzoeken van dit account of deze koppeling \
             (`WEEFSEL_LIMIET_SCHRIJVEN` per minuut, over alle instanties); er is niets \
             bewaard. Probeer het opnieuw na `Retry-After` seconden."
        }
    };
    ("429", tekst)
}

/// Een header met een integer-schema van minstens `minimum`.
fn getal_header(minimum: f64, int64: bool, beschrijving: &str) -> utoipa::openapi::Header {
    let mut schema = utoipa::openapi::ObjectBuilder::new()
        .schema_type(utoipa::openapi::schema::Type::Integer)
        .minimum(Some(minimum));
    if int64 {
        schema = schema.format(Some(utoipa::openapi::SchemaFormat::KnownFormat(
            utoipa::openapi::KnownFormat::Int64,
        )));
    }
    HeaderBuilder::new()
        .schema(schema)
        .description(Some(beschrijving))
        .build()
}

fn tekst_header(beschrijving: &str) -> utoipa::openapi::Header {
    HeaderBuilder::new()
        .schema(
            utoipa::openapi::ObjectBuilder::new()
                .schema_type(utoipa::openapi::schema::Type::String),
        )
        .description(Some(beschrijving))
        .build()
}

fn add_common_responses(operation: &mut Operation, schrijft: bool, bouw: &Bouwstenen) {
    // Zonder eigen `security` geldt die van het document (een token); de open
    // operaties hebben een lege eis onder hun alternatieven (`security(())`, het
    // token-endpoint `security((), ("clientBasic" = []))`).
    let secured = operation.security.as_ref().is_none_or(|s| {
        !s.iter().any(|r| {
            serde_json::to_value(r).is_ok_and(|v| v.as_object().is_some_and(|o| o.is_empty()))
        })
    });
    let has_path_parameter = operation.parameters.as_ref().is_some_and(|p| {
        p.iter()
            .any(|p| p.parameter_in == utoipa::openapi::path::ParameterIn::Path)
    });
    let has_body = operation.request_body.is_some();
    let has_if_match = operation
        .parameters
        .as_ref()
        .is_some_and(|p| p.iter().any(|p| p.name == "If-Match"));
    let id = operation.operation_id.as_deref().unwrap_or_default();
    let leest = bouw.persoonsgegevens.contains(&id);
    let wijzigt = secured && (has_body || has_if_match);
    let extra = [
        wijzigt.then_some(CONFLICT),
        secured.then_some(NIET_INGELOGD),
        has_body.then_some(ANDER_TYPE),
        has_body.then_some(TRAAG),
        (secured && (schrijft || leest)).then_some(te_veel(schrijft, leest)),
        has_if_match.then_some(VEROUDERD),
        has_path_parameter.then_some(NIET_GEVONDEN),
        (secured && !bouw.zonder_recht.contains(&id)).then_some(VERBODEN),
    ];
    let responses: &mut Responses = &mut operation.responses;
    for (status, description) in ALTIJD.into_iter().chain(extra.into_iter().flatten()) {
        responses
            .responses
            .entry(status.to_owned())
            .or_insert_with(|| {
                let mut response = ResponseBuilder::new().description(description).content(
                    "application/problem+json",
                    ContentBuilder::new()
                        .schema(Some(RefOr::Ref(Ref::from_schema_name("Problem"))))
                        .build(),
                );
                if matches!(status, "429" | "503") {
                    response = response.header(
                        "Retry-After",
                        getal_header(1.0, false, "Seconden tot een nieuwe poging zin heeft."),
                    );
                }
                RefOr::T(response.build())
            });
    }
    for response in responses.responses.values_mut() {
        if let RefOr::T(response) = response {
            if is_pagina(response) {
                response.headers.insert(
                    crate::http::pagination::TOTAL_COUNT_HEADER.to_owned(),
                    getal_header(0.0, true, "Het totale aantal resultaten."),
                );
            }
            response.headers.insert(
                "API-Version".to_owned(),
                tekst_header("De versie van de API (semver)."),
            );
            response.headers.insert(
                "X-Request-Id".to_owned(),
                tekst_header(
                    "Het request-id dat de dienst aan dit verzoek gaf (altijd van de dienst).",
                ),
            );
        }
    }
}

/// Een antwoord met een [`crate::http::pagination::Pagina`] (dat draagt `X-Total-Count`).
fn is_pagina(response: &utoipa::openapi::Response) -> bool {
    response.content.get("application/json").is_some_and(|c| {
        matches!(&c.schema, Some(RefOr::Ref(r)) if r.ref_location.starts_with("#/components/schemas/Pagina"))
    })
}

/// Het document als vaste bytes, gedeeld door de workers.
#[derive(Clone)]
pub struct DocumentJson(pub web::Bytes);

/// Het OpenAPI-document
///
/// Zonder authenticatie en met open CORS, zodat elk hulpmiddel het kan lezen.
#[utoipa::path(
    tag = "Systeem",
    operation_id = "getOpenapi",
    responses((status = 200, description = "Het OpenAPI-document (3.1).", content_type = "application/json", body = Object)),
    security(()),
)]
#[get("/openapi.json")]
pub async fn serve(doc: web::Data<DocumentJson>) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("application/json")
        .insert_header(("Access-Control-Allow-Origin", "*"))
        .body(doc.0.clone())
}
