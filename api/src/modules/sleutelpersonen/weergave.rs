//! De representatie van een sleutelpersoon: het record voor iedereen die het mag
//! lezen, de persoonsgegevens alleen als de database ze aan deze context gaf.

use actix_web::HttpResponse;
use actix_web::http::StatusCode;
use chrono::{DateTime, NaiveDate, Utc};
use entity::{sleutelpersoon, sleutelpersoon_gegevens, sleutelpersoon_status};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::http::etag::resource_response;
use crate::tenancy::Codes;
use entity::soorten::{SleutelpersoonStatus, SleutelpersoonType, Uitstroomreden, Wervingsmethode};

use super::invoer::{Afspraak, DelenMet, Diversiteit, Toestemming};

/// Eén status uit de geschiedenis.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct StatusRegel {
    pub status: SleutelpersoonStatus,
    pub datum: NaiveDate,
    pub uitstroomreden: Option<Uitstroomreden>,
}

impl From<sleutelpersoon_status::Model> for StatusRegel {
    fn from(m: sleutelpersoon_status::Model) -> Self {
        StatusRegel {
            status: m.status,
            datum: m.datum,
            uitstroomreden: m.uitstroomreden,
        }
    }
}

/// Een sleutelpersoon. De persoonsgegevens (`voornaam` tot en met `zichtbaarVoor`)
/// staan er alleen in voor de coördinator en gemeente_beheerder van de gemeente en
/// koppelingen met `sleutelpersonen.lezen` — en bij `verhoogdRisico` alleen voor de
/// genoemde ambtenaren; `persoonsgegevens` zegt of ze erin staan. Elke keer dat ze
/// erin staan, komt er een regel in het verwerkingenlogboek.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Sleutelpersoon {
    pub id: Uuid,
    #[schema(example = "GM0828")]
    pub gemeente: String,
    pub gebied_id: Option<Uuid>,
    pub typen: Vec<SleutelpersoonType>,
    pub status: SleutelpersoonStatus,
    /// Sinds wanneer de persoon deze status heeft.
    pub status_sinds: NaiveDate,
    pub wervingsmethode: Option<Wervingsmethode>,
    pub voorgedragen_door: Option<Uuid>,
    pub uitstroomreden: Option<Uitstroomreden>,
    pub exitgesprek: Option<bool>,
    pub buddy_id: Option<Uuid>,
    pub tijdsinvestering: Option<String>,
    pub laatste_contact: Option<NaiveDate>,
    pub verhoogd_risico: bool,
    pub toestemming: Option<Toestemming>,
    /// Onder de grondslag `publieke_taak`: de afspraak over gebruik en delen, als die
    /// er is in plaats van toestemming.
    pub afspraak: Option<Afspraak>,
    /// Tot deze datum worden de gegevens bewaard (de toestemming, of zonder
    /// toestemming twaalf maanden na aanmaken); daarna anonimiseert de retentie.
    pub bewaartermijn_tot: NaiveDate,
    /// Wanneer de persoon werd geanonimiseerd; daarna bestaan de persoonsgegevens niet meer.
    pub geanonimiseerd_op: Option<DateTime<Utc>>,
    /// Staan de persoonsgegevens in dit antwoord?
    pub persoonsgegevens: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub voornaam: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub achternaam: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub telefoon: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub achterban: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notities: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub opvolgers: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub diversiteit: Option<Diversiteit>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub levensbeschouwing: Option<String>,
    /// De ambtenaren die een persoon met verhoogd risico zien.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub zichtbaar_voor: Option<Vec<Uuid>>,
    /// De statusgeschiedenis (alleen bij één sleutelpersoon).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status_historie: Option<Vec<StatusRegel>>,
    pub aangemaakt_op: DateTime<Utc>,
    pub gewijzigd_op: DateTime<Utc>,
}

fn delen_met(m: &sleutelpersoon::Model) -> Vec<DelenMet> {
    m.delen_met
        .iter()
        .filter_map(|d| serde_json::from_value::<DelenMet>(serde_json::json!(d)).ok())
        .collect()
}

pub(super) fn toestemming(m: &sleutelpersoon::Model) -> Option<Toestemming> {
    let (Some(datum), Some(doel)) = (m.toestemming_datum, m.toestemming_doel.clone()) else {
        return None;
    };
    Some(Toestemming {
        datum,
        doel,
        bewaartermijn_tot: m.bewaartermijn_tot,
        bijzondere_gegevens: m.bijzondere_gegevens,
        delen_met: delen_met(m),
    })
}

pub(super) fn afspraak(m: &sleutelpersoon::Model) -> Option<Afspraak> {
    Some(Afspraak {
        datum: m.afspraak_datum?,
        bewaartermijn_tot: m.bewaartermijn_tot,
        bijzondere_gegevens: m.bijzondere_gegevens,
        delen_met: delen_met(m),
    })
}

pub(super) fn typen(m: &sleutelpersoon::Model) -> Vec<SleutelpersoonType> {
    m.typen
        .iter()
        .filter_map(|t| SleutelpersoonType::parse(t))
        .collect()
}

/// Het record, met de persoonsgegevens als de database ze gaf (`gegevens`).
pub fn representatie(
    m: sleutelpersoon::Model,
    gegevens: Option<sleutelpersoon_gegevens::Model>,
    codes: &Codes,
    historie: Option<Vec<StatusRegel>>,
) -> Sleutelpersoon {
    let mut r = Sleutelpersoon {
        id: m.id,
        gemeente: codes.get(&m.gemeente_id).cloned().unwrap_or_default(),
        gebied_id: m.gebied_id,
        typen: typen(&m),
        status: m.status,
        status_sinds: m.status_sinds,
        wervingsmethode: m.wervingsmethode,
        voorgedragen_door: m.voorgedragen_door,
        uitstroomreden: m.uitstroomreden,
        exitgesprek: m.exitgesprek,
        buddy_id: m.buddy_id,
        tijdsinvestering: m.tijdsinvestering.clone(),
        laatste_contact: m.laatste_contact,
        verhoogd_risico: m.verhoogd_risico,
        toestemming: toestemming(&m),
        afspraak: afspraak(&m),
        bewaartermijn_tot: m.bewaartermijn_tot,
        geanonimiseerd_op: m.geanonimiseerd_op,
        persoonsgegevens: false,
        voornaam: None,
        achternaam: None,
        email: None,
        telefoon: None,
        achterban: None,
        notities: None,
        opvolgers: None,
        diversiteit: None,
        levensbeschouwing: None,
        zichtbaar_voor: None,
        status_historie: historie,
        aangemaakt_op: m.created_at,
        gewijzigd_op: m.updated_at,
    };
    if let Some(g) = gegevens {
        r.persoonsgegevens = true;
        r.voornaam = Some(g.voornaam);
        r.achternaam = g.achternaam;
        r.email = g.email;
        r.telefoon = g.telefoon;
        r.achterban = g.achterban;
        r.notities = g.notities;
        r.opvolgers = g.opvolgers;
        r.diversiteit = Some(Diversiteit {
            leeftijdsgroep: g.leeftijdsgroep,
            migratieachtergrond: g.migratieachtergrond,
            hulpverlenend_beroep: g.hulpverlenend_beroep,
            bekend_bij_gemeente: g.bekend_bij_gemeente,
            opleidingsrichting: g.opleidingsrichting,
        });
        r.levensbeschouwing = g.levensbeschouwing;
        r.zichtbaar_voor = Some(m.zichtbaar_voor);
    }
    r
}

pub(super) fn antwoord(status: StatusCode, version: i32, r: &Sleutelpersoon) -> HttpResponse {
    resource_response(
        status,
        version,
        &format!("/api/v1/sleutelpersonen/{}", r.id),
    )
    .json(r)
}
