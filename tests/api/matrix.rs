//! De autorisatiematrix (`tests/autorisatiematrix.json`): voor elke operatie van het
//! OpenAPI-document en elke aanroeper de verwachte status, tegen de echte dienst.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use crate::helpers::{TestApp, exec, query_text, spawn_app, urlencode};

/// Een nieuw, leeg gebied van Oss.
async fn fresh_gebied(app: &TestApp) -> String {
    let id = uuid::Uuid::now_v7().to_string();
    exec(
        &app.db,
        &format!(
            "INSERT INTO gebied (id, gemeente_id, naam, soort) \
             SELECT '{id}', id, 'Matrix {id}', 'kern' FROM gemeente WHERE code = 'GM0828'"
        ),
    )
    .await;
    id
}

/// Een nieuw weerbaarheidstraject van Oss, zonder besluit.
async fn fresh_weerbaarheid(app: &TestApp, gebied: &str) -> String {
    fresh_traject(app, gebied, "weerbaarheid", 1, 12).await
}

/// Een nieuw coachend traject in het demogebied (voor een aanpakwissel).
async fn fresh_coachend(app: &TestApp, gebied: &str) -> String {
    fresh_traject(app, gebied, "coachend", 0, 4).await
}

/// Een nieuw traject met `aanpak` en de stappen `eerste`..=`laatste`.
async fn fresh_traject(
    app: &TestApp,
    gebied: &str,
    aanpak: &str,
    eerste: u8,
    laatste: u8,
) -> String {
    let id = uuid::Uuid::now_v7().to_string();
    exec(
        &app.db,
        &format!(
            "INSERT INTO traject (id, gemeente_id, gebied_id, aanpak) \
             SELECT '{id}', gemeente_id, id, '{aanpak}' FROM gebied WHERE id = '{gebied}'; \
             INSERT INTO traject_stap (traject_id, gemeente_id, nummer) \
             SELECT t.id, t.gemeente_id, n FROM traject t, generate_series({eerste}, {laatste}) n WHERE t.id = '{id}'"
        ),
    )
    .await;
    id
}

/// Een nieuwe meting van het demogebied, die nog ingetrokken kan worden.
async fn fresh_meting(app: &TestApp, gebied: &str) -> String {
    let id = uuid::Uuid::now_v7().to_string();
    exec(
        &app.db,
        &format!(
            "INSERT INTO indicatormeting (id, gemeente_id, gebied_id, peildatum, bron, leefbaarometer) \
             SELECT '{id}', gemeente_id, id, '2020-01-01', 'Matrix', 7 FROM gebied WHERE id = '{gebied}'"
        ),
    )
    .await;
    id
}

/// Een nieuw netwerk van Oss.
async fn fresh_netwerk(app: &TestApp) -> String {
    let id = uuid::Uuid::now_v7().to_string();
    exec(
        &app.db,
        &format!(
            "INSERT INTO netwerk (id, gemeente_id, naam, vorm, gemeente_rol, fase) \
             SELECT '{id}', id, 'Matrix {id}', 'sleutelpersonennetwerk', '{{facilitator}}', 'opbouw' \
             FROM gemeente WHERE code = 'GM0828'"
        ),
    )
    .await;
    id
}

/// Een nieuwe actieve sleutelpersoon van Oss met toestemming en persoonsgegevens.
async fn fresh_sleutelpersoon(app: &TestApp) -> String {
    let id = uuid::Uuid::now_v7().to_string();
    exec(
        &app.db,
        &format!(
            "INSERT INTO sleutelpersoon (id, gemeente_id, status, status_sinds, toestemming_datum, \
             toestemming_doel, bewaartermijn_tot) \
             SELECT '{id}', id, 'actief', '2026-01-01', '2026-01-01', 'Matrix', '2030-01-01' \
             FROM gemeente WHERE code = 'GM0828'; \
             INSERT INTO sleutelpersoon_gegevens (sleutelpersoon_id, gemeente_id, voornaam) \
             SELECT id, gemeente_id, 'Matrix' FROM sleutelpersoon WHERE id = '{id}'"
        ),
    )
    .await;
    id
}

/// Een nieuwe sleutelpersoon als lid van `netwerk`; geeft het lidmaatschap.
async fn fresh_lid(app: &TestApp, netwerk: &str) -> String {
    let persoon = fresh_sleutelpersoon(app).await;
    let id = uuid::Uuid::now_v7().to_string();
    exec(
        &app.db,
        &format!(
            "INSERT INTO netwerk_lid (id, gemeente_id, netwerk_id, sleutelpersoon_id, rol) \
             SELECT '{id}', gemeente_id, '{netwerk}', id, 'lid' FROM sleutelpersoon WHERE id = '{persoon}'"
        ),
    )
    .await;
    id
}

/// Een aanvulling van Oss op coördinerend stap 1; geeft haar sleutel.
async fn fresh_aanvulling(app: &TestApp) -> String {
    let id = uuid::Uuid::now_v7();
    let sleutel = format!("gm-matrix-{}", id.simple());
    exec(
        &app.db,
        &format!(
            "INSERT INTO leidraad_aanvulling (id, gemeente_id, aanpak, stap, sleutel, soort, tekst) \
             SELECT '{id}', id, 'coordinerend', 1, '{sleutel}', 'vraag', 'Matrix' \
             FROM gemeente WHERE code = 'GM0828'"
        ),
    )
    .await;
    sleutel
}

/// Een nieuwe rij uit `sql`, waarin `{id}` het nieuwe id is; geeft dat id.
async fn fresh(app: &TestApp, sql: &str) -> String {
    let id = uuid::Uuid::now_v7().to_string();
    exec(&app.db, &sql.replace("{id}", &id)).await;
    id
}

/// Een organisatie op de sociale kaart van Oss, of (`regionaal`) in de catalogus.
async fn fresh_organisatie(app: &TestApp, regionaal: bool) -> String {
    let gemeente = if regionaal {
        "NULL"
    } else {
        "(SELECT id FROM gemeente WHERE code = 'GM0828')"
    };
    fresh(
        app,
        &format!(
            "INSERT INTO organisatie (id, gemeente_id, naam, soort, veld, niveau) \
             VALUES ('{{id}}', {gemeente}, 'Matrix {{id}}', 'partner', 'onderwijs_jeugd', 'lokaal')"
        ),
    )
    .await
}

/// Een organisatie van Oss als partner van `netwerk`; geeft de koppeling.
async fn fresh_partner(app: &TestApp, netwerk: &str) -> String {
    let organisatie = fresh_organisatie(app, false).await;
    fresh(
        app,
        &format!(
            "INSERT INTO netwerk_partner (id, gemeente_id, netwerk_id, organisatie_id) \
             SELECT '{{id}}', gemeente_id, id, '{organisatie}' FROM netwerk WHERE id = '{netwerk}'"
        ),
    )
    .await
}

/// Een veiligheidsafspraak van `netwerk`.
async fn fresh_veiligheidsafspraak(app: &TestApp, netwerk: &str) -> String {
    fresh(
        app,
        &format!(
            "INSERT INTO veiligheidsafspraak (id, gemeente_id, netwerk_id, afspraak, herzien_voor) \
             SELECT '{{id}}', gemeente_id, id, 'Matrix', '2027-01-01' FROM netwerk WHERE id = '{netwerk}'"
        ),
    )
    .await
}

/// Een bijeenkomst in `gebied`.
async fn fresh_bijeenkomst(app: &TestApp, gebied: &str) -> String {
    fresh(
        app,
        &format!(
            "INSERT INTO bijeenkomst (id, gemeente_id, soort, datum, gebied_id) \
             SELECT '{{id}}', gemeente_id, 'kerngroep', '2026-01-10', id FROM gebied WHERE id = '{gebied}'"
        ),
    )
    .await
}

/// Een geplande oefening van Oss.
async fn fresh_oefening(app: &TestApp) -> String {
    fresh(
        app,
        "INSERT INTO oefening (id, gemeente_id, titel, doelen, vorm, scenario, datum, status) \
         SELECT '{id}', id, 'Matrix', '{communicatie_tijdens_crisis}', 'tabletop', 'stroomuitval', \
         '2027-01-01', 'gepland' FROM gemeente WHERE code = 'GM0828'",
    )
    .await
}

/// Een open melding van Oss met oss.coordinator als behandelaar.
async fn fresh_melding(app: &TestApp) -> String {
    fresh(
        app,
        "INSERT INTO melding (id, gemeente_id, soort, betrokkene, ernst, datum, omschrijving, \
         behandelaar_id, status) SELECT '{id}', gemeente_id, 'intimidatie', 'ambtenaar', 'laag', \
         '2026-01-10', 'Matrix', id, 'open' FROM gebruiker WHERE gebruikersnaam = 'oss.coordinator'",
    )
    .await
}

/// Een nieuw initiatief van Oss.
async fn fresh_initiatief(app: &TestApp) -> String {
    let id = uuid::Uuid::now_v7().to_string();
    exec(
        &app.db,
        &format!(
            "INSERT INTO initiatief (id, gemeente_id, titel, thema, organisatie, status) \
             SELECT '{id}', id, 'Matrix', 'voorlichting', 'Matrixclub', 'lopend' FROM gemeente WHERE code = 'GM0828'"
        ),
    )
    .await;
    id
}

/// Een open budget van Oss van 10 000 euro.
async fn fresh_budget(app: &TestApp) -> String {
    let id = uuid::Uuid::now_v7().to_string();
    exec(
        &app.db,
        &format!(
            "INSERT INTO budget (id, gemeente_id, naam, jaar, vorm, totaal_bedrag, max_per_aanvraag) \
             SELECT '{id}', id, 'Matrix {id}', 2026, 'micro', 1000000, 100000 FROM gemeente WHERE code = 'GM0828'"
        ),
    )
    .await;
    id
}

/// Een aanvraag van `initiatief` bij `budget` in deze toestand; bij `toegekend` met
/// 10 euro gereserveerd in het grootboek.
async fn fresh_aanvraag(app: &TestApp, budget: &str, initiatief: &str, status: &str) -> String {
    let id = uuid::Uuid::now_v7().to_string();
    exec(
        &app.db,
        &format!(
            "INSERT INTO aanvraag (id, gemeente_id, budget_id, initiatief_id, aangevraagd_bedrag, status, \
               ingediend_op, beslissen_voor, toegekend_bedrag) \
             SELECT '{id}', gemeente_id, id, '{initiatief}', 1000, '{status}', \
               CASE WHEN '{status}' <> 'concept' THEN weefsel_vandaag() END, \
               CASE WHEN '{status}' <> 'concept' THEN weefsel_vandaag() + 14 END, \
               CASE WHEN '{status}' = 'toegekend' THEN 1000 END FROM budget WHERE id = '{budget}'; \
             INSERT INTO mutatie (id, gemeente_id, budget_id, aanvraag_id, soort, bedrag) \
             SELECT gen_random_uuid(), gemeente_id, budget_id, id, 'reservering', 1000 FROM aanvraag \
             WHERE id = '{id}' AND status = 'toegekend'"
        ),
    )
    .await;
    id
}

const MATRIX: &str = include_str!("../autorisatiematrix.json");
const DOCUMENT: &str = include_str!("../../openapi/openapi.json");

fn matrix() -> Value {
    serde_json::from_str(MATRIX).expect("autorisatiematrix.json is geldige JSON")
}

/// operationId → (methode, padsjabloon).
fn operations() -> BTreeMap<String, (String, String)> {
    let document: Value = serde_json::from_str(DOCUMENT).expect("openapi.json");
    let mut operations = BTreeMap::new();
    for (path, item) in document["paths"].as_object().expect("paths") {
        for (method, operation) in item.as_object().expect("path item") {
            if let Some(id) = operation["operationId"].as_str() {
                operations.insert(
                    id.to_owned(),
                    (method.to_uppercase(), format!("/api/v1{path}")),
                );
            }
        }
    }
    operations
}

/// De sleutel van een rij: de operatie en, als er meer regels voor dezelfde operatie
/// gelden, de variant (bijvoorbeeld een body met een regionale rol).
fn sleutel(row: &Value) -> (String, String) {
    let id = row["operatie"].as_str().expect("operatie").to_owned();
    let variant = row["variant"].as_str().unwrap_or_default().to_owned();
    (id, variant)
}

#[test]
fn every_operation_has_a_row_for_every_caller() {
    let matrix = matrix();
    let callers = matrix["aanroepers"].as_array().expect("aanroepers").len();
    let mut keys = BTreeSet::new();
    for row in matrix["operaties"].as_array().expect("operaties") {
        let key = sleutel(row);
        assert_eq!(
            row["verwacht"].as_array().map(Vec::len),
            Some(callers),
            "{key:?}: één status per aanroeper"
        );
        assert!(
            keys.insert(key.clone()),
            "{key:?} staat dubbel in de matrix"
        );
        let scopes = matrix["scopekolommen"]
            .as_array()
            .expect("scopekolommen")
            .len();
        assert_eq!(
            row["scopes"].as_array().map(Vec::len),
            Some(scopes),
            "{key:?}: één status per scope"
        );
        if !key.1.is_empty() {
            assert!(
                row["uitleg"].as_str().is_some_and(|u| !u.is_empty()),
                "{key:?}: een variant zegt in `uitleg` welke regel hij toetst"
            );
        }
    }
    let rows: BTreeSet<String> = keys.into_iter().map(|(id, _)| id).collect();
    let documented: BTreeSet<String> = operations().into_keys().collect();
    let missing: Vec<_> = documented.difference(&rows).collect();
    let unknown: Vec<_> = rows.difference(&documented).collect();
    assert!(
        missing.is_empty(),
        "operaties zonder rij in tests/autorisatiematrix.json: {missing:?}"
    );
    assert!(
        unknown.is_empty(),
        "rijen voor operaties die niet (meer) bestaan: {unknown:?}"
    );
}

/// De tokens van de aanroepers, in de volgorde van de matrix.
async fn tokens(app: &TestApp, callers: &[Value]) -> Vec<Option<String>> {
    let (client_id, secret) = app
        .create_client(
            "oss.beheerder",
            "Matrix-koppeling",
            &[
                "gebieden.lezen",
                "gebieden.schrijven",
                "sleutelpersonen.lezen",
                "sleutelpersonen.schrijven",
                "initiatieven.lezen",
                "initiatieven.schrijven",
                "trajecten.lezen",
                "trajecten.schrijven",
                "netwerken.lezen",
                "netwerken.schrijven",
                "budgetten.lezen",
                "budgetten.schrijven",
                "organisaties.lezen",
                "organisaties.schrijven",
                "bijeenkomsten.lezen",
                "bijeenkomsten.schrijven",
                "meldingen.lezen",
                "meldingen.schrijven",
                "audit.lezen",
                "wijzigingen.lezen",
            ],
        )
        .await;
    let mut tokens = Vec::new();
    for caller in callers {
        let token = match caller.as_str().expect("naam") {
            "anoniem" => None,
            "regio_beheerder" => Some(app.token_for("regio.beheerder").await),
            "regio_netwerkmanager" => Some(app.token_for("regio.netwerkmanager").await),
            "gemeente_beheerder" => Some(app.token_for("oss.beheerder").await),
            "coordinator" => Some(app.token_for("oss.coordinator").await),
            "budgethouder" => Some(app.token_for("oss.budgethouder").await),
            "raadpleger" => Some(app.token_for("oss.raadpleger").await),
            "koppeling" => Some(app.client_token(&client_id, &secret).await),
            "andere_gemeente" => Some(app.token_for("vught.beheerder").await),
            other => panic!("onbekende aanroeper {other} in de matrix"),
        };
        tokens.push(token);
    }
    tokens
}

#[tokio::test]
async fn the_service_answers_as_the_matrix_says() {
    let app = spawn_app().await;
    let matrix = matrix();
    let mut callers = matrix["aanroepers"].as_array().expect("aanroepers").clone();
    let mut tokens = tokens(&app, &callers).await;
    // Daarna één koppeling per scope, met alleen die scope (de kolommen `scopes`).
    let rollen = callers.len();
    for scope in matrix["scopekolommen"].as_array().expect("scopekolommen") {
        let scope = scope.as_str().expect("scope");
        let (id, secret) = app
            .create_client("oss.beheerder", &format!("Matrix {scope}"), &[scope])
            .await;
        tokens.push(Some(app.client_token(&id, &secret).await));
        callers.push(Value::from(format!("koppeling met {scope}")));
    }
    let (fixture_client, _) = app
        .create_client("oss.beheerder", "Matrix-vast", &["gebieden.lezen"])
        .await;
    let (personal_client, _) = app
        .create_client(
            "oss.beheerder",
            "Matrix-persoonsgegevens",
            &["sleutelpersonen.lezen"],
        )
        .await;
    let gebied = app.gebied_id("Kloosterakker").await;
    let traject = query_text(
        &app.db,
        &format!("SELECT id::text FROM traject WHERE gebied_id = '{gebied}'"),
    )
    .await;
    let netwerk = fresh_netwerk(&app).await;
    let sleutelpersoon = fresh_sleutelpersoon(&app).await;
    let lid = fresh_lid(&app, &netwerk).await;
    let initiatief = fresh_initiatief(&app).await;
    let budget = fresh_budget(&app).await;
    let toegekend = fresh_aanvraag(&app, &budget, &initiatief, "toegekend").await;
    let catalogus = fresh_organisatie(&app, true).await;
    let behandelaar = app.user_id("oss.coordinator").await;
    let melding = fresh_melding(&app).await;
    let fixtures: BTreeMap<&str, String> = BTreeMap::from([
        ("netwerk", netwerk.clone()),
        ("sleutelpersoon", sleutelpersoon.clone()),
        ("lid", lid),
        ("initiatief", initiatief.clone()),
        ("budget", budget.clone()),
        ("toegekend", toegekend.clone()),
        (
            "mutatie",
            query_text(
                &app.db,
                &format!("SELECT id::text FROM mutatie WHERE aanvraag_id = '{toegekend}'"),
            )
            .await,
        ),
        (
            "aanvraag_concept",
            fresh_aanvraag(&app, &budget, &initiatief, "concept").await,
        ),
        ("gebruiker", app.user_id("oss.raadpleger").await),
        ("koppeling", fixture_client),
        ("koppeling_persoonsgegevens", personal_client),
        ("coordinator_account", app.user_id("oss.coordinator").await),
        ("gemeente", "GM0828".to_owned()),
        ("gebied", gebied.clone()),
        ("traject", traject),
        ("stap", "1".to_owned()),
        ("aanpak", "coordinerend".to_owned()),
        ("aanvulling", fresh_aanvulling(&app).await),
        ("organisatie", fresh_organisatie(&app, false).await),
        ("catalogus_organisatie", catalogus.clone()),
        (
            "veiligheidsafspraak",
            fresh_veiligheidsafspraak(&app, &netwerk).await,
        ),
        ("bijeenkomst", fresh_bijeenkomst(&app, &gebied).await),
        ("oefening", fresh_oefening(&app).await),
        ("melding", melding.clone()),
        ("meting", fresh_meting(&app, &gebied).await),
        ("partner", fresh_partner(&app, &netwerk).await),
        (
            "opvolging",
            fresh(
                &app,
                &format!(
                    "INSERT INTO melding_opvolging (id, gemeente_id, melding_id, tekst, actor_soort) \
                     SELECT '{{id}}', gemeente_id, id, 'Matrix', 'gebruiker' FROM melding WHERE id = '{melding}'"
                ),
            )
            .await,
        ),
        (
            "checkin",
            fresh(
                &app,
                &format!(
                    "INSERT INTO sleutelpersoon_checkin (id, gemeente_id, sleutelpersoon_id, datum, actor_soort) \
                     SELECT '{{id}}', gemeente_id, id, '2026-01-10', 'gebruiker' FROM sleutelpersoon WHERE id = '{sleutelpersoon}'"
                ),
            )
            .await,
        ),
        (
            "bezwaar",
            fresh(
                &app,
                &format!(
                    "INSERT INTO sleutelpersoon_bezwaar (id, gemeente_id, sleutelpersoon_id, ontvangen_op, uitkomst, \
                     motivering, actor_soort) SELECT '{{id}}', gemeente_id, id, '2026-01-10', 'afgewezen', 'Matrix', \
                     'gebruiker' FROM sleutelpersoon WHERE id = '{sleutelpersoon}'"
                ),
            )
            .await,
        ),
    ]);
    let operations = operations();
    let mut unique = 0;
    let mut mismatches = Vec::new();

    for row in matrix["operaties"].as_array().expect("operaties") {
        let (id, variant) = sleutel(row);
        let id = if variant.is_empty() {
            id
        } else {
            format!("{id} [{variant}]")
        };
        let (method, template) = &operations[row["operatie"].as_str().expect("operatie")];
        let mut path = template.clone();
        if let Some(parameters) = row["parameters"].as_object() {
            for (name, fixture) in parameters {
                if let Some(value) = fixtures.get(fixture.as_str().expect("fixture")) {
                    path = path.replace(&format!("{{{name}}}"), value);
                }
            }
        }
        for (index, caller) in callers.iter().enumerate() {
            unique += 1;
            // Vers voor elk verzoek: wat maar één keer kan (verwijderen, besluiten).
            let mut path = path.clone();
            if let Some(parameters) = row["parameters"].as_object() {
                for (name, fixture) in parameters {
                    let value = match fixture.as_str().expect("fixture") {
                        "nieuw_gebied" => fresh_gebied(&app).await,
                        "nieuw_weerbaarheidstraject" => fresh_weerbaarheid(&app, &gebied).await,
                        "nieuw_coachend_traject" => fresh_coachend(&app, &gebied).await,
                        "nieuwe_meting" => fresh_meting(&app, &gebied).await,
                        "nieuw_netwerk" => fresh_netwerk(&app).await,
                        "nieuwe_sleutelpersoon" => fresh_sleutelpersoon(&app).await,
                        "nieuw_lid" => fresh_lid(&app, &netwerk).await,
                        "nieuw_initiatief" => fresh_initiatief(&app).await,
                        "nieuwe_aanvraag" => {
                            fresh_aanvraag(&app, &budget, &initiatief, "ingediend").await
                        }
                        "nieuw_budget" => fresh_budget(&app).await,
                        "nieuwe_organisatie" => fresh_organisatie(&app, false).await,
                        "nieuwe_catalogus_organisatie" => fresh_organisatie(&app, true).await,
                        "nieuwe_partner" => fresh_partner(&app, &netwerk).await,
                        "nieuwe_veiligheidsafspraak" => {
                            fresh_veiligheidsafspraak(&app, &netwerk).await
                        }
                        "nieuwe_bijeenkomst" => fresh_bijeenkomst(&app, &gebied).await,
                        "nieuwe_oefening" => fresh_oefening(&app).await,
                        "nieuwe_aanvulling" => fresh_aanvulling(&app).await,
                        "toegekende_aanvraag" => {
                            fresh_aanvraag(&app, &budget, &initiatief, "toegekend").await
                        }
                        _ => continue,
                    };
                    path = path.replace(&format!("{{{name}}}"), &value);
                }
            }
            if let Some(query) = row["query"].as_str() {
                path = format!("{path}?{query}");
            }
            let mut request = app
                .client
                .request(method.parse().expect("methode"), app.url(&path));
            if let Some(token) = &tokens[index] {
                request = request.bearer_auth(token);
            }
            if let Some(body) = row.get("body") {
                let body = body
                    .to_string()
                    .replace("{uniek}", &unique.to_string())
                    .replace("{gebied}", &gebied)
                    .replace("{sleutelpersoon}", &sleutelpersoon)
                    .replace("{budget}", &budget)
                    .replace("{initiatief}", &initiatief)
                    .replace("{toegekend}", &toegekend)
                    .replace("{catalogus}", &catalogus)
                    .replace("{behandelaar}", &behandelaar);
                request = request
                    .header("Content-Type", "application/json")
                    .body(body);
            }
            if let Some(form) = row["formulier"].as_object() {
                let body = form
                    .iter()
                    .map(|(k, v)| format!("{k}={}", urlencode(v.as_str().unwrap_or_default())))
                    .collect::<Vec<_>>()
                    .join("&");
                request = request
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .body(body);
            }
            let response = request.send().await.expect("verzoek");
            let status = response.status().as_u16();
            let expected = if index < rollen {
                row["verwacht"][index].as_u64()
            } else {
                row["scopes"][index - rollen].as_u64()
            }
            .expect("status");
            if u64::from(status) != expected {
                let text = response.text().await.unwrap_or_default();
                mismatches.push(format!(
                    "{id} als {caller}: {status}, verwacht {expected} ({method} {path}): {text}"
                ));
            }
        }
    }
    assert!(
        mismatches.is_empty(),
        "afwijkingen van de matrix:\n{}",
        mismatches.join("\n")
    );
}

/// Elke operatie met een token noemt in `security` de scopes waarmee een koppeling haar
/// aanroept (issue 29), en dat zijn precies de scopes waarmee de matrix haar laat
/// slagen: een alternatief met één scope is een scopekolom met het antwoord van de
/// koppeling met alle scopes; een alternatief met twee (lidmaatschappen) slaagt met
/// geen enkele scope alleen.
#[test]
fn every_operation_names_the_scopes_the_matrix_lets_through() {
    let document: Value = serde_json::from_str(DOCUMENT).expect("openapi.json");
    let matrix = matrix();
    let callers: Vec<&str> = matrix["aanroepers"]
        .as_array()
        .expect("aanroepers")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    let kolom = |naam: &str| callers.iter().position(|c| *c == naam).expect("kolom");
    let (anoniem, koppeling) = (kolom("anoniem"), kolom("koppeling"));
    let scopes: Vec<&str> = matrix["scopekolommen"]
        .as_array()
        .expect("scopekolommen")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    let rijen: BTreeMap<String, &Value> = matrix["operaties"]
        .as_array()
        .expect("operaties")
        .iter()
        .filter(|r| r.get("variant").is_none())
        .map(|r| (r["operatie"].as_str().expect("operatie").to_owned(), r))
        .collect();
    let mut fouten = Vec::new();
    for (pad, item) in document["paths"].as_object().expect("paths") {
        for (methode, operatie) in item.as_object().expect("item") {
            let Some(id) = operatie["operationId"].as_str() else {
                continue;
            };
            let rij = rijen[id];
            let open = rij["verwacht"][anoniem].as_u64() != Some(401);
            let Some(security) = operatie["security"].as_array() else {
                fouten.push(format!("{methode} {pad}: geen eigen security"));
                continue;
            };
            if open {
                continue;
            }
            let alternatieven: Vec<BTreeSet<&str>> = security
                .iter()
                .map(|s| {
                    s["bearer"]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .filter_map(Value::as_str)
                        .collect()
                })
                .collect();
            let alle = rij["verwacht"][koppeling].as_u64().expect("status");
            // Doorgelaten: een 2xx, of een 409 (voorbij het recht, op de toestand
            // gestuit, zoals een bezwaar onder de grondslag toestemming).
            let doorgelaten = alle < 400 || alle == 409;
            let enkel: BTreeSet<&str> = scopes
                .iter()
                .enumerate()
                .filter(|(i, _)| doorgelaten && rij["scopes"][*i].as_u64() == Some(alle))
                .map(|(_, s)| *s)
                .collect();
            let genoemd_enkel: BTreeSet<&str> = alternatieven
                .iter()
                .filter(|a| a.len() == 1)
                .flatten()
                .copied()
                .collect();
            let geen_koppeling = operatie["x-koppeling"] == Value::Bool(false);
            let elk_token = !geen_koppeling && alternatieven.iter().all(BTreeSet::is_empty);
            let klopt = if geen_koppeling {
                alle == 403 && enkel.is_empty()
            } else if elk_token {
                enkel.len() == scopes.len()
            } else if alternatieven.iter().any(|a| a.len() > 1) {
                enkel.is_empty() && doorgelaten
            } else {
                enkel == genoemd_enkel
            };
            if !klopt {
                fouten.push(format!(
                    "{id}: document {alternatieven:?} (x-koppeling {geen_koppeling}), matrix met één scope {enkel:?}, met alle {alle}"
                ));
            }
        }
    }
    assert!(fouten.is_empty(), "{}", fouten.join("\n"));
}
