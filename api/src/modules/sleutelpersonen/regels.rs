//! De regels over de invoer die het schema niet kent: toestemming of (onder
//! `publieke_taak`) een afspraak, bijzondere gegevens, verhoogd risico, verwijzingen en
//! met wie gegevens gedeeld worden.

use crate::http::problem::Foutcode;

use entity::{gebied, sleutelpersoon};
use sea_orm::ActiveValue::Set;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::auth::Rol;
use crate::domein::grondslag::Grondslag;
use crate::http::invoer::{Fouten, Invoer};
use crate::http::problem::ApiResult;
use crate::tenancy::Context;
use entity::soorten::Wervingsmethode;

use super::invoer::*;

/// De toestand na een wijziging, voor de regels die over meer velden gaan.
pub(super) struct Staat<'a> {
    pub(super) toestemming: Option<&'a Toestemming>,
    pub(super) afspraak: Option<&'a Afspraak>,
    pub(super) bijzonder: Vec<&'static str>,
    pub(super) verhoogd_risico: bool,
    pub(super) zichtbaar_voor: &'a [Uuid],
    pub(super) wervingsmethode: Option<Wervingsmethode>,
    pub(super) voorgedragen_door: Option<Uuid>,
}

/// De regels die het schema niet kent: toestemming voor actief en bijzondere
/// gegevens, een geldige bewaartermijn, verhoogd risico met ambtenaren.
pub(super) fn regels(staat: &Staat, fouten: &mut Fouten) {
    let vandaag = crate::domein::tijd::vandaag();
    if let Some(t) = staat.toestemming {
        fouten.check(
            t.datum <= vandaag,
            "toestemming.datum",
            Foutcode::Ongeldig,
            "De toestemming ligt niet in de toekomst.",
        );
        fouten.check(
            t.bewaartermijn_tot > t.datum,
            "toestemming.bewaartermijnTot",
            Foutcode::Ongeldig,
            "De bewaartermijn eindigt na de datum van de toestemming.",
        );
    }
    if let Some(a) = staat.afspraak {
        fouten.check(
            a.datum <= vandaag,
            "afspraak.datum",
            Foutcode::Ongeldig,
            "De afspraak ligt niet in de toekomst.",
        );
        fouten.check(
            a.bewaartermijn_tot > a.datum,
            "afspraak.bewaartermijnTot",
            Foutcode::Ongeldig,
            "De bewaartermijn eindigt na de datum van de afspraak.",
        );
    }
    // Welke grondslag ook: bijzondere gegevens vragen uitdrukkelijke toestemming.
    let bijzonder_toegestaan = staat.toestemming.is_some_and(|t| t.bijzondere_gegevens)
        || staat.afspraak.is_some_and(|a| a.bijzondere_gegevens);
    for veld in &staat.bijzonder {
        fouten.check(
            bijzonder_toegestaan,
            veld,
            Foutcode::ToestemmingOntbreekt,
            "Een bijzonder persoonsgegeven (AVG art. 9) vraagt, onder elke grondslag, de \
             uitdrukkelijke toestemming van de persoon daarvoor: toestemming.bijzondereGegevens \
             of afspraak.bijzondereGegevens.",
        );
    }
    fouten.check(
        !staat.verhoogd_risico || !staat.zichtbaar_voor.is_empty(),
        "zichtbaarVoor",
        Foutcode::Verplicht,
        "Noem bij verhoogd risico de ambtenaren die de persoon mogen zien.",
    );
    fouten.check(
        staat.voorgedragen_door.is_none()
            || staat.wervingsmethode == Some(Wervingsmethode::Sneeuwbal),
        "voorgedragenDoor",
        Foutcode::Ongeldig,
        "Alleen bij wervingsmethode sneeuwbal draagt een sleutelpersoon iemand voor.",
    );
}

pub(super) fn bijzonder(
    diversiteit: Option<&Diversiteit>,
    levensbeschouwing: bool,
) -> Vec<&'static str> {
    let mut velden = Vec::new();
    if diversiteit.is_some_and(|d| d.migratieachtergrond.is_some()) {
        velden.push("diversiteit.migratieachtergrond");
    }
    if levensbeschouwing {
        velden.push("levensbeschouwing");
    }
    velden
}

/// Wat de regels van de grondslag in een nieuwe persoon en in een wijziging lezen.
pub(super) trait Vastlegging {
    fn toestemming(&self) -> Option<&Toestemming>;
    fn afspraak(&self) -> Option<&Afspraak>;
}

impl Vastlegging for NieuweSleutelpersoon {
    fn toestemming(&self) -> Option<&Toestemming> {
        self.toestemming.as_ref()
    }
    fn afspraak(&self) -> Option<&Afspraak> {
        self.afspraak.as_ref()
    }
}

impl Vastlegging for SleutelpersoonWijziging {
    fn toestemming(&self) -> Option<&Toestemming> {
        self.toestemming.as_ref()
    }
    fn afspraak(&self) -> Option<&Afspraak> {
        self.afspraak.as_ref()
    }
}

/// De organisaties in `delenMet` van de toestemming of de afspraak in de invoer staan
/// op de eigen sociale kaart of in de regionale catalogus.
pub(super) async fn delen_met_organisaties(
    ctx: &Context,
    invoer: &impl Vastlegging,
    fouten: &mut Fouten,
) -> ApiResult<()> {
    for (veld, lijst) in [
        (
            "toestemming.delenMet",
            invoer.toestemming().map(|t| &t.delen_met[..]),
        ),
        (
            "afspraak.delenMet",
            invoer.afspraak().map(|a| &a.delen_met[..]),
        ),
    ] {
        let ids: Vec<Uuid> = lijst
            .unwrap_or_default()
            .iter()
            .filter_map(|d| d.organisatie())
            .collect();
        if !crate::modules::organisaties::bestaan(ctx, &ids).await? {
            fouten.reject(
                veld,
                Foutcode::Ongeldig,
                "Niet elke organisatie staat op uw sociale kaart of in de regionale catalogus.",
            );
        }
    }
    Ok(())
}

/// Wat met de persoon is vastgelegd: toestemming, of (onder `publieke_taak`) een
/// afspraak, of (bij een kandidaat) nog niets. Zet de kolommen van het een en wist
/// die van het ander; zonder beide geldt `bewaartermijn`.
pub(super) fn vastlegging_kolommen(
    model: &mut sleutelpersoon::ActiveModel,
    t: Option<&Toestemming>,
    a: Option<&Afspraak>,
    bewaartermijn: chrono::NaiveDate,
) {
    let (bijzonder, delen, tot) = match (t, a) {
        (Some(t), _) => (t.bijzondere_gegevens, &t.delen_met[..], t.bewaartermijn_tot),
        (None, Some(a)) => (a.bijzondere_gegevens, &a.delen_met[..], a.bewaartermijn_tot),
        (None, None) => (false, &[][..], bewaartermijn),
    };
    model.toestemming_datum = Set(t.map(|t| t.datum));
    model.toestemming_doel = Set(t.map(|t| t.doel.clone()));
    model.afspraak_datum = Set(a.filter(|_| t.is_none()).map(|a| a.datum));
    model.bijzondere_gegevens = Set(bijzonder);
    model.delen_met = Set(delen
        .iter()
        .map(|d| {
            serde_json::to_value(d)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_default()
        })
        .collect());
    model.bewaartermijn_tot = Set(tot);
}

/// De regels van de grondslag over de invoer: toestemming of een afspraak, niet
/// beide; een afspraak alleen onder `publieke_taak`.
pub(super) fn grondslag_regels(
    invoer: &impl Vastlegging,
    grondslag: Grondslag,
    fouten: &mut Fouten,
) {
    if invoer.toestemming().is_some() && invoer.afspraak().is_some() {
        fouten.reject(
            "afspraak",
            Foutcode::Ongeldig,
            "Leg toestemming of een afspraak vast, niet beide.",
        );
    } else if invoer.afspraak().is_some() && grondslag == Grondslag::Toestemming {
        fouten.reject(
            "afspraak",
            Foutcode::GrondslagToestemming,
            "Uw gemeente verwerkt sleutelpersonen op grond van toestemming: leg toestemming \
             vast. Een afspraak in plaats van toestemming kan alleen onder de grondslag \
             publieke_taak (GET /gemeenten/{code}).",
        );
    }
}

/// Mag een persoon met deze vastlegging actief zijn? Met toestemming altijd; met
/// alleen een afspraak onder `publieke_taak`.
pub(super) fn actief_mogelijk(
    t: Option<&Toestemming>,
    a: Option<&Afspraak>,
    grondslag: Grondslag,
) -> bool {
    t.is_some() || (a.is_some() && grondslag == Grondslag::PubliekeTaak)
}

/// Controleert verwijzingen in de invoer: `gebieden` naar een gebied, `personen` naar
/// een sleutelpersoon van de eigen gemeente.
pub(super) async fn verwijzingen<T: serde::de::DeserializeOwned + ToSchema>(
    ctx: &Context,
    invoer: &mut Invoer<T>,
    gebieden: &[&str],
    personen: &[&str],
) -> ApiResult<()> {
    for veld in gebieden {
        ctx.verwijzing::<gebied::Entity, _>(invoer, veld).await?;
    }
    for veld in personen {
        ctx.verwijzing::<sleutelpersoon::Entity, _>(invoer, veld)
            .await?;
    }
    Ok(())
}

/// Wie in `zichtbaarVoor` kan staan: actieve gebruikers die persoonsgegevens zien.
pub(super) const BENOEMBAAR: [Rol; 2] = [Rol::Coordinator, Rol::GemeenteBeheerder];
