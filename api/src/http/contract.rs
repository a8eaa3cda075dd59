//! Het API-contract dat voor elk antwoord geldt (NL API Design Rules):
//! `API-Version`, `X-Request-Id`, beveiligingsheaders, problem details voor
//! elke fout, 404/405 voor onbekende routes en methoden, een grens van 1 MiB
//! op de body en controle van elke queryparameter tegen het OpenAPI-document.
//!
//! Volgorde van de lagen (buiten naar binnen): [`outer`] → tracing-span →
//! [`guard`] → handler. Zo wordt ook een afgewezen verzoek gelogd.

use std::time::{Duration, Instant};

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::error::{JsonPayloadError, PathError, QueryPayloadError, UrlencodedError};
use actix_web::http::Method;
use actix_web::http::header::{self, HeaderName, HeaderValue};
use actix_web::middleware::Next;
use actix_web::{Error, HttpMessage, HttpRequest, HttpResponse, web};

use crate::http::grenzen::{self, Grenzen};
use crate::http::problem::{ApiError, PROBLEM_JSON, Problem};
use crate::http::route_table::{Lookup, RouteTable};

/// De versie van de API (semver), in de header `API-Version` en in het document.
pub const API_VERSION: &str = "1.2.0";
/// De grootste body die de API aanneemt.
pub const MAX_BODY_BYTES: usize = 1024 * 1024;
pub const REQUEST_ID_HEADER: &str = "x-request-id";
/// Waar Swagger UI staat; daar geldt een ruimere Content-Security-Policy.
pub const DOCS_PATH: &str = "/api/v1/docs";
/// Waar de pagina van het dashboard staat (de module `dashboard`); daar geldt de
/// Content-Security-Policy van een pagina met eigen script en stijl.
pub const PAGINA_PATH: &str = "/dashboard";

const CSP_API: &str = "default-src 'none'; frame-ancestors 'none'";
const CSP_DOCS: &str = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; \
     img-src 'self' data:; connect-src 'self'; font-src 'self' data:; frame-ancestors 'none'";

/// De pagina van het dashboard: alleen haar eigen script en stijl, alleen de eigen API,
/// geen formulier dat zelf ergens heen gaat (het script logt in).
const CSP_PAGINA: &str = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; \
     img-src 'self'; form-action 'none'; base-uri 'none'; frame-ancestors 'none'";

/// Het request-id van dit verzoek: altijd nieuw (UUIDv7), van de dienst zelf.
#[derive(Debug, Clone)]
pub struct RequestId(pub String);

/// Het `X-Request-Id` dat de client meestuurde (als het een bruikbare waarde is): alleen
/// ter correlatie, nooit als request-id.
#[derive(Debug, Clone)]
pub struct CorrelatieId(pub String);

/// Wanneer het verzoek binnenkwam, voor de duur in het log.
#[derive(Debug, Clone, Copy)]
pub struct RequestStart(pub Instant);

fn acceptable_request_id(value: &str) -> bool {
    (1..=128).contains(&value.len())
        && value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b':'))
}

/// Buitenste laag: request-id, problem details voor elke fout en de vaste headers.
pub async fn outer(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, Error> {
    // Het request-id is altijd dat van de dienst (issue 30): een client kiest nooit de
    // sleutel van het verwerkingenlogboek of de audit trail. Wat hij meestuurde, gaat
    // als correlatie-id mee naar het verwerkingenlogboek en het log.
    let request_id = uuid::Uuid::now_v7().to_string();
    if let Some(correlatie) = req
        .headers()
        .get(REQUEST_ID_HEADER)
        .and_then(|v| v.to_str().ok())
        .filter(|v| acceptable_request_id(v))
        .map(str::to_owned)
    {
        req.extensions_mut().insert(CorrelatieId(correlatie));
    }
    req.extensions_mut().insert(RequestId(request_id.clone()));
    req.extensions_mut().insert(RequestStart(Instant::now()));
    let path = req.path().to_owned();
    let duur = req
        .app_data::<web::Data<Grenzen>>()
        .map_or(Duration::MAX, |g| g.verzoek);

    // Handlers, extractors en de fallback geven hun fouten als antwoord (met de
    // fout erin), dus ook die komen hier langs. Een `Err` kan alleen uit een laag
    // komen en gaat ongewijzigd door: het verzoek mag hier niet gekloond worden,
    // want de router moet het nog aanpassen. Daarom is een verzoek dat te lang duurt
    // ook een `Err` ([`Afgebroken`]), met het hele antwoord erin.
    let response = match tokio::time::timeout(duur, next.call(req)).await {
        Ok(response) => response?.map_into_boxed_body(),
        Err(_) => {
            tracing::warn!(request_id = %request_id, path = %path, "verzoek afgebroken: duurde te lang");
            return Err(Afgebroken::na(duur, &request_id, &path).into());
        }
    };
    let mut response = as_problem(response, &request_id, &path);
    vaste_headers(response.headers_mut(), &request_id, &path);
    Ok(response)
}

/// Een verzoek dat langer duurde dan [`Grenzen::verzoek`]: 503 met `Retry-After`. De
/// handler is gestopt; zijn transactie, als die nog liep, is teruggedraaid.
#[derive(Debug)]
struct Afgebroken {
    problem: Problem,
    request_id: String,
    path: String,
}

impl Afgebroken {
    fn na(duur: Duration, request_id: &str, path: &str) -> Self {
        let mut problem = Problem::from_error(&ApiError::Unavailable(format!(
            "Het verzoek duurde langer dan {} ms en is afgebroken. Een schrijvend verzoek is \
             dan niet bewaard, tenzij het al was afgerond: haal de resource op, of stuur het \
             opnieuw met dezelfde Idempotency-Key.",
            duur.as_millis()
        )));
        problem.instance = Some(path.to_owned());
        problem.request_id = Some(request_id.to_owned());
        Afgebroken {
            problem,
            request_id: request_id.to_owned(),
            path: path.to_owned(),
        }
    }
}

impl std::fmt::Display for Afgebroken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "verzoek afgebroken: {}", self.path)
    }
}

impl actix_web::ResponseError for Afgebroken {
    fn status_code(&self) -> actix_web::http::StatusCode {
        actix_web::http::StatusCode::SERVICE_UNAVAILABLE
    }

    fn error_response(&self) -> HttpResponse {
        let mut response = self.problem.to_response();
        let headers = response.headers_mut();
        headers.insert(header::RETRY_AFTER, HeaderValue::from_static("5"));
        vaste_headers(headers, &self.request_id, &self.path);
        response
    }
}

/// De headers op elk antwoord: versie, request-id en de beveiligingsheaders.
fn vaste_headers(headers: &mut header::HeaderMap, request_id: &str, path: &str) {
    let mut set = |name: &'static str, value: &str| {
        if let Ok(value) = HeaderValue::from_str(value) {
            headers.insert(HeaderName::from_static(name), value);
        }
    };
    set("api-version", API_VERSION);
    set(REQUEST_ID_HEADER, request_id);
    set("cache-control", "no-store");
    set("x-content-type-options", "nosniff");
    set("x-frame-options", "DENY");
    set(
        "strict-transport-security",
        "max-age=31536000; includeSubDomains",
    );
    set("referrer-policy", "no-referrer");
    let csp = if path == DOCS_PATH || path.starts_with("/api/v1/docs/") {
        CSP_DOCS
    } else if path == PAGINA_PATH {
        CSP_PAGINA
    } else {
        CSP_API
    };
    set("content-security-policy", csp);
}

/// Maakt van elke foutrespons problem details met `instance` en `requestId`.
fn as_problem(
    response: ServiceResponse<BoxBody>,
    request_id: &str,
    path: &str,
) -> ServiceResponse<BoxBody> {
    let status = response.status();
    if !(status.is_client_error() || status.is_server_error()) {
        return response;
    }
    let mut problem = match response
        .response()
        .error()
        .and_then(|e| e.as_error::<ApiError>())
    {
        Some(error) => Problem::from_error(error),
        None => Problem::generic(status),
    };
    problem.instance = Some(path.to_owned());
    problem.request_id = Some(request_id.to_owned());
    let body = serde_json::to_vec(&problem).unwrap_or_default();
    response.map_body(|head, _| {
        head.headers
            .insert(header::CONTENT_TYPE, HeaderValue::from_static(PROBLEM_JSON));
        head.headers.remove(header::CONTENT_LENGTH);
        BoxBody::new(body)
    })
}

/// Binnenste laag: de grens op de body en de controle van queryparameters.
pub async fn guard(
    mut req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, Error> {
    if let Some(length) = req.headers().get(header::CONTENT_LENGTH) {
        match length.to_str().ok().and_then(|v| v.parse::<usize>().ok()) {
            Some(n) if n > MAX_BODY_BYTES => {
                return Ok(req.error_response(ApiError::PayloadTooLarge {
                    limit: MAX_BODY_BYTES,
                }));
            }
            Some(_) => {}
            None => {
                return Ok(req.error_response(ApiError::BadRequest(
                    "De header Content-Length is geen geldig getal.".into(),
                )));
            }
        }
    }
    // HEAD is GET zonder body (RFC 9110 §9.3.2): dezelfde status en headers, dezelfde
    // rechten. De body laat de HTTP-laag weg, want die weet dat het verzoek HEAD was.
    if req.method() == Method::HEAD {
        req.head_mut().method = Method::GET;
    }
    // Een token hoort nooit in een URL (die belandt in logs en geschiedenis).
    if serde_urlencoded::from_str::<Vec<(String, String)>>(req.query_string())
        .unwrap_or_default()
        .iter()
        .any(|(name, _)| name == "access_token")
    {
        return Ok(req.error_response(ApiError::Unauthorized(
            "Een token in de query string wordt niet aangenomen; stuur het in de header \
             Authorization: Bearer <token>."
                .into(),
        )));
    }
    let checked = req.app_data::<web::Data<RouteTable>>().map(|table| {
        match table.lookup(req.method(), req.path()) {
            Lookup::Found(operation) => operation
                .check_query(req.query_string())
                .map_err(ApiError::Validation),
            // Het document is de routetabel: een methode die het pad niet heeft is 405,
            // ook als actix een andere route (`/{id}`) zou vinden.
            Lookup::MethodNotAllowed(allow) => Err(ApiError::MethodNotAllowed { allow }),
            Lookup::NotFound => Ok(()),
        }
    });
    if let Some(Err(error)) = checked {
        return Ok(req.error_response(error));
    }
    if let Some(duur) = req.app_data::<web::Data<Grenzen>>().map(|g| g.body) {
        grenzen::met_deadline(&mut req, duur);
    }
    #[cfg(debug_assertions)]
    {
        let (response, aantal) = queries::tellen(next.call(req)).await;
        let mut response = response?.map_into_boxed_body();
        response.headers_mut().insert(
            HeaderName::from_static(queries::HEADER),
            HeaderValue::from(aantal),
        );
        Ok(response)
    }
    #[cfg(not(debug_assertions))]
    next.call(req)
        .await
        .map(ServiceResponse::map_into_boxed_body)
}

/// In debugbuilds (de tests, schemathesis, `weefsel dev`) telt de dienst de
/// SQL-statements van elk verzoek en noemt het aantal in `X-Aantal-Queries`: een test
/// bewaakt daarmee dat een lijst geen query per rij doet (issue 11). `BEGIN` en het
/// einde van de transactie tellen niet mee. Niet in een releasebuild.
#[cfg(debug_assertions)]
pub mod queries {
    use std::cell::Cell;
    use std::future::Future;

    pub const HEADER: &str = "x-aantal-queries";

    tokio::task_local! {
        static TELLER: Cell<u32>;
    }

    /// De metric-callback van de pool: telt een statement bij het lopende verzoek.
    pub fn tel(_: &sea_orm::metric::Info<'_>) {
        let _ = TELLER.try_with(|t| t.set(t.get().saturating_add(1)));
    }

    /// Voert `verzoek` uit en geeft zijn uitkomst met het aantal statements.
    pub async fn tellen<F: Future>(verzoek: F) -> (F::Output, u32) {
        TELLER
            .scope(Cell::new(0), async {
                let uitkomst = verzoek.await;
                (uitkomst, TELLER.with(Cell::get))
            })
            .await
    }
}

/// Voor alles wat geen route heeft: 405 met `Allow` als het pad wel bestaat, anders 404.
/// Er is geen doorverwijzing bij een afsluitende `/`: dat pad bestaat gewoon niet.
pub async fn fallback(
    req: HttpRequest,
    table: web::Data<RouteTable>,
) -> Result<HttpResponse, ApiError> {
    match table.lookup(req.method(), req.path()) {
        Lookup::MethodNotAllowed(allow) => Err(ApiError::MethodNotAllowed { allow }),
        _ => Err(ApiError::NotFound),
    }
}

/// JSON-bodies: hoogstens 1 MiB, `Content-Type: application/json` verplicht.
pub fn json_config() -> web::JsonConfig {
    web::JsonConfig::default()
        .limit(MAX_BODY_BYTES)
        .error_handler(|error, _| json_error(error).into())
}

fn json_error(error: JsonPayloadError) -> ApiError {
    match error {
        JsonPayloadError::OverflowKnownLength { .. } | JsonPayloadError::Overflow { .. } => {
            ApiError::PayloadTooLarge {
                limit: MAX_BODY_BYTES,
            }
        }
        JsonPayloadError::ContentType => ApiError::UnsupportedMediaType {
            expected: "application/json",
        },
        JsonPayloadError::Deserialize(e) if e.is_data() => ApiError::BadRequest(format!(
            "De body past niet bij het schema van deze operatie: {e}."
        )),
        JsonPayloadError::Deserialize(e) => ApiError::BadRequest(format!(
            "De body is geen geldige JSON (regel {}, kolom {}).",
            e.line(),
            e.column()
        )),
        JsonPayloadError::Payload(e) if grenzen::is_verlopen(&e) => ApiError::RequestTimeout,
        _ => ApiError::BadRequest("De body kon niet worden gelezen.".into()),
    }
}

/// Formulierbodies (het token-endpoint): hoogstens 1 MiB.
pub fn form_config() -> web::FormConfig {
    web::FormConfig::default()
        .limit(MAX_BODY_BYTES)
        .error_handler(|error, _| {
            match error {
                UrlencodedError::Overflow { .. } => ApiError::PayloadTooLarge {
                    limit: MAX_BODY_BYTES,
                },
                UrlencodedError::ContentType => ApiError::UnsupportedMediaType {
                    expected: "application/x-www-form-urlencoded",
                },
                UrlencodedError::Payload(e) if grenzen::is_verlopen(&e) => ApiError::RequestTimeout,
                _ => ApiError::BadRequest("Het formulier in de body is niet te lezen.".into()),
            }
            .into()
        })
}

/// Query's zijn al tegen het document gecontroleerd ([`guard`]); dit vangt de rest.
pub fn query_config() -> web::QueryConfig {
    web::QueryConfig::default().error_handler(|error, _| {
        let QueryPayloadError::Deserialize(e) = error else {
            return ApiError::BadRequest("De query string is niet te lezen.".into()).into();
        };
        ApiError::BadRequest(format!("De query string is ongeldig: {e}.")).into()
    })
}

/// Een pad-id dat niet te lezen is, bestaat niet: 404.
pub fn path_config() -> web::PathConfig {
    web::PathConfig::default().error_handler(|_: PathError, _| ApiError::NotFound.into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_ids() {
        assert!(acceptable_request_id("abc-123_x.y:z"));
        assert!(!acceptable_request_id(""));
        assert!(!acceptable_request_id("met spatie"));
        assert!(!acceptable_request_id(&"a".repeat(129)));
    }
}
