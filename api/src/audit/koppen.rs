//! De ondertekende koppen van de audit trail.
//!
//! Dagelijks (en bij het starten) ondertekent de dienst de kop van elke keten — per
//! gemeente en de regionale — met zijn eigen ondertekensleutel (Ed25519 of P-256, die
//! van de tokens; de publieke sleutel drukt `weefsel jwks` af) en bewaart hem in
//! `audit_kop`. `GET /api/v1/audit-trail/koppen` geeft ze. Een gemeente die ze
//! dagelijks buiten Weefsel bewaart, ziet later zonder de MAC-sleutel of een eerdere
//! kop nog in de keten staat: wie de database bezit en regels herschrijft of de staart
//! weghaalt, kan geen kop ondertekenen die daarbij past.
//!
//! Het document is een JWS met `typ` [`TYP`] en `aud` [`AUDIENCE`]: nooit een access
//! token (dat heeft een andere `aud`, een `exp` en een `sub`).

use std::sync::Arc;
use std::time::Duration;

use sea_orm::{
    ConnectionTrait, DatabaseConnection, DbBackend, DbErr, FromQueryResult, Statement,
    TransactionTrait,
};
use serde::{Deserialize, Serialize};

use super::GetekendeKop;
use crate::auth::TokenKeys;

/// `typ` in de header van een ondertekende kop.
pub const TYP: &str = "weefsel-auditkop+jwt";
/// `aud` van een ondertekende kop.
pub const AUDIENCE: &str = "weefsel-audit-trail";

/// Wat een ondertekende kop zegt.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KopClaims {
    pub iss: String,
    pub aud: String,
    /// Wanneer ondertekend (seconden sinds 1970).
    pub iat: i64,
    /// De keten: de CBS-code van de gemeente, of `regio`.
    pub keten: String,
    /// Het volgnummer van de laatste regel (0: een lege keten).
    pub volgnummer: i64,
    /// De hash (MAC) van die regel.
    pub kop: String,
}

impl KopClaims {
    pub fn als_kop(&self) -> GetekendeKop {
        GetekendeKop {
            keten: self.keten.clone(),
            volgnummer: self.volgnummer,
            hash: self.kop.clone(),
        }
    }
}

#[derive(Debug, FromQueryResult)]
struct Kop {
    keten: String,
    volgnummer: i64,
    hash: String,
}

/// Ondertekent de kop van elke keten die nog geen ondertekende kop heeft; geeft het
/// aantal nieuwe. In de context `audit_koppen` (migratie 000022), nooit vanuit een
/// verzoek.
pub async fn tekenen(db: &DatabaseConnection, keys: &TokenKeys) -> Result<u64, DbErr> {
    let tx = db.begin().await?;
    tx.execute_raw(Statement::from_string(
        DbBackend::Postgres,
        "SELECT set_config('weefsel.context', 'audit_koppen', true)",
    ))
    .await?;
    let koppen = Kop::find_by_statement(Statement::from_string(
        DbBackend::Postgres,
        "SELECT keten, volgnummer, hash FROM weefsel_audit_koppen()",
    ))
    .all(&tx)
    .await?;
    let nu = chrono::Utc::now().timestamp();
    let mut nieuw = 0;
    for kop in koppen {
        let claims = KopClaims {
            iss: keys.issuer().to_owned(),
            aud: AUDIENCE.to_owned(),
            iat: nu,
            keten: kop.keten.clone(),
            volgnummer: kop.volgnummer,
            kop: kop.hash.clone(),
        };
        let jws = keys
            .onderteken(TYP, &claims)
            .map_err(|e| DbErr::Custom(format!("kop ondertekenen: {e:?}")))?;
        let rij = tx
            .query_one_raw(Statement::from_sql_and_values(
                DbBackend::Postgres,
                "SELECT weefsel_audit_kop_bewaren($1, $2, $3, $4) AS nieuw",
                [
                    kop.keten.into(),
                    kop.volgnummer.into(),
                    kop.hash.into(),
                    jws.into(),
                ],
            ))
            .await?;
        if rij.and_then(|r| r.try_get::<bool>("", "nieuw").ok()) == Some(true) {
            nieuw += 1;
        }
    }
    tx.commit().await?;
    Ok(nieuw)
}

/// De taak van de dienst: nu en daarna elke `interval` de koppen ondertekenen. Een
/// fout komt in het log; de volgende ronde probeert het opnieuw.
pub async fn dagelijks(db: DatabaseConnection, keys: Arc<TokenKeys>, interval: Duration) {
    let mut klok = tokio::time::interval(interval);
    klok.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        klok.tick().await;
        match tekenen(&db, &keys).await {
            Ok(nieuw) => tracing::info!(nieuw, "koppen van de audit trail ondertekend"),
            Err(error) => {
                tracing::warn!(cause = %error, "koppen van de audit trail niet ondertekend")
            }
        }
    }
}

/// Een kop uit een kopie buiten de database (de JWS zoals `GET
/// /audit-trail/koppen` hem gaf), gecontroleerd met de eigen sleutels.
pub fn uit_jws(keys: &TokenKeys, jws: &str) -> Result<KopClaims, &'static str> {
    keys.controleer::<KopClaims>(jws.trim(), AUDIENCE)
}
