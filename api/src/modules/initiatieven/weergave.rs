//! De representatie van een initiatief (de contactpersoon alleen voor wie namen ziet) en
//! zijn `Bron`.

use crate::audit::Wijzigingen;
use crate::auth::Recht;
use crate::http::problem::ApiResult;
use crate::tenancy::{Bron, Codes, Context};
use chrono::{DateTime, NaiveDate, Utc};
use entity::initiatief;
use entity::soorten::{InitiatiefStatus, Participatie, Thema};
use serde::Serialize;
use utoipa::ToSchema;

use crate::http::invoer::externe_referentie_of_leeg;
use uuid::Uuid;

pub(super) const RESOURCE: &str = "initiatief";

/// Een initiatief. `contactnaam` en `contactemail` staan er alleen in voor de
/// coördinatoren, budgethouders en beheerders van de gemeente (`contactpersoon` zegt
/// of ze erin staan).
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Initiatief {
    pub id: Uuid,
    #[schema(example = "GM0828")]
    pub gemeente: String,
    pub titel: String,
    pub omschrijving: Option<String>,
    pub thema: Thema,
    pub participatie: Option<Participatie>,
    pub gebied_id: Option<Uuid>,
    pub netwerk_id: Option<Uuid>,
    pub organisatie: Option<String>,
    /// Staan de contactgegevens in dit antwoord?
    pub contactpersoon: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contactnaam: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contactemail: Option<String>,
    /// Wanneer de retentie de contactgegevens wiste (een jaar na het einde).
    pub contact_geanonimiseerd_op: Option<DateTime<Utc>>,
    pub status: InitiatiefStatus,
    pub startdatum: Option<NaiveDate>,
    pub einddatum: Option<NaiveDate>,
    pub resultaten: Option<String>,
    pub lessen: Option<String>,
    #[schema(schema_with = externe_referentie_of_leeg)]
    pub externe_referentie: Option<String>,
    pub aangemaakt_op: DateTime<Utc>,
    /// Uitgefaseerd: gebruik `aangemaaktOp` (weg in de volgende major-versie).
    #[schema(deprecated)]
    pub created_at: DateTime<Utc>,
    pub gewijzigd_op: DateTime<Utc>,
    /// Uitgefaseerd: gebruik `gewijzigdOp` (weg in de volgende major-versie).
    #[schema(deprecated)]
    pub updated_at: DateTime<Utc>,
}

pub(super) fn representatie(m: initiatief::Model, codes: &Codes, contact: bool) -> Initiatief {
    Initiatief {
        id: m.id,
        gemeente: codes.get(&m.gemeente_id).cloned().unwrap_or_default(),
        titel: m.titel,
        omschrijving: m.omschrijving,
        thema: m.thema,
        participatie: m.participatie,
        gebied_id: m.gebied_id,
        netwerk_id: m.netwerk_id,
        organisatie: m.organisatie,
        contactpersoon: contact,
        contactnaam: m.contactnaam.filter(|_| contact),
        contactemail: m.contactemail.filter(|_| contact),
        contact_geanonimiseerd_op: m.contact_geanonimiseerd_op,
        externe_referentie: m.externe_referentie,
        status: m.status,
        startdatum: m.startdatum,
        einddatum: m.einddatum,
        resultaten: m.resultaten,
        lessen: m.lessen,
        aangemaakt_op: m.created_at,
        created_at: m.created_at,
        gewijzigd_op: m.updated_at,
        updated_at: m.updated_at,
    }
}

impl Bron for initiatief::Entity {
    const RESOURCE: &'static str = RESOURCE;
    const COLLECTIE: &'static str = "/api/v1/initiatieven";
    type Weergave = Initiatief;

    fn bij_aanmaken(i: &initiatief::Model, w: Wijzigingen) -> Wijzigingen {
        w.alleen_naam_als(i.contactnaam.is_some(), "contactnaam")
            .alleen_naam_als(i.contactemail.is_some(), "contactemail")
    }

    async fn weergaven(ctx: &Context, rijen: Vec<initiatief::Model>) -> ApiResult<Vec<Initiatief>> {
        let codes = ctx.codes().await?;
        let contact = ctx.caller.has(Recht::InitiatiefContactLezen);
        Ok(rijen
            .into_iter()
            .map(|i| representatie(i, &codes, contact))
            .collect())
    }
}
