//! Access tokens: uitgeven (asymmetrisch ondertekend, met `kid`) en controleren,
//! ook die van vertrouwde identity providers van gemeenten.
//!
//! Wat een token nooit doet: zijn eigen algoritme kiezen. Elke sleutel heeft één
//! algoritme (uit het sleuteltype); een token waarvan `alg` daar niet bij past
//! (`none`, of HS256 "ondertekend" met een publieke sleutel) wordt geweigerd.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Duration;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jsonwebtoken::errors::ErrorKind;
use jsonwebtoken::jwk::{AlgorithmParameters, EllipticCurve, JwkSet};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use ring::rand::SystemRandom;
use ring::signature::{ECDSA_P256_SHA256_FIXED_SIGNING, EcdsaKeyPair, Ed25519KeyPair, KeyPair};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use uuid::Uuid;

use crate::config::Config;
use crate::http::problem::ApiError;

/// Speling voor klokverschillen bij `exp` en `nbf`.
const LEEWAY_SECONDS: u64 = 10;

/// Een sleutel om handtekeningen mee te controleren, met zijn enige algoritme.
struct VerifyKey {
    alg: Algorithm,
    key: DecodingKey,
}

/// De sleutel waarmee Weefsel zelf ondertekent.
struct SigningKey {
    kid: String,
    alg: Algorithm,
    key: EncodingKey,
    /// De publieke sleutel als JWK, voor `weefsel jwks`.
    jwk: Value,
}

/// Een identity provider van een gemeente waarvan Weefsel tokens aanneemt.
struct ExternalIssuer {
    gemeente: String,
    issuer: String,
    audience: String,
    keys: HashMap<String, VerifyKey>,
}

/// Hoe een vertrouwde identity provider in `WEEFSEL_EXTERNAL_ISSUERS_FILE` staat.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct ExternalIssuerConfig {
    /// CBS-code van de gemeente waar de gebruikers van deze provider bij horen.
    gemeente: String,
    issuer: String,
    audience: String,
    /// JWKS met de publieke sleutels van de provider (relatief: t.o.v. dit bestand).
    jwks_file: PathBuf,
}

/// Wie een geldig token draagt, volgens dat token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Identity {
    /// Een gebruiker met een token van Weefsel, van deze tokengeneratie.
    Gebruiker {
        id: Uuid,
        gemeente: Option<String>,
        generatie: i32,
    },
    /// Een koppeling met een token van Weefsel, van deze tokengeneratie, met de scopes
    /// van het token (`scope`; `None` in een token zonder die claim: alle scopes van de
    /// koppeling).
    Koppeling {
        id: Uuid,
        gemeente: String,
        generatie: i32,
        scopes: Option<Vec<String>>,
    },
    /// Een gebruiker met een token van de identity provider van zijn gemeente.
    Extern { gemeente: String, subject: String },
}

impl Identity {
    /// Wie er telt voor de verzoeklimieten ([`crate::http::grenzen::schrijven`]): het
    /// account of de koppeling, of bij een externe identity provider de gemeente en het
    /// `sub` van dat token.
    pub fn limietsleutel(&self) -> String {
        match self {
            Identity::Gebruiker { id, .. } => format!("gebruiker:{id}"),
            Identity::Koppeling { id, .. } => format!("koppeling:{id}"),
            Identity::Extern { gemeente, subject } => format!("extern:{gemeente}:{subject}"),
        }
    }
}

/// Voor wie een token wordt uitgegeven.
#[derive(Debug, Clone)]
pub enum Subject {
    Gebruiker {
        id: Uuid,
        gemeente: Option<String>,
        rollen: Vec<String>,
        generatie: i32,
    },
    Koppeling {
        id: Uuid,
        gemeente: String,
        scopes: Vec<String>,
        generatie: i32,
    },
}

/// De claims van een token van Weefsel.
#[derive(Debug, Serialize, Deserialize)]
pub struct Claims {
    pub iss: String,
    pub aud: String,
    pub sub: String,
    pub exp: i64,
    pub nbf: i64,
    pub iat: i64,
    pub jti: String,
    /// `gebruiker` of `koppeling`.
    pub soort: String,
    /// CBS-code; `null` voor regionale rollen.
    pub gemeente: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rollen: Vec<String>,
    /// Scopes van een koppeling, met spaties gescheiden (RFC 8693).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
    /// De tokengeneratie van het account. Een nieuw wachtwoord of secret en elke
    /// deactivering verhogen die van het account; dan past dit token niet meer.
    #[serde(default, rename = "gen", skip_serializing_if = "Option::is_none")]
    pub generatie: Option<i32>,
}

#[derive(Deserialize)]
struct ExternalClaims {
    sub: String,
}

/// Uitgeven en controleren van tokens.
pub struct TokenKeys {
    issuer: String,
    audience: String,
    ttl: Duration,
    signing: SigningKey,
    own: HashMap<String, VerifyKey>,
    external: Vec<ExternalIssuer>,
    gecontroleerd: Gecontroleerd,
}

/// Eigen tokens waarvan de handtekening al klopte, op SHA-256 van het hele token, met
/// hun `exp` en `nbf`. Een Ed25519-controle kost ~50 µs, een kwart van de CPU-tijd van
/// een lijstverzoek; een byte-voor-byte gelijk token hoeft die niet nog eens. De
/// tijden gelden nog steeds bij elk gebruik, en of het account nog actief is en de
/// tokengeneratie past, vraagt elk verzoek aan de database. Begrensd: vol is leeg.
#[derive(Default)]
struct Gecontroleerd(Mutex<HashMap<[u8; 32], (Identity, i64, i64)>>);

impl Gecontroleerd {
    const MAX: usize = 10_000;

    fn sleutel(token: &str) -> [u8; 32] {
        use sha2::{Digest, Sha256};
        Sha256::digest(token.as_bytes()).into()
    }

    fn zoek(&self, token: &str) -> Option<Result<Identity, &'static str>> {
        let nu = chrono::Utc::now().timestamp();
        let kaart = self.0.lock().ok()?;
        let (identity, exp, nbf) = kaart.get(&Self::sleutel(token))?;
        let speling = LEEWAY_SECONDS as i64;
        Some(if nu > exp + speling {
            Err("Het token is verlopen.")
        } else if nu + speling < *nbf {
            Err("Het token is nog niet geldig (nbf).")
        } else {
            Ok(identity.clone())
        })
    }

    fn bewaar(&self, token: &str, identity: &Identity, exp: i64, nbf: i64) {
        if let Ok(mut kaart) = self.0.lock() {
            if kaart.len() >= Self::MAX {
                kaart.clear();
            }
            kaart.insert(Self::sleutel(token), (identity.clone(), exp, nbf));
        }
    }
}

impl TokenKeys {
    /// Laadt de sleutels uit de configuratie. Zonder `WEEFSEL_SIGNING_KEY_FILE` wordt
    /// (alleen buiten productie; zie [`Config`]) een tijdelijke Ed25519-sleutel gemaakt.
    pub fn from_config(config: &Config) -> anyhow::Result<Self> {
        let signing = match &config.signing_key_file {
            Some(path) => {
                let pem = std::fs::read(path).map_err(|e| {
                    anyhow::anyhow!(
                        "WEEFSEL_SIGNING_KEY_FILE {} niet leesbaar: {e}",
                        path.display()
                    )
                })?;
                signing_key_from_pem(&pem).map_err(|e| {
                    anyhow::anyhow!("WEEFSEL_SIGNING_KEY_FILE {}: {e}", path.display())
                })?
            }
            None => {
                anyhow::ensure!(
                    !config.is_production(),
                    "productie vereist WEEFSEL_SIGNING_KEY_FILE"
                );
                let pkcs8 = Ed25519KeyPair::generate_pkcs8(&SystemRandom::new())
                    .map_err(|_| anyhow::anyhow!("kan geen ontwikkelsleutel maken"))?;
                signing_key_from_der(pkcs8.as_ref()).map_err(anyhow::Error::msg)?
            }
        };
        let mut own = HashMap::new();
        if let Some(path) = &config.verification_keys_file {
            own = load_jwks(path)?;
        }
        own.insert(
            signing.kid.clone(),
            verify_key_from_jwk_value(&signing.jwk).map_err(anyhow::Error::msg)?,
        );
        let external = match &config.external_issuers_file {
            Some(path) => load_external_issuers(path)?,
            None => Vec::new(),
        };
        Ok(TokenKeys {
            issuer: config.token_issuer.clone(),
            audience: config.token_audience.clone(),
            ttl: config.token_ttl,
            signing,
            own,
            external,
            gecontroleerd: Gecontroleerd::default(),
        })
    }

    /// De levensduur van een access token in seconden.
    pub fn ttl_seconds(&self) -> u64 {
        self.ttl.as_secs()
    }

    /// De gemeenten (CBS-codes) met een vertrouwde identity provider.
    pub fn external_gemeenten(&self) -> Vec<String> {
        self.external.iter().map(|e| e.gemeente.clone()).collect()
    }

    /// De publieke sleutels (huidige en eerdere) als JWKS.
    pub fn jwks(&self) -> Value {
        json!({ "keys": [self.signing.jwk.clone()] })
    }

    /// Geeft een token uit.
    pub fn issue(&self, subject: Subject) -> Result<String, ApiError> {
        let (soort, id, gemeente, rollen, scope, generatie) = match subject {
            Subject::Gebruiker {
                id,
                gemeente,
                rollen,
                generatie,
            } => ("gebruiker", id, gemeente, rollen, None, generatie),
            Subject::Koppeling {
                id,
                gemeente,
                scopes,
                generatie,
            } => (
                "koppeling",
                id,
                Some(gemeente),
                Vec::new(),
                Some(scopes.join(" ")),
                generatie,
            ),
        };
        let now = chrono::Utc::now().timestamp();
        let ttl = i64::try_from(self.ttl.as_secs()).unwrap_or(900);
        let claims = Claims {
            iss: self.issuer.clone(),
            aud: self.audience.clone(),
            sub: id.to_string(),
            exp: now + ttl,
            nbf: now,
            iat: now,
            jti: Uuid::now_v7().to_string(),
            soort: soort.to_owned(),
            gemeente,
            rollen,
            scope,
            generatie: Some(generatie),
        };
        let mut header = Header::new(self.signing.alg);
        header.kid = Some(self.signing.kid.clone());
        jsonwebtoken::encode(&header, &claims, &self.signing.key)
            .map_err(|e| ApiError::Internal(format!("token ondertekenen: {e}")))
    }

    /// Ondertekent een ander document dan een access token (zoals de kop van de audit
    /// trail) met dezelfde sleutel, als JWS met een eigen `typ`. De claims moeten een
    /// eigen `aud` hebben, zodat het document nooit als token geldt (RFC 8725, 3.9).
    pub fn onderteken<T: Serialize>(&self, typ: &str, claims: &T) -> Result<String, ApiError> {
        let mut header = Header::new(self.signing.alg);
        header.kid = Some(self.signing.kid.clone());
        header.typ = Some(typ.to_owned());
        jsonwebtoken::encode(&header, claims, &self.signing.key)
            .map_err(|e| ApiError::Internal(format!("ondertekenen: {e}")))
    }

    /// Controleert een document van [`TokenKeys::onderteken`] met de eigen sleutels (de
    /// huidige en die uit `WEEFSEL_VERIFICATION_KEYS_FILE`) en geeft de claims.
    pub fn controleer<T: serde::de::DeserializeOwned>(
        &self,
        jws: &str,
        audience: &str,
    ) -> Result<T, &'static str> {
        let header = jsonwebtoken::decode_header(jws)
            .map_err(|_| "Geen geldige JWS of een niet-ondersteund algoritme.")?;
        let kid = header
            .kid
            .as_deref()
            .ok_or("De JWS noemt geen sleutel (kid).")?;
        let key = self
            .own
            .get(kid)
            .ok_or("De JWS is ondertekend met een onbekende sleutel.")?;
        if header.alg != key.alg {
            return Err("Het algoritme van de JWS past niet bij de sleutel.");
        }
        let mut validation = Validation::new(key.alg);
        validation.set_issuer(&[&self.issuer]);
        validation.set_audience(&[audience]);
        validation.set_required_spec_claims(&["iss", "aud", "iat"]);
        validation.validate_exp = false;
        jsonwebtoken::decode::<T>(jws, &key.key, &validation)
            .map(|data| data.claims)
            .map_err(|e| match e.kind() {
                ErrorKind::InvalidSignature => "De handtekening klopt niet.",
                ErrorKind::InvalidAudience => "De JWS is niet voor dit doel (aud).",
                ErrorKind::InvalidIssuer => "De JWS komt van een andere uitgever (iss).",
                _ => "De JWS is ongeldig.",
            })
    }

    /// De uitgever (`iss`) van wat deze dienst ondertekent.
    pub fn issuer(&self) -> &str {
        &self.issuer
    }

    /// Controleert een token en zegt van wie het is; de fout is een Nederlandse
    /// uitleg voor de aanroeper.
    pub fn verify(&self, token: &str) -> Result<Identity, &'static str> {
        if let Some(uitkomst) = self.gecontroleerd.zoek(token) {
            return uitkomst;
        }
        let header = jsonwebtoken::decode_header(token).map_err(
            |_| "Het token is geen geldige JWT of gebruikt een niet-ondersteund algoritme.",
        )?;
        let issuer = peek_issuer(token).ok_or("Het token noemt geen uitgever (iss).")?;
        if issuer == self.issuer {
            return self.eigen(token, &header);
        }
        let external = self
            .external
            .iter()
            .find(|e| e.issuer == issuer)
            .ok_or("Het token komt van een uitgever die Weefsel niet vertrouwt.")?;
        let key = match header.kid.as_deref() {
            Some(kid) => external.keys.get(kid),
            None if external.keys.len() == 1 => external.keys.values().next(),
            None => None,
        }
        .ok_or("Het token is ondertekend met een onbekende sleutel.")?;
        let claims: ExternalClaims = decode(
            token,
            header.alg,
            key,
            &external.issuer,
            &external.audience,
            &["exp", "iss", "aud", "sub"],
        )?;
        Ok(Identity::Extern {
            gemeente: external.gemeente.clone(),
            subject: claims.sub,
        })
    }

    /// Een token van Weefsel zelf: de eigen sleutel (`kid`), de claims, een geldigheid
    /// niet langer dan de dienst uitgeeft, en een bekende soort.
    fn eigen(&self, token: &str, header: &jsonwebtoken::Header) -> Result<Identity, &'static str> {
        let kid = header
            .kid
            .as_deref()
            .ok_or("Het token noemt geen sleutel (kid).")?;
        let key = self
            .own
            .get(kid)
            .ok_or("Het token is ondertekend met een onbekende sleutel.")?;
        let claims: Claims = decode(
            token,
            header.alg,
            key,
            &self.issuer,
            &self.audience,
            &["exp", "nbf", "iat", "iss", "aud", "sub"],
        )?;
        // Een eigen token leeft nooit langer dan deze dienst uitgeeft (`exp − iat`),
        // en is niet uitgegeven in de toekomst: een sleutel die uitlekte, maakt zo
        // geen token dat dagen geldt.
        let ttl = i64::try_from(self.ttl.as_secs()).unwrap_or(i64::MAX);
        let nu = chrono::Utc::now().timestamp();
        if claims.exp.saturating_sub(claims.iat) > ttl
            || claims.iat > nu.saturating_add(LEEWAY_SECONDS as i64)
        {
            return Err(
                "De geldigheid van het token is langer dan Weefsel uitgeeft, of het is in de toekomst uitgegeven.",
            );
        }
        let id = Uuid::parse_str(&claims.sub).map_err(|_| "Het token heeft een ongeldige sub.")?;
        let generatie = claims
            .generatie
            .ok_or("Het token mist de generatie (gen).")?;
        let identity = match claims.soort.as_str() {
            "gebruiker" => Identity::Gebruiker {
                id,
                gemeente: claims.gemeente,
                generatie,
            },
            "koppeling" => Identity::Koppeling {
                id,
                gemeente: claims.gemeente.ok_or("Het token mist de gemeente.")?,
                generatie,
                scopes: claims
                    .scope
                    .map(|s| s.split_whitespace().map(str::to_owned).collect()),
            },
            _ => return Err("Het token heeft een onbekende soort."),
        };
        self.gecontroleerd
            .bewaar(token, &identity, claims.exp, claims.nbf);
        Ok(identity)
    }
}

fn decode<T: serde::de::DeserializeOwned>(
    token: &str,
    alg: Algorithm,
    key: &VerifyKey,
    issuer: &str,
    audience: &str,
    required: &[&str],
) -> Result<T, &'static str> {
    if alg != key.alg {
        return Err("Het algoritme van het token past niet bij de sleutel.");
    }
    let mut validation = Validation::new(key.alg);
    validation.set_issuer(&[issuer]);
    validation.set_audience(&[audience]);
    validation.set_required_spec_claims(required);
    validation.leeway = LEEWAY_SECONDS;
    validation.validate_nbf = true;
    jsonwebtoken::decode::<T>(token, &key.key, &validation)
        .map(|data| data.claims)
        .map_err(|e| match e.kind() {
            ErrorKind::ExpiredSignature => "Het token is verlopen.",
            ErrorKind::ImmatureSignature => "Het token is nog niet geldig (nbf).",
            ErrorKind::InvalidAudience => "Het token is niet voor deze API bedoeld (aud).",
            ErrorKind::InvalidIssuer => "Het token komt van een andere uitgever (iss).",
            ErrorKind::InvalidSignature => "De handtekening van het token klopt niet.",
            ErrorKind::MissingRequiredClaim(_) => "Het token mist een verplichte claim.",
            _ => "Het token is ongeldig.",
        })
}

/// Leest `iss` uit een token vóór de controle, alleen om de sleutel te kiezen: de
/// handtekening wordt daarna tegen precies die uitgever gecontroleerd.
fn peek_issuer(token: &str) -> Option<String> {
    let payload = token.split('.').nth(1)?;
    let bytes = URL_SAFE_NO_PAD.decode(payload).ok()?;
    let value: Value = serde_json::from_slice(&bytes).ok()?;
    value.get("iss")?.as_str().map(str::to_owned)
}

fn signing_key_from_pem(pem: &[u8]) -> Result<SigningKey, String> {
    let parsed = pem::parse(pem).map_err(|e| format!("geen PEM: {e}"))?;
    if parsed.tag() != "PRIVATE KEY" {
        return Err(format!(
            "verwacht een PKCS#8-sleutel (BEGIN PRIVATE KEY), niet {}",
            parsed.tag()
        ));
    }
    signing_key_from_der(parsed.contents())
}

/// Een PKCS#8-sleutel: Ed25519 (EdDSA) of P-256 (ES256).
fn signing_key_from_der(der: &[u8]) -> Result<SigningKey, String> {
    if let Ok(pair) = Ed25519KeyPair::from_pkcs8_maybe_unchecked(der) {
        let x = URL_SAFE_NO_PAD.encode(pair.public_key().as_ref());
        let kid = key_id(pair.public_key().as_ref());
        return Ok(SigningKey {
            jwk: json!({"kty": "OKP", "crv": "Ed25519", "x": x, "kid": kid, "alg": "EdDSA", "use": "sig"}),
            kid,
            alg: Algorithm::EdDSA,
            key: EncodingKey::from_ed_der(der),
        });
    }
    let pair =
        EcdsaKeyPair::from_pkcs8(&ECDSA_P256_SHA256_FIXED_SIGNING, der, &SystemRandom::new())
            .map_err(|_| "geen Ed25519- of P-256-sleutel in PKCS#8-vorm".to_owned())?;
    let point = pair.public_key().as_ref();
    let kid = key_id(point);
    Ok(SigningKey {
        jwk: json!({
            "kty": "EC", "crv": "P-256",
            "x": URL_SAFE_NO_PAD.encode(&point[1..33]),
            "y": URL_SAFE_NO_PAD.encode(&point[33..65]),
            "kid": kid, "alg": "ES256", "use": "sig"
        }),
        kid,
        alg: Algorithm::ES256,
        key: EncodingKey::from_ec_der(der),
    })
}

/// Het sleutel-id: de eerste 16 hextekens van de SHA-256 van de publieke sleutel.
fn key_id(public: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    hex::encode(Sha256::digest(public))[..16].to_owned()
}

fn verify_key_from_jwk_value(value: &Value) -> Result<VerifyKey, String> {
    let jwk: jsonwebtoken::jwk::Jwk =
        serde_json::from_value(value.clone()).map_err(|e| format!("ongeldige JWK: {e}"))?;
    verify_key_from_jwk(&jwk)
}

/// Alleen asymmetrische sleutels; het algoritme volgt uit het sleuteltype.
fn verify_key_from_jwk(jwk: &jsonwebtoken::jwk::Jwk) -> Result<VerifyKey, String> {
    let alg = match &jwk.algorithm {
        AlgorithmParameters::OctetKeyPair(_) => Algorithm::EdDSA,
        AlgorithmParameters::EllipticCurve(p) => match p.curve {
            EllipticCurve::P256 => Algorithm::ES256,
            EllipticCurve::P384 => Algorithm::ES384,
            _ => return Err("alleen P-256 en P-384 worden ondersteund".into()),
        },
        AlgorithmParameters::RSA(_) => match jwk.common.key_algorithm {
            Some(jsonwebtoken::jwk::KeyAlgorithm::RS384) => Algorithm::RS384,
            Some(jsonwebtoken::jwk::KeyAlgorithm::RS512) => Algorithm::RS512,
            Some(jsonwebtoken::jwk::KeyAlgorithm::PS256) => Algorithm::PS256,
            _ => Algorithm::RS256,
        },
        AlgorithmParameters::OctetKey(_) => {
            return Err("symmetrische sleutels (HMAC) worden niet aangenomen".into());
        }
    };
    let key = DecodingKey::from_jwk(jwk).map_err(|e| format!("ongeldige sleutel: {e}"))?;
    Ok(VerifyKey { alg, key })
}

fn load_jwks(path: &Path) -> anyhow::Result<HashMap<String, VerifyKey>> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| anyhow::anyhow!("JWKS {} niet leesbaar: {e}", path.display()))?;
    let set: JwkSet = serde_json::from_str(&text)
        .map_err(|e| anyhow::anyhow!("JWKS {} ongeldig: {e}", path.display()))?;
    let mut keys = HashMap::new();
    for jwk in &set.keys {
        let kid = jwk.common.key_id.clone().ok_or_else(|| {
            anyhow::anyhow!("JWKS {}: elke sleutel heeft een kid nodig", path.display())
        })?;
        let key = verify_key_from_jwk(jwk)
            .map_err(|e| anyhow::anyhow!("JWKS {}, sleutel {kid}: {e}", path.display()))?;
        keys.insert(kid, key);
    }
    anyhow::ensure!(
        !keys.is_empty(),
        "JWKS {} bevat geen sleutels",
        path.display()
    );
    Ok(keys)
}

fn load_external_issuers(path: &Path) -> anyhow::Result<Vec<ExternalIssuer>> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        anyhow::anyhow!(
            "WEEFSEL_EXTERNAL_ISSUERS_FILE {} niet leesbaar: {e}",
            path.display()
        )
    })?;
    let configs: Vec<ExternalIssuerConfig> = serde_json::from_str(&text).map_err(|e| {
        anyhow::anyhow!(
            "WEEFSEL_EXTERNAL_ISSUERS_FILE {} ongeldig: {e}",
            path.display()
        )
    })?;
    let base = path.parent().unwrap_or(Path::new("."));
    let mut issuers = Vec::new();
    for config in configs {
        anyhow::ensure!(
            migration::gemeenten::GEMEENTEN
                .iter()
                .any(|g| g.code == config.gemeente),
            "externe uitgever {}: onbekende gemeente {}",
            config.issuer,
            config.gemeente
        );
        let jwks_path = base.join(&config.jwks_file);
        issuers.push(ExternalIssuer {
            keys: load_jwks(&jwks_path)?,
            gemeente: config.gemeente,
            issuer: config.issuer,
            audience: config.audience,
        });
    }
    Ok(issuers)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys() -> TokenKeys {
        let config = Config::from_lookup(|_| None).expect("config");
        TokenKeys::from_config(&config).expect("sleutels")
    }

    /// Een token van een coördinator van Oss.
    fn coordinator_token(keys: &TokenKeys, id: Uuid, generatie: i32) -> String {
        keys.issue(Subject::Gebruiker {
            id,
            gemeente: Some("GM0828".into()),
            rollen: vec!["coordinator".into()],
            generatie,
        })
        .expect("token")
    }

    #[test]
    fn a_verified_token_is_remembered_but_its_times_still_count() {
        let keys = keys();
        let token = coordinator_token(&keys, Uuid::now_v7(), 1);
        let identity = keys.verify(&token).expect("geldig");
        assert!(keys.gecontroleerd.zoek(&token).is_some(), "onthouden");
        assert_eq!(keys.verify(&token), Ok(identity.clone()));
        // Een ander token (één teken van de handtekening anders) is geen treffer.
        let mut vervalst = token.clone();
        let laatste = if vervalst.ends_with('A') { 'B' } else { 'A' };
        vervalst.pop();
        vervalst.push(laatste);
        assert!(keys.gecontroleerd.zoek(&vervalst).is_none());
        assert!(keys.verify(&vervalst).is_err());
        // Verlopen of nog niet geldig: ook uit het geheugen geweigerd.
        let nu = chrono::Utc::now().timestamp();
        keys.gecontroleerd
            .bewaar(&token, &identity, nu - 60, nu - 600);
        assert_eq!(keys.verify(&token), Err("Het token is verlopen."));
        keys.gecontroleerd
            .bewaar(&token, &identity, nu + 900, nu + 60);
        assert_eq!(
            keys.verify(&token),
            Err("Het token is nog niet geldig (nbf).")
        );
    }

    #[test]
    fn issued_tokens_verify_and_carry_the_claims() {
        let keys = keys();
        let id = Uuid::now_v7();
        let token = coordinator_token(&keys, id, 3);
        let header = jsonwebtoken::decode_header(&token).expect("header");
        assert_eq!(header.alg, Algorithm::EdDSA);
        assert_eq!(header.kid.as_deref(), Some(keys.signing.kid.as_str()));
        assert_eq!(
            keys.verify(&token),
            Ok(Identity::Gebruiker {
                id,
                gemeente: Some("GM0828".into()),
                generatie: 3,
            })
        );
    }

    #[test]
    fn a_token_of_another_instance_is_refused() {
        let token = keys()
            .issue(Subject::Gebruiker {
                id: Uuid::now_v7(),
                gemeente: None,
                rollen: vec![],
                generatie: 1,
            })
            .expect("token");
        assert!(keys().verify(&token).is_err());
    }

    #[test]
    fn symmetric_jwks_are_refused() {
        let jwk: jsonwebtoken::jwk::Jwk =
            serde_json::from_value(json!({"kty": "oct", "k": "c2VjcmV0", "kid": "x"}))
                .expect("jwk");
        assert!(verify_key_from_jwk(&jwk).is_err());
    }
}
