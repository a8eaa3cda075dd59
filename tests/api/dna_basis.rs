//! Het DNA-profiel zoals de handreiking het bedoelt (issue 35, V2 punt 1): de gemeente
//! kan de niet-meetbare tekenen als basis kiezen, elk profiel draagt de punten "voor
//! alle vlakken", en de toelichting toont getallen zoals mensen ze schrijven.

use serde_json::json;

use crate::helpers::{id_of, query_text, spawn_app};

#[tokio::test]
async fn the_signs_decide_when_the_municipality_chooses_them() {
    let app = spawn_app().await;
    let coordinator = app.token_for("oss.coordinator").await;
    let beheerder = app.token_for("oss.beheerder").await;
    let gebied = app
        .nieuw_gebied(&coordinator, json!({"inwonertal": 8000}))
        .await;
    let pad = format!("/api/v1/gebieden/{}", id_of(&gebied));
    // Indicatoren zeggen zwak (met een waarde van vier decimalen), de tekenen sterk.
    app.post_expect(
        &format!("{pad}/indicatoren"),
        &coordinator,
        &json!({"peildatum": "2026-01-01", "bron": "Test", "burgerinitiatievenPer1000": 0.7275,
                "vrijwilligerswerkPercentage": 20, "inwonersKennenElkaar": true,
                "groetenElkaarOpStraat": true, "buurtfeesten": false}),
        201,
    )
    .await;
    let profiel = app.get_json_as(&pad, &coordinator).await["dnaProfiel"].clone();
    assert_eq!(
        (profiel["cohesie"].clone(), profiel["basis"].clone()),
        (json!("zwak"), json!("indicatoren"))
    );
    let toelichting = profiel["toelichting"].as_str().unwrap_or_default();
    assert!(toelichting.contains("0,7 "), "{toelichting}");
    assert!(!toelichting.contains("0,72"), "{toelichting}");
    assert!(toelichting.contains(" 20 "), "{toelichting}");
    assert_eq!(profiel["voorAlleVlakken"].as_array().map(Vec::len), Some(3));
    assert!(
        profiel["voorAlleVlakken"][2]
            .as_str()
            .is_some_and(|t| t.contains("NCTV"))
    );

    // Wie de basis mag zetten: de gemeente_beheerder en de regio_beheerder.
    for wie in ["oss.coordinator", "regio.netwerkmanager", "vught.beheerder"] {
        let token = app.token_for(wie).await;
        app.patch_expect(
            "/api/v1/gemeenten/GM0828",
            &token,
            &json!({"dnaBasis": "tekenen"}),
            403,
        )
        .await;
    }
    let fout = app
        .patch_expect(
            "/api/v1/gemeenten/GM0828",
            &beheerder,
            &json!({"dnaBasis": "gevoel"}),
            400,
        )
        .await;
    assert_eq!(fout["invalidParams"][0]["name"], "dnaBasis");
    let gemeente = app
        .patch_expect(
            "/api/v1/gemeenten/GM0828",
            &beheerder,
            &json!({"dnaBasis": "tekenen"}),
            200,
        )
        .await;
    assert_eq!(gemeente["dnaBasis"], "tekenen");

    // Nu beslissen de tekenen (twee ja, één nee): sterk, vak 3.
    let profiel = app.get_json_as(&pad, &coordinator).await["dnaProfiel"].clone();
    assert_eq!(
        (
            profiel["cohesie"].clone(),
            profiel["basis"].clone(),
            profiel["kwadrant"].clone()
        ),
        (json!("sterk"), json!("tekenen"), json!(3))
    );
    assert!(
        profiel["toelichting"]
            .as_str()
            .is_some_and(|t| t.contains("tekenen beslissen")),
        "{profiel}"
    );
    // Het bewaarde profiel volgt (de lijst filtert erop).
    assert_eq!(
        query_text(
            &app.db,
            &format!(
                "SELECT dna_cohesie FROM gebied WHERE id = '{}'",
                id_of(&gebied)
            )
        )
        .await,
        "sterk"
    );
    // De regio_beheerder zet haar terug; de audit trail heeft oude en nieuwe waarde.
    let regio = app.token_for("regio.beheerder").await;
    app.patch_expect(
        "/api/v1/gemeenten/GM0828",
        &regio,
        &json!({"dnaBasis": "indicatoren"}),
        200,
    )
    .await;
    let profiel = app.get_json_as(&pad, &coordinator).await["dnaProfiel"].clone();
    assert_eq!(profiel["basis"], "indicatoren");
    let audit = query_text(
        &app.db,
        "SELECT string_agg(wijzigingen::text, ' ' ORDER BY volgnummer) FROM audit_trail WHERE resource = 'gemeente'",
    )
    .await;
    assert!(
        audit.contains("\"dnaBasis\"") && audit.contains("\"tekenen\""),
        "{audit}"
    );
}
