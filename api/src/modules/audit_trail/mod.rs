//! `GET /audit-trail`: de audit trail lezen (schrijven gaat via [`crate::audit`]).

use utoipa::OpenApi;

use crate::auth::Recht;
use crate::modules::Toegang;

mod handlers;

pub use handlers::*;

crate::tenancy::tenant_owned!(entity::audit_trail);

#[derive(OpenApi)]
#[openapi(
    tags((name = "Audit trail", description = "Wie veranderde wat, wanneer.")),
    components(schemas(ResourceSoort, crate::audit::Actie, crate::audit::Wijziging))
)]
struct Doc;

pub const MODULE: super::Module = super::Module {
    rechten: &[("listAuditTrail", Toegang::Recht(Recht::AuditTrailLezen))],
    routes: handlers::configure,
    document: <Doc as OpenApi>::openapi,
    tabellen: &["audit_trail"],
    audit_waarden: &[],
    invoer: &[],
};
