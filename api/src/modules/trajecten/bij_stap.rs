//! Wat bij een stap van een traject hoort: bijeenkomsten en oefeningen noemen
//! `trajectId` en `stap` (samen of geen van beide), en de stap moet er een van het
//! plan van dat traject zijn. Eén regel voor beide resources.

use entity::{bijeenkomst, oefening, traject};
use sea_orm::{ColumnTrait, QueryFilter, QuerySelect};
use std::collections::HashMap;
use uuid::Uuid;

use crate::domein::stappenplan::Stappen;
use crate::http::invoer::Invoer;
use crate::http::problem::{ApiResult, Foutcode};
use crate::tenancy::{Context, TenantOwned};

/// Het traject van een bijeenkomst of oefening na dit verzoek, met de stap; `huidig`
/// is wat er nu staat (een nieuwe: `(None, None)`). Een onbekend traject, een stap
/// zonder traject (of andersom) of een stap die het plan niet kent: een fout op het
/// veld, in `invoer`.
pub(crate) async fn stap_verwijzing<T>(
    ctx: &Context,
    invoer: &mut Invoer<T>,
    huidig: (Option<Uuid>, Option<i16>),
) -> ApiResult<Option<(traject::Model, i16)>>
where
    T: serde::de::DeserializeOwned + utoipa::ToSchema,
{
    let genoemd = ctx
        .verwijzing::<traject::Entity, _>(invoer, "trajectId")
        .await?;
    let traject_id = if invoer.heeft("trajectId") {
        invoer.veld::<Uuid>("trajectId")
    } else {
        huidig.0
    };
    let stap = if invoer.heeft("stap") {
        invoer.veld::<i16>("stap")
    } else {
        huidig.1
    };
    let fouten = invoer.fouten();
    match (traject_id, stap) {
        (None, None) => Ok(None),
        (Some(_), None) => {
            fouten.reject(
                "stap",
                Foutcode::Verplicht,
                "Noem bij een traject ook de stap waarbij dit hoort.",
            );
            Ok(None)
        }
        (None, Some(_)) => {
            fouten.reject(
                "trajectId",
                Foutcode::Verplicht,
                "Een stap hoort bij een traject: noem ook trajectId.",
            );
            Ok(None)
        }
        (Some(id), Some(nummer)) => {
            let traject = match genoemd {
                Some(t) => t,
                None if fouten.raakt("trajectId") => return Ok(None),
                None => ctx.find_om_te_verwijzen::<traject::Entity>(id).await?,
            };
            let bestaat = traject.aanpak.stappen().iter().any(|(n, _)| *n == nummer);
            if !bestaat {
                fouten.reject(
                    "stap",
                    Foutcode::Ongeldig,
                    format!(
                        "Het traject ({}) heeft geen stap {nummer}.",
                        traject.aanpak.as_str()
                    ),
                );
                return Ok(None);
            }
            Ok(Some((traject, nummer)))
        }
    }
}

/// Per traject, per stap: ids.
pub(super) type PerStap = HashMap<Uuid, HashMap<i16, Vec<Uuid>>>;

/// De bijeenkomsten en oefeningen per stap van deze trajecten, in twee queries.
#[derive(Debug, Default)]
pub(super) struct Gekoppeld {
    pub bijeenkomsten: PerStap,
    pub oefeningen: PerStap,
}

impl Gekoppeld {
    pub(super) async fn van(ctx: &Context, ids: &[Uuid]) -> ApiResult<Self> {
        use bijeenkomst::Column as B;
        use oefening::Column as O;
        Ok(Gekoppeld {
            bijeenkomsten: per_stap::<bijeenkomst::Entity>(
                ctx,
                ids,
                [B::Id, B::TrajectId, B::Stap],
            )
            .await?,
            oefeningen: per_stap::<oefening::Entity>(ctx, ids, [O::Id, O::TrajectId, O::Stap])
                .await?,
        })
    }
}

/// De ids van de rijen van `E` per (traject, stap), voor deze trajecten; `kolommen`
/// zijn id, traject en stap.
async fn per_stap<E: TenantOwned>(
    ctx: &Context,
    ids: &[Uuid],
    kolommen: [E::Column; 3],
) -> ApiResult<PerStap> {
    let mut uit = PerStap::new();
    if ids.is_empty() {
        return Ok(uit);
    }
    let rijen: Vec<(Uuid, Option<Uuid>, Option<i16>)> = ctx
        .scoped(E::find())
        .filter(kolommen[1].is_in(ids.to_vec()))
        .select_only()
        .columns(kolommen)
        .into_tuple()
        .all(ctx.db())
        .await?;
    for (id, traject, stap) in rijen {
        if let (Some(t), Some(s)) = (traject, stap) {
            uit.entry(t).or_default().entry(s).or_default().push(id);
        }
    }
    Ok(uit)
}
