//! Optimistische gelijktijdigheid: elke wijzigbare resource heeft een versie, als
//! `ETag` in het antwoord; `PATCH` met `If-Match` op een oudere versie geeft 412,
//! zodat twee medewerkers elkaar nooit ongemerkt overschrijven.

use actix_web::dev::Payload;
use actix_web::http::{StatusCode, header};
use actix_web::{FromRequest, HttpRequest, HttpResponse, HttpResponseBuilder};

use crate::http::problem::{ApiError, ApiResult};

/// De ETag van versie `version`.
pub fn etag(version: i32) -> String {
    format!("\"{version}\"")
}

/// Het begin van een antwoord met één resource: `ETag`, en bij 201 ook `Location`
/// (`path`, bv. `/api/v1/gebieden/{id}`).
pub fn resource_response(status: StatusCode, version: i32, path: &str) -> HttpResponseBuilder {
    let mut builder = HttpResponse::build(status);
    builder.insert_header((header::ETAG, etag(version)));
    if status == StatusCode::CREATED {
        builder.insert_header((header::LOCATION, path.to_owned()));
    }
    builder
}

/// `If-Match` van een wijzigend verzoek (`PATCH`, `DELETE`). Elke zulke operatie
/// neemt dit aan en controleert het nadat de invoer goed is bevonden (eerst 400,
/// dan 412); het document noemt de header bij elke `PATCH` en `DELETE`.
#[derive(Debug, Clone)]
pub struct IfMatch(Option<String>);

impl IfMatch {
    /// 412 als `If-Match` is meegestuurd en niet bij `version` past. Zonder
    /// `If-Match` gaat de wijziging door (de laatste schrijver wint).
    pub fn check(&self, version: i32) -> ApiResult<()> {
        let Some(value) = &self.0 else {
            return Ok(());
        };
        let current = etag(version);
        let matches = value
            .split(',')
            .map(|v| v.trim().trim_start_matches("W/"))
            .any(|v| v == "*" || v == current);
        if matches {
            Ok(())
        } else {
            Err(ApiError::PreconditionFailed)
        }
    }
}

impl FromRequest for IfMatch {
    type Error = actix_web::Error;
    type Future = std::future::Ready<Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let value = req
            .headers()
            .get(header::IF_MATCH)
            .map(|v| v.to_str().unwrap_or_default().to_owned());
        std::future::ready(Ok(IfMatch(value)))
    }
}
