//! Geen verzoek legt de dienst stil (issue 29, T1 punt 1). Drie bodies binnen de
//! groottegrens, tegelijk, op een dienst met één worker: tachtigduizend onbekende velden
//! bovenin `POST /auth/wachtwoord` (anoniem), veertigduizend in `acties[0]` van
//! `POST /bijeenkomsten`, en 25 000 verschillende UUID's in `toestemming.delenMet`
//! van `PATCH /sleutelpersonen/{id}`. Elk krijgt een 400 met hoogstens 50
//! `invalidParams` en het totaal in `aantalInvalidParams`, en `/health/live` blijft
//! intussen antwoorden (struikeldraad: 2 s, in een debugbuild). De snelheid zelf staat
//! in `bench/stilstand.sh` en `docs/metingen.md`.

use std::time::{Duration, Instant};

use serde_json::{Map, Value, json};

use crate::helpers::{id_of, spawn_app};

fn onbekende_velden(n: usize) -> Map<String, Value> {
    (0..n).map(|i| (format!("v{i:05}"), json!(0))).collect()
}

#[tokio::test]
async fn three_huge_bodies_at_once_do_not_stall_the_service() {
    let app = spawn_app().await;
    let coordinator = app.token_for("oss.coordinator").await;
    let gebied = id_of(&app.nieuw_gebied(&coordinator, json!({})).await);
    let persoon = app.nieuwe_sleutelpersoon(&coordinator, json!({})).await;
    let pad = format!("/api/v1/sleutelpersonen/{}", id_of(&persoon));

    let mut wachtwoord = onbekende_velden(80_000);
    wachtwoord.insert("gebruikersnaam".into(), json!("oss.coordinator"));
    let mut actie = onbekende_velden(40_000);
    actie.insert("omschrijving".into(), json!("Actie"));
    let bijeenkomst = json!({"soort": "kerngroep", "datum": "2026-01-10", "gebiedId": gebied,
                             "acties": [actie]});
    let delen: Vec<Value> = (0..25_000).map(|_| json!(uuid::Uuid::new_v4())).collect();
    let toestemming = json!({"toestemming": {"datum": "2026-01-05", "doel": "Netwerk",
                             "bewaartermijnTot": "2030-01-01", "delenMet": delen}});
    let bodies = [
        (
            "POST",
            "/api/v1/auth/wachtwoord".to_owned(),
            None,
            Value::Object(wachtwoord),
        ),
        (
            "POST",
            "/api/v1/bijeenkomsten".to_owned(),
            Some(coordinator.clone()),
            bijeenkomst,
        ),
        ("PATCH", pad, Some(coordinator.clone()), toestemming),
    ];
    for (_, _, _, body) in &bodies {
        let lengte = serde_json::to_vec(body).expect("json").len();
        assert!(lengte <= 1024 * 1024, "{lengte} bytes");
    }

    let verzoeken = bodies.iter().map(|(methode, url, token, body)| {
        let mut r = app
            .client
            .request(methode.parse().expect("methode"), app.url(url))
            .header("If-Match", "\"1\"")
            .json(body);
        if let Some(t) = token {
            r = r.bearer_auth(t);
        }
        async move {
            let response = r.send().await.expect("verzoek");
            let status = response.status().as_u16();
            let problem: Value = response.json().await.expect("problem");
            (url.clone(), status, problem)
        }
    });
    let klaar = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let hartslag = {
        let klaar = klaar.clone();
        let client = reqwest::Client::builder()
            .timeout(Duration::from_secs(2))
            .build()
            .expect("client");
        let url = app.url("/health/live");
        tokio::spawn(async move {
            let mut langste = Duration::ZERO;
            let mut keer = 0;
            while !klaar.load(std::sync::atomic::Ordering::SeqCst) {
                let begin = Instant::now();
                let response = client.get(&url).send().await;
                let duur = begin.elapsed();
                assert!(
                    response.is_ok_and(|r| r.status() == 200),
                    "/health/live antwoordde niet binnen 2 s"
                );
                langste = langste.max(duur);
                keer += 1;
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
            (keer, langste)
        })
    };
    let antwoorden = futures_util::future::join_all(verzoeken).await;
    klaar.store(true, std::sync::atomic::Ordering::SeqCst);
    let (keer, langste) = hartslag.await.expect("hartslag");
    assert!(keer >= 1, "de hartslag liep niet");
    assert!(langste < Duration::from_secs(2), "{langste:?}");

    for ((url, status, problem), verwacht) in antwoorden.iter().zip([80_000usize, 40_000, 1]) {
        assert_eq!(*status, 400, "{url}: {problem}");
        let params = problem["invalidParams"].as_array().expect("invalidParams");
        assert!(
            !params.is_empty() && params.len() <= 50,
            "{url}: {}",
            params.len()
        );
        let totaal = problem["aantalInvalidParams"]
            .as_u64()
            .expect("aantalInvalidParams") as usize;
        assert!(totaal >= verwacht, "{url}: {totaal} < {verwacht}");
        assert!(totaal >= params.len());
    }
    // De lijst met UUID's: één fout, te lang.
    let (_, _, delen) = &antwoorden[2];
    assert_eq!(delen["invalidParams"][0]["name"], "toestemming.delenMet");
    assert_eq!(delen["invalidParams"][0]["code"], "te_lang");
}

/// Elke lijst in een request body heeft een `maxItems`: anders kan een body binnen de
/// groottegrens tienduizenden waarden hebben.
#[tokio::test]
async fn every_array_in_a_request_schema_has_max_items() {
    let app = spawn_app().await;
    let doc: Value = app.get_json("/api/v1/openapi.json").await;
    let schemas = doc["components"]["schemas"]
        .as_object()
        .expect("schemas")
        .clone();
    let mut zonder = Vec::new();
    let mut gezien = std::collections::HashSet::new();
    fn loop_af(
        s: &Value,
        pad: String,
        schemas: &Map<String, Value>,
        gezien: &mut std::collections::HashSet<String>,
        zonder: &mut Vec<String>,
    ) {
        if let Some(r) = s.get("$ref").and_then(Value::as_str) {
            let naam = r.rsplit('/').next().unwrap_or_default().to_owned();
            if !gezien.insert(format!("{naam}@{pad}")) {
                return;
            }
            if let Some(doel) = schemas.get(&naam) {
                loop_af(doel, pad, schemas, gezien, zonder);
            }
            return;
        }
        let is_lijst = s.get("type") == Some(&json!("array"))
            || s["type"]
                .as_array()
                .is_some_and(|t| t.contains(&json!("array")));
        if is_lijst {
            if s.get("maxItems").is_none() {
                zonder.push(pad.clone());
            }
            if let Some(items) = s.get("items") {
                loop_af(items, format!("{pad}[]"), schemas, gezien, zonder);
            }
        }
        if let Some(p) = s.get("properties").and_then(Value::as_object) {
            for (naam, veld) in p {
                loop_af(veld, format!("{pad}.{naam}"), schemas, gezien, zonder);
            }
        }
        for sleutel in ["oneOf", "anyOf", "allOf"] {
            for deel in s[sleutel].as_array().into_iter().flatten() {
                loop_af(deel, pad.clone(), schemas, gezien, zonder);
            }
        }
        if let Some(extra) = s.get("additionalProperties").filter(|e| e.is_object()) {
            loop_af(extra, format!("{pad}.*"), schemas, gezien, zonder);
        }
    }
    let mut bodies = 0;
    for (pad, item) in doc["paths"].as_object().expect("paths") {
        for (methode, op) in item.as_object().expect("item") {
            for (_, inhoud) in op["requestBody"]["content"]
                .as_object()
                .into_iter()
                .flatten()
            {
                bodies += 1;
                loop_af(
                    &inhoud["schema"],
                    format!("{} {pad}", methode.to_uppercase()),
                    &schemas,
                    &mut gezien,
                    &mut zonder,
                );
            }
        }
    }
    assert!(bodies > 40, "{bodies}");
    zonder.sort();
    zonder.dedup();
    assert!(zonder.is_empty(), "lijsten zonder maxItems: {zonder:#?}");
}
