//! De dag in Nederland (Europe/Amsterdam): UTC+1, en UTC+2 van de laatste zondag van
//! maart 01:00 UTC tot de laatste zondag van oktober 01:00 UTC (de EU-regel). Zonder
//! tijdzonedatabase: de regel is vast sinds 1996.

use chrono::{DateTime, Datelike, Duration, NaiveDate, TimeZone, Utc, Weekday};

fn laatste_zondag(jaar: i32, maand: u32) -> NaiveDate {
    let eerste_volgende = if maand == 12 {
        NaiveDate::from_ymd_opt(jaar + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(jaar, maand + 1, 1)
    }
    .unwrap_or(NaiveDate::MIN);
    let mut dag = eerste_volgende - Duration::days(1);
    while dag.weekday() != Weekday::Sun {
        dag -= Duration::days(1);
    }
    dag
}

/// De datum in Europe/Amsterdam op tijdstip `nu`.
pub fn datum_in_nederland(nu: DateTime<Utc>) -> NaiveDate {
    let jaar = nu.year();
    let wissel = |maand| {
        laatste_zondag(jaar, maand)
            .and_hms_opt(1, 0, 0)
            .map(|t| Utc.from_utc_datetime(&t))
    };
    let zomer = match (wissel(3), wissel(10)) {
        (Some(begin), Some(einde)) => nu >= begin && nu < einde,
        _ => false,
    };
    let verschil = if zomer { 2 } else { 1 };
    (nu + Duration::hours(verschil)).date_naive()
}

/// Nu. In een testbuild (debug) kan een test de klok van een eigen dienst zetten met
/// `WEEFSEL_TEST_NU` (RFC 3339, bv. `2026-12-06T23:30:00Z`): zo toetst een black-box
/// test het uur na middernacht in Nederland. Een releasebuild leest die variabele niet.
pub fn nu() -> DateTime<Utc> {
    #[cfg(debug_assertions)]
    {
        static TEST_NU: std::sync::OnceLock<Option<DateTime<Utc>>> = std::sync::OnceLock::new();
        let gezet = TEST_NU.get_or_init(|| {
            std::env::var("WEEFSEL_TEST_NU")
                .ok()
                .and_then(|s| DateTime::parse_from_rfc3339(&s).ok())
                .map(|t| t.with_timezone(&Utc))
        });
        if let Some(t) = gezet {
            return *t;
        }
    }
    Utc::now()
}

/// Vandaag in Europe/Amsterdam: de enige "vandaag" van de dienst (een test eist dat
/// niemand de datum in UTC neemt). De SQL-functies die een dag nodig hebben, krijgen
/// haar als parameter of rekenen `weefsel_vandaag()` uit (migratie 000025).
pub fn vandaag() -> NaiveDate {
    datum_in_nederland(nu())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn om(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s)
            .expect("tijd")
            .with_timezone(&Utc)
    }

    #[test]
    fn winter_en_zomertijd() {
        // Winter: 23:30 UTC is al de volgende dag.
        assert_eq!(
            datum_in_nederland(om("2026-12-31T23:30:00Z")).to_string(),
            "2027-01-01"
        );
        assert_eq!(
            datum_in_nederland(om("2026-12-31T22:59:00Z")).to_string(),
            "2026-12-31"
        );
        // Zomer: 22:30 UTC is al de volgende dag.
        assert_eq!(
            datum_in_nederland(om("2026-07-01T22:30:00Z")).to_string(),
            "2026-07-02"
        );
        assert_eq!(
            datum_in_nederland(om("2026-07-01T21:59:00Z")).to_string(),
            "2026-07-01"
        );
        // De wissels van 2026: 29 maart en 25 oktober, 01:00 UTC.
        assert_eq!(laatste_zondag(2026, 3).to_string(), "2026-03-29");
        assert_eq!(laatste_zondag(2026, 10).to_string(), "2026-10-25");
        assert_eq!(
            datum_in_nederland(om("2026-10-25T22:30:00Z")).to_string(),
            "2026-10-25"
        );
        assert_eq!(
            datum_in_nederland(om("2026-10-24T22:30:00Z")).to_string(),
            "2026-10-25"
        );
    }
}
