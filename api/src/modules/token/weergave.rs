//! Het antwoord van het token-endpoint en zijn fouten in de vorm van OAuth 2.0.

use crate::http::problem::ApiError;
use actix_web::http::StatusCode;
use serde::Serialize;
use utoipa::ToSchema;

/// Een access token (RFC 6749, 5.1).
#[derive(Debug, Serialize, ToSchema)]
pub struct TokenAntwoord {
    /// Een JWT, ondertekend met EdDSA of ES256 (`kid` in de header).
    pub access_token: String,
    #[schema(example = "Bearer")]
    pub token_type: &'static str,
    /// Geldigheid in seconden (standaard 900).
    #[schema(example = 900)]
    pub expires_in: u64,
    /// Bij een koppeling: de scopes van het token, met spaties gescheiden (RFC 6749,
    /// 5.1); ontbreekt bij een gebruiker, die zijn rechten uit zijn rollen haalt.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(example = "gebieden.lezen initiatieven.lezen")]
    pub scope: Option<String>,
}

pub(super) fn oauth(status: StatusCode, error: &'static str, detail: &str) -> ApiError {
    ApiError::OAuth {
        status,
        code: None,
        error,
        detail: detail.to_owned(),
        params: Vec::new(),
    }
}
