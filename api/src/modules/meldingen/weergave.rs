//! De representatie van een melding en haar opvolging (wat afgeschermd is voor wie de
//! persoon niet ziet) en haar `Bron`.

use crate::audit::verwerking::{Activiteit, Handeling};
use crate::auth::Recht;
use crate::http::problem::{ApiError, ApiResult, Code};
use crate::modules::sleutelpersonen::genoemd;
use crate::tenancy::{Bron, Codes, Context};
use chrono::{DateTime, NaiveDate, Utc};
use entity::soorten::{Betrokkene, Ernst, MeldingSoort, MeldingStatus};
use entity::{melding, melding_opvolging, sleutelpersoon};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

pub(super) const RESOURCE: &str = "melding";

/// Een melding.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Melding {
    pub id: Uuid,
    #[schema(example = "GM0828")]
    pub gemeente: String,
    pub soort: MeldingSoort,
    pub betrokkene: Betrokkene,
    pub ernst: Ernst,
    pub datum: NaiveDate,
    pub omschrijving: String,
    pub sleutelpersoon_id: Option<Uuid>,
    pub netwerk_id: Option<Uuid>,
    pub gebied_id: Option<Uuid>,
    pub behandelaar_id: Uuid,
    pub politie: bool,
    pub veiligheidshuis: bool,
    pub maatregelen: Option<String>,
    pub status: MeldingStatus,
    pub afsluitnotitie: Option<String>,
    pub afgesloten_op: Option<NaiveDate>,
    pub aangemaakt_op: DateTime<Utc>,
    /// Uitgefaseerd: gebruik `aangemaaktOp` (weg in de volgende major-versie).
    #[schema(deprecated)]
    pub created_at: DateTime<Utc>,
    pub gewijzigd_op: DateTime<Utc>,
    /// Uitgefaseerd: gebruik `gewijzigdOp` (weg in de volgende major-versie).
    #[schema(deprecated)]
    pub updated_at: DateTime<Utc>,
}

pub(super) fn representatie(m: melding::Model, codes: &Codes) -> Melding {
    Melding {
        id: m.id,
        gemeente: codes.get(&m.gemeente_id).cloned().unwrap_or_default(),
        soort: m.soort,
        betrokkene: m.betrokkene,
        ernst: m.ernst,
        datum: m.datum,
        omschrijving: m.omschrijving,
        sleutelpersoon_id: m.sleutelpersoon_id,
        netwerk_id: m.netwerk_id,
        gebied_id: m.gebied_id,
        behandelaar_id: m.behandelaar_id,
        politie: m.politie,
        veiligheidshuis: m.veiligheidshuis,
        maatregelen: m.maatregelen,
        status: m.status,
        afsluitnotitie: m.afsluitnotitie,
        afgesloten_op: m.afgesloten_op,
        aangemaakt_op: m.created_at,
        created_at: m.created_at,
        gewijzigd_op: m.updated_at,
        updated_at: m.updated_at,
    }
}

/// Wie meldingen niet leest, krijgt op een melding 404: ze bestaat voor hem niet.
pub(super) fn lezer(ctx: &Context) -> ApiResult<()> {
    ctx.require(Recht::MeldingenLezen)
        .map_err(|_| ApiError::NotFound)
}

/// Een melding over iemand met verhoogd risico draagt alleen een genoemde ambtenaar of
/// de behandelaar over aan een andere behandelaar: wie dat niet is, zou de melding
/// daarna zelf niet meer zien (403 `verhoogd_risico`).
pub(super) fn afgeschermd(
    ctx: &Context,
    persoon: &sleutelpersoon::Model,
    behandelaar: Uuid,
) -> ApiResult<()> {
    if genoemd(ctx, persoon) || ctx.caller.actor == crate::auth::Actor::Gebruiker(behandelaar) {
        return Ok(());
    }
    Err(ApiError::Forbidden(
        Code::VerhoogdRisico,
        "Een melding over deze sleutelpersoon (verhoogd risico) leggen alleen de genoemde ambtenaren vast of dragen zij over.".into(),
    ))
}

impl Bron for melding::Entity {
    const RESOURCE: &'static str = RESOURCE;
    const COLLECTIE: &'static str = "/api/v1/meldingen";
    type Weergave = Melding;

    /// Een melding over een sleutelpersoon tonen is een verwerking van haar gegevens:
    /// één regel in het verwerkingenlogboek met de personen van deze rijen (issue 30).
    async fn weergaven(ctx: &Context, rijen: Vec<melding::Model>) -> ApiResult<Vec<Melding>> {
        let personen: Vec<Uuid> = rijen.iter().filter_map(|m| m.sleutelpersoon_id).collect();
        ctx.verwerkt(&personen, Handeling::Lezen, Activiteit::Meldingbehandeling)
            .await?;
        ctx.met_codes(rijen, representatie).await
    }
}

/// Een regel in het opvolgingslogboek van een melding.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Opvolging {
    pub id: Uuid,
    pub melding_id: Uuid,
    pub tekst: String,
    /// `gebruiker` of `koppeling`.
    pub actor_soort: String,
    pub actor_id: Option<Uuid>,
    pub tijdstip: DateTime<Utc>,
}

pub(super) fn opvolging(m: melding_opvolging::Model) -> Opvolging {
    Opvolging {
        id: m.id,
        melding_id: m.melding_id,
        tekst: m.tekst,
        actor_soort: m.actor_soort,
        actor_id: m.actor_id,
        tijdstip: m.tijdstip,
    }
}
