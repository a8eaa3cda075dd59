//! Gelijktijdige verzoeken (issue 9, punt 6): wat een controle leest, staat vast tot
//! de transactie klaar is, en een botsing is een 409 met `code`, nooit een 500.
//!
//! De tests laten twee verzoeken echt overlappen: een eigen transactie houdt een lock
//! vast waar beide verzoeken langs moeten, tot beide wachten; dan pas gaat hij los.

use reqwest::Response;
use sea_orm::{ConnectionTrait, DatabaseConnection, DatabaseTransaction, TransactionTrait};
use serde_json::{Value, json};

use crate::helpers::{TestApp, assert_problem, assert_velden, connect, header, id_of, spawn_app};

/// Een transactie die `sql` (een lock) vasthoudt tot [`Rem::los`].
struct Rem {
    db: DatabaseConnection,
    tx: DatabaseTransaction,
}

impl Rem {
    async fn vast(app: &TestApp, sql: &str) -> Rem {
        let db = connect(&app.database.url, 2).await;
        let tx = db.begin().await.expect("begin");
        tx.execute_unprepared(sql).await.expect("lock");
        Rem { db, tx }
    }

    /// Wacht tot `n` verbindingen van deze database op een lock wachten, en laat los.
    async fn los_als_wachtend(self, n: i64) {
        wacht_tot(&self.db, n).await;
        self.tx.rollback().await.expect("rollback");
    }
}

/// Wacht tot `n` verbindingen van de database van `db` op een lock wachten.
async fn wacht_tot(db: &DatabaseConnection, n: i64) {
    for _ in 0..500 {
        let wachtend = db
            .query_one_raw(sea_orm::Statement::from_string(
                sea_orm::DbBackend::Postgres,
                "SELECT count(*) FROM pg_stat_activity \
                 WHERE datname = current_database() AND wait_event_type = 'Lock'",
            ))
            .await
            .expect("pg_stat_activity")
            .and_then(|r| r.try_get_by_index::<i64>(0).ok())
            .unwrap_or(0);
        if wachtend >= n {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
    panic!("de verzoeken kwamen niet bij het lock");
}

/// `DELETE` van een gebied met zijn huidige `ETag`.
async fn verwijder(app: &TestApp, token: &str, id: &str) -> Response {
    let pad = format!("/api/v1/gebieden/{id}");
    let etag = header(app.get_as(&pad, token).await.headers(), "etag");
    app.met_if_match(reqwest::Method::DELETE, &pad, token, &etag, None)
        .await
}

/// Houdt de audit trail van Oss vast: een verzoek dat iets vastlegt, wacht daar,
/// midden in zijn transactie (na zijn wijziging, vóór de commit).
const AUDIT_OSS: &str = "SELECT pg_advisory_xact_lock(hashtext('weefsel.audit_trail.GM0828'))";

async fn status_en_body(response: Response) -> (u16, Value) {
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(Value::Null))
}

#[tokio::test]
async fn two_areas_made_each_others_parent_at_once_give_one_success_and_one_refusal() {
    let app = spawn_app().await;
    let token = app.token_for("oss.coordinator").await;
    let a = id_of(&app.nieuw_gebied(&token, json!({"naam": "A"})).await);
    let b = id_of(&app.nieuw_gebied(&token, json!({"naam": "B"})).await);
    // Beide verzoeken vergrendelen hun eigen gebied; de rem houdt ze daar vast.
    let rem = Rem::vast(
        &app,
        &format!("SELECT 1 FROM gebied WHERE id IN ('{a}', '{b}') FOR KEY SHARE"),
    )
    .await;
    let (pad_a, pad_b) = (
        format!("/api/v1/gebieden/{a}"),
        format!("/api/v1/gebieden/{b}"),
    );
    let (onder_b, onder_a) = (
        json!({"bovenliggendGebiedId": b}),
        json!({"bovenliggendGebiedId": a}),
    );
    let (eerste, tweede, ()) = tokio::join!(
        app.patch_as(&pad_a, &token, &onder_b),
        app.patch_as(&pad_b, &token, &onder_a),
        rem.los_als_wachtend(2),
    );
    let mut uitkomsten = [status_en_body(eerste).await, status_en_body(tweede).await];
    uitkomsten.sort_by_key(|(status, _)| *status);
    assert_eq!(
        [uitkomsten[0].0, uitkomsten[1].0],
        [200, 400],
        "{uitkomsten:?}"
    );
    assert_velden(&uitkomsten[1].1, &[("bovenliggendGebiedId", "ongeldig")]);
    // Geen kring in de database: precies één van beide heeft een ouder.
    let met_ouder = app
        .scalar_i64(&format!(
            "SELECT count(*) FROM gebied WHERE id IN ('{a}', '{b}') \
             AND bovenliggend_gebied_id IS NOT NULL"
        ))
        .await;
    assert_eq!(met_ouder, 1);
}

#[tokio::test]
async fn deleting_an_area_while_a_traject_or_child_is_created_for_it() {
    let app = spawn_app().await;
    let token = app.token_for("oss.coordinator").await;
    for (pad, basis, body_voor) in [
        (
            "/api/v1/trajecten",
            json!({"aanpak": "coachend"}),
            "gebiedId",
        ),
        (
            "/api/v1/gebieden",
            json!({"naam": "Kind", "soort": "buurt"}),
            "bovenliggendGebiedId",
        ),
    ] {
        let body = |gebied: &str| crate::helpers::met(basis.clone(), json!({body_voor: gebied}));

        // Eerst de verwijdering: ze wacht na haar DELETE op de audit trail; het nieuwe
        // traject of kind wacht op haar. Daarna bestaat het gebied niet meer: 400.
        let id = id_of(&app.nieuw_gebied(&token, json!({})).await);
        let nieuw_body = body(&id);
        let rem = Rem::vast(&app, AUDIT_OSS).await;
        let (weg, nieuw, ()) = tokio::join!(
            verwijder(&app, &token, &id),
            async {
                // Pas starten als de verwijdering op de audit trail wacht.
                wacht_tot(&app.db, 1).await;
                app.post_as(pad, &token, &nieuw_body).await
            },
            rem.los_als_wachtend(2),
        );
        assert_eq!(weg.status(), 204, "{pad}");
        let problem = assert_problem(nieuw, 400).await;
        assert_velden(&problem, &[(body_voor, "ongeldig")]);

        // Eerst het nieuwe traject of kind: de verwijdering wacht erop en ziet het dan.
        let id = id_of(&app.nieuw_gebied(&token, json!({})).await);
        let nieuw_body = body(&id);
        let rem = Rem::vast(&app, AUDIT_OSS).await;
        let (nieuw, weg, ()) = tokio::join!(
            app.post_as(pad, &token, &nieuw_body),
            async {
                wacht_tot(&app.db, 1).await;
                verwijder(&app, &token, &id).await
            },
            rem.los_als_wachtend(2),
        );
        assert_eq!(nieuw.status(), 201, "{pad}");
        let problem = assert_problem(weg, 409).await;
        assert_eq!(problem["code"], "gebied_heeft_onderliggende", "{pad}");
        assert_eq!(
            app.scalar_i64(&format!("SELECT count(*) FROM gebied WHERE id = '{id}'"))
                .await,
            1
        );
    }

    // Een meting voor een gebied dat tegelijk verdwijnt: 404, geen 500.
    let id = id_of(&app.nieuw_gebied(&token, json!({})).await);
    let metingen = format!("/api/v1/gebieden/{id}/indicatoren");
    let meting = json!({"peildatum": "2026-01-01", "bron": "CBS", "leefbaarometer": 6});
    let rem = Rem::vast(&app, AUDIT_OSS).await;
    let (weg, nieuw, ()) = tokio::join!(
        verwijder(&app, &token, &id),
        async {
            wacht_tot(&app.db, 1).await;
            app.post_as(&metingen, &token, &meting).await
        },
        rem.los_als_wachtend(2),
    );
    assert_eq!(weg.status(), 204);
    assert_problem(nieuw, 404).await;
    assert_eq!(
        app.scalar_i64(&format!(
            "SELECT count(*) FROM indicatormeting WHERE gebied_id = '{id}'"
        ))
        .await,
        0
    );
}
