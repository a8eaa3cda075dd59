//! `GET /api/v1/wijzigingen`: de wijzigingenstroom van de eigen gemeente, gelezen uit de
//! audit trail (`weefsel_wijzigingen`, migratie 000036).

use actix_web::{HttpRequest, HttpResponse, get, web};
use chrono::{DateTime, Duration, Utc};
use sea_orm::{DbBackend, FromQueryResult, Statement};
use serde::Deserialize;
use utoipa::IntoParams;
use uuid::Uuid;

use super::weergave::*;
use crate::audit::verwerking::{Activiteit, Handeling};
use crate::auth::{Actor, Recht};
use crate::domein::tijd;
use crate::domein::wijzigingen::{Kandidaat, Positie, samenvoegen};
use crate::http::invoer::Fouten;
use crate::http::pagination::Link;
use crate::http::problem::{ApiError, ApiResult, Code, Foutcode, Problem};
use crate::modules::audit_trail::ResourceSoort;
use crate::tenancy::Context;

/// Hoeveel regels een pagina standaard en hoogstens heeft.
const STANDAARD: u32 = 100;
const HOOGSTENS: u32 = 1000;

/// Hoe lang de stroom een positie aanneemt (`WEEFSEL_WIJZIGINGEN_BEWAARDAGEN`).
#[derive(Debug, Clone, Copy)]
pub struct Bewaardagen(pub u32);

#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(rename_all = "camelCase")]
#[into_params(parameter_in = Query)]
pub struct WijzigingenParams {
    /// De positie waarna u verder leest: `positie` van de laatste regel die u verwerkte,
    /// of `volgende` van de vorige pagina. Zonder: vanaf de eerste wijziging binnen de
    /// bewaartermijn.
    #[param(pattern = r"^[0-9]{1,18}\.[0-9]{1,18}$", example = "41.7")]
    na: Option<String>,
    /// Hoeveel regels hoogstens (standaard 100, hoogstens 1000).
    #[param(minimum = 1, maximum = 1000, default = 100, example = 100)]
    pagina_grootte: Option<u32>,
}

#[derive(Debug, FromQueryResult)]
struct Rij {
    bron: String,
    volgnummer: Option<i64>,
    tijdstip: Option<DateTime<Utc>>,
    resource: Option<String>,
    resource_id: Option<String>,
    actie: Option<String>,
    pad: Option<String>,
    persoon: Option<Uuid>,
}

/// Wat een regel draagt tot ze een positie krijgt.
struct Inhoud {
    gemeente: Option<String>,
    resource: String,
    resource_id: String,
    actie: String,
    tijdstip: DateTime<Utc>,
    pad: Option<String>,
    persoon: Option<Uuid>,
}

/// Wijzigingen
///
/// Wat er in uw gemeente veranderde, oudste eerst: per regel de resource, haar id, de
/// actie (`aangemaakt`, `gewijzigd`, `verwijderd`), het tijdstip, het pad en de
/// `positie`; nooit de waarden (lees de resource op `pad`). Lees verder met `na` =
/// `volgende`. Binnen een gemeente staan de regels in de volgorde van de commits en
/// slaat de stroom geen gecommitte wijziging over. Wijzigingen van de regionale
/// catalogus en de leidraad (`gemeente: null`) staan in de stroom van elke gemeente.
///
/// Een regel staat er alleen als u de resource nu mag lezen: een koppeling met
/// `wijzigingen.lezen` ziet alleen de resources van haar andere scopes, over
/// sleutelpersonen, lidmaatschappen, check-ins en bezwaren alleen met
/// `sleutelpersonen.lezen` en over meldingen alleen met `meldingen.lezen`, en nooit over
/// iemand met verhoogd risico. Een antwoord met zulke regels komt in het
/// verwerkingenlogboek (activiteit `synchronisatie`). Regionale rollen: 403.
///
/// Een positie van langer geleden dan de bewaartermijn (standaard 90 dagen), terwijl er
/// sindsdien iets veranderde wat u mag zien: 410 `positie_verlopen`; haal dan de lijsten
/// opnieuw op en begin zonder `na`.
#[utoipa::path(
    operation_id = "listWijzigingen",
    params(WijzigingenParams),
    responses(
        (status = 200, description = "De volgende wijzigingen, oudste eerst.", body = Wijzigingen),
        (status = 400, description = "Een ongeldige `na` of `paginaGrootte`, of een positie die deze gemeente nooit gaf.", body = Problem, content_type = "application/problem+json"),
        (status = 410, description = "`positie_verlopen`: de positie ligt voor de bewaartermijn; synchroniseer opnieuw.", body = Problem, content_type = "application/problem+json"),
    ),
)]
#[get("/wijzigingen")]
pub async fn list(
    ctx: Context,
    req: HttpRequest,
    params: web::Query<WijzigingenParams>,
    bewaardagen: web::Data<Bewaardagen>,
) -> ApiResult<HttpResponse> {
    ctx.require(Recht::WijzigingenLezen)?;
    let Some(gemeente) = ctx.caller.gemeente.clone() else {
        return Err(ApiError::Forbidden(
            Code::AlleenGemeente,
            "De wijzigingenstroom is per gemeente; de regio leest de gemeenten zelf.".into(),
        ));
    };
    let (na, limiet) = invoer(&params)?;
    let grens = tijd::nu() - Duration::days(i64::from(bewaardagen.0));
    let rijen = Rij::find_by_statement(Statement::from_sql_and_values(
        DbBackend::Postgres,
        "SELECT bron, volgnummer, tijdstip, resource, resource_id, actie, pad, persoon \
         FROM weefsel_wijzigingen($1, $2, $3, $4, $5, $6, $7, $8)",
        [
            gemeente.id.into(),
            gemeente.code.clone().into(),
            na.map(|p| p.gemeente).into(),
            na.map(|p| p.regio).into(),
            grens.into(),
            (limiet as i32).into(),
            leesbaar(&ctx).into(),
            matches!(ctx.caller.actor, Actor::Koppeling(_)).into(),
        ],
    ))
    .all(ctx.db())
    .await?;
    let stroom = Stroom::uit(rijen, &gemeente.code);
    if let Some(na) = na {
        stroom.controleer(na, grens)?;
    }
    let pagina = samenvoegen(
        stroom.start,
        stroom.kop,
        stroom.gemeente,
        stroom.regio,
        limiet,
    );
    let personen: Vec<Uuid> = pagina
        .regels
        .iter()
        .filter_map(|(_, r)| r.persoon)
        .collect();
    ctx.verwerkt(&personen, Handeling::Lezen, Activiteit::Synchronisatie)
        .await?;
    let body = Wijzigingen {
        links: WijzigingenLinks {
            self_: Link {
                href: format!("/api/v1/wijzigingen?{}", req.query_string()),
            },
            volgende: Link {
                href: format!(
                    "/api/v1/wijzigingen?na={}&paginaGrootte={limiet}",
                    pagina.volgende
                ),
            },
        },
        volgende: pagina.volgende.to_string(),
        resultaten: pagina
            .regels
            .into_iter()
            .map(|(positie, r)| Wijzigingsregel {
                positie: positie.to_string(),
                gemeente: r.gemeente,
                resource: r.resource,
                resource_id: r.resource_id,
                actie: r.actie,
                tijdstip: r.tijdstip,
                pad: r.pad,
            })
            .collect(),
    };
    ctx.commit_then(HttpResponse::Ok().json(body)).await
}

/// `na` en de paginagrootte, met elk fout veld genoemd.
fn invoer(params: &WijzigingenParams) -> ApiResult<(Option<Positie>, usize)> {
    let mut fouten = Fouten::new();
    let na = params.na.as_deref().map(Positie::parse);
    fouten.check(
        !matches!(na, Some(None)),
        "na",
        Foutcode::Ongeldig,
        "Geef een positie uit de stroom (`positie` of `volgende`), zoals 41.7.",
    );
    let grootte = params.pagina_grootte.unwrap_or(STANDAARD);
    fouten.check(
        (1..=HOOGSTENS).contains(&grootte),
        "paginaGrootte",
        Foutcode::Ongeldig,
        "Tussen 1 en 1000.",
    );
    fouten.finish()?;
    Ok((na.flatten(), grootte as usize))
}

/// De soorten resource die de aanroeper nu mag lezen (dezelfde regel als de audit trail).
fn leesbaar(ctx: &Context) -> Vec<String> {
    ResourceSoort::ALLE
        .into_iter()
        .filter(|r| *r != ResourceSoort::AuditTrail)
        .filter(|r| r.leesrechten().iter().all(|recht| ctx.caller.has(*recht)))
        .map(|r| r.as_str().to_owned())
        .collect()
}

/// De rijen van `weefsel_wijzigingen`, per keten.
struct Stroom {
    start: Positie,
    kop: Positie,
    gemeente: Vec<Kandidaat<Inhoud>>,
    regio: Vec<Kandidaat<Inhoud>>,
}

impl Stroom {
    fn uit(rijen: Vec<Rij>, code: &str) -> Stroom {
        let mut stroom = Stroom {
            start: Positie::default(),
            kop: Positie::default(),
            gemeente: Vec::new(),
            regio: Vec::new(),
        };
        for rij in rijen {
            let nummer = rij.volgnummer.unwrap_or(0);
            match rij.bron.as_str() {
                "start" => stroom.start.gemeente = nummer,
                "start_regio" => stroom.start.regio = nummer,
                "kop" => stroom.kop.gemeente = nummer,
                "kop_regio" => stroom.kop.regio = nummer,
                bron => {
                    let regionaal = bron == "regio";
                    let (Some(tijdstip), Some(resource), Some(resource_id), Some(actie)) =
                        (rij.tijdstip, rij.resource, rij.resource_id, rij.actie)
                    else {
                        continue;
                    };
                    let kandidaat = Kandidaat {
                        volgnummer: nummer,
                        tijdstip,
                        inhoud: Inhoud {
                            gemeente: (!regionaal).then(|| code.to_owned()),
                            resource,
                            resource_id,
                            actie,
                            tijdstip,
                            pad: rij.pad,
                            persoon: rij.persoon,
                        },
                    };
                    if regionaal {
                        stroom.regio.push(kandidaat);
                    } else {
                        stroom.gemeente.push(kandidaat);
                    }
                }
            }
        }
        stroom
    }

    /// Een positie die de gemeente nooit gaf: 400; een positie voor de bewaartermijn
    /// terwijl er sindsdien iets zichtbaars veranderde: 410.
    fn controleer(&self, na: Positie, grens: DateTime<Utc>) -> ApiResult<()> {
        if !na.binnen(self.kop) {
            return Err(ApiError::Validation(vec![
                crate::http::problem::InvalidParam::new(
                    "na",
                    Foutcode::Ongeldig,
                    "Deze positie heeft de stroom van uw gemeente nooit gegeven.",
                ),
            ]));
        }
        let eerste = self.gemeente.first().into_iter().chain(self.regio.first());
        if eerste.into_iter().any(|k| k.tijdstip < grens) {
            return Err(ApiError::Gone(
                Code::PositieVerlopen,
                "Deze positie ligt voor de bewaartermijn van de wijzigingenstroom en er \
                 veranderde sindsdien iets; haal de lijsten opnieuw op en lees de stroom \
                 zonder `na`."
                    .into(),
            ));
        }
        Ok(())
    }
}

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(list);
}
