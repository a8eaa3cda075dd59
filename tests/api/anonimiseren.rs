//! Anonimiseren laat niets achter (issue 30, punt 3): de voornaam, achternaam, volledige
//! naam, het e-mailadres en het telefoonnummer, elk apart geplant in elk tekstveld dat
//! aan de persoon vastzit, staan na het anonimiseren nergens meer in de database
//! (`pg_dump --data-only`), en haar id staat niet meer in `aanwezigen` of `deelnemers`.

use serde_json::{Value, json};

use crate::helpers::{TestApp, id_of, spawn_app};

const VOORNAAM: &str = "Zwanhilde";
const ACHTERNAAM: &str = "Oosterveldt";
const EMAIL: &str = "zwanhilde.o@voorbeeld.nl";

/// Een PATCH met de huidige versie.
async fn patch(app: &TestApp, pad: &str, token: &str, body: Value) {
    let r = app.patch_huidig(pad, token, &body).await;
    assert_eq!(
        r.status(),
        200,
        "{pad}: {}",
        r.text().await.unwrap_or_default()
    );
}

/// Alles wat aan `persoon` vastzit, met `s` in elk tekstveld.
async fn koppel(
    app: &TestApp,
    token: &str,
    behandelaar: &str,
    persoon: &str,
    netwerk: &str,
    s: &str,
) {
    let tekst = |veld: &str| format!("{veld}: gesprek met {s} over de buurt.");
    app.post_expect(
        &format!("/api/v1/sleutelpersonen/{persoon}/checkins"),
        token,
        &json!({"datum": "2026-11-01", "notitie": tekst("check-in")}),
        201,
    )
    .await;
    let melding = app
        .post_expect(
            "/api/v1/meldingen",
            token,
            &json!({"soort": "bedreiging", "betrokkene": "sleutelpersoon", "sleutelpersoonId": persoon,
                    "ernst": "laag", "behandelaarId": behandelaar,
                    "omschrijving": tekst("omschrijving"), "maatregelen": tekst("maatregelen")}),
            201,
        )
        .await;
    let melding = format!("/api/v1/meldingen/{}", id_of(&melding));
    app.post_expect(
        &format!("{melding}/opvolging"),
        token,
        &json!({"tekst": tekst("opvolging")}),
        201,
    )
    .await;
    patch(
        app,
        &melding,
        token,
        json!({"status": "afgesloten", "afsluitnotitie": tekst("afsluitnotitie")}),
    )
    .await;
    app.post_expect(
        "/api/v1/bijeenkomsten",
        token,
        &json!({"soort": "kerngroep", "datum": "2026-11-20", "aanwezigen": [persoon], "netwerkId": netwerk,
                "verslag": tekst("verslag"), "terugkoppeling": tekst("terugkoppeling"),
                "acties": [{"omschrijving": tekst("actie"), "eigenaar": s, "deadline": "2027-01-15"}]}),
        201,
    )
    .await;
    // Een tweede bijeenkomst met afspraken die haar noemen (issue 34).
    app.post_expect(
        "/api/v1/bijeenkomsten",
        token,
        &json!({"soort": "tweede_bijeenkomst", "datum": "2026-11-22", "aanwezigen": [persoon], "netwerkId": netwerk,
                "afspraken": {"organisatievorm": {"relatiebeheer": tekst("relatiebeheer")},
                              "crisisondersteuning": [{"scenario": "hittegolf", "hulp": ["handjes"],
                                                       "activering": tekst("activering")}]}}),
        201,
    )
    .await;
    let oefening = app
        .post_expect(
            "/api/v1/oefeningen",
            token,
            &json!({"titel": "Oefening", "doelen": ["communicatie_tijdens_crisis"], "vorm": "tabletop",
                    "scenario": "stroomuitval", "datum": "2026-11-01", "organisaties": [],
                    "deelnemers": [persoon], "briefing": tekst("briefing")}),
            201,
        )
        .await;
    let oefening = format!("/api/v1/oefeningen/{}", id_of(&oefening));
    patch(
        app,
        &oefening,
        token,
        json!({"status": "uitgevoerd", "debrief": tekst("debrief")}),
    )
    .await;
    patch(
        app,
        &oefening,
        token,
        json!({"status": "geevalueerd", "evaluatie": {"goed": tekst("goed"), "verbeterpunten": tekst("verbeterpunten"),
                                                       "vervolg": tekst("vervolg"), "afsprakenRealistisch": true}}),
    )
    .await;
}

pub(crate) fn dump(url: &str) -> String {
    let uitvoer = std::process::Command::new("pg_dump")
        .args(["--data-only", "--no-owner", url])
        .output()
        .expect("pg_dump");
    assert!(
        uitvoer.status.success(),
        "{}",
        String::from_utf8_lossy(&uitvoer.stderr)
    );
    String::from_utf8_lossy(&uitvoer.stdout).to_lowercase()
}

#[tokio::test]
async fn na_anonimiseren_staat_de_persoon_nergens_meer() {
    let app = spawn_app().await;
    let coordinator = app.token_for("oss.coordinator").await;
    let behandelaar = app.user_id("oss.coordinator").await;
    let persoon = id_of(
        &app.nieuwe_sleutelpersoon(
            &coordinator,
            json!({"voornaam": VOORNAAM, "achternaam": ACHTERNAAM, "email": EMAIL, "telefoon": "06 9876 5432"}),
        )
        .await,
    );
    let netwerk = id_of(&app.nieuw_netwerk(&coordinator, json!({})).await);
    let volledig = format!("{VOORNAAM} {ACHTERNAAM}");
    // Het nummer anders geschreven dan vastgelegd: dezelfde cijfers tellen.
    for s in [
        VOORNAAM,
        ACHTERNAAM,
        volledig.as_str(),
        EMAIL,
        "+31 6-98765432",
    ] {
        koppel(&app, &coordinator, &behandelaar, &persoon, &netwerk, s).await;
    }
    // Een andere persoon met dezelfde woorden in een tekst die niet aan haar vastzit:
    // die blijft (docs/privacy.md: alleen gekoppelde teksten).
    app.post_expect(
        "/api/v1/bijeenkomsten",
        &coordinator,
        &json!({"soort": "kerngroep", "datum": "2026-11-21", "netwerkId": netwerk,
                "verslag": "Ongekoppeld: Oosterveldt-archief."}),
        201,
    )
    .await;
    let voor = dump(&app.database.url);
    for s in [VOORNAAM, ACHTERNAAM, EMAIL, "98765432"] {
        assert!(voor.contains(&s.to_lowercase()), "{s} is niet geplant");
    }

    app.post_expect(
        &format!("/api/v1/sleutelpersonen/{persoon}/anonimisering"),
        &coordinator,
        &json!({}),
        200,
    )
    .await;
    let na = dump(&app.database.url);
    // De ongekoppelde tekst houdt zijn woord; verder niets.
    let na = na.replace("ongekoppeld: oosterveldt-archief.", "");
    for s in [
        VOORNAAM,
        ACHTERNAAM,
        volledig.as_str(),
        EMAIL,
        "98765432",
        "9876 5432",
        "6-98765432",
    ] {
        assert!(
            !na.contains(&s.to_lowercase()),
            "{s} staat nog in de database"
        );
    }
    assert!(na.contains("[geanonimiseerd]"));
    for (tabel, kolom) in [("bijeenkomst", "aanwezigen"), ("oefening", "deelnemers")] {
        assert_eq!(
            app.scalar_i64(&format!(
                "SELECT count(*) FROM {tabel} WHERE '{persoon}' = ANY ({kolom})"
            ))
            .await,
            0,
            "{tabel}.{kolom}"
        );
    }
}

/// De inzage geeft alles over de persoon in elke tabel (issue 30, punt 4), met
/// `kanDerdenNoemen: true` bij vrije tekst die anderen kan noemen.
#[tokio::test]
async fn de_inzage_geeft_elke_tabel_met_wat_derden_kan_noemen() {
    let app = spawn_app().await;
    let coordinator = app.token_for("oss.coordinator").await;
    let behandelaar = app.user_id("oss.coordinator").await;
    let persoon = id_of(
        &app.nieuwe_sleutelpersoon(
            &coordinator,
            json!({"voornaam": VOORNAAM, "achternaam": ACHTERNAAM}),
        )
        .await,
    );
    let netwerk = id_of(&app.nieuw_netwerk(&coordinator, json!({})).await);
    app.nieuw_lid(&coordinator, &netwerk, &persoon, json!({}))
        .await;
    koppel(
        &app,
        &coordinator,
        &behandelaar,
        &persoon,
        &netwerk,
        VOORNAAM,
    )
    .await;

    let inzage = app
        .get_json_as(
            &format!("/api/v1/sleutelpersonen/{persoon}/inzage"),
            &coordinator,
        )
        .await;
    assert_eq!(inzage["sleutelpersoon"]["voornaam"], VOORNAAM);
    assert!(
        !inzage["sleutelpersoon"]["statusHistorie"]
            .as_array()
            .expect("historie")
            .is_empty()
    );
    assert_eq!(inzage["lidmaatschappen"][0]["netwerkId"], netwerk.as_str());
    let records = inzage["gekoppeld"].as_array().expect("gekoppeld");
    let soorten: std::collections::BTreeSet<&str> =
        records.iter().filter_map(|r| r["soort"].as_str()).collect();
    assert_eq!(
        soorten,
        ["Bijeenkomst", "Checkin", "Melding", "Oefening", "Opvolging"]
            .into_iter()
            .collect()
    );
    // Per soort: welke velden anderen kunnen noemen.
    let derden = |soort: &str| -> std::collections::BTreeSet<String> {
        records
            .iter()
            .filter(|r| r["soort"] == soort)
            .flat_map(|r| r["velden"].as_array().cloned().unwrap_or_default())
            .filter(|v| v["kanDerdenNoemen"] == true)
            .filter_map(|v| v["naam"].as_str().map(str::to_owned))
            .collect()
    };
    let set = |v: &[&str]| {
        v.iter()
            .map(|s| (*s).to_owned())
            .collect::<std::collections::BTreeSet<_>>()
    };
    assert_eq!(
        derden("Melding"),
        set(&["omschrijving", "maatregelen", "afsluitnotitie"])
    );
    assert_eq!(derden("Opvolging"), set(&["tekst"]));
    assert_eq!(derden("Checkin"), set(&["notitie"]));
    assert_eq!(
        derden("Bijeenkomst"),
        set(&["verslag", "terugkoppeling", "acties", "afspraken"])
    );
    assert_eq!(
        derden("Oefening"),
        set(&["briefing", "debrief", "evaluatie"])
    );
    let verslag = records
        .iter()
        .filter(|r| r["soort"] == "Bijeenkomst")
        .flat_map(|r| r["velden"].as_array().cloned().unwrap_or_default())
        .find(|v| v["naam"] == "verslag")
        .expect("verslag");
    assert!(
        verslag["waarde"]
            .as_str()
            .unwrap_or_default()
            .contains(VOORNAAM)
    );
    let audit: std::collections::BTreeSet<&str> = inzage["auditTrail"]
        .as_array()
        .expect("auditTrail")
        .iter()
        .filter_map(|a| a["resource"].as_str())
        .collect();
    assert_eq!(
        audit,
        [
            "melding",
            "melding_opvolging",
            "netwerk_lid",
            "sleutelpersoon",
            "sleutelpersoon_checkin"
        ]
        .into_iter()
        .collect()
    );
    assert!(
        !inzage["verwerkingen"]
            .as_array()
            .expect("verwerkingen")
            .is_empty()
    );
}
