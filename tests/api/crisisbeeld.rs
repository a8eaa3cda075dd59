//! De dag van de crisis (issue 37, W2): het crisisbeeld per scenario en gebied, de
//! paraatheid van de regio, de sociale kaart per gebied en de gebieden van een
//! organisatie, tegen een kleine vaste opzet waarvan de antwoorden met de hand zijn
//! uitgerekend.

use serde_json::{Value, json};

use crate::helpers::{TestApp, assert_velden, exec, kolom, leeg, query_text, spawn_app};

/// De dag van de dienst (Europe/Amsterdam), in SQL.
const D: &str = "(now() AT TIME ZONE 'Europe/Amsterdam')::date";

const DORP: &str = "cccccccc-0000-0000-0000-000000000006";
const KERN_OOST: &str = "cccccccc-0000-0000-0000-000000000007";
const KERN_WEST: &str = "cccccccc-0000-0000-0000-000000000008";
const NOORDWIJK: &str = "cccccccc-0000-0000-0000-000000000001";
const PERSOON: &str = "cccccccc-0000-0000-0000-0000000000d1";

/// De opzet in Oss. Gebieden: Noordwijk (wijk) met twee buurten, Zuidwijk (wijk) met één
/// buurt, Dorp (dorp) met Kern Oost en Kern West: vijf kleinste gebieden.
///
/// | netwerk | gebieden | afspraak stroomuitval | dekt | herzien |
/// |---|---|---|---|---|
/// | Dorpsnetwerk | Dorp | handjes, zonder gebiedIds | Dorp (Kern Oost, Kern West) | D-30 |
/// | Westnetwerk | Dorp | hoofdjes, gebiedIds Kern West | Kern West | nooit |
/// | Noordnetwerk | Noordwijk | handjes | Noordwijk (twee buurten) | D-400 |
/// | Oud netwerk (afgerond) | Kern Oost | handjes | — | D-10 |
/// | Gemeentenetwerk | geen | alleen hittegolf | de hele gemeente | D-10 |
///
/// Paraatheid stroomuitval: 2 van 5 (de kernen); met 24 maanden ook de buurten van
/// Noordwijk: 4 van 5. Hittegolf: 5 van 5.
///
/// Organisaties: Buurtsuper Dorp (Dorp, handjes, lokale_ondernemers, ondernemers),
/// Sportclub West (Kern West, handjes, jongeren_sport, welzijn; partner van het
/// Dorpsnetwerk), Gemeentewerf (geen gebieden, hulpmiddelen, rol gemeente), Bibliotheek
/// (Kern Oost, geen capaciteit, lokale_media). De catalogus: Rode Kruis bevestigd met
/// handjes, VRBN met hoofdjes, de rest voorlopig zonder capaciteit. Het Dorpsnetwerk
/// heeft een actief lid met belang `zorg`.
async fn opzet(app: &TestApp) {
    leeg(app).await;
    let sql = format!(
        r#"
CREATE TEMP TABLE g AS SELECT (SELECT id FROM gemeente WHERE code = 'GM0828') AS oss;
INSERT INTO gebied (id, gemeente_id, naam, soort, bovenliggend_gebied_id)
SELECT v.id::uuid, g.oss, v.naam, v.soort, v.ouder::uuid FROM g, (VALUES
    ('{NOORDWIJK}', 'Noordwijk', 'wijk', NULL),
    ('cccccccc-0000-0000-0000-000000000002', 'Noord A', 'buurt', '{NOORDWIJK}'),
    ('cccccccc-0000-0000-0000-000000000003', 'Noord B', 'buurt', '{NOORDWIJK}'),
    ('cccccccc-0000-0000-0000-000000000004', 'Zuidwijk', 'wijk', NULL),
    ('cccccccc-0000-0000-0000-000000000005', 'Zuid A', 'buurt', 'cccccccc-0000-0000-0000-000000000004'),
    ('{DORP}', 'Dorp', 'dorp', NULL),
    ('{KERN_OOST}', 'Kern Oost', 'kern', '{DORP}'),
    ('{KERN_WEST}', 'Kern West', 'kern', '{DORP}')) AS v(id, naam, soort, ouder);

INSERT INTO netwerk (id, gemeente_id, naam, vorm, gemeente_rol, fase, gebied_ids, crisisafspraken)
SELECT v.id::uuid, g.oss, v.naam, 'sleutelpersonennetwerk', '{{facilitator}}', v.fase, v.gebieden::uuid[], v.afspraken::jsonb
FROM g, (VALUES
    ('cccccccc-0000-0000-0000-0000000000e1', 'Dorpsnetwerk', 'opbouw', '{{{DORP}}}',
     '[{{"scenario": "stroomuitval", "hulp": ["handjes"], "activering": "Belboom via de voorzitter",
        "activeringOffline": "De voorzitter fietst langs", "capaciteit": {{"omschrijving": "Tien auto''s", "aantal": 10}},
        "laatstHerzien": "' || ({D} - 30)::text || '"}}]'),
    ('cccccccc-0000-0000-0000-0000000000e2', 'Westnetwerk', 'uitvoering', '{{{DORP}}}',
     '[{{"scenario": "stroomuitval", "hulp": ["hoofdjes"], "activering": "App", "gebiedIds": ["{KERN_WEST}"]}}]'),
    ('cccccccc-0000-0000-0000-0000000000e3', 'Noordnetwerk', 'opbouw', '{{{NOORDWIJK}}}',
     '[{{"scenario": "stroomuitval", "hulp": ["handjes"], "activering": "Mail",
        "laatstHerzien": "' || ({D} - 400)::text || '"}}]'),
    ('cccccccc-0000-0000-0000-0000000000e4', 'Oud netwerk', 'afgerond', '{{{KERN_OOST}}}',
     '[{{"scenario": "stroomuitval", "hulp": ["handjes"], "activering": "Weg", "laatstHerzien": "' || ({D} - 10)::text || '"}}]'),
    ('cccccccc-0000-0000-0000-0000000000e5', 'Gemeentenetwerk', 'opbouw', '{{}}',
     '[{{"scenario": "hittegolf", "hulp": ["hoofdjes"], "activering": "Bel", "laatstHerzien": "' || ({D} - 10)::text || '"}}]')
) AS v(id, naam, fase, gebieden, afspraken);

INSERT INTO organisatie (id, gemeente_id, naam, soort, veld, categorie, niveau, capaciteiten, rollen, gebied_ids)
SELECT v.id::uuid, g.oss, v.naam, 'partner', 'maatschappelijk_middenveld', v.categorie, 'lokaal', v.cap::text[],
       v.rollen::text[], v.gebieden::uuid[]
FROM g, (VALUES
    ('cccccccc-0000-0000-0000-0000000000a1', 'Buurtsuper Dorp', 'lokale_ondernemers', '{{handjes}}', '{{ondernemers}}', '{{{DORP}}}'),
    ('cccccccc-0000-0000-0000-0000000000a2', 'Sportclub West', 'jongeren_sport', '{{handjes}}', '{{welzijn}}', '{{{KERN_WEST}}}'),
    ('cccccccc-0000-0000-0000-0000000000a3', 'Gemeentewerf', NULL, '{{hulpmiddelen}}', '{{gemeente}}', '{{}}'),
    ('cccccccc-0000-0000-0000-0000000000a4', 'Bibliotheek', 'lokale_media', '{{}}', '{{}}', '{{{KERN_OOST}}}')
) AS v(id, naam, categorie, cap, rollen, gebieden);
UPDATE organisatie SET capaciteiten = '{{handjes}}', niveau = 'landelijk', voorlopig = false
 WHERE gemeente_id IS NULL AND naam = 'Rode Kruis';
INSERT INTO netwerk_partner (id, gemeente_id, netwerk_id, organisatie_id)
SELECT gen_random_uuid(), g.oss, 'cccccccc-0000-0000-0000-0000000000e1', 'cccccccc-0000-0000-0000-0000000000a2' FROM g;

INSERT INTO sleutelpersoon (id, gemeente_id, status, status_sinds, typen, toestemming_datum, toestemming_doel,
                            bewaartermijn_tot)
SELECT '{PERSOON}', g.oss, 'actief', {D} - 400, '{{verbinder}}', {D} - 400, 'Netwerk', {D} + 365 FROM g;
INSERT INTO sleutelpersoon_gegevens (sleutelpersoon_id, gemeente_id, voornaam, achternaam)
SELECT '{PERSOON}', g.oss, 'Kanariepiet', 'Crisisvogel' FROM g;
INSERT INTO netwerk_lid (id, gemeente_id, netwerk_id, sleutelpersoon_id, rol, belang, begin)
SELECT gen_random_uuid(), g.oss, 'cccccccc-0000-0000-0000-0000000000e1', '{PERSOON}', 'lid', 'zorg', {D} - 300 FROM g;
DROP TABLE g;
"#
    );
    exec(&app.db, &sql).await;
}

/// Het crisisbeeld voor stroomuitval in `gebied`.
fn stroomuitval_in(gebied: &str) -> String {
    format!("/api/v1/crisisbeeld?scenario=stroomuitval&gebiedId={gebied}")
}

fn namen(lijst: &Value) -> Vec<&str> {
    kolom(lijst, "naam")
}

async fn verwerkingen(app: &TestApp) -> i64 {
    query_text(
        &app.db,
        "SELECT count(*)::text FROM verwerking WHERE verwerkingsactiviteit = 'crisisbeeld'",
    )
    .await
    .parse()
    .expect("aantal")
}

fn netwerk<'a>(beeld: &'a Value, naam: &str) -> &'a Value {
    beeld["netwerken"]
        .as_array()
        .and_then(|l| l.iter().find(|n| n["naam"] == naam))
        .unwrap_or_else(|| panic!("{naam} niet in {beeld}"))
}

#[tokio::test]
async fn het_crisisbeeld_van_een_kern() {
    let app = spawn_app().await;
    opzet(&app).await;
    let coordinator = app.token_for("oss.coordinator").await;
    let pad = stroomuitval_in(KERN_OOST);

    // De kern: het netwerk over haar dorp, niet dat over de andere kern of een andere
    // wijk, en niet het afgeronde; de organisaties die er hulp geven.
    let voor = verwerkingen(&app).await;
    let beeld = app.get_expect(&pad, &coordinator, 200).await;
    assert_eq!(beeld["scenario"], "stroomuitval");
    assert_eq!(beeld["gebied"]["naam"], "Kern Oost");
    assert_eq!(namen(&beeld["netwerken"]), ["Dorpsnetwerk"]);
    let dorp = netwerk(&beeld, "Dorpsnetwerk");
    assert_eq!(
        dorp,
        &json!({"netwerkId": "cccccccc-0000-0000-0000-0000000000e1", "naam": "Dorpsnetwerk",
                "hulp": ["handjes"], "capaciteit": {"omschrijving": "Tien auto's", "aantal": 10},
                "activering": "Belboom via de voorzitter", "activeringOffline": "De voorzitter fietst langs",
                "laatstHerzien": dorp["laatstHerzien"], "verouderd": false})
    );
    assert_eq!(
        namen(&beeld["organisaties"]),
        ["Buurtsuper Dorp", "Gemeentewerf"]
    );
    assert_eq!(
        namen(&beeld["regionaal"]),
        ["Rode Kruis", "Veiligheidsregio Brabant-Noord"]
    );
    // Wie de activering ziet, staat in het verwerkingenlogboek (de leden van het netwerk).
    assert_eq!(verwerkingen(&app).await, voor + 1);
    let personen = query_text(
        &app.db,
        "SELECT array_to_string(sleutelpersoon_ids, ',') FROM verwerking \
         WHERE verwerkingsactiviteit = 'crisisbeeld' ORDER BY tijdstip DESC LIMIT 1",
    )
    .await;
    assert_eq!(personen, PERSOON);

    // Met hulp: alleen wie handjes geeft.
    let handjes = app
        .get_expect(&format!("{pad}&hulp=handjes"), &coordinator, 200)
        .await;
    assert_eq!(namen(&handjes["netwerken"]), ["Dorpsnetwerk"]);
    assert_eq!(namen(&handjes["organisaties"]), ["Buurtsuper Dorp"]);
    assert_eq!(namen(&handjes["regionaal"]), ["Rode Kruis"]);

    // De andere kern: ook de afspraak over alleen die kern, die nooit is doorgenomen.
    let west = app
        .get_expect(&stroomuitval_in(KERN_WEST), &coordinator, 200)
        .await;
    assert_eq!(namen(&west["netwerken"]), ["Dorpsnetwerk", "Westnetwerk"]);
    assert_eq!(netwerk(&west, "Westnetwerk")["verouderd"], true);
    assert_eq!(netwerk(&west, "Westnetwerk")["laatstHerzien"], Value::Null);
    assert_eq!(
        namen(&west["organisaties"]),
        ["Buurtsuper Dorp", "Gemeentewerf", "Sportclub West"]
    );

    // Zonder gebied: de hele gemeente.
    let alles = app
        .get_expect(
            "/api/v1/crisisbeeld?scenario=stroomuitval",
            &coordinator,
            200,
        )
        .await;
    assert_eq!(alles["gebied"], Value::Null);
    assert_eq!(
        namen(&alles["netwerken"]),
        ["Dorpsnetwerk", "Noordnetwerk", "Westnetwerk"]
    );
}

#[tokio::test]
async fn de_termijn_van_de_gemeente_verschuift_verouderd_en_paraat() {
    let app = spawn_app().await;
    opzet(&app).await;
    let coordinator = app.token_for("oss.coordinator").await;
    let beheerder = app.token_for("oss.beheerder").await;
    let regio = app.token_for("regio.netwerkmanager").await;
    let noord = stroomuitval_in(NOORDWIJK);
    let beeld = app.get_expect(&noord, &coordinator, 200).await;
    assert_eq!(namen(&beeld["netwerken"]), ["Noordnetwerk"]);
    assert_eq!(netwerk(&beeld, "Noordnetwerk")["verouderd"], true);

    let oss = |beeld: &Value| {
        beeld["paraatheid"]
            .as_array()
            .and_then(|l| l.iter().find(|g| g["gemeente"] == "GM0828"))
            .cloned()
            .unwrap_or_else(|| panic!("Oss niet in {beeld}"))
    };
    let regionaal = app
        .get_expect("/api/v1/crisisbeeld?scenario=stroomuitval", &regio, 200)
        .await;
    assert_eq!(
        oss(&regionaal),
        json!({"gemeente": "GM0828", "naam": "Oss", "gedekt": 2, "kleinsteGebieden": 5})
    );
    assert!(regionaal.get("netwerken").is_none(), "{regionaal}");
    assert_eq!(regionaal["paraatheid"].as_array().map(Vec::len), Some(11));
    let hitte = app
        .get_expect("/api/v1/crisisbeeld?scenario=hittegolf", &regio, 200)
        .await;
    assert_eq!(oss(&hitte)["gedekt"], 5);

    let antwoord = app
        .patch_huidig(
            "/api/v1/gemeenten/GM0828",
            &beheerder,
            &json!({"crisisafspraakHerzienMaanden": 24}),
        )
        .await;
    assert_eq!(antwoord.status(), 200);
    let beeld = app.get_expect(&noord, &coordinator, 200).await;
    assert_eq!(netwerk(&beeld, "Noordnetwerk")["verouderd"], false);
    let west = app
        .get_expect(&stroomuitval_in(KERN_WEST), &coordinator, 200)
        .await;
    assert_eq!(netwerk(&west, "Westnetwerk")["verouderd"], true);
    let regionaal = app
        .get_expect("/api/v1/crisisbeeld?scenario=stroomuitval", &regio, 200)
        .await;
    assert_eq!(oss(&regionaal)["gedekt"], 4);

    // Het dashboard: dezelfde aantallen, in JSON en CSV.
    let dashboard = app.get_expect("/api/v1/dashboard", &regio, 200).await;
    let rij = dashboard["gemeenten"]
        .as_array()
        .and_then(|l| l.iter().find(|g| g["gemeente"] == "GM0828"))
        .cloned()
        .expect("Oss");
    let stroom = rij["cijfers"]["crisisafspraken"]
        .as_array()
        .and_then(|l| l.iter().find(|a| a["scenario"] == "stroomuitval"))
        .cloned()
        .expect("stroomuitval");
    assert_eq!(stroom["gedekt"], 4);
    assert_eq!(stroom["kleinsteGebieden"], 5);
    // Te herzien volgt dezelfde termijn: alleen het Westnetwerk (nooit doorgenomen);
    // met 12 maanden ook het Noordnetwerk.
    assert_eq!(stroom["teHerzien"], 1);
    let csv = app.csv_as("/api/v1/dashboard", &regio).await;
    let regels: Vec<Vec<&str>> = csv
        .trim_start_matches('\u{feff}')
        .lines()
        .map(|r| r.split(';').collect())
        .collect();
    let kop = &regels[0];
    let oss_regel = regels
        .iter()
        .find(|r| r[0] == "GM0828")
        .expect("Oss in CSV");
    let cel = |naam: &str| {
        let i = kop
            .iter()
            .position(|k| *k == naam)
            .unwrap_or_else(|| panic!("{naam}"));
        oss_regel[i]
    };
    assert_eq!(cel("paraat stroomuitval"), "4");
    assert_eq!(cel("paraat hittegolf"), "5");
    assert_eq!(cel("kleinste gebieden"), "5");
}

#[tokio::test]
async fn wie_wat_ziet_in_het_crisisbeeld() {
    let app = spawn_app().await;
    opzet(&app).await;
    let pad = stroomuitval_in(KERN_OOST);
    let voor = verwerkingen(&app).await;
    for gebruiker in ["oss.raadpleger", "oss.budgethouder"] {
        let token = app.token_for(gebruiker).await;
        let beeld = app.get_expect(&pad, &token, 200).await;
        let dorp = netwerk(&beeld, "Dorpsnetwerk");
        for veld in ["activering", "activeringOffline", "capaciteit"] {
            assert!(dorp.get(veld).is_none(), "{gebruiker} ziet {veld}: {dorp}");
        }
        assert_eq!(dorp["hulp"], json!(["handjes"]));
        assert_eq!(dorp["verouderd"], false);
    }
    assert_eq!(
        verwerkingen(&app).await,
        voor,
        "geen verwerking zonder activering"
    );

    // De regio: alleen aantallen; de filters van een gemeente niet.
    let regio = app.token_for("regio.beheerder").await;
    let fout = app.get_expect(&pad, &regio, 400).await;
    assert_velden(&fout, &[("gebiedId", "niet_toegestaan")]);
    let fout = app
        .get_expect(
            "/api/v1/crisisbeeld?scenario=stroomuitval&hulp=handjes",
            &regio,
            400,
        )
        .await;
    assert_velden(&fout, &[("hulp", "niet_toegestaan")]);
    let tekst = app
        .get_as("/api/v1/crisisbeeld?scenario=stroomuitval", &regio)
        .await
        .text()
        .await
        .expect("tekst");
    for geheim in ["Dorpsnetwerk", "Belboom", "Buurtsuper"] {
        assert!(!tekst.contains(geheim), "de regio ziet {geheim}");
    }

    // Een gebied van een andere gemeente, en zonder scenario: 400.
    let vught = app.token_for("vught.beheerder").await;
    let fout = app.get_expect(&pad, &vught, 400).await;
    assert_velden(&fout, &[("gebiedId", "ongeldig")]);
    let coordinator = app.token_for("oss.coordinator").await;
    app.get_expect("/api/v1/crisisbeeld", &coordinator, 400)
        .await;
    app.get_expect("/api/v1/crisisbeeld?scenario=zonnestorm", &coordinator, 400)
        .await;
}

#[tokio::test]
async fn de_sociale_kaart_van_een_gebied() {
    let app = spawn_app().await;
    opzet(&app).await;
    let raadpleger = app.token_for("oss.raadpleger").await;
    let pad = format!("/api/v1/gebieden/{KERN_OOST}/sociale-kaart");
    let kaart = app.get_expect(&pad, &raadpleger, 200).await;
    assert_eq!(kaart["gebied"]["naam"], "Kern Oost");
    assert_eq!(
        namen(&kaart["netwerken"]),
        ["Dorpsnetwerk", "Gemeentenetwerk", "Westnetwerk"]
    );
    assert_eq!(
        namen(&kaart["organisaties"]),
        ["Bibliotheek", "Buurtsuper Dorp", "Gemeentewerf"]
    );
    assert_eq!(kaart["regionaal"].as_array().map(Vec::len), Some(15));
    // Aanwezig: de categorieën van de organisaties en van de partner van het
    // Dorpsnetwerk (Sportclub West, zelf van een andere kern); de belangen daarvan en
    // van het lid. De catalogus (Rode Kruis: hulporganisaties) telt niet.
    assert_eq!(
        kaart["ontbrekend"]["rollen"],
        json!(["bewoners", "woningcorporatie", "politie"])
    );
    let ontbrekend: Vec<String> = kaart["ontbrekend"]["categorieen"]
        .as_array()
        .expect("lijst")
        .iter()
        .filter_map(|c| c.as_str().map(str::to_owned))
        .collect();
    for aanwezig in ["lokale_ondernemers", "lokale_media", "jongeren_sport"] {
        assert!(!ontbrekend.contains(&aanwezig.to_owned()), "{aanwezig}");
    }
    assert!(ontbrekend.contains(&"hulporganisaties".to_owned()));
    assert_eq!(ontbrekend.len(), 14 - 3);
    let rol = |naam: &str| {
        kaart["rollen"]
            .as_array()
            .and_then(|l| l.iter().find(|r| r["rol"] == naam))
            .cloned()
            .expect("rol")
    };
    assert_eq!(
        rol("zorg"),
        json!({"rol": "zorg", "aanwezig": true, "aantal": 1})
    );
    assert_eq!(
        rol("politie"),
        json!({"rol": "politie", "aanwezig": false, "aantal": 0})
    );
    let tekst = kaart.to_string();
    assert!(!tekst.contains("Kanariepiet"), "geen namen van leden");

    // Een wijk: alleen wat haar en haar buurten dient.
    let noord = app
        .get_expect(
            &format!("/api/v1/gebieden/{NOORDWIJK}/sociale-kaart"),
            &raadpleger,
            200,
        )
        .await;
    assert_eq!(
        namen(&noord["netwerken"]),
        ["Gemeentenetwerk", "Noordnetwerk"]
    );
    assert_eq!(namen(&noord["organisaties"]), ["Gemeentewerf"]);

    // De regio niet; een andere gemeente vindt het gebied niet.
    let regio = app.token_for("regio.netwerkmanager").await;
    let fout = app.get_expect(&pad, &regio, 403).await;
    assert_eq!(fout["code"], "alleen_gemeente");
    let vught = app.token_for("vught.beheerder").await;
    app.get_expect(&pad, &vught, 404).await;
}

#[tokio::test]
async fn organisaties_dienen_gebieden() {
    let app = spawn_app().await;
    opzet(&app).await;
    let coordinator = app.token_for("oss.coordinator").await;
    let lijst = app
        .get_expect(
            &format!("/api/v1/organisaties?gebiedId={KERN_OOST}&regionaal=false"),
            &coordinator,
            200,
        )
        .await;
    assert_eq!(
        namen(&lijst),
        ["Bibliotheek", "Buurtsuper Dorp", "Gemeentewerf"]
    );

    // Een gebied dat niet van de gemeente is, of gebieden in de catalogus: 400, niets
    // bewaard.
    let vught_gebied = uuid::Uuid::now_v7().to_string();
    let geweigerd = [
        (
            "oss.coordinator",
            "Buurthuis",
            vught_gebied.as_str(),
            "ongeldig",
        ),
        ("regio.beheerder", "Landelijk", KERN_OOST, "niet_toegestaan"),
    ];
    for (wie, naam, gebied, code) in geweigerd {
        let token = app.token_for(wie).await;
        let fout = app
            .post_expect(
                "/api/v1/organisaties",
                &token,
                &json!({"naam": naam, "veld": "informele_netwerken", "niveau": "landelijk",
                        "gebiedIds": [gebied]}),
                400,
            )
            .await;
        assert_velden(&fout, &[("gebiedIds", code)]);
    }
    let bewaard = query_text(
        &app.db,
        "SELECT count(*)::text FROM organisatie WHERE naam IN ('Buurthuis', 'Landelijk')",
    )
    .await;
    assert_eq!(bewaard, "0");

    // Bijhouden: de gebieden staan in de representatie en in de audit trail.
    let nieuw = app
        .post_expect(
            "/api/v1/organisaties",
            &coordinator,
            &json!({"naam": "Buurthuis", "veld": "informele_netwerken", "niveau": "lokaal",
                    "capaciteiten": ["handjes"], "gebiedIds": [KERN_WEST]}),
            201,
        )
        .await;
    assert_eq!(nieuw["gebiedIds"], json!([KERN_WEST]));
    let pad = format!("/api/v1/organisaties/{}", nieuw["id"].as_str().expect("id"));
    let antwoord = app
        .patch_huidig(&pad, &coordinator, &json!({"gebiedIds": [DORP]}))
        .await;
    assert_eq!(antwoord.status(), 200);
    let gewijzigd: Value = antwoord.json().await.expect("json");
    assert_eq!(gewijzigd["gebiedIds"], json!([DORP]));
    let audit = query_text(
        &app.db,
        &format!(
            "SELECT string_agg(wijzigingen::text, ' ') FROM audit_trail \
             WHERE resource = 'organisatie' AND resource_id = '{}'",
            nieuw["id"].as_str().expect("id")
        ),
    )
    .await;
    assert!(audit.contains(DORP), "{audit}");
}
