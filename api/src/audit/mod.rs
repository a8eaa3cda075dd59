//! De audit trail: elke mutatie, wie, wanneer, wat.
//!
//! Vastleggen gaat via [`crate::tenancy::Context::audit`], in dezelfde transactie
//! als de mutatie zelf: zonder regel geen mutatie. De database maakt er een
//! hashketen per gemeente van (trigger `audit_trail_ketenen`) en staat geen UPDATE,
//! DELETE of TRUNCATE toe; [`verify`] rekent de keten hier onafhankelijk na.
//!
//! Van velden met persoonsgegevens van sleutelpersonen en van geheimen (wachtwoord,
//! client secret) wordt alleen de naam vastgelegd, nooit de waarde.

pub mod verwerking;

use sea_orm::{ActiveValue, ConnectionTrait, DbBackend, DbErr, FromQueryResult, Statement};
use serde::Serialize;
use serde_json::Value;
use sha2::{Digest, Sha256};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::auth::Actor;

/// Eén gewijzigd veld.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct Wijziging {
    /// De veldnaam zoals in de API.
    pub veld: String,
    /// De oude waarde; afwezig bij aanmaken, en bij persoonsgegevens en geheimen.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub oud: Option<Value>,
    /// De nieuwe waarde; afwezig bij persoonsgegevens en geheimen.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nieuw: Option<Value>,
}

/// De gewijzigde velden van één mutatie.
#[derive(Debug, Clone, Default)]
pub struct Wijzigingen(Vec<Wijziging>);

impl Wijzigingen {
    pub fn new() -> Self {
        Self::default()
    }

    /// Een nieuw veld bij aanmaken: alleen de nieuwe waarde.
    pub fn nieuw(mut self, veld: &str, waarde: impl Serialize) -> Self {
        self.0.push(Wijziging {
            veld: veld.to_owned(),
            oud: None,
            nieuw: Some(to_value(waarde)),
        });
        self
    }

    /// Een gewijzigd veld met oude en nieuwe waarde; niets als ze gelijk zijn.
    pub fn waarde(mut self, veld: &str, oud: impl Serialize, nieuw: impl Serialize) -> Self {
        let (oud, nieuw) = (to_value(oud), to_value(nieuw));
        if oud != nieuw {
            self.0.push(Wijziging {
                veld: veld.to_owned(),
                oud: Some(oud),
                nieuw: Some(nieuw),
            });
        }
        self
    }

    /// Een veld waarvan alleen de naam wordt vastgelegd (persoonsgegevens, geheimen).
    pub fn alleen_naam(mut self, veld: &str) -> Self {
        self.0.push(Wijziging {
            veld: veld.to_owned(),
            oud: None,
            nieuw: None,
        });
        self
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Een nieuwe resource: elk veld van de lijst van `resource` (zie [`Waarden`]) dat in
    /// haar representatie een waarde heeft, als nieuwe waarde. Andere gezette velden
    /// voegt de handler toe met [`Wijzigingen::alleen_naam_als`].
    pub fn aangemaakt(resource: &str, representatie: &impl Serialize) -> Self {
        let json = to_value(representatie);
        let mut w = Self::new();
        for veld in waarde_velden(resource).filter(|v| !v.contains('.')) {
            if let Some(waarde) = json.get(veld).filter(|w| !w.is_null()) {
                w = w.nieuw(veld, waarde);
            }
        }
        w
    }

    /// [`Wijzigingen::alleen_naam`] als het veld gezet is.
    pub fn alleen_naam_als(self, gezet: bool, veld: &str) -> Self {
        if gezet { self.alleen_naam(veld) } else { self }
    }

    /// Eén veld van een wijziging: is er een nieuwe waarde die verschilt van wat er
    /// staat, dan komt die in `doel` en als wijziging van `veld` in deze lijst.
    pub fn zet<T>(&mut self, veld: &str, doel: &mut ActiveValue<T>, nieuw: Option<T>)
    where
        T: Into<sea_orm::Value> + Serialize + PartialEq + Clone,
    {
        let Some(nieuw) = nieuw else { return };
        let oud = doel.try_as_ref().cloned();
        if oud.as_ref() == Some(&nieuw) {
            return;
        }
        self.0.push(Wijziging {
            veld: veld.to_owned(),
            oud: oud.map(to_value),
            nieuw: Some(to_value(&nieuw)),
        });
        *doel = ActiveValue::Set(nieuw);
    }

    /// Als [`Wijzigingen::zet`], maar van het veld wordt alleen de naam vastgelegd
    /// (een wachtwoordhash, een geheim).
    pub fn zet_alleen_naam<T>(&mut self, veld: &str, doel: &mut ActiveValue<T>, nieuw: Option<T>)
    where
        T: Into<sea_orm::Value>,
    {
        if let Some(nieuw) = nieuw {
            *doel = ActiveValue::Set(nieuw);
            self.0.push(Wijziging {
                veld: veld.to_owned(),
                oud: None,
                nieuw: None,
            });
        }
    }

    pub fn velden(&self) -> Vec<&str> {
        self.0.iter().map(|w| w.veld.as_str()).collect()
    }
}

fn to_value(value: impl Serialize) -> Value {
    serde_json::to_value(value).unwrap_or(Value::Null)
}

/// Wat er met een resource gebeurde.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Actie {
    Aangemaakt,
    Gewijzigd,
    Verwijderd,
    GeheimVernieuwd,
}

impl Actie {
    pub fn as_str(self) -> &'static str {
        match self {
            Actie::Aangemaakt => "aangemaakt",
            Actie::Gewijzigd => "gewijzigd",
            Actie::Verwijderd => "verwijderd",
            Actie::GeheimVernieuwd => "geheim_vernieuwd",
        }
    }
}

/// Een regel voor de audit trail.
#[derive(Debug, Clone)]
pub struct Regel {
    /// De gemeente van de gewijzigde resource (`None`: regionaal).
    pub gemeente_id: Option<Uuid>,
    /// De soort resource, zoals in `GET /audit-trail?resource=`.
    pub resource: &'static str,
    pub resource_id: String,
    pub actie: Actie,
    pub wijzigingen: Wijzigingen,
}

/// Welke velden van een soort resource met hun waarde in de audit trail mogen: ids,
/// soorten, toestanden, getallen, bedragen, datums en booleans. Elk ander veld (vrije
/// tekst, persoonsgegevens, geheimen, en elk nieuw veld tot iemand het hier zet)
/// komt er alleen met zijn naam in. Elke module noemt haar velden in haar
/// [`crate::modules::Module`]; `*` staat voor één deel van een veldnaam
/// (`stappen.*.status`).
pub struct Waarden {
    pub resource: &'static str,
    pub velden: &'static [&'static str],
}

fn waarde_velden(resource: &str) -> impl Iterator<Item = &'static str> + '_ {
    crate::app::MODULES
        .iter()
        .flat_map(|m| m.audit_waarden)
        .filter(move |w| w.resource == resource)
        .flat_map(|w| w.velden.iter().copied())
}

fn waarde_toegestaan(resource: &str, veld: &str) -> bool {
    waarde_velden(resource).any(|patroon| past(patroon, veld))
}

fn past(patroon: &str, veld: &str) -> bool {
    let (p, v): (Vec<&str>, Vec<&str>) = (patroon.split('.').collect(), veld.split('.').collect());
    p.len() == v.len() && p.iter().zip(&v).all(|(p, v)| *p == "*" || p == v)
}

impl Wijzigingen {
    /// Haalt de waarden weg van elk veld dat niet op de lijst van de resource staat.
    fn volgens_lijst(mut self, resource: &str) -> Self {
        for wijziging in &mut self.0 {
            if !waarde_toegestaan(resource, &wijziging.veld) {
                wijziging.oud = None;
                wijziging.nieuw = None;
            }
        }
        self
    }
}

/// Legt een regel vast; keten, volgnummer, tijdstip en hashes zet de database.
/// Waarden komen er alleen in voor velden op de lijst van de resource ([`Waarden`]).
pub async fn record(
    db: &impl ConnectionTrait,
    actor: Actor,
    request_id: Option<&str>,
    regel: Regel,
) -> Result<(), DbErr> {
    let wijzigingen = regel.wijzigingen.volgens_lijst(regel.resource);
    let wijzigingen = serde_json::to_value(&wijzigingen.0).unwrap_or(Value::Array(vec![]));
    db.execute_raw(Statement::from_sql_and_values(
        DbBackend::Postgres,
        "INSERT INTO audit_trail (id, keten, volgnummer, tijdstip, gemeente_id, actor_soort, \
         actor_id, resource, resource_id, actie, wijzigingen, request_id, vorige_hash, hash) \
         VALUES ($1, '', 0, now(), $2, $3, $4, $5, $6, $7, $8, $9, '', '')",
        [
            Uuid::now_v7().into(),
            regel.gemeente_id.into(),
            actor.soort().into(),
            actor.id().into(),
            regel.resource.into(),
            regel.resource_id.into(),
            regel.actie.as_str().into(),
            wijzigingen.into(),
            request_id.map(str::to_owned).into(),
        ],
    ))
    .await?;
    Ok(())
}

/// De uitkomst van `weefsel audit verify`.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct VerifyReport {
    pub ketens: usize,
    pub regels: u64,
    /// Elke breuk, in woorden; leeg als alles klopt.
    pub fouten: Vec<String>,
}

#[derive(Debug, FromQueryResult)]
struct ChainRow {
    keten: String,
    volgnummer: i64,
    vorige_hash: String,
    hash: String,
    canoniek: String,
}

/// Dezelfde velden in dezelfde volgorde als de trigger; de database zet alleen de
/// tijd en de JSON in hun vaste tekstvorm, de hash rekent Weefsel zelf uit.
const CHAIN_SQL: &str = "SELECT keten, volgnummer, vorige_hash, hash, concat_ws('|', \
     keten, volgnummer::text, vorige_hash, id::text, \
     to_char(tijdstip AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"'), \
     coalesce(gemeente_id::text, ''), actor_soort, coalesce(actor_id::text, ''), \
     resource, resource_id, actie, wijzigingen::text, coalesce(request_id, '')) AS canoniek \
     FROM audit_trail ORDER BY keten, volgnummer";

/// Rekent elke keten na: opeenvolgende volgnummers, elke `vorige_hash` gelijk aan
/// de hash van de regel ervoor, en elke hash gelijk aan de SHA-256 van de inhoud.
/// Een gewijzigde, ingevoegde of verwijderde regel breekt de keten.
pub async fn verify(db: &impl ConnectionTrait) -> Result<VerifyReport, DbErr> {
    let rows = ChainRow::find_by_statement(Statement::from_string(DbBackend::Postgres, CHAIN_SQL))
        .all(db)
        .await?;
    let mut report = VerifyReport::default();
    let genesis = "0".repeat(64);
    let mut previous: Option<(String, i64, String)> = None;
    for row in rows {
        report.regels += 1;
        let (expected_number, expected_previous) = match &previous {
            Some((keten, number, hash)) if *keten == row.keten => (number + 1, hash.clone()),
            _ => {
                report.ketens += 1;
                (1, genesis.clone())
            }
        };
        let at = format!("keten {}, regel {}", row.keten, row.volgnummer);
        if row.volgnummer != expected_number {
            report.fouten.push(format!(
                "{at}: volgnummer {expected_number} verwacht; er ontbreken regels"
            ));
        }
        if row.vorige_hash != expected_previous {
            report
                .fouten
                .push(format!("{at}: vorige_hash past niet bij de regel ervoor"));
        }
        let computed = hex::encode(Sha256::digest(row.canoniek.as_bytes()));
        if computed != row.hash {
            report
                .fouten
                .push(format!("{at}: de inhoud past niet bij de hash (gewijzigd)"));
        }
        previous = Some((row.keten, row.volgnummer, row.hash));
    }
    Ok(report)
}
