//! Eén fouttype voor de hele API, dat altijd als `application/problem+json`
//! (RFC 9457) naar buiten gaat.
//!
//! Handlers en extractors geven een [`ApiError`]; de contract-middleware
//! ([`crate::http::contract`]) maakt er de uiteindelijke problem details van, met
//! `instance` en `requestId`, en zet elke andere foutrespons om.

use actix_web::http::{Method, StatusCode, header};
use actix_web::{HttpResponse, ResponseError};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// Het mediatype van elke foutrespons.
pub const PROBLEM_JSON: &str = "application/problem+json";

/// De enige uitleg die een 500 geeft.
const INTERNAL_DETAIL: &str =
    "Er ging iets mis aan onze kant. Vermeld het requestId als u contact opneemt.";

/// Hoeveel ongeldige parameters een antwoord hoogstens noemt.
pub const MAX_INVALID_PARAMS: usize = 50;

/// Foutmelding volgens RFC 9457 (problem details), met Nederlandse teksten.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
#[schema(example = json!({
    "type": "urn:weefsel:probleem:ongeldige-invoer",
    "title": "Ongeldige invoer",
    "status": 400,
    "detail": "Een of meer parameters zijn ongeldig.",
    "instance": "/api/v1/gemeenten",
    "requestId": "0193a1f2-7c1e-7b3a-9c2d-5e6f7a8b9c0d",
    "invalidParams": [{"name": "paginaGrootte", "code": "ongeldig", "reason": "Verwacht een geheel getal van 1 tot en met 100."}]
}))]
pub struct Problem {
    /// URI die het soort probleem aanduidt (zie de README voor de lijst).
    #[serde(rename = "type")]
    pub kind: String,
    /// Korte, vaste omschrijving van het soort probleem.
    pub title: String,
    /// De HTTP-statuscode.
    pub status: u16,
    /// Uitleg bij dit voorval.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// Het pad van het verzoek waarop dit antwoord hoort.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub instance: Option<String>,
    /// Het request-id (ook in de header `X-Request-Id`); vermeld het bij vragen.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
    /// De ongeldige parameters en velden tegelijk, op naam gesorteerd; hoogstens
    /// [`MAX_INVALID_PARAMS`] (50). Zijn het er meer, dan staat het totaal in
    /// `aantalInvalidParams`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[schema(default = json!([]), max_items = 50)]
    pub invalid_params: Vec<InvalidParam>,
    /// Hoeveel parameters en velden ongeldig waren (ook boven de 50 in `invalidParams`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub aantal_invalid_params: Option<usize>,
    /// Bij 403, 409 en 412: waarom, machineleesbaar (zie het schema `Code`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<Code>,
    /// Alleen bij het token-endpoint: de OAuth 2.0-foutcode (RFC 6749, 5.2), bv. `invalid_grant`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// Alleen bij het token-endpoint: de OAuth 2.0-foutomschrijving.
    #[serde(rename = "error_description", skip_serializing_if = "Option::is_none")]
    pub error_description: Option<String>,
}

/// Waarom een parameter of veld ongeldig is (`code` van een `InvalidParam`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Foutcode {
    /// Een parameter of veld dat de operatie niet kent.
    Onbekend,
    /// Een waarde die niet past: type, formaat, patroon, bereik, of een regel die over
    /// meer velden gaat.
    Ongeldig,
    /// Een verplichte waarde ontbreekt (of is `null`).
    Verplicht,
    /// Een waarde die al in de lijst staat, of een dubbele parameter.
    Dubbel,
    /// Korter dan toegestaan.
    TeKort,
    /// Langer dan toegestaan.
    TeLang,
    /// Een wachtwoord dat te raden is.
    TeZwak,
    /// Hoger dan toegestaan (een bedrag boven wat de regel toelaat).
    TeHoog,
    /// Een waarde die deze aanroeper niet mag zetten.
    NietToegestaan,
    /// Een bijzonder persoonsgegeven zonder vastgelegde toestemming daarvoor.
    ToestemmingOntbreekt,
    /// Een afspraak in plaats van toestemming, terwijl de gemeente op grond van
    /// toestemming verwerkt.
    GrondslagToestemming,
    /// Een veld dat de aanroeper niet mag wijzigen (403 `geen_recht`).
    GeenRecht,
    /// Een sleutel die de leidraad van deze stap niet kent.
    OnbekendeSleutel,
    /// Een nieuwe versie van de leidraad hernummert of hernoemt een stap.
    StapVast,
    /// Een eerder gepubliceerde sleutel met een andere tekst.
    SleutelHergebruikt,
    /// Een `Idempotency-Key` bij een operatie die er geen aanneemt (het token, het
    /// wachtwoord, de zoekvraag): die herhaalt u gewoon.
    IdempotentieNietOndersteund,
}

impl Foutcode {
    pub fn as_str(self) -> &'static str {
        match self {
            Foutcode::Onbekend => "onbekend",
            Foutcode::Ongeldig => "ongeldig",
            Foutcode::Verplicht => "verplicht",
            Foutcode::Dubbel => "dubbel",
            Foutcode::TeKort => "te_kort",
            Foutcode::TeLang => "te_lang",
            Foutcode::TeZwak => "te_zwak",
            Foutcode::TeHoog => "te_hoog",
            Foutcode::NietToegestaan => "niet_toegestaan",
            Foutcode::ToestemmingOntbreekt => "toestemming_ontbreekt",
            Foutcode::GrondslagToestemming => "grondslag_toestemming",
            Foutcode::GeenRecht => "geen_recht",
            Foutcode::OnbekendeSleutel => "onbekende_sleutel",
            Foutcode::StapVast => "stap_vast",
            Foutcode::SleutelHergebruikt => "sleutel_hergebruikt",
            Foutcode::IdempotentieNietOndersteund => "idempotentie_niet_ondersteund",
        }
    }
}

/// Eén ongeldige parameter of veld.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct InvalidParam {
    /// Naam van de parameter of het veld (bij geneste velden met punten, bv. `toestemming.datum`).
    pub name: String,
    /// Machineleesbare code; de waarden staan in `Foutcode`.
    pub code: Foutcode,
    /// Uitleg in het Nederlands.
    pub reason: String,
}

impl InvalidParam {
    pub fn new(name: impl Into<String>, code: Foutcode, reason: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            code,
            reason: reason.into(),
        }
    }
}

/// De machineleesbare reden van een 403, 409 of 412 (in `code`, naast de
/// Nederlandse `detail`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Code {
    /// 403: uw rol of scopes geven dit recht niet.
    GeenRecht,
    /// 403: alleen een gebruiker of koppeling van een gemeente schrijft gemeentelijke gegevens.
    AlleenGemeente,
    /// 403: alleen voor gebruikers (niet voor koppelingen).
    AlleenGebruikers,
    /// 403: deze rol of scope mag u niet toekennen.
    RolNietToegestaan,
    /// 403: accounts en koppelingen met toegang tot persoonsgegevens van sleutelpersonen
    /// beheert alleen de `gemeente_beheerder` van hun gemeente.
    AlleenGemeenteBeheerder,
    /// 403: de gemeente heeft al een actieve `gemeente_beheerder`; alleen die maakt er
    /// nog een.
    GemeenteHeeftBeheerder,
    /// 400 (token): het wachtwoord is tijdelijk; kies eerst zelf een nieuw met
    /// `POST /api/v1/auth/wachtwoord`.
    WachtwoordTijdelijk,
    /// 409: deze `externeReferentie` hoort al bij een andere resource van deze soort in
    /// de gemeente.
    ExterneReferentieBestaat,
    /// 410 (wijzigingen): de positie `na` ligt voor de bewaartermijn van de
    /// wijzigingenstroom en er veranderde sindsdien iets; synchroniseer opnieuw.
    PositieVerlopen,
    /// 400 (token, wachtwoord): deze activeringscode is ouder dan 72 uur; vraag een nieuwe.
    ActivatiecodeVerlopen,
    /// 409: u kunt uw eigen account niet deactiveren of uw eigen rollen niet wijzigen.
    EigenAccount,
    /// 409: deze gebruiker is de laatste genoemde ambtenaar van een sleutelpersoon met
    /// verhoogd risico; noem eerst een ander in haar `zichtbaarVoor`.
    LaatsteBenoemde,
    /// 409: deze gebruikersnaam bestaat al.
    DubbeleGebruikersnaam,
    /// 409: deze externId is in de gemeente al gekoppeld.
    DubbeleExternId,
    /// 409: deze naam bestaat al in de gemeente.
    DubbeleNaam,
    /// 409: deze CBS-code hoort al bij een ander gebied van de gemeente.
    DubbeleCbsCode,
    /// 409: het gebied heeft nog onderliggende gebieden, trajecten, sleutelpersonen,
    /// initiatieven of netwerken die het bestrijken.
    GebiedHeeftOnderliggende,
    /// 409: het traject is afgerond of gestopt en ligt vast.
    TrajectGesloten,
    /// 409: deze statusovergang van een stap bestaat niet.
    StapOvergangOngeldig,
    /// 409: stap 4 van het weerbaarheidsplan sluit alleen met een `go` op het
    /// beslismoment.
    BesluitOntbreekt,
    /// 409: over dit traject is besloten dat samenwerking niet past (`no_go`); er komt
    /// geen besluit meer.
    BesluitGenomen,
    /// 409: dit stappenplan heeft geen beslismoment.
    GeenBeslismoment,
    /// 409: deze aanpakwissel kan niet (alleen van `coachend` naar `coordinerend`).
    WisselNietMogelijk,
    /// 409: deze meting is al ingetrokken.
    MetingIngetrokken,
    /// 409: een gelijktijdig verzoek op dezelfde gegevens botste met dit verzoek
    /// (deadlock of serialisatie); er is niets bewaard, probeer het opnieuw.
    GelijktijdigeWijziging,
    /// 409: iets waarnaar dit verzoek verwijst werd tegelijk verwijderd, of er verwijst
    /// tegelijk iets naar wat dit verzoek verwijdert; er is niets bewaard.
    VerwijzingGewijzigd,
    /// 412: `If-Match` past niet bij de huidige versie.
    VersieVerouderd,
    /// 409: deze statusovergang van een sleutelpersoon bestaat niet.
    StatusOvergangOngeldig,
    /// 409: een actieve sleutelpersoon heeft vastgelegde toestemming nodig.
    ToestemmingOntbreekt,
    /// 409: deze sleutelpersoon is geanonimiseerd; er valt niets meer te wijzigen.
    Geanonimiseerd,
    /// 403: de persoonsgegevens van deze sleutelpersoon (verhoogd risico) zijn alleen
    /// voor de genoemde ambtenaren.
    VerhoogdRisico,
    /// 409: er lopen nog trajecten voor dit netwerk.
    NetwerkHeeftTrajecten,
    /// 409: deze sleutelpersoon is al lid van dit netwerk.
    AlLid,
    /// 409: het initiatief is afgerond of gestopt en ligt vast.
    InitiatiefAfgesloten,
    /// 409: er zijn nog initiatieven voor dit netwerk.
    NetwerkHeeftInitiatieven,
    /// 409: het budget heeft niet genoeg beschikbaar voor deze toekenning.
    BudgetOntoereikend,
    /// 409: het totaal van een budget gaat niet onder wat al gereserveerd is.
    BudgetTeLaag,
    /// 409: het budget is gesloten.
    BudgetGesloten,
    /// 409: de aanvraag is niet (meer) in deze toestand.
    AanvraagStatus,
    /// 409: een uitbetaling gaat niet boven wat voor de aanvraag gereserveerd is.
    UitbetalingTeHoog,
    /// 403: wie een aanvraag indiende, besluit of corrigeert er niet op; ook niet wie de
    /// indienende koppeling maakte, haar scopes wijzigde of haar secret vernieuwde, of
    /// een account dat de indiener maakte of een wachtwoord gaf.
    EigenAanvraag,
    /// 403: dit account is budgethouder en gemeente_beheerder tegelijk; het besluit niet
    /// over geld tot de gemeente de rollen splitst.
    RollenOnverenigbaar,
    /// 409: na deze correctie zou de reservering onder het uitbetaalde bedrag komen.
    CorrectieTeGroot,
    /// 422: deze `Idempotency-Key` hoort al bij een verzoek met een andere body.
    IdempotencyKeyHergebruikt,
    /// 409: een verzoek met deze `Idempotency-Key` is nog bezig.
    IdempotencyKeyBezig,
    /// 409: dit verzoek (met deze `Idempotency-Key`) maakte de resource al, en zijn
    /// antwoord had een geheim dat niet nog eens komt; `Location` wijst de resource.
    AlAangemaakt,
    /// 409: deze organisatie is al partner van dit netwerk.
    AlPartner,
    /// 409: een organisatie met deze naam staat al op deze kaart.
    DubbeleOrganisatie,
    /// 409: de organisatie is partner van een netwerk of deed mee aan een oefening.
    OrganisatieInGebruik,
    /// 409: de oefening is uitgevoerd of geëvalueerd en ligt (grotendeels) vast.
    OefeningVastgelegd,
    /// 409: de melding is afgesloten en ligt vast.
    MeldingAfgesloten,
    /// 409: terug naar de grondslag `toestemming` kan niet zolang actieve
    /// sleutelpersonen zonder toestemming (op een afspraak) verwerkt worden.
    GrondslagInGebruik,
    /// 409: onder de grondslag `toestemming` is er geen bezwaar; de persoon trekt haar
    /// toestemming in (anonimiseren).
    GeenBezwaarBijToestemming,
}

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// Eén of meer parameters of velden zijn ongeldig (400, met `invalidParams`).
    #[error("ongeldige invoer")]
    Validation(Vec<InvalidParam>),
    /// Het verzoek zelf is onleesbaar, bv. geen geldige JSON (400).
    #[error("ongeldig verzoek: {0}")]
    BadRequest(String),
    /// Geen token meegestuurd (401, met `WWW-Authenticate: Bearer`).
    #[error("geen token")]
    Unauthenticated,
    /// Een ongeldig of een ingetrokken token (401, met `WWW-Authenticate`).
    #[error("niet geauthenticeerd: {0}")]
    Unauthorized(String),
    /// Fout van het token-endpoint in OAuth 2.0-vorm (400 of 401).
    #[error("oauth-fout {error}: {detail}")]
    OAuth {
        status: StatusCode,
        error: &'static str,
        detail: String,
        params: Vec<InvalidParam>,
        /// Een machineleesbare reden naast `error`, bv. `wachtwoord_tijdelijk`.
        code: Option<Code>,
    },
    /// Bekende aanroeper zonder het recht hiervoor (403).
    #[error("geen toegang: {1}")]
    Forbidden(Code, String),
    /// Bekende aanroeper die deze velden niet mag zetten (403 `geen_recht`, de velden
    /// in `invalidParams`).
    #[error("geen toegang tot velden: {1}")]
    ForbiddenVelden(Vec<String>, String),
    /// Onbekend of niet zichtbaar voor deze aanroeper (404).
    #[error("niet gevonden")]
    NotFound,
    /// In strijd met de huidige toestand, bv. een gebruikersnaam die al bestaat (409).
    #[error("conflict: {1}")]
    Conflict(Code, String),
    /// `If-Match` hoort bij een oudere versie (412).
    #[error("versie verouderd")]
    PreconditionFailed,
    /// Niet meer te leveren, zoals een positie in de wijzigingenstroom voorbij de
    /// bewaartermijn (410).
    #[error("niet meer beschikbaar: {1}")]
    Gone(Code, String),
    /// Goed gevormd, maar niet te verwerken, zoals een `Idempotency-Key` die al bij een
    /// andere body hoort (422).
    #[error("niet te verwerken: {1}")]
    Unprocessable(Code, String),
    /// Te veel pogingen; opnieuw na `retry_after` seconden (429, met `Retry-After`).
    #[error("te veel verzoeken")]
    TooManyRequests { retry_after: u64, detail: String },
    /// Het pad bestaat, de methode niet (405 met `Allow`).
    #[error("methode niet toegestaan")]
    MethodNotAllowed { allow: Vec<Method> },
    /// De body is groter dan toegestaan (413).
    #[error("verzoek te groot")]
    PayloadTooLarge { limit: usize },
    /// Verkeerd `Content-Type` (415).
    #[error("mediatype niet ondersteund")]
    UnsupportedMediaType { expected: &'static str },
    /// De body kwam niet op tijd binnen (408, [`crate::http::grenzen`]).
    #[error("body niet op tijd")]
    RequestTimeout,
    /// De database is niet bereikbaar of te druk, of het verzoek duurde te lang (503,
    /// met `Retry-After`); de tekst is de uitleg voor de aanroeper.
    #[error("dienst niet beschikbaar: {0}")]
    Unavailable(String),
    /// Databasefout: 500; de oorzaak gaat alleen naar het log. Een botsing met een
    /// gelijktijdig verzoek wordt via `From<DbErr>` een 409 (zie [`botsing`]).
    #[error("databasefout: {0}")]
    Database(sea_orm::DbErr),
    /// Andere interne fout: 500; de oorzaak gaat alleen naar het log.
    #[error("interne fout: {0}")]
    Internal(String),
}

/// Het soort probleem: de vaste `type` en `title` bij een status.
struct Kind {
    slug: &'static str,
    title: &'static str,
}

fn kind_for(status: StatusCode) -> Kind {
    let (slug, title) = match status.as_u16() {
        400 => ("ongeldige-invoer", "Ongeldige invoer"),
        401 => ("niet-geauthenticeerd", "Niet geauthenticeerd"),
        403 => ("geen-toegang", "Geen toegang"),
        404 => ("niet-gevonden", "Niet gevonden"),
        405 => ("methode-niet-toegestaan", "Methode niet toegestaan"),
        406 => ("niet-acceptabel", "Gevraagd formaat niet beschikbaar"),
        408 => ("verzoek-te-traag", "Verzoek niet op tijd ontvangen"),
        409 => ("conflict", "Conflict met de huidige toestand"),
        410 => ("niet-meer-beschikbaar", "Niet meer beschikbaar"),
        412 => ("versie-verouderd", "Versie verouderd"),
        413 => ("verzoek-te-groot", "Verzoek te groot"),
        415 => ("mediatype-niet-ondersteund", "Mediatype niet ondersteund"),
        422 => ("niet-te-verwerken", "Verzoek niet te verwerken"),
        429 => ("te-veel-verzoeken", "Te veel verzoeken"),
        503 => ("niet-beschikbaar", "Dienst tijdelijk niet beschikbaar"),
        s if s >= 500 => ("interne-fout", "Interne serverfout"),
        _ => ("ongeldig-verzoek", "Ongeldig verzoek"),
    };
    Kind { slug, title }
}

impl Problem {
    /// Een probleem met de vaste `type` en `title` bij `status`.
    pub fn for_status(status: StatusCode, detail: Option<String>) -> Self {
        let kind = kind_for(status);
        Problem {
            kind: format!("urn:weefsel:probleem:{}", kind.slug),
            title: kind.title.to_owned(),
            status: status.as_u16(),
            detail,
            instance: None,
            request_id: None,
            invalid_params: Vec::new(),
            aantal_invalid_params: None,
            code: None,
            error: None,
            error_description: None,
        }
    }

    /// Het probleem dat een aanroeper bij een fout te zien krijgt. Een 500 zegt niets
    /// over de oorzaak.
    pub fn from_error(error: &ApiError) -> Self {
        let status = error.status_code();
        let detail = match error {
            ApiError::Validation(_) => {
                "Een of meer parameters of velden zijn ongeldig; zie invalidParams.".to_owned()
            }
            ApiError::BadRequest(reason)
            | ApiError::Unauthorized(reason)
            | ApiError::Forbidden(_, reason)
            | ApiError::ForbiddenVelden(_, reason)
            | ApiError::Conflict(_, reason)
            | ApiError::Unprocessable(_, reason)
            | ApiError::Gone(_, reason)
            | ApiError::OAuth { detail: reason, .. }
            | ApiError::TooManyRequests { detail: reason, .. }
            | ApiError::Unavailable(reason) => reason.clone(),
            ApiError::Unauthenticated => "Stuur een access token mee in de header \
                 Authorization: Bearer <token>; een token krijgt u van POST /api/v1/auth/token."
                .to_owned(),
            ApiError::PreconditionFailed => "De resource is gewijzigd sinds u haar ophaalde \
                 (If-Match past niet bij de huidige ETag); haal haar opnieuw op."
                .to_owned(),
            ApiError::NotFound => {
                "De gevraagde resource bestaat niet of is niet voor u zichtbaar.".to_owned()
            }
            ApiError::MethodNotAllowed { allow } => format!(
                "Deze resource ondersteunt alleen: {}.",
                allow
                    .iter()
                    .map(Method::as_str)
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            ApiError::PayloadTooLarge { limit } => {
                format!("De body mag hoogstens {limit} bytes groot zijn.")
            }
            ApiError::UnsupportedMediaType { expected } => {
                format!("Stuur de body als {expected}.")
            }
            ApiError::RequestTimeout => "De body van het verzoek kwam niet op tijd binnen; \
                 er is niets bewaard. Stuur het verzoek opnieuw."
                .to_owned(),
            ApiError::Database(_) | ApiError::Internal(_) => INTERNAL_DETAIL.to_owned(),
        };
        let mut problem = Problem::for_status(status, Some(detail));
        match error {
            ApiError::Validation(params) => problem.met_params(params),
            ApiError::Forbidden(code, _)
            | ApiError::Conflict(code, _)
            | ApiError::Unprocessable(code, _)
            | ApiError::Gone(code, _) => problem.code = Some(*code),
            ApiError::ForbiddenVelden(velden, reden) => {
                problem.code = Some(Code::GeenRecht);
                let params: Vec<InvalidParam> = velden
                    .iter()
                    .map(|v| InvalidParam::new(v, Foutcode::GeenRecht, reden))
                    .collect();
                problem.met_params(&params);
            }
            ApiError::PreconditionFailed => problem.code = Some(Code::VersieVerouderd),
            ApiError::OAuth {
                error,
                detail,
                params,
                code,
                ..
            } => {
                problem.code = *code;
                problem.error = Some((*error).to_owned());
                problem.error_description = Some(detail.clone());
                problem.met_params(params);
            }
            _ => {}
        }
        problem
    }

    /// De eerste [`MAX_INVALID_PARAMS`] ongeldige parameters, en het totaal: een body
    /// met tienduizenden fouten geeft een kort antwoord.
    fn met_params(&mut self, params: &[InvalidParam]) {
        self.invalid_params = params.iter().take(MAX_INVALID_PARAMS).cloned().collect();
        if !params.is_empty() {
            self.aantal_invalid_params = Some(params.len());
        }
    }

    /// De detailtekst voor een foutstatus die niet uit een [`ApiError`] komt.
    pub fn generic(status: StatusCode) -> Self {
        let detail = match status.as_u16() {
            404 => "De gevraagde resource bestaat niet.",
            s if s >= 500 => INTERNAL_DETAIL,
            _ => "Het verzoek kon niet worden verwerkt.",
        };
        Problem::for_status(status, Some(detail.to_owned()))
    }

    pub fn to_response(&self) -> HttpResponse {
        let status = StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        HttpResponse::build(status)
            .content_type(PROBLEM_JSON)
            .body(serde_json::to_vec(self).unwrap_or_default())
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        match self {
            ApiError::Validation(_) | ApiError::BadRequest(_) => StatusCode::BAD_REQUEST,
            ApiError::Unauthenticated | ApiError::Unauthorized(_) => StatusCode::UNAUTHORIZED,
            ApiError::OAuth { status, .. } => *status,
            ApiError::Forbidden(..) | ApiError::ForbiddenVelden(..) => StatusCode::FORBIDDEN,
            ApiError::NotFound => StatusCode::NOT_FOUND,
            ApiError::Conflict(..) => StatusCode::CONFLICT,
            ApiError::PreconditionFailed => StatusCode::PRECONDITION_FAILED,
            ApiError::Unprocessable(..) => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::Gone(..) => StatusCode::GONE,
            ApiError::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            ApiError::MethodNotAllowed { .. } => StatusCode::METHOD_NOT_ALLOWED,
            ApiError::PayloadTooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::UnsupportedMediaType { .. } => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ApiError::RequestTimeout => StatusCode::REQUEST_TIMEOUT,
            ApiError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::Database(_) | ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        let mut response = Problem::from_error(self).to_response();
        if let ApiError::MethodNotAllowed { allow } = self {
            let allow = allow
                .iter()
                .map(Method::as_str)
                .collect::<Vec<_>>()
                .join(", ");
            if let Ok(value) = header::HeaderValue::from_str(&allow) {
                response.headers_mut().insert(header::ALLOW, value);
            }
        }
        let headers = response.headers_mut();
        match self {
            ApiError::Unavailable(_) => {
                headers.insert(header::RETRY_AFTER, header::HeaderValue::from_static("5"));
            }
            ApiError::TooManyRequests { retry_after, .. } => {
                headers.insert(header::RETRY_AFTER, header::HeaderValue::from(*retry_after));
            }
            ApiError::Unauthenticated => {
                headers.insert(
                    header::WWW_AUTHENTICATE,
                    header::HeaderValue::from_static("Bearer realm=\"weefsel\""),
                );
            }
            ApiError::Unauthorized(_) => {
                headers.insert(
                    header::WWW_AUTHENTICATE,
                    header::HeaderValue::from_static(
                        "Bearer realm=\"weefsel\", error=\"invalid_token\"",
                    ),
                );
            }
            ApiError::OAuth { status, error, .. } if *status == StatusCode::UNAUTHORIZED => {
                if let Ok(value) = header::HeaderValue::from_str(&format!(
                    "Basic realm=\"weefsel\", error=\"{error}\""
                )) {
                    headers.insert(header::WWW_AUTHENTICATE, value);
                }
            }
            _ => {}
        }
        response
    }
}

/// Een handlerresultaat.
pub type ApiResult<T> = Result<T, ApiError>;

/// Elke databasefout op het verzoekpad gaat hierdoor: een botsing met een gelijktijdig
/// verzoek is 409, de rest 500.
impl From<sea_orm::DbErr> for ApiError {
    fn from(error: sea_orm::DbErr) -> Self {
        if let Some(uitleg) = onbereikbaar(&error) {
            tracing::warn!(cause = %error, "database niet bereikbaar of te druk");
            return ApiError::Unavailable(uitleg.to_owned());
        }
        botsing(&error).unwrap_or(ApiError::Database(error))
    }
}

/// Uitleg bij een database die even niet bereikbaar is.
pub const DATABASE_WEG: &str = "De database is even niet bereikbaar; er is niets bewaard. \
     Probeer het opnieuw na Retry-After seconden.";

/// Is de database (even) niet bereikbaar of te druk? Geen verbinding uit de pool binnen
/// de wachttijd, een verbroken of geweigerde verbinding, PostgreSQL die stopt, of een
/// statement dat langer duurde dan de grens: dan is het antwoord 503 met
/// `Retry-After` (en deze uitleg), geen 500. Het verzoek kan later opnieuw, en de
/// transactie is niet gelukt (er is niets half bewaard).
fn onbereikbaar(error: &sea_orm::DbErr) -> Option<&'static str> {
    use sea_orm::{ConnAcquireErr, DbErr, RuntimeErr, sqlx};
    const TE_DRUK: &str = "De dienst is te druk: er kwam niet op tijd een databaseverbinding \
         vrij. Er is niets bewaard; probeer het opnieuw na Retry-After seconden.";
    const TE_LANG: &str = "De database deed te lang over dit verzoek en heeft het afgebroken; \
         er is niets bewaard. Probeer het opnieuw na Retry-After seconden, zo nodig met een \
         kleinere pagina of een kortere periode.";
    let sqlx_fout = |e: &sqlx::Error| match e {
        sqlx::Error::PoolTimedOut => Some(TE_DRUK),
        sqlx::Error::Io(_)
        | sqlx::Error::Tls(_)
        | sqlx::Error::PoolClosed
        | sqlx::Error::WorkerCrashed => Some(DATABASE_WEG),
        // 57014: statement_timeout (of een geannuleerd statement); 08:
        // verbindingsfouten; 57P01–57P03: PostgreSQL stopt of start nog; 55000 bij het
        // verbinden: de database neemt geen verbindingen aan.
        sqlx::Error::Database(db) => match db.code().as_deref() {
            Some("57014") => Some(TE_LANG),
            Some(c)
                if c.starts_with("08")
                    || c.starts_with("57P")
                    || (c == "55000" && db.message().contains("connections")) =>
            {
                Some(DATABASE_WEG)
            }
            _ => None,
        },
        _ => None,
    };
    match error {
        DbErr::ConnectionAcquire(ConnAcquireErr::Timeout) => Some(TE_DRUK),
        DbErr::ConnectionAcquire(_) | DbErr::Conn(_) => Some(DATABASE_WEG),
        DbErr::Exec(RuntimeErr::SqlxError(e)) | DbErr::Query(RuntimeErr::SqlxError(e)) => {
            sqlx_fout(e)
        }
        _ => None,
    }
}

/// De SQLSTATE van een fout uit PostgreSQL.
fn sqlstate(error: &sea_orm::DbErr) -> Option<String> {
    use sea_orm::{DbErr, RuntimeErr, sqlx};
    match error {
        DbErr::Exec(RuntimeErr::SqlxError(e)) | DbErr::Query(RuntimeErr::SqlxError(e)) => {
            match e.as_ref() {
                sqlx::Error::Database(db) => db.code().map(|c| c.into_owned()),
                _ => None,
            }
        }
        _ => None,
    }
}

/// De naam van de constraint die een fout uit PostgreSQL weigerde, als die er is.
pub fn constraint(error: &sea_orm::DbErr) -> Option<String> {
    use sea_orm::{DbErr, RuntimeErr, sqlx};
    match error {
        DbErr::Exec(RuntimeErr::SqlxError(e)) | DbErr::Query(RuntimeErr::SqlxError(e)) => {
            match e.as_ref() {
                sqlx::Error::Database(db) => db.constraint().map(str::to_owned),
                _ => None,
            }
        }
        _ => None,
    }
}

/// Een fout die ontstaat doordat een ander verzoek tegelijk dezelfde gegevens raakte:
/// deadlock (`40P01`) en serialisatie (`40001`) zijn 409 `gelijktijdige_wijziging`,
/// een verdwenen of nog gebruikte verwijzing (`23503`) 409 `verwijzing_gewijzigd`.
/// De transactie is dan teruggedraaid: er is niets bewaard.
pub fn botsing(error: &sea_orm::DbErr) -> Option<ApiError> {
    let (code, detail) = match sqlstate(error)?.as_str() {
        "40P01" | "40001" => (
            Code::GelijktijdigeWijziging,
            "Een gelijktijdig verzoek wijzigde dezelfde gegevens; er is niets bewaard. \
             Haal de gegevens opnieuw op en probeer het nog eens.",
        ),
        // Een dubbele externe referentie (de unieke indexen `<tabel>_externe_referentie`).
        "23505" if error.to_string().contains("_externe_referentie") => (
            Code::ExterneReferentieBestaat,
            "Deze externeReferentie hoort al bij een andere resource van deze soort in uw \
             gemeente; er is niets bewaard.",
        ),
        "23503" => (
            Code::VerwijzingGewijzigd,
            "Iets waarnaar dit verzoek verwijst is tegelijk verwijderd, of er verwijst \
             tegelijk iets naar wat u verwijdert; er is niets bewaard.",
        ),
        _ => return None,
    };
    Some(ApiError::Conflict(code, detail.to_owned()))
}

/// Een unieke sleutel van een tabel en wat een dubbele waarde betekent.
pub struct UniekeSleutel {
    /// De naam van de constraint of index in PostgreSQL.
    pub constraint: &'static str,
    pub code: Code,
    pub detail: &'static str,
}

/// De ene vertaling van een databasefout naar een antwoord: een dubbele waarde in
/// een van `sleutels` is 409 met de `code` van dat veld; een andere unieke sleutel
/// ook 409 (`dubbele_naam`); de rest is een interne fout.
pub fn uniek(error: sea_orm::DbErr, sleutels: &[UniekeSleutel]) -> ApiError {
    match error.sql_err() {
        Some(sea_orm::SqlErr::UniqueConstraintViolation(message)) => {
            match sleutels.iter().find(|s| message.contains(s.constraint)) {
                Some(s) => ApiError::Conflict(s.code, s.detail.to_owned()),
                // De externe referentie kent [`botsing`]; een andere is een interne fout.
                None => ApiError::from(error),
            }
        }
        _ => ApiError::from(error),
    }
}

/// De gevraagde nieuwe toestand van `wat` (bv. "een melding"): `None` als er geen
/// gevraagd is of die gelijk is aan `van`, de toestand zelf als `regel` de overgang
/// toelaat, en anders 409 `status_overgang_ongeldig` met de toestanden die vanuit `van`
/// wél kunnen. Eén regel voor elke afloop (meldingen, oefeningen, initiatieven,
/// sleutelpersonen); de overgangen zelf staan in `domein`.
pub fn overgang<S>(
    van: S,
    naar: Option<S>,
    regel: fn(S, S) -> bool,
    wat: &str,
) -> ApiResult<Option<S>>
where
    S: sea_orm::Iterable + Copy + PartialEq + std::fmt::Display,
{
    let Some(naar) = naar.filter(|n| *n != van) else {
        return Ok(None);
    };
    if regel(van, naar) {
        return Ok(Some(naar));
    }
    let mogelijk: Vec<String> = crate::domein::volgende(S::iter(), van, regel)
        .iter()
        .map(S::to_string)
        .collect();
    let detail = if mogelijk.is_empty() {
        format!("Van {van} kan {wat} niet meer naar een andere status.")
    } else {
        format!(
            "Van {van} kan {wat} niet naar {naar}, alleen naar {}.",
            mogelijk.join(" of ")
        )
    };
    Err(ApiError::Conflict(Code::StatusOvergangOngeldig, detail))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn een_afgewezen_overgang_noemt_wat_wel_kan() {
        use crate::domein::melding::overgang_toegestaan;
        use entity::soorten::MeldingStatus::*;
        let melding = |van, naar| overgang(van, naar, overgang_toegestaan, "een melding");
        assert_eq!(melding(Open, None).ok(), Some(None));
        assert_eq!(melding(Open, Some(Open)).ok(), Some(None));
        assert_eq!(melding(Open, Some(Afgesloten)).ok(), Some(Some(Afgesloten)));
        let Err(ApiError::Conflict(code, detail)) = melding(InBehandeling, Some(Open)) else {
            panic!("een overgang terug is een conflict");
        };
        assert_eq!(code, Code::StatusOvergangOngeldig);
        assert_eq!(
            detail,
            "Van in_behandeling kan een melding niet naar open, alleen naar afgesloten."
        );
        let Err(ApiError::Conflict(_, detail)) = melding(Afgesloten, Some(Open)) else {
            panic!("afgesloten ligt vast");
        };
        assert_eq!(
            detail,
            "Van afgesloten kan een melding niet meer naar een andere status."
        );
    }

    #[test]
    fn internal_errors_reveal_nothing() {
        let p = Problem::from_error(&ApiError::Internal("geheime oorzaak in tabel x".into()));
        let body = serde_json::to_string(&p).expect("serializes");
        assert!(!body.contains("geheime"), "{body}");
        assert_eq!(p.status, 500);
        assert_eq!(p.kind, "urn:weefsel:probleem:interne-fout");
    }

    #[test]
    fn validation_lists_every_param() {
        let p = Problem::from_error(&ApiError::Validation(vec![
            InvalidParam::new("a", Foutcode::Ongeldig, "x"),
            InvalidParam::new("b", Foutcode::Onbekend, "y"),
        ]));
        assert_eq!(p.invalid_params.len(), 2);
        assert_eq!(p.status, 400);
    }
}
