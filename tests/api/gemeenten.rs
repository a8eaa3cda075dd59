//! De elf gemeenten.

use serde_json::{Value, json};

use crate::helpers::{assert_problem, header, kolom, spawn_app};

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
    let oss = resultaten
        .iter()
        .find(|g| g["code"] == "GM0828")
        .expect("Oss");
    assert_eq!(
        oss,
        &json!({"code": "GM0828", "naam": "Oss", "slug": "oss", "grootteDrempel": 5000})
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
    let body = app.get_json("/api/v1/gemeenten/GM1982").await;
    assert_eq!(
        body,
        json!({"code": "GM1982", "naam": "Land van Cuijk", "slug": "land-van-cuijk", "grootteDrempel": 5000})
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
