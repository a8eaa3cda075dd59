//! Een scope reikt nooit verder dan haar naam (issue 29, T1 punt 3). De volledige
//! tabel per operatie en scope staat in de autorisatiematrix (`scopes`); hier de
//! gevallen die de aanval vond, met de velden die wel of niet meekomen.

use serde_json::{Value, json};

use crate::helpers::{id_of, spawn_app};

#[tokio::test]
async fn a_netwerken_koppeling_lists_no_key_persons_or_members() {
    let app = spawn_app().await;
    let coordinator = app.token_for("oss.coordinator").await;
    let netwerk = id_of(&app.nieuw_netwerk(&coordinator, json!({})).await);
    let persoon = id_of(&app.nieuwe_sleutelpersoon(&coordinator, json!({})).await);
    app.nieuw_lid(&coordinator, &netwerk, &persoon, json!({}))
        .await;
    for scopes in [vec!["netwerken.lezen"], vec!["netwerken.schrijven"]] {
        let token = app
            .koppeling_token(&format!("Netwerk {scopes:?}"), &scopes)
            .await;
        app.get_expect(&format!("/api/v1/netwerken/{netwerk}"), &token, 200)
            .await;
        for pad in [
            "/api/v1/sleutelpersonen".to_owned(),
            format!("/api/v1/sleutelpersonen/{persoon}"),
            format!("/api/v1/netwerken/{netwerk}/leden"),
        ] {
            let fout = app.get_expect(&pad, &token, 403).await;
            assert_eq!(fout["code"], "geen_recht", "{pad}");
        }
        // Ook geen lid maken of weghalen met alleen netwerken.schrijven.
        let lid = app
            .client
            .post(app.url(&format!("/api/v1/netwerken/{netwerk}/leden")))
            .bearer_auth(&token)
            .json(&json!({"sleutelpersoonId": persoon}))
            .send()
            .await
            .expect("verzoek");
        assert_eq!(lid.status(), 403);
    }
    // Met sleutelpersonen.lezen wel.
    let token = app
        .koppeling_token("Personen", &["sleutelpersonen.lezen"])
        .await;
    let leden = app
        .get_expect(&format!("/api/v1/netwerken/{netwerk}/leden"), &token, 200)
        .await;
    assert!(leden.to_string().contains(&persoon));
}

#[tokio::test]
async fn free_text_of_meetings_and_exercises_only_with_a_personal_data_scope() {
    let app = spawn_app().await;
    let coordinator = app.token_for("oss.coordinator").await;
    let gebied = id_of(&app.nieuw_gebied(&coordinator, json!({})).await);
    const VERSLAG: &str = "Jan de Vries vertelde over de buurtapp";
    let bijeenkomst = app
        .aanmaken(
            "/api/v1/bijeenkomsten",
            &coordinator,
            &json!({"soort": "kerngroep", "datum": "2026-01-10", "gebiedId": gebied,
                    "verslag": VERSLAG, "terugkoppeling": "Jan belt terug",
                    "acties": [{"omschrijving": "Flyers", "eigenaar": "Jan de Vries"}]}),
        )
        .await;
    let oefening = app.aanmaken("/api/v1/oefeningen", &coordinator, &json!({"titel": "Stroom", "doelen": ["communicatie_tijdens_crisis"], "vorm": "tabletop",
                    "scenario": "stroomuitval", "datum": "2027-01-01", "briefing": "Piet leidt de oefening"})).await;
    let zonder = app
        .koppeling_token("Agenda", &["bijeenkomsten.lezen"])
        .await;
    let met = app
        .koppeling_token(
            "Agenda met namen",
            &["bijeenkomsten.lezen", "sleutelpersonen.lezen"],
        )
        .await;
    let regio = app.token_for("regio.netwerkmanager").await;
    let raadpleger = app.token_for("oss.raadpleger").await;
    let b = format!("/api/v1/bijeenkomsten/{bijeenkomst}");
    let o = format!("/api/v1/oefeningen/{oefening}");
    for (token, wie, ziet) in [
        (&zonder, "bijeenkomsten.lezen", false),
        (&regio, "regio", false),
        (&raadpleger, "raadpleger", false),
        (&met, "met sleutelpersonen.lezen", true),
        (&coordinator, "coördinator", true),
    ] {
        let body: Value = app.get_expect(&b, token, 200).await;
        for veld in ["verslag", "terugkoppeling", "acties"] {
            assert_eq!(body.get(veld).is_some(), ziet, "{wie}: {veld}");
        }
        let body: Value = app.get_expect(&o, token, 200).await;
        assert_eq!(body.get("briefing").is_some(), ziet, "{wie}: briefing");
        let lijst = app
            .get_json_as("/api/v1/bijeenkomsten?paginaGrootte=100", token)
            .await;
        assert_eq!(
            lijst.to_string().contains("Jan de Vries"),
            ziet,
            "{wie}: lijst"
        );
        let lijst = app
            .get_json_as("/api/v1/oefeningen?paginaGrootte=100", token)
            .await;
        assert_eq!(
            lijst.to_string().contains("Piet leidt"),
            ziet,
            "{wie}: lijst"
        );
    }
}
