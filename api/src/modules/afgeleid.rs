//! Afgeleide wijzigingen (issue 38): staat een resource in de representatie van een
//! andere (de afspraken van een bijeenkomst bij haar netwerk, een bijeenkomst of
//! oefening bij de stap van haar traject), dan wijzigt die andere mee. De audit trail
//! zegt het, en zo de wijzigingenstroom: wie de andere bijhoudt, leest haar opnieuw.

use sea_orm::ActiveValue;
use uuid::Uuid;

use crate::audit::{Actie, Wijzigingen};
use crate::http::problem::ApiResult;
use crate::tenancy::Context;

/// Legt `<resource> gewijzigd` met de naam `veld` vast voor elk genoemd id, elk één keer.
pub async fn geraakt(
    ctx: &Context,
    resource: &'static str,
    gemeente_id: Uuid,
    ids: &[Option<Uuid>],
    veld: &str,
) -> ApiResult<()> {
    let mut gedaan: Vec<Uuid> = Vec::new();
    for id in ids.iter().flatten() {
        if gedaan.contains(id) {
            continue;
        }
        gedaan.push(*id);
        let w = Wijzigingen::new().alleen_naam(veld);
        ctx.vastleggen(Actie::Gewijzigd, resource, Some(gemeente_id), id, w)
            .await?;
    }
    Ok(())
}

/// De waarde na een wijziging: wat gezet is, of anders de huidige.
pub fn na<'a, T>(nieuw: &'a ActiveValue<T>, huidig: &'a T) -> &'a T
where
    T: Into<sea_orm::Value>,
{
    match nieuw {
        ActiveValue::Set(x) | ActiveValue::Unchanged(x) => x,
        ActiveValue::NotSet => huidig,
    }
}

/// Raakt een wijziging met deze velden (`Wijzigingen::velden`) een van `velden`?
pub fn raakt(gewijzigd: &[&str], velden: &[&str]) -> bool {
    velden.iter().any(|v| gewijzigd.contains(v))
}
