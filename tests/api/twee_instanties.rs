//! Twee instanties zijn één dienst (issue 16, deel 3): twee `weefsel serve`-processen
//! op één database, met dezelfde ondertekeningssleutel, zoals achter een load
//! balancer. Elke regel die over verzoeken heen geldt, staat in PostgreSQL en niet in
//! het geheugen van een proces; deze test toont het voor de lock-out, de
//! `Idempotency-Key`, de budgetgarantie, de verzoeklimiet, de audit trail en het
//! verwerkingenlogboek, met verzoeken die om en om (en tegelijk) naar beide gaan.

use std::process::Stdio;

use base64::Engine;
use reqwest::{Client, Method};
use ring::rand::SystemRandom;
use ring::signature::Ed25519KeyPair;
use serde_json::{Value, json};

use crate::cli::serve;
use crate::helpers::demo_token;
use crate::helpers::{TestDatabase, WRONG_PASSWORD, connect, query_text};

/// Een PEM-bestand (PKCS#8) met een nieuwe Ed25519-sleutel, zoals in productie
/// (`WEEFSEL_SIGNING_KEY_FILE`); weg als de test eindigt.
struct Sleutelbestand(std::path::PathBuf);

impl Sleutelbestand {
    fn nieuw() -> Self {
        let pkcs8 = Ed25519KeyPair::generate_pkcs8(&SystemRandom::new()).expect("sleutel");
        let b64 = base64::engine::general_purpose::STANDARD.encode(pkcs8.as_ref());
        let regels: Vec<&str> = b64
            .as_bytes()
            .chunks(64)
            .map(|c| std::str::from_utf8(c).expect("base64"))
            .collect();
        let pem = format!(
            "-----BEGIN PRIVATE KEY-----\n{}\n-----END PRIVATE KEY-----\n",
            regels.join("\n")
        );
        let pad = std::env::temp_dir().join(format!(
            "weefsel-sleutel-{}.pem",
            uuid::Uuid::new_v4().simple()
        ));
        std::fs::write(&pad, pem).expect("sleutel schrijven");
        Sleutelbestand(pad)
    }
}

impl Drop for Sleutelbestand {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// Een verzoek met token en JSON-body; status, body en request-id.
async fn stuur(
    client: &Client,
    methode: Method,
    url: String,
    token: &str,
    body: Option<&Value>,
    idempotency_key: Option<&str>,
) -> (u16, Value, String) {
    let mut verzoek = client.request(methode, url).bearer_auth(token);
    if let Some(body) = body {
        verzoek = verzoek.json(body);
    }
    if let Some(sleutel) = idempotency_key {
        verzoek = verzoek.header("Idempotency-Key", sleutel);
    }
    let antwoord = verzoek.send().await.expect("verzoek");
    let status = antwoord.status().as_u16();
    let request_id = antwoord
        .headers()
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let body = antwoord.json::<Value>().await.unwrap_or(Value::Null);
    (status, body, request_id)
}

async fn inloggen(client: &Client, basis: &str, gebruiker: &str, wachtwoord: &str) -> u16 {
    client
        .post(format!("{basis}/api/v1/auth/token"))
        .form(&[
            ("grant_type", "password"),
            ("username", gebruiker),
            ("password", wachtwoord),
        ])
        .send()
        .await
        .expect("token")
        .status()
        .as_u16()
}

/// De lengte van de auditketen van Oss.
const KETEN_OSS: &str = "SELECT count(*) FROM audit_trail WHERE keten = 'GM0828'";

fn id(v: &Value) -> String {
    v["id"].as_str().expect("id").to_owned()
}

#[tokio::test]
async fn two_processes_on_one_database_behave_as_one_service() {
    let database = TestDatabase::migrated().await;
    let sleutel = Sleutelbestand::nieuw();
    let sleutelpad = sleutel.0.to_string_lossy().into_owned();
    let env = [
        ("WEEFSEL_SIGNING_KEY_FILE", sleutelpad.as_str()),
        ("WEEFSEL_LIMIET_SCHRIJVEN", "30"),
        ("WEEFSEL_RETENTIE_INTERVAL", "0"),
    ];
    let ((_a, a), (_b, b)) = tokio::join!(
        serve(&database.url, &env, Stdio::null()),
        serve(&database.url, &env, Stdio::null())
    );
    let instanties = [a.as_str(), b.as_str()];
    let db = connect(&database.url, 2).await;
    let client = Client::new();
    let url = |i: usize, pad: &str| format!("{}/api/v1{pad}", instanties[i % 2]);
    let getal = |sql: String| {
        let db = db.clone();
        async move {
            let tekst = query_text(&db, &format!("SELECT ({sql})::text")).await;
            tekst.parse::<i64>().expect("getal")
        }
    };

    let voor = getal(KETEN_OSS.to_owned()).await;

    // Een token van de ene instantie geldt bij de andere.
    let coordinator = demo_token(&client, &a, "oss.coordinator").await;
    let budgethouder = demo_token(&client, &b, "oss.budgethouder").await;
    let beheerder = demo_token(&client, &a, "oss.beheerder").await;
    let (status, _, _) = stuur(
        &client,
        Method::GET,
        url(1, "/gebieden"),
        &coordinator,
        None,
        None,
    )
    .await;
    assert_eq!(status, 200);

    // Lock-out: vijf mislukte pogingen, om en om verdeeld, sluiten het account op beide.
    for i in 0..5 {
        assert_eq!(
            inloggen(&client, instanties[i % 2], "oss.raadpleger", WRONG_PASSWORD).await,
            400
        );
    }
    for basis in instanties {
        let goed = crate::helpers::DEMO_PASSWORD;
        assert_eq!(
            inloggen(&client, basis, "oss.raadpleger", goed).await,
            429,
            "{basis}"
        );
    }

    // Idempotency-Key: de herhaling bij de andere instantie geeft het eerste antwoord.
    let budget = |totaal: i64| {
        json!({"naam": format!("Budget {}", uuid::Uuid::now_v7()), "jaar": 2026, "vorm": "micro",
               "totaalBedrag": totaal, "maxPerAanvraag": 10000})
    };
    let (_, klein, _) = stuur(
        &client,
        Method::POST,
        url(0, "/budgetten"),
        &budgethouder,
        Some(&budget(5_000)),
        None,
    )
    .await;
    let klein = id(&klein);
    let initiatief =
        json!({"titel": "Buurtkast", "thema": "vrije_tijd", "organisatie": "Buurtvereniging"});
    let (status, initiatief, _) = stuur(
        &client,
        Method::POST,
        url(1, "/initiatieven"),
        &coordinator,
        Some(&initiatief),
        None,
    )
    .await;
    assert_eq!(status, 201, "{initiatief}");
    let initiatief = id(&initiatief);
    let aanvraag =
        json!({"budgetId": klein, "initiatiefId": initiatief, "aangevraagdBedrag": 1000});
    let (s1, eerste, _) = stuur(
        &client,
        Method::POST,
        url(0, "/aanvragen"),
        &coordinator,
        Some(&aanvraag),
        Some("twee-1"),
    )
    .await;
    let (s2, tweede, _) = stuur(
        &client,
        Method::POST,
        url(1, "/aanvragen"),
        &coordinator,
        Some(&aanvraag),
        Some("twee-1"),
    )
    .await;
    assert_eq!((s1, s2), (201, 201), "{eerste} {tweede}");
    assert_eq!(eerste, tweede);
    // Tegelijk bij beide: één aanvraag; de ander krijgt hetzelfde antwoord of hoort
    // dat het eerste verzoek nog bezig is.
    let ((s3, derde, _), (s4, vierde, _)) = tokio::join!(
        stuur(
            &client,
            Method::POST,
            url(0, "/aanvragen"),
            &coordinator,
            Some(&aanvraag),
            Some("twee-2")
        ),
        stuur(
            &client,
            Method::POST,
            url(1, "/aanvragen"),
            &coordinator,
            Some(&aanvraag),
            Some("twee-2")
        )
    );
    match (s3, s4) {
        (201, 201) => assert_eq!(derde, vierde),
        (201, 409) => assert_eq!(vierde["code"], "idempotency_key_bezig", "{vierde}"),
        (409, 201) => assert_eq!(derde["code"], "idempotency_key_bezig", "{derde}"),
        anders => panic!("onverwacht: {anders:?} {derde} {vierde}"),
    }
    assert_eq!(
        getal(format!(
            "SELECT count(*) FROM aanvraag WHERE budget_id = '{klein}'"
        ))
        .await,
        2,
        "één aanvraag per sleutel"
    );

    // De budgetgarantie: twintig besluiten tegelijk, verdeeld over beide instanties, op
    // een budget waar er nog vier (van 1000) in passen.
    let mut aanvragen = vec![id(&eerste)];
    for i in 0..19 {
        let (status, nieuw, _) = stuur(
            &client,
            Method::POST,
            url(i, "/aanvragen"),
            &coordinator,
            Some(&aanvraag),
            None,
        )
        .await;
        assert_eq!(status, 201, "{nieuw}");
        aanvragen.push(id(&nieuw));
    }
    let mut besluiten = tokio::task::JoinSet::new();
    for (i, aanvraag) in aanvragen.iter().enumerate() {
        let (client, pad, token) = (
            client.clone(),
            url(i, &format!("/aanvragen/{aanvraag}/besluit")),
            budgethouder.clone(),
        );
        besluiten.spawn(async move {
            let besluit = json!({"toegekendBedrag": 1000, "motivering": "Past in de regeling"});
            stuur(&client, Method::POST, pad, &token, Some(&besluit), None).await
        });
    }
    let mut toegekend = 0;
    while let Some(uitkomst) = besluiten.join_next().await {
        let (status, body, _) = uitkomst.expect("taak");
        match status {
            200 => toegekend += 1,
            409 => assert_eq!(body["code"], "budget_ontoereikend", "{body}"),
            s => panic!("onverwachte status {s}: {body}"),
        }
    }
    assert_eq!(toegekend, 5);
    assert_eq!(
        getal(format!(
            "SELECT gereserveerd FROM budget WHERE id = '{klein}'"
        ))
        .await,
        5_000
    );

    // De verzoeklimiet (30 schrijvende verzoeken per minuut) telt beide instanties samen:
    // 30 keer 201, daarna 429 bij beide.
    for i in 0..32 {
        let gebied = json!({"naam": format!("Gebied {}", uuid::Uuid::now_v7()), "soort": "wijk"});
        let (status, body, _) = stuur(
            &client,
            Method::POST,
            url(i, "/gebieden"),
            &beheerder,
            Some(&gebied),
            None,
        )
        .await;
        assert_eq!(status, if i < 30 { 201 } else { 429 }, "{i}: {body}");
    }

    // Het verwerkingenlogboek: elke lezing van persoonsgegevens een regel, bij welke
    // instantie ook.
    let persoon = json!({"voornaam": "Tweemaal"});
    let (status, persoon, aangemaakt) = stuur(
        &client,
        Method::POST,
        url(0, "/sleutelpersonen"),
        &coordinator,
        Some(&persoon),
        None,
    )
    .await;
    assert_eq!(status, 201, "{persoon}");
    let persoon = id(&persoon);
    let mut request_ids = vec![aangemaakt];
    for i in [1, 0] {
        let (status, _, request_id) = stuur(
            &client,
            Method::GET,
            url(i, &format!("/sleutelpersonen/{persoon}")),
            &coordinator,
            None,
            None,
        )
        .await;
        assert_eq!(status, 200);
        request_ids.push(request_id);
    }
    request_ids.sort();
    let gelogd = query_text(
        &db,
        &format!(
            "SELECT string_agg(request_id, ',' ORDER BY request_id) FROM verwerking \
             WHERE '{persoon}' = ANY (sleutelpersoon_ids) AND actie = 'lezen'"
        ),
    )
    .await;
    assert_eq!(gelogd, request_ids.join(","));

    // De audit trail: één onverbroken keten per gemeente, hoe de schrijvers ook over de
    // instanties verdeeld waren.
    let rapport = weefsel_api::audit::verify(&db, &crate::helpers::audit_sleutels(), &[])
        .await
        .expect("verify");
    assert_eq!(rapport.fouten, Vec::<String>::new());
    let na = getal(KETEN_OSS.to_owned()).await;
    // Minstens: 30 gebieden, 20 aanvragen, 5 besluiten, een budget, een initiatief en
    // een sleutelpersoon.
    assert!(na - voor >= 30 + 20 + 5 + 3, "{voor} → {na}");
    db.close().await.expect("sluiten");
}
