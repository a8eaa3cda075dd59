//! De sleutels van de audit trail: HMAC-SHA256, buiten de database.
//!
//! Een bestand (`WEEFSEL_AUDIT_KEY_FILE`) met één sleutel per regel,
//! `<sleutelId> <base64>`; regels met `#` zijn commentaar. De laatste sleutel tekent
//! nieuwe regels; de eerdere blijven nodig om oude regels na te rekenen (`weefsel
//! audit verify`). Roteren: `weefsel audit sleutel >> bestand` en de dienst herstarten.
//!
//! In productie is het bestand verplicht. In ontwikkeling maakt de dienst het één
//! keer, onder `.weefsel/audit-sleutels` (alleen leesbaar voor de eigenaar), en
//! gebruikt het daarna bij elke start: nooit een sleutel per start, anders zouden
//! regels van vóór een herstart niet meer na te rekenen zijn.
//!
//! De sleutel komt nooit in een SQL-statement, een instelling of een argument van een
//! functie in de database: de dienst rekent de MAC zelf uit en stuurt alleen die.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use ring::hmac;
use ring::rand::{SecureRandom, SystemRandom};

use crate::config::Config;

/// Waar de ontwikkelsleutel staat (relatief aan de werkmap, zoals `.weefsel/pgdata`).
pub const ONTWIKKELBESTAND: &str = ".weefsel/audit-sleutels";

/// De sleutels van de audit trail; de laatste tekent.
pub struct AuditSleutels {
    actief: String,
    sleutels: BTreeMap<String, hmac::Key>,
    /// Waar ze vandaan kwamen (voor meldingen).
    pub bestand: PathBuf,
}

impl std::fmt::Debug for AuditSleutels {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Nooit de sleutels zelf.
        f.debug_struct("AuditSleutels")
            .field("actief", &self.actief)
            .field("ids", &self.sleutels.keys().collect::<Vec<_>>())
            .field("bestand", &self.bestand)
            .finish()
    }
}

impl AuditSleutels {
    /// Uit de configuratie: `WEEFSEL_AUDIT_KEY_FILE`, of buiten productie het
    /// ontwikkelbestand (gemaakt als het er nog niet is).
    pub fn laden(config: &Config) -> anyhow::Result<Self> {
        match &config.audit_key_file {
            Some(pad) => Self::uit_bestand(pad),
            None if config.is_production() => {
                anyhow::bail!("productie vereist WEEFSEL_AUDIT_KEY_FILE")
            }
            None => {
                let pad = Path::new(ONTWIKKELBESTAND);
                maak_eenmaal(pad)?;
                Self::uit_bestand(pad)
            }
        }
    }

    pub fn uit_bestand(pad: &Path) -> anyhow::Result<Self> {
        let tekst = std::fs::read_to_string(pad)
            .with_context(|| format!("WEEFSEL_AUDIT_KEY_FILE {} niet leesbaar", pad.display()))?;
        Self::uit_tekst(&tekst, pad)
    }

    fn uit_tekst(tekst: &str, pad: &Path) -> anyhow::Result<Self> {
        let mut sleutels = BTreeMap::new();
        let mut actief = None;
        for (nummer, regel) in tekst.lines().enumerate() {
            let regel = regel.trim();
            if regel.is_empty() || regel.starts_with('#') {
                continue;
            }
            let fout = || format!("{} regel {}", pad.display(), nummer + 1);
            let (id, waarde) = regel
                .split_once(char::is_whitespace)
                .with_context(|| format!("{}: verwacht `<sleutelId> <base64>`", fout()))?;
            anyhow::ensure!(
                geldig_id(id),
                "{}: een sleutelId is 1 tot 64 letters, cijfers, '-' of '_'",
                fout()
            );
            let bytes = STANDARD
                .decode(waarde.trim())
                .with_context(|| format!("{}: geen base64", fout()))?;
            anyhow::ensure!(
                bytes.len() >= 32,
                "{}: een sleutel is minstens 32 bytes",
                fout()
            );
            anyhow::ensure!(
                sleutels
                    .insert(id.to_owned(), hmac::Key::new(hmac::HMAC_SHA256, &bytes))
                    .is_none(),
                "{}: sleutelId {id} staat er twee keer in",
                fout()
            );
            actief = Some(id.to_owned());
        }
        let actief = actief.with_context(|| format!("{} bevat geen sleutel", pad.display()))?;
        Ok(AuditSleutels {
            actief,
            sleutels,
            bestand: pad.to_owned(),
        })
    }

    /// Het id van de sleutel die nieuwe regels tekent.
    pub fn actief(&self) -> &str {
        &self.actief
    }

    /// De MAC (hex) van `inhoud` met de actieve sleutel.
    pub fn teken(&self, inhoud: &[u8]) -> String {
        // `actief` komt altijd uit `sleutels`.
        self.mac(&self.actief, inhoud).unwrap_or_default()
    }

    /// De MAC (hex) van `inhoud` met sleutel `id`; `None` als die er niet is.
    pub fn mac(&self, id: &str, inhoud: &[u8]) -> Option<String> {
        self.sleutels
            .get(id)
            .map(|sleutel| hex::encode(hmac::sign(sleutel, inhoud).as_ref()))
    }
}

fn geldig_id(id: &str) -> bool {
    (1..=64).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// Een nieuwe sleutelregel (`<sleutelId> <base64>`), voor `weefsel audit sleutel`.
pub fn nieuwe_regel() -> anyhow::Result<String> {
    let random = SystemRandom::new();
    let mut sleutel = [0u8; 32];
    random
        .fill(&mut sleutel)
        .map_err(|_| anyhow::anyhow!("geen willekeurige bytes"))?;
    let mut kort = [0u8; 4];
    random
        .fill(&mut kort)
        .map_err(|_| anyhow::anyhow!("geen willekeurige bytes"))?;
    Ok(format!(
        "{}-{} {}",
        chrono::Utc::now().format("%Y%m%d"),
        hex::encode(kort),
        STANDARD.encode(sleutel)
    ))
}

const KOP: &str = "# Weefsel: de sleutels van de audit trail (HMAC-SHA256), één per regel:\n\
# <sleutelId> <base64>. De laatste tekent nieuwe regels; bewaar de eerdere, want\n\
# `weefsel audit verify` heeft ze nodig. Roteren: `weefsel audit sleutel >> dit-bestand`.\n";

/// Maakt het bestand met één sleutel als het er nog niet is. Twee processen die dat
/// tegelijk doen, krijgen dezelfde sleutel: het bestand komt er in één keer (een
/// harde link naar een volledig geschreven tijdelijk bestand), nooit half of twee keer.
fn maak_eenmaal(pad: &Path) -> anyhow::Result<()> {
    if pad.exists() {
        return Ok(());
    }
    let map = pad.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(map).with_context(|| format!("kan {} niet maken", map.display()))?;
    let tijdelijk = map.join(format!(
        ".audit-sleutels.{}.{}",
        std::process::id(),
        uuid::Uuid::now_v7().simple()
    ));
    {
        let mut opties = std::fs::OpenOptions::new();
        opties.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut opties, 0o600);
        let mut bestand = opties
            .open(&tijdelijk)
            .with_context(|| format!("kan {} niet maken", tijdelijk.display()))?;
        writeln!(bestand, "{KOP}{}", nieuwe_regel()?)?;
        bestand.sync_all()?;
    }
    let gelinkt = std::fs::hard_link(&tijdelijk, pad);
    let _ = std::fs::remove_file(&tijdelijk);
    match gelinkt {
        Ok(()) => {
            tracing::info!(bestand = %pad.display(), "sleutel van de audit trail gemaakt (ontwikkeling)");
            Ok(())
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(anyhow::Error::new(e).context(format!("kan {} niet maken", pad.display()))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn de_laatste_sleutel_tekent_en_elke_rekent_na() {
        let (a, b) = (nieuwe_regel().unwrap(), nieuwe_regel().unwrap());
        let tekst = format!("# commentaar\n{a}\n\n{b}\n");
        let s = AuditSleutels::uit_tekst(&tekst, Path::new("x")).unwrap();
        let id_b = b.split_whitespace().next().unwrap();
        let id_a = a.split_whitespace().next().unwrap();
        assert_eq!(s.actief(), id_b);
        assert_eq!(s.teken(b"regel"), s.mac(id_b, b"regel").unwrap());
        assert_ne!(s.mac(id_a, b"regel"), s.mac(id_b, b"regel"));
        assert!(s.mac("onbekend", b"regel").is_none());
        assert!(!format!("{s:?}").contains(b.split_whitespace().nth(1).unwrap()));
    }

    #[test]
    fn een_fout_bestand_noemt_de_regel() {
        for (tekst, reden) in [
            ("", "geen sleutel"),
            ("alleen-een-id\n", "verwacht"),
            ("a niet!base64\n", "base64"),
            ("a aGFsbG8=\n", "minstens 32"),
            (
                "a/b QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUE=\n",
                "sleutelId",
            ),
        ] {
            let fout = AuditSleutels::uit_tekst(tekst, Path::new("f")).unwrap_err();
            assert!(format!("{fout:#}").contains(reden), "{tekst}: {fout:#}");
        }
    }
}
