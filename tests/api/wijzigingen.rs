//! De wijzigingenstroom (issue 38, punt 1): `GET /wijzigingen?na=` in de volgorde van de
//! commits, hervatbaar, zonder waarden, en alleen voor wie de resource mag lezen.

use std::process::Stdio;

use serde_json::{Value, json};

use crate::cli::serve;
use crate::helpers::{TestApp, assert_problem, header, id_of, query_text, spawn_app};

const FEED: &str = "/api/v1/wijzigingen";

/// Alle regels na `na` (alle pagina's), en de positie om verder te lezen.
async fn lees(app: &TestApp, token: &str, na: Option<&str>) -> (Vec<Value>, String) {
    let mut regels = Vec::new();
    let mut pad = match na {
        Some(na) => format!("{FEED}?na={na}&paginaGrootte=3"),
        None => format!("{FEED}?paginaGrootte=3"),
    };
    loop {
        let pagina = app.get_expect(&pad, token, 200).await;
        let nieuw = pagina["resultaten"].as_array().expect("resultaten").clone();
        let volgende = pagina["_links"]["volgende"]["href"]
            .as_str()
            .expect("volgende")
            .to_owned();
        assert_eq!(
            volgende,
            format!(
                "/api/v1/wijzigingen?na={}&paginaGrootte=3",
                pagina["volgende"].as_str().expect("volgende")
            )
        );
        if nieuw.is_empty() {
            return (
                regels,
                pagina["volgende"].as_str().expect("volgende").to_owned(),
            );
        }
        regels.extend(nieuw);
        pad = volgende;
    }
}

fn soorten(regels: &[Value]) -> Vec<(String, String)> {
    regels
        .iter()
        .map(|r| {
            (
                r["resource"].as_str().unwrap_or_default().to_owned(),
                r["actie"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect()
}

fn over(regels: &[Value], id: &str) -> Vec<String> {
    regels
        .iter()
        .filter(|r| r["resourceId"] == id)
        .map(|r| r["actie"].as_str().unwrap_or_default().to_owned())
        .collect()
}

#[tokio::test]
async fn every_change_appears_once_in_commit_order_without_values() {
    let app = spawn_app().await;
    let coordinator = app.token_for("oss.coordinator").await;
    let crm = app
        .koppeling_token(
            "CRM",
            &["gebieden.lezen", "initiatieven.lezen", "wijzigingen.lezen"],
        )
        .await;
    let (_, begin) = lees(&app, &crm, None).await;

    let gebied = app.nieuw_gebied(&coordinator, json!({})).await;
    let gebied_id = id_of(&gebied);
    let initiatief = app
        .post_expect(
            "/api/v1/initiatieven",
            &coordinator,
            &json!({"titel": "Buurtmoestuin", "thema": "vrije_tijd", "organisatie": "Buurtvereniging",
                    "gebiedId": gebied_id}),
            201,
        )
        .await;
    let response = app
        .patch_huidig(
            &format!("/api/v1/gebieden/{gebied_id}"),
            &coordinator,
            &json!({"naam": "Kern Oost-Noord"}),
        )
        .await;
    assert_eq!(response.status(), 200);

    let (regels, verder) = lees(&app, &crm, Some(&begin)).await;
    assert_eq!(
        soorten(&regels),
        [
            ("gebied".into(), "aangemaakt".into()),
            ("initiatief".into(), "aangemaakt".into()),
            ("gebied".into(), "gewijzigd".into()),
        ]
    );
    let eerste = &regels[0];
    let mut velden: Vec<&str> = eerste
        .as_object()
        .expect("object")
        .keys()
        .map(String::as_str)
        .collect();
    velden.sort_unstable();
    assert_eq!(
        velden,
        [
            "actie",
            "gemeente",
            "pad",
            "positie",
            "resource",
            "resourceId",
            "tijdstip"
        ],
        "nooit waarden"
    );
    assert_eq!(eerste["gemeente"], "GM0828");
    assert_eq!(eerste["pad"], format!("/api/v1/gebieden/{gebied_id}"));
    assert_eq!(regels[1]["resourceId"], initiatief["id"]);
    // Posities lopen op, de laatste is waar de lezer verder gaat.
    let posities: Vec<&str> = regels
        .iter()
        .filter_map(|r| r["positie"].as_str())
        .collect();
    assert_eq!(posities.last().copied(), Some(verder.as_str()));
    let nummers: Vec<i64> = posities
        .iter()
        .map(|p| {
            p.split('.')
                .next()
                .and_then(|g| g.parse().ok())
                .expect("positie")
        })
        .collect();
    assert!(nummers.windows(2).all(|w| w[0] < w[1]), "{nummers:?}");

    // Verder lezen vanaf de positie: niets nieuws; na een wijziging precies die.
    assert!(lees(&app, &crm, Some(&verder)).await.0.is_empty());
    app.post_expect(
        &format!("/api/v1/gebieden/{gebied_id}/indicatoren"),
        &coordinator,
        &json!({"peildatum": "2025-01-01", "bron": "Testbron", "leefbaarometer": 4.1}),
        201,
    )
    .await;
    // De meting en, omdat ze het DNA-profiel veranderde, het gebied.
    let (nieuw, _) = lees(&app, &crm, Some(&verder)).await;
    assert_eq!(
        soorten(&nieuw),
        [
            ("gebied".into(), "gewijzigd".into()),
            ("indicatormeting".into(), "aangemaakt".into())
        ]
    );
    assert_eq!(
        nieuw[1]["pad"],
        format!("/api/v1/gebieden/{gebied_id}/indicatoren")
    );

    // Een positie die de stroom nooit gaf, of een onleesbare: 400 met het veld.
    for na in ["999999.0", "12", "a.b"] {
        let body = assert_problem(app.get_as(&format!("{FEED}?na={na}"), &crm).await, 400).await;
        assert_eq!(body["invalidParams"][0]["name"], "na", "{na}");
    }
}

#[tokio::test]
async fn entries_reach_only_callers_who_may_read_the_resource() {
    let app = spawn_app().await;
    let beheerder = app.token_for("oss.beheerder").await;
    let beheerder_id = app.user_id("oss.beheerder").await;
    let (id, geheim) = app
        .create_client(
            "oss.beheerder",
            "Registratie",
            &[
                "gebieden.lezen",
                "netwerken.lezen",
                "sleutelpersonen.lezen",
                "wijzigingen.lezen",
            ],
        )
        .await;
    let met_personen = app.client_token(&id, &geheim).await;
    let zonder_personen = app
        .koppeling_token(
            "CRM",
            &["gebieden.lezen", "netwerken.lezen", "wijzigingen.lezen"],
        )
        .await;
    let (_, begin) = lees(&app, &met_personen, None).await;

    let netwerk = id_of(&app.nieuw_netwerk(&beheerder, json!({})).await);
    let gewoon = id_of(&app.nieuwe_sleutelpersoon(&beheerder, json!({})).await);
    let risico = id_of(
        &app.nieuwe_sleutelpersoon(
            &beheerder,
            json!({"verhoogdRisico": true, "zichtbaarVoor": [beheerder_id]}),
        )
        .await,
    );
    let lid = id_of(
        &app.nieuw_lid(&beheerder, &netwerk, &gewoon, json!({}))
            .await,
    );
    let risicolid = id_of(
        &app.nieuw_lid(&beheerder, &netwerk, &risico, json!({}))
            .await,
    );

    // Met sleutelpersonen.lezen: de gewone persoon en haar lidmaatschap, niet wie
    // verhoogd risico loopt; het antwoord komt in het verwerkingenlogboek.
    let voor = query_text(&app.db, "SELECT count(*)::text FROM verwerking").await;
    let (regels, _) = lees(&app, &met_personen, Some(&begin)).await;
    assert_eq!(over(&regels, &netwerk), ["aangemaakt"]);
    assert_eq!(over(&regels, &gewoon), ["aangemaakt"]);
    assert_eq!(over(&regels, &lid), ["aangemaakt"]);
    assert!(over(&regels, &risico).is_empty(), "verhoogd risico");
    assert!(
        over(&regels, &risicolid).is_empty(),
        "lid met verhoogd risico"
    );
    let na = query_text(&app.db, "SELECT count(*)::text FROM verwerking").await;
    let logregels: i64 = na.parse::<i64>().expect("getal") - voor.parse::<i64>().expect("getal");
    assert!(logregels >= 1, "een regel per pagina met personen");
    let gelogd = query_text(
        &app.db,
        &format!(
            "SELECT string_agg(DISTINCT p::text, ',') FROM verwerking v, unnest(v.sleutelpersoon_ids) p \
             WHERE v.verwerkingsactiviteit = 'synchronisatie' AND v.actor_id = '{id}'"
        ),
    )
    .await;
    assert_eq!(gelogd, gewoon, "alleen de getoonde persoon");

    // Zonder sleutelpersonen.lezen: het netwerk wel, geen persoon of lidmaatschap.
    let (regels, _) = lees(&app, &zonder_personen, Some(&begin)).await;
    assert_eq!(over(&regels, &netwerk), ["aangemaakt"]);
    assert!(
        regels
            .iter()
            .all(|r| r["resource"] != "sleutelpersoon" && r["resource"] != "netwerk_lid")
    );

    // Een gebruiker met een rol ziet de persoon met verhoogd risico wel (hij mag haar
    // lezen); de regio krijgt geen stroom.
    let (regels, _) = lees(&app, &beheerder, Some(&begin)).await;
    assert_eq!(over(&regels, &risico), ["aangemaakt"]);
    let regio = app.token_for("regio.netwerkmanager").await;
    let body = app.get_expect(FEED, &regio, 403).await;
    assert_eq!(body["code"], "alleen_gemeente");

    // Een ingetrokken scope verbergt haar regels bij de volgende lezing.
    let response = app
        .patch_huidig(
            &format!("/api/v1/koppelingen/{id}"),
            &beheerder,
            &json!({"scopes": ["gebieden.lezen", "netwerken.lezen", "wijzigingen.lezen"]}),
        )
        .await;
    assert_eq!(response.status(), 200);
    let (regels, _) = lees(&app, &met_personen, Some(&begin)).await;
    assert!(over(&regels, &gewoon).is_empty());
    assert_eq!(over(&regels, &netwerk), ["aangemaakt"]);
}

#[tokio::test]
async fn catalogue_changes_appear_in_every_municipality_with_gemeente_null() {
    let app = spawn_app().await;
    let regio = app.token_for("regio.beheerder").await;
    let oss = app.token_for("oss.coordinator").await;
    let vught = app.token_for("vught.coordinator").await;
    let (_, oss_begin) = lees(&app, &oss, None).await;
    let (_, vught_begin) = lees(&app, &vught, None).await;
    let rij = app
        .post_expect(
            "/api/v1/organisaties",
            &regio,
            &json!({"naam": "Reddingsbrigade Brabant", "veld": "maatschappelijk_middenveld", "niveau": "regionaal",
                    "capaciteiten": ["handjes"], "categorie": "hulporganisaties"}),
            201,
        )
        .await;
    for (token, begin) in [(&oss, &oss_begin), (&vught, &vught_begin)] {
        let (regels, _) = lees(&app, token, Some(begin)).await;
        let regel = regels
            .iter()
            .find(|r| r["resourceId"] == rij["id"])
            .expect("de catalogus in elke stroom");
        assert_eq!(regel["gemeente"], Value::Null);
        assert_eq!(regel["resource"], "organisatie");
        assert_eq!(
            regel["pad"],
            format!("/api/v1/organisaties/{}", id_of(&rij))
        );
    }
}

/// Twee transacties die elkaar overlappen en in omgekeerde volgorde committen: de eerste
/// begint (en wacht op een slot), de tweede begint later en commit eerst. Een lezer die
/// tussendoor leest, krijgt de tweede; daarna, vanaf die positie, de eerste. Met een
/// oplopende sleutel die bij het begin wordt gegeven (BIGSERIAL), zou hij die missen.
#[tokio::test]
async fn a_change_committed_later_is_not_skipped() {
    let app = spawn_app().await;
    let coordinator = app.token_for("oss.coordinator").await;
    let gebied_id = id_of(&app.nieuw_gebied(&coordinator, json!({})).await);
    let (_, begin) = lees(&app, &coordinator, None).await;

    // Een slot op de rij van het gebied: de PATCH begint, maar wacht.
    let slot = sea_orm::Database::connect(&app.database.url)
        .await
        .expect("verbinding");
    use sea_orm::{ConnectionTrait, TransactionTrait};
    let tx = slot.begin().await.expect("transactie");
    tx.execute_unprepared(&format!(
        "SELECT 1 FROM gebied WHERE id = '{gebied_id}' FOR UPDATE"
    ))
    .await
    .expect("slot");
    let etag = header(
        app.get_as(&format!("/api/v1/gebieden/{gebied_id}"), &coordinator)
            .await
            .headers(),
        "etag",
    );
    let eerste = tokio::spawn(
        app.client
            .patch(app.url(&format!("/api/v1/gebieden/{gebied_id}")))
            .bearer_auth(&coordinator)
            .header("If-Match", etag)
            .json(&json!({"naam": "Later gecommit"}))
            .send(),
    );
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    // De tweede begint later en commit eerst.
    let tweede = id_of(&app.nieuw_gebied(&coordinator, json!({})).await);
    let (regels, tussen) = lees(&app, &coordinator, Some(&begin)).await;
    assert_eq!(
        regels
            .iter()
            .map(|r| r["resourceId"].clone())
            .collect::<Vec<_>>(),
        [json!(tweede)],
        "alleen wat gecommit is"
    );
    tx.commit().await.expect("slot los");
    assert_eq!(eerste.await.expect("taak").expect("antwoord").status(), 200);
    let (regels, _) = lees(&app, &coordinator, Some(&tussen)).await;
    assert_eq!(
        over(&regels, &gebied_id),
        ["gewijzigd"],
        "niet overgeslagen"
    );
}

/// Een positie voor de bewaartermijn, terwijl er daarna iets veranderde: 410 met een
/// `code`; wie bij is, krijgt geen 410.
#[tokio::test]
async fn a_position_older_than_the_retention_is_gone() {
    let mut app = spawn_app().await;
    let coordinator = app.token_for("oss.coordinator").await;
    let (_, begin) = lees(&app, &coordinator, None).await;
    app.nieuw_gebied(&coordinator, json!({})).await;
    let (_, bij) = lees(&app, &coordinator, Some(&begin)).await;

    // Dezelfde database, twee dagen later, met een bewaartermijn van een dag.
    let over_twee_dagen = (chrono::Utc::now() + chrono::Duration::days(2)).to_rfc3339();
    let (_dienst, basis) = serve(
        &app.database.url,
        &[
            ("WEEFSEL_TEST_NU", over_twee_dagen.as_str()),
            ("WEEFSEL_WIJZIGINGEN_BEWAARDAGEN", "1"),
        ],
        Stdio::null(),
    )
    .await;
    app.address = basis;
    let coordinator = app.token_for("oss.coordinator").await;
    let body = assert_problem(
        app.get_as(&format!("{FEED}?na={begin}"), &coordinator)
            .await,
        410,
    )
    .await;
    assert_eq!(body["code"], "positie_verlopen");
    app.get_expect(&format!("{FEED}?na={bij}"), &coordinator, 200)
        .await;
}

/// Het DNA-profiel van elk gebied van de gemeente (zoals `GET /gebieden/{id}` het
/// toont, met de toelichting), op id.
async fn profielen(app: &TestApp, token: &str) -> std::collections::HashMap<String, Value> {
    let lijst = app
        .get_expect("/api/v1/gebieden?paginaGrootte=100", token, 200)
        .await;
    assert!(lijst["totaalAantal"].as_u64().expect("totaal") <= 100);
    let mut uit = std::collections::HashMap::new();
    for g in lijst["resultaten"].as_array().expect("resultaten") {
        let id = id_of(g);
        let gebied = app
            .get_expect(&format!("/api/v1/gebieden/{id}"), token, 200)
            .await;
        uit.insert(id, gebied["dnaProfiel"].clone());
    }
    uit
}

/// Afgeleide wijzigingen staan er ook: een andere groottedrempel geeft `gebied gewijzigd`
/// voor precies de gebieden waarvan het profiel veranderde, een betaling `budget
/// gewijzigd`.
#[tokio::test]
async fn derived_changes_appear_as_changes_of_their_resource() {
    let app = spawn_app().await;
    let coordinator = app.token_for("oss.coordinator").await;
    let beheerder = app.token_for("oss.beheerder").await;
    let budgethouder = app.token_for("oss.budgethouder").await;
    // Groot bij de drempel van 5 000, klein bij 7 000; zonder inwonertal hangt het
    // profiel niet van de drempel af.
    let verandert = id_of(
        &app.nieuw_gebied(&coordinator, json!({"inwonertal": 6200}))
            .await,
    );
    let blijft = id_of(&app.nieuw_gebied(&coordinator, json!({})).await);
    let voor = profielen(&app, &coordinator).await;
    let (_, begin) = lees(&app, &coordinator, None).await;

    app.patch_expect(
        "/api/v1/gemeenten/GM0828",
        &beheerder,
        &json!({"grootteDrempel": 7000}),
        200,
    )
    .await;
    let na = profielen(&app, &coordinator).await;
    let mut veranderd: Vec<&String> = na
        .keys()
        .filter(|id| voor.get(*id) != na.get(*id))
        .collect();
    veranderd.sort();
    assert!(veranderd.contains(&&verandert) && !veranderd.contains(&&blijft));
    let (regels, verder) = lees(&app, &coordinator, Some(&begin)).await;
    let mut gemeld: Vec<&str> = regels
        .iter()
        .filter(|r| r["resource"] == "gebied" && r["actie"] == "gewijzigd")
        .filter_map(|r| r["resourceId"].as_str())
        .collect();
    gemeld.sort_unstable();
    assert_eq!(
        gemeld,
        veranderd.iter().map(|s| s.as_str()).collect::<Vec<_>>(),
        "precies de gebieden waarvan het profiel veranderde"
    );
    assert!(regels.iter().any(|r| r["resource"] == "gemeente"));

    // Een betaling: de regel in het grootboek en het budget.
    let budget = id_of(
        &app.post_expect(
            "/api/v1/budgetten",
            &budgethouder,
            &json!({"naam": "Wijkbudget", "jaar": 2026, "vorm": "micro", "totaalBedrag": 10000,
                    "maxPerAanvraag": 10000, "beslistermijnDagen": 7}),
            201,
        )
        .await,
    );
    let initiatief = id_of(
        &app.post_expect(
            "/api/v1/initiatieven",
            &coordinator,
            &json!({"titel": "Buurtkast", "thema": "vrije_tijd", "organisatie": "Buurtvereniging"}),
            201,
        )
        .await,
    );
    let aanvraag = id_of(
        &app.post_expect(
            "/api/v1/aanvragen",
            &coordinator,
            &json!({"budgetId": budget, "initiatiefId": initiatief, "aangevraagdBedrag": 1000}),
            201,
        )
        .await,
    );
    app.post_expect(
        &format!("/api/v1/aanvragen/{aanvraag}/besluit"),
        &budgethouder,
        &json!({"toegekendBedrag": 1000, "motivering": "Goed plan"}),
        200,
    )
    .await;
    let (_, voor_betaling) = lees(&app, &coordinator, Some(&verder)).await;
    app.post_expect(
        &format!("/api/v1/aanvragen/{aanvraag}/uitbetalingen"),
        &budgethouder,
        &json!({"bedrag": 400, "omschrijving": "Eerste termijn"}),
        201,
    )
    .await;
    let (regels, _) = lees(&app, &coordinator, Some(&voor_betaling)).await;
    assert!(soorten(&regels).contains(&("mutatie".into(), "aangemaakt".into())));
    assert_eq!(
        over(&regels, &budget),
        ["gewijzigd"],
        "het budget, door de betaling"
    );
    assert_eq!(
        over(&regels, &aanvraag),
        ["gewijzigd"],
        "de aanvraag (uitbetaald), door de betaling"
    );

    // De afspraken van een tweede bijeenkomst staan bij haar netwerk: het netwerk wijzigt
    // mee, bij het vastleggen en het wissen; een bijeenkomst zonder afspraken raakt het niet.
    let traject = id_of(&app.nieuw_traject(&coordinator, "coordinerend", None).await);
    let netwerk = id_of(&app.nieuw_netwerk(&coordinator, json!({})).await);
    let (_, voor_bijeenkomst) = lees(&app, &coordinator, None).await;
    let tweede = id_of(
        &app.post_expect(
            "/api/v1/bijeenkomsten",
            &coordinator,
            &json!({"soort": "tweede_bijeenkomst", "datum": "2026-06-01", "netwerkId": netwerk,
                    "trajectId": traject, "stap": 3}),
            201,
        )
        .await,
    );
    let pad = format!("/api/v1/bijeenkomsten/{tweede}");
    for afspraken in [
        json!({"doelen": ["crisisparaatheid"], "organisatievorm": {}}),
        Value::Null,
    ] {
        let response = app
            .patch_huidig(&pad, &coordinator, &json!({"afspraken": afspraken}))
            .await;
        assert_eq!(response.status(), 200);
    }
    let (regels, _) = lees(&app, &coordinator, Some(&voor_bijeenkomst)).await;
    assert_eq!(
        over(&regels, &tweede),
        ["aangemaakt", "gewijzigd", "gewijzigd"]
    );
    assert_eq!(
        over(&regels, &netwerk),
        ["gewijzigd", "gewijzigd"],
        "vastgelegd en gewist"
    );
    // De bijeenkomst staat bij stap 3 van het traject: het traject wijzigde bij het
    // aanmaken, niet bij de afspraken. Een oefening bij stap 6 ook.
    assert_eq!(over(&regels, &traject), ["gewijzigd"]);
    let (_, voor_oefening) = lees(&app, &coordinator, None).await;
    app.post_expect(
        "/api/v1/oefeningen",
        &coordinator,
        &json!({"titel": "Stroomuitval", "doelen": ["communicatie_tijdens_crisis"], "vorm": "tabletop",
                "scenario": "stroomuitval", "datum": "2027-01-01", "trajectId": traject, "stap": 6}),
        201,
    )
    .await;
    let (regels, _) = lees(&app, &coordinator, Some(&voor_oefening)).await;
    assert_eq!(over(&regels, &traject), ["gewijzigd"]);
}
