//! Gebieden als dienst voor de rest: zijn genoemde gebieden die van de eigen gemeente,
//! en welke gebieden "passen" op een gebied (het gebied, zijn voorouders en zijn
//! afstammelingen: `weefsel_gebied_verwant`, migratie 000034).

use entity::gebied;
use entity::soorten::GebiedSoort;
use sea_orm::sea_query::{Expr, SimpleExpr};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::http::invoer::Fouten;
use crate::http::problem::ApiResult;
use crate::tenancy::Context;

/// Noemt `ids` elk gebied één keer, als gebied van de eigen gemeente? Anders een fout
/// op `veld`. Een lege lijst is goed.
pub(crate) async fn controleer_eigen(
    ctx: &Context,
    ids: &[Uuid],
    veld: &str,
    fouten: &mut Fouten,
) -> ApiResult<()> {
    if ids.is_empty() {
        return Ok(());
    }
    let gevonden = ctx
        .scoped(gebied::Entity::find())
        .filter(gebied::Column::Id.is_in(ids.iter().copied()))
        .count(ctx.db())
        .await?;
    fouten.elk_een_keer(
        ids,
        gevonden,
        veld,
        "Noem elk gebied één keer, als gebied van uw gemeente.",
    );
    Ok(())
}

/// Een voorwaarde op een rij met `gemeente_id` en een kolom met gebieden (`uuid[]`,
/// leeg: de hele gemeente): is ze van de gemeente van `gebied` en dekt ze het gebied,
/// een voorouder of een afstammeling ervan?
pub(crate) fn dekt(kolom: &str, gebied: Uuid) -> SimpleExpr {
    Expr::cust_with_values(
        format!(
            "(gemeente_id = (SELECT g.gemeente_id FROM gebied g WHERE g.id = $1) \
              AND (cardinality({kolom}) = 0 OR {kolom} && ARRAY(SELECT weefsel_gebied_verwant($1))))"
        ),
        [gebied],
    )
}

/// Een gebied kort: genoemd in het crisisbeeld en de sociale kaart per gebied.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct GebiedKort {
    pub id: Uuid,
    pub naam: String,
    pub soort: GebiedSoort,
}

/// Gebied `id` als het van de eigen gemeente is (de leesregel van de aanroeper).
pub(crate) async fn eigen_gebied(ctx: &Context, id: Uuid) -> ApiResult<Option<GebiedKort>> {
    Ok(ctx
        .scoped(gebied::Entity::find_by_id(id))
        .one(ctx.db())
        .await?
        .map(|g| GebiedKort {
            id: g.id,
            naam: g.naam,
            soort: g.soort,
        }))
}
