//! Regels over bijeenkomsten: het tweebijeenkomstenmodel van de handreiking (seed 000,
//! "Eerste bijeenkomst", "Tweede bijeenkomst"). De vaste agenda's staan in de leidraad
//! ([`super::leidraad::AgendaSjabloon`]).

use chrono::NaiveDate;
use uuid::Uuid;

/// Waar een bijeenkomst bij hoort en wanneer: traject, netwerk, datum.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Plaats {
    pub traject: Option<Uuid>,
    pub netwerk: Option<Uuid>,
    pub datum: NaiveDate,
}

/// Heeft een tweede bijeenkomst geen eerdere (op `datum`) eerste in hetzelfde traject
/// of netwerk? `eersten` zijn de eerste bijeenkomsten die in aanmerking komen.
pub fn tweede_zonder_eerste(tweede: Plaats, eersten: &[Plaats]) -> bool {
    let zelfde = |a: Option<Uuid>, b: Option<Uuid>| a.is_some() && a == b;
    !eersten.iter().any(|e| {
        e.datum < tweede.datum
            && (zelfde(e.traject, tweede.traject) || zelfde(e.netwerk, tweede.netwerk))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dag(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 5, d).unwrap_or_default()
    }

    #[test]
    fn a_second_meeting_needs_an_earlier_first_in_its_traject_or_network() {
        let (t, n, ander) = (Uuid::from_u128(1), Uuid::from_u128(2), Uuid::from_u128(3));
        let plaats = |traject, netwerk, d| Plaats {
            traject,
            netwerk,
            datum: dag(d),
        };
        let tweede = plaats(Some(t), Some(n), 10);
        assert!(tweede_zonder_eerste(tweede, &[]));
        // Eerder in hetzelfde traject, of in hetzelfde netwerk: goed.
        assert!(!tweede_zonder_eerste(tweede, &[plaats(Some(t), None, 1)]));
        assert!(!tweede_zonder_eerste(tweede, &[plaats(None, Some(n), 9)]));
        // Op dezelfde dag of later, of elders: telt niet.
        assert!(tweede_zonder_eerste(
            tweede,
            &[plaats(Some(t), Some(n), 10)]
        ));
        assert!(tweede_zonder_eerste(tweede, &[plaats(Some(t), None, 11)]));
        assert!(tweede_zonder_eerste(
            tweede,
            &[plaats(Some(ander), Some(ander), 1)]
        ));
        // Zonder traject en netwerk is er geen eerste om op te bouwen.
        assert!(tweede_zonder_eerste(
            plaats(None, None, 10),
            &[plaats(None, None, 1)]
        ));
    }
}
