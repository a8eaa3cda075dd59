//! Mislukte inlogpogingen: na te veel binnen het venster is een account of client even
//! dicht, zonder te verraden of de naam bestaat.

use crate::auth::Inlogpool;
use crate::auth::secrets::Hash;
use crate::http::problem::{ApiError, ApiResult};
use sea_orm::{ConnectionTrait, DatabaseTransaction, DbBackend, Statement};
use uuid::Uuid;

/// Zoveel mislukte pogingen per account binnen [`WINDOW_MINUTES`] minuten.
pub const MAX_FAILURES: i64 = 5;

pub const WINDOW_MINUTES: i64 = 15;

/// Eén inlogpoging op één account, in een eigen transactie van de inlogpool (rol
/// `weefsel_auth`: de lock-out en de hashes) die het account vergrendelt zolang de
/// poging loopt.
pub(super) struct Attempt {
    pub(super) tx: DatabaseTransaction,
    pub(super) account: String,
}

impl Attempt {
    /// Begint de poging; 429 als het account op slot zit.
    pub(super) async fn begin(inlog: &Inlogpool, account: &str) -> ApiResult<Attempt> {
        let tx = crate::db::begin(&inlog.0).await?;
        tx.execute_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "SELECT pg_advisory_xact_lock(hashtext($1))",
            [account.into()],
        ))
        .await?;
        let wait = tx
            .query_one_raw(Statement::from_sql_and_values(
                DbBackend::Postgres,
                "SELECT ceil(extract(epoch FROM (min(tijdstip) + make_interval(mins => $2::int)) - now()))::bigint \
                 FROM (SELECT tijdstip FROM mislukte_inlog \
                       WHERE account = $1 AND tijdstip > now() - make_interval(mins => $2::int) \
                       ORDER BY tijdstip DESC LIMIT $3) laatste \
                 HAVING count(*) >= $3",
                [
                    account.into(),
                    (WINDOW_MINUTES as i32).into(),
                    MAX_FAILURES.into(),
                ],
            ))
            .await?
            .and_then(|row| row.try_get_by_index::<Option<i64>>(0).ok().flatten());
        if let Some(seconds) = wait {
            let seconds = u64::try_from(seconds.max(1)).unwrap_or(1);
            return Err(ApiError::TooManyRequests {
                retry_after: seconds,
                detail: format!(
                    "Te veel mislukte pogingen op dit account; probeer het over {} minuut/minuten opnieuw.",
                    seconds.div_ceil(60)
                ),
            });
        }
        Ok(Attempt {
            tx,
            account: account.to_owned(),
        })
    }

    /// De hash van het account (alleen deze rol leest haar).
    pub(super) async fn hash(&self, soort: Hash, id: Uuid) -> ApiResult<Option<String>> {
        let sql = match soort {
            Hash::Wachtwoord => "SELECT wachtwoord_hash FROM gebruiker WHERE id = $1",
            Hash::Geheim => "SELECT nullif(geheim_hash, '') FROM koppeling WHERE id = $1",
        };
        let rij = self
            .tx
            .query_one_raw(Statement::from_sql_and_values(
                DbBackend::Postgres,
                sql,
                [id.into()],
            ))
            .await?;
        Ok(match rij {
            Some(rij) => rij.try_get_by_index::<Option<String>>(0)?,
            None => None,
        })
    }

    pub(super) async fn fail(self) -> ApiResult<()> {
        self.tx
            .execute_raw(Statement::from_sql_and_values(
                DbBackend::Postgres,
                "INSERT INTO mislukte_inlog (account) VALUES ($1)",
                [self.account.into()],
            ))
            .await?;
        // Opruimen wat buiten elk venster valt.
        self.tx
            .execute_raw(Statement::from_sql_and_values(
                DbBackend::Postgres,
                "DELETE FROM mislukte_inlog WHERE tijdstip < now() - make_interval(mins => $1::int)",
                [(WINDOW_MINUTES as i32).into()],
            ))
            .await?;
        self.tx.commit().await?;
        Ok(())
    }

    pub(super) async fn succeed(self) -> ApiResult<()> {
        self.tx
            .execute_raw(Statement::from_sql_and_values(
                DbBackend::Postgres,
                "DELETE FROM mislukte_inlog WHERE account = $1",
                [self.account.into()],
            ))
            .await?;
        self.tx.commit().await?;
        Ok(())
    }
}
