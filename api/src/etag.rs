//! Optimistische gelijktijdigheid: elke wijzigbare resource heeft een versie, als
//! `ETag` in het antwoord; `PATCH` met `If-Match` op een oudere versie geeft 412,
//! zodat twee medewerkers elkaar nooit ongemerkt overschrijven.

use actix_web::HttpRequest;
use actix_web::http::header;

use crate::error::{ApiError, ApiResult};

/// De ETag van versie `version`.
pub fn etag(version: i32) -> String {
    format!("\"{version}\"")
}

/// 412 als `If-Match` is meegestuurd en niet bij `version` past. Zonder `If-Match`
/// gaat de wijziging door (de laatste schrijver wint).
pub fn check_if_match(req: &HttpRequest, version: i32) -> ApiResult<()> {
    let Some(value) = req.headers().get(header::IF_MATCH) else {
        return Ok(());
    };
    let value = value.to_str().unwrap_or_default();
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
