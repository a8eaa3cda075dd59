//! Eén map per resource. Elke module registreert zichzelf met een [`Module`]: haar
//! routes, haar OpenAPI-fragment (paden komen uit de routes, tags en losse schema's
//! uit het fragment) en de tabellen met gemeentelijke rijen die zij bezit. De lijst
//! van modules staat hier, in [`ALLE`]; wat de gedeelde lagen eruit nodig hebben (het
//! document, de allowlist van de audit trail) geeft deze lijst ze mee, zodat `http`,
//! `audit` en `tenancy` geen module kennen (docs/architectuur.md).

use utoipa::openapi::OpenApi as Document;
use utoipa_actix_web::service_config::ServiceConfig;

pub mod aanvragen;
pub mod afgeleid;
pub mod audit_trail;
pub mod bijeenkomsten;
pub mod budgetten;
pub mod crisisbeeld;
pub mod dashboard;
pub mod gebieden;
pub mod gebruikers;
pub mod gemeenten;
pub mod initiatieven;
pub mod kolommen;
pub mod koppelingen;
pub mod meldingen;
pub mod netwerken;
pub mod oefeningen;
pub mod organisaties;
pub mod sleutelpersonen;
pub mod stappenplannen;
pub mod token;
pub mod trajecten;
pub mod verwerkingen;
pub mod werklijst;
pub mod wijzigingen;

/// De modules van de API, elk één map onder `modules/`. Een nieuwe resource komt hier
/// met één regel bij (docs/architectuur.md).
pub const ALLE: &[Module] = &[
    token::MODULE,
    gemeenten::MODULE,
    gebruikers::MODULE,
    koppelingen::MODULE,
    gebieden::MODULE,
    netwerken::MODULE,
    organisaties::MODULE,
    stappenplannen::MODULE,
    trajecten::MODULE,
    sleutelpersonen::MODULE,
    initiatieven::MODULE,
    budgetten::MODULE,
    aanvragen::MODULE,
    bijeenkomsten::MODULE,
    oefeningen::MODULE,
    meldingen::MODULE,
    werklijst::MODULE,
    crisisbeeld::MODULE,
    dashboard::MODULE,
    audit_trail::MODULE,
    verwerkingen::MODULE,
    wijzigingen::MODULE,
];

/// De routes van de API zelf, relatief aan `/api/v1` (het `servers`-pad van het
/// document); het OpenAPI-document wordt uit dezelfde functie gemaakt.
pub fn api_routes(cfg: &mut ServiceConfig) {
    cfg.service(crate::http::openapi::serve);
    for module in ALLE {
        (module.routes)(cfg);
    }
}

/// Wie welk veld ziet, uit elke module.
pub fn velden() -> Vec<&'static crate::auth::zichtbaarheid::Velden> {
    ALLE.iter().flat_map(|m| m.velden).collect()
}

/// Het volledige OpenAPI-document, als JSON-waarde.
pub fn document() -> serde_json::Value {
    use crate::http::openapi::{Bouwstenen, Koppeling};
    let koppeling = ALLE
        .iter()
        .flat_map(|m| m.rechten)
        .map(|(operatie, toegang)| {
            let k = match toegang {
                Toegang::GeenKoppeling => Koppeling::Geen,
                t => Koppeling::Scopes(t.alternatieven()),
            };
            (*operatie, k)
        })
        .collect();
    let mut document = crate::http::openapi::document(&Bouwstenen {
        routes: api_routes,
        modules: ALLE.iter().map(|m| (m.document, m.routes)).collect(),
        koppeling,
        zonder_recht: gemeenten::VOOR_ELKE_AANROEPER,
        persoonsgegevens: crate::audit::verwerking::OPERATIES,
        scopes: crate::auth::Scope::ALL
            .into_iter()
            .map(|s| (s.as_str(), s.uitleg()))
            .collect(),
    });
    // Wie welk veld ziet, uit elke module: `x-zichtbaarheid` bij elke property.
    crate::auth::zichtbaarheid::filter::annoteer(&mut document, &velden());
    document
}

/// Het document als JSON zoals het in `openapi/openapi.json` staat.
pub fn document_json() -> String {
    crate::http::openapi::als_json(&document())
}

/// De velden per soort resource waarvan de audit trail de waarde vastlegt.
pub fn audit_waarden() -> crate::audit::Waardenlijst {
    crate::audit::Waardenlijst::uit(ALLE.iter().flat_map(|m| m.audit_waarden))
}

/// Wat een module aan de applicatie geeft.
pub struct Module {
    /// De routes, relatief aan `/api/v1`.
    pub routes: fn(&mut ServiceConfig),
    /// Tags en schema's die niet al via de routes in het document komen.
    pub document: fn() -> Document,
    /// De tabellen met een `gemeente_id` die deze module bezit; elk heeft een
    /// [`crate::tenancy::TenantOwned`]-entiteit en row-level security (een test
    /// controleert beide).
    pub tabellen: &'static [&'static str],
    /// Per soort resource de velden waarvan de audit trail de waarde vastlegt; van
    /// alle andere alleen de naam ([`crate::audit::Waarden`]).
    pub audit_waarden: &'static [crate::audit::Waarden],
    /// De request bodies die deze module leest (met [`crate::http::invoer::Invoer`]).
    pub invoer: &'static [crate::http::invoer::InvoerSchema],
    /// Per operatie (`operationId`) wie haar met een koppeling mag aanroepen: het recht
    /// dat de handler eist, waarvan het document de scopes noemt (`security`). Een test
    /// eist een regel voor elke operatie met een token, en vergelijkt de scopes met de
    /// kolommen `scopes` van de autorisatiematrix.
    pub rechten: &'static [(&'static str, Toegang)],
    /// Wie welk veld van haar schema's ziet: de klasse per veld, met extra lezers en
    /// de reden ([`crate::auth::zichtbaarheid`]). Het document publiceert ze als
    /// `x-zichtbaarheid`; een test eist er een voor elk tekstveld.
    pub velden: &'static [crate::auth::zichtbaarheid::Velden],
}

impl Module {
    /// Een module zonder eigen gegevens: alleen routes en een documentfragment.
    pub const fn alleen_routes(routes: fn(&mut ServiceConfig), document: fn() -> Document) -> Self {
        Module {
            routes,
            document,
            tabellen: &[],
            audit_waarden: &[],
            invoer: &[],
            rechten: &[],
            velden: &[],
        }
    }
}

/// Wat een koppeling aan een operatie heeft.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Toegang {
    /// Elk geldig token, ook een koppeling met welke scope ook (de gemeenten).
    ElkToken,
    /// Een van de scopes van dit recht ([`crate::auth::Recht::scopes`]).
    Recht(crate::auth::Recht),
    /// Beide rechten samen: een scope van elk (lidmaatschappen: netwerken én
    /// sleutelpersonen).
    Samen(crate::auth::Recht, crate::auth::Recht),
    /// Geen koppeling: alleen mensen met een rol (accounts, het dashboard, besluiten).
    GeenKoppeling,
}

impl Toegang {
    /// De scopes waarmee een koppeling deze operatie aanroept, als alternatieven (OpenAPI
    /// `security`: elk alternatief vraagt al zijn scopes samen). Leeg: geen scope nodig
    /// (elk token) of geen koppeling.
    pub fn alternatieven(self) -> Vec<Vec<&'static str>> {
        match self {
            Toegang::Recht(recht) => recht.scopes().iter().map(|s| vec![s.as_str()]).collect(),
            Toegang::Samen(a, b) => {
                let mut alle: Vec<Vec<&'static str>> = Vec::new();
                for x in a.scopes() {
                    for y in b.scopes() {
                        let mut paar = vec![x.as_str(), y.as_str()];
                        paar.sort_unstable();
                        paar.dedup();
                        if !alle.contains(&paar) {
                            alle.push(paar);
                        }
                    }
                }
                alle
            }
            Toegang::ElkToken | Toegang::GeenKoppeling => Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use serde_json::Value;

    fn sleutels(schema: &Value) -> BTreeSet<String> {
        schema["properties"]
            .as_object()
            .map(|p| p.keys().cloned().collect())
            .unwrap_or_default()
    }

    /// Wat de lezer aanneemt is precies wat het document publiceert, voor elke body.
    #[test]
    fn elk_request_schema_is_precies_wat_de_lezer_aanneemt() {
        let document = super::document();
        let schemas = &document["components"]["schemas"];
        let mut geregistreerd = BTreeSet::new();
        for invoer in super::ALLE.iter().flat_map(|m| m.invoer) {
            let naam = (invoer.naam)().into_owned();
            let velden: BTreeSet<String> = (invoer.velden)()
                .unwrap_or_else(|| panic!("{naam} weigert geen onbekende velden"))
                .into_iter()
                .collect();
            assert_eq!(
                velden,
                sleutels(&schemas[&naam]),
                "{naam}: de velden van de lezer (links) en van het schema (rechts)"
            );
            assert_eq!(schemas[&naam]["additionalProperties"], false, "{naam}");
            geregistreerd.insert(naam);
        }
        let paths = document["paths"].as_object().expect("paths");
        for (pad, item) in paths {
            for (methode, operatie) in item.as_object().expect("path item") {
                let body = &operatie["requestBody"]["content"]["application/json"]["schema"];
                if let Some(verwijzing) = body["$ref"].as_str() {
                    let naam = verwijzing.rsplit('/').next().unwrap_or_default();
                    assert!(
                        geregistreerd.contains(naam),
                        "{methode} {pad}: {naam} staat niet in de `invoer` van een module"
                    );
                }
            }
        }
        assert!(geregistreerd.len() >= 11);
    }
}

#[cfg(test)]
mod zichtbaarheid_tests {
    use crate::auth::zichtbaarheid::Klasse;

    /// De audit trail legt nooit de waarde vast van een veld dat namen kan noemen of
    /// persoonsgegevens is (issue 30): zo'n veld staat op geen allowlist.
    #[test]
    fn geen_vrije_tekst_of_persoonsgegeven_op_een_allowlist() {
        for module in crate::modules::ALLE {
            for waarden in module.audit_waarden {
                for veld in waarden.velden {
                    let hoofd = veld.split('.').next().unwrap_or(veld);
                    for tabel in module.velden {
                        for v in tabel.velden.iter().filter(|v| v.naam == hoofd) {
                            assert!(
                                v.klasse < Klasse::Naam,
                                "{}.{veld} staat op de allowlist maar is {:?}",
                                waarden.resource,
                                v.klasse
                            );
                        }
                    }
                }
            }
        }
    }
}
