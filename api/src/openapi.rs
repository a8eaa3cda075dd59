//! Het OpenAPI-document (3.1), gegenereerd uit de handlers.
//!
//! `weefsel openapi` drukt het af; `openapi/openapi.json` is het vastgelegde
//! exemplaar en een test faalt als dat afwijkt van wat de code maakt.

use actix_web::{App, HttpResponse, get, web};
use utoipa::openapi::path::Operation;
use utoipa::openapi::response::{ResponseBuilder, Responses};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::{ContentBuilder, HeaderBuilder, OpenApi as Document, Ref, RefOr};
use utoipa::{Modify, OpenApi};
use utoipa_actix_web::AppExt;

use crate::contract::API_VERSION;
use crate::error::{InvalidParam, Problem};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Weefsel API",
        description = "De API van Veiligheidsregio Brabant-Noord (VRBN) en haar elf gemeenten voor het \
versterken van het sociaal weefsel: gebieden en hun DNA-kwadrant, netwerken van sleutelpersonen, \
bewonersinitiatieven en hun budgetten, bijeenkomsten, oefeningen en meldingen.\n\n\
Conventies (NL API Design Rules): Nederlandse namen, `camelCase`-velden, elke fout als \
`application/problem+json` met alle ongeldige parameters in `invalidParams`, collecties gepagineerd \
met `pagina` en `paginaGrootte` (hoogstens 100), sorteren met `sorteer=-veld,veld`. Elk antwoord \
draagt `API-Version` en `X-Request-Id`; stuur zelf een `X-Request-Id` mee om een verzoek te volgen.\n\n\
Authenticatie: vraag een access token aan met `POST /api/v1/auth/token` (gebruikers met \
`grant_type=password`, koppelingen met `grant_type=client_credentials`) en stuur het mee als \
`Authorization: Bearer <token>`; nooit in de query string. Een id van een andere gemeente geeft \
404, een functie die uw rol niet heeft 403.",
        contact(name = "VRBN Netwerkmanagement", email = "weefsel@vrbn.nl"),
        license(name = "EUPL-1.2", identifier = "EUPL-1.2"),
    ),
    tags(
        (name = "Authenticatie", description = "Access tokens voor gebruikers en koppelingen."),
        (name = "Gemeenten", description = "De elf gemeenten van VRBN (tenants)."),
        (name = "Gebruikers", description = "Accounts van medewerkers, met hun gemeente en rollen."),
        (name = "Koppelingen", description = "Machine-accounts van gemeentelijke systemen, met scopes."),
        (name = "Gebieden", description = "Wijken, buurten, dorpen en kernen met hun indicatormetingen en DNA-profiel (kwadrant en aanpak)."),
        (name = "Trajecten", description = "Stappenplannen in een gebied: coordinerend, coachend of weerbaarheid."),
        (name = "Audit trail", description = "Wie veranderde wat, wanneer."),
        (name = "Systeem", description = "Gezondheid en documentatie van de dienst."),
    ),
    components(schemas(
        Problem,
        InvalidParam,
        crate::auth::Rol,
        crate::auth::Scope,
        crate::audit::Actie,
        crate::audit::Wijziging,
        crate::gemeenten::GemeenteSortering,
        crate::gebruikers::GebruikerSortering,
        crate::koppelingen::KoppelingSortering,
        crate::audit_trail::ResourceSoort,
        crate::gebieden::GebiedSortering,
        crate::gebieden::Soort,
        crate::dna::Band,
        crate::dna::Aanpak,
        crate::trajecten::Plan,
        crate::trajecten::StapStatus,
    )),
    modifiers(&SecuritySchemes),
)]
struct ApiDoc;

struct SecuritySchemes;

impl Modify for SecuritySchemes {
    fn modify(&self, openapi: &mut Document) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("JWT")
                    .description(Some(
                        "Een access token van Weefsel (of van een vertrouwde identity provider van de gemeente).",
                    ))
                    .build(),
            ),
        );
    }
}

/// Het volledige document zoals de code het beschrijft.
pub fn document() -> Document {
    let (_, mut doc) = App::new()
        .into_utoipa_app()
        .openapi(ApiDoc::openapi())
        .configure(crate::app::routes)
        .split_for_parts();
    doc.info.version = API_VERSION.to_owned();
    for item in doc.paths.paths.values_mut() {
        for operation in [
            &mut item.get,
            &mut item.post,
            &mut item.put,
            &mut item.patch,
            &mut item.delete,
        ]
        .into_iter()
        .flatten()
        {
            add_common_responses(operation);
        }
    }
    doc
}

/// Het document als JSON zoals het in `openapi/openapi.json` staat.
pub fn document_json() -> String {
    let mut json = document().to_pretty_json().unwrap_or_default();
    json.push('\n');
    json
}

/// Wat elke operatie kan antwoorden, ook als de handler het niet noemt: 400 (een
/// onbekende of ongeldige queryparameter), 413 (body boven 1 MiB) en 500; 401 bij
/// een beveiligde operatie, 415 bij een body, 412 bij `If-Match`; en de headers
/// `API-Version` en `X-Request-Id` op elk antwoord.
fn add_common_responses(operation: &mut Operation) {
    let problem = || {
        ContentBuilder::new()
            .schema(Some(RefOr::Ref(Ref::from_schema_name("Problem"))))
            .build()
    };
    let common = [
        (
            "400",
            "Ongeldige invoer; alle ongeldige parameters staan in `invalidParams`.",
        ),
        ("413", "De body is groter dan 1 MiB."),
        (
            "500",
            "Interne fout; het antwoord noemt alleen het `requestId`.",
        ),
    ];
    let secured = operation.security.as_ref().is_some_and(|s| !s.is_empty());
    let unauthorized = (
        "401",
        "Geen, een ongeldig, verlopen of ingetrokken token (of een token in de query string); \
         zie `WWW-Authenticate`.",
    );
    let has_body = operation.request_body.is_some();
    let has_if_match = operation
        .parameters
        .as_ref()
        .is_some_and(|p| p.iter().any(|p| p.name == "If-Match"));
    let unsupported = (
        "415",
        "De body heeft een ander `Content-Type` dan de operatie aanneemt.",
    );
    let stale = (
        "412",
        "`If-Match` past niet bij de huidige versie (`ETag`); haal de resource opnieuw op.",
    );
    let responses: &mut Responses = &mut operation.responses;
    let extra = [
        secured.then_some(unauthorized),
        has_body.then_some(unsupported),
        has_if_match.then_some(stale),
    ];
    for (status, description) in common.into_iter().chain(extra.into_iter().flatten()) {
        responses
            .responses
            .entry(status.to_owned())
            .or_insert_with(|| {
                RefOr::T(
                    ResponseBuilder::new()
                        .description(description)
                        .content("application/problem+json", problem())
                        .build(),
                )
            });
    }
    for response in responses.responses.values_mut() {
        if let RefOr::T(response) = response {
            response.headers.insert(
                "API-Version".to_owned(),
                HeaderBuilder::new()
                    .schema(
                        utoipa::openapi::ObjectBuilder::new()
                            .schema_type(utoipa::openapi::schema::Type::String),
                    )
                    .description(Some("De versie van de API (semver)."))
                    .build(),
            );
            response.headers.insert(
                "X-Request-Id".to_owned(),
                HeaderBuilder::new()
                    .schema(
                        utoipa::openapi::ObjectBuilder::new()
                            .schema_type(utoipa::openapi::schema::Type::String),
                    )
                    .description(Some(
                        "Het request-id: overgenomen uit het verzoek of nieuw gemaakt.",
                    ))
                    .build(),
            );
        }
    }
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
    responses((status = 200, description = "Het OpenAPI-document (3.1).", content_type = "application/json", body = Object))
)]
#[get("/openapi.json")]
pub async fn serve(doc: web::Data<DocumentJson>) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("application/json")
        .insert_header(("Access-Control-Allow-Origin", "*"))
        .body(doc.0.clone())
}
