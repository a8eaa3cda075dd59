//! Een nieuwe sleutelpersoon: de regels die het schema niet kent, en het record met
//! haar persoonsgegevens.

use entity::soorten::SleutelpersoonStatus as Status;
use entity::{sleutelpersoon, sleutelpersoon_gegevens as gegevens};
use sea_orm::{ActiveModelTrait, ActiveValue::Set};
use uuid::Uuid;

use crate::auth::Actor;
use crate::domein::grondslag::Grondslag;
use crate::domein::sleutelpersoon as levensloop;
use crate::domein::tijd::vandaag;
use crate::http::invoer::{Fouten, Invoer};
use crate::http::problem::{ApiResult, Foutcode};
use crate::modules::{gebruikers, gemeenten};
use crate::tenancy::Context;

use super::invoer::*;
use super::regels::*;

/// Toetst een nieuwe persoon met alle regels die het schema niet kent (elke fout in
/// de invoer); geeft haar begintoestand.
pub(super) async fn controleer_nieuw(
    ctx: &Context,
    gemeente_id: Uuid,
    invoer: &mut Invoer<NieuweSleutelpersoon>,
) -> ApiResult<Status> {
    verwijzingen(ctx, invoer, &["gebiedId"], &["voorgedragenDoor", "buddyId"]).await?;
    let Some(nieuw) = invoer.deel() else {
        return Ok(Status::Kandidaat);
    };
    let mut fouten = Fouten::new();
    gebruikers::actieve_gebruikers_met_rol(
        ctx,
        gemeente_id,
        &nieuw.zichtbaar_voor,
        &BENOEMBAAR,
        "zichtbaarVoor",
        &mut fouten,
    )
    .await?;
    zelf_genoemd(ctx, &nieuw, &mut fouten);
    let status = nieuw.status.unwrap_or(Status::Kandidaat);
    let grondslag = gemeenten::grondslag(ctx, gemeente_id).await?;
    grondslag_regels(&nieuw, grondslag, &mut fouten);
    delen_met_organisaties(ctx, &nieuw, &mut fouten).await?;
    toets_begin(&nieuw, status, grondslag, &mut fouten);
    invoer.fouten().voeg_toe(fouten);
    Ok(status)
}

/// Wie een persoon met verhoogd risico vastlegt, moet haar daarna zelf nog zien; een
/// koppeling legt haar niet vast. (Alleen als de lijst verder klopt: één fout per veld.)
fn zelf_genoemd(ctx: &Context, nieuw: &NieuweSleutelpersoon, fouten: &mut Fouten) {
    let zichtbaar = &nieuw.zichtbaar_voor;
    if !nieuw.verhoogd_risico || zichtbaar.is_empty() || fouten.raakt("zichtbaarVoor") {
        return;
    }
    match ctx.caller.actor {
        Actor::Gebruiker(id) => fouten.check(
            zichtbaar.contains(&id),
            "zichtbaarVoor",
            Foutcode::Ongeldig,
            "Noem ook uzelf: wie een persoon met verhoogd risico vastlegt, hoort bij de \
             genoemde ambtenaren (u kunt haar later overdragen).",
        ),
        _ => fouten.reject(
            "verhoogdRisico",
            Foutcode::NietToegestaan,
            "Een koppeling legt geen persoon met verhoogd risico vast; dat doet een van de \
             genoemde ambtenaren.",
        ),
    }
}

/// De begintoestand en wat ze vraagt: toestemming of (onder `publieke_taak`) een
/// afspraak voor `actief`, en de regels over de toestand ([`regels`]).
fn toets_begin(
    nieuw: &NieuweSleutelpersoon,
    status: Status,
    grondslag: Grondslag,
    fouten: &mut Fouten,
) {
    let toestemming = nieuw.toestemming.as_ref();
    let afspraak = nieuw.afspraak.as_ref();
    fouten.check(
        matches!(
            status,
            Status::Kandidaat | Status::Kennismaking | Status::Actief
        ),
        "status",
        Foutcode::Ongeldig,
        "Een nieuwe sleutelpersoon is kandidaat, in kennismaking of (met toestemming) actief.",
    );
    if levensloop::vraagt_toestemming(status) && !actief_mogelijk(toestemming, afspraak, grondslag)
    {
        fouten.reject(
            "toestemming",
            Foutcode::Verplicht,
            match grondslag {
                Grondslag::Toestemming => "Een actieve sleutelpersoon heeft vastgelegde toestemming nodig (datum, doel, bewaartermijn).",
                Grondslag::PubliekeTaak => "Een actieve sleutelpersoon heeft onder de grondslag publieke_taak een vastgelegde afspraak over gebruik en delen nodig (afspraak: datum, bewaartermijnTot, delenMet), of toestemming.",
            },
        );
    }
    let staat = Staat {
        toestemming,
        afspraak,
        bijzonder: bijzonder(
            nieuw.diversiteit.as_ref(),
            nieuw.levensbeschouwing.is_some(),
        ),
        verhoogd_risico: nieuw.verhoogd_risico,
        zichtbaar_voor: &nieuw.zichtbaar_voor,
        wervingsmethode: nieuw.wervingsmethode,
        voorgedragen_door: nieuw.voorgedragen_door,
    };
    regels(&staat, fouten);
    fouten.check(
        nieuw.laatste_contact.is_none_or(|d| d <= vandaag()),
        "laatsteContact",
        Foutcode::Ongeldig,
        "Het laatste contact ligt niet in de toekomst.",
    );
}

/// Bewaart het record en daarna de persoonsgegevens (de toestemming voor bijzondere
/// gegevens staat in het record, en de database controleert die).
pub(super) async fn bewaar_nieuw(
    ctx: &Context,
    gemeente_id: Uuid,
    status: Status,
    n: NieuweSleutelpersoon,
) -> ApiResult<sleutelpersoon::Model> {
    let vandaag = vandaag();
    let id = Uuid::now_v7();
    let mut model = sleutelpersoon::ActiveModel {
        id: Set(id),
        gemeente_id: Set(gemeente_id),
        gebied_id: Set(n.gebied_id),
        typen: Set(n.typen.iter().map(|t| t.as_str().to_owned()).collect()),
        status: Set(status),
        status_sinds: Set(vandaag),
        wervingsmethode: Set(n.wervingsmethode),
        voorgedragen_door: Set(n.voorgedragen_door),
        uitstroomreden: Set(None),
        exitgesprek: Set(None),
        buddy_id: Set(n.buddy_id),
        tijdsinvestering: Set(n.tijdsinvestering),
        laatste_contact: Set(n.laatste_contact),
        verhoogd_risico: Set(n.verhoogd_risico),
        zichtbaar_voor: Set(n.zichtbaar_voor.clone()),
        geanonimiseerd_op: Set(None),
        ..Default::default()
    };
    vastlegging_kolommen(
        &mut model,
        n.toestemming.as_ref(),
        n.afspraak.as_ref(),
        levensloop::standaard_bewaartermijn(vandaag),
    );
    let model = model.insert(ctx.db()).await?;
    let d = n.diversiteit.clone().unwrap_or_default();
    gegevens::ActiveModel {
        sleutelpersoon_id: Set(id),
        gemeente_id: Set(gemeente_id),
        voornaam: Set(n.voornaam),
        achternaam: Set(n.achternaam),
        email: Set(n.email),
        telefoon: Set(n.telefoon),
        achterban: Set(n.achterban),
        notities: Set(n.notities),
        opvolgers: Set(None),
        leeftijdsgroep: Set(d.leeftijdsgroep),
        migratieachtergrond: Set(d.migratieachtergrond),
        hulpverlenend_beroep: Set(d.hulpverlenend_beroep),
        bekend_bij_gemeente: Set(d.bekend_bij_gemeente),
        opleidingsrichting: Set(d.opleidingsrichting),
        levensbeschouwing: Set(n.levensbeschouwing),
    }
    .insert(ctx.db())
    .await?;
    Ok(model)
}
