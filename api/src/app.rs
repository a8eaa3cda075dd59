//! De applicatie: routes, lagen en de HTTP-server.

use std::net::TcpListener;

use actix_web::dev::{Server, ServerHandle};
use actix_web::http::Method;
use actix_web::middleware::from_fn;
use actix_web::{App, HttpResponse, web};
use sea_orm::DatabaseConnection;
use tracing_actix_web::TracingLogger;
use utoipa_actix_web::{AppExt, scope, service_config::ServiceConfig};
use utoipa_swagger_ui::SwaggerUi;

use crate::auth::TokenKeys;
use crate::auth::zichtbaarheid::filter::Zichtbaarheid;
use crate::config::Config;
use crate::http::contract::{self, DOCS_PATH};
use crate::http::health;
use crate::http::openapi::{self, DocumentJson};
use crate::http::route_table::RouteTable;
use crate::modules;
use crate::modules::dashboard::pagina;
use crate::modules::wijzigingen::Bewaardagen;
use crate::telemetry::RequestSpan;

/// Alle routes: gezondheid (buiten het document) en de API onder `/api/v1`.
fn routes(cfg: &mut ServiceConfig) {
    cfg.service(health::live)
        .service(health::ready)
        .service(scope(openapi::BASE_PATH).configure(modules::api_routes));
}

/// De routetabel: de operaties van het document, gezondheid en de dashboardpagina.
fn routetabel(document: &serde_json::Value) -> RouteTable {
    RouteTable::from_openapi(document)
        .with_route("/health/live", &[Method::GET])
        .with_route("/health/ready", &[Method::GET])
        .with_route(pagina::PAGINA, &[Method::GET])
        .with_route(pagina::SCRIPT, &[Method::GET])
        .with_route(pagina::STIJL, &[Method::GET])
}

/// Een gebouwde, nog niet draaiende server.
pub struct Application {
    port: u16,
    server: Server,
    db: DatabaseConnection,
    /// Hoe vaak de retentie draait (`None`: niet in deze dienst).
    retentie: Option<std::time::Duration>,
    /// De bewaartermijn van het verwerkingenlogboek in jaren.
    bewaarjaren: u32,
    /// Om de koppen van de audit trail te ondertekenen ([`crate::audit::koppen`]).
    keys: web::Data<TokenKeys>,
}

impl Application {
    /// Bindt de listener (poort 0 kiest een vrije poort) en bouwt de server.
    /// `pools`: de pool van de dienst (rol `weefsel_app`), de inlogpool (rol
    /// `weefsel_auth`) en die van de limiet, zie [`crate::db::pools`].
    pub fn build(config: &Config, pools: crate::db::Pools) -> anyhow::Result<Self> {
        let inlog = web::Data::new(crate::auth::Inlogpool(pools.inlog));
        let tellers = web::Data::new(crate::http::grenzen::Tellerpool(pools.tellers));
        let db = pools.dienst;
        let keys = web::Data::new(TokenKeys::from_config(config)?);
        let audit_sleutels = web::Data::new(crate::audit::AuditSleutels::laden(config)?);
        let audit_waarden = web::Data::new(modules::audit_waarden());
        let keys_koppen = keys.clone();
        let listener = TcpListener::bind(config.listen)
            .map_err(|e| anyhow::anyhow!("kan niet luisteren op {}: {e}", config.listen))?;
        let port = listener.local_addr()?.port();

        // Het document één keer gebouwd: routetabel, invoercontrole, `/api/v1/openapi.json`.
        let document = modules::document();
        let document_json = DocumentJson(web::Bytes::from(openapi::als_json(&document)));
        let table = web::Data::new(routetabel(&document));
        let db_data = web::Data::new(db.clone());
        let gemeenten = web::Data::new(crate::tenancy::GemeentenRegister::default());
        let zichtbaarheid = web::Data::new(Zichtbaarheid::uit(&document));
        let schemas = web::Data::new(crate::http::invoer::Schemas(std::sync::Arc::new(document)));
        let grenzen = web::Data::new(config.grenzen.clone());
        let bewaardagen = web::Data::new(Bewaardagen(config.wijzigingen_bewaardagen));

        let server = actix_web::HttpServer::new(move || {
            // Swagger UI vóór de scope `/api/v1`: een actix-scope neemt alles onder
            // zijn prefix, dus wat later onder `/api/v1` komt, zou nooit bereikt worden.
            let docs = SwaggerUi::new(format!("{DOCS_PATH}/{{_:.*}}"))
                .config(utoipa_swagger_ui::Config::new(["/api/v1/openapi.json"]));
            let (app, _) = App::new()
                .service(docs)
                .route(DOCS_PATH, web::get().to(docs_redirect))
                .route(pagina::PAGINA, web::get().to(pagina::html))
                .route(pagina::SCRIPT, web::get().to(pagina::script))
                .route(pagina::STIJL, web::get().to(pagina::stijl))
                .into_utoipa_app()
                .configure(routes)
                .split_for_parts();
            app.app_data(db_data.clone())
                .app_data(inlog.clone())
                .app_data(tellers.clone())
                .app_data(gemeenten.clone())
                .app_data(schemas.clone())
                .app_data(zichtbaarheid.clone())
                .app_data(keys.clone())
                .app_data(audit_sleutels.clone())
                .app_data(audit_waarden.clone())
                .app_data(grenzen.clone())
                .app_data(bewaardagen.clone())
                .app_data(table.clone())
                .app_data(web::Data::new(document_json.clone()))
                .app_data(contract::json_config())
                .app_data(contract::form_config())
                .app_data(contract::query_config())
                .app_data(contract::path_config())
                .app_data(web::PayloadConfig::new(contract::MAX_BODY_BYTES))
                .default_service(web::to(contract::fallback))
                .wrap(from_fn(crate::auth::zichtbaarheid::filter::filter))
                .wrap(from_fn(crate::tenancy::idempotentie::laag))
                .wrap(from_fn(crate::tenancy::poort::poort))
                .wrap(from_fn(contract::guard))
                .wrap(TracingLogger::<RequestSpan>::new())
                .wrap(from_fn(contract::outer))
        })
        .workers(config.workers)
        // Een client die zijn headers niet op tijd stuurt: 408 en de verbinding dicht.
        .client_request_timeout(config.grenzen.headers)
        .shutdown_timeout(config.shutdown_timeout.as_secs())
        .disable_signals()
        .listen(listener)?
        .run();

        Ok(Application {
            port,
            server,
            db,
            retentie: config.retentie_interval,
            bewaarjaren: config.verwerking_bewaarjaren,
            keys: keys_koppen,
        })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// Om de server van buitenaf te stoppen.
    pub fn handle(&self) -> ServerHandle {
        self.server.handle()
    }

    /// Draait tot de server stopt en sluit dan de databasepool.
    /// Zolang de server draait, draait ook de retentie ([`crate::ops::retentie`]).
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        let retentie = self.retentie.map(|interval| {
            tokio::spawn(crate::ops::retentie::dagelijks(
                self.db.clone(),
                interval,
                self.bewaarjaren,
            ))
        });
        let koppen = tokio::spawn(crate::audit::koppen::dagelijks(
            self.db.clone(),
            self.keys.clone().into_inner(),
            std::time::Duration::from_secs(24 * 60 * 60),
        ));
        let result = self.server.await;
        if let Some(taak) = retentie {
            taak.abort();
        }
        koppen.abort();
        if let Err(error) = self.db.close().await {
            tracing::warn!(cause = %error, "databasepool niet netjes gesloten");
        }
        result
    }

    /// Draait tot SIGTERM of SIGINT en stopt dan netjes: geen nieuwe verbindingen,
    /// lopende verzoeken maken af (hoogstens `WEEFSEL_SHUTDOWN_TIMEOUT` seconden),
    /// daarna gaat de databasepool dicht.
    pub async fn run_until_signal(self) -> std::io::Result<()> {
        let handle = self.handle();
        tokio::spawn(async move {
            wait_for_signal().await;
            tracing::info!("stoppen: lopende verzoeken worden afgemaakt");
            handle.stop(true).await;
        });
        self.run_until_stopped().await
    }
}

async fn wait_for_signal() {
    use tokio::signal::unix::{SignalKind, signal};
    let mut term = match signal(SignalKind::terminate()) {
        Ok(s) => s,
        Err(error) => {
            tracing::warn!(cause = %error, "kan SIGTERM niet afvangen");
            let _ = tokio::signal::ctrl_c().await;
            return;
        }
    };
    tokio::select! {
        _ = term.recv() => {}
        _ = tokio::signal::ctrl_c() => {}
    }
}

/// `/api/v1/docs` → `/api/v1/docs/`: Swagger UI is een pagina met relatieve paden.
async fn docs_redirect() -> HttpResponse {
    HttpResponse::Found()
        .insert_header(("Location", format!("{DOCS_PATH}/")))
        .finish()
}
