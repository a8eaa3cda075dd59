//! Een bijeenkomst staat in de representatie van anderen: met afspraken bij haar
//! netwerk (`afsprakenBijeenkomsten`), met een traject bij de stap ervan
//! (`stappen.*.bijeenkomstIds`). Wie haar aanmaakt, wijzigt of verwijdert, wijzigt die
//! ook ([`crate::modules::afgeleid`]).

use entity::bijeenkomst;
use uuid::Uuid;

use crate::http::problem::ApiResult;
use crate::modules::afgeleid::{geraakt, na, raakt};
use crate::tenancy::Context;

/// Het netwerk in wiens representatie de bijeenkomst staat, als ze afspraken heeft.
fn toont(netwerk_id: Option<Uuid>, afspraken: bool) -> Option<Uuid> {
    netwerk_id.filter(|_| afspraken)
}

/// Na het aanmaken of voor het verwijderen van `b`.
pub(super) async fn aangeraakt(ctx: &Context, b: &bijeenkomst::Model) -> ApiResult<()> {
    let netwerk = toont(b.netwerk_id, b.afspraken.is_some());
    geraakt(
        ctx,
        "netwerk",
        b.gemeente_id,
        &[netwerk],
        "afsprakenBijeenkomsten",
    )
    .await?;
    geraakt(ctx, "traject", b.gemeente_id, &[b.traject_id], "stappen").await
}

/// Voor een wijziging van `huidig` in `model` met deze gewijzigde velden.
pub(super) async fn gewijzigd(
    ctx: &Context,
    huidig: &bijeenkomst::Model,
    model: &bijeenkomst::ActiveModel,
    velden: &[&str],
) -> ApiResult<()> {
    let g = huidig.gemeente_id;
    if raakt(velden, &["afspraken", "netwerkId", "datum"]) {
        let voor = toont(huidig.netwerk_id, huidig.afspraken.is_some());
        let netwerk = *na(&model.netwerk_id, &huidig.netwerk_id);
        let nu = toont(netwerk, na(&model.afspraken, &huidig.afspraken).is_some());
        geraakt(ctx, "netwerk", g, &[voor, nu], "afsprakenBijeenkomsten").await?;
    }
    if raakt(velden, &["trajectId", "stap"]) {
        let nu = *na(&model.traject_id, &huidig.traject_id);
        geraakt(ctx, "traject", g, &[huidig.traject_id, nu], "stappen").await?;
    }
    Ok(())
}
