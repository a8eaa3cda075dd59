//! De sociale kaart van één gebied (seed 000 stap 1, de netwerkanalyse, per wijk of
//! kern): de netwerken en organisaties die het gebied dienen, en welke categorieën
//! (seed 000) en belangen (seed 002) er zijn en welke ontbreken
//! ([`crate::domein::sociale_kaart`]).

use actix_web::{HttpResponse, get, web};
use entity::organisatie;
use entity::soorten::{Belang, NetwerkCategorie};
use sea_orm::{
    DbBackend, EntityTrait, FromQueryResult, Iterable, QueryFilter, QueryOrder, Statement,
};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::auth::Recht;
use crate::domein::sociale_kaart::{Bijdrage, aanwezigheid};
use crate::domein::tijd;
use crate::http::problem::{ApiError, ApiResult, Code};
use crate::modules::gebieden::{GebiedKort, eigen_gebied};
use crate::modules::kolommen::lijst;
use crate::tenancy::Context;

use super::kaart::{dient, zichtbaar};

/// Een netwerk dat het gebied dekt.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct KaartNetwerk {
    pub netwerk_id: Uuid,
    pub naam: String,
}

/// Een organisatie die het gebied dient.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct KaartOrganisatie {
    pub organisatie_id: Uuid,
    pub naam: String,
    pub categorie: Option<NetwerkCategorie>,
    pub rollen: Vec<Belang>,
}

/// Een categorie van netwerken (seed 000) in het gebied.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct KaartCategorie {
    pub categorie: NetwerkCategorie,
    pub aanwezig: bool,
    /// Hoeveel organisaties en netwerken haar brengen.
    pub aantal: i64,
}

/// Een belang (seed 002) in het gebied.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct KaartRol {
    pub rol: Belang,
    pub aanwezig: bool,
    /// Hoeveel organisaties en netwerken het brengen.
    pub aantal: i64,
}

/// Wat er in het gebied ontbreekt.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Ontbrekend {
    pub categorieen: Vec<NetwerkCategorie>,
    pub rollen: Vec<Belang>,
}

/// De sociale kaart van één gebied.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct SocialeKaart {
    pub gebied: GebiedKort,
    /// Netwerken (niet `afgerond`) met het gebied, een voorouder of een afstammeling in
    /// hun `gebiedIds`, of zonder gebieden (de hele gemeente); op naam.
    pub netwerken: Vec<KaartNetwerk>,
    /// Organisaties van de gemeente die het gebied dienen, op naam.
    pub organisaties: Vec<KaartOrganisatie>,
    /// De regionale catalogus: dient elk gebied, telt voor geen categorie of belang.
    pub regionaal: Vec<KaartOrganisatie>,
    /// Elke categorie van seed 000, aanwezig of niet.
    pub categorieen: Vec<KaartCategorie>,
    /// Elk belang van seed 002, aanwezig of niet.
    pub rollen: Vec<KaartRol>,
    pub ontbrekend: Ontbrekend,
}

#[derive(Debug, FromQueryResult)]
struct NetwerkRij {
    id: Uuid,
    naam: String,
    categorieen: Vec<String>,
    rollen: Vec<String>,
}

/// De netwerken die het gebied dekken, met de categorieën van hun partners en de
/// belangen van hun partners en actieve leden (geen leden zelf).
const NETWERKEN: &str = "SELECT n.id, n.naam, \
      ARRAY(SELECT DISTINCT o.categorie FROM netwerk_partner p JOIN organisatie o ON o.id = p.organisatie_id \
            WHERE p.netwerk_id = n.id AND o.categorie IS NOT NULL) AS categorieen, \
      ARRAY(SELECT DISTINCT r FROM (SELECT unnest(o.rollen) AS r FROM netwerk_partner p \
              JOIN organisatie o ON o.id = p.organisatie_id WHERE p.netwerk_id = n.id \
            UNION SELECT l.belang FROM netwerk_lid l WHERE l.netwerk_id = n.id AND l.belang IS NOT NULL \
              AND (l.eind IS NULL OR l.eind >= $3)) x) AS rollen \
    FROM netwerk n WHERE n.gemeente_id = $1 AND n.fase <> 'afgerond' \
      AND (cardinality(n.gebied_ids) = 0 OR n.gebied_ids && ARRAY(SELECT weefsel_gebied_verwant($2))) \
    ORDER BY n.naam, n.id";

/// De sociale kaart van een gebied
///
/// De netwerken en organisaties die het gebied dienen, en tegen de categorieën van
/// netwerken (seed 000) en de belangen van een wijknetwerk (seed 002) wat er is en wat
/// ontbreekt: de netwerkanalyse van stap 1, per wijk of kern. Een categorie of belang is
/// er als een organisatie van de gemeente die het gebied dient het heeft (`categorie`,
/// `rollen`), of een netwerk dat het gebied dekt het heeft onder zijn partners of in het
/// `belang` van zijn actieve leden. Een gebied past op zichzelf, zijn voorouders en zijn
/// afstammelingen. De regionale catalogus staat apart en telt voor niets. Alleen namen
/// van organisaties en netwerken en aantallen, geen leden. Voor elke rol van de
/// gemeente; de regio krijgt 403.
#[utoipa::path(
    operation_id = "getSocialeKaartGebied",
    params(("id" = Uuid, Path, description = "Id van het gebied")),
    responses(
        (status = 200, description = "De sociale kaart van het gebied.", body = SocialeKaart),
    ),
)]
#[get("/gebieden/{id}/sociale-kaart")]
pub async fn sociale_kaart(ctx: Context, id: web::Path<Uuid>) -> ApiResult<HttpResponse> {
    ctx.require(Recht::NetwerkenLezen)?;
    ctx.require(Recht::OrganisatiesLezen)?;
    let gemeente = ctx.gemeente_id().ok_or_else(|| {
        ApiError::Forbidden(
            Code::AlleenGemeente,
            "De sociale kaart per gebied is voor de gemeente; de regio ziet de paraatheid op het crisisbeeld en het dashboard."
                .into(),
        )
    })?;
    let gebied = eigen_gebied(&ctx, *id).await?.ok_or(ApiError::NotFound)?;
    let netwerken = NetwerkRij::find_by_statement(Statement::from_sql_and_values(
        DbBackend::Postgres,
        NETWERKEN,
        [gemeente.into(), gebied.id.into(), tijd::vandaag().into()],
    ))
    .all(ctx.db())
    .await?;
    // De eigen kaart en de catalogus (`zichtbaar`): een gemeentelijke aanroeper.
    let organisaties = zichtbaar(&ctx, organisatie::Entity::find())
        .filter(dient(gebied.id))
        .order_by_asc(organisatie::Column::Naam)
        .order_by_asc(organisatie::Column::Id)
        .all(ctx.db())
        .await?;
    Ok(HttpResponse::Ok().json(kaart(gebied, netwerken, organisaties)))
}

fn kaart(
    gebied: GebiedKort,
    netwerken: Vec<NetwerkRij>,
    organisaties: Vec<organisatie::Model>,
) -> SocialeKaart {
    let (regionaal, eigen): (Vec<_>, Vec<_>) = organisaties
        .into_iter()
        .partition(|o| o.gemeente_id.is_none());
    let bronnen: Vec<Bijdrage> = eigen
        .iter()
        .map(|o| Bijdrage {
            categorieen: o.categorie.into_iter().collect(),
            rollen: lijst(&o.rollen),
        })
        .chain(netwerken.iter().map(|n| Bijdrage {
            categorieen: lijst(&n.categorieen),
            rollen: lijst(&n.rollen),
        }))
        .collect();
    let categorieen: Vec<NetwerkCategorie> = NetwerkCategorie::iter().collect();
    let rollen: Vec<Belang> = Belang::iter().collect();
    let a = aanwezigheid(&bronnen, &categorieen, &rollen);
    let organisatie = |o: organisatie::Model| KaartOrganisatie {
        organisatie_id: o.id,
        naam: o.naam,
        categorie: o.categorie,
        rollen: lijst(&o.rollen),
    };
    SocialeKaart {
        gebied,
        netwerken: netwerken
            .into_iter()
            .map(|n| KaartNetwerk {
                netwerk_id: n.id,
                naam: n.naam,
            })
            .collect(),
        organisaties: eigen.into_iter().map(organisatie).collect(),
        regionaal: regionaal.into_iter().map(organisatie).collect(),
        ontbrekend: Ontbrekend {
            categorieen: a
                .categorieen
                .iter()
                .filter(|(_, n)| *n == 0)
                .map(|(c, _)| *c)
                .collect(),
            rollen: a
                .rollen
                .iter()
                .filter(|(_, n)| *n == 0)
                .map(|(r, _)| *r)
                .collect(),
        },
        categorieen: a
            .categorieen
            .into_iter()
            .map(|(categorie, aantal)| KaartCategorie {
                categorie,
                aanwezig: aantal > 0,
                aantal,
            })
            .collect(),
        rollen: a
            .rollen
            .into_iter()
            .map(|(rol, aantal)| KaartRol {
                rol,
                aanwezig: aantal > 0,
                aantal,
            })
            .collect(),
    }
}

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(sociale_kaart);
}
