//! Wie roept aan, en wat mag die?
//!
//! Een verzoek draagt een access token (`Authorization: Bearer ...`); dat wordt
//! gecontroleerd ([`keys`]) en leidt naar een account in Weefsel (gebruiker of
//! koppeling). De gemeente, rollen en scopes van de aanroeper komen alleen uit het
//! geverifieerde token en dat account, nooit uit een header, pad of body. Een
//! gedeactiveerd account of ingetrokken koppeling werkt bij het volgende verzoek
//! niet meer: het account wordt bij elk verzoek opgezocht.

pub mod keys;
pub mod rollen;
pub mod secrets;
pub mod vier_ogen;
pub mod zichtbaarheid;

use actix_web::HttpRequest;
use actix_web::http::header;
use sea_orm::{DatabaseTransaction, DbBackend, FromQueryResult, Statement};
use uuid::Uuid;

pub use keys::{Identity, Subject, TokenKeys};

/// De kleine tweede pool van het token- en wachtwoordendpoint, als rol `weefsel_auth`:
/// de enige die hashes van wachtwoorden en secrets en de lock-out leest (migratie
/// 000021). Elke andere handler werkt met de pool van de dienst (`weefsel_app`).
pub struct Inlogpool(pub sea_orm::DatabaseConnection);
pub use rollen::{Recht, Rol, Scope};

use crate::http::problem::{ApiError, ApiResult};

/// Een gemeente zoals de aanroeper eraan gekoppeld is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GemeenteRef {
    pub id: Uuid,
    pub code: String,
}

/// Wie een mutatie deed, voor de audit trail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Actor {
    Gebruiker(Uuid),
    Koppeling(Uuid),
    /// De dienst zelf (seed, migratie).
    Systeem,
}

impl Actor {
    pub fn soort(self) -> &'static str {
        match self {
            Actor::Gebruiker(_) => "gebruiker",
            Actor::Koppeling(_) => "koppeling",
            Actor::Systeem => "systeem",
        }
    }

    pub fn id(self) -> Option<Uuid> {
        match self {
            Actor::Gebruiker(id) | Actor::Koppeling(id) => Some(id),
            Actor::Systeem => None,
        }
    }
}

/// Wat een regionale aanroeper in de database mag (de RLS-instelling `weefsel.regio`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RegioModus {
    /// Geen regionale rol: alleen de eigen gemeente.
    Geen,
    /// Alle gemeenten lezen.
    Lezen,
    /// Alle gemeenten lezen en accounts van elke gemeente beheren.
    Beheer,
}

impl RegioModus {
    pub fn as_setting(self) -> &'static str {
        match self {
            RegioModus::Geen => "",
            RegioModus::Lezen => "lezen",
            RegioModus::Beheer => "beheer",
        }
    }
}

/// De geverifieerde aanroeper van een verzoek.
#[derive(Debug, Clone)]
pub struct Caller {
    pub actor: Actor,
    /// `None` voor regionale rollen.
    pub gemeente: Option<GemeenteRef>,
    pub rollen: Vec<Rol>,
    pub scopes: Vec<Scope>,
}

impl Caller {
    pub fn has_rol(&self, rol: Rol) -> bool {
        self.rollen.contains(&rol)
    }

    pub fn has(&self, recht: Recht) -> bool {
        recht.rollen().iter().any(|r| self.rollen.contains(r))
            || recht.scopes().iter().any(|s| self.scopes.contains(s))
    }

    /// 403 als de aanroeper dit recht niet heeft.
    pub fn require(&self, recht: Recht) -> ApiResult<()> {
        if self.has(recht) {
            Ok(())
        } else {
            Err(ApiError::Forbidden(
                recht.code(),
                recht.weigering().to_owned(),
            ))
        }
    }

    pub fn regio_modus(&self) -> RegioModus {
        if self.gemeente.is_some() {
            RegioModus::Geen
        } else if self.has_rol(Rol::RegioBeheerder) {
            RegioModus::Beheer
        } else if self.has_rol(Rol::RegioNetwerkmanager) {
            RegioModus::Lezen
        } else {
            RegioModus::Geen
        }
    }

    /// Ziet deze aanroeper alle gemeenten?
    pub fn is_regionaal(&self) -> bool {
        self.regio_modus() != RegioModus::Geen
    }
}

/// Het token uit `Authorization: Bearer ...`. Een token in de query string wordt
/// al eerder geweigerd ([`crate::http::contract::guard`]).
pub fn bearer_token(req: &HttpRequest) -> ApiResult<&str> {
    let value = req
        .headers()
        .get(header::AUTHORIZATION)
        .ok_or(ApiError::Unauthenticated)?;
    let value = value
        .to_str()
        .map_err(|_| ApiError::Unauthorized("De header Authorization is onleesbaar.".into()))?;
    match value.split_once(' ') {
        Some((scheme, token))
            if scheme.eq_ignore_ascii_case("bearer") && !token.trim().is_empty() =>
        {
            Ok(token.trim())
        }
        _ => Err(ApiError::Unauthorized(
            "Gebruik Authorization: Bearer <access token>.".into(),
        )),
    }
}

#[derive(Debug, FromQueryResult)]
struct AccountRow {
    id: Uuid,
    actief: bool,
    rollen: Vec<String>,
    scopes: Vec<String>,
    gemeente_id: Option<Uuid>,
    gemeente_code: Option<String>,
    /// Actief en van deze gemeente en tokengeneratie: de database heeft de
    /// tenantinstellingen gezet.
    geldig: bool,
    /// Wat de database als `weefsel.regio` heeft gezet.
    regio: String,
}

const INACTIVE: &str =
    "Het account achter dit token bestaat niet meer, is gedeactiveerd of ingetrokken.";

/// De parameters van `weefsel_context_openen`: soort, account, gemeente, onderwerp,
/// generatie en scopes van het token van wie het draagt (migratie 000035: een smal token
/// opent in de database niet meer dan zijn scopes).
fn context_parameters(identity: &Identity) -> [sea_orm::Value; 6] {
    let tokenscopes = match identity {
        Identity::Koppeling { scopes, .. } => scopes.clone(),
        _ => None,
    };
    let (soort, account, gemeente, onderwerp, generatie): (_, Option<Uuid>, _, Option<String>, _) =
        match identity {
            Identity::Gebruiker {
                id,
                gemeente,
                generatie,
            } => (
                "gebruiker",
                Some(*id),
                gemeente.clone(),
                None,
                Some(*generatie),
            ),
            Identity::Koppeling {
                id,
                gemeente,
                generatie,
                ..
            } => (
                "koppeling",
                Some(*id),
                Some(gemeente.clone()),
                None,
                Some(*generatie),
            ),
            Identity::Extern { gemeente, subject } => (
                "extern",
                None,
                Some(gemeente.clone()),
                Some(subject.clone()),
                None,
            ),
        };
    [
        soort.into(),
        account.into(),
        gemeente.into(),
        onderwerp.into(),
        generatie.into(),
        tokenscopes.into(),
    ]
}

/// Zoekt het account achter een geverifieerde identiteit op en zet, als het geldig
/// is, de tenantinstellingen van de transactie: één statement,
/// `weefsel_context_openen` (migratie 000008). Voor een ongeldig account blijft de
/// transactie zonder gemeente en is het antwoord 401.
pub async fn load_caller(tx: &DatabaseTransaction, identity: &Identity) -> ApiResult<Caller> {
    let row = AccountRow::find_by_statement(Statement::from_sql_and_values(
        DbBackend::Postgres,
        "SELECT id, actief, rollen, scopes, gemeente_id, gemeente_code, geldig, regio \
         FROM weefsel_context_openen($1, $2, $3, $4, $5, $6)",
        context_parameters(identity),
    ))
    .one(tx)
    .await?;
    let row = match row {
        Some(row) if row.actief => row,
        _ if matches!(identity, Identity::Extern { .. }) => {
            return Err(ApiError::Unauthorized(
                "Aan dit account van de identity provider is geen actieve Weefsel-gebruiker gekoppeld."
                    .into(),
            ));
        }
        _ => return Err(ApiError::Unauthorized(INACTIVE.into())),
    };
    // Het token en het account moeten over de gemeente overeenstemmen, en een token
    // van een eerdere generatie (vóór een nieuw wachtwoord of secret, of een
    // deactivering) telt niet meer; de database heeft dat beoordeeld.
    if !row.geldig {
        return Err(ApiError::Unauthorized(INACTIVE.into()));
    }
    let gemeente = match (row.gemeente_id, row.gemeente_code) {
        (Some(id), Some(code)) => Some(GemeenteRef { id, code }),
        _ => None,
    };
    let actor = match identity {
        Identity::Koppeling { .. } => Actor::Koppeling(row.id),
        _ => Actor::Gebruiker(row.id),
    };
    let caller = Caller {
        actor,
        gemeente,
        rollen: row.rollen.iter().filter_map(|r| Rol::parse(r)).collect(),
        scopes: row.scopes.iter().filter_map(|s| Scope::parse(s)).collect(),
    };
    // Eén regel in twee talen: wat de database als regionale modus zette, moet zijn
    // wat de dienst ervan denkt; anders geen verzoek.
    if row.regio != caller.regio_modus().as_setting() {
        return Err(ApiError::Internal(format!(
            "regionale modus verschilt: database '{}', dienst '{}'",
            row.regio,
            caller.regio_modus().as_setting()
        )));
    }
    Ok(caller)
}
