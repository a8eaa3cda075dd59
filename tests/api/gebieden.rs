//! Gebieden, hun metingen en het DNA-profiel.

use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::assert_velden;
use crate::helpers::{
    assert_problem, exec, header, id_of, invalid_params, kolom, query_text, spawn_app,
};

const STERK: &str = r#"{"peildatum": "2026-03-01", "bron": "CBS 2025", "burgerinitiatievenPer1000": 2.5,
    "vrijwilligerswerkPercentage": 38, "leefbaarometer": 7.2, "overlastregistratiesPer1000": 12}"#;
const ZWAK: &str = r#"{"peildatum": "2026-06-01", "bron": "Enquête 2026", "burgerinitiatievenPer1000": 0.5,
    "verkiezingsopkomstPercentage": 52, "leefbaarometer": 5.5}"#;

/// (cohesie, kwadrant) van het profiel van een gebied.
async fn vak(app: &crate::helpers::TestApp, token: &str, pad: &str) -> (Value, Value) {
    let profiel = app.get_json_as(pad, token).await["dnaProfiel"].clone();
    (profiel["cohesie"].clone(), profiel["kwadrant"].clone())
}

#[tokio::test]
async fn the_dna_profile_takes_the_latest_value_per_indicator_against_the_cells_of_its_size() {
    let app = spawn_app().await;
    let token = app.token_for("oss.coordinator").await;
    let gebied = app.nieuw_gebied(&token, json!({"naam": "Schadewijk", "soort": "wijk", "cbsCode": "WK082899", "inwonertal": 6200}),
    )
    .await;
    let profiel = &gebied["dnaProfiel"];
    assert_eq!(gebied["gemeente"], "GM0828");
    assert_eq!(
        (
            profiel["cohesie"].clone(),
            profiel["basis"].clone(),
            profiel["grootteklasse"].clone()
        ),
        (json!("onbepaald"), json!("geen"), json!("groot"))
    );
    assert_eq!(profiel["kwadrant"], Value::Null);
    assert_eq!(profiel["aanpak"], json!([]));
    let id = gebied["id"].as_str().expect("id");
    let path = format!("/api/v1/gebieden/{id}");
    let metingen = format!("{path}/indicatoren");

    // Groot: 2,5 initiatieven, 38 % vrijwilligers, 7,2 en 12 overlast zijn alle vier sterk.
    let sterk = app
        .post_expect(
            &metingen,
            &token,
            &serde_json::from_str(STERK).expect("json"),
            201,
        )
        .await;
    assert_eq!(sterk["intrekking"], Value::Null);
    let profiel = app.get_json_as(&path, &token).await["dnaProfiel"].clone();
    assert_eq!(
        (
            profiel["cohesie"].clone(),
            profiel["kwadrant"].clone(),
            profiel["basis"].clone()
        ),
        (json!("sterk"), json!(3), json!("indicatoren"))
    );
    assert_eq!(profiel["aanpak"], json!(["coachend", "coordinerend"]));
    assert!(
        profiel["communicatiemiddelen"]
            .as_array()
            .expect("lijst")
            .contains(&json!("Facebook/LinkedIn-netwerk"))
    );
    let toelichting = profiel["toelichting"].as_str().expect("toelichting");
    for tekst in ["6200 inwoners", "vak 3", "hulpmiddel, geen regel"] {
        assert!(toelichting.contains(tekst), "{tekst}: {toelichting}");
    }

    // Een oudere meting verandert niets; een nieuwere van drie indicatoren laat de
    // andere staan: 38 % vrijwilligers en 12 overlast blijven (sterk), de drie nieuwe
    // zijn zwak, dus zwak: vak 4.
    let mut oud: Value = serde_json::from_str(ZWAK).expect("json");
    oud["peildatum"] = json!("2025-01-01");
    app.post_expect(&metingen, &token, &oud, 201).await;
    assert_eq!(vak(&app, &token, &path).await, (json!("sterk"), json!(3)));
    let zwak = app
        .post_expect(
            &metingen,
            &token,
            &serde_json::from_str(ZWAK).expect("json"),
            201,
        )
        .await;
    let profiel = app.get_json_as(&path, &token).await["dnaProfiel"].clone();
    assert_eq!(
        (profiel["cohesie"].clone(), profiel["kwadrant"].clone()),
        (json!("zwak"), json!(4))
    );
    assert_eq!(profiel["aanpak"], json!(["coordinerend"]));
    assert_eq!(profiel["peildatum"], "2026-06-01");
    let vrijwilligers = profiel["indicatoren"]
        .as_array()
        .and_then(|i| {
            i.iter()
                .find(|i| i["indicator"] == "vrijwilligerswerkPercentage")
        })
        .cloned();
    assert_eq!(
        vrijwilligers,
        Some(
            json!({"indicator": "vrijwilligerswerkPercentage", "waarde": 38.0, "band": "sterk",
                    "peildatum": "2026-03-01", "bron": "CBS 2025"})
        )
    );
    assert_eq!(kolom(&profiel["indicatoren"], "indicator").len(), 5);

    // De geschiedenis blijft: nieuwste peildatum eerst.
    let lijst = app.get_json_as(&metingen, &token).await;
    assert_eq!(lijst["totaalAantal"], 3);
    let data: Vec<&str> = kolom(&lijst, "peildatum");
    assert_eq!(data, vec!["2026-06-01", "2026-03-01", "2025-01-01"]);

    // De drempel van de gemeente bepaalt de grootte: klein, en tegen de kleine kolom
    // zijn 38 % en 12 "tussen"; zwak blijft zwak: vak 2. Een gezette grootte gaat voor.
    let beheerder = app.token_for("oss.beheerder").await;
    app.patch_expect(
        "/api/v1/gemeenten/GM0828",
        &beheerder,
        &json!({"grootteDrempel": 7000}),
        200,
    )
    .await;
    let profiel = app.get_json_as(&path, &token).await["dnaProfiel"].clone();
    assert_eq!(
        (
            profiel["grootteklasse"].clone(),
            profiel["kwadrant"].clone()
        ),
        (json!("klein"), json!(2))
    );
    assert_eq!(profiel["indicatoren"][1]["band"], "tussen");
    let body = app
        .patch_expect(&path, &token, &json!({"grootteklasse": "groot"}), 200)
        .await;
    assert_eq!(body["grootteklasse"], "groot");
    assert_eq!(body["dnaProfiel"]["kwadrant"], 4);

    // De meting van juni was een vergissing: intrekken. Ze blijft in de geschiedenis,
    // telt niet meer mee, en kan maar één keer worden ingetrokken.
    let intrekking = format!("{metingen}/{}/intrekking", id_of(&zwak));
    let ingetrokken = app
        .post_expect(
            &intrekking,
            &token,
            &json!({"reden": "Cijfers van de verkeerde wijk."}),
            200,
        )
        .await;
    assert_eq!(
        ingetrokken["intrekking"]["reden"],
        "Cijfers van de verkeerde wijk."
    );
    assert_eq!(
        ingetrokken["intrekking"]["door"],
        app.user_id("oss.coordinator").await.as_str()
    );
    // Weer de waarden van maart, plus de opkomst van 2025 (zwak): 4 tegen 1, sterk.
    assert_eq!(vak(&app, &token, &path).await, (json!("sterk"), json!(3)));
    let lijst = app.get_json_as(&metingen, &token).await;
    assert_eq!(lijst["totaalAantal"], 3);
    assert_eq!(
        lijst["resultaten"][0]["intrekking"]["reden"],
        "Cijfers van de verkeerde wijk."
    );
    let problem = app
        .post_expect(&intrekking, &token, &json!({"reden": "Nog eens."}), 409)
        .await;
    assert_eq!(problem["code"], "meting_ingetrokken");
    // Een meting van een ander gebied bestaat onder dit gebied niet.
    let ander = app.gebied_id("Kloosterakker").await;
    app.post_expect(
        &format!(
            "/api/v1/gebieden/{ander}/indicatoren/{}/intrekking",
            id_of(&sterk)
        ),
        &token,
        &json!({"reden": "Verkeerd gebied."}),
        404,
    )
    .await;
    // De audit trail noemt de intrekking, de reden alleen bij naam.
    let audit = query_text(
        &app.db,
        &format!(
            "SELECT wijzigingen::text FROM audit_trail WHERE resource = 'indicatormeting' \
             AND resource_id = '{}' AND actie = 'gewijzigd'",
            id_of(&zwak)
        ),
    )
    .await;
    assert!(
        audit.contains("ingetrokkenOp") && audit.contains("intrekkingReden"),
        "{audit}"
    );
    assert!(!audit.contains("verkeerde wijk"), "{audit}");
}

#[tokio::test]
async fn an_override_keeps_the_computed_profile_visible() {
    let app = spawn_app().await;
    let token = app.token_for("oss.coordinator").await;
    // Oss Buitengebied: klein en sterk, vak 1.
    let id = app.gebied_id("Heidehoek").await;
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
        (json!("zwak"), json!(2))
    );
    assert_eq!(
        profiel["berekend"],
        json!({"cohesie": "sterk", "basis": "indicatoren", "grootteklasse": "klein", "kwadrant": 1, "aanpak": ["coachend"]})
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
    let id = app.gebied_id("Kloosterakker").await;
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
    let vught = app.gebied_id("Villapark-Noord").await;
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
    app.nieuw_gebied(&token, json!({"naam": "Met code", "cbsCode": "WK082899"}))
        .await;
    let before = app.scalar_i64("SELECT count(*) FROM gebied").await;
    let problem = app
        .post_expect(
            "/api/v1/gebieden",
            &token,
            &json!({"naam": "Dubbel", "soort": "wijk", "cbsCode": "WK082899"}),
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
    // Oss: Kloosterakker (groot, zwak: vak 4) met de buurten Kloosterakker-Oost
    // (onbepaald) en Zwaluwhof (klein, tekenen zwak: vak 2), Heidehoek (klein, sterk:
    // vak 1) en Reigerstede (groot, tekenen zwak: vak 4).
    let page = app.get_json_as("/api/v1/gebieden", &token).await;
    assert_eq!(
        namen(&page),
        vec![
            "Heidehoek",
            "Kloosterakker",
            "Kloosterakker-Oost",
            "Reigerstede",
            "Zwaluwhof"
        ]
    );
    assert_eq!(
        namen(&app.get_json_as("/api/v1/gebieden?kwadrant=4", &token).await),
        vec!["Kloosterakker", "Reigerstede"]
    );
    assert_eq!(
        namen(
            &app.get_json_as("/api/v1/gebieden?aanpak=coachend", &token)
                .await
        ),
        vec!["Heidehoek", "Zwaluwhof"]
    );
    assert_eq!(
        namen(
            &app.get_json_as("/api/v1/gebieden?soort=buurt", &token)
                .await
        ),
        vec!["Heidehoek", "Kloosterakker-Oost", "Zwaluwhof"]
    );
    assert_eq!(
        namen(&app.get_json_as("/api/v1/gebieden?naam=R-OO", &token).await),
        vec!["Kloosterakker-Oost"]
    );
    assert_eq!(
        namen(
            &app.get_json_as(
                "/api/v1/gebieden?sorteer=-inwonertal&paginaGrootte=2",
                &token
            )
            .await
        ),
        vec!["Kloosterakker", "Reigerstede"]
    );
    let page = app
        .get_json_as("/api/v1/gebieden?paginaGrootte=2&pagina=3", &token)
        .await;
    assert_eq!(
        (page["totaalAantal"].clone(), namen(&page)),
        (json!(5), vec!["Zwaluwhof".to_owned()])
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
        86
    );
    let vught = app
        .get_json_as("/api/v1/gebieden?gemeente=GM0865", &regio)
        .await;
    assert_eq!(kolom(&vught, "gemeente"), ["GM0865"; 6]);
}

/// De lijst zonder filters noemt haar totaal uit de telling per gemeente die een
/// trigger bijhoudt (issue 11: de regio telde anders bij elk verzoek alle gebieden);
/// die telling volgt elke toevoeging en verwijdering, en een filter telt zelf.
#[tokio::test]
async fn the_unfiltered_total_follows_every_change_from_its_counter() {
    let app = spawn_app().await;
    let token = app.token_for("oss.coordinator").await;
    let regio = app.token_for("regio.netwerkmanager").await;
    let totaal = |pad: &'static str, token: String| {
        let app = &app;
        async move { app.get_json_as(pad, &token).await["totaalAantal"].as_i64() }
    };
    let klopt = || async {
        // De telling per gemeente is het echte aantal, en de lijst noemt het.
        assert_eq!(
            app.scalar_i64(
                "SELECT count(*) FROM gemeente g WHERE (SELECT aantal FROM gebied_telling t \
                 WHERE t.gemeente_id = g.id) IS DISTINCT FROM \
                 (SELECT count(*) FROM gebied WHERE gemeente_id = g.id)"
            )
            .await,
            0
        );
        let oss = app
            .scalar_i64("SELECT count(*) FROM gebied g JOIN gemeente m ON m.id = g.gemeente_id WHERE m.code = 'GM0828'")
            .await;
        let alle = app.scalar_i64("SELECT count(*) FROM gebied").await;
        assert_eq!(totaal("/api/v1/gebieden", token.clone()).await, Some(oss));
        assert_eq!(totaal("/api/v1/gebieden", regio.clone()).await, Some(alle));
        assert_eq!(
            totaal("/api/v1/gebieden?gemeente=GM0828", regio.clone()).await,
            Some(oss)
        );
        oss
    };
    let voor = klopt().await;
    let nieuw = app.nieuw_gebied(&token, json!({"soort": "dorp"})).await;
    app.nieuw_gebied(&token, json!({})).await;
    assert_eq!(klopt().await, voor + 2);
    // Een geweigerd verzoek telt niet mee.
    app.post_expect("/api/v1/gebieden", &token, &json!({"naam": ""}), 400)
        .await;
    assert_eq!(klopt().await, voor + 2);
    let pad = format!("/api/v1/gebieden/{}", id_of(&nieuw));
    let etag = header(app.get_as(&pad, &token).await.headers(), "etag");
    let response = app
        .met_if_match(Method::DELETE, &pad, &token, &etag, None)
        .await;
    assert_eq!(response.status(), 204);
    assert_eq!(klopt().await, voor + 1);
    // Met een filter telt de lijst de rijen zelf.
    let dorpen = app
        .scalar_i64("SELECT count(*) FROM gebied g JOIN gemeente m ON m.id = g.gemeente_id WHERE m.code = 'GM0828' AND soort = 'dorp'")
        .await;
    assert_eq!(
        totaal("/api/v1/gebieden?soort=dorp", token.clone()).await,
        Some(dorpen)
    );
    // Elk filter telt wat het vindt (alle resultaten passen op één pagina).
    let ouder = app.gebied_id("Kloosterakker").await;
    for filter in [
        "soort=buurt".to_owned(),
        "kwadrant=1".to_owned(),
        "aanpak=coachend".to_owned(),
        "naam=oost".to_owned(),
        format!("bovenliggendGebiedId={ouder}"),
    ] {
        let pagina = app
            .get_json_as(
                &format!("/api/v1/gebieden?paginaGrootte=100&{filter}"),
                &token,
            )
            .await;
        let gevonden = pagina["resultaten"].as_array().map_or(0, Vec::len);
        assert_eq!(
            pagina["totaalAantal"].as_u64(),
            Some(gevonden as u64),
            "{filter}"
        );
        assert!(
            gevonden < usize::try_from(voor).unwrap_or(0),
            "{filter} filtert niet"
        );
    }
    // Ook voorbij de laatste pagina.
    let voorbij = app
        .get_json_as("/api/v1/gebieden?pagina=1000", &regio)
        .await;
    assert_eq!(
        (
            voorbij["totaalAantal"].as_i64(),
            voorbij["resultaten"].clone()
        ),
        (
            Some(app.scalar_i64("SELECT count(*) FROM gebied").await),
            json!([])
        )
    );
}

#[tokio::test]
async fn deleting_checks_references_and_if_match() {
    let app = spawn_app().await;
    let token = app.token_for("oss.coordinator").await;
    let centrum = app.gebied_id("Kloosterakker").await;
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
        detail.contains("2 onderliggend") && detail.contains("1 traject"),
        "{detail}"
    );

    let buiten = app.gebied_id("Heidehoek").await;
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
    let id = app.gebied_id("Heidehoek").await;
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

/// De demogegevens (`seed --demo`) tonen alles wat het DNA-profiel kan, met verzonnen
/// namen en fictieve cijfers.
#[tokio::test]
async fn the_demo_seed_shows_every_quadrant_and_a_traject_at_its_beslismoment() {
    let app = spawn_app().await;
    let regio = app.token_for("regio.netwerkmanager").await;
    let gebieden = app
        .get_json_as("/api/v1/gebieden?paginaGrootte=100", &regio)
        .await;
    let lijst = gebieden["resultaten"].as_array().expect("lijst");
    assert_eq!(gebieden["totaalAantal"], lijst.len());
    let profielen: Vec<&Value> = lijst.iter().map(|g| &g["dnaProfiel"]).collect();
    for vak in 1..=4 {
        assert!(
            profielen.iter().any(|p| p["kwadrant"] == vak),
            "vak {vak} komt niet voor"
        );
    }
    assert!(profielen.iter().any(|p| p["cohesie"] == "onbepaald"));
    assert!(
        profielen
            .iter()
            .any(|p| p["basis"] == "tekenen" && p["kwadrant"].is_u64())
    );
    // De lijst toont de kern van elk profiel; het gebied zelf het hele profiel, en
    // de kern daarvan is precies wat de lijst toont.
    let mut meer_peildata = false;
    for (gebied, kern) in lijst.iter().zip(&profielen) {
        let mut sleutels: Vec<&String> = kern.as_object().expect("profiel").keys().collect();
        sleutels.sort();
        assert_eq!(
            sleutels,
            [
                "aanpak",
                "basis",
                "cohesie",
                "grootteklasse",
                "kwadrant",
                "peildatum"
            ]
        );
        let volledig = app
            .get_json_as(&format!("/api/v1/gebieden/{}", id_of(gebied)), &regio)
            .await;
        let profiel = &volledig["dnaProfiel"];
        for sleutel in sleutels {
            assert_eq!(
                kern[sleutel], profiel[sleutel],
                "{} {sleutel}",
                gebied["naam"]
            );
        }
        // Meer metingen per gebied: een indicator van een oudere meting blijft staan.
        let data: std::collections::BTreeSet<&str> = kolom(&profiel["indicatoren"], "peildatum")
            .into_iter()
            .collect();
        meer_peildata |= data.len() > 1;
    }
    assert!(meer_peildata);
    for code in [
        "GM0796", "GM1721", "GM0755", "GM0757", "GM0797", "GM1982", "GM1991", "GM1948", "GM0828",
        "GM0845", "GM0865",
    ] {
        let aantal = lijst.iter().filter(|g| g["gemeente"] == code).count();
        assert!(aantal >= 5, "{code}: {aantal} gebieden");
    }
    // Geen CBS-codes, en de bron zegt dat de cijfers verzonnen zijn.
    assert!(lijst.iter().all(|g| g["cbsCode"].is_null()));
    assert_eq!(
        query_text(
            &app.db,
            "SELECT string_agg(DISTINCT bron, '|') FROM indicatormeting"
        )
        .await,
        weefsel_api::ops::demo::BRON
    );
    assert!(weefsel_api::ops::demo::BRON.contains("Fictieve"));
    // Dorpen en kernen voor de plattelandsgemeenten.
    let bernheze = lijst.iter().filter(|g| g["gemeente"] == "GM1721");
    assert!(
        bernheze
            .map(|g| g["soort"].as_str().unwrap_or_default())
            .all(|s| s == "dorp" || s == "kern")
    );

    // Een weerbaarheidsplan dat bij zijn beslismoment wacht: stap 1–3 afgerond, stap 4
    // bezig, geen besluit.
    let trajecten = app
        .get_json_as(
            "/api/v1/trajecten?aanpak=weerbaarheid&paginaGrootte=100",
            &regio,
        )
        .await;
    let wachtend = trajecten["resultaten"]
        .as_array()
        .expect("lijst")
        .iter()
        .any(|t| {
            kolom(&t["stappen"], "status")[..4] == ["afgerond", "afgerond", "afgerond", "bezig"]
                && t["besluiten"] == json!([])
                && t["status"] == "lopend"
        });
    assert!(wachtend, "{trajecten}");
    let statussen: std::collections::BTreeSet<String> = ["lopend", "afgerond"]
        .into_iter()
        .map(str::to_owned)
        .collect();
    let alle = app
        .get_json_as("/api/v1/trajecten?paginaGrootte=100", &regio)
        .await;
    let gezien: std::collections::BTreeSet<String> = kolom(&alle["resultaten"], "status")
        .into_iter()
        .map(str::to_owned)
        .collect();
    assert!(statussen.is_subset(&gezien), "{gezien:?}");
}

/// Het bewaarde profiel is na elke soort wijziging gelijk aan het uitgerekende:
/// `weefsel dna herberekenen` vindt niets af te wijken. En als iemand het bewaarde
/// profiel buiten de dienst om verandert, vindt het dat wel.
#[tokio::test]
async fn the_stored_profile_equals_the_computed_one_after_every_change() {
    let app = spawn_app().await;
    let token = app.token_for("oss.coordinator").await;
    let klopt = |wat: &'static str| {
        let db = app.db.clone();
        async move {
            let uitkomst = weefsel_api::ops::dna::herberekenen(&db, false, None)
                .await
                .expect("herberekenen");
            assert!(uitkomst.gebieden >= 55, "{wat}");
            assert_eq!(uitkomst.afwijkend, Vec::<uuid::Uuid>::new(), "na {wat}");
        }
    };
    klopt("de demogegevens").await;
    let gebied = app.nieuw_gebied(&token, json!({"inwonertal": 6200})).await;
    let id = id_of(&gebied);
    let pad = format!("/api/v1/gebieden/{id}");
    klopt("een nieuw gebied").await;
    let meting = app
        .nieuwe_meting(
            &token,
            &id,
            json!({"leefbaarometer": 5.5, "burgerinitiatievenPer1000": 0.5}),
        )
        .await;
    klopt("een meting").await;
    assert_eq!(
        app.get_json_as(&pad, &token).await["dnaProfiel"]["kwadrant"],
        4
    );
    app.patch_expect(&pad, &token, &json!({"inwonertal": 3000}), 200)
        .await;
    klopt("een ander inwonertal").await;
    app.patch_expect(&pad, &token, &json!({"grootteklasse": "groot"}), 200)
        .await;
    klopt("een gezette grootte").await;
    app.patch_expect(
        &pad,
        &token,
        &json!({"handmatig": {"cohesie": "sterk", "reden": "Nieuw buurthuis."}}),
        200,
    )
    .await;
    klopt("een handmatige keuze").await;
    app.post_expect(
        &format!("{pad}/indicatoren/{}/intrekking", id_of(&meting)),
        &token,
        &json!({"reden": "Vergissing."}),
        200,
    )
    .await;
    klopt("een intrekking").await;
    let regio = app.token_for("regio.beheerder").await;
    app.patch_expect(
        "/api/v1/gemeenten/GM0828",
        &regio,
        &json!({"grootteDrempel": 2000, "voorkeurAanpak": "coordinerend"}),
        200,
    )
    .await;
    klopt("nieuwe instellingen van de gemeente").await;
    // De lijst filtert op het bewaarde profiel: Zwaluwhof (vak 2) volgt de voorkeur.
    let lijst = app
        .get_json_as("/api/v1/gebieden?aanpak=coachend&kwadrant=2", &token)
        .await;
    assert_eq!(lijst["totaalAantal"], 0, "{lijst}");

    // Buiten de dienst om geknoeid, eerst alleen aan een kolom die de lijst leest,
    // dan aan het profiel: gevonden en hersteld.
    for knoeiwerk in [
        "dna_peildatum = '2001-01-01'",
        "dna_kwadrant = 1, dna_profiel = '{}'",
    ] {
        exec(
            &app.db,
            &format!("UPDATE gebied SET {knoeiwerk} WHERE id = '{id}'"),
        )
        .await;
        let uitkomst = weefsel_api::ops::dna::herberekenen(&app.db, false, None)
            .await
            .expect("herberekenen");
        assert_eq!(
            uitkomst.afwijkend,
            [id.parse::<uuid::Uuid>().expect("uuid")],
            "{knoeiwerk}"
        );
    }
    klopt("het herstel").await;
}
