//! Overstappen van coachend op coördinerend (issue 34, V1 punt 5): de stappen gaan
//! mee volgens de indeling, antwoorden alleen waar hun sleutel in de nieuwe leidraad
//! bestaat, bijeenkomsten en oefeningen krijgen hun nieuwe stapnummer, en de wissel
//! staat in `aanpakHistorie`.

use serde_json::{Value, json};

use crate::helpers::{TestApp, header, id_of, kolom, query_text, spawn_app};

async fn stap(app: &TestApp, token: &str, traject: &str, nummer: i64, body: Value) -> Value {
    let pad = format!("/api/v1/trajecten/{traject}");
    let etag = header(app.get_as(&pad, token).await.headers(), "etag");
    let antwoord = app
        .met_if_match(
            reqwest::Method::PATCH,
            &format!("{pad}/stappen/{nummer}"),
            token,
            &etag,
            Some(&body),
        )
        .await;
    assert_eq!(antwoord.status(), 200, "stap {nummer}");
    antwoord.json().await.expect("json")
}

/// De regio publiceert een coördinerende versie 2 die in stap 1 ook de vraag
/// `ca1-informeel` van de coachende leidraad stelt (zelfde sleutel, zelfde tekst).
async fn versie_met_gedeelde_vraag(app: &TestApp) {
    let regio = app.token_for("regio.beheerder").await;
    let coachend = app
        .get_json_as("/api/v1/stappenplannen/coachend", &regio)
        .await;
    let vraag = coachend["stappen"][1]["vragen"][0].clone();
    assert_eq!(vraag["sleutel"], "ca1-informeel");
    let antwoord = app
        .get_as("/api/v1/stappenplannen/coordinerend", &regio)
        .await;
    let etag = header(antwoord.headers(), "etag");
    let plan: Value = antwoord.json().await.expect("json");
    let mut stappen = plan["stappen"].as_array().expect("stappen").clone();
    for s in &mut stappen {
        s.as_object_mut().expect("stap").remove("aanvullingen");
    }
    stappen[1]["vragen"]
        .as_array_mut()
        .expect("vragen")
        .push(vraag);
    let body = json!({"naam": plan["naam"], "bron": plan["bron"], "stappen": stappen});
    let put = app
        .client
        .put(app.url("/api/v1/stappenplannen/coordinerend"))
        .bearer_auth(&regio)
        .header("If-Match", etag)
        .json(&body)
        .send()
        .await
        .expect("put");
    assert_eq!(
        put.status(),
        200,
        "{}",
        put.text().await.unwrap_or_default()
    );
}

#[tokio::test]
async fn a_coachend_traject_switches_to_coordinerend_with_its_steps() {
    let app = spawn_app().await;
    let token = app.token_for("oss.coordinator").await;
    let traject = app.nieuw_traject(&token, "coachend", None).await;
    let id = id_of(&traject);
    let netwerk = id_of(&app.nieuw_netwerk(&token, json!({})).await);

    stap(
        &app,
        &token,
        &id,
        0,
        json!({"status": "afgerond", "afgevinkt": ["ca0-afwijking"]}),
    )
    .await;
    stap(
        &app,
        &token,
        &id,
        1,
        json!({"status": "afgerond", "antwoorden": [
        {"sleutel": "ca1-informeel", "antwoord": "De buurtvereniging en de moskee"}]}),
    )
    .await;
    stap(
        &app,
        &token,
        &id,
        2,
        json!({"status": "bezig", "notities": "Eerste bijeenkomst gepland",
        "antwoorden": [{"sleutel": "ca2-vervolg", "antwoord": "Ideeën voor een vervolg"}],
        "netwerkId": netwerk}),
    )
    .await;
    let bijeenkomst = app
        .post_expect(
            "/api/v1/bijeenkomsten",
            &token,
            &json!({"soort": "eerste_bijeenkomst", "datum": "2026-05-01", "netwerkId": netwerk,
                    "trajectId": id, "stap": 2}),
            201,
        )
        .await;
    let oefening = app
        .post_expect(
            "/api/v1/oefeningen",
            &token,
            &json!({"titel": "Oefening", "doelen": ["communicatie_tijdens_crisis"], "vorm": "tabletop",
                    "scenario": "stroomuitval", "datum": "2027-01-01", "trajectId": id, "stap": 4}),
            201,
        )
        .await;
    versie_met_gedeelde_vraag(&app).await;

    // Een fout in de invoer: 400, niets veranderd.
    let pad = format!("/api/v1/trajecten/{id}/aanpakwissel");
    let fout = app
        .post_expect(
            &pad,
            &token,
            &json!({"naar": "coordinerend", "datum": "2999-01-01"}),
            400,
        )
        .await;
    let mut namen = kolom(&fout["invalidParams"], "name");
    namen.sort_unstable();
    assert_eq!(namen, ["datum", "reden"], "{fout}");
    assert_eq!(
        query_text(
            &app.db,
            &format!("SELECT aanpak FROM traject WHERE id = '{id}'")
        )
        .await,
        "coachend"
    );

    let body = app
        .post_expect(
            &pad,
            &token,
            &json!({"naar": "coordinerend", "reden": "Het netwerk vraagt om meer regie van Merelhof"}),
            200,
        )
        .await;
    assert_eq!(body["aanpak"], "coordinerend");
    assert_eq!(body["leidraadVersie"], 2, "de dan geldende versie");
    assert_eq!(
        kolom(&body["stappen"], "status"),
        [
            "afgerond", "afgerond", "bezig", "bezig", "open", "open", "open"
        ]
    );
    let stappen = body["stappen"].as_array().expect("stappen");
    assert_eq!(stappen[2]["notities"], "Eerste bijeenkomst gepland");
    assert_eq!(stappen[3]["notities"], "Eerste bijeenkomst gepland");
    assert_eq!(stappen[2]["netwerkId"], netwerk.as_str());
    assert_eq!(stappen[3]["naam"], "Netwerk verenigen (twee bijeenkomsten)");
    // Het antwoord met een sleutel die ook in de nieuwe leidraad staat, gaat mee.
    assert_eq!(
        stappen[1]["antwoorden"],
        json!([{"sleutel": "ca1-informeel", "antwoord": "De buurtvereniging en de moskee", "alleenLezen": false}])
    );
    // De rest blijft alleen lezen.
    let mut vervallen: Vec<(String, i64)> = body["vervallenAntwoorden"]
        .as_array()
        .expect("vervallenAntwoorden")
        .iter()
        .map(|v| {
            assert_eq!(v["aanpak"], "coachend");
            (
                v["sleutel"].as_str().unwrap_or_default().to_owned(),
                v["stap"].as_i64().unwrap_or(-1),
            )
        })
        .collect();
    vervallen.sort();
    assert_eq!(
        vervallen,
        [
            ("ca0-afwijking".to_owned(), 0),
            ("ca2-vervolg".to_owned(), 2)
        ]
    );
    // Bijeenkomsten en oefeningen krijgen hun nieuwe stap.
    assert_eq!(stappen[3]["bijeenkomstIds"], json!([bijeenkomst["id"]]));
    assert_eq!(stappen[6]["oefeningIds"], json!([oefening["id"]]));
    let b = app
        .get_json_as(
            &format!("/api/v1/bijeenkomsten/{}", id_of(&bijeenkomst)),
            &token,
        )
        .await;
    assert_eq!(b["stap"], 3);
    // De historie, en de audit trail met de reden alleen bij naam.
    let historie = &body["aanpakHistorie"];
    assert_eq!(historie[0]["van"], "coachend");
    assert_eq!(historie[0]["naar"], "coordinerend");
    assert!(
        historie[0]["reden"]
            .as_str()
            .is_some_and(|r| r.contains("regie"))
    );
    let audit = query_text(
        &app.db,
        &format!(
            "SELECT string_agg(wijzigingen::text, ' ') FROM audit_trail WHERE resource_id IN ('{id}', '{}')",
            id_of(&bijeenkomst)
        ),
    )
    .await;
    for veld in ["aanpakwisselReden", "\"coordinerend\"", "\"stap\""] {
        assert!(audit.contains(veld), "{veld}: {audit}");
    }
    assert!(
        !audit.contains("Merelhof") && !audit.contains("moskee"),
        "{audit}"
    );

    // Wie geen persoonsgegevens ziet: geen reden en geen vervallen antwoorden.
    let raadpleger = app.token_for("oss.raadpleger").await;
    let gezien = app
        .get_json_as(&format!("/api/v1/trajecten/{id}"), &raadpleger)
        .await;
    assert!(gezien.get("vervallenAntwoorden").is_none(), "{gezien}");
    assert!(
        gezien["aanpakHistorie"][0].get("reden").is_none(),
        "{gezien}"
    );

    // Nog eens wisselen, of van weerbaarheid: 409.
    let problem = app
        .post_expect(
            &pad,
            &token,
            &json!({"naar": "coordinerend", "reden": "x"}),
            409,
        )
        .await;
    assert_eq!(problem["code"], "wissel_niet_mogelijk");
    let weerbaar = app.nieuw_traject(&token, "weerbaarheid", None).await;
    let problem = app
        .post_expect(
            &format!("/api/v1/trajecten/{}/aanpakwissel", id_of(&weerbaar)),
            &token,
            &json!({"naar": "coordinerend", "reden": "x"}),
            409,
        )
        .await;
    assert_eq!(problem["code"], "wissel_niet_mogelijk");
    assert_eq!(
        app.scalar_i64("SELECT count(*) FROM traject_aanpakwissel")
            .await,
        1
    );
}
