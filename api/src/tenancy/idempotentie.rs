//! `Idempotency-Key` op elke `POST` die iets maakt of doet (issue 38, punt 2): een
//! herhaling met dezelfde sleutel en body doet niets opnieuw en krijgt het eerste
//! antwoord; dezelfde sleutel met een andere body is 422.
//!
//! Hoe, in drie stappen:
//! 1. [`laag`], vóór de routes: leest de body, neemt er een vingerafdruk van en zoekt
//!    (als de aanroeper, onder row-level security per actor) een eerder antwoord op
//!    deze sleutel. Is dat er, dan beantwoordt de laag de herhaling zelf; anders gaat
//!    het verzoek door met een [`Claim`].
//! 2. De [`Context`] van het verzoek zet de claim als regel in `idempotentie`, in zijn
//!    eigen transactie ([`claimen`]): mislukt het verzoek, dan verdwijnt de regel mee.
//!    Een gelijktijdige herhaling wacht op die regel en krijgt daarna 409
//!    `idempotency_key_bezig` (een nieuwe herhaling krijgt het antwoord).
//! 3. Vlak vóór de commit bewaart [`Context::commit_then`] het antwoord ([`bewaren`]),
//!    op één van drie manieren ([`Wijze`]): het antwoord zelf als het alleen velden
//!    heeft die iedereen ziet; anders alleen status, `Location` en `ETag`, en leest een
//!    herhaling de resource opnieuw met de rechten van dát moment; bij een geheim 409
//!    `al_aangemaakt` met de `Location`.
//!
//! Regels blijven minstens 24 uur (de retentie ruimt oudere dan 48 uur op).

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{Payload, ServiceRequest, ServiceResponse};
use actix_web::http::{Method, StatusCode, Uri, header};
use actix_web::middleware::Next;
use actix_web::{Error, HttpMessage, HttpResponse, web};
use futures_util::StreamExt;
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, Statement};
use uuid::Uuid;

use super::Context;
use crate::auth::TokenKeys;
use crate::auth::zichtbaarheid::filter::Zichtbaarheid;
use crate::http::contract::MAX_BODY_BYTES;
use crate::http::idempotentie::{self as regels, GEHEIM, UITGEZONDERD};
use crate::http::openapi::BASE_PATH;
use crate::http::problem::{ApiError, ApiResult, Code};

/// Een `POST` met een sleutel die nog geen antwoord heeft: wat de [`Context`] claimt.
#[derive(Debug, Clone)]
pub struct Claim {
    sleutel: String,
    /// `POST` en het pad met ids.
    operatie: String,
    pad: String,
    vingerafdruk: String,
}

/// Hoe het antwoord van een operatie bewaard wordt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wijze {
    /// Het antwoord zelf: het heeft alleen velden die iedereen ziet.
    Antwoord,
    /// Status, `Location` en `ETag`; een herhaling leest de resource opnieuw.
    Herlezen,
    /// Status en `Location`; een herhaling is 409 `al_aangemaakt`.
    Geheim,
}

/// Een geclaimde sleutel in de transactie van het verzoek.
#[derive(Debug, Clone)]
pub struct Geclaimd {
    claim: Claim,
    actor: Uuid,
    wijze: Wijze,
}

/// De laag vóór de routes (binnen [`super::poort`], buiten het zichtbaarheidsfilter,
/// zodat een herlezing gefilterd wordt zoals elk `GET`).
pub async fn laag(
    mut req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, Error> {
    if req.method() != Method::POST {
        return next
            .call(req)
            .await
            .map(ServiceResponse::map_into_boxed_body);
    }
    let sleutel = match regels::sleutel(req.headers()) {
        Ok(Some(sleutel)) => sleutel,
        Ok(None) => {
            return next
                .call(req)
                .await
                .map(ServiceResponse::map_into_boxed_body);
        }
        Err(fout) => return Ok(req.error_response(fout)),
    };
    let pad = req.path().to_owned();
    if UITGEZONDERD.contains(&pad.strip_prefix(BASE_PATH).unwrap_or(&pad)) {
        return Ok(req.error_response(regels::niet_ondersteund()));
    }
    let body = match lees_body(req.take_payload()).await {
        Ok(body) => body,
        Err(fout) => return Ok(req.error_response(fout)),
    };
    let claim = Claim {
        sleutel,
        operatie: format!("POST {pad}"),
        pad,
        vingerafdruk: regels::vingerafdruk(&body),
    };
    req.set_payload(Payload::from(body));
    match eerder(&req, &claim).await {
        Ok(None) => {
            req.extensions_mut().insert(claim);
            next.call(req)
                .await
                .map(ServiceResponse::map_into_boxed_body)
        }
        Ok(Some(Eerder::Antwoord(antwoord))) => Ok(req.into_response(antwoord)),
        Ok(Some(Eerder::Geheim(locatie))) => {
            let mut antwoord = req.error_response(ApiError::Conflict(
                Code::AlAangemaakt,
                "Dit verzoek is al uitgevoerd; zijn antwoord had een geheim dat niet nog eens \
                 komt. De resource staat op de Location; een nieuw geheim vraagt u apart aan."
                    .into(),
            ));
            if let Some(locatie) = locatie.and_then(|l| header::HeaderValue::from_str(&l).ok()) {
                antwoord.headers_mut().insert(header::LOCATION, locatie);
            }
            Ok(antwoord)
        }
        Ok(Some(Eerder::Herlezen {
            status,
            locatie,
            pad,
        })) => herlees(req, next, status, locatie, &pad).await,
        Err(fout) => Ok(req.error_response(fout)),
    }
}

/// De body, hoogstens [`MAX_BODY_BYTES`] (de grens van elke body).
async fn lees_body(mut payload: Payload) -> ApiResult<web::Bytes> {
    let mut body = web::BytesMut::new();
    while let Some(deel) = payload.next().await {
        let deel = deel.map_err(|e| {
            if crate::http::grenzen::is_verlopen(&e) {
                ApiError::RequestTimeout
            } else {
                ApiError::BadRequest("De body kon niet worden gelezen.".into())
            }
        })?;
        if body.len() + deel.len() > MAX_BODY_BYTES {
            return Err(ApiError::PayloadTooLarge {
                limit: MAX_BODY_BYTES,
            });
        }
        body.extend_from_slice(&deel);
    }
    Ok(body.freeze())
}

/// Wat een eerder verzoek met deze sleutel achterliet.
enum Eerder {
    /// Het bewaarde antwoord.
    Antwoord(HttpResponse),
    /// 409 `al_aangemaakt`, met de `Location`.
    Geheim(Option<String>),
    /// Lees `pad` opnieuw en antwoord met `status`.
    Herlezen {
        status: StatusCode,
        locatie: Option<String>,
        pad: String,
    },
}

/// Het afgeronde eerdere verzoek van deze aanroeper met deze sleutel, als dat er is
/// (een lopend verzoek ziet deze transactie niet: dat claimt de context). Zonder
/// geldig token of actief account: `None`, en de handler geeft de 401.
async fn eerder(req: &ServiceRequest, claim: &Claim) -> ApiResult<Option<Eerder>> {
    let db = req.app_data::<web::Data<DatabaseConnection>>();
    let keys = req.app_data::<web::Data<TokenKeys>>();
    let identiteit = crate::auth::bearer_token(req.request())
        .ok()
        .zip(keys)
        .and_then(|(token, keys)| keys.verify(token).ok());
    let (Some(db), Some(identiteit)) = (db, identiteit) else {
        return Ok(None);
    };
    let Ok(ctx) = Context::voor(db, &identiteit, None).await else {
        return Ok(None);
    };
    let Some(actor) = ctx.caller.actor.id() else {
        return Ok(None);
    };
    let Some(rij) = ctx
        .db()
        .query_one_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "SELECT vingerafdruk, status, body, locatie, etag, herlezen, geheim FROM idempotentie \
             WHERE actor = $1 AND operatie = $2 AND sleutel = $3",
            [
                actor.into(),
                claim.operatie.clone().into(),
                claim.sleutel.clone().into(),
            ],
        ))
        .await?
    else {
        return Ok(None);
    };
    let vingerafdruk: String = rij.try_get("", "vingerafdruk")?;
    if vingerafdruk != claim.vingerafdruk {
        return Err(hergebruikt());
    }
    let status = rij
        .try_get::<Option<i32>>("", "status")?
        .and_then(|s| u16::try_from(s).ok())
        .and_then(|s| StatusCode::from_u16(s).ok())
        .ok_or_else(bezig)?;
    let locatie: Option<String> = rij.try_get("", "locatie")?;
    if rij.try_get::<bool>("", "geheim")? {
        return Ok(Some(Eerder::Geheim(locatie)));
    }
    if let Some(pad) = rij.try_get::<Option<String>>("", "herlezen")? {
        return Ok(Some(Eerder::Herlezen {
            status,
            locatie,
            pad,
        }));
    }
    let mut antwoord = HttpResponse::build(status);
    antwoord.insert_header(("Idempotent-Replayed", "true"));
    if let Some(locatie) = locatie {
        antwoord.insert_header((header::LOCATION, locatie));
    }
    if let Some(etag) = rij.try_get::<Option<String>>("", "etag")? {
        antwoord.insert_header((header::ETAG, etag));
    }
    let body: Option<String> = rij.try_get("", "body")?;
    Ok(Some(Eerder::Antwoord(
        antwoord
            .content_type("application/json")
            .body(body.unwrap_or_default()),
    )))
}

/// Een herhaling waarvan het antwoord niet bewaard is: een `GET` op `pad` met de
/// rechten van nu (met zijn zichtbaarheid en zijn regel in het verwerkingenlogboek),
/// met de status van het eerste antwoord. Mag de aanroeper de resource niet meer zien
/// of is ze weg, dan dat antwoord (403, 404).
async fn herlees(
    mut req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
    status: StatusCode,
    locatie: Option<String>,
    pad: &str,
) -> Result<ServiceResponse<BoxBody>, Error> {
    let Ok(uri) = pad.parse::<Uri>() else {
        return Ok(req.error_response(ApiError::Internal("bewaard herleespad is geen pad".into())));
    };
    // Dit verzoek is hier nog van niemand anders: de router past het straks ook aan.
    req.head_mut().method = Method::GET;
    req.head_mut().uri = uri.clone();
    req.head_mut().headers.remove(header::CONTENT_TYPE);
    req.head_mut().headers.remove(header::CONTENT_LENGTH);
    req.match_info_mut().get_mut().update(&uri);
    req.set_payload(Payload::None);
    let mut antwoord = next.call(req).await?.map_into_boxed_body();
    if antwoord.status().is_success() {
        *antwoord.response_mut().status_mut() = status;
        let headers = antwoord.headers_mut();
        headers.insert(
            header::HeaderName::from_static("idempotent-replayed"),
            header::HeaderValue::from_static("true"),
        );
        if let Some(locatie) = locatie.and_then(|l| header::HeaderValue::from_str(&l).ok()) {
            headers.insert(header::LOCATION, locatie);
        }
    }
    Ok(antwoord)
}

fn hergebruikt() -> ApiError {
    ApiError::Unprocessable(
        Code::IdempotencyKeyHergebruikt,
        "Deze Idempotency-Key hoort al bij een verzoek met een andere body; kies een nieuwe \
         sleutel voor een nieuw verzoek."
            .into(),
    )
}

fn bezig() -> ApiError {
    ApiError::Conflict(
        Code::IdempotencyKeyBezig,
        "Een verzoek met deze Idempotency-Key is nog bezig of is net afgerond; herhaal het \
         zo voor het antwoord."
            .into(),
    )
}

/// Hoe het antwoord op `patroon` (`POST`, zoals de router het vond) bewaard wordt.
fn wijze(patroon: &str, zichtbaarheid: Option<&Zichtbaarheid>) -> Wijze {
    let relatief = patroon.strip_prefix(BASE_PATH).unwrap_or(patroon);
    if GEHEIM.contains(&relatief) {
        Wijze::Geheim
    } else if zichtbaarheid.is_none_or(|z| z.0.beperkt(&Method::POST, patroon)) {
        Wijze::Herlezen
    } else {
        Wijze::Antwoord
    }
}

/// Zet de claim van dit verzoek (als het er een heeft) in de transactie van de
/// context. Is de sleutel al van een ander verzoek (dat tegelijk liep en nu klaar
/// is), dan 409 `idempotency_key_bezig`, of 422 bij een andere body.
pub async fn claimen(
    ctx: &Context,
    claim: Option<Claim>,
    patroon: Option<&str>,
    zichtbaarheid: Option<&Zichtbaarheid>,
) -> ApiResult<Option<Geclaimd>> {
    let (Some(claim), Some(actor)) = (claim, ctx.caller.actor.id()) else {
        return Ok(None);
    };
    let nieuw = ctx
        .db()
        .execute_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "INSERT INTO idempotentie (actor, operatie, sleutel, vingerafdruk) \
             VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
            [
                actor.into(),
                claim.operatie.clone().into(),
                claim.sleutel.clone().into(),
                claim.vingerafdruk.clone().into(),
            ],
        ))
        .await?
        .rows_affected()
        == 1;
    if !nieuw {
        let eerder = ctx
            .db()
            .query_one_raw(Statement::from_sql_and_values(
                DbBackend::Postgres,
                "SELECT vingerafdruk FROM idempotentie WHERE actor = $1 AND operatie = $2 AND sleutel = $3",
                [
                    actor.into(),
                    claim.operatie.clone().into(),
                    claim.sleutel.clone().into(),
                ],
            ))
            .await?;
        let zelfde = match eerder {
            Some(rij) => rij.try_get::<String>("", "vingerafdruk")? == claim.vingerafdruk,
            None => true,
        };
        return Err(if zelfde { bezig() } else { hergebruikt() });
    }
    let wijze = wijze(patroon.unwrap_or(&claim.pad), zichtbaarheid);
    Ok(Some(Geclaimd {
        claim,
        actor,
        wijze,
    }))
}

/// Bewaart `antwoord` onder de geclaimde sleutel, in de transactie `db` (vlak vóór de
/// commit), zoals zijn [`Wijze`] zegt; geeft het antwoord ongewijzigd terug.
pub async fn bewaren(
    db: &impl ConnectionTrait,
    geclaimd: &Geclaimd,
    antwoord: HttpResponse,
) -> ApiResult<HttpResponse> {
    let tekst = |naam: header::HeaderName| {
        antwoord
            .headers()
            .get(naam)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    let (locatie, etag) = (tekst(header::LOCATION), tekst(header::ETAG));
    let status = i32::from(antwoord.status().as_u16());
    let herlezen = regels::herleespad(locatie.as_deref(), &geclaimd.claim.pad);
    let (antwoord, body, herlezen, locatie, etag) = match geclaimd.wijze {
        Wijze::Antwoord => {
            let (antwoord, body) = antwoord.into_parts();
            let bytes = body
                .try_into_bytes()
                .map_err(|_| ApiError::Internal("antwoord niet als bytes te bewaren".into()))?;
            let tekst = String::from_utf8_lossy(&bytes).into_owned();
            (
                antwoord.set_body(BoxBody::new(bytes)),
                Some(tekst),
                None,
                locatie,
                etag,
            )
        }
        Wijze::Herlezen => (antwoord, None, Some(herlezen), locatie, etag),
        Wijze::Geheim => (antwoord, None, None, Some(herlezen), None),
    };
    db.execute_raw(Statement::from_sql_and_values(
        DbBackend::Postgres,
        "UPDATE idempotentie SET status = $4, body = $5, locatie = $6, etag = $7, \
         herlezen = $8, geheim = $9 WHERE actor = $1 AND operatie = $2 AND sleutel = $3",
        [
            geclaimd.actor.into(),
            geclaimd.claim.operatie.clone().into(),
            geclaimd.claim.sleutel.clone().into(),
            status.into(),
            body.into(),
            locatie.into(),
            etag.into(),
            herlezen.into(),
            (geclaimd.wijze == Wijze::Geheim).into(),
        ],
    ))
    .await?;
    Ok(antwoord)
}
