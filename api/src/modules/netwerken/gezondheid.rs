//! De gezondheid van een netwerk: signalen ter overweging, geen cijfer (de regels
//! staan in [`crate::domein::gezondheid`]). Alles in SQL: de tellingen over het
//! record in één statement, de diversiteit en de spreiding over gebieden uit
//! `weefsel_netwerk_diversiteit`, die met de rechten van de eigenaar telt, cellen
//! onder 5 onderdrukt en de aanroeper nooit een persoonlijk veld geeft.

use std::collections::BTreeSet;

use actix_web::{HttpResponse, get, web};
use entity::netwerk;
use entity::soorten::{Belang, NetwerkDoel, Scenario, SleutelpersoonType};
use sea_orm::{DbBackend, FromQueryResult, Statement};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::auth::Recht;
use crate::domein::gezondheid as regels;
use crate::http::problem::ApiResult;
use crate::tenancy::Context;

use super::invoer::Crisisafspraak;
use super::weergave::json;

/// Een aantal over persoonlijke kenmerken: onder 5 niet getoond.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Cel {
    /// `null` als het aantal onder 5 ligt.
    pub aantal: Option<i64>,
    pub onderdrukt: bool,
}

impl Cel {
    /// Een aantal dat de database al onderdrukte (`NULL` onder 5).
    fn uit(aantal: Option<i64>) -> Cel {
        Cel {
            aantal,
            onderdrukt: aantal.is_none(),
        }
    }

    /// Een telling van sleutelpersonen: onder 5 niet getoond.
    pub fn geteld(aantal: i64) -> Cel {
        Cel::uit(Some(aantal).filter(|n| *n >= regels::KLEINSTE_CEL))
    }

    /// Een totaal van sleutelpersonen voor wie hen niet ziet: onder 5 niet getoond,
    /// anders naar beneden afgerond op een veelvoud van 5 (issue 30).
    pub fn afgerond(aantal: i64) -> Cel {
        Cel::uit(
            Some(aantal)
                .filter(|n| *n >= regels::KLEINSTE_CEL)
                .map(regels::afgerond),
        )
    }

    /// Een telling die de aanroeper precies mag zien (hij ziet de personen zelf).
    pub fn precies(aantal: i64) -> Cel {
        Cel {
            aantal: Some(aantal),
            onderdrukt: false,
        }
    }
}

/// Eén kant van een diversiteitsdimensie.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Kant {
    /// `jong`/`oud`, `met`/`zonder`, `bekend`/`onbekend`, `theoretisch`/`praktisch`.
    pub kant: String,
    #[serde(flatten)]
    pub cel: Cel,
}

/// De verdeling van de actieve leden over één dimensie (leden zonder waarde tellen
/// niet mee).
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Dimensie {
    /// `leeftijdsgroep`, `migratieachtergrond`, `hulpverlenendBeroep`,
    /// `bekendBijGemeente` of `opleidingsrichting`.
    pub dimensie: String,
    pub verdeling: Vec<Kant>,
    /// Signaal: één kant heeft meer dan 80 % van de bekende waarden.
    pub scheef: bool,
}

/// Actieve leden per gebied.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct GebiedCel {
    /// `null`: leden zonder gebied.
    pub gebied_id: Option<Uuid>,
    #[serde(flatten)]
    pub cel: Cel,
}

/// De belangen die een wijknetwerkdoel nodig heeft en onder de leden mist.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct OntbrekendBelang {
    pub doel: NetwerkDoel,
    pub belangen: Vec<Belang>,
}

/// De gezondheid van een netwerk: signalen om over in gesprek te gaan, geen oordeel.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Gezondheid {
    pub netwerk_id: Uuid,
    /// Actieve sleutelpersonen met een lopend lidmaatschap; voor wie geen
    /// persoonsgegevens ziet (de regio, raadplegers, budgethouders, koppelingen zonder
    /// `sleutelpersonen.lezen`) naar beneden afgerond op een veelvoud van 5.
    pub actieve_leden: i64,
    /// Minder dan 10 actieve leden: wie geen persoonsgegevens ziet, krijgt geen
    /// `diversiteit`, geen `spreidingOverGebieden` en dus geen `scheef` (één lid erbij
    /// of eraf zou te herleiden zijn).
    pub te_klein: bool,
    /// Typen sleutelpersonen die onder de actieve leden ontbreken.
    pub ontbrekende_typen: Vec<SleutelpersoonType>,
    pub diversiteit: Vec<Dimensie>,
    pub spreiding_over_gebieden: Vec<GebiedCel>,
    pub contactambtenaren: i64,
    /// Signaal: een sleutelpersonennetwerk met minder dan twee contactambtenaren, of
    /// een wijknetwerk zonder contactpersoon; nooit bij een ad-hocnetwerk.
    pub te_weinig_contactambtenaren: bool,
    /// Signaal (alleen een wijknetwerk): geen vaste contactpersoon (`primair`) of geen
    /// tweede contactambtenaar als achtervang.
    pub geen_vast_contact: bool,
    /// Dagen sinds de laatste bijeenkomst van het netwerk (tot en met vandaag);
    /// `null` als er nog geen was.
    pub dagen_sinds_laatste_bijeenkomst: Option<i64>,
    /// Signaal: geen bijeenkomst in de laatste zes maanden.
    pub geen_recente_bijeenkomst: bool,
    /// Uitstroom van leden in de laatste twaalf maanden (afgerond als `actieveLeden`).
    pub uitstroom_laatste_12_maanden: i64,
    /// Actieve leden zonder (vastgelegd) contact in de laatste 180 dagen (afgerond als
    /// `actieveLeden`).
    pub leden_zonder_contact: i64,
    /// Crisisafspraken die langer dan een jaar (of nooit) zijn doorgenomen.
    pub crisisafspraken_niet_herzien: Vec<Scenario>,
    /// Per wijknetwerkdoel de belangen die onder de leden en partnerorganisaties
    /// ontbreken.
    pub ontbrekende_belangen: Vec<OntbrekendBelang>,
    /// Veiligheidsafspraken waarvan de herzieningsdatum voorbij is.
    pub veiligheidsafspraken_te_herzien: i64,
    /// Actieve leden met een verhoogd risico zonder check-in in de laatste 90 dagen.
    /// Onder 5 onderdrukt, behalve voor wie de persoonsgegevens mag zien.
    pub checkins_achterstallig: Cel,
}

#[derive(FromQueryResult)]
struct Tellingen {
    actieve_leden: i64,
    typen: Vec<String>,
    belangen: Vec<String>,
    uitstroom: i64,
    zonder_contact: i64,
    laatste_bijeenkomst: Option<chrono::NaiveDate>,
    afspraken_te_herzien: i64,
    checkins_achterstallig: i64,
}

/// Eén dimensie uit de database: haar naam, per kant het aantal (`None` onder 5) en
/// of ze scheef is.
type Groep = (String, Vec<(String, Option<i64>)>, bool);

#[derive(FromQueryResult)]
struct DiversiteitRij {
    dimensie: String,
    kant: String,
    aantal: Option<i64>,
    scheef: bool,
}

const TELLINGEN: &str = r#"
WITH leden AS (
    SELECT l.belang, s.id, s.status, s.typen, s.laatste_contact, s.verhoogd_risico, s.laatste_checkin
    FROM netwerk_lid l JOIN sleutelpersoon s ON s.id = l.sleutelpersoon_id
    WHERE l.netwerk_id = $1 AND (l.eind IS NULL OR l.eind >= $2)
)
SELECT
    count(*) FILTER (WHERE status = 'actief') AS actieve_leden,
    coalesce((SELECT array_agg(DISTINCT t) FROM leden, unnest(typen) t WHERE status = 'actief'), '{}') AS typen,
    coalesce(array_agg(DISTINCT belang) FILTER (WHERE belang IS NOT NULL AND status = 'actief'), '{}')
      || coalesce((SELECT array_agg(DISTINCT r) FROM netwerk_partner p JOIN organisatie o ON o.id = p.organisatie_id,
                   unnest(o.rollen) r WHERE p.netwerk_id = $1), '{}') AS belangen,
    (SELECT count(*) FROM netwerk_lid l JOIN sleutelpersoon_status h ON h.sleutelpersoon_id = l.sleutelpersoon_id
      WHERE l.netwerk_id = $1 AND h.status = 'uitgestroomd' AND h.datum > ($2::date - interval '12 months')) AS uitstroom,
    count(*) FILTER (WHERE status = 'actief' AND (laatste_contact IS NULL OR laatste_contact < $2::date - $3::int)) AS zonder_contact,
    (SELECT max(datum) FROM bijeenkomst WHERE netwerk_id = $1 AND datum <= $2) AS laatste_bijeenkomst,
    (SELECT count(*) FROM veiligheidsafspraak WHERE netwerk_id = $1 AND herzien_voor < $2) AS afspraken_te_herzien,
    count(DISTINCT id) FILTER (WHERE status = 'actief' AND verhoogd_risico
        AND (laatste_checkin IS NULL OR laatste_checkin < $2::date - $4::int)) AS checkins_achterstallig
FROM leden
"#;

/// Gezondheid van een netwerk
///
/// Ook voor de regio: alleen tellingen, en elke telling over persoonlijke kenmerken
/// (diversiteit, spreiding over gebieden) onder 5 is `null` met `onderdrukt: true`;
/// is in een verdeling precies één cel onderdrukt, dan ook de kleinste andere. Wie
/// geen persoonsgegevens ziet, krijgt de aantallen afgerond op een veelvoud van 5 en
/// bij minder dan 10 actieve leden geen verdeling (`teKlein: true`).
#[utoipa::path(
    operation_id = "getNetwerkGezondheid",
    params(("id" = Uuid, Path, description = "Id van het netwerk")),
    responses(
        (status = 200, description = "De signalen.", body = Gezondheid),
    ),
)]
#[get("/netwerken/{id}/gezondheid")]
pub async fn netwerk_gezondheid(ctx: Context, id: web::Path<Uuid>) -> ApiResult<HttpResponse> {
    ctx.require(Recht::NetwerkenLezen)?;
    let netwerk = ctx.find::<netwerk::Entity>(*id).await?;
    let vandaag = crate::domein::tijd::vandaag();
    let t = tellingen(&ctx, netwerk.id, vandaag).await?;
    let rijen = DiversiteitRij::find_by_statement(Statement::from_sql_and_values(
        DbBackend::Postgres,
        "SELECT dimensie, kant, aantal, scheef FROM weefsel_netwerk_diversiteit($1)",
        [netwerk.id.into()],
    ))
    .all(ctx.db())
    .await?;
    // Voor wie geen persoonsgegevens ziet: aanvullend onderdrukt, afgerond, en bij een
    // klein netwerk geen verdeling (issue 30).
    let beschermd = !ctx.caller.has(Recht::PersoonsgegevensLezen);
    let te_klein = beschermd && t.actieve_leden < regels::KLEINSTE_NETWERK;
    let totaal = |n: i64| if beschermd { regels::afgerond(n) } else { n };
    let (diversiteit, spreiding) = verdeling(rijen, beschermd, te_klein);
    let typen: BTreeSet<SleutelpersoonType> = t
        .typen
        .iter()
        .filter_map(|t| SleutelpersoonType::parse(t))
        .collect();
    let belangen: BTreeSet<Belang> = t.belangen.iter().filter_map(|b| Belang::parse(b)).collect();
    let ontbrekende_belangen = netwerk
        .doelen
        .iter()
        .filter_map(|d| NetwerkDoel::parse(d))
        .map(|doel| OntbrekendBelang {
            doel,
            belangen: regels::ontbrekende_belangen(doel, &belangen),
        })
        .filter(|o| !o.belangen.is_empty())
        .collect();
    let jaar_geleden = vandaag
        .checked_sub_months(chrono::Months::new(12))
        .unwrap_or(vandaag);
    let crisis: Vec<Crisisafspraak> = json(&netwerk.crisisafspraken);
    let dagen_sinds = t.laatste_bijeenkomst.map(|d| (vandaag - d).num_days());
    let contactambtenaren = netwerk.contactambtenaren.len();
    let (te_weinig, geen_vast_contact) =
        regels::contactsignalen(netwerk.vorm, contactambtenaren, netwerk.primair.is_some());
    let body = Gezondheid {
        netwerk_id: netwerk.id,
        actieve_leden: totaal(t.actieve_leden),
        te_klein,
        ontbrekende_typen: regels::ontbrekende_typen(&typen),
        diversiteit,
        spreiding_over_gebieden: spreiding,
        contactambtenaren: contactambtenaren as i64,
        te_weinig_contactambtenaren: te_weinig,
        geen_vast_contact,
        dagen_sinds_laatste_bijeenkomst: dagen_sinds,
        geen_recente_bijeenkomst: dagen_sinds.is_none_or(|d| d > regels::DAGEN_ZONDER_BIJEENKOMST),
        uitstroom_laatste_12_maanden: totaal(t.uitstroom),
        leden_zonder_contact: totaal(t.zonder_contact),
        crisisafspraken_niet_herzien: crisis
            .iter()
            .filter(|c| c.laatst_herzien.is_none_or(|d| d < jaar_geleden))
            .map(|c| c.scenario)
            .collect(),
        ontbrekende_belangen,
        veiligheidsafspraken_te_herzien: t.afspraken_te_herzien,
        checkins_achterstallig: if ctx.caller.has(Recht::PersoonsgegevensLezen) {
            Cel::precies(t.checkins_achterstallig)
        } else {
            Cel::afgerond(t.checkins_achterstallig)
        },
    };
    Ok(HttpResponse::Ok().json(body))
}

/// De tellingen van het netwerk in SQL (leden, uitstroom, contact, check-ins).
async fn tellingen(ctx: &Context, id: Uuid, vandaag: chrono::NaiveDate) -> ApiResult<Tellingen> {
    Ok(Tellingen::find_by_statement(Statement::from_sql_and_values(
        DbBackend::Postgres,
        TELLINGEN,
        [
            id.into(),
            vandaag.into(),
            (regels::DAGEN_ZONDER_CONTACT as i32).into(),
            (regels::DAGEN_TUSSEN_CHECKINS as i32).into(),
        ],
    ))
    .one(ctx.db())
    .await?
    .unwrap_or(Tellingen {
        actieve_leden: 0,
        typen: vec![],
        belangen: vec![],
        uitstroom: 0,
        zonder_contact: 0,
        laatste_bijeenkomst: None,
        afspraken_te_herzien: 0,
        checkins_achterstallig: 0,
    }))
}

/// De diversiteit per dimensie en de spreiding over gebieden, met de cellen
/// onderdrukt voor wie geen persoonsgegevens ziet (`beschermd`), en niets bij een te
/// klein netwerk.
fn verdeling(
    rijen: Vec<DiversiteitRij>,
    beschermd: bool,
    te_klein: bool,
) -> (Vec<Dimensie>, Vec<GebiedCel>) {
    let mut groepen: Vec<Groep> = Vec::new();
    for r in rijen {
        match groepen.last_mut().filter(|g| g.0 == r.dimensie) {
            Some(g) => {
                g.1.push((r.kant, r.aantal));
                g.2 |= r.scheef;
            }
            None => groepen.push((r.dimensie, vec![(r.kant, r.aantal)], r.scheef)),
        }
    }
    let mut diversiteit: Vec<Dimensie> = Vec::new();
    let mut spreiding = Vec::new();
    for (dimensie, kanten, scheef) in groepen.into_iter().filter(|_| !te_klein) {
        let aantallen: Vec<Option<i64>> = kanten.iter().map(|(_, n)| *n).collect();
        let cellen = regels::onderdrukt(&aantallen, beschermd);
        if dimensie == "gebied" {
            spreiding.extend(
                kanten
                    .into_iter()
                    .zip(&cellen)
                    .map(|((kant, _), cel)| GebiedCel {
                        gebied_id: kant.parse().ok(),
                        cel: Cel::uit(*cel),
                    }),
            );
            continue;
        }
        diversiteit.push(Dimensie {
            dimensie,
            scheef: if beschermd {
                regels::scheef(&cellen)
            } else {
                scheef
            },
            verdeling: kanten
                .into_iter()
                .zip(&cellen)
                .map(|((kant, _), cel)| Kant {
                    kant,
                    cel: Cel::uit(*cel),
                })
                .collect(),
        });
    }
    (diversiteit, spreiding)
}
