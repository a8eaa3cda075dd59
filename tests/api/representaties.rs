//! Snapshots van de representaties die integrators en het dashboard lezen: een
//! gebied met zijn DNA-profiel en een traject met zijn stappen. Ids en tijdstippen
//! zijn weggelaten (ze verschillen per run); al het andere moet gelijk blijven.

use serde_json::json;

use crate::helpers::{id_of, spawn_app};

#[tokio::test]
async fn the_representation_of_an_area_with_its_dna_profile() {
    let app = spawn_app().await;
    let token = app.token_for("oss.coordinator").await;
    let wijk = app
        .nieuw_gebied(&token, json!({"naam": "Snapshotwijk", "inwonertal": 8000}))
        .await;
    let id = id_of(&wijk);
    app.nieuwe_meting(
        &token,
        &id,
        json!({"peildatum": "2025-06-30", "burgerinitiatievenPer1000": 0.5,
               "vrijwilligerswerkPercentage": 22, "leefbaarometer": 5.5, "buurtfeesten": false}),
    )
    .await;
    let gebied = app
        .patch_expect(
            &format!("/api/v1/gebieden/{id}"),
            &token,
            &json!({"handmatig": {"aanpak": ["coachend", "coordinerend"], "reden": "Beide sporen tegelijk."}}),
            200,
        )
        .await;
    insta::assert_json_snapshot!(gebied, {
        ".id" => "[id]",
        ".aangemaaktOp" => "[tijdstip]",
        ".gewijzigdOp" => "[tijdstip]",
        ".dnaProfiel.handmatig.door" => "[id]",
        ".dnaProfiel.handmatig.op" => "[tijdstip]",
    });
}

#[tokio::test]
async fn the_representation_of_a_traject_with_its_steps() {
    let app = spawn_app().await;
    let token = app.token_for("oss.coordinator").await;
    let traject = app.nieuw_traject(&token, "weerbaarheid", None).await;
    let id = id_of(&traject);
    let traject = app
        .patch_expect(
            &format!("/api/v1/trajecten/{id}/stappen/1"),
            &token,
            &json!({"status": "afgerond", "gestartOp": "2025-01-06", "afgerondOp": "2025-02-03"}),
            200,
        )
        .await;
    insta::assert_json_snapshot!(traject, {
        ".id" => "[id]",
        ".gebiedId" => "[id]",
        ".aangemaaktOp" => "[tijdstip]",
        ".gewijzigdOp" => "[tijdstip]",
    });
}
