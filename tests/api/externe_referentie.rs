//! Externe referenties (issue 38, punt 3): een CRM legt het id van zijn eigen record vast
//! bij gebieden, netwerken, organisaties, initiatieven, aanvragen en bijeenkomsten, en
//! vindt het terug met `?externeReferentie=`.

use serde_json::{Value, json};

use crate::helpers::{TestApp, assert_problem, id_of, query_text, spawn_app};

/// Per soort: de collectie, de tabel en een geldige body zonder referentie.
async fn soorten(app: &TestApp, coordinator: &str) -> Vec<(&'static str, &'static str, Value)> {
    let budgethouder = app.token_for("oss.budgethouder").await;
    let netwerk = id_of(&app.nieuw_netwerk(coordinator, json!({})).await);
    let initiatief = app
        .post_expect(
            "/api/v1/initiatieven",
            coordinator,
            &json!({"titel": "Buurtkast", "thema": "vrije_tijd", "organisatie": "Buurtvereniging"}),
            201,
        )
        .await;
    let budget = app
        .post_expect(
            "/api/v1/budgetten",
            &budgethouder,
            &json!({"naam": "Wijkbudget", "jaar": 2026, "vorm": "micro", "totaalBedrag": 100000,
                    "maxPerAanvraag": 10000, "beslistermijnDagen": 7}),
            201,
        )
        .await;
    vec![
        (
            "/api/v1/gebieden",
            "gebied",
            json!({"naam": "Referentiewijk", "soort": "wijk"}),
        ),
        (
            "/api/v1/netwerken",
            "netwerk",
            json!({"naam": "Referentienetwerk", "vorm": "sleutelpersonennetwerk", "gemeenteRol": ["facilitator"]}),
        ),
        (
            "/api/v1/organisaties",
            "organisatie",
            json!({"naam": "Referentiehuis", "veld": "informele_netwerken", "niveau": "lokaal"}),
        ),
        (
            "/api/v1/initiatieven",
            "initiatief",
            json!({"titel": "Referentietuin", "thema": "vrije_tijd", "organisatie": "Buurtvereniging"}),
        ),
        (
            "/api/v1/aanvragen",
            "aanvraag",
            json!({"budgetId": budget["id"], "initiatiefId": initiatief["id"], "aangevraagdBedrag": 1000}),
        ),
        (
            "/api/v1/bijeenkomsten",
            "bijeenkomst",
            json!({"soort": "eerste_bijeenkomst", "datum": "2026-05-01", "netwerkId": netwerk}),
        ),
    ]
}

#[tokio::test]
async fn an_external_reference_is_stored_found_and_unique_per_municipality() {
    let app = spawn_app().await;
    let coordinator = app.token_for("oss.coordinator").await;
    for (pad, tabel, body) in soorten(&app, &coordinator).await {
        let referentie = format!("crm:{tabel}/4711");
        let mut met = body.clone();
        met["externeReferentie"] = json!(referentie);
        let gemaakt = app.post_expect(pad, &coordinator, &met, 201).await;
        assert_eq!(gemaakt["externeReferentie"], json!(referentie), "{pad}");

        // Te vinden met het filter: precies deze.
        let lijst = app
            .get_expect(
                &format!("{pad}?externeReferentie={referentie}"),
                &coordinator,
                200,
            )
            .await;
        assert_eq!(lijst["totaalAantal"], 1, "{pad}: {lijst}");
        assert_eq!(lijst["resultaten"][0]["id"], gemaakt["id"], "{pad}");

        // Een tweede met dezelfde referentie: 409 met de code, niets bewaard.
        let telling = format!("SELECT count(*)::text FROM {tabel}");
        let voor = query_text(&app.db, &telling).await;
        let mut tweede = met.clone();
        if let Some(naam) = tweede.get_mut("naam") {
            *naam = json!(format!("{} 2", naam.as_str().unwrap_or_default()));
        }
        if let Some(titel) = tweede.get_mut("titel") {
            *titel = json!("Tweede");
        }
        let fout = app.post_expect(pad, &coordinator, &tweede, 409).await;
        assert_eq!(fout["code"], "externe_referentie_bestaat", "{pad}: {fout}");
        assert_eq!(query_text(&app.db, &telling).await, voor, "{pad}");

        // Een vorm die een naam of e-mailadres kan zijn: 400 met het veld, niets bewaard.
        for fout in ["Jan Jansen", "jan@example.org", "", &"x".repeat(101)] {
            let mut body = body.clone();
            body["externeReferentie"] = json!(fout);
            let problem = app.post_expect(pad, &coordinator, &body, 400).await;
            assert_eq!(
                problem["invalidParams"][0]["name"], "externeReferentie",
                "{pad} {fout}"
            );
        }
        assert_eq!(query_text(&app.db, &telling).await, voor, "{pad}");
        let problem = assert_problem(
            app.get_as(
                &format!("{pad}?externeReferentie=jan%40example.org"),
                &coordinator,
            )
            .await,
            400,
        )
        .await;
        assert_eq!(
            problem["invalidParams"][0]["name"], "externeReferentie",
            "{pad}"
        );
    }

    // Uniek per gemeente: Vught mag dezelfde referentie gebruiken.
    let vught = app.token_for("vught.coordinator").await;
    app.post_expect(
        "/api/v1/gebieden",
        &vught,
        &json!({"naam": "Vughtse wijk", "soort": "wijk", "externeReferentie": "crm:gebied/4711"}),
        201,
    )
    .await;
}

#[tokio::test]
async fn an_external_reference_is_changed_audited_and_not_on_the_catalogue() {
    let app = spawn_app().await;
    let coordinator = app.token_for("oss.coordinator").await;
    let gebied = id_of(&app.nieuw_gebied(&coordinator, json!({})).await);
    let pad = format!("/api/v1/gebieden/{gebied}");
    for (waarde, verwacht) in [
        (json!("crm:wijk/1"), json!("crm:wijk/1")),
        (Value::Null, Value::Null),
    ] {
        let response = app
            .patch_huidig(&pad, &coordinator, &json!({"externeReferentie": waarde}))
            .await;
        assert_eq!(response.status(), 200);
        let body: Value = response.json().await.expect("json");
        assert_eq!(body["externeReferentie"], verwacht);
    }
    // De audit trail noemt de waarde (een id, geen persoonsgegeven).
    let beheerder = app.token_for("oss.beheerder").await;
    let trail = app
        .get_expect(
            &format!("/api/v1/audit-trail?resource=gebied&resourceId={gebied}"),
            &beheerder,
            200,
        )
        .await;
    assert!(trail.to_string().contains("crm:wijk/1"), "{trail}");

    // De regionale catalogus heeft geen externe referentie: 400, niets bewaard, en haar
    // rijen tonen het veld niet.
    let regio = app.token_for("regio.beheerder").await;
    let voor = query_text(&app.db, "SELECT count(*)::text FROM organisatie").await;
    let problem = app
        .post_expect(
            "/api/v1/organisaties",
            &regio,
            &json!({"naam": "Reddingsbrigade Brabant", "veld": "maatschappelijk_middenveld",
                    "niveau": "regionaal", "externeReferentie": "crm:org/1"}),
            400,
        )
        .await;
    assert_eq!(problem["invalidParams"][0]["name"], "externeReferentie");
    assert_eq!(problem["invalidParams"][0]["code"], "niet_toegestaan");
    assert_eq!(
        query_text(&app.db, "SELECT count(*)::text FROM organisatie").await,
        voor
    );
    let catalogus = app
        .get_expect(
            "/api/v1/organisaties?regionaal=true&paginaGrootte=100",
            &coordinator,
            200,
        )
        .await;
    for rij in catalogus["resultaten"].as_array().expect("resultaten") {
        assert!(rij.get("externeReferentie").is_none(), "{rij}");
    }
}
