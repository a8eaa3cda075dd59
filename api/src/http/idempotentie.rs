//! `Idempotency-Key` (IETF-draft "The Idempotency-Key HTTP Header Field") voor elke
//! `POST` die een aanvraag maakt of geld verplaatst: een herhaling met dezelfde sleutel
//! en body krijgt het eerste antwoord en doet niets opnieuw; dezelfde sleutel met een
//! andere body is 422.
//!
//! Hoe: aan het begin van de transactie van het verzoek zet [`begin`] een regel
//! (aanroeper, operatie, sleutel, vingerafdruk van de body) in `idempotentie`. Een
//! gelijktijdige herhaling wacht op die regel (unieke sleutel) en leest daarna het
//! bewaarde antwoord; mislukt het eerste verzoek, dan verdwijnt de regel met zijn
//! transactie en gaat de herhaling gewoon door. [`Idempotent::antwoord`] bewaart het
//! antwoord vlak vóór de commit. Regels blijven minstens 24 uur (de retentie ruimt
//! oudere dan 48 uur op).

use crate::http::problem::Foutcode;
use std::future::{Ready, ready};

use actix_web::http::{StatusCode, header};
use actix_web::{FromRequest, HttpRequest, HttpResponse, dev::Payload};
use sea_orm::{ConnectionTrait, DbBackend, Statement};
use serde::Serialize;
use uuid::Uuid;

use crate::http::problem::{ApiError, ApiResult, Code, InvalidParam};

/// De header `Idempotency-Key` (1–255 zichtbare ASCII-tekens), als hij er is: zoals
/// het document hem noemt bij elke operatie die hem aanneemt
/// (`params(IdempotentieHeader)`), en zoals een handler hem krijgt.
#[derive(Debug, Clone, utoipa::IntoParams)]
#[into_params(parameter_in = Header)]
pub struct IdempotentieHeader {
    /// Maakt een herhaling van dit verzoek onschadelijk: met dezelfde sleutel en body
    /// het eerste antwoord (en geen tweede effect), met een andere body 422. Per
    /// aanroeper en operatie, minstens 24 uur bewaard. Bv. een UUID.
    #[param(rename = "Idempotency-Key")]
    #[param(min_length = 1, max_length = 255, pattern = r"^[!-~]{1,255}$")]
    idempotency_key: Option<String>,
}

impl FromRequest for IdempotentieHeader {
    type Error = ApiError;
    type Future = Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let waarde = req.headers().get("Idempotency-Key").map(|v| {
            v.to_str()
                .ok()
                .filter(|s| (1..=255).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_graphic()))
                .map(str::to_owned)
        });
        ready(match waarde {
            None => Ok(IdempotentieHeader {
                idempotency_key: None,
            }),
            Some(Some(sleutel)) => Ok(IdempotentieHeader {
                idempotency_key: Some(sleutel),
            }),
            Some(None) => Err(ApiError::Validation(vec![InvalidParam::new(
                "Idempotency-Key",
                Foutcode::Ongeldig,
                "Een Idempotency-Key is 1 tot 255 zichtbare ASCII-tekens, bv. een UUID.",
            )])),
        })
    }
}

/// Begint een idempotent verzoek in een handler: `idempotent!(ctx, sleutel, operatie,
/// invoer)` geeft een [`Idempotent`], of keert met het eerdere antwoord terug uit de
/// handler (en met 422 bij een andere body).
#[macro_export]
macro_rules! idempotent {
    ($ctx:expr, $sleutel:expr, $operatie:expr, $invoer:expr) => {
        match $crate::http::idempotentie::begin(
            $ctx.db(),
            &$sleutel,
            $ctx.caller.actor.id(),
            &$operatie,
            &$invoer.vingerafdruk(),
        )
        .await?
        {
            Ok(idem) => idem,
            Err(eerder) => return Ok(eerder),
        }
    };
}
pub use idempotent;

/// Een verzoek dat onder een `Idempotency-Key` valt (of niet, zonder sleutel).
pub struct Idempotent {
    sleutel: Option<(Uuid, String, String)>,
}

/// Begint een idempotent verzoek voor `actor` en `operatie` (methode en pad met ids)
/// met deze vingerafdruk van de body. `Err` met het eerdere antwoord als dit een
/// herhaling is (of 422 bij een andere body).
pub async fn begin(
    db: &impl ConnectionTrait,
    key: &IdempotentieHeader,
    actor: Option<Uuid>,
    operatie: &str,
    vingerafdruk: &str,
) -> ApiResult<Result<Idempotent, HttpResponse>> {
    let (Some(sleutel), Some(actor)) = (&key.idempotency_key, actor) else {
        return Ok(Ok(Idempotent { sleutel: None }));
    };
    let nieuw = db
        .execute_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "INSERT INTO idempotentie (actor, operatie, sleutel, vingerafdruk) VALUES ($1, $2, $3, $4) \
             ON CONFLICT DO NOTHING",
            [actor.into(), operatie.into(), sleutel.clone().into(), vingerafdruk.into()],
        ))
        .await?
        .rows_affected()
        == 1;
    if nieuw {
        return Ok(Ok(Idempotent {
            sleutel: Some((actor, operatie.to_owned(), sleutel.clone())),
        }));
    }
    let rij = db
        .query_one_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "SELECT vingerafdruk, status, body, locatie, etag FROM idempotentie \
             WHERE actor = $1 AND operatie = $2 AND sleutel = $3",
            [actor.into(), operatie.into(), sleutel.clone().into()],
        ))
        .await?
        .ok_or_else(|| ApiError::Internal("idempotentieregel verdwenen".into()))?;
    let eerder: String = rij.try_get("", "vingerafdruk")?;
    if eerder != vingerafdruk {
        return Err(ApiError::Unprocessable(
            Code::IdempotencyKeyHergebruikt,
            "Deze Idempotency-Key hoort al bij een verzoek met een andere body; kies een nieuwe sleutel voor een nieuw verzoek."
                .into(),
        ));
    }
    let status: Option<i32> = rij.try_get("", "status")?;
    let Some(status) = status.and_then(|s| StatusCode::from_u16(s as u16).ok()) else {
        return Err(ApiError::Conflict(
            Code::IdempotencyKeyBezig,
            "Een verzoek met deze Idempotency-Key is nog bezig; probeer het zo opnieuw.".into(),
        ));
    };
    let mut antwoord = HttpResponse::build(status);
    antwoord.insert_header(("Idempotent-Replayed", "true"));
    if let Some(locatie) = rij.try_get::<Option<String>>("", "locatie")? {
        antwoord.insert_header((header::LOCATION, locatie));
    }
    if let Some(etag) = rij.try_get::<Option<String>>("", "etag")? {
        antwoord.insert_header((header::ETAG, etag));
    }
    let body: Option<String> = rij.try_get("", "body")?;
    Ok(Err(antwoord
        .content_type("application/json")
        .body(body.unwrap_or_default())))
}

impl Idempotent {
    /// Het antwoord (`status`, JSON-body, `Location`, `ETag`); onder een sleutel ook
    /// bewaard voor herhalingen.
    pub async fn antwoord(
        &self,
        db: &impl ConnectionTrait,
        status: StatusCode,
        body: &impl Serialize,
        locatie: Option<String>,
        etag: Option<String>,
    ) -> ApiResult<HttpResponse> {
        let json = serde_json::to_string(body)
            .map_err(|e| ApiError::Internal(format!("antwoord niet te serialiseren: {e}")))?;
        if let Some((actor, operatie, sleutel)) = &self.sleutel {
            db.execute_raw(Statement::from_sql_and_values(
                DbBackend::Postgres,
                "UPDATE idempotentie SET status = $4, body = $5, locatie = $6, etag = $7 \
                 WHERE actor = $1 AND operatie = $2 AND sleutel = $3",
                [
                    (*actor).into(),
                    operatie.clone().into(),
                    sleutel.clone().into(),
                    i32::from(status.as_u16()).into(),
                    json.clone().into(),
                    locatie.clone().into(),
                    etag.clone().into(),
                ],
            ))
            .await?;
        }
        let mut antwoord = HttpResponse::build(status);
        if let Some(locatie) = locatie {
            antwoord.insert_header((header::LOCATION, locatie));
        }
        if let Some(etag) = etag {
            antwoord.insert_header((header::ETAG, etag));
        }
        Ok(antwoord.content_type("application/json").body(json))
    }
}
