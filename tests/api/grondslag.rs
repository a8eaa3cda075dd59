//! De grondslag is de keuze van de gemeente (issue 32, T4): haar `gemeente_beheerder`
//! legt haar vast met het besluit van het college, nooit de regio; het recht om een
//! instelling te wijzigen is per veld.

use serde_json::{Value, json};

use crate::helpers::{query_text, spawn_app};

const PAD: &str = "/api/v1/gemeenten/GM0828";

fn besluit() -> Value {
    json!({"datum": "2026-11-03", "kenmerk": "B&W 2026/1187"})
}

#[tokio::test]
async fn alleen_de_gemeente_legt_haar_grondslag_vast() {
    let app = spawn_app().await;
    let beheerder = app.token_for("oss.beheerder").await;
    let regio = app.token_for("regio.beheerder").await;

    let gemeente = app.get_json_as(PAD, &beheerder).await;
    assert_eq!(gemeente["grondslag"], "toestemming");
    assert!(gemeente.get("grondslagBesluit").is_none() || gemeente["grondslagBesluit"].is_null());

    // De regio: 403 met het veld genoemd, ook samen met een veld dat zij wel mag; er
    // verandert niets.
    for body in [
        json!({"grondslag": "publieke_taak", "grondslagBesluit": besluit()}),
        json!({"grootteDrempel": 4000, "grondslagBesluit": besluit()}),
    ] {
        let problem = app.patch_expect(PAD, &regio, &body, 403).await;
        assert_eq!(problem["code"], "geen_recht");
        let veld = if body.get("grondslag").is_some() {
            "grondslag"
        } else {
            "grondslagBesluit"
        };
        assert!(
            problem["detail"]
                .as_str()
                .unwrap_or_default()
                .contains(veld),
            "{problem}"
        );
        assert_eq!(problem["invalidParams"][0]["name"], veld, "{problem}");
    }
    assert_eq!(
        app.get_json_as(PAD, &beheerder).await["grootteDrempel"],
        5000
    );
    // Wat de regio wel mag, mag zij nog.
    let gewijzigd = app
        .patch_expect(PAD, &regio, &json!({"grootteDrempel": 4000}), 200)
        .await;
    assert_eq!(gewijzigd["grootteDrempel"], 4000);
    assert_eq!(gewijzigd["grondslag"], "toestemming");

    // Een andere rol van de gemeente: 403.
    for wie in ["oss.coordinator", "oss.budgethouder", "oss.raadpleger"] {
        let token = app.token_for(wie).await;
        app.patch_expect(
            PAD,
            &token,
            &json!({"grondslag": "publieke_taak", "grondslagBesluit": besluit()}),
            403,
        )
        .await;
    }

    // De gemeente: zonder besluit 400, met een besluit in de toekomst 400.
    let problem = app
        .patch_expect(PAD, &beheerder, &json!({"grondslag": "publieke_taak"}), 400)
        .await;
    assert_eq!(problem["invalidParams"][0]["name"], "grondslagBesluit");
    let problem = app
        .patch_expect(
            PAD,
            &beheerder,
            &json!({"grondslag": "publieke_taak",
                    "grondslagBesluit": {"datum": "2999-01-01", "kenmerk": "B&W 2999/1"}}),
            400,
        )
        .await;
    assert_eq!(
        problem["invalidParams"][0]["name"],
        "grondslagBesluit.datum"
    );
    assert_eq!(
        app.get_json_as(PAD, &beheerder).await["grondslag"],
        "toestemming"
    );

    let gewijzigd = app
        .patch_expect(
            PAD,
            &beheerder,
            &json!({"grondslag": "publieke_taak", "grondslagBesluit": besluit()}),
            200,
        )
        .await;
    assert_eq!(gewijzigd["grondslag"], "publieke_taak");
    assert_eq!(gewijzigd["grondslagBesluit"], besluit());
    // Ook de regio leest haar (de gemeente is openbaar), maar wijzigt haar niet.
    assert_eq!(
        app.get_json_as(PAD, &regio).await["grondslag"],
        "publieke_taak"
    );

    // De audit trail: oude en nieuwe waarde, in de keten van de gemeente.
    let regels = app
        .get_json_as("/api/v1/audit-trail?resource=gemeente", &beheerder)
        .await;
    let wijzigingen = &regels["resultaten"][0]["wijzigingen"];
    assert!(
        wijzigingen.as_array().expect("wijzigingen").contains(
            &json!({"veld": "grondslag", "oud": "toestemming", "nieuw": "publieke_taak"})
        ),
        "{wijzigingen}"
    );
    assert!(
        wijzigingen
            .as_array()
            .expect("wijzigingen")
            .contains(&json!({"veld": "grondslagBesluit", "oud": null, "nieuw": besluit()})),
        "{wijzigingen}"
    );
}

/// Ook in de database: de regio (of een andere gemeente) verandert de grondslag niet.
#[tokio::test]
async fn de_database_laat_de_regio_de_grondslag_niet_wijzigen() {
    let app = spawn_app().await;
    let pool = weefsel_api::db::connect(&app.database.url, &crate::helpers::test_config())
        .await
        .expect("pool");
    let oss = query_text(
        &app.db,
        "SELECT id::text FROM gemeente WHERE code = 'GM0828'",
    )
    .await;
    let vught = query_text(
        &app.db,
        "SELECT id::text FROM gemeente WHERE code = 'GM0865'",
    )
    .await;
    for (gemeente, regio) in [("", "beheer"), (vught.as_str(), "")] {
        let tx = sea_orm::TransactionTrait::begin(&pool)
            .await
            .expect("transactie");
        let sql = format!(
            "SELECT set_config('weefsel.gemeente', '{gemeente}', true), \
             set_config('weefsel.regio', '{regio}', true)"
        );
        sea_orm::ConnectionTrait::execute_unprepared(&tx, &sql)
            .await
            .expect("context");
        let sql = format!(
            "UPDATE gemeente SET grondslag = 'publieke_taak', grondslag_besluit_datum = '2026-01-01', \
             grondslag_besluit_kenmerk = 'x' WHERE id = '{oss}'"
        );
        match sea_orm::ConnectionTrait::execute_unprepared(&tx, &sql).await {
            Ok(r) => {
                assert_eq!(r.rows_affected(), 0, "{sql}");
                tx.commit().await.expect("commit");
            }
            Err(e) => assert!(e.to_string().contains("grondslag"), "{e}"),
        }
    }
    assert_eq!(
        query_text(
            &app.db,
            &format!("SELECT grondslag FROM gemeente WHERE id = '{oss}'")
        )
        .await,
        "toestemming"
    );
}

/// Zet de grondslag van Oss op `publieke_taak` (als haar gemeente_beheerder).
async fn publieke_taak(app: &crate::helpers::TestApp) {
    let beheerder = app.token_for("oss.beheerder").await;
    app.patch_expect(
        PAD,
        &beheerder,
        &json!({"grondslag": "publieke_taak", "grondslagBesluit": besluit()}),
        200,
    )
    .await;
}

fn afspraak() -> Value {
    json!({"datum": "2026-11-10", "bewaartermijnTot": "2028-11-10", "delenMet": ["netwerkleden"]})
}

/// Wat elke grondslag vraagt (punt 2): onder `publieke_taak` is een persoon actief met
/// een afspraak over gebruik en delen en een bewaartermijn, zonder toestemming;
/// bijzondere gegevens vragen toch uitdrukkelijke toestemming; terug naar
/// `toestemming` kan niet zolang zo iemand actief is.
#[tokio::test]
async fn onder_publieke_taak_een_afspraak_in_plaats_van_toestemming() {
    let app = spawn_app().await;
    let coordinator = app.token_for("oss.coordinator").await;
    let beheerder = app.token_for("oss.beheerder").await;
    let tel = || async { app.scalar_i64("SELECT count(*) FROM sleutelpersoon").await };
    let voor = tel().await;

    // Onder toestemming: een afspraak in plaats van toestemming is 400, en er staat
    // niets.
    let problem = app
        .post_expect(
            "/api/v1/sleutelpersonen",
            &coordinator,
            &json!({"voornaam": "Aafke", "status": "actief", "afspraak": afspraak()}),
            400,
        )
        .await;
    let velden: Vec<&str> = problem["invalidParams"]
        .as_array()
        .expect("invalidParams")
        .iter()
        .filter_map(|p| p["name"].as_str())
        .collect();
    assert!(velden.contains(&"afspraak"), "{problem}");
    assert_eq!(tel().await, voor);

    publieke_taak(&app).await;

    // Actief met een afspraak, zonder toestemming.
    let persoon = app
        .nieuwe_sleutelpersoon(
            &coordinator,
            json!({"voornaam": "Aafke", "status": "actief", "afspraak": afspraak()}),
        )
        .await;
    assert_eq!(persoon["status"], "actief");
    assert!(persoon["toestemming"].is_null(), "{persoon}");
    assert_eq!(persoon["afspraak"]["delenMet"], json!(["netwerkleden"]));
    assert_eq!(persoon["bewaartermijnTot"], "2028-11-10");
    let id = crate::helpers::id_of(&persoon);

    // Zonder afspraak (en zonder toestemming) niet actief; ook niet met beide.
    for body in [
        json!({"voornaam": "Bert", "status": "actief"}),
        json!({"voornaam": "Bert", "status": "actief", "afspraak": afspraak(),
               "toestemming": {"datum": "2026-11-10", "doel": "netwerk", "bewaartermijnTot": "2028-01-01"}}),
    ] {
        app.post_expect("/api/v1/sleutelpersonen", &coordinator, &body, 400)
            .await;
    }
    // Een afspraak zonder bewaartermijn is 400 (het schema).
    app.post_expect(
        "/api/v1/sleutelpersonen",
        &coordinator,
        &json!({"voornaam": "Bert", "status": "actief",
                "afspraak": {"datum": "2026-11-10", "delenMet": []}}),
        400,
    )
    .await;

    // Bijzondere gegevens: zonder uitdrukkelijke toestemming 400, ook onder
    // publieke_taak; met `afspraak.bijzondereGegevens` goed.
    for (body, veld) in [
        (
            json!({"voornaam": "Cor", "status": "actief", "afspraak": afspraak(),
                   "diversiteit": {"migratieachtergrond": true}}),
            "diversiteit.migratieachtergrond",
        ),
        (
            json!({"voornaam": "Cor", "status": "actief", "afspraak": afspraak(),
                   "levensbeschouwing": "moskee"}),
            "levensbeschouwing",
        ),
    ] {
        let problem = app
            .post_expect("/api/v1/sleutelpersonen", &coordinator, &body, 400)
            .await;
        assert_eq!(problem["invalidParams"][0]["name"], veld, "{problem}");
    }
    assert_eq!(tel().await, voor + 1);
    let mut met_bijzonder = afspraak();
    met_bijzonder["bijzondereGegevens"] = json!(true);
    app.nieuwe_sleutelpersoon(
        &coordinator,
        json!({"voornaam": "Cor", "status": "actief", "afspraak": met_bijzonder,
               "levensbeschouwing": "moskee"}),
    )
    .await;
    // Ook via PATCH: levensbeschouwing bij Aafke zonder toestemming ervoor is 400.
    let pad = format!("/api/v1/sleutelpersonen/{id}");
    let r = app
        .patch_huidig(&pad, &coordinator, &json!({"levensbeschouwing": "kerk"}))
        .await;
    assert_eq!(r.status(), 400);

    // Terug naar toestemming: 409 zolang Aafke en Cor zonder toestemming actief zijn.
    let terug = json!({"grondslag": "toestemming",
                       "grondslagBesluit": {"datum": "2026-12-01", "kenmerk": "B&W 2026/1300"}});
    let problem = app.patch_expect(PAD, &beheerder, &terug, 409).await;
    assert_eq!(problem["code"], "grondslag_in_gebruik");
    assert_eq!(
        app.get_json_as(PAD, &beheerder).await["grondslag"],
        "publieke_taak"
    );

    // Ook de database laat het niet toe (de muur achter de regel).
    let pool = weefsel_api::db::connect(&app.database.url, &crate::helpers::test_config())
        .await
        .expect("pool");
    let oss = query_text(
        &app.db,
        "SELECT id::text FROM gemeente WHERE code = 'GM0828'",
    )
    .await;
    let tx = sea_orm::TransactionTrait::begin(&pool)
        .await
        .expect("transactie");
    sea_orm::ConnectionTrait::execute_unprepared(
        &tx,
        &format!("SELECT set_config('weefsel.gemeente', '{oss}', true), set_config('weefsel.beheren', 'ja', true)"),
    )
    .await
    .expect("context");
    let fout = sea_orm::ConnectionTrait::execute_unprepared(
        &tx,
        &format!("UPDATE gemeente SET grondslag = 'toestemming' WHERE id = '{oss}'"),
    )
    .await;
    match fout {
        Ok(r) => panic!(
            "de database liet de grondslag terugzetten ({} rij)",
            r.rows_affected()
        ),
        Err(e) => assert!(e.to_string().contains("grondslag_in_gebruik"), "{e}"),
    }
    drop(tx);

    // Met toestemming voor iedereen die actief is, kan het wel; daarna is een afspraak
    // weer 400.
    let ids: Vec<String> = app
        .get_json_as(
            "/api/v1/sleutelpersonen?status=actief&paginaGrootte=100",
            &coordinator,
        )
        .await["resultaten"]
        .as_array()
        .expect("resultaten")
        .iter()
        .filter(|p| p["afspraak"].is_object())
        .map(crate::helpers::id_of)
        .collect();
    assert_eq!(ids.len(), 2);
    for p in &ids {
        let pad = format!("/api/v1/sleutelpersonen/{p}");
        let toestemming = json!({"toestemming": {"datum": "2026-11-20", "doel": "netwerk",
                                                 "bewaartermijnTot": "2028-01-01", "bijzondereGegevens": true}});
        let r = app.patch_huidig(&pad, &coordinator, &toestemming).await;
        assert_eq!(r.status(), 200, "{}", r.text().await.unwrap_or_default());
    }
    let na = app.get_json_as(&pad, &coordinator).await;
    assert!(
        na["afspraak"].is_null() && na["toestemming"].is_object(),
        "{na}"
    );
    app.patch_expect(PAD, &beheerder, &terug, 200).await;
    app.post_expect(
        "/api/v1/sleutelpersonen",
        &coordinator,
        &json!({"voornaam": "Dirk", "afspraak": afspraak()}),
        400,
    )
    .await;
}

const VOORNAAM: &str = "Gerolda";
const ACHTERNAAM: &str = "Vinkenborg";
const EMAIL: &str = "gerolda.v@voorbeeld.nl";

/// Bezwaar (punt 3): gehonoreerd anonimiseert, afgewezen houdt de persoon, onder
/// toestemming is er geen bezwaar, bij verhoogd risico alleen de genoemde ambtenaren,
/// en het bezwaar staat in de inzage (de audit trail noemt het alleen bij naam).
#[tokio::test]
async fn bezwaar_gehonoreerd_anonimiseert_afgewezen_houdt() {
    let app = spawn_app().await;
    let coordinator = app.token_for("oss.coordinator").await;
    let beheerder = app.token_for("oss.beheerder").await;
    let coordinator_id = app.user_id("oss.coordinator").await;
    let bezwaar = |uitkomst: &str, motivering: &str| json!({"ontvangenOp": "2026-11-28", "uitkomst": uitkomst, "motivering": motivering});

    // Onder toestemming: 409, er staat niets.
    let persoon = crate::helpers::id_of(
        &app.nieuwe_sleutelpersoon(&coordinator, json!({"voornaam": "Els"}))
            .await,
    );
    let problem = app
        .post_expect(
            &format!("/api/v1/sleutelpersonen/{persoon}/bezwaar"),
            &coordinator,
            &bezwaar("afgewezen", "Dwingende gronden."),
            409,
        )
        .await;
    assert_eq!(problem["code"], "geen_bezwaar_bij_toestemming");
    assert_eq!(
        app.scalar_i64("SELECT count(*) FROM sleutelpersoon_bezwaar")
            .await,
        0
    );

    publieke_taak(&app).await;

    // Afgewezen: de persoon blijft, het bezwaar staat in haar inzage.
    let motivering = "De gemeente heeft dwingende gronden: Els is de enige verbinder in de wijk.";
    let vastgelegd = app
        .post_expect(
            &format!("/api/v1/sleutelpersonen/{persoon}/bezwaar"),
            &coordinator,
            &bezwaar("afgewezen", motivering),
            201,
        )
        .await;
    assert_eq!(vastgelegd["uitkomst"], "afgewezen");
    assert_eq!(vastgelegd["motivering"], motivering);
    let na = app
        .get_json_as(&format!("/api/v1/sleutelpersonen/{persoon}"), &coordinator)
        .await;
    assert_eq!(na["voornaam"], "Els");
    assert!(na["geanonimiseerdOp"].is_null());
    let inzage = app
        .get_json_as(
            &format!("/api/v1/sleutelpersonen/{persoon}/inzage"),
            &beheerder,
        )
        .await;
    let record = inzage["gekoppeld"]
        .as_array()
        .expect("gekoppeld")
        .iter()
        .find(|r| r["soort"] == "Bezwaar")
        .unwrap_or_else(|| panic!("geen bezwaar in de inzage: {inzage}"));
    let motivering_veld = record["velden"]
        .as_array()
        .expect("velden")
        .iter()
        .find(|v| v["naam"] == "motivering")
        .expect("motivering");
    assert_eq!(motivering_veld["waarde"], motivering);
    assert_eq!(motivering_veld["kanDerdenNoemen"], true);
    // De audit trail: alleen bij naam.
    let audit = inzage["auditTrail"]
        .as_array()
        .expect("auditTrail")
        .iter()
        .find(|a| a["resource"] == "sleutelpersoon_bezwaar")
        .unwrap_or_else(|| panic!("geen auditregel: {inzage}"))
        .clone();
    assert!(!audit.to_string().contains("dwingende"), "{audit}");
    assert!(!audit.to_string().contains("afgewezen"), "{audit}");
    let regio = app.token_for("regio.beheerder").await;
    let regionaal = app
        .get_json_as(
            "/api/v1/audit-trail?resource=sleutelpersoon_bezwaar",
            &regio,
        )
        .await;
    assert_eq!(regionaal["resultaten"], json!([]), "{regionaal}");

    // Verhoogd risico: een coördinator buiten zichtbaarVoor krijgt 404, en er staat
    // niets.
    let beheerder_id = app.user_id("oss.beheerder").await;
    let geheim = crate::helpers::id_of(
        &app.nieuwe_sleutelpersoon(
            &beheerder,
            json!({"voornaam": "Fenna", "verhoogdRisico": true, "zichtbaarVoor": [beheerder_id]}),
        )
        .await,
    );
    assert_ne!(beheerder_id, coordinator_id);
    app.post_expect(
        &format!("/api/v1/sleutelpersonen/{geheim}/bezwaar"),
        &coordinator,
        &bezwaar("gehonoreerd", "Verzoek van de persoon."),
        404,
    )
    .await;
    assert_eq!(
        app.scalar_i64("SELECT count(*) FROM sleutelpersoon_bezwaar")
            .await,
        1
    );
    // Een toekomstige ontvangstdatum is 400.
    let problem = app
        .post_expect(
            &format!("/api/v1/sleutelpersonen/{persoon}/bezwaar"),
            &coordinator,
            &json!({"ontvangenOp": "2999-01-01", "uitkomst": "afgewezen", "motivering": "x"}),
            400,
        )
        .await;
    assert_eq!(problem["invalidParams"][0]["name"], "ontvangenOp");

    // Gehonoreerd: de persoon is geanonimiseerd, haar naam, e-mail en telefoon staan
    // nergens meer, ook niet in de motivering of de teksten die aan haar vastzitten.
    let persoon = crate::helpers::id_of(
        &app.nieuwe_sleutelpersoon(
            &coordinator,
            json!({"voornaam": VOORNAAM, "achternaam": ACHTERNAAM, "email": EMAIL,
                   "telefoon": "06 1122 3344", "status": "actief", "afspraak": afspraak()}),
        )
        .await,
    );
    let volledig = format!("{VOORNAAM} {ACHTERNAAM}");
    app.post_expect(
        &format!("/api/v1/sleutelpersonen/{persoon}/checkins"),
        &coordinator,
        &json!({"datum": "2026-11-01", "notitie": format!("Gesprek met {volledig}, {EMAIL}.")}),
        201,
    )
    .await;
    let voor = crate::anonimiseren::dump(&app.database.url);
    for s in [VOORNAAM, ACHTERNAAM, EMAIL, "1122 3344"] {
        assert!(voor.contains(&s.to_lowercase()), "{s} is niet geplant");
    }
    let vastgelegd = app
        .post_expect(
            &format!("/api/v1/sleutelpersonen/{persoon}/bezwaar"),
            &coordinator,
            &bezwaar(
                "gehonoreerd",
                &format!("{volledig} ({EMAIL}, +31 6 11223344) wil niet meer in het register."),
            ),
            201,
        )
        .await;
    assert_eq!(vastgelegd["uitkomst"], "gehonoreerd");
    assert!(
        !vastgelegd["motivering"]
            .as_str()
            .unwrap_or_default()
            .contains(VOORNAAM),
        "{vastgelegd}"
    );
    let na = app
        .get_json_as(&format!("/api/v1/sleutelpersonen/{persoon}"), &coordinator)
        .await;
    assert!(na["geanonimiseerdOp"].is_string(), "{na}");
    let dump = crate::anonimiseren::dump(&app.database.url);
    for s in [
        VOORNAAM,
        ACHTERNAAM,
        volledig.as_str(),
        EMAIL,
        "11223344",
        "1122 3344",
    ] {
        assert!(
            !dump.contains(&s.to_lowercase()),
            "{s} staat nog in de database"
        );
    }
    // Een tweede bezwaar: al geanonimiseerd.
    let problem = app
        .post_expect(
            &format!("/api/v1/sleutelpersonen/{persoon}/bezwaar"),
            &coordinator,
            &bezwaar("gehonoreerd", "Nogmaals."),
            409,
        )
        .await;
    assert_eq!(problem["code"], "geanonimiseerd");
    // De inzage houdt het bezwaar, geschoond.
    let inzage = app
        .get_json_as(
            &format!("/api/v1/sleutelpersonen/{persoon}/inzage"),
            &beheerder,
        )
        .await;
    assert!(
        inzage["gekoppeld"]
            .as_array()
            .expect("gekoppeld")
            .iter()
            .any(|r| r["soort"] == "Bezwaar"),
        "{inzage}"
    );
}
