//! `Idempotency-Key` (IETF-draft "The Idempotency-Key HTTP Header Field") op elke
//! `POST` die iets maakt of doet: de regels die het document en de dienst delen. Hoe
//! een herhaling beantwoord wordt, staat in [`crate::tenancy::idempotentie`].

use actix_web::http::header::HeaderMap;
use serde_json::Value;

use crate::http::problem::{ApiError, Foutcode, InvalidParam};

/// De naam van de header.
pub const HEADER: &str = "Idempotency-Key";

/// De `POST`s (relatief aan `/api/v1`) die geen sleutel aannemen: het token, het
/// wachtwoord en de zoekvraag veranderen niets dat een herhaling zou verdubbelen, en
/// een bewaard antwoord met een token of persoonsgegevens is er een te veel. Een
/// sleutel daar is 400 `idempotentie_niet_ondersteund`.
pub const UITGEZONDERD: [&str; 3] = ["/auth/token", "/auth/wachtwoord", "/sleutelpersonen/_zoek"];

/// De `POST`s (patronen relatief aan `/api/v1`) waarvan het antwoord een geheim heeft
/// dat maar één keer komt: een client secret, een activeringscode. Een herhaling is
/// 409 `al_aangemaakt` met de `Location`.
pub const GEHEIM: [&str; 3] = ["/koppelingen", "/koppelingen/{id}/geheim", "/gebruikers"];

/// De header `Idempotency-Key` zoals het document hem bij elke `POST` noemt (buiten
/// [`UITGEZONDERD`]).
#[derive(Debug, Clone, utoipa::IntoParams)]
#[into_params(parameter_in = Header)]
pub struct IdempotentieHeader {
    /// Maakt een herhaling van dit verzoek onschadelijk: met dezelfde sleutel en body
    /// het eerste antwoord, zonder tweede effect (`Idempotent-Replayed: true`); met een
    /// andere body 422 `idempotency_key_hergebruikt`. Per aanroeper en operatie,
    /// minstens 24 uur bewaard. Een antwoord met vrije tekst of persoonsgegevens wordt
    /// niet bewaard: de herhaling leest de resource opnieuw, met de rechten die u dán
    /// heeft. Een antwoord met een geheim (client secret, activeringscode) komt niet nog
    /// eens: de herhaling is 409 `al_aangemaakt` met de `Location`. Bv. een UUID.
    #[param(rename = "Idempotency-Key")]
    #[expect(
        dead_code,
        reason = "alleen het document leest dit veld; de dienst leest de header zelf"
    )]
    #[param(min_length = 1, max_length = 255, pattern = r"^[!-~]{1,255}$")]
    idempotency_key: Option<String>,
}

/// De sleutel uit `headers`: `None` zonder header, 400 als hij geen 1–255 zichtbare
/// ASCII-tekens is.
pub fn sleutel(headers: &HeaderMap) -> Result<Option<String>, ApiError> {
    let Some(waarde) = headers.get(HEADER) else {
        return Ok(None);
    };
    waarde
        .to_str()
        .ok()
        .filter(|s| (1..=255).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_graphic()))
        .map(|s| Some(s.to_owned()))
        .ok_or_else(|| {
            ApiError::Validation(vec![InvalidParam::new(
                HEADER,
                Foutcode::Ongeldig,
                "Een Idempotency-Key is 1 tot 255 zichtbare ASCII-tekens, bv. een UUID.",
            )])
        })
}

/// 400 voor een sleutel bij een operatie uit [`UITGEZONDERD`].
pub fn niet_ondersteund() -> ApiError {
    ApiError::Validation(vec![InvalidParam::new(
        HEADER,
        Foutcode::IdempotentieNietOndersteund,
        "Deze operatie neemt geen Idempotency-Key aan: ze maakt niets dat een herhaling zou \
         verdubbelen. Laat de header weg en herhaal het verzoek gewoon.",
    )])
}

/// Een vingerafdruk van een body (SHA-256, hex): van de JSON met gesorteerde sleutels,
/// zodat volgorde en witruimte niet tellen; van de bytes als het geen JSON is.
pub fn vingerafdruk(body: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    let tekst = match serde_json::from_slice::<Value>(body) {
        Ok(waarde) => canoniek(&waarde),
        Err(_) => String::from_utf8_lossy(body).into_owned(),
    };
    Sha256::digest(tekst.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// JSON met de sleutels van elk object gesorteerd.
fn canoniek(waarde: &Value) -> String {
    match waarde {
        Value::Object(object) => {
            let mut delen: Vec<(&String, &Value)> = object.iter().collect();
            delen.sort_by(|a, b| a.0.cmp(b.0));
            let delen: Vec<String> = delen
                .into_iter()
                .map(|(k, v)| format!("{}:{}", Value::String(k.clone()), canoniek(v)))
                .collect();
            format!("{{{}}}", delen.join(","))
        }
        Value::Array(items) => {
            let delen: Vec<String> = items.iter().map(canoniek).collect();
            format!("[{}]", delen.join(","))
        }
        ander => ander.to_string(),
    }
}

/// Het pad dat een herhaling opnieuw leest: de `Location` van het eerste antwoord, en
/// zonder (een handeling op een resource, zoals `/aanvragen/{id}/besluit`) de resource
/// zelf: het pad zonder zijn laatste deel.
pub fn herleespad(locatie: Option<&str>, pad: &str) -> String {
    match locatie {
        Some(locatie) => locatie.to_owned(),
        None => pad
            .rsplit_once('/')
            .map_or(pad, |(ouder, _)| ouder)
            .to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn volgorde_en_witruimte_tellen_niet() {
        assert_eq!(
            vingerafdruk(br#"{"a":1,"b":[{"d":2,"c":3}]}"#),
            vingerafdruk(b"{ \"b\" : [ {\"c\":3, \"d\":2} ], \"a\": 1 }")
        );
        assert_ne!(vingerafdruk(br#"{"a":1}"#), vingerafdruk(br#"{"a":2}"#));
        assert_ne!(vingerafdruk(br#"{"a":"1"}"#), vingerafdruk(br#"{"a":1}"#));
    }

    #[test]
    fn een_handeling_leest_haar_resource() {
        assert_eq!(
            herleespad(None, "/api/v1/aanvragen/x/besluit"),
            "/api/v1/aanvragen/x"
        );
        assert_eq!(
            herleespad(Some("/api/v1/gebieden/y"), "/api/v1/gebieden"),
            "/api/v1/gebieden/y"
        );
    }

    #[test]
    fn een_sleutel_is_zichtbaar_ascii() {
        let mut h = HeaderMap::new();
        assert!(matches!(sleutel(&h), Ok(None)));
        h.insert(
            actix_web::http::header::HeaderName::from_static("idempotency-key"),
            actix_web::http::header::HeaderValue::from_static("abc-123"),
        );
        assert_eq!(sleutel(&h).ok().flatten().as_deref(), Some("abc-123"));
        h.insert(
            actix_web::http::header::HeaderName::from_static("idempotency-key"),
            actix_web::http::header::HeaderValue::from_static("met spatie"),
        );
        assert!(sleutel(&h).is_err());
    }
}
