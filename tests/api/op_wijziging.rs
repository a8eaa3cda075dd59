//! Bladeren op wijziging (issue 38, punt 4): elke lijst neemt `gewijzigdSinds` en
//! `sorteer=gewijzigdOp` (met het id als tweede sleutel) aan.

use serde_json::{Value, json};

use crate::helpers::{TestApp, assert_problem, exec, invalid_params, query_text, spawn_app};

/// Elke lijst van het document (een `GET` met een `Pagina`).
fn lijsten() -> Vec<(String, String)> {
    let doc = weefsel_api::modules::document();
    let mut lijsten = Vec::new();
    for (pad, item) in doc["paths"].as_object().expect("paths") {
        let Some(get) = item.get("get") else { continue };
        let schema = get["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
            .as_str()
            .unwrap_or_default();
        if schema.starts_with("#/components/schemas/Pagina") {
            lijsten.push((
                get["operationId"].as_str().expect("operationId").to_owned(),
                pad.clone(),
            ));
        }
    }
    lijsten
}

/// Het document noemt bij elke lijst `gewijzigdSinds` (een tijdstip) en een `sorteer`
/// die `gewijzigdOp` en `-gewijzigdOp` kent.
#[test]
fn every_list_names_gewijzigd_sinds_and_sorting_by_change() {
    let doc = weefsel_api::modules::document();
    let lijsten = lijsten();
    assert!(lijsten.len() >= 25, "{}", lijsten.len());
    for (id, pad) in lijsten {
        let parameters = doc["paths"][&pad]["get"]["parameters"]
            .as_array()
            .expect("parameters");
        let param = |naam: &str| {
            parameters
                .iter()
                .find(|p| p["name"] == naam && p["in"] == "query")
                .unwrap_or_else(|| panic!("{id} mist {naam}"))
        };
        assert_eq!(
            param("gewijzigdSinds")["schema"]["format"],
            "date-time",
            "{id}"
        );
        let sorteer = &param("sorteer")["schema"];
        let waarden = match sorteer["items"]["$ref"].as_str() {
            Some(r) => {
                doc["components"]["schemas"][r.rsplit('/').next().unwrap_or_default()]["enum"]
                    .clone()
            }
            None => sorteer["enum"].clone(),
        };
        for waarde in ["gewijzigdOp", "-gewijzigdOp"] {
            assert!(
                waarden
                    .as_array()
                    .into_iter()
                    .flatten()
                    .any(|w| w == waarde),
                "{id}: sorteer kent {waarde} niet"
            );
        }
    }
}

/// Het id dat `sql` geeft.
async fn id_uit(app: &TestApp, sql: &str) -> String {
    query_text(&app.db, sql).await
}

/// Elke lijst, echt aangeroepen: in de toekomst is er niets gewijzigd; op wijziging
/// oplopend en aflopend zijn elkaars omgekeerde (het id ordent gelijke tijdstippen) en
/// tellen hetzelfde als zonder; oplopend loopt `gewijzigdOp` (of het tijdstip) op.
#[tokio::test]
async fn every_list_filters_and_sorts_by_change() {
    let app = spawn_app().await;
    let beheerder = app.token_for("oss.beheerder").await;
    let coordinator = app.token_for("oss.coordinator").await;
    let regio = app.token_for("regio.beheerder").await;
    // Iets in elke lijst met een ouder: een melding met een opvolging, een check-in,
    // een lid, een partner, een afspraak, een meting en een regel in het grootboek.
    let oss = "(SELECT id FROM gemeente WHERE code = 'GM0828')";
    let persoon = app.nieuwe_sleutelpersoon(&coordinator, json!({})).await;
    let persoon = persoon["id"].as_str().expect("id").to_owned();
    let netwerk = app.nieuw_netwerk(&coordinator, json!({})).await;
    let netwerk = netwerk["id"].as_str().expect("id").to_owned();
    app.nieuw_lid(&coordinator, &netwerk, &persoon, json!({}))
        .await;
    app.post_expect(
        &format!("/api/v1/sleutelpersonen/{persoon}/checkins"),
        &coordinator,
        &json!({"datum": weefsel_api::domein::tijd::vandaag().to_string(), "notitie": "Gaat goed"}),
        201,
    )
    .await;
    exec(
        &app.db,
        "INSERT INTO melding (id, gemeente_id, soort, betrokkene, ernst, datum, omschrijving, \
         behandelaar_id, status) SELECT gen_random_uuid(), gemeente_id, 'intimidatie', \
         'ambtenaar', 'laag', '2026-01-10', 'Lijst', id, 'open' FROM gebruiker \
         WHERE gebruikersnaam = 'oss.coordinator'",
    )
    .await;
    let gebied = app.gebied_id("Kloosterakker").await;
    let budget = id_uit(
        &app,
        &format!("SELECT id::text FROM budget WHERE gemeente_id = {oss} LIMIT 1"),
    )
    .await;
    let melding = id_uit(
        &app,
        &format!("SELECT id::text FROM melding WHERE gemeente_id = {oss} LIMIT 1"),
    )
    .await;
    let mut gezien = 0;
    for (id, sjabloon) in lijsten() {
        let pad = format!("/api/v1{sjabloon}")
            .replace("/budgetten/{id}", &format!("/budgetten/{budget}"))
            .replace("/gebieden/{id}", &format!("/gebieden/{gebied}"))
            .replace("/meldingen/{id}", &format!("/meldingen/{melding}"))
            .replace("/netwerken/{id}", &format!("/netwerken/{netwerk}"))
            .replace(
                "/sleutelpersonen/{id}",
                &format!("/sleutelpersonen/{persoon}"),
            );
        assert!(!pad.contains('{'), "{id}: {pad}");
        let mut token = None;
        for kandidaat in [&beheerder, &coordinator, &regio] {
            if app.get_as(&pad, kandidaat).await.status() == 200 {
                token = Some(kandidaat);
                break;
            }
        }
        let token = token.unwrap_or_else(|| panic!("{id}: niemand leest {pad}"));
        let scheiding = if pad.contains('?') { '&' } else { '?' };
        let alles = app.get_expect(&pad, token, 200).await;
        let toekomst = app
            .get_expect(
                &format!("{pad}{scheiding}gewijzigdSinds=2100-01-01T00:00:00Z"),
                token,
                200,
            )
            .await;
        assert_eq!(toekomst["totaalAantal"], 0, "{id}");
        let verleden = app
            .get_expect(
                &format!("{pad}{scheiding}gewijzigdSinds=1900-01-01T00:00:00Z"),
                token,
                200,
            )
            .await;
        let op = app
            .get_expect(
                &format!("{pad}{scheiding}sorteer=gewijzigdOp&paginaGrootte=100"),
                token,
                200,
            )
            .await;
        let af = app
            .get_expect(
                &format!("{pad}{scheiding}sorteer=-gewijzigdOp&paginaGrootte=100"),
                token,
                200,
            )
            .await;
        assert_eq!(op["totaalAantal"], alles["totaalAantal"], "{id}");
        assert_eq!(af["totaalAantal"], alles["totaalAantal"], "{id}");
        let op = op["resultaten"].as_array().expect("resultaten").clone();
        let af = af["resultaten"].as_array().expect("resultaten").clone();
        let tijden: Vec<String> = op
            .iter()
            .filter_map(|r| {
                [
                    "gewijzigdOp",
                    "tijdstip",
                    "aangemaaktOp",
                    "getekendOp",
                    "gepubliceerdOp",
                ]
                .iter()
                .find_map(|veld| r[*veld].as_str())
                .map(str::to_owned)
            })
            .collect();
        let mut gesorteerd = tijden.clone();
        gesorteerd.sort();
        assert_eq!(tijden, gesorteerd, "{id}: niet op gewijzigdOp");
        if tijden.len() == op.len() && alles["totaalAantal"].as_u64() <= Some(100) {
            // Een lijst uit de database: gelijke tijdstippen ordent het id, dus aflopend
            // is precies oplopend omgekeerd.
            if !["listStappenplannen", "listAgendaSjablonen"].contains(&id.as_str()) {
                let mut omgekeerd = af.clone();
                omgekeerd.reverse();
                assert_eq!(op, omgekeerd, "{id}");
            }
            assert_eq!(verleden["totaalAantal"], alles["totaalAantal"], "{id}");
        }
        gezien += 1;
    }
    assert!(gezien >= 25, "{gezien}");
}

/// `gewijzigdSinds` vindt wat na een tijdstip aangemaakt of gewijzigd is, en niets
/// anders; een ongeldig tijdstip is 400 met de parameter erbij.
#[tokio::test]
async fn gewijzigd_sinds_finds_what_changed_after_a_moment() {
    let app = spawn_app().await;
    let token = app.token_for("oss.coordinator").await;
    let oud = app
        .aanmaken(
            "/api/v1/initiatieven",
            &token,
            &json!({"titel": "Oud initiatief", "thema": "vrije_tijd", "organisatie": "Club"}),
        )
        .await;
    let moment = query_text(&app.db, "SELECT to_char(now() AT TIME ZONE 'UTC' + interval '1 millisecond', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')").await;
    tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    let nieuw = app
        .aanmaken(
            "/api/v1/initiatieven",
            &token,
            &json!({"titel": "Nieuw initiatief", "thema": "vrije_tijd", "organisatie": "Club"}),
        )
        .await;
    let ids = |pagina: &Value| -> Vec<String> {
        pagina["resultaten"]
            .as_array()
            .expect("resultaten")
            .iter()
            .map(|r| r["id"].as_str().expect("id").to_owned())
            .collect()
    };
    let pad = format!("/api/v1/initiatieven?gewijzigdSinds={moment}&sorteer=gewijzigdOp");
    assert_eq!(
        ids(&app.get_expect(&pad, &token, 200).await),
        vec![nieuw.clone()]
    );

    let gewijzigd = app
        .patch_huidig(
            &format!("/api/v1/initiatieven/{oud}"),
            &token,
            &json!({"titel": "Oud initiatief, bijgewerkt"}),
        )
        .await;
    assert_eq!(gewijzigd.status(), 200);
    assert_eq!(
        ids(&app.get_expect(&pad, &token, 200).await),
        vec![nieuw, oud]
    );

    for fout in ["gisteren", "2026-12-01", "2026-13-01T00:00:00Z"] {
        let problem = assert_problem(
            app.get_as(
                &format!("/api/v1/initiatieven?gewijzigdSinds={fout}"),
                &token,
            )
            .await,
            400,
        )
        .await;
        assert_eq!(
            invalid_params(&problem)
                .into_iter()
                .map(|(naam, _)| naam)
                .collect::<Vec<_>>(),
            vec!["gewijzigdSinds".to_owned()],
            "{fout}"
        );
    }
    let problem = assert_problem(
        app.get_as("/api/v1/initiatieven?sorteer=titel", &token)
            .await,
        400,
    )
    .await;
    assert_eq!(invalid_params(&problem)[0].0, "sorteer");
}
