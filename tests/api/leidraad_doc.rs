//! Het uitgewerkte traject in `docs/leidraad.md` (issue 34, V1 punt 6), letterlijk
//! uitgevoerd: alle `sh`-blokken na elkaar, tegen een dienst met de demogegevens.

use crate::helpers::{bash, spawn_app};

/// De `sh`-blokken van `docs/leidraad.md`, in volgorde.
fn blokken() -> String {
    let doc = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/leidraad.md"))
        .expect("docs/leidraad.md");
    let mut script = String::new();
    let mut rest = doc.as_str();
    while let Some(begin) = rest.find("```sh\n") {
        let blok = &rest[begin + "```sh\n".len()..];
        let eind = blok.find("```").expect("einde van een blok");
        script.push_str(&blok[..eind]);
        rest = &blok[eind + 3..];
    }
    script
}

#[tokio::test]
async fn het_uitgewerkte_traject_werkt() {
    let script = blokken();
    assert!(script.contains("aanpakwissel"), "{script}");
    let app = spawn_app().await;
    let uit = bash(script, vec![("BASIS", app.address.clone())]).await;
    assert_eq!(uit, "klaar");
    // Het traject staat er, met de antwoorden van stap 2, de bijeenkomsten van stap 3 en
    // de afspraken van de tweede bij het netwerk.
    assert_eq!(
        app.scalar_i64(
            "SELECT count(*) FROM traject_stap s JOIN traject t ON t.id = s.traject_id \
             JOIN gebied g ON g.id = t.gebied_id \
             WHERE g.naam LIKE 'Merelwijk %' AND s.nummer = 2 AND s.antwoorden ? 'co2-drempels'"
        )
        .await,
        1
    );
    assert_eq!(
        app.scalar_i64(
            "SELECT count(*) FROM bijeenkomst b JOIN netwerk n ON n.id = b.netwerk_id \
             WHERE n.naam LIKE 'Netwerk Merelwijk %' AND b.stap = 3 AND b.afspraken IS NOT NULL"
        )
        .await,
        1
    );
}
