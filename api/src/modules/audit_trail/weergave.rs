//! De representatie van een regel van de audit trail en van een ondertekende kop.

use crate::audit::{Actie, Wijziging};
use crate::auth::Recht;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::ToSchema;
use uuid::Uuid;

/// De soorten resource in de audit trail.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ResourceSoort {
    Gebruiker,
    Koppeling,
    Gebied,
    Indicatormeting,
    Traject,
    Netwerk,
    NetwerkLid,
    Sleutelpersoon,
    Initiatief,
    Budget,
    Aanvraag,
    Mutatie,
    Organisatie,
    NetwerkPartner,
    Bijeenkomst,
    Oefening,
    Melding,
    MeldingOpvolging,
    Veiligheidsafspraak,
    SleutelpersoonCheckin,
    SleutelpersoonBezwaar,
    Gemeente,
    /// Een versie van de leidraad van een plan (regionaal).
    Stappenplan,
    /// Een eigen vraag of checklistpunt van een gemeente bij de leidraad.
    LeidraadAanvulling,
    /// De keten zelf (`actie` `verzegeld`).
    AuditTrail,
}

impl ResourceSoort {
    pub const ALLE: [ResourceSoort; 25] = [
        ResourceSoort::Gebruiker,
        ResourceSoort::Koppeling,
        ResourceSoort::Gebied,
        ResourceSoort::Indicatormeting,
        ResourceSoort::Traject,
        ResourceSoort::Netwerk,
        ResourceSoort::NetwerkLid,
        ResourceSoort::Sleutelpersoon,
        ResourceSoort::Initiatief,
        ResourceSoort::Budget,
        ResourceSoort::Aanvraag,
        ResourceSoort::Mutatie,
        ResourceSoort::Organisatie,
        ResourceSoort::NetwerkPartner,
        ResourceSoort::Bijeenkomst,
        ResourceSoort::Oefening,
        ResourceSoort::Melding,
        ResourceSoort::MeldingOpvolging,
        ResourceSoort::Veiligheidsafspraak,
        ResourceSoort::SleutelpersoonCheckin,
        ResourceSoort::SleutelpersoonBezwaar,
        ResourceSoort::Gemeente,
        ResourceSoort::Stappenplan,
        ResourceSoort::LeidraadAanvulling,
        ResourceSoort::AuditTrail,
    ];

    /// Wat een aanroeper nodig heeft om de resource zelf te lezen: de audit trail
    /// toont haar regels alleen aan wie al deze rechten heeft (issue 30). Zo leest de
    /// regio, en een koppeling met alleen `audit.lezen`, niets over sleutelpersonen,
    /// lidmaatschappen, check-ins of meldingen.
    pub fn leesrechten(self) -> &'static [Recht] {
        use ResourceSoort as R;
        match self {
            R::Gebruiker => &[Recht::GebruikersBeheren],
            R::Koppeling => &[Recht::KoppelingenBeheren],
            R::Gebied | R::Indicatormeting => &[Recht::GebiedenLezen],
            R::Traject | R::Stappenplan | R::LeidraadAanvulling => &[Recht::TrajectenLezen],
            R::Netwerk | R::Veiligheidsafspraak | R::NetwerkPartner => &[Recht::NetwerkenLezen],
            R::Sleutelpersoon
            | R::SleutelpersoonCheckin
            | R::SleutelpersoonBezwaar
            | R::NetwerkLid => &[Recht::SleutelpersonenLezen, Recht::PersoonsgegevensLezen],
            R::Melding | R::MeldingOpvolging => {
                &[Recht::MeldingenLezen, Recht::PersoonsgegevensLezen]
            }
            R::Initiatief | R::Aanvraag => &[Recht::InitiatievenLezen],
            R::Budget | R::Mutatie => &[Recht::BudgettenLezen],
            R::Organisatie => &[Recht::OrganisatiesLezen],
            R::Bijeenkomst | R::Oefening => &[Recht::BijeenkomstenLezen],
            R::Gemeente | R::AuditTrail => &[],
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            ResourceSoort::Gemeente => "gemeente",
            ResourceSoort::Stappenplan => "stappenplan",
            ResourceSoort::LeidraadAanvulling => "leidraad_aanvulling",
            ResourceSoort::Gebruiker => "gebruiker",
            ResourceSoort::Koppeling => "koppeling",
            ResourceSoort::Gebied => "gebied",
            ResourceSoort::Indicatormeting => "indicatormeting",
            ResourceSoort::Traject => "traject",
            ResourceSoort::Netwerk => "netwerk",
            ResourceSoort::NetwerkLid => "netwerk_lid",
            ResourceSoort::Sleutelpersoon => "sleutelpersoon",
            ResourceSoort::Initiatief => "initiatief",
            ResourceSoort::Budget => "budget",
            ResourceSoort::Aanvraag => "aanvraag",
            ResourceSoort::Mutatie => "mutatie",
            ResourceSoort::Organisatie => "organisatie",
            ResourceSoort::NetwerkPartner => "netwerk_partner",
            ResourceSoort::Bijeenkomst => "bijeenkomst",
            ResourceSoort::Oefening => "oefening",
            ResourceSoort::Melding => "melding",
            ResourceSoort::MeldingOpvolging => "melding_opvolging",
            ResourceSoort::Veiligheidsafspraak => "veiligheidsafspraak",
            ResourceSoort::SleutelpersoonCheckin => "sleutelpersoon_checkin",
            ResourceSoort::SleutelpersoonBezwaar => "sleutelpersoon_bezwaar",
            ResourceSoort::AuditTrail => crate::audit::KETEN_RESOURCE,
        }
    }
}

/// Wie de mutatie deed.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AuditActor {
    /// `gebruiker`, `koppeling` of `systeem`.
    pub soort: String,
    pub id: Option<Uuid>,
}

/// Eén regel van de audit trail.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct AuditRegel {
    pub id: Uuid,
    /// Volgnummer in de keten van de gemeente (of `regio`).
    pub volgnummer: i64,
    pub tijdstip: DateTime<Utc>,
    /// CBS-code van de gemeente van de resource; `null` voor regionale resources.
    pub gemeente: Option<String>,
    pub actor: AuditActor,
    #[schema(example = "gebruiker")]
    pub resource: String,
    pub resource_id: String,
    #[schema(value_type = Actie)]
    pub actie: String,
    /// De gewijzigde velden; van persoonsgegevens en geheimen alleen de naam.
    #[schema(value_type = Vec<Wijziging>)]
    pub wijzigingen: Value,
    /// Het `X-Request-Id` van het verzoek dat de mutatie deed.
    pub request_id: Option<String>,
    /// De HMAC-SHA256 (hex) van de dienst over deze regel en de vorige; vergelijk haar
    /// met een bewaarde ondertekende kop (`GET /audit-trail/koppen`). Regels van vóór
    /// de sleutel (zonder `sleutelId`) hebben een SHA-256.
    #[schema(example = "3f0a…")]
    pub hash: String,
    /// De sleutel waarmee de dienst `hash` uitrekende; afwezig bij regels van daarvoor.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sleutel_id: Option<String>,
}

/// De ondertekende kop van de keten van een gemeente (of de regionale).
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct AuditKop {
    /// CBS-code van de gemeente; `null` voor de regionale keten.
    pub gemeente: Option<String>,
    /// De keten: de CBS-code of `regio`.
    #[schema(example = "GM0828")]
    pub keten: String,
    /// Het volgnummer van de laatste regel toen de kop werd ondertekend (0: leeg).
    pub volgnummer: i64,
    /// De `hash` van die regel.
    pub kop: String,
    pub getekend_op: DateTime<Utc>,
    /// De kop als JWS (compact): header met `alg`, `kid` en `typ`
    /// `weefsel-auditkop+jwt`, claims `iss`, `aud` (`weefsel-audit-trail`), `iat`,
    /// `keten`, `volgnummer` en `kop`. Te controleren met de publieke sleutel van de
    /// dienst (`weefsel jwks`).
    pub handtekening: String,
}

#[cfg(test)]
mod tests {
    use super::ResourceSoort;

    /// Elke soort resource in de audit trail heeft haar leesrechten.
    #[test]
    fn elke_soort_in_de_audit_trail_is_bekend() {
        let bekend: Vec<&str> = ResourceSoort::ALLE.iter().map(|r| r.as_str()).collect();
        for module in crate::modules::ALLE {
            for waarden in module.audit_waarden {
                assert!(bekend.contains(&waarden.resource), "{}", waarden.resource);
            }
        }
    }
}
