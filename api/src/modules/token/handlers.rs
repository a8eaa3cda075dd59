//! `POST /api/v1/auth/token`: access tokens voor gebruikers (`password`) en
//! koppelingen (`client_credentials`), OAuth 2.0 (RFC 6749).
//!
//! Misbruik: na 5 mislukte pogingen op één account binnen 15 minuten krijgt elke
//! volgende poging 429 met `Retry-After`, ook met het goede wachtwoord. De tellers
//! staan in PostgreSQL (gedeeld door alle instanties); pogingen op één account gaan
//! na elkaar (advisory lock). Een onbekende gebruikersnaam wordt precies zo
//! behandeld als een bekende met een fout wachtwoord: zelfde antwoord, zelfde
//! werk (er wordt altijd een argon2-hash gecontroleerd), zelfde telling.

use crate::http::problem::Foutcode;
use actix_web::http::StatusCode;
use actix_web::{HttpMessage, HttpRequest, HttpResponse, post, web};
use entity::gebruiker;
use sea_orm::{
    ActiveValue::Set, ConnectionTrait, DatabaseConnection, DbBackend, FromQueryResult, Statement,
};
use uuid::Uuid;

use super::invoer::*;
use super::pogingen::*;
use super::weergave::*;
use crate::audit::Wijzigingen;
use crate::auth::secrets::{self, Hash, Tokens};
use crate::auth::{Identity, Inlogpool, Subject, TokenKeys};
use crate::http::contract::RequestId;
use crate::http::invoer::{Fouten, Invoer};
use crate::http::problem::{ApiError, ApiResult, Code, InvalidParam, Problem};
use crate::tenancy::Context;

/// Access token aanvragen
///
/// Met `grant_type=password` (gebruikersnaam en wachtwoord) of
/// `grant_type=client_credentials` (`client_id` en `client_secret` van een
/// koppeling, in het formulier of als `Authorization: Basic`, niet allebei). Met
/// `scope` krijgt het token van een koppeling een deel van haar scopes; het antwoord
/// noemt ze. Fouten zijn problem details met daarnaast de OAuth-velden `error` en
/// `error_description`. Na 5 mislukte pogingen op één account binnen 15 minuten volgt
/// 429 met `Retry-After`.
#[utoipa::path(
    operation_id = "createToken",
    request_body(content = TokenVerzoek, content_type = "application/x-www-form-urlencoded"),
    responses(
        (status = 200, description = "Een access token; bij een koppeling met `scope`.", body = TokenAntwoord),
        (status = 400, description = "`invalid_request` (ook: client-gegevens in Basic én in het formulier), `unsupported_grant_type`, `invalid_grant` (gebruikersnaam of wachtwoord onjuist) of `invalid_scope` (een scope die de koppeling niet heeft, of `scope` bij `password`).", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "`invalid_client`: client_id of client_secret onjuist, of onleesbare Basic-gegevens.", body = Problem, content_type = "application/problem+json",
            headers(("WWW-Authenticate" = String, description = "`Basic realm=\"weefsel\"`, met `error`."))),
        (status = 429, description = "Te veel mislukte pogingen op dit account, of te veel verzoeken vanaf dit IP-adres (`WEEFSEL_LIMIET_TOKEN` per minuut); zie `Retry-After`.", body = Problem, content_type = "application/problem+json",
            headers(("Retry-After" = u64, description = "Seconden tot een nieuwe poging kan."))),
    ),
    security((), ("clientBasic" = [])),
)]
#[post("/auth/token")]
pub async fn create(
    req: HttpRequest,
    form: web::Form<TokenVerzoek>,
    db: web::Data<DatabaseConnection>,
    inlog: web::Data<Inlogpool>,
    keys: web::Data<TokenKeys>,
) -> ApiResult<HttpResponse> {
    let mut form = form.into_inner();
    let basic = basic(&req)?;
    let subject = match form.grant_type.as_deref() {
        None | Some("") => {
            return Err(ApiError::OAuth {
                status: StatusCode::BAD_REQUEST,
                code: None,
                error: "invalid_request",
                detail: "grant_type ontbreekt.".into(),
                params: vec![InvalidParam::new(
                    "grant_type",
                    Foutcode::Verplicht,
                    "Gebruik password of client_credentials.",
                )],
            });
        }
        Some("password") => {
            geen_client(basic, &form)?;
            password_grant(&db, &inlog, form).await?
        }
        Some("client_credentials") => {
            client_uit_basic(&mut form, basic)?;
            client_grant(&db, &inlog, form).await?
        }
        Some(_) => {
            return Err(oauth(
                StatusCode::BAD_REQUEST,
                "unsupported_grant_type",
                "Alleen password en client_credentials worden ondersteund.",
            ));
        }
    };
    let scope = match &subject {
        Subject::Koppeling { scopes, .. } => Some(scopes.join(" ")),
        Subject::Gebruiker { .. } => None,
    };
    let token = keys.issue(subject)?;
    Ok(HttpResponse::Ok()
        .insert_header(("Pragma", "no-cache"))
        .json(TokenAntwoord {
            access_token: token,
            token_type: "Bearer",
            expires_in: keys.ttl_seconds(),
            scope,
        }))
}

/// Een 400 in de vorm van OAuth met één veld.
fn oauth_veld(error: &'static str, veld: &str, detail: &str) -> ApiError {
    ApiError::OAuth {
        status: StatusCode::BAD_REQUEST,
        code: None,
        error,
        detail: detail.to_owned(),
        params: vec![InvalidParam::new(veld, Foutcode::Ongeldig, detail)],
    }
}

/// Een gebruiker authenticeert geen client en vraagt geen scopes. Lege Basic-gegevens
/// (Swagger UI stuurt `Basic Og==` zonder client id) tellen als geen.
fn geen_client(basic: Option<(String, String)>, form: &TokenVerzoek) -> ApiResult<()> {
    if basic.is_some_and(|(id, geheim)| !id.is_empty() || !geheim.is_empty()) {
        return Err(oauth_veld(
            "invalid_request",
            "Authorization",
            "Client-authenticatie (Basic) hoort bij grant_type=client_credentials.",
        ));
    }
    if form.scopes().is_some() {
        return Err(oauth_veld(
            "invalid_scope",
            "scope",
            "Een gebruiker krijgt zijn rechten uit zijn rollen; scope geldt alleen voor \
             koppelingen.",
        ));
    }
    Ok(())
}

/// Client id en secret uit Basic in het formulier, als de client zich zo meldt: één
/// methode per verzoek (RFC 6749 §2.3), en een lege client id in Basic is een mislukte
/// authenticatie (401, §5.2).
fn client_uit_basic(form: &mut TokenVerzoek, basic: Option<(String, String)>) -> ApiResult<()> {
    let Some((id, geheim)) = basic else {
        return Ok(());
    };
    if form.client_id.is_some() || form.client_secret.is_some() {
        return Err(oauth_veld(
            "invalid_request",
            "Authorization",
            "Stuur client_id en client_secret óf als Basic in Authorization óf in het \
             formulier, niet allebei.",
        ));
    }
    if id.is_empty() {
        return Err(oauth(
            StatusCode::UNAUTHORIZED,
            "invalid_client",
            "De Basic-gegevens noemen geen client_id.",
        ));
    }
    form.client_id = Some(id);
    form.client_secret = Some(geheim);
    Ok(())
}

/// De scopes van het token: de gevraagde, als de koppeling ze alle heeft (anders 400
/// `invalid_scope`); zonder vraag alle scopes van de koppeling.
fn smal(koppeling: Vec<String>, gevraagd: Option<Vec<&str>>) -> ApiResult<Vec<String>> {
    let Some(gevraagd) = gevraagd else {
        return Ok(koppeling);
    };
    if let Some(vreemd) = gevraagd.iter().find(|s| !koppeling.iter().any(|k| k == *s)) {
        return Err(oauth_veld(
            "invalid_scope",
            "scope",
            &format!("Deze koppeling heeft de scope '{vreemd}' niet."),
        ));
    }
    Ok(koppeling
        .into_iter()
        .filter(|k| gevraagd.contains(&k.as_str()))
        .collect())
}

/// Alle ontbrekende velden tegelijk, en velden met stuurtekens (een NUL-byte
/// bereikt de database nooit).
fn require(fields: [(&str, &Option<String>); 2]) -> ApiResult<()> {
    let fouten: Vec<InvalidParam> = fields
        .iter()
        .filter_map(|(name, v)| match v.as_deref() {
            None | Some("") => Some(InvalidParam::new(
                *name,
                Foutcode::Verplicht,
                "Dit veld is verplicht.",
            )),
            Some(tekst) if tekst.chars().any(char::is_control) => Some(InvalidParam::new(
                *name,
                Foutcode::Ongeldig,
                "Dit veld bevat stuurtekens (zoals een NUL-byte).",
            )),
            Some(_) => None,
        })
        .collect();
    if fouten.is_empty() {
        return Ok(());
    }
    Err(ApiError::OAuth {
        status: StatusCode::BAD_REQUEST,
        code: None,
        error: "invalid_request",
        detail: "Een of meer velden ontbreken of zijn ongeldig; zie invalidParams.".into(),
        params: fouten,
    })
}

/// Een gebruiker met dit wachtwoord, in een inlogpoging: telt mee voor de lock-out
/// en behandelt een onbekende naam net als een fout wachtwoord. Bij een fout is de
/// poging al geteld; bij succes rondt de aanroeper haar af.
async fn check_password(
    db: &DatabaseConnection,
    inlog: &Inlogpool,
    username: &str,
    password: String,
) -> ApiResult<(Attempt, Credentials)> {
    let username = username.trim().to_lowercase();
    let attempt = Attempt::begin(inlog, &secrets::account_key("gebruiker", &username)).await?;
    let account = credentials(
        db,
        "SELECT g.id, g.actief, gm.code AS gemeente_code, \
         g.rollen, ARRAY[]::text[] AS scopes, g.token_generatie, g.wachtwoord_tijdelijk, \
         coalesce(g.wachtwoord_geldig_tot < now(), false) AS verlopen \
         FROM gebruiker g LEFT JOIN gemeente gm ON gm.id = g.gemeente_id \
         WHERE g.gebruikersnaam = $1",
        username.into(),
    )
    .await?;
    let hash = match account.as_ref().filter(|a| a.actief) {
        Some(a) => attempt.hash(Hash::Wachtwoord, a.id).await?,
        None => None,
    };
    let ok = secrets::verify_password_blocking(hash, password).await?;
    match account {
        Some(account) if ok && account.verlopen => {
            // Wie de code kent, hoort waarom ze niet meer werkt.
            attempt.succeed().await?;
            Err(ApiError::OAuth {
                status: StatusCode::BAD_REQUEST,
                error: "invalid_grant",
                code: Some(Code::ActivatiecodeVerlopen),
                detail: "Deze activeringscode is ouder dan 72 uur en geldt niet meer; vraag de \
                         beheerder om een nieuwe."
                    .into(),
                params: Vec::new(),
            })
        }
        Some(account) if ok => Ok((attempt, account)),
        _ => {
            attempt.fail().await?;
            Err(oauth(
                StatusCode::BAD_REQUEST,
                "invalid_grant",
                "Gebruikersnaam of wachtwoord onjuist, of het account is niet actief.",
            ))
        }
    }
}

/// Het account (zonder hash) in de context `authenticatie` van de dienst: die mag een
/// account opzoeken voordat er een aanroeper is, maar de hash niet lezen.
async fn credentials(
    db: &DatabaseConnection,
    sql: &str,
    waarde: sea_orm::Value,
) -> ApiResult<Option<Credentials>> {
    let tx = crate::db::begin(db).await?;
    tx.execute_raw(Statement::from_string(
        DbBackend::Postgres,
        "SELECT set_config('weefsel.context', 'authenticatie', true)",
    ))
    .await?;
    let account = Credentials::find_by_statement(Statement::from_sql_and_values(
        DbBackend::Postgres,
        sql,
        [waarde],
    ))
    .one(&tx)
    .await?;
    tx.commit().await?;
    Ok(account)
}

async fn password_grant(
    db: &DatabaseConnection,
    inlog: &Inlogpool,
    form: TokenVerzoek,
) -> ApiResult<Subject> {
    require([("username", &form.username), ("password", &form.password)])?;
    let username = form.username.unwrap_or_default();
    let (attempt, account) =
        check_password(db, inlog, &username, form.password.unwrap_or_default()).await?;
    attempt.succeed().await?;
    if account.wachtwoord_tijdelijk {
        return Err(ApiError::OAuth {
            status: StatusCode::BAD_REQUEST,
            error: "invalid_grant",
            code: Some(Code::WachtwoordTijdelijk),
            detail: "Dit wachtwoord is tijdelijk: een beheerder heeft het gezet. Kies eerst zelf \
                     een nieuw wachtwoord met POST /api/v1/auth/wachtwoord; daarna krijgt u een token."
                .into(),
            params: Vec::new(),
        });
    }
    Ok(Subject::Gebruiker {
        id: account.id,
        gemeente: account.gemeente_code,
        rollen: account.rollen,
        generatie: account.token_generatie,
    })
}

/// Eigen wachtwoord kiezen
///
/// Zonder token: met gebruikersnaam en huidig wachtwoord (ook een tijdelijk, dat een
/// beheerder zette), of met de activeringscode van een nieuw account in plaats van het
/// huidige wachtwoord (na 72 uur: 400 `activatiecode_verlopen`). Telt mee voor dezelfde lock-out als het token-endpoint. Alle
/// tokens van vóór de wijziging vervallen.
#[utoipa::path(
    operation_id = "createWachtwoord",
    request_body = WachtwoordWijziging,
    responses(
        (status = 204, description = "Het nieuwe wachtwoord geldt; vraag een token aan."),
        (status = 400, description = "`invalid_grant` (gebruikersnaam of wachtwoord onjuist), of een ongeldig nieuw wachtwoord.", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Te veel mislukte pogingen op dit account, of te veel verzoeken vanaf dit IP-adres (`WEEFSEL_LIMIET_TOKEN` per minuut); zie `Retry-After`.", body = Problem, content_type = "application/problem+json",
            headers(("Retry-After" = u64, description = "Seconden tot een nieuwe poging kan."))),
    ),
    security(()),
)]
#[post("/auth/wachtwoord")]
pub async fn wachtwoord(
    req: HttpRequest,
    db: web::Data<DatabaseConnection>,
    inlog: web::Data<Inlogpool>,
    mut invoer: Invoer<WachtwoordWijziging>,
) -> ApiResult<HttpResponse> {
    if let Some(w) = invoer.deel() {
        let mut fouten = Fouten::new();
        fouten.check(
            w.wachtwoord != w.nieuw_wachtwoord,
            "nieuwWachtwoord",
            Foutcode::Ongeldig,
            "Het nieuwe wachtwoord is gelijk aan het huidige; kies een ander.",
        );
        secrets::check_nieuw_wachtwoord(
            &mut fouten,
            "nieuwWachtwoord",
            Some(&w.nieuw_wachtwoord),
            &w.gebruikersnaam,
        );
        invoer.fouten().voeg_toe(fouten);
    }
    let WachtwoordWijziging {
        gebruikersnaam,
        wachtwoord,
        nieuw_wachtwoord,
    } = invoer.klaar()?;
    let (attempt, account) = check_password(&db, &inlog, &gebruikersnaam, wachtwoord).await?;
    attempt.succeed().await?;
    let identity = Identity::Gebruiker {
        id: account.id,
        gemeente: account.gemeente_code,
        generatie: account.token_generatie,
    };
    let request_id = req.extensions().get::<RequestId>().map(|r| r.0.clone());
    let ctx = Context::voor(&db, &identity, request_id)
        .await?
        .met_audit(&req);
    let huidig = ctx.find_for_update::<gebruiker::Entity>(account.id).await?;
    let hash = secrets::hash_password_blocking(nieuw_wachtwoord).await?;
    let mut model: gebruiker::ActiveModel = huidig.clone().into();
    model.wachtwoord_tijdelijk = Set(false);
    model.wachtwoord_geldig_tot = Set(None);
    // `wachtwoord_gezet_door` blijft wie het tijdelijke wachtwoord gaf: die kende het en
    // kon dit verzoek zelf doen (vier ogen per persoon).
    secrets::hash_zetten(
        ctx.db(),
        Hash::Wachtwoord,
        account.id,
        Some(hash),
        Tokens::Vervallen,
    )
    .await?;
    let w = Wijzigingen::new().alleen_naam("wachtwoord");
    // Het inwisselen van een activeringscode staat zo in de audit trail van de gemeente.
    let w = w.alleen_naam_als(huidig.wachtwoord_geldig_tot.is_some(), "activatiecode");
    let resource = crate::modules::gebruikers::RESOURCE;
    ctx.bewaar_wijziging(resource, huidig.gemeente_id, model, w, ApiError::from)
        .await?;
    ctx.commit_then(HttpResponse::NoContent().finish()).await
}

async fn client_grant(
    db: &DatabaseConnection,
    inlog: &Inlogpool,
    form: TokenVerzoek,
) -> ApiResult<Subject> {
    require([
        ("client_id", &form.client_id),
        ("client_secret", &form.client_secret),
    ])?;
    let client_id = form.client_id.clone().unwrap_or_default();
    let secret = form.client_secret.clone().unwrap_or_default();
    // Eén teller per koppeling, hoe de client_id ook gespeld is (zonder streepjes,
    // met accolades, als `urn:uuid:`): anders geeft elke spelling vijf pogingen.
    let sleutel = Uuid::parse_str(client_id.trim())
        .map(|id| id.to_string())
        .unwrap_or_else(|_| client_id.clone());
    let attempt = Attempt::begin(inlog, &secrets::account_key("koppeling", &sleutel)).await?;
    let account = match Uuid::parse_str(client_id.trim()) {
        Ok(id) => {
            credentials(
                db,
                "SELECT k.id, k.actief, gm.code AS gemeente_code, \
                 ARRAY[]::text[] AS rollen, k.scopes, k.token_generatie, \
                 false AS wachtwoord_tijdelijk, false AS verlopen \
                 FROM koppeling k JOIN gemeente gm ON gm.id = k.gemeente_id WHERE k.id = $1",
                id.into(),
            )
            .await?
        }
        Err(_) => None,
    };
    let hash = match account.as_ref().filter(|a| a.actief) {
        Some(a) => attempt.hash(Hash::Geheim, a.id).await?,
        None => None,
    };
    let ok = hash.is_some_and(|h| secrets::verify_client_secret(&h, &secret));
    match account {
        Some(account) if ok => {
            attempt.succeed().await?;
            Ok(Subject::Koppeling {
                id: account.id,
                gemeente: account.gemeente_code.unwrap_or_default(),
                scopes: smal(account.scopes, form.scopes())?,
                generatie: account.token_generatie,
            })
        }
        _ => {
            attempt.fail().await?;
            Err(oauth(
                StatusCode::UNAUTHORIZED,
                "invalid_client",
                "client_id of client_secret onjuist, of de koppeling is ingetrokken.",
            ))
        }
    }
}

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(create).service(wachtwoord);
}
