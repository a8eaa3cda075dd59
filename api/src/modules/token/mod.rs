//! Het token-endpoint (`POST /auth/token`): access tokens voor gebruikers en koppelingen.

use utoipa::OpenApi;

mod handlers;

pub use handlers::*;

#[derive(OpenApi)]
#[openapi(tags((name = "Authenticatie", description = "Access tokens voor gebruikers en koppelingen.")))]
struct Doc;

pub const MODULE: super::Module = super::Module {
    routes: handlers::configure,
    document: <Doc as OpenApi>::openapi,
    tabellen: &[],
    audit_waarden: &[],
    invoer: &[],
};
