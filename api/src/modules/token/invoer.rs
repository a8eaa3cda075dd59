//! De invoer van het token-endpoint (OAuth 2.0, als formulier of JSON) en van een nieuw
//! wachtwoord.

use sea_orm::FromQueryResult;
use serde::Deserialize;
use utoipa::ToSchema;
use uuid::Uuid;

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
