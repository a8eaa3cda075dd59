//! Het token-endpoint (`POST /auth/token`): access tokens voor gebruikers en koppelingen;
//! en `POST /auth/wachtwoord`: een eigen wachtwoord kiezen (ook na een tijdelijk).

use crate::auth::zichtbaarheid::{Veld, Velden};
use utoipa::OpenApi;

mod handlers;
mod invoer;
mod pogingen;
mod weergave;

#[derive(OpenApi)]
#[openapi(tags((name = "Authenticatie", description = "Access tokens voor gebruikers en koppelingen.")))]
struct Doc;

pub const MODULE: super::Module = super::Module {
    invoer: &[crate::http::invoer::InvoerSchema::van::<
        invoer::WachtwoordWijziging,
    >()],
    velden: VELDEN,
    ..super::Module::alleen_routes(handlers::configure, <Doc as OpenApi>::openapi)
};

/// Wie welk veld ziet ([`crate::auth::zichtbaarheid`]; `docs/privacy.md`).
const VELDEN: &[Velden] = &[
    Velden {
        schemas: &["TokenAntwoord"],
        velden: &[
            Veld::openbaar("access_token", "Alleen aan de aanvrager zelf."),
            Veld::openbaar("token_type", "Altijd Bearer."),
            Veld::openbaar("scope", "De scopes van het token; alleen aan de aanvrager."),
        ],
    },
    Velden {
        schemas: &["TokenVerzoek"],
        velden: &[
            Veld::openbaar("grant_type", "password of client_credentials."),
            Veld::openbaar("username", "De accountnaam van de aanvrager."),
            Veld::openbaar("client_id", "Het client id van de aanvrager."),
            Veld::openbaar("scope", "Namen van scopes uit het document."),
        ],
    },
    Velden {
        schemas: &["WachtwoordWijziging"],
        velden: &[
            Veld::openbaar("gebruikersnaam", "De accountnaam van de aanvrager."),
            Veld::gemeente("wachtwoord", "Alleen invoer."),
            Veld::gemeente("nieuwWachtwoord", "Alleen invoer."),
        ],
    },
];
