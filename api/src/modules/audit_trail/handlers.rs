//! `GET /api/v1/audit-trail`: wie veranderde wat, wanneer. Voor de
//! `gemeente_beheerder` (eigen gemeente) en de `regio_beheerder` (alles).

use std::collections::HashMap;

use actix_web::{HttpResponse, get};
use chrono::{DateTime, Utc};
use entity::{audit_kop, audit_trail};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QueryTrait};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::audit::{Actie, Wijziging};
use crate::auth::Recht;
use crate::http::pagination::Lijst;
use crate::http::pagination::{Pagina, PaginaParams};
use crate::http::periode::Periode;
use crate::http::problem::ApiResult;
use crate::tenancy::Context;

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
    /// De keten zelf (`actie` `verzegeld`).
    AuditTrail,
}

impl ResourceSoort {
    pub const ALLE: [ResourceSoort; 23] = [
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
            R::Traject => &[Recht::TrajectenLezen],
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

#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(rename_all = "camelCase")]
#[into_params(parameter_in = Query)]
pub struct AuditTrailParams {
    /// Alleen deze soort resource.
    resource: Option<ResourceSoort>,
    /// Alleen deze resource (id).
    #[param(min_length = 1, max_length = 100)]
    resource_id: Option<String>,
}

/// Audit trail
///
/// Elke mutatie, nieuwste eerst: wanneer, wie, welke resource, welke velden (met
/// oude en nieuwe waarde, behalve bij persoonsgegevens en geheimen) en het request-id.
/// De periode telt in dagen van Europe/Amsterdam.
#[utoipa::path(
    operation_id = "listAuditTrail",
    params(PaginaParams, AuditTrailParams, Periode),
    responses(
        (status = 200, description = "Een pagina regels.", body = Pagina<AuditRegel>),
    ),
)]
#[get("/audit-trail")]
pub async fn list(
    ctx: Context,
    lijst: Lijst<AuditTrailParams>,
    periode: Periode,
) -> ApiResult<HttpResponse> {
    ctx.require(Recht::AuditTrailLezen)?;
    let p = &lijst.params;
    let leesbaar: Vec<&str> = ResourceSoort::ALLE
        .into_iter()
        .filter(|r| r.leesrechten().iter().all(|recht| ctx.caller.has(*recht)))
        .map(ResourceSoort::as_str)
        .collect();
    let select = ctx
        .scoped(audit_trail::Entity::find())
        .filter(audit_trail::Column::Resource.is_in(leesbaar))
        .apply_if(p.resource, |q, r| {
            q.filter(audit_trail::Column::Resource.eq(r.as_str()))
        })
        .apply_if(p.resource_id.as_deref(), |q, id| {
            q.filter(audit_trail::Column::ResourceId.eq(id))
        })
        .apply_if(periode.vanaf, |q, vanaf| {
            q.filter(Expr::cust_with_values(
                "tijdstip >= ($1::date)::timestamp AT TIME ZONE 'Europe/Amsterdam'",
                [vanaf],
            ))
        })
        .apply_if(periode.tot, |q, tot| {
            q.filter(Expr::cust_with_values(
                "tijdstip < ($1::date + 1)::timestamp AT TIME ZONE 'Europe/Amsterdam'",
                [tot],
            ))
        })
        .order_by_desc(audit_trail::Column::Tijdstip)
        .order_by_desc(audit_trail::Column::Id);
    let codes = ctx.codes().await?;
    Ok(lijst.uit(select, ctx.db(), |m| regel(m, &codes)).await?)
}

fn regel(m: audit_trail::Model, codes: &HashMap<Uuid, String>) -> AuditRegel {
    AuditRegel {
        id: m.id,
        volgnummer: m.volgnummer,
        tijdstip: m.tijdstip,
        gemeente: m.gemeente_id.and_then(|id| codes.get(&id).cloned()),
        actor: AuditActor {
            soort: m.actor_soort,
            id: m.actor_id,
        },
        resource: m.resource,
        resource_id: m.resource_id,
        actie: m.actie,
        wijzigingen: m.wijzigingen,
        request_id: m.request_id,
        hash: m.hash,
        sleutel_id: m.sleutel_id,
    }
}

/// Ondertekende koppen van de audit trail
///
/// Per keten die de aanroeper mag lezen (de eigen gemeente; de regio: alle en de
/// regionale) de laatst ondertekende kop: het volgnummer en de hash van de laatste
/// regel, ondertekend door de dienst (dagelijks en bij het starten). Bewaar ze buiten
/// Weefsel: een latere kop die een eerdere niet bevat, of een regel `volgnummer` met een
/// andere `hash`, betekent dat de audit trail is herschreven (`docs/privacy.md`).
#[utoipa::path(
    operation_id = "listAuditTrailKoppen",
    params(PaginaParams),
    responses(
        (status = 200, description = "Een pagina ondertekende koppen, per keten de laatste.", body = Pagina<AuditKop>),
    ),
)]
#[get("/audit-trail/koppen")]
pub async fn koppen(ctx: Context, lijst: Lijst) -> ApiResult<HttpResponse> {
    ctx.require(Recht::AuditTrailLezen)?;
    let select = ctx
        .scoped(audit_kop::Entity::find())
        .filter(Expr::cust(
            "(keten, volgnummer) IN (SELECT k.keten, max(k.volgnummer) FROM audit_kop k GROUP BY k.keten)",
        ))
        .order_by_asc(audit_kop::Column::Keten);
    let codes = ctx.codes().await?;
    Ok(lijst
        .uit(select, ctx.db(), |m| AuditKop {
            gemeente: m.gemeente_id.and_then(|id| codes.get(&id).cloned()),
            keten: m.keten,
            volgnummer: m.volgnummer,
            kop: m.hash,
            getekend_op: m.getekend_op,
            handtekening: m.handtekening,
        })
        .await?)
}

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(koppen).service(list);
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
