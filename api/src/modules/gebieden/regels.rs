//! De regels over een gebied die het schema niet kent: een CBS-code van de eigen
//! gemeente, een bovenliggend gebied zonder kring, een handmatige keuze met reden.

use super::invoer::*;
use crate::auth::Actor;
use crate::domein::codes::{CbsGebiedCode, GemeenteCode};
use crate::domein::dna::Handmatig;
use crate::http::invoer::Fouten;
use crate::http::problem::Foutcode;
use crate::http::problem::{ApiError, ApiResult};
use crate::tenancy::Context;
use chrono::Utc;
use entity::gebied;
use sea_orm::{ConnectionTrait, DbBackend, Statement};
use serde_json::Value;
use uuid::Uuid;

/// De regels die het schema niet kan uitdrukken, voor aanmaken en wijzigen samen:
/// een CBS-code van de eigen gemeente, een bestaand bovenliggend gebied zonder kring
/// en een handmatige keuze die iets kiest. Geeft de keuze als opgeslagen waarde.
pub(super) async fn check_regels(
    ctx: &Context,
    cbs_code: Option<&CbsGebiedCode>,
    ouder: Option<Uuid>,
    handmatig: Option<&HandmatigInvoer>,
    zelf: Option<Uuid>,
    fouten: &mut Fouten,
) -> ApiResult<Option<Value>> {
    if let Some(code) = cbs_code {
        let codes = ctx.codes().await?;
        let eigen = ctx
            .eigen_gemeente()
            .ok()
            .and_then(|id| codes.get(&id))
            .and_then(|c| GemeenteCode::parse(c));
        if let Some(eigen) = eigen.filter(|e| !code.hoort_bij(e)) {
            let cijfers = eigen.cijfers();
            fouten.reject(
                "cbsCode",
                Foutcode::Ongeldig,
                format!("Een CBS-code van deze gemeente begint met WK{cijfers} of BU{cijfers}."),
            );
        }
    }
    if let Some(ouder) = ouder
        && let Err(reason) = check_ouder(ctx, ouder, zelf).await?
    {
        fouten.reject("bovenliggendGebiedId", Foutcode::Ongeldig, reason);
    }
    let keuze = handmatig.map(|h| {
        fouten.check(
            h.grootteklasse.is_some() || h.cohesie.is_some() || h.aanpak.is_some(),
            "handmatig.grootteklasse",
            Foutcode::Verplicht,
            "Kies minstens één van grootteklasse, cohesie en aanpak.",
        );
        let door = match ctx.caller.actor {
            Actor::Gebruiker(id) | Actor::Koppeling(id) => Some(id),
            Actor::Systeem => None,
        };
        serde_json::to_value(Handmatig {
            grootteklasse: h.grootteklasse,
            cohesie: h.cohesie,
            aanpak: h.aanpak.clone(),
            reden: h.reden.clone(),
            door,
            op: Utc::now(),
        })
        .unwrap_or(Value::Null)
    });
    Ok(keuze)
}

/// Het bovenliggende gebied bestaat in de eigen gemeente en maakt geen kring.
pub(super) async fn check_ouder(
    ctx: &Context,
    ouder: Uuid,
    zelf: Option<Uuid>,
) -> ApiResult<Result<(), String>> {
    // Alleen een echt ontbrekend gebied "bestaat niet"; een databasefout is een 500.
    match ctx.find_om_te_verwijzen::<gebied::Entity>(ouder).await {
        Ok(_) => {}
        Err(ApiError::NotFound) => {
            return Ok(Err("Dit gebied bestaat niet in uw gemeente.".into()));
        }
        Err(error) => return Err(error),
    }
    let Some(zelf) = zelf else { return Ok(Ok(())) };
    if ouder == zelf {
        return Ok(Err("Een gebied kan niet in zichzelf liggen.".into()));
    }
    // De keten van voorouders van het nieuwe bovenliggende gebied mag `zelf` niet bevatten.
    let kring = ctx
        .db()
        .query_one_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "WITH RECURSIVE voorouders(id, ouder, diepte) AS ( \
               SELECT id, bovenliggend_gebied_id, 1 FROM gebied WHERE id = $1 \
               UNION ALL \
               SELECT g.id, g.bovenliggend_gebied_id, v.diepte + 1 FROM gebied g \
               JOIN voorouders v ON g.id = v.ouder WHERE v.diepte < 100) \
             SELECT EXISTS (SELECT 1 FROM voorouders WHERE id = $2)",
            [ouder.into(), zelf.into()],
        ))
        .await?
        .and_then(|row| row.try_get_by_index::<bool>(0).ok())
        .unwrap_or(false);
    Ok(if kring {
        Err(
            "Dit zou een kring maken: het gekozen gebied ligt zelf (indirect) in dit gebied."
                .into(),
        )
    } else {
        Ok(())
    })
}
