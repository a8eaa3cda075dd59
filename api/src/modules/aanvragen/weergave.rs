//! De representatie van een aanvraag (bedragen in eurocenten) en haar `Bron`.

use crate::audit::Wijzigingen;
use crate::domein::tijd::vandaag;
use crate::http::problem::ApiResult;
use crate::tenancy::{Bron, Codes, Context};
use chrono::{DateTime, NaiveDate, Utc};
use entity::aanvraag;
use entity::soorten::AanvraagStatus;
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

pub(super) const RESOURCE: &str = "aanvraag";

/// Een aanvraag. Bedragen in eurocenten.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Aanvraag {
    pub id: Uuid,
    #[schema(example = "GM0828")]
    pub gemeente: String,
    pub budget_id: Uuid,
    pub initiatief_id: Option<Uuid>,
    pub netwerk_id: Option<Uuid>,
    pub aangevraagd_bedrag: i64,
    pub eigen_bijdrage: i64,
    pub plan: Option<String>,
    pub status: AanvraagStatus,
    /// Wie de aanvraag indiende (gebruiker of koppeling); die besluit er niet op.
    pub ingediend_door: Option<Uuid>,
    pub ingediend_op: Option<NaiveDate>,
    /// Het einde van de beslistermijn van het budget.
    pub beslissen_voor: Option<NaiveDate>,
    pub toegekend_bedrag: Option<i64>,
    pub motivering: Option<String>,
    pub besloten_op: Option<NaiveDate>,
    pub besloten_door: Option<Uuid>,
    /// Na de beslistermijn besloten, of nog open en de termijn voorbij.
    pub te_laat: bool,
    pub gereserveerd: i64,
    pub uitbetaald: i64,
    #[schema(schema_with = crate::http::invoer::externe_referentie_of_leeg)]
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

pub fn representatie(m: aanvraag::Model, codes: &Codes) -> Aanvraag {
    let te_laat = m.te_laat.unwrap_or_else(|| {
        m.status == AanvraagStatus::Ingediend && m.beslissen_voor.is_some_and(|d| d < vandaag())
    });
    Aanvraag {
        id: m.id,
        gemeente: codes.get(&m.gemeente_id).cloned().unwrap_or_default(),
        budget_id: m.budget_id,
        initiatief_id: m.initiatief_id,
        netwerk_id: m.netwerk_id,
        aangevraagd_bedrag: m.aangevraagd_bedrag,
        eigen_bijdrage: m.eigen_bijdrage,
        plan: m.plan,
        status: m.status,
        ingediend_door: m.ingediend_door,
        ingediend_op: m.ingediend_op,
        beslissen_voor: m.beslissen_voor,
        toegekend_bedrag: m.toegekend_bedrag,
        motivering: m.motivering,
        besloten_op: m.besloten_op,
        besloten_door: m.besloten_door,
        te_laat,
        gereserveerd: m.gereserveerd,
        uitbetaald: m.uitbetaald,
        externe_referentie: m.externe_referentie,
        aangemaakt_op: m.created_at,
        created_at: m.created_at,
        gewijzigd_op: m.updated_at,
        updated_at: m.updated_at,
    }
}

impl Bron for aanvraag::Entity {
    const RESOURCE: &'static str = RESOURCE;
    const COLLECTIE: &'static str = "/api/v1/aanvragen";
    type Weergave = Aanvraag;

    fn bij_aanmaken(a: &aanvraag::Model, w: Wijzigingen) -> Wijzigingen {
        w.alleen_naam_als(a.plan.is_some(), "plan")
    }

    async fn weergaven(ctx: &Context, rijen: Vec<aanvraag::Model>) -> ApiResult<Vec<Aanvraag>> {
        ctx.met_codes(rijen, representatie).await
    }
}
