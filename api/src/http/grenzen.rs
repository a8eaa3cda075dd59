//! Begrensde middelen (issue 16): wat één client en één verzoek hoogstens mogen.
//!
//! - **Verzoekduur**: [`crate::http::contract::outer`] breekt een verzoek af na
//!   [`Grenzen::verzoek`] (503 met `Retry-After`).
//! - **Trage body**: [`met_deadline`] laat de body binnen [`Grenzen::body`] na de
//!   headers binnenkomen, anders 408 ([`is_verlopen`]). De headers zelf begrenst actix
//!   ([`Grenzen::headers`], `client_request_timeout`: 408 en de verbinding dicht).
//! - **Statements en pool**: de pool wacht hoogstens [`Grenzen::db_wachten`] op een
//!   verbinding en PostgreSQL breekt een statement af na [`Grenzen::statement`]
//!   (`crate::db::connect`); beide worden 503.
//! - **Verzoeklimieten**: [`schrijven`] (per account of koppeling) en [`per_ip`] (het
//!   token-endpoint) tellen in PostgreSQL (`weefsel_limiet`, migratie 000016), dus over
//!   alle instanties samen; boven de limiet 429 met `Retry-After`.

use std::future::Future;
use std::io;
use std::net::IpAddr;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use actix_web::dev::{Payload, ServiceRequest};
use actix_web::error::PayloadError;
use actix_web::web::Bytes;
use actix_web::{HttpMessage, HttpRequest};
use futures_util::Stream;
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, Statement};

pub use crate::config::Grenzen;
use crate::http::problem::{ApiError, ApiResult};

/// Het venster van de verzoeklimieten.
const VENSTER_SECONDEN: i32 = 60;

/// De body van `req` moet binnen `duur` binnen zijn; daarna geeft hij een fout die
/// [`is_verlopen`] herkent (en die de body-extractors tot 408 maken).
pub fn met_deadline(req: &mut ServiceRequest, duur: Duration) {
    let payload = req.take_payload();
    let stroom: Pin<Box<dyn Stream<Item = Result<Bytes, PayloadError>>>> = Box::pin(Deadline {
        payload,
        slaap: Box::pin(tokio::time::sleep(duur)),
        verlopen: false,
    });
    req.set_payload(Payload::from(stroom));
}

struct Deadline {
    payload: Payload,
    slaap: Pin<Box<tokio::time::Sleep>>,
    verlopen: bool,
}

impl Stream for Deadline {
    type Item = Result<Bytes, PayloadError>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        if self.verlopen {
            return Poll::Ready(None);
        }
        match Pin::new(&mut self.payload).poll_next(cx) {
            Poll::Pending => match self.slaap.as_mut().poll(cx) {
                Poll::Ready(()) => {
                    self.verlopen = true;
                    Poll::Ready(Some(Err(PayloadError::Io(io::Error::new(
                        io::ErrorKind::TimedOut,
                        "body niet op tijd binnen",
                    )))))
                }
                Poll::Pending => Poll::Pending,
            },
            klaar => klaar,
        }
    }
}

/// Is deze fout bij het lezen van de body het verlopen van [`met_deadline`]?
pub fn is_verlopen(error: &PayloadError) -> bool {
    matches!(error, PayloadError::Io(e) if e.kind() == io::ErrorKind::TimedOut)
}

/// Telt een schrijvend verzoek van deze aanroeper (`sleutel`, bv.
/// `gebruiker:<id>`); 429 boven de limiet.
pub async fn schrijven(db: &DatabaseConnection, grenzen: &Grenzen, sleutel: &str) -> ApiResult<()> {
    tellen(
        db,
        &format!("schrijven:{sleutel}"),
        grenzen.schrijven_per_minuut,
        "Te veel schrijvende verzoeken van dit account of deze koppeling",
    )
    .await
}

/// De kleine pool waaruit de limiet op persoonsgegevens telt ([`crate::db::Pools`]).
pub struct Tellerpool(pub sea_orm::DatabaseConnection);

/// Telt een verzoek dat persoonsgegevens leest van deze aanroeper (`sleutel`); 429
/// boven de limiet (issue 30: het verwerkingenlogboek en wie veel leest, blijven
/// begrensd).
pub async fn persoonsgegevens(
    db: &DatabaseConnection,
    grenzen: &Grenzen,
    sleutel: &str,
) -> ApiResult<()> {
    tellen(
        db,
        &format!("persoonsgegevens:{sleutel}"),
        grenzen.persoonsgegevens_per_minuut,
        "Te veel verzoeken om persoonsgegevens van dit account of deze koppeling",
    )
    .await
}

/// Telt een verzoek aan het token-endpoint vanaf het IP-adres van de client; 429 boven
/// de limiet.
pub async fn per_ip(
    db: &DatabaseConnection,
    grenzen: &Grenzen,
    req: &HttpRequest,
) -> ApiResult<()> {
    let ip = client_ip(req, &grenzen.vertrouwde_proxies)
        .map_or_else(|| "onbekend".to_owned(), |ip| ip.to_string());
    tellen(
        db,
        &format!("token:{ip}"),
        grenzen.token_per_minuut,
        "Te veel tokenaanvragen vanaf dit adres",
    )
    .await
}

async fn tellen(db: &DatabaseConnection, sleutel: &str, max: u32, wat: &str) -> ApiResult<()> {
    let rij = db
        .query_one_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "SELECT weefsel_limiet($1, $2, $3) AS wacht",
            [
                sleutel.into(),
                i32::try_from(max).unwrap_or(i32::MAX).into(),
                VENSTER_SECONDEN.into(),
            ],
        ))
        .await?;
    let wacht = rij
        .and_then(|r| r.try_get::<i32>("", "wacht").ok())
        .unwrap_or(0);
    if wacht <= 0 {
        return Ok(());
    }
    let retry_after = u64::try_from(wacht).unwrap_or(1);
    Err(ApiError::TooManyRequests {
        retry_after,
        detail: format!(
            "{wat}: hoogstens {max} per minuut. Probeer het over {retry_after} seconden opnieuw (Retry-After)."
        ),
    })
}

/// Het IP-adres van de client: de peer, of, als de peer een vertrouwde proxy is, het
/// laatste adres in `X-Forwarded-For` dat geen vertrouwde proxy is (wat verder naar
/// links staat, kan de client zelf hebben geschreven).
pub fn client_ip(req: &HttpRequest, vertrouwd: &[IpAddr]) -> Option<IpAddr> {
    let peer = req.peer_addr().map(|a| a.ip())?;
    if !vertrouwd.contains(&peer) {
        return Some(peer);
    }
    let doorgestuurd: Vec<IpAddr> = req
        .headers()
        .get_all("x-forwarded-for")
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .filter_map(|a| a.trim().parse().ok())
        .collect();
    Some(
        doorgestuurd
            .into_iter()
            .rev()
            .find(|a| !vertrouwd.contains(a))
            .unwrap_or(peer),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::test::TestRequest;

    fn verzoek(peer: &str, xff: Option<&str>) -> HttpRequest {
        let mut r = TestRequest::default().peer_addr(peer.parse().expect("adres"));
        if let Some(x) = xff {
            r = r.insert_header(("X-Forwarded-For", x));
        }
        r.to_http_request()
    }

    #[test]
    fn the_client_is_the_peer_unless_a_trusted_proxy_forwarded() {
        let lb: IpAddr = "10.0.0.1".parse().expect("ip");
        let client: IpAddr = "192.0.2.7".parse().expect("ip");
        // Zonder vertrouwde proxy telt de header niet: die kan iedereen schrijven.
        assert_eq!(
            client_ip(&verzoek("192.0.2.7:5000", Some("198.51.100.1")), &[]),
            Some(client)
        );
        // Via de load balancer: het adres dat hij zelf toevoegde (rechts), niet wat de
        // client er vooraan in zette.
        assert_eq!(
            client_ip(
                &verzoek("10.0.0.1:5000", Some("198.51.100.1, 192.0.2.7")),
                &[lb]
            ),
            Some(client)
        );
        // Geen header: de proxy zelf.
        assert_eq!(client_ip(&verzoek("10.0.0.1:5000", None), &[lb]), Some(lb));
    }
}
