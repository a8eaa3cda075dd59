//! Trajecten: het voorstel uit het DNA-profiel, stapovergangen en het beslismoment.

use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::{TestApp, assert_problem, header, id_of, kolom, query_text, spawn_app};
use crate::helpers::{assert_detail, assert_velden};

async fn start(app: &TestApp, token: &str, body: Value) -> Value {
    let response = app.post_as("/api/v1/trajecten", token, &body).await;
    assert_eq!(response.status(), 201, "{body}");
    response.json().await.expect("json")
}

/// Wie de verzoeken doet: de app en het token.
#[derive(Clone, Copy)]
struct Als<'a>(&'a TestApp, &'a str);

async fn stap(als: Als<'_>, traject: &Value, nummer: i64, body: Value, status: u16) -> Value {
    let id = traject["id"].as_str().expect("id");
    let path = format!("/api/v1/trajecten/{id}/stappen/{nummer}");
    als.0.patch_expect(&path, als.1, &body, status).await
}

/// Een besluit bij het beslismoment van `traject`; geeft het antwoord (met `status`).
async fn besluit(als: Als<'_>, traject: &Value, body: Value, status: u16) -> Value {
    let id = traject["id"].as_str().expect("id");
    let path = format!("/api/v1/trajecten/{id}/besluiten");
    als.0.post_expect(&path, als.1, &body, status).await
}

fn nummers(traject: &Value) -> Vec<i64> {
    traject["stappen"]
        .as_array()
        .expect("stappen")
        .iter()
        .filter_map(|s| s["nummer"].as_i64())
        .collect()
}

#[tokio::test]
async fn a_new_traject_proposes_the_approach_of_the_dna_profile() {
    let app = spawn_app().await;
    let token = app.token_for("oss.coordinator").await;
    // Oss Centrum: vak 4 → coördinerend, stappen 0–6.
    let traject = start(
        &app,
        &token,
        json!({"gebiedId": app.gebied_id("Kloosterakker").await}),
    )
    .await;
    assert_eq!(traject["aanpak"], "coordinerend");
    assert_eq!(traject["voorgesteldeAanpak"], json!(["coordinerend"]));
    assert_eq!(traject["status"], "lopend");
    assert_eq!(traject["huidigeStap"], 0);
    assert_eq!(nummers(&traject), (0..=6).collect::<Vec<_>>());
    assert_eq!(
        traject["stappen"][3]["naam"],
        "Netwerk verenigen (twee bijeenkomsten)"
    );
    assert_eq!(kolom(&traject["stappen"], "status"), ["open"; 7]);
    assert_eq!(traject["besluit"], Value::Null);

    // Oss Buitengebied: vak 1 → coachend, stappen 0–4.
    let traject = start(
        &app,
        &token,
        json!({"gebiedId": app.gebied_id("Heidehoek").await}),
    )
    .await;
    assert_eq!(
        (traject["aanpak"].clone(), nummers(&traject)),
        (json!("coachend"), (0..=4).collect::<Vec<_>>())
    );

    // Centrum-Oost: onbepaald, dus zelf kiezen.
    let oost = app.gebied_id("Kloosterakker-Oost").await;
    let problem = app
        .post_expect("/api/v1/trajecten", &token, &json!({"gebiedId": oost}), 400)
        .await;
    assert_velden(&problem, &[("aanpak", "verplicht")]);
    assert!(
        problem["invalidParams"][0]["reason"]
            .as_str()
            .is_some_and(|r| r.contains("geen advies")),
        "{problem}"
    );
    let traject = start(
        &app,
        &token,
        json!({"gebiedId": oost, "aanpak": "weerbaarheid", "naam": "Weerbaar Oost"}),
    )
    .await;
    assert_eq!(nummers(&traject), (1..=12).collect::<Vec<_>>());
    assert_eq!(traject["voorgesteldeAanpak"], json!([]));
    assert_eq!(
        traject["waarschuwingen"][0]["code"], "verbinder_ontbreekt",
        "{traject}"
    );
    assert!(
        traject["waarschuwingen"][0]["detail"]
            .as_str()
            .is_some_and(|w| w.contains("wijkverbinder")),
        "{traject}"
    );

    // Ongeldige verzoeken: niets opgeslagen.
    let before = app.scalar_i64("SELECT count(*) FROM traject").await;
    let vught = app.gebied_id("Villapark-Noord").await;
    let problem = app.post_expect("/api/v1/trajecten", &token, &json!({"gebiedId": vught, "aanpak": "coachend", "verbinders": [{"gebruikerId": app.user_id("oss.coordinator").await, "rol": "wijkverbinder"}], "status": "afgerond"}), 400).await;
    assert_velden(
        &problem,
        &[
            ("gebiedId", "ongeldig"),
            ("status", "onbekend"),
            ("verbinders", "niet_toegestaan"),
        ],
    );
    assert_eq!(app.scalar_i64("SELECT count(*) FROM traject").await, before);
}

#[tokio::test]
async fn steps_move_through_their_states_and_finish_the_traject() {
    let app = spawn_app().await;
    let token = app.token_for("oss.coordinator").await;
    let als = Als(&app, &token);
    let traject = start(
        &app,
        &token,
        json!({"gebiedId": app.gebied_id("Heidehoek").await, "aanpak": "coachend"}),
    )
    .await;
    let vandaag = weefsel_api::domein::tijd::vandaag().to_string();

    let kick_off = json!({"status": "bezig", "notities": "Kick-off met de dorpsraad."});
    let body = stap(als, &traject, 0, kick_off, 200).await;
    assert_eq!(body["stappen"][0]["gestartOp"], vandaag.as_str());
    assert_eq!(body["stappen"][0]["notities"], "Kick-off met de dorpsraad.");
    let body = stap(als, &traject, 0, json!({"status": "afgerond"}), 200).await;
    assert_eq!(
        (
            body["stappen"][0]["afgerondOp"].clone(),
            body["huidigeStap"].clone()
        ),
        (json!(vandaag), json!(1))
    );

    // Afgerond gaat niet terug naar open, wel naar bezig.
    let problem = stap(als, &traject, 0, json!({"status": "open"}), 409).await;
    assert_detail(&problem, "van afgerond naar open");
    stap(als, &traject, 0, json!({"status": "bezig"}), 200).await;

    // Een stap buiten het plan, een onbekende status, datums in de verkeerde volgorde.
    let problem = stap(als, &traject, 7, json!({"status": "bezig"}), 400).await;
    assert_velden(&problem, &[("nummer", "ongeldig")]);
    let problem = stap(
        als,
        &traject,
        1,
        json!({"status": "klaar", "gestartOp": "gisteren"}),
        400,
    )
    .await;
    assert_velden(
        &problem,
        &[("gestartOp", "ongeldig"), ("status", "ongeldig")],
    );
    let problem = stap(
        als,
        &traject,
        1,
        json!({"status": "afgerond", "gestartOp": "2026-03-10", "afgerondOp": "2026-03-01"}),
        400,
    )
    .await;
    assert_velden(&problem, &[("afgerondOp", "ongeldig")]);
    let id = traject["id"].as_str().expect("id");
    let problem = app
        .patch_expect(
            &format!("/api/v1/trajecten/{id}"),
            &token,
            &json!({"status": "afgerond", "gebiedId": id}),
            400,
        )
        .await;
    assert_velden(
        &problem,
        &[("gebiedId", "onbekend"), ("status", "ongeldig")],
    );
    // Geen van de afgewezen verzoeken heeft iets opgeslagen.
    assert_eq!(
        query_text(&app.db, &format!("SELECT status || coalesce(gestart_op::text, '-') FROM traject_stap WHERE traject_id = '{id}' AND nummer = 1")).await,
        "open-"
    );
    assert_eq!(
        query_text(
            &app.db,
            &format!("SELECT status || version FROM traject WHERE id = '{id}'")
        )
        .await,
        "lopend4"
    );

    // Alles afgerond of overgeslagen: het traject is afgerond en ligt vast.
    stap(als, &traject, 0, json!({"status": "afgerond"}), 200).await;
    for (nummer, status) in [(1, "afgerond"), (2, "overgeslagen"), (3, "afgerond")] {
        stap(als, &traject, nummer, json!({"status": status}), 200).await;
    }
    let body = stap(als, &traject, 4, json!({"status": "afgerond"}), 200).await;
    assert_eq!(
        (body["status"].clone(), body["huidigeStap"].clone()),
        (json!("afgerond"), Value::Null)
    );
    stap(als, &traject, 4, json!({"status": "bezig"}), 409).await;

    // Notities staan alleen als veldnaam in de audit trail.
    let id = traject["id"].as_str().expect("id");
    let audit = query_text(
        &app.db,
        &format!(
            "SELECT string_agg(wijzigingen::text, ' ') FROM audit_trail WHERE resource_id = '{id}'"
        ),
    )
    .await;
    assert!(
        audit.contains("stappen.0.notities") && !audit.contains("dorpsraad"),
        "{audit}"
    );
}

/// De besluiten van een traject als (besluit, soort, datum).
fn besluiten(traject: &Value) -> Vec<(String, String, String)> {
    traject["besluiten"]
        .as_array()
        .expect("besluiten")
        .iter()
        .map(|b| {
            let tekst = |veld: &str| b[veld].as_str().unwrap_or_default().to_owned();
            (tekst("besluit"), tekst("soort"), tekst("datum"))
        })
        .collect()
}

/// De codes van de waarschuwingen van een traject of bijeenkomst.
fn codes(body: &Value) -> Vec<&str> {
    kolom(&body["waarschuwingen"], "code")
}

#[tokio::test]
async fn the_beslismoment_closes_step_4_with_go_nog_niet_or_no_go() {
    let app = spawn_app().await;
    let token = app.token_for("oss.coordinator").await;
    let als = Als(&app, &token);
    let oost = app.gebied_id("Kloosterakker-Oost").await;
    let zelfde = app.user_id("oss.coordinator").await;
    let traject = start(
        &app,
        &token,
        json!({"gebiedId": oost, "aanpak": "weerbaarheid"}),
    )
    .await;
    assert_eq!(
        traject["stappen"][3]["naam"],
        "Randvoorwaarden op orde (met het beslismoment)"
    );
    let id = id_of(&traject);

    // Vóór een go: stap 4 sluit niet (ook niet door overslaan); aan stap 5–12 werken
    // mag, met de waarschuwing voor_beslismoment (een leidraad, geen poort).
    let body = stap(als, &traject, 4, json!({"status": "bezig"}), 200).await;
    assert!(!codes(&body).contains(&"voor_beslismoment"), "{body}");
    for status in ["afgerond", "overgeslagen"] {
        let problem = stap(als, &traject, 4, json!({"status": status}), 409).await;
        assert_eq!(problem["code"], "besluit_ontbreekt");
    }
    let body = stap(als, &traject, 8, json!({"status": "bezig"}), 200).await;
    assert_eq!(body["stappen"][7]["status"], "bezig");
    assert!(codes(&body).contains(&"voor_beslismoment"), "{body}");

    // Een besluit zonder reden of met een onbekende keuze: 400.
    let problem = besluit(als, &traject, json!({"besluit": "misschien"}), 400).await;
    assert_velden(&problem, &[("besluit", "ongeldig"), ("reden", "verplicht")]);

    // Nog niet: stap 4 blijft bezig, stap 5 wacht nog; een later besluit volgt.
    let body = besluit(
        als,
        &traject,
        json!({"besluit": "nog_niet", "reden": "Eerst de wijkagent erbij.", "datum": "2026-09-01"}),
        200,
    )
    .await;
    assert_eq!(
        besluiten(&body),
        [(
            "nog_niet".into(),
            "beslismoment".into(),
            "2026-09-01".into()
        )]
    );
    assert_eq!(body["stappen"][3]["status"], "bezig");
    assert_eq!(body["status"], "lopend");
    assert!(codes(&body).contains(&"voor_beslismoment"), "{body}");

    // Go: stap 4 afgerond op de datum van het besluit; stap 5 is daarna een gewone stap.
    let body = besluit(als, &traject, json!({"besluit": "go", "reden": "Draagvlak bij bewoners en politie.", "datum": "2026-10-01"}), 200).await;
    assert_eq!(
        besluiten(&body),
        [
            (
                "nog_niet".into(),
                "beslismoment".into(),
                "2026-09-01".into()
            ),
            ("go".into(), "beslismoment".into(), "2026-10-01".into())
        ]
    );
    assert!(!codes(&body).contains(&"voor_beslismoment"), "{body}");
    assert_eq!(body["besluiten"][1]["door"], zelfde.as_str());
    assert_eq!(
        (
            body["stappen"][3]["status"].clone(),
            body["stappen"][3]["afgerondOp"].clone()
        ),
        (json!("afgerond"), json!("2026-10-01"))
    );
    // Stap 1–3 staan nog open: de huidige stap is de eerste die niet klaar is.
    assert_eq!(body["huidigeStap"], 1);
    stap(als, &traject, 5, json!({"status": "bezig"}), 200).await;
    stap(als, &traject, 5, json!({"status": "afgerond"}), 200).await;
    stap(als, &traject, 6, json!({"status": "bezig"}), 200).await;

    // Na een go is elk besluit een evaluatie: go (door) of no_go (stop); nog_niet is 400.
    let problem = besluit(
        als,
        &traject,
        json!({"besluit": "nog_niet", "reden": "x", "datum": "2026-11-01"}),
        400,
    )
    .await;
    assert_velden(&problem, &[("besluit", "ongeldig")]);
    let body = besluit(
        als,
        &traject,
        json!({"besluit": "go", "reden": "Evaluatie: loopt.", "datum": "2026-11-01"}),
        200,
    )
    .await;
    assert_eq!(
        besluiten(&body)[2],
        ("go".into(), "evaluatie".into(), "2026-11-01".into())
    );
    assert_eq!(body["stappen"][3]["afgerondOp"], "2026-10-01");
    assert_eq!(body["status"], "lopend");
    let body = besluit(
        als,
        &traject,
        json!({"besluit": "no_go", "reden": "Evaluatie: stoppen.", "datum": "2026-11-15"}),
        200,
    )
    .await;
    assert_eq!(
        besluiten(&body)[3],
        ("no_go".into(), "evaluatie".into(), "2026-11-15".into())
    );
    assert_eq!(body["status"], "gestopt");
    // Na een no_go is er geen besluit meer.
    for keuze in ["no_go", "nog_niet", "go"] {
        let problem = besluit(als, &traject, json!({"besluit": keuze, "reden": "x"}), 409).await;
        assert_eq!(problem["code"], "besluit_genomen");
    }
    assert_eq!(
        app.scalar_i64(&format!(
            "SELECT count(*) FROM traject_besluit WHERE traject_id = '{id}'"
        ))
        .await,
        4
    );

    // Een no-go stopt het traject en is ook definitief.
    let tweede = start(
        &app,
        &token,
        json!({"gebiedId": oost, "aanpak": "weerbaarheid"}),
    )
    .await;
    let tweede_id = id_of(&tweede);
    let body = besluit(
        als,
        &tweede,
        json!({"besluit": "no_go", "reden": "Geen sleutelfiguren gevonden."}),
        200,
    )
    .await;
    assert_eq!(body["status"], "gestopt");
    stap(als, &tweede, 5, json!({"status": "bezig"}), 409).await;
    app.patch_expect(
        &format!("/api/v1/trajecten/{tweede_id}"),
        &token,
        &json!({"naam": "Toch"}),
        409,
    )
    .await;
    let problem = besluit(
        als,
        &tweede,
        json!({"besluit": "go", "reden": "Toch wel."}),
        409,
    )
    .await;
    assert_eq!(problem["code"], "besluit_genomen");

    // Alleen het weerbaarheidsplan heeft een beslismoment; daar is stap 4 gewoon.
    let coachend = start(
        &app,
        &token,
        json!({"gebiedId": oost, "aanpak": "coachend"}),
    )
    .await;
    let problem = besluit(als, &coachend, json!({"besluit": "go", "reden": "x"}), 409).await;
    assert_eq!(problem["code"], "geen_beslismoment");
    stap(als, &coachend, 4, json!({"status": "afgerond"}), 200).await;

    // Elke mutatie staat in de audit trail; de reden alleen bij naam.
    let audit = query_text(
        &app.db,
        &format!(
            "SELECT string_agg(wijzigingen::text, ' ' ORDER BY volgnummer) FROM audit_trail \
             WHERE resource = 'traject' AND resource_id = '{id}'"
        ),
    )
    .await;
    for veld in ["\"besluit\"", "nog_niet", "besluitReden", "2026-10-01"] {
        assert!(audit.contains(veld), "{veld}: {audit}");
    }
    assert!(!audit.contains("wijkagent"), "{audit}");
}

#[tokio::test]
async fn verbinders_are_a_list_with_warnings_about_roles_people_and_terms() {
    let app = spawn_app().await;
    let token = app.token_for("oss.coordinator").await;
    let oost = app.gebied_id("Kloosterakker-Oost").await;
    let coordinator = app.user_id("oss.coordinator").await;
    let beheerder = app.user_id("oss.beheerder").await;
    let raadpleger = app.user_id("oss.raadpleger").await;
    let vught = app.user_id("vught.coordinator").await;

    // Eén persoon in beide rollen, en een benoeming van twee jaar.
    let traject = start(
        &app,
        &token,
        json!({"gebiedId": oost, "aanpak": "weerbaarheid", "verbinders": [
            {"gebruikerId": coordinator, "rol": "wijkverbinder", "vanaf": "2026-01-01", "tot": "2028-01-01"},
            {"gebruikerId": coordinator, "rol": "gemeenteverbinder", "vanaf": "2026-01-01"}
        ]}),
    )
    .await;
    assert_eq!(
        codes(&traject),
        ["verbinder_dubbel", "aanstelling_te_kort"],
        "{traject}"
    );
    assert!(
        traject["waarschuwingen"][0]["detail"]
            .as_str()
            .is_some_and(|d| d.contains("zowel wijkverbinder als gemeenteverbinder")),
        "{traject}"
    );
    assert_eq!(
        kolom(&traject["verbinders"], "rol"),
        ["wijkverbinder", "gemeenteverbinder"]
    );
    let pad = format!("/api/v1/trajecten/{}", id_of(&traject));

    // Een duo voor drie jaar en een tweede wijkverbinder (een klein team): geen waarschuwing.
    let team = json!({"verbinders": [
        {"gebruikerId": coordinator, "rol": "wijkverbinder", "vanaf": "2026-01-01", "tot": "2029-01-01"},
        {"gebruikerId": raadpleger, "rol": "wijkverbinder", "vanaf": "2026-03-01"},
        {"gebruikerId": beheerder, "rol": "gemeenteverbinder", "vanaf": "2026-01-01"}
    ]});
    let body = app.patch_expect(&pad, &token, &team, 200).await;
    assert_eq!(body["waarschuwingen"], json!([]), "{body}");
    assert_eq!(body["verbinders"].as_array().map(Vec::len), Some(3));

    // Fouten: een gebruiker van een andere gemeente, een einde vóór het begin, een
    // dubbele; niets verandert.
    let fout = json!({"verbinders": [
        {"gebruikerId": vught, "rol": "wijkverbinder"},
        {"gebruikerId": beheerder, "rol": "gemeenteverbinder", "vanaf": "2026-05-01", "tot": "2026-04-01"},
        {"gebruikerId": beheerder, "rol": "gemeenteverbinder"}
    ]});
    let problem = app.patch_expect(&pad, &token, &fout, 400).await;
    assert_velden(
        &problem,
        &[
            ("verbinders.0.gebruikerId", "ongeldig"),
            ("verbinders.1.tot", "ongeldig"),
            ("verbinders.2", "dubbel"),
        ],
    );
    assert_eq!(
        app.get_json_as(&pad, &token).await["verbinders"]
            .as_array()
            .map(Vec::len),
        Some(3)
    );

    // Zonder verbinders: een rol ontbreekt, en een benoeming zonder startdatum.
    let body = app
        .patch_expect(
            &pad,
            &token,
            &json!({"verbinders": [{"gebruikerId": raadpleger, "rol": "wijkverbinder"}]}),
            200,
        )
        .await;
    assert_eq!(
        codes(&body),
        ["verbinder_ontbreekt", "aanstelling_zonder_begin"],
        "{body}"
    );
    let body = app
        .patch_expect(&pad, &token, &json!({"verbinders": []}), 200)
        .await;
    assert_eq!(body["verbinders"], json!([]));
}

/// Een stap bijhouden met een verouderde `ETag` van het traject: 412, en de stap
/// blijft zoals hij was; met de geldende `ETag` gaat het door.
#[tokio::test]
async fn a_step_update_honours_if_match() {
    let app = spawn_app().await;
    let token = app.token_for("oss.coordinator").await;
    let als = Als(&app, &token);
    let traject = app.nieuw_traject(&token, "coachend", None).await;
    let id = id_of(&traject);
    let path = format!("/api/v1/trajecten/{id}/stappen/0");
    let oud = header(
        app.get_as(&format!("/api/v1/trajecten/{id}"), &token)
            .await
            .headers(),
        "etag",
    );
    let response = stap(als, &traject, 0, json!({"status": "bezig"}), 200).await;
    assert_eq!(response["stappen"][0]["status"], "bezig");

    let body = json!({"status": "overgeslagen"});
    let stale = app
        .met_if_match(Method::PATCH, &path, &token, &oud, Some(&body))
        .await;
    assert_problem(stale, 412).await;
    assert_eq!(
        query_text(
            &app.db,
            &format!(
                "SELECT status::text FROM traject_stap WHERE traject_id = '{id}' AND nummer = 0"
            )
        )
        .await,
        "bezig"
    );

    let huidig = header(
        app.get_as(&format!("/api/v1/trajecten/{id}"), &token)
            .await
            .headers(),
        "etag",
    );
    let response = app
        .met_if_match(Method::PATCH, &path, &token, &huidig, Some(&body))
        .await;
    assert_eq!(response.status(), 200);
    assert_ne!(header(response.headers(), "etag"), huidig);
}
