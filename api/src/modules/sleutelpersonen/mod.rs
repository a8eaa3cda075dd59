//! Sleutelpersonen: het record voor wie het mag lezen, de persoonsgegevens achter
//! hun eigen row-level security, het verwerkingenlogboek bij elke verwerking, de
//! anonimisering en de inzage (DOMAIN.md, "Personal data").

use utoipa::OpenApi;

use crate::http::invoer::InvoerSchema;

mod checkins;
mod handlers;
mod invoer;
mod weergave;

pub use handlers::*;
pub use invoer::*;
pub use weergave::*;

crate::tenancy::tenant_owned!(entity::sleutelpersoon, id);
crate::tenancy::tenant_owned!(entity::sleutelpersoon_gegevens);
crate::tenancy::tenant_owned!(entity::sleutelpersoon_status);
crate::tenancy::tenant_owned!(entity::sleutelpersoon_checkin, id);

#[derive(OpenApi)]
#[openapi(
    tags((name = "Sleutelpersonen", description = "Sleutelpersonen met hun levensloop en toestemming. Persoonsgegevens ziet alleen de gemeente zelf (coördinator, gemeente_beheerder, koppelingen met sleutelpersonen.lezen); elke verwerking staat in het verwerkingenlogboek. Zoeken op naam alleen met POST /sleutelpersonen/_zoek.")),
    components(schemas(entity::soorten::SleutelpersoonType, entity::soorten::SleutelpersoonStatus, DelenMet, DelenGroep))
)]
struct Doc;

pub const MODULE: super::Module = super::Module {
    routes: handlers::configure,
    document: <Doc as OpenApi>::openapi,
    tabellen: &[
        "sleutelpersoon",
        "sleutelpersoon_gegevens",
        "sleutelpersoon_status",
        "sleutelpersoon_checkin",
    ],
    audit_waarden: &[
        crate::audit::Waarden {
            resource: "sleutelpersoon_checkin",
            velden: &["sleutelpersoonId", "datum"],
        },
        crate::audit::Waarden {
            resource: "sleutelpersoon",
            velden: &[
                "gebiedId",
                "typen",
                "status",
                "statusSinds",
                "wervingsmethode",
                "voorgedragenDoor",
                "uitstroomreden",
                "exitgesprek",
                "buddyId",
                "laatsteContact",
                "verhoogdRisico",
                "bewaartermijnTot",
                "toestemming",
                "geanonimiseerd",
            ],
        },
    ],
    invoer: &[
        InvoerSchema::van::<invoer::NieuweSleutelpersoon>(),
        InvoerSchema::van::<invoer::SleutelpersoonWijziging>(),
        InvoerSchema::van::<invoer::SleutelpersoonZoekvraag>(),
        InvoerSchema::van::<checkins::NieuweCheckin>(),
    ],
};

/// Welke van deze sleutelpersonen de aanroeper mag zien: wie hun persoonsgegevens
/// ziet (de leesregel van `sleutelpersoon_gegevens`: de gemeente met toegang tot
/// persoonsgegevens, en bij verhoogd risico alleen de genoemde ambtenaren). Voor
/// lijsten van aanwezigen en deelnemers, in één query per pagina.
pub async fn zichtbaar(
    ctx: &crate::tenancy::Context,
    ids: impl IntoIterator<Item = uuid::Uuid>,
) -> crate::http::problem::ApiResult<std::collections::HashSet<uuid::Uuid>> {
    use entity::sleutelpersoon_gegevens as g;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QuerySelect};
    let ids: Vec<uuid::Uuid> = ids.into_iter().collect();
    // Ook zonder ids één query: een lijst doet dan voor elke pagina evenveel werk.
    if !ctx.caller.has(crate::auth::Recht::PersoonsgegevensLezen) {
        return Ok(Default::default());
    }
    let zichtbaar: Vec<uuid::Uuid> = g::Entity::find()
        .select_only()
        .column(g::Column::SleutelpersoonId)
        .filter(g::Column::SleutelpersoonId.is_in(ids))
        .into_tuple()
        .all(ctx.db())
        .await?;
    Ok(zichtbaar.into_iter().collect())
}

/// Een nieuwe lijst ids van sleutelpersonen (aanwezigen, deelnemers) die de
/// aanroeper niet allemaal ziet: wie hij niet ziet, blijft staan zoals het was.
pub fn met_verborgen(
    nieuw: Vec<uuid::Uuid>,
    oud: &[uuid::Uuid],
    zichtbaar: &std::collections::HashSet<uuid::Uuid>,
) -> Vec<uuid::Uuid> {
    let mut lijst = nieuw;
    for id in oud {
        if !zichtbaar.contains(id) && !lijst.contains(id) {
            lijst.push(*id);
        }
    }
    lijst
}
