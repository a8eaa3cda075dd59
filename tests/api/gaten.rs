//! Kleine gaten (issue 29, T1 punt 6), elk met een test: NUL in een pad- of
//! queryparameter, de lock-out van een koppeling per spelling van haar client_id,
//! HEAD op een GET-resource, en de telling van open meldingen op het dashboard van
//! een gemeente. (CSV-cellen: de unittest in `api/src/http/csv.rs`; de geldigheid van
//! een eigen token: `auth.rs`.)

use serde_json::{Value, json};

use crate::helpers::{assert_problem, header, id_of, spawn_app};

/// Elke padparameter van elke operatie in het document, als NUL (`%00`) en met
/// stuurtekens: een 4xx-problem, nooit een 500.
#[tokio::test]
async fn a_nul_in_any_path_or_query_parameter_is_a_4xx_problem() {
    let app = spawn_app().await;
    let beheerder = app.token_for("oss.beheerder").await;
    let regio = app.token_for("regio.beheerder").await;
    let doc: Value = app.get_json("/api/v1/openapi.json").await;
    let mut geprobeerd = 0;
    for (pad, item) in doc["paths"].as_object().expect("paths") {
        if !pad.contains('{') {
            continue;
        }
        for (methode, _) in item.as_object().expect("item") {
            let Ok(methode) = reqwest::Method::from_bytes(methode.to_uppercase().as_bytes()) else {
                continue;
            };
            if methode == reqwest::Method::OPTIONS {
                continue;
            }
            for waarde in ["%00", "GM%000828", "a%00b", "%01%1F"] {
                let mut url = String::new();
                for deel in pad.split('/') {
                    if !url.is_empty() || !deel.is_empty() {
                        url.push('/');
                    }
                    url.push_str(if deel.starts_with('{') { waarde } else { deel });
                }
                for token in [&beheerder, &regio] {
                    let response = app
                        .client
                        .request(methode.clone(), app.url(&format!("/api/v1{url}")))
                        .bearer_auth(token)
                        .header("If-Match", "\"1\"")
                        .json(&json!({}))
                        .send()
                        .await
                        .expect("verzoek");
                    let status = response.status().as_u16();
                    assert!(
                        (400..500).contains(&status),
                        "{methode} {url}: {status} {}",
                        response.text().await.unwrap_or_default()
                    );
                    geprobeerd += 1;
                }
            }
        }
    }
    assert!(geprobeerd > 200, "{geprobeerd}");
    // En in een queryparameter met vrije tekst.
    for pad in [
        "/api/v1/audit-trail?resourceId=%00",
        "/api/v1/gebieden?gemeente=%00",
        "/api/v1/audit-trail?resourceId=a%00b",
    ] {
        let problem = assert_problem(app.get_as(pad, &beheerder).await, 400).await;
        assert!(problem["invalidParams"].is_array(), "{pad}: {problem}");
    }
}

/// Vijf mislukte pogingen op één koppeling, elk in een andere spelling van haar
/// client_id: de zesde (met het goede secret) is 429, ook in de gewone spelling.
#[tokio::test]
async fn the_koppeling_lock_out_counts_every_spelling_of_its_client_id() {
    let app = spawn_app().await;
    let (id, secret) = app
        .create_client("oss.beheerder", "CRM", &["gebieden.lezen"])
        .await;
    let uuid: uuid::Uuid = id.parse().expect("uuid");
    let spellingen = [
        uuid.simple().to_string(),
        uuid.braced().to_string(),
        uuid.urn().to_string(),
        id.to_uppercase(),
        format!(" {id} "),
    ];
    for spelling in &spellingen {
        let response = app
            .token_request(&[
                ("grant_type", "client_credentials"),
                ("client_id", spelling),
                ("client_secret", "fout-secret"),
            ])
            .await;
        assert_eq!(response.status(), 401, "{spelling}");
    }
    for spelling in [id.as_str(), spellingen[0].as_str()] {
        let response = app
            .token_request(&[
                ("grant_type", "client_credentials"),
                ("client_id", spelling),
                ("client_secret", &secret),
            ])
            .await;
        assert_eq!(response.status(), 429, "{spelling}");
        assert!(!header(response.headers(), "retry-after").is_empty());
    }
}

/// Hetzelfde voor een gebruikersnaam: hoofdletters en witruimte zijn dezelfde naam en
/// delen één teller.
#[tokio::test]
async fn the_user_lock_out_counts_every_spelling_of_the_name() {
    let app = spawn_app().await;
    for spelling in [
        "OSS.COORDINATOR",
        " oss.coordinator",
        "Oss.Coordinator ",
        "oss.coordinator",
        "oSS.coordinator",
    ] {
        assert_problem(
            app.login(spelling, crate::helpers::WRONG_PASSWORD).await,
            400,
        )
        .await;
    }
    let response = app
        .login("oss.coordinator", crate::helpers::DEMO_PASSWORD)
        .await;
    assert_eq!(response.status(), 429);
}

/// HEAD geeft de status en headers van GET, zonder body: voor een lijst, een
/// resource met `ETag`, een onbekende resource en zonder token.
#[tokio::test]
async fn head_answers_like_get_without_a_body() {
    let app = spawn_app().await;
    let coordinator = app.token_for("oss.coordinator").await;
    let gebied = id_of(
        &app.nieuw_gebied(&coordinator, json!({"naam": "Kopwijk", "soort": "wijk"}))
            .await,
    );
    for (pad, token, status) in [
        ("/api/v1/gebieden".to_owned(), Some(&coordinator), 200),
        (
            format!("/api/v1/gebieden/{gebied}"),
            Some(&coordinator),
            200,
        ),
        (
            format!("/api/v1/netwerken/{}", uuid::Uuid::now_v7()),
            Some(&coordinator),
            404,
        ),
        ("/api/v1/gebieden".to_owned(), None, 401),
        ("/api/v1/openapi.json".to_owned(), None, 200),
    ] {
        let verzoek = |methode: reqwest::Method| {
            let mut r = app.client.request(methode, app.url(&pad));
            if let Some(t) = token {
                r = r.bearer_auth(t);
            }
            r.send()
        };
        let get = verzoek(reqwest::Method::GET).await.expect("get");
        let head = verzoek(reqwest::Method::HEAD).await.expect("head");
        assert_eq!(get.status().as_u16(), status, "GET {pad}");
        assert_eq!(head.status(), get.status(), "HEAD {pad}");
        for naam in [
            "content-type",
            "etag",
            "x-total-count",
            "api-version",
            "www-authenticate",
        ] {
            assert_eq!(
                header(head.headers(), naam),
                header(get.headers(), naam),
                "{naam} bij HEAD {pad}"
            );
        }
        assert!(head.bytes().await.expect("body").is_empty(), "HEAD {pad}");
    }
    // Een methode die het pad niet heeft, blijft 405 (HEAD hoort bij GET).
    let response = app
        .client
        .request(reqwest::Method::HEAD, app.url("/api/v1/auth/token"))
        .send()
        .await
        .expect("head");
    assert_eq!(response.status(), 405);
}

/// Het dashboard van een gemeente telt alleen de meldingen die de aanroeper zelf kan
/// lezen: niet die over een persoon met verhoogd risico voor wie niet genoemd is.
#[tokio::test]
async fn the_dashboard_counts_only_the_reports_the_caller_can_read() {
    let app = spawn_app().await;
    let beheerder = app.token_for("oss.beheerder").await;
    let beheerder_id = app.user_id("oss.beheerder").await;
    // Een tweede coördinator, niet genoemd bij de persoon met verhoogd risico.
    let tweede = app
        .nieuwe_gebruiker(&beheerder, "oss.tweede", json!(["coordinator"]))
        .await;
    let risico = id_of(
        &app.nieuwe_sleutelpersoon(
            &beheerder,
            json!({"verhoogdRisico": true, "zichtbaarVoor": [beheerder_id]}),
        )
        .await,
    );
    for (sleutelpersoon, ernst) in [
        (None, "laag"),
        (Some(risico.clone()), "hoog"),
        (Some(risico), "acuut"),
    ] {
        let mut body = json!({"soort": "bedreiging", "betrokkene": "sleutelpersoon", "ernst": ernst,
                              "omschrijving": "Melding", "behandelaarId": beheerder_id});
        if let Some(id) = sleutelpersoon {
            body["sleutelpersoonId"] = json!(id);
        } else {
            body["betrokkene"] = json!("ambtenaar");
        }
        app.post_expect("/api/v1/meldingen", &beheerder, &body, 201)
            .await;
    }
    for (token, naam) in [(&tweede, "oss.tweede"), (&beheerder, "oss.beheerder")] {
        let lijst = app
            .get_as("/api/v1/meldingen?status=open&paginaGrootte=100", token)
            .await;
        let leesbaar: i64 = header(lijst.headers(), "x-total-count")
            .parse()
            .expect("aantal");
        let d = app.get_json_as("/api/v1/dashboard", token).await;
        assert_eq!(d["totaal"]["meldingen"]["open"], leesbaar, "{naam}");
        let g = app
            .get_json_as("/api/v1/dashboard/gemeenten/GM0828", token)
            .await;
        assert_eq!(g["cijfers"]["meldingen"]["open"], leesbaar, "{naam}: {g}");
    }
    // De tweede coördinator telt de twee meldingen over de persoon met verhoogd risico niet.
    let d = app.get_json_as("/api/v1/dashboard", &tweede).await;
    let b = app.get_json_as("/api/v1/dashboard", &beheerder).await;
    assert_eq!(
        b["totaal"]["meldingen"]["open"].as_i64().expect("aantal")
            - d["totaal"]["meldingen"]["open"].as_i64().expect("aantal"),
        2
    );
}
