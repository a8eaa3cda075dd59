//! Het uitgewerkte voorbeeld uit de README ("Integreren"), letterlijk uitgevoerd: wat een
//! integrator leest, werkt.

use crate::helpers::{query_text, spawn_app};

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
    for programma in ["bash", "curl", "jq"] {
        assert!(
            std::process::Command::new("sh")
                .args(["-c", &format!("command -v {programma}")])
                .status()
                .is_ok_and(|s| s.success()),
            "{programma} ontbreekt (apt-get install {programma})"
        );
    }
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
    let map = std::env::temp_dir().join(format!("weefsel-integreren-{}", uuid::Uuid::now_v7()));
    std::fs::create_dir_all(&map).expect("map");
    let script = voorbeeld();
    let basis = app.address.clone();
    let uitvoer = tokio::task::spawn_blocking(move || {
        std::process::Command::new("bash")
            .args(["-c", &script])
            .current_dir(&map)
            .env("BASIS", basis)
            .env("CLIENT_ID", client_id)
            .env("GEHEIM", geheim)
            .env("BUDGET", budget)
            .output()
            .expect("bash")
    })
    .await
    .expect("uitvoeren");
    assert!(
        uitvoer.status.success(),
        "het voorbeeld faalde:\n{}\n{}",
        String::from_utf8_lossy(&uitvoer.stdout),
        String::from_utf8_lossy(&uitvoer.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&uitvoer.stdout).trim(), "true");
    // Eén aanvraag, door de koppeling, ook na de herhaling.
    assert_eq!(
        app.scalar_i64("SELECT count(*) FROM aanvraag WHERE plan = 'Zaden en gereedschap.'")
            .await,
        1
    );
}
