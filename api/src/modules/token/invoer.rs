//! De invoer van het token-endpoint (OAuth 2.0, als formulier of JSON) en van een nieuw
//! wachtwoord.

use actix_web::HttpRequest;
use actix_web::http::{StatusCode, header};
use base64::Engine;
use sea_orm::FromQueryResult;
use serde::Deserialize;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::http::problem::ApiResult;

/// Het tokenverzoek (`application/x-www-form-urlencoded`).
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct TokenVerzoek {
    /// `password` (gebruiker) of `client_credentials` (koppeling).
    #[schema(example = "password")]
    pub grant_type: Option<String>,
    /// Bij `password`: de gebruikersnaam.
    #[schema(example = "oss.coordinator")]
    pub username: Option<String>,
    /// Bij `password`: het wachtwoord.
    #[schema(format = Password)]
    pub password: Option<String>,
    /// Bij `client_credentials`: de `clientId` van de koppeling.
    pub client_id: Option<String>,
    /// Bij `client_credentials`: het client secret.
    #[schema(format = Password)]
    pub client_secret: Option<String>,
    /// Bij `client_credentials`: de scopes die het token krijgt, met spaties gescheiden;
    /// een deel van die van de koppeling (anders 400 `invalid_scope`). Zonder (of leeg):
    /// alle scopes van de koppeling. Een gebruiker krijgt zijn rechten uit zijn rollen
    /// en vraagt geen scopes.
    #[schema(example = "gebieden.lezen initiatieven.lezen", max_length = 1000)]
    pub scope: Option<String>,
}

impl TokenVerzoek {
    /// De gevraagde scopes; `None` zonder `scope` of met een lege.
    pub(super) fn scopes(&self) -> Option<Vec<&str>> {
        let scopes: Vec<&str> = self.scope.as_deref()?.split_whitespace().collect();
        (!scopes.is_empty()).then_some(scopes)
    }
}

/// Client id en secret uit `Authorization: Basic …` (`client_secret_basic`, RFC 6749
/// §2.3.1): base64 van `id:secret`, elk van beide eerst form-urlencoded (Appendix B),
/// dus hier gedecodeerd. `None` zonder header of met een ander schema. Onleesbare
/// Basic-gegevens zijn een mislukte client-authenticatie: 401 `invalid_client`.
pub(super) fn basic(req: &HttpRequest) -> ApiResult<Option<(String, String)>> {
    let Some(waarde) = req.headers().get(header::AUTHORIZATION) else {
        return Ok(None);
    };
    let waarde = waarde.to_str().unwrap_or_default().trim();
    let (schema, gegevens) = waarde.split_once(' ').unwrap_or((waarde, ""));
    if !schema.eq_ignore_ascii_case("basic") {
        return Ok(None);
    }
    let onleesbaar = || {
        super::weergave::oauth(
            StatusCode::UNAUTHORIZED,
            "invalid_client",
            "De Basic-gegevens zijn onleesbaar: stuur base64 van client_id:client_secret, \
             elk form-urlencoded.",
        )
    };
    let tekst = base64::engine::general_purpose::STANDARD
        .decode(gegevens.trim())
        .ok()
        .and_then(|b| String::from_utf8(b).ok())
        .ok_or_else(onleesbaar)?;
    let (id, geheim) = tekst.split_once(':').ok_or_else(onleesbaar)?;
    let decodeer = |deel: &str| {
        percent_encoding::percent_decode_str(&deel.replace('+', " "))
            .decode_utf8()
            .map(|t| t.into_owned())
            .map_err(|_| onleesbaar())
    };
    Ok(Some((decodeer(id)?, decodeer(geheim)?)))
}

#[derive(Debug, FromQueryResult)]
pub(super) struct Credentials {
    pub(super) id: Uuid,
    pub(super) actief: bool,
    pub(super) gemeente_code: Option<String>,
    pub(super) rollen: Vec<String>,
    pub(super) scopes: Vec<String>,
    pub(super) token_generatie: i32,
    pub(super) wachtwoord_tijdelijk: bool,
    /// Een activeringscode van meer dan 72 uur oud.
    pub(super) verlopen: bool,
}

/// Een eigen wachtwoord kiezen (`application/json`).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct WachtwoordWijziging {
    #[schema(example = "oss.jvandijk", min_length = 1, max_length = 64)]
    pub(super) gebruikersnaam: String,
    /// Het huidige wachtwoord, ook een tijdelijk, of de activeringscode van een nieuw
    /// account (72 uur geldig).
    #[schema(write_only, min_length = 1, max_length = 256)]
    pub(super) wachtwoord: String,
    /// Anders dan het huidige; 12–256 tekens, niet alleen witruimte, en niet te raden (NIST SP 800-63B): niet de gebruikersnaam of een deel ervan, geen veelgebruikt of gelekt wachtwoord of bekend woord met wat cijfers, geen reeks (`123456789012`) en minstens 5 verschillende tekens; anders 400 `te_zwak` met de reden.
    #[schema(write_only, min_length = 12, max_length = 256)]
    pub(super) nieuw_wachtwoord: String,
}
