//! Initiatieven (issue 13, eerste deel): de contactpersoon als persoonsgegeven, de
//! afloop, de validatie en de retentie van de contactgegevens.

use serde_json::{Value, json};

use crate::helpers::{assert_velden, exec, id_of, spawn_app};

fn initiatief() -> Value {
    json!({"titel": "Moestuin Vogelbuurt", "thema": "vrije_tijd", "participatie": "zelf_organiseren",
           "contactnaam": "Wietske Fictief", "contactemail": "wietske@voorbeeld.invalid",
           "startdatum": "2026-03-01"})
}

/// De contactpersoon zien alleen coördinatoren, budgethouders en beheerders van de
/// gemeente; de rest (raadpleger, regio, koppeling) krijgt het initiatief zonder.
#[tokio::test]
async fn the_contact_person_is_shown_only_to_the_municipality_staff_who_need_it() {
    let app = spawn_app().await;
    let coordinator = app.token_for("oss.coordinator").await;
    let nieuw = app
        .post_expect("/api/v1/initiatieven", &coordinator, &initiatief(), 201)
        .await;
    let pad = format!("/api/v1/initiatieven/{}", id_of(&nieuw));
    let (id, secret) = app
        .create_client("oss.beheerder", "Subsidiesysteem", &["initiatieven.lezen"])
        .await;
    let koppeling = app.client_token(&id, &secret).await;
    for (wie, token, ziet) in [
        ("coordinator", coordinator.clone(), true),
        (
            "budgethouder",
            app.token_for("oss.budgethouder").await,
            true,
        ),
        (
            "gemeente_beheerder",
            app.token_for("oss.beheerder").await,
            true,
        ),
        ("raadpleger", app.token_for("oss.raadpleger").await, false),
        ("regio", app.token_for("regio.netwerkmanager").await, false),
        ("koppeling", koppeling, false),
    ] {
        let body = app.get_json_as(&pad, &token).await;
        assert_eq!(body["contactpersoon"], ziet, "{wie}");
        assert_eq!(body.get("contactnaam").is_some(), ziet, "{wie}");
        assert_eq!(body.get("contactemail").is_some(), ziet, "{wie}");
        let lijst = app.get_json_as("/api/v1/initiatieven", &token).await;
        let tekst = lijst.to_string();
        assert_eq!(tekst.contains("Wietske"), ziet, "{wie}: lijst");
    }
    // De audit trail noemt de contactvelden alleen bij naam.
    let audit = crate::helpers::query_text(
        &app.db,
        &format!(
            "SELECT string_agg(wijzigingen::text, ' ') FROM audit_trail WHERE resource_id = '{}'",
            id_of(&nieuw)
        ),
    )
    .await;
    assert!(
        audit.contains("\"contactnaam\"") && !audit.contains("Wietske"),
        "{audit}"
    );
}

/// Elk fout veld tegelijk, en niets bewaard.
#[tokio::test]
async fn a_bad_initiative_names_every_field_and_stores_nothing() {
    let app = spawn_app().await;
    let coordinator = app.token_for("oss.coordinator").await;
    let vught = app.token_for("vught.coordinator").await;
    let vreemd = id_of(&app.nieuw_netwerk(&vught, json!({})).await);
    let voor = app.scalar_i64("SELECT count(*) FROM initiatief").await;
    let fout = app
        .post_expect(
            "/api/v1/initiatieven",
            &coordinator,
            &json!({"titel": "", "thema": "kaartclub", "netwerkId": vreemd, "status": "afgerond",
                    "contactemail": "geen-adres", "startdatum": "2026-05-01", "einddatum": "2026-04-01"}),
            400,
        )
        .await;
    assert_velden(
        &fout,
        &[
            ("contactemail", "ongeldig"),
            ("einddatum", "ongeldig"),
            ("netwerkId", "ongeldig"),
            ("organisatie", "verplicht"),
            ("status", "ongeldig"),
            ("thema", "ongeldig"),
            ("titel", "te_kort"),
        ],
    );
    assert_eq!(
        app.scalar_i64("SELECT count(*) FROM initiatief").await,
        voor
    );
}

/// `idee` → `lopend` → `afgerond` (of `gestopt`), resultaten en lessen alleen aan het
/// eind, en daarna ligt het initiatief vast.
#[tokio::test]
async fn an_initiative_runs_forward_and_then_stays_as_it_ended() {
    let app = spawn_app().await;
    let coordinator = app.token_for("oss.coordinator").await;
    let nieuw = app
        .post_expect("/api/v1/initiatieven", &coordinator, &initiatief(), 201)
        .await;
    assert_eq!(nieuw["status"], "idee");
    let pad = format!("/api/v1/initiatieven/{}", id_of(&nieuw));
    let fout = app
        .patch_expect(&pad, &coordinator, &json!({"status": "afgerond"}), 409)
        .await;
    assert_eq!(fout["code"], "status_overgang_ongeldig");
    assert_eq!(
        fout["detail"],
        "Van idee kan een initiatief niet naar afgerond, alleen naar lopend of gestopt."
    );
    let fout = app
        .patch_expect(
            &pad,
            &coordinator,
            &json!({"resultaten": "Veel groente"}),
            400,
        )
        .await;
    assert_velden(&fout, &[("resultaten", "ongeldig")]);
    app.patch_expect(&pad, &coordinator, &json!({"status": "lopend"}), 200)
        .await;
    let klaar = app
        .patch_expect(
            &pad,
            &coordinator,
            &json!({"status": "afgerond", "resultaten": "Twintig tuinders", "lessen": "Begin klein"}),
            200,
        )
        .await;
    assert_eq!(klaar["status"], "afgerond");
    assert!(
        klaar["einddatum"].is_string(),
        "afronden zet het einde op vandaag"
    );
    let fout = app
        .patch_expect(&pad, &coordinator, &json!({"titel": "Later"}), 409)
        .await;
    assert_eq!(fout["code"], "initiatief_afgesloten");
}

/// Een jaar na het einde wist de retentie de contactpersoon; een later of nog lopend
/// initiatief houdt hem.
#[tokio::test]
async fn retention_clears_the_contact_a_year_after_the_end() {
    let app = spawn_app().await;
    let coordinator = app.token_for("oss.coordinator").await;
    let mut ids = Vec::new();
    for titel in ["Oud", "Recent", "Lopend"] {
        let mut body = initiatief();
        body["titel"] = json!(titel);
        ids.push(
            app.aanmaken("/api/v1/initiatieven", &coordinator, &body)
                .await,
        );
    }
    exec(
        &app.db,
        &format!(
            "UPDATE initiatief SET status = 'afgerond', startdatum = NULL, einddatum = weefsel_vandaag() - 400 WHERE id = '{}'; \
             UPDATE initiatief SET status = 'gestopt', startdatum = NULL, einddatum = weefsel_vandaag() - 300 WHERE id = '{}'; \
             UPDATE initiatief SET status = 'lopend', startdatum = NULL, einddatum = weefsel_vandaag() - 900 WHERE id = '{}'",
            ids[0], ids[1], ids[2]
        ),
    )
    .await;
    let output = app.weefsel(&["retentie"]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("contactpersoon van 1 "), "{stdout}");
    let over = crate::helpers::query_text(
        &app.db,
        "SELECT string_agg(titel, ',' ORDER BY titel) FROM initiatief WHERE contactnaam IS NOT NULL",
    )
    .await;
    assert!(
        over.contains("Lopend") && over.contains("Recent") && !over.contains("Oud"),
        "{over}"
    );
    let oud = app
        .get_json_as(&format!("/api/v1/initiatieven/{}", ids[0]), &coordinator)
        .await;
    assert!(oud.get("contactnaam").is_none() && oud["contactGeanonimiseerdOp"].is_string());
}

/// Een netwerk of gebied met initiatieven blijft bestaan.
#[tokio::test]
async fn a_network_or_area_with_initiatives_is_not_deleted() {
    let app = spawn_app().await;
    let coordinator = app.token_for("oss.coordinator").await;
    let netwerk = id_of(&app.nieuw_netwerk(&coordinator, json!({})).await);
    let gebied = id_of(&app.nieuw_gebied(&coordinator, json!({})).await);
    let mut body = initiatief();
    body["netwerkId"] = json!(netwerk);
    body["gebiedId"] = json!(gebied);
    app.post_expect("/api/v1/initiatieven", &coordinator, &body, 201)
        .await;
    for (pad, code) in [
        (
            format!("/api/v1/netwerken/{netwerk}"),
            "netwerk_heeft_initiatieven",
        ),
        (
            format!("/api/v1/gebieden/{gebied}"),
            "gebied_heeft_onderliggende",
        ),
    ] {
        let response = app
            .client
            .delete(app.url(&pad))
            .bearer_auth(&coordinator)
            .send()
            .await
            .expect("delete");
        let fout = crate::helpers::assert_problem(response, 409).await;
        assert_eq!(fout["code"], code, "{pad}");
    }
}
