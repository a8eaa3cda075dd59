//! De werklijst (issue 36, W1): elk item tegen een kleine vaste opzet waarvan de
//! antwoorden met de hand zijn uitgerekend, wie wat ziet, `mijn`, de volgorde over
//! pagina's, de drempels van de gemeente en de aantallen van de regio.

use serde_json::{Value, json};

use crate::helpers::{TestApp, exec, kolom, leeg, query_text, spawn_app};

/// De dag van de dienst (Europe/Amsterdam), in SQL.
const D: &str = "(now() AT TIME ZONE 'Europe/Amsterdam')::date";

/// De opzet in Oss (D = vandaag; horizon 14 dagen). Per soort wat erop moet staan
/// (met vervaldatum), en wat niet:
///
/// | soort | op de lijst | niet |
/// |---|---|---|
/// | actie_bijeenkomst | a1: deadline D-1, eigenaar coordinator | a2 gereed; a3 deadline D+30 |
/// | aanvraag_beslistermijn | ingediend, beslissen voor D+2 | toegekend; concept |
/// | crisisafspraak_herzien | N stroomuitval, herzien D-12mnd-2 → D-2 | N hittegolf herzien D-1mnd |
/// | veiligheidsafspraak_herzien | V1 herzien voor D+5 | V2 herzien voor D+5 maar doorgenomen D-2; V3 D+60 |
/// | checkin | P1 (verhoogd risico, zichtbaar voor coordinator) laatste D-95 → D-5 | — |
/// | lid_zonder_contact | P2 laatste contact D-175 → D+5 | P1 (D-10), P3 (D-30) |
/// | oefening_evalueren | O1 uitgevoerd D-3 | O2 geëvalueerd; O3 gepland D+40 |
/// | melding_open | X1 hoog D-5 → D-2 (over P1, behandelaar coordinator); X2 laag D-1 → D+13 | X3 afgesloten |
/// | traject_stil | T1 laatste wissel D-60 → D-4 | T2 wissel D-10; T3 afgerond |
/// | dna_meting_oud | A gemeten D-2jr-3 → D-3 | B gemeten D-1jr |
/// | verbinder_aanstelling_eindigt | coordinator bij T1 tot D+7 | beheerder bij T2 tot D+7 met opvolger |
/// | toestemming_bewaartermijn | P2 tot D+10 | P1, P3 (D+365) |
async fn opzet(app: &TestApp) {
    leeg(app).await;
    let sql = format!(
        r#"
CREATE TEMP TABLE g AS SELECT (SELECT id FROM gemeente WHERE code = 'GM0828') AS oss,
    (SELECT id FROM gebruiker WHERE gebruikersnaam = 'oss.coordinator') AS coord,
    (SELECT id FROM gebruiker WHERE gebruikersnaam = 'oss.beheerder') AS beheer;
INSERT INTO gebied (id, gemeente_id, naam, soort, inwonertal)
SELECT v.id, g.oss, v.naam, 'wijk', 6000 FROM g, (VALUES
    ('aaaaaaaa-0000-0000-0000-00000000000a'::uuid, 'Werkwijk'),
    ('aaaaaaaa-0000-0000-0000-00000000000b'::uuid, 'Rustwijk')) AS v(id, naam);
UPDATE gebied SET dna_peildatum = ({D} - interval '2 years')::date - 3 WHERE naam = 'Werkwijk';
UPDATE gebied SET dna_peildatum = ({D} - interval '1 year')::date WHERE naam = 'Rustwijk';

INSERT INTO netwerk (id, gemeente_id, naam, vorm, gemeente_rol, fase, gebied_ids, contactambtenaren, crisisafspraken)
SELECT 'aaaaaaaa-0000-0000-0000-0000000000e1', g.oss, 'Werknetwerk', 'sleutelpersonennetwerk', '{{facilitator}}',
       'opbouw', ARRAY['aaaaaaaa-0000-0000-0000-00000000000a'::uuid], ARRAY[g.coord],
       jsonb_build_array(
         jsonb_build_object('scenario', 'stroomuitval', 'hulp', '["handjes"]'::jsonb, 'activering', 'Belboom',
                            'laatstHerzien', (({D} - interval '12 months')::date - 2)::text),
         jsonb_build_object('scenario', 'hittegolf', 'hulp', '["hoofdjes"]'::jsonb, 'activering', 'App',
                            'laatstHerzien', (({D} - interval '1 month')::date)::text))
FROM g;
INSERT INTO veiligheidsafspraak (id, gemeente_id, netwerk_id, afspraak, laatst_herzien, herzien_voor)
SELECT v.id, g.oss, 'aaaaaaaa-0000-0000-0000-0000000000e1', 'Kanarie-afspraak', v.laatst, v.voor FROM g, (VALUES
    ('aaaaaaaa-0000-0000-0000-0000000000f1'::uuid, NULL::date, {D} + 5),
    ('aaaaaaaa-0000-0000-0000-0000000000f2'::uuid, {D} - 2, {D} + 5),
    ('aaaaaaaa-0000-0000-0000-0000000000f3'::uuid, NULL::date, {D} + 60)) AS v(id, laatst, voor);

INSERT INTO bijeenkomst (id, gemeente_id, soort, datum, netwerk_id, acties)
SELECT 'aaaaaaaa-0000-0000-0000-0000000000b1', g.oss, 'netwerkbijeenkomst', {D} - 30,
       'aaaaaaaa-0000-0000-0000-0000000000e1', jsonb_build_array(
         jsonb_build_object('id', 'aaaaaaaa-0000-0000-0000-0000000000a1', 'omschrijving', 'Kanarie-actie',
                            'eigenaar', 'Kanarie Eigenaar', 'eigenaarId', g.coord, 'deadline', ({D} - 1)::text,
                            'gereed', false),
         jsonb_build_object('id', 'aaaaaaaa-0000-0000-0000-0000000000a2', 'omschrijving', 'Klaar',
                            'eigenaar', 'Iemand', 'deadline', ({D} + 3)::text, 'gereed', true),
         jsonb_build_object('id', 'aaaaaaaa-0000-0000-0000-0000000000a3', 'omschrijving', 'Later',
                            'eigenaar', 'Iemand', 'deadline', ({D} + 30)::text, 'gereed', false))
FROM g;

INSERT INTO budget (id, gemeente_id, naam, jaar, vorm, totaal_bedrag, max_per_aanvraag)
SELECT 'aaaaaaaa-0000-0000-0000-00000000bbbb', g.oss, 'Werkbudget', extract(year FROM {D})::int, 'micro', 100000, 10000
FROM g;
INSERT INTO aanvraag (id, gemeente_id, budget_id, netwerk_id, aangevraagd_bedrag, eigen_bijdrage, status,
                      ingediend_op, beslissen_voor, toegekend_bedrag, motivering, besloten_op, te_laat)
SELECT v.id, g.oss, 'aaaaaaaa-0000-0000-0000-00000000bbbb', 'aaaaaaaa-0000-0000-0000-0000000000e1', 1000, 0, v.status,
       CASE WHEN v.status <> 'concept' THEN {D} - 12 END, CASE WHEN v.status <> 'concept' THEN {D} + 2 END,
       CASE WHEN v.status = 'toegekend' THEN 1000 END, CASE WHEN v.status = 'toegekend' THEN 'Past' END,
       CASE WHEN v.status = 'toegekend' THEN {D} - 1 END, CASE WHEN v.status = 'toegekend' THEN false END
FROM g, (VALUES ('aaaaaaaa-0000-0000-0000-0000000000c1'::uuid, 'ingediend'),
                ('aaaaaaaa-0000-0000-0000-0000000000c2'::uuid, 'toegekend'),
                ('aaaaaaaa-0000-0000-0000-0000000000c3'::uuid, 'concept')) AS v(id, status);

INSERT INTO sleutelpersoon (id, gemeente_id, status, status_sinds, typen, toestemming_datum, toestemming_doel,
                            bewaartermijn_tot, laatste_contact, laatste_checkin, verhoogd_risico, zichtbaar_voor)
SELECT v.id, g.oss, 'actief', {D} - 400, '{{verbinder}}', {D} - 400, 'Netwerk', v.bewaar, v.contact, v.checkin,
       v.risico, CASE WHEN v.risico THEN ARRAY[g.coord] ELSE '{{}}' END
FROM g, (VALUES ('aaaaaaaa-0000-0000-0000-0000000000d1'::uuid, {D} + 365, {D} - 10, {D} - 95, true),
                ('aaaaaaaa-0000-0000-0000-0000000000d2'::uuid, {D} + 10, {D} - 175, NULL::date, false),
                ('aaaaaaaa-0000-0000-0000-0000000000d3'::uuid, {D} + 365, {D} - 30, NULL::date, false))
     AS v(id, bewaar, contact, checkin, risico);
INSERT INTO sleutelpersoon_gegevens (sleutelpersoon_id, gemeente_id, voornaam, achternaam, email, telefoon)
SELECT id, gemeente_id, 'Kanariepiet', 'Werkvogel', 'kanarie.werk@voorbeeld.invalid', '+31 6 0000 7777'
FROM sleutelpersoon WHERE id::text LIKE 'aaaaaaaa%';
INSERT INTO netwerk_lid (id, gemeente_id, netwerk_id, sleutelpersoon_id, rol, begin)
SELECT gen_random_uuid(), gemeente_id, 'aaaaaaaa-0000-0000-0000-0000000000e1', id, 'lid', {D} - 300
FROM sleutelpersoon WHERE id::text LIKE 'aaaaaaaa%';

INSERT INTO oefening (id, gemeente_id, titel, doelen, vorm, scenario, datum, netwerk_id, status, evaluatie)
SELECT v.id, g.oss, 'Kanarie-oefening', '{{communicatie_tijdens_crisis}}', 'tabletop', 'stroomuitval', {D} + v.d,
       'aaaaaaaa-0000-0000-0000-0000000000e1', v.s,
       CASE WHEN v.s = 'geevalueerd' THEN '{{"goed": "Kanarie"}}'::jsonb END
FROM g, (VALUES ('aaaaaaaa-0000-0000-0000-0000000000a4'::uuid, -3, 'uitgevoerd'),
                ('aaaaaaaa-0000-0000-0000-0000000000a5'::uuid, -20, 'geevalueerd'),
                ('aaaaaaaa-0000-0000-0000-0000000000a6'::uuid, 40, 'gepland')) AS v(id, d, s);

INSERT INTO melding (id, gemeente_id, soort, betrokkene, ernst, datum, omschrijving, sleutelpersoon_id,
                     behandelaar_id, status, afsluitnotitie, afgesloten_op)
SELECT v.id, g.oss, 'bedreiging', CASE WHEN v.persoon THEN 'sleutelpersoon' ELSE 'actieve_bewoner' END, v.ernst,
       {D} - v.d, 'Kanarie-melding', CASE WHEN v.persoon THEN 'aaaaaaaa-0000-0000-0000-0000000000d1'::uuid END,
       g.coord, v.status, CASE WHEN v.status = 'afgesloten' THEN 'Klaar' END,
       CASE WHEN v.status = 'afgesloten' THEN {D} END
FROM g, (VALUES ('aaaaaaaa-0000-0000-0000-000000000011'::uuid, 'hoog', 5, true, 'open'),
                ('aaaaaaaa-0000-0000-0000-000000000012'::uuid, 'laag', 1, false, 'in_behandeling'),
                ('aaaaaaaa-0000-0000-0000-000000000013'::uuid, 'acuut', 9, false, 'afgesloten'))
     AS v(id, ernst, d, persoon, status);

INSERT INTO traject (id, gemeente_id, gebied_id, aanpak, naam, status)
SELECT v.id, g.oss, 'aaaaaaaa-0000-0000-0000-00000000000a', 'coachend', 'Werktraject', v.status FROM g, (VALUES
    ('aaaaaaaa-0000-0000-0000-000000000021'::uuid, 'lopend'),
    ('aaaaaaaa-0000-0000-0000-000000000022'::uuid, 'lopend'),
    ('aaaaaaaa-0000-0000-0000-000000000023'::uuid, 'afgerond')) AS v(id, status);
INSERT INTO traject_stap (traject_id, gemeente_id, nummer, status, gestart_op, afgerond_op)
SELECT t.id, t.gemeente_id, n, CASE WHEN n = 0 THEN 'afgerond' WHEN n = 1 THEN 'bezig' ELSE 'open' END,
       CASE WHEN n <= 1 THEN {D} - CASE t.id WHEN 'aaaaaaaa-0000-0000-0000-000000000022' THEN 10 ELSE 60 END END,
       CASE WHEN n = 0 THEN {D} - CASE t.id WHEN 'aaaaaaaa-0000-0000-0000-000000000022' THEN 10 ELSE 60 END END
FROM traject t, generate_series(0, 4) n WHERE t.id::text LIKE 'aaaaaaaa%';
INSERT INTO traject_verbinder (id, gemeente_id, traject_id, gebruiker_id, rol, vanaf, tot)
SELECT v.id, g.oss, v.traject, v.wie, v.rol, {D} - 100, v.tot FROM g, LATERAL (VALUES
    ('aaaaaaaa-0000-0000-0000-000000000031'::uuid, 'aaaaaaaa-0000-0000-0000-000000000021'::uuid, g.coord,
     'wijkverbinder', {D} + 7),
    ('aaaaaaaa-0000-0000-0000-000000000032'::uuid, 'aaaaaaaa-0000-0000-0000-000000000022'::uuid, g.beheer,
     'wijkverbinder', {D} + 7),
    ('aaaaaaaa-0000-0000-0000-000000000033'::uuid, 'aaaaaaaa-0000-0000-0000-000000000022'::uuid, g.coord,
     'wijkverbinder', NULL::date)) AS v(id, traject, wie, rol, tot);
DROP TABLE g;
"#
    );
    exec(&app.db, &sql).await;
}

/// `soort|id-suffix|onderdeel|dagen vanaf vandaag|teLaat|ernst|mijn` per item, in de
/// volgorde van de lijst.
async fn regels(app: &TestApp, lijst: &Value) -> Vec<String> {
    let vandaag: chrono::NaiveDate = query_text(&app.db, &format!("SELECT {D}::text"))
        .await
        .parse()
        .expect("datum");
    lijst["resultaten"]
        .as_array()
        .expect("resultaten")
        .iter()
        .map(|i| {
            let datum: chrono::NaiveDate = i["vervaldatum"]
                .as_str()
                .expect("vervaldatum")
                .parse()
                .expect("datum");
            let id = i["id"].as_str().expect("id");
            format!(
                "{}|{}|{}|{}|{}|{}|{}",
                i["soort"].as_str().expect("soort"),
                &id[id.len() - 2..],
                i["onderdeel"].as_str().map_or("-".to_owned(), |o| {
                    o.rsplit('-').next().unwrap_or(o).to_owned()
                }),
                (datum - vandaag).num_days(),
                i["teLaat"],
                i["ernst"].as_str().expect("ernst"),
                i["mijn"]
            )
        })
        .collect()
}

/// Alles van de coördinator, met de hand uitgerekend: te laat eerst, dan op datum,
/// binnen één datum op soort en id.
const COORDINATOR: [&str; 13] = [
    "traject_stil|21|-|-4|true|hoog|true",
    "dna_meting_oud|0a|-|-3|true|hoog|true",
    "checkin|d1|-|-5|true|hoog|true",
    "melding_open|11|-|-2|true|hoog|true",
    "crisisafspraak_herzien|e1|stroomuitval|-2|true|hoog|true",
    "oefening_evalueren|a4|-|-3|true|hoog|true",
    "actie_bijeenkomst|b1|0000000000a1|-1|true|hoog|true",
    "aanvraag_beslistermijn|c1|-|2|false|normaal|false",
    "lid_zonder_contact|d2|-|5|false|normaal|true",
    "veiligheidsafspraak_herzien|f1|-|5|false|normaal|true",
    "verbinder_aanstelling_eindigt|21|000000000031|7|false|normaal|true",
    "toestemming_bewaartermijn|d2|-|10|false|normaal|true",
    "melding_open|12|-|13|false|laag|true",
];

fn gesorteerd(mut regels: Vec<&'static str>) -> Vec<String> {
    // (vervaldatum, soort, id): dezelfde volgorde als de dienst.
    regels.sort_by_key(|r| {
        let delen: Vec<&str> = r.split('|').collect();
        (delen[3].parse::<i64>().unwrap_or(0), delen[0])
    });
    regels.into_iter().map(str::to_owned).collect()
}

#[tokio::test]
async fn every_kind_appears_when_due_and_the_caller_sees_only_what_they_may_read() {
    let app = spawn_app().await;
    opzet(&app).await;
    let coordinator = app.token_for("oss.coordinator").await;
    let lijst = app
        .get_json_as("/api/v1/werklijst?paginaGrootte=100", &coordinator)
        .await;
    assert_eq!(
        regels(&app, &lijst).await,
        gesorteerd(COORDINATOR.to_vec()),
        "{lijst}"
    );
    assert_eq!(lijst["totaalAantal"], 13);
    // Eén regel in het verwerkingenlogboek, met de personen van de pagina.
    assert_eq!(
        query_text(
            &app.db,
            "SELECT count(DISTINCT v.id) || '|' || string_agg(DISTINCT right(p::text, 2), ',') \
             FROM verwerking v, unnest(v.sleutelpersoon_ids) p WHERE v.verwerkingsactiviteit = 'werklijst'"
        )
        .await,
        "1|d1,d2"
    );
    let item = lijst["resultaten"]
        .as_array()
        .expect("resultaten")
        .iter()
        .find(|i| i["soort"] == "traject_stil")
        .expect("traject_stil");
    assert_eq!(
        item["pad"],
        "/api/v1/trajecten/aaaaaaaa-0000-0000-0000-000000000021"
    );
    assert!(
        item["omschrijving"]
            .as_str()
            .expect("omschrijving")
            .starts_with("Traject in Werkwijk staat sinds "),
        "{item}"
    );
    // Geen naam, geen vrije tekst: de kanaries staan nergens in het antwoord.
    let tekst = lijst.to_string();
    for kanarie in ["Kanarie", "Werkvogel", "kanarie.werk", "7777"] {
        assert!(!tekst.contains(kanarie), "{kanarie} in {tekst}");
    }

    // Alleen de eigen items; een soort; een gebied; een netwerk.
    let mijn = app
        .get_json_as(
            "/api/v1/werklijst?alleenMijn=true&paginaGrootte=100",
            &coordinator,
        )
        .await;
    let verwacht: Vec<&str> = COORDINATOR
        .iter()
        .copied()
        .filter(|r| r.ends_with("true"))
        .collect();
    assert_eq!(regels(&app, &mijn).await, gesorteerd(verwacht));
    let meldingen = app
        .get_json_as("/api/v1/werklijst?soort=melding_open", &coordinator)
        .await;
    assert_eq!(meldingen["totaalAantal"], 2);
    let wijk = app
        .get_json_as(
            "/api/v1/werklijst?gebiedId=aaaaaaaa-0000-0000-0000-00000000000b",
            &coordinator,
        )
        .await;
    assert_eq!(wijk["totaalAantal"], 0, "{wijk}");
    // Zonder horizon: alleen wat te laat is of vandaag moet.
    let vandaag = app
        .get_json_as("/api/v1/werklijst?binnenDagen=0", &coordinator)
        .await;
    assert_eq!(vandaag["totaalAantal"], 7, "{vandaag}");

    // Volgorde over pagina's: drie pagina's van vijf geven samen de hele lijst.
    let mut alle = Vec::new();
    for pagina in 1..=3 {
        let deel = app
            .get_json_as(
                &format!("/api/v1/werklijst?paginaGrootte=5&pagina={pagina}"),
                &coordinator,
            )
            .await;
        assert_eq!(deel["totaalAantal"], 13);
        alle.extend(regels(&app, &deel).await);
    }
    assert_eq!(alle, gesorteerd(COORDINATOR.to_vec()));
    let voorbij = app
        .get_json_as("/api/v1/werklijst?paginaGrootte=5&pagina=9", &coordinator)
        .await;
    assert_eq!(voorbij["totaalAantal"], 13);
}

#[tokio::test]
async fn a_coordinator_outside_zichtbaar_voor_and_a_raadpleger_get_no_person_items() {
    let app = spawn_app().await;
    opzet(&app).await;
    // Een tweede coördinator staat niet in zichtbaarVoor van P1 en behandelt X1 niet.
    let beheerder = app.token_for("oss.beheerder").await;
    let ander = app
        .nieuwe_gebruiker(&beheerder, "oss.coordinator2", json!(["coordinator"]))
        .await;
    let lijst = app
        .get_json_as("/api/v1/werklijst?paginaGrootte=100", &ander)
        .await;
    let verwacht: Vec<String> = gesorteerd(
        COORDINATOR
            .iter()
            .copied()
            .filter(|r| !r.starts_with("checkin|") && !r.starts_with("melding_open|11"))
            .collect(),
    )
    .into_iter()
    .map(|r| {
        // Niets is van hem.
        let mut delen: Vec<&str> = r.split('|').collect();
        delen[6] = "false";
        delen.join("|")
    })
    .collect();
    assert_eq!(regels(&app, &lijst).await, verwacht, "{lijst}");
    assert_eq!(lijst["totaalAantal"], 11);

    let gelogd = "SELECT count(*) FROM verwerking WHERE verwerkingsactiviteit = 'werklijst'";
    assert_eq!(app.scalar_i64(gelogd).await, 1);
    // Een raadpleger: geen personen, geen meldingen, en geen naam in het antwoord.
    let raadpleger = app.token_for("oss.raadpleger").await;
    let lijst = app
        .get_json_as("/api/v1/werklijst?paginaGrootte=100", &raadpleger)
        .await;
    let soorten = kolom(&lijst, "soort");
    for verboden in [
        "checkin",
        "lid_zonder_contact",
        "toestemming_bewaartermijn",
        "melding_open",
    ] {
        assert!(!soorten.contains(&verboden), "{verboden}: {lijst}");
    }
    assert_eq!(lijst["totaalAantal"], 8, "{lijst}");
    assert!(!lijst.to_string().contains("Kanarie"));
    // Geen personen in zijn antwoord: geen regel in het verwerkingenlogboek.
    assert_eq!(app.scalar_i64(gelogd).await, 1);

    // Een koppeling: 403.
    let token = app
        .koppeling_token("Werklijst", &["sleutelpersonen.lezen"])
        .await;
    let problem = app.get_expect("/api/v1/werklijst", &token, 403).await;
    assert_eq!(problem["code"], "geen_recht");
}

#[tokio::test]
async fn each_setting_moves_its_due_dates_and_only_the_municipality_sets_it() {
    let app = spawn_app().await;
    opzet(&app).await;
    let coordinator = app.token_for("oss.coordinator").await;
    let beheerder = app.token_for("oss.beheerder").await;
    let dagen = |soort: &'static str, id: &'static str| {
        let app = &app;
        let coordinator = coordinator.clone();
        async move {
            let lijst = app
                .get_json_as(
                    &format!("/api/v1/werklijst?soort={soort}&binnenDagen=365&paginaGrootte=100"),
                    &coordinator,
                )
                .await;
            regels(app, &lijst)
                .await
                .into_iter()
                .find(|r| r.split('|').nth(1) == Some(id))
                .map(|r| r.split('|').nth(3).unwrap_or_default().to_owned())
        }
    };
    assert_eq!(dagen("traject_stil", "21").await.as_deref(), Some("-4"));
    let antwoord = app
        .patch_huidig(
            "/api/v1/gemeenten/GM0828",
            &beheerder,
            &json!({"trajectStilWeken": 10, "checkinDagen": 100, "contactDagen": 200,
                    "crisisafspraakHerzienMaanden": 13, "dnaMetingMaxJaren": 3,
                    "meldingTermijnDagen": {"acuut": 1, "hoog": 5, "middel": 7, "laag": 14}}),
        )
        .await;
    assert_eq!(antwoord.status(), 200);
    assert_eq!(dagen("traject_stil", "21").await.as_deref(), Some("10"));
    assert_eq!(dagen("checkin", "d1").await.as_deref(), Some("5"));
    assert_eq!(
        dagen("lid_zonder_contact", "d2").await.as_deref(),
        Some("25")
    );
    assert_eq!(dagen("melding_open", "11").await.as_deref(), Some("0"));
    let crisis = dagen("crisisafspraak_herzien", "e1").await;
    assert!(
        crisis
            .as_deref()
            .and_then(|d| d.parse::<i64>().ok())
            .is_some_and(|d| (26..=29).contains(&d)),
        "{crisis:?}"
    );
    let dna = dagen("dna_meting_oud", "0a").await;
    assert!(
        dna.as_deref()
            .and_then(|d| d.parse::<i64>().ok())
            .is_some_and(|d| (361..=363).contains(&d)),
        "{dna:?}"
    );
    let gemeente = app
        .get_json_as("/api/v1/gemeenten/GM0828", &coordinator)
        .await;
    assert_eq!(gemeente["trajectStilWeken"], 10);
    assert_eq!(gemeente["meldingTermijnDagen"]["hoog"], 5);
    assert_eq!(
        query_text(
            &app.db,
            "SELECT string_agg(w->>'veld', ',' ORDER BY w->>'veld') FROM audit_trail a, \
             jsonb_array_elements(a.wijzigingen) w WHERE a.resource = 'gemeente' AND a.actie = 'gewijzigd'"
        )
        .await,
        "checkinDagen,contactDagen,crisisafspraakHerzienMaanden,dnaMetingMaxJaren,meldingTermijnDagen,trajectStilWeken"
    );

    // De regio en een coördinator zetten geen drempel; niets verandert.
    let regio = app.token_for("regio.beheerder").await;
    let etag = crate::helpers::header(
        app.get_as("/api/v1/gemeenten/GM0828", &regio)
            .await
            .headers(),
        "etag",
    );
    let antwoord = app
        .met_if_match(
            reqwest::Method::PATCH,
            "/api/v1/gemeenten/GM0828",
            &regio,
            &etag,
            Some(&json!({"checkinDagen": 30})),
        )
        .await;
    assert_eq!(antwoord.status(), 403);
    let problem: Value = antwoord.json().await.expect("json");
    assert_eq!(problem["code"], "geen_recht");
    assert_eq!(problem["invalidParams"][0]["name"], "checkinDagen");
    app.patch_expect(
        "/api/v1/gemeenten/GM0828",
        &coordinator,
        &json!({"checkinDagen": 30}),
        403,
    )
    .await;
    // Buiten de grenzen: 400 met het veld.
    let problem = app
        .patch_expect(
            "/api/v1/gemeenten/GM0828",
            &beheerder,
            &json!({"trajectStilWeken": 0, "meldingTermijnDagen": {"acuut": 1}}),
            400,
        )
        .await;
    let namen = kolom(&problem["invalidParams"], "name");
    assert!(namen.contains(&"trajectStilWeken"), "{problem}");
    assert!(
        namen.iter().any(|n| n.starts_with("meldingTermijnDagen")),
        "{problem}"
    );
    assert_eq!(
        app.scalar_i64("SELECT checkin_dagen::bigint FROM gemeente WHERE code = 'GM0828'")
            .await,
        100
    );
}

#[tokio::test]
async fn the_region_gets_counts_per_municipality_with_the_person_kinds_suppressed() {
    let app = spawn_app().await;
    opzet(&app).await;
    let regio = app.token_for("regio.netwerkmanager").await;
    let antwoord = app.get_json_as("/api/v1/werklijst", &regio).await;
    let gemeenten = antwoord["gemeenten"].as_array().expect("gemeenten");
    let namen: Vec<&str> = gemeenten
        .iter()
        .map(|g| g["naam"].as_str().expect("naam"))
        .collect();
    let mut op_naam = namen.clone();
    op_naam.sort_unstable();
    assert_eq!(namen, op_naam, "op naam, geen rangorde");
    assert_eq!(namen.len(), 11);
    let oss = gemeenten
        .iter()
        .find(|g| g["gemeente"] == "GM0828")
        .expect("Oss");
    let cel = |soort: &str| {
        oss["aantallen"]
            .as_array()
            .expect("aantallen")
            .iter()
            .find(|a| a["soort"] == soort)
            .cloned()
            .unwrap_or(Value::Null)
    };
    // Zaken: gewone aantallen.
    assert_eq!(cel("traject_stil")["aantal"], 1);
    assert_eq!(cel("veiligheidsafspraak_herzien")["aantal"], 1);
    assert_eq!(cel("actie_bijeenkomst")["aantal"], 1);
    // Personen en meldingen: onder 5 onderdrukt, alle vier.
    for soort in [
        "checkin",
        "lid_zonder_contact",
        "toestemming_bewaartermijn",
        "melding_open",
    ] {
        assert_eq!(
            cel(soort),
            json!({"soort": soort, "aantal": null, "onderdrukt": true})
        );
    }
    assert_eq!(oss["aantallen"].as_array().map(Vec::len), Some(12));
    let tekst = antwoord.to_string();
    for kanarie in ["Kanarie", "Werkvogel", "aaaaaaaa"] {
        assert!(!tekst.contains(kanarie), "{kanarie}");
    }
    // Gemeentelijke filters bestaan voor de regio niet.
    let problem = app
        .get_expect("/api/v1/werklijst?alleenMijn=true", &regio, 400)
        .await;
    assert_eq!(problem["invalidParams"][0]["name"], "alleenMijn");
}

#[tokio::test]
async fn meeting_actions_keep_a_stable_id_and_an_optional_owner() {
    let app = spawn_app().await;
    let coordinator = app.token_for("oss.coordinator").await;
    let gebied = crate::helpers::id_of(&app.nieuw_gebied(&coordinator, json!({})).await);
    let eigen = query_text(
        &app.db,
        "SELECT id::text FROM gebruiker WHERE gebruikersnaam = 'oss.coordinator'",
    )
    .await;
    let vught = query_text(
        &app.db,
        "SELECT id::text FROM gebruiker WHERE gebruikersnaam = 'vught.coordinator'",
    )
    .await;
    let bijeenkomst = app
        .post_expect(
            "/api/v1/bijeenkomsten",
            &coordinator,
            &json!({"soort": "kerngroep", "datum": "2026-11-10", "gebiedId": gebied,
                    "acties": [{"omschrijving": "Flyers", "eigenaar": "wijkverbinder", "eigenaarId": eigen,
                                "deadline": "2026-12-01"}]}),
            201,
        )
        .await;
    let id = bijeenkomst["acties"][0]["id"]
        .as_str()
        .expect("id")
        .to_owned();
    assert_eq!(bijeenkomst["acties"][0]["eigenaarId"], eigen.as_str());
    let pad = format!(
        "/api/v1/bijeenkomsten/{}",
        crate::helpers::id_of(&bijeenkomst)
    );
    // Met zijn id blijft de actie dezelfde; zonder id is een actie nieuw.
    let antwoord = app
        .patch_huidig(
            &pad,
            &coordinator,
            &json!({"acties": [{"id": id, "omschrijving": "Flyers", "eigenaar": "wijkverbinder", "gereed": true},
                               {"omschrijving": "Nieuwe", "eigenaar": "buurthuis"}]}),
        )
        .await;
    assert_eq!(antwoord.status(), 200);
    let gewijzigd: Value = antwoord.json().await.expect("json");
    assert_eq!(gewijzigd["acties"][0]["id"], id.as_str());
    assert_eq!(gewijzigd["acties"][0]["gereed"], true);
    assert!(gewijzigd["acties"][1]["id"].is_string());
    assert_ne!(gewijzigd["acties"][1]["id"], id.as_str());
    // Een onbekend id, of een eigenaar van een andere gemeente: 400, niets veranderd.
    let voor = query_text(
        &app.db,
        &format!(
            "SELECT acties::text FROM bijeenkomst WHERE id = '{}'",
            crate::helpers::id_of(&bijeenkomst)
        ),
    )
    .await;
    let problem = app
        .patch_expect(
            &pad,
            &coordinator,
            &json!({"acties": [{"id": uuid::Uuid::new_v4(), "omschrijving": "X", "eigenaar": "Y"},
                               {"omschrijving": "X", "eigenaar": "Y", "eigenaarId": vught}]}),
            400,
        )
        .await;
    let namen = kolom(&problem["invalidParams"], "name");
    assert_eq!(namen, ["acties.0.id", "acties.1.eigenaarId"], "{problem}");
    assert_eq!(
        query_text(
            &app.db,
            &format!(
                "SELECT acties::text FROM bijeenkomst WHERE id = '{}'",
                crate::helpers::id_of(&bijeenkomst)
            ),
        )
        .await,
        voor
    );
}

/// De items die [`an_item_disappears_when_its_work_is_done`] afhandelt.
const GEDAAN: [&str; 6] = [
    "actie_bijeenkomst|b1",
    "checkin|d1",
    "melding_open|11",
    "oefening_evalueren|a4",
    "traject_stil|21",
    "veiligheidsafspraak_herzien|f1",
];

/// Wat gedaan is, verdwijnt: een actie gereed, een check-in, een melding afgesloten,
/// een oefening geëvalueerd, een stap die wisselt, een afspraak doorgenomen.
#[tokio::test]
async fn an_item_disappears_when_its_work_is_done() {
    let app = spawn_app().await;
    opzet(&app).await;
    let coordinator = app.token_for("oss.coordinator").await;
    let soorten = || async {
        let lijst = app
            .get_json_as("/api/v1/werklijst?paginaGrootte=100", &coordinator)
            .await;
        regels(&app, &lijst)
            .await
            .into_iter()
            .map(|r| {
                let delen: Vec<&str> = r.split('|').collect();
                format!("{}|{}", delen[0], delen[1])
            })
            .collect::<Vec<_>>()
    };
    let voor = soorten().await;
    for item in GEDAAN {
        assert!(
            voor.contains(&item.to_owned()),
            "{item} ontbreekt: {voor:?}"
        );
    }
    let ok = |antwoord: reqwest::Response| async move {
        let status = antwoord.status();
        assert!(
            status.is_success(),
            "{status}: {}",
            antwoord.text().await.unwrap_or_default()
        );
    };
    let p = "aaaaaaaa-0000-0000-0000-0000000000";
    ok(app
        .patch_huidig(
            &format!("/api/v1/bijeenkomsten/{p}b1"),
            &coordinator,
            &json!({"acties": [{"id": format!("{p}a1"), "omschrijving": "Kanarie-actie",
                                "eigenaar": "Kanarie Eigenaar", "gereed": true}]}),
        )
        .await)
    .await;
    app.post_expect(
        &format!("/api/v1/sleutelpersonen/{p}d1/checkins"),
        &coordinator,
        &json!({}),
        201,
    )
    .await;
    ok(app
        .patch_huidig(
            "/api/v1/meldingen/aaaaaaaa-0000-0000-0000-000000000011",
            &coordinator,
            &json!({"status": "afgesloten", "afsluitnotitie": "Afgehandeld met de wijkagent."}),
        )
        .await)
    .await;
    ok(app
        .patch_huidig(
            &format!("/api/v1/oefeningen/{p}a4"),
            &coordinator,
            &json!({"status": "geevalueerd", "debrief": "Gedaan.", "evaluatie": {"goed": "Samenwerking", "verbeterpunten": "Communicatie"}}),
        )
        .await)
    .await;
    app.patch_expect(
        "/api/v1/trajecten/aaaaaaaa-0000-0000-0000-000000000021/stappen/1",
        &coordinator,
        &json!({"status": "afgerond"}),
        200,
    )
    .await;
    app.patch_expect(
        &format!("/api/v1/netwerken/{p}e1/veiligheidsafspraken/{p}f1"),
        &coordinator,
        &json!({"laatstHerzien": query_text(&app.db, &format!("SELECT {D}::text")).await}),
        200,
    )
    .await;
    let na = soorten().await;
    for item in GEDAAN {
        assert!(
            !na.contains(&item.to_owned()),
            "{item} staat er nog: {na:?}"
        );
    }
    assert_eq!(na.len(), voor.len() - 6, "{voor:?} → {na:?}");
}
