//! Een eigen PostgreSQL uit de binaries die al op de machine staan, voor
//! `weefsel dev` en voor de tests wanneer er geen `DATABASE_URL` is.
//!
//! `initdb` weigert als root te draaien; als root lopen de PostgreSQL-commando's
//! daarom als een gewone gebruiker (`WEEFSEL_PG_USER`, standaard `postgres`).

use std::net::TcpListener;
use std::os::unix::fs::MetadataExt;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// Hoe je aan PostgreSQL komt, voor in een foutmelding.
pub const HOW_TO_GET_POSTGRES: &str = "Installeer de PostgreSQL-server (Debian/Ubuntu: `apt-get install postgresql`, \
macOS: `brew install postgresql@16`), of zet DATABASE_URL naar een bestaande database, \
of start er een met `docker compose up -d db` en zet DATABASE_URL=postgres://weefsel:weefsel-dev@localhost:5432/weefsel.";

#[derive(Debug, thiserror::Error)]
pub enum LocalPostgresError {
    #[error(
        "geen PostgreSQL-binaries gevonden (initdb en pg_ctl op PATH of onder /usr/lib/postgresql/*/bin). {HOW_TO_GET_POSTGRES}"
    )]
    NotFound,
    #[error("{0}")]
    Failed(String),
}

/// Instellingen voor een nieuw cluster.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// Geen fsync en dergelijke: sneller, alleen voor wegwerpclusters (tests).
    pub disposable: bool,
}

/// Een draaiend PostgreSQL-cluster op 127.0.0.1.
#[derive(Debug)]
pub struct LocalPostgres {
    bin_dir: PathBuf,
    data_dir: PathBuf,
    port: u16,
    run_as: Option<String>,
}

impl LocalPostgres {
    /// Start (en zo nodig maakt) het cluster in `data_dir` op een vrije poort. Draait
    /// er al een op die map, dan wordt die gebruikt.
    pub fn start(data_dir: &Path, options: Options) -> Result<Self, LocalPostgresError> {
        let bin_dir = find_bin_dir().ok_or(LocalPostgresError::NotFound)?;
        let run_as = running_as_root()
            .then(|| std::env::var("WEEFSEL_PG_USER").unwrap_or_else(|_| "postgres".to_owned()));
        std::fs::create_dir_all(data_dir)
            .map_err(|e| failed(format!("kan {} niet maken: {e}", data_dir.display())))?;
        let data_dir = data_dir
            .canonicalize()
            .map_err(|e| failed(format!("kan {} niet lezen: {e}", data_dir.display())))?;
        let mut pg = LocalPostgres {
            bin_dir,
            data_dir,
            port: 0,
            run_as,
        };

        if !pg.data_dir.join("PG_VERSION").exists() {
            pg.init(options)?;
        }
        if let Some(port) = pg.running_port() {
            pg.port = port;
            return Ok(pg);
        }
        let mut last_error = String::new();
        for _ in 0..3 {
            pg.port = free_port()?;
            let port_option = format!("-p {}", pg.port);
            let log = pg.data_dir.join("postgres.log");
            let data = pg.data_dir.clone();
            let status = pg
                .command("pg_ctl")
                .args(["start", "-w", "-t", "60", "-s", "-D"])
                .arg(&data)
                .arg("-l")
                .arg(&log)
                .args(["-o", &port_option])
                // Eigen procesgroep: een Ctrl-C in de terminal stopt PostgreSQL niet
                // halverwege; `stop` doet dat netjes.
                .process_group(0)
                .status()
                .map_err(|e| failed(format!("pg_ctl start: {e}")))?;
            if status.success() {
                return Ok(pg);
            }
            last_error = std::fs::read_to_string(&log).unwrap_or_default();
        }
        Err(failed(format!(
            "PostgreSQL start niet; laatste regels van {}:\n{}",
            pg.data_dir.join("postgres.log").display(),
            last_error
                .lines()
                .rev()
                .take(10)
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect::<Vec<_>>()
                .join("\n")
        )))
    }

    fn init(&self, options: Options) -> Result<(), LocalPostgresError> {
        if let Some(user) = &self.run_as {
            let status = Command::new("chown")
                .arg("-R")
                .arg(format!("{user}:"))
                .arg(&self.data_dir)
                .status()
                .map_err(|e| failed(format!("chown: {e}")))?;
            if !status.success() {
                return Err(failed(format!(
                    "kan {} niet aan gebruiker {user} geven (bestaat die? zet anders WEEFSEL_PG_USER)",
                    self.data_dir.display()
                )));
            }
        }
        let output = self
            .command("initdb")
            .arg("-D")
            .arg(&self.data_dir)
            .args([
                "-U",
                "postgres",
                "--auth=trust",
                "-E",
                "UTF8",
                "--no-locale",
                "--no-instructions",
            ])
            .output()
            .map_err(|e| failed(format!("initdb: {e}")))?;
        if !output.status.success() {
            return Err(failed(format!(
                "initdb faalde: {}",
                String::from_utf8_lossy(&output.stderr).trim()
            )));
        }
        let mut settings = String::from(
            "\n# weefsel\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = ''\n\
             max_connections = 200\nlog_min_messages = warning\n",
        );
        if options.disposable {
            settings.push_str("fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n");
        }
        let conf = self.data_dir.join("postgresql.conf");
        let mut text =
            std::fs::read_to_string(&conf).map_err(|e| failed(format!("postgresql.conf: {e}")))?;
        text.push_str(&settings);
        std::fs::write(&conf, text).map_err(|e| failed(format!("postgresql.conf: {e}")))?;
        Ok(())
    }

    /// De poort van een cluster dat al op deze map draait.
    fn running_port(&self) -> Option<u16> {
        let running = self
            .command("pg_ctl")
            .arg("status")
            .arg("-D")
            .arg(&self.data_dir)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .ok()?
            .success();
        if !running {
            return None;
        }
        let pid_file = std::fs::read_to_string(self.data_dir.join("postmaster.pid")).ok()?;
        pid_file.lines().nth(3)?.trim().parse().ok()
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// De URL van een database in dit cluster, als superuser `postgres`.
    pub fn url(&self, database: &str) -> String {
        format!("postgres://postgres@127.0.0.1:{}/{database}", self.port)
    }

    /// Stopt het cluster netjes (lopende transacties worden afgebroken).
    pub fn stop(&self) -> Result<(), LocalPostgresError> {
        let status = self
            .command("pg_ctl")
            .args(["stop", "-w", "-s", "-m", "fast", "-D"])
            .arg(&self.data_dir)
            .status()
            .map_err(|e| failed(format!("pg_ctl stop: {e}")))?;
        if status.success() {
            Ok(())
        } else {
            Err(failed("pg_ctl stop faalde".into()))
        }
    }

    /// Laat een wachter het cluster stoppen en de map opruimen zodra dit proces
    /// eindigt: voor wegwerpclusters van de tests.
    pub fn remove_when_process_exits(&self) -> Result<(), LocalPostgresError> {
        let pg_ctl = self.bin_dir.join("pg_ctl");
        let run_as = self
            .run_as
            .as_ref()
            .map(|u| format!("runuser -u {} -- ", quote(u)))
            .unwrap_or_default();
        let script = format!(
            "while kill -0 {pid} 2>/dev/null; do sleep 1; done; \
             {run_as}{pg_ctl} stop -s -m immediate -D {dir} >/dev/null 2>&1; rm -rf {dir}",
            pid = std::process::id(),
            pg_ctl = quote(&pg_ctl.to_string_lossy()),
            dir = quote(&self.data_dir.to_string_lossy()),
        );
        Command::new("sh")
            .args(["-c", &script])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .process_group(0)
            .spawn()
            .map_err(|e| failed(format!("wachter starten: {e}")))?;
        Ok(())
    }

    /// Een PostgreSQL-commando, als root onder de gewone gebruiker.
    fn command(&self, program: &str) -> Command {
        let path = self.bin_dir.join(program);
        match &self.run_as {
            Some(user) => {
                let mut c = Command::new("runuser");
                c.args(["-u", user, "--"]).arg(path);
                c
            }
            None => Command::new(path),
        }
    }
}

fn failed(message: String) -> LocalPostgresError {
    LocalPostgresError::Failed(message)
}

fn quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', "'\\''"))
}

fn running_as_root() -> bool {
    std::fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0)
}

fn free_port() -> Result<u16, LocalPostgresError> {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .map_err(|e| failed(format!("geen vrije poort: {e}")))
}

/// De map met `initdb` en `pg_ctl`: eerst via PATH, dan de nieuwste onder
/// `/usr/lib/postgresql/*/bin`.
pub fn find_bin_dir() -> Option<PathBuf> {
    let has_both = |dir: &Path| dir.join("initdb").is_file() && dir.join("pg_ctl").is_file();
    if let Some(path) = std::env::var_os("PATH") {
        for dir in std::env::split_paths(&path) {
            let candidate = dir.join("pg_ctl");
            if let Some(parent) = candidate
                .canonicalize()
                .ok()
                .and_then(|real| real.parent().filter(|p| has_both(p)).map(Path::to_path_buf))
            {
                return Some(parent);
            }
        }
    }
    let mut versions: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .filter_map(Result::ok)
        .filter_map(|e| {
            let version = e.file_name().to_str()?.parse::<u32>().ok()?;
            Some((version, e.path().join("bin")))
        })
        .filter(|(_, bin)| has_both(bin))
        .collect();
    versions.sort();
    versions.pop().map(|(_, bin)| bin)
}
