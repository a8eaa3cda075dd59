//! De audit trail na de migraties (issue 31, T3 punt 2), als eigenaar en met de
//! sleutels van de audit trail: `weefsel migrate` (en `weefsel dev`) doen dit na
//! `Migrator::up`.
//!
//! 1. **Schonen.** Tot issue 30 kwam bij het aanmaken het hele object in de audit
//!    trail, ook vrije tekst (het doel van een toestemming). Elke regel zonder sleutel
//!    (van vóór migratie 000022) met een waarde van een veld dat niet op de lijst van
//!    zijn resource staat ([`crate::audit::Waarden`]), houdt van dat veld alleen de
//!    naam. Vanaf de eerste geschoonde regel wordt de keten opnieuw verzegeld: regels
//!    zonder sleutel met hun SHA-256, regels met sleutel met hun MAC (door deze code,
//!    met het sleutelbestand; nooit in SQL). Per keten komen de oude en de nieuwe kop
//!    in de uitvoer: bewaar ze bij de releasegegevens (CHANGELOG).
//! 2. **Verzegelen.** Een keten die eindigt met een regel zonder sleutel krijgt een
//!    regel met sleutel (`resource` `audit_trail`, `actie` `verzegeld`) die de laatste
//!    oude kop dekt. Daarna eindigt elke keten met een regel met sleutel, en
//!    `weefsel audit verify` eist dat: wie alle regels tot gewone hashes herschrijft,
//!    valt zo ook op.
//!
//! Beide zijn idempotent: een tweede run vindt niets.

use std::collections::BTreeMap;

use sea_orm::{
    ConnectionTrait, DatabaseConnection, DbBackend, DbErr, FromQueryResult, Statement,
    TransactionTrait,
};
use serde_json::Value;
use uuid::Uuid;

use crate::audit::{self, Actie, AuditSleutels, Regel, Wijzigingen};

#[derive(Debug, FromQueryResult)]
struct Oud {
    keten: String,
    volgnummer: i64,
    resource: String,
    wijzigingen: Value,
}

/// Wat de stap deed, regel voor regel (om af te drukken).
pub async fn na_migratie(
    db: &DatabaseConnection,
    sleutels: &AuditSleutels,
) -> Result<Vec<String>, DbErr> {
    let mut verslag = schonen(db, sleutels).await?;
    verslag.extend(verzegelen(db, sleutels).await?);
    Ok(verslag)
}

/// De wijzigingen zonder waarden van velden die niet op de lijst staan; `None` als
/// er niets te schonen is.
fn geschoond(
    lijst_van_modules: &audit::Waardenlijst,
    resource: &str,
    wijzigingen: &Value,
) -> Option<Value> {
    let lijst = wijzigingen.as_array()?;
    let mut veranderd = false;
    let nieuw: Vec<Value> = lijst
        .iter()
        .map(|w| {
            let veld = w.get("veld").and_then(Value::as_str).unwrap_or_default();
            let heeft_waarde = w.get("oud").is_some() || w.get("nieuw").is_some();
            if heeft_waarde && !lijst_van_modules.toegestaan(resource, veld) {
                veranderd = true;
                serde_json::json!({ "veld": veld })
            } else {
                w.clone()
            }
        })
        .collect();
    veranderd.then_some(Value::Array(nieuw))
}

async fn schonen(db: &DatabaseConnection, sleutels: &AuditSleutels) -> Result<Vec<String>, DbErr> {
    let oud = Oud::find_by_statement(Statement::from_string(
        DbBackend::Postgres,
        "SELECT keten, volgnummer, resource, wijzigingen FROM audit_trail \
         WHERE sleutel_id IS NULL ORDER BY keten, volgnummer",
    ))
    .all(db)
    .await?;
    // Per keten: de nieuwe wijzigingen per volgnummer.
    let mut per_keten: BTreeMap<String, BTreeMap<i64, Value>> = BTreeMap::new();
    let lijst = crate::modules::audit_waarden();
    for regel in oud {
        if let Some(nieuw) = geschoond(&lijst, &regel.resource, &regel.wijzigingen) {
            per_keten
                .entry(regel.keten)
                .or_default()
                .insert(regel.volgnummer, nieuw);
        }
    }
    let mut verslag = Vec::new();
    for (keten, schoon) in per_keten {
        let Some((&vanaf, _)) = schoon.first_key_value() else {
            continue;
        };
        let tx = db.begin().await?;
        tx.execute_unprepared("ALTER TABLE audit_trail DISABLE TRIGGER audit_trail_geen_wijziging")
            .await?;
        let oude_kop = kop(&tx, &keten).await?;
        for (volgnummer, wijzigingen) in &schoon {
            tx.execute_raw(Statement::from_sql_and_values(
                DbBackend::Postgres,
                "UPDATE audit_trail SET wijzigingen = $3 WHERE keten = $1 AND volgnummer = $2",
                [
                    keten.clone().into(),
                    (*volgnummer).into(),
                    wijzigingen.clone().into(),
                ],
            ))
            .await?;
        }
        verzegel_vanaf(&tx, sleutels, &keten, vanaf).await?;
        let nieuwe_kop = kop(&tx, &keten).await?;
        tx.execute_unprepared("ALTER TABLE audit_trail ENABLE TRIGGER audit_trail_geen_wijziging")
            .await?;
        tx.commit().await?;
        verslag.push(format!(
            "audit trail geschoond, keten {keten}: {} regel(s) vanaf regel {vanaf} houden alleen \
             veldnamen; oude kop regel {} {}, nieuwe kop regel {} {}",
            schoon.len(),
            oude_kop.0,
            oude_kop.1,
            nieuwe_kop.0,
            nieuwe_kop.1
        ));
    }
    Ok(verslag)
}

/// Het volgnummer en de hash van de laatste regel van een keten.
async fn kop(db: &impl ConnectionTrait, keten: &str) -> Result<(i64, String), DbErr> {
    kop_tot(db, keten, i64::MAX).await
}

/// Het volgnummer en de hash van de laatste regel tot en met `tot` (een lege keten:
/// 0 en de hash van nullen).
async fn kop_tot(db: &impl ConnectionTrait, keten: &str, tot: i64) -> Result<(i64, String), DbErr> {
    let rij = db
        .query_one_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "SELECT volgnummer, hash FROM audit_trail WHERE keten = $1 AND volgnummer <= $2 \
             ORDER BY volgnummer DESC LIMIT 1",
            [keten.into(), tot.into()],
        ))
        .await?;
    Ok(match rij {
        Some(r) => (r.try_get("", "volgnummer")?, r.try_get("", "hash")?),
        None => (0, crate::audit::GENESIS.to_owned()),
    })
}

/// Rekent de keten vanaf `vanaf` opnieuw door: elke `vorige_hash`, en daarmee elke
/// hash zoals [`audit::verwachte_hash`] haar uitrekent (de SHA-256 van een regel zonder
/// sleutel, de MAC met de sleutel van de regel) — dezelfde vorm als `audit verify`.
async fn verzegel_vanaf(
    tx: &impl ConnectionTrait,
    sleutels: &AuditSleutels,
    keten: &str,
    vanaf: i64,
) -> Result<(), DbErr> {
    let (_, mut vorige) = kop_tot(tx, keten, vanaf - 1).await?;
    let (laatste, _) = kop(tx, keten).await?;
    for volgnummer in vanaf..=laatste {
        tx.execute_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "UPDATE audit_trail SET vorige_hash = $3 WHERE keten = $1 AND volgnummer = $2",
            [keten.into(), volgnummer.into(), vorige.into()],
        ))
        .await?;
        let hash = audit::verwachte_hash(tx, sleutels, keten, volgnummer)
            .await?
            .ok_or_else(|| {
                DbErr::Custom(format!(
                    "keten {keten} regel {volgnummer}: haar sleutel staat niet in {}",
                    sleutels.bestand.display()
                ))
            })?;
        tx.execute_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "UPDATE audit_trail SET hash = $3 WHERE keten = $1 AND volgnummer = $2",
            [keten.into(), volgnummer.into(), hash.clone().into()],
        ))
        .await?;
        vorige = hash;
    }
    Ok(())
}

/// Een regel met sleutel achter elke keten die eindigt zonder.
async fn verzegelen(
    db: &DatabaseConnection,
    sleutels: &AuditSleutels,
) -> Result<Vec<String>, DbErr> {
    let open = db
        .query_all_raw(Statement::from_string(
            DbBackend::Postgres,
            "SELECT DISTINCT ON (a.keten) a.keten, a.volgnummer, a.hash, a.sleutel_id, g.id AS gemeente_id \
             FROM audit_trail a LEFT JOIN gemeente g ON g.code = a.keten \
             ORDER BY a.keten, a.volgnummer DESC",
        ))
        .await?;
    let mut verslag = Vec::new();
    for rij in open {
        if rij.try_get::<Option<String>>("", "sleutel_id")?.is_some() {
            continue;
        }
        let keten: String = rij.try_get("", "keten")?;
        let volgnummer: i64 = rij.try_get("", "volgnummer")?;
        let hash: String = rij.try_get("", "hash")?;
        let gemeente_id: Option<Uuid> = rij.try_get("", "gemeente_id")?;
        let tx = db.begin().await?;
        super::systeemregel(
            &tx,
            sleutels,
            Regel {
                gemeente_id,
                resource: audit::KETEN_RESOURCE,
                resource_id: keten.clone(),
                actie: Actie::Verzegeld,
                wijzigingen: Wijzigingen::new()
                    .nieuw("volgnummer", volgnummer)
                    .nieuw("hash", &hash),
            },
        )
        .await?;
        tx.commit().await?;
        verslag.push(format!(
            "audit trail verzegeld, keten {keten}: de laatste kop zonder sleutel (regel {volgnummer}, \
             hash {hash}) is gedekt door regel {} met sleutel {}",
            volgnummer + 1,
            sleutels.actief()
        ));
    }
    Ok(verslag)
}

#[cfg(test)]
mod tests {
    use super::geschoond;
    use serde_json::json;

    #[test]
    fn alleen_waarden_buiten_de_lijst_gaan_weg() {
        let oud = json!([
            {"veld": "status", "nieuw": "actief"},
            {"veld": "toestemming", "nieuw": {"doel": "Kent Jan de Vries", "datum": "2026-01-01"}},
            {"veld": "voornaam"}
        ]);
        assert_eq!(
            geschoond(&crate::modules::audit_waarden(), "sleutelpersoon", &oud),
            Some(json!([
                {"veld": "status", "nieuw": "actief"},
                {"veld": "toestemming"},
                {"veld": "voornaam"}
            ]))
        );
        assert_eq!(
            geschoond(
                &crate::modules::audit_waarden(),
                "sleutelpersoon",
                &json!([{"veld": "status", "oud": "a", "nieuw": "b"}])
            ),
            None
        );
    }
}
