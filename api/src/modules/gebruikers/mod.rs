//! Accounts van medewerkers, met hun gemeente en rollen.

use crate::auth::zichtbaarheid::{Veld, Velden};
use utoipa::OpenApi;

use crate::modules::Toegang;

use crate::http::invoer::InvoerSchema;

mod handlers;
mod invoer;
mod regels;
mod weergave;

use invoer::GebruikerSortering;
pub use invoer::NieuweGebruiker;

// `gewijzigdOp` van de rijen in de lijsten van deze module (`gewijzigdSinds`,
// `sorteer=gewijzigdOp`).
crate::gewijzigd_op!(gebruiker => UpdatedAt);

pub(crate) use weergave::RESOURCE;

crate::tenancy::tenant_owned!(entity::gebruiker, id);

#[derive(OpenApi)]
#[openapi(
    tags((name = "Gebruikers", description = "Accounts van medewerkers, met hun gemeente en rollen.")),
    components(schemas(GebruikerSortering, crate::auth::Rol))
)]
struct Doc;

pub const MODULE: super::Module = super::Module {
    rechten: &[
        ("listGebruikers", Toegang::GeenKoppeling),
        ("getMij", Toegang::GeenKoppeling),
        ("getGebruiker", Toegang::GeenKoppeling),
        ("createGebruiker", Toegang::GeenKoppeling),
        ("updateGebruiker", Toegang::GeenKoppeling),
    ],
    routes: handlers::configure,
    document: <Doc as OpenApi>::openapi,
    velden: VELDEN,
    tabellen: &["gebruiker"],
    audit_waarden: &[crate::audit::Waarden {
        resource: "gebruiker",
        velden: &["gebruikersnaam", "gemeente", "rollen", "actief", "externId"],
    }],
    invoer: &[
        InvoerSchema::van::<invoer::NieuweGebruiker>(),
        InvoerSchema::van::<invoer::GebruikerWijziging>(),
    ],
};

/// Controleert dat `ids` actieve gebruikers van gemeente `gemeente_id` zijn, elk één
/// keer genoemd (contactambtenaren van een netwerk, wie een persoon met verhoogd
/// risico ziet); anders een fout op `veld`.
pub async fn actieve_gebruikers(
    ctx: &crate::tenancy::Context,
    gemeente_id: uuid::Uuid,
    ids: &[uuid::Uuid],
    veld: &str,
    fouten: &mut crate::http::invoer::Fouten,
) -> crate::http::problem::ApiResult<()> {
    actieve_gebruikers_met_rol(ctx, gemeente_id, ids, &[], veld, fouten).await
}

/// Als [`actieve_gebruikers`], en elk heeft een van `rollen` (leeg: elke rol), zoals
/// de behandelaar van een melding.
pub async fn actieve_gebruikers_met_rol(
    ctx: &crate::tenancy::Context,
    gemeente_id: uuid::Uuid,
    ids: &[uuid::Uuid],
    rollen: &[crate::auth::Rol],
    veld: &str,
    fouten: &mut crate::http::invoer::Fouten,
) -> crate::http::problem::ApiResult<()> {
    use sea_orm::sea_query::Expr;
    use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryTrait};
    if ids.is_empty() {
        return Ok(());
    }
    let rollen: Vec<String> = rollen.iter().map(|r| r.as_str().to_owned()).collect();
    let gevonden = entity::gebruiker::Entity::find()
        .filter(entity::gebruiker::Column::Id.is_in(ids.iter().copied()))
        .filter(entity::gebruiker::Column::GemeenteId.eq(gemeente_id))
        .filter(entity::gebruiker::Column::Actief.eq(true))
        .apply_if((!rollen.is_empty()).then_some(rollen), |q, r| {
            q.filter(Expr::cust_with_values("rollen && $1", [r]))
        })
        .count(ctx.db())
        .await?;
    fouten.elk_een_keer(
        ids,
        gevonden,
        veld,
        "Noem elke gebruiker één keer, als actieve gebruiker van uw gemeente (met een passende rol).",
    );
    Ok(())
}

/// Wie welk veld ziet ([`crate::auth::zichtbaarheid`]; `docs/privacy.md`).
const VELDEN: &[Velden] = &[Velden {
    schemas: &[
        "Gebruiker",
        "NieuweGebruiker",
        "GebruikerWijziging",
        "NieuweGebruikerAntwoord",
    ],
    velden: &[
        Veld::openbaar("gemeente", "De CBS-code van de gemeente."),
        Veld::openbaar(
            "gebruikersnaam",
            "De accountnaam van een medewerker; accounts lezen alleen beheerders.",
        ),
        Veld::openbaar(
            "externId",
            "Het id bij de identity provider van de gemeente.",
        ),
        Veld::openbaar(
            "activatiecode",
            "Eenmalig, alleen in het antwoord aan wie het eerste account van een gemeente maakte.",
        ),
        Veld::gemeente(
            "wachtwoord",
            "Alleen invoer; nooit in een antwoord of de audit trail.",
        ),
    ],
}];
