//! Logging: één span per verzoek (request-id, methode, route, status, duur, en
//! later gemeente en gebruiker), JSON in productie en leesbaar in ontwikkeling.
//!
//! Privacy: er wordt nooit een query string, body of SQL-parameter gelogd; de
//! route wordt als sjabloon vastgelegd (`/api/v1/gemeenten/{code}`).

use actix_web::Error;
use actix_web::HttpMessage;
use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use tracing::Span;
use tracing_actix_web::RootSpanBuilder;
use tracing_subscriber::EnvFilter;
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;

use crate::config::{Config, LogFormat};
use crate::http::contract::{RequestId, RequestStart};

/// Zet de globale logger op; een tweede aanroep (bv. in tests) doet niets.
pub fn init(config: &Config) {
    init_with(config.log_format, &config.log_level);
}

pub fn init_with(format: LogFormat, level: &str) {
    // sqlx en sea-orm loggen standaard SQL; dat blijft uit (zie ook db::connect).
    let filter = EnvFilter::try_new(format!("{level},sqlx=warn,sea_orm=warn"))
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,sea_orm=warn"));
    let registry = tracing_subscriber::registry().with(filter);
    let _ = match format {
        LogFormat::Json => registry
            .with(
                tracing_subscriber::fmt::layer()
                    .json()
                    .flatten_event(true)
                    .with_current_span(true)
                    .with_span_list(false),
            )
            .try_init(),
        LogFormat::Pretty => registry
            .with(tracing_subscriber::fmt::layer().compact())
            .try_init(),
    };
}

/// De span van een verzoek, voor tracing-actix-web.
pub struct RequestSpan;

impl RootSpanBuilder for RequestSpan {
    fn on_request_start(request: &ServiceRequest) -> Span {
        let span = tracing::info_span!(
            "verzoek",
            request_id = tracing::field::Empty,
            correlatie_id = tracing::field::Empty,
            method = %request.method(),
            route = tracing::field::Empty,
            status = tracing::field::Empty,
            latency_ms = tracing::field::Empty,
            gemeente = tracing::field::Empty,
            gebruiker = tracing::field::Empty,
        );
        // Het routepatroon zoekt actix per verzoek opnieuw op (met een regex); alleen
        // als de span gelogd wordt (issue 11: ~2 % van de CPU-tijd van een lijst).
        if !span.is_disabled() {
            if let Some(id) = request.extensions().get::<RequestId>() {
                span.record("request_id", id.0.as_str());
            }
            if let Some(id) = request
                .extensions()
                .get::<crate::http::contract::CorrelatieId>()
            {
                span.record("correlatie_id", id.0.as_str());
            }
            let route = request.match_pattern();
            span.record("route", route.as_deref().unwrap_or("onbekend"));
        }
        span
    }

    fn on_request_end<B: MessageBody>(span: Span, outcome: &Result<ServiceResponse<B>, Error>) {
        let (status, latency_ms, error) = match outcome {
            Ok(response) => {
                let latency = response
                    .request()
                    .extensions()
                    .get::<RequestStart>()
                    .map(|start| start.0.elapsed().as_secs_f64() * 1000.0)
                    .unwrap_or_default();
                let error = response
                    .response()
                    .error()
                    .filter(|_| response.status().is_server_error())
                    .map(ToString::to_string);
                (response.status().as_u16(), latency, error)
            }
            Err(error) => (
                error.as_response_error().status_code().as_u16(),
                0.0,
                Some(error.to_string()),
            ),
        };
        span.record("status", status);
        span.record("latency_ms", latency_ms);
        let _entered = span.enter();
        match error {
            // De oorzaak van een 500 staat alleen hier, nooit in het antwoord.
            Some(cause) => tracing::error!(cause = %cause, "verzoek mislukt"),
            None if status >= 500 => tracing::error!("verzoek mislukt"),
            None => tracing::info!("verzoek afgehandeld"),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write;
    use std::sync::{Arc, Mutex};

    use actix_web::HttpMessage;
    use actix_web::test::TestRequest;
    use tracing::Level;
    use tracing_actix_web::RootSpanBuilder;

    use super::RequestSpan;
    use crate::http::contract::RequestId;

    #[derive(Clone, Default)]
    struct Buffer(Arc<Mutex<Vec<u8>>>);

    impl Write for Buffer {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            if let Ok(mut buffer) = self.0.lock() {
                buffer.extend_from_slice(bytes);
            }
            Ok(bytes.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    /// Wat een event binnen de span van een verzoek logt, bij dit niveau.
    fn log_bij(level: Level) -> (bool, String) {
        let buffer = Buffer::default();
        let schrijver = buffer.clone();
        let subscriber = tracing_subscriber::fmt()
            .json()
            .with_max_level(level)
            .with_writer(move || schrijver.clone())
            .finish();
        let uit = tracing::subscriber::with_default(subscriber, || {
            let request = TestRequest::get().uri("/api/v1/gebieden").to_srv_request();
            request
                .extensions_mut()
                .insert(RequestId("verzoek-123".into()));
            let span = RequestSpan::on_request_start(&request);
            span.in_scope(|| tracing::warn!("binnen"));
            span.is_disabled()
        });
        let tekst = buffer.0.lock().map(|b| b.clone()).unwrap_or_default();
        (uit, String::from_utf8_lossy(&tekst).into_owned())
    }

    #[test]
    fn an_enabled_request_span_carries_request_id_and_route() {
        let (uit, log) = log_bij(Level::INFO);
        assert!(!uit);
        assert!(log.contains(r#""request_id":"verzoek-123""#), "{log}");
        // Zonder routetabel (een testverzoek) kent actix geen patroon.
        assert!(log.contains(r#""route":"onbekend""#), "{log}");
        assert!(log.contains(r#""method":"GET""#), "{log}");
    }

    #[test]
    fn a_disabled_request_span_records_nothing() {
        let (uit, log) = log_bij(Level::WARN);
        assert!(uit);
        assert!(log.contains("binnen"), "{log}");
        assert!(!log.contains("verzoek-123"), "{log}");
    }
}
