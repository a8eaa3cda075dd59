//! Gezondheid: leeft het proces, en kan het de database bereiken.

use std::time::Duration;

use actix_web::{HttpResponse, get, web};
use sea_orm::{ConnectionTrait, DatabaseConnection};
use serde::Serialize;
use utoipa::ToSchema;

use crate::http::problem::{ApiError, ApiResult, DATABASE_WEG, Problem};

/// De toestand van de dienst.
#[derive(Debug, Serialize, ToSchema)]
pub struct Gezondheid {
    /// Altijd `ok` bij een 200.
    #[schema(example = "ok")]
    pub status: &'static str,
}

/// Leeft het proces?
///
/// Geeft 200 zolang het proces verzoeken kan beantwoorden, los van de database.
#[utoipa::path(
    tag = "Systeem",
    operation_id = "getLive",
    responses((status = 200, description = "Het proces draait.", body = Gezondheid)),
    security(()),
)]
#[get("/health/live")]
pub async fn live() -> HttpResponse {
    HttpResponse::Ok().json(Gezondheid { status: "ok" })
}

/// Is de dienst klaar voor verkeer?
///
/// 200 als de database binnen twee seconden antwoordt, anders 503. Herstelt vanzelf
/// zodra de database weer bereikbaar is.
#[utoipa::path(
    tag = "Systeem",
    operation_id = "getReady",
    responses(
        (status = 200, description = "De database is bereikbaar.", body = Gezondheid),
        (status = 503, description = "De database is niet bereikbaar.", body = Problem, content_type = "application/problem+json",
            headers(("Retry-After" = u32, description = "Aantal seconden waarna een nieuwe poging zin heeft."))),
    ),
    security(()),
)]
#[get("/health/ready")]
pub async fn ready(db: web::Data<DatabaseConnection>) -> ApiResult<HttpResponse> {
    let probe = tokio::time::timeout(Duration::from_secs(2), db.execute_unprepared("SELECT 1"));
    match probe.await {
        Ok(Ok(_)) => Ok(HttpResponse::Ok().json(Gezondheid { status: "ok" })),
        Ok(Err(error)) => {
            tracing::warn!(cause = %error, "database niet bereikbaar");
            Err(ApiError::Unavailable(DATABASE_WEG.into()))
        }
        Err(_) => {
            tracing::warn!("database antwoordt niet binnen 2 s");
            Err(ApiError::Unavailable(DATABASE_WEG.into()))
        }
    }
}
