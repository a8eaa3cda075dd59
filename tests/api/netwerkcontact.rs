//! De gezondheid van een netwerk per vorm (issue 35, V2 punt 2): contactambtenaren
//! voor een sleutelpersonennetwerk, één vaste contactpersoon met achtervang voor een
//! wijknetwerk, geen signaal voor een ad-hocnetwerk; het dashboard telt
//! `geen_vast_contact`.

use serde_json::{Value, json};

use crate::helpers::{header, id_of, spawn_app};

fn signalen(gezondheid: &Value) -> (bool, bool) {
    (
        gezondheid["teWeinigContactambtenaren"] == true,
        gezondheid["geenVastContact"] == true,
    )
}

#[tokio::test]
async fn contact_signals_follow_the_form_of_the_network() {
    let app = spawn_app().await;
    let token = app.token_for("oss.coordinator").await;
    let een = app.user_id("oss.coordinator").await;
    let twee = app.user_id("oss.beheerder").await;
    let gezondheid = |id: String| {
        let (app, token) = (&app, token.clone());
        async move {
            app.get_json_as(&format!("/api/v1/netwerken/{id}/gezondheid"), &token)
                .await
        }
    };
    let netwerk =
        |vorm: &str, ambtenaren: Value| json!({"vorm": vorm, "contactambtenaren": ambtenaren});

    let sleutel = id_of(
        &app.nieuw_netwerk(&token, netwerk("sleutelpersonennetwerk", json!([een])))
            .await,
    );
    assert_eq!(signalen(&gezondheid(sleutel).await), (true, false));
    let wijk_een = id_of(
        &app.nieuw_netwerk(&token, netwerk("wijknetwerk", json!([een])))
            .await,
    );
    assert_eq!(signalen(&gezondheid(wijk_een.clone()).await), (false, true));
    let wijk_geen = id_of(
        &app.nieuw_netwerk(&token, netwerk("wijknetwerk", json!([])))
            .await,
    );
    assert_eq!(signalen(&gezondheid(wijk_geen).await), (true, true));
    let adhoc = id_of(
        &app.nieuw_netwerk(&token, netwerk("ad_hoc", json!([])))
            .await,
    );
    assert_eq!(signalen(&gezondheid(adhoc).await), (false, false));

    // Het dashboard telt geen_vast_contact (twee wijknetwerken zonder vaste contactpersoon).
    let regio = app.token_for("regio.netwerkmanager").await;
    let tel = |dashboard: &Value| {
        dashboard["gemeenten"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|g| g["gemeente"] == "GM0828")
            .and_then(|g| {
                g["cijfers"]["netwerken"]["perSignaal"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .find(|s| s["sleutel"] == "geen_vast_contact")
                    .and_then(|s| s["aantal"].as_i64())
            })
    };
    let voor = tel(&app.get_json_as("/api/v1/dashboard", &regio).await);
    assert!(voor.is_some_and(|n| n >= 2), "{voor:?}");

    // Een vaste contactpersoon buiten de contactambtenaren: 400, niets veranderd.
    let pad = format!("/api/v1/netwerken/{wijk_een}");
    let etag = header(app.get_as(&pad, &token).await.headers(), "etag");
    let fout = app
        .patch_huidig(&pad, &token, &json!({"primair": twee}))
        .await;
    assert_eq!(fout.status(), 400);
    let fout: Value = fout.json().await.expect("json");
    assert_eq!(fout["invalidParams"][0]["name"], "primair");
    assert_eq!(
        header(app.get_as(&pad, &token).await.headers(), "etag"),
        etag
    );
    let fout = app
        .post_expect(
            "/api/v1/netwerken",
            &token,
            &json!({"naam": "Zonder", "vorm": "wijknetwerk", "gemeenteRol": ["facilitator"],
                    "contactambtenaren": [een], "primair": twee}),
            400,
        )
        .await;
    assert_eq!(fout["invalidParams"][0]["name"], "primair");

    // Met een vaste contactpersoon en een achtervang: geen signaal meer, en één minder
    // op het dashboard.
    let body = app
        .patch_huidig(
            &pad,
            &token,
            &json!({"contactambtenaren": [een, twee], "primair": een}),
        )
        .await;
    assert_eq!(body.status(), 200);
    let body: Value = body.json().await.expect("json");
    assert_eq!(body["primair"], een.as_str());
    assert_eq!(
        signalen(&gezondheid(wijk_een.clone()).await),
        (false, false)
    );
    let na = tel(&app.get_json_as("/api/v1/dashboard", &regio).await);
    assert_eq!(na, voor.map(|n| n - 1));
    // De vaste contactpersoon uit de lijst halen zonder haar te wissen: 400.
    let fout = app
        .patch_huidig(&pad, &token, &json!({"contactambtenaren": [twee]}))
        .await;
    assert_eq!(fout.status(), 400);
}
