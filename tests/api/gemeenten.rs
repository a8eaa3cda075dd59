//! De elf gemeenten.

use serde_json::{Value, json};

use crate::helpers::{assert_problem, header, kolom, query_text, spawn_app};

#[tokio::test]
async fn lists_the_eleven_gemeenten_sorted_by_name() {
    let app = spawn_app().await;
    let response = app.get("/api/v1/gemeenten").await;
    assert_eq!(response.status(), 200);
    assert_eq!(header(response.headers(), "x-total-count"), "11");
    let body: Value = response.json().await.expect("json");
    assert_eq!(body["totaalAantal"], 11);
    assert_eq!(body["pagina"], 1);
    assert_eq!(body["paginaGrootte"], 20);
    assert_eq!(body["aantalPaginas"], 1);
    let resultaten = body["resultaten"].as_array().expect("resultaten");
    let namen: Vec<&str> = resultaten
        .iter()
        .filter_map(|g| g["naam"].as_str())
        .collect();
    assert_eq!(
        namen,
        vec![
            "'s-Hertogenbosch",
            "Bernheze",
            "Boekel",
            "Boxtel",
            "Heusden",
            "Land van Cuijk",
            "Maashorst",
            "Meierijstad",
            "Oss",
            "Sint-Michielsgestel",
            "Vught"
        ]
    );
    let oss = &zonder_tijden(
        resultaten
            .iter()
            .find(|g| g["code"] == "GM0828")
            .expect("Oss"),
    );
    assert_eq!(
        oss,
        &json!({"code": "GM0828", "naam": "Oss", "slug": "oss", "grootteDrempel": 5000, "voorkeurAanpak": null, "dnaBasis": "indicatoren", "grondslag": "toestemming", "grondslagBesluit": null, "trajectStilWeken": 8, "dnaMetingMaxJaren": 2, "crisisafspraakHerzienMaanden": 12, "checkinDagen": 90, "contactDagen": 180, "meldingTermijnDagen": {"acuut": 1, "hoog": 3, "middel": 7, "laag": 14}})
    );
    assert_eq!(
        body["_links"]["self"]["href"],
        "/api/v1/gemeenten?pagina=1&paginaGrootte=20"
    );
    assert!(body["_links"].get("next").is_none());
    assert!(body["_links"].get("prev").is_none());
}

#[tokio::test]
async fn paginates_with_links_that_keep_the_other_parameters() {
    let app = spawn_app().await;
    let body = app
        .get_json("/api/v1/gemeenten?sorteer=-code&paginaGrootte=4&pagina=2")
        .await;
    let codes: Vec<&str> = kolom(&body, "code");
    // Aflopend: GM1991 GM1982 GM1948 GM1721 | GM0865 GM0845 GM0828 GM0797 | ...
    assert_eq!(codes, vec!["GM0865", "GM0845", "GM0828", "GM0797"]);
    assert_eq!(body["aantalPaginas"], 3);
    for (link, pagina) in [("prev", 1), ("next", 3), ("first", 1), ("last", 3)] {
        assert_eq!(
            body["_links"][link]["href"],
            format!("/api/v1/gemeenten?sorteer=-code&pagina={pagina}&paginaGrootte=4"),
            "{link}"
        );
    }

    let last = app
        .get_json("/api/v1/gemeenten?sorteer=-code&paginaGrootte=4&pagina=3")
        .await;
    assert_eq!(last["resultaten"].as_array().map(Vec::len), Some(3));
    assert!(last["_links"].get("next").is_none());

    let beyond = app.get("/api/v1/gemeenten?pagina=9").await;
    assert_eq!(header(beyond.headers(), "x-total-count"), "11");
    let beyond: Value = beyond.json().await.expect("json");
    assert_eq!(beyond["resultaten"], json!([]));
    assert_eq!(
        beyond["_links"]["prev"]["href"],
        "/api/v1/gemeenten?pagina=1&paginaGrootte=20"
    );
}

#[tokio::test]
async fn gets_one_gemeente_by_cbs_code() {
    let app = spawn_app().await;
    let body = zonder_tijden(&app.get_json("/api/v1/gemeenten/GM1982").await);
    assert_eq!(
        body,
        json!({"code": "GM1982", "naam": "Land van Cuijk", "slug": "land-van-cuijk", "grootteDrempel": 5000, "voorkeurAanpak": null, "dnaBasis": "indicatoren", "grondslag": "toestemming", "grondslagBesluit": null, "trajectStilWeken": 8, "dnaMetingMaxJaren": 2, "crisisafspraakHerzienMaanden": 12, "checkinDagen": 90, "contactDagen": 180, "meldingTermijnDagen": {"acuut": 1, "hoog": 3, "middel": 7, "laag": 14}})
    );
}

#[tokio::test]
async fn unknown_codes_are_404_problems() {
    let app = spawn_app().await;
    for code in ["GM9999", "gm0828", "oss", "GM0828%20"] {
        let body = assert_problem(app.get(&format!("/api/v1/gemeenten/{code}")).await, 404).await;
        assert_eq!(body["type"], "urn:weefsel:probleem:niet-gevonden", "{code}");
    }
}

/// De instellingen van een gemeente: groottedrempel en voorkeursaanpak, met hun
/// effect op profielen en voorstellen.
#[tokio::test]
async fn a_municipality_sets_its_threshold_and_preferred_approach() {
    let app = spawn_app().await;
    let beheerder = app.token_for("oss.beheerder").await;
    let coordinator = app.token_for("oss.coordinator").await;
    let pad = "/api/v1/gemeenten/GM0828";
    let zwaluwhof = format!("/api/v1/gebieden/{}", app.gebied_id("Zwaluwhof").await);
    let heidehoek = format!("/api/v1/gebieden/{}", app.gebied_id("Heidehoek").await);
    let profiel = |pad: String| {
        let app = &app;
        let token = coordinator.clone();
        async move { app.get_json_as(&pad, &token).await["dnaProfiel"].clone() }
    };
    // Zwaluwhof ligt in vak 2: zonder voorkeur beide aanpakken.
    assert_eq!(
        profiel(zwaluwhof.clone()).await["aanpak"],
        json!(["coachend", "coordinerend"])
    );
    let etag = header(app.get_as(pad, &beheerder).await.headers(), "etag");

    // Fout: niets verandert.
    for (body, veld) in [
        (json!({"grootteDrempel": 0}), "grootteDrempel"),
        (json!({"voorkeurAanpak": "weerbaarheid"}), "voorkeurAanpak"),
        (json!({"naam": "Os"}), "naam"),
    ] {
        let problem = app.patch_expect(pad, &beheerder, &body, 400).await;
        assert_eq!(crate::helpers::invalid_params(&problem)[0].0, veld);
    }
    for (wie, status) in [
        ("oss.coordinator", 403),
        ("vught.beheerder", 403),
        ("regio.netwerkmanager", 403),
    ] {
        let token = app.token_for(wie).await;
        app.patch_expect(pad, &token, &json!({"grootteDrempel": 100}), status)
            .await;
    }
    assert_eq!(
        header(app.get_as(pad, &beheerder).await.headers(), "etag"),
        etag
    );

    // De voorkeur geldt meteen: vak 2 krijgt alleen de coachende aanpak, en een traject
    // zonder aanpak krijgt die voorgesteld.
    let gemeente = app
        .met_if_match(
            reqwest::Method::PATCH,
            pad,
            &beheerder,
            &etag,
            Some(&json!({"voorkeurAanpak": "coachend"})),
        )
        .await;
    assert_eq!(gemeente.status(), 200);
    let nieuwe_etag = header(gemeente.headers(), "etag");
    assert_ne!(nieuwe_etag, etag);
    let gemeente: Value = gemeente.json().await.expect("json");
    assert_eq!(gemeente["voorkeurAanpak"], "coachend");
    assert_eq!(
        profiel(zwaluwhof.clone()).await["aanpak"],
        json!(["coachend"])
    );
    let traject = app
        .post_expect(
            "/api/v1/trajecten",
            &coordinator,
            &json!({"gebiedId": app.gebied_id("Zwaluwhof").await}),
            201,
        )
        .await;
    assert_eq!(traject["aanpak"], "coachend");
    // Een verouderde ETag: 412.
    let response = app
        .met_if_match(
            reqwest::Method::PATCH,
            pad,
            &beheerder,
            &etag,
            Some(&json!({"grootteDrempel": 2000})),
        )
        .await;
    assert_eq!(response.status(), 412);

    // De drempel: Heidehoek (2420 inwoners) wordt groot; haar sterke waarden liggen in
    // vak 3, waar de voorkeur geldt.
    assert_eq!(profiel(heidehoek.clone()).await["kwadrant"], 1);
    let regio = app.token_for("regio.beheerder").await;
    app.patch_expect(pad, &regio, &json!({"grootteDrempel": 2000}), 200)
        .await;
    let p = profiel(heidehoek).await;
    assert_eq!(
        (
            p["grootteklasse"].clone(),
            p["kwadrant"].clone(),
            p["aanpak"].clone()
        ),
        (json!("groot"), json!(3), json!(["coachend"]))
    );

    // `null` laat de keuze weer open.
    let gemeente = app
        .patch_expect(pad, &beheerder, &json!({"voorkeurAanpak": null}), 200)
        .await;
    assert_eq!(
        (
            gemeente["voorkeurAanpak"].clone(),
            gemeente["grootteDrempel"].clone()
        ),
        (Value::Null, json!(2000))
    );

    // De audit trail: wie wat wanneer, met oude en nieuwe waarde.
    let regels = query_text(
        &app.db,
        "SELECT string_agg(wijzigingen::text, ' | ' ORDER BY volgnummer) FROM audit_trail \
         WHERE resource = 'gemeente'",
    )
    .await;
    assert!(
        regels.contains("voorkeurAanpak") && regels.contains("coachend") && regels.contains("2000"),
        "{regels}"
    );
}

/// De gemeente zonder `aangemaaktOp` en `gewijzigdOp`, nadat die tijdstempels zijn.
fn zonder_tijden(gemeente: &serde_json::Value) -> serde_json::Value {
    let mut g = gemeente.clone();
    for veld in ["aangemaaktOp", "gewijzigdOp"] {
        let waarde = g
            .as_object_mut()
            .and_then(|o| o.remove(veld))
            .unwrap_or_default();
        assert!(
            waarde
                .as_str()
                .is_some_and(|t| chrono::DateTime::parse_from_rfc3339(t).is_ok()),
            "{veld}: {waarde}"
        );
    }
    g
}
