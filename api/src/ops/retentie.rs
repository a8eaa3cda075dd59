//! Retentie (DOMAIN.md, "Personal data"): iedereen van wie de bewaartermijn voorbij
//! is — ook kandidaten die nooit actief werden — wordt geanonimiseerd. Het werk
//! doet `weefsel_retentie` in de database (migratie 000011), met dezelfde
//! anonimisering als `POST /sleutelpersonen/{id}/anonimisering` en een regel per
//! persoon in het verwerkingenlogboek (activiteit `retentie`, actor `systeem`).
//!
//! Het verwerkingenlogboek houdt zijn regels `WEEFSEL_VERWERKING_BEWAARJAREN` jaar
//! (standaard 5); oudere verwijdert `weefsel_verwerking_opschonen` (migratie 000019),
//! de enige weg waarlangs een regel verdwijnt.
//!
//! Ook de contactpersoon van een initiatief dat meer dan een jaar geleden eindigde,
//! wordt gewist (`weefsel_retentie_initiatieven`, migratie 000012).
//!
//! Twee manieren: `weefsel retentie` (eenmalig, bv. uit cron) en de dienst zelf, die
//! het bij het starten en daarna elke `WEEFSEL_RETENTIE_INTERVAL` seconden doet
//! (standaard een dag).

use std::time::Duration;

use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, DbErr, Statement, TransactionTrait};

/// Wat een retentieronde deed.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Uitkomst {
    /// Geanonimiseerde sleutelpersonen.
    pub sleutelpersonen: i64,
    /// Initiatieven van wie de contactpersoon is gewist (een jaar na het einde).
    pub initiatieven: i64,
    /// Regels van het verwerkingenlogboek voorbij hun bewaartermijn.
    pub verwerkingen: i64,
}

/// Anonimiseert iedereen van wie de bewaartermijn vóór vandaag (Europe/Amsterdam)
/// eindigde, en wist de contactpersoon van initiatieven die meer dan een jaar geleden
/// eindigden.
pub async fn uitvoeren(db: &DatabaseConnection, bewaarjaren: u32) -> Result<Uitkomst, DbErr> {
    // De functies van de retentie draaien alleen in de context `retentie`, zonder actor
    // (migratie 000021): nooit vanuit een verzoek.
    let tx = db.begin().await?;
    tx.execute_raw(Statement::from_string(
        DbBackend::Postgres,
        "SELECT set_config('weefsel.context', 'retentie', true)",
    ))
    .await?;
    let rij = tx
        .query_one_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "WITH vandaag AS (SELECT (now() AT TIME ZONE 'Europe/Amsterdam')::date AS d) \
             SELECT weefsel_retentie(d)::bigint AS sleutelpersonen, \
                    weefsel_retentie_initiatieven(d)::bigint AS initiatieven, \
                    weefsel_verwerking_opschonen($1)::bigint AS verwerkingen, \
                    weefsel_idempotentie_opruimen() AS antwoorden FROM vandaag",
            [i32::try_from(bewaarjaren).unwrap_or(i32::MAX).into()],
        ))
        .await?;
    let getal = |kolom: &str| {
        rij.as_ref()
            .and_then(|r| r.try_get::<i64>("", kolom).ok())
            .unwrap_or(0)
    };
    let uitkomst = Uitkomst {
        sleutelpersonen: getal("sleutelpersonen"),
        initiatieven: getal("initiatieven"),
        verwerkingen: getal("verwerkingen"),
    };
    // Antwoorden onder een Idempotency-Key blijven minstens 24 uur; na 48 uur gaan ze
    // weg (`weefsel_idempotentie_opruimen`). Tellers van verzoeklimieten (met
    // IP-adressen) die meer dan een uur voorbij zijn:
    tx.execute_raw(Statement::from_string(
        DbBackend::Postgres,
        "SELECT weefsel_limiet_opruimen()",
    ))
    .await?;
    tx.commit().await?;
    Ok(uitkomst)
}

/// De taak van de dienst: nu en daarna elke `interval` een retentieronde. Een fout
/// komt in het log (zonder persoonsgegevens: de functie geeft alleen een aantal) en
/// de volgende ronde probeert het opnieuw.
pub async fn dagelijks(db: DatabaseConnection, interval: Duration, bewaarjaren: u32) {
    let mut klok = tokio::time::interval(interval);
    klok.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        klok.tick().await;
        match uitvoeren(&db, bewaarjaren).await {
            Ok(Uitkomst {
                sleutelpersonen: 0,
                initiatieven: 0,
                verwerkingen: 0,
            }) => tracing::debug!("retentie: niemand voorbij zijn bewaartermijn"),
            Ok(u) => tracing::info!(
                sleutelpersonen = u.sleutelpersonen,
                initiatieven = u.initiatieven,
                verwerkingen = u.verwerkingen,
                "retentie: persoonsgegevens gewist"
            ),
            Err(error) => {
                tracing::error!(cause = %error, "retentie mislukt; volgende ronde opnieuw")
            }
        }
    }
}
