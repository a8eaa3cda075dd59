//! Het dashboard (issue 15): elk cijfer tegen een kleine vaste opzet waarvan de
//! antwoorden met de hand zijn uitgerekend, het onderdrukken van kleine aantallen, de
//! beperking tot de eigen gemeente, de vorm van de CSV, en nergens een naam, e-mail of
//! telefoonnummer.

use serde_json::{Value, json};

use crate::helpers::{TestApp, exec, header, leeg, spawn_app};

/// Het jaar en de dag van de dienst (Europe/Amsterdam), in SQL.
const JAAR: &str = "extract(year FROM (now() AT TIME ZONE 'Europe/Amsterdam'))::int";
const VANDAAG: &str = "(now() AT TIME ZONE 'Europe/Amsterdam')::date";

/// De opzet, in SQL als eigenaar (de triggers houden de tellingen bij zoals bij de
/// dienst). Oss:
/// - 6 gebieden: kwadrant 1 ×2 (coachend), 2 ×1 (coachend en coördinerend), 3 ×1
///   (coördinerend), onbepaald ×2; trajecten: coachend in A (stap 0 af, huidige 1),
///   weerbaarheid in B (stappen 1–2 af, huidige 3), een afgerond traject in A;
/// - 3 netwerken (opbouw ×2, uitvoering), alleen N1 met twee contactambtenaren en een
///   bijeenkomst vorige maand; crisisafspraken: N1 stroomuitval (herzien vorige maand)
///   en hittegolf (nooit); N2 een veiligheidsafspraak over haar datum;
/// - 7 actieve sleutelpersonen (allemaal verbinder, 3 ook doener) en 2 kandidaten,
///   met persoonsgegevens die nergens in het dashboard mogen staan;
/// - een budget van dit jaar (1 000 euro, 30 gereserveerd, 10 uitbetaald) met
///   aanvragen: toegekend na 2, 4 en 10 dagen (mediaan 4), één ingediend over haar
///   termijn, één concept; 5 initiatieven (vrije_tijd ×4, voorlichting ×1);
/// - bijeenkomsten 30, 200 en 400 dagen geleden; oefeningen 60 dagen geleden en over
///   30 dagen; meldingen open (hoog), in behandeling (middel), afgesloten (laag).
///
/// Vught: 1 gebied (kwadrant 4), 3 actieve sleutelpersonen (verbinder), 1 open
/// melding (acuut).
async fn opzet(app: &TestApp) {
    let sql = format!(
        r#"
CREATE TEMP TABLE g AS SELECT (SELECT id FROM gemeente WHERE code = 'GM0828') AS oss,
                              (SELECT id FROM gemeente WHERE code = 'GM0865') AS vught,
                              (SELECT id FROM gebruiker WHERE gebruikersnaam = 'oss.coordinator') AS coord,
                              (SELECT id FROM gebruiker WHERE gebruikersnaam = 'oss.beheerder') AS beheer,
                              (SELECT id FROM gebruiker WHERE gebruikersnaam = 'vught.beheerder') AS vbeheer;
INSERT INTO gebied (id, gemeente_id, naam, soort, dna_kwadrant, dna_aanpak)
SELECT v.id, g.oss, v.naam, 'wijk', v.k, v.a FROM g, (VALUES
    ('00000000-0000-0000-0000-00000000000a'::uuid, 'A', 1::smallint, '{{coachend}}'::text[]),
    ('00000000-0000-0000-0000-00000000000b'::uuid, 'B', 1::smallint, '{{coachend}}'::text[]),
    (gen_random_uuid(), 'C', 2::smallint, '{{coachend,coordinerend}}'::text[]),
    (gen_random_uuid(), 'D', 3::smallint, '{{coordinerend}}'::text[]),
    (gen_random_uuid(), 'E', NULL, '{{}}'::text[]),
    (gen_random_uuid(), 'F', NULL, '{{}}'::text[])) AS v(id, naam, k, a);
INSERT INTO gebied (id, gemeente_id, naam, soort, dna_kwadrant, dna_aanpak)
SELECT gen_random_uuid(), g.vught, 'V', 'wijk', 4, '{{coordinerend}}' FROM g;

INSERT INTO traject (id, gemeente_id, gebied_id, aanpak, status)
SELECT v.id, g.oss, v.gebied, v.aanpak, 'lopend' FROM g, (VALUES
    ('00000000-0000-0000-0000-0000000000a1'::uuid, '00000000-0000-0000-0000-00000000000a'::uuid, 'coachend'),
    ('00000000-0000-0000-0000-0000000000b1'::uuid, '00000000-0000-0000-0000-00000000000b'::uuid, 'weerbaarheid'),
    ('00000000-0000-0000-0000-0000000000a2'::uuid, '00000000-0000-0000-0000-00000000000a'::uuid, 'coachend'))
    AS v(id, gebied, aanpak);
INSERT INTO traject_stap (traject_id, gemeente_id, nummer)
SELECT t.id, t.gemeente_id, n FROM traject t,
    LATERAL generate_series(CASE t.aanpak WHEN 'weerbaarheid' THEN 1 ELSE 0 END,
                            CASE t.aanpak WHEN 'weerbaarheid' THEN 12 WHEN 'coachend' THEN 4 ELSE 6 END) n;
UPDATE traject_stap SET status = 'afgerond' WHERE traject_id = '00000000-0000-0000-0000-0000000000a1' AND nummer = 0;
UPDATE traject_stap SET status = 'afgerond' WHERE traject_id = '00000000-0000-0000-0000-0000000000b1' AND nummer IN (1, 2);
UPDATE traject_stap SET status = 'afgerond' WHERE traject_id = '00000000-0000-0000-0000-0000000000a2';
UPDATE traject SET status = 'afgerond' WHERE id = '00000000-0000-0000-0000-0000000000a2';

INSERT INTO netwerk (id, gemeente_id, naam, vorm, gemeente_rol, fase, contactambtenaren, crisisafspraken)
SELECT v.id, g.oss, v.naam, 'sleutelpersonennetwerk', '{{facilitator}}', v.fase, a.amb, v.crisis::jsonb FROM g, (VALUES
    ('00000000-0000-0000-0000-000000000001'::uuid, 'N1', 'opbouw', true,
     '[{{"scenario": "stroomuitval", "hulp": ["handjes"], "activering": "Belboom", "laatstHerzien": "' || ({VANDAAG} - 30) || '"}},
       {{"scenario": "hittegolf", "hulp": ["hoofdjes"], "activering": "App"}}]'),
    ('00000000-0000-0000-0000-000000000002'::uuid, 'N2', 'opbouw', false, '[]'),
    ('00000000-0000-0000-0000-000000000003'::uuid, 'N3', 'uitvoering', false, '[]'))
    AS v(id, naam, fase, twee, crisis)
    CROSS JOIN LATERAL (SELECT CASE WHEN v.twee THEN ARRAY[g.coord, g.beheer] ELSE ARRAY[g.coord] END AS amb) a;
INSERT INTO veiligheidsafspraak (id, gemeente_id, netwerk_id, afspraak, herzien_voor)
SELECT gen_random_uuid(), g.oss, '00000000-0000-0000-0000-000000000002', 'Afspraak', {VANDAAG} - 5 FROM g;
INSERT INTO bijeenkomst (id, gemeente_id, soort, datum, netwerk_id)
SELECT gen_random_uuid(), g.oss, 'netwerkbijeenkomst', {VANDAAG} - d, '00000000-0000-0000-0000-000000000001'
FROM g, unnest(ARRAY[30, 200, 400]) d;
INSERT INTO oefening (id, gemeente_id, titel, doelen, vorm, scenario, datum, status)
SELECT gen_random_uuid(), g.oss, 'Oefening', '{{communicatie_tijdens_crisis}}', 'tabletop', 'stroomuitval', {VANDAAG} + d, s
FROM g, (VALUES (-60, 'uitgevoerd'), (30, 'gepland')) AS v(d, s);

INSERT INTO sleutelpersoon (id, gemeente_id, status, status_sinds, typen, toestemming_datum, toestemming_doel, bewaartermijn_tot)
SELECT gen_random_uuid(), v.gemeente, v.status, {VANDAAG} - 10, v.typen,
       CASE WHEN v.status = 'actief' THEN {VANDAAG} - 10 END, CASE WHEN v.status = 'actief' THEN 'Netwerk' END,
       {VANDAAG} + 1000
FROM g, LATERAL (VALUES (g.oss, 'actief', '{{verbinder,doener}}'::text[], 3), (g.oss, 'actief', '{{verbinder}}'::text[], 4),
                        (g.oss, 'kandidaat', '{{doener}}'::text[], 2), (g.vught, 'actief', '{{verbinder}}'::text[], 3))
     AS v(gemeente, status, typen, n), generate_series(1, v.n);
INSERT INTO sleutelpersoon_gegevens (sleutelpersoon_id, gemeente_id, voornaam, achternaam, email, telefoon)
SELECT id, gemeente_id, 'Geheimnaam', 'Fictief', 'geheim@voorbeeld.invalid', '+31 6 0000 9999' FROM sleutelpersoon;

INSERT INTO budget (id, gemeente_id, naam, jaar, vorm, totaal_bedrag, max_per_aanvraag)
SELECT '00000000-0000-0000-0000-00000000bbbb', g.oss, 'Wijkbudget', {JAAR}, 'micro', 100000, 10000 FROM g;
INSERT INTO initiatief (id, gemeente_id, titel, thema, organisatie, status)
SELECT v.id, g.oss, 'Initiatief', v.thema, 'Club', v.status FROM g, (VALUES
    ('00000000-0000-0000-0000-0000000000c1'::uuid, 'vrije_tijd', 'lopend'),
    (gen_random_uuid(), 'vrije_tijd', 'lopend'),
    (gen_random_uuid(), 'vrije_tijd', 'idee'),
    (gen_random_uuid(), 'vrije_tijd', 'idee'),
    (gen_random_uuid(), 'voorlichting', 'lopend')) AS v(id, thema, status);
INSERT INTO aanvraag (id, gemeente_id, budget_id, initiatief_id, aangevraagd_bedrag, eigen_bijdrage, status,
                      ingediend_op, beslissen_voor, toegekend_bedrag, motivering, besloten_op, te_laat)
SELECT v.id, g.oss, '00000000-0000-0000-0000-00000000bbbb', '00000000-0000-0000-0000-0000000000c1', 1000, 0, v.status,
       CASE WHEN v.status <> 'concept' THEN {VANDAAG} - 20 END,
       CASE WHEN v.status = 'ingediend' THEN {VANDAAG} - 3 WHEN v.status <> 'concept' THEN {VANDAAG} - 6 END,
       CASE WHEN v.status = 'toegekend' THEN 1000 END, CASE WHEN v.status = 'toegekend' THEN 'Past' END,
       CASE WHEN v.status = 'toegekend' THEN {VANDAAG} - 20 + v.d END,
       CASE WHEN v.status = 'toegekend' THEN false END
FROM g, (VALUES ('00000000-0000-0000-0000-0000000000d1'::uuid, 'toegekend', 2),
                (gen_random_uuid(), 'toegekend', 4), (gen_random_uuid(), 'toegekend', 10),
                (gen_random_uuid(), 'ingediend', 0), (gen_random_uuid(), 'concept', 0)) AS v(id, status, d);
INSERT INTO mutatie (id, gemeente_id, budget_id, aanvraag_id, soort, bedrag, omschrijving)
SELECT gen_random_uuid(), g.oss, '00000000-0000-0000-0000-00000000bbbb', '00000000-0000-0000-0000-0000000000d1',
       v.soort, v.bedrag, v.oms FROM g, (VALUES ('reservering', 3000, NULL), ('uitbetaling', 1000, 'Eerste deel'))
       AS v(soort, bedrag, oms);

INSERT INTO melding (id, gemeente_id, soort, betrokkene, ernst, datum, omschrijving, behandelaar_id, status,
                     afsluitnotitie, afgesloten_op)
SELECT gen_random_uuid(), v.gemeente, 'bedreiging', 'actieve_bewoner', v.ernst, {VANDAAG} - 3,
       'Geheime omschrijving', v.behandelaar, v.status,
       CASE WHEN v.status = 'afgesloten' THEN 'Klaar' END, CASE WHEN v.status = 'afgesloten' THEN {VANDAAG} END
FROM g, LATERAL (VALUES (g.oss, 'hoog', 'open', g.coord), (g.oss, 'middel', 'in_behandeling', g.coord),
                        (g.oss, 'laag', 'afgesloten', g.coord), (g.vught, 'acuut', 'open', g.vbeheer))
     AS v(gemeente, ernst, status, behandelaar);
DROP TABLE g;
"#
    );
    exec(&app.db, &sql).await;
}

fn verdeling(v: &Value) -> Vec<(String, i64)> {
    v.as_array()
        .expect("verdeling")
        .iter()
        .map(|a| {
            (
                a["sleutel"].as_str().unwrap_or_default().to_owned(),
                a["aantal"].as_i64().unwrap_or(-1),
            )
        })
        .collect()
}

fn paren(v: &[(&str, i64)]) -> Vec<(String, i64)> {
    v.iter().map(|(k, n)| ((*k).to_owned(), *n)).collect()
}

/// De cijfers van Oss, met de hand uitgerekend uit de opzet.
fn controleer_oss(c: &Value) {
    let g = &c["gebieden"];
    assert_eq!(g["totaal"], 6);
    assert_eq!(
        verdeling(&g["perKwadrant"]),
        paren(&[("1", 2), ("2", 1), ("3", 1), ("4", 0), ("onbepaald", 2)])
    );
    assert_eq!(
        verdeling(&g["perAanpak"]),
        paren(&[("coachend", 3), ("coordinerend", 2)])
    );
    assert_eq!(g["metTraject"], 2);
    assert_eq!(
        verdeling(&c["trajecten"]["perStatus"]),
        paren(&[("lopend", 2), ("afgerond", 1), ("gestopt", 0)])
    );
    assert_eq!(
        c["trajecten"]["perStap"],
        json!([{"aanpak": "coachend", "stap": 1, "aantal": 1}, {"aanpak": "weerbaarheid", "stap": 3, "aantal": 1}])
    );
    let n = &c["netwerken"];
    assert_eq!(n["totaal"], 3);
    assert_eq!(
        verdeling(&n["perFase"]),
        paren(&[
            ("voorbereiding", 0),
            ("opbouw", 2),
            ("uitvoering", 1),
            ("afgerond", 0)
        ])
    );
    assert_eq!(n["metSignaal"], 3);
    assert_eq!(
        verdeling(&n["perSignaal"]),
        paren(&[
            ("te_weinig_contactambtenaren", 2),
            ("geen_vast_contact", 0),
            ("geen_recente_bijeenkomst", 2),
            ("crisisafspraken_niet_herzien", 1),
            ("veiligheidsafspraken_te_herzien", 1)
        ])
    );
    let crisis: Vec<(String, i64, i64)> = c["crisisafspraken"]
        .as_array()
        .expect("crisis")
        .iter()
        .filter(|a| a["aantal"] != 0)
        .map(|a| {
            (
                a["scenario"].as_str().unwrap_or_default().to_owned(),
                a["aantal"].as_i64().unwrap_or(-1),
                a["teHerzien"].as_i64().unwrap_or(-1),
            )
        })
        .collect();
    assert_eq!(
        crisis,
        vec![("stroomuitval".into(), 1, 0), ("hittegolf".into(), 1, 1)]
    );
    assert_eq!(
        c["sleutelpersonen"],
        json!({"actief": {"aantal": 5, "onderdrukt": false}, "perType": [
            {"type": "verbinder", "aantal": 5, "onderdrukt": false},
            {"type": "vertegenwoordiger", "aantal": null, "onderdrukt": true},
            {"type": "doener", "aantal": null, "onderdrukt": true},
            {"type": "luis_in_de_pels", "aantal": null, "onderdrukt": true}]})
    );
    assert_eq!(
        c["budgetten"],
        json!({"aantal": 1, "totaal": 100000, "gereserveerd": 3000, "uitbetaald": 1000, "beschikbaar": 97000})
    );
    let a = &c["aanvragen"];
    assert_eq!(
        verdeling(&a["perStatus"]),
        paren(&[
            ("concept", 1),
            ("ingediend", 1),
            ("toegekend", 3),
            ("deels_toegekend", 0),
            ("afgewezen", 0),
            ("ingetrokken", 0)
        ])
    );
    assert_eq!(a["medianeDagenTotBesluit"], 4.0);
    assert_eq!(a["teLaat"], 1);
    assert_eq!(c["initiatieven"]["totaal"], 5);
    let themas: Vec<(String, i64)> = verdeling(&c["initiatieven"]["perThema"])
        .into_iter()
        .filter(|(_, n)| *n > 0)
        .collect();
    assert_eq!(themas, paren(&[("vrije_tijd", 4), ("voorlichting", 1)]));
    assert_eq!(
        verdeling(&c["initiatieven"]["perStatus"]),
        paren(&[("idee", 2), ("lopend", 3), ("afgerond", 0), ("gestopt", 0)])
    );
    assert_eq!(c["bijeenkomstenLaatste12Maanden"], 2);
    assert_eq!(c["oefeningenLaatste12Maanden"], 1);
    assert_eq!(
        c["meldingen"],
        json!({"open": 2, "openPerErnst": [
            {"sleutel": "laag", "aantal": 0}, {"sleutel": "middel", "aantal": 1},
            {"sleutel": "hoog", "aantal": 1}, {"sleutel": "acuut", "aantal": 0}]})
    );
}

#[tokio::test]
async fn every_figure_matches_a_fixture_computed_by_hand() {
    let app = spawn_app().await;
    leeg(&app).await;
    opzet(&app).await;
    // De tellingen die de database bijhoudt, kloppen met opnieuw tellen.
    assert_eq!(
        app.scalar_i64("SELECT count(*) FROM weefsel_dashboard_controle()")
            .await,
        0
    );
    let regio = app.token_for("regio.netwerkmanager").await;
    let d = app.get_expect("/api/v1/dashboard", &regio, 200).await;
    let gemeenten = d["gemeenten"].as_array().expect("gemeenten");
    assert_eq!(gemeenten.len(), 11, "elke gemeente een rij");
    let oss = gemeenten
        .iter()
        .find(|g| g["gemeente"] == "GM0828")
        .expect("Oss");
    assert_eq!(oss["naam"], "Oss");
    // Wat te laat is op de werklijst: de aanvraag over haar termijn, de veiligheidsafspraak
    // van N2 en de oefening van 60 dagen geleden; personen en meldingen onderdrukt.
    let achterstand: Vec<String> = oss["cijfers"]["achterstand"]
        .as_array()
        .expect("achterstand")
        .iter()
        .map(|a| {
            format!(
                "{}:{}",
                a["soort"].as_str().unwrap_or_default(),
                a["aantal"]
            )
        })
        .collect();
    assert_eq!(
        achterstand,
        [
            "actie_bijeenkomst:0",
            "aanvraag_beslistermijn:1",
            "crisisafspraak_herzien:0",
            "veiligheidsafspraak_herzien:1",
            "checkin:null",
            "lid_zonder_contact:null",
            "oefening_evalueren:1",
            "melding_open:null",
            "traject_stil:0",
            "dna_meting_oud:0",
            "verbinder_aanstelling_eindigt:0",
            "toestemming_bewaartermijn:null"
        ]
    );
    assert_eq!(
        d["totaal"]["achterstand"].as_array().map(Vec::len),
        Some(12)
    );
    controleer_oss(&oss["cijfers"]);
    let vught = &gemeenten
        .iter()
        .find(|g| g["gemeente"] == "GM0865")
        .expect("Vught")["cijfers"];
    // Vught: drie actieven, dus onderdrukt; in het totaal (10) niet meer.
    assert_eq!(
        vught["sleutelpersonen"]["actief"],
        json!({"aantal": null, "onderdrukt": true})
    );
    assert_eq!(vught["gebieden"]["totaal"], 1);
    assert_eq!(vught["meldingen"]["open"], 1);
    // Een gemeente zonder gegevens: alles 0, ook de verdelingen.
    let bernheze = &gemeenten
        .iter()
        .find(|g| g["gemeente"] == "GM1721")
        .expect("Bernheze")["cijfers"];
    assert_eq!(bernheze["gebieden"]["totaal"], 0);
    assert_eq!(bernheze["aanvragen"]["medianeDagenTotBesluit"], Value::Null);
    let t = &d["totaal"];
    assert_eq!(t["gebieden"]["totaal"], 7);
    assert_eq!(
        verdeling(&t["gebieden"]["perKwadrant"]),
        paren(&[("1", 2), ("2", 1), ("3", 1), ("4", 1), ("onbepaald", 2)])
    );
    assert_eq!(
        t["sleutelpersonen"]["actief"],
        json!({"aantal": 10, "onderdrukt": false})
    );
    assert_eq!(
        t["sleutelpersonen"]["perType"][0],
        json!({"type": "verbinder", "aantal": 10, "onderdrukt": false})
    );
    assert_eq!(t["meldingen"]["open"], 3);
    assert_eq!(t["aanvragen"]["medianeDagenTotBesluit"], 4.0);
    assert_eq!(t["netwerken"]["totaal"], 3);
    // Het jaar kiest de budgetten: een ander jaar heeft er geen.
    let ander = app
        .get_expect("/api/v1/dashboard?jaar=2001", &regio, 200)
        .await;
    assert_eq!(ander["jaar"], 2001);
    assert_eq!(ander["totaal"]["budgetten"]["aantal"], 0);
    assert_eq!(ander["totaal"]["aanvragen"]["perStatus"][2]["aantal"], 0);
    // Eén gemeente in detail: dezelfde cijfers, en per gebied, netwerk en budget.
    let detail = app
        .get_expect("/api/v1/dashboard/gemeenten/GM0828", &regio, 200)
        .await;
    controleer_oss(&detail["cijfers"]);
    let gebied_a = detail["gebieden"]
        .as_array()
        .expect("gebieden")
        .iter()
        .find(|g| g["naam"] == "A")
        .cloned()
        .expect("A");
    assert_eq!(gebied_a["kwadrant"], 1);
    assert_eq!(gebied_a["traject"]["aanpak"], "coachend");
    assert_eq!(gebied_a["traject"]["huidigeStap"], 1);
    let netwerken: Vec<(String, Value)> = detail["netwerken"]
        .as_array()
        .expect("netwerken")
        .iter()
        .map(|n| {
            (
                n["naam"].as_str().unwrap_or_default().to_owned(),
                n["signalen"].clone(),
            )
        })
        .collect();
    assert_eq!(
        netwerken,
        vec![
            ("N1".into(), json!(["crisisafspraken_niet_herzien"])),
            (
                "N2".into(),
                json!([
                    "geen_recente_bijeenkomst",
                    "te_weinig_contactambtenaren",
                    "veiligheidsafspraken_te_herzien"
                ])
            ),
            (
                "N3".into(),
                json!(["geen_recente_bijeenkomst", "te_weinig_contactambtenaren"])
            ),
        ]
    );
    assert_eq!(
        detail["budgetten"][0]["beschikbaar"], 97000,
        "{}",
        detail["budgetten"]
    );
}

#[tokio::test]
async fn a_municipality_sees_only_itself_and_no_response_holds_personal_data() {
    let app = spawn_app().await;
    leeg(&app).await;
    opzet(&app).await;
    let coordinator = app.token_for("oss.coordinator").await;
    let d = app.get_expect("/api/v1/dashboard", &coordinator, 200).await;
    let gemeenten = d["gemeenten"].as_array().expect("gemeenten");
    assert_eq!(gemeenten.len(), 1);
    assert_eq!(gemeenten[0]["gemeente"], "GM0828");
    controleer_oss(&gemeenten[0]["cijfers"]);
    controleer_oss(&d["totaal"]);
    // Een raadpleger leest geen meldingen, en telt ze dus ook niet.
    let raadpleger = app.token_for("oss.raadpleger").await;
    let d = app.get_expect("/api/v1/dashboard", &raadpleger, 200).await;
    assert_eq!(d["totaal"]["meldingen"]["open"], 0);
    assert_eq!(d["totaal"]["gebieden"], gemeenten[0]["cijfers"]["gebieden"]);
    app.get_expect("/api/v1/dashboard/gemeenten/GM0865", &raadpleger, 404)
        .await;
    app.get_expect(
        "/api/v1/dashboard/gemeenten/GM9999",
        &app.token_for("regio.beheerder").await,
        404,
    )
    .await;
    let (id, secret) = app
        .create_client("oss.beheerder", "Dashboardkoppeling", &["gebieden.lezen"])
        .await;
    let koppeling = app.client_token(&id, &secret).await;
    app.get_expect("/api/v1/dashboard", &koppeling, 403).await;
    // Geen naam, e-mail, telefoonnummer of meldingstekst, in JSON noch CSV, voor
    // welke aanroeper ook.
    for gebruiker in [
        "regio.netwerkmanager",
        "regio.beheerder",
        "oss.beheerder",
        "oss.coordinator",
    ] {
        let token = app.token_for(gebruiker).await;
        for pad in ["/api/v1/dashboard", "/api/v1/dashboard/gemeenten/GM0828"] {
            for accept in ["application/json", "text/csv"] {
                let tekst = app
                    .client
                    .get(app.url(pad))
                    .bearer_auth(&token)
                    .header("Accept", accept)
                    .send()
                    .await
                    .expect("verzoek")
                    .text()
                    .await
                    .expect("tekst");
                for geheim in [
                    "Geheimnaam",
                    "Fictief",
                    "geheim@",
                    "0000 9999",
                    "Geheime omschrijving",
                ] {
                    assert!(
                        !tekst.contains(geheim),
                        "{geheim} in {pad} ({accept}) voor {gebruiker}"
                    );
                }
            }
        }
    }
}

#[tokio::test]
async fn the_csv_is_what_a_dutch_spreadsheet_expects() {
    let app = spawn_app().await;
    leeg(&app).await;
    opzet(&app).await;
    let regio = app.token_for("regio.netwerkmanager").await;
    let response = app
        .client
        .get(app.url("/api/v1/dashboard"))
        .bearer_auth(&regio)
        .header("Accept", "text/csv")
        .send()
        .await
        .expect("verzoek");
    assert_eq!(response.status(), 200);
    assert_eq!(
        header(response.headers(), "content-type"),
        "text/csv; charset=utf-8"
    );
    assert!(
        header(response.headers(), "content-disposition")
            .starts_with("attachment; filename=\"dashboard-")
    );
    let tekst = response.text().await.expect("tekst");
    assert!(tekst.starts_with('\u{feff}'), "BOM");
    let regels: Vec<&str> = tekst
        .trim_start_matches('\u{feff}')
        .split("\r\n")
        .filter(|r| !r.is_empty())
        .collect();
    assert_eq!(regels.len(), 1 + 11 + 1, "kop, elf gemeenten, totaal");
    let kop: Vec<&str> = regels[0].split(';').collect();
    assert_eq!(&kop[..3], &["gemeente", "naam", "gebieden"]);
    let oss: Vec<&str> = regels
        .iter()
        .find(|r| r.starts_with("GM0828;"))
        .expect("Oss")
        .split(';')
        .collect();
    assert_eq!(oss.len(), kop.len(), "elke regel evenveel kolommen");
    let kolom = |naam: &str| oss[kop.iter().position(|k| *k == naam).expect(naam)];
    assert_eq!(kolom("naam"), "Oss");
    assert_eq!(kolom("gebieden"), "6");
    assert_eq!(kolom("budget totaal (euro)"), "1000,00");
    assert_eq!(kolom("gereserveerd (euro)"), "30,00");
    assert_eq!(kolom("beschikbaar (euro)"), "970,00");
    assert_eq!(kolom("mediane dagen tot besluit"), "4,0");
    assert_eq!(kolom("actieve sleutelpersonen"), "5");
    assert_eq!(kolom("te laat aanvraag_beslistermijn"), "1");
    assert_eq!(kolom("te laat traject_stil"), "0");
    assert_eq!(kolom("te laat checkin"), "<5");
    let vught: Vec<&str> = regels
        .iter()
        .find(|r| r.starts_with("GM0865;"))
        .expect("Vught")
        .split(';')
        .collect();
    assert_eq!(
        vught[kop
            .iter()
            .position(|k| *k == "actieve sleutelpersonen")
            .expect("kolom")],
        "<5"
    );
    assert!(regels[12].starts_with(";Totaal;7;"), "{}", regels[12]);
    // De detail-CSV: een regel per gebied, netwerk en budget.
    let detail = app
        .csv_as("/api/v1/dashboard/gemeenten/GM0828", &regio)
        .await;
    let regels: Vec<&str> = detail
        .trim_start_matches('\u{feff}')
        .split("\r\n")
        .filter(|r| !r.is_empty())
        .collect();
    assert_eq!(regels.len(), 1 + 6 + 3 + 1);
    assert!(
        regels
            .iter()
            .any(|r| r.starts_with("budget;") && r.ends_with(";1000,00;30,00;10,00;970,00")),
        "{regels:?}"
    );
}

/// Een headless Chromium die via het DevTools-protocol bestuurd wordt.
mod browser {
    use std::io::{BufRead, BufReader};
    use std::process::{Child, Command, Stdio};
    use std::time::{Duration, Instant};

    use futures_util::{SinkExt, StreamExt};
    use serde_json::{Value, json};
    use tokio_tungstenite::tungstenite::Message;

    type Ws = tokio_tungstenite::WebSocketStream<
        tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>,
    >;

    pub struct Browser {
        kind: Child,
        ws: Ws,
        volgnummer: u64,
        _map: std::path::PathBuf,
    }

    /// Het programma: `chromium` (Debian). Ontbreekt het, dan installeert de test het
    /// (als root, uit de Debian-pakketten); lukt dat niet, dan faalt de test.
    fn programma() -> String {
        let gevonden = || {
            ["chromium", "chromium-browser"]
                .into_iter()
                .find(|p| {
                    Command::new(p)
                        .arg("--version")
                        .output()
                        .is_ok_and(|o| o.status.success())
                })
                .map(str::to_owned)
        };
        if let Some(p) = gevonden() {
            return p;
        }
        let _ = Command::new("sh")
            .args(["-c", "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium"])
            .status();
        gevonden().expect("chromium ontbreekt en is niet te installeren (apt-get install chromium)")
    }

    impl Browser {
        pub async fn start() -> Browser {
            let map =
                std::env::temp_dir().join(format!("weefsel-chromium-{}", uuid::Uuid::now_v7()));
            let mut kind = Command::new(programma())
                .args([
                    "--headless=new",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-dev-shm-usage",
                    "--no-first-run",
                    "--remote-debugging-port=0",
                    "--window-size=1400,1100",
                    &format!("--user-data-dir={}", map.display()),
                    "about:blank",
                ])
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .expect("chromium starten");
            let stderr = kind.stderr.take().expect("stderr");
            let adres = std::thread::spawn(move || {
                BufReader::new(stderr)
                    .lines()
                    .map_while(Result::ok)
                    .find_map(|regel| {
                        regel
                            .split("DevTools listening on ")
                            .nth(1)
                            .map(str::to_owned)
                    })
            })
            .join()
            .ok()
            .flatten()
            .expect("DevTools-adres van chromium");
            let poort = adres
                .trim_start_matches("ws://")
                .split('/')
                .next()
                .expect("host:poort")
                .to_owned();
            let doelen: Value = reqwest::get(format!("http://{poort}/json/list"))
                .await
                .expect("doelen")
                .json()
                .await
                .expect("json");
            let pagina = doelen
                .as_array()
                .expect("lijst")
                .iter()
                .find(|d| d["type"] == "page")
                .and_then(|d| d["webSocketDebuggerUrl"].as_str())
                .expect("een pagina")
                .to_owned();
            let (ws, _) = tokio_tungstenite::connect_async(pagina)
                .await
                .expect("websocket");
            Browser {
                kind,
                ws,
                volgnummer: 0,
                _map: map,
            }
        }

        /// Eén opdracht; wacht op haar antwoord (gebeurtenissen ertussen vallen weg).
        pub async fn cdp(&mut self, methode: &str, params: Value) -> Value {
            self.volgnummer += 1;
            let id = self.volgnummer;
            self.ws
                .send(Message::text(
                    json!({"id": id, "method": methode, "params": params}).to_string(),
                ))
                .await
                .expect("versturen");
            while let Some(bericht) = self.ws.next().await {
                let Ok(Message::Text(tekst)) = bericht else {
                    continue;
                };
                let v: Value = serde_json::from_str(&tekst).expect("json");
                if v["id"] == id {
                    assert!(v.get("error").is_none(), "{methode}: {v}");
                    return v["result"].clone();
                }
            }
            panic!("geen antwoord op {methode}");
        }

        /// De waarde van een JavaScript-expressie in de pagina.
        pub async fn js(&mut self, expressie: &str) -> Value {
            let r = self
                .cdp(
                    "Runtime.evaluate",
                    json!({"expression": expressie, "returnByValue": true, "awaitPromise": true}),
                )
                .await;
            assert!(r.get("exceptionDetails").is_none(), "{expressie}: {r}");
            r["result"]["value"].clone()
        }

        /// Wacht tot `expressie` waar is (hoogstens 20 s).
        pub async fn wacht(&mut self, expressie: &str) {
            let begin = Instant::now();
            while begin.elapsed() < Duration::from_secs(20) {
                if self.js(expressie).await == Value::Bool(true) {
                    return;
                }
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            panic!("na 20 s nog niet waar: {expressie}");
        }
    }

    impl Drop for Browser {
        fn drop(&mut self) {
            let _ = self.kind.kill();
            let _ = self.kind.wait();
            let _ = std::fs::remove_dir_all(&self._map);
        }
    }
}

/// De pagina in een echte browser: inloggen als regio_netwerkmanager, de tabel en de
/// grafieken, het onderdrukken zichtbaar, een schermafdruk, en na een verlopen token
/// opnieuw inloggen zonder de gekozen plek te verliezen.
#[tokio::test]
async fn the_page_shows_the_regional_overview_in_a_real_browser() {
    use base64::Engine;
    let app = spawn_app().await;
    // De pagina zelf: HTML met een strikte CSP, script en stijl uit de binary.
    let html = app
        .client
        .get(app.url("/dashboard"))
        .send()
        .await
        .expect("pagina");
    assert_eq!(html.status(), 200);
    let csp = header(html.headers(), "content-security-policy");
    assert!(
        csp.contains("script-src 'self'")
            && csp.contains("connect-src 'self'")
            && !csp.contains("unsafe"),
        "{csp}"
    );
    for pad in ["/dashboard/app.js", "/dashboard/app.css"] {
        assert_eq!(
            app.client
                .get(app.url(pad))
                .send()
                .await
                .expect(pad)
                .status(),
            200,
            "{pad}"
        );
    }

    let mut b = browser::Browser::start().await;
    b.cdp("Page.enable", json!({})).await;
    b.cdp("Page.navigate", json!({"url": app.url("/dashboard")}))
        .await;
    b.wacht("document.readyState === 'complete' && !document.getElementById('inloggen').hidden")
        .await;
    let inloggen = "(() => { const f = document.getElementById('inlogformulier'); \
        f.username.value = 'regio.netwerkmanager'; f.password.value = 'weefsel-demo-2026'; \
        f.requestSubmit(); return true; })()";
    b.js(inloggen).await;
    b.wacht("document.body.dataset.geladen !== undefined").await;
    // Een schermafdruk met de demogegevens (WEEFSEL_SCHERMAFDRUK=docs/dashboard.png
    // bewaart haar voor de README).
    let shot = b
        .cdp("Page.captureScreenshot", json!({"format": "png"}))
        .await;
    let png = base64::engine::general_purpose::STANDARD
        .decode(shot["data"].as_str().expect("data"))
        .expect("base64");
    assert!(
        png.starts_with(b"\x89PNG") && png.len() > 10_000,
        "{} bytes",
        png.len()
    );
    let pad = std::env::var("WEEFSEL_SCHERMAFDRUK")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|_| std::env::temp_dir().join("weefsel-dashboard.png"));
    std::fs::write(&pad, &png).expect("schermafdruk bewaren");
    // Dan de opzet met de hand: de pagina laadt opnieuw (een ander jaar en terug).
    leeg(&app).await;
    opzet(&app).await;
    b.js("location.hash = 'jaar=2001'; true").await;
    b.wacht("document.body.dataset.geladen === '2001'").await;
    let jaar = b.js("String(new Date().getFullYear())").await;
    let jaar = jaar.as_str().expect("jaar").to_owned();
    b.js(&format!("location.hash = 'jaar={jaar}'; true")).await;
    b.wacht(&format!("document.body.dataset.geladen === '{jaar}'"))
        .await;
    // De tabel: elf gemeenten op naam en een totaal; Vught onderdrukt, Oss niet.
    let rijen = b
        .js("[...document.querySelectorAll('#gemeenten tbody tr')].map(r => r.dataset.gemeente + ':' + r.cells[0].textContent)")
        .await;
    let rijen: Vec<String> = serde_json::from_value(rijen).expect("rijen");
    assert_eq!(rijen.len(), 11);
    assert!(rijen.contains(&"GM0828:Oss".to_owned()), "{rijen:?}");
    let kolom = b
        .js("[...document.querySelectorAll('#gemeenten thead th')].findIndex(th => th.textContent === 'Actieve sleutelpersonen')")
        .await;
    let kolom = kolom.as_i64().expect("kolom");
    let cel = |code: &str| {
        format!(
            "document.querySelector('#gemeenten tbody tr[data-gemeente=\"{code}\"]').cells[{kolom}]"
        )
    };
    assert_eq!(b.js(&format!("{}.textContent", cel("GM0865"))).await, "<5");
    assert_eq!(
        b.js(&format!("{}.dataset.onderdrukt", cel("GM0865"))).await,
        "ja"
    );
    assert_eq!(b.js(&format!("{}.textContent", cel("GM0828"))).await, "5");
    // Wat te laat is op de werklijst: de zaken als getal, personen en meldingen onderdrukt.
    let te_laat = |kop: &str, code: &str| {
        format!(
            "document.querySelector('#gemeenten tbody tr[data-gemeente=\"{code}\"]').cells[\
             [...document.querySelectorAll('#gemeenten thead th')].findIndex(th => th.textContent === '{kop}')\
             ].textContent"
        )
    };
    assert_eq!(b.js(&te_laat("Te laat", "GM0828")).await, "3");
    assert_eq!(
        b.js(&te_laat("Te laat over personen en meldingen", "GM0828"))
            .await,
        "<5"
    );
    // De paraatheid voor stroomuitval: zoals het dashboard haar geeft.
    let regio = app.token_for("regio.netwerkmanager").await;
    let d = app.get_expect("/api/v1/dashboard", &regio, 200).await;
    let stroom = d["gemeenten"]
        .as_array()
        .and_then(|l| l.iter().find(|g| g["gemeente"] == "GM0828"))
        .and_then(|g| g["cijfers"]["crisisafspraken"].as_array())
        .and_then(|l| l.iter().find(|a| a["scenario"] == "stroomuitval"))
        .cloned()
        .expect("stroomuitval van Oss");
    assert_eq!(
        b.js(&te_laat("Paraat stroomuitval", "GM0828")).await,
        format!("{} van {}", stroom["gedekt"], stroom["kleinsteGebieden"]).as_str()
    );
    assert_eq!(
        b.js("document.querySelector('#paraatheid figcaption').textContent")
            .await,
        "Paraatheid per scenario (regio): kleinste gebieden met een doorgenomen afspraak"
    );
    assert_eq!(
        b.js("document.querySelector('#gemeenten tfoot tr').cells[0].textContent")
            .await,
        "Totaal"
    );
    assert_eq!(
        b.js("document.querySelectorAll('.grafieken svg').length")
            .await,
        4
    );
    assert_eq!(
        b.js("document.querySelector('#kwadranten figcaption').textContent")
            .await,
        "Gebieden per kwadrant (regio)"
    );
    // Het token verloopt: de pagina vraagt opnieuw in te loggen, de tabel blijft staan,
    // en na inloggen staat het gekozen jaar er.
    b.js("sessionStorage.setItem('weefsel.dashboard.token', 'verlopen'); location.hash = 'jaar=2025'; true")
        .await;
    b.wacht("!document.getElementById('inloggen').hidden").await;
    assert_eq!(
        b.js("document.getElementById('overzicht').hidden").await,
        false
    );
    assert_eq!(
        b.js("document.querySelectorAll('#gemeenten tbody tr').length")
            .await,
        11
    );
    assert!(
        b.js("document.getElementById('inlogreden').textContent")
            .await
            .as_str()
            .is_some_and(|t| t.contains("verlopen"))
    );
    b.js(inloggen).await;
    b.wacht(
        "document.body.dataset.geladen === '2025' && document.getElementById('inloggen').hidden",
    )
    .await;
    assert_eq!(b.js("document.getElementById('jaar').value").await, "2025");
}
