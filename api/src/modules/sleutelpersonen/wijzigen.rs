//! Een wijziging van een persoon: de toestand erna, wat mag, en wat er verandert (met
//! de regels voor de audit trail).

use chrono::Utc;
use entity::soorten::SleutelpersoonStatus as Status;
use entity::{sleutelpersoon, sleutelpersoon_gegevens as gegevens};
use sea_orm::ActiveValue::Set;

use crate::audit::Wijzigingen;
use crate::domein::grondslag::Grondslag;
use crate::domein::sleutelpersoon as levensloop;
use crate::domein::tijd::vandaag;
use crate::http::invoer::{Fouten, Invoer, Veld};
use crate::http::problem::{ApiError, ApiResult, Code, Foutcode, overgang};
use crate::modules::{gebruikers, gemeenten};
use crate::tenancy::Context;

use super::invoer::*;
use super::persoon::*;
use super::regels::*;
use super::weergave::{afspraak, toestemming};

/// De toestand na een wijziging, voor wat de wijziging als geheel toetst.
pub(super) struct Na {
    pub(super) toestemming: Option<Toestemming>,
    pub(super) afspraak: Option<Afspraak>,
    pub(super) grondslag: Grondslag,
    /// De nieuwe status, als die anders is dan de huidige.
    pub(super) nieuwe_status: Option<Status>,
}

/// Toetst de wijziging van `huidig` met alle regels die het schema niet kent (elke fout
/// in de invoer) en geeft de toestand erna.
pub(super) async fn controleer(
    ctx: &Context,
    huidig: &sleutelpersoon::Model,
    gezien: Option<&gegevens::Model>,
    invoer: &mut Invoer<SleutelpersoonWijziging>,
) -> ApiResult<Na> {
    verwijzingen(ctx, invoer, &["gebiedId"], &["voorgedragenDoor", "buddyId"]).await?;
    let wijziging = invoer.deel().unwrap_or_default();
    let mut fouten = Fouten::new();
    for (veld, id) in [
        ("voorgedragenDoor", &wijziging.voorgedragen_door),
        ("buddyId", &wijziging.buddy_id),
    ] {
        if *id == Veld::Waarde(huidig.id) {
            fouten.reject(
                veld,
                Foutcode::Ongeldig,
                "Een sleutelpersoon verwijst niet naar zichzelf.",
            );
        }
    }
    if let Some(lijst) = &wijziging.zichtbaar_voor {
        gebruikers::actieve_gebruikers_met_rol(
            ctx,
            huidig.gemeente_id,
            lijst,
            &BENOEMBAAR,
            "zichtbaarVoor",
            &mut fouten,
        )
        .await?;
    }
    let grondslag = gemeenten::grondslag(ctx, huidig.gemeente_id).await?;
    grondslag_regels(&wijziging, grondslag, &mut fouten);
    delen_met_organisaties(ctx, &wijziging, &mut fouten).await?;
    // Na de wijziging: wat de invoer vastlegt vervangt wat er was (toestemming of
    // afspraak, nooit beide); zonder staat er wat er stond.
    let (toestemming_na, afspraak_na) = match (&wijziging.toestemming, &wijziging.afspraak) {
        (Some(t), _) => (Some(t.clone()), None),
        (None, Some(a)) => (None, Some(a.clone())),
        (None, None) => (toestemming(huidig), afspraak(huidig)),
    };
    let na = Na {
        toestemming: toestemming_na,
        afspraak: afspraak_na,
        grondslag,
        nieuwe_status: wijziging.status.filter(|s| *s != huidig.status),
    };
    toets_staat(huidig, gezien, &wijziging, &na, &mut fouten);
    toets_uitstroom(huidig, &wijziging, &na, &mut fouten);
    invoer.fouten().voeg_toe(fouten);
    Ok(na)
}

/// De regels over de toestand erna ([`regels`]): toestemming of afspraak, bijzondere
/// gegevens, verhoogd risico, de wervingsmethode.
fn toets_staat(
    huidig: &sleutelpersoon::Model,
    gezien: Option<&gegevens::Model>,
    wijziging: &SleutelpersoonWijziging,
    na: &Na,
    fouten: &mut Fouten,
) {
    let zichtbaar = wijziging
        .zichtbaar_voor
        .as_ref()
        .unwrap_or(&huidig.zichtbaar_voor);
    let diversiteit = wijziging.diversiteit.clone().or_else(|| {
        gezien.map(|g| Diversiteit {
            migratieachtergrond: g.migratieachtergrond,
            ..Default::default()
        })
    });
    let levensbeschouwing = wijziging
        .levensbeschouwing
        .clone()
        .na(gezien.and_then(|g| g.levensbeschouwing.clone()))
        .is_some();
    let staat = Staat {
        toestemming: na.toestemming.as_ref(),
        afspraak: na.afspraak.as_ref(),
        bijzonder: bijzonder(diversiteit.as_ref(), levensbeschouwing),
        verhoogd_risico: wijziging.verhoogd_risico.unwrap_or(huidig.verhoogd_risico),
        zichtbaar_voor: zichtbaar,
        wervingsmethode: wijziging.wervingsmethode.clone().na(huidig.wervingsmethode),
        voorgedragen_door: wijziging
            .voorgedragen_door
            .clone()
            .na(huidig.voorgedragen_door),
    };
    regels(&staat, fouten);
}

/// Het laatste contact niet in de toekomst; uitstroomreden, exitgesprek en opvolgers
/// alleen bij (de overgang naar) uitgestroomd, en die overgang met een reden.
fn toets_uitstroom(
    huidig: &sleutelpersoon::Model,
    wijziging: &SleutelpersoonWijziging,
    na: &Na,
    fouten: &mut Fouten,
) {
    if let Veld::Waarde(d) = wijziging.laatste_contact {
        fouten.check(
            d <= vandaag(),
            "laatsteContact",
            Foutcode::Ongeldig,
            "Het laatste contact ligt niet in de toekomst.",
        );
    }
    let uitstroom = na.nieuwe_status.unwrap_or(huidig.status) == Status::Uitgestroomd;
    if na.nieuwe_status == Some(Status::Uitgestroomd) && wijziging.uitstroomreden.is_none() {
        fouten.reject(
            "uitstroomreden",
            Foutcode::Verplicht,
            "Wie uitstroomt, heeft een reden van uitstroom.",
        );
    }
    for (veld, gezet) in [
        ("uitstroomreden", wijziging.uitstroomreden.is_some()),
        ("exitgesprek", wijziging.exitgesprek.is_some()),
        ("opvolgers", wijziging.opvolgers.is_waarde()),
    ] {
        if gezet && !uitstroom {
            fouten.reject(
                veld,
                Foutcode::Ongeldig,
                "Alleen bij (de overgang naar) uitgestroomd.",
            );
        }
    }
}

/// Wat de toestand van de persoon toelaat: niet geanonimiseerd, een bestaande
/// statusovergang, en actief alleen met toestemming of (onder `publieke_taak`) een
/// afspraak.
pub(super) fn voorwaarden(huidig: &sleutelpersoon::Model, na: &Na) -> ApiResult<()> {
    niet_geanonimiseerd(huidig)?;
    overgang(
        huidig.status,
        na.nieuwe_status,
        levensloop::overgang_toegestaan,
        "een sleutelpersoon",
    )?;
    let status = na.nieuwe_status.unwrap_or(huidig.status);
    if levensloop::vraagt_toestemming(status)
        && !actief_mogelijk(na.toestemming.as_ref(), na.afspraak.as_ref(), na.grondslag)
    {
        return Err(ApiError::Conflict(
            Code::ToestemmingOntbreekt,
            match na.grondslag {
                Grondslag::Toestemming => "Een actieve sleutelpersoon heeft vastgelegde toestemming nodig; leg die eerst vast met `toestemming`.",
                Grondslag::PubliekeTaak => "Een actieve sleutelpersoon heeft een vastgelegde afspraak over gebruik en delen nodig; leg die eerst vast met `afspraak` (of `toestemming`).",
            }
            .into(),
        ));
    }
    Ok(())
}

/// Raakt de wijziging persoonsgegevens (ook verhoogd risico en wie de persoon ziet)?
pub(super) fn persoonlijk_gewijzigd(i: &SleutelpersoonWijziging) -> bool {
    PERSOONLIJK
        .iter()
        .any(|v| !matches!(*v, "zichtbaarVoor") && raakt(i, v))
        || i.verhoogd_risico.is_some()
        || i.zichtbaar_voor.is_some()
}

/// Het record na de wijziging, de wijziging van de persoonsgegevens (als die er is en
/// de aanroeper ze ziet) en de regels voor de audit trail.
pub(super) fn toepassen(
    huidig: &sleutelpersoon::Model,
    gezien: Option<&gegevens::Model>,
    i: &SleutelpersoonWijziging,
    na: &Na,
) -> (
    sleutelpersoon::ActiveModel,
    Option<gegevens::ActiveModel>,
    Wijzigingen,
) {
    let mut model: sleutelpersoon::ActiveModel = huidig.clone().into();
    let mut w = Wijzigingen::new();
    let gegevens_wijziging = gezien.and_then(|g| persoonsgegevens(g, i, &mut w));
    record_velden(&mut model, &mut w, i);
    status_velden(&mut model, &mut w, i, na);
    vastlegging(&mut model, &mut w, huidig, i, na);
    if gegevens_wijziging.is_some() || !w.is_empty() {
        model.updated_at = Set(Utc::now());
    }
    (model, gegevens_wijziging, w)
}

/// De velden van het record zelf.
fn record_velden(
    model: &mut sleutelpersoon::ActiveModel,
    w: &mut Wijzigingen,
    i: &SleutelpersoonWijziging,
) {
    w.zet(
        "gebiedId",
        &mut model.gebied_id,
        i.gebied_id.clone().wijziging(),
    );
    w.zet(
        "typen",
        &mut model.typen,
        i.typen
            .as_ref()
            .map(|t| t.iter().map(|t| t.as_str().to_owned()).collect()),
    );
    w.zet(
        "wervingsmethode",
        &mut model.wervingsmethode,
        i.wervingsmethode.clone().wijziging(),
    );
    w.zet(
        "voorgedragenDoor",
        &mut model.voorgedragen_door,
        i.voorgedragen_door.clone().wijziging(),
    );
    w.zet(
        "buddyId",
        &mut model.buddy_id,
        i.buddy_id.clone().wijziging(),
    );
    w.zet(
        "tijdsinvestering",
        &mut model.tijdsinvestering,
        i.tijdsinvestering.clone().wijziging(),
    );
    w.zet(
        "laatsteContact",
        &mut model.laatste_contact,
        i.laatste_contact.clone().wijziging(),
    );
    w.zet(
        "verhoogdRisico",
        &mut model.verhoogd_risico,
        i.verhoogd_risico,
    );
    if let Some(lijst) = &i.zichtbaar_voor {
        model.zichtbaar_voor = Set(lijst.clone());
        *w = std::mem::take(w).alleen_naam("zichtbaarVoor");
    }
}

/// De status, sinds wanneer, en de uitstroom.
fn status_velden(
    model: &mut sleutelpersoon::ActiveModel,
    w: &mut Wijzigingen,
    i: &SleutelpersoonWijziging,
    na: &Na,
) {
    if let Some(naar) = na.nieuwe_status {
        w.zet("status", &mut model.status, Some(naar));
        w.zet("statusSinds", &mut model.status_sinds, Some(vandaag()));
        if naar != Status::Uitgestroomd {
            w.zet("uitstroomreden", &mut model.uitstroomreden, Some(None));
            w.zet("exitgesprek", &mut model.exitgesprek, Some(None));
        }
    }
    w.zet(
        "uitstroomreden",
        &mut model.uitstroomreden,
        i.uitstroomreden.map(Some),
    );
    w.zet(
        "exitgesprek",
        &mut model.exitgesprek,
        i.exitgesprek.map(Some),
    );
}

/// Toestemming of afspraak, als de invoer er een vastlegt die anders is dan wat er
/// stond. Alleen de naam in de audit trail: het doel is vrije tekst, en of er
/// toestemming voor bijzondere gegevens is, zegt iets over die gegevens (issue 30).
fn vastlegging(
    model: &mut sleutelpersoon::ActiveModel,
    w: &mut Wijzigingen,
    huidig: &sleutelpersoon::Model,
    i: &SleutelpersoonWijziging,
    na: &Na,
) {
    let anders = na.toestemming != toestemming(huidig) || na.afspraak != afspraak(huidig);
    if (i.toestemming.is_none() && i.afspraak.is_none()) || !anders {
        return;
    }
    vastlegging_kolommen(
        model,
        na.toestemming.as_ref(),
        na.afspraak.as_ref(),
        huidig.bewaartermijn_tot,
    );
    *w = std::mem::take(w)
        .alleen_naam_als(
            na.toestemming.is_some() || huidig.toestemming_datum.is_some(),
            "toestemming",
        )
        .alleen_naam_als(
            na.afspraak.is_some() || huidig.afspraak_datum.is_some(),
            "afspraak",
        );
}

/// Staat een persoonlijk veld in de wijziging?
pub(super) fn raakt(i: &SleutelpersoonWijziging, veld: &str) -> bool {
    match veld {
        "voornaam" => i.voornaam.is_some(),
        "achternaam" => !i.achternaam.is_afwezig(),
        "email" => !i.email.is_afwezig(),
        "telefoon" => !i.telefoon.is_afwezig(),
        "achterban" => !i.achterban.is_afwezig(),
        "notities" => !i.notities.is_afwezig(),
        "opvolgers" => !i.opvolgers.is_afwezig(),
        "diversiteit" => i.diversiteit.is_some(),
        "levensbeschouwing" => !i.levensbeschouwing.is_afwezig(),
        _ => false,
    }
}

/// De wijziging van de persoonsgegevens (alleen bij naam in de audit trail), of
/// `None` als er geen is.
pub(super) fn persoonsgegevens(
    g: &gegevens::Model,
    i: &SleutelpersoonWijziging,
    w: &mut Wijzigingen,
) -> Option<gegevens::ActiveModel> {
    let mut am: gegevens::ActiveModel = g.clone().into();
    let mut gewijzigd = false;
    let mut zet =
        |veld: &str, doel: &mut sea_orm::ActiveValue<Option<String>>, nieuw: Veld<String>| {
            if let Some(n) = nieuw.wijziging() {
                *doel = Set(n);
                *w = std::mem::take(w).alleen_naam(veld);
                gewijzigd = true;
            }
        };
    zet("achternaam", &mut am.achternaam, i.achternaam.clone());
    zet("email", &mut am.email, i.email.clone());
    zet("telefoon", &mut am.telefoon, i.telefoon.clone());
    zet("achterban", &mut am.achterban, i.achterban.clone());
    zet("notities", &mut am.notities, i.notities.clone());
    zet("opvolgers", &mut am.opvolgers, i.opvolgers.clone());
    zet(
        "levensbeschouwing",
        &mut am.levensbeschouwing,
        i.levensbeschouwing.clone(),
    );
    if let Some(v) = &i.voornaam {
        am.voornaam = Set(v.clone());
        *w = std::mem::take(w).alleen_naam("voornaam");
        gewijzigd = true;
    }
    if let Some(d) = &i.diversiteit {
        am.leeftijdsgroep = Set(d.leeftijdsgroep);
        am.migratieachtergrond = Set(d.migratieachtergrond);
        am.hulpverlenend_beroep = Set(d.hulpverlenend_beroep);
        am.bekend_bij_gemeente = Set(d.bekend_bij_gemeente);
        am.opleidingsrichting = Set(d.opleidingsrichting);
        *w = std::mem::take(w).alleen_naam("diversiteit");
        gewijzigd = true;
    }
    gewijzigd.then_some(am)
}
