//! De tweede muur: de dienst werkt als `weefsel_app` en row-level security laat een
//! query zonder gemeentefilter toch alleen de eigen gemeente zien.

use entity::{audit_trail, gebruiker};
use sea_orm::{ConnectionTrait, DbBackend, EntityTrait, Statement, TransactionTrait};
use weefsel_api::auth::{Subject, TokenKeys};
use weefsel_api::tenancy::Context;

use crate::helpers::{TestApp, query_text, spawn_app, test_config, weigert};

async fn service_pool(app: &TestApp) -> sea_orm::DatabaseConnection {
    weefsel_api::db::connect(&app.database.url, &test_config())
        .await
        .expect("pool als weefsel_app")
}

async fn user_subject(
    app: &TestApp,
    gebruikersnaam: &str,
    gemeente: Option<&str>,
    rol: &str,
) -> Subject {
    Subject::Gebruiker {
        id: app.user_id(gebruikersnaam).await.parse().expect("uuid"),
        gemeente: gemeente.map(str::to_owned),
        rollen: vec![rol.to_owned()],
        generatie: 1,
    }
}

/// Zet een account op inactief binnen de context; het aantal geraakte rijen.
async fn deactiveer(ctx: &Context, id: impl std::fmt::Display) -> u64 {
    ctx.db()
        .execute_raw(Statement::from_string(
            DbBackend::Postgres,
            format!("UPDATE gebruiker SET actief = false WHERE id = '{id}'"),
        ))
        .await
        .expect("update")
        .rows_affected()
}

#[tokio::test]
async fn a_query_without_the_application_filter_sees_only_its_own_gemeente() {
    let app = spawn_app().await;
    let pool = service_pool(&app).await;
    let keys = TokenKeys::from_config(&test_config()).expect("sleutels");

    // Via het scopingmechanisme van de dienst: een Oss-gebruiker, en dan bewust
    // zonder `ctx.scoped(...)` de hele tabel opvragen.
    let token = keys
        .issue(user_subject(&app, "oss.beheerder", Some("GM0828"), "gemeente_beheerder").await)
        .expect("token");
    let ctx = Context::open(&pool, &keys, &token, None)
        .await
        .expect("context");
    let rijen = gebruiker::Entity::find()
        .all(ctx.db())
        .await
        .expect("query");
    let oss = query_text(
        &app.db,
        "SELECT id::text FROM gemeente WHERE code = 'GM0828'",
    )
    .await;
    assert_eq!(rijen.len(), 4);
    assert!(
        rijen
            .iter()
            .all(|r| r.gemeente_id.map(|g| g.to_string()) == Some(oss.clone()))
    );
    let audit = audit_trail::Entity::find()
        .all(ctx.db())
        .await
        .expect("query");
    assert_eq!(audit.len(), 4, "alleen de seedregels van Oss");

    // Schrijven in een andere gemeente weigert de database zelf.
    let vught = app.user_id("vught.coordinator").await;
    assert_eq!(deactiveer(&ctx, &vught).await, 0);
    let insert = ctx
        .db()
        .execute_raw(Statement::from_string(
            DbBackend::Postgres,
            "INSERT INTO gebruiker (id, gemeente_id, gebruikersnaam, rollen) \
             SELECT gen_random_uuid(), id, 'vught.indringer', ARRAY['coordinator'] FROM gemeente WHERE code = 'GM0865'",
        ))
        .await;
    let error = insert.expect_err("row-level security weigert").to_string();
    assert!(error.contains("row-level security"), "{error}");
    drop(ctx);

    // Een regionale netwerkmanager leest alles.
    let token = keys
        .issue(user_subject(&app, "regio.netwerkmanager", None, "regio_netwerkmanager").await)
        .expect("token");
    let ctx = Context::open(&pool, &keys, &token, None)
        .await
        .expect("context");
    assert_eq!(
        gebruiker::Entity::find()
            .all(ctx.db())
            .await
            .expect("query")
            .len(),
        46
    );
    // ... maar mag geen accounts wijzigen.
    assert_eq!(deactiveer(&ctx, &vught).await, 0);
    drop(ctx);

    // Zonder context (een query buiten het mechanisme om): niets.
    let tx = pool.begin().await.expect("transactie");
    assert!(
        gebruiker::Entity::find()
            .all(&tx)
            .await
            .expect("query")
            .is_empty()
    );
    tx.rollback().await.expect("rollback");
    assert_eq!(
        app.scalar_i64("SELECT count(*) FROM gebruiker WHERE NOT actief")
            .await,
        0
    );
}

#[tokio::test]
async fn the_service_role_owns_nothing_and_bypasses_nothing() {
    let app = spawn_app().await;
    let pool = service_pool(&app).await;
    assert_eq!(
        query_text(&pool, "SELECT current_user::text").await,
        "weefsel_app"
    );
    assert_eq!(
        query_text(
            &app.db,
            "SELECT concat_ws(',', rolsuper, rolbypassrls, rolcanlogin) FROM pg_roles WHERE rolname = 'weefsel_app'"
        )
        .await,
        "f,f,f"
    );
    assert_eq!(
        app.scalar_i64("SELECT count(*) FROM pg_class WHERE relowner = 'weefsel_app'::regrole")
            .await,
        0
    );
    // Elke tabel met een gemeente_id heeft row-level security.
    let without_rls = query_text(
        &app.db,
        "SELECT coalesce(string_agg(c.relname, ','), '') FROM pg_class c \
         JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'gemeente_id' \
         WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r' AND NOT c.relrowsecurity",
    )
    .await;
    assert_eq!(without_rls, "");
}

#[tokio::test]
async fn the_audit_trail_is_append_only_in_the_database() {
    let app = spawn_app().await;
    let pool = service_pool(&app).await;
    for sql in [
        "UPDATE audit_trail SET actie = 'niets'",
        "DELETE FROM audit_trail",
        "TRUNCATE audit_trail",
    ] {
        weigert(&pool, sql, "permission denied").await;
    }
    // Ook de eigenaar niet, zolang de triggers aan staan.
    for sql in [
        "UPDATE audit_trail SET actie = 'niets'",
        "DELETE FROM audit_trail",
        "TRUNCATE audit_trail",
    ] {
        weigert(&app.db, sql, "alleen-toevoegen").await;
    }
    assert_eq!(app.scalar_i64("SELECT count(*) FROM audit_trail").await, 46);
}

/// Elke tabel met een `gemeente_id` hoort bij een module (`Module::tabellen`) en heeft
/// row-level security met een policy: een nieuwe module kan de tweede muur niet vergeten.
#[tokio::test]
async fn every_tenant_table_belongs_to_a_module_and_has_row_level_security() {
    let app = spawn_app().await;
    let lijst = |sql: &str| {
        let db = app.db.clone();
        let sql = sql.to_owned();
        async move {
            let tekst = query_text(&db, &sql).await;
            tekst
                .split(',')
                .filter(|t| !t.is_empty())
                .map(str::to_owned)
                .collect::<std::collections::BTreeSet<String>>()
        }
    };
    let met_gemeente = lijst(
        "SELECT coalesce(string_agg(table_name::text, ','), '') FROM information_schema.columns \
         WHERE table_schema = 'public' AND column_name = 'gemeente_id' \
         AND table_name IN (SELECT tablename FROM pg_tables WHERE schemaname = 'public')",
    )
    .await;
    let geregistreerd: std::collections::BTreeSet<String> = weefsel_api::modules::ALLE
        .iter()
        .flat_map(|m| m.tabellen)
        .map(|t| (*t).to_owned())
        .collect();
    assert_eq!(met_gemeente, geregistreerd);
    let beveiligd = lijst(
        "SELECT coalesce(string_agg(c.relname::text, ','), '') FROM pg_class c \
         JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public' \
         WHERE c.relrowsecurity AND EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = c.oid)",
    )
    .await;
    let zonder: Vec<_> = met_gemeente.difference(&beveiligd).collect();
    assert!(zonder.is_empty(), "zonder row-level security: {zonder:?}");
}

/// Elke leesregel rekent de context één keer per query uit (in een subquery, migratie
/// 000009), niet per rij: per rij kostte dat de regio, die alle gebieden telt, 1,5 ms
/// per verzoek. Ook de regels van een nieuwe module (`migration::MAG_LEZEN`).
#[tokio::test]
async fn every_read_policy_evaluates_the_context_once_per_query() {
    let app = spawn_app().await;
    let regels = query_text(
        &app.db,
        "SELECT string_agg(tablename || '.' || policyname || ': ' || qual, E'\\n') \
         FROM pg_policies WHERE schemaname = 'public' AND cmd = 'SELECT'",
    )
    .await;
    assert!(regels.contains("gebied.gebied_lezen"), "{regels}");
    for regel in regels.lines() {
        assert!(!regel.contains("weefsel_mag_lezen("), "per rij: {regel}");
        for functie in [
            "weefsel_gemeente()",
            "weefsel_regio()",
            "weefsel_authenticatie()",
        ] {
            let keren = regel.matches(functie).count();
            let eenmaal = regel.matches(&format!("SELECT {functie}")).count()
                + regel.matches(&format!("SELECT ({functie}")).count();
            assert_eq!(keren, eenmaal, "{functie} per rij in {regel}");
        }
    }
    // Wat een rij mag, is niet veranderd: als coördinator van Oss alleen Oss, als regio alles.
    let oss = app.token_for("oss.coordinator").await;
    let regio = app.token_for("regio.netwerkmanager").await;
    let eigen = app
        .get_json_as("/api/v1/gebieden?paginaGrootte=100", &oss)
        .await;
    let alle = app
        .get_json_as("/api/v1/gebieden?paginaGrootte=100", &regio)
        .await;
    assert!(
        crate::helpers::kolom(&eigen["resultaten"], "gemeente")
            .iter()
            .all(|g| *g == "GM0828")
    );
    assert_eq!(
        alle["totaalAantal"].as_i64(),
        Some(app.scalar_i64("SELECT count(*) FROM gebied").await)
    );
}

/// De regio beheert in de database geen gemeentelijke accounts of koppelingen (issue
/// 29): alleen regionale accounts, en het eerste account van een gemeente met een
/// activeringscode.
#[tokio::test]
async fn the_database_refuses_the_region_writing_municipal_credentials() {
    let app = spawn_app().await;
    let pool = service_pool(&app).await;
    let keys = TokenKeys::from_config(&test_config()).expect("sleutels");
    let token = keys
        .issue(user_subject(&app, "regio.beheerder", None, "regio_beheerder").await)
        .expect("token");
    let ctx = Context::open(&pool, &keys, &token, None)
        .await
        .expect("context");
    let budgethouder = app.user_id("oss.budgethouder").await;
    assert_eq!(deactiveer(&ctx, &budgethouder).await, 0);
    let koppelingen = ctx
        .db()
        .execute_raw(Statement::from_string(
            DbBackend::Postgres,
            "UPDATE koppeling SET scopes = ARRAY['budgetten.schrijven']".to_owned(),
        ))
        .await
        .expect("update")
        .rows_affected();
    assert_eq!(koppelingen, 0);
    // Geen nieuwe koppeling, en geen gemeentelijk account met een wachtwoord dat de regio
    // koos.
    for sql in [
        "INSERT INTO koppeling (id, gemeente_id, naam, geheim_hash, scopes) \
         SELECT gen_random_uuid(), id, 'Regio', 'x', ARRAY['budgetten.schrijven'] \
         FROM gemeente WHERE code = 'GM0828'",
        "INSERT INTO gebruiker (id, gemeente_id, gebruikersnaam, wachtwoord_hash, rollen) \
         SELECT gen_random_uuid(), id, 'oss.regiokind', 'x', ARRAY['budgethouder'] \
         FROM gemeente WHERE code = 'GM0828'",
    ] {
        let tx = ctx.db().begin().await.expect("savepoint");
        weigert(&tx, sql, "row-level security").await;
    }
    // Een regionaal account wel.
    let regionaal = app.user_id("regio.netwerkmanager").await;
    assert_eq!(deactiveer(&ctx, &regionaal).await, 1);
}
