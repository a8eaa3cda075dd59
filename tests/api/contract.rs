//! Het API-contract dat voor elk antwoord geldt.

use crate::helpers::assert_velden;
use crate::helpers::{assert_405, assert_problem, header, id_of, invalid_params, kolom, spawn_app};
use reqwest::Method;
use serde_json::json;

#[tokio::test]
async fn every_response_carries_version_request_id_and_security_headers() {
    let app = spawn_app().await;
    // De versie: die van het document, en de laatste uitgebrachte in CHANGELOG.md.
    let versie = app.get_json("/api/v1/openapi.json").await["info"]["version"]
        .as_str()
        .expect("info.version")
        .to_owned();
    let changelog = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/CHANGELOG.md"))
        .expect("CHANGELOG.md");
    let uitgebracht = changelog
        .lines()
        .find_map(|r| {
            r.strip_prefix("## [")
                .filter(|r| !r.starts_with("Unreleased"))
        })
        .and_then(|r| r.split(']').next())
        .expect("een uitgebrachte versie in CHANGELOG.md");
    assert_eq!(uitgebracht, versie, "CHANGELOG.md en info.version");
    for path in ["/api/v1/gemeenten", "/api/v1/bestaat-niet", "/health/live"] {
        let response = app.get(path).await;
        let h = response.headers();
        assert_eq!(header(h, "api-version"), versie, "{path}");
        assert!(
            uuid::Uuid::try_parse(&header(h, "x-request-id")).is_ok(),
            "{path}"
        );
        assert_eq!(header(h, "cache-control"), "no-store", "{path}");
        assert_eq!(header(h, "x-content-type-options"), "nosniff", "{path}");
        assert_eq!(header(h, "x-frame-options"), "DENY", "{path}");
        assert!(
            header(h, "strict-transport-security").starts_with("max-age="),
            "{path}"
        );
        assert_eq!(
            header(h, "content-security-policy"),
            "default-src 'none'; frame-ancestors 'none'",
            "{path}"
        );
    }
}

/// Het request-id is altijd van de dienst (issue 30): een client kiest nooit de sleutel
/// van het verwerkingenlogboek of de audit trail; wat hij meestuurt, is alleen een
/// correlatie-id.
#[tokio::test]
async fn the_request_id_is_always_the_services_own() {
    let app = spawn_app().await;
    for eigen in ["integratie-42.a:b", "met spaties en <tekens>"] {
        let response = app
            .get_with("/api/v1/bestaat-niet", "X-Request-Id", eigen)
            .await;
        let id = header(response.headers(), "x-request-id");
        assert!(uuid::Uuid::try_parse(&id).is_ok(), "{id}");
        let body = assert_problem(response, 404).await;
        assert_eq!(body["requestId"], id.as_str());
    }
}

#[tokio::test]
async fn unknown_routes_and_trailing_slashes_are_404_problems_without_redirect() {
    let app = spawn_app().await;
    for path in [
        "/api/v1/bestaat-niet",
        "/api/v1/gemeenten/",
        "/api/v1/gemeenten/GM0828/",
        "/api/v2/gemeenten",
        "/",
    ] {
        let response = app.get(path).await;
        assert!(response.headers().get("location").is_none(), "{path}");
        let body = assert_problem(response, 404).await;
        assert_eq!(body["type"], "urn:weefsel:probleem:niet-gevonden", "{path}");
        assert_eq!(body["instance"], path, "{path}");
    }
}

#[tokio::test]
async fn wrong_methods_are_405_with_allow() {
    let app = spawn_app().await;
    let cases = [
        (reqwest::Method::POST, "/api/v1/gemeenten", "GET"),
        (
            reqwest::Method::DELETE,
            "/api/v1/gemeenten/GM0828",
            "GET, PATCH",
        ),
        (reqwest::Method::PUT, "/health/ready", "GET"),
    ];
    for (method, path, allow) in cases {
        let response = app
            .client
            .request(method.clone(), app.url(path))
            .send()
            .await
            .expect("verzoek");
        assert_405(response, allow, &format!("{method} {path}")).await;
    }
}

#[tokio::test]
async fn every_invalid_query_parameter_is_named_at_once() {
    let app = spawn_app().await;
    let response = app
        .get("/api/v1/gemeenten?pagina=0&paginaGrootte=101&sorteer=naam,onbekend&sortering=naam&pagina_grootte=5")
        .await;
    let body = assert_problem(response, 400).await;
    assert_eq!(body["type"], "urn:weefsel:probleem:ongeldige-invoer");
    assert_eq!(
        invalid_params(&body),
        vec![
            ("pagina".to_owned(), "ongeldig".to_owned()),
            ("paginaGrootte".to_owned(), "ongeldig".to_owned()),
            ("pagina_grootte".to_owned(), "onbekend".to_owned()),
            ("sorteer".to_owned(), "ongeldig".to_owned()),
            ("sortering".to_owned(), "onbekend".to_owned()),
        ]
    );
    let reasons: Vec<&str> = body["invalidParams"]
        .as_array()
        .expect("lijst")
        .iter()
        .filter_map(|p| p["reason"].as_str())
        .collect();
    assert!(
        reasons.contains(&"Verwacht een geheel getal van 1 tot en met 100."),
        "{reasons:?}"
    );
    assert!(
        reasons
            .iter()
            .any(|r| r
                .starts_with("Onbekende parameter; toegestaan: pagina, paginaGrootte, sorteer")),
        "{reasons:?}"
    );
}

#[tokio::test]
async fn query_parameters_on_an_operation_without_any_are_rejected() {
    let app = spawn_app().await;
    let body = assert_problem(
        app.get("/api/v1/gemeenten/GM0828?velden=naam&x=1").await,
        400,
    )
    .await;
    assert_eq!(
        invalid_params(&body),
        vec![
            ("velden".to_owned(), "onbekend".to_owned()),
            ("x".to_owned(), "onbekend".to_owned())
        ]
    );
    let body = assert_problem(app.get("/api/v1/gemeenten?pagina=1&pagina=2").await, 400).await;
    assert_eq!(
        invalid_params(&body),
        vec![("pagina".to_owned(), "dubbel".to_owned())]
    );
}

#[tokio::test]
async fn bodies_over_one_mebibyte_are_413() {
    let app = spawn_app().await;
    let body = vec![b'a'; 1024 * 1024 + 1];
    let response = app
        .client
        .post(app.url("/api/v1/gemeenten"))
        .header("content-type", "application/json")
        .body(body)
        .send()
        .await
        .expect("verzoek");
    let problem = assert_problem(response, 413).await;
    assert_eq!(problem["type"], "urn:weefsel:probleem:verzoek-te-groot");
    assert_eq!(app.scalar_i64("SELECT count(*) FROM gemeente").await, 11);
}

#[tokio::test]
async fn swagger_ui_is_served_from_the_vendored_bundle_with_its_own_csp() {
    let app = spawn_app().await;
    let response = app.get("/api/v1/docs/").await;
    assert_eq!(response.status(), 200);
    assert!(header(response.headers(), "content-security-policy").contains("script-src 'self'"));
    let html = response.text().await.expect("html");
    assert!(html.contains("swagger-ui"), "{html}");
    for asset in [
        "swagger-ui.css",
        "swagger-ui-bundle.js",
        "swagger-initializer.js",
    ] {
        let response = app.get(&format!("/api/v1/docs/{asset}")).await;
        assert_eq!(response.status(), 200, "{asset}");
        let text = response.text().await.expect("asset");
        assert!(text.len() > 100, "{asset}");
        if asset == "swagger-initializer.js" {
            assert!(text.contains("/api/v1/openapi.json"), "{text}");
        }
    }
    let response = app.get("/api/v1/docs").await;
    assert_eq!(response.status(), 302);
    assert_eq!(header(response.headers(), "location"), "/api/v1/docs/");
}

#[tokio::test]
async fn a_500_says_nothing_but_its_request_id() {
    let app = spawn_app().await;
    crate::helpers::exec(&app.db, "ALTER TABLE gemeente RENAME TO gemeente_weg").await;
    let response = app
        .get_with("/api/v1/gemeenten/GM0828", "X-Request-Id", "storing-1")
        .await;
    let text = format!("{:?}", response.headers());
    let request_id = header(response.headers(), "x-request-id");
    let body = assert_problem(response, 500).await;
    assert_eq!(body["type"], "urn:weefsel:probleem:interne-fout");
    assert_eq!(body["requestId"], request_id.as_str());
    let all = format!("{text}{body}");
    for leak in [
        "relation",
        "does not exist",
        "gemeente_weg",
        "sqlx",
        "Execution",
        "SELECT",
    ] {
        assert!(!all.contains(leak), "'{leak}' in {all}");
    }
}

/// Een absurd paginanummer is een 400, geen afgebroken verbinding (gevonden met
/// schemathesis: de offset paste niet in een bigint).
#[tokio::test]
async fn a_huge_page_number_is_a_validation_error() {
    let app = spawn_app().await;
    let body = assert_problem(
        app.get("/api/v1/gemeenten?pagina=9223372036854775806")
            .await,
        400,
    )
    .await;
    assert_velden(&body, &[("pagina", "ongeldig")]);
    let body = app.get_json("/api/v1/gemeenten?pagina=1000000").await;
    assert_eq!(body["resultaten"], serde_json::json!([]));
}

/// Elke `PATCH` en `DELETE` in het document noemt `If-Match`, en de server houdt
/// zich eraan: een verouderde `ETag` geeft 412 en verandert niets.
#[tokio::test]
async fn every_patch_and_delete_in_the_document_honours_if_match() {
    let app = spawn_app().await;
    let beheerder = app.token_for("oss.beheerder").await;
    let coordinator = app.token_for("oss.coordinator").await;
    let koppeling = app
        .post_expect(
            "/api/v1/koppelingen",
            &beheerder,
            &json!({"naam": "Registratie", "scopes": ["gebieden.lezen"]}),
            201,
        )
        .await;
    let traject = app.nieuw_traject(&coordinator, "coachend", None).await;
    let netwerk = id_of(&app.nieuw_netwerk(&coordinator, json!({})).await);
    let persoon = id_of(&app.nieuwe_sleutelpersoon(&coordinator, json!({})).await);
    let lid = id_of(
        &app.nieuw_lid(&coordinator, &netwerk, &persoon, json!({}))
            .await,
    );
    let initiatief = app
        .aanmaken(
            "/api/v1/initiatieven",
            &coordinator,
            &json!({"titel": "Contract", "thema": "voorlichting", "organisatie": "Club"}),
        )
        .await;
    let budgethouder = app.token_for("oss.budgethouder").await;
    let budget = app.aanmaken("/api/v1/budgetten", &budgethouder, &json!({"naam": "Contract", "jaar": 2026, "vorm": "micro", "totaalBedrag": 1000, "maxPerAanvraag": 100})).await;
    let aanvraag = app.aanmaken("/api/v1/aanvragen", &coordinator, &json!({"budgetId": budget, "initiatiefId": initiatief, "aangevraagdBedrag": 100, "status": "concept"})).await;
    let organisatie = app
        .aanmaken(
            "/api/v1/organisaties",
            &coordinator,
            &json!({"naam": "Contract", "veld": "onderwijs_jeugd", "niveau": "lokaal"}),
        )
        .await;
    let partner = app
        .aanmaken(
            &format!("/api/v1/netwerken/{netwerk}/partners"),
            &coordinator,
            &json!({"organisatieId": organisatie}),
        )
        .await;
    let afspraak = app
        .aanmaken(
            &format!("/api/v1/netwerken/{netwerk}/veiligheidsafspraken"),
            &coordinator,
            &json!({"afspraak": "Contract", "herzienVoor": "2027-01-01"}),
        )
        .await;
    let bijeenkomst = app
        .aanmaken(
            "/api/v1/bijeenkomsten",
            &coordinator,
            &json!({"soort": "kerngroep", "datum": "2026-01-10", "netwerkId": netwerk}),
        )
        .await;
    let oefening = app.aanmaken("/api/v1/oefeningen", &coordinator, &json!({"titel": "Contract", "doelen": ["communicatie_tijdens_crisis"], "vorm": "tabletop",
                    "scenario": "stroomuitval", "datum": "2027-01-01"})).await;
    let melding = app.aanmaken("/api/v1/meldingen", &coordinator, &json!({"soort": "intimidatie", "betrokkene": "ambtenaar", "ernst": "laag", "omschrijving": "Contract",
                    "behandelaarId": app.user_id("oss.coordinator").await})).await;
    app.post_expect(
        "/api/v1/stappenplannen/coordinerend/stappen/0/aanvullingen",
        &beheerder,
        &json!({"sleutel": "gm-contract", "soort": "vraag", "tekst": "Contract"}),
        201,
    )
    .await;
    let ids = [
        ("/stappenplannen/", "gm-contract".to_owned(), &beheerder),
        ("/organisaties/", organisatie, &coordinator),
        ("/bijeenkomsten/", bijeenkomst, &coordinator),
        ("/oefeningen/", oefening, &coordinator),
        ("/meldingen/", melding, &coordinator),
        ("/budgetten/", budget, &budgethouder),
        ("/aanvragen/", aanvraag, &coordinator),
        ("/initiatieven/", initiatief, &coordinator),
        ("/netwerken/", netwerk, &coordinator),
        ("/sleutelpersonen/", persoon, &coordinator),
        ("/gebieden/", app.gebied_id("Heidehoek").await, &coordinator),
        (
            "/gebruikers/",
            app.user_id("oss.raadpleger").await,
            &beheerder,
        ),
        ("/koppelingen/", id_of(&koppeling), &beheerder),
        ("/trajecten/", id_of(&traject), &coordinator),
        ("/gemeenten/", "GM0828".to_owned(), &beheerder),
    ];
    let audit_voor = app.scalar_i64("SELECT count(*) FROM audit_trail").await;
    let document = app.get_json("/api/v1/openapi.json").await;
    let mut gezien = 0;
    for (pad, item) in document["paths"].as_object().expect("paths") {
        for (methode, operatie) in item.as_object().expect("item") {
            let methode = match methode.as_str() {
                "patch" => Method::PATCH,
                "delete" => Method::DELETE,
                _ => continue,
            };
            let namen = kolom(&operatie["parameters"], "name");
            assert!(namen.contains(&"If-Match"), "{methode} {pad}");
            let (_, id, token) = ids
                .iter()
                .find(|(prefix, _, _)| pad.starts_with(prefix))
                .unwrap_or_else(|| panic!("geen testresource voor {pad}"));
            let url = format!("/api/v1{pad}")
                .replace("{id}", id)
                .replace("{code}", id)
                .replace("{sleutel}", id)
                .replace("{aanpak}", "coordinerend")
                .replace("{nummer}", "0")
                .replace("{lidId}", &lid)
                .replace("{partnerId}", &partner)
                .replace("{afspraakId}", &afspraak);
            let body = (methode == Method::PATCH).then(|| json!({}));
            let response = app
                .met_if_match(methode.clone(), &url, token, "\"999\"", body.as_ref())
                .await;
            let problem = assert_problem(response, 412).await;
            assert_eq!(problem["code"], "versie_verouderd", "{methode} {pad}");
            gezien += 1;
        }
    }
    assert_eq!(gezien, 28, "PATCH en DELETE in het document");
    assert_eq!(
        app.scalar_i64("SELECT count(*) FROM audit_trail").await,
        audit_voor
    );
}
