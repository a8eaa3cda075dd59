//! Het regionale dashboard (DOMAIN.md, "Regional dashboard"): waar aandacht nodig is,
//! geen rangorde van gemeenten. Alles geteld in SQL (`cijfers.sql`, de tellingen uit
//! migratie 000015); alleen aantallen, nooit persoonsgegevens; een telling van
//! sleutelpersonen onder 5 wordt niet getoond. Met `Accept: text/csv` als CSV voor
//! een spreadsheet.

use actix_web::{HttpRequest, HttpResponse, get, web};
use chrono::{Datelike, NaiveDate};
use entity::soorten::{Scenario, WerkSoort};
use sea_orm::{DbBackend, FromQueryResult, Statement};
use serde::Deserialize;
use utoipa::IntoParams;
use uuid::Uuid;

use crate::auth::Recht;
use crate::domein::codes::GemeenteCode;
use crate::domein::tijd;
use crate::http::csv::{self, Cel as CsvCel, Csv};
use crate::http::problem::{ApiError, ApiResult};
use crate::modules::kolommen::lijst;
use crate::modules::netwerken::Cel;
use crate::modules::werklijst;
use crate::tenancy::Context;

use super::weergave::*;

/// De SQL van de cijfers (ook `bench/sql/dashboard.sql`).
pub const CIJFERS: &str = include_str!("cijfers.sql");

#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(rename_all = "camelCase")]
#[into_params(parameter_in = Query)]
pub struct DashboardParams {
    /// Het budgetjaar voor budgetten en aanvragen; standaard dit jaar
    /// (Europe/Amsterdam).
    #[param(minimum = 2000, maximum = 2100)]
    jaar: Option<i32>,
}

/// De cijfers voor `gemeenten` (`None`: alles wat de aanroeper overziet).
async fn cijfers(
    ctx: &Context,
    gemeenten: Option<Vec<Uuid>>,
    jaar: i32,
    peildatum: NaiveDate,
) -> ApiResult<Tabel> {
    let rijen = Rij::find_by_statement(Statement::from_sql_and_values(
        DbBackend::Postgres,
        CIJFERS,
        [gemeenten.into(), jaar.into(), peildatum.into()],
    ))
    .all(ctx.db())
    .await?;
    Ok(Tabel::uit(rijen))
}

/// Het dashboard
///
/// Het geheel (`totaal`) en één rij per gemeente: gebieden per kwadrant en aanpak,
/// trajecten per status en stap, netwerken per fase en met signalen,
/// crisisafspraken per scenario, actieve sleutelpersonen (aantallen onder 5 niet
/// getoond, `onderdrukt: true`), budgetten en aanvragen van het jaar, initiatieven,
/// bijeenkomsten en oefeningen van de laatste twaalf maanden en open meldingen per
/// ernst. De regio ziet alle gemeenten, een gemeente alleen zichzelf. Met
/// `Accept: text/csv` een CSV (puntkomma's, bedragen in euro's met een decimale
/// komma).
#[utoipa::path(
    operation_id = "getDashboard",
    params(DashboardParams),
    responses(
        (status = 200, description = "De cijfers.", content(
            (Dashboard = "application/json"),
            (String = "text/csv", example = json!("\u{feff}gemeente;naam;gebieden\r\n"))
        )),
    ),
)]
#[get("/dashboard")]
pub async fn dashboard(
    ctx: Context,
    req: HttpRequest,
    params: web::Query<DashboardParams>,
) -> ApiResult<HttpResponse> {
    ctx.require(Recht::DashboardLezen)?;
    let peildatum = tijd::vandaag();
    let jaar = params.jaar.unwrap_or(peildatum.year());
    let gemeenten = ctx.overziene_gemeenten(None).await?;
    let tabel = cijfers(&ctx, None, jaar, peildatum).await?;
    let mut achterstand = werklijst::achterstand(&ctx, peildatum).await?;
    let gemeenten: Vec<GemeenteCijfers> = gemeenten
        .into_iter()
        .map(|g| GemeenteCijfers {
            cijfers: Cijfers {
                achterstand: achterstand.remove(&g.id).unwrap_or_default(),
                ..tabel.cijfers(Some(g.id), jaar)
            },
            gemeente: g.code,
            naam: g.naam,
        })
        .collect();
    let rijen: Vec<&[werklijst::WerkAantal]> = gemeenten
        .iter()
        .map(|g| g.cijfers.achterstand.as_slice())
        .collect();
    let body = Dashboard {
        jaar,
        peildatum,
        totaal: Cijfers {
            achterstand: werklijst::achterstand_totaal(&rijen),
            ..tabel.cijfers(None, jaar)
        },
        gemeenten,
    };
    if csv::gevraagd(&req) {
        return Ok(dashboard_csv(&body).antwoord(&format!("dashboard-{jaar}.csv")));
    }
    Ok(HttpResponse::Ok().json(body))
}

#[derive(FromQueryResult)]
struct GebiedRij {
    id: Uuid,
    naam: String,
    dna_kwadrant: Option<i16>,
    dna_aanpak: Vec<String>,
    traject_id: Option<Uuid>,
    traject_aanpak: Option<String>,
    huidige_stap: Option<i16>,
}

#[derive(FromQueryResult)]
struct NetwerkRij {
    id: Uuid,
    naam: String,
    fase: String,
    signalen: Vec<String>,
}

#[derive(FromQueryResult)]
struct BudgetRij {
    id: Uuid,
    naam: String,
    vorm: String,
    totaal_bedrag: i64,
    gereserveerd: i64,
    uitbetaald: i64,
}

const GEBIEDEN: &str = "SELECT g.id, g.naam, g.dna_kwadrant, g.dna_aanpak, t.id AS traject_id, \
    t.aanpak AS traject_aanpak, t.huidige_stap FROM gebied g \
    LEFT JOIN LATERAL (SELECT id, aanpak, huidige_stap FROM traject WHERE gebied_id = g.id \
      AND gemeente_id = g.gemeente_id AND status = 'lopend' ORDER BY created_at DESC, id DESC LIMIT 1) t ON true \
    WHERE g.gemeente_id = $1 ORDER BY g.naam, g.id";

const NETWERKEN: &str = "SELECT n.id, n.naam, n.fase, coalesce((SELECT array_agg(s.signaal ORDER BY s.signaal) \
    FROM weefsel_netwerk_signalen(ARRAY[$1::uuid], $2::date) s WHERE s.netwerk_id = n.id), '{}') AS signalen \
    FROM netwerk n WHERE n.gemeente_id = $1 ORDER BY n.naam, n.id";

const BUDGETTEN: &str = "SELECT id, naam, vorm, totaal_bedrag, gereserveerd, uitbetaald FROM budget \
    WHERE gemeente_id = $1 AND jaar = $2 ORDER BY naam, id";

/// Eén gemeente in het dashboard
///
/// De cijfers van de gemeente, en per gebied zijn kwadrant, aanpak en lopend traject
/// (met stap), per netwerk zijn fase en signalen, per budget van het jaar de totalen;
/// zonder persoonsgegevens. Een gemeentelijke aanroeper ziet alleen zijn eigen
/// gemeente (een andere is 404). Met `Accept: text/csv` een CSV.
#[utoipa::path(
    operation_id = "getDashboardGemeente",
    params(("code" = String, Path, description = "CBS-code van de gemeente", pattern = r"^GM[0-9]{4}$"), DashboardParams),
    responses(
        (status = 200, description = "De gemeente in detail.", content(
            (GemeenteDashboard = "application/json"),
            (String = "text/csv", example = json!("\u{feff}soort;id;naam\r\n"))
        )),
    ),
)]
#[get("/dashboard/gemeenten/{code}")]
pub async fn gemeente(
    ctx: Context,
    req: HttpRequest,
    code: web::Path<GemeenteCode>,
    params: web::Query<DashboardParams>,
) -> ApiResult<HttpResponse> {
    ctx.require(Recht::DashboardLezen)?;
    let peildatum = tijd::vandaag();
    let jaar = params.jaar.unwrap_or(peildatum.year());
    let g = ctx
        .overziene_gemeenten(Some(code.as_str()))
        .await?
        .into_iter()
        .next()
        .ok_or(ApiError::NotFound)?;
    let tabel = cijfers(&ctx, Some(vec![g.id]), jaar, peildatum).await?;
    let vraag = |sql: &str, waarden: Vec<sea_orm::Value>| {
        Statement::from_sql_and_values(DbBackend::Postgres, sql, waarden)
    };
    let gebieden = GebiedRij::find_by_statement(vraag(GEBIEDEN, vec![g.id.into()]))
        .all(ctx.db())
        .await?;
    let netwerken =
        NetwerkRij::find_by_statement(vraag(NETWERKEN, vec![g.id.into(), peildatum.into()]))
            .all(ctx.db())
            .await?;
    let budgetten = BudgetRij::find_by_statement(vraag(BUDGETTEN, vec![g.id.into(), jaar.into()]))
        .all(ctx.db())
        .await?;
    let mut achterstand = werklijst::achterstand(&ctx, peildatum).await?;
    let body = GemeenteDashboard {
        cijfers: Cijfers {
            achterstand: achterstand.remove(&g.id).unwrap_or_default(),
            ..tabel.cijfers(Some(g.id), jaar)
        },
        gemeente: g.code,
        naam: g.naam,
        jaar,
        peildatum,
        gebieden: gebieden
            .into_iter()
            .map(|r| GebiedRegel {
                id: r.id,
                naam: r.naam,
                kwadrant: r.dna_kwadrant,
                aanpak: lijst::<String>(&r.dna_aanpak),
                traject: r.traject_id.map(|id| TrajectRegel {
                    id,
                    aanpak: r.traject_aanpak.unwrap_or_default(),
                    huidige_stap: r.huidige_stap,
                }),
            })
            .collect(),
        netwerken: netwerken
            .into_iter()
            .map(|r| NetwerkRegel {
                id: r.id,
                naam: r.naam,
                fase: r.fase,
                signalen: r.signalen,
            })
            .collect(),
        budgetten: budgetten
            .into_iter()
            .map(|r| BudgetRegel {
                id: r.id,
                naam: r.naam,
                vorm: r.vorm,
                beschikbaar: r.totaal_bedrag - r.gereserveerd,
                totaal: r.totaal_bedrag,
                gereserveerd: r.gereserveerd,
                uitbetaald: r.uitbetaald,
            })
            .collect(),
    };
    if csv::gevraagd(&req) {
        return Ok(gemeente_csv(&body).antwoord(&format!("dashboard-{}-{jaar}.csv", body.gemeente)));
    }
    Ok(HttpResponse::Ok().json(body))
}

fn aantal(v: &[Aantal], sleutel: &str) -> i64 {
    v.iter()
        .find(|a| a.sleutel == sleutel)
        .map_or(0, |a| a.aantal)
}

fn cel(c: &Cel) -> CsvCel {
    c.aantal.map_or(CsvCel::Onderdrukt, CsvCel::Getal)
}

/// Kolommen met een telling per sleutel: (kolomnaam, sleutel), in CSV-volgorde.
const KWADRANT_KOLOMMEN: &[(&str, &str)] = &[
    ("kwadrant 1", "1"),
    ("kwadrant 2", "2"),
    ("kwadrant 3", "3"),
    ("kwadrant 4", "4"),
    ("kwadrant onbepaald", "onbepaald"),
];
const AANPAK_KOLOMMEN: &[(&str, &str)] = &[
    ("aanpak coachend", "coachend"),
    ("aanpak coordinerend", "coordinerend"),
];
const TRAJECT_KOLOMMEN: &[(&str, &str)] = &[
    ("trajecten lopend", "lopend"),
    ("trajecten afgerond", "afgerond"),
    ("trajecten gestopt", "gestopt"),
];
const FASE_KOLOMMEN: &[(&str, &str)] = &[
    ("netwerken voorbereiding", "voorbereiding"),
    ("netwerken opbouw", "opbouw"),
    ("netwerken uitvoering", "uitvoering"),
    ("netwerken afgerond", "afgerond"),
];

/// De paraatheid per scenario: kleinste gebieden gedekt door een afspraak die binnen
/// de termijn is doorgenomen.
const PARAAT_KOLOMMEN: &[(&str, Scenario)] = &[
    ("paraat stroomuitval", Scenario::Stroomuitval),
    ("paraat hittegolf", Scenario::Hittegolf),
    ("paraat extreem_weer", Scenario::ExtreemWeer),
    ("paraat overstroming", Scenario::Overstroming),
    ("paraat pandemie", Scenario::Pandemie),
    ("paraat uitval_drinkwater", Scenario::UitvalDrinkwater),
    ("paraat uitval_ict_telecom", Scenario::UitvalIctTelecom),
    ("paraat anders", Scenario::Anders),
];

/// Wat te laat is op de werklijst, per soort.
const ACHTERSTAND_KOLOMMEN: &[(&str, WerkSoort)] = &[
    ("te laat actie_bijeenkomst", WerkSoort::ActieBijeenkomst),
    (
        "te laat aanvraag_beslistermijn",
        WerkSoort::AanvraagBeslistermijn,
    ),
    (
        "te laat crisisafspraak_herzien",
        WerkSoort::CrisisafspraakHerzien,
    ),
    (
        "te laat veiligheidsafspraak_herzien",
        WerkSoort::VeiligheidsafspraakHerzien,
    ),
    ("te laat checkin", WerkSoort::Checkin),
    ("te laat lid_zonder_contact", WerkSoort::LidZonderContact),
    ("te laat oefening_evalueren", WerkSoort::OefeningEvalueren),
    ("te laat melding_open", WerkSoort::MeldingOpen),
    ("te laat traject_stil", WerkSoort::TrajectStil),
    ("te laat dna_meting_oud", WerkSoort::DnaMetingOud),
    (
        "te laat verbinder_aanstelling_eindigt",
        WerkSoort::VerbinderAanstellingEindigt,
    ),
    (
        "te laat toestemming_bewaartermijn",
        WerkSoort::ToestemmingBewaartermijn,
    ),
];

/// De kolommen van `kolommen` met hun telling in `lijst` (0 als de sleutel ontbreekt).
fn per_sleutel<'a>(
    kolommen: &'a [(&'static str, &'static str)],
    lijst: &'a [Aantal],
) -> impl Iterator<Item = (&'static str, CsvCel)> + 'a {
    kolommen
        .iter()
        .map(|(naam, sleutel)| (*naam, CsvCel::Getal(aantal(lijst, sleutel))))
}

/// De kolommen van een rij cijfers in de CSV, met hun waarde.
fn kolommen(c: &Cijfers) -> Vec<(&'static str, CsvCel)> {
    use CsvCel::{Euro, Getal};
    let mut k: Vec<(&'static str, CsvCel)> = vec![("gebieden", Getal(c.gebieden.totaal))];
    k.extend(per_sleutel(KWADRANT_KOLOMMEN, &c.gebieden.per_kwadrant));
    k.extend(per_sleutel(AANPAK_KOLOMMEN, &c.gebieden.per_aanpak));
    k.push(("gebieden met traject", Getal(c.gebieden.met_traject)));
    k.extend(per_sleutel(TRAJECT_KOLOMMEN, &c.trajecten.per_status));
    k.push(("netwerken", Getal(c.netwerken.totaal)));
    k.extend(per_sleutel(FASE_KOLOMMEN, &c.netwerken.per_fase));
    k.extend([
        ("netwerken met signaal", Getal(c.netwerken.met_signaal)),
        (
            "crisisafspraken",
            Getal(c.crisisafspraken.iter().map(|a| a.aantal).sum()),
        ),
        (
            "crisisafspraken te herzien",
            Getal(c.crisisafspraken.iter().map(|a| a.te_herzien).sum()),
        ),
    ]);
    k.push((
        "kleinste gebieden",
        Getal(c.crisisafspraken.first().map_or(0, |a| a.kleinste_gebieden)),
    ));
    for (naam, scenario) in PARAAT_KOLOMMEN {
        let a = c.crisisafspraken.iter().find(|a| a.scenario == *scenario);
        k.push((naam, Getal(a.map_or(0, |a| a.gedekt))));
    }
    k.extend([
        ("actieve sleutelpersonen", cel(&c.sleutelpersonen.actief)),
        ("budgetten", Getal(c.budgetten.aantal)),
        ("budget totaal (euro)", Euro(c.budgetten.totaal)),
        ("gereserveerd (euro)", Euro(c.budgetten.gereserveerd)),
        ("uitbetaald (euro)", Euro(c.budgetten.uitbetaald)),
        ("beschikbaar (euro)", Euro(c.budgetten.beschikbaar)),
    ]);
    for (naam, a) in AANVRAAG_KOLOMMEN.iter().zip(&c.aanvragen.per_status) {
        k.push((naam, Getal(a.aantal)));
    }
    k.extend([
        (
            "mediane dagen tot besluit",
            c.aanvragen
                .mediane_dagen_tot_besluit
                .map_or(CsvCel::Leeg, CsvCel::Decimaal),
        ),
        ("aanvragen te laat", Getal(c.aanvragen.te_laat)),
        ("initiatieven", Getal(c.initiatieven.totaal)),
        (
            "bijeenkomsten laatste 12 maanden",
            Getal(c.bijeenkomsten_laatste_12_maanden),
        ),
        (
            "oefeningen laatste 12 maanden",
            Getal(c.oefeningen_laatste_12_maanden),
        ),
        ("open meldingen", Getal(c.meldingen.open)),
    ]);
    for (naam, a) in MELDING_KOLOMMEN.iter().zip(&c.meldingen.open_per_ernst) {
        k.push((naam, Getal(a.aantal)));
    }
    for (naam, soort) in ACHTERSTAND_KOLOMMEN {
        let a = c.achterstand.iter().find(|a| a.soort == *soort);
        k.push((
            naam,
            a.map_or(CsvCel::Leeg, |a| {
                a.aantal.map_or(CsvCel::Onderdrukt, CsvCel::Getal)
            }),
        ));
    }
    k
}

/// De kolomnamen van de aanvragen per status, in de volgorde van `AanvraagStatus`.
const AANVRAAG_KOLOMMEN: [&str; 6] = [
    "aanvragen concept",
    "aanvragen ingediend",
    "aanvragen toegekend",
    "aanvragen deels toegekend",
    "aanvragen afgewezen",
    "aanvragen ingetrokken",
];

/// De kolomnamen van de open meldingen per ernst, in de volgorde van `Ernst`.
const MELDING_KOLOMMEN: [&str; 4] = [
    "open meldingen laag",
    "open meldingen middel",
    "open meldingen hoog",
    "open meldingen acuut",
];

/// Eén regel per gemeente en een laatste regel met het totaal.
fn dashboard_csv(d: &Dashboard) -> Csv {
    let koppen: Vec<&str> = ["gemeente", "naam"]
        .into_iter()
        .chain(kolommen(&d.totaal).into_iter().map(|(k, _)| k))
        .collect();
    let mut csv = Csv::new(&koppen);
    let regel = |code: &str, naam: &str, c: &Cijfers| {
        [
            CsvCel::Tekst(code.to_owned()),
            CsvCel::Tekst(naam.to_owned()),
        ]
        .into_iter()
        .chain(kolommen(c).into_iter().map(|(_, v)| v))
        .collect::<Vec<_>>()
    };
    for g in &d.gemeenten {
        csv.regel(regel(&g.gemeente, &g.naam, &g.cijfers));
    }
    csv.regel(regel("", "Totaal", &d.totaal));
    csv
}

/// Eén regel per gebied, netwerk en budget (kolom `soort`).
fn gemeente_csv(d: &GemeenteDashboard) -> Csv {
    use CsvCel::{Euro, Getal, Leeg, Tekst};
    let mut csv = Csv::new(&[
        "soort",
        "id",
        "naam",
        "kwadrant",
        "aanpak",
        "traject",
        "stap",
        "fase",
        "signalen",
        "totaal (euro)",
        "gereserveerd (euro)",
        "uitbetaald (euro)",
        "beschikbaar (euro)",
    ]);
    for g in &d.gebieden {
        csv.regel(vec![
            Tekst("gebied".into()),
            Tekst(g.id.to_string()),
            Tekst(g.naam.clone()),
            g.kwadrant.map_or(Leeg, |k| Getal(k.into())),
            Tekst(g.aanpak.join(", ")),
            g.traject.as_ref().map_or(Leeg, |t| Tekst(t.aanpak.clone())),
            g.traject
                .as_ref()
                .and_then(|t| t.huidige_stap)
                .map_or(Leeg, |s| Getal(s.into())),
            Leeg,
            Leeg,
            Leeg,
            Leeg,
            Leeg,
            Leeg,
        ]);
    }
    for n in &d.netwerken {
        csv.regel(vec![
            Tekst("netwerk".into()),
            Tekst(n.id.to_string()),
            Tekst(n.naam.clone()),
            Leeg,
            Leeg,
            Leeg,
            Leeg,
            Tekst(n.fase.clone()),
            Tekst(n.signalen.join(", ")),
            Leeg,
            Leeg,
            Leeg,
            Leeg,
        ]);
    }
    for b in &d.budgetten {
        csv.regel(vec![
            Tekst("budget".into()),
            Tekst(b.id.to_string()),
            Tekst(b.naam.clone()),
            Leeg,
            Leeg,
            Leeg,
            Leeg,
            Tekst(b.vorm.clone()),
            Leeg,
            Euro(b.totaal),
            Euro(b.gereserveerd),
            Euro(b.uitbetaald),
            Euro(b.beschikbaar),
        ]);
    }
    csv
}

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(dashboard).service(gemeente);
}
