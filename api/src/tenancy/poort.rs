//! De verzoeklimieten vóór de body (issue 29): een schrijvend verzoek telt mee voor de
//! limiet van zijn account of koppeling, en een verzoek aan de anonieme
//! authenticatie-endpoints voor de limiet van zijn IP-adres, voordat de dienst één
//! byte van de body leest of controleert. Boven de limiet is het 429 met
//! `Retry-After`, hoe groot of bewerkelijk de body ook is.
//!
//! Deze laag zit binnen [`crate::http::contract::guard`] en vóór de routes. Wat zij
//! telde, markeert zij ([`LimietGeteld`]), zodat de [`super::Context`] het niet nog
//! eens telt. Een token dat niet klopt, telt hier niet: de context weigert het (401).

use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;
use actix_web::{Error, HttpMessage, web};
use sea_orm::DatabaseConnection;

use crate::auth::{self, TokenKeys};
use crate::http::grenzen::{self, Grenzen};

/// De endpoints zonder token die per IP-adres tellen.
const ANONIEM: [&str; 2] = ["/api/v1/auth/token", "/api/v1/auth/wachtwoord"];

/// Dit verzoek is al geteld voor de verzoeklimieten.
#[derive(Debug, Clone, Copy)]
pub struct LimietGeteld;

pub async fn poort(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<EitherBody<impl MessageBody>>, Error> {
    if !req.method().is_safe() {
        let db = req.app_data::<web::Data<DatabaseConnection>>().cloned();
        let limieten = req.app_data::<web::Data<Grenzen>>().cloned();
        let keys = req.app_data::<web::Data<TokenKeys>>().cloned();
        if let (Some(db), Some(limieten)) = (db, limieten) {
            let telling = if ANONIEM.contains(&req.path()) {
                Some(grenzen::per_ip(&db, &limieten, req.request()).await)
            } else {
                let identiteit = auth::bearer_token(req.request())
                    .ok()
                    .zip(keys)
                    .and_then(|(token, keys)| keys.verify(token).ok());
                match identiteit {
                    Some(identiteit) => {
                        Some(grenzen::schrijven(&db, &limieten, &identiteit.limietsleutel()).await)
                    }
                    None => None,
                }
            };
            match telling {
                Some(Err(fout)) => return Ok(req.error_response(fout).map_into_right_body()),
                Some(Ok(())) => {
                    req.extensions_mut().insert(LimietGeteld);
                }
                None => {}
            }
        }
    }
    next.call(req)
        .await
        .map(ServiceResponse::map_into_left_body)
}
