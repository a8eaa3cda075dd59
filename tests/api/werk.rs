//! Werk per verzoek (issue 11; CONVENTIONS, "Work per request"): een lijst haalt haar
//! pagina en wat erbij hoort met een vast aantal statements, nooit één per rij.

use serde_json::{Value, json};

use crate::helpers::{header, id_of, spawn_app};

/// Elke lijst in het document (elke `GET` met `paginaGrootte`) doet voor een pagina van
/// honderd rijen evenveel statements als voor een pagina van één. Debugbuilds noemen
/// het aantal in `X-Aantal-Queries`. Een nieuwe lijst valt hier vanzelf onder; heeft ze
/// een padparameter die deze test niet kent, dan faalt hij tot die erbij staat.
#[tokio::test]
async fn no_list_makes_a_query_per_row() {
    let app = spawn_app().await;
    let coordinator = app.token_for("oss.coordinator").await;
    let beheerder = app.token_for("oss.beheerder").await;
    let regio = app.token_for("regio.beheerder").await;
    // Van alles minstens twee rijen.
    let gebied = app.nieuw_gebied(&coordinator, json!({})).await;
    let gebied = id_of(&gebied);
    for jaar in ["2024-01-01", "2025-01-01"] {
        app.nieuwe_meting(
            &coordinator,
            &gebied,
            json!({"peildatum": jaar, "leefbaarometer": 6}),
        )
        .await;
    }
    for aanpak in ["coachend", "weerbaarheid"] {
        app.nieuw_traject(&coordinator, aanpak, Some(&gebied)).await;
    }
    let netwerk = id_of(&app.nieuw_netwerk(&coordinator, json!({})).await);
    app.nieuw_netwerk(&coordinator, json!({})).await;
    for naam in ["Anna", "Bram"] {
        let persoon = app
            .nieuwe_sleutelpersoon(&coordinator, json!({"voornaam": naam}))
            .await;
        app.nieuw_lid(&coordinator, &netwerk, &id_of(&persoon), json!({}))
            .await;
    }
    for titel in ["Buurtfeest", "Moestuin"] {
        app.post_expect(
            "/api/v1/initiatieven",
            &coordinator,
            &json!({"titel": titel, "thema": "vrije_tijd", "organisatie": "Buurtvereniging"}),
            201,
        )
        .await;
    }
    // Twee budgetten, twee aanvragen met een besluit en een uitbetaling: het grootboek
    // van het eerste budget krijgt vier regels.
    let budgethouder = app.token_for("oss.budgethouder").await;
    let initiatief = app
        .aanmaken(
            "/api/v1/initiatieven",
            &coordinator,
            &json!({"titel": "Boekenkast", "thema": "vrije_tijd", "organisatie": "Bibliotheek"}),
        )
        .await;
    let mut budget = String::new();
    for naam in ["Wijkbudget", "Reserve"] {
        let b = app
            .post_expect(
                "/api/v1/budgetten",
                &budgethouder,
                &json!({"naam": naam, "jaar": 2026, "vorm": "micro", "totaalBedrag": 100000, "maxPerAanvraag": 10000}),
                201,
            )
            .await;
        if budget.is_empty() {
            budget = id_of(&b);
        }
    }
    for _ in 0..2 {
        let a = app
            .aanmaken(
                "/api/v1/aanvragen",
                &coordinator,
                &json!({"budgetId": budget, "initiatiefId": initiatief, "aangevraagdBedrag": 500}),
            )
            .await;
        app.post_expect(
            &format!("/api/v1/aanvragen/{a}/besluit"),
            &budgethouder,
            &json!({"toegekendBedrag": 500, "motivering": "Past"}),
            200,
        )
        .await;
        app.post_expect(
            &format!("/api/v1/aanvragen/{a}/uitbetalingen"),
            &budgethouder,
            &json!({"bedrag": 200, "omschrijving": "Eerste deel"}),
            201,
        )
        .await;
    }
    // Issue 14: twee bijeenkomsten, oefeningen, meldingen met opvolging, partners,
    // veiligheidsafspraken en check-ins.
    let persoon = id_of(
        &app.nieuwe_sleutelpersoon(&coordinator, json!({"voornaam": "Cas"}))
            .await,
    );
    let coordinator_id = app.user_id("oss.coordinator").await;
    let mut melding = String::new();
    for (i, datum) in ["2026-01-10", "2026-02-10"].into_iter().enumerate() {
        app.post_expect(
            "/api/v1/bijeenkomsten",
            &coordinator,
            &json!({"soort": "netwerkbijeenkomst", "datum": datum, "netwerkId": netwerk, "aanwezigen": [persoon]}),
            201,
        )
        .await;
        app.post_expect(
            "/api/v1/oefeningen",
            &coordinator,
            &json!({"titel": "Oefening", "doelen": ["communicatie_tijdens_crisis"], "vorm": "tabletop",
                    "scenario": "stroomuitval", "datum": datum, "netwerkId": netwerk, "deelnemers": [persoon]}),
            201,
        )
        .await;
        let m = app
            .post_expect(
                "/api/v1/meldingen",
                &coordinator,
                &json!({"soort": "intimidatie", "betrokkene": "ambtenaar", "ernst": "laag", "datum": datum,
                        "omschrijving": "Melding", "behandelaarId": coordinator_id}),
                201,
            )
            .await;
        if melding.is_empty() {
            melding = id_of(&m);
        }
        app.post_expect(
            &format!("/api/v1/meldingen/{melding}/opvolging"),
            &coordinator,
            &json!({"tekst": "Opgevolgd"}),
            201,
        )
        .await;
        let org = app
            .post_expect(
                "/api/v1/organisaties",
                &coordinator,
                &json!({"naam": format!("Partner {i}"), "veld": "onderwijs_jeugd", "niveau": "lokaal"}),
                201,
            )
            .await;
        app.post_expect(
            &format!("/api/v1/netwerken/{netwerk}/partners"),
            &coordinator,
            &json!({"organisatieId": id_of(&org)}),
            201,
        )
        .await;
        app.post_expect(
            &format!("/api/v1/netwerken/{netwerk}/veiligheidsafspraken"),
            &coordinator,
            &json!({"afspraak": "Afspraak", "herzienVoor": "2027-01-01"}),
            201,
        )
        .await;
        app.post_expect(
            &format!("/api/v1/sleutelpersonen/{persoon}/checkins"),
            &coordinator,
            &json!({"datum": datum}),
            201,
        )
        .await;
    }
    // Het verwerkingenlogboek krijgt regels van het lezen van de sleutelpersonen.
    app.get_json_as("/api/v1/sleutelpersonen", &beheerder).await;
    for naam in ["Wijkapp", "Meldingen"] {
        app.create_client("oss.beheerder", naam, &["gebieden.lezen"])
            .await;
    }

    let document = app.get_json("/api/v1/openapi.json").await;
    let paden = document["paths"].as_object().expect("paths");
    let mut lijsten = 0;
    for (pad, item) in paden {
        let Some(get) = item.get("get") else { continue };
        let is_lijst = get["parameters"]
            .as_array()
            .is_some_and(|ps| ps.iter().any(|p| p["name"] == "paginaGrootte"));
        if !is_lijst {
            continue;
        }
        // Elke padparameter `{id}` krijgt een id van de resource van het pad.
        let id = if pad.starts_with("/netwerken/") {
            &netwerk
        } else if pad.starts_with("/budgetten/") {
            &budget
        } else if pad.starts_with("/meldingen/") {
            &melding
        } else if pad.starts_with("/sleutelpersonen/") {
            &persoon
        } else {
            &gebied
        };
        let pad = format!("/api/v1{}", pad.replace("{id}", id));
        assert!(!pad.contains('{'), "onbekende padparameter in {pad}");
        let mut gemeten = false;
        for token in [&coordinator, &beheerder, &regio] {
            // Een pagina die een sleutelpersoon noemt, schrijft één regel in het
            // verwerkingenlogboek (twee statements, niet per rij); de werklijst noemt
            // er soms op de grote pagina wel een en op de kleine niet.
            let gelogd = "SELECT count(*) FROM verwerking";
            let voor = app.scalar_i64(gelogd).await;
            let een = app.get_as(&format!("{pad}?paginaGrootte=1"), token).await;
            if een.status() != 200 {
                continue;
            }
            let (een, _) = aantal(een).await;
            let tussen = app.scalar_i64(gelogd).await;
            let (honderd, body) =
                aantal(app.get_as(&format!("{pad}?paginaGrootte=100"), token).await).await;
            let logboek = |regels: i64| if regels > 0 { 2u32 } else { 0 };
            let honderd =
                honderd + logboek(tussen - voor) - logboek(app.scalar_i64(gelogd).await - tussen);
            let rijen = body["resultaten"].as_array().map_or(0, Vec::len);
            if rijen < 2 {
                // Te weinig rijen om te meten (de eigen kop van de audit trail): de
                // volgende aanroeper (de regio) ziet er meer.
                continue;
            }
            assert_eq!(
                een, honderd,
                "{pad}: statements voor 1 en voor {rijen} rijen"
            );
            gemeten = true;
            break;
        }
        assert!(
            gemeten,
            "{pad}: geen aanroeper las de lijst met meer dan één rij"
        );
        lijsten += 1;
    }
    assert!(lijsten >= 7, "{lijsten} lijsten gevonden");
}

async fn aantal(response: reqwest::Response) -> (u32, Value) {
    assert_eq!(response.status(), 200);
    let n = header(response.headers(), "x-aantal-queries")
        .parse()
        .expect("X-Aantal-Queries");
    (n, response.json().await.expect("json"))
}
