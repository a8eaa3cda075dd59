//! Netwerken, lidmaatschappen en de gezondheid van een netwerk (issue 12).

use serde_json::{Value, json};

use crate::helpers::{assert_velden, exec, id_of, kolom, spawn_app, weigert};

/// Een nieuw netwerk met fouten in elk veld: 400 met elk veld genoemd, niets bewaard;
/// een faseovergang en een nieuwe rol komen in de geschiedenis.
#[tokio::test]
async fn a_network_is_validated_whole_and_keeps_its_history() {
    let app = spawn_app().await;
    app.zonder_demo_sleutelpersonen().await;
    let coordinator = app.token_for("oss.coordinator").await;
    let vught_gebied = crate::helpers::query_text(
        &app.db,
        "SELECT g.id::text FROM gebied g JOIN gemeente m ON m.id = g.gemeente_id WHERE m.code = 'GM0865' LIMIT 1",
    )
    .await;
    let fout = app
        .post_expect(
            "/api/v1/netwerken",
            &coordinator,
            &json!({
                "naam": "", "vorm": "club", "gemeenteRol": [], "doelen": ["gezelligheid"],
                "gebiedIds": [vught_gebied], "contactambtenaren": [app.user_id("vught.coordinator").await],
                "crisisafspraken": [
                    {"scenario": "hittegolf", "hulp": ["handjes"], "activering": "Via de voorzitter"},
                    {"scenario": "hittegolf", "hulp": [], "activering": "x", "laatstHerzien": "2999-01-01"}
                ]
            }),
            400,
        )
        .await;
    assert_velden(
        &fout,
        &[
            ("contactambtenaren", "ongeldig"),
            ("crisisafspraken.1.hulp", "verplicht"),
            ("crisisafspraken.1.laatstHerzien", "ongeldig"),
            ("doelen.0", "ongeldig"),
            ("gebiedIds", "ongeldig"),
            ("gemeenteRol", "verplicht"),
            ("naam", "te_kort"),
            ("vorm", "ongeldig"),
        ],
    );
    // Twee afspraken voor één scenario, een herziening in de toekomst.
    let fout = app
        .post_expect(
            "/api/v1/netwerken",
            &coordinator,
            &json!({"naam": "Dubbel", "vorm": "ad_hoc", "gemeenteRol": ["participant"],
                    "crisisafspraken": [
                        {"scenario": "hittegolf", "hulp": ["handjes"], "activering": "Via de voorzitter"},
                        {"scenario": "hittegolf", "hulp": ["hoofdjes"], "activering": "Via de app", "laatstHerzien": "2099-01-01"}
                    ]}),
            400,
        )
        .await;
    assert_velden(
        &fout,
        &[
            ("crisisafspraken.1.laatstHerzien", "ongeldig"),
            ("crisisafspraken.1.scenario", "dubbel"),
        ],
    );
    assert_eq!(app.scalar_i64("SELECT count(*) FROM netwerk").await, 0);

    let netwerk = app
        .nieuw_netwerk(
            &coordinator,
            json!({"naam": "Buurtnetwerk Ruwaard", "vorm": "wijknetwerk", "doelen": ["veilig_wonen"],
                   "contactambtenaren": [app.user_id("oss.coordinator").await, app.user_id("oss.beheerder").await],
                   "afspraken": {"frequentie": "zes keer per jaar", "signalen": "Naar de wijkagent"},
                   "crisisafspraken": [{"scenario": "stroomuitval", "hulp": ["handjes", "hulpmiddelen"],
                                         "activering": "De gemeente belt de voorzitter", "laatstHerzien": "2026-01-15"}]}),
        )
        .await;
    assert_eq!(netwerk["fase"], "voorbereiding");
    assert_eq!(
        kolom(&netwerk["faseHistorie"], "fase"),
        vec!["voorbereiding"]
    );
    let pad = format!("/api/v1/netwerken/{}", id_of(&netwerk));
    let gewijzigd = app
        .patch_expect(
            &pad,
            &coordinator,
            &json!({"fase": "opbouw", "gemeenteRol": ["regisseur", "facilitator"]}),
            200,
        )
        .await;
    assert_eq!(
        kolom(&gewijzigd["faseHistorie"], "fase"),
        vec!["voorbereiding", "opbouw"]
    );
    assert_eq!(
        gewijzigd["gemeenteRolHistorie"][1]["gemeenteRol"],
        json!(["regisseur", "facilitator"])
    );
    assert_eq!(
        gewijzigd["crisisafspraken"][0]["hulp"],
        json!(["handjes", "hulpmiddelen"])
    );
    // Dezelfde naam: 409; een traject voor het netwerk houdt het in leven.
    let dubbel = app
        .post_expect("/api/v1/netwerken", &coordinator, &json!({"naam": "Buurtnetwerk Ruwaard", "vorm": "ad_hoc", "gemeenteRol": ["participant"]}), 409)
        .await;
    assert_eq!(dubbel["code"], "dubbele_naam");
    let traject = app
        .post_expect(
            "/api/v1/trajecten",
            &coordinator,
            &json!({"netwerkId": id_of(&netwerk), "aanpak": "weerbaarheid"}),
            201,
        )
        .await;
    assert_eq!(
        (&traject["gebiedId"], &traject["netwerkId"]),
        (&Value::Null, &netwerk["id"])
    );
    let fout = crate::helpers::assert_problem(
        app.client
            .delete(app.url(&pad))
            .bearer_auth(&coordinator)
            .send()
            .await
            .expect("delete"),
        409,
    )
    .await;
    assert_eq!(fout["code"], "netwerk_heeft_trajecten");
    let gefilterd = app
        .get_json_as(
            &format!("/api/v1/trajecten?netwerkId={}", id_of(&netwerk)),
            &coordinator,
        )
        .await;
    assert_eq!(gefilterd["totaalAantal"], 1);
}

/// Een traject noemt een gebied of een netwerk van de eigen gemeente.
#[tokio::test]
async fn a_traject_needs_an_area_or_a_network_of_its_own_municipality() {
    let app = spawn_app().await;
    let coordinator = app.token_for("oss.coordinator").await;
    let vught = app.token_for("vught.coordinator").await;
    let vreemd = id_of(&app.nieuw_netwerk(&vught, json!({})).await);
    let voor = app.scalar_i64("SELECT count(*) FROM traject").await;
    let fout = app
        .post_expect(
            "/api/v1/trajecten",
            &coordinator,
            &json!({"aanpak": "coachend"}),
            400,
        )
        .await;
    assert_velden(&fout, &[("gebiedId", "verplicht")]);
    let fout = app
        .post_expect(
            "/api/v1/trajecten",
            &coordinator,
            &json!({"netwerkId": vreemd, "aanpak": "coachend"}),
            400,
        )
        .await;
    assert_velden(&fout, &[("netwerkId", "ongeldig")]);
    let eigen = id_of(&app.nieuw_netwerk(&coordinator, json!({})).await);
    let fout = app
        .post_expect(
            "/api/v1/trajecten",
            &coordinator,
            &json!({"netwerkId": eigen}),
            400,
        )
        .await;
    assert_velden(&fout, &[("aanpak", "verplicht")]);
    assert_eq!(app.scalar_i64("SELECT count(*) FROM traject").await, voor);
}

/// Lid van een netwerk kan alleen een sleutelpersoon van dezelfde gemeente zijn: de
/// dienst zegt 400, en de database weigert het ook zonder de dienst. Een belang
/// alleen bij een wijknetwerk; dubbel lid is 409.
#[tokio::test]
async fn memberships_stay_within_one_municipality() {
    let app = spawn_app().await;
    app.zonder_demo_sleutelpersonen().await;
    let coordinator = app.token_for("oss.coordinator").await;
    let vught = app.token_for("vught.coordinator").await;
    let netwerk = id_of(&app.nieuw_netwerk(&coordinator, json!({})).await);
    let vreemde = id_of(&app.nieuwe_sleutelpersoon(&vught, json!({})).await);
    let eigen = id_of(&app.nieuwe_sleutelpersoon(&coordinator, json!({})).await);
    let leden = format!("/api/v1/netwerken/{netwerk}/leden");
    let fout = app
        .post_expect(&leden, &coordinator, &json!({"sleutelpersoonId": vreemde, "belang": "politie", "begin": "2026-02-01", "eind": "2026-01-01"}), 400)
        .await;
    assert_velden(
        &fout,
        &[
            ("belang", "ongeldig"),
            ("eind", "ongeldig"),
            ("sleutelpersoonId", "ongeldig"),
        ],
    );
    // De database zelf laat geen lid van een andere gemeente toe.
    weigert(
        &app.db,
        &format!(
            "INSERT INTO netwerk_lid (id, gemeente_id, netwerk_id, sleutelpersoon_id, rol) \
             SELECT gen_random_uuid(), gemeente_id, '{netwerk}', '{vreemde}', 'lid' FROM netwerk WHERE id = '{netwerk}'"
        ),
        "netwerk_lid_sleutelpersoon_id_gemeente_id_fkey",
    )
    .await;
    assert_eq!(app.scalar_i64("SELECT count(*) FROM netwerk_lid").await, 0);
    let lid = app
        .nieuw_lid(&coordinator, &netwerk, &eigen, json!({"rol": "voorzitter"}))
        .await;
    assert_eq!(
        (&lid["rol"], &lid["sleutelpersoonId"]),
        (&json!("voorzitter"), &json!(eigen))
    );
    let dubbel = app
        .post_expect(
            &leden,
            &coordinator,
            &json!({"sleutelpersoonId": eigen}),
            409,
        )
        .await;
    assert_eq!(dubbel["code"], "al_lid");
    // Een ander netwerk van dezelfde gemeente mag wel.
    let tweede = id_of(
        &app.nieuw_netwerk(&coordinator, json!({"vorm": "wijknetwerk"}))
            .await,
    );
    let wijk = app
        .nieuw_lid(&coordinator, &tweede, &eigen, json!({"belang": "bewoners"}))
        .await;
    assert_eq!(wijk["belang"], "bewoners");
    // Een lid van een ander netwerk via dit pad: 404.
    app.patch_expect(
        &format!("{leden}/{}", id_of(&wijk)),
        &coordinator,
        &json!({"rol": "lid"}),
        404,
    )
    .await;
}

/// De gezondheid van een netwerk waarvan de antwoorden met de hand zijn uitgerekend:
/// zeven actieve leden (allen verbinder, drie ook doener), één uitgestroomd lid, één
/// contactambtenaar, twee crisisafspraken (één te lang niet herzien), doelen veilig
/// wonen en beleidsadvies.
///
/// - leeftijd: 6 jong, 1 oud → jong 6, oud onderdrukt; 6/7 = 86 % → scheef;
/// - hulpverlenend beroep: 4 met, 3 zonder → beide onderdrukt; 57 % → niet scheef;
/// - bekend bij de gemeente: 5 bekend, 2 onbekend → 5 en onderdrukt; 71 % → niet scheef;
/// - gebieden: alle 7 in één gebied → 7;
/// - belangen: bewoners (5) en politie (2) → veilig wonen mist gemeente en
///   woningcorporatie; beleidsadvies vraagt geen belangen;
/// - contact: twee actieve leden recent gesproken, vijf niet → 5 zonder contact.
#[tokio::test]
async fn network_health_on_a_fixture_computed_by_hand() {
    let app = spawn_app().await;
    let coordinator = app.token_for("oss.coordinator").await;
    let gebied = id_of(&app.nieuw_gebied(&coordinator, json!({})).await);
    let netwerk = app
        .nieuw_netwerk(
            &coordinator,
            json!({"vorm": "wijknetwerk", "doelen": ["veilig_wonen", "beleidsadvies"],
                   "contactambtenaren": [app.user_id("oss.coordinator").await],
                   "crisisafspraken": [
                       {"scenario": "stroomuitval", "hulp": ["handjes"], "activering": "Voorzitter belt rond", "laatstHerzien": "2024-06-01"},
                       {"scenario": "hittegolf", "hulp": ["hoofdjes"], "activering": "Via de appgroep", "laatstHerzien": "2026-01-01"}
                   ]}),
        )
        .await;
    let netwerk = id_of(&netwerk);
    let toestemming =
        json!({"datum": "2026-01-01", "doel": "Netwerk", "bewaartermijnTot": "2030-01-01"});
    for i in 0..8 {
        let typen = if i < 3 {
            json!(["verbinder", "doener"])
        } else {
            json!(["verbinder"])
        };
        let persoon = app
            .nieuwe_sleutelpersoon(
                &coordinator,
                json!({"voornaam": format!("Lid {i}"), "status": "actief", "toestemming": toestemming,
                       "typen": typen, "gebiedId": gebied,
                       "laatsteContact": if i < 2 { json!("2026-11-01") } else { Value::Null },
                       "diversiteit": {"leeftijdsgroep": if i == 0 { "oud" } else { "jong" },
                                       "hulpverlenendBeroep": i < 4, "bekendBijGemeente": i < 5}}),
            )
            .await;
        let id = id_of(&persoon);
        let belang = if i < 5 { "bewoners" } else { "politie" };
        app.nieuw_lid(&coordinator, &netwerk, &id, json!({"belang": belang}))
            .await;
        if i == 7 {
            app.patch_expect(
                &format!("/api/v1/sleutelpersonen/{id}"),
                &coordinator,
                &json!({"status": "uitgestroomd", "uitstroomreden": "tijd_energie"}),
                200,
            )
            .await;
        }
    }
    // Het laatste contact van de twee recent gesproken leden ligt binnen 180 dagen.
    exec(
        &app.db,
        "UPDATE sleutelpersoon SET laatste_contact = weefsel_vandaag() - 10 WHERE laatste_contact IS NOT NULL",
    )
    .await;
    let verwacht = json!({
        "netwerkId": netwerk,
        "actieveLeden": 7,
        "teKlein": false,
        "ontbrekendeTypen": ["vertegenwoordiger", "luis_in_de_pels"],
        "diversiteit": [
            {"dimensie": "bekendBijGemeente", "verdeling": [
                // Aanvullend onderdrukt: "bekend" zou met het totaal "onbekend" verraden.
                {"kant": "bekend", "aantal": null, "onderdrukt": true},
                {"kant": "onbekend", "aantal": null, "onderdrukt": true}], "scheef": false},
            {"dimensie": "hulpverlenendBeroep", "verdeling": [
                {"kant": "met", "aantal": null, "onderdrukt": true},
                {"kant": "zonder", "aantal": null, "onderdrukt": true}], "scheef": false},
            {"dimensie": "leeftijdsgroep", "verdeling": [
                {"kant": "jong", "aantal": null, "onderdrukt": true},
                {"kant": "oud", "aantal": null, "onderdrukt": true}], "scheef": true}
        ],
        "spreidingOverGebieden": [{"gebiedId": gebied, "aantal": 7, "onderdrukt": false}],
        "contactambtenaren": 1,
        // Een wijknetwerk met één contactpersoon: genoeg, maar geen vaste met achtervang.
        "teWeinigContactambtenaren": false,
        "geenVastContact": true,
        "dagenSindsLaatsteBijeenkomst": null,
        "geenRecenteBijeenkomst": true,
        "uitstroomLaatste12Maanden": 1,
        "ledenZonderContact": 5,
        "crisisafsprakenNietHerzien": ["stroomuitval"],
        "ontbrekendeBelangen": [{"doel": "veilig_wonen", "belangen": ["gemeente", "woningcorporatie"]}],
        "veiligheidsafsprakenTeHerzien": 0,
        "checkinsAchterstallig": {"aantal": 0, "onderdrukt": false}
    });
    let pad = format!("/api/v1/netwerken/{netwerk}/gezondheid");
    assert_eq!(app.get_json_as(&pad, &coordinator).await, verwacht);
    // De regio en een raadpleger zien geen persoonsgegevens: het aantal achterstallige
    // check-ins onder 5 niet, totalen afgerond op 5, en bij minder dan 10 actieve
    // leden geen verdeling (issue 30).
    let mut verwacht = verwacht;
    verwacht["checkinsAchterstallig"] = json!({"aantal": null, "onderdrukt": true});
    verwacht["actieveLeden"] = json!(5);
    verwacht["ledenZonderContact"] = json!(5);
    verwacht["uitstroomLaatste12Maanden"] = json!(0);
    verwacht["teKlein"] = json!(true);
    verwacht["diversiteit"] = json!([]);
    verwacht["spreidingOverGebieden"] = json!([]);
    for gebruiker in ["regio.netwerkmanager", "oss.raadpleger"] {
        let token = app.token_for(gebruiker).await;
        assert_eq!(app.get_json_as(&pad, &token).await, verwacht, "{gebruiker}");
    }
    let vught = app.token_for("vught.beheerder").await;
    app.get_expect(&pad, &vught, 404).await;
}

/// Een gebied waarin sleutelpersonen wonen of dat een netwerk bestrijkt, blijft
/// bestaan (409, met beide genoemd).
#[tokio::test]
async fn an_area_with_key_persons_or_a_network_is_not_deleted() {
    let app = spawn_app().await;
    let coordinator = app.token_for("oss.coordinator").await;
    let gebied = id_of(&app.nieuw_gebied(&coordinator, json!({})).await);
    app.nieuwe_sleutelpersoon(&coordinator, json!({"gebiedId": gebied}))
        .await;
    app.nieuw_netwerk(&coordinator, json!({"gebiedIds": [gebied]}))
        .await;
    let response = app
        .client
        .delete(app.url(&format!("/api/v1/gebieden/{gebied}")))
        .bearer_auth(&coordinator)
        .send()
        .await
        .expect("delete");
    let fout = crate::helpers::assert_problem(response, 409).await;
    assert_eq!(fout["code"], "gebied_heeft_onderliggende");
    let detail = fout["detail"].as_str().unwrap_or_default();
    assert!(
        detail.contains("1 sleutelperso") && detail.contains("1 netwerk"),
        "{detail}"
    );
}

/// Issue 37 punt 1: een crisisafspraak die op de dag bruikbaar is: een capaciteit, een
/// route zonder stroom en de gebieden die ze dekt (van de eigen gemeente; anders 400 en
/// niets bewaard). De activering en de route zonder stroom zijn van klasse `naam`: een
/// raadpleger en de regio zien ze niet, een coördinator wel.
#[tokio::test]
async fn a_crisis_agreement_carries_capacity_an_offline_route_and_its_areas() {
    let app = spawn_app().await;
    let coordinator = app.token_for("oss.coordinator").await;
    let gebied = id_of(&app.nieuw_gebied(&coordinator, json!({})).await);
    let vught = app.gebied_id("Villapark-Noord").await;
    let afspraak = |gebieden: Value| {
        json!([{"scenario": "stroomuitval", "hulp": ["handjes"], "activering": "De wijkverbinder belt de voorzitter",
                "activeringOffline": "De voorzitter fietst langs de kerngroep",
                "capaciteit": {"omschrijving": "Tien mensen met een auto", "aantal": 10},
                "gebiedIds": gebieden}])
    };
    let voor = app.scalar_i64("SELECT count(*) FROM netwerk").await;
    let fout = app
        .post_expect(
            "/api/v1/netwerken",
            &coordinator,
            &json!({"naam": "Crisisnetwerk", "vorm": "sleutelpersonennetwerk", "gemeenteRol": ["facilitator"],
                    "crisisafspraken": afspraak(json!([vught]))}),
            400,
        )
        .await;
    assert_velden(&fout, &[("crisisafspraken.0.gebiedIds", "ongeldig")]);
    assert_eq!(app.scalar_i64("SELECT count(*) FROM netwerk").await, voor);

    let netwerk = app
        .nieuw_netwerk(
            &coordinator,
            json!({"crisisafspraken": afspraak(json!([gebied]))}),
        )
        .await;
    let eigen = &netwerk["crisisafspraken"][0];
    assert_eq!(
        eigen["activeringOffline"],
        "De voorzitter fietst langs de kerngroep"
    );
    assert_eq!(eigen["capaciteit"]["aantal"], 10);
    assert_eq!(eigen["gebiedIds"], json!([gebied]));
    // Dezelfde regel voor de crisisondersteuning van een tweede bijeenkomst.
    let fout = app
        .post_expect(
            "/api/v1/bijeenkomsten",
            &coordinator,
            &json!({"soort": "tweede_bijeenkomst", "datum": "2026-11-10", "gebiedId": gebied,
                    "afspraken": {"crisisondersteuning": afspraak(json!([vught]))}}),
            400,
        )
        .await;
    assert_velden(
        &fout,
        &[("afspraken.crisisondersteuning.0.gebiedIds", "ongeldig")],
    );
    let pad = format!("/api/v1/netwerken/{}", id_of(&netwerk));
    for wie in ["oss.raadpleger", "regio.netwerkmanager"] {
        let token = app.token_for(wie).await;
        let gezien = app.get_json_as(&pad, &token).await;
        let tekst = gezien.to_string();
        for verborgen in ["belt de voorzitter", "fietst langs", "Tien mensen"] {
            assert!(
                !tekst.contains(verborgen),
                "{wie} ziet {verborgen}: {tekst}"
            );
        }
    }
}
