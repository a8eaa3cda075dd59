//! Vier ogen bij geld, per persoon en per weg (issue 29, T1 punt 4): een correctie is
//! ook een besluit; wie een aanvraag indiende, besluit er niet op, ook niet via een
//! koppeling die hij beheert of een account dat hij maakte of een wachtwoord gaf; en
//! budgethouder en gemeente_beheerder gaan niet samen in één account.

use serde_json::{Value, json};

use crate::helpers::{TestApp, id_of, spawn_app};

const WACHTWOORD: &str = "tijdelijk-wachtwoord-77";
const EIGEN: &str = crate::helpers::EIGEN_WACHTWOORD;

async fn budget(app: &TestApp, token: &str, velden: Value) -> String {
    let mut body = json!({"naam": format!("Budget {}", uuid::Uuid::now_v7()), "jaar": 2026,
                          "vorm": "micro", "totaalBedrag": 2_000_000, "maxPerAanvraag": 5_000});
    if let (Some(b), Some(v)) = (body.as_object_mut(), velden.as_object()) {
        b.extend(v.clone());
    }
    app.aanmaken("/api/v1/budgetten", token, &body).await
}

async fn initiatief(app: &TestApp, token: &str) -> String {
    app.aanmaken(
        "/api/v1/initiatieven",
        token,
        &json!({"titel": format!("Buurtkast {}", uuid::Uuid::now_v7()), "thema": "vrije_tijd",
                    "organisatie": "Buurtvereniging"}),
    )
    .await
}

async fn aanvraag(
    app: &TestApp,
    token: &str,
    budget: &str,
    initiatief: &str,
    bedrag: i64,
) -> String {
    app.aanmaken(
        "/api/v1/aanvragen",
        token,
        &json!({"budgetId": budget, "initiatiefId": initiatief, "aangevraagdBedrag": bedrag}),
    )
    .await
}

fn besluit(bedrag: i64) -> Value {
    json!({"toegekendBedrag": bedrag, "motivering": "Besluit"})
}

async fn mutaties(app: &TestApp, budget: &str) -> i64 {
    app.scalar_i64(&format!(
        "SELECT count(*) FROM mutatie WHERE budget_id = '{budget}'"
    ))
    .await
}

/// Een nieuw account van Oss door `beheerder`, dat zelf een wachtwoord kiest; zijn token.
async fn nieuw_account(app: &TestApp, beheerder: &str, naam: &str, rollen: Value) -> String {
    app.nieuwe_gebruiker(beheerder, naam, rollen).await
}

/// `huidig` inwisselen voor een eigen wachtwoord; het nieuwe token.
async fn eigen_wachtwoord(app: &TestApp, naam: &str, huidig: &str) -> String {
    let response = app
        .post_anonymous(
            "/api/v1/auth/wachtwoord",
            &json!({"gebruikersnaam": naam, "wachtwoord": huidig, "nieuwWachtwoord": EIGEN}),
        )
        .await;
    assert_eq!(response.status(), 204, "{naam}");
    app.token_for_with(naam, EIGEN).await
}

/// `POST /aanvragen/{a}/besluit` als `token`, met deze status; het antwoord.
async fn besluit_op(app: &TestApp, token: &str, a: &str, bedrag: i64, status: u16) -> Value {
    app.post_expect(
        &format!("/api/v1/aanvragen/{a}/besluit"),
        token,
        &besluit(bedrag),
        status,
    )
    .await
}

/// `POST /budgetten/{b}/correcties` als `token`, met deze status; het antwoord.
async fn corrigeer(
    app: &TestApp,
    token: &str,
    b: &str,
    a: &str,
    bedrag: i64,
    status: u16,
) -> Value {
    app.post_expect(
        &format!("/api/v1/budgetten/{b}/correcties"),
        token,
        &json!({"aanvraagId": a, "bedrag": bedrag, "reden": "Correctie"}),
        status,
    )
    .await
}

#[tokio::test]
async fn a_correction_is_a_decision_too() {
    let app = spawn_app().await;
    let beide = app
        .account_met_rollen("oss.beide", &["coordinator", "budgethouder"])
        .await;
    let budgethouder = app.token_for("oss.budgethouder").await;
    let b = budget(&app, &budgethouder, json!({})).await;
    let i = initiatief(&app, &beide).await;
    // Een eigen aanvraag van 3 000 cent, door een ander met 1 cent toegekend.
    let a = aanvraag(&app, &beide, &b, &i, 3_000).await;
    besluit_op(&app, &budgethouder, &a, 1, 200).await;
    let voor = mutaties(&app, &b).await;

    // De indiener corrigeert zijn eigen toekenning niet.
    let fout = corrigeer(&app, &beide, &b, &a, 999, 403).await;
    assert_eq!(fout["code"], "eigen_aanvraag");
    // Een ander ook niet boven het aangevraagde bedrag of het maximum per aanvraag.
    let fout = corrigeer(&app, &budgethouder, &b, &a, 999_000, 400).await;
    assert_eq!(
        crate::helpers::invalid_params(&fout),
        [("bedrag".to_owned(), "te_hoog".to_owned())]
    );
    assert_eq!(mutaties(&app, &b).await, voor);
    // Binnen de grenzen wel.
    corrigeer(&app, &budgethouder, &b, &a, 2_999, 201).await;

    // Geen correctie op een afgewezen aanvraag: die heeft niets gereserveerd.
    let afgewezen = aanvraag(&app, &beide, &b, &i, 1_000).await;
    besluit_op(&app, &budgethouder, &afgewezen, 0, 200).await;
    let voor = mutaties(&app, &b).await;
    let fout = corrigeer(&app, &budgethouder, &b, &afgewezen, 500, 400).await;
    assert_eq!(
        crate::helpers::invalid_params(&fout),
        [("aanvraagId".to_owned(), "ongeldig".to_owned())]
    );
    assert_eq!(mutaties(&app, &b).await, voor);
}

#[tokio::test]
async fn the_matching_cap_holds_for_a_correction() {
    let app = spawn_app().await;
    let budgethouder = app.token_for("oss.budgethouder").await;
    let coordinator = app.token_for("oss.coordinator").await;
    let b = budget(&app, &budgethouder, json!({"vorm": "matching"})).await;
    let i = initiatief(&app, &coordinator).await;
    let a = app.aanmaken("/api/v1/aanvragen", &coordinator, &json!({"budgetId": b, "initiatiefId": i, "aangevraagdBedrag": 4_000, "eigenBijdrage": 1_000})).await;
    besluit_op(&app, &budgethouder, &a, 1_000, 200).await;
    let fout = corrigeer(&app, &budgethouder, &b, &a, 1, 400).await;
    assert!(fout.to_string().contains("matching"), "{fout}");
}

#[tokio::test]
async fn no_decision_through_a_koppeling_one_governs() {
    let app = spawn_app().await;
    let beheerder = app.token_for("oss.beheerder").await;
    let budgethouder = app.token_for("oss.budgethouder").await;
    // Een tweede beheerder maakt een koppeling en wordt later budgethouder.
    let tweede = nieuw_account(
        &app,
        &beheerder,
        "oss.tweede",
        json!(["gemeente_beheerder"]),
    )
    .await;
    let k = app
        .post_expect(
            "/api/v1/koppelingen",
            &tweede,
            &json!({"naam": "Subsidiesysteem", "scopes": ["initiatieven.schrijven"]}),
            201,
        )
        .await;
    let (k_id, k_secret) = (
        id_of(&k),
        k["clientSecret"].as_str().expect("secret").to_owned(),
    );
    let tweede_id = app.user_id("oss.tweede").await;
    app.patch_expect(
        &format!("/api/v1/gebruikers/{tweede_id}"),
        &beheerder,
        &json!({"rollen": ["budgethouder"]}),
        200,
    )
    .await;
    let tweede = app.token_for_with("oss.tweede", EIGEN).await;
    // Een budgethouder die de eerste beheerder maakte (en die zelf een wachtwoord koos).
    let gemaakt = nieuw_account(&app, &beheerder, "oss.gemaakt", json!(["budgethouder"])).await;

    let koppeling = app.client_token(&k_id, &k_secret).await;
    let b = budget(&app, &budgethouder, json!({})).await;
    let i = initiatief(&app, &koppeling).await;
    let a = aanvraag(&app, &koppeling, &b, &i, 1_000).await;
    let pad = format!("/api/v1/aanvragen/{a}/besluit");

    // Wie de koppeling maakte, besluit niet op wat zij indiende.
    let fout = app.post_expect(&pad, &tweede, &besluit(1_000), 403).await;
    assert_eq!(fout["code"], "eigen_aanvraag");
    // Zodra de eerste beheerder het secret vernieuwt, staat ook hij achter de koppeling,
    // en daarmee elk account dat hij maakte.
    app.post_expect(
        &format!("/api/v1/koppelingen/{k_id}/geheim"),
        &beheerder,
        &json!({}),
        200,
    )
    .await;
    let fout = app.post_expect(&pad, &gemaakt, &besluit(1_000), 403).await;
    assert_eq!(fout["code"], "eigen_aanvraag");
    assert_eq!(mutaties(&app, &b).await, 0);

    // De budgethouder uit de seed (door geen van beiden gemaakt) besluit wel.
    let ok = app
        .post_expect(&pad, &budgethouder, &besluit(1_000), 200)
        .await;
    assert_eq!(ok["status"], "toegekend");
}

#[tokio::test]
async fn no_decision_by_an_account_the_submitter_created_or_gave_a_password() {
    let app = spawn_app().await;
    let beheerder = app.token_for("oss.beheerder").await;
    let seed_budgethouder = app.token_for("oss.budgethouder").await;
    let b = budget(&app, &seed_budgethouder, json!({})).await;
    // De beheerder dient zelf in (ongebruikelijk, maar zijn rol mag het).
    let i = initiatief(&app, &beheerder).await;
    let a = aanvraag(&app, &beheerder, &b, &i, 1_000).await;
    let pad = format!("/api/v1/aanvragen/{a}/besluit");

    // Een account dat hij maakte.
    let gemaakt = nieuw_account(&app, &beheerder, "oss.gemaakt", json!(["budgethouder"])).await;
    let fout = app.post_expect(&pad, &gemaakt, &besluit(1_000), 403).await;
    assert_eq!(fout["code"], "eigen_aanvraag");

    // Een account waaraan hij het laatst een wachtwoord gaf: ook nadat het account dat
    // tijdelijke wachtwoord inwisselde (dat kon hij zelf doen).
    let id = app.user_id("oss.budgethouder").await;
    app.patch_expect(
        &format!("/api/v1/gebruikers/{id}"),
        &beheerder,
        &json!({"wachtwoord": WACHTWOORD}),
        200,
    )
    .await;
    let overgenomen = eigen_wachtwoord(&app, "oss.budgethouder", WACHTWOORD).await;
    let fout = app
        .post_expect(&pad, &overgenomen, &besluit(1_000), 403)
        .await;
    assert_eq!(fout["code"], "eigen_aanvraag");
    assert_eq!(mutaties(&app, &b).await, 0);

    // Een budgethouder die hij niet maakte en nooit een wachtwoord gaf, besluit wel.
    let ander = app.account_met_rollen("oss.ander", &["budgethouder"]).await;
    let ok = app.post_expect(&pad, &ander, &besluit(1_000), 200).await;
    assert_eq!(ok["status"], "toegekend");
}

#[tokio::test]
async fn an_account_that_combines_budgethouder_and_gemeente_beheerder_does_not_decide() {
    let app = spawn_app().await;
    // Zo'n account kan van vóór deze regel bestaan; de migratie noemt het.
    let oud = app
        .account_met_rollen("oss.oud", &["gemeente_beheerder", "budgethouder"])
        .await;
    let coordinator = app.token_for("oss.coordinator").await;
    let budgethouder = app.token_for("oss.budgethouder").await;
    let b = budget(&app, &budgethouder, json!({})).await;
    let i = initiatief(&app, &coordinator).await;
    let a = aanvraag(&app, &coordinator, &b, &i, 1_000).await;
    let fout = besluit_op(&app, &oud, &a, 500, 403).await;
    assert_eq!(fout["code"], "rollen_onverenigbaar");
    besluit_op(&app, &budgethouder, &a, 500, 200).await;
    let fout = corrigeer(&app, &oud, &b, &a, 100, 403).await;
    assert_eq!(fout["code"], "rollen_onverenigbaar");
}
