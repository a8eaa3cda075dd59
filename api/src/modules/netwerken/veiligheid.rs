//! Veiligheidsafspraken van een netwerk (seed 003, stap 11: "maak vooraf afspraken,
//! herhaal die met enige regelmaat en evalueer de opvolging"), elk met een datum
//! waarvoor ze herzien wordt; een verlopen datum is een signaal in de gezondheid.

use crate::http::problem::Foutcode;
use actix_web::{HttpResponse, delete, get, patch, post, web};
use chrono::{DateTime, NaiveDate, Utc};
use entity::{netwerk, veiligheidsafspraak};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, QueryOrder};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::audit::Wijzigingen;
use crate::auth::Recht;
use crate::http::etag::IfMatch;
use crate::http::invoer::{Fouten, Invoer, meer_regels};
use crate::http::pagination::{Lijst, Pagina, PaginaParams};
use crate::http::problem::{ApiError, ApiResult};
use crate::tenancy::{Bron, Context, Onder};

const RESOURCE: &str = "veiligheidsafspraak";

/// Een nieuwe veiligheidsafspraak.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NieuweVeiligheidsafspraak {
    /// De afspraak (noem functies, geen namen).
    #[schema(schema_with = meer_regels::<2000>)]
    pub(super) afspraak: String,
    /// Wanneer de afspraak voor het laatst is doorgenomen; niet in de toekomst.
    pub(super) laatst_herzien: Option<NaiveDate>,
    /// Vóór deze datum wordt ze opnieuw doorgenomen.
    pub(super) herzien_voor: NaiveDate,
}

/// Een wijziging van een veiligheidsafspraak; na het doornemen `laatstHerzien` en een
/// nieuwe `herzienVoor`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct VeiligheidsafspraakWijziging {
    #[schema(schema_with = meer_regels::<2000>)]
    pub(super) afspraak: Option<String>,
    pub(super) laatst_herzien: Option<NaiveDate>,
    pub(super) herzien_voor: Option<NaiveDate>,
}

/// Een veiligheidsafspraak van een netwerk.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Veiligheidsafspraak {
    pub id: Uuid,
    pub netwerk_id: Uuid,
    pub afspraak: String,
    pub laatst_herzien: Option<NaiveDate>,
    pub herzien_voor: NaiveDate,
    /// Signaal: de herzieningsdatum is voorbij.
    pub te_herzien: bool,
    pub aangemaakt_op: DateTime<Utc>,
    /// Uitgefaseerd: gebruik `aangemaaktOp` (weg in de volgende major-versie).
    #[schema(deprecated)]
    pub created_at: DateTime<Utc>,
    pub gewijzigd_op: DateTime<Utc>,
    /// Uitgefaseerd: gebruik `gewijzigdOp` (weg in de volgende major-versie).
    #[schema(deprecated)]
    pub updated_at: DateTime<Utc>,
}

fn weergave(m: veiligheidsafspraak::Model) -> Veiligheidsafspraak {
    Veiligheidsafspraak {
        id: m.id,
        netwerk_id: m.netwerk_id,
        afspraak: m.afspraak,
        laatst_herzien: m.laatst_herzien,
        herzien_voor: m.herzien_voor,
        te_herzien: m.herzien_voor < crate::domein::tijd::vandaag(),
        aangemaakt_op: m.created_at,
        created_at: m.created_at,
        gewijzigd_op: m.updated_at,
        updated_at: m.updated_at,
    }
}

impl Bron for veiligheidsafspraak::Entity {
    const RESOURCE: &'static str = RESOURCE;
    const COLLECTIE: &'static str = "/api/v1/netwerken";
    type Weergave = Veiligheidsafspraak;

    fn pad(a: &veiligheidsafspraak::Model) -> String {
        format!(
            "{}/{}/veiligheidsafspraken/{}",
            Self::COLLECTIE,
            a.netwerk_id,
            a.id
        )
    }

    async fn weergaven(
        _ctx: &Context,
        rijen: Vec<veiligheidsafspraak::Model>,
    ) -> ApiResult<Vec<Veiligheidsafspraak>> {
        Ok(rijen.into_iter().map(weergave).collect())
    }
}

impl Onder for veiligheidsafspraak::Entity {
    fn ouder_kolom() -> veiligheidsafspraak::Column {
        veiligheidsafspraak::Column::NetwerkId
    }

    fn ouder(a: &veiligheidsafspraak::Model) -> Uuid {
        a.netwerk_id
    }
}

fn niet_in_de_toekomst(datum: Option<NaiveDate>, fouten: &mut Fouten) {
    fouten.check(
        datum.is_none_or(|d| d <= crate::domein::tijd::vandaag()),
        "laatstHerzien",
        Foutcode::Ongeldig,
        "De laatste herziening ligt niet in de toekomst.",
    );
}

/// Veiligheidsafspraken van een netwerk
#[utoipa::path(
    operation_id = "listVeiligheidsafspraken",
    params(("id" = Uuid, Path, description = "Id van het netwerk"), PaginaParams),
    responses(
        (status = 200, description = "Een pagina afspraken, eerst te herzien eerst.", body = Pagina<Veiligheidsafspraak>),
    ),
)]
#[get("/netwerken/{id}/veiligheidsafspraken")]
pub async fn list_afspraken(
    ctx: Context,
    id: web::Path<Uuid>,
    lijst: Lijst,
) -> ApiResult<HttpResponse> {
    ctx.require(Recht::NetwerkenLezen)?;
    let netwerk = ctx.find::<netwerk::Entity>(*id).await?;
    let select = ctx
        .onder::<veiligheidsafspraak::Entity>(netwerk.id)
        .order_by_asc(veiligheidsafspraak::Column::HerzienVoor)
        .order_by_asc(veiligheidsafspraak::Column::Id);
    ctx.pagina(&lijst, select).await
}

/// Eén veiligheidsafspraak
///
/// De `Location` van een nieuwe afspraak.
#[utoipa::path(
    operation_id = "getVeiligheidsafspraak",
    params(
        ("id" = Uuid, Path, description = "Id van het netwerk"),
        ("afspraakId" = Uuid, Path, description = "Id van de afspraak"),
    ),
    responses(
        (status = 200, description = "De afspraak.", body = Veiligheidsafspraak),
    ),
)]
#[get("/netwerken/{id}/veiligheidsafspraken/{afspraakId}")]
pub async fn get_afspraak(ctx: Context, pad: web::Path<(Uuid, Uuid)>) -> ApiResult<HttpResponse> {
    ctx.require(Recht::NetwerkenLezen)?;
    let (id, afspraak_id) = pad.into_inner();
    let netwerk = ctx.find::<netwerk::Entity>(id).await?;
    ctx.lees_onder::<veiligheidsafspraak::Entity>(netwerk.id, afspraak_id)
        .await
}

/// Veiligheidsafspraak vastleggen
#[utoipa::path(
    operation_id = "createVeiligheidsafspraak",
    params(("id" = Uuid, Path, description = "Id van het netwerk")),
    request_body = NieuweVeiligheidsafspraak,
    responses(
        (status = 201, description = "Vastgelegd.", body = Veiligheidsafspraak),
    ),
)]
#[post("/netwerken/{id}/veiligheidsafspraken")]
pub async fn create_afspraak(
    ctx: Context,
    id: web::Path<Uuid>,
    mut invoer: Invoer<NieuweVeiligheidsafspraak>,
) -> ApiResult<HttpResponse> {
    ctx.require(Recht::NetwerkenSchrijven)?;
    let netwerk = ctx.find_om_te_verwijzen::<netwerk::Entity>(*id).await?;
    let mut fouten = Fouten::new();
    niet_in_de_toekomst(invoer.deel().and_then(|d| d.laatst_herzien), &mut fouten);
    invoer.fouten().voeg_toe(fouten);
    let n = invoer.klaar()?;
    let model = veiligheidsafspraak::ActiveModel {
        id: Set(Uuid::now_v7()),
        gemeente_id: Set(netwerk.gemeente_id),
        netwerk_id: Set(netwerk.id),
        afspraak: Set(n.afspraak),
        laatst_herzien: Set(n.laatst_herzien),
        herzien_voor: Set(n.herzien_voor),
        ..Default::default()
    }
    .insert(ctx.db())
    .await?;
    let w = Wijzigingen::new()
        .nieuw("netwerkId", model.netwerk_id)
        .nieuw("laatstHerzien", model.laatst_herzien)
        .nieuw("herzienVoor", model.herzien_voor)
        .alleen_naam("afspraak");
    ctx.aangemaakt_met::<veiligheidsafspraak::Entity>(model, w)
        .await
}

/// Veiligheidsafspraak wijzigen of herzien
#[utoipa::path(
    operation_id = "updateVeiligheidsafspraak",
    params(
        ("id" = Uuid, Path, description = "Id van het netwerk"),
        ("afspraakId" = Uuid, Path, description = "Id van de afspraak"),
    ),
    request_body = VeiligheidsafspraakWijziging,
    responses(
        (status = 200, description = "Gewijzigd.", body = Veiligheidsafspraak),
    ),
)]
#[patch("/netwerken/{id}/veiligheidsafspraken/{afspraakId}")]
pub async fn update_afspraak(
    if_match: IfMatch,
    ctx: Context,
    pad: web::Path<(Uuid, Uuid)>,
    mut invoer: Invoer<VeiligheidsafspraakWijziging>,
) -> ApiResult<HttpResponse> {
    ctx.require(Recht::NetwerkenSchrijven)?;
    let (netwerk_id, id) = pad.into_inner();
    let huidig = ctx
        .vind_onder::<veiligheidsafspraak::Entity>(netwerk_id, id)
        .await?;
    let mut fouten = Fouten::new();
    niet_in_de_toekomst(invoer.deel().and_then(|d| d.laatst_herzien), &mut fouten);
    invoer.fouten().voeg_toe(fouten);
    let i = invoer.klaar()?;
    if_match.check(huidig.version)?;
    let mut model: veiligheidsafspraak::ActiveModel = huidig.clone().into();
    let mut w = Wijzigingen::new();
    w.zet("afspraak", &mut model.afspraak, i.afspraak);
    w.zet(
        "laatstHerzien",
        &mut model.laatst_herzien,
        i.laatst_herzien.map(Some),
    );
    w.zet("herzienVoor", &mut model.herzien_voor, i.herzien_voor);
    ctx.gewijzigd::<veiligheidsafspraak::Entity, _>(huidig, model, w, ApiError::from)
        .await
}

/// Veiligheidsafspraak verwijderen
#[utoipa::path(
    operation_id = "deleteVeiligheidsafspraak",
    params(
        ("id" = Uuid, Path, description = "Id van het netwerk"),
        ("afspraakId" = Uuid, Path, description = "Id van de afspraak"),
    ),
    responses(
        (status = 204, description = "Verwijderd."),
    ),
)]
#[delete("/netwerken/{id}/veiligheidsafspraken/{afspraakId}")]
pub async fn delete_afspraak(
    if_match: IfMatch,
    ctx: Context,
    pad: web::Path<(Uuid, Uuid)>,
) -> ApiResult<HttpResponse> {
    ctx.require(Recht::NetwerkenSchrijven)?;
    let (netwerk_id, id) = pad.into_inner();
    ctx.verwijder_onder::<veiligheidsafspraak::Entity>(&if_match, netwerk_id, id)
        .await
}

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(list_afspraken)
        .service(get_afspraak)
        .service(create_afspraak)
        .service(update_afspraak)
        .service(delete_afspraak);
}
