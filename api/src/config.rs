//! Configuratie uit omgevingsvariabelen, met veilige standaarden voor ontwikkeling
//! en een weigering om in productie met ontwikkelstandaarden te starten.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

/// In welke omgeving de dienst draait.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Environment {
    Development,
    Production,
}

/// Hoe logregels eruitzien.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    /// Leesbaar, voor een mens aan een terminal.
    Pretty,
    /// Eén JSON-object per regel, voor logverzameling.
    Json,
}

/// Het standaard adres in ontwikkeling.
pub const DEFAULT_LISTEN: &str = "127.0.0.1:8080";
/// De database-URL die `docker-compose.yml` gebruikt; alleen voor ontwikkeling.
pub const DEV_DATABASE_URL: &str = "postgres://weefsel:weefsel-dev@localhost:5432/weefsel";
/// Wachtwoorden die in deze repository staan en dus nooit in productie mogen.
pub const DEVELOPMENT_SECRETS: &[&str] = &["weefsel-dev", "weefsel-demo-2026", "postgres"];

#[derive(Debug, Clone)]
pub struct Config {
    pub environment: Environment,
    /// `None`: geen `DATABASE_URL` gezet (alleen toegestaan buiten productie, bv. `weefsel dev`).
    pub database_url: Option<String>,
    /// De verbinding van het token- en wachtwoordendpoint als rol `weefsel_auth`
    /// (`WEEFSEL_AUTH_DATABASE_URL`); zonder: `DATABASE_URL` met `role=weefsel_auth`.
    pub auth_database_url: Option<String>,
    /// Het bestand met de sleutels van de audit trail (`WEEFSEL_AUDIT_KEY_FILE`, zie
    /// [`crate::audit::sleutels`]). Verplicht in productie; in ontwikkeling één keer
    /// gemaakt onder `.weefsel/`.
    pub audit_key_file: Option<PathBuf>,
    pub listen: SocketAddr,
    pub log_format: LogFormat,
    pub log_level: String,
    pub db_max_connections: u32,
    /// Tijdslimieten en verzoeklimieten (README, "Configuratie").
    pub grenzen: Grenzen,
    /// Hoe lang lopende verzoeken bij het stoppen nog krijgen.
    pub shutdown_timeout: Duration,
    /// Aantal HTTP-workers (standaard: aantal processorkernen).
    pub workers: usize,
    /// `iss` van de tokens die Weefsel uitgeeft.
    pub token_issuer: String,
    /// `aud` van de tokens die Weefsel uitgeeft en aanneemt.
    pub token_audience: String,
    /// Hoe lang een access token geldig is.
    pub token_ttl: Duration,
    /// PEM-bestand (PKCS#8) met de private sleutel waarmee tokens worden ondertekend
    /// (Ed25519 of P-256). Verplicht in productie; in ontwikkeling wordt er bij elke
    /// start een gemaakt.
    pub signing_key_file: Option<PathBuf>,
    /// JWKS-bestand met eerdere publieke sleutels die nog geaccepteerd worden
    /// (sleutelrotatie).
    pub verification_keys_file: Option<PathBuf>,
    /// JSON-bestand met vertrouwde identity providers van gemeenten.
    pub external_issuers_file: Option<PathBuf>,
    /// Hoe vaak de dienst de retentie draait (`WEEFSEL_RETENTIE_INTERVAL` in seconden,
    /// standaard een dag; `0` zet haar uit, bijvoorbeeld als cron `weefsel retentie`
    /// draait).
    pub retentie_interval: Option<Duration>,
    /// Hoe lang het verwerkingenlogboek zijn regels bewaart, in jaren
    /// (`WEEFSEL_VERWERKING_BEWAARJAREN`, standaard 5, minstens 1); de retentie ruimt
    /// oudere op.
    pub verwerking_bewaarjaren: u32,
    /// Hoe ver terug de wijzigingenstroom een positie aanneemt, in dagen
    /// (`WEEFSEL_WIJZIGINGEN_BEWAARDAGEN`, standaard 90, minstens 1): wie langer wegbleef
    /// terwijl er iets veranderde, krijgt 410 en synchroniseert opnieuw. De audit trail
    /// zelf blijft.
    pub wijzigingen_bewaardagen: u32,
}

/// Wat één verzoek, één client en één statement hoogstens mogen kosten (issue 16).
/// Elke grens heeft een test (`tests/api/grenzen.rs`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grenzen {
    /// Hoe lang een verzoek op een verbinding uit de pool wacht; daarna 503
    /// (`WEEFSEL_DB_ACQUIRE_TIMEOUT_MS`).
    pub db_wachten: Duration,
    /// Hoe lang één SQL-statement mag duren; daarna breekt PostgreSQL het af en is
    /// het antwoord 503 (`WEEFSEL_DB_STATEMENT_TIMEOUT_MS`).
    pub statement: Duration,
    /// Hoe lang een heel verzoek mag duren, van de eerste byte tot het antwoord;
    /// daarna 503 (`WEEFSEL_REQUEST_TIMEOUT_MS`).
    pub verzoek: Duration,
    /// Binnen hoeveel tijd een client de headers van een verzoek gestuurd moet hebben;
    /// daarna 408 en gaat de verbinding dicht (`WEEFSEL_CLIENT_HEADER_TIMEOUT_MS`).
    pub headers: Duration,
    /// Binnen hoeveel tijd na de headers de hele body binnen moet zijn; daarna 408
    /// (`WEEFSEL_CLIENT_BODY_TIMEOUT_MS`).
    pub body: Duration,
    /// Schrijvende verzoeken (POST, PUT, PATCH, DELETE) per account of koppeling per
    /// minuut, over alle instanties samen (`WEEFSEL_LIMIET_SCHRIJVEN`).
    pub schrijven_per_minuut: u32,
    /// Verzoeken aan het token-endpoint (en `POST /auth/wachtwoord`) per IP-adres per
    /// minuut, over alle instanties samen (`WEEFSEL_LIMIET_TOKEN`).
    pub token_per_minuut: u32,
    /// Verzoeken die persoonsgegevens van sleutelpersonen lezen, per account of
    /// koppeling per minuut (`WEEFSEL_LIMIET_PERSOONSGEGEVENS`, standaard 120).
    pub persoonsgegevens_per_minuut: u32,
    /// Proxies (load balancers) waarvan de dienst `X-Forwarded-For` gelooft om het
    /// IP-adres van de client te bepalen (`WEEFSEL_VERTROUWDE_PROXIES`).
    pub vertrouwde_proxies: std::sync::Arc<[std::net::IpAddr]>,
}

impl Grenzen {
    fn from_lookup(get: &impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let millis = |name: &'static str, standaard: u32| {
            parse_number(get(name), name, standaard).map(|ms| Duration::from_millis(u64::from(ms)))
        };
        let proxies = match get("WEEFSEL_VERTROUWDE_PROXIES") {
            None => Vec::new(),
            Some(lijst) => lijst
                .split(',')
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .map(|p| {
                    p.parse().map_err(|_| ConfigError::Invalid {
                        name: "WEEFSEL_VERTROUWDE_PROXIES",
                        reason: format!("'{p}' is geen IP-adres"),
                    })
                })
                .collect::<Result<Vec<_>, _>>()?,
        };
        Ok(Grenzen {
            db_wachten: millis("WEEFSEL_DB_ACQUIRE_TIMEOUT_MS", 2_000)?,
            statement: millis("WEEFSEL_DB_STATEMENT_TIMEOUT_MS", 5_000)?,
            verzoek: millis("WEEFSEL_REQUEST_TIMEOUT_MS", 15_000)?,
            headers: millis("WEEFSEL_CLIENT_HEADER_TIMEOUT_MS", 5_000)?,
            body: millis("WEEFSEL_CLIENT_BODY_TIMEOUT_MS", 10_000)?,
            schrijven_per_minuut: parse_number(
                get("WEEFSEL_LIMIET_SCHRIJVEN"),
                "WEEFSEL_LIMIET_SCHRIJVEN",
                600,
            )?,
            token_per_minuut: parse_number(
                get("WEEFSEL_LIMIET_TOKEN"),
                "WEEFSEL_LIMIET_TOKEN",
                30,
            )?,
            persoonsgegevens_per_minuut: parse_number(
                get("WEEFSEL_LIMIET_PERSOONSGEGEVENS"),
                "WEEFSEL_LIMIET_PERSOONSGEGEVENS",
                120,
            )?,
            vertrouwde_proxies: proxies.into(),
        })
    }
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ConfigError {
    #[error("{name} heeft een ongeldige waarde: {reason}")]
    Invalid { name: &'static str, reason: String },
    #[error(
        "WEEFSEL_ENV=production vereist een expliciete DATABASE_URL; de dienst start niet met een standaarddatabase"
    )]
    MissingDatabaseUrl,
    #[error(
        "{name} bevat een ontwikkelgeheim uit deze repository; kies in productie een eigen geheim"
    )]
    DevelopmentSecret { name: &'static str },
    #[error(
        "WEEFSEL_ENV=production vereist WEEFSEL_SIGNING_KEY_FILE (een PKCS#8-PEM met een Ed25519- of P-256-sleutel); zonder vaste sleutel start de dienst niet"
    )]
    MissingSigningKey,
    #[error(
        "WEEFSEL_ENV=production vereist WEEFSEL_AUDIT_KEY_FILE (de sleutels van de audit trail; maak er een met `weefsel audit sleutel`); zonder start de dienst niet"
    )]
    MissingAuditKey,
}

impl Config {
    /// Leest de configuratie uit de omgeving van het proces.
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// Leest de configuratie via `lookup`, zodat het zonder echte omgeving te testen is.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let get = |name: &str| lookup(name).filter(|v| !v.trim().is_empty());

        let environment = environment(get("WEEFSEL_ENV"))?;
        let listen = get("WEEFSEL_LISTEN")
            .unwrap_or_else(|| DEFAULT_LISTEN.to_owned())
            .parse()
            .map_err(|_| ConfigError::Invalid {
                name: "WEEFSEL_LISTEN",
                reason: "verwacht host:poort, bv. 127.0.0.1:8080".into(),
            })?;
        let log_format = log_format(get("WEEFSEL_LOG_FORMAT"), environment)?;
        let log_level = get("WEEFSEL_LOG").unwrap_or_else(|| "info".to_owned());
        let db_max_connections = parse_number(
            get("WEEFSEL_DB_MAX_CONNECTIONS"),
            "WEEFSEL_DB_MAX_CONNECTIONS",
            10,
        )?;
        let default_workers = std::thread::available_parallelism().map_or(2, |n| n.get());
        let workers = parse_number(
            get("WEEFSEL_WORKERS"),
            "WEEFSEL_WORKERS",
            u32::try_from(default_workers).unwrap_or(2),
        )?;
        let shutdown_secs = parse_number(
            get("WEEFSEL_SHUTDOWN_TIMEOUT"),
            "WEEFSEL_SHUTDOWN_TIMEOUT",
            30,
        )?;

        // `0` zet de retentie in de dienst uit (dan draait `weefsel retentie` uit cron).
        let retentie = match get("WEEFSEL_RETENTIE_INTERVAL").as_deref().map(str::trim) {
            Some("0") => 0,
            waarde => parse_number(
                waarde.map(str::to_owned),
                "WEEFSEL_RETENTIE_INTERVAL",
                86_400,
            )?,
        };
        let (verwerking_bewaarjaren, token_ttl) = bewaren_en_tokens(&get)?;
        let wijzigingen_bewaardagen = parse_number(
            get("WEEFSEL_WIJZIGINGEN_BEWAARDAGEN"),
            "WEEFSEL_WIJZIGINGEN_BEWAARDAGEN",
            90,
        )?;
        if wijzigingen_bewaardagen < 1 {
            return Err(ConfigError::Invalid {
                name: "WEEFSEL_WIJZIGINGEN_BEWAARDAGEN",
                reason: "de wijzigingenstroom bewaart minstens een dag".to_owned(),
            });
        }
        let database_url = get("DATABASE_URL");
        let grenzen = Grenzen::from_lookup(&get)?;
        let config = Config {
            environment,
            database_url,
            auth_database_url: get("WEEFSEL_AUTH_DATABASE_URL"),
            audit_key_file: get("WEEFSEL_AUDIT_KEY_FILE").map(PathBuf::from),
            listen,
            log_format,
            log_level,
            db_max_connections,
            grenzen,
            shutdown_timeout: Duration::from_secs(u64::from(shutdown_secs)),
            workers: usize::try_from(workers).unwrap_or(1),
            token_issuer: get("WEEFSEL_TOKEN_ISSUER").unwrap_or_else(|| "weefsel".to_owned()),
            token_audience: get("WEEFSEL_TOKEN_AUDIENCE")
                .unwrap_or_else(|| "weefsel-api".to_owned()),
            token_ttl: Duration::from_secs(u64::from(token_ttl)),
            signing_key_file: get("WEEFSEL_SIGNING_KEY_FILE").map(PathBuf::from),
            verification_keys_file: get("WEEFSEL_VERIFICATION_KEYS_FILE").map(PathBuf::from),
            external_issuers_file: get("WEEFSEL_EXTERNAL_ISSUERS_FILE").map(PathBuf::from),
            retentie_interval: (retentie > 0).then(|| Duration::from_secs(u64::from(retentie))),
            verwerking_bewaarjaren,
            wijzigingen_bewaardagen,
        };
        config.check_production()?;
        Ok(config)
    }

    /// In productie: een expliciete database en geen enkel ontwikkelgeheim.
    fn check_production(&self) -> Result<(), ConfigError> {
        if self.environment != Environment::Production {
            return Ok(());
        }
        let Some(url) = &self.database_url else {
            return Err(ConfigError::MissingDatabaseUrl);
        };
        if url == DEV_DATABASE_URL || contains_development_secret(url) {
            return Err(ConfigError::DevelopmentSecret {
                name: "DATABASE_URL",
            });
        }
        if self.signing_key_file.is_none() {
            return Err(ConfigError::MissingSigningKey);
        }
        if self.audit_key_file.is_none() {
            return Err(ConfigError::MissingAuditKey);
        }
        if let Some(url) = &self.auth_database_url
            && contains_development_secret(url)
        {
            return Err(ConfigError::DevelopmentSecret {
                name: "WEEFSEL_AUTH_DATABASE_URL",
            });
        }
        Ok(())
    }

    pub fn is_production(&self) -> bool {
        self.environment == Environment::Production
    }
}

fn environment(waarde: Option<String>) -> Result<Environment, ConfigError> {
    Ok(match waarde.as_deref() {
        None | Some("development") => Environment::Development,
        Some("production") => Environment::Production,
        Some(other) => {
            return Err(ConfigError::Invalid {
                name: "WEEFSEL_ENV",
                reason: format!("'{other}' is niet 'development' of 'production'"),
            });
        }
    })
}

fn log_format(waarde: Option<String>, environment: Environment) -> Result<LogFormat, ConfigError> {
    Ok(match waarde.as_deref() {
        None => match environment {
            Environment::Development => LogFormat::Pretty,
            Environment::Production => LogFormat::Json,
        },
        Some("pretty") => LogFormat::Pretty,
        Some("json") => LogFormat::Json,
        Some(other) => {
            return Err(ConfigError::Invalid {
                name: "WEEFSEL_LOG_FORMAT",
                reason: format!("'{other}' is niet 'pretty' of 'json'"),
            });
        }
    })
}

/// Hoe lang het verwerkingenlogboek bewaard blijft (jaren, minstens 1) en hoe lang een
/// token geldt (seconden, hoogstens 3600).
fn bewaren_en_tokens(get: &impl Fn(&str) -> Option<String>) -> Result<(u32, u32), ConfigError> {
    let verwerking_bewaarjaren = parse_number(
        get("WEEFSEL_VERWERKING_BEWAARJAREN"),
        "WEEFSEL_VERWERKING_BEWAARJAREN",
        5,
    )?;
    if verwerking_bewaarjaren < 1 {
        return Err(ConfigError::Invalid {
            name: "WEEFSEL_VERWERKING_BEWAARJAREN",
            reason: "het verwerkingenlogboek bewaart minstens een jaar".to_owned(),
        });
    }
    let token_ttl = parse_number(get("WEEFSEL_TOKEN_TTL"), "WEEFSEL_TOKEN_TTL", 900)?;
    if token_ttl > 3600 {
        return Err(ConfigError::Invalid {
            name: "WEEFSEL_TOKEN_TTL",
            reason: format!("{token_ttl} seconden is te lang; hoogstens 3600"),
        });
    }
    Ok((verwerking_bewaarjaren, token_ttl))
}

fn parse_number(
    value: Option<String>,
    name: &'static str,
    default: u32,
) -> Result<u32, ConfigError> {
    match value {
        None => Ok(default),
        Some(v) => v
            .trim()
            .parse::<u32>()
            .ok()
            .filter(|n| *n > 0)
            .ok_or_else(|| ConfigError::Invalid {
                name,
                reason: format!("'{v}' is geen positief geheel getal"),
            }),
    }
}

/// Of het wachtwoord in een database-URL een van de ontwikkelgeheimen is.
fn contains_development_secret(url: &str) -> bool {
    let Some((credentials, _)) = url
        .split_once("://")
        .and_then(|(_, rest)| rest.rsplit_once('@'))
    else {
        return false;
    };
    let password = credentials.split_once(':').map(|(_, p)| p).unwrap_or("");
    DEVELOPMENT_SECRETS.contains(&password)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn load(vars: &[(&str, &str)]) -> Result<Config, ConfigError> {
        let map: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        Config::from_lookup(|k| map.get(k).cloned())
    }

    #[test]
    fn development_defaults() {
        let c = load(&[]).expect("defaults load");
        assert_eq!(c.environment, Environment::Development);
        assert_eq!(c.listen.to_string(), DEFAULT_LISTEN);
        assert_eq!(c.log_format, LogFormat::Pretty);
        assert_eq!(c.database_url, None);
    }

    #[test]
    fn retention_runs_daily_unless_switched_off() {
        let dag = Some(Duration::from_secs(86_400));
        assert_eq!(load(&[]).expect("standaard").retentie_interval, dag);
        let uit = load(&[("WEEFSEL_RETENTIE_INTERVAL", "0")]).expect("uit");
        assert_eq!(uit.retentie_interval, None);
        let uur = load(&[("WEEFSEL_RETENTIE_INTERVAL", "3600")]).expect("uur");
        assert_eq!(uur.retentie_interval, Some(Duration::from_secs(3600)));
        assert!(load(&[("WEEFSEL_RETENTIE_INTERVAL", "dagelijks")]).is_err());
    }

    #[test]
    fn production_requires_database_url() {
        assert_eq!(
            load(&[("WEEFSEL_ENV", "production")]).unwrap_err(),
            ConfigError::MissingDatabaseUrl
        );
    }

    #[test]
    fn production_refuses_development_secrets() {
        for url in [
            DEV_DATABASE_URL,
            "postgres://weefsel:weefsel-dev@db.example:5432/weefsel",
            "postgres://postgres:postgres@db/weefsel",
        ] {
            assert_eq!(
                load(&[("WEEFSEL_ENV", "production"), ("DATABASE_URL", url)]).unwrap_err(),
                ConfigError::DevelopmentSecret {
                    name: "DATABASE_URL"
                },
                "{url}"
            );
        }
    }

    #[test]
    fn production_requires_a_signing_key() {
        assert_eq!(
            load(&[
                ("WEEFSEL_ENV", "production"),
                ("DATABASE_URL", "postgres://weefsel:s3cr3t-eigen@db/weefsel"),
            ])
            .unwrap_err(),
            ConfigError::MissingSigningKey
        );
    }

    #[test]
    fn production_requires_an_audit_key() {
        assert_eq!(
            load(&[
                ("WEEFSEL_ENV", "production"),
                ("DATABASE_URL", "postgres://weefsel:s3cr3t-eigen@db/weefsel"),
                ("WEEFSEL_SIGNING_KEY_FILE", "/etc/weefsel/signing.pem"),
            ])
            .unwrap_err(),
            ConfigError::MissingAuditKey
        );
    }

    #[test]
    fn production_with_own_secret_starts_with_json_logs() {
        let c = load(&[
            ("WEEFSEL_ENV", "production"),
            ("DATABASE_URL", "postgres://weefsel:s3cr3t-eigen@db/weefsel"),
            ("WEEFSEL_SIGNING_KEY_FILE", "/etc/weefsel/signing.pem"),
            ("WEEFSEL_AUDIT_KEY_FILE", "/etc/weefsel/audit-sleutels"),
        ])
        .expect("valid production config");
        assert_eq!(c.log_format, LogFormat::Json);
    }

    #[test]
    fn invalid_values_are_named() {
        let err = load(&[("WEEFSEL_LISTEN", "nergens")]).unwrap_err();
        assert!(err.to_string().starts_with("WEEFSEL_LISTEN"), "{err}");
        let err = load(&[("WEEFSEL_ENV", "staging")]).unwrap_err();
        assert!(err.to_string().contains("'staging'"), "{err}");
        let err = load(&[("WEEFSEL_DB_MAX_CONNECTIONS", "0")]).unwrap_err();
        assert!(
            err.to_string().starts_with("WEEFSEL_DB_MAX_CONNECTIONS"),
            "{err}"
        );
        let err = load(&[("WEEFSEL_DB_STATEMENT_TIMEOUT_MS", "5s")]).unwrap_err();
        assert!(err.to_string().contains("'5s'"), "{err}");
        let err = load(&[("WEEFSEL_VERTROUWDE_PROXIES", "10.0.0.1, lb")]).unwrap_err();
        assert!(err.to_string().contains("'lb'"), "{err}");
    }

    #[test]
    fn limits_have_safe_defaults_and_are_configurable() {
        let standaard = load(&[]).expect("standaard").grenzen;
        assert_eq!(standaard.db_wachten, Duration::from_secs(2));
        assert_eq!(standaard.statement, Duration::from_secs(5));
        assert_eq!(standaard.verzoek, Duration::from_secs(15));
        assert_eq!(standaard.token_per_minuut, 30);
        assert!(standaard.vertrouwde_proxies.is_empty());
        let eigen = load(&[
            ("WEEFSEL_DB_STATEMENT_TIMEOUT_MS", "250"),
            ("WEEFSEL_LIMIET_SCHRIJVEN", "60"),
            ("WEEFSEL_VERTROUWDE_PROXIES", "10.0.0.1, ::1"),
        ])
        .expect("eigen")
        .grenzen;
        assert_eq!(eigen.statement, Duration::from_millis(250));
        assert_eq!(eigen.schrijven_per_minuut, 60);
        assert_eq!(eigen.vertrouwde_proxies.len(), 2);
    }
}
