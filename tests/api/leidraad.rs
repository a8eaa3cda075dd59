//! De leidraad in de software (issue 34, V1 punten 1 en 2): de stappenplannen met hun
//! leidraad, versies van de regio, aanvullingen van gemeenten, en wat een stap van een
//! traject vastlegt (antwoorden, vinkjes, het netwerk).

use serde_json::{Value, json};

use crate::helpers::{TestApp, header, id_of, query_text, spawn_app};

fn sleutels(stap: &Value, lijst: &str) -> Vec<String> {
    stap[lijst]
        .as_array()
        .expect("lijst")
        .iter()
        .map(|p| p["sleutel"].as_str().expect("sleutel").to_owned())
        .collect()
}

/// De body van een nieuwe versie: de huidige, met `wijzig` erop toegepast.
async fn versie_body(
    app: &TestApp,
    token: &str,
    aanpak: &str,
    wijzig: impl Fn(&mut Value),
) -> (Value, String) {
    let pad = format!("/api/v1/stappenplannen/{aanpak}");
    let antwoord = app.get_as(&pad, token).await;
    assert_eq!(antwoord.status(), 200);
    let etag = header(antwoord.headers(), "etag");
    let plan: Value = antwoord.json().await.expect("json");
    let mut stappen = plan["stappen"].as_array().expect("stappen").clone();
    for s in &mut stappen {
        s.as_object_mut().expect("stap").remove("aanvullingen");
    }
    let mut body = json!({"naam": plan["naam"], "bron": plan["bron"], "stappen": stappen});
    wijzig(&mut body);
    (body, etag)
}

async fn put(
    app: &TestApp,
    token: &str,
    aanpak: &str,
    etag: &str,
    body: &Value,
) -> reqwest::Response {
    let pad = format!("/api/v1/stappenplannen/{aanpak}");
    app.client
        .put(app.url(&pad))
        .bearer_auth(token)
        .header("If-Match", etag)
        .json(body)
        .send()
        .await
        .expect("put")
}

#[tokio::test]
async fn elke_stap_heeft_een_doel_en_punten_met_een_bron() {
    let app = spawn_app().await;
    let raadpleger = app.token_for("oss.raadpleger").await;
    let lijst = app
        .get_expect("/api/v1/stappenplannen", &raadpleger, 200)
        .await;
    assert_eq!(lijst["totaalAantal"], 3, "{lijst}");
    for (aanpak, aantal) in [("coordinerend", 7), ("coachend", 5), ("weerbaarheid", 12)] {
        let plan = app
            .get_expect(
                &format!("/api/v1/stappenplannen/{aanpak}"),
                &raadpleger,
                200,
            )
            .await;
        assert_eq!(plan["versie"], 1);
        let stappen = plan["stappen"].as_array().expect("stappen");
        assert_eq!(stappen.len(), aantal);
        for stap in stappen {
            assert!(
                !stap["doel"].as_str().unwrap_or_default().is_empty(),
                "{stap}"
            );
            let punten: Vec<&Value> = ["activiteiten", "vragen", "checklist"]
                .iter()
                .flat_map(|l| stap[*l].as_array().expect("lijst"))
                .collect();
            let citaten = punten
                .iter()
                .filter(|p| p["bron"]["citaat"].is_string())
                .count();
            assert!(citaten >= 3, "{aanpak} {}", stap["nummer"]);
            for p in punten {
                let document = p["bron"]["document"].as_str().expect("document");
                assert!(
                    document.starts_with("Handreiking") || document.starts_with("Regionale"),
                    "{document}"
                );
                assert_eq!(
                    p["eigen"].as_bool(),
                    Some(p["bron"]["citaat"].is_null()),
                    "{p}"
                );
            }
        }
    }
    // Het voorbeeld uit het issue: weerbaarheid stap 3 vraagt wat eerdere trajecten opleverden.
    let wb = app
        .get_expect("/api/v1/stappenplannen/weerbaarheid", &raadpleger, 200)
        .await;
    assert!(sleutels(&wb["stappen"][2], "vragen").contains(&"wb3-eerdere-trajecten".to_owned()));
    app.get_expect("/api/v1/stappenplannen/onbekend", &raadpleger, 404)
        .await;
    app.get_expect("/api/v1/stappenplannen/coachend?versie=9", &raadpleger, 404)
        .await;
}

#[tokio::test]
async fn een_nieuwe_versie_laat_lopende_trajecten_op_hun_versie() {
    let app = spawn_app().await;
    let regio = app.token_for("regio.beheerder").await;
    let coordinator = app.token_for("oss.coordinator").await;
    let oud = app.nieuw_traject(&coordinator, "coachend", None).await;
    assert_eq!(oud["leidraadVersie"], 1);

    // Hernoemen, een sleutel hergebruiken met een andere tekst, of gm-: 400, en niets bewaard.
    let (hernoemd, etag) = versie_body(&app, &regio, "coachend", |b| {
        b["stappen"][1]["naam"] = json!("Iets anders");
        b["stappen"][2]["vragen"][0]["tekst"] = json!("Een andere vraag");
    })
    .await;
    let fout = put(&app, &regio, "coachend", &etag, &hernoemd).await;
    assert_eq!(fout.status(), 400);
    let fout: Value = fout.json().await.expect("json");
    let codes: Vec<(&str, &str)> = fout["invalidParams"]
        .as_array()
        .expect("fouten")
        .iter()
        .map(|p| {
            (
                p["name"].as_str().unwrap_or(""),
                p["code"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert!(codes.contains(&("stappen.1", "stap_vast")), "{codes:?}");
    assert!(
        codes.contains(&("stappen.2.vragen.0.sleutel", "sleutel_hergebruikt")),
        "{codes:?}"
    );
    // Een stapnummer buiten elk plan (ook buiten een int32): 400 op het veld.
    for nummer in [json!(13), json!(2_147_483_648_i64)] {
        let (buiten, etag) = versie_body(&app, &regio, "coachend", |b| {
            b["stappen"][0]["nummer"] = nummer.clone();
        })
        .await;
        let fout = put(&app, &regio, "coachend", &etag, &buiten).await;
        assert_eq!(fout.status(), 400);
        let fout: Value = fout.json().await.expect("json");
        assert_eq!(
            fout["invalidParams"][0]["name"], "stappen.0.nummer",
            "{fout}"
        );
    }
    assert_eq!(
        query_text(&app.db, "SELECT count(*)::text FROM leidraad").await,
        "3"
    );

    // Alleen de regio_beheerder publiceert.
    let (goed, etag) = versie_body(&app, &regio, "coachend", |b| {
        b["stappen"][2]["vragen"][0]["sleutel"] = json!("ca2-netwerkdoelen-v2");
        b["stappen"][2]["vragen"][0]["tekst"] = json!("Wat wil het netwerk bereiken?");
    })
    .await;
    let beheerder = app.token_for("oss.beheerder").await;
    assert_eq!(
        put(&app, &beheerder, "coachend", &etag, &goed)
            .await
            .status(),
        403
    );
    assert_eq!(
        put(&app, &regio, "coachend", "\"7\"", &goed).await.status(),
        412
    );
    let nieuw = put(&app, &regio, "coachend", &etag, &goed).await;
    assert_eq!(nieuw.status(), 200);
    let nieuw: Value = nieuw.json().await.expect("json");
    assert_eq!(nieuw["versie"], 2);

    // Het lopende traject blijft op versie 1; een nieuw begint met versie 2.
    let id = id_of(&oud);
    let oud = app
        .get_expect(&format!("/api/v1/trajecten/{id}"), &coordinator, 200)
        .await;
    assert_eq!(oud["leidraadVersie"], 1);
    assert_eq!(
        oud["stappen"][2]["leidraad"]["vragen"][0]["sleutel"],
        "ca2-netwerkdoelen"
    );
    let vers = app.nieuw_traject(&coordinator, "coachend", None).await;
    assert_eq!(vers["leidraadVersie"], 2);
    assert_eq!(
        vers["stappen"][2]["leidraad"]["vragen"][0]["sleutel"],
        "ca2-netwerkdoelen-v2"
    );
    // De oude versie blijft leesbaar.
    let v1 = app
        .get_expect(
            "/api/v1/stappenplannen/coachend?versie=1",
            &coordinator,
            200,
        )
        .await;
    assert_eq!(v1["versie"], 1);
    assert_eq!(v1["huidigeVersie"], 2);
    let audit = query_text(
        &app.db,
        "SELECT wijzigingen::text FROM audit_trail WHERE resource = 'stappenplan' AND resource_id = 'coachend'",
    )
    .await;
    assert!(audit.contains("versie"), "{audit}");
}

#[tokio::test]
async fn aanvullingen_zijn_van_de_gemeente_en_de_regio_beheerder() {
    let app = spawn_app().await;
    let beheerder = app.token_for("oss.beheerder").await;
    let coordinator = app.token_for("oss.coordinator").await;
    let basis = "/api/v1/stappenplannen/coachend/stappen/1/aanvullingen";
    let body =
        json!({"sleutel": "gm-buurtapp", "soort": "vraag", "tekst": "Welke buurtapps zijn er?"});
    app.post_expect(basis, &coordinator, &body, 403).await;
    let fout = app
        .post_expect(
            basis,
            &beheerder,
            &json!({"sleutel": "co-x", "soort": "vraag", "tekst": "x"}),
            400,
        )
        .await;
    assert_eq!(fout["invalidParams"][0]["name"], "sleutel");
    // Een stap die het plan niet kent, heeft geen aanvullingen.
    for stap in ["9", "2147483646"] {
        app.post_expect(
            &basis.replace("/stappen/1/", &format!("/stappen/{stap}/")),
            &beheerder,
            &body,
            404,
        )
        .await;
    }
    let aanvulling = app.post_expect(basis, &beheerder, &body, 201).await;
    assert_eq!(aanvulling["gemeente"], "GM0828");
    app.post_expect(basis, &beheerder, &body, 400).await;
    let checklist = json!({"sleutel": "gm-kaart", "soort": "checklist", "tekst": "De buurtapps staan op de kaart."});
    app.post_expect(basis, &beheerder, &checklist, 201).await;

    let tekst = |plan: &Value| plan["stappen"][1]["aanvullingen"].to_string();
    let eigen = app
        .get_expect("/api/v1/stappenplannen/coachend", &coordinator, 200)
        .await;
    assert!(
        tekst(&eigen).contains("Welke buurtapps"),
        "{}",
        tekst(&eigen)
    );
    let regio = app.token_for("regio.beheerder").await;
    let gezien = app
        .get_expect("/api/v1/stappenplannen/coachend", &regio, 200)
        .await;
    assert!(tekst(&gezien).contains("Welke buurtapps"), "{gezien}");
    for wie in ["vught.beheerder", "regio.netwerkmanager"] {
        let token = app.token_for(wie).await;
        let plan = app
            .get_expect("/api/v1/stappenplannen/coachend", &token, 200)
            .await;
        assert!(!tekst(&plan).contains("buurtapps"), "{wie}");
        app.get_expect(&format!("{basis}/gm-buurtapp"), &token, 404)
            .await;
    }

    // Een traject van Oss ziet de aanvullingen bij stap 1 en beantwoordt ze.
    let traject = app.nieuw_traject(&coordinator, "coachend", None).await;
    let pad = format!("/api/v1/trajecten/{}/stappen/1", id_of(&traject));
    let stap = app
        .patch_expect(&pad, &coordinator, &json!({"antwoorden": [{"sleutel": "gm-buurtapp", "antwoord": "De app van de Schadewijk."}], "afgevinkt": ["gm-kaart"]}), 200)
        .await;
    assert_eq!(stap["stappen"][1]["antwoorden"][0]["alleenLezen"], false);

    // PATCH en DELETE; daarna staat het antwoord er nog, alleen lezen.
    let pad_aanvulling = format!("{basis}/gm-buurtapp");
    let gewijzigd = app
        .patch_huidig(
            &pad_aanvulling,
            &beheerder,
            &json!({"tekst": "Welke buurtapps en groepen zijn er?"}),
        )
        .await;
    assert_eq!(gewijzigd.status(), 200);
    let weg = app
        .client
        .delete(app.url(&pad_aanvulling))
        .bearer_auth(&beheerder)
        .send()
        .await
        .expect("delete");
    assert_eq!(weg.status(), 204);
    app.get_expect(&pad_aanvulling, &beheerder, 404).await;
    app.post_expect(basis, &beheerder, &body, 400).await;
    let traject = app
        .get_expect(
            &format!("/api/v1/trajecten/{}", id_of(&traject)),
            &coordinator,
            200,
        )
        .await;
    let stap = &traject["stappen"][1];
    assert_eq!(stap["antwoorden"][0]["sleutel"], "gm-buurtapp");
    assert_eq!(stap["antwoorden"][0]["alleenLezen"], true);
    let fout = app
        .patch_expect(
            &pad,
            &coordinator,
            &json!({"antwoorden": [{"sleutel": "gm-buurtapp", "antwoord": "anders"}]}),
            400,
        )
        .await;
    assert_eq!(fout["invalidParams"][0]["code"], "onbekende_sleutel");
}

#[tokio::test]
async fn een_stap_legt_antwoorden_vinkjes_en_het_netwerk_vast() {
    let app = spawn_app().await;
    let coordinator = app.token_for("oss.coordinator").await;
    let traject = app.nieuw_traject(&coordinator, "coordinerend", None).await;
    let id = id_of(&traject);
    let pad = format!("/api/v1/trajecten/{id}/stappen/2");
    let netwerk = id_of(&app.nieuw_netwerk(&coordinator, json!({})).await);

    let eerst = json!({
        "antwoorden": [
            {"sleutel": "co2-drempels", "antwoord": "Wantrouwen sinds de sluiting van het buurthuis."},
            {"sleutel": "co2-cohesie", "antwoord": "Taal."}
        ],
        "afgevinkt": ["co2-contactpersoon", "co2-klein"],
        "netwerkId": netwerk
    });
    let na = app.patch_expect(&pad, &coordinator, &eerst, 200).await;
    let stap = &na["stappen"][2];
    assert_eq!(stap["netwerkId"], netwerk.as_str());
    assert_eq!(stap["antwoorden"].as_array().map(Vec::len), Some(2));
    let vinkjes: Vec<(String, bool)> = stap["checklist"]
        .as_array()
        .expect("checklist")
        .iter()
        .map(|v| {
            (
                v["sleutel"].as_str().unwrap_or("").to_owned(),
                v["afgevinkt"].as_bool().unwrap_or(false),
            )
        })
        .collect();
    assert_eq!(
        vinkjes,
        vec![
            ("co2-contactpersoon".into(), true),
            ("co2-klein".into(), true)
        ]
    );
    let eerste_op = stap["checklist"][0]["op"].clone();
    assert!(stap["checklist"][0]["door"].is_string());

    // null haalt een antwoord weg, een weggelaten sleutel is uitgevinkt, wat blijft houdt door/op.
    let tweede = json!({
        "antwoorden": [{"sleutel": "co2-cohesie", "antwoord": null}],
        "afgevinkt": ["co2-contactpersoon"]
    });
    let na = app.patch_expect(&pad, &coordinator, &tweede, 200).await;
    let stap = &na["stappen"][2];
    assert_eq!(stap["antwoorden"][0]["sleutel"], "co2-drempels");
    assert_eq!(stap["antwoorden"].as_array().map(Vec::len), Some(1));
    assert_eq!(stap["checklist"][0]["op"], eerste_op);
    assert_eq!(stap["checklist"][1]["afgevinkt"], false);

    // Onbekende sleutels, een netwerk van een andere gemeente: 400, niets veranderd.
    let vught = app.token_for("vught.beheerder").await;
    let ander = id_of(&app.nieuw_netwerk(&vught, json!({})).await);
    let voor = query_text(&app.db, &format!("SELECT antwoorden::text || afgevinkt::text FROM traject_stap WHERE traject_id = '{id}' AND nummer = 2")).await;
    let fout = app
        .patch_expect(&pad, &coordinator, &json!({"antwoorden": [{"sleutel": "wb3-eerdere-trajecten", "antwoord": "x"}], "afgevinkt": ["bestaat-niet"], "netwerkId": ander}), 400)
        .await;
    let namen: Vec<&str> = fout["invalidParams"]
        .as_array()
        .expect("fouten")
        .iter()
        .filter_map(|p| p["name"].as_str())
        .collect();
    assert_eq!(namen.len(), 3, "{fout}");
    assert!(
        namen.contains(&"antwoorden.0.sleutel")
            && namen.contains(&"afgevinkt.0")
            && namen.contains(&"netwerkId"),
        "{namen:?}"
    );
    let na_fout = query_text(&app.db, &format!("SELECT antwoorden::text || afgevinkt::text FROM traject_stap WHERE traject_id = '{id}' AND nummer = 2")).await;
    assert_eq!(voor, na_fout);

    // Antwoorden zijn van klasse naam: de raadpleger en de regio krijgen ze niet; de
    // audit trail noemt ze alleen bij naam.
    for wie in ["oss.raadpleger", "regio.netwerkmanager"] {
        let token = app.token_for(wie).await;
        let gezien = app
            .get_expect(&format!("/api/v1/trajecten/{id}"), &token, 200)
            .await;
        assert!(gezien["stappen"][2].get("antwoorden").is_none(), "{wie}");
        assert!(!gezien.to_string().contains("Wantrouwen"), "{wie}");
    }
    let audit = query_text(&app.db, &format!("SELECT string_agg(wijzigingen::text, ' ') FROM audit_trail WHERE resource = 'traject' AND resource_id = '{id}'")).await;
    assert!(audit.contains("stappen.2.antwoorden"), "{audit}");
    assert!(!audit.contains("Wantrouwen"), "{audit}");
}

/// De demo van issue 35 leest zoals een gebruiker haar ziet: in 's-Hertogenbosch een
/// weerbaarheidsplan voorbij zijn `go` met de evaluatie bij stap 5, afgeronde stappen
/// met antwoorden en afgevinkte checklist, en het coördinerende traject met zijn twee
/// bijeenkomsten en zijn netwerk bij stap 3 en de oefening bij stap 6.
#[tokio::test]
async fn the_demo_of_a_municipality_far_along_reads_as_a_story() {
    let app = spawn_app().await;
    let coordinator = app.token_for("s-hertogenbosch.coordinator").await;
    let lijst = app
        .get_json_as("/api/v1/trajecten?paginaGrootte=100", &coordinator)
        .await;
    let trajecten = lijst["resultaten"].as_array().expect("lijst");
    let vind = |aanpak: &str| {
        let id = trajecten
            .iter()
            .find(|t| t["aanpak"] == aanpak && t["naam"] != "Buurt aan zet")
            .map(id_of)
            .expect(aanpak);
        format!("/api/v1/trajecten/{id}")
    };

    let weerbaar = app.get_json_as(&vind("weerbaarheid"), &coordinator).await;
    let stappen = weerbaar["stappen"].as_array().expect("stappen");
    assert_eq!(stappen[7]["status"], "bezig", "{weerbaar}");
    assert_eq!(
        stappen[3]["besluiten"]
            .as_array()
            .expect("besluiten")
            .iter()
            .map(|b| (b["soort"].clone(), b["besluit"].clone()))
            .collect::<Vec<_>>(),
        [(json!("beslismoment"), json!("go"))]
    );
    assert_eq!(stappen[4]["besluiten"][0]["soort"], "evaluatie");
    for stap in &stappen[..7] {
        assert_eq!(stap["status"], "afgerond");
        let mut vragen = sleutels(&stap["leidraad"], "vragen");
        vragen.sort();
        assert_eq!(sleutels(stap, "antwoorden"), vragen);
        let checklist = stap["checklist"].as_array().expect("checklist");
        assert!(
            checklist
                .iter()
                .all(|p| p["afgevinkt"] == true && p["door"].is_string()),
            "{stap}"
        );
    }

    let coordinerend = app.get_json_as(&vind("coordinerend"), &coordinator).await;
    let stap3 = &coordinerend["stappen"][3];
    assert_eq!(stap3["bijeenkomstIds"].as_array().map(Vec::len), Some(2));
    assert!(stap3["netwerkId"].is_string(), "{stap3}");
    let mut soorten = Vec::new();
    for id in stap3["bijeenkomstIds"].as_array().expect("ids") {
        let b = app
            .get_json_as(
                &format!("/api/v1/bijeenkomsten/{}", id.as_str().expect("id")),
                &coordinator,
            )
            .await;
        soorten.push(b["soort"].as_str().expect("soort").to_owned());
    }
    soorten.sort();
    assert_eq!(soorten, ["eerste_bijeenkomst", "tweede_bijeenkomst"]);
    let stap6 = &coordinerend["stappen"][6];
    assert_eq!(stap6["status"], "bezig");
    let oefening = app
        .get_json_as(
            &format!(
                "/api/v1/oefeningen/{}",
                stap6["oefeningIds"][0].as_str().expect("oefening")
            ),
            &coordinator,
        )
        .await;
    assert_eq!(oefening["status"], "geevalueerd", "{oefening}");
    let netwerk = app
        .get_json_as(
            &format!(
                "/api/v1/netwerken/{}",
                stap3["netwerkId"].as_str().expect("netwerk")
            ),
            &coordinator,
        )
        .await;
    assert_eq!(
        netwerk["afsprakenBijeenkomsten"].as_array().map(Vec::len),
        Some(1),
        "{netwerk}"
    );
}
