//! Het token-endpoint (`POST /auth/token`): access tokens voor gebruikers en koppelingen;
//! en `POST /auth/wachtwoord`: een eigen wachtwoord kiezen (ook na een tijdelijk).

use utoipa::OpenApi;

mod handlers;

pub use handlers::*;

#[derive(OpenApi)]
#[openapi(tags((name = "Authenticatie", description = "Access tokens voor gebruikers en koppelingen.")))]
struct Doc;

pub const MODULE: super::Module = super::Module {
    invoer: &[crate::http::invoer::InvoerSchema::van::<
        handlers::WachtwoordWijziging,
    >()],
    ..super::Module::alleen_routes(handlers::configure, <Doc as OpenApi>::openapi)
};
