//! Gebruikers beheren: wie mag wat, wat wordt geweigerd, en dat een weigering niets opslaat.

use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::{TestApp, assert_problem, header, invalid_params, kolom, spawn_app};
use crate::helpers::{assert_detail, assert_velden};

async fn count_users(app: &TestApp) -> i64 {
    app.scalar_i64("SELECT count(*) FROM gebruiker").await
}

#[tokio::test]
async fn a_gemeente_beheerder_creates_a_user_of_its_own_gemeente() {
    let app = spawn_app().await;
    let beheerder = app.token_for("oss.beheerder").await;
    let response = app
        .post_as(
            "/api/v1/gebruikers",
            &beheerder,
            &json!({"gebruikersnaam": "oss.jvandijk", "rollen": ["coordinator", "budgethouder"],
                    "wachtwoord": "een-lang-wachtwoord"}),
        )
        .await;
    assert_eq!(response.status(), 201);
    let location = header(response.headers(), "location");
    assert_eq!(header(response.headers(), "etag"), "\"1\"");
    let body: Value = response.json().await.expect("json");
    assert_eq!(
        location,
        format!("/api/v1/gebruikers/{}", body["id"].as_str().expect("id"))
    );
    assert_eq!(body["gebruikersnaam"], "oss.jvandijk");
    assert_eq!(body["gemeente"], "GM0828");
    assert_eq!(body["rollen"], json!(["coordinator", "budgethouder"]));
    assert_eq!(body["actief"], true);
    assert!(body.get("wachtwoord").is_none());

    // Het wachtwoord staat als argon2id-hash in de database en werkt.
    let hash = crate::helpers::query_text(
        &app.db,
        "SELECT wachtwoord_hash FROM gebruiker WHERE gebruikersnaam = 'oss.jvandijk'",
    )
    .await;
    assert!(hash.starts_with("$argon2id$"), "{hash}");
    // Een wachtwoord van de beheerder is tijdelijk: eerst zelf een nieuw kiezen.
    let response = app.login("oss.jvandijk", "een-lang-wachtwoord").await;
    assert_eq!(
        assert_problem(response, 400).await["code"],
        "wachtwoord_tijdelijk"
    );
    let eigen = json!({"gebruikersnaam": "oss.jvandijk", "wachtwoord": "een-lang-wachtwoord",
                       "nieuwWachtwoord": "mijn-eigen-wachtwoord"});
    let response = app.post_anonymous("/api/v1/auth/wachtwoord", &eigen).await;
    assert_eq!(response.status(), 204);
    let response = app.login("oss.jvandijk", "mijn-eigen-wachtwoord").await;
    assert_eq!(response.status(), 200);

    // Lijst en detail.
    let list: Value = app
        .get_json_as("/api/v1/gebruikers?rol=budgethouder", &beheerder)
        .await;
    let names: Vec<&str> = kolom(&list, "gebruikersnaam");
    assert_eq!(names, vec!["oss.budgethouder", "oss.jvandijk"]);
    let detail = app.get_as(&location, &beheerder).await;
    assert_eq!(detail.status(), 200);
    assert_eq!(
        header(detail.headers(), "etag"),
        "\"2\"",
        "het eigen wachtwoord is een wijziging"
    );
}

#[tokio::test]
async fn a_gemeente_beheerder_sees_only_its_own_users() {
    let app = spawn_app().await;
    let beheerder = app.token_for("oss.beheerder").await;
    let list: Value = app
        .get_json_as("/api/v1/gebruikers?paginaGrootte=100", &beheerder)
        .await;
    assert_eq!(list["totaalAantal"], 4);
    assert_eq!(kolom(&list, "gemeente"), ["GM0828"; 4]);

    let regio = app.token_for("regio.beheerder").await;
    let list: Value = app
        .get_json_as("/api/v1/gebruikers?paginaGrootte=100", &regio)
        .await;
    assert_eq!(list["totaalAantal"], 46);
    let vught: Value = app
        .get_json_as("/api/v1/gebruikers?gemeente=GM0865", &regio)
        .await;
    assert_eq!(vught["totaalAantal"], 4);

    // Een id van een andere gemeente bestaat voor Oss niet.
    let vreemd = app.user_id("vught.coordinator").await;
    let path = format!("/api/v1/gebruikers/{vreemd}");
    app.get_expect(&path, &beheerder, 404).await;
    app.patch_expect(&path, &beheerder, &json!({"actief": false}), 404)
        .await;
    let regionaal = app.user_id("regio.netwerkmanager").await;
    app.get_expect(&format!("/api/v1/gebruikers/{regionaal}"), &beheerder, 404)
        .await;
    assert_eq!(
        app.scalar_i64("SELECT count(*) FROM gebruiker WHERE NOT actief")
            .await,
        0,
        "niets gedeactiveerd"
    );
}

#[tokio::test]
async fn forbidden_fields_and_roles_are_refused_and_nothing_is_stored() {
    let app = spawn_app().await;
    let beheerder = app.token_for("oss.beheerder").await;
    let before = count_users(&app).await;

    // Een andere gemeente zetten: 400 op dat veld.
    let body = app.post_expect("/api/v1/gebruikers", &beheerder, &json!({"gebruikersnaam": "vught.nieuw", "gemeente": "GM0865", "rollen": ["coordinator"], "wachtwoord": "een-lang-wachtwoord"}), 400).await;
    assert_velden(&body, &[("gemeente", "niet_toegestaan")]);

    // Een regionale rol toekennen: 403.
    let body = app.post_expect("/api/v1/gebruikers", &beheerder, &json!({"gebruikersnaam": "oss.baas", "rollen": ["regio_beheerder"], "wachtwoord": "een-lang-wachtwoord"}), 403).await;
    assert_detail(&body, "regionaal beheerder");

    // Velden die niemand zet (mass assignment), en elke fout tegelijk.
    let body = app.post_expect("/api/v1/gebruikers", &beheerder, &json!({"id": "0193a1f2-7c1e-7b3a-9c2d-5e6f7a8b9c0d", "gebruikersnaam": "X", "rollen": ["koning", "coordinator"],
                    "wachtwoord": "kort", "actief": "ja", "wachtwoordHash": "$argon2id$..."}), 400).await;
    assert_velden(
        &body,
        &[
            ("actief", "ongeldig"),
            ("gebruikersnaam", "te_kort"),
            ("id", "onbekend"),
            ("rollen.0", "ongeldig"),
            ("wachtwoord", "te_kort"),
            ("wachtwoordHash", "onbekend"),
        ],
    );
    let body = app
        .post_expect(
            "/api/v1/gebruikers",
            &beheerder,
            &json!({"gebruikersnaam": "oss.zonder", "rollen": []}),
            400,
        )
        .await;
    assert_velden(
        &body,
        &[("rollen", "verplicht"), ("wachtwoord", "verplicht")],
    );

    // Onleesbare JSON, geen object, verkeerd mediatype.
    let response = app
        .client
        .post(app.url("/api/v1/gebruikers"))
        .bearer_auth(&beheerder)
        .header("Content-Type", "application/json")
        .body("{\"gebruikersnaam\": ")
        .send()
        .await
        .expect("verzoek");
    let body = assert_problem(response, 400).await;
    assert_detail(&body, "geen geldige JSON");
    app.post_expect("/api/v1/gebruikers", &beheerder, &json!(["x"]), 400)
        .await;
    let response = app
        .client
        .post(app.url("/api/v1/gebruikers"))
        .bearer_auth(&beheerder)
        .header("Content-Type", "text/plain")
        .body("gebruikersnaam=x")
        .send()
        .await
        .expect("verzoek");
    assert_problem(response, 415).await;

    // Een bestaande naam: 409.
    let body = app.post_expect("/api/v1/gebruikers", &beheerder, &json!({"gebruikersnaam": "oss.coordinator", "rollen": ["coordinator"], "wachtwoord": "een-lang-wachtwoord"}), 409).await;
    assert_detail(&body, "bestaat al");

    assert_eq!(count_users(&app).await, before);
    assert_eq!(
        app.scalar_i64("SELECT count(*) FROM audit_trail WHERE actor_soort <> 'systeem'")
            .await,
        0
    );
}

#[tokio::test]
async fn the_regio_beheerder_manages_the_region_and_no_municipal_account() {
    let app = spawn_app().await;
    let regio = app.token_for("regio.beheerder").await;
    let problem = app.post_expect("/api/v1/gebruikers",
            &regio,
            &json!({"gebruikersnaam": "vught.nieuw", "gemeente": "GM0865", "rollen": ["budgethouder"], "externId": "kc-1"}), 403).await;
    assert_eq!(problem["code"], "alleen_gemeente_beheerder");
    let response = app
        .post_as(
            "/api/v1/gebruikers",
            &regio,
            &json!({"gebruikersnaam": "regio.analist", "rollen": ["regio_netwerkmanager"], "wachtwoord": "een-lang-wachtwoord"}),
        )
        .await;
    assert_eq!(response.status(), 201);
    let body: Value = response.json().await.expect("json");
    assert_eq!(body["gemeente"], Value::Null);

    // Regionale rollen met een gemeente, gemeentelijke zonder, of gemengd: 400.
    for (body, veld) in [
        (
            json!({"gebruikersnaam": "x.een", "gemeente": "GM0828", "rollen": ["regio_netwerkmanager"], "wachtwoord": "een-lang-wachtwoord"}),
            "rollen",
        ),
        (
            json!({"gebruikersnaam": "x.twee", "rollen": ["budgethouder"], "wachtwoord": "een-lang-wachtwoord"}),
            "gemeente",
        ),
        (
            json!({"gebruikersnaam": "x.drie", "rollen": ["budgethouder", "regio_beheerder"], "wachtwoord": "een-lang-wachtwoord"}),
            "rollen",
        ),
        (
            json!({"gebruikersnaam": "x.vier", "gemeente": "GM9999", "rollen": ["budgethouder"], "wachtwoord": "een-lang-wachtwoord"}),
            "gemeente",
        ),
        (
            json!({"gebruikersnaam": "x.vijf", "gemeente": null, "rollen": ["budgethouder"], "wachtwoord": "een-lang-wachtwoord"}),
            "gemeente",
        ),
    ] {
        let problem = app
            .post_expect("/api/v1/gebruikers", &regio, &body, 400)
            .await;
        assert!(
            invalid_params(&problem)
                .iter()
                .any(|(name, _)| name == veld),
            "{problem}"
        );
    }
    assert_eq!(
        app.scalar_i64("SELECT count(*) FROM gebruiker WHERE gebruikersnaam LIKE 'x.%'")
            .await,
        0
    );
}

#[tokio::test]
async fn updates_honour_if_match_and_protect_the_own_account() {
    let app = spawn_app().await;
    let beheerder = app.token_for("oss.beheerder").await;
    let id = app.user_id("oss.raadpleger").await;
    let path = format!("/api/v1/gebruikers/{id}");

    let response = app
        .met_if_match(
            Method::PATCH,
            &path,
            &beheerder,
            "\"1\"",
            Some(&json!({"rollen": ["raadpleger", "coordinator"]})),
        )
        .await;
    assert_eq!(response.status(), 200);
    assert_eq!(header(response.headers(), "etag"), "\"2\"");

    // Een tweede medewerker met de oude versie: 412, en niets veranderd.
    let response = app
        .met_if_match(
            Method::PATCH,
            &path,
            &beheerder,
            "\"1\"",
            Some(&json!({"actief": false})),
        )
        .await;
    assert_problem(response, 412).await;
    let body: Value = app.get_json_as(&path, &beheerder).await;
    assert_eq!(body["actief"], true);
    assert_eq!(body["rollen"], json!(["raadpleger", "coordinator"]));

    // Vaste velden en onbekende velden.
    let problem = app
        .patch_expect(
            &path,
            &beheerder,
            &json!({"gebruikersnaam": "oss.ander", "gemeente": "GM0865", "kleur": "rood"}),
            400,
        )
        .await;
    assert_velden(
        &problem,
        &[
            ("gebruikersnaam", "niet_toegestaan"),
            ("gemeente", "niet_toegestaan"),
            ("kleur", "onbekend"),
        ],
    );

    // Een regionale rol geven mag een gemeentelijk beheerder niet.
    app.patch_expect(
        &path,
        &beheerder,
        &json!({"rollen": ["regio_beheerder"]}),
        403,
    )
    .await;

    // Zichzelf deactiveren of de beheerrol afnemen: 409.
    let zelf = format!("/api/v1/gebruikers/{}", app.user_id("oss.beheerder").await);
    app.patch_expect(&zelf, &beheerder, &json!({"actief": false}), 409)
        .await;
    app.patch_expect(&zelf, &beheerder, &json!({"rollen": ["coordinator"]}), 409)
        .await;
    assert_eq!(
        app.scalar_i64(
            "SELECT version::bigint FROM gebruiker WHERE gebruikersnaam = 'oss.beheerder'"
        )
        .await,
        1
    );
}

#[tokio::test]
async fn mij_is_for_users_only() {
    let app = spawn_app().await;
    let body: Value = app
        .get_json_as(
            "/api/v1/gebruikers/mij",
            &app.token_for("regio.netwerkmanager").await,
        )
        .await;
    assert_eq!(body["gemeente"], Value::Null);
    assert_eq!(body["rollen"], json!(["regio_netwerkmanager"]));

    let (id, secret) = app
        .create_client("oss.beheerder", "Subsidiesysteem", &["initiatieven.lezen"])
        .await;
    let token = app.client_token(&id, &secret).await;
    app.get_expect("/api/v1/gebruikers/mij", &token, 403).await;
}

#[tokio::test]
async fn budgethouder_and_gemeente_beheerder_never_share_one_account() {
    let app = spawn_app().await;
    let beheerder = app.token_for("oss.beheerder").await;
    let voor = count_users(&app).await;
    let body = json!({"gebruikersnaam": "oss.alles", "rollen": ["gemeente_beheerder", "budgethouder"],
                      "wachtwoord": "een-lang-wachtwoord"});
    let problem = app
        .post_expect("/api/v1/gebruikers", &beheerder, &body, 400)
        .await;
    assert_eq!(
        invalid_params(&problem),
        [("rollen".to_owned(), "ongeldig".to_owned())]
    );
    assert_eq!(count_users(&app).await, voor);

    // Ook niet door een rol toe te voegen aan een bestaand account.
    let budgethouder = app.user_id("oss.budgethouder").await;
    let pad = format!("/api/v1/gebruikers/{budgethouder}");
    let problem = app
        .patch_expect(
            &pad,
            &beheerder,
            &json!({"rollen": ["budgethouder", "gemeente_beheerder"]}),
            400,
        )
        .await;
    assert_eq!(
        invalid_params(&problem),
        [("rollen".to_owned(), "ongeldig".to_owned())]
    );
    let rollen = crate::helpers::query_text(
        &app.db,
        &format!("SELECT array_to_string(rollen, ',') FROM gebruiker WHERE id = '{budgethouder}'"),
    )
    .await;
    assert_eq!(rollen, "budgethouder");
}
