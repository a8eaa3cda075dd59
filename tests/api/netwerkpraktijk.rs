//! Issue 14: de sociale kaart met de regionale catalogus, partners van netwerken in
//! de gezondheid, bijeenkomsten, oefeningen, meldingen, veiligheidsafspraken en
//! check-ins.

use serde_json::{Value, json};

use crate::helpers::{assert_problem, assert_velden, id_of, kolom, spawn_app};

fn namen(pagina: &Value) -> Vec<String> {
    pagina["resultaten"]
        .as_array()
        .expect("resultaten")
        .iter()
        .map(|r| r["naam"].as_str().unwrap_or_default().to_owned())
        .collect()
}

/// De catalogus begint met de veertien landelijke partners en VRBN; iedereen leest hem, alleen
/// de regio_beheerder schrijft erin. Een gemeente houdt haar eigen kaart bij, die
/// een andere gemeente niet ziet.
#[tokio::test]
async fn the_regional_catalogue_is_read_by_everyone_and_written_by_the_region_only() {
    let app = spawn_app().await;
    let raadpleger = app.token_for("oss.raadpleger").await;
    let coordinator = app.token_for("oss.coordinator").await;
    let regio = app.token_for("regio.beheerder").await;
    let vught = app.token_for("vught.beheerder").await;
    let catalogus = app
        .get_expect(
            "/api/v1/organisaties?regionaal=true&paginaGrootte=100",
            &raadpleger,
            200,
        )
        .await;
    assert_eq!(catalogus["totaalAantal"], 15, "veertien partners en VRBN");
    let alle = namen(&catalogus);
    for partner in [
        "Rode Kruis",
        "Voedselbank",
        "SARDOG NL",
        "Dierenambulance",
        "Nationale Zorgreserve",
    ] {
        assert!(alle.contains(&partner.to_owned()), "{partner} in {alle:?}");
    }
    assert!(
        catalogus["resultaten"]
            .as_array()
            .expect("r")
            .iter()
            .all(|o| o["gemeente"].is_null() && o["regionaal"] == true)
    );
    // De regio vult de catalogus aan; een gemeente kan dat niet.
    let drone = app
        .post_expect(
            "/api/v1/organisaties",
            &regio,
            &json!({"naam": "Reddingsbrigade Brabant", "veld": "maatschappelijk_middenveld", "niveau": "regionaal",
                    "capaciteiten": ["handjes"], "categorie": "hulporganisaties", "contact": "info@reddingsbrigade.invalid"}),
            201,
        )
        .await;
    assert_eq!(drone["gemeente"], Value::Null);
    assert_eq!(drone["regionaal"], true);
    let rode_kruis = catalogus["resultaten"]
        .as_array()
        .expect("r")
        .iter()
        .find(|o| o["naam"] == "Rode Kruis")
        .cloned()
        .expect("Rode Kruis");
    let pad = format!("/api/v1/organisaties/{}", id_of(&rode_kruis));
    let fout = app
        .patch_expect(&pad, &coordinator, &json!({"aanbod": "Iets anders"}), 403)
        .await;
    assert_eq!(fout["code"], "geen_recht");
    app.patch_expect(
        &pad,
        &regio,
        &json!({"contact": "noodhulp@rodekruis.invalid"}),
        200,
    )
    .await;
    // Eigen kaart: de coördinator van Oss, niet zichtbaar voor Vught; de regio mag er
    // niet in schrijven.
    let buurthuis = app
        .post_expect(
            "/api/v1/organisaties",
            &coordinator,
            &json!({"naam": "Buurthuis De Schakel", "veld": "maatschappelijk_middenveld", "niveau": "lokaal",
                    "categorie": "bewonersinitiatieven", "rollen": ["welzijn"], "capaciteiten": ["handjes", "hulpmiddelen"],
                    "activering": "Via de beheerder van het buurthuis (algemeen nummer)."}),
            201,
        )
        .await;
    assert_eq!(buurthuis["gemeente"], "GM0828");
    let eigen = format!("/api/v1/organisaties/{}", id_of(&buurthuis));
    app.get_expect(&eigen, &vught, 404).await;
    app.patch_expect(&eigen, &regio, &json!({"naam": "X"}), 403)
        .await;
    let dubbel = app
        .post_expect(
            "/api/v1/organisaties",
            &coordinator,
            &json!({"naam": "Buurthuis De Schakel", "veld": "maatschappelijk_middenveld", "niveau": "lokaal"}),
            409,
        )
        .await;
    assert_eq!(dubbel["code"], "dubbele_organisatie");
    app.post_expect(
        "/api/v1/organisaties",
        &raadpleger,
        &json!({"naam": "Nee", "veld": "onderwijs_jeugd", "niveau": "lokaal"}),
        403,
    )
    .await;
    // Filters: elk filter beperkt de lijst.
    for (query, verwacht) in [
        (
            "regionaal=false",
            vec![
                "Afdeling Openbare Orde en Veiligheid (demo)",
                "Buurthuis (demo)",
                "Buurthuis De Schakel",
            ],
        ),
        ("naam=schakel", vec!["Buurthuis De Schakel"]),
        (
            "categorie=bewonersinitiatieven",
            vec!["Buurthuis (demo)", "Buurthuis De Schakel"],
        ),
        (
            "rol=welzijn&niveau=lokaal",
            vec!["Buurthuis (demo)", "Buurthuis De Schakel"],
        ),
        (
            "capaciteit=hulpmiddelen&veld=maatschappelijk_middenveld&niveau=lokaal",
            vec!["Buurthuis (demo)", "Buurthuis De Schakel"],
        ),
        (
            "soort=gemeentelijke_afdeling",
            vec!["Afdeling Openbare Orde en Veiligheid (demo)"],
        ),
        (
            "veld=markt_bedrijfsleven",
            vec![
                "Digitaal Trustcentrum",
                "Infra Capaciteit Alliance",
                "Maritiem Centrum",
            ],
        ),
        ("rol=zorg", vec!["Nationale Zorgreserve", "Rode Kruis"]),
        (
            "niveau=regionaal",
            vec!["Reddingsbrigade Brabant", "Veiligheidsregio Brabant-Noord"],
        ),
    ] {
        let pagina = app
            .get_expect(&format!("/api/v1/organisaties?{query}"), &coordinator, 200)
            .await;
        assert_eq!(namen(&pagina), verwacht, "{query}");
    }
    // Vught ziet de catalogus (16 nu) en haar eigen twee, niet de kaart van Oss.
    let vught_lijst = app
        .get_expect("/api/v1/organisaties?paginaGrootte=100", &vught, 200)
        .await;
    assert!(!namen(&vught_lijst).contains(&"Buurthuis De Schakel".to_owned()));
    assert_eq!(vught_lijst["totaalAantal"], 18);
    // Ongeldige invoer: elk veld genoemd, niets bewaard.
    let voor = app.scalar_i64("SELECT count(*) FROM organisatie").await;
    let fout = app
        .post_expect(
            "/api/v1/organisaties",
            &coordinator,
            &json!({"naam": "", "veld": "sport", "niveau": "wereldwijd", "capaciteiten": ["handjes", "handjes"], "rollen": ["brandweer"]}),
            400,
        )
        .await;
    assert_velden(
        &fout,
        &[
            ("naam", "te_kort"),
            ("veld", "ongeldig"),
            ("niveau", "ongeldig"),
            ("capaciteiten.1", "dubbel"),
            ("rollen.0", "ongeldig"),
        ],
    );
    assert_eq!(
        app.scalar_i64("SELECT count(*) FROM organisatie").await,
        voor
    );
}

/// Partners tellen mee in de gezondheid: de belangen die een wijknetwerkdoel nodig
/// heeft, komen van leden én partnerorganisaties. Een gekoppelde organisatie
/// verwijdert niemand (409).
#[tokio::test]
async fn partner_organisations_fill_the_stakeholder_roles_of_network_health() {
    let app = spawn_app().await;
    let coordinator = app.token_for("oss.coordinator").await;
    let netwerk = id_of(
        &app.nieuw_netwerk(
            &coordinator,
            json!({"vorm": "wijknetwerk", "doelen": ["veilig_wonen"]}),
        )
        .await,
    );
    let gezondheid = format!("/api/v1/netwerken/{netwerk}/gezondheid");
    let ontbrekend = |g: &Value| g["ontbrekendeBelangen"][0]["belangen"].clone();
    let voor = app.get_expect(&gezondheid, &coordinator, 200).await;
    assert_eq!(
        ontbrekend(&voor),
        json!(["bewoners", "gemeente", "woningcorporatie", "politie"])
    );
    let corporatie = app
        .post_expect(
            "/api/v1/organisaties",
            &coordinator,
            &json!({"naam": "Woonstichting Maasland", "veld": "markt_bedrijfsleven", "niveau": "lokaal",
                    "rollen": ["woningcorporatie", "politie"]}),
            201,
        )
        .await;
    let partners = format!("/api/v1/netwerken/{netwerk}/partners");
    let partner = app
        .post_expect(
            &partners,
            &coordinator,
            &json!({"organisatieId": id_of(&corporatie), "toelichting": "Huismeesters signaleren."}),
            201,
        )
        .await;
    assert_eq!(partner["organisatie"]["naam"], "Woonstichting Maasland");
    let na = app.get_expect(&gezondheid, &coordinator, 200).await;
    assert_eq!(ontbrekend(&na), json!(["bewoners", "gemeente"]));
    // De regio ziet hetzelfde signaal.
    let regio = app.token_for("regio.netwerkmanager").await;
    let regionaal = app.get_expect(&gezondheid, &regio, 200).await;
    assert_eq!(ontbrekend(&regionaal), json!(["bewoners", "gemeente"]));
    let lijst = app.get_expect(&partners, &regio, 200).await;
    assert_eq!(lijst["totaalAantal"], 1);
    // Dubbel koppelen is 409; een organisatie van een andere gemeente bestaat niet.
    let dubbel = app
        .post_expect(
            &partners,
            &coordinator,
            &json!({"organisatieId": id_of(&corporatie)}),
            409,
        )
        .await;
    assert_eq!(dubbel["code"], "al_partner");
    let vught = app.token_for("vught.beheerder").await;
    let vreemd = app
        .post_expect(
            "/api/v1/organisaties",
            &vught,
            &json!({"naam": "Vughtse club", "veld": "informele_netwerken", "niveau": "lokaal"}),
            201,
        )
        .await;
    let fout = app
        .post_expect(
            &partners,
            &coordinator,
            &json!({"organisatieId": id_of(&vreemd)}),
            400,
        )
        .await;
    assert_velden(&fout, &[("organisatieId", "ongeldig")]);
    // Toestemming om contactgegevens te delen met een organisatie van de kaart.
    let toestemming = |delen: Value| {
        json!({"toestemming": {"datum": "2026-01-05", "doel": "Netwerk", "bewaartermijnTot": "2030-01-01",
                               "delenMet": delen}})
    };
    let persoon = app
        .nieuwe_sleutelpersoon(
            &coordinator,
            toestemming(json!(["netwerkleden", id_of(&corporatie)])),
        )
        .await;
    assert_eq!(
        persoon["toestemming"]["delenMet"],
        json!(["netwerkleden", id_of(&corporatie)])
    );
    for onbekend in [id_of(&vreemd), uuid::Uuid::now_v7().to_string()] {
        let fout = app
            .post_expect(
                "/api/v1/sleutelpersonen",
                &coordinator,
                &crate::helpers::met(json!({"voornaam": "Test"}), toestemming(json!([onbekend]))),
                400,
            )
            .await;
        assert_velden(&fout, &[("toestemming.delenMet", "ongeldig")]);
    }
    // In gebruik: niet te verwijderen; na ontkoppelen wel.
    let org_pad = format!("/api/v1/organisaties/{}", id_of(&corporatie));
    let response = app.delete_versie(&org_pad, &coordinator, 1).await;
    assert_eq!(
        assert_problem(response, 409).await["code"],
        "organisatie_in_gebruik"
    );
    let response = app
        .delete_versie(&format!("{partners}/{}", id_of(&partner)), &coordinator, 1)
        .await;
    assert_eq!(response.status(), 204);
    assert_eq!(
        ontbrekend(&app.get_expect(&gezondheid, &coordinator, 200).await),
        json!(["bewoners", "gemeente", "woningcorporatie", "politie"])
    );
    // Nog genoemd in een toestemming: ook dan niet; na het intrekken wel.
    let response = app.delete_versie(&org_pad, &coordinator, 1).await;
    assert_eq!(
        assert_problem(response, 409).await["code"],
        "organisatie_in_gebruik"
    );
    app.patch_expect(
        &format!("/api/v1/sleutelpersonen/{}", id_of(&persoon)),
        &coordinator,
        &toestemming(json!(["netwerkleden"])),
        200,
    )
    .await;
    let response = app.delete_versie(&org_pad, &coordinator, 1).await;
    assert_eq!(response.status(), 204);
}

/// Bijeenkomsten: leven, filters, de laatste bijeenkomst in de gezondheid, de
/// agenda-sjablonen, en aanwezigen alleen voor wie hen mag zien.
#[tokio::test]
async fn meetings_feed_network_health_and_show_attendees_only_to_who_may_see_them() {
    let app = spawn_app().await;
    let coordinator = app.token_for("oss.coordinator").await;
    let beheerder = app.token_for("oss.beheerder").await;
    let raadpleger = app.token_for("oss.raadpleger").await;
    let netwerk = id_of(&app.nieuw_netwerk(&coordinator, json!({})).await);
    let gebied = id_of(&app.nieuw_gebied(&coordinator, json!({})).await);
    let gewoon = id_of(&app.nieuwe_sleutelpersoon(&coordinator, json!({})).await);
    let coordinator_id = app.user_id("oss.coordinator").await;
    let risico = id_of(
        &app.nieuwe_sleutelpersoon(
            &coordinator,
            json!({"verhoogdRisico": true, "zichtbaarVoor": [coordinator_id]}),
        )
        .await,
    );
    let gezondheid = format!("/api/v1/netwerken/{netwerk}/gezondheid");
    let g = app.get_expect(&gezondheid, &coordinator, 200).await;
    assert_eq!(g["dagenSindsLaatsteBijeenkomst"], Value::Null);
    assert_eq!(g["geenRecenteBijeenkomst"], true);
    let sjablonen = app
        .get_expect("/api/v1/bijeenkomsten/agenda-sjablonen", &raadpleger, 200)
        .await;
    assert_eq!(sjablonen["totaalAantal"], 2);
    assert_eq!(sjablonen["resultaten"][0]["soort"], "eerste_bijeenkomst");
    assert_eq!(
        sjablonen["resultaten"][1]["agenda"][0]["onderwerp"],
        "Terugkoppeling eerste bijeenkomst"
    );
    let vandaag = weefsel_api::domein::tijd::vandaag();
    let tien_dagen = (vandaag - chrono::Days::new(10)).to_string();
    let eerste = app
        .post_expect(
            "/api/v1/bijeenkomsten",
            &coordinator,
            &json!({"soort": "eerste_bijeenkomst", "datum": tien_dagen, "begintijd": "19:30", "eindtijd": "21:30",
                    "locatiesoort": "buurthuis", "locatie": "Buurthuis De Schakel", "netwerkId": netwerk,
                    "deelnemers": 23, "aanwezigen": [gewoon, risico], "agenda": sjablonen["resultaten"][0]["agenda"],
                    "verslag": "Kort verslag.", "verslagAanAfwezigen": true,
                    "acties": [{"omschrijving": "Noodpakketten bespreken", "eigenaar": "wijkverbinder", "deadline": "2027-01-15"}]}),
            201,
        )
        .await;
    assert_eq!(eerste["begintijd"], "19:30");
    assert_eq!(eerste["aanwezigen"], json!([gewoon, risico]));
    assert_eq!(eerste["acties"][0]["gereed"], false);
    app.post_expect(
        "/api/v1/bijeenkomsten",
        &coordinator,
        &json!({"soort": "themabijeenkomst", "datum": "2025-03-01", "gebiedId": gebied}),
        201,
    )
    .await;
    let g = app.get_expect(&gezondheid, &coordinator, 200).await;
    assert_eq!(g["dagenSindsLaatsteBijeenkomst"], 10);
    assert_eq!(g["geenRecenteBijeenkomst"], false);
    // Wie de persoon met verhoogd risico niet mag zien, ziet hem niet bij de
    // aanwezigen; een raadpleger ziet er geen.
    let pad = format!("/api/v1/bijeenkomsten/{}", id_of(&eerste));
    assert_eq!(
        app.get_expect(&pad, &beheerder, 200).await["aanwezigen"],
        json!([gewoon])
    );
    assert_eq!(
        app.get_expect(&pad, &raadpleger, 200).await["aanwezigen"],
        json!([])
    );
    // Een wijziging door de beheerder laat wie hij niet ziet staan.
    let response = app
        .patch_versie(&pad, &beheerder, 1, &json!({"aanwezigen": [], "acties": [{"omschrijving": "Noodpakketten bespreken", "eigenaar": "wijkverbinder", "gereed": true}]}),
        )
        .await;
    assert_eq!(response.status(), 200);
    assert_eq!(
        app.get_expect(&pad, &coordinator, 200).await["aanwezigen"],
        json!([risico])
    );
    // Filters en periode.
    for (query, aantal) in [
        (format!("netwerkId={netwerk}"), 1),
        (format!("gebiedId={gebied}"), 1),
        ("soort=themabijeenkomst".to_owned(), 1),
        (format!("vanaf={tien_dagen}"), 1),
        ("tot=2025-12-31".to_owned(), 1),
        (
            "vanaf=2025-01-01&tot=2025-12-31&soort=eerste_bijeenkomst".to_owned(),
            0,
        ),
    ] {
        let pagina = app
            .get_expect(&format!("/api/v1/bijeenkomsten?{query}"), &coordinator, 200)
            .await;
        assert_eq!(pagina["totaalAantal"], aantal, "{query}");
    }
    // De regio kiest een gemeente.
    let regio = app.token_for("regio.netwerkmanager").await;
    for (gemeente, aantal) in [("GM0828", 1), ("GM0865", 0)] {
        let pagina = app
            .get_expect(
                &format!("/api/v1/bijeenkomsten?gemeente={gemeente}&netwerkId={netwerk}"),
                &regio,
                200,
            )
            .await;
        assert_eq!(pagina["totaalAantal"], aantal, "{gemeente}");
    }
    let fout = app
        .get_expect(
            "/api/v1/bijeenkomsten?vanaf=2026-02-01&tot=2026-01-01",
            &coordinator,
            400,
        )
        .await;
    assert_velden(&fout, &[("tot", "ongeldig")]);
    // Ongeldig: geen netwerk of gebied, einde vóór begin, een onbekende persoon.
    let voor = app.scalar_i64("SELECT count(*) FROM bijeenkomst").await;
    let fout = app
        .post_expect(
            "/api/v1/bijeenkomsten",
            &coordinator,
            &json!({"soort": "kerngroep", "datum": "2026-01-10", "begintijd": "20:00", "eindtijd": "19:00",
                    "aanwezigen": [uuid::Uuid::now_v7()], "deelnemers": -1}),
            400,
        )
        .await;
    assert_velden(
        &fout,
        &[
            ("netwerkId", "verplicht"),
            ("eindtijd", "ongeldig"),
            ("aanwezigen", "ongeldig"),
            ("deelnemers", "ongeldig"),
        ],
    );
    assert_eq!(
        app.scalar_i64("SELECT count(*) FROM bijeenkomst").await,
        voor
    );
    app.post_expect(
        "/api/v1/bijeenkomsten",
        &raadpleger,
        &json!({"soort": "kerngroep", "datum": "2026-01-10", "netwerkId": netwerk}),
        403,
    )
    .await;
    // Verwijderen met If-Match.
    let response = app.delete_versie(&pad, &coordinator, 2).await;
    assert_eq!(response.status(), 204);
    app.get_expect(&pad, &coordinator, 404).await;
}

/// Oefeningen: elke geldige en ongeldige overgang, de evaluatie die de crisisafspraak
/// van het netwerk bijwerkt, en geen cijfers voor mensen.
#[tokio::test]
async fn exercises_move_forward_only_and_their_evaluation_updates_the_crisis_agreements() {
    let app = spawn_app().await;
    let coordinator = app.token_for("oss.coordinator").await;
    let netwerk = id_of(
        &app.nieuw_netwerk(
            &coordinator,
            json!({"crisisafspraken": [{"scenario": "stroomuitval", "hulp": ["handjes"], "activering": "Wijkverbinder belt de kerngroep."}]}),
        )
        .await,
    );
    let catalogus = app
        .get_expect("/api/v1/organisaties?naam=Rode%20Kruis", &coordinator, 200)
        .await;
    let rode_kruis = id_of(&catalogus["resultaten"][0]);
    let vandaag = weefsel_api::domein::tijd::vandaag();
    let toekomst = (vandaag + chrono::Days::new(30)).to_string();
    let gisteren = (vandaag - chrono::Days::new(1)).to_string();
    let oefening = app
        .post_expect(
            "/api/v1/oefeningen",
            &coordinator,
            &json!({"titel": "Tabletop stroomuitval", "doelen": ["communicatie_tijdens_crisis"], "vorm": "tabletop",
                    "scenario": "stroomuitval", "datum": toekomst, "netwerkId": netwerk, "organisaties": [rode_kruis],
                    "briefing": "Scenario: 48 uur geen stroom."}),
            201,
        )
        .await;
    assert_eq!(oefening["status"], "gepland");
    let pad = format!("/api/v1/oefeningen/{}", id_of(&oefening));
    let patch = |body: Value, versie: i64| {
        let (app, pad, token) = (&app, pad.clone(), coordinator.clone());
        async move { app.patch_versie(&pad, &token, versie, &body).await }
    };
    // Een oefening in de toekomst is nog niet uitgevoerd; geëvalueerd slaat een stap over.
    let fout = assert_problem(patch(json!({"status": "uitgevoerd"}), 1).await, 400).await;
    assert_velden(&fout, &[("status", "ongeldig")]);
    let evaluatie = json!({"goed": "Snelle alarmering.", "verbeterpunten": "Reservebatterijen.", "afsprakenRealistisch": false});
    let fout = assert_problem(
        patch(json!({"status": "geevalueerd", "evaluatie": evaluatie}), 1).await,
        409,
    )
    .await;
    assert_eq!(fout["code"], "status_overgang_ongeldig");
    let fout = assert_problem(patch(json!({"debrief": "Te vroeg."}), 1).await, 400).await;
    assert_velden(&fout, &[("debrief", "ongeldig")]);
    // Cijfers voor mensen bestaan niet.
    let fout = assert_problem(patch(json!({"scores": {"Jan": 6}}), 1).await, 400).await;
    assert_velden(&fout, &[("scores", "onbekend")]);
    let response = patch(
        json!({"datum": gisteren, "status": "uitgevoerd", "debrief": "Iedereen was er."}),
        1,
    )
    .await;
    assert_eq!(response.status(), 200);
    // Evalueren vraagt een evaluatie; een evaluatie zonder overgang is ongeldig.
    let fout = assert_problem(patch(json!({"status": "geevalueerd"}), 2).await, 400).await;
    assert_velden(&fout, &[("evaluatie", "verplicht")]);
    let fout = assert_problem(patch(json!({"evaluatie": evaluatie}), 2).await, 400).await;
    assert_velden(&fout, &[("evaluatie", "ongeldig")]);
    let fout = assert_problem(patch(json!({"status": "gepland"}), 2).await, 409).await;
    assert_eq!(fout["code"], "status_overgang_ongeldig");
    let response = patch(
        json!({"status": "geevalueerd", "evaluatie": evaluatie,
               "crisisafspraak": {"hulp": ["handjes", "hulpmiddelen"], "activering": "Wijkverbinder en buurthuis activeren samen."}}),
        2,
    )
    .await;
    assert_eq!(response.status(), 200);
    let body: Value = response.json().await.expect("json");
    assert_eq!(body["evaluatie"]["verbeterpunten"], "Reservebatterijen.");
    let netwerk_body = app
        .get_expect(&format!("/api/v1/netwerken/{netwerk}"), &coordinator, 200)
        .await;
    assert_eq!(
        netwerk_body["crisisafspraken"],
        json!([{"scenario": "stroomuitval", "hulp": ["handjes", "hulpmiddelen"],
                "activering": "Wijkverbinder en buurthuis activeren samen.", "laatstHerzien": vandaag.to_string()}])
    );
    // Geëvalueerd ligt vast: geen wijziging, geen verwijdering.
    let fout = assert_problem(patch(json!({"titel": "Anders"}), 3).await, 409).await;
    assert_eq!(fout["code"], "oefening_vastgelegd");
    let response = app.delete_versie(&pad, &coordinator, 3).await;
    assert_eq!(
        assert_problem(response, 409).await["code"],
        "oefening_vastgelegd"
    );
    // De catalogusorganisatie doet mee, dus is ze in gebruik.
    let regio = app.token_for("regio.beheerder").await;
    let response = app
        .delete_versie(&format!("/api/v1/organisaties/{rode_kruis}"), &regio, 1)
        .await;
    assert_eq!(
        assert_problem(response, 409).await["code"],
        "organisatie_in_gebruik"
    );
    // Een geplande oefening mag weg; lijsten filteren op status, scenario, netwerk,
    // gebied en periode.
    let gebied = id_of(&app.nieuw_gebied(&coordinator, json!({})).await);
    let gepland = app
        .post_expect(
            "/api/v1/oefeningen",
            &coordinator,
            &json!({"titel": "Spel", "doelen": ["samenwerking_netwerkpartners"], "vorm": "spelvorm",
                    "scenario": "hittegolf", "datum": toekomst, "gebiedId": gebied}),
            201,
        )
        .await;
    for (query, aantal) in [
        ("status=geevalueerd".to_owned(), 2),
        (format!("netwerkId={netwerk}"), 1),
        ("scenario=hittegolf".to_owned(), 1),
        (format!("gebiedId={gebied}"), 1),
        ("status=gepland&scenario=stroomuitval".to_owned(), 0),
        (format!("vanaf={toekomst}"), 1),
        (format!("tot={gisteren}&status=geevalueerd"), 2),
    ] {
        let pagina = app
            .get_expect(&format!("/api/v1/oefeningen?{query}"), &coordinator, 200)
            .await;
        assert_eq!(pagina["totaalAantal"], aantal, "{query}");
    }
    let response = app
        .delete_versie(
            &format!("/api/v1/oefeningen/{}", id_of(&gepland)),
            &coordinator,
            1,
        )
        .await;
    assert_eq!(response.status(), 204);
    // Ongeldig bij aanmaken: elk veld genoemd.
    let fout = app
        .post_expect(
            "/api/v1/oefeningen",
            &coordinator,
            &json!({"titel": "X", "doelen": [], "vorm": "wedstrijd", "scenario": "stroomuitval", "datum": toekomst,
                    "status": "geevalueerd", "organisaties": [uuid::Uuid::now_v7()]}),
            400,
        )
        .await;
    assert_velden(
        &fout,
        &[
            ("doelen", "verplicht"),
            ("vorm", "ongeldig"),
            ("status", "ongeldig"),
            ("organisaties", "ongeldig"),
        ],
    );
}

/// Meldingen lezen alleen de coördinatoren en beheerders van de gemeente en
/// koppelingen met `meldingen.lezen`; over iemand met verhoogd risico alleen de
/// genoemde ambtenaren en de behandelaar. Ieder ander krijgt 404 en nergens de tekst.
#[tokio::test]
async fn reports_are_visible_only_to_the_named_officials_and_nowhere_else() {
    let app = spawn_app().await;
    let coordinator = app.token_for("oss.coordinator").await;
    let beheerder = app.token_for("oss.beheerder").await;
    let coordinator_id = app.user_id("oss.coordinator").await;
    let beheerder_id = app.user_id("oss.beheerder").await;
    let risico = id_of(
        &app.nieuwe_sleutelpersoon(
            &coordinator,
            json!({"verhoogdRisico": true, "zichtbaarVoor": [coordinator_id]}),
        )
        .await,
    );
    const TEKST: &str = "Bedreigd bij de voordeur door twee mannen";
    let gewoon = app
        .post_expect(
            "/api/v1/meldingen",
            &coordinator,
            &json!({"soort": "intimidatie", "betrokkene": "actieve_bewoner", "ernst": "middel",
                    "omschrijving": "Scheldpartij na de bewonersavond", "behandelaarId": coordinator_id}),
            201,
        )
        .await;
    assert_eq!(gewoon["status"], "open");
    let gevoelig = app
        .post_expect(
            "/api/v1/meldingen",
            &coordinator,
            &json!({"soort": "bedreiging", "betrokkene": "sleutelpersoon", "ernst": "hoog", "omschrijving": TEKST,
                    "sleutelpersoonId": risico, "behandelaarId": beheerder_id, "politie": true,
                    "maatregelen": "Camerabel geplaatst."}),
            201,
        )
        .await;
    // Wie niet genoemd is, legt er geen melding over vast: voor hem bestaat de persoon
    // hier niet (404, issue 29).
    app.post_expect(
        "/api/v1/meldingen",
        &beheerder,
        &json!({"soort": "bedreiging", "betrokkene": "sleutelpersoon", "ernst": "hoog", "omschrijving": "x",
                "sleutelpersoonId": risico, "behandelaarId": coordinator_id}),
        404,
    )
    .await;
    let gewoon_pad = format!("/api/v1/meldingen/{}", id_of(&gewoon));
    let gevoelig_pad = format!("/api/v1/meldingen/{}", id_of(&gevoelig));
    let (id, secret) = app
        .create_client("oss.beheerder", "Meldsysteem", &["meldingen.lezen"])
        .await;
    let koppeling = app.client_token(&id, &secret).await;
    let (id, secret) = app
        .create_client(
            "oss.beheerder",
            "Netwerksysteem",
            &["netwerken.lezen", "sleutelpersonen.lezen"],
        )
        .await;
    let andere_koppeling = app.client_token(&id, &secret).await;
    // De coördinator (genoemd) en de beheerder (behandelaar) zien beide meldingen;
    // de koppeling alleen de gewone.
    for (token, gewoon_zichtbaar, gevoelig_zichtbaar) in [
        (&coordinator, true, true),
        (&beheerder, true, true),
        (&koppeling, true, false),
    ] {
        let status = |z: bool| if z { 200 } else { 404 };
        app.get_expect(&gewoon_pad, token, status(gewoon_zichtbaar))
            .await;
        let body = app
            .get_expect(&gevoelig_pad, token, status(gevoelig_zichtbaar))
            .await;
        if gevoelig_zichtbaar {
            assert_eq!(body["omschrijving"], TEKST);
        } else {
            assert!(!body.to_string().contains(TEKST));
        }
        let lijst = app.get_expect("/api/v1/meldingen", token, 200).await;
        assert_eq!(
            lijst["totaalAantal"],
            1 + i64::from(gevoelig_zichtbaar),
            "lijst"
        );
    }
    // Ieder ander: 404 op een melding, 403 op de lijst, en de tekst nergens.
    let anderen = [
        app.token_for("oss.raadpleger").await,
        app.token_for("oss.budgethouder").await,
        app.token_for("regio.netwerkmanager").await,
        app.token_for("regio.beheerder").await,
        app.token_for("vught.beheerder").await,
        andere_koppeling,
    ];
    for token in &anderen {
        for pad in [&gewoon_pad, &gevoelig_pad] {
            let body = app.get_expect(pad, token, 404).await;
            assert!(!body.to_string().contains(TEKST));
            app.get_expect(&format!("{pad}/opvolging"), token, 404)
                .await;
            let response = app
                .patch_versie(pad, token, 1, &json!({"ernst": "laag"}))
                .await;
            assert_eq!(response.status(), 404);
        }
        // De lijst: 403, of (een andere gemeente) haar eigen, lege lijst.
        let response = app
            .client
            .get(app.url("/api/v1/meldingen"))
            .bearer_auth(token)
            .send()
            .await
            .expect("verzoek");
        match response.status().as_u16() {
            403 => {}
            200 => {
                let body: Value = response.json().await.expect("json");
                assert_eq!(body["totaalAantal"], 0);
            }
            status => panic!("lijst: {status}"),
        }
    }
    // De audit trail noemt de vrije tekst alleen bij naam.
    let audit = app
        .get_expect(
            "/api/v1/audit-trail?resource=melding&paginaGrootte=100",
            &beheerder,
            200,
        )
        .await;
    assert_eq!(audit["totaalAantal"], 2);
    let tekst = audit.to_string();
    assert!(
        !tekst.contains(TEKST) && !tekst.contains("Camerabel"),
        "{tekst}"
    );
    // Opvolging, afsluiten met een notitie, en daarna ligt alles vast.
    let opvolging = format!("{gevoelig_pad}/opvolging");
    app.post_expect(
        &opvolging,
        &beheerder,
        &json!({"tekst": "Gesprek met wijkagent gevoerd."}),
        201,
    )
    .await;
    let log = app.get_expect(&opvolging, &coordinator, 200).await;
    assert_eq!(
        log["resultaten"][0]["tekst"],
        "Gesprek met wijkagent gevoerd."
    );
    let patch = |body: Value, versie: i64| {
        let (app, pad, token) = (&app, gevoelig_pad.clone(), beheerder.clone());
        async move { app.patch_versie(&pad, &token, versie, &body).await }
    };
    let fout = assert_problem(patch(json!({"status": "afgesloten"}), 1).await, 400).await;
    assert_velden(&fout, &[("afsluitnotitie", "verplicht")]);
    let fout = assert_problem(patch(json!({"afsluitnotitie": "Klaar."}), 1).await, 400).await;
    assert_velden(&fout, &[("afsluitnotitie", "ongeldig")]);
    assert_eq!(
        patch(json!({"status": "in_behandeling"}), 1).await.status(),
        200
    );
    let fout = assert_problem(patch(json!({"status": "open"}), 2).await, 409).await;
    assert_eq!(fout["code"], "status_overgang_ongeldig");
    let response = patch(json!({"status": "afgesloten", "afsluitnotitie": "Dreiging voorbij; dader bekend bij politie."}), 2).await;
    assert_eq!(response.status(), 200);
    let body: Value = response.json().await.expect("json");
    assert_eq!(body["status"], "afgesloten");
    assert!(body["afgeslotenOp"].is_string());
    let fout = assert_problem(patch(json!({"ernst": "laag"}), 3).await, 409).await;
    assert_eq!(fout["code"], "melding_afgesloten");
    let fout = app
        .post_expect(&opvolging, &beheerder, &json!({"tekst": "Nog iets."}), 409)
        .await;
    assert_eq!(fout["code"], "melding_afgesloten");
    // Ongeldig: een behandelaar zonder passende rol, een persoon bij een andere
    // betrokkene, een datum in de toekomst; niets bewaard.
    let voor = app.scalar_i64("SELECT count(*) FROM melding").await;
    let fout = app
        .post_expect(
            "/api/v1/meldingen",
            &coordinator,
            &json!({"soort": "geweld", "betrokkene": "ambtenaar", "ernst": "extreem", "omschrijving": "x",
                    "sleutelpersoonId": risico, "behandelaarId": app.user_id("oss.budgethouder").await,
                    "datum": "2099-01-01"}),
            400,
        )
        .await;
    assert_velden(
        &fout,
        &[
            ("ernst", "ongeldig"),
            ("sleutelpersoonId", "ongeldig"),
            ("behandelaarId", "ongeldig"),
            ("datum", "ongeldig"),
        ],
    );
    assert_eq!(app.scalar_i64("SELECT count(*) FROM melding").await, voor);
    // Een melding met netwerk en gebied, meteen afgesloten (open → afgesloten).
    let netwerk = id_of(&app.nieuw_netwerk(&coordinator, json!({})).await);
    let gebied = id_of(&app.nieuw_gebied(&coordinator, json!({})).await);
    let derde = app
        .post_expect(
            "/api/v1/meldingen",
            &coordinator,
            &json!({"soort": "vernieling", "betrokkene": "actieve_bewoner", "ernst": "laag", "datum": "2025-06-01",
                    "omschrijving": "Fiets vernield", "behandelaarId": beheerder_id, "netwerkId": netwerk,
                    "gebiedId": gebied}),
            201,
        )
        .await;
    let response = app
        .patch_versie(
            &format!("/api/v1/meldingen/{}", id_of(&derde)),
            &coordinator,
            1,
            &json!({"status": "afgesloten", "afsluitnotitie": "Eenmalig; geen verdere actie."}),
        )
        .await;
    assert_eq!(response.status(), 200);
    // Filters, elk apart en samen.
    for (query, aantal) in [
        ("status=afgesloten".to_owned(), 2),
        ("status=open".to_owned(), 1),
        ("ernst=middel".to_owned(), 1),
        ("soort=bedreiging&status=open".to_owned(), 0),
        (format!("netwerkId={netwerk}"), 1),
        (format!("gebiedId={gebied}"), 1),
        (format!("behandelaarId={beheerder_id}"), 2),
        ("vanaf=2025-05-01&tot=2025-06-30".to_owned(), 1),
        ("tot=2025-05-31".to_owned(), 0),
    ] {
        let pagina = app
            .get_expect(&format!("/api/v1/meldingen?{query}"), &coordinator, 200)
            .await;
        assert_eq!(pagina["totaalAantal"], aantal, "{query}");
    }
}

/// Veiligheidsafspraken met een verlopen herzieningsdatum en leden met verhoogd
/// risico zonder recente check-in zijn signalen in de gezondheid; check-ins ziet
/// alleen wie de persoon mag zien.
#[tokio::test]
async fn overdue_safety_agreements_and_check_ins_are_health_signals() {
    let app = spawn_app().await;
    let coordinator = app.token_for("oss.coordinator").await;
    let beheerder = app.token_for("oss.beheerder").await;
    let coordinator_id = app.user_id("oss.coordinator").await;
    let netwerk = id_of(&app.nieuw_netwerk(&coordinator, json!({})).await);
    let toestemming =
        json!({"datum": "2026-01-05", "doel": "Netwerk", "bewaartermijnTot": "2030-01-01"});
    let risico = id_of(
        &app.nieuwe_sleutelpersoon(
            &coordinator,
            json!({"verhoogdRisico": true, "zichtbaarVoor": [coordinator_id], "status": "actief",
                   "toestemming": toestemming, "typen": ["doener"]}),
        )
        .await,
    );
    app.nieuw_lid(&coordinator, &netwerk, &risico, json!({}))
        .await;
    let afspraken = format!("/api/v1/netwerken/{netwerk}/veiligheidsafspraken");
    let afspraak = app
        .post_expect(
            &afspraken,
            &coordinator,
            &json!({"afspraak": "Meldingen gaan binnen een dag naar de wijkagent.", "laatstHerzien": "2025-01-10", "herzienVoor": "2026-01-10"}),
            201,
        )
        .await;
    assert_eq!(afspraak["teHerzien"], true);
    let gezondheid = format!("/api/v1/netwerken/{netwerk}/gezondheid");
    let g = app.get_expect(&gezondheid, &coordinator, 200).await;
    assert_eq!(g["veiligheidsafsprakenTeHerzien"], 1);
    assert_eq!(
        g["checkinsAchterstallig"],
        json!({"aantal": 1, "onderdrukt": false})
    );
    // De regio ziet het aantal onder 5 niet.
    let regio = app.token_for("regio.netwerkmanager").await;
    let g = app.get_expect(&gezondheid, &regio, 200).await;
    assert_eq!(
        g["checkinsAchterstallig"],
        json!({"aantal": null, "onderdrukt": true})
    );
    // Een check-in van de genoemde coördinator; voor de beheerder (niet genoemd) bestaat
    // de persoon hier niet (404).
    let checkins = format!("/api/v1/sleutelpersonen/{risico}/checkins");
    app.post_expect(
        &checkins,
        &beheerder,
        &json!({"notitie": "Gaat goed."}),
        404,
    )
    .await;
    app.post_expect(
        &checkins,
        &coordinator,
        &json!({"notitie": "Gaat goed, camera helpt."}),
        201,
    )
    .await;
    let lijst = app.get_expect(&checkins, &coordinator, 200).await;
    assert_eq!(
        lijst["resultaten"][0]["notitie"],
        "Gaat goed, camera helpt."
    );
    app.get_expect(&checkins, &beheerder, 404).await;
    app.get_expect(&checkins, &app.token_for("oss.raadpleger").await, 403)
        .await;
    // Herzien: nieuwe datum, signaal weg; de check-in telt.
    let pad = format!("{afspraken}/{}", id_of(&afspraak));
    let vandaag = weefsel_api::domein::tijd::vandaag();
    let response = app
        .patch_versie(&pad, &coordinator, 1, &json!({"laatstHerzien": vandaag.to_string(), "herzienVoor": (vandaag + chrono::Days::new(180)).to_string()}))
        .await;
    assert_eq!(response.status(), 200);
    let g = app.get_expect(&gezondheid, &coordinator, 200).await;
    assert_eq!(g["veiligheidsafsprakenTeHerzien"], 0);
    assert_eq!(g["checkinsAchterstallig"]["aantal"], 0);
    // Ongeldig: herzien in de toekomst, geen afspraak.
    let fout = app
        .post_expect(
            &afspraken,
            &coordinator,
            &json!({"laatstHerzien": "2099-01-01", "herzienVoor": "2099-02-01"}),
            400,
        )
        .await;
    assert_velden(
        &fout,
        &[("afspraak", "verplicht"), ("laatstHerzien", "ongeldig")],
    );
    // Anonimiseren neemt de check-ins mee.
    app.post_expect(
        &format!("/api/v1/sleutelpersonen/{risico}/anonimisering"),
        &coordinator,
        &json!({}),
        200,
    )
    .await;
    assert_eq!(
        app.scalar_i64(&format!(
            "SELECT count(*) FROM sleutelpersoon_checkin WHERE sleutelpersoon_id = '{risico}'"
        ))
        .await,
        0
    );
    let response = app.delete_versie(&pad, &coordinator, 2).await;
    assert_eq!(response.status(), 204);
}

/// Issue 37 punt 5: de catalogus zegt waar haar gegevens vandaan komen. Van de veertien
/// partners gaf de handreiking alleen de naam: geen niveau, capaciteiten, aanbod of
/// activering, wel `bron` en `voorlopig`. Bevestigen zonder niveau of capaciteit wordt
/// geweigerd (en verandert niets); met beide gaat `voorlopig` weg. VRBN staat erin.
#[tokio::test]
async fn the_catalogue_says_where_its_facts_come_from_and_the_region_confirms_them() {
    let app = spawn_app().await;
    let regio = app.token_for("regio.beheerder").await;
    let coordinator = app.token_for("oss.coordinator").await;
    let catalogus = app
        .get_json_as(
            "/api/v1/organisaties?regionaal=true&paginaGrootte=100",
            &coordinator,
        )
        .await;
    let rijen = catalogus["resultaten"].as_array().expect("resultaten");
    let partners: Vec<&Value> = rijen
        .iter()
        .filter(|o| o["naam"] != "Veiligheidsregio Brabant-Noord")
        .collect();
    assert_eq!(partners.len(), 14);
    for p in &partners {
        assert_eq!(p["voorlopig"], true, "{p}");
        assert_eq!(
            p["bron"],
            "Handreiking Inventariseren en activeren netwerken (VRU), §5.1"
        );
        assert_eq!(
            (
                &p["niveau"],
                &p["capaciteiten"],
                &p["aanbod"],
                &p["activering"]
            ),
            (&Value::Null, &json!([]), &Value::Null, &Value::Null),
            "{p}"
        );
    }
    let vrbn = rijen
        .iter()
        .find(|o| o["naam"] == "Veiligheidsregio Brabant-Noord")
        .expect("VRBN in de catalogus");
    assert_eq!(vrbn["niveau"], "regionaal");
    assert!(
        vrbn["bron"]
            .as_str()
            .is_some_and(|b| b.contains("Ondersteuning"))
    );

    let rode_kruis = partners
        .iter()
        .find(|o| o["naam"] == "Rode Kruis")
        .expect("Rode Kruis");
    let pad = format!("/api/v1/organisaties/{}", id_of(rode_kruis));
    let voor = crate::helpers::query_text(
        &app.db,
        &format!(
            "SELECT concat_ws('|', voorlopig, version) FROM organisatie WHERE id = '{}'",
            id_of(rode_kruis)
        ),
    )
    .await;
    let fout = app
        .patch_expect(&pad, &regio, &json!({"voorlopig": false}), 400)
        .await;
    let mut velden = kolom(&fout["invalidParams"], "name");
    velden.sort_unstable();
    assert_eq!(velden, ["capaciteiten", "niveau"], "{fout}");
    let fout = app
        .patch_expect(
            &pad,
            &regio,
            &json!({"voorlopig": false, "niveau": "landelijk"}),
            400,
        )
        .await;
    assert_eq!(kolom(&fout["invalidParams"], "name"), ["capaciteiten"]);
    assert_eq!(
        crate::helpers::query_text(
            &app.db,
            &format!(
                "SELECT concat_ws('|', voorlopig, version) FROM organisatie WHERE id = '{}'",
                id_of(rode_kruis)
            ),
        )
        .await,
        voor
    );
    let bevestigd = app
        .patch_expect(
            &pad,
            &regio,
            &json!({"voorlopig": false, "niveau": "landelijk", "capaciteiten": ["handjes", "hoofdjes"]}),
            200,
        )
        .await;
    assert_eq!(bevestigd["voorlopig"], false);
    assert_eq!(bevestigd["niveau"], "landelijk");

    // Een organisatie van een gemeente is nooit voorlopig.
    let eigen = app
        .post_expect(
            "/api/v1/organisaties",
            &coordinator,
            &json!({"naam": "Buurthuis Voorlopig", "veld": "maatschappelijk_middenveld", "niveau": "lokaal"}),
            201,
        )
        .await;
    assert_eq!(eigen["voorlopig"], false);
    let fout = app
        .patch_expect(
            &format!("/api/v1/organisaties/{}", id_of(&eigen)),
            &coordinator,
            &json!({"voorlopig": true}),
            400,
        )
        .await;
    assert_eq!(kolom(&fout["invalidParams"], "name"), ["voorlopig"]);
}
