//! Onderdrukking die ook over de tijd houdt (issue 30): wie geen persoonsgegevens ziet,
//! kan de migratieachtergrond van één nieuw lid niet afleiden uit de antwoorden voor
//! en na; een netwerk onder 10 actieve leden geeft geen verdeling; totalen zijn
//! veelvouden van 5.

use serde_json::{Value, json};

use crate::helpers::{TestApp, id_of, spawn_app};

/// Een actief lid van `netwerk` met deze migratieachtergrond.
async fn lid(app: &TestApp, token: &str, netwerk: &str, migratie: bool) {
    let persoon = app
        .nieuwe_sleutelpersoon(
            token,
            json!({"status": "actief", "typen": ["verbinder"], "laatsteContact": "2026-11-01",
                   "diversiteit": {"migratieachtergrond": migratie},
                   "toestemming": {"datum": "2026-01-05", "doel": "Netwerk", "bewaartermijnTot": "2030-01-01",
                                   "bijzondereGegevens": true, "delenMet": []}}),
        )
        .await;
    app.nieuw_lid(token, netwerk, &id_of(&persoon), json!({}))
        .await;
}

/// Een netwerk met `met` leden met en `zonder` leden zonder migratieachtergrond.
async fn netwerk(app: &TestApp, token: &str, met: usize, zonder: usize) -> String {
    let id = id_of(&app.nieuw_netwerk(token, json!({})).await);
    for i in 0..met + zonder {
        lid(app, token, &id, i < met).await;
    }
    id
}

fn migratie(gezondheid: &Value) -> Value {
    gezondheid["diversiteit"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|d| d["dimensie"] == "migratieachtergrond")
        .cloned()
        .unwrap_or(Value::Null)
}

#[tokio::test]
async fn een_nieuw_lid_is_niet_af_te_leiden_uit_de_antwoorden_voor_en_na() {
    let app = spawn_app().await;
    let coordinator = app.token_for("oss.coordinator").await;
    let lezers = [
        app.token_for("regio.netwerkmanager").await,
        app.token_for("oss.raadpleger").await,
    ];
    for (met, zonder) in [(3, 2), (5, 5)] {
        let id = netwerk(&app, &coordinator, met, zonder).await;
        let pad = format!("/api/v1/netwerken/{id}/gezondheid");
        let mut voor = Vec::new();
        for token in &lezers {
            voor.push(app.get_json_as(&pad, token).await);
        }
        lid(&app, &coordinator, &id, true).await;
        for (token, voor) in lezers.iter().zip(voor) {
            let na = app.get_json_as(&pad, token).await;
            assert_eq!(
                voor,
                na,
                "netwerk van {}: het antwoord veranderde",
                met + zonder
            );
            let totaal = na["actieveLeden"].as_i64().expect("actieveLeden");
            assert_eq!(totaal, (met + zonder) as i64, "afgerond naar beneden");
            assert_eq!(totaal % 5, 0);
            if met + zonder < 10 {
                assert_eq!(na["teKlein"], true, "{na}");
                assert_eq!(na["diversiteit"], json!([]), "{na}");
                assert_eq!(na["spreidingOverGebieden"], json!([]), "{na}");
            } else {
                assert_eq!(na["teKlein"], false, "{na}");
                let m = migratie(&na);
                assert_eq!(m["verdeling"][0]["aantal"], 5, "{m}");
                assert_eq!(m["verdeling"][1]["aantal"], 5, "{m}");
            }
        }
        // Wie de personen ziet, krijgt de precieze telling.
        let exact = app.get_json_as(&pad, &coordinator).await;
        assert_eq!(exact["actieveLeden"], (met + zonder + 1) as i64);
        assert_eq!(exact["teKlein"], false);
    }
    // Eén kant onder 5 in een netwerk van 10: beide kanten onderdrukt.
    let id = netwerk(&app, &coordinator, 2, 8).await;
    let g = app
        .get_json_as(&format!("/api/v1/netwerken/{id}/gezondheid"), &lezers[0])
        .await;
    let m = migratie(&g);
    for kant in m["verdeling"].as_array().expect("verdeling") {
        assert_eq!(kant["onderdrukt"], true, "{m}");
        assert_eq!(kant["aantal"], Value::Null, "{m}");
    }
    // Het dashboard van de regio: totalen van sleutelpersonen zijn veelvouden van 5.
    let dashboard = app
        .get_json_as("/api/v1/dashboard/gemeenten/GM0828", &lezers[0])
        .await;
    let actief = &dashboard["cijfers"]["sleutelpersonen"]["actief"]["aantal"];
    assert!(
        actief.as_i64().is_some_and(|n| n % 5 == 0 && n >= 10),
        "{dashboard}"
    );
    for t in dashboard["cijfers"]["sleutelpersonen"]["perType"]
        .as_array()
        .expect("perType")
    {
        assert!(
            t["aantal"].is_null() || t["aantal"].as_i64().is_some_and(|n| n % 5 == 0),
            "{t}"
        );
    }
}
