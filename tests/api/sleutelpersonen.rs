//! Sleutelpersonen en hun persoonsgegevens (issue 12): wie welke velden ziet, de
//! muur in de database, verhoogd risico, zoeken, bijzondere gegevens, anonimiseren,
//! retentie, inzage, het verwerkingenlogboek en de levensloop.

use std::collections::BTreeSet;
use std::time::Duration;

use entity::sleutelpersoon_gegevens;
use sea_orm::{ConnectionTrait, DbBackend, EntityTrait, Statement};
use serde_json::{Value, json};
use weefsel_api::auth::{Subject, TokenKeys};
use weefsel_api::tenancy::Context;

use crate::helpers::{
    assert_problem, assert_velden, exec, id_of, kolom, spawn_app, spawn_app_with, test_config,
    weigert,
};

const NAAM: &str = "Zwaantje";
const EMAIL: &str = "zwaantje.vandermeer@voorbeeld.nl";
const TELEFOON: &str = "+31 6 1234 5678";

fn toestemming(bijzonder: bool) -> Value {
    json!({"datum": "2026-01-05", "doel": "Contact over het netwerk", "bewaartermijnTot": "2030-01-01",
           "bijzondereGegevens": bijzonder, "delenMet": ["netwerkleden"]})
}

/// Een actieve sleutelpersoon met alles ingevuld.
fn volledig() -> Value {
    json!({
        "voornaam": NAAM, "achternaam": "van der Meer", "email": EMAIL, "telefoon": TELEFOON,
        "achterban": "Bewoners van de Vogelbuurt", "typen": ["verbinder", "doener"],
        "status": "actief", "wervingsmethode": "inloopavond", "tijdsinvestering": "twee uur per maand",
        "laatsteContact": "2026-03-01", "notities": "Kent de buurt goed.",
        "diversiteit": {"leeftijdsgroep": "oud", "migratieachtergrond": true, "hulpverlenendBeroep": false,
                        "bekendBijGemeente": true, "opleidingsrichting": "praktisch"},
        "levensbeschouwing": "Protestants", "toestemming": toestemming(true)
    })
}

fn sleutels(v: &Value) -> BTreeSet<String> {
    v.as_object().expect("object").keys().cloned().collect()
}

const RECORD: &[&str] = &[
    "id",
    "gemeente",
    "aangemaaktOp",
    "gewijzigdOp",
    "gebiedId",
    "typen",
    "status",
    "statusSinds",
    "wervingsmethode",
    "voorgedragenDoor",
    "uitstroomreden",
    "exitgesprek",
    "buddyId",
    "laatsteContact",
    "verhoogdRisico",
    "bewaartermijnTot",
    "geanonimiseerdOp",
    "persoonsgegevens",
    "statusHistorie",
];
/// Ook de tijdsinvestering en de toestemming (met haar doel in vrije tekst): issue 30;
/// en de afspraak over gebruik en delen (onder publieke_taak): issue 32.
const PERSOONLIJK: &[&str] = &[
    "tijdsinvestering",
    "toestemming",
    "afspraak",
    "voornaam",
    "achternaam",
    "email",
    "telefoon",
    "achterban",
    "notities",
    "diversiteit",
    "levensbeschouwing",
    "zichtbaarVoor",
];

fn set(velden: &[&[&str]]) -> BTreeSet<String> {
    velden
        .iter()
        .flat_map(|v| v.iter())
        .map(|v| (*v).to_owned())
        .collect()
}

/// Elke rol krijgt precies haar velden; de regio krijgt van geen enkel endpoint een
/// naam, e-mailadres of telefoonnummer (elke `GET` van het document doorzocht).
#[tokio::test]
async fn each_caller_receives_exactly_the_fields_it_may_see() {
    let app = spawn_app().await;
    let coordinator = app.token_for("oss.coordinator").await;
    let persoon = app.nieuwe_sleutelpersoon(&coordinator, volledig()).await;
    let id = id_of(&persoon);
    let netwerk = id_of(&app.nieuw_netwerk(&coordinator, json!({})).await);
    app.nieuw_lid(&coordinator, &netwerk, &id, json!({})).await;
    let pad = format!("/api/v1/sleutelpersonen/{id}");

    let alles = set(&[RECORD, PERSOONLIJK]);
    let record = set(&[RECORD]);
    let lezer = app
        .koppeling_token("Persoonsgegevens", &["sleutelpersonen.lezen"])
        .await;
    let netwerken = app.koppeling_token("Netwerken", &["netwerken.lezen"]).await;
    for (wie, token, verwacht) in [
        ("coordinator", coordinator.clone(), &alles),
        (
            "gemeente_beheerder",
            app.token_for("oss.beheerder").await,
            &alles,
        ),
        ("koppeling sleutelpersonen.lezen", lezer, &alles),
        (
            "budgethouder",
            app.token_for("oss.budgethouder").await,
            &record,
        ),
        ("raadpleger", app.token_for("oss.raadpleger").await, &record),
    ] {
        let body = app.get_json_as(&pad, &token).await;
        assert_eq!(&sleutels(&body), verwacht, "{wie}");
        assert_eq!(body["persoonsgegevens"], *verwacht == alles, "{wie}");
        let lijst = app.get_json_as("/api/v1/sleutelpersonen", &token).await;
        let mut zonder_historie = verwacht.clone();
        zonder_historie.remove("statusHistorie");
        assert_eq!(
            sleutels(&lijst["resultaten"][0]),
            zonder_historie,
            "{wie}: lijst"
        );
    }
    // Een koppeling met alleen netwerken.lezen leest geen sleutelpersonen (issue 29).
    assert_problem(app.get_as(&pad, &netwerken).await, 403).await;
    assert_problem(app.get_as("/api/v1/sleutelpersonen", &netwerken).await, 403).await;
    let coordinator_body = app.get_json_as(&pad, &coordinator).await;
    assert_eq!(coordinator_body["voornaam"], NAAM);
    assert_eq!(coordinator_body["diversiteit"]["migratieachtergrond"], true);
    assert_eq!(
        coordinator_body["toestemming"]["delenMet"],
        json!(["netwerkleden"])
    );

    // De regio: sleutelpersonen en leden zijn 403, en geen enkel antwoord op een GET
    // noemt de persoon.
    for gebruiker in ["regio.netwerkmanager", "regio.beheerder"] {
        let regio = app.token_for(gebruiker).await;
        assert_problem(app.get_as(&pad, &regio).await, 403).await;
        assert_problem(app.get_as("/api/v1/sleutelpersonen", &regio).await, 403).await;
        let document = app.get_json("/api/v1/openapi.json").await;
        let mut gelezen = 0;
        for (sjabloon, item) in document["paths"].as_object().expect("paths") {
            if item.get("get").is_none() {
                continue;
            }
            let url = format!("/api/v1{sjabloon}")
                .replace("/netwerken/{id}", &format!("/netwerken/{netwerk}"))
                .replace("/sleutelpersonen/{id}", &format!("/sleutelpersonen/{id}"))
                .replace("{id}", &id)
                .replace("{code}", "GM0828");
            let response = app.get_as(&url, &regio).await;
            let status = response.status().as_u16();
            let text = response.text().await.expect("body");
            for geheim in [NAAM, EMAIL, TELEFOON, "van der Meer", "Protestants"] {
                assert!(
                    !text.contains(geheim),
                    "{gebruiker} {url} ({status}) noemt {geheim}"
                );
            }
            gelezen += usize::from(status == 200);
        }
        assert!(
            gelezen >= 8,
            "{gebruiker}: {gelezen} GET-antwoorden gelezen"
        );
    }
    // De gezondheid leest de regio wel: alleen tellingen, afgerond op 5, en bij een
    // netwerk van één lid geen verdeling (issue 30).
    let regio = app.token_for("regio.netwerkmanager").await;
    let gezondheid = app
        .get_json_as(&format!("/api/v1/netwerken/{netwerk}/gezondheid"), &regio)
        .await;
    assert_eq!(gezondheid["actieveLeden"], 0);
    assert_eq!(gezondheid["teKlein"], true);
}

/// De tweede muur: een context van de regio of een raadpleger leest met een query
/// zonder enig applicatiefilter geen enkel persoonlijk veld; een coördinator wel.
#[tokio::test]
async fn a_query_without_any_filter_in_a_regional_or_raadpleger_context_returns_no_personal_field()
{
    let app = spawn_app().await;
    app.zonder_demo_sleutelpersonen().await;
    let coordinator = app.token_for("oss.coordinator").await;
    app.nieuwe_sleutelpersoon(&coordinator, volledig()).await;
    app.nieuwe_sleutelpersoon(&coordinator, json!({"voornaam": "Bram"}))
        .await;
    let pool = weefsel_api::db::connect(&app.database.url, &test_config())
        .await
        .expect("pool als weefsel_app");
    let keys = TokenKeys::from_config(&test_config()).expect("sleutels");
    let subject = |naam: &str, gemeente: Option<&str>, rol: &str| {
        let naam = naam.to_owned();
        let gemeente = gemeente.map(str::to_owned);
        let rol = rol.to_owned();
        let app = &app;
        async move {
            Subject::Gebruiker {
                id: app.user_id(&naam).await.parse().expect("uuid"),
                gemeente,
                rollen: vec![rol],
                generatie: 1,
            }
        }
    };
    for (naam, gemeente, rol, persoonlijk) in [
        ("regio.netwerkmanager", None, "regio_netwerkmanager", 0),
        ("regio.beheerder", None, "regio_beheerder", 0),
        ("oss.raadpleger", Some("GM0828"), "raadpleger", 0),
        ("oss.budgethouder", Some("GM0828"), "budgethouder", 0),
        ("vught.beheerder", Some("GM0865"), "gemeente_beheerder", 0),
        ("oss.coordinator", Some("GM0828"), "coordinator", 2),
    ] {
        let token = keys
            .issue(subject(naam, gemeente, rol).await)
            .expect("token");
        let ctx = Context::open(&pool, &keys, &token, None)
            .await
            .expect("context");
        let rijen = sleutelpersoon_gegevens::Entity::find()
            .all(ctx.db())
            .await
            .expect("query");
        assert_eq!(rijen.len(), persoonlijk, "{naam}");
        let rij = ctx
            .db()
            .query_one_raw(Statement::from_string(
                DbBackend::Postgres,
                "SELECT count(*) AS n, count(*) FILTER (WHERE g::text LIKE '%Zwaantje%') AS naam \
                 FROM sleutelpersoon s LEFT JOIN sleutelpersoon_gegevens g ON g.sleutelpersoon_id = s.id",
            ))
            .await
            .expect("query")
            .expect("rij");
        let naam_gezien: i64 = rij.try_get("", "naam").expect("naam");
        let records: i64 = rij.try_get("", "n").expect("n");
        assert_eq!(naam_gezien, i64::from(persoonlijk > 0), "{naam}");
        let verwacht_records = if naam.starts_with("vught") { 0 } else { 2 };
        assert_eq!(
            records, verwacht_records,
            "{naam}: de records zelf (zonder persoonsgegevens)"
        );
    }
}

/// Een persoon met verhoogd risico: alleen de genoemde ambtenaren zien en wijzigen de
/// persoonsgegevens; ieder ander krijgt het record zonder, en tellingen kloppen.
#[tokio::test]
async fn a_person_at_elevated_risk_is_shown_only_to_the_named_officials() {
    let app = spawn_app().await;
    app.zonder_demo_sleutelpersonen().await;
    let coordinator = app.token_for("oss.coordinator").await;
    let beheerder = app.token_for("oss.beheerder").await;
    let mut body = volledig();
    body["verhoogdRisico"] = json!(true);
    // Zonder ambtenaren: 400, niets bewaard.
    let fout = app
        .post_expect("/api/v1/sleutelpersonen", &coordinator, &body, 400)
        .await;
    assert_velden(&fout, &[("zichtbaarVoor", "verplicht")]);
    body["zichtbaarVoor"] = json!([app.user_id("vught.coordinator").await]);
    let fout = app
        .post_expect("/api/v1/sleutelpersonen", &coordinator, &body, 400)
        .await;
    assert_velden(&fout, &[("zichtbaarVoor", "ongeldig")]);
    assert_eq!(
        app.scalar_i64("SELECT count(*) FROM sleutelpersoon").await,
        0
    );

    body["zichtbaarVoor"] = json!([app.user_id("oss.coordinator").await]);
    let persoon = app
        .post_expect("/api/v1/sleutelpersonen", &coordinator, &body, 201)
        .await;
    assert_eq!(
        persoon["voornaam"], NAAM,
        "de genoemde ambtenaar ziet de naam"
    );
    let pad = format!("/api/v1/sleutelpersonen/{}", id_of(&persoon));
    let lezer = app
        .koppeling_token("Persoonsgegevens", &["sleutelpersonen.lezen"])
        .await;
    for (wie, token) in [("gemeente_beheerder", &beheerder), ("koppeling", &lezer)] {
        let gezien = app.get_json_as(&pad, token).await;
        assert_eq!(gezien["persoonsgegevens"], false, "{wie}");
        assert_eq!(gezien["verhoogdRisico"], true, "{wie}");
        assert!(
            gezien.get("voornaam").is_none() && gezien.get("email").is_none(),
            "{wie}"
        );
        let lijst = app.get_json_as("/api/v1/sleutelpersonen", token).await;
        assert_eq!(lijst["totaalAantal"], 1, "{wie}: de telling klopt");
        let zoek = app
            .post_expect(
                "/api/v1/sleutelpersonen/_zoek",
                token,
                &json!({"tekst": NAAM}),
                200,
            )
            .await;
        assert_eq!(zoek["totaalAantal"], 0, "{wie}: niet te vinden op naam");
    }
    // Schrijven over deze persoon doet alleen een genoemde ambtenaar, ook de
    // niet-persoonlijke velden (issue 29): voor ieder ander bestaat ze dan niet (404).
    for wijziging in [
        json!({"notities": "Nieuw"}),
        json!({"laatsteContact": "2026-02-01"}),
    ] {
        app.patch_expect(&pad, &beheerder, &wijziging, 404).await;
    }
    assert_eq!(
        app.get_expect(&format!("{pad}/inzage"), &beheerder, 403)
            .await["code"],
        "verhoogd_risico"
    );
    app.post_expect(&format!("{pad}/anonimisering"), &beheerder, &json!({}), 404)
        .await;
    let gewijzigd = app
        .patch_expect(
            &pad,
            &coordinator,
            &json!({"laatsteContact": "2026-02-01"}),
            200,
        )
        .await;
    assert_eq!(gewijzigd["laatsteContact"], "2026-02-01");
    let gelezen = app.get_json_as(&pad, &beheerder).await;
    assert_eq!(gelezen["persoonsgegevens"], false);
    // De coördinator geeft de beheerder toegang; dan ziet die de naam.
    let beide = json!({"zichtbaarVoor": [app.user_id("oss.coordinator").await, app.user_id("oss.beheerder").await]});
    app.patch_expect(&pad, &coordinator, &beide, 200).await;
    assert_eq!(app.get_json_as(&pad, &beheerder).await["voornaam"], NAAM);
}

/// Zoeken op naam of e-mail gaat alleen met `POST _zoek`; geen `GET` neemt een
/// persoonsgegeven als queryparameter aan.
#[tokio::test]
async fn search_is_a_post_and_no_get_takes_personal_data_in_the_url() {
    let app = spawn_app().await;
    let coordinator = app.token_for("oss.coordinator").await;
    app.nieuwe_sleutelpersoon(&coordinator, volledig()).await;
    app.nieuwe_sleutelpersoon(
        &coordinator,
        json!({"voornaam": "Bram", "achternaam": "100%_Zeker"}),
    )
    .await;
    let zoek = |tekst: &str| json!({"tekst": tekst});
    for (tekst, gevonden) in [
        ("zwaan", vec![NAAM]),
        ("ANTJE VAN DER", vec![NAAM]),
        ("voorbeeld.nl", vec![NAAM]),
        ("100%_", vec!["Bram"]),
        ("0%z", vec![]),
        ("niemand", vec![]),
    ] {
        let body = app
            .post_expect(
                "/api/v1/sleutelpersonen/_zoek",
                &coordinator,
                &zoek(tekst),
                200,
            )
            .await;
        assert_eq!(kolom(&body, "voornaam"), gevonden, "{tekst}");
    }
    let fout = app
        .post_expect(
            "/api/v1/sleutelpersonen/_zoek",
            &coordinator,
            &zoek("z"),
            400,
        )
        .await;
    assert_velden(&fout, &[("tekst", "te_kort")]);
    let raadpleger = app.token_for("oss.raadpleger").await;
    app.post_expect(
        "/api/v1/sleutelpersonen/_zoek",
        &raadpleger,
        &zoek("zwaan"),
        403,
    )
    .await;
    // Geen GET in het document heeft een parameter die een persoonsgegeven draagt, en
    // de dienst weigert zo'n parameter.
    let document = app.get_json("/api/v1/openapi.json").await;
    let verboden = [
        "voornaam",
        "achternaam",
        "naam",
        "email",
        "telefoon",
        "tekst",
        "zoek",
        "q",
    ];
    for (pad, item) in document["paths"].as_object().expect("paths") {
        if !(pad.starts_with("/sleutelpersonen")
            || pad.starts_with("/netwerken")
            || pad.starts_with("/verwerkingen"))
        {
            continue;
        }
        if let Some(get) = item.get("get") {
            for naam in kolom(&get["parameters"], "name") {
                assert!(!verboden.contains(&naam), "GET {pad} neemt {naam}");
            }
        }
    }
    for parameter in ["voornaam", "email", "naam"] {
        let response = app
            .get_as(
                &format!("/api/v1/sleutelpersonen?{parameter}=Zwaantje"),
                &coordinator,
            )
            .await;
        assert_problem(response, 400).await;
    }
}

/// Migratieachtergrond en levensbeschouwing alleen met toestemming voor bijzondere
/// gegevens; zonder: 400 op het veld en niets bewaard. De database weigert het ook.
#[tokio::test]
async fn special_categories_are_refused_without_consent() {
    let app = spawn_app().await;
    app.zonder_demo_sleutelpersonen().await;
    let coordinator = app.token_for("oss.coordinator").await;
    let mut body = volledig();
    body["toestemming"] = toestemming(false);
    let fout = app
        .post_expect("/api/v1/sleutelpersonen", &coordinator, &body, 400)
        .await;
    assert_velden(
        &fout,
        &[
            ("diversiteit.migratieachtergrond", "toestemming_ontbreekt"),
            ("levensbeschouwing", "toestemming_ontbreekt"),
        ],
    );
    body.as_object_mut().expect("object").remove("toestemming");
    body["status"] = json!("kandidaat");
    let fout = app
        .post_expect("/api/v1/sleutelpersonen", &coordinator, &body, 400)
        .await;
    assert_velden(
        &fout,
        &[
            ("diversiteit.migratieachtergrond", "toestemming_ontbreekt"),
            ("levensbeschouwing", "toestemming_ontbreekt"),
        ],
    );
    assert_eq!(
        app.scalar_i64("SELECT count(*) FROM sleutelpersoon").await,
        0
    );
    assert_eq!(
        app.scalar_i64("SELECT count(*) FROM sleutelpersoon_gegevens")
            .await,
        0
    );

    let persoon = app
        .nieuwe_sleutelpersoon(
            &coordinator,
            json!({"voornaam": "Bram", "toestemming": toestemming(false)}),
        )
        .await;
    let pad = format!("/api/v1/sleutelpersonen/{}", id_of(&persoon));
    let fout = app
        .patch_expect(
            &pad,
            &coordinator,
            &json!({"levensbeschouwing": "Islamitisch"}),
            400,
        )
        .await;
    assert_velden(&fout, &[("levensbeschouwing", "toestemming_ontbreekt")]);
    assert_eq!(
        app.scalar_i64(
            "SELECT count(*) FROM sleutelpersoon_gegevens WHERE levensbeschouwing IS NOT NULL"
        )
        .await,
        0
    );
    // Met toestemming in dezelfde wijziging: goed.
    let goed = app
        .patch_expect(
            &pad,
            &coordinator,
            &json!({"levensbeschouwing": "Islamitisch", "toestemming": toestemming(true)}),
            200,
        )
        .await;
    assert_eq!(goed["levensbeschouwing"], "Islamitisch");
    // De database zelf: zonder toestemming geen bijzonder gegeven.
    weigert(
        &app.db,
        "UPDATE sleutelpersoon SET bijzondere_gegevens = false; \
         UPDATE sleutelpersoon_gegevens SET migratieachtergrond = true",
        "bijzondere persoonsgegevens",
    )
    .await;
}

/// Anonimiseren verwijdert de persoon voorgoed: daarna staat de naam, het
/// e-mailadres of de notitie nergens meer in de database, geen tabel uitgezonderd.
#[tokio::test]
async fn anonymisation_is_complete_and_irreversible() {
    let app = spawn_app().await;
    let coordinator = app.token_for("oss.coordinator").await;
    let persoon = app.nieuwe_sleutelpersoon(&coordinator, volledig()).await;
    let id = id_of(&persoon);
    let pad = format!("/api/v1/sleutelpersonen/{id}");
    let netwerk = id_of(&app.nieuw_netwerk(&coordinator, json!({})).await);
    app.nieuw_lid(&coordinator, &netwerk, &id, json!({"rol": "ambassadeur"}))
        .await;
    app.patch_expect(
        &pad,
        &coordinator,
        &json!({"notities": "Zwaantje belde over de appgroep van de Merelhof."}),
        200,
    )
    .await;
    app.patch_expect(&pad, &coordinator, &json!({"status": "gepauzeerd"}), 200)
        .await;
    app.post_expect(
        "/api/v1/sleutelpersonen/_zoek",
        &coordinator,
        &json!({"tekst": NAAM}),
        200,
    )
    .await;
    app.get_expect(&format!("{pad}/inzage"), &coordinator, 200)
        .await;

    let na = app
        .post_expect(
            &format!("{pad}/anonimisering"),
            &coordinator,
            &json!({}),
            200,
        )
        .await;
    assert_eq!(na["persoonsgegevens"], false);
    assert!(na["geanonimiseerdOp"].is_string());
    assert!(na.get("voornaam").is_none());
    // Wat geen persoon aanwijst, blijft: status, typen, geschiedenis, lidmaatschap.
    assert_eq!(na["status"], "gepauzeerd");
    assert_eq!(na["typen"], json!(["verbinder", "doener"]));
    assert_eq!(na["statusHistorie"].as_array().map(Vec::len), Some(2));
    let leden = app
        .get_json_as(&format!("/api/v1/netwerken/{netwerk}/leden"), &coordinator)
        .await;
    assert_eq!(leden["totaalAantal"], 1);

    for geheim in [
        NAAM,
        EMAIL,
        TELEFOON,
        "van der Meer",
        "Vogelbuurt",
        "Merelhof",
        "Protestants",
    ] {
        let tabellen = crate::helpers::query_text(
            &app.db,
            "SELECT string_agg(tablename, ',') FROM pg_tables WHERE schemaname = 'public'",
        )
        .await;
        for tabel in tabellen.split(',') {
            let n = app
                .scalar_i64(&format!(
                    "SELECT count(*) FROM {tabel} t WHERE t::text ILIKE '%{}%'",
                    geheim.replace('\'', "''")
                ))
                .await;
            assert_eq!(n, 0, "{geheim} staat nog in {tabel}");
        }
    }
    // Onomkeerbaar: nog eens anonimiseren of wijzigen is 409, en de gegevens komen niet terug.
    let fout = app
        .post_expect(
            &format!("{pad}/anonimisering"),
            &coordinator,
            &json!({}),
            409,
        )
        .await;
    assert_eq!(fout["code"], "geanonimiseerd");
    let fout = app
        .patch_expect(&pad, &coordinator, &json!({"voornaam": "Terug"}), 409)
        .await;
    assert_eq!(fout["code"], "geanonimiseerd");
    let inzage = app
        .get_json_as(&format!("{pad}/inzage"), &coordinator)
        .await;
    assert_eq!(inzage["sleutelpersoon"]["persoonsgegevens"], false);
    // De audit trail noemt de velden, nooit hun waarden.
    let audit = crate::helpers::query_text(
        &app.db,
        &format!(
            "SELECT string_agg(wijzigingen::text, ' ') FROM audit_trail WHERE resource_id = '{id}'"
        ),
    )
    .await;
    assert!(
        audit.contains("\"voornaam\"") && audit.contains("\"notities\""),
        "{audit}"
    );
}

/// Het verwerkingenlogboek: één regel per verzoek (lezing, zoekresultaat, export,
/// anonimisering) met de set van personen, activiteit en request-id; alleen voor de
/// beheerder; de database weigert wijzigen en verwijderen.
#[tokio::test]
async fn the_processing_log_has_one_line_per_request_and_is_append_only() {
    let app = spawn_app().await;
    app.zonder_demo_sleutelpersonen().await;
    let coordinator = app.token_for("oss.coordinator").await;
    let beheerder = app.token_for("oss.beheerder").await;
    let raadpleger = app.token_for("oss.raadpleger").await;
    let a = id_of(&app.nieuwe_sleutelpersoon(&coordinator, volledig()).await);
    let b = id_of(
        &app.nieuwe_sleutelpersoon(&coordinator, json!({"voornaam": "Bram"}))
            .await,
    );
    let regels = |actie: &str| format!("SELECT count(*) FROM verwerking WHERE actie = '{actie}'");
    let na_aanmaken = app.scalar_i64(&regels("lezen")).await;
    assert_eq!(na_aanmaken, 2, "het antwoord op aanmaken toont de gegevens");

    app.get_json_as("/api/v1/sleutelpersonen", &coordinator)
        .await;
    assert_eq!(
        app.scalar_i64(&regels("lezen")).await,
        3,
        "een lijst van twee: één regel met beide personen"
    );
    app.get_json_as("/api/v1/sleutelpersonen", &raadpleger)
        .await;
    app.get_json_as(&format!("/api/v1/sleutelpersonen/{a}"), &raadpleger)
        .await;
    assert_eq!(
        app.scalar_i64(&regels("lezen")).await,
        3,
        "zonder persoonsgegevens geen regel"
    );
    app.post_expect(
        "/api/v1/sleutelpersonen/_zoek",
        &coordinator,
        &json!({"tekst": "bram"}),
        200,
    )
    .await;
    assert_eq!(app.scalar_i64(&regels("zoekresultaat")).await, 1);
    let response = app
        .get_as(&format!("/api/v1/sleutelpersonen/{a}/inzage"), &beheerder)
        .await;
    let request_id = crate::helpers::header(response.headers(), "x-request-id");
    assert_eq!(response.status(), 200);
    assert_eq!(
        app.scalar_i64(&format!(
            "SELECT count(*) FROM verwerking WHERE actie = 'export' AND verwerkingsactiviteit = 'inzageverzoek' \
             AND sleutelpersoon_ids = ARRAY['{a}']::uuid[] AND request_id = '{request_id}' AND actor_soort = 'gebruiker'"
        ))
        .await,
        1
    );
    app.post_expect(
        &format!("/api/v1/sleutelpersonen/{b}/anonimisering"),
        &coordinator,
        &json!({}),
        200,
    )
    .await;
    assert_eq!(
        app.scalar_i64(
            "SELECT count(*) FROM verwerking WHERE actie = 'anonimisering' AND verwerkingsactiviteit = 'anonimisering'"
        )
        .await,
        1
    );
    // Leesbaar voor de beheerder, per persoon te filteren; niet voor de coördinator.
    let log = app
        .get_json_as(
            &format!("/api/v1/verwerkingen?sleutelpersoonId={a}&paginaGrootte=100"),
            &beheerder,
        )
        .await;
    let acties: BTreeSet<&str> = kolom(&log, "actie").into_iter().collect();
    assert_eq!(acties, BTreeSet::from(["lezen", "export"]));
    assert!(
        log["resultaten"]
            .as_array()
            .expect("resultaten")
            .iter()
            .all(|r| r["sleutelpersoonIds"]
                .as_array()
                .is_some_and(|p| p.contains(&json!(a))))
    );
    assert!(
        !log.to_string().contains(NAAM),
        "het logboek noemt geen namen"
    );
    app.get_expect("/api/v1/verwerkingen", &coordinator, 403)
        .await;
    let vught = app.token_for("vught.beheerder").await;
    assert_eq!(
        app.get_json_as("/api/v1/verwerkingen", &vught).await["totaalAantal"],
        0
    );
    // Alleen toevoegen, in de database.
    let totaal = app.scalar_i64("SELECT count(*) FROM verwerking").await;
    for sql in [
        "UPDATE verwerking SET actie = 'lezen'",
        "DELETE FROM verwerking",
        "TRUNCATE verwerking",
    ] {
        weigert(&app.db, sql, "alleen-toevoegen").await;
    }
    assert_eq!(
        app.scalar_i64("SELECT count(*) FROM verwerking").await,
        totaal
    );
}

/// De inzage geeft alles wat over de persoon is vastgelegd.
#[tokio::test]
async fn the_subject_access_export_is_complete() {
    let app = spawn_app().await;
    app.zonder_demo_sleutelpersonen().await;
    let coordinator = app.token_for("oss.coordinator").await;
    let persoon = app.nieuwe_sleutelpersoon(&coordinator, volledig()).await;
    let id = id_of(&persoon);
    let netwerk = id_of(&app.nieuw_netwerk(&coordinator, json!({})).await);
    app.nieuw_lid(
        &coordinator,
        &netwerk,
        &id,
        json!({"rol": "kerngroeplid", "begin": "2026-01-10"}),
    )
    .await;
    app.patch_expect(
        &format!("/api/v1/sleutelpersonen/{id}"),
        &coordinator,
        &json!({"status": "gepauzeerd"}),
        200,
    )
    .await;
    let inzage = app
        .get_json_as(
            &format!("/api/v1/sleutelpersonen/{id}/inzage"),
            &coordinator,
        )
        .await;
    assert_eq!(
        sleutels(&inzage),
        set(&[&[
            "sleutelpersoon",
            "lidmaatschappen",
            "gekoppeld",
            "auditTrail",
            "verwerkingen"
        ]])
    );
    let p = &inzage["sleutelpersoon"];
    assert_eq!(sleutels(p), set(&[RECORD, PERSOONLIJK]));
    for (veld, waarde) in [
        ("voornaam", json!(NAAM)),
        ("email", json!(EMAIL)),
        ("telefoon", json!(TELEFOON)),
        ("levensbeschouwing", json!("Protestants")),
        ("toestemming", toestemming(true)),
    ] {
        assert_eq!(p[veld], waarde, "{veld}");
    }
    assert_eq!(
        kolom(&p["statusHistorie"], "status"),
        vec!["actief", "gepauzeerd"]
    );
    assert_eq!(
        inzage["lidmaatschappen"],
        json!([{"netwerkId": netwerk, "rol": "kerngroeplid", "belang": null, "begin": "2026-01-10", "eind": null}])
    );
    // Het logboek: het tonen na aanmaken en wijzigen, en deze export zelf.
    assert_eq!(
        kolom(&inzage["verwerkingen"], "actie"),
        vec!["lezen", "lezen", "export"]
    );
}

/// De levensloop: elke toegestane overgang, de ongeldige met 409, actief alleen met
/// toestemming, uitstroom alleen met een reden; een geweigerde wijziging laat niets achter.
#[tokio::test]
async fn every_status_transition_and_its_invalid_cases() {
    let app = spawn_app().await;
    let coordinator = app.token_for("oss.coordinator").await;
    let persoon = app
        .nieuwe_sleutelpersoon(&coordinator, json!({"voornaam": "Bram"}))
        .await;
    assert_eq!(persoon["status"], "kandidaat");
    let pad = format!("/api/v1/sleutelpersonen/{}", id_of(&persoon));
    let naar = |status: &str| json!({"status": status});
    let ongeldig = |body: Value| {
        let (app, pad, token) = (&app, &pad, &coordinator);
        async move {
            let voor = app
                .scalar_i64("SELECT count(*) FROM sleutelpersoon_status")
                .await;
            let fout = app.patch_expect(pad, token, &body, 409).await;
            assert_eq!(
                app.scalar_i64("SELECT count(*) FROM sleutelpersoon_status")
                    .await,
                voor
            );
            fout["code"].as_str().unwrap_or_default().to_owned()
        }
    };
    for status in ["actief", "gepauzeerd"] {
        assert_eq!(
            ongeldig(naar(status)).await,
            "status_overgang_ongeldig",
            "kandidaat → {status}"
        );
    }
    let uitstroom = json!({"status": "uitgestroomd", "uitstroomreden": "anders"});
    assert_eq!(ongeldig(uitstroom).await, "status_overgang_ongeldig");
    app.patch_expect(&pad, &coordinator, &naar("kennismaking"), 200)
        .await;
    assert_eq!(
        ongeldig(naar("gepauzeerd")).await,
        "status_overgang_ongeldig"
    );
    assert_eq!(ongeldig(naar("actief")).await, "toestemming_ontbreekt");
    let actief = app
        .patch_expect(
            &pad,
            &coordinator,
            &json!({"status": "actief", "toestemming": toestemming(false)}),
            200,
        )
        .await;
    assert_eq!(actief["status"], "actief");
    assert_eq!(
        ongeldig(naar("kennismaking")).await,
        "status_overgang_ongeldig"
    );
    app.patch_expect(&pad, &coordinator, &naar("gepauzeerd"), 200)
        .await;
    app.patch_expect(&pad, &coordinator, &naar("actief"), 200)
        .await;
    let fout = app
        .patch_expect(&pad, &coordinator, &naar("uitgestroomd"), 400)
        .await;
    assert_velden(&fout, &[("uitstroomreden", "verplicht")]);
    let fout = app
        .patch_expect(
            &pad,
            &coordinator,
            &json!({"uitstroomreden": "teleurstelling"}),
            400,
        )
        .await;
    assert_velden(&fout, &[("uitstroomreden", "ongeldig")]);
    let uit = app
        .patch_expect(
            &pad,
            &coordinator,
            &json!({"status": "uitgestroomd", "uitstroomreden": "tijd_energie", "exitgesprek": true,
                    "opvolgers": "Iemand uit de kerngroep"}),
            200,
        )
        .await;
    assert_eq!(
        (&uit["uitstroomreden"], &uit["exitgesprek"]),
        (&json!("tijd_energie"), &json!(true))
    );
    assert_eq!(
        ongeldig(naar("gepauzeerd")).await,
        "status_overgang_ongeldig"
    );
    let terug = app
        .patch_expect(&pad, &coordinator, &naar("actief"), 200)
        .await;
    assert_eq!(terug["uitstroomreden"], Value::Null);
    assert_eq!(
        kolom(&terug["statusHistorie"], "status"),
        vec![
            "kandidaat",
            "kennismaking",
            "actief",
            "gepauzeerd",
            "actief",
            "uitgestroomd",
            "actief"
        ]
    );
    assert_eq!(terug["statusHistorie"][5]["uitstroomreden"], "tijd_energie");
    // Een nieuwe persoon begint niet gepauzeerd of uitgestroomd, en actief alleen met toestemming.
    let fout = app
        .post_expect(
            "/api/v1/sleutelpersonen",
            &coordinator,
            &json!({"voornaam": "X", "status": "gepauzeerd"}),
            400,
        )
        .await;
    assert_velden(
        &fout,
        &[("status", "ongeldig"), ("toestemming", "verplicht")],
    );
}

/// Retentie als opdracht: precies wie voorbij zijn bewaartermijn is (ook een
/// kandidaat zonder toestemming), niet wie vandaag of later afloopt.
#[tokio::test]
async fn the_retention_command_anonymises_exactly_the_people_past_their_date() {
    let app = spawn_app().await;
    app.zonder_demo_sleutelpersonen().await;
    let coordinator = app.token_for("oss.coordinator").await;
    let mut ids = Vec::new();
    for naam in ["Verlopen", "Kandidaat", "Vandaag", "Later"] {
        ids.push(id_of(
            &app.nieuwe_sleutelpersoon(&coordinator, json!({"voornaam": naam}))
                .await,
        ));
    }
    let vandaag = "(now() AT TIME ZONE 'Europe/Amsterdam')::date";
    for (id, datum) in ids.iter().zip([
        format!("{vandaag} - 1"),
        format!("{vandaag} - 400"),
        vandaag.to_owned(),
        format!("{vandaag} + 1"),
    ]) {
        exec(
            &app.db,
            &format!("UPDATE sleutelpersoon SET bewaartermijn_tot = {datum} WHERE id = '{id}'"),
        )
        .await;
    }
    let output = app.weefsel(&["retentie"]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{stdout} {}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(stdout.contains("Retentie: 2 "), "{stdout}");
    let geanonimiseerd = crate::helpers::query_text(
        &app.db,
        "SELECT string_agg(g.voornaam, ',' ORDER BY g.voornaam) FROM sleutelpersoon_gegevens g",
    )
    .await;
    assert_eq!(geanonimiseerd, "Later,Vandaag");
    assert_eq!(
        app.scalar_i64(
            "SELECT count(*) FROM verwerking WHERE verwerkingsactiviteit = 'retentie' AND actor_soort = 'systeem'"
        )
        .await,
        2
    );
    assert_eq!(
        app.scalar_i64("SELECT count(*) FROM sleutelpersoon WHERE geanonimiseerd_op IS NOT NULL")
            .await,
        2
    );
}

/// Retentie als taak van de dienst: zonder opdracht, vanzelf, en alleen wie voorbij
/// zijn datum is.
#[tokio::test]
async fn the_service_runs_retention_by_itself() {
    let app =
        spawn_app_with(|config| config.retentie_interval = Some(Duration::from_millis(200))).await;
    let coordinator = app.token_for("oss.coordinator").await;
    let oud = id_of(
        &app.nieuwe_sleutelpersoon(&coordinator, json!({"voornaam": "Oud"}))
            .await,
    );
    let nieuw = id_of(
        &app.nieuwe_sleutelpersoon(&coordinator, json!({"voornaam": "Nieuw"}))
            .await,
    );
    exec(
        &app.db,
        &format!(
            "UPDATE sleutelpersoon SET bewaartermijn_tot = weefsel_vandaag() - 2 WHERE id = '{oud}'"
        ),
    )
    .await;
    let mut gedaan = false;
    for _ in 0..100 {
        if app
            .scalar_i64(&format!("SELECT count(*) FROM sleutelpersoon WHERE id = '{oud}' AND geanonimiseerd_op IS NOT NULL"))
            .await
            == 1
        {
            gedaan = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(gedaan, "de dienst anonimiseerde niet binnen tien seconden");
    assert_eq!(
        app.scalar_i64(&format!(
            "SELECT count(*) FROM sleutelpersoon_gegevens WHERE sleutelpersoon_id = '{nieuw}'"
        ))
        .await,
        1
    );
}
