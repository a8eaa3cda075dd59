//! Het verwerkingenlogboek blijft begrensd (issue 30, punt 5): één regel per verzoek
//! met de set van personen, meldingen lezen is ook een verwerking, het request-id is
//! van de dienst, een eigen bewaartermijn die alleen de opschoonfunctie uitvoert, en
//! een limiet per aanroeper op het lezen van persoonsgegevens.

use serde_json::json;

use crate::helpers::{exec, header, id_of, spawn_app, spawn_app_with, test_config, weigert};

#[tokio::test]
async fn een_pagina_is_een_regel_en_meldingen_lezen_wordt_gelogd() {
    let app = spawn_app().await;
    app.zonder_demo_sleutelpersonen().await;
    let coordinator = app.token_for("oss.coordinator").await;
    let mut personen = Vec::new();
    for i in 0..25 {
        let p = app
            .nieuwe_sleutelpersoon(&coordinator, json!({"voornaam": format!("Persoon {i}")}))
            .await;
        personen.push(id_of(&p));
    }
    let voor = app.scalar_i64("SELECT count(*) FROM verwerking").await;
    let response = app
        .client
        .get(app.url("/api/v1/sleutelpersonen?paginaGrootte=20"))
        .bearer_auth(&coordinator)
        .header("X-Request-Id", "mijn-correlatie-7")
        .send()
        .await
        .expect("lijst");
    assert_eq!(response.status(), 200);
    let request_id = header(response.headers(), "x-request-id");
    assert_ne!(
        request_id, "mijn-correlatie-7",
        "het request-id is van de dienst"
    );
    assert!(uuid::Uuid::try_parse(&request_id).is_ok(), "{request_id}");
    assert_eq!(
        app.scalar_i64("SELECT count(*) FROM verwerking").await,
        voor + 1
    );
    assert_eq!(
        app.scalar_i64(&format!(
            "SELECT cardinality(sleutelpersoon_ids)::bigint FROM verwerking WHERE request_id = '{request_id}' \
             AND correlatie_id = 'mijn-correlatie-7' AND actie = 'lezen'"
        ))
        .await,
        20
    );
    // Het X-Request-Id van de client is nooit het request-id.
    assert_eq!(
        app.scalar_i64("SELECT count(*) FROM verwerking WHERE request_id = 'mijn-correlatie-7'")
            .await,
        0
    );

    // Een melding over een persoon lezen: een regel met die persoon.
    let beheerder_id = app.user_id("oss.coordinator").await;
    let melding = app
        .post_expect(
            "/api/v1/meldingen",
            &coordinator,
            &json!({"soort": "bedreiging", "betrokkene": "sleutelpersoon", "sleutelpersoonId": personen[3],
                    "ernst": "laag", "omschrijving": "Melding", "behandelaarId": beheerder_id}),
            201,
        )
        .await;
    let regels = |p: &str| {
        format!(
            "SELECT count(*) FROM verwerking WHERE verwerkingsactiviteit = 'meldingbehandeling' \
             AND '{p}' = ANY (sleutelpersoon_ids)"
        )
    };
    let na_aanmaken = app.scalar_i64(&regels(&personen[3])).await;
    app.get_expect(
        &format!("/api/v1/meldingen/{}", id_of(&melding)),
        &coordinator,
        200,
    )
    .await;
    assert_eq!(app.scalar_i64(&regels(&personen[3])).await, na_aanmaken + 1);
    app.get_expect("/api/v1/meldingen", &coordinator, 200).await;
    assert_eq!(app.scalar_i64(&regels(&personen[3])).await, na_aanmaken + 2);
    app.get_expect(
        &format!("/api/v1/meldingen/{}/opvolging", id_of(&melding)),
        &coordinator,
        200,
    )
    .await;
    assert_eq!(app.scalar_i64(&regels(&personen[3])).await, na_aanmaken + 3);
}

/// Alleen de opschoonfunctie verwijdert, en alleen wat ouder is dan de bewaartermijn;
/// de app-rol zelf kan niets verwijderen.
#[tokio::test]
async fn alleen_de_bewaartermijn_verwijdert_regels() {
    let app = spawn_app().await;
    let persoon = app
        .scalar_i64("SELECT count(*) FROM sleutelpersoon")
        .await
        .min(1);
    assert_eq!(persoon, 1);
    let gemeente = crate::helpers::query_text(
        &app.db,
        "SELECT id::text FROM gemeente WHERE code = 'GM0828'",
    )
    .await;
    let iemand = crate::helpers::query_text(
        &app.db,
        &format!("SELECT id::text FROM sleutelpersoon WHERE gemeente_id = '{gemeente}' LIMIT 1"),
    )
    .await;
    for (jaren, id) in [
        (6, "01a00000-0000-7000-8000-000000000006"),
        (4, "01a00000-0000-7000-8000-000000000004"),
    ] {
        exec(
            &app.db,
            &format!(
                "INSERT INTO verwerking (id, gemeente_id, tijdstip, actor_soort, sleutelpersoon_ids, actie, \
                 verwerkingsactiviteit) VALUES ('{id}', '{gemeente}', now() - interval '{jaren} years', \
                 'systeem', ARRAY['{iemand}']::uuid[], 'lezen', 'netwerkbeheer')"
            ),
        )
        .await;
    }
    // De app-rol: geen DELETE, ook niet met de vlag van de opschoonfunctie.
    let dienst = weefsel_api::db::connect(&app.database.url, &test_config())
        .await
        .expect("pool als weefsel_app");
    weigert(&dienst, "DELETE FROM verwerking", "permission denied").await;
    weigert(
        &dienst,
        "SELECT set_config('weefsel.verwerking_opschonen', 'ja', false); DELETE FROM verwerking",
        "permission denied",
    )
    .await;
    weigert(
        &dienst,
        "SELECT weefsel_verwerking_opschonen(5)",
        "alleen in de context retentie",
    )
    .await;
    weigert(
        &dienst,
        "SELECT set_config('weefsel.context', 'retentie', true), weefsel_verwerking_opschonen(0)",
        "minstens een jaar",
    )
    .await;
    // De retentie van de dienst (standaard 5 jaar): de regel van 6 jaar weg, die van 4 blijft.
    let u = weefsel_api::ops::retentie::uitvoeren(&dienst, test_config().verwerking_bewaarjaren)
        .await
        .expect("retentie");
    assert_eq!(u.verwerkingen, 1);
    let over = |id: &str| format!("SELECT count(*) FROM verwerking WHERE id = '{id}'");
    assert_eq!(
        app.scalar_i64(&over("01a00000-0000-7000-8000-000000000006"))
            .await,
        0
    );
    assert_eq!(
        app.scalar_i64(&over("01a00000-0000-7000-8000-000000000004"))
            .await,
        1
    );
    // Ook de eigenaar verwijdert niets buiten de functie om.
    weigert(&app.db, "DELETE FROM verwerking", "alleen-toevoegen").await;
}

/// Het 121ste verzoek om persoonsgegevens in een minuut: 429 met Retry-After.
#[tokio::test]
async fn wie_veel_persoonsgegevens_leest_wordt_begrensd() {
    let app = spawn_app_with(|c| c.grenzen.persoonsgegevens_per_minuut = 120).await;
    let coordinator = app.token_for("oss.coordinator").await;
    let persoon = id_of(&app.nieuwe_sleutelpersoon(&coordinator, json!({})).await);
    let pad = format!("/api/v1/sleutelpersonen/{persoon}");
    // Het aanmaken toonde al persoonsgegevens: dat was de eerste.
    for i in 2..=120 {
        let r = app.get_as(&pad, &coordinator).await;
        assert_eq!(r.status(), 200, "verzoek {i}");
    }
    let voor = app.scalar_i64("SELECT count(*) FROM verwerking").await;
    let r = app.get_as(&pad, &coordinator).await;
    assert_eq!(r.status(), 429);
    let wacht = header(r.headers(), "retry-after");
    assert!(
        wacht.parse::<u64>().is_ok_and(|s| (1..=60).contains(&s)),
        "{wacht}"
    );
    let probleem = crate::helpers::assert_problem(r, 429).await;
    assert!(
        probleem["detail"]
            .as_str()
            .unwrap_or_default()
            .contains("persoonsgegevens"),
        "{probleem}"
    );
    assert_eq!(
        app.scalar_i64("SELECT count(*) FROM verwerking").await,
        voor,
        "geen regel bij 429"
    );
    // Een ander account merkt er niets van; zonder persoonsgegevens telt het niet.
    let raadpleger = app.token_for("oss.raadpleger").await;
    assert_eq!(app.get_as(&pad, &raadpleger).await.status(), 200);
    let beheerder = app.token_for("oss.beheerder").await;
    assert_eq!(app.get_as(&pad, &beheerder).await.status(), 200);
}
