//! De regels over accounts die het schema niet kent: rollen die bij de gemeente passen,
//! wie een account mag maken of wijzigen, de laatste die persoonsgegevens ziet.

use super::invoer::*;
use crate::auth::secrets::{self};
use crate::auth::{Actor, Recht, Rol};
use crate::http::invoer::{Fouten, Invoer};
use crate::http::problem::Foutcode;
use crate::http::problem::{ApiError, ApiResult, Code};
use crate::tenancy::Context;
use entity::gebruiker;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, PaginatorTrait, QueryFilter, Statement,
};
use std::collections::HashMap;
use uuid::Uuid;
/// Rollen en gemeente moeten bij elkaar passen: regionale rollen zonder gemeente. En
/// vier ogen per persoon: wie het geld beheert en op aanvragen besluit
/// (`budgethouder`), beheert niet ook de accounts en koppelingen die aanvragen
/// indienen (`gemeente_beheerder`).
pub(super) fn check_rollen_en_gemeente(body: &mut Fouten, rollen: &[Rol], heeft_gemeente: bool) {
    let regionaal = rollen.iter().filter(|r| r.is_regionaal()).count();
    if rollen.contains(&Rol::Budgethouder) && rollen.contains(&Rol::GemeenteBeheerder) {
        body.reject(
            "rollen",
            Foutcode::Ongeldig,
            "budgethouder en gemeente_beheerder gaan niet samen in één account: wie accounts en \
             koppelingen beheert, besluit niet over het geld (vier ogen).",
        );
    } else if regionaal > 0 && regionaal < rollen.len() {
        body.reject(
            "rollen",
            Foutcode::Ongeldig,
            "Regionale en gemeentelijke rollen gaan niet samen in één account.",
        );
    } else if regionaal > 0 && heeft_gemeente {
        body.reject(
            "rollen",
            Foutcode::Ongeldig,
            "Regionale rollen horen bij geen gemeente; een gemeentelijke gebruiker krijgt ze niet.",
        );
    } else if regionaal == 0 && !rollen.is_empty() && !heeft_gemeente {
        body.reject(
            "gemeente",
            Foutcode::Verplicht,
            "Een gebruiker met gemeentelijke rollen hoort bij een gemeente.",
        );
    }
}

pub(super) fn forbid_regional_roles(ctx: &Context, rollen: &[Rol]) -> ApiResult<()> {
    if rollen.iter().any(|r| r.is_regionaal()) {
        ctx.require(Recht::RegionaleRollenToekennen)?;
    }
    Ok(())
}

/// De regels voor een nieuwe gebruiker die het schema niet kan uitdrukken: een
/// manier om in te loggen, een gemeente die bestaat en past bij de rollen, en wie
/// het account mag maken. Geeft de gemeente van de nieuwe gebruiker, en of het het
/// eerste account van een gemeente is dat de regio maakt (met een activeringscode).
pub(super) async fn check_nieuw(
    ctx: &Context,
    invoer: &mut Invoer<NieuweGebruiker>,
    codes: &HashMap<Uuid, String>,
) -> ApiResult<(Option<Uuid>, bool)> {
    let nieuw = invoer.deel();
    let gemeente = nieuw.as_ref().and_then(|n| n.gemeente.clone());
    // Genoemd, ook als de code niet deugt (die fout staat al op `gemeente`).
    let gemeente_genoemd = gemeente.is_some() || invoer.fouten().raakt("gemeente");
    let gemeente_id = ctx.target_gemeente(
        gemeente.as_ref(),
        codes,
        false,
        "gebruikers",
        invoer.fouten(),
    );
    let Some(nieuw) = nieuw else {
        return Ok((gemeente_id, false));
    };
    let mut fouten = Fouten::new();
    // Rollen die het schema afkeurde (bv. dubbel), toetst hier niets meer.
    let rollen_goed = !invoer.fouten().raakt("rollen");
    if rollen_goed {
        forbid_regional_roles(ctx, &nieuw.rollen)?;
        let heeft_gemeente = gemeente_id.is_some() || gemeente_genoemd;
        check_rollen_en_gemeente(&mut fouten, &nieuw.rollen, heeft_gemeente);
    }
    // Een gemeentelijk account (regionale rollen met een gemeente zijn al 400).
    let eerste = match gemeente_id {
        Some(gemeente_id) if rollen_goed && !nieuw.rollen.iter().any(|r| r.is_regionaal()) => {
            check_toegang_nieuw(ctx, &nieuw.rollen, gemeente_id).await?
        }
        _ => false,
    };
    if eerste {
        for (veld, gezet) in [
            ("wachtwoord", nieuw.wachtwoord.is_some()),
            ("externId", nieuw.extern_id.is_some()),
        ] {
            fouten.check(
                !gezet,
                veld,
                Foutcode::NietToegestaan,
                "De regio geeft het eerste account van een gemeente geen wachtwoord of externId: \
                 het krijgt een activeringscode, waarmee de houder zelf een wachtwoord kiest.",
            );
        }
        invoer.fouten().voeg_toe(fouten);
        return Ok((gemeente_id, true));
    }
    fouten.check(
        nieuw.wachtwoord.is_some() || nieuw.extern_id.is_some(),
        "wachtwoord",
        Foutcode::Verplicht,
        "Geef een wachtwoord of een externId, anders kan de gebruiker niet inloggen.",
    );
    secrets::check_nieuw_wachtwoord(
        &mut fouten,
        "wachtwoord",
        nieuw.wachtwoord.as_deref(),
        &nieuw.gebruikersnaam,
    );
    invoer.fouten().voeg_toe(fouten);
    Ok((gemeente_id, false))
}

/// Een account van een gemeente maakt alleen haar `gemeente_beheerder`. De ene
/// uitzondering: een `regio_beheerder` maakt de eerste actieve `gemeente_beheerder`
/// (met alleen die rol) van een gemeente die er geen heeft; dan `true`.
pub(super) async fn check_toegang_nieuw(
    ctx: &Context,
    rollen: &[Rol],
    gemeente_id: Uuid,
) -> ApiResult<bool> {
    if ctx.caller.has(Recht::GemeenteToegangBeheren) {
        return Ok(false);
    }
    let eerste = rollen == [Rol::GemeenteBeheerder]
        && ctx.caller.has(Recht::EersteGemeenteBeheerderAanmaken);
    if !eerste {
        ctx.beheert_account(Some(gemeente_id))?;
        return Ok(false);
    }
    // Eén aanmaker tegelijk per gemeente, zodat er nooit twee "eerste" komen.
    ctx.een_tegelijk(&format!("eerste_beheerder:{gemeente_id}"))
        .await?;
    let actieve = gebruiker::Entity::find()
        .filter(gebruiker::Column::GemeenteId.eq(gemeente_id))
        .filter(gebruiker::Column::Actief.eq(true))
        .filter(Expr::cust("'gemeente_beheerder' = ANY(rollen)"))
        .count(ctx.db())
        .await?;
    if actieve > 0 {
        return Err(ApiError::Forbidden(
            Code::GemeenteHeeftBeheerder,
            "Deze gemeente heeft al een actieve gemeente_beheerder; die beheert haar accounts \
             en koppelingen."
                .into(),
        ));
    }
    Ok(true)
}

/// De regels over een wijziging die het schema niet kent: geen regionale rol van een
/// gemeente, rollen die bij de gemeente passen, een sterk wachtwoord.
pub(super) fn toets_wijziging(
    ctx: &Context,
    huidig: &gebruiker::Model,
    invoer: &mut Invoer<GebruikerWijziging>,
) -> ApiResult<()> {
    let wijziging = invoer.deel().unwrap_or_default();
    let mut fouten = Fouten::new();
    if let Some(rollen) = &wijziging.rollen {
        forbid_regional_roles(ctx, rollen)?;
        check_rollen_en_gemeente(&mut fouten, rollen, huidig.gemeente_id.is_some());
    }
    secrets::check_nieuw_wachtwoord(
        &mut fouten,
        "wachtwoord",
        wijziging.wachtwoord.as_deref(),
        &huidig.gebruikersnaam,
    );
    invoer.fouten().voeg_toe(fouten);
    Ok(())
}

/// Een persoon met verhoogd risico houdt altijd een genoemde ambtenaar: wie de laatste
/// actieve is die haar ziet, wordt niet gedeactiveerd of zijn toegang tot
/// persoonsgegevens kwijt (409 `laatste_benoemde`) tot een ander genoemd is.
pub(super) async fn check_laatste_benoemde(ctx: &Context, gebruiker: Uuid) -> ApiResult<()> {
    let rij = ctx
        .db()
        .query_one_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "SELECT count(*) FROM sleutelpersoon s \
             WHERE s.verhoogd_risico AND $1 = ANY (s.zichtbaar_voor) \
               AND NOT EXISTS (SELECT 1 FROM gebruiker g \
                               WHERE g.id = ANY (s.zichtbaar_voor) AND g.id <> $1 AND g.actief \
                                 AND g.rollen && ARRAY['coordinator', 'gemeente_beheerder'])",
            [gebruiker.into()],
        ))
        .await?;
    let aantal = match rij {
        Some(rij) => rij.try_get_by_index::<i64>(0)?,
        None => 0,
    };
    if aantal > 0 {
        return Err(ApiError::Conflict(
            Code::LaatsteBenoemde,
            format!(
                "Deze gebruiker is de laatste genoemde ambtenaar van {aantal} sleutelperso{} met \
                 verhoogd risico; noem eerst een ander in hun zichtbaarVoor.",
                if aantal == 1 { "on" } else { "nen" }
            ),
        ));
    }
    Ok(())
}

/// Niemand deactiveert zichzelf of wijzigt zijn eigen rollen (409).
pub(super) fn check_eigen_account(
    ctx: &Context,
    huidig: &gebruiker::Model,
    actief: Option<bool>,
    rollen: Option<&[Rol]>,
) -> ApiResult<()> {
    if ctx.caller.actor != Actor::Gebruiker(huidig.id) {
        return Ok(());
    }
    if actief == Some(false) {
        return Err(ApiError::Conflict(
            Code::EigenAccount,
            "U kunt uw eigen account niet deactiveren.".into(),
        ));
    }
    let huidige: Vec<Rol> = huidig.rollen.iter().filter_map(|r| Rol::parse(r)).collect();
    if rollen
        .is_some_and(|r| r.len() != huidige.len() || r.iter().any(|rol| !huidige.contains(rol)))
    {
        return Err(ApiError::Conflict(
            Code::EigenAccount,
            "U kunt uw eigen rollen niet wijzigen; laat een andere beheerder dat doen.".into(),
        ));
    }
    Ok(())
}
