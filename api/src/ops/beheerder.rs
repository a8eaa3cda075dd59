//! `weefsel beheerder <gebruikersnaam>`: het eerste account van een nieuwe installatie,
//! ook in productie (waar `seed` niet mag). Een `regio_beheerder` met een tijdelijk
//! wachtwoord, dat één keer wordt afgedrukt en bij de eerste keer inloggen vervangen
//! moet worden (`POST /api/v1/auth/wachtwoord`). Alleen zolang er nog geen actieve
//! `regio_beheerder` is: daarna gaat alles via de API en de audit trail.

use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, Statement, TransactionTrait};
use uuid::Uuid;

use crate::audit::{Actie, AuditSleutels, Regel, Wijzigingen};
use crate::auth::{Rol, secrets};
use crate::http::invoer::Invoer;
use crate::http::problem::ApiError;
use crate::modules::gebruikers::NieuweGebruiker;

/// Dezelfde regels als `POST /api/v1/gebruikers`: de naam wordt getoetst aan het
/// gepubliceerde schema `NieuweGebruiker`, niet aan een eigen kopie ervan.
fn geldige_naam(naam: &str) -> anyhow::Result<()> {
    let invoer = Invoer::<NieuweGebruiker>::controleer(
        &crate::modules::document(),
        serde_json::json!({"gebruikersnaam": naam, "rollen": [Rol::RegioBeheerder.as_str()]}),
    )
    .map_err(|e| anyhow::anyhow!("{e}"))?;
    match invoer.klaar() {
        Ok(_) => Ok(()),
        Err(ApiError::Validation(fouten)) => anyhow::bail!(
            "ongeldige gebruikersnaam: {}",
            fouten
                .iter()
                .map(|f| f.reason.as_str())
                .collect::<Vec<_>>()
                .join("; ")
        ),
        Err(e) => Err(anyhow::anyhow!("{e}")),
    }
}

/// Wat `weefsel beheerder` teruggeeft: het tijdelijke wachtwoord.
pub struct EersteBeheerder {
    pub id: Uuid,
    pub wachtwoord: String,
}

/// Maakt de eerste `regio_beheerder`; weigert als er al een actieve is of de naam
/// bestaat.
pub async fn eerste(
    db: &DatabaseConnection,
    sleutels: &AuditSleutels,
    gebruikersnaam: &str,
) -> anyhow::Result<EersteBeheerder> {
    let naam = gebruikersnaam.trim();
    geldige_naam(naam)?;
    // Willekeurig en lang; het blijft alleen tot de eerste keer inloggen geldig.
    let (wachtwoord, _) = secrets::new_client_secret().map_err(|e| anyhow::anyhow!("{e}"))?;
    let hash = secrets::hash_password(&wachtwoord).map_err(|e| anyhow::anyhow!("{e}"))?;
    let tx = db.begin().await?;
    // Twee tegelijk gestarte opdrachten maken er niet twee.
    tx.execute_unprepared("LOCK TABLE gebruiker IN SHARE ROW EXCLUSIVE MODE")
        .await?;
    let bestaand = tx
        .query_one_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "SELECT count(*) FILTER (WHERE actief AND $1 = ANY (rollen)), \
                    count(*) FILTER (WHERE gebruikersnaam = $2) FROM gebruiker",
            [Rol::RegioBeheerder.as_str().into(), naam.into()],
        ))
        .await?;
    let (beheerders, zelfde_naam) = match bestaand {
        Some(rij) => (
            rij.try_get_by_index::<i64>(0)?,
            rij.try_get_by_index::<i64>(1)?,
        ),
        None => (0, 0),
    };
    anyhow::ensure!(
        beheerders == 0,
        "er is al een actieve regio_beheerder; maak nieuwe accounts via de API (POST /api/v1/gebruikers)"
    );
    anyhow::ensure!(zelfde_naam == 0, "de gebruikersnaam '{naam}' bestaat al");
    let id = Uuid::now_v7();
    tx.execute_raw(Statement::from_sql_and_values(
        DbBackend::Postgres,
        "INSERT INTO gebruiker (id, gemeente_id, gebruikersnaam, wachtwoord_hash, rollen, wachtwoord_tijdelijk) \
         VALUES ($1, NULL, $2, $3, ARRAY[$4], true)",
        [
            id.into(),
            naam.into(),
            hash.into(),
            Rol::RegioBeheerder.as_str().into(),
        ],
    ))
    .await?;
    super::systeemregel(
        &tx,
        sleutels,
        Regel {
            gemeente_id: None,
            resource: "gebruiker",
            resource_id: id.to_string(),
            actie: Actie::Aangemaakt,
            wijzigingen: Wijzigingen::new()
                .nieuw("gebruikersnaam", naam)
                .nieuw("rollen", [Rol::RegioBeheerder.as_str()])
                .nieuw("actief", true)
                .alleen_naam("wachtwoord"),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(EersteBeheerder { id, wachtwoord })
}

/// Wat `weefsel beheerder --gemeente` teruggeeft: de nieuwe activeringscode.
pub struct Herstel {
    pub id: Uuid,
    pub gebruikersnaam: String,
    pub activatiecode: String,
    pub geldig_tot: chrono::DateTime<chrono::Utc>,
    /// `true`: een nieuw account; `false`: een bestaand account van de gemeente kreeg
    /// een nieuwe code.
    pub nieuw: bool,
}

/// De gemeente en de gebruikersnaam van een gemeente_beheerder die [`herstel`] maakt
/// of opnieuw activeert.
struct Doel<'a> {
    id: Uuid,
    code: &'a str,
    naam: &'a str,
}

/// Een bestaande gemeente_beheerder krijgt een nieuwe activeringscode; zijn tokens
/// vervallen.
async fn opnieuw_activeren(
    tx: &sea_orm::DatabaseTransaction,
    doel: &Doel<'_>,
    rij: &sea_orm::QueryResult,
    hash: String,
    geldig_tot: chrono::DateTime<chrono::Utc>,
) -> anyhow::Result<(Uuid, bool, Wijzigingen)> {
    let id: Uuid = rij.try_get_by_index(0)?;
    let van: Option<Uuid> = rij.try_get_by_index(1)?;
    let rollen: Vec<String> = rij.try_get_by_index(2)?;
    anyhow::ensure!(
        van == Some(doel.id) && rollen.iter().any(|r| r == Rol::GemeenteBeheerder.as_str()),
        "'{}' is geen gemeente_beheerder van {}; kies een andere naam of laat hem weg",
        doel.naam,
        doel.code
    );
    tx.execute_raw(Statement::from_sql_and_values(
        DbBackend::Postgres,
        "UPDATE gebruiker SET wachtwoord_hash = $2, wachtwoord_tijdelijk = true, \
         wachtwoord_geldig_tot = $3, wachtwoord_gezet_door = NULL, actief = true, \
         token_generatie = token_generatie + 1, version = version + 1, updated_at = now() \
         WHERE id = $1",
        [id.into(), hash.into(), geldig_tot.into()],
    ))
    .await?;
    let w = Wijzigingen::new()
        .nieuw("actief", true)
        .alleen_naam("activatiecode");
    Ok((id, false, w))
}

/// Een nieuwe gemeente_beheerder met een tijdelijke activeringscode.
async fn aanmaken(
    tx: &sea_orm::DatabaseTransaction,
    doel: &Doel<'_>,
    hash: String,
    geldig_tot: chrono::DateTime<chrono::Utc>,
) -> anyhow::Result<(Uuid, bool, Wijzigingen)> {
    let id = Uuid::now_v7();
    tx.execute_raw(Statement::from_sql_and_values(
        DbBackend::Postgres,
        "INSERT INTO gebruiker (id, gemeente_id, gebruikersnaam, wachtwoord_hash, rollen, \
         wachtwoord_tijdelijk, wachtwoord_geldig_tot) \
         VALUES ($1, $2, $3, $4, ARRAY[$5], true, $6)",
        [
            id.into(),
            doel.id.into(),
            doel.naam.into(),
            hash.into(),
            Rol::GemeenteBeheerder.as_str().into(),
            geldig_tot.into(),
        ],
    ))
    .await?;
    let w = Wijzigingen::new()
        .nieuw("gebruikersnaam", doel.naam)
        .nieuw("gemeente", doel.code)
        .nieuw("rollen", [Rol::GemeenteBeheerder.as_str()])
        .nieuw("actief", true)
        .alleen_naam("activatiecode");
    Ok((id, true, w))
}

/// Herstel van een gemeente waarvan de enige `gemeente_beheerder` buitengesloten of
/// weg is, op de server (nooit door de regio via de API): een nieuwe activeringscode
/// (72 uur) voor `gebruikersnaam` — een bestaande `gemeente_beheerder` van deze
/// gemeente, die weer actief wordt en wiens tokens vervallen, of een nieuw account met
/// alleen die rol. Zonder naam: `<slug>.beheerder-<datum-tijd>`. Staat in de audit
/// trail van de gemeente, als de dienst.
pub async fn herstel(
    db: &DatabaseConnection,
    sleutels: &AuditSleutels,
    gemeente_code: &str,
    gebruikersnaam: Option<&str>,
) -> anyhow::Result<Herstel> {
    let code = gemeente_code.trim().to_uppercase();
    let tx = db.begin().await?;
    let gemeente = tx
        .query_one_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "SELECT id, slug FROM gemeente WHERE code = $1",
            [code.clone().into()],
        ))
        .await?;
    let Some(gemeente) = gemeente else {
        anyhow::bail!("onbekende gemeente '{code}'; gebruik een CBS-code als GM0828");
    };
    let gemeente_id: Uuid = gemeente.try_get_by_index(0)?;
    let slug: String = gemeente.try_get_by_index(1)?;
    let naam = match gebruikersnaam {
        Some(n) => n.trim().to_owned(),
        None => format!(
            "{slug}.beheerder-{}",
            chrono::Utc::now().format("%Y%m%d-%H%M%S")
        ),
    };
    geldige_naam(&naam)?;
    let activatiecode = secrets::new_activatiecode().map_err(|e| anyhow::anyhow!("{e}"))?;
    let hash = secrets::hash_password(&activatiecode).map_err(|e| anyhow::anyhow!("{e}"))?;
    let geldig_tot = chrono::Utc::now() + chrono::Duration::hours(secrets::ACTIVATIECODE_UREN);
    let bestaand = tx
        .query_one_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "SELECT id, gemeente_id, rollen FROM gebruiker WHERE gebruikersnaam = $1 FOR UPDATE",
            [naam.clone().into()],
        ))
        .await?;
    let gemeente = Doel {
        id: gemeente_id,
        code: &code,
        naam: &naam,
    };
    let (id, nieuw, wijzigingen) = match bestaand {
        Some(rij) => opnieuw_activeren(&tx, &gemeente, &rij, hash, geldig_tot).await?,
        None => aanmaken(&tx, &gemeente, hash, geldig_tot).await?,
    };
    super::systeemregel(
        &tx,
        sleutels,
        Regel {
            gemeente_id: Some(gemeente_id),
            resource: "gebruiker",
            resource_id: id.to_string(),
            actie: if nieuw {
                Actie::Aangemaakt
            } else {
                Actie::Gewijzigd
            },
            wijzigingen,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(Herstel {
        id,
        gebruikersnaam: naam,
        activatiecode,
        geldig_tot,
        nieuw,
    })
}
