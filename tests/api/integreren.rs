//! De uitgewerkte voorbeelden uit `docs/integreren.md`, letterlijk uitgevoerd: wat een
//! integrator leest, werkt.

use serde_json::json;

use crate::helpers::{bash, id_of, query_text, spawn_app};

/// Het shellblok in `docs/integreren.md` dat met `begin` begint.
fn voorbeeld(begin: &str) -> String {
    let doc = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/integreren.md"))
        .expect("docs/integreren.md");
    let start = doc
        .find(&format!("```sh\n{begin}"))
        .expect("het voorbeeld in docs/integreren.md");
    let blok = &doc[start + "```sh\n".len()..];
    blok[..blok.find("```").expect("einde van het blok")].to_owned()
}

#[tokio::test]
async fn the_worked_example_runs() {
    let app = spawn_app().await;
    let (client_id, geheim) = app
        .create_client(
            "oss.beheerder",
            "Subsidiesysteem",
            &["gebieden.lezen", "initiatieven.schrijven", "audit.lezen"],
        )
        .await;
    let budget = query_text(
        &app.db,
        "SELECT b.id::text FROM budget b JOIN gemeente g ON g.id = b.gemeente_id \
         WHERE g.code = 'GM0828' AND b.open ORDER BY b.created_at LIMIT 1",
    )
    .await;
    let uit = bash(
        voorbeeld("# Gegeven: BASIS"),
        vec![
            ("BASIS", app.address.clone()),
            ("CLIENT_ID", client_id),
            ("GEHEIM", geheim),
            ("BUDGET", budget),
        ],
    )
    .await;
    assert_eq!(uit, "true");
    // Eén aanvraag, door de koppeling, ook na de herhaling.
    assert_eq!(
        app.scalar_i64("SELECT count(*) FROM aanvraag WHERE plan = 'Zaden en gereedschap.'")
            .await,
        1
    );
}

/// "Synchroniseren": de eerste ronde leest de nieuwe gebieden en bewaart de positie; de
/// volgende ronde, vanaf die positie, vindt niets nieuws.
#[tokio::test]
async fn the_synchronisation_example_runs() {
    let app = spawn_app().await;
    let (client_id, geheim) = app
        .create_client(
            "oss.beheerder",
            "CRM",
            &["gebieden.lezen", "wijzigingen.lezen"],
        )
        .await;
    let coordinator = app.token_for("oss.coordinator").await;
    let gebied = id_of(&app.nieuw_gebied(&coordinator, json!({})).await);
    let omgeving = |positie: &str| {
        vec![
            ("BASIS", app.address.clone()),
            ("CLIENT_ID", client_id.clone()),
            ("GEHEIM", geheim.clone()),
            ("POSITIE", positie.to_owned()),
        ]
    };
    let blok = voorbeeld("# Synchroniseren.");
    let eerste = bash(blok.clone(), omgeving("")).await;
    assert!(
        eerste.contains(&format!("aangemaakt gebied /api/v1/gebieden/{gebied}")),
        "{eerste}"
    );
    let positie = eerste
        .lines()
        .last()
        .and_then(|l| l.strip_prefix("positie "))
        .expect("de laatste regel noemt de positie")
        .to_owned();
    let tweede = bash(blok, omgeving(&positie)).await;
    assert_eq!(tweede, format!("positie {positie}"));
}
