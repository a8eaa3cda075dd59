//! De invoerregels (issue 9, punt 4 en 5): tekst zonder stuurtekens of onzichtbare
//! tekens, namen die iets zeggen, letterlijk zoeken, getallen en datums binnen
//! grenzen. Elke weigering is 400 met het veld bij naam en laat niets achter.

use serde_json::{Value, json};

use crate::helpers::{
    TestApp, assert_problem, assert_velden, id_of, invalid_params, kolom, reden, spawn_app,
};

/// Het aantal rijen van een tabel: een weigering verandert het niet.
async fn rijen(app: &TestApp, tabel: &str) -> i64 {
    app.scalar_i64(&format!("SELECT count(*) FROM {tabel}"))
        .await
}

/// POST `body` moet 400 geven met precies deze velden en codes, en niets bewaren.
async fn geweigerd(
    app: &TestApp,
    token: &str,
    pad: &str,
    tabel: &str,
    body: Value,
    verwacht: &[(&str, &str)],
) -> Value {
    let voor = rijen(app, tabel).await;
    let problem = app.post_expect(pad, token, &body, 400).await;
    assert_velden(&problem, verwacht);
    assert_eq!(rijen(app, tabel).await, voor, "{body}");
    problem
}

const ONGELDIGE_NAMEN: [&str; 8] = [
    "Oss\u{0}Centrum",
    "Oss\u{7}",
    "Twee\nregels",
    "   ",
    "\u{a0}\u{3000}",
    "Centrum\u{202e}tsoo",
    "Cent\u{200b}rum",
    "\u{feff}Centrum",
];

#[tokio::test]
async fn names_without_control_invisible_or_only_blank_characters() {
    let app = spawn_app().await;
    let coordinator = app.token_for("oss.coordinator").await;
    let beheerder = app.token_for("oss.beheerder").await;
    for naam in ONGELDIGE_NAMEN {
        geweigerd(
            &app,
            &coordinator,
            "/api/v1/gebieden",
            "gebied",
            json!({"naam": naam, "soort": "wijk"}),
            &[("naam", "ongeldig")],
        )
        .await;
        geweigerd(
            &app,
            &beheerder,
            "/api/v1/koppelingen",
            "koppeling",
            json!({"naam": naam, "scopes": ["gebieden.lezen"]}),
            &[("naam", "ongeldig")],
        )
        .await;
    }
    // Ook bij een wijziging, en de reden zegt wat er mis is.
    let gebied = app.nieuw_gebied(&coordinator, json!({})).await;
    let pad = format!("/api/v1/gebieden/{}", id_of(&gebied));
    let problem = app
        .patch_expect(&pad, &coordinator, &json!({"naam": " \t "}), 400)
        .await;
    assert_velden(&problem, &[("naam", "ongeldig")]);
    let problem = app
        .patch_expect(&pad, &coordinator, &json!({"naam": "  "}), 400)
        .await;
    assert!(reden(&problem, "naam").contains("spaties"), "{problem}");
    // Een naam met gewone spaties, accenten en leestekens mag.
    let goed = "Sint-Michielsgestel – Den Dungen (Zuid)";
    let gewijzigd = app
        .patch_expect(&pad, &coordinator, &json!({"naam": goed}), 200)
        .await;
    assert_eq!(gewijzigd["naam"], goed);
}

#[tokio::test]
async fn an_empty_name_is_too_short_and_says_so() {
    let app = spawn_app().await;
    let token = app.token_for("oss.coordinator").await;
    let problem = geweigerd(
        &app,
        &token,
        "/api/v1/gebieden",
        "gebied",
        json!({"naam": "", "soort": "wijk"}),
        &[("naam", "te_kort")],
    )
    .await;
    assert!(reden(&problem, "naam").starts_with("Te kort"), "{problem}");
    let problem = geweigerd(
        &app,
        &app.token_for("oss.beheerder").await,
        "/api/v1/gebruikers",
        "gebruiker",
        json!({"gebruikersnaam": "", "rollen": ["raadpleger"], "wachtwoord": "lang-genoeg-wachtwoord-1"}),
        &[("gebruikersnaam", "te_kort")],
    )
    .await;
    assert!(
        reden(&problem, "gebruikersnaam").starts_with("Te kort"),
        "{problem}"
    );
}

#[tokio::test]
async fn notes_keep_newlines_and_tabs_but_refuse_other_control_characters() {
    let app = spawn_app().await;
    let token = app.token_for("oss.coordinator").await;
    let traject = app.nieuw_traject(&token, "coachend", None).await;
    let pad = format!("/api/v1/trajecten/{}/stappen/1", id_of(&traject));
    for fout in ["a\u{0}b", "a\u{1b}[31mrood", "a\u{202e}b", "a\rb"] {
        let problem = app
            .patch_expect(&pad, &token, &json!({"notities": fout}), 400)
            .await;
        assert_velden(&problem, &[("notities", "ongeldig")]);
    }
    let goed = "Eerste regel\n\tingesprongen tweede";
    let stap = app
        .patch_expect(&pad, &token, &json!({"notities": goed}), 200)
        .await;
    let notities = stap["stappen"]
        .as_array()
        .and_then(|s| s.iter().find(|s| s["nummer"] == 1))
        .map(|s| s["notities"].clone());
    assert_eq!(notities, Some(json!(goed)));
}

#[tokio::test]
async fn nul_bytes_never_reach_the_database() {
    let app = spawn_app().await;
    // Zonder token, op het tokenendpoint: 400, geen 500.
    for (veld, waarde) in [
        ("username", "oss.\u{0}coordinator"),
        ("password", "a\u{0}b"),
    ] {
        let mut velden = vec![
            ("grant_type", "password"),
            ("username", "oss.coordinator"),
            ("password", "iets"),
        ];
        velden.retain(|(k, _)| *k != veld);
        velden.push((veld, waarde));
        let problem = assert_problem(app.token_request(&velden).await, 400).await;
        assert_eq!(problem["error"], "invalid_request", "{veld}: {problem}");
    }
    let problem = assert_problem(
        app.token_request(&[
            ("grant_type", "client_credentials"),
            ("client_id", "\u{0}"),
            ("client_secret", "x"),
        ])
        .await,
        400,
    )
    .await;
    assert_eq!(problem["error"], "invalid_request", "{problem}");
    // Zonder token, bij het wachtwoord wijzigen.
    let problem = assert_problem(
        app.post_anonymous(
            "/api/v1/auth/wachtwoord",
            &json!({"gebruikersnaam": "oss.\u{0}coordinator", "wachtwoord": "x",
                    "nieuwWachtwoord": "een-nieuw-wachtwoord-7"}),
        )
        .await,
        400,
    )
    .await;
    assert_velden(&problem, &[("gebruikersnaam", "ongeldig")]);
    // In querywaarden.
    let token = app.token_for("oss.beheerder").await;
    for (pad, veld) in [
        ("/api/v1/gebieden?naam=Oss%00", "naam"),
        ("/api/v1/audit-trail?resourceId=%00", "resourceId"),
        ("/api/v1/gebieden?naam=%E2%80%AE", "naam"),
    ] {
        let problem = app.get_expect(pad, &token, 400).await;
        assert_eq!(
            invalid_params(&problem),
            [(veld.to_owned(), "ongeldig".to_owned())],
            "{pad}"
        );
    }
}

#[tokio::test]
async fn searching_for_percent_or_underscore_is_literal() {
    let app = spawn_app().await;
    let token = app.token_for("oss.coordinator").await;
    app.nieuw_gebied(&token, json!({"naam": "100% groen"}))
        .await;
    app.nieuw_gebied(&token, json!({"naam": "Wijk_Noord"}))
        .await;
    app.nieuw_gebied(&token, json!({"naam": "WijkXNoord"}))
        .await;
    app.nieuw_gebied(&token, json!({"naam": "Back\\slash"}))
        .await;
    for (zoek, verwacht) in [
        ("%25", vec!["100% groen"]),
        ("_", vec!["Wijk_Noord"]),
        ("k_N", vec!["Wijk_Noord"]),
        ("%5C", vec!["Back\\slash"]),
        ("wijk", vec!["WijkXNoord", "Wijk_Noord"]),
    ] {
        let lijst = app
            .get_expect(&format!("/api/v1/gebieden?naam={zoek}"), &token, 200)
            .await;
        assert_eq!(
            kolom(&lijst["resultaten"], "naam"),
            verwacht,
            "?naam={zoek}"
        );
    }
}

#[tokio::test]
async fn numbers_stay_within_sane_bounds() {
    let app = spawn_app().await;
    let token = app.token_for("oss.coordinator").await;
    let gebied = id_of(&app.nieuw_gebied(&token, json!({})).await);
    let pad = format!("/api/v1/gebieden/{gebied}/indicatoren");
    let basis = json!({"peildatum": "2026-01-01", "bron": "CBS"});
    for veld in [
        "burgerinitiatievenPer1000",
        "buurthuisbezoekPer1000",
        "overlastregistratiesPer1000",
    ] {
        for waarde in [json!(1e300), json!(1000.5), json!(-1)] {
            let problem = geweigerd(
                &app,
                &token,
                &pad,
                "indicatormeting",
                crate::helpers::met(basis.clone(), json!({veld: waarde})),
                &[(veld, "ongeldig")],
            )
            .await;
            assert!(
                reden(&problem, veld).contains("tot en met 1000"),
                "{problem}"
            );
        }
        app.post_expect(
            &pad,
            &token,
            &crate::helpers::met(basis.clone(), json!({veld: 1000})),
            201,
        )
        .await;
    }
    // Ook het inwonertal van een gebied.
    geweigerd(
        &app,
        &token,
        "/api/v1/gebieden",
        "gebied",
        json!({"naam": "Groot", "soort": "wijk", "inwonertal": 1e300}),
        &[("inwonertal", "ongeldig")],
    )
    .await;
}

const ONGELDIGE_DATUMS: [&str; 10] = [
    "2026-6-1",
    "2026-06-1",
    "+2026-06-01",
    "-0001-01-01",
    "0000-01-01",
    "1899-12-31",
    "2101-01-01",
    "2026-02-30",
    "26-06-01",
    "2026-06-01T00:00:00Z",
];

#[tokio::test]
async fn dates_are_strict_and_within_1900_to_2100() {
    let app = spawn_app().await;
    let token = app.token_for("oss.coordinator").await;
    let gebied = id_of(&app.nieuw_gebied(&token, json!({})).await);
    let metingen = format!("/api/v1/gebieden/{gebied}/indicatoren");
    let traject = app.nieuw_traject(&token, "weerbaarheid", None).await;
    let traject_id = id_of(&traject);
    let stap = format!("/api/v1/trajecten/{traject_id}/stappen/1");
    app.patch_expect(
        &format!("/api/v1/trajecten/{traject_id}/stappen/4"),
        &token,
        &json!({"status": "bezig"}),
        200,
    )
    .await;
    let besluit = format!("/api/v1/trajecten/{traject_id}/besluiten");
    let beheerder = app.token_for("oss.beheerder").await;
    for datum in ONGELDIGE_DATUMS {
        geweigerd(
            &app,
            &token,
            &metingen,
            "indicatormeting",
            json!({"peildatum": datum, "bron": "CBS", "leefbaarometer": 5}),
            &[("peildatum", "ongeldig")],
        )
        .await;
        let problem = app
            .patch_expect(
                &stap,
                &token,
                &json!({"status": "bezig", "gestartOp": datum}),
                400,
            )
            .await;
        assert_velden(&problem, &[("gestartOp", "ongeldig")]);
        assert!(
            reden(&problem, "gestartOp").contains("JJJJ-MM-DD"),
            "{problem}"
        );
        let problem = app
            .post_expect(
                &besluit,
                &token,
                &json!({"besluit": "go", "reden": "Draagvlak.", "datum": datum}),
                400,
            )
            .await;
        assert_velden(&problem, &[("datum", "ongeldig")]);
        let problem = app
            .get_expect(
                &format!(
                    "/api/v1/audit-trail?vanaf={}",
                    crate::helpers::urlencode(datum)
                ),
                &beheerder,
                400,
            )
            .await;
        assert_velden(&problem, &[("vanaf", "ongeldig")]);
    }
    // Niets is veranderd: de stap staat nog open, er is geen besluit.
    let nu = app
        .get_expect(&format!("/api/v1/trajecten/{traject_id}"), &token, 200)
        .await;
    assert_eq!(nu["stappen"][0]["status"], "open");
    assert_eq!(nu["besluiten"], json!([]));
    // De randen van het bereik mogen.
    app.patch_expect(
        &stap,
        &token,
        &json!({"status": "bezig", "gestartOp": "1900-01-01"}),
        200,
    )
    .await;
    app.get_expect("/api/v1/audit-trail?tot=2100-12-31", &beheerder, 200)
        .await;
}

/// Een lege tekst wist geen vrije tekst in een wijziging: `null` wist, `""` is
/// `te_kort` (de database kent geen lege vrije tekst; eerder gaf dat een 500).
#[tokio::test]
async fn an_empty_text_in_a_change_is_too_short_and_null_clears() {
    let app = spawn_app().await;
    let coordinator = app.token_for("oss.coordinator").await;
    let persoon = id_of(
        &app.nieuwe_sleutelpersoon(&coordinator, json!({"notities": "Eerste gesprek."}))
            .await,
    );
    let pad = format!("/api/v1/sleutelpersonen/{persoon}");
    let problem = app
        .patch_expect(
            &pad,
            &coordinator,
            &json!({"notities": "", "typen": []}),
            400,
        )
        .await;
    assert_velden(&problem, &[("notities", "te_kort")]);
    let body = app
        .patch_expect(&pad, &coordinator, &json!({"notities": null}), 200)
        .await;
    assert_eq!(body["notities"], Value::Null);
}
