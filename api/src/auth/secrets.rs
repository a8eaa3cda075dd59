//! Wachtwoorden (argon2id) en client secrets van koppelingen.
//!
//! Een wachtwoord komt nooit in een log, een foutmelding of de audit trail; het
//! bestaat alleen als argument van deze functies.

use crate::http::problem::Foutcode;
use std::sync::OnceLock;

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use ring::rand::{SecureRandom, SystemRandom};
use sea_orm::{ConnectionTrait, DbBackend, Statement};
use sha2::{Digest, Sha256};

use crate::http::invoer::Fouten;
use crate::http::problem::ApiError;

/// De kortste toegestane lengte van een wachtwoord (in tekens).
pub const MIN_PASSWORD_CHARS: usize = 12;
/// De langste: argon2 hasht alles, maar een wachtwoord van een megabyte is een aanval.
pub const MAX_PASSWORD_CHARS: usize = 256;

/// Meldt op `veld` (code `te_zwak`) waarom een nieuw wachtwoord voor `gebruikersnaam`
/// niet mag ([`crate::domein::wachtwoord::beoordeel`]). Elk nieuw wachtwoord gaat hierdoor,
/// wie het ook zet.
pub fn check_nieuw_wachtwoord(
    fouten: &mut Fouten,
    veld: &str,
    wachtwoord: Option<&str>,
    gebruikersnaam: &str,
) {
    if let Some(Err(reden)) =
        wachtwoord.map(|w| crate::domein::wachtwoord::beoordeel(w, gebruikersnaam))
    {
        fouten.reject(veld, Foutcode::TeZwak, reden);
    }
}

/// argon2id met de parameters die OWASP aanbeveelt (19 MiB, 2 iteraties, 1 draad).
fn argon2() -> Argon2<'static> {
    Argon2::new(Algorithm::Argon2id, Version::V0x13, Params::default())
}

fn random_bytes<const N: usize>() -> Result<[u8; N], ApiError> {
    let mut bytes = [0u8; N];
    SystemRandom::new()
        .fill(&mut bytes)
        .map_err(|_| ApiError::Internal("geen willekeurige bytes beschikbaar".into()))?;
    Ok(bytes)
}

/// Argon2id kost per hash ~20 ms CPU en 19 MiB geheugen. Hoogstens één hash per kern
/// tegelijk, buiten de request-threads: meer tegelijk levert geen doorvoer op, wel
/// geheugen (acht gelijktijdige inlogpogingen kostten 150 MiB; bench/README.md).
async fn argon2_werk<T: Send + 'static>(
    werk: impl FnOnce() -> T + Send + 'static,
) -> Result<T, ApiError> {
    static BEURTEN: OnceLock<tokio::sync::Semaphore> = OnceLock::new();
    let beurten = BEURTEN.get_or_init(|| {
        tokio::sync::Semaphore::new(std::thread::available_parallelism().map_or(1, |n| n.get()))
    });
    let _beurt = beurten
        .acquire()
        .await
        .map_err(|e| ApiError::Internal(format!("argon2: {e}")))?;
    actix_web::web::block(werk)
        .await
        .map_err(|e| ApiError::Internal(format!("argon2: {e}")))
}

/// [`hash_password`] voor handlers: buiten de request-threads, hoogstens één per kern.
pub async fn hash_password_blocking(password: String) -> Result<String, ApiError> {
    argon2_werk(move || hash_password(&password)).await?
}

/// [`verify_password`] voor handlers: buiten de request-threads, hoogstens één per kern.
pub async fn verify_password_blocking(
    hash: Option<String>,
    password: String,
) -> Result<bool, ApiError> {
    argon2_werk(move || verify_password(hash.as_deref(), &password)).await
}

/// Hasht een wachtwoord met argon2id en een eigen salt (traag: gebruik in een handler
/// [`hash_password_blocking`]).
pub fn hash_password(password: &str) -> Result<String, ApiError> {
    let salt = SaltString::encode_b64(&random_bytes::<16>()?)
        .map_err(|e| ApiError::Internal(format!("salt: {e}")))?;
    argon2()
        .hash_password(password.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|e| ApiError::Internal(format!("argon2: {e}")))
}

/// Een vaste hash om tegen te controleren als het account niet bestaat, zodat een
/// onbekende gebruikersnaam even lang duurt als een bekende.
fn dummy_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| hash_password("weefsel-geen-account").unwrap_or_default())
}

/// Klopt het wachtwoord? Zonder hash (onbekend account, of alleen externe login)
/// wordt toch een hash gecontroleerd, en is het antwoord `false`.
pub fn verify_password(hash: Option<&str>, password: &str) -> bool {
    let (hash, exists) = match hash {
        Some(h) => (h, true),
        None => (dummy_hash(), false),
    };
    let Ok(parsed) = PasswordHash::new(hash) else {
        return false;
    };
    let ok = argon2()
        .verify_password(password.as_bytes(), &parsed)
        .is_ok();
    ok && exists
}

/// Een nieuw client secret (256 bits) en de hash die wordt opgeslagen. Het secret is
/// willekeurig en lang, dus een snelle hash (SHA-256) volstaat.
pub fn new_client_secret() -> Result<(String, String), ApiError> {
    let secret = format!("wfs_{}", URL_SAFE_NO_PAD.encode(random_bytes::<32>()?));
    let hash = sha256_hex(&secret);
    Ok((secret, hash))
}

/// Hoe lang een activeringscode geldt (het eerste account van een gemeente).
pub const ACTIVATIECODE_UREN: i64 = 72;

/// Een activeringscode: eenmalig, willekeurig, en gehasht bewaard als een tijdelijk
/// wachtwoord (argon2id) dat na [`ACTIVATIECODE_UREN`] niet meer geldt.
pub fn new_activatiecode() -> Result<String, ApiError> {
    Ok(format!(
        "act_{}",
        URL_SAFE_NO_PAD.encode(random_bytes::<24>()?)
    ))
}

/// Klopt het client secret? Vergelijkt de hashes in constante tijd.
pub fn verify_client_secret(hash: &str, secret: &str) -> bool {
    let given = sha256_hex(secret);
    given.len() == hash.len()
        && given
            .bytes()
            .zip(hash.bytes())
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0
}

/// De sleutel waaronder mislukte pogingen voor een account worden geteld: een hash,
/// zodat wat iemand in het naamveld typt niet wordt bewaard.
pub fn account_key(kind: &str, name: &str) -> String {
    sha256_hex(&format!("{kind}:{}", name.trim().to_lowercase()))
}

pub fn sha256_hex(value: &str) -> String {
    hex::encode(Sha256::digest(value.as_bytes()))
}

/// Welke hash van een account.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hash {
    /// `gebruiker.wachtwoord_hash` (ook een tijdelijk wachtwoord of een activeringscode).
    Wachtwoord,
    /// `koppeling.geheim_hash`.
    Geheim,
}

/// Wanneer tokens van het account vervallen bij een nieuwe hash.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tokens {
    /// Een nieuw account: er zijn nog geen tokens.
    Nieuw,
    /// Een nieuw wachtwoord of secret: elk token van daarvoor vervalt.
    Vervallen,
}

/// Zet de hash van een bestaand account, in de transactie van `db`. De dienst (rol
/// `weefsel_app`) mag hashes schrijven maar niet lezen (migratie 000021): lezen doet
/// alleen het tokenendpoint, als `weefsel_auth`. Een fout als er geen account met dit
/// id is dat de context mag wijzigen (de aanroeper vond het al).
pub async fn hash_zetten(
    db: &impl ConnectionTrait,
    soort: Hash,
    id: uuid::Uuid,
    hash: Option<String>,
    tokens: Tokens,
) -> Result<(), ApiError> {
    let (tabel, kolom) = match soort {
        Hash::Wachtwoord => ("gebruiker", "wachtwoord_hash"),
        Hash::Geheim => ("koppeling", "geheim_hash"),
    };
    let generatie = match tokens {
        Tokens::Nieuw => "",
        Tokens::Vervallen => ", token_generatie = token_generatie + 1",
    };
    let gewijzigd = db
        .execute_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            format!("UPDATE {tabel} SET {kolom} = $2{generatie} WHERE id = $1"),
            [id.into(), hash.into()],
        ))
        .await?
        .rows_affected();
    if gewijzigd != 1 {
        return Err(ApiError::Internal(format!(
            "de hash van {tabel} {id} is niet gezet"
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_hash_with_argon2id_and_verify() {
        let hash = hash_password("een-lang-wachtwoord").expect("hash");
        assert!(
            hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{hash}"
        );
        assert!(verify_password(Some(&hash), "een-lang-wachtwoord"));
        assert!(!verify_password(Some(&hash), "een-ander-wachtwoord"));
        assert!(!verify_password(None, "weefsel-geen-account"));
        assert!(!verify_password(Some("geen hash"), "x"));
    }

    #[test]
    fn client_secrets_are_random_and_verify() {
        let (a, hash_a) = new_client_secret().expect("secret");
        let (b, _) = new_client_secret().expect("secret");
        assert_ne!(a, b);
        assert!(a.starts_with("wfs_") && a.len() > 40);
        assert!(verify_client_secret(&hash_a, &a));
        assert!(!verify_client_secret(&hash_a, &b));
        assert!(!hash_a.contains(&a));
    }

    #[test]
    fn account_keys_normalise_and_hide_the_name() {
        assert_eq!(
            account_key("gebruiker", " Oss.Beheerder "),
            account_key("gebruiker", "oss.beheerder")
        );
        assert_ne!(account_key("gebruiker", "x"), account_key("koppeling", "x"));
        assert!(!account_key("gebruiker", "oss.beheerder").contains("oss"));
    }
}
