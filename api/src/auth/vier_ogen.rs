//! Vier ogen bij geld, per persoon en niet per account (DOMAIN.md, "Initiatives and
//! budgets"; issue 29): wie een aanvraag indiende, besluit er niet op en corrigeert
//! haar toekenning niet. "Wie" reikt verder dan het account:
//!
//! - achter een indienende koppeling staan de mensen die haar maakten, haar scopes
//!   wijzigden of haar secret vernieuwden (`koppeling.beheerd_door`);
//! - achter een besluitend account staan ook wie het maakte en wie het laatst een
//!   wachtwoord gaf (`gebruiker.aangemaakt_door`, `wachtwoord_gezet_door`; een eigen
//!   keuze daarna wist dat niet): die kende het wachtwoord, of kon het zelf kiezen.
//!
//! Raken die twee groepen elkaar, dan is het 403 `eigen_aanvraag`. En een account dat
//! `budgethouder` en `gemeente_beheerder` combineert, besluit nooit (403
//! `rollen_onverenigbaar`): zo'n account kan zichzelf een koppeling of een tweede
//! account geven.

use sea_orm::{ConnectionTrait, DbBackend, Statement};
use uuid::Uuid;

use super::{Caller, Rol};
use crate::http::problem::{ApiError, ApiResult, Code};

/// Mag `caller` besluiten (of corrigeren) op een aanvraag die `indiener` indiende?
pub async fn check(
    db: &impl ConnectionTrait,
    caller: &Caller,
    indiener: Option<Uuid>,
) -> ApiResult<()> {
    if caller.has_rol(Rol::Budgethouder) && caller.has_rol(Rol::GemeenteBeheerder) {
        return Err(ApiError::Forbidden(
            Code::RollenOnverenigbaar,
            "Dit account is budgethouder en gemeente_beheerder tegelijk; het besluit niet over geld \
             tot de gemeente die rollen over twee accounts verdeelt."
                .into(),
        ));
    }
    let (Some(besluiter), Some(indiener)) = (caller.actor.id(), indiener) else {
        return Ok(());
    };
    let rij = db
        .query_one_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "WITH indieners AS ( \
                 SELECT $2::uuid AS id \
                 UNION SELECT unnest(beheerd_door) FROM koppeling WHERE id = $2), \
             besluiters AS ( \
                 SELECT $1::uuid AS id \
                 UNION SELECT aangemaakt_door FROM gebruiker WHERE id = $1 \
                 UNION SELECT wachtwoord_gezet_door FROM gebruiker WHERE id = $1) \
             SELECT EXISTS (SELECT 1 FROM indieners i JOIN besluiters b ON b.id = i.id)",
            [besluiter.into(), indiener.into()],
        ))
        .await?;
    let zelfde = match rij {
        Some(rij) => rij.try_get_by_index::<bool>(0)?,
        None => false,
    };
    if zelfde {
        return Err(ApiError::Forbidden(
            Code::EigenAanvraag,
            "Deze aanvraag kwam van u: u diende haar in, beheert de koppeling die haar indiende, \
             of uw account is gemaakt of kreeg een wachtwoord van wie haar indiende. Een andere \
             budgethouder besluit erop."
                .into(),
        ));
    }
    Ok(())
}
