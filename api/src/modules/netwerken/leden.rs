//! Lidmaatschappen: een sleutelpersoon in een netwerk van dezelfde gemeente (de
//! database dwingt dat af met de samengestelde sleutels), met rol en, bij een
//! wijknetwerk, het belang dat hij vertegenwoordigt.

use crate::http::problem::Foutcode;
use actix_web::{HttpResponse, delete, get, patch, post, web};
use entity::soorten::{LidRol, NetwerkVorm};
use entity::{netwerk, netwerk_lid, sleutelpersoon};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, QueryOrder};
use uuid::Uuid;

use crate::audit::Wijzigingen;
use crate::auth::Recht;
use crate::http::etag::IfMatch;
use crate::http::invoer::{Fouten, Invoer};
use crate::http::pagination::{Lijst, Pagina, PaginaParams};
use crate::http::problem::{ApiError, ApiResult, Code, Problem, UniekeSleutel, uniek};
use crate::modules::sleutelpersonen::schrijft_over;
use crate::tenancy::{Bron, Context, Onder};

use super::invoer::*;
use super::weergave::*;

const RESOURCE: &str = "netwerk_lid";

fn conflict(error: sea_orm::DbErr) -> ApiError {
    uniek(
        error,
        &[UniekeSleutel {
            constraint: "netwerk_lid_netwerk_id_sleutelpersoon_id_key",
            code: Code::AlLid,
            detail: "Deze sleutelpersoon is al lid van dit netwerk.",
        }],
    )
}

impl Bron for netwerk_lid::Entity {
    const RESOURCE: &'static str = RESOURCE;
    const COLLECTIE: &'static str = "/api/v1/netwerken";
    type Weergave = Lidmaatschap;

    fn pad(l: &netwerk_lid::Model) -> String {
        format!("{}/{}/leden/{}", Self::COLLECTIE, l.netwerk_id, l.id)
    }

    async fn weergaven(
        ctx: &Context,
        rijen: Vec<netwerk_lid::Model>,
    ) -> ApiResult<Vec<Lidmaatschap>> {
        ctx.met_codes(rijen, lid).await
    }
}

impl Onder for netwerk_lid::Entity {
    fn ouder_kolom() -> netwerk_lid::Column {
        netwerk_lid::Column::NetwerkId
    }

    fn ouder(l: &netwerk_lid::Model) -> Uuid {
        l.netwerk_id
    }
}

fn regels(
    vorm: NetwerkVorm,
    belang: bool,
    begin: Option<chrono::NaiveDate>,
    eind: Option<chrono::NaiveDate>,
    fouten: &mut Fouten,
) {
    fouten.check(
        !belang || vorm == NetwerkVorm::Wijknetwerk,
        "belang",
        Foutcode::Ongeldig,
        "Alleen een lid van een wijknetwerk vertegenwoordigt een belang.",
    );
    if let (Some(b), Some(e)) = (begin, eind) {
        fouten.check(
            e >= b,
            "eind",
            Foutcode::Ongeldig,
            "Het einde ligt niet vóór het begin.",
        );
    }
}

/// Leden van een netwerk
///
/// Ids van sleutelpersonen met hun rol, zonder persoonsgegevens. Niet voor de regio.
#[utoipa::path(
    operation_id = "listNetwerkLeden",
    params(("id" = Uuid, Path, description = "Id van het netwerk"), PaginaParams),
    responses(
        (status = 200, description = "Een pagina lidmaatschappen, oudste eerst.", body = Pagina<Lidmaatschap>),
    ),
)]
#[get("/netwerken/{id}/leden")]
pub async fn list(ctx: Context, id: web::Path<Uuid>, lijst: Lijst) -> ApiResult<HttpResponse> {
    ctx.require(Recht::SleutelpersonenLezen)?;
    let netwerk = ctx.find::<netwerk::Entity>(*id).await?;
    let select = ctx
        .onder::<netwerk_lid::Entity>(netwerk.id)
        .order_by_asc(netwerk_lid::Column::CreatedAt)
        .order_by_asc(netwerk_lid::Column::Id);
    ctx.pagina(&lijst, select).await
}

/// Lid toevoegen
#[utoipa::path(
    operation_id = "createNetwerkLid",
    params(("id" = Uuid, Path, description = "Id van het netwerk")),
    request_body = NieuwLidmaatschap,
    responses(
        (status = 201, description = "Lid geworden.", body = Lidmaatschap),
        (status = 409, description = "Al lid.", body = Problem, content_type = "application/problem+json"),
    ),
)]
#[post("/netwerken/{id}/leden")]
pub async fn create(
    ctx: Context,
    id: web::Path<Uuid>,
    mut invoer: Invoer<NieuwLidmaatschap>,
) -> ApiResult<HttpResponse> {
    ctx.require(Recht::NetwerkenSchrijven)?;
    ctx.require(Recht::SleutelpersonenSchrijven)?;
    let netwerk = ctx.find_om_te_verwijzen::<netwerk::Entity>(*id).await?;
    let persoon = ctx
        .verwijzing::<sleutelpersoon::Entity, _>(&mut invoer, "sleutelpersoonId")
        .await?;
    if let Some(p) = &persoon {
        schrijft_over(&ctx, [p.id]).await?;
    }
    let mut fouten = Fouten::new();
    if let Some(nieuw) = invoer.deel() {
        regels(
            netwerk.vorm,
            nieuw.belang.is_some(),
            nieuw.begin,
            nieuw.eind,
            &mut fouten,
        );
    }
    invoer.fouten().voeg_toe(fouten);
    let n = invoer.klaar()?;
    let model = netwerk_lid::ActiveModel {
        id: Set(Uuid::now_v7()),
        gemeente_id: Set(netwerk.gemeente_id),
        netwerk_id: Set(netwerk.id),
        sleutelpersoon_id: Set(n.sleutelpersoon_id),
        rol: Set(n.rol.unwrap_or(LidRol::Lid)),
        belang: Set(n.belang),
        begin: Set(n.begin),
        eind: Set(n.eind),
        ..Default::default()
    }
    .insert(ctx.db())
    .await
    .map_err(conflict)?;
    ctx.aangemaakt::<netwerk_lid::Entity>(model).await
}

/// Lidmaatschap wijzigen
#[utoipa::path(
    operation_id = "updateNetwerkLid",
    params(
        ("id" = Uuid, Path, description = "Id van het netwerk"),
        ("lidId" = Uuid, Path, description = "Id van het lidmaatschap"),
    ),
    request_body = LidmaatschapWijziging,
    responses(
        (status = 200, description = "Gewijzigd.", body = Lidmaatschap),
    ),
)]
#[patch("/netwerken/{id}/leden/{lidId}")]
pub async fn update(
    if_match: IfMatch,
    ctx: Context,
    pad: web::Path<(Uuid, Uuid)>,
    mut invoer: Invoer<LidmaatschapWijziging>,
) -> ApiResult<HttpResponse> {
    ctx.require(Recht::NetwerkenSchrijven)?;
    ctx.require(Recht::SleutelpersonenSchrijven)?;
    let (netwerk_id, lid_id) = pad.into_inner();
    let netwerk = ctx.find::<netwerk::Entity>(netwerk_id).await?;
    let huidig = ctx
        .vind_onder::<netwerk_lid::Entity>(netwerk.id, lid_id)
        .await?;
    schrijft_over(&ctx, [huidig.sleutelpersoon_id]).await?;
    let wijziging = invoer.deel().unwrap_or_default();
    let mut fouten = Fouten::new();
    regels(
        netwerk.vorm,
        wijziging.belang.is_waarde(),
        wijziging.begin.clone().na(huidig.begin),
        wijziging.eind.clone().na(huidig.eind),
        &mut fouten,
    );
    invoer.fouten().voeg_toe(fouten);
    let i = invoer.klaar()?;
    if_match.check(huidig.version)?;
    let mut model: netwerk_lid::ActiveModel = huidig.clone().into();
    let mut w = Wijzigingen::new();
    w.zet("rol", &mut model.rol, i.rol);
    w.zet("belang", &mut model.belang, i.belang.wijziging());
    w.zet("begin", &mut model.begin, i.begin.wijziging());
    w.zet("eind", &mut model.eind, i.eind.wijziging());
    ctx.gewijzigd::<netwerk_lid::Entity, _>(huidig, model, w, conflict)
        .await
}

/// Lidmaatschap beëindigen en verwijderen
///
/// Wie alleen stopt, krijgt beter een `eind`: dan telt de uitstroom mee.
#[utoipa::path(
    operation_id = "deleteNetwerkLid",
    params(
        ("id" = Uuid, Path, description = "Id van het netwerk"),
        ("lidId" = Uuid, Path, description = "Id van het lidmaatschap"),
    ),
    responses(
        (status = 204, description = "Verwijderd."),
    ),
)]
#[delete("/netwerken/{id}/leden/{lidId}")]
pub async fn remove(
    if_match: IfMatch,
    ctx: Context,
    pad: web::Path<(Uuid, Uuid)>,
) -> ApiResult<HttpResponse> {
    ctx.require(Recht::NetwerkenSchrijven)?;
    ctx.require(Recht::SleutelpersonenSchrijven)?;
    let (netwerk_id, lid_id) = pad.into_inner();
    let huidig = ctx
        .vind_onder::<netwerk_lid::Entity>(netwerk_id, lid_id)
        .await?;
    schrijft_over(&ctx, [huidig.sleutelpersoon_id]).await?;
    if_match.check(huidig.version)?;
    ctx.verwijder::<netwerk_lid::Entity>(
        &huidig,
        Wijzigingen::new().waarde(
            "sleutelpersoonId",
            huidig.sleutelpersoon_id,
            serde_json::Value::Null,
        ),
    )
    .await
}
