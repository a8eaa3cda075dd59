//! De kanariecrawl (issue 30, punt 6): een eigen kanarie in elk tekstveld van elke
//! body die gegevens vastlegt, dan elke `GET` van het document als elke rol, elke
//! koppelingsscope en een andere gemeente, in JSON en CSV. Een kanarie mag alleen
//! verschijnen waar de klasse van zijn veld het toestaat; nooit in een foutantwoord
//! en nooit in het log van de dienst.
//!
//! De tekstvelden en hun klassen komen uit `openapi/openapi.json` (elke string zonder
//! `enum` of `format`); een nieuw veld in een body hieronder doet vanzelf mee.

use std::collections::BTreeMap;
use std::process::Stdio;

use serde_json::{Value, json};

use crate::cli::serve;
use crate::helpers::{TestApp, id_of, spawn_app};
use crate::zichtbaarheid::document;

/// Een geplante kanarie: de tekst en waar hij stond.
#[derive(Debug, Clone)]
struct Kanarie {
    tekst: String,
    veld: String,
    klasse: String,
    ook: Vec<String>,
}

/// Wat een aanroeper volgens DOMAIN.md mag zien (het orakel van de test, los van de
/// code van de dienst).
#[derive(Debug, Clone)]
struct Wie {
    naam: String,
    token: String,
    /// Van de gemeente van de kanaries.
    gemeente: bool,
    /// Ziet namen: coordinator of gemeente_beheerder, of een koppeling met
    /// `sleutelpersonen.*`.
    namen: bool,
    rollen: Vec<&'static str>,
}

impl Wie {
    fn mag(&self, k: &Kanarie) -> bool {
        match k.klasse.as_str() {
            "openbaar" => true,
            "gemeente" => self.gemeente || k.ook.iter().any(|r| self.rollen.contains(&r.as_str())),
            _ => {
                self.gemeente
                    && (self.namen || k.ook.iter().any(|r| self.rollen.contains(&r.as_str())))
            }
        }
    }
}

fn is_tekst(schema: &Value) -> bool {
    crate::zichtbaarheid::is_losse_tekst(schema)
}

fn is_lijst_van_tekst(schema: &Value) -> bool {
    crate::zichtbaarheid::is_soort(schema, "array") && is_tekst(&schema["items"])
}

fn verwijzing(schema: &Value) -> Option<String> {
    if let Some(r) = schema["$ref"].as_str() {
        return Some(r.rsplit('/').next().unwrap_or_default().to_owned());
    }
    for k in ["oneOf", "anyOf", "allOf"] {
        if let Some(r) = schema[k]
            .as_array()
            .into_iter()
            .flatten()
            .find_map(verwijzing)
        {
            return Some(r);
        }
    }
    schema.get("items").and_then(verwijzing)
}

fn strengheid(klasse: &str) -> u8 {
    match klasse {
        "openbaar" => 0,
        "gemeente" => 1,
        _ => 2,
    }
}

struct Crawl {
    doc: Value,
    app: TestApp,
    kanaries: Vec<Kanarie>,
    /// De paden van alles wat de crawl aanmaakte (`Location`).
    paden: Vec<String>,
    schendingen: Vec<String>,
}

impl Crawl {
    /// Het schema van de body van `methode pad` (een pad van het document).
    fn body_schema(&self, methode: &str, pad: &str) -> String {
        let pad = pad.trim_start_matches("/api/v1");
        verwijzing(&self.doc["paths"][pad][methode]["requestBody"]["content"]["application/json"]["schema"])
            .unwrap_or_else(|| panic!("{methode} {pad} heeft geen body in het document"))
    }

    fn nieuwe_kanarie(
        &mut self,
        veld: String,
        def: &Value,
        ouder: Option<&Kanarie>,
    ) -> Option<String> {
        let nummer = self.kanaries.len();
        let mut tekst = format!("kanarie{nummer:03}q");
        let patroon = def["pattern"].as_str().unwrap_or("^[^");
        if patroon.contains('@') {
            tekst.push_str("@voorbeeld.nl");
        } else if !patroon.starts_with("^[^") {
            return None; // een tijd, een telefoonnummer: geen vrije tekst
        }
        let min = def["minLength"].as_u64().unwrap_or(0) as usize;
        while tekst.len() < min {
            tekst.push('x');
        }
        let mut klasse = def["x-zichtbaarheid"].as_str().unwrap_or("?").to_owned();
        let mut ook: Vec<String> = def["x-zichtbaarheid-ook"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .map(str::to_owned)
            .collect();
        if let Some(o) = ouder {
            if strengheid(&o.klasse) > strengheid(&klasse) {
                klasse = o.klasse.clone();
                ook = o.ook.clone();
            } else if strengheid(&o.klasse) == strengheid(&klasse) {
                ook.retain(|r| o.ook.contains(r));
            }
        }
        self.kanaries.push(Kanarie {
            tekst: tekst.clone(),
            veld,
            klasse,
            ook,
        });
        Some(tekst)
    }

    /// Zet een kanarie in elk tekstveld van `body` (schema `schema`), ook in geneste
    /// objecten en lijsten die de body al heeft.
    fn vul(&mut self, schema: &str, body: &mut Value, ouder: Option<Kanarie>) {
        let definitie = self.doc["components"]["schemas"][schema].clone();
        let properties = definitie["properties"]
            .as_object()
            .cloned()
            .unwrap_or_default();
        for (p, def) in properties {
            let veld = format!("{schema}.{p}");
            if is_tekst(&def) {
                if let Some(k) = self.nieuwe_kanarie(veld, &def, ouder.as_ref()) {
                    body[&p] = json!(k);
                }
            } else if is_lijst_van_tekst(&def) {
                if let Some(k) = self.nieuwe_kanarie(veld, &def["items"], ouder.as_ref()) {
                    body[&p] = json!([k]);
                }
            } else if let Some(sub) = verwijzing(&def) {
                // De klasse van de property zelf geldt ook voor wat eronder staat.
                let eigen = def["x-zichtbaarheid"].as_str().map(|klasse| Kanarie {
                    tekst: String::new(),
                    veld: veld.clone(),
                    klasse: klasse.to_owned(),
                    ook: def["x-zichtbaarheid-ook"]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .filter_map(Value::as_str)
                        .map(str::to_owned)
                        .collect(),
                });
                let ouder = eigen.or_else(|| ouder.clone());
                match body.get_mut(&p) {
                    Some(Value::Object(_)) => {
                        let mut waarde = body[&p].take();
                        self.vul(&sub, &mut waarde, ouder);
                        body[&p] = waarde;
                    }
                    Some(Value::Array(items)) => {
                        let mut items = std::mem::take(items);
                        for item in items.iter_mut().filter(|i| i.is_object()) {
                            self.vul(&sub, item, ouder.clone());
                        }
                        body[&p] = Value::Array(items);
                    }
                    _ => {}
                }
            }
        }
    }

    /// `methode pad` met `basis` en een kanarie in elk tekstveld; geeft het antwoord.
    async fn plant(
        &mut self,
        methode: &str,
        sjabloon: &str,
        pad: &str,
        token: &str,
        basis: Value,
    ) -> Value {
        let schema = self.body_schema(methode, sjabloon);
        let mut body = basis;
        self.vul(&schema, &mut body, None);
        let sjabloon = sjabloon.trim_start_matches("/api/v1");
        let verzoek = match methode {
            "post" => self.app.client.post(self.app.url(pad)),
            "patch" => self.app.client.patch(self.app.url(pad)),
            "put" => self.app.client.put(self.app.url(pad)),
            _ => unreachable!(),
        };
        let mut verzoek = verzoek.bearer_auth(token).json(&body);
        let operatie = &self.doc["paths"][sjabloon][methode];
        if operatie["parameters"]
            .as_array()
            .into_iter()
            .flatten()
            .any(|p| p["name"] == "Idempotency-Key")
        {
            verzoek = verzoek.header("Idempotency-Key", uuid::Uuid::now_v7().to_string());
        }
        if methode != "post" {
            // De ETag van de resource, of van haar ouder (een stap van een traject).
            let mut bron = pad.to_owned();
            let mut huidig = self.app.get_as(&bron, token).await;
            while huidig.status() != 200 && bron.matches('/').count() > 4 {
                bron.truncate(bron.rfind('/').unwrap_or(0));
                bron.truncate(bron.rfind('/').unwrap_or(0));
                huidig = self.app.get_as(&bron, token).await;
            }
            let etag = crate::helpers::header(huidig.headers(), "etag");
            verzoek = verzoek.header("If-Match", etag);
        }
        let antwoord = verzoek.send().await.expect("verzoek");
        let status = antwoord.status().as_u16();
        let locatie = antwoord
            .headers()
            .get("location")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let json: Value = antwoord.json().await.unwrap_or(Value::Null);
        assert!(
            (200..300).contains(&status),
            "{methode} {pad} met {body}: {status} {json}"
        );
        if let Some(l) = locatie {
            self.paden.push(l);
        }
        // Dezelfde body met een onbekend veld: 400, en de fout noemt geen kanarie.
        if methode == "post" {
            let mut fout = body.clone();
            fout["onbekendVeld"] = json!(1);
            let tekst = self
                .app
                .client
                .post(self.app.url(pad))
                .bearer_auth(token)
                .json(&fout)
                .send()
                .await
                .expect("verzoek")
                .text()
                .await
                .unwrap_or_default();
            self.zoek_in_fout(&format!("POST {pad} (fout)"), &tekst);
        }
        json
    }

    fn zoek_in_fout(&mut self, waar: &str, tekst: &str) {
        for k in &self.kanaries {
            if tekst.contains(&k.tekst) {
                self.schendingen.push(format!(
                    "{waar}: {} ({}) in een foutantwoord",
                    k.veld, k.klasse
                ));
            }
        }
    }

    fn zoek(&mut self, wie: &Wie, waar: &str, status: u16, tekst: &str) {
        if status >= 400 {
            return self.zoek_in_fout(&format!("{} {waar}", wie.naam), tekst);
        }
        for k in &self.kanaries {
            if tekst.contains(&k.tekst) && !wie.mag(k) {
                self.schendingen.push(format!(
                    "{} ziet {} ({}, ook {:?}) in {waar}",
                    wie.naam, k.veld, k.klasse, k.ook
                ));
            }
        }
    }

    /// De concrete paden voor een `GET`-pad van het document: een pad zonder
    /// parameters zelf; anders voor elk aangemaakt pad dat past op het deel tot en met
    /// de laatste parameter (hoogstens twee).
    fn invullingen(&self, sjabloon: &str, code: &str) -> Vec<String> {
        let vol = format!("/api/v1{sjabloon}").replace("{code}", code);
        let delen: Vec<&str> = vol.split('/').collect();
        let Some(laatste) = delen.iter().rposition(|d| d.starts_with('{')) else {
            return vec![vol];
        };
        let prefix = &delen[..=laatste];
        let rest = delen[laatste + 1..].join("/");
        self.paden
            .iter()
            .filter(|p| {
                let stukken: Vec<&str> = p.split('/').collect();
                stukken.len() == prefix.len()
                    && stukken
                        .iter()
                        .zip(prefix)
                        .all(|(s, d)| d.starts_with('{') || s == d)
            })
            .take(2)
            .map(|p| {
                if rest.is_empty() {
                    p.clone()
                } else {
                    format!("{p}/{rest}")
                }
            })
            .collect()
    }
}

/// De verplichte queryparameters van een operatie, elk met de eerste waarde van zijn
/// enum (het crisisbeeld vraagt een scenario; de kanaries staan bij het eerste).
fn verplichte_query(doc: &Value, operatie: &Value) -> Option<String> {
    let delen: Vec<String> = operatie["parameters"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|p| p["in"] == "query" && p["required"] == true)
        .filter_map(|p| {
            let schema = match verwijzing(&p["schema"]) {
                Some(naam) => &doc["components"]["schemas"][naam.as_str()],
                None => &p["schema"],
            };
            let waarde = schema["enum"].get(0)?.as_str()?;
            Some(format!("{}={waarde}", p["name"].as_str()?))
        })
        .collect();
    (!delen.is_empty()).then(|| delen.join("&"))
}

#[tokio::test]
async fn geen_kanarie_waar_zijn_klasse_het_verbiedt() {
    let mut app = spawn_app().await;
    let log_pad =
        std::env::temp_dir().join(format!("weefsel-kanarie-{}.log", uuid::Uuid::now_v7()));
    let log = std::fs::File::create(&log_pad).expect("logbestand");
    let (dienst, basis) = serve(
        &app.database.url,
        &[
            ("WEEFSEL_LOG", "debug"),
            ("WEEFSEL_LOG_FORMAT", "json"),
            ("WEEFSEL_LIMIET_TOKEN", "1000"),
            ("WEEFSEL_LIMIET_SCHRIJVEN", "1000"),
            ("WEEFSEL_LIMIET_PERSOONSGEGEVENS", "100000"),
        ],
        Stdio::from(log),
    )
    .await;
    app.address = basis;
    let coordinator = app.token_for("oss.coordinator").await;
    let budgethouder = app.token_for("oss.budgethouder").await;
    let beheerder = app.token_for("oss.beheerder").await;
    let coordinator_id = app.user_id("oss.coordinator").await;
    let mut crawl = Crawl {
        doc: document(),
        app,
        kanaries: Vec::new(),
        paden: Vec::new(),
        schendingen: Vec::new(),
    };
    let c = coordinator.as_str();

    // Sleutelpersoon, check-in, netwerk, lid, afspraken, partner.
    let persoon = crawl
        .plant(
            "post",
            "/sleutelpersonen",
            "/api/v1/sleutelpersonen",
            c,
            json!({
            "typen": ["verbinder"], "status": "actief", "telefoon": "0612345678",
            "diversiteit": {"migratieachtergrond": true},
            "toestemming": {"datum": "2026-01-05", "doel": "x", "bewaartermijnTot": "2030-01-01",
                            "bijzondereGegevens": true, "delenMet": ["netwerkleden"]}}),
        )
        .await;
    let persoon = id_of(&persoon);
    crawl
        .plant(
            "post",
            "/sleutelpersonen/{id}/checkins",
            &format!("/api/v1/sleutelpersonen/{persoon}/checkins"),
            c,
            json!({"datum": "2026-11-01"}),
        )
        .await;
    let netwerk = crawl
        .plant("post", "/netwerken", "/api/v1/netwerken", c, json!({
            "vorm": "sleutelpersonennetwerk", "gemeenteRol": ["facilitator"],
            "afspraken": {}, "crisisafspraken": [{"scenario": "stroomuitval", "hulp": ["handjes"], "activering": "x"}]}))
        .await;
    let netwerk = id_of(&netwerk);
    crawl
        .plant(
            "post",
            "/netwerken/{id}/leden",
            &format!("/api/v1/netwerken/{netwerk}/leden"),
            c,
            json!({"sleutelpersoonId": persoon}),
        )
        .await;
    crawl
        .plant(
            "post",
            "/netwerken/{id}/veiligheidsafspraken",
            &format!("/api/v1/netwerken/{netwerk}/veiligheidsafspraken"),
            c,
            json!({"herzienVoor": "2027-06-01"}),
        )
        .await;
    let organisatie = crawl
        .plant(
            "post",
            "/organisaties",
            "/api/v1/organisaties",
            c,
            json!({
            "soort": "partner", "veld": "maatschappelijk_middenveld", "niveau": "lokaal",
            "capaciteiten": [], "rollen": []}),
        )
        .await;
    crawl
        .plant(
            "post",
            "/netwerken/{id}/partners",
            &format!("/api/v1/netwerken/{netwerk}/partners"),
            c,
            json!({"organisatieId": id_of(&organisatie)}),
        )
        .await;

    // Bijeenkomst, oefening, melding met opvolging.
    crawl
        .plant("post", "/bijeenkomsten", "/api/v1/bijeenkomsten", c, json!({
            "soort": "kerngroep", "datum": "2026-11-20", "netwerkId": netwerk, "aanwezigen": [persoon],
            "agenda": [{}], "acties": [{"deadline": "2027-01-15"}]}))
        .await;
    let oefening = crawl
        .plant("post", "/oefeningen", "/api/v1/oefeningen", c, json!({
            "doelen": ["communicatie_tijdens_crisis"], "vorm": "tabletop", "scenario": "stroomuitval",
            "datum": "2026-11-01", "netwerkId": netwerk, "organisaties": [], "deelnemers": [persoon]}))
        .await;
    let oefening = format!("/api/v1/oefeningen/{}", id_of(&oefening));
    crawl
        .plant(
            "patch",
            "/oefeningen/{id}",
            &oefening,
            c,
            json!({"status": "uitgevoerd"}),
        )
        .await;
    crawl
        .plant(
            "patch",
            "/oefeningen/{id}",
            &oefening,
            c,
            json!({"status": "geevalueerd", "evaluatie": {"afsprakenRealistisch": true}}),
        )
        .await;
    let melding = crawl
        .plant(
            "post",
            "/meldingen",
            "/api/v1/meldingen",
            c,
            json!({
            "soort": "bedreiging", "betrokkene": "sleutelpersoon", "sleutelpersoonId": persoon,
            "ernst": "laag", "behandelaarId": coordinator_id}),
        )
        .await;
    let melding = format!("/api/v1/meldingen/{}", id_of(&melding));
    crawl
        .plant(
            "post",
            "/meldingen/{id}/opvolging",
            &format!("{melding}/opvolging"),
            c,
            json!({}),
        )
        .await;
    crawl
        .plant(
            "patch",
            "/meldingen/{id}",
            &melding,
            c,
            json!({"status": "afgesloten"}),
        )
        .await;

    // De grondslag publieke_taak (met het besluit van het college), en een afgewezen
    // bezwaar van de persoon: de motivering noemt mensen.
    crawl
        .plant(
            "patch",
            "/gemeenten/{code}",
            "/api/v1/gemeenten/GM0828",
            &beheerder,
            json!({"grondslag": "publieke_taak",
                   "grondslagBesluit": {"datum": "2026-11-03", "kenmerk": "B&W 2026/1187"}}),
        )
        .await;
    crawl
        .plant(
            "post",
            "/sleutelpersonen/{id}/bezwaar",
            &format!("/api/v1/sleutelpersonen/{persoon}/bezwaar"),
            c,
            json!({"ontvangenOp": "2026-11-28", "uitkomst": "afgewezen"}),
        )
        .await;

    // Initiatief, budget, aanvraag, besluit, uitbetaling, correctie.
    let initiatief = crawl
        .plant(
            "post",
            "/initiatieven",
            "/api/v1/initiatieven",
            c,
            json!({"thema": "vrije_tijd", "netwerkId": netwerk}),
        )
        .await;
    let initiatief = id_of(&initiatief);
    let budget = crawl
        .plant(
            "post",
            "/budgetten",
            "/api/v1/budgetten",
            &budgethouder,
            json!({
            "jaar": 2026, "vorm": "micro", "totaalBedrag": 10000, "maxPerAanvraag": 10000}),
        )
        .await;
    let budget = id_of(&budget);
    let aanvraag = crawl
        .plant(
            "post",
            "/aanvragen",
            "/api/v1/aanvragen",
            c,
            json!({"budgetId": budget, "initiatiefId": initiatief, "aangevraagdBedrag": 1000}),
        )
        .await;
    let aanvraag = id_of(&aanvraag);
    crawl
        .plant(
            "post",
            "/aanvragen/{id}/besluit",
            &format!("/api/v1/aanvragen/{aanvraag}/besluit"),
            &budgethouder,
            json!({"toegekendBedrag": 1000}),
        )
        .await;
    crawl
        .plant(
            "post",
            "/aanvragen/{id}/uitbetalingen",
            &format!("/api/v1/aanvragen/{aanvraag}/uitbetalingen"),
            &budgethouder,
            json!({"bedrag": 500}),
        )
        .await;

    crawl
        .plant(
            "patch",
            "/initiatieven/{id}",
            &format!("/api/v1/initiatieven/{initiatief}"),
            c,
            json!({"status": "gestopt"}),
        )
        .await;

    // Gebied met meting en traject met stap en besluit.
    let gebied = crawl
        .plant(
            "post",
            "/gebieden",
            "/api/v1/gebieden",
            c,
            json!({"soort": "wijk"}),
        )
        .await;
    let gebied = id_of(&gebied);
    crawl
        .plant(
            "post",
            "/gebieden/{id}/indicatoren",
            &format!("/api/v1/gebieden/{gebied}/indicatoren"),
            c,
            json!({"peildatum": "2025-01-01", "leefbaarometer": 3}),
        )
        .await;
    let traject = crawl
        .plant(
            "post",
            "/trajecten",
            "/api/v1/trajecten",
            c,
            json!({"gebiedId": gebied, "aanpak": "coachend"}),
        )
        .await;
    let traject = format!("/api/v1/trajecten/{}", id_of(&traject));
    crawl
        .plant(
            "patch",
            "/trajecten/{id}/stappen/{nummer}",
            &format!("{traject}/stappen/1"),
            c,
            json!({"status": "bezig"}),
        )
        .await;
    // Een eigen vraag van de gemeente bij die stap, en een antwoord erop.
    crawl
        .plant(
            "post",
            "/stappenplannen/{aanpak}/stappen/{nummer}/aanvullingen",
            "/api/v1/stappenplannen/coachend/stappen/1/aanvullingen",
            &beheerder,
            json!({"sleutel": "gm-kanarie", "soort": "vraag"}),
        )
        .await;
    crawl.paden.push("/api/v1/stappenplannen/coachend".into());
    crawl
        .plant(
            "patch",
            "/trajecten/{id}/stappen/{nummer}",
            &format!("{traject}/stappen/1"),
            c,
            json!({"antwoorden": [{"sleutel": "gm-kanarie"}, {"sleutel": "ca1-informeel"}]}),
        )
        .await;
    // Een tweede bijeenkomst bij coachend stap 2 van dat traject, met afspraken die
    // het netwerk alleen lezen toont.
    crawl
        .plant("post", "/bijeenkomsten", "/api/v1/bijeenkomsten", c, json!({
            "soort": "tweede_bijeenkomst", "datum": "2026-11-21", "netwerkId": netwerk,
            "trajectId": traject.trim_start_matches("/api/v1/trajecten/"), "stap": 2,
            "agenda": [{}], "acties": [],
            "afspraken": {"doelen": ["crisisparaatheid"], "organisatievorm": {},
                          "crisisondersteuning": [{"scenario": "hittegolf", "hulp": ["handjes"], "laatstHerzien": "2026-11-01"}]}}))
        .await;
    // Daarna stapt het traject over op coördinerend: de reden en de antwoorden die
    // geen plek hebben (vervallenAntwoorden) zijn vrije tekst.
    crawl
        .plant(
            "post",
            "/trajecten/{id}/aanpakwissel",
            &format!("{traject}/aanpakwissel"),
            c,
            json!({"naar": "coordinerend"}),
        )
        .await;
    crawl
        .plant(
            "post",
            "/koppelingen",
            "/api/v1/koppelingen",
            &beheerder,
            json!({"scopes": ["gebieden.lezen"]}),
        )
        .await;
    assert!(crawl.kanaries.len() > 60, "{}", crawl.kanaries.len());

    // Wie kijkt: elke rol, een andere gemeente en een koppeling per scope.
    let mut wie: Vec<Wie> = Vec::new();
    for (naam, gemeente, namen, rollen) in [
        ("oss.coordinator", true, true, vec!["coordinator"]),
        ("oss.beheerder", true, true, vec!["gemeente_beheerder"]),
        ("oss.budgethouder", true, false, vec!["budgethouder"]),
        ("oss.raadpleger", true, false, vec!["raadpleger"]),
        ("regio.beheerder", false, false, vec!["regio_beheerder"]),
        (
            "regio.netwerkmanager",
            false,
            false,
            vec!["regio_netwerkmanager"],
        ),
        ("vught.coordinator", false, false, vec![]),
    ] {
        let token = crawl.app.token_for(naam).await;
        wie.push(Wie {
            naam: naam.into(),
            token,
            gemeente,
            namen,
            rollen,
        });
    }
    // Elke scope die het document noemt.
    let scopes: Vec<String> = crawl.doc["components"]["securitySchemes"]["bearer"]["flows"]
        ["clientCredentials"]["scopes"]
        .as_object()
        .expect("scopes")
        .keys()
        .cloned()
        .collect();
    assert!(scopes.len() >= 19, "{scopes:?}");
    for scope in scopes.iter().map(String::as_str) {
        let token = crawl
            .app
            .koppeling_token(&format!("Kanarie {scope}"), &[scope])
            .await;
        wie.push(Wie {
            naam: format!("koppeling {scope}"),
            token,
            gemeente: true,
            namen: scope.starts_with("sleutelpersonen."),
            rollen: vec![],
        });
    }

    // Elke GET van het document, als ieder, in JSON en (waar aangeboden) CSV.
    let mut gelezen = 0;
    let paths: Vec<(String, Value)> = crawl.doc["paths"]
        .as_object()
        .expect("paths")
        .iter()
        .map(|(p, i)| (p.clone(), i.clone()))
        .collect();
    for (sjabloon, item) in paths {
        let Some(operatie) = item.get("get") else {
            continue;
        };
        let csv = operatie["responses"]["200"]["content"]
            .get("text/csv")
            .is_some();
        let query = verplichte_query(&crawl.doc, operatie);
        for pad in crawl.invullingen(&sjabloon, "GM0828") {
            let pad = match &query {
                Some(q) => format!("{pad}?{q}&paginaGrootte=100"),
                None => pad,
            };
            for w in &wie {
                for accept in if csv {
                    vec!["application/json", "text/csv"]
                } else {
                    vec!["application/json"]
                } {
                    let antwoord = crawl
                        .app
                        .client
                        .get(crawl.app.url(&format!(
                            "{pad}{}",
                            if pad.contains('?') {
                                ""
                            } else {
                                "?paginaGrootte=100"
                            }
                        )))
                        .bearer_auth(&w.token)
                        .header("Accept", accept)
                        .send()
                        .await
                        .expect("GET");
                    let status = antwoord.status().as_u16();
                    let tekst = antwoord.text().await.unwrap_or_default();
                    crawl.zoek(
                        w,
                        &format!("GET {pad} ({accept}, {status})"),
                        status,
                        &tekst,
                    );
                    gelezen += 1;
                }
            }
        }
    }
    assert!(gelezen > 500, "{gelezen}");

    // Wie namen ziet, ziet de kanaries wel: de crawl vindt wat er staat.
    let gezien = crawl
        .app
        .get_as(
            &format!("/api/v1/sleutelpersonen/{persoon}/inzage"),
            &coordinator,
        )
        .await
        .text()
        .await
        .unwrap_or_default();
    assert!(gezien.contains("kanarie"), "{gezien}");

    // De audit trail: de regio en een koppeling met audit.lezen (zonder
    // sleutelpersonen.lezen) lezen geen regels over personen; de beheerder wel.
    let persoonlijk = [
        "sleutelpersoon",
        "netwerk_lid",
        "sleutelpersoon_checkin",
        "sleutelpersoon_bezwaar",
        "melding",
        "melding_opvolging",
    ];
    for w in &wie {
        let regio_of_audit = w.naam == "regio.beheerder" || w.naam == "koppeling audit.lezen";
        if !regio_of_audit && w.naam != "oss.beheerder" {
            continue;
        }
        let lijst = crawl
            .app
            .get_json_as("/api/v1/audit-trail?paginaGrootte=100", &w.token)
            .await;
        let soorten: Vec<&str> = lijst["resultaten"]
            .as_array()
            .expect("resultaten")
            .iter()
            .filter_map(|r| r["resource"].as_str())
            .collect();
        // Een koppeling met alleen audit.lezen leest zelf geen resources, dus ook hun
        // regels niet: alleen die over de (openbare) gemeente.
        assert_eq!(
            soorten.iter().all(|s| *s == "gemeente"),
            w.naam == "koppeling audit.lezen",
            "{}: {soorten:?}",
            w.naam
        );
        let gezien = soorten.iter().any(|s| persoonlijk.contains(s));
        assert_eq!(gezien, !regio_of_audit, "{}: {soorten:?}", w.naam);
    }
    // De audit trail bewaart geen vrije tekst en geen bijzondere gegevens.
    let audit = crate::helpers::query_text(
        &crawl.app.db,
        "SELECT coalesce(string_agg(wijzigingen::text, ' '), '') FROM audit_trail",
    )
    .await;
    for k in crawl
        .kanaries
        .iter()
        .filter(|k| k.klasse == "naam" || k.klasse == "persoonsgegevens")
    {
        assert!(
            !audit.contains(&k.tekst),
            "{} ({}) staat in de audit trail",
            k.veld,
            k.klasse
        );
    }
    assert!(!audit.contains("migratieachtergrond"), "{audit}");
    assert!(!audit.contains("bijzondereGegevens"), "{audit}");

    // Het log van de dienst noemt geen enkele kanarie.
    drop(dienst);
    let log = std::fs::read_to_string(&log_pad).unwrap_or_default();
    let _ = std::fs::remove_file(&log_pad);
    assert!(
        log.lines().count() > 100,
        "het log is te kort: {}",
        log.lines().count()
    );
    let in_log: BTreeMap<&str, &str> = crawl
        .kanaries
        .iter()
        .filter(|k| log.contains(&k.tekst))
        .map(|k| (k.veld.as_str(), k.klasse.as_str()))
        .collect();
    assert!(in_log.is_empty(), "kanaries in het log: {in_log:?}");
    crawl.schendingen.sort();
    crawl.schendingen.dedup();
    assert!(
        crawl.schendingen.is_empty(),
        "{} schendingen:\n{}",
        crawl.schendingen.len(),
        crawl.schendingen.join("\n")
    );
}
