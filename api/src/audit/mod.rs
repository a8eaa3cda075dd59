//! De audit trail: elke mutatie, wie, wanneer, wat.
//!
//! Vastleggen gaat via [`crate::tenancy::Context::audit`], in dezelfde transactie
//! als de mutatie zelf: zonder regel geen mutatie. Elke gemeente heeft een keten: de
//! dienst rekent per regel een HMAC-SHA256 uit over de regel en de vorige, met een
//! sleutel buiten de database ([`sleutels`]); de database bewaakt dat elke regel op
//! de kop past (trigger `audit_trail_ketenen`) en staat geen UPDATE, DELETE of
//! TRUNCATE toe. [`verify`] rekent de keten na, dagelijks ondertekent de dienst de
//! kop van elke keten ([`koppen`]).
//!
//! Van velden met persoonsgegevens van sleutelpersonen en van geheimen (wachtwoord,
//! client secret) wordt alleen de naam vastgelegd, nooit de waarde.

pub mod koppen;
pub mod sleutels;
pub mod verwerking;

pub use sleutels::AuditSleutels;

use chrono::{DateTime, Utc};
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
    /// Alleen als de lijst van de resource de waarde toestaat; anders valt de hele
    /// wijziging weg (uit [`Wijzigingen::aangemaakt`]).
    #[serde(skip)]
    #[schema(ignore)]
    alleen_toegestaan: bool,
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
            alleen_toegestaan: false,
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
                alleen_toegestaan: false,
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
            alleen_toegestaan: false,
        });
        self
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Een nieuwe resource: elk veld van de lijst van `resource` (zie [`Waarden`]) dat in
    /// haar representatie een waarde heeft, als nieuwe waarde (de lijst wordt bij het
    /// vastleggen toegepast: een veld dat er niet op staat, valt helemaal weg). Andere
    /// gezette velden voegt de handler toe met [`Wijzigingen::alleen_naam_als`].
    pub fn aangemaakt(_resource: &str, representatie: &impl Serialize) -> Self {
        let json = to_value(representatie);
        let mut w = Self::new();
        for (veld, waarde) in json.as_object().into_iter().flatten() {
            if !waarde.is_null() {
                w.0.push(Wijziging {
                    veld: veld.clone(),
                    oud: None,
                    nieuw: Some(waarde.clone()),
                    alleen_toegestaan: true,
                });
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
            alleen_toegestaan: false,
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
                alleen_toegestaan: false,
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
    /// De keten kreeg na haar laatste regel zonder sleutel een regel met sleutel
    /// (`resource` `audit_trail`; issue 31).
    Verzegeld,
}

impl Actie {
    pub fn as_str(self) -> &'static str {
        match self {
            Actie::Aangemaakt => "aangemaakt",
            Actie::Gewijzigd => "gewijzigd",
            Actie::Verwijderd => "verwijderd",
            Actie::GeheimVernieuwd => "geheim_vernieuwd",
            Actie::Verzegeld => "verzegeld",
        }
    }
}

/// De resource van een regel over de keten zelf (`actie` `verzegeld`); `resourceId` is
/// de keten.
pub const KETEN_RESOURCE: &str = "audit_trail";

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
/// komt er alleen met zijn naam in. Elke module noemt haar velden bij haar registratie
/// (`audit_waarden`); `*` staat voor één deel van een veldnaam (`stappen.*.status`).
#[derive(Debug)]
pub struct Waarden {
    pub resource: &'static str,
    pub velden: &'static [&'static str],
}

/// De [`Waarden`] van alle modules: één keer samengesteld door de lijst van modules en
/// meegegeven aan wie de audit trail schrijft. Zonder lijst (leeg) komt van elk veld
/// alleen de naam erin.
#[derive(Debug, Default, Clone)]
pub struct Waardenlijst(Vec<&'static Waarden>);

impl Waardenlijst {
    pub fn uit(waarden: impl IntoIterator<Item = &'static Waarden>) -> Self {
        Waardenlijst(waarden.into_iter().collect())
    }

    /// Mag de waarde van dit veld van deze resource in de audit trail?
    pub fn toegestaan(&self, resource: &str, veld: &str) -> bool {
        self.0
            .iter()
            .filter(|w| w.resource == resource)
            .flat_map(|w| w.velden.iter())
            .any(|patroon| past(patroon, veld))
    }
}

fn past(patroon: &str, veld: &str) -> bool {
    let (p, v): (Vec<&str>, Vec<&str>) = (patroon.split('.').collect(), veld.split('.').collect());
    p.len() == v.len() && p.iter().zip(&v).all(|(p, v)| *p == "*" || p == v)
}

impl Wijzigingen {
    /// Haalt de waarden weg van elk veld dat niet op de lijst van de resource staat.
    fn volgens_lijst(mut self, lijst: &Waardenlijst, resource: &str) -> Self {
        self.0.retain(|w| {
            !w.alleen_toegestaan || (!w.veld.contains('.') && lijst.toegestaan(resource, &w.veld))
        });
        for wijziging in &mut self.0 {
            if !lijst.toegestaan(resource, &wijziging.veld) {
                wijziging.oud = None;
                wijziging.nieuw = None;
            }
        }
        self
    }
}

/// De kop van een keten onder het slot van [`record`] (`weefsel_audit_kop`).
#[derive(Debug, FromQueryResult)]
struct Kop {
    keten: String,
    volgnummer: i64,
    vorige_hash: String,
    tijdstip: DateTime<Utc>,
}

/// Eén regel zoals haar MAC haar dekt: elk veld, in een vaste volgorde, als JSON-array
/// (ondubbelzinnig, wat er ook in een veld staat), met de wijzigingen in hun vaste
/// vorm (sleutels gesorteerd, zonder witruimte).
struct Inhoud<'a> {
    keten: &'a str,
    volgnummer: i64,
    vorige_hash: &'a str,
    id: Uuid,
    tijdstip: DateTime<Utc>,
    gemeente_id: Option<Uuid>,
    actor_soort: &'a str,
    actor_id: Option<Uuid>,
    resource: &'a str,
    resource_id: &'a str,
    actie: &'a str,
    wijzigingen: &'a Value,
    request_id: Option<&'a str>,
    sleutel_id: &'a str,
}

impl Inhoud<'_> {
    fn canoniek(&self) -> Vec<u8> {
        let velden = serde_json::json!([
            "weefsel-audit-1",
            self.keten,
            self.volgnummer,
            self.vorige_hash,
            self.id.to_string(),
            self.tijdstip
                .to_rfc3339_opts(chrono::SecondsFormat::Micros, true),
            self.gemeente_id.map(|g| g.to_string()),
            self.actor_soort,
            self.actor_id.map(|a| a.to_string()),
            self.resource,
            self.resource_id,
            self.actie,
            gesorteerd(self.wijzigingen),
            self.request_id,
            self.sleutel_id,
        ]);
        serde_json::to_vec(&velden).unwrap_or_default()
    }
}

/// Dezelfde waarde met de sleutels van elk object gesorteerd: zo is de vorm gelijk
/// voor wat de dienst schreef en wat hij uit `jsonb` terugleest.
fn gesorteerd(waarde: &Value) -> Value {
    match waarde {
        Value::Object(object) => {
            let mut sleutels: Vec<&String> = object.keys().collect();
            sleutels.sort();
            Value::Object(
                sleutels
                    .into_iter()
                    .map(|k| (k.clone(), gesorteerd(&object[k])))
                    .collect(),
            )
        }
        Value::Array(lijst) => Value::Array(lijst.iter().map(gesorteerd).collect()),
        ander => ander.clone(),
    }
}

/// Legt een regel vast: onder het slot van de keten (tot de commit) de kop ophalen,
/// de HMAC-SHA256 uitrekenen met de actieve sleutel ([`AuditSleutels`]) over de regel
/// en de vorige MAC, en toevoegen; de database controleert dat de regel op de kop past.
/// Waarden komen er alleen in voor velden op de lijst van de resource ([`Waarden`]).
///
/// `db` is de transactie van de mutatie: kop, slot en tijdstip gelden tot haar commit
/// (buiten een transactie weigert de database de regel).
pub async fn record(
    db: &impl ConnectionTrait,
    sleutels: &AuditSleutels,
    lijst: &Waardenlijst,
    actor: Actor,
    request_id: Option<&str>,
    regel: Regel,
) -> Result<(), DbErr> {
    let wijzigingen = regel.wijzigingen.volgens_lijst(lijst, regel.resource);
    let wijzigingen = serde_json::to_value(&wijzigingen.0).unwrap_or(Value::Array(vec![]));
    let kop = Kop::find_by_statement(Statement::from_sql_and_values(
        DbBackend::Postgres,
        "SELECT keten, volgnummer, vorige_hash, tijdstip FROM weefsel_audit_kop($1)",
        [regel.gemeente_id.into()],
    ))
    .one(db)
    .await?
    .ok_or_else(|| DbErr::Custom("de kop van de audit trail ontbreekt".into()))?;
    let id = Uuid::now_v7();
    let inhoud = Inhoud {
        keten: &kop.keten,
        volgnummer: kop.volgnummer,
        vorige_hash: &kop.vorige_hash,
        id,
        tijdstip: kop.tijdstip,
        gemeente_id: regel.gemeente_id,
        actor_soort: actor.soort(),
        actor_id: actor.id(),
        resource: regel.resource,
        resource_id: &regel.resource_id,
        actie: regel.actie.as_str(),
        wijzigingen: &wijzigingen,
        request_id,
        sleutel_id: sleutels.actief(),
    };
    let mac = sleutels.teken(&inhoud.canoniek());
    db.execute_raw(Statement::from_sql_and_values(
        DbBackend::Postgres,
        "INSERT INTO audit_trail (id, keten, volgnummer, tijdstip, gemeente_id, actor_soort, \
         actor_id, resource, resource_id, actie, wijzigingen, request_id, vorige_hash, hash, \
         sleutel_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)",
        [
            id.into(),
            kop.keten.clone().into(),
            kop.volgnummer.into(),
            kop.tijdstip.into(),
            regel.gemeente_id.into(),
            actor.soort().into(),
            actor.id().into(),
            regel.resource.into(),
            regel.resource_id.clone().into(),
            regel.actie.as_str().into(),
            wijzigingen.clone().into(),
            request_id.map(str::to_owned).into(),
            kop.vorige_hash.clone().into(),
            mac.into(),
            sleutels.actief().to_owned().into(),
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
    /// Regels met een MAC (de rest heeft nog de SHA-256 van vóór migratie 000022).
    pub met_sleutel: u64,
    /// Ondertekende koppen die met de keten vergeleken zijn.
    pub koppen: u64,
    /// Elke breuk, in woorden; leeg als alles klopt.
    pub fouten: Vec<String>,
}

#[derive(Debug, FromQueryResult)]
struct ChainRow {
    id: Uuid,
    keten: String,
    volgnummer: i64,
    tijdstip: DateTime<Utc>,
    gemeente_id: Option<Uuid>,
    actor_soort: String,
    actor_id: Option<Uuid>,
    resource: String,
    resource_id: String,
    actie: String,
    wijzigingen: Value,
    request_id: Option<String>,
    vorige_hash: String,
    hash: String,
    sleutel_id: Option<String>,
    /// De inhoud zoals de oude trigger haar hashte (regels zonder sleutel).
    canoniek: String,
}

/// Dezelfde velden in dezelfde volgorde als de oude trigger; de database zet alleen
/// de tijd en de JSON in hun vaste tekstvorm, de hash rekent Weefsel zelf uit.
const CHAIN_SELECT: &str = "SELECT id, keten, volgnummer, tijdstip, gemeente_id, actor_soort, \
     actor_id, resource, resource_id, actie, wijzigingen, request_id, vorige_hash, hash, \
     sleutel_id, concat_ws('|', \
     keten, volgnummer::text, vorige_hash, id::text, \
     to_char(tijdstip AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"'), \
     coalesce(gemeente_id::text, ''), actor_soort, coalesce(actor_id::text, ''), \
     resource, resource_id, actie, wijzigingen::text, coalesce(request_id, '')) AS canoniek \
     FROM audit_trail";

/// De MAC (of voor een regel zonder sleutel de SHA-256) die bij regel `volgnummer` van
/// `keten` hoort zoals zij nu in de database staat; `None` als haar sleutel ontbreekt.
/// Voor het opnieuw verzegelen na het schonen ([`crate::ops::audit_schoning`]).
pub async fn verwachte_hash(
    db: &impl ConnectionTrait,
    sleutels: &AuditSleutels,
    keten: &str,
    volgnummer: i64,
) -> Result<Option<String>, DbErr> {
    let rij = ChainRow::find_by_statement(Statement::from_sql_and_values(
        DbBackend::Postgres,
        format!("{CHAIN_SELECT} WHERE keten = $1 AND volgnummer = $2"),
        [keten.into(), volgnummer.into()],
    ))
    .one(db)
    .await?
    .ok_or_else(|| DbErr::Custom(format!("keten {keten} regel {volgnummer} ontbreekt")))?;
    Ok(rij.verwacht(sleutels))
}

impl ChainRow {
    /// De hash die bij deze inhoud hoort: de MAC met de sleutel van de regel, of de
    /// SHA-256 van een regel van vóór de sleutel. `None`: de sleutel ontbreekt.
    fn verwacht(&self, sleutels: &AuditSleutels) -> Option<String> {
        match &self.sleutel_id {
            Some(sleutel) => sleutels.mac(
                sleutel,
                &Inhoud {
                    keten: &self.keten,
                    volgnummer: self.volgnummer,
                    vorige_hash: &self.vorige_hash,
                    id: self.id,
                    tijdstip: self.tijdstip,
                    gemeente_id: self.gemeente_id,
                    actor_soort: &self.actor_soort,
                    actor_id: self.actor_id,
                    resource: &self.resource,
                    resource_id: &self.resource_id,
                    actie: &self.actie,
                    wijzigingen: &self.wijzigingen,
                    request_id: self.request_id.as_deref(),
                    sleutel_id: sleutel,
                }
                .canoniek(),
            ),
            None => Some(hex::encode(Sha256::digest(self.canoniek.as_bytes()))),
        }
    }
}

/// Een ondertekende kop: keten, volgnummer en de hash van die regel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GetekendeKop {
    pub keten: String,
    pub volgnummer: i64,
    pub hash: String,
}

/// Rekent elke keten na: opeenvolgende volgnummers, elke `vorige_hash` gelijk aan de
/// hash van de regel ervoor, en elke hash gelijk aan de MAC van de inhoud (met de
/// sleutel die de regel noemt) of, voor regels van vóór de sleutel, aan de SHA-256.
/// Een gewijzigde, ingevoegde of verwijderde regel breekt de keten; na de eerste regel
/// met sleutel breekt ook een regel zonder. Daarna elke ondertekende kop (uit de
/// database en eventueel uit een kopie erbuiten, `koppen`): de keten moet die regel
/// met die hash nog hebben; een verwijderde staart breekt zo ook.
pub async fn verify(
    db: &impl ConnectionTrait,
    sleutels: &AuditSleutels,
    koppen: &[GetekendeKop],
) -> Result<VerifyReport, DbErr> {
    let rows = ChainRow::find_by_statement(Statement::from_string(
        DbBackend::Postgres,
        format!("{CHAIN_SELECT} ORDER BY keten, volgnummer"),
    ))
    .all(db)
    .await?;
    let mut report = VerifyReport::default();
    let ketens = ketens_nalopen(rows, sleutels, &mut report);
    let mut alle = koppen.to_vec();
    alle.extend(
        db.query_all_raw(Statement::from_string(
            DbBackend::Postgres,
            "SELECT keten, volgnummer, hash FROM audit_kop ORDER BY keten, volgnummer",
        ))
        .await?
        .into_iter()
        .filter_map(|r| {
            Some(GetekendeKop {
                keten: r.try_get("", "keten").ok()?,
                volgnummer: r.try_get("", "volgnummer").ok()?,
                hash: r.try_get("", "hash").ok()?,
            })
        }),
    );
    koppen_nalopen(alle, &ketens, &mut report);
    Ok(report)
}

/// De vorige hash van de eerste regel van een keten.
pub(crate) const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// Loopt elke keten regel voor regel na (volgnummer, vorige hash, sleutel, inhoud) en
/// geeft per keten haar hashes op volgorde.
fn ketens_nalopen(
    rows: Vec<ChainRow>,
    sleutels: &AuditSleutels,
    report: &mut VerifyReport,
) -> std::collections::HashMap<String, Vec<String>> {
    let genesis = GENESIS.to_owned();
    let mut previous: Option<(String, i64, String, bool)> = None;
    let mut ketens: std::collections::HashMap<String, Vec<String>> = Default::default();
    let mut laatste_met_sleutel: std::collections::BTreeMap<String, bool> = Default::default();
    for row in rows {
        report.regels += 1;
        let (expected_number, expected_previous, na_sleutel) = match &previous {
            Some((keten, number, hash, sleutel)) if *keten == row.keten => {
                (number + 1, hash.clone(), *sleutel)
            }
            _ => {
                report.ketens += 1;
                (1, genesis.clone(), false)
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
        if na_sleutel && row.sleutel_id.is_none() {
            report.fouten.push(format!(
                "{at}: een regel zonder sleutel na een regel met sleutel (ingevoegd)"
            ));
        }
        match row.verwacht(sleutels) {
            Some(verwacht) if verwacht == row.hash => {}
            Some(_) => report
                .fouten
                .push(format!("{at}: de inhoud past niet bij de hash (gewijzigd)")),
            None => report.fouten.push(format!(
                "{at}: sleutel {} staat niet in {}",
                row.sleutel_id.as_deref().unwrap_or_default(),
                sleutels.bestand.display()
            )),
        }
        if row.sleutel_id.is_some() {
            report.met_sleutel += 1;
        }
        let hashes = ketens.entry(row.keten.clone()).or_default();
        hashes.push(row.hash.clone());
        laatste_met_sleutel.insert(row.keten.clone(), row.sleutel_id.is_some());
        previous = Some((
            row.keten,
            row.volgnummer,
            row.hash,
            na_sleutel || row.sleutel_id.is_some(),
        ));
    }
    // Sinds de sleutel eindigt elke keten met een regel met sleutel
    // ([`crate::ops::audit_schoning`] verzegelde de oude): wie alles tot gewone
    // hashes herschrijft, of de regels met sleutel weghaalt, valt hier op.
    for (keten, met_sleutel) in &laatste_met_sleutel {
        if !met_sleutel {
            report.fouten.push(format!(
                "keten {keten}: eindigt met een regel zonder sleutel (herschreven of afgekapt)"
            ));
        }
    }
    ketens
}

/// Vergelijkt elke ondertekende kop met de hash die op haar plaats in de keten staat.
fn koppen_nalopen(
    alle: Vec<GetekendeKop>,
    ketens: &std::collections::HashMap<String, Vec<String>>,
    report: &mut VerifyReport,
) {
    for kop in alle {
        report.koppen += 1;
        let hashes = ketens.get(&kop.keten).map(Vec::as_slice).unwrap_or(&[]);
        let klopt = match usize::try_from(kop.volgnummer) {
            Ok(0) => kop.hash == GENESIS,
            Ok(n) => hashes.get(n - 1) == Some(&kop.hash),
            Err(_) => false,
        };
        if !klopt {
            report.fouten.push(format!(
                "keten {}: de ondertekende kop (regel {}) staat niet meer in de keten; \
                 er zijn regels verwijderd of gewijzigd",
                kop.keten, kop.volgnummer
            ));
        }
    }
}
