//! Het uitgewerkte voorbeeld uit de README ("Integreren"), letterlijk uitgevoerd: wat een
//! integrator leest, werkt.

use crate::helpers::{bash, query_text, spawn_app};

/// Het shellblok onder "Integreren" in de README.
fn voorbeeld() -> String {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("README.md");
    let begin = readme
        .find("```sh\n# Gegeven: BASIS")
        .expect("het voorbeeld in de README");
    let blok = &readme[begin + "```sh\n".len()..];
    blok[..blok.find("```").expect("einde van het blok")].to_owned()
}

#[tokio::test]
async fn the_worked_example_in_the_readme_runs() {
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
        voorbeeld(),
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
