//! Eén "vandaag", de dag in Nederland (issue 33, punt 4): een dienst met zijn klok op
//! 00:30 in Amsterdam (23:30 UTC in de winter, 22:30 UTC in de zomer) leeft al op de
//! nieuwe dag, voor het indienen, de beslistermijn, te laat, het besluit en het
//! dashboard. De klok zet `WEEFSEL_TEST_NU` (alleen in een testbuild).

use std::process::Stdio;

use chrono::{Days, NaiveDate};
use serde_json::json;

use crate::cli::serve;
use crate::helpers::{exec, id_of, spawn_app};

#[tokio::test]
async fn om_half_een_in_nederland_is_het_al_de_nieuwe_dag() {
    for (nu, dag) in [
        ("2026-12-06T23:30:00Z", "2026-12-07"),
        ("2026-07-06T22:30:00Z", "2026-07-07"),
    ] {
        let mut app = spawn_app().await;
        let (_dienst, basis) =
            serve(&app.database.url, &[("WEEFSEL_TEST_NU", nu)], Stdio::null()).await;
        app.address = basis;
        let dag: NaiveDate = dag.parse().expect("datum");
        let gisteren = dag.checked_sub_days(Days::new(1)).expect("datum");
        let coordinator = app.token_for("oss.coordinator").await;
        let budgethouder = app.token_for("oss.budgethouder").await;

        let budget = app
            .post_expect(
                "/api/v1/budgetten",
                &budgethouder,
                &json!({"naam": "Wijkbudget", "jaar": 2026, "vorm": "micro", "totaalBedrag": 10000,
                        "maxPerAanvraag": 10000, "beslistermijnDagen": 7}),
                201,
            )
            .await;
        let initiatief = app
            .post_expect(
                "/api/v1/initiatieven",
                &coordinator,
                &json!({"titel": "Buurtkast", "thema": "vrije_tijd", "organisatie": "Buurtvereniging"}),
                201,
            )
            .await;
        let aanvraag = app
            .post_expect(
                "/api/v1/aanvragen",
                &coordinator,
                &json!({"budgetId": id_of(&budget), "initiatiefId": id_of(&initiatief),
                        "aangevraagdBedrag": 1000}),
                201,
            )
            .await;
        let id = id_of(&aanvraag);
        assert_eq!(aanvraag["ingediendOp"], json!(dag), "{nu}");
        assert_eq!(
            aanvraag["beslissenVoor"],
            json!(dag.checked_add_days(Days::new(7)).expect("datum")),
            "{nu}"
        );
        assert_eq!(aanvraag["teLaat"], false);

        // Een termijn die gisteren (in Nederland) eindigde, is te laat; in UTC is het
        // dan nog gisteren en zou hij op tijd zijn.
        exec(
            &app.db,
            &format!("UPDATE aanvraag SET beslissen_voor = '{gisteren}' WHERE id = '{id}'"),
        )
        .await;
        let pad = format!("/api/v1/aanvragen/{id}");
        assert_eq!(
            app.get_json_as(&pad, &budgethouder).await["teLaat"],
            true,
            "{nu}"
        );
        let lijst = app
            .get_json_as(
                &format!("/api/v1/aanvragen?teLaat=true&budgetId={}", id_of(&budget)),
                &budgethouder,
            )
            .await;
        assert_eq!(
            crate::helpers::kolom(&lijst, "id"),
            vec![id.as_str()],
            "{nu}"
        );

        let besloten = app
            .post_expect(
                &format!("{pad}/besluit"),
                &budgethouder,
                &json!({"toegekendBedrag": 1000, "motivering": "Goed plan"}),
                200,
            )
            .await;
        assert_eq!(besloten["beslotenOp"], json!(dag), "{nu}");
        assert_eq!(besloten["teLaat"], true, "{nu}");

        // Het dashboard telt "de laatste twaalf maanden" tot en met deze dag.
        let regio = app.token_for("regio.netwerkmanager").await;
        let dashboard = app.get_json_as("/api/v1/dashboard", &regio).await;
        assert_eq!(dashboard["peildatum"], json!(dag), "{nu}");
    }
}
