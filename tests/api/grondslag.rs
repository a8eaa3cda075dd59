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
    let pool = weefsel_api::ops::db::connect(&app.database.url, &crate::helpers::test_config())
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
