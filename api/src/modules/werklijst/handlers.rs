//! De werklijst: wat er vandaag moet, per aanroeper (DOMAIN.md, "What is due").

use actix_web::{HttpResponse, get};
use chrono::{Duration, NaiveDate};
use entity::soorten::{WerkErnst, WerkSoort};
use sea_orm::{ConnectionTrait, DbBackend, FromQueryResult, Statement};
use uuid::Uuid;

use super::weergave::*;
use crate::audit::verwerking::{Activiteit, Handeling};
use crate::auth::{Recht, Rol};
use crate::domein::gezondheid::onderdrukt;
use crate::domein::tijd;
use crate::http::invoer::Fouten;
use crate::http::pagination::{Lijst, PaginaParams};
use crate::http::problem::{ApiResult, Problem};
use crate::tenancy::Context;

/// Standaard: wat binnen twee weken moet.
const BINNEN_DAGEN: i32 = 14;

/// Welk recht een soort vraagt: wie de resource mag lezen. Voor de soorten over een
/// persoon ook zijn persoonsgegevens (dat doet de leesregel van de database ook).
fn recht(soort: WerkSoort) -> &'static [Recht] {
    match soort {
        WerkSoort::ActieBijeenkomst | WerkSoort::OefeningEvalueren => &[Recht::BijeenkomstenLezen],
        WerkSoort::AanvraagBeslistermijn => &[Recht::BudgettenLezen],
        WerkSoort::CrisisafspraakHerzien | WerkSoort::VeiligheidsafspraakHerzien => {
            &[Recht::NetwerkenLezen]
        }
        WerkSoort::Checkin | WerkSoort::LidZonderContact | WerkSoort::ToestemmingBewaartermijn => {
            &[Recht::SleutelpersonenLezen, Recht::PersoonsgegevensLezen]
        }
        WerkSoort::MeldingOpen => &[Recht::MeldingenLezen],
        WerkSoort::TrajectStil | WerkSoort::VerbinderAanstellingEindigt => &[Recht::TrajectenLezen],
        WerkSoort::DnaMetingOud => &[Recht::GebiedenLezen],
    }
}

/// De soorten die over personen gaan of over meldingen: voor de regio onderdrukt.
const BESCHERMD: [WerkSoort; 4] = [
    WerkSoort::Checkin,
    WerkSoort::LidZonderContact,
    WerkSoort::ToestemmingBewaartermijn,
    WerkSoort::MeldingOpen,
];

/// Wat er moet
///
/// Voor een gemeentelijke rol: alles met een datum die voorbij is of binnen
/// `binnenDagen` (standaard 14) valt en dat de aanroeper mag zien, één item per ding,
/// gesorteerd op (`vervaldatum`, `soort`, `id`), gepagineerd. Een item staat er alleen
/// als de aanroeper de resource waar het naar wijst zelf mag lezen, met dezelfde regel
/// (ook `zichtbaarVoor`): een raadpleger krijgt geen check-ins of meldingen. De
/// omschrijving komt uit velden die iedereen van de gemeente ziet; wie het moet doen
/// staat er niet in, alleen `mijn`. Een antwoord met items over sleutelpersonen komt in
/// het verwerkingenlogboek (activiteit `werklijst`).
///
/// | soort | vervaldatum | weg als | `mijn` voor | instelling (standaard) |
/// |---|---|---|---|---|
/// | `actie_bijeenkomst` | de `deadline` van de actie | `gereed` | `eigenaarId` | — |
/// | `aanvraag_beslistermijn` | `beslissenVoor` | besloten of ingetrokken | een `budgethouder` | — |
/// | `crisisafspraak_herzien` | `laatstHerzien` + maanden | `laatstHerzien` bijgewerkt | een contactambtenaar van het netwerk | `crisisafspraakHerzienMaanden` (12) |
/// | `veiligheidsafspraak_herzien` | `herzienVoor` | `herzienVoor` verschoven, of `laatstHerzien` in de maand ervoor of later | een contactambtenaar | — |
/// | `checkin` | laatste check-in + dagen (verhoogd risico) | een check-in | een ambtenaar in `zichtbaarVoor` | `checkinDagen` (90) |
/// | `lid_zonder_contact` | `laatsteContact` + dagen | contact vastgelegd | een contactambtenaar van een netwerk van de persoon | `contactDagen` (180) |
/// | `oefening_evalueren` | de `datum` van de oefening | `geevalueerd` | een contactambtenaar van haar netwerk | — |
/// | `melding_open` | `datum` + termijn per `ernst` | `afgesloten` | de `behandelaarId` | `meldingTermijnDagen` (1, 3, 7, 14) |
/// | `traject_stil` | laatste stapwissel + weken | een stap wisselt | een verbinder | `trajectStilWeken` (8) |
/// | `dna_meting_oud` | nieuwste `peildatum` + jaren | een nieuwere meting | een verbinder van een traject in het gebied | `dnaMetingMaxJaren` (2) |
/// | `verbinder_aanstelling_eindigt` | `tot` van de aanstelling | `tot` verlengd of een opvolger | die verbinder | — |
/// | `toestemming_bewaartermijn` | `bewaartermijnTot` | verschoven, of de persoon geanonimiseerd | een contactambtenaar van een netwerk van de persoon | — |
///
/// De standaarden zijn de keuze van dit project; de `gemeente_beheerder` zet ze op
/// `PATCH /gemeenten/{code}`. `ernst` is die van de melding bij `melding_open`, anders
/// `hoog` als het item te laat is en `normaal` als het nog moet.
///
/// Voor de regio: per gemeente (op naam) en per soort alleen een aantal; de soorten
/// over personen en `melding_open` onder 5 onderdrukt. Alleen `soort` en `binnenDagen`
/// gelden dan (de andere filters: 400); de regio krijgt geen pagina. Koppelingen: 403
/// (zij volgen de wijzigingen).
#[utoipa::path(
    operation_id = "getWerklijst",
    params(PaginaParams, WerklijstParams),
    responses(
        (status = 200, description = "Een pagina items (gemeente), of de aantallen per gemeente en soort (regio).", body = Werklijst),
        (status = 400, description = "Een ongeldige parameter, of een filter dat voor de regio niet bestaat (`gebiedId`, `netwerkId`, `alleenMijn`).", body = Problem, content_type = "application/problem+json"),
    ),
)]
#[get("/werklijst")]
pub async fn werklijst(ctx: Context, lijst: Lijst<WerklijstParams>) -> ApiResult<HttpResponse> {
    ctx.require(Recht::WerklijstLezen)?;
    let vandaag = tijd::vandaag();
    let binnen = lijst
        .params
        .binnen_dagen
        .unwrap_or(BINNEN_DAGEN)
        .clamp(0, 365);
    let horizon = vandaag + Duration::days(i64::from(binnen));
    match ctx.gemeente_id() {
        Some(gemeente) => gemeentelijk(ctx, lijst, gemeente, vandaag, horizon).await,
        None => regionaal(ctx, &lijst.params, vandaag, horizon, binnen).await,
    }
}

#[derive(Debug, FromQueryResult)]
struct Rij {
    soort: String,
    resource: String,
    id: Uuid,
    sub: String,
    pad: String,
    omschrijving: String,
    vervaldatum: NaiveDate,
    ernst: Option<String>,
    mijn: bool,
    persoon_id: Option<Uuid>,
    totaal: i64,
}

/// De werklijst van een gemeentelijke rol: één statement over `weefsel_werk` (een
/// `UNION ALL` met een tak per soort, elk op zijn index), met de leesregels van de
/// aanroeper; pagina en totaal uit hetzelfde statement.
async fn gemeentelijk(
    ctx: Context,
    lijst: Lijst<WerklijstParams>,
    gemeente: Uuid,
    vandaag: NaiveDate,
    horizon: NaiveDate,
) -> ApiResult<HttpResponse> {
    let p = &lijst.params;
    let soorten: Vec<String> = <WerkSoort as sea_orm::Iterable>::iter()
        .filter(|s| p.soort.is_none_or(|gevraagd| gevraagd == *s))
        .filter(|s| recht(*s).iter().all(|r| ctx.caller.has(*r)))
        .map(|s| s.as_str().to_owned())
        .collect();
    let gebruiker = match ctx.caller.actor {
        crate::auth::Actor::Gebruiker(id) => Some(id),
        _ => None,
    };
    let waarden: Vec<sea_orm::Value> = vec![
        gemeente.into(),
        vandaag.into(),
        horizon.into(),
        gebruiker.into(),
        ctx.caller.has_rol(Rol::Budgethouder).into(),
        soorten.into(),
        p.gebied_id.into(),
        p.netwerk_id.into(),
        p.alleen_mijn.unwrap_or(false).into(),
        (lijst.pagina.pagina_grootte() as i64).into(),
        (lijst.pagina.offset() as i64).into(),
    ];
    let rijen = Rij::find_by_statement(Statement::from_sql_and_values(
        DbBackend::Postgres,
        "SELECT soort, resource, id, sub, pad, omschrijving, vervaldatum, ernst, mijn, persoon_id, \
           count(*) OVER () AS totaal \
         FROM weefsel_werk($1, $2, $3, $4, $5) w \
         WHERE soort = ANY ($6) AND ($7::uuid IS NULL OR $7 = ANY (gebied_ids)) \
           AND ($8::uuid IS NULL OR $8 = ANY (netwerk_ids)) AND (NOT $9 OR mijn) \
         ORDER BY vervaldatum, soort, id, sub LIMIT $10 OFFSET $11",
        waarden.clone(),
    ))
    .all(ctx.db())
    .await?;
    let totaal = match rijen.first() {
        Some(r) => r.totaal,
        // Voorbij de laatste pagina: het totaal uit dezelfde unie.
        None => tel(&ctx, &waarden[..9]).await?,
    };
    let personen: Vec<Uuid> = rijen.iter().filter_map(|r| r.persoon_id).collect();
    ctx.verwerkt(&personen, Handeling::Lezen, Activiteit::Werklijst)
        .await?;
    let items: Vec<WerkItem> = rijen.into_iter().filter_map(|r| item(r, vandaag)).collect();
    let response = Werklijst::Gemeente(lijst.pagina(totaal.max(0) as u64, items)).antwoord();
    ctx.commit_then(response).await
}

/// Het totaal van dezelfde unie met dezelfde filters.
async fn tel(ctx: &Context, waarden: &[sea_orm::Value]) -> ApiResult<i64> {
    let rij = ctx
        .db()
        .query_one_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "SELECT count(*) AS totaal FROM weefsel_werk($1, $2, $3, $4, $5) w \
             WHERE soort = ANY ($6) AND ($7::uuid IS NULL OR $7 = ANY (gebied_ids)) \
               AND ($8::uuid IS NULL OR $8 = ANY (netwerk_ids)) AND (NOT $9 OR mijn)",
            waarden.to_vec(),
        ))
        .await?;
    Ok(rij
        .and_then(|r| r.try_get::<i64>("", "totaal").ok())
        .unwrap_or(0))
}

fn item(r: Rij, vandaag: NaiveDate) -> Option<WerkItem> {
    let soort = WerkSoort::parse(&r.soort)?;
    let te_laat = r.vervaldatum < vandaag;
    let ernst = match r.ernst.as_deref().and_then(WerkErnst::parse) {
        Some(eigen) => eigen,
        None if te_laat => WerkErnst::Hoog,
        None => WerkErnst::Normaal,
    };
    Some(WerkItem {
        soort,
        resource: r.resource,
        id: r.id,
        onderdeel: (!r.sub.is_empty()).then_some(r.sub),
        pad: r.pad,
        omschrijving: r.omschrijving,
        vervaldatum: r.vervaldatum,
        te_laat,
        ernst,
        mijn: r.mijn,
    })
}

#[derive(Debug, FromQueryResult)]
struct Telling {
    gemeente_id: Uuid,
    soort: String,
    aantal: i64,
}

/// De aantallen van de regio, per gemeente op naam en per soort; de beschermde soorten
/// onderdrukt over de rij.
async fn regionaal(
    ctx: Context,
    p: &WerklijstParams,
    vandaag: NaiveDate,
    horizon: NaiveDate,
    binnen: i32,
) -> ApiResult<HttpResponse> {
    let mut fouten = Fouten::new();
    fouten.niet_gezet(
        &[
            ("gebiedId", p.gebied_id.is_some()),
            ("netwerkId", p.netwerk_id.is_some()),
            ("alleenMijn", p.alleen_mijn.is_some()),
        ],
        "De regio krijgt alleen aantallen per gemeente en soort; dit filter is voor gemeenten.",
    );
    fouten.finish()?;
    let tellingen = tellingen(&ctx, vandaag, horizon).await?;
    let body = WerklijstRegio {
        binnen_dagen: binnen,
        peildatum: vandaag,
        gemeenten: ctx
            .overziene_gemeenten(None)
            .await?
            .into_iter()
            .map(|g| WerkGemeente {
                aantallen: aantallen(&tellingen, g.id, p.soort),
                gemeente: g.code,
                naam: g.naam,
            })
            .collect(),
    };
    ctx.commit_then(Werklijst::Regio(body).antwoord()).await
}

/// De aantallen van één gemeente per soort (alle soorten, of alleen `soort`), de
/// beschermde soorten samen onderdrukt.
fn aantallen(
    tellingen: &[(Uuid, WerkSoort, i64)],
    gemeente: Uuid,
    alleen: Option<WerkSoort>,
) -> Vec<WerkAantal> {
    let aantal = |soort: WerkSoort| {
        tellingen
            .iter()
            .filter(|(g, s, _)| *g == gemeente && *s == soort)
            .map(|(_, _, n)| *n)
            .sum::<i64>()
    };
    // Eerst de hele rij onderdrukken, dan pas de soort kiezen: een filter op één soort
    // toont niets wat de rij verbergt.
    met_onderdrukking(
        <WerkSoort as sea_orm::Iterable>::iter()
            .map(|soort| (soort, Some(aantal(soort))))
            .collect(),
    )
    .into_iter()
    .filter(|a| alleen.is_none_or(|s| s == a.soort))
    .collect()
}

/// Cellen per soort zoals een rol zonder persoonsgegevens ze krijgt: de beschermde
/// soorten samen onderdrukt over de rij ([`onderdrukt`]), de zaken zoals ze zijn.
fn met_onderdrukking(cellen: Vec<(WerkSoort, Option<i64>)>) -> Vec<WerkAantal> {
    let cel = |b: WerkSoort| cellen.iter().find(|(s, _)| *s == b).and_then(|(_, n)| *n);
    let beschermd = onderdrukt(&BESCHERMD.map(cel), false);
    cellen
        .iter()
        .map(|&(soort, aantal)| {
            let getoond = match BESCHERMD.iter().position(|b| *b == soort) {
                Some(i) => beschermd[i],
                None => aantal,
            };
            WerkAantal {
                soort,
                aantal: getoond,
                onderdrukt: getoond.is_none(),
            }
        })
        .collect()
}

/// De aantallen per gemeente en soort tot en met `horizon` (regio: elke gemeente; een
/// gemeente: zichzelf), uit `weefsel_werk_tellingen`.
async fn tellingen(
    ctx: &Context,
    vandaag: NaiveDate,
    horizon: NaiveDate,
) -> ApiResult<Vec<(Uuid, WerkSoort, i64)>> {
    let rijen = Telling::find_by_statement(Statement::from_sql_and_values(
        DbBackend::Postgres,
        "SELECT gemeente_id, soort, aantal FROM weefsel_werk_tellingen($1, $2)",
        [vandaag.into(), horizon.into()],
    ))
    .all(ctx.db())
    .await?;
    Ok(rijen
        .into_iter()
        .filter_map(|t| WerkSoort::parse(&t.soort).map(|s| (t.gemeente_id, s, t.aantal)))
        .collect())
}

/// Wat te laat is (de vervaldatum voorbij), per gemeente die de aanroeper overziet en
/// per soort, onderdrukt als in de werklijst van de regio: voor het dashboard.
pub async fn achterstand(
    ctx: &Context,
    vandaag: NaiveDate,
) -> ApiResult<std::collections::HashMap<Uuid, Vec<WerkAantal>>> {
    let tellingen = tellingen(ctx, vandaag, vandaag - Duration::days(1)).await?;
    Ok(ctx
        .overziene_gemeenten(None)
        .await?
        .into_iter()
        .map(|g| (g.id, aantallen(&tellingen, g.id, None)))
        .collect())
}

/// Het geheel over gemeenten: de zaken opgeteld; een soort over personen of meldingen
/// alleen als geen gemeente haar onderdrukt (anders volgt een onderdrukte cel uit het
/// totaal en de andere), en dan weer onderdrukt over de rij.
pub fn achterstand_totaal(per_gemeente: &[&[WerkAantal]]) -> Vec<WerkAantal> {
    met_onderdrukking(
        <WerkSoort as sea_orm::Iterable>::iter()
            .map(|soort| {
                let som = per_gemeente
                    .iter()
                    .map(|rij| rij.iter().find(|a| a.soort == soort).and_then(|a| a.aantal))
                    .sum::<Option<i64>>();
                (soort, som)
            })
            .collect(),
    )
}

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(werklijst);
}
