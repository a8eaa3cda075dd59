//! Retentie (DOMAIN.md, "Personal data"): iedereen van wie de bewaartermijn voorbij
//! is — ook kandidaten die nooit actief werden — wordt geanonimiseerd. Het werk
//! doet `weefsel_retentie` in de database (migratie 000011), met dezelfde
//! anonimisering als `POST /sleutelpersonen/{id}/anonimisering` en een regel per
//! persoon in het verwerkingenlogboek (activiteit `retentie`, actor `systeem`).
//!
//! Twee manieren: `weefsel retentie` (eenmalig, bv. uit cron) en de dienst zelf, die
//! het bij het starten en daarna elke `WEEFSEL_RETENTIE_INTERVAL` seconden doet
//! (standaard een dag).

use std::time::Duration;

use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, DbErr, Statement};

/// Anonimiseert iedereen van wie de bewaartermijn vóór vandaag (Europe/Amsterdam)
/// eindigde; geeft het aantal.
pub async fn uitvoeren(db: &impl ConnectionTrait) -> Result<i64, DbErr> {
    let rij = db
        .query_one_raw(Statement::from_string(
            DbBackend::Postgres,
            "SELECT weefsel_retentie((now() AT TIME ZONE 'Europe/Amsterdam')::date)::bigint AS aantal",
        ))
        .await?;
    Ok(rij
        .and_then(|r| r.try_get::<i64>("", "aantal").ok())
        .unwrap_or(0))
}

/// De taak van de dienst: nu en daarna elke `interval` een retentieronde. Een fout
/// komt in het log (zonder persoonsgegevens: de functie geeft alleen een aantal) en
/// de volgende ronde probeert het opnieuw.
pub async fn dagelijks(db: DatabaseConnection, interval: Duration) {
    let mut klok = tokio::time::interval(interval);
    klok.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        klok.tick().await;
        match uitvoeren(&db).await {
            Ok(0) => tracing::debug!("retentie: niemand voorbij zijn bewaartermijn"),
            Ok(aantal) => tracing::info!(aantal, "retentie: sleutelpersonen geanonimiseerd"),
            Err(error) => {
                tracing::error!(cause = %error, "retentie mislukt; volgende ronde opnieuw")
            }
        }
    }
}
