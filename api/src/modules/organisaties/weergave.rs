//! De representatie van een organisatie (sociale kaart of regionale catalogus) en haar
//! `Bron`.

use crate::http::problem::ApiResult;
use crate::modules::kolommen::lijst;
use crate::tenancy::{Bron, Codes, Context};
use chrono::{DateTime, Utc};
use entity::organisatie;
use entity::soorten::{
    Belang, Hulpsoort, MaatschappelijkVeld, NetwerkCategorie, Niveau, OrganisatieSoort,
};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;
pub(super) const RESOURCE: &str = "organisatie";

/// Een organisatie op de sociale kaart of in de regionale catalogus.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Organisatie {
    pub id: Uuid,
    /// De CBS-code van de gemeente; `null` voor de regionale catalogus.
    #[schema(example = "GM0828")]
    pub gemeente: Option<String>,
    /// Staat de organisatie in de regionale catalogus?
    pub regionaal: bool,
    pub naam: String,
    pub soort: OrganisatieSoort,
    pub veld: MaatschappelijkVeld,
    pub categorie: Option<NetwerkCategorie>,
    /// Leeg alleen bij een voorlopige rij van de catalogus: de handreiking noemde alleen
    /// de naam.
    pub niveau: Option<Niveau>,
    pub capaciteiten: Vec<Hulpsoort>,
    pub rollen: Vec<Belang>,
    pub aanbod: Option<String>,
    pub activering: Option<String>,
    pub meerwaarde: Option<String>,
    pub op_afschaling: Option<String>,
    pub contact: Option<String>,
    /// Waar de gegevens van een rij van de catalogus vandaan komen (een document);
    /// `null` bij wat de regio of een gemeente zelf vastlegde.
    #[schema(example = "Handreiking Inventariseren en activeren netwerken (VRU), §5.1")]
    pub bron: Option<String>,
    /// `true`: een rij van de catalogus die de `regio_beheerder` nog niet bevestigde; wat
    /// de bron niet gaf, is leeg.
    pub voorlopig: bool,
    /// De gebieden van de gemeente die de organisatie dient; leeg: de hele gemeente (de
    /// regionale catalogus dient elk gebied).
    pub gebied_ids: Vec<Uuid>,
    /// Het id in een ander systeem van de gemeente; ontbreekt zonder, en altijd bij de
    /// regionale catalogus.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(schema_with = crate::http::invoer::externe_referentie)]
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

pub(crate) fn representatie(m: organisatie::Model, codes: &Codes) -> Organisatie {
    Organisatie {
        id: m.id,
        gemeente: m.gemeente_id.and_then(|g| codes.get(&g).cloned()),
        regionaal: m.gemeente_id.is_none(),
        naam: m.naam,
        soort: m.soort,
        veld: m.veld,
        categorie: m.categorie,
        niveau: m.niveau,
        capaciteiten: lijst(&m.capaciteiten),
        rollen: lijst(&m.rollen),
        aanbod: m.aanbod,
        activering: m.activering,
        meerwaarde: m.meerwaarde,
        op_afschaling: m.op_afschaling,
        contact: m.contact,
        bron: m.bron,
        voorlopig: m.voorlopig,
        gebied_ids: m.gebied_ids,
        externe_referentie: m.externe_referentie,
        aangemaakt_op: m.created_at,
        created_at: m.created_at,
        gewijzigd_op: m.updated_at,
        updated_at: m.updated_at,
    }
}

impl Bron for organisatie::Entity {
    const RESOURCE: &'static str = RESOURCE;
    const COLLECTIE: &'static str = "/api/v1/organisaties";
    type Weergave = Organisatie;

    async fn weergaven(
        ctx: &Context,
        rijen: Vec<organisatie::Model>,
    ) -> ApiResult<Vec<Organisatie>> {
        ctx.met_codes(rijen, representatie).await
    }
}
