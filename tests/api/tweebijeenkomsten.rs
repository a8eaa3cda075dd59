//! Het tweebijeenkomstenmodel als werkwijze (issue 34, V1 punt 3): bijeenkomsten en
//! oefeningen horen bij een stap van een traject, een eerste bijeenkomst begint met de
//! agenda uit de leidraad, een tweede zonder eerste krijgt een waarschuwing, en de
//! afspraken van een tweede bijeenkomst staan alleen lezen bij het netwerk.

use serde_json::{Value, json};

use crate::helpers::{id_of, kolom, query_text, spawn_app};

fn codes(body: &Value) -> Vec<&str> {
    kolom(&body["waarschuwingen"], "code")
}

#[tokio::test]
async fn meetings_of_step_3_follow_the_two_meeting_model() {
    let app = spawn_app().await;
    let token = app.token_for("oss.coordinator").await;
    let traject = app.nieuw_traject(&token, "coordinerend", None).await;
    let traject_id = id_of(&traject);
    let netwerk = id_of(&app.nieuw_netwerk(&token, json!({})).await);
    let voor = app.scalar_i64("SELECT count(*) FROM bijeenkomst").await;

    // Een stap die het plan niet kent, een stap zonder traject, een traject zonder
    // stap, een onbekend traject, afspraken bij een eerste bijeenkomst: 400, niets
    // opgeslagen.
    let onbekend = uuid::Uuid::now_v7();
    for (body, veld, code) in [
        (
            json!({"trajectId": traject_id, "stap": 9}),
            "stap",
            "ongeldig",
        ),
        (json!({"stap": 3}), "trajectId", "verplicht"),
        (json!({"trajectId": traject_id}), "stap", "verplicht"),
        (
            json!({"trajectId": onbekend, "stap": 3}),
            "trajectId",
            "ongeldig",
        ),
        (
            json!({"trajectId": traject_id, "stap": 3, "afspraken": {"doelen": ["de_escalatie"]}}),
            "afspraken",
            "niet_toegestaan",
        ),
    ] {
        let mut volledig =
            json!({"soort": "eerste_bijeenkomst", "datum": "2026-05-01", "netwerkId": netwerk});
        for (k, v) in body.as_object().expect("body") {
            volledig[k] = v.clone();
        }
        let problem = app
            .post_expect("/api/v1/bijeenkomsten", &token, &volledig, 400)
            .await;
        let namen = kolom(&problem["invalidParams"], "name");
        assert!(namen.contains(&veld), "{veld}: {problem}");
        let codes = kolom(&problem["invalidParams"], "code");
        assert!(codes.contains(&code), "{code}: {problem}");
    }
    assert_eq!(
        app.scalar_i64("SELECT count(*) FROM bijeenkomst").await,
        voor
    );

    // Een tweede bijeenkomst zonder eerdere eerste: een waarschuwing.
    let tweede = app
        .post_expect(
            "/api/v1/bijeenkomsten",
            &token,
            &json!({"soort": "tweede_bijeenkomst", "datum": "2026-06-01", "netwerkId": netwerk,
                    "trajectId": traject_id, "stap": 3}),
            201,
        )
        .await;
    assert_eq!(codes(&tweede), ["tweede_zonder_eerste"], "{tweede}");
    assert_eq!(
        tweede["agenda"][0]["onderwerp"], "Terugkoppeling eerste bijeenkomst",
        "{tweede}"
    );

    // De eerste bijeenkomst begint met de agenda van de versie van het traject, met de
    // openingsronde bij het welkom.
    let eerste = app
        .post_expect(
            "/api/v1/bijeenkomsten",
            &token,
            &json!({"soort": "eerste_bijeenkomst", "datum": "2026-05-01", "netwerkId": netwerk,
                    "trajectId": traject_id, "stap": 3}),
            201,
        )
        .await;
    assert_eq!(
        kolom(&eerste["agenda"], "onderwerp"),
        [
            "Welkom en introductie onderwerp",
            "Verkenning thema",
            "Pauze",
            "Impact op de persoon/organisatie en impact op de wijk",
            "Afsluiting en vervolg"
        ]
    );
    let welkom = eerste["agenda"][0]["toelichting"]
        .as_str()
        .unwrap_or_default();
    for vraag in [
        "waarom bent u hier?",
        "Wat gaat al goed?",
        "Wat kan nog beter?",
        "Wat gebeurt er als we niks doen?",
        "Wat zou uw bijdrage kunnen zijn?",
    ] {
        assert!(welkom.contains(vraag), "{vraag}: {welkom}");
    }
    assert_eq!(eerste["waarschuwingen"], json!([]));
    // Een eigen agenda blijft de eigen agenda.
    let eigen = app
        .post_expect(
            "/api/v1/bijeenkomsten",
            &token,
            &json!({"soort": "eerste_bijeenkomst", "datum": "2026-05-02", "netwerkId": netwerk,
                    "trajectId": traject_id, "stap": 3, "agenda": [{"onderwerp": "Eigen"}]}),
            201,
        )
        .await;
    assert_eq!(kolom(&eigen["agenda"], "onderwerp"), ["Eigen"]);

    // Nu er een eerdere eerste is, vervalt de waarschuwing bij de tweede.
    let pad = format!("/api/v1/bijeenkomsten/{}", id_of(&tweede));
    let nu = app.get_json_as(&pad, &token).await;
    assert_eq!(nu["waarschuwingen"], json!([]), "{nu}");

    // De stap kent haar bijeenkomsten; het filter vindt ze.
    let t = app
        .get_json_as(&format!("/api/v1/trajecten/{traject_id}"), &token)
        .await;
    let mut ids: Vec<&str> = t["stappen"][3]["bijeenkomstIds"]
        .as_array()
        .expect("bijeenkomstIds")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    ids.sort_unstable();
    let mut verwacht = vec![
        eerste["id"].as_str().unwrap_or_default(),
        tweede["id"].as_str().unwrap_or_default(),
        eigen["id"].as_str().unwrap_or_default(),
    ];
    verwacht.sort_unstable();
    assert_eq!(ids, verwacht);
    assert_eq!(t["stappen"][2]["bijeenkomstIds"], json!([]));
    let lijst = app
        .get_json_as(
            &format!("/api/v1/bijeenkomsten?trajectId={traject_id}&stap=3"),
            &token,
        )
        .await;
    assert_eq!(lijst["totaalAantal"], 3);

    // Een oefening bij stap 6.
    let oefening = app
        .post_expect(
            "/api/v1/oefeningen",
            &token,
            &json!({"titel": "Stroomuitval", "doelen": ["communicatie_tijdens_crisis"], "vorm": "tabletop",
                    "scenario": "stroomuitval", "datum": "2027-01-01", "trajectId": traject_id, "stap": 6}),
            201,
        )
        .await;
    let t = app
        .get_json_as(&format!("/api/v1/trajecten/{traject_id}"), &token)
        .await;
    assert_eq!(t["stappen"][6]["oefeningIds"], json!([oefening["id"]]));
    let fout = app
        .patch_expect(
            &format!("/api/v1/oefeningen/{}", id_of(&oefening)),
            &token,
            &json!({"stap": 12}),
            400,
        )
        .await;
    assert_eq!(kolom(&fout["invalidParams"], "name"), ["stap"]);

    // De afspraken van de tweede bijeenkomst: bij het netwerk alleen lezen; de eigen
    // velden van het netwerk veranderen niet.
    let netwerk_pad = format!("/api/v1/netwerken/{netwerk}");
    let netwerk_voor = app.get_json_as(&netwerk_pad, &token).await;
    let afspraken = json!({
        "doelen": ["crisisparaatheid", "voorlichting_bewustwording"],
        "organisatievorm": {"relatiebeheer": "Twee keer per jaar bij de Merelhof", "oefenen": "Jaarlijks",
                            "kennisdeling": "Nieuwsbrief", "nodigVanGemeente": "Een vaste contactpersoon"},
        "crisisondersteuning": [{"scenario": "stroomuitval", "hulp": ["handjes"], "activering": "Via de wijkagent", "laatstHerzien": "2026-05-01"}]
    });
    let body = app
        .patch_huidig(&pad, &token, &json!({"afspraken": afspraken}))
        .await;
    assert_eq!(body.status(), 200);
    let netwerk_na = app.get_json_as(&netwerk_pad, &token).await;
    assert_eq!(
        netwerk_na["afsprakenBijeenkomsten"],
        json!([{"bijeenkomstId": tweede["id"], "datum": "2026-06-01", "afspraken": afspraken}])
    );
    for veld in ["afspraken", "doelen", "crisisafspraken", "updatedAt"] {
        assert_eq!(netwerk_na[veld], netwerk_voor[veld], "{veld}");
    }
    // Wie geen namen ziet, ziet de afspraken niet.
    let regio = app.token_for("regio.netwerkmanager").await;
    let gezien = app.get_json_as(&netwerk_pad, &regio).await;
    assert!(gezien.get("afsprakenBijeenkomsten").is_none(), "{gezien}");
    let gezien = app.get_json_as(&pad, &regio).await;
    assert!(gezien.get("afspraken").is_none(), "{gezien}");
    // Een andere soort met afspraken: eerst wissen.
    let fout = app
        .patch_huidig(&pad, &token, &json!({"soort": "netwerkbijeenkomst"}))
        .await;
    assert_eq!(fout.status(), 400);
    // De audit trail noemt de afspraken alleen bij naam.
    let audit = query_text(
        &app.db,
        &format!(
            "SELECT string_agg(wijzigingen::text, ' ') FROM audit_trail WHERE resource_id = '{}'",
            id_of(&tweede)
        ),
    )
    .await;
    assert!(audit.contains("afspraken"), "{audit}");
    assert!(!audit.contains("Merelhof"), "{audit}");
}

/// De agenda-sjablonen komen uit de huidige versie van de leidraad.
#[tokio::test]
async fn the_agenda_templates_come_from_the_current_leidraad() {
    let app = spawn_app().await;
    let token = app.token_for("oss.coordinator").await;
    for aanpak in ["", "?aanpak=coachend"] {
        let lijst = app
            .get_json_as(
                &format!("/api/v1/bijeenkomsten/agenda-sjablonen{aanpak}"),
                &token,
            )
            .await;
        assert_eq!(
            kolom(&lijst, "soort"),
            ["eerste_bijeenkomst", "tweede_bijeenkomst"],
            "{lijst}"
        );
    }
    let lijst = app
        .get_json_as(
            "/api/v1/bijeenkomsten/agenda-sjablonen?aanpak=weerbaarheid",
            &token,
        )
        .await;
    assert_eq!(lijst["totaalAantal"], 0);
    // De regio ziet de toelichting van de sjablonen (vaste tekst uit de handreiking).
    let regio = app.token_for("regio.netwerkmanager").await;
    let lijst = app
        .get_json_as("/api/v1/bijeenkomsten/agenda-sjablonen", &regio)
        .await;
    assert!(
        lijst["resultaten"][0]["agenda"][0]["toelichting"]
            .as_str()
            .is_some_and(|t| t.contains("Openingsronde")),
        "{lijst}"
    );
}
