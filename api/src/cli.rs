//! De opdrachtregel: `weefsel [serve|migrate|seed --demo|openapi|dev]`.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Parser, Subcommand};
use sea_orm::{ConnectionTrait, DatabaseConnection};

use crate::app::Application;
use crate::audit::{self, AuditSleutels};
use crate::auth::TokenKeys;
use crate::config::{Config, DEV_DATABASE_URL};
use crate::db;
use crate::ops::local_postgres::{self, LocalPostgres};
use crate::ops::{self, seed};
use crate::telemetry;

#[derive(Debug, Parser)]
#[command(
    name = "weefsel",
    version,
    about = "Weefsel: de API voor sociaal weefsel van Veiligheidsregio Brabant-Noord",
    long_about = "Weefsel: de API voor sociaal weefsel van Veiligheidsregio Brabant-Noord.\n\n\
Configuratie via omgevingsvariabelen: DATABASE_URL, WEEFSEL_LISTEN, WEEFSEL_ENV, \
WEEFSEL_LOG, WEEFSEL_LOG_FORMAT (zie de README)."
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum AuditCommand {
    /// Rekent de keten van elke gemeente na met de sleutels uit
    /// `WEEFSEL_AUDIT_KEY_FILE` en vergelijkt haar met de ondertekende koppen; exitcode
    /// 1 bij een breuk.
    Verify {
        /// Een kopie van ondertekende koppen van buiten de database: een bestand met
        /// één JWS per regel (het veld `handtekening` van `GET /audit-trail/koppen`).
        #[arg(long)]
        koppen: Option<std::path::PathBuf>,
    },
    /// Drukt een nieuwe sleutelregel af (`<sleutelId> <base64>`); roteren:
    /// `weefsel audit sleutel >> $WEEFSEL_AUDIT_KEY_FILE` en de dienst herstarten.
    Sleutel,
}

#[derive(Debug, Subcommand)]
enum DnaCommand {
    /// Rekent elk bewaard DNA-profiel na en werkt bij wat afwijkt; meldt welke.
    Herberekenen,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Start de API (standaard).
    Serve,
    /// Voert de databasemigraties uit.
    Migrate,
    /// Laadt gegevens: `--demo` (idempotent) of `--synthetic` (op schaal, in een lege
    /// database); nooit in productie.
    #[command(group(clap::ArgGroup::new("soort").required(true).args(["demo", "synthetic"])))]
    Seed {
        /// Demogegevens (idempotent).
        #[arg(long)]
        demo: bool,
        /// Synthetische gegevens: per schaal en gemeente 60 gebieden, metingen, 15
        /// trajecten, 30 gebruikers, 8 netwerken, 300 sleutelpersonen, 150
        /// initiatieven, 4 budgetten, 300 aanvragen en 1 200 grootboekregels;
        /// deterministisch per zaad.
        #[arg(long)]
        synthetic: bool,
        /// Met `--synthetic`: de schaal (1 tot en met 100).
        #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..=100), requires = "synthetic")]
        schaal: u32,
        /// Met `--synthetic`: het zaad van de generator.
        #[arg(long, default_value_t = 2026, requires = "synthetic")]
        zaad: u64,
    },
    /// Drukt het OpenAPI-document af.
    Openapi,
    /// De audit trail.
    Audit {
        #[command(subcommand)]
        command: AuditCommand,
    },
    /// Het bewaarde DNA-profiel van de gebieden.
    Dna {
        #[command(subcommand)]
        command: DnaCommand,
    },
    /// Anonimiseert iedereen van wie de bewaartermijn voorbij is (dat doet de dienst
    /// ook zelf, dagelijks); meldt hoeveel.
    Retentie,
    /// Drukt de publieke sleutel van de geconfigureerde ondertekensleutel af als JWKS
    /// (voor sleutelrotatie: bewaar hem vóór u een nieuwe sleutel instelt).
    Jwks,
    /// Het eerste account van een nieuwe installatie (ook in productie): een
    /// `regio_beheerder` met een tijdelijk wachtwoord, dat één keer wordt afgedrukt.
    /// Alleen zolang er geen actieve `regio_beheerder` is. Met `--gemeente GMxxxx`:
    /// herstel van een gemeente waarvan de `gemeente_beheerder` buitengesloten of weg
    /// is: een activeringscode (72 uur) voor een nieuwe of de genoemde
    /// `gemeente_beheerder`, in de audit trail van de gemeente.
    Beheerder {
        /// De gebruikersnaam van het account (met `--gemeente` mag hij weg).
        gebruikersnaam: Option<String>,
        /// De CBS-code van de gemeente die een nieuwe activeringscode krijgt.
        #[arg(long)]
        gemeente: Option<String>,
    },
    /// Alles voor een nieuwe ontwikkelaar: database (zo nodig een eigen PostgreSQL
    /// in .weefsel/pgdata), migraties, demogegevens en de API.
    Dev,
    /// De gezondheidscontrole van een container (`HEALTHCHECK`): vraagt de dienst op
    /// `WEEFSEL_LISTEN` om `/health/live` (met `--ready`: `/health/ready`); exitcode 0
    /// bij 200, anders 1. Heeft geen curl en geen configuratie nodig.
    Healthcheck {
        /// Ook de database: `/health/ready` in plaats van `/health/live`.
        #[arg(long)]
        ready: bool,
    },
}

/// Voert de opdracht uit en geeft de exitcode.
pub async fn run() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command.unwrap_or(Command::Serve) {
        Command::Openapi => {
            print!("{}", crate::modules::document_json());
            Ok(())
        }
        Command::Healthcheck { ready } => healthcheck(ready),
        // Een nieuwe sleutel heeft geen configuratie nodig (ook niet in het image).
        Command::Audit {
            command: AuditCommand::Sleutel,
        } => audit::sleutels::nieuwe_regel().map(|regel| println!("{regel}")),
        command => match Config::from_env() {
            Ok(config) => {
                telemetry::init(&config);
                run_command(command, config).await
            }
            Err(error) => Err(anyhow::Error::new(error).context("configuratie ongeldig")),
        },
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("weefsel: {error:#}");
            ExitCode::FAILURE
        }
    }
}

/// `seed --synthetic`: met een voortgangsbalk op een terminal, en altijd een
/// samenvatting op één regel.
async fn synthetisch(config: &Config, schaal: u32, zaad: u64) -> anyhow::Result<()> {
    use crate::ops::synthetisch;
    let db = connect(config, Role::Owner).await?;
    let begin = std::time::Instant::now();
    let balk = indicatif::ProgressBar::new(synthetisch::stappen());
    if !std::io::IsTerminal::is_terminal(&std::io::stderr()) {
        balk.set_draw_target(indicatif::ProgressDrawTarget::hidden());
    }
    let verslag = synthetisch::laden(&db, config, synthetisch::Opties { schaal, zaad }, |stap| {
        balk.set_position(stap)
    })
    .await?;
    balk.finish_and_clear();
    println!(
        "Synthetische gegevens geladen (schaal {schaal}, zaad {zaad}): {} gebieden, {} metingen, {} trajecten, {} gebruikers, {} netwerken, {} sleutelpersonen, {} initiatieven, {} aanvragen, {} grootboekregels, {} bijeenkomsten, {} oefeningen, {} meldingen in {:.1} s.",
        verslag.gebieden,
        verslag.metingen,
        verslag.trajecten,
        verslag.gebruikers,
        verslag.netwerken,
        verslag.sleutelpersonen,
        verslag.initiatieven,
        verslag.aanvragen,
        verslag.mutaties,
        verslag.bijeenkomsten,
        verslag.oefeningen,
        verslag.meldingen,
        begin.elapsed().as_secs_f64()
    );
    Ok(())
}

async fn run_command(command: Command, config: Config) -> anyhow::Result<()> {
    match command {
        Command::Serve => serve(&config).await,
        Command::Migrate => migreren(&config).await,
        Command::Seed {
            synthetic: true,
            schaal,
            zaad,
            ..
        } => synthetisch(&config, schaal, zaad).await,
        Command::Seed { .. } => demo(&config).await,
        Command::Dev => dev(config).await,
        Command::Beheerder {
            gebruikersnaam,
            gemeente: Some(gemeente),
        } => gemeente_beheerder(&config, &gemeente, gebruikersnaam.as_deref()).await,
        Command::Beheerder {
            gebruikersnaam,
            gemeente: None,
        } => {
            let Some(gebruikersnaam) = gebruikersnaam else {
                anyhow::bail!(
                    "noem de gebruikersnaam van de eerste regio_beheerder, of --gemeente GMxxxx voor een gemeente"
                );
            };
            regio_beheerder(&config, &gebruikersnaam).await
        }
        Command::Audit {
            command: AuditCommand::Verify { koppen },
        } => audit_verify(&config, koppen.as_deref()).await,
        Command::Dna {
            command: DnaCommand::Herberekenen,
        } => dna_herberekenen(&config).await,
        Command::Retentie => retentie(&config).await,
        Command::Jwks => {
            let keys = TokenKeys::from_config(&config)?;
            println!("{:#}", keys.jwks());
            Ok(())
        }
        Command::Openapi
        | Command::Healthcheck { .. }
        | Command::Audit {
            command: AuditCommand::Sleutel,
        } => Ok(()),
    }
}

async fn migreren(config: &Config) -> anyhow::Result<()> {
    let db = connect(config, Role::Owner).await?;
    for regel in ops::db::migrate(&db, config)
        .await
        .context("migraties mislukt")?
    {
        println!("{regel}");
    }
    println!("Migraties uitgevoerd.");
    Ok(())
}

async fn demo(config: &Config) -> anyhow::Result<()> {
    let db = connect(config, Role::Owner).await?;
    let report = seed::demo(&db, config).await?;
    if report.changed_anything() {
        println!(
            "Demogegevens geladen ({} gemeenten bijgewerkt, {} gebruikers aangemaakt, {} gebieden en {} sleutelpersonen aangemaakt).",
            report.gemeenten, report.gebruikers, report.gebieden, report.sleutelpersonen
        );
    } else {
        println!("Demogegevens waren al compleet; niets veranderd.");
    }
    Ok(())
}

async fn gemeente_beheerder(
    config: &Config,
    gemeente: &str,
    gebruikersnaam: Option<&str>,
) -> anyhow::Result<()> {
    let db = connect(config, Role::Owner).await?;
    let sleutels = audit::AuditSleutels::laden(config)?;
    let h = crate::ops::beheerder::herstel(&db, &sleutels, gemeente, gebruikersnaam).await?;
    println!(
        "gemeente_beheerder '{}' van {} {} (id {}).\nActiveringscode (wordt niet bewaard; geldig tot {}; \
         de houder kiest er een eigen wachtwoord mee met POST /api/v1/auth/wachtwoord):\n{}",
        h.gebruikersnaam,
        gemeente.trim().to_uppercase(),
        if h.nieuw {
            "aangemaakt"
        } else {
            "kreeg een nieuwe code"
        },
        h.id,
        h.geldig_tot.to_rfc3339(),
        h.activatiecode
    );
    Ok(())
}

async fn regio_beheerder(config: &Config, gebruikersnaam: &str) -> anyhow::Result<()> {
    let db = connect(config, Role::Owner).await?;
    let sleutels = audit::AuditSleutels::laden(config)?;
    let eerste = crate::ops::beheerder::eerste(&db, &sleutels, gebruikersnaam).await?;
    println!(
        "regio_beheerder '{}' aangemaakt (id {}).\nTijdelijk wachtwoord (wordt niet bewaard; kies bij de eerste keer \
         inloggen een eigen met POST /api/v1/auth/wachtwoord):\n{}",
        gebruikersnaam.trim(),
        eerste.id,
        eerste.wachtwoord
    );
    Ok(())
}

/// De ondertekende koppen uit een bestand (`weefsel audit verify --koppen`), elk
/// gecontroleerd met de publieke sleutel van de dienst.
fn externe_koppen(config: &Config, pad: &Path) -> anyhow::Result<Vec<audit::GetekendeKop>> {
    let keys = TokenKeys::from_config(config)?;
    let tekst =
        std::fs::read_to_string(pad).with_context(|| format!("{} niet leesbaar", pad.display()))?;
    let mut koppen = Vec::new();
    for (nummer, regel) in tekst.lines().enumerate() {
        if regel.trim().is_empty() {
            continue;
        }
        let claims = audit::koppen::uit_jws(&keys, regel)
            .map_err(|reden| anyhow::anyhow!("{} regel {}: {reden}", pad.display(), nummer + 1))?;
        koppen.push(claims.als_kop());
    }
    Ok(koppen)
}

async fn audit_verify(config: &Config, koppen: Option<&Path>) -> anyhow::Result<()> {
    let sleutels = AuditSleutels::laden(config)?;
    let extern_ = match koppen {
        Some(pad) => externe_koppen(config, pad)?,
        None => Vec::new(),
    };
    let db = connect(config, Role::Owner).await?;
    let report = audit::verify(&db, &sleutels, &extern_).await?;
    for fout in &report.fouten {
        println!("BREUK  {fout}");
    }
    anyhow::ensure!(
        report.fouten.is_empty(),
        "audit trail beschadigd: {} breuk(en) in {} regels",
        report.fouten.len(),
        report.regels
    );
    println!(
        "Audit trail in orde: {} regels in {} ketens ({} met sleutel), {} ondertekende koppen vergeleken.",
        report.regels, report.ketens, report.met_sleutel, report.koppen
    );
    Ok(())
}

async fn dna_herberekenen(config: &Config) -> anyhow::Result<()> {
    let db = connect(config, Role::Owner).await?;
    let sleutels = crate::audit::AuditSleutels::laden(config)?;
    let uitkomst = crate::ops::dna::herberekenen(&db, false, Some(&sleutels)).await?;
    for id in &uitkomst.afwijkend {
        println!("AFWIJKEND  gebied {id}");
    }
    println!(
        "{} gebieden nagerekend, {} profiel(en) afwijkend en bijgewerkt.",
        uitkomst.gebieden,
        uitkomst.afwijkend.len()
    );
    Ok(())
}

async fn retentie(config: &Config) -> anyhow::Result<()> {
    let db = connect(config, Role::Service).await?;
    let u = crate::ops::retentie::uitvoeren(&db, config.verwerking_bewaarjaren).await?;
    println!(
        "Retentie: {} sleutelperso(o)n(en) geanonimiseerd, contactpersoon van {} initiatie(f)(ven) gewist, \
         {} regel(s) van het verwerkingenlogboek ouder dan {} jaar verwijderd.",
        u.sleutelpersonen, u.initiatieven, u.verwerkingen, config.verwerking_bewaarjaren
    );
    Ok(())
}

/// `weefsel healthcheck`: één HTTP-verzoek over loopback, met een grens van 3 s.
fn healthcheck(ready: bool) -> anyhow::Result<()> {
    use std::io::{Read, Write};
    use std::net::{SocketAddr, TcpStream};
    use std::time::Duration;

    let listen: SocketAddr = std::env::var("WEEFSEL_LISTEN")
        .ok()
        .filter(|v| !v.trim().is_empty())
        .unwrap_or_else(|| crate::config::DEFAULT_LISTEN.to_owned())
        .parse()
        .context("WEEFSEL_LISTEN is geen host:poort")?;
    // Luistert de dienst op alle adressen, dan is hij via loopback te bereiken.
    let mut adres = listen;
    if adres.ip().is_unspecified() {
        adres.set_ip(if adres.is_ipv4() {
            std::net::Ipv4Addr::LOCALHOST.into()
        } else {
            std::net::Ipv6Addr::LOCALHOST.into()
        });
    }
    let pad = if ready {
        "/health/ready"
    } else {
        "/health/live"
    };
    let grens = Duration::from_secs(3);
    let mut verbinding = TcpStream::connect_timeout(&adres, grens)
        .with_context(|| format!("de dienst op {adres} antwoordt niet"))?;
    verbinding.set_read_timeout(Some(grens))?;
    verbinding.set_write_timeout(Some(grens))?;
    write!(
        verbinding,
        "GET {pad} HTTP/1.1\r\nHost: {adres}\r\nConnection: close\r\n\r\n"
    )?;
    let mut begin = [0u8; 12];
    verbinding.read_exact(&mut begin)?;
    let statusregel = String::from_utf8_lossy(&begin);
    anyhow::ensure!(
        statusregel.ends_with(" 200"),
        "{pad} antwoordt {}",
        statusregel.trim()
    );
    println!("{pad}: 200");
    Ok(())
}

/// Als wie de verbinding werkt: de dienst (`weefsel_app`, onder row-level security)
/// of de eigenaar van het schema (migraties, seed, controle van de audit trail).
#[derive(Debug, Clone, Copy)]
enum Role {
    Service,
    Owner,
}

/// De database-URL: expliciet, of in ontwikkeling die van docker-compose.
async fn connect(config: &Config, role: Role) -> anyhow::Result<DatabaseConnection> {
    let url = config.database_url.as_deref().unwrap_or(DEV_DATABASE_URL);
    let result = match role {
        Role::Service => db::connect(url, config).await,
        Role::Owner => db::connect_owner(url, config).await,
    };
    result.with_context(|| match role {
        Role::Service => format!(
            "kan de database niet bereiken als rol {} ({}); is `weefsel migrate` uitgevoerd?",
            migration::APP_ROLE,
            redact(url)
        ),
        Role::Owner => format!("kan de database niet bereiken ({})", redact(url)),
    })
}

/// Beide pools van de dienst (`weefsel_app` en `weefsel_auth`).
async fn pools(config: &Config) -> anyhow::Result<db::Pools> {
    let url = config.database_url.as_deref().unwrap_or(DEV_DATABASE_URL);
    db::pools(url, config).await.with_context(|| {
        format!(
            "kan de database niet bereiken als rol {} en {} ({}); is `weefsel migrate` uitgevoerd?",
            migration::APP_ROLE,
            migration::AUTH_ROLE,
            redact(url)
        )
    })
}

async fn serve(config: &Config) -> anyhow::Result<()> {
    let app = Application::build(config, pools(config).await?)?;
    tracing::info!(port = app.port(), "Weefsel luistert");
    app.run_until_signal().await?;
    tracing::info!("Weefsel gestopt");
    Ok(())
}

async fn dev(mut config: Config) -> anyhow::Result<()> {
    anyhow::ensure!(
        !config.is_production(),
        "`weefsel dev` is voor ontwikkeling; gebruik in productie `weefsel migrate` en `weefsel serve`"
    );
    let local = match &config.database_url {
        Some(_) => None,
        None => {
            let data_dir = Path::new(".weefsel/pgdata");
            println!("Eigen PostgreSQL starten in {} ...", data_dir.display());
            let pg = LocalPostgres::start(data_dir, local_postgres::Options::default())?;
            ensure_database(&pg, "weefsel").await?;
            config.database_url = Some(pg.url("weefsel"));
            Some(pg)
        }
    };
    let result = dev_serve(&config).await;
    if let Some(pg) = local {
        println!("Eigen PostgreSQL stoppen ...");
        pg.stop()?;
    }
    result
}

async fn dev_serve(config: &Config) -> anyhow::Result<()> {
    let owner = connect(config, Role::Owner).await?;
    for regel in ops::db::migrate(&owner, config)
        .await
        .context("migraties mislukt")?
    {
        println!("{regel}");
    }
    seed::demo(&owner, config).await?;
    owner.close().await?;
    let app = Application::build(config, pools(config).await?)?;
    let base = format!("http://{}:{}", config.listen.ip(), app.port());
    print!(
        "{}",
        welkom(&base, config.database_url.as_deref().unwrap_or(""))
    );
    app.run_until_signal().await?;
    Ok(())
}

/// Wat `weefsel dev` afdrukt: eerst wat zonder token werkt (de documentatie, met
/// inloggen via "Authorize"), dan hoe je een token haalt en een eerste verzoek doet.
fn welkom(base: &str, database_url: &str) -> String {
    use std::fmt::Write;
    let mut tekst = String::new();
    let wachtwoord = seed::DEMO_PASSWORD;
    let _ = writeln!(tekst);
    let _ = writeln!(tekst, "  Weefsel draait (ontwikkeling)");
    let _ = writeln!(tekst, "  Documentatie: {base}/api/v1/docs/");
    let _ = writeln!(
        tekst,
        "                (klik Authorize en log in met een demo-account hieronder)"
    );
    let _ = writeln!(tekst, "  OpenAPI:      {base}/api/v1/openapi.json");
    let _ = writeln!(tekst, "  Database:     {}", redact(database_url));
    let _ = writeln!(tekst, "  Stoppen:      Ctrl-C");
    let _ = writeln!(tekst);
    let _ = writeln!(tekst, "  Demo-accounts (wachtwoord {wachtwoord}):");
    for account in seed::demo_accounts() {
        let _ = writeln!(
            tekst,
            "    {:<36} {:<8} {}",
            account.gebruikersnaam,
            account.gemeente.unwrap_or("regio"),
            account.rol.as_str()
        );
    }
    let _ = writeln!(tekst);
    let _ = writeln!(tekst, "  Een token en een eerste verzoek:");
    let _ = writeln!(
        tekst,
        "    TOKEN=$(curl -s {base}/api/v1/auth/token -d grant_type=password \\"
    );
    let _ = writeln!(
        tekst,
        "      -d username=oss.coordinator -d password={wachtwoord} | jq -r .access_token)"
    );
    let _ = writeln!(
        tekst,
        "    curl -s -H \"Authorization: Bearer $TOKEN\" {base}/api/v1/gebieden"
    );
    let _ = writeln!(tekst);
    tekst
}

/// Maakt de database aan als die nog niet bestaat.
async fn ensure_database(pg: &LocalPostgres, name: &str) -> anyhow::Result<()> {
    let admin = sea_orm::Database::connect(pg.url("postgres"))
        .await
        .context("kan de eigen PostgreSQL niet bereiken")?;
    let exists = admin
        .query_one_raw(sea_orm::Statement::from_sql_and_values(
            sea_orm::DbBackend::Postgres,
            "SELECT 1 FROM pg_database WHERE datname = $1",
            [name.into()],
        ))
        .await?
        .is_some();
    if !exists {
        admin
            .execute_unprepared(&format!("CREATE DATABASE \"{name}\""))
            .await?;
    }
    admin.close().await?;
    Ok(())
}

/// Een URL zonder wachtwoord, voor in meldingen.
fn redact(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    let Some((credentials, host)) = rest.rsplit_once('@') else {
        return url.to_owned();
    };
    match credentials.split_once(':') {
        Some((user, _)) => format!("{scheme}://{user}:***@{host}"),
        None => url.to_owned(),
    }
}
