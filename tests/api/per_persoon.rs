//! Zichtbaarheid is een eigenschap van de persoon, niet van het endpoint (issue 29, T1
//! punt 5): elke schrijfactie over een sleutelpersoon met verhoogd risico is voor de
//! genoemde ambtenaren; anonimiseren verbreedt niets; `zichtbaarVoor` raakt nooit leeg.

use serde_json::{Value, json};

use crate::helpers::{TestApp, id_of, spawn_app};

/// Een tweede coördinator van Oss, niet genoemd bij wie dan ook; zijn token.
async fn tweede_coordinator(app: &TestApp) -> String {
    let beheerder = app.token_for("oss.beheerder").await;
    app.nieuwe_gebruiker(&beheerder, "oss.tweede", json!(["coordinator"]))
        .await
}

fn toestemming(bewaar_tot: &str) -> Value {
    json!({"datum": "2026-01-05", "doel": "Netwerk", "bewaartermijnTot": bewaar_tot})
}

/// Wat er in de database over persoon `p` staat, om te zien dat een weigering niets
/// veranderde.
async fn stand(app: &TestApp, p: &str) -> String {
    crate::helpers::query_text(
        &app.db,
        &format!(
            "SELECT s.version || '|' || s.status || '|' || coalesce(s.geanonimiseerd_op::text, '-') \
             || '|' || (SELECT count(*) FROM netwerk_lid WHERE sleutelpersoon_id = s.id) \
             || '|' || (SELECT count(*) FROM sleutelpersoon_checkin WHERE sleutelpersoon_id = s.id) \
             || '|' || (SELECT count(*) FROM melding WHERE sleutelpersoon_id = s.id) \
             || '|' || (SELECT count(*) FROM melding_opvolging) \
             || '|' || (SELECT count(*) FROM bijeenkomst WHERE s.id = ANY (aanwezigen)) \
             || '|' || (SELECT count(*) FROM oefening WHERE s.id = ANY (deelnemers)) \
             FROM sleutelpersoon s WHERE s.id = '{p}'"
        ),
    )
    .await
}

#[tokio::test]
async fn every_write_about_a_high_risk_person_is_for_the_named_officials_only() {
    let app = spawn_app().await;
    let coordinator = app.token_for("oss.coordinator").await;
    let coordinator_id = app.user_id("oss.coordinator").await;
    let tweede = tweede_coordinator(&app).await;
    let netwerk = id_of(&app.nieuw_netwerk(&coordinator, json!({})).await);
    let ander_netwerk = id_of(&app.nieuw_netwerk(&coordinator, json!({})).await);
    let p = id_of(
        &app.nieuwe_sleutelpersoon(
            &coordinator,
            json!({"verhoogdRisico": true, "zichtbaarVoor": [coordinator_id], "status": "actief",
                   "toestemming": toestemming("2030-01-01"), "typen": ["doener"]}),
        )
        .await,
    );
    let lid = id_of(&app.nieuw_lid(&coordinator, &netwerk, &p, json!({})).await);
    let melding = app.aanmaken("/api/v1/meldingen", &coordinator, &json!({"soort": "bedreiging", "betrokkene": "sleutelpersoon", "ernst": "hoog",
                    "omschrijving": "Bedreigd", "sleutelpersoonId": p, "behandelaarId": coordinator_id})).await;
    let gebied = id_of(&app.nieuw_gebied(&coordinator, json!({})).await);
    let voor = stand(&app, &p).await;

    let pad = format!("/api/v1/sleutelpersonen/{p}");
    let verzoeken: Vec<(reqwest::Method, String, Value)> = vec![
        (
            reqwest::Method::PATCH,
            pad.clone(),
            json!({"status": "gepauzeerd"}),
        ),
        // Een bewaartermijn in het verleden zou de persoon bij de volgende retentie wissen.
        (
            reqwest::Method::PATCH,
            pad.clone(),
            json!({"toestemming": toestemming("2020-01-01")}),
        ),
        (
            reqwest::Method::PATCH,
            pad.clone(),
            json!({"laatsteContact": "2026-01-01"}),
        ),
        (
            reqwest::Method::POST,
            format!("{pad}/anonimisering"),
            json!({}),
        ),
        (
            reqwest::Method::POST,
            format!("{pad}/checkins"),
            json!({"notitie": "Gaat goed"}),
        ),
        (reqwest::Method::GET, format!("{pad}/checkins"), Value::Null),
        (
            reqwest::Method::POST,
            format!("/api/v1/netwerken/{ander_netwerk}/leden"),
            json!({"sleutelpersoonId": p}),
        ),
        (
            reqwest::Method::PATCH,
            format!("/api/v1/netwerken/{netwerk}/leden/{lid}"),
            json!({"rol": "kerngroeplid"}),
        ),
        (
            reqwest::Method::DELETE,
            format!("/api/v1/netwerken/{netwerk}/leden/{lid}"),
            Value::Null,
        ),
        (
            reqwest::Method::POST,
            "/api/v1/meldingen".to_owned(),
            json!({"soort": "bedreiging", "betrokkene": "sleutelpersoon", "ernst": "laag", "omschrijving": "x",
                   "sleutelpersoonId": p, "behandelaarId": coordinator_id}),
        ),
        (
            reqwest::Method::PATCH,
            format!("/api/v1/meldingen/{melding}"),
            json!({"ernst": "acuut"}),
        ),
        (
            reqwest::Method::POST,
            format!("/api/v1/meldingen/{melding}/opvolging"),
            json!({"tekst": "Gebeld"}),
        ),
        (
            reqwest::Method::POST,
            "/api/v1/bijeenkomsten".to_owned(),
            json!({"soort": "kerngroep", "datum": "2026-01-10", "gebiedId": gebied, "aanwezigen": [p]}),
        ),
        (
            reqwest::Method::POST,
            "/api/v1/oefeningen".to_owned(),
            json!({"titel": "Stroom", "doelen": ["communicatie_tijdens_crisis"], "vorm": "tabletop",
                   "scenario": "stroomuitval", "datum": "2027-01-01", "deelnemers": [p]}),
        ),
    ];
    for (methode, url, body) in &verzoeken {
        let mut r = app
            .client
            .request(methode.clone(), app.url(url))
            .bearer_auth(&tweede)
            .header("If-Match", "\"1\"");
        if !body.is_null() {
            r = r.json(body);
        }
        let response = r.send().await.expect("verzoek");
        let status = response.status().as_u16();
        let tekst = response.text().await.unwrap_or_default();
        assert_eq!(status, 404, "{methode} {url}: {tekst}");
        assert!(!tekst.contains("Bedreigd"), "{methode} {url}: {tekst}");
    }
    assert_eq!(stand(&app, &p).await, voor);

    // De genoemde ambtenaar doet het wel.
    app.patch_expect(
        &pad,
        &coordinator,
        &json!({"laatsteContact": "2026-01-01"}),
        200,
    )
    .await;
    app.post_expect(
        &format!("{pad}/checkins"),
        &coordinator,
        &json!({"notitie": "Gaat goed"}),
        201,
    )
    .await;
}

#[tokio::test]
async fn anonymisation_never_widens_who_may_read() {
    let app = spawn_app().await;
    let coordinator = app.token_for("oss.coordinator").await;
    let coordinator_id = app.user_id("oss.coordinator").await;
    let tweede = tweede_coordinator(&app).await;
    let p = id_of(
        &app.nieuwe_sleutelpersoon(
            &coordinator,
            json!({"verhoogdRisico": true, "zichtbaarVoor": [coordinator_id]}),
        )
        .await,
    );
    let melding = app.aanmaken("/api/v1/meldingen", &coordinator, &json!({"soort": "bedreiging", "betrokkene": "sleutelpersoon", "ernst": "hoog",
                    "omschrijving": "Bedreigd bij de voordeur", "sleutelpersoonId": p, "behandelaarId": coordinator_id})).await;
    let pad = format!("/api/v1/meldingen/{melding}");
    app.get_expect(&pad, &tweede, 404).await;
    app.post_expect(
        &format!("/api/v1/sleutelpersonen/{p}/anonimisering"),
        &coordinator,
        &json!({}),
        200,
    )
    .await;
    // Na het wissen ziet de tweede coördinator de melding nog steeds niet, ook niet in de
    // lijst of de telling van het dashboard.
    app.get_expect(&pad, &tweede, 404).await;
    let lijst = app
        .get_json_as("/api/v1/meldingen?paginaGrootte=100", &tweede)
        .await;
    assert!(!lijst.to_string().contains(&melding), "{lijst}");
    assert!(!lijst.to_string().contains("voordeur"));
    app.get_expect(&pad, &coordinator, 200).await;
    assert_eq!(
        crate::helpers::query_text(
            &app.db,
            &format!("SELECT verhoogd_risico::text FROM sleutelpersoon WHERE id = '{p}'")
        )
        .await,
        "true"
    );
}

#[tokio::test]
async fn registering_a_high_risk_person_visible_only_to_others_is_a_clear_400() {
    let app = spawn_app().await;
    let coordinator = app.token_for("oss.coordinator").await;
    let beheerder_id = app.user_id("oss.beheerder").await;
    let raadpleger_id = app.user_id("oss.raadpleger").await;
    let aantal = app.scalar_i64("SELECT count(*) FROM sleutelpersoon").await;
    let fout = app
        .post_expect(
            "/api/v1/sleutelpersonen",
            &coordinator,
            &json!({"voornaam": "Alleen", "verhoogdRisico": true, "zichtbaarVoor": [beheerder_id]}),
            400,
        )
        .await;
    assert_eq!(
        crate::helpers::invalid_params(&fout),
        [("zichtbaarVoor".to_owned(), "ongeldig".to_owned())]
    );
    // Alleen actieve gebruikers die persoonsgegevens zien.
    let coordinator_id = app.user_id("oss.coordinator").await;
    let fout = app
        .post_expect(
            "/api/v1/sleutelpersonen",
            &coordinator,
            &json!({"voornaam": "Raad", "verhoogdRisico": true, "zichtbaarVoor": [coordinator_id, raadpleger_id]}),
            400,
        )
        .await;
    assert_eq!(
        crate::helpers::invalid_params(&fout),
        [("zichtbaarVoor".to_owned(), "ongeldig".to_owned())]
    );
    // Een koppeling legt geen persoon met verhoogd risico vast.
    let (id, secret) = app
        .create_client(
            "oss.beheerder",
            "Registratie",
            &["sleutelpersonen.schrijven"],
        )
        .await;
    let koppeling = app.client_token(&id, &secret).await;
    let fout = app
        .post_expect(
            "/api/v1/sleutelpersonen",
            &koppeling,
            &json!({"voornaam": "Via", "verhoogdRisico": true, "zichtbaarVoor": [coordinator_id]}),
            400,
        )
        .await;
    assert_eq!(
        crate::helpers::invalid_params(&fout),
        [("verhoogdRisico".to_owned(), "niet_toegestaan".to_owned())]
    );
    assert_eq!(
        app.scalar_i64("SELECT count(*) FROM sleutelpersoon").await,
        aantal
    );
}

#[tokio::test]
async fn the_last_named_official_is_not_deactivated_or_demoted() {
    let app = spawn_app().await;
    let coordinator = app.token_for("oss.coordinator").await;
    let beheerder = app.token_for("oss.beheerder").await;
    let coordinator_id = app.user_id("oss.coordinator").await;
    let p = id_of(
        &app.nieuwe_sleutelpersoon(
            &coordinator,
            json!({"verhoogdRisico": true, "zichtbaarVoor": [coordinator_id]}),
        )
        .await,
    );
    let pad = format!("/api/v1/gebruikers/{coordinator_id}");
    for wijziging in [
        json!({"actief": false}),
        json!({"rollen": ["raadpleger"]}),
        json!({"rollen": ["budgethouder"]}),
    ] {
        let fout = app.patch_expect(&pad, &beheerder, &wijziging, 409).await;
        assert_eq!(fout["code"], "laatste_benoemde", "{wijziging}");
    }
    let actief = crate::helpers::query_text(
        &app.db,
        &format!("SELECT actief::text || array_to_string(rollen, ',') FROM gebruiker WHERE id = '{coordinator_id}'"),
    )
    .await;
    assert_eq!(actief, "truecoordinator");
    // Een rol erbij mag; de laatste genoemde blijft hij.
    app.patch_expect(
        &pad,
        &beheerder,
        &json!({"rollen": ["coordinator", "raadpleger"]}),
        200,
    )
    .await;
    // Met een tweede genoemde ambtenaar gaat het wel.
    let beheerder_id = app.user_id("oss.beheerder").await;
    app.patch_expect(
        &format!("/api/v1/sleutelpersonen/{p}"),
        &coordinator,
        &json!({"zichtbaarVoor": [coordinator_id, beheerder_id]}),
        200,
    )
    .await;
    app.patch_expect(&pad, &beheerder, &json!({"actief": false}), 200)
        .await;
    // En nu is de beheerder de laatste.
    let beheerder_pad = format!("/api/v1/gebruikers/{beheerder_id}");
    let regio_of_ander = app.token_for("oss.beheerder").await;
    let fout = app
        .patch_expect(
            &beheerder_pad,
            &regio_of_ander,
            &json!({"rollen": ["raadpleger"]}),
            409,
        )
        .await;
    assert!(["laatste_benoemde", "eigen_account"].contains(&fout["code"].as_str().unwrap_or("")));
}
