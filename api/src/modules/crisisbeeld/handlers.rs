//! Het crisisbeeld (DOMAIN.md, "The day of the crisis"): voor scenario X in gebied Y,
//! welke netwerken en organisaties welke hulp geven en hoe ze te activeren zijn; voor de
//! regio de paraatheid per gemeente.

use std::collections::HashMap;

use actix_web::{HttpResponse, get, web};
use chrono::NaiveDate;
use entity::organisatie;
use entity::soorten::{Hulpsoort, Scenario};
use sea_orm::sea_query::Expr;
use sea_orm::{
    DbBackend, EntityTrait, FromQueryResult, QueryFilter, QueryOrder, QueryTrait, Statement,
};
use uuid::Uuid;

use super::weergave::*;
use crate::audit::verwerking::{Activiteit, Handeling};
use crate::auth::Recht;
use crate::domein::tijd;
use crate::http::invoer::Fouten;
use crate::http::problem::{ApiResult, Foutcode, Problem};
use crate::modules::gebieden::GebiedKort;
use crate::modules::netwerken::Crisisafspraak;
use crate::modules::organisaties::{Organisatie, dient, representatie, zichtbaar};
use crate::tenancy::Context;

/// Het crisisbeeld
///
/// Voor een gemeentelijke rol: de netwerken van de gemeente (niet `afgerond`) met een
/// crisisafspraak voor `scenario`, en de organisaties die hulp geven. Met `gebiedId`
/// alleen wat dat gebied dekt: een afspraak dekt haar `gebiedIds`, zonder die de
/// gebieden van het netwerk (en een netwerk zonder gebieden de hele gemeente); een
/// organisatie dient haar `gebiedIds`, zonder die de hele gemeente. Een gebied past op
/// zichzelf, zijn voorouders en zijn afstammelingen. Met `hulp` alleen wie die hulp
/// geeft. Een afspraak is `verouderd` als `laatstHerzien` ontbreekt of verder terug ligt
/// dan `crisisafspraakHerzienMaanden` (standaard 12). De regionale catalogus staat apart
/// onder `regionaal`.
///
/// `activering`, `activeringOffline` en `capaciteit` zijn vrije tekst: alleen de
/// coördinator en de gemeente_beheerder (en een koppeling met `sleutelpersonen.lezen`)
/// krijgen ze, en zo'n antwoord komt in het verwerkingenlogboek (activiteit
/// `crisisbeeld`, met de actieve leden van de getoonde netwerken: hun activering kan
/// hen noemen).
///
/// Voor de regio: per gemeente alleen de paraatheid voor het scenario — hoeveel van de
/// kleinste gebieden (zonder kindgebied, elk één keer) een afspraak hebben die binnen de
/// termijn is doorgenomen; een afspraak over een wijk dekt haar buurten. `gebiedId` en
/// `hulp` gelden dan niet (400).
#[utoipa::path(
    operation_id = "getCrisisbeeld",
    params(CrisisbeeldParams),
    responses(
        (status = 200, description = "De afspraken en organisaties (gemeente), of de paraatheid per gemeente (regio).", body = Crisisbeeld),
        (status = 400, description = "Een ongeldige parameter, een gebied van een andere gemeente, of een filter dat voor de regio niet bestaat (`gebiedId`, `hulp`).", body = Problem, content_type = "application/problem+json"),
    ),
)]
#[get("/crisisbeeld")]
pub async fn crisisbeeld(
    ctx: Context,
    params: web::Query<CrisisbeeldParams>,
) -> ApiResult<HttpResponse> {
    ctx.require(Recht::NetwerkenLezen)?;
    ctx.require(Recht::OrganisatiesLezen)?;
    let vandaag = tijd::vandaag();
    let params = params.into_inner();
    let body = match ctx.gemeente_id() {
        Some(gemeente) => {
            Crisisbeeld::Gemeente(gemeentelijk(&ctx, params, gemeente, vandaag).await?)
        }
        None => Crisisbeeld::Regio(regionaal(&ctx, params, vandaag).await?),
    };
    ctx.commit_then(HttpResponse::Ok().json(body)).await
}

#[derive(Debug, FromQueryResult)]
struct AfspraakRij {
    id: Uuid,
    naam: String,
    afspraak: String,
    verouderd: bool,
}

/// De netwerken met een afspraak voor het scenario, op naam (`$4`: het gebied of
/// `NULL`, `$3`: de hulp of `NULL`).
const NETWERKEN: &str = "SELECT n.id, n.naam, c::text AS afspraak, \
      coalesce((c->>'laatstHerzien')::date < ($5::date - make_interval(months => m.crisisafspraak_herzien_maanden))::date, \
               true) AS verouderd \
    FROM netwerk n JOIN gemeente m ON m.id = n.gemeente_id \
    CROSS JOIN LATERAL jsonb_array_elements(n.crisisafspraken) c \
    WHERE n.gemeente_id = $1 AND n.fase <> 'afgerond' AND c->>'scenario' = $2 \
      AND ($3::text IS NULL OR c->'hulp' @> jsonb_build_array($3::text)) \
      AND ($4::uuid IS NULL OR cardinality(weefsel_afspraak_gebieden(c, n.gebied_ids)) = 0 \
           OR weefsel_afspraak_gebieden(c, n.gebied_ids) && ARRAY(SELECT weefsel_gebied_verwant($4))) \
    ORDER BY n.naam, n.id";

async fn gemeentelijk(
    ctx: &Context,
    p: CrisisbeeldParams,
    gemeente: Uuid,
    vandaag: NaiveDate,
) -> ApiResult<CrisisbeeldGemeente> {
    let gebied = match p.gebied_id {
        Some(id) => Some(eigen_gebied(ctx, id).await?),
        None => None,
    };
    let rijen = AfspraakRij::find_by_statement(Statement::from_sql_and_values(
        DbBackend::Postgres,
        NETWERKEN,
        [
            gemeente.into(),
            p.scenario.as_str().into(),
            p.hulp.map(Hulpsoort::as_str).into(),
            p.gebied_id.into(),
            vandaag.into(),
        ],
    ))
    .all(ctx.db())
    .await?;
    let netwerken: Vec<CrisisNetwerk> = rijen.into_iter().filter_map(netwerk).collect();
    if ctx.caller.has(Recht::PersoonsgegevensLezen) && !netwerken.is_empty() {
        let ids: Vec<Uuid> = netwerken.iter().map(|n| n.netwerk_id).collect();
        let leden = actieve_leden(ctx, &ids, vandaag).await?;
        ctx.verwerkt(&leden, Handeling::Lezen, Activiteit::Crisisbeeld)
            .await?;
    }
    let (regionaal, organisaties) = hulpgevers(ctx, p.hulp, p.gebied_id)
        .await?
        .into_iter()
        .partition(|o| o.regionaal);
    Ok(CrisisbeeldGemeente {
        scenario: p.scenario,
        gebied,
        netwerken,
        organisaties,
        regionaal,
    })
}

/// Een gebied van de eigen gemeente; anders 400 op `gebiedId`.
async fn eigen_gebied(ctx: &Context, id: Uuid) -> ApiResult<GebiedKort> {
    let gevonden = crate::modules::gebieden::eigen_gebied(ctx, id).await?;
    let mut fouten = Fouten::new();
    fouten.check(
        gevonden.is_some(),
        "gebiedId",
        Foutcode::Ongeldig,
        "Dit is geen gebied van uw gemeente.",
    );
    fouten.finish()?;
    gevonden.ok_or(crate::http::problem::ApiError::NotFound)
}

fn netwerk(r: AfspraakRij) -> Option<CrisisNetwerk> {
    let a: Crisisafspraak = serde_json::from_str(&r.afspraak).ok()?;
    Some(CrisisNetwerk {
        netwerk_id: r.id,
        naam: r.naam,
        hulp: a.hulp,
        capaciteit: a.capaciteit,
        activering: Some(a.activering),
        activering_offline: a.activering_offline,
        laatst_herzien: a.laatst_herzien,
        verouderd: r.verouderd,
    })
}

/// De sleutelpersonen die vandaag lid zijn van een van `netwerken`.
async fn actieve_leden(
    ctx: &Context,
    netwerken: &[Uuid],
    vandaag: NaiveDate,
) -> ApiResult<Vec<Uuid>> {
    #[derive(FromQueryResult)]
    struct Lid {
        sleutelpersoon_id: Uuid,
    }
    let leden = Lid::find_by_statement(Statement::from_sql_and_values(
        DbBackend::Postgres,
        "SELECT DISTINCT sleutelpersoon_id FROM netwerk_lid \
         WHERE netwerk_id = ANY ($1) AND (eind IS NULL OR eind >= $2)",
        [netwerken.to_vec().into(), vandaag.into()],
    ))
    .all(ctx.db())
    .await?;
    Ok(leden.into_iter().map(|l| l.sleutelpersoon_id).collect())
}

/// De organisaties van de gemeente en de catalogus die hulp geven (`hulp`, of een
/// capaciteit) en `gebied` dienen, op naam.
async fn hulpgevers(
    ctx: &Context,
    hulp: Option<Hulpsoort>,
    gebied: Option<Uuid>,
) -> ApiResult<Vec<Organisatie>> {
    // De eigen kaart en de catalogus (`zichtbaar`): een gemeentelijke aanroeper.
    let rijen = zichtbaar(ctx, organisatie::Entity::find())
        .filter(Expr::cust("cardinality(capaciteiten) > 0"))
        .apply_if(hulp, |q, h| {
            q.filter(Expr::cust_with_values(
                "$1 = ANY (capaciteiten)",
                [h.as_str()],
            ))
        })
        .apply_if(gebied, |q, g| q.filter(dient(g)))
        .order_by_asc(organisatie::Column::Naam)
        .order_by_asc(organisatie::Column::Id)
        .all(ctx.db())
        .await?;
    ctx.met_codes(rijen, representatie).await
}

#[derive(Debug, FromQueryResult)]
struct ParaatRij {
    gemeente_id: Uuid,
    scenario: Option<String>,
    aantal: i64,
}

/// Per gemeente het aantal kleinste gebieden (`None`) en per scenario het aantal gedekte
/// (`weefsel_paraatheid`, migratie 000034), voor alles wat de aanroeper leest.
async fn paraatheid(
    ctx: &Context,
    vandaag: NaiveDate,
) -> ApiResult<HashMap<(Uuid, Option<Scenario>), i64>> {
    let rijen = ParaatRij::find_by_statement(Statement::from_sql_and_values(
        DbBackend::Postgres,
        "SELECT gemeente_id, scenario, aantal FROM weefsel_paraatheid(NULL, $1)",
        [vandaag.into()],
    ))
    .all(ctx.db())
    .await?;
    Ok(rijen
        .into_iter()
        .filter_map(|r| match r.scenario.as_deref() {
            None => Some(((r.gemeente_id, None), r.aantal)),
            Some(s) => Scenario::parse(s).map(|s| ((r.gemeente_id, Some(s)), r.aantal)),
        })
        .collect())
}

async fn regionaal(
    ctx: &Context,
    p: CrisisbeeldParams,
    vandaag: NaiveDate,
) -> ApiResult<CrisisbeeldRegio> {
    let mut fouten = Fouten::new();
    fouten.niet_gezet(
        &[
            ("gebiedId", p.gebied_id.is_some()),
            ("hulp", p.hulp.is_some()),
        ],
        "De regio krijgt alleen de paraatheid per gemeente; dit filter is voor gemeenten.",
    );
    fouten.finish()?;
    let tellingen = paraatheid(ctx, vandaag).await?;
    let aantal = |g: Uuid, s: Option<Scenario>| tellingen.get(&(g, s)).copied().unwrap_or(0);
    Ok(CrisisbeeldRegio {
        scenario: p.scenario,
        peildatum: vandaag,
        paraatheid: ctx
            .overziene_gemeenten(None)
            .await?
            .into_iter()
            .map(|g| Paraatheid {
                gedekt: aantal(g.id, Some(p.scenario)),
                kleinste_gebieden: aantal(g.id, None),
                gemeente: g.code,
                naam: g.naam,
            })
            .collect(),
    })
}

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(crisisbeeld);
}
