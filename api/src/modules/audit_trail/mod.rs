//! `GET /audit-trail`: de audit trail lezen (schrijven gaat via [`crate::audit`]).

use crate::auth::zichtbaarheid::{Veld, Velden};
use utoipa::OpenApi;

use crate::auth::Recht;
use crate::modules::Toegang;

mod handlers;
mod weergave;

pub use weergave::ResourceSoort;

// `gewijzigdOp` van de rijen in de lijsten van deze module (`gewijzigdSinds`,
// `sorteer=gewijzigdOp`).
crate::gewijzigd_op!(audit_trail => Tijdstip);
crate::gewijzigd_op!(audit_kop => GetekendOp / Volgnummer);

crate::tenancy::tenant_owned!(entity::audit_trail);
crate::tenancy::tenant_owned!(entity::audit_kop);

#[derive(OpenApi)]
#[openapi(
    tags((name = "Audit trail", description = "Wie veranderde wat, wanneer.")),
    components(schemas(ResourceSoort, crate::audit::Actie, crate::audit::Wijziging))
)]
struct Doc;

pub const MODULE: super::Module = super::Module {
    rechten: &[
        ("listAuditTrail", Toegang::Recht(Recht::AuditTrailLezen)),
        (
            "listAuditTrailKoppen",
            Toegang::Recht(Recht::AuditTrailLezen),
        ),
    ],
    routes: handlers::configure,
    document: <Doc as OpenApi>::openapi,
    velden: VELDEN,
    tabellen: &["audit_trail", "audit_kop"],
    audit_waarden: &[crate::audit::Waarden {
        resource: crate::audit::KETEN_RESOURCE,
        velden: &["volgnummer", "hash"],
    }],
    invoer: &[],
};

/// Wie welk veld ziet ([`crate::auth::zichtbaarheid`]; `docs/privacy.md`).
const VELDEN: &[Velden] = &[
    Velden {
        schemas: &["AuditRegel"],
        velden: &[
            Veld::openbaar("gemeente", "De CBS-code van de gemeente."),
            Veld::openbaar("resource", "De soort resource."),
            Veld::openbaar("resourceId", "Het id van de resource."),
            Veld::openbaar("requestId", "Het id dat de dienst aan het verzoek gaf."),
            Veld::openbaar("hash", "Een MAC of hash over de regel, geen inhoud."),
            Veld::openbaar("sleutelId", "Het id van een sleutel, niet de sleutel."),
        ],
    },
    Velden {
        schemas: &["AuditKop"],
        velden: &[
            Veld::openbaar("gemeente", "De CBS-code van de gemeente."),
            Veld::openbaar("keten", "De CBS-code of `regio`."),
            Veld::openbaar("kop", "Een MAC over de keten, geen inhoud."),
            Veld::openbaar("handtekening", "Een JWS over keten, volgnummer en kop."),
        ],
    },
    Velden {
        schemas: &["AuditActor"],
        velden: &[Veld::openbaar("soort", "gebruiker, koppeling of systeem.")],
    },
];
