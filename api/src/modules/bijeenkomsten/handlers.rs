//! Bijeenkomsten van netwerken (DOMAIN.md, "Meetings, exercises, safety reports"):
//! soort, wanneer en waar, wie er was, de agenda (met de vaste agenda's van de eerste
//! en tweede bijeenkomst als sjablonen), het verslag, de vervolgacties en de
//! terugkoppeling aan bewoners. De gezondheid van een netwerk telt de dagen sinds de
//! laatste.

use crate::http::problem::Foutcode;

use actix_web::{HttpResponse, delete, get, patch, post, web};
use chrono::NaiveTime;
use entity::soorten::{BijeenkomstSoort, Plan};
use entity::{bijeenkomst, gebied, netwerk, sleutelpersoon, traject};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder,
    QueryTrait,
};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::audit::Wijzigingen;
use crate::auth::Recht;
use crate::domein::leidraad::AgendaSjabloon;
use crate::http::etag::IfMatch;
use crate::http::invoer::{Fouten, Invoer, Veld, referentiefilter};
use crate::http::pagination::{Lijst, Pagina, PaginaParams};
use crate::http::periode::Periode;
use crate::http::problem::ApiResult;
use crate::modules::kolommen::{json, naar_json, zonder_dubbelen};
use crate::modules::netwerken::{
    BijeenkomstAfspraken, crisis_gebieden, crisisafspraken_controleren,
};
use crate::modules::sleutelpersonen::{met_verborgen, schrijft_over, zichtbaar};
use crate::modules::{stappenplannen, trajecten};
use crate::tenancy::Context;

use super::invoer::*;
use super::weergave::*;

/// Agenda-sjablonen
///
/// De vaste agenda's van de eerste en tweede netwerkbijeenkomst uit de huidige versie
/// van de leidraad (coördinerend stap 3, coachend stap 2; met `?aanpak=`). Een eerste
/// of tweede bijeenkomst bij een traject begint vanzelf met de agenda van de versie van
/// haar traject; anders neemt u ze over in `agenda`. De openingsronde met vijf vragen
/// bij "Welkom en introductie" komt uit de regionale handreiking (bouwsteen "Ontmoeten
/// en samen in gesprek"), die haar als algemene opening geeft; dat zij hier staat, is
/// een keuze van het project.
#[utoipa::path(
    operation_id = "listAgendaSjablonen",
    params(PaginaParams, SjablonenParams),
    responses(
        (status = 200, description = "De sjablonen.", body = Pagina<AgendaSjabloon>),
    ),
)]
#[get("/bijeenkomsten/agenda-sjablonen")]
pub async fn sjablonen(ctx: Context, lijst: Lijst<SjablonenParams>) -> ApiResult<HttpResponse> {
    ctx.require(Recht::BijeenkomstenLezen)?;
    let plan = lijst.params.aanpak.unwrap_or(Plan::Coordinerend);
    let alle = stappenplannen::leidraad::agenda_sjablonen(&ctx, plan, None).await?;
    // Vaste tekst van de leidraad: wat er verandert, staat bij de stappenplannen.
    Ok(lijst.in_geheugen(alle, |_| None))
}

/// Bijeenkomsten
#[utoipa::path(
    operation_id = "listBijeenkomsten",
    params(PaginaParams, BijeenkomstenParams, Periode),
    responses(
        (status = 200, description = "Een pagina bijeenkomsten, nieuwste eerst.", body = Pagina<Bijeenkomst>),
    ),
)]
#[get("/bijeenkomsten")]
pub async fn list(
    ctx: Context,
    lijst: Lijst<BijeenkomstenParams>,
    periode: Periode,
) -> ApiResult<HttpResponse> {
    ctx.require(Recht::BijeenkomstenLezen)?;
    let p = &lijst.params;
    let select = referentiefilter(
        ctx.scoped_in(bijeenkomst::Entity::find(), p.gemeente.as_deref())
            .await?,
        bijeenkomst::Column::ExterneReferentie,
        p.externe_referentie.as_deref(),
    )?
    .apply_if(p.soort, |q, s| q.filter(bijeenkomst::Column::Soort.eq(s)))
    .apply_if(p.netwerk_id, |q, n| {
        q.filter(bijeenkomst::Column::NetwerkId.eq(n))
    })
    .apply_if(p.gebied_id, |q, g| {
        q.filter(bijeenkomst::Column::GebiedId.eq(g))
    })
    .apply_if(p.traject_id, |q, t| {
        q.filter(bijeenkomst::Column::TrajectId.eq(t))
    })
    .apply_if(p.stap, |q, n| q.filter(bijeenkomst::Column::Stap.eq(n)));
    let select = periode
        .filter(select, bijeenkomst::Column::Datum)
        .order_by_desc(bijeenkomst::Column::Datum)
        .order_by_desc(bijeenkomst::Column::Id);
    ctx.pagina(&lijst, select).await
}

/// Eén bijeenkomst
#[utoipa::path(
    operation_id = "getBijeenkomst",
    params(("id" = Uuid, Path, description = "Id van de bijeenkomst")),
    responses(
        (status = 200, description = "De bijeenkomst met `ETag`.", body = Bijeenkomst),
    ),
)]
#[get("/bijeenkomsten/{id}")]
pub async fn get(ctx: Context, id: web::Path<Uuid>) -> ApiResult<HttpResponse> {
    ctx.require(Recht::BijeenkomstenLezen)?;
    ctx.lees::<bijeenkomst::Entity>(*id).await
}

/// Verwijzingen naar een netwerk, een gebied, sleutelpersonen en een stap van een
/// traject van de eigen gemeente; `huidig` is het traject en de stap van nu. Geeft het
/// traject na het verzoek.
async fn verwijzingen<T: serde::de::DeserializeOwned + ToSchema>(
    ctx: &Context,
    invoer: &mut Invoer<T>,
    huidig: (Option<Uuid>, Option<i16>),
) -> ApiResult<Option<(traject::Model, i16)>> {
    ctx.verwijzing::<netwerk::Entity, _>(invoer, "netwerkId")
        .await?;
    ctx.verwijzing::<gebied::Entity, _>(invoer, "gebiedId")
        .await?;
    ctx.verwijzingen::<sleutelpersoon::Entity, _>(invoer, "aanwezigen")
        .await?;
    if let Some(ids) = invoer.veld::<Vec<Uuid>>("aanwezigen") {
        schrijft_over(ctx, ids).await?;
    }
    trajecten::stap_verwijzing(ctx, invoer, huidig).await
}

/// Een actie met een `id` is een bestaande actie van de bijeenkomst ([`acties_met_id`]);
/// haar eigenaar is een actieve gebruiker van de gemeente (fout bij
/// `acties.<n>.eigenaarId`).
async fn acties_regels(
    ctx: &Context,
    gemeente_id: Uuid,
    acties: &[NieuweVervolgactie],
    bestaand: &[Vervolgactie],
    fouten: &mut Fouten,
) -> ApiResult<()> {
    acties_met_id(acties, bestaand, fouten);
    for (n, actie) in acties.iter().enumerate() {
        if let Some(id) = actie.eigenaar_id {
            crate::modules::gebruikers::actieve_gebruikers(
                ctx,
                gemeente_id,
                &[id],
                &format!("acties.{n}.eigenaarId"),
                fouten,
            )
            .await?;
        }
    }
    Ok(())
}

/// De gebieden van de crisisondersteuning zijn gebieden van de eigen gemeente.
async fn afspraken_gebieden(
    ctx: &Context,
    afspraken: Option<&BijeenkomstAfspraken>,
    fouten: &mut Fouten,
) -> ApiResult<()> {
    match afspraken {
        Some(a) => {
            crisis_gebieden(
                ctx,
                "afspraken.crisisondersteuning",
                &a.crisisondersteuning,
                fouten,
            )
            .await
        }
        None => Ok(()),
    }
}

/// Afspraken horen bij een tweede bijeenkomst; hun crisisondersteuning volgt de regels
/// van crisisafspraken.
fn afspraken_regels(
    soort: BijeenkomstSoort,
    afspraken: Option<&BijeenkomstAfspraken>,
    fouten: &mut Fouten,
) {
    let Some(afspraken) = afspraken else {
        return;
    };
    fouten.check(
        soort == BijeenkomstSoort::TweedeBijeenkomst,
        "afspraken",
        Foutcode::NietToegestaan,
        "Alleen een tweede bijeenkomst legt afspraken vast (soort tweede_bijeenkomst).",
    );
    crisisafspraken_controleren(
        "afspraken.crisisondersteuning",
        &afspraken.crisisondersteuning,
        fouten,
    );
}

/// De agenda waarmee een nieuwe bijeenkomst begint: de meegegeven, of bij een eerste
/// of tweede bijeenkomst van een traject de vaste agenda uit de leidraad van de versie
/// van dat traject.
async fn begin_agenda(
    ctx: &Context,
    soort: BijeenkomstSoort,
    agenda: Option<Vec<Agendapunt>>,
    traject: Option<&traject::Model>,
) -> ApiResult<Vec<Agendapunt>> {
    if let Some(agenda) = agenda {
        return Ok(agenda);
    }
    let Some(t) = traject else {
        return Ok(Vec::new());
    };
    let uit_leidraad =
        stappenplannen::leidraad::agenda_sjablonen(ctx, t.aanpak, Some(t.leidraad_versie)).await?;
    Ok(uit_leidraad
        .into_iter()
        .find(|s| s.soort == soort)
        .map(|s| {
            s.agenda
                .into_iter()
                .map(|p| Agendapunt {
                    onderwerp: p.onderwerp,
                    toelichting: p.toelichting,
                })
                .collect()
        })
        .unwrap_or_default())
}

/// De regels over meer velden: een netwerk of gebied, een einde niet vóór het begin.
fn regels(
    netwerk_of_gebied: bool,
    begin: Option<NaiveTime>,
    eind: Option<NaiveTime>,
    fouten: &mut Fouten,
) {
    fouten.check(
        netwerk_of_gebied,
        "netwerkId",
        Foutcode::Verplicht,
        "Noem het netwerk en/of het gebied van de bijeenkomst (netwerkId, gebiedId).",
    );
    if let (Some(b), Some(e)) = (begin, eind) {
        fouten.check(
            e >= b,
            "eindtijd",
            Foutcode::Ongeldig,
            "Het einde ligt niet vóór het begin.",
        );
    }
}

/// De velden die de audit trail alleen bij naam noemt als ze gezet zijn.
const VRIJE_TEKST: [&str; 6] = [
    "titel",
    "locatie",
    "verslag",
    "terugkoppeling",
    "acties",
    "agenda",
];

/// Bijeenkomst vastleggen
#[utoipa::path(
    operation_id = "createBijeenkomst",
    request_body = NieuweBijeenkomst,
    responses(
        (status = 201, description = "Vastgelegd.", body = Bijeenkomst),
    ),
)]
#[post("/bijeenkomsten")]
pub async fn create(
    ctx: Context,
    mut invoer: Invoer<NieuweBijeenkomst>,
) -> ApiResult<HttpResponse> {
    ctx.require(Recht::BijeenkomstenSchrijven)?;
    let gemeente_id = ctx.eigen_gemeente()?;
    let traject = verwijzingen(&ctx, &mut invoer, (None, None)).await?;
    let mut fouten = Fouten::new();
    if let Some(nieuw) = invoer.deel() {
        regels(
            nieuw.netwerk_id.is_some() || nieuw.gebied_id.is_some(),
            nieuw.begintijd.as_deref().and_then(lees_tijd),
            nieuw.eindtijd.as_deref().and_then(lees_tijd),
            &mut fouten,
        );
        afspraken_regels(nieuw.soort, nieuw.afspraken.as_ref(), &mut fouten);
        afspraken_gebieden(&ctx, nieuw.afspraken.as_ref(), &mut fouten).await?;
        acties_regels(&ctx, gemeente_id, &nieuw.acties, &[], &mut fouten).await?;
    }
    invoer.fouten().voeg_toe(fouten);
    let vrij: Vec<&str> = VRIJE_TEKST
        .into_iter()
        .filter(|v| invoer.heeft(v))
        .collect();
    let n = invoer.klaar()?;
    let agenda = begin_agenda(&ctx, n.soort, n.agenda, traject.as_ref().map(|(t, _)| t)).await?;
    let model = bijeenkomst::ActiveModel {
        id: Set(Uuid::now_v7()),
        gemeente_id: Set(gemeente_id),
        soort: Set(n.soort),
        titel: Set(n.titel),
        datum: Set(n.datum),
        begintijd: Set(n.begintijd.as_deref().and_then(lees_tijd)),
        eindtijd: Set(n.eindtijd.as_deref().and_then(lees_tijd)),
        locatiesoort: Set(n.locatiesoort),
        locatie: Set(n.locatie),
        netwerk_id: Set(n.netwerk_id),
        gebied_id: Set(n.gebied_id),
        traject_id: Set(n.traject_id),
        stap: Set(n.stap),
        deelnemers: Set(n.deelnemers),
        aanwezigen: Set(zonder_dubbelen(n.aanwezigen)),
        agenda: Set(naar_json(&agenda)),
        verslag: Set(n.verslag),
        verslag_aan_afwezigen: Set(n.verslag_aan_afwezigen),
        terugkoppeling: Set(n.terugkoppeling),
        acties: Set(naar_json(&acties_met_id(
            &n.acties,
            &[],
            &mut Fouten::new(),
        ))),
        afspraken: Set(n.afspraken.as_ref().map(naar_json)),
        externe_referentie: Set(n.externe_referentie),
        ..Default::default()
    }
    .insert(ctx.db())
    .await?;
    let mut w = Wijzigingen::new()
        .nieuw("soort", model.soort)
        .nieuw("datum", model.datum)
        .nieuw("netwerkId", model.netwerk_id)
        .nieuw("gebiedId", model.gebied_id)
        .nieuw("trajectId", model.traject_id)
        .nieuw("stap", model.stap)
        .nieuw("deelnemers", model.deelnemers)
        .alleen_naam_als(!model.aanwezigen.is_empty(), "aanwezigen")
        .alleen_naam_als(model.afspraken.is_some(), "afspraken");
    for veld in vrij {
        w = w.alleen_naam(veld);
    }
    super::afgeleid::aangeraakt(&ctx, &model).await?;
    ctx.aangemaakt_met::<bijeenkomst::Entity>(model, w).await
}

/// Bijeenkomst wijzigen
///
/// Ook om achteraf het verslag, de terugkoppeling en de vervolgacties (met `gereed`)
/// bij te houden.
#[utoipa::path(
    operation_id = "updateBijeenkomst",
    params(("id" = Uuid, Path, description = "Id van de bijeenkomst")),
    request_body = BijeenkomstWijziging,
    responses(
        (status = 200, description = "Gewijzigd.", body = Bijeenkomst),
    ),
)]
#[patch("/bijeenkomsten/{id}")]
pub async fn update(
    if_match: IfMatch,
    ctx: Context,
    id: web::Path<Uuid>,
    mut invoer: Invoer<BijeenkomstWijziging>,
) -> ApiResult<HttpResponse> {
    ctx.require(Recht::BijeenkomstenSchrijven)?;
    let huidig = ctx.find_for_update::<bijeenkomst::Entity>(*id).await?;
    verwijzingen(&ctx, &mut invoer, (huidig.traject_id, huidig.stap)).await?;
    let wijziging = invoer.deel().unwrap_or_default();
    let mut fouten = wijziging_regels(&huidig, &wijziging);
    let bestaand: Vec<Vervolgactie> = json(&huidig.acties);
    let acties = wijziging.acties.as_deref().unwrap_or_default();
    acties_regels(&ctx, huidig.gemeente_id, acties, &bestaand, &mut fouten).await?;
    afspraken_gebieden(&ctx, wijziging.afspraken.as_ref().waarde(), &mut fouten).await?;
    invoer.fouten().voeg_toe(fouten);
    let i = invoer.klaar()?;
    if_match.check(huidig.version)?;
    let mut model: bijeenkomst::ActiveModel = huidig.clone().into();
    let mut w = Wijzigingen::new();
    w.zet("soort", &mut model.soort, i.soort);
    w.zet("titel", &mut model.titel, i.titel.wijziging());
    w.zet("datum", &mut model.datum, i.datum);
    w.zet("begintijd", &mut model.begintijd, tijd(i.begintijd));
    w.zet("eindtijd", &mut model.eindtijd, tijd(i.eindtijd));
    w.zet(
        "locatiesoort",
        &mut model.locatiesoort,
        i.locatiesoort.wijziging(),
    );
    w.zet("locatie", &mut model.locatie, i.locatie.wijziging());
    w.zet("netwerkId", &mut model.netwerk_id, i.netwerk_id.wijziging());
    w.zet("gebiedId", &mut model.gebied_id, i.gebied_id.wijziging());
    w.zet("trajectId", &mut model.traject_id, i.traject_id.wijziging());
    w.zet("stap", &mut model.stap, i.stap.wijziging());
    let referentie = i.externe_referentie.wijziging();
    w.zet(
        "externeReferentie",
        &mut model.externe_referentie,
        referentie,
    );
    w.zet(
        "deelnemers",
        &mut model.deelnemers,
        i.deelnemers.wijziging(),
    );
    if let Some(nieuw) = i.aanwezigen {
        let zien = zichtbaar(&ctx, huidig.aanwezigen.clone()).await?;
        let lijst = met_verborgen(zonder_dubbelen(nieuw), &huidig.aanwezigen, &zien);
        w.zet("aanwezigen", &mut model.aanwezigen, Some(lijst));
    }
    w.zet("agenda", &mut model.agenda, i.agenda.map(|a| naar_json(&a)));
    w.zet("verslag", &mut model.verslag, i.verslag.wijziging());
    w.zet(
        "verslagAanAfwezigen",
        &mut model.verslag_aan_afwezigen,
        i.verslag_aan_afwezigen,
    );
    w.zet(
        "terugkoppeling",
        &mut model.terugkoppeling,
        i.terugkoppeling.wijziging(),
    );
    w.zet(
        "acties",
        &mut model.acties,
        i.acties
            .map(|a| naar_json(&acties_met_id(&a, &bestaand, &mut Fouten::new()))),
    );
    w.zet_alleen_naam(
        "afspraken",
        &mut model.afspraken,
        i.afspraken.wijziging().map(|a| a.as_ref().map(naar_json)),
    );
    super::afgeleid::gewijzigd(&ctx, &huidig, &model, &w.velden()).await?;
    ctx.gewijzigd::<bijeenkomst::Entity, _>(huidig, model, w, crate::http::problem::ApiError::from)
        .await
}

/// Een tijd uit een wijziging: ongewijzigd, gewist of `uu:mm`.
fn tijd(veld: Veld<String>) -> Option<Option<NaiveTime>> {
    veld.wijziging().map(|t| t.as_deref().and_then(lees_tijd))
}

/// De regels over de toestand na een wijziging: een netwerk of gebied, en tijden die
/// kloppen ([`regels`]).
fn wijziging_regels(huidig: &bijeenkomst::Model, w: &BijeenkomstWijziging) -> Fouten {
    let tijd_na = |veld: &Veld<String>, nu: Option<NaiveTime>| match veld {
        Veld::Afwezig => nu,
        Veld::Leeg => None,
        Veld::Waarde(t) => lees_tijd(t).or(nu),
    };
    let mut fouten = Fouten::new();
    regels(
        w.netwerk_id.clone().na(huidig.netwerk_id).is_some()
            || w.gebied_id.clone().na(huidig.gebied_id).is_some(),
        tijd_na(&w.begintijd, huidig.begintijd),
        tijd_na(&w.eindtijd, huidig.eindtijd),
        &mut fouten,
    );
    let soort = w.soort.unwrap_or(huidig.soort);
    match &w.afspraken {
        Veld::Waarde(afspraken) => afspraken_regels(soort, Some(afspraken), &mut fouten),
        Veld::Leeg => {}
        Veld::Afwezig => fouten.check(
            huidig.afspraken.is_none() || soort == BijeenkomstSoort::TweedeBijeenkomst,
            "soort",
            Foutcode::Ongeldig,
            "Deze bijeenkomst heeft afspraken: wis ze (afspraken: null) voordat zij een andere soort krijgt.",
        ),
    }
    fouten
}

/// Bijeenkomst verwijderen
#[utoipa::path(
    operation_id = "deleteBijeenkomst",
    params(("id" = Uuid, Path, description = "Id van de bijeenkomst")),
    responses(
        (status = 204, description = "Verwijderd."),
    ),
)]
#[delete("/bijeenkomsten/{id}")]
pub async fn remove(
    if_match: IfMatch,
    ctx: Context,
    id: web::Path<Uuid>,
) -> ApiResult<HttpResponse> {
    ctx.require(Recht::BijeenkomstenSchrijven)?;
    let huidig = ctx.find_for_update::<bijeenkomst::Entity>(*id).await?;
    if_match.check(huidig.version)?;
    super::afgeleid::aangeraakt(&ctx, &huidig).await?;
    ctx.verwijder::<bijeenkomst::Entity>(&huidig, Wijzigingen::new())
        .await
}

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(sjablonen)
        .service(list)
        .service(get)
        .service(create)
        .service(update)
        .service(remove);
}
