//! De representatie van een gebied (met zijn DNA-profiel) en zijn `Bron`.

use super::profiel::*;
use crate::domein::dna::{Aanpak, Basis, Cohesie, DnaKenmerken, DnaProfiel, Grootteklasse};
use crate::http::problem::{ApiError, ApiResult};
use crate::tenancy::{Bron, Context};
use chrono::{DateTime, NaiveDate, Utc};
use entity::gebied;
use sea_orm::DerivePartialModel;
use serde::Serialize;
use std::collections::HashMap;
use utoipa::ToSchema;

use crate::http::invoer::externe_referentie_of_leeg;
use uuid::Uuid;

pub use entity::soorten::GebiedSoort as Soort;
pub(super) const RESOURCE: &str = "gebied";

/// Wat elke weergave van een gebied toont, naast (de kern van) zijn DNA-profiel.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct GebiedGegevens {
    pub id: Uuid,
    #[schema(example = "GM0828")]
    pub gemeente: String,
    #[schema(example = "Oss-Centrum")]
    pub naam: String,
    pub soort: Soort,
    /// CBS-wijkcode (`WK` + 6 cijfers) of -buurtcode (`BU` + 8 cijfers).
    #[schema(example = "WK082801")]
    pub cbs_code: Option<String>,
    pub inwonertal: Option<i32>,
    /// Door de gemeente gezet; `null`: afgeleid uit het inwonertal (zie `dnaProfiel`).
    pub grootteklasse: Option<Grootteklasse>,
    pub bovenliggend_gebied_id: Option<Uuid>,
    #[schema(schema_with = externe_referentie_of_leeg)]
    pub externe_referentie: Option<String>,
}

/// Een gebied met zijn DNA-profiel.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Gebied {
    #[serde(flatten)]
    pub gegevens: GebiedGegevens,
    pub dna_profiel: DnaProfiel,
    pub aangemaakt_op: DateTime<Utc>,
    pub gewijzigd_op: DateTime<Utc>,
}

/// Een gebied in een lijst: met de kern van zijn DNA-profiel. De onderbouwing
/// (indicatoren, tekenen, toelichting) staat bij `GET /gebieden/{id}`; zo kost een
/// pagina wat zij toont (een pagina van 20 met volledige profielen was 68 kB).
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct GebiedInLijst {
    #[serde(flatten)]
    pub gegevens: GebiedGegevens,
    pub dna_profiel: DnaKenmerken,
    pub aangemaakt_op: DateTime<Utc>,
    pub gewijzigd_op: DateTime<Utc>,
}

/// De kolommen van een gebied die de lijst toont: het bewaarde profiel zelf niet,
/// alleen de kolommen die ervan zijn afgeleid.
#[derive(Debug, DerivePartialModel)]
#[sea_orm(entity = "gebied::Entity")]
pub(super) struct GebiedRij {
    pub(super) id: Uuid,
    pub(super) gemeente_id: Uuid,
    pub(super) naam: String,
    pub(super) soort: Soort,
    pub(super) cbs_code: Option<String>,
    pub(super) inwonertal: Option<i32>,
    pub(super) grootteklasse: Option<Grootteklasse>,
    pub(super) bovenliggend_gebied_id: Option<Uuid>,
    pub(super) externe_referentie: Option<String>,
    pub(super) dna_kwadrant: Option<i16>,
    pub(super) dna_cohesie: Option<String>,
    pub(super) dna_aanpak: Vec<String>,
    pub(super) dna_grootte: Option<String>,
    pub(super) dna_basis: Option<String>,
    pub(super) dna_peildatum: Option<NaiveDate>,
    pub(super) created_at: DateTime<Utc>,
    pub(super) updated_at: DateTime<Utc>,
}

impl GebiedRij {
    /// Zonder (leesbaar) bewaard profiel (alleen na handwerk in de database; `weefsel
    /// dna herberekenen` herstelt het) is de cohesie onbepaald.
    pub(super) fn in_lijst(self, codes: &HashMap<Uuid, String>) -> GebiedInLijst {
        let dna_profiel = kenmerken_uit_kolommen(
            self.dna_kwadrant,
            self.dna_cohesie.as_deref(),
            &self.dna_aanpak,
            self.dna_grootte.as_deref(),
            self.dna_basis.as_deref(),
            self.dna_peildatum,
        )
        .unwrap_or(DnaKenmerken {
            cohesie: Cohesie::Onbepaald,
            basis: Basis::Geen,
            grootteklasse: None,
            kwadrant: None,
            aanpak: Vec::new(),
            peildatum: None,
        });
        GebiedInLijst {
            gegevens: GebiedGegevens {
                id: self.id,
                gemeente: codes.get(&self.gemeente_id).cloned().unwrap_or_default(),
                naam: self.naam,
                soort: self.soort,
                cbs_code: self.cbs_code,
                inwonertal: self.inwonertal,
                grootteklasse: self.grootteklasse,
                bovenliggend_gebied_id: self.bovenliggend_gebied_id,
                externe_referentie: self.externe_referentie,
            },
            dna_profiel,
            aangemaakt_op: self.created_at,
            gewijzigd_op: self.updated_at,
        }
    }
}

/// De kern van het profiel zoals de afgeleide kolommen van `gebied` hem bewaren (de
/// lijst leest ze, `weefsel dna herberekenen` vergelijkt ze met het profiel); `None`
/// als er een ontbreekt of onleesbaar is.
pub fn kenmerken_uit_kolommen(
    kwadrant: Option<i16>,
    cohesie: Option<&str>,
    aanpak: &[String],
    grootte: Option<&str>,
    basis: Option<&str>,
    peildatum: Option<NaiveDate>,
) -> Option<DnaKenmerken> {
    Some(DnaKenmerken {
        cohesie: Cohesie::parse(cohesie?)?,
        basis: Basis::parse(basis?)?,
        grootteklasse: match grootte {
            Some(g) => Some(Grootteklasse::parse(g)?),
            None => None,
        },
        kwadrant: kwadrant.map(u8::try_from).transpose().ok()?,
        aanpak: aanpak
            .iter()
            .map(|a| Aanpak::parse(a))
            .collect::<Option<Vec<_>>>()?,
        peildatum,
    })
}

pub(super) fn representatie(
    m: gebied::Model,
    profiel: DnaProfiel,
    codes: &HashMap<Uuid, String>,
) -> Gebied {
    Gebied {
        gegevens: GebiedGegevens {
            id: m.id,
            gemeente: codes.get(&m.gemeente_id).cloned().unwrap_or_default(),
            naam: m.naam,
            soort: m.soort,
            cbs_code: m.cbs_code,
            inwonertal: m.inwonertal,
            grootteklasse: m.grootteklasse,
            bovenliggend_gebied_id: m.bovenliggend_gebied_id,
            externe_referentie: m.externe_referentie,
        },
        dna_profiel: profiel,
        aangemaakt_op: m.created_at,
        gewijzigd_op: m.updated_at,
    }
}

impl Bron for gebied::Entity {
    const RESOURCE: &'static str = RESOURCE;
    const COLLECTIE: &'static str = "/api/v1/gebieden";
    type Weergave = Gebied;

    /// Met hun DNA-profiel.
    async fn weergaven(ctx: &Context, rijen: Vec<gebied::Model>) -> ApiResult<Vec<Gebied>> {
        let codes = ctx.codes().await?;
        let mut profielen = profielen_van(ctx.db(), &rijen).await?;
        rijen
            .into_iter()
            .map(|g| {
                let profiel = profielen
                    .remove(&g.id)
                    .ok_or_else(|| ApiError::Internal("geen profiel".into()))?;
                Ok(representatie(g, profiel, &codes))
            })
            .collect()
    }
}
