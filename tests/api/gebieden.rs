//! Gebieden, hun metingen en het DNA-profiel.

use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::assert_velden;
use crate::helpers::{
    assert_problem, exec, header, id_of, invalid_params, kolom, query_text, spawn_app,
};

const STERK: &str = r#"{"peildatum": "2026-03-01", "bron": "CBS 2025", "burgerinitiatievenPer1000": 2.5,
    "vrijwilligerswerkPercentage": 38, "leefbaarometer": 7.2, "overlastregistratiesPer1000": 12}"#;
const ZWAK: &str = r#"{"peildatum": "2026-06-01", "bron": "CBS 2025", "burgerinitiatievenPer1000": 0.5,
    "verkiezingsopkomstPercentage": 52, "leefbaarometer": 6.2}"#;

#[tokio::test]
async fn the_dna_profile_follows_the_latest_measurement_and_the_threshold() {
    let app = spawn_app().await;
    let token = app.token_for("oss.coordinator").await;
    let gebied = app.nieuw_gebied(&token, json!({"naam": "Schadewijk", "soort": "wijk", "cbsCode": "WK082899", "inwonertal": 6200}),
    )
    .await;
    let profiel = &gebied["dnaProfiel"];
    assert_eq!(gebied["gemeente"], "GM0828");
    assert_eq!(profiel["cohesie"], "onbepaald");
    assert_eq!(profiel["grootteklasse"], "groot");
    assert_eq!(profiel["kwadrant"], Value::Null);
    assert_eq!(profiel["aanpak"], json!([]));
    assert!(
        profiel["toelichting"]
            .as_str()
            .is_some_and(|t| t.contains("nog geen meting")),
        "{profiel}"
    );
    let id = gebied["id"].as_str().expect("id");
    let path = format!("/api/v1/gebieden/{id}");
    let metingen = format!("{path}/indicatoren");

    let response = app
        .post_as(
            &metingen,
            &token,
            &serde_json::from_str(STERK).expect("json"),
        )
        .await;
    assert_eq!(response.status(), 201);
    let meting: Value = response.json().await.expect("json");
    assert_eq!(
        meting["banden"],
        json!([
            {"indicator": "burgerinitiatievenPer1000", "waarde": 2.5, "band": "sterk"},
            {"indicator": "vrijwilligerswerkPercentage", "waarde": 38.0, "band": "sterk"},
            {"indicator": "overlastregistratiesPer1000", "waarde": 12.0, "band": "sterk"},
            {"indicator": "leefbaarometer", "waarde": 7.2, "band": "sterk"}
        ])
    );
    let profiel = app.get_json_as(&path, &token).await["dnaProfiel"].clone();
    assert_eq!(
        (profiel["cohesie"].clone(), profiel["kwadrant"].clone()),
        (json!("sterk"), json!(2))
    );
    assert_eq!(profiel["aanpak"], json!(["coachend", "coordinerend"]));
    assert_eq!(profiel["peildatum"], "2026-03-01");
    assert!(
        profiel["communicatiemiddelen"]
            .as_array()
            .expect("lijst")
            .contains(&json!("crisiskaart"))
    );
    let toelichting = profiel["toelichting"].as_str().expect("toelichting");
    assert!(
        toelichting.contains("6200 inwoners") && toelichting.contains("vak 2"),
        "{toelichting}"
    );

    // Een oudere meting verandert niets; een nieuwere wel.
    let mut oud: Value = serde_json::from_str(ZWAK).expect("json");
    oud["peildatum"] = json!("2025-01-01");
    assert_eq!(app.post_as(&metingen, &token, &oud).await.status(), 201);
    assert_eq!(
        app.get_json_as(&path, &token).await["dnaProfiel"]["kwadrant"],
        2
    );
    assert_eq!(
        app.post_as(
            &metingen,
            &token,
            &serde_json::from_str(ZWAK).expect("json")
        )
        .await
        .status(),
        201
    );
    let profiel = app.get_json_as(&path, &token).await["dnaProfiel"].clone();
    assert_eq!(
        (profiel["cohesie"].clone(), profiel["kwadrant"].clone()),
        (json!("zwak"), json!(4))
    );
    assert_eq!(profiel["aanpak"], json!(["coordinerend"]));

    // De geschiedenis blijft: nieuwste peildatum eerst.
    let lijst = app.get_json_as(&metingen, &token).await;
    assert_eq!(lijst["totaalAantal"], 3);
    let data: Vec<&str> = kolom(&lijst, "peildatum");
    assert_eq!(data, vec!["2026-06-01", "2026-03-01", "2025-01-01"]);

    // De drempel van de gemeente bepaalt de grootte; een gezette grootte gaat voor.
    exec(
        &app.db,
        "UPDATE gemeente SET grootte_drempel = 7000 WHERE code = 'GM0828'",
    )
    .await;
    let profiel = app.get_json_as(&path, &token).await["dnaProfiel"].clone();
    assert_eq!(
        (
            profiel["grootteklasse"].clone(),
            profiel["kwadrant"].clone()
        ),
        (json!("klein"), json!(3))
    );
    let response = app
        .patch_as(&path, &token, &json!({"grootteklasse": "groot"}))
        .await;
    assert_eq!(response.status(), 200);
    let body: Value = response.json().await.expect("json");
    assert_eq!(body["grootteklasse"], "groot");
    assert_eq!(body["dnaProfiel"]["kwadrant"], 4);
}

#[tokio::test]
async fn an_override_keeps_the_computed_profile_visible() {
    let app = spawn_app().await;
    let token = app.token_for("oss.coordinator").await;
    // Oss Buitengebied: klein en sterk, vak 1.
    let id = app.gebied_id("WK082802").await;
    let path = format!("/api/v1/gebieden/{id}");
    assert_eq!(
        app.get_json_as(&path, &token).await["dnaProfiel"]["kwadrant"],
        1
    );

    let response = app
        .patch_as(&path, &token, &json!({"handmatig": {"cohesie": "zwak", "reden": "Na de sluiting van het buurthuis kent niemand elkaar meer."}}))
        .await;
    assert_eq!(response.status(), 200);
    let profiel = response.json::<Value>().await.expect("json")["dnaProfiel"].clone();
    assert_eq!(
        (profiel["cohesie"].clone(), profiel["kwadrant"].clone()),
        (json!("zwak"), json!(3))
    );
    assert_eq!(
        profiel["berekend"],
        json!({"cohesie": "sterk", "grootteklasse": "klein", "kwadrant": 1, "aanpak": ["coachend"]})
    );
    assert_eq!(
        profiel["handmatig"]["reden"],
        "Na de sluiting van het buurthuis kent niemand elkaar meer."
    );
    assert_eq!(
        profiel["handmatig"]["door"],
        app.user_id("oss.coordinator").await.as_str()
    );
    assert!(
        profiel["toelichting"]
            .as_str()
            .is_some_and(|t| t.contains("handmatig"))
    );

    // Een keuze over de aanpak alleen.
    let response = app
        .patch_as(&path, &token, &json!({"handmatig": {"aanpak": ["coordinerend"], "reden": "Voorkeur van de gemeente."}}))
        .await;
    let profiel = response.json::<Value>().await.expect("json")["dnaProfiel"].clone();
    assert_eq!(
        (profiel["kwadrant"].clone(), profiel["aanpak"].clone()),
        (json!(1), json!(["coordinerend"]))
    );

    // Zonder reden, zonder keuze of met onbekende velden: 400, niets veranderd.
    for (body, verwacht) in [
        (
            json!({"handmatig": {"cohesie": "zwak"}}),
            vec![("handmatig.reden", "verplicht")],
        ),
        (
            json!({"handmatig": {"reden": "x"}}),
            vec![("handmatig.grootteklasse", "verplicht")],
        ),
        (
            json!({"handmatig": {"cohesie": "heel sterk", "kwadrant": 2, "reden": "x"}}),
            vec![
                ("handmatig.cohesie", "ongeldig"),
                ("handmatig.kwadrant", "onbekend"),
            ],
        ),
        (
            json!({"handmatig": "zwak"}),
            vec![("handmatig", "ongeldig")],
        ),
    ] {
        let problem = app.patch_expect(&path, &token, &body, 400).await;
        let verwacht: Vec<(String, String)> = verwacht
            .iter()
            .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
            .collect();
        assert_eq!(invalid_params(&problem), verwacht, "{body}");
    }
    assert_eq!(
        app.get_json_as(&path, &token).await["dnaProfiel"]["aanpak"],
        json!(["coordinerend"])
    );

    // `null` haalt de keuze weg.
    let response = app
        .patch_as(&path, &token, &json!({"handmatig": null}))
        .await;
    let profiel = response.json::<Value>().await.expect("json")["dnaProfiel"].clone();
    assert_eq!(
        (profiel["handmatig"].clone(), profiel["aanpak"].clone()),
        (Value::Null, json!(["coachend"]))
    );
}

#[tokio::test]
async fn bad_measurements_name_every_field_and_store_nothing() {
    let app = spawn_app().await;
    let token = app.token_for("oss.coordinator").await;
    let id = app.gebied_id("WK082801").await;
    let path = format!("/api/v1/gebieden/{id}/indicatoren");
    let before = app.scalar_i64("SELECT count(*) FROM indicatormeting").await;
    let problem = app.post_expect(&path, &token, &json!({"peildatum": "31-12-2025", "burgerinitiatievenPer1000": -1, "vrijwilligerswerkPercentage": 101,
                    "verenigingslidmaatschapPercentage": "veel", "buurthuisbezoekPer1000": -0.5,
                    "verkiezingsopkomstPercentage": 100.5, "overlastregistratiesPer1000": -3,
                    "leefbaarometer": 9.5, "buurtfeesten": "ja", "kleur": "groen"}), 400).await;
    assert_eq!(
        invalid_params(&problem),
        [
            ("bron", "verplicht"),
            ("burgerinitiatievenPer1000", "ongeldig"),
            ("buurtfeesten", "ongeldig"),
            ("buurthuisbezoekPer1000", "ongeldig"),
            ("kleur", "onbekend"),
            ("leefbaarometer", "ongeldig"),
            ("overlastregistratiesPer1000", "ongeldig"),
            ("peildatum", "ongeldig"),
            ("verenigingslidmaatschapPercentage", "ongeldig"),
            ("verkiezingsopkomstPercentage", "ongeldig"),
            ("vrijwilligerswerkPercentage", "ongeldig"),
        ]
        .map(|(a, b)| (a.to_owned(), b.to_owned()))
        .to_vec()
    );
    let reason = problem["invalidParams"]
        .as_array()
        .and_then(|p| p.iter().find(|p| p["name"] == "leefbaarometer"))
        .and_then(|p| p["reason"].as_str())
        .unwrap_or_default()
        .to_owned();
    assert_eq!(reason, "Verwacht een getal van 1 tot en met 9.");

    // Een lege meting, en een peildatum in de toekomst.
    let problem = app
        .post_expect(
            &path,
            &token,
            &json!({"peildatum": "2099-01-01", "bron": "x"}),
            400,
        )
        .await;
    assert_velden(
        &problem,
        &[("leefbaarometer", "verplicht"), ("peildatum", "ongeldig")],
    );
    // Grenswaarden zijn geldig.
    app.post_expect(&path, &token, &json!({"peildatum": "2026-01-01", "bron": "x", "vrijwilligerswerkPercentage": 100, "leefbaarometer": 1, "overlastregistratiesPer1000": 0}), 201).await;
    assert_eq!(
        app.scalar_i64("SELECT count(*) FROM indicatormeting").await,
        before + 1
    );
}

#[tokio::test]
async fn invalid_areas_parents_and_cycles_are_refused() {
    let app = spawn_app().await;
    let token = app.token_for("oss.beheerder").await;
    let before = app.scalar_i64("SELECT count(*) FROM gebied").await;
    let vught = app.gebied_id("WK086501").await;
    let problem = app.post_expect("/api/v1/gebieden", &token, &json!({"soort": "stadsdeel", "cbsCode": "WK086501", "inwonertal": -5, "bovenliggendGebiedId": vught, "gemeente": "GM0865"}), 400).await;
    assert_eq!(
        invalid_params(&problem),
        [
            ("bovenliggendGebiedId", "ongeldig"),
            ("cbsCode", "ongeldig"),
            ("gemeente", "onbekend"),
            ("inwonertal", "ongeldig"),
            ("naam", "verplicht"),
            ("soort", "ongeldig"),
        ]
        .map(|(a, b)| (a.to_owned(), b.to_owned()))
        .to_vec()
    );
    let problem = app
        .post_expect(
            "/api/v1/gebieden",
            &token,
            &json!({"naam": "Dubbel", "soort": "wijk", "cbsCode": "WK082801"}),
            409,
        )
        .await;
    // Een dubbele unieke waarde is overal 409 met een `code` die het veld noemt.
    assert_eq!(problem["code"], "dubbele_cbs_code");
    assert_eq!(app.scalar_i64("SELECT count(*) FROM gebied").await, before);

    // Geen kringen: wijk → buurt → straat, en dan de wijk onder de straat hangen.
    let wijk = id_of(
        &app.nieuw_gebied(&token, json!({"naam": "Wijk", "soort": "wijk"}))
            .await,
    );
    let buurt = id_of(
        &app.nieuw_gebied(
            &token,
            json!({"naam": "Buurt", "soort": "buurt", "bovenliggendGebiedId": wijk}),
        )
        .await,
    );
    let kern = id_of(
        &app.nieuw_gebied(
            &token,
            json!({"naam": "Kern", "soort": "kern", "bovenliggendGebiedId": buurt}),
        )
        .await,
    );
    let path = format!("/api/v1/gebieden/{wijk}");
    for ouder in [&kern, &buurt, &wijk] {
        let problem = app
            .patch_expect(&path, &token, &json!({"bovenliggendGebiedId": ouder}), 400)
            .await;
        assert_velden(&problem, &[("bovenliggendGebiedId", "ongeldig")]);
    }
    assert_eq!(
        query_text(&app.db, &format!("SELECT coalesce(bovenliggend_gebied_id::text, 'geen') FROM gebied WHERE id = '{wijk}'")).await,
        "geen"
    );
    // Verhangen zonder kring mag.
    app.patch_expect(
        &format!("/api/v1/gebieden/{kern}"),
        &token,
        &json!({"bovenliggendGebiedId": wijk}),
        200,
    )
    .await;
}

#[tokio::test]
async fn lists_filter_on_the_profile_and_sort() {
    let app = spawn_app().await;
    let token = app.token_for("oss.raadpleger").await;
    let namen = |page: &Value| -> Vec<String> {
        page["resultaten"]
            .as_array()
            .expect("lijst")
            .iter()
            .filter_map(|g| g["naam"].as_str().map(str::to_owned))
            .collect()
    };
    // Oss: Centrum (groot, zwak: vak 4), Buitengebied (klein, sterk: vak 1), Centrum-Oost (onbepaald).
    let page = app.get_json_as("/api/v1/gebieden", &token).await;
    assert_eq!(
        namen(&page),
        vec!["Oss Buitengebied", "Oss Centrum", "Oss Centrum-Oost"]
    );
    assert_eq!(
        namen(&app.get_json_as("/api/v1/gebieden?kwadrant=4", &token).await),
        vec!["Oss Centrum"]
    );
    assert_eq!(
        namen(
            &app.get_json_as("/api/v1/gebieden?aanpak=coachend", &token)
                .await
        ),
        vec!["Oss Buitengebied"]
    );
    assert_eq!(
        namen(
            &app.get_json_as("/api/v1/gebieden?soort=buurt", &token)
                .await
        ),
        vec!["Oss Centrum-Oost"]
    );
    assert_eq!(
        namen(&app.get_json_as("/api/v1/gebieden?naam=OOST", &token).await),
        vec!["Oss Centrum-Oost"]
    );
    assert_eq!(
        namen(
            &app.get_json_as(
                "/api/v1/gebieden?sorteer=-inwonertal&paginaGrootte=2",
                &token
            )
            .await
        ),
        vec!["Oss Centrum", "Oss Buitengebied"]
    );
    let page = app
        .get_json_as("/api/v1/gebieden?paginaGrootte=2&pagina=2", &token)
        .await;
    assert_eq!(
        (page["totaalAantal"].clone(), namen(&page)),
        (json!(3), vec!["Oss Centrum-Oost".to_owned()])
    );
    let problem = app
        .get_expect("/api/v1/gebieden?kwadrant=5&soort=stad", &token, 400)
        .await;
    assert_velden(&problem, &[("kwadrant", "ongeldig"), ("soort", "ongeldig")]);

    // De regio leest alle gemeenten.
    let regio = app.token_for("regio.netwerkmanager").await;
    assert_eq!(
        app.get_json_as("/api/v1/gebieden?paginaGrootte=100", &regio)
            .await["totaalAantal"],
        33
    );
    let vught = app
        .get_json_as("/api/v1/gebieden?gemeente=GM0865", &regio)
        .await;
    assert_eq!(kolom(&vught, "gemeente"), ["GM0865"; 3]);
}

#[tokio::test]
async fn deleting_checks_references_and_if_match() {
    let app = spawn_app().await;
    let token = app.token_for("oss.coordinator").await;
    let centrum = app.gebied_id("WK082801").await;
    let problem = assert_problem(
        app.client
            .delete(app.url(&format!("/api/v1/gebieden/{centrum}")))
            .bearer_auth(&token)
            .send()
            .await
            .expect("delete"),
        409,
    )
    .await;
    let detail = problem["detail"].as_str().expect("detail");
    assert!(
        detail.contains("1 onderliggend") && detail.contains("1 traject"),
        "{detail}"
    );

    let buiten = app.gebied_id("WK082802").await;
    let path = format!("/api/v1/gebieden/{buiten}");
    let delete = |etag: &'static str| app.met_if_match(Method::DELETE, &path, &token, etag, None);
    assert_problem(delete("\"7\"").await, 412).await;
    let etag = header(app.get_as(&path, &token).await.headers(), "etag");
    let response = app
        .met_if_match(Method::DELETE, &path, &token, &etag, None)
        .await;
    assert_eq!(response.status(), 204);
    app.get_expect(&path, &token, 404).await;
    assert_eq!(
        app.scalar_i64(&format!(
            "SELECT count(*) FROM indicatormeting WHERE gebied_id = '{buiten}'"
        ))
        .await,
        0
    );
    assert_eq!(
        app.scalar_i64(&format!("SELECT count(*) FROM audit_trail WHERE resource = 'gebied' AND resource_id = '{buiten}' AND actie = 'verwijderd'")).await,
        1
    );
}

/// Twee medewerkers wijzigen tegelijk dezelfde versie: precies één wint, de ander
/// krijgt 412 en overschrijft niets.
#[tokio::test]
async fn concurrent_updates_of_one_version_let_exactly_one_win() {
    let app = spawn_app().await;
    let token = app.token_for("oss.coordinator").await;
    let id = app.gebied_id("WK082802").await;
    let path = format!("/api/v1/gebieden/{id}");
    let etag = header(app.get_as(&path, &token).await.headers(), "etag");
    let patch = |naam: &'static str| {
        app.client
            .patch(app.url(&path))
            .bearer_auth(&token)
            .header("If-Match", etag.clone())
            .json(&json!({"naam": naam}))
            .send()
    };
    let (a, b) = tokio::join!(patch("Buitengebied Noord"), patch("Buitengebied Zuid"));
    let mut statuses = vec![
        a.expect("a").status().as_u16(),
        b.expect("b").status().as_u16(),
    ];
    statuses.sort_unstable();
    assert_eq!(statuses, vec![200, 412]);
    let body = app.get_json_as(&path, &token).await;
    assert_eq!(
        header(app.get_as(&path, &token).await.headers(), "etag"),
        "\"2\""
    );
    assert!(
        ["Buitengebied Noord", "Buitengebied Zuid"]
            .contains(&body["naam"].as_str().unwrap_or_default())
    );
}
