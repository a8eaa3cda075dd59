//! De muur in de database voor de rol van de dienst (issue 31, T3 punt 3): wie als
//! `weefsel_app` SQL kan sturen en elke instelling van de context met de hand zet,
//! leest geen hash, roept geen SECURITY DEFINER-functie buiten haar context aan,
//! schrijft vanuit een regionale leescontext geen DNA-profiel en ziet geen bewaarde
//! antwoorden of mislukte inlogpogingen van een ander. Het token- en
//! wachtwoordendpoint werken via `weefsel_auth`, die alleen de hashes en de lock-out
//! leest.

use std::collections::BTreeSet;

use sea_orm::{ConnectionTrait, DatabaseConnection, DatabaseTransaction, TransactionTrait};
use serde_json::json;

use crate::helpers::{
    DEMO_PASSWORD, EIGEN_WACHTWOORD, TestApp, exec, query_text, spawn_app, test_config, weigert,
};

async fn dienst(app: &TestApp) -> DatabaseConnection {
    weefsel_api::db::connect(&app.database.url, &test_config())
        .await
        .expect("pool als weefsel_app")
}

/// Een transactie als `weefsel_app` met elke instelling van de context met de hand
/// gezet; `regio` is `beheer`, `lezen` of leeg.
async fn met_de_hand(
    pool: &DatabaseConnection,
    context: &str,
    gemeente: &str,
    regio: &str,
    actor: &str,
) -> DatabaseTransaction {
    let tx = pool.begin().await.expect("transactie");
    exec_tx(
        &tx,
        &format!(
            "SELECT set_config('weefsel.context', '{context}', true), \
                    set_config('weefsel.gemeente', '{gemeente}', true), \
                    set_config('weefsel.regio', '{regio}', true), \
                    set_config('weefsel.persoonsgegevens', 'ja', true), \
                    set_config('weefsel.meldingen', 'ja', true), \
                    set_config('weefsel.gebruiker', '{actor}', true), \
                    set_config('weefsel.actor_soort', 'gebruiker', true), \
                    set_config('weefsel.actor_id', '{actor}', true)"
        ),
    )
    .await;
    tx
}

/// `sql` in een transactie met de context met de hand gezet (`context`, `gemeente`,
/// `regio`, `actor`, zoals [`met_de_hand`]): de database weigert het met `reden`.
async fn weigert_met_de_hand(pool: &DatabaseConnection, hand: [&str; 4], sql: &str, reden: &str) {
    let [context, gemeente, regio, actor] = hand;
    let tx = met_de_hand(pool, context, gemeente, regio, actor).await;
    weigert(&tx, sql, reden).await;
}

async fn exec_tx(tx: &DatabaseTransaction, sql: &str) {
    tx.execute_unprepared(sql)
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"));
}

async fn getal(db: &impl ConnectionTrait, sql: &str) -> i64 {
    db.query_one_raw(sea_orm::Statement::from_string(
        sea_orm::DbBackend::Postgres,
        sql,
    ))
    .await
    .unwrap_or_else(|e| panic!("{sql}: {e}"))
    .and_then(|r| r.try_get_by_index::<i64>(0).ok())
    .unwrap_or_else(|| panic!("{sql}: geen getal"))
}

#[tokio::test]
async fn met_elke_instelling_met_de_hand_leest_weefsel_app_geen_hash() {
    let app = spawn_app().await;
    let pool = dienst(&app).await;
    let oss = query_text(
        &app.db,
        "SELECT id::text FROM gemeente WHERE code = 'GM0828'",
    )
    .await;
    let regio = app.user_id("regio.beheerder").await;
    // Zelfs met de context `authenticatie`, beheer over de regio en een eigen gemeente.
    for context in ["authenticatie", ""] {
        for sql in [
            "SELECT wachtwoord_hash FROM gebruiker",
            "SELECT * FROM gebruiker",
            "SELECT geheim_hash FROM koppeling",
            "SELECT * FROM koppeling",
            "SELECT count(*) FROM gebruiker WHERE wachtwoord_hash LIKE '$argon2%'",
            "SELECT * FROM mislukte_inlog",
        ] {
            weigert_met_de_hand(
                &pool,
                [context, &oss, "beheer", &regio],
                sql,
                "permission denied",
            )
            .await;
        }
    }
    // Wat de dienst wél leest: het account zonder hash.
    let tx = met_de_hand(&pool, "authenticatie", &oss, "beheer", &regio).await;
    assert!(getal(&tx, "SELECT count(*) FROM gebruiker WHERE actief").await > 40);

    // weefsel_auth leest de hashes en de lock-out, en verder niets.
    let inlog = weefsel_api::db::connect_inlog(&app.database.url, &test_config())
        .await
        .expect("pool als weefsel_auth");
    assert!(
        getal(
            &inlog,
            "SELECT count(*) FROM gebruiker WHERE wachtwoord_hash LIKE '$argon2%'"
        )
        .await
            > 40
    );
    getal(&inlog, "SELECT count(geheim_hash) FROM koppeling").await;
    getal(&inlog, "SELECT count(*) FROM mislukte_inlog").await;
    for sql in [
        "SELECT rollen FROM gebruiker",
        "SELECT * FROM gebruiker",
        "SELECT scopes FROM koppeling",
        "SELECT * FROM sleutelpersoon",
        "SELECT * FROM sleutelpersoon_gegevens",
        "SELECT * FROM audit_trail",
        "SELECT * FROM idempotentie",
        "UPDATE gebruiker SET wachtwoord_hash = NULL",
    ] {
        weigert(&inlog, sql, "permission denied").await;
    }

    // Inloggen, een token van een koppeling en een eigen wachtwoord werken nog, en
    // een fout wachtwoord telt (de lock-out leest alleen weefsel_auth).
    assert_eq!(
        app.login("oss.coordinator", DEMO_PASSWORD).await.status(),
        200
    );
    app.fail_logins("oss.coordinator", 2).await;
    assert_eq!(
        getal(&app.db, "SELECT count(*) FROM mislukte_inlog").await,
        2,
        "de lock-out telt"
    );
    let (client_id, secret) = app
        .create_client("oss.beheerder", "muur", &["gebieden.lezen"])
        .await;
    app.client_token(&client_id, &secret).await;
    let wijziging = json!({"gebruikersnaam": "oss.raadpleger", "wachtwoord": DEMO_PASSWORD,
                           "nieuwWachtwoord": EIGEN_WACHTWOORD});
    let response = app
        .post_anonymous("/api/v1/auth/wachtwoord", &wijziging)
        .await;
    assert_eq!(response.status(), 204);
    assert_eq!(
        app.login("oss.raadpleger", EIGEN_WACHTWOORD).await.status(),
        200
    );
}

/// Elke SECURITY DEFINER-functie die `weefsel_app` mag aanroepen, weigert buiten de
/// context die zij nodig heeft. Een nieuwe functie komt hier bij of de test faalt.
#[tokio::test]
async fn elke_security_definer_functie_weigert_buiten_haar_context() {
    let app = spawn_app().await;
    let pool = dienst(&app).await;
    let oss = query_text(
        &app.db,
        "SELECT id::text FROM gemeente WHERE code = 'GM0828'",
    )
    .await;
    let netwerkmanager = app.user_id("regio.netwerkmanager").await;
    let coordinator = app.user_id("oss.coordinator").await;

    let functies: BTreeSet<String> = app
        .db
        .query_all_raw(sea_orm::Statement::from_string(
            sea_orm::DbBackend::Postgres,
            "SELECT p.oid::regprocedure::text FROM pg_proc p \
             JOIN pg_namespace n ON n.oid = p.pronamespace \
             WHERE n.nspname = 'public' AND p.prosecdef \
               AND p.prorettype <> 'trigger'::regtype \
               AND has_function_privilege('weefsel_app', p.oid, 'EXECUTE')",
        ))
        .await
        .expect("functies")
        .into_iter()
        .map(|r| r.try_get_by_index::<String>(0).expect("naam"))
        .collect();
    let gecontroleerd: BTreeSet<String> = [
        "weefsel_anonimiseren(uuid,text)",
        "weefsel_audit_kop(uuid)",
        "weefsel_audit_kop_bewaren(text,bigint,text,text)",
        "weefsel_audit_koppen()",
        "weefsel_dashboard_meldingen(uuid[])",
        "weefsel_dna_opslaan(jsonb)",
        "weefsel_idempotentie_opruimen()",
        "weefsel_limiet(text,integer,integer)",
        "weefsel_limiet_opruimen()",
        "weefsel_netwerk_diversiteit(uuid)",
        "weefsel_retentie(date)",
        "weefsel_retentie_initiatieven(date)",
        "weefsel_verwerking_opschonen(integer)",
        "weefsel_werk_tellingen(date,date)",
    ]
    .into_iter()
    .map(str::to_owned)
    .collect();
    assert_eq!(functies, gecontroleerd);

    // De retentie: alleen in de context `retentie`, zonder actor, nooit na vandaag.
    let leeftijd = getal(
        &app.db,
        "SELECT count(*) FROM sleutelpersoon WHERE geanonimiseerd_op IS NULL",
    )
    .await;
    for (context, actor) in [
        ("", ""),
        ("", coordinator.as_str()),
        ("retentie", coordinator.as_str()),
    ] {
        for sql in [
            "SELECT weefsel_retentie('2100-01-01')",
            "SELECT weefsel_retentie(weefsel_vandaag())",
            "SELECT weefsel_retentie_initiatieven(weefsel_vandaag())",
            "SELECT weefsel_verwerking_opschonen(5)",
            "SELECT weefsel_idempotentie_opruimen()",
        ] {
            weigert_met_de_hand(
                &pool,
                [context, &oss, "beheer", actor],
                sql,
                "alleen in de context retentie",
            )
            .await;
        }
    }
    weigert_met_de_hand(
        &pool,
        ["retentie", "", "", ""],
        "SELECT weefsel_retentie('2100-01-01')",
        "niet na vandaag",
    )
    .await;
    weigert_met_de_hand(
        &pool,
        ["retentie", "", "", ""],
        "SELECT weefsel_retentie_initiatieven('2100-01-01')",
        "niet na vandaag",
    )
    .await;
    assert_eq!(
        getal(
            &app.db,
            "SELECT count(*) FROM sleutelpersoon WHERE geanonimiseerd_op IS NULL"
        )
        .await,
        leeftijd,
        "niemand geanonimiseerd"
    );

    // Anonimiseren: alleen met persoonsgegevens van de eigen gemeente (niet regionaal).
    let persoon = query_text(
        &app.db,
        "SELECT s.id::text FROM sleutelpersoon s JOIN gemeente g ON g.id = s.gemeente_id \
         WHERE g.code = 'GM0828' LIMIT 1",
    )
    .await;
    let tx = met_de_hand(&pool, "", "", "beheer", &netwerkmanager).await;
    assert_eq!(
        query_text(
            &tx,
            &format!("SELECT weefsel_anonimiseren('{persoon}', NULL)::text")
        )
        .await,
        "false"
    );
    drop(tx);

    // Een DNA-profiel: niet vanuit een regionale leescontext.
    let gebied = query_text(
        &app.db,
        "SELECT g.id::text FROM gebied g JOIN gemeente m ON m.id = g.gemeente_id \
         WHERE m.code = 'GM0828' LIMIT 1",
    )
    .await;
    let voor = query_text(
        &app.db,
        &format!("SELECT coalesce(dna_kwadrant::text, '-') FROM gebied WHERE id = '{gebied}'"),
    )
    .await;
    let profiel = json!([{"id": gebied, "profiel": {"vervalst": true}, "kwadrant": 4,
                          "cohesie": "hoog", "aanpak": [], "grootte": "klein", "basis": "handmatig",
                          "peildatum": "2026-01-01"}]);
    let tx = met_de_hand(&pool, "", "", "lezen", &netwerkmanager).await;
    assert_eq!(
        query_text(
            &tx,
            &format!("SELECT weefsel_dna_opslaan('{profiel}')::text")
        )
        .await,
        "0"
    );
    tx.commit().await.expect("commit");
    assert_eq!(
        query_text(
            &app.db,
            &format!("SELECT coalesce(dna_kwadrant::text, '-') FROM gebied WHERE id = '{gebied}'"),
        )
        .await,
        voor
    );

    // Lezende functies zonder context: niets.
    let netwerk = query_text(
        &app.db,
        "SELECT n.id::text FROM netwerk n JOIN gemeente m ON m.id = n.gemeente_id \
         WHERE m.code = 'GM0828' LIMIT 1",
    )
    .await;
    let tx = met_de_hand(&pool, "", "", "", "").await;
    assert_eq!(
        getal(
            &tx,
            &format!("SELECT count(aantal) FROM weefsel_netwerk_diversiteit('{netwerk}')")
        )
        .await,
        0
    );
    assert_eq!(
        getal(
            &tx,
            "SELECT count(*) FROM weefsel_dashboard_meldingen(NULL)"
        )
        .await,
        0
    );
    assert_eq!(
        getal(
            &tx,
            "SELECT count(*) FROM weefsel_werk_tellingen(weefsel_vandaag(), weefsel_vandaag() + 3650)"
        )
        .await,
        0
    );
    drop(tx);
    // De aantallen van de werklijst: een gemeente alleen zichzelf, de regio allemaal.
    let tx = met_de_hand(&pool, "", &oss, "", &coordinator).await;
    assert_eq!(
        getal(
            &tx,
            &format!(
                "SELECT count(*) FROM weefsel_werk_tellingen(weefsel_vandaag(), weefsel_vandaag() + 3650) \
                 WHERE gemeente_id <> '{oss}'"
            )
        )
        .await,
        0
    );
    assert!(
        getal(
            &tx,
            "SELECT count(*) FROM weefsel_werk_tellingen(weefsel_vandaag(), weefsel_vandaag() + 3650)"
        )
        .await
            > 0
    );
    drop(tx);
    // Koppen ondertekenen en bewaren: alleen in de context `audit_koppen`, zonder actor.
    for (context, actor) in [
        ("", ""),
        ("audit_koppen", coordinator.as_str()),
        ("retentie", ""),
    ] {
        for sql in [
            "SELECT count(*) FROM weefsel_audit_koppen()",
            "SELECT weefsel_audit_kop_bewaren('GM0828', 0, repeat('0', 64), 'x')",
        ] {
            weigert_met_de_hand(
                &pool,
                [context, &oss, "beheer", actor],
                sql,
                "alleen in de context audit_koppen",
            )
            .await;
        }
    }
    // En ook daar alleen een kop die in de keten staat.
    weigert_met_de_hand(
        &pool,
        ["audit_koppen", "", "", ""],
        "SELECT weefsel_audit_kop_bewaren('GM0828', 1, repeat('a', 64), 'x')",
        "staat niet in keten",
    )
    .await;
    // `weefsel_audit_kop` geeft alleen het volgende volgnummer en de vorige hash (een
    // MAC, geen inhoud) onder het slot van de keten, tot het einde van de transactie.
    // `weefsel_limiet` en `weefsel_limiet_opruimen` tellen verzoeken per sleutel vóór
    // er een aanroeper is; ze raken geen andere tabel (docs/privacy.md).
}

#[tokio::test]
async fn bewaarde_antwoorden_en_mislukte_inlogpogingen_zijn_van_niemand_anders() {
    let app = spawn_app().await;
    let pool = dienst(&app).await;
    let (a, b) = (
        app.user_id("oss.coordinator").await,
        app.user_id("oss.beheerder").await,
    );
    exec(
        &app.db,
        &format!(
            "INSERT INTO idempotentie (actor, operatie, sleutel, vingerafdruk, status, body) VALUES \
             ('{a}', 'POST /x', 'k1', 'v', 201, '{{\"van\": \"a\"}}'), \
             ('{b}', 'POST /x', 'k1', 'v', 201, '{{\"van\": \"b\"}}')"
        ),
    )
    .await;
    let tx = met_de_hand(&pool, "authenticatie", "", "beheer", &a).await;
    assert_eq!(
        query_text(&tx, "SELECT string_agg(body, ',') FROM idempotentie").await,
        "{\"van\": \"a\"}"
    );
    assert_eq!(
        tx.execute_unprepared("UPDATE idempotentie SET body = 'weg'")
            .await
            .expect("update")
            .rows_affected(),
        1
    );
    assert_eq!(
        tx.execute_unprepared("DELETE FROM idempotentie")
            .await
            .expect("delete")
            .rows_affected(),
        1
    );
    weigert(
        &tx,
        &format!(
            "INSERT INTO idempotentie (actor, operatie, sleutel, vingerafdruk) VALUES ('{b}', 'POST /y', 'k', 'v')"
        ),
        "row-level security",
    )
    .await;
    let tx = met_de_hand(&pool, "", "", "", "").await;
    assert_eq!(getal(&tx, "SELECT count(*) FROM idempotentie").await, 0);
    weigert(
        &tx,
        "SELECT count(*) FROM mislukte_inlog",
        "permission denied",
    )
    .await;
    weigert_met_de_hand(
        &pool,
        ["authenticatie", "", "", ""],
        "INSERT INTO mislukte_inlog (account) VALUES ('x')",
        "permission denied",
    )
    .await;
}
