//! De gebreken die gevonden werden toen de dienst van buitenaf werd geprobeerd
//! (issue "Een huis voor vijftien modules", punt 7): elk met een test die eerst faalde.

use serde_json::json;

use crate::helpers::{assert_405, exec, id_of, invalid_params, spawn_app};

/// Een querywaarde die haar gedocumenteerde patroon of enum breekt is 400 met de
/// parameter erbij, geen lege pagina.
#[tokio::test]
async fn a_query_value_breaking_its_pattern_is_400_naming_the_parameter() {
    let app = spawn_app().await;
    let token = app.token_for("regio.beheerder").await;
    for (path, naam) in [
        ("/api/v1/gebieden?gemeente=XYZ", "gemeente"),
        ("/api/v1/gebruikers?gemeente=gm0828", "gemeente"),
        ("/api/v1/koppelingen?gemeente=GM82", "gemeente"),
        ("/api/v1/trajecten?status=foo", "status"),
        ("/api/v1/trajecten?aanpak=alles", "aanpak"),
    ] {
        let problem = app.get_expect(path, &token, 400).await;
        assert_eq!(
            invalid_params(&problem),
            vec![(naam.to_owned(), "ongeldig".to_owned())],
            "{path}"
        );
    }
    // Geldige waarden blijven werken.
    let pagina = app
        .get_expect("/api/v1/trajecten?status=lopend", &token, 200)
        .await;
    assert!(pagina["_embedded"].is_object() || pagina["resultaten"].is_array());
}

/// Alleen een echt ontbrekend gebied "bestaat niet in uw gemeente"; een databasefout
/// bij het nakijken is een 500 (en slaat niets op).
#[tokio::test]
async fn a_database_error_while_checking_a_reference_is_a_500_not_a_missing_reference() {
    let app = spawn_app().await;
    let token = app.token_for("oss.coordinator").await;
    let ouder = id_of(&app.nieuw_gebied(&token, json!({})).await);
    let gebieden = app.scalar_i64("SELECT count(*) FROM gebied").await;
    let trajecten = app.scalar_i64("SELECT count(*) FROM traject").await;

    // Een echt onbekend gebied: 400 op dat veld.
    let onbekend = uuid::Uuid::now_v7().to_string();
    let problem = app
        .post_expect(
            "/api/v1/trajecten",
            &token,
            &json!({"gebiedId": onbekend, "aanpak": "coachend"}),
            400,
        )
        .await;
    assert_eq!(
        invalid_params(&problem),
        vec![("gebiedId".to_owned(), "ongeldig".to_owned())]
    );

    // De database weigert het lezen van gebieden: geen "bestaat niet", maar 500.
    exec(&app.db, "REVOKE SELECT ON gebied FROM weefsel_app").await;
    let problem = app
        .post_expect(
            "/api/v1/trajecten",
            &token,
            &json!({"gebiedId": ouder, "aanpak": "coachend"}),
            500,
        )
        .await;
    assert!(problem.get("invalidParams").is_none(), "{problem}");
    let problem = app
        .post_expect(
            "/api/v1/gebieden",
            &token,
            &json!({"naam": "Kind", "soort": "buurt", "bovenliggendGebiedId": ouder}),
            500,
        )
        .await;
    assert!(problem.get("invalidParams").is_none(), "{problem}");
    exec(&app.db, "GRANT SELECT ON gebied TO weefsel_app").await;
    assert_eq!(
        app.scalar_i64("SELECT count(*) FROM gebied").await,
        gebieden
    );
    assert_eq!(
        app.scalar_i64("SELECT count(*) FROM traject").await,
        trajecten
    );
}

/// Een methode die een gedeclareerd pad niet heeft is 405 met `Allow`, ook als een
/// ander pad (`/gebruikers/{id}`) haar wel heeft.
#[tokio::test]
async fn an_undeclared_method_on_a_declared_path_is_405_with_allow() {
    let app = spawn_app().await;
    let token = app.token_for("oss.beheerder").await;
    for (method, path, allow) in [
        (reqwest::Method::PATCH, "/api/v1/gebruikers/mij", "GET"),
        (reqwest::Method::DELETE, "/api/v1/gebruikers/mij", "GET"),
        (reqwest::Method::PUT, "/api/v1/gebieden", "GET, POST"),
    ] {
        let response = app
            .client
            .request(method.clone(), app.url(path))
            .bearer_auth(&token)
            .json(&json!({"actief": false}))
            .send()
            .await
            .expect("verzoek");
        assert_405(response, allow, &format!("{method} {path}")).await;
    }
    // Er is niets veranderd aan het eigen account.
    let mij = app.get_expect("/api/v1/gebruikers/mij", &token, 200).await;
    assert_eq!(mij["actief"], true);
}

/// De instellingen van een gemeente (de groottedrempel) gelden meteen voor de
/// bewaarde profielen, ook al komt haar vaste identiteit uit het geheugen van de dienst.
#[tokio::test]
async fn municipal_settings_are_read_per_request_while_identity_is_kept_in_memory() {
    let app = spawn_app().await;
    let token = app.token_for("oss.coordinator").await;
    let gebied = app.nieuw_gebied(&token, json!({"inwonertal": 4000})).await;
    assert_eq!(gebied["gemeente"], "GM0828");
    assert_eq!(gebied["dnaProfiel"]["grootteklasse"], "klein");
    let beheerder = app.token_for("oss.beheerder").await;
    app.patch_expect(
        "/api/v1/gemeenten/GM0828",
        &beheerder,
        &json!({"grootteDrempel": 3000}),
        200,
    )
    .await;
    let pad = format!("/api/v1/gebieden/{}", id_of(&gebied));
    let gebied = app.get_expect(&pad, &token, 200).await;
    assert_eq!(gebied["dnaProfiel"]["grootteklasse"], "groot");
}
