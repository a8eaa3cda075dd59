//! De pagina `/dashboard`: één pagina (HTML, CSS en JavaScript in de binary, niets van
//! elders, een strikte Content-Security-Policy) waar iemand inlogt bij het
//! tokenendpoint en het regionale overzicht ziet. Een referentie voor het frontendteam
//! en een werkend overzicht voor wie er nog geen heeft; buiten het OpenAPI-document.

use actix_web::HttpResponse;

/// De paden van de pagina en haar twee bestanden.
pub const PAGINA: &str = crate::http::contract::PAGINA_PATH;
pub const SCRIPT: &str = "/dashboard/app.js";
pub const STIJL: &str = "/dashboard/app.css";

const HTML: &str = include_str!("pagina/index.html");
const JS: &str = include_str!("pagina/app.js");
const CSS: &str = include_str!("pagina/app.css");

pub async fn html() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .body(HTML)
}

pub async fn script() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/javascript; charset=utf-8")
        .body(JS)
}

pub async fn stijl() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/css; charset=utf-8")
        .body(CSS)
}
