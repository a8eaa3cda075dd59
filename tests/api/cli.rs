//! Het programma `weefsel` zelf, als proces.

use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use crate::helpers::demo_token;
use crate::helpers::{TestDatabase, connect, exec};

pub(crate) fn weefsel() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_weefsel"));
    command
        .env_remove("DATABASE_URL")
        .env_remove("WEEFSEL_ENV")
        .env_remove("WEEFSEL_AUDIT_KEY_FILE")
        .env("WEEFSEL_LOG", "warn");
    command
}

/// `weefsel seed <soort>` in productie: geweigerd, met een melding die "nooit" zegt.
fn seed_weigert_in_productie(soort: &str, database_url: &str) {
    let (output, _, stderr) = run(weefsel()
        .args(["seed", soort])
        .env("WEEFSEL_ENV", "production")
        .env("WEEFSEL_SIGNING_KEY_FILE", "/etc/weefsel/niet-gelezen.pem")
        .env("WEEFSEL_AUDIT_KEY_FILE", "/etc/weefsel/niet-gelezen")
        .env("DATABASE_URL", database_url));
    assert!(!output.status.success(), "{soort}");
    assert!(stderr.contains("nooit"), "{stderr}");
}

pub(crate) fn run(command: &mut Command) -> (Output, String, String) {
    let output = command.output().expect("weefsel starten");
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    (output, stdout, stderr)
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("vrije poort")
}

async fn wait_until_serving(url: &str) {
    let client = reqwest::Client::new();
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(60) {
        if client
            .get(url)
            .send()
            .await
            .is_ok_and(|response| response.status() == 200)
        {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("{url} antwoordt niet binnen 60 s");
}

fn signal(child: &std::process::Child, name: &str) {
    let status = Command::new("kill")
        .args([&format!("-{name}"), &child.id().to_string()])
        .status()
        .expect("kill");
    assert!(status.success());
}

/// Een draaiend `weefsel`-proces dat bij elk einde van de test stopt, ook bij een
/// falende test: SIGINT (zodat `dev` zijn eigen PostgreSQL stopt), en anders kill.
pub(crate) struct Running(std::process::Child);

/// `weefsel serve` op een vrije poort, klaar voor verzoeken; met het adres.
pub(crate) async fn serve(
    database_url: &str,
    env: &[(&str, &str)],
    stdout: Stdio,
) -> (Running, String) {
    let port = free_port();
    let child = Running(
        weefsel()
            .arg("serve")
            .env("DATABASE_URL", database_url)
            .env("WEEFSEL_LISTEN", format!("127.0.0.1:{port}"))
            .envs(env.iter().copied())
            .stdout(stdout)
            .stderr(Stdio::null())
            .spawn()
            .expect("weefsel serve"),
    );
    let base = format!("http://127.0.0.1:{port}");
    wait_until_serving(&format!("{base}/health/ready")).await;
    (child, base)
}

impl Drop for Running {
    fn drop(&mut self) {
        if matches!(self.0.try_wait(), Ok(None)) {
            signal(&self.0, "INT");
            let start = Instant::now();
            while matches!(self.0.try_wait(), Ok(None)) && start.elapsed() < Duration::from_secs(30)
            {
                std::thread::sleep(Duration::from_millis(50));
            }
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }
}

fn wait_for_exit(child: &mut std::process::Child) -> std::process::ExitStatus {
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().expect("wachten") {
            return status;
        }
        if start.elapsed() > Duration::from_secs(30) {
            let _ = child.kill();
            panic!("weefsel stopt niet binnen 30 s");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn openapi_prints_the_document() {
    let (output, stdout, _) = run(weefsel().arg("openapi"));
    assert!(output.status.success());
    assert_eq!(stdout, weefsel_api::modules::document_json());
}

#[test]
fn production_refuses_to_start_without_database_url_or_with_a_development_secret() {
    let (output, _, stderr) = run(weefsel().arg("serve").env("WEEFSEL_ENV", "production"));
    assert!(!output.status.success());
    assert!(stderr.contains("expliciete DATABASE_URL"), "{stderr}");

    let (output, _, stderr) = run(weefsel()
        .arg("serve")
        .env("WEEFSEL_ENV", "production")
        .env("DATABASE_URL", weefsel_api::config::DEV_DATABASE_URL));
    assert!(!output.status.success());
    assert!(stderr.contains("ontwikkelgeheim"), "{stderr}");

    let (output, _, stderr) = run(weefsel().arg("serve").env("WEEFSEL_ENV", "production").env(
        "DATABASE_URL",
        "postgres://weefsel:eigen-geheim@127.0.0.1:1/weefsel",
    ));
    assert!(!output.status.success());
    assert!(stderr.contains("WEEFSEL_SIGNING_KEY_FILE"), "{stderr}");
}

#[tokio::test]
async fn migrate_then_seed_demo_is_idempotent_and_refused_in_production() {
    let database = TestDatabase::empty().await;
    for _ in 0..2 {
        let (output, stdout, stderr) =
            run(weefsel().arg("migrate").env("DATABASE_URL", &database.url));
        assert!(output.status.success(), "{stdout}{stderr}");
    }
    let db = connect(&database.url, 1).await;
    exec(
        &db,
        "UPDATE gemeente SET naam = 'Verkeerd' WHERE code = 'GM0828'",
    )
    .await;

    let (output, stdout, stderr) = run(weefsel()
        .args(["seed", "--demo"])
        .env("DATABASE_URL", &database.url));
    assert!(output.status.success(), "{stderr}");
    assert!(stdout.contains("1 gemeenten bijgewerkt"), "{stdout}");
    assert!(stdout.contains("46 gebruikers aangemaakt"), "{stdout}");
    assert!(
        stdout.contains("132 sleutelpersonen aangemaakt"),
        "{stdout}"
    );
    // Elke gemeente een sleutelpersonennetwerk met crisisafspraken voor twee scenario's
    // en twaalf duidelijk verzonnen sleutelpersonen, allen met toestemming behalve de
    // kandidaat.
    assert_eq!(
        crate::helpers::query_text(
            &db,
            "SELECT string_agg(DISTINCT concat_ws('|', (SELECT count(*) FROM netwerk n WHERE n.gemeente_id = m.id \
                 AND n.vorm = 'sleutelpersonennetwerk'), \
               (SELECT count(*) FROM sleutelpersoon s WHERE s.gemeente_id = m.id), \
               (SELECT count(*) FROM sleutelpersoon s WHERE s.gemeente_id = m.id AND s.toestemming_datum IS NOT NULL), \
               (SELECT string_agg(c->>'scenario', ',') FROM netwerk n, jsonb_array_elements(n.crisisafspraken) c \
                WHERE n.gemeente_id = m.id AND n.vorm = 'sleutelpersonennetwerk')), ';') FROM gemeente m"
        )
        .await,
        "1|12|11|stroomuitval,hittegolf"
    );
    demo_vertelt_een_verhaal(&db).await;
    assert_eq!(
        crate::helpers::query_text(
            &db,
            "SELECT string_agg(DISTINCT n::text, ',') FROM (SELECT count(*) n FROM initiatief GROUP BY gemeente_id) x"
        )
        .await,
        "3"
    );
    assert_eq!(
        crate::helpers::query_text(
            &db,
            "SELECT string_agg(DISTINCT concat_ws('|', b.gereserveerd, b.uitbetaald, \
               (SELECT string_agg(status, ',' ORDER BY status) FROM aanvraag a WHERE a.budget_id = b.id)), ';') \
             FROM budget b WHERE b.jaar = extract(year FROM weefsel_vandaag())"
        )
        .await,
        "50000|25000|afgewezen,concept,ingediend,toegekend"
    );
    // Issue 14: per gemeente twee organisaties op de kaart, twee partners (een uit de
    // catalogus), drie bijeenkomsten, één oefening en een veiligheidsafspraak.
    assert_eq!(
        crate::helpers::query_text(
            &db,
            "SELECT string_agg(DISTINCT concat_ws('|', \
               (SELECT count(*) FROM organisatie o WHERE o.gemeente_id = m.id), \
               (SELECT count(*) FROM netwerk_partner p WHERE p.gemeente_id = m.id), \
               (SELECT count(*) FROM bijeenkomst b WHERE b.gemeente_id = m.id), \
               (SELECT count(*) FROM oefening o WHERE o.gemeente_id = m.id), \
               (SELECT count(*) FROM veiligheidsafspraak v WHERE v.gemeente_id = m.id)), ';') FROM gemeente m"
        )
        .await,
        "2|2|3|1|1"
    );
    assert_eq!(
        crate::helpers::query_text(
            &db,
            "SELECT count(*)::text FROM sleutelpersoon_gegevens WHERE achternaam <> 'Fictief' OR email NOT LIKE '%.invalid'"
        )
        .await,
        "0"
    );
    let snapshot = "SELECT string_agg(concat_ws('|', id, code, naam, slug, updated_at), ',' ORDER BY code) FROM gemeente";
    let before = crate::helpers::query_text(&db, snapshot).await;
    assert!(before.contains("GM0828|Oss|oss"), "{before}");

    let (output, stdout, _) = run(weefsel()
        .args(["seed", "--demo"])
        .env("DATABASE_URL", &database.url));
    assert!(output.status.success());
    assert!(stdout.contains("niets veranderd"), "{stdout}");
    assert_eq!(crate::helpers::query_text(&db, snapshot).await, before);

    seed_weigert_in_productie("--demo", &database.url);
    db.close().await.expect("sluiten");
}

/// Issue 35 punt 3: de elf gemeenten verschillen in grootte en voortgang.
async fn demo_vertelt_een_verhaal(db: &sea_orm::DatabaseConnection) {
    let tekst = |sql: &'static str| crate::helpers::query_text(db, sql);
    // Verschillend in het aantal gebieden en trajecten.
    assert!(
        tekst("SELECT count(DISTINCT n)::text FROM (SELECT count(*) n FROM gebied GROUP BY gemeente_id) x")
            .await
            .parse::<i64>()
            .expect("getal")
            >= 5
    );
    assert!(
        tekst("SELECT count(DISTINCT n)::text FROM (SELECT count(*) n FROM traject GROUP BY gemeente_id) x")
            .await
            .parse::<i64>()
            .expect("getal")
            >= 3
    );
    // Kernen waar de gemeente dorpen heeft, buurten waar ze wijken heeft; een kern of
    // buurt met een bovenliggend gebied ligt in een dorp of wijk van de eigen gemeente.
    assert_eq!(
        tekst(
            "SELECT string_agg(m.code || ':' || (SELECT string_agg(DISTINCT g.soort, ',' ORDER BY g.soort) \
               FROM gebied g WHERE g.gemeente_id = m.id), ' ' ORDER BY m.code) FROM gemeente m \
             WHERE m.code IN ('GM1721', 'GM1982', 'GM0796')"
        )
        .await,
        "GM0796:buurt,wijk GM1721:dorp,kern GM1982:dorp,kern"
    );
    assert_eq!(
        tekst(
            "SELECT count(*)::text FROM gebied k LEFT JOIN gebied o ON o.id = k.bovenliggend_gebied_id \
             WHERE k.soort IN ('kern', 'buurt') AND k.bovenliggend_gebied_id IS NOT NULL \
               AND (o.id IS NULL OR o.gemeente_id <> k.gemeente_id \
               OR o.soort NOT IN ('dorp', 'wijk'))"
        )
        .await,
        "0"
    );
    // Een weerbaarheidsplan voorbij zijn go, met de evaluatie bij stap 5.
    assert_eq!(
        tekst(
            "SELECT string_agg(b.soort || ':' || b.besluit, ',' ORDER BY b.datum) FROM traject_besluit b \
             JOIN traject t ON t.id = b.traject_id WHERE t.aanpak = 'weerbaarheid' AND EXISTS \
               (SELECT 1 FROM traject_stap s WHERE s.traject_id = t.id AND s.nummer > 5 AND s.status <> 'open')"
        )
        .await,
        "beslismoment:go,evaluatie:go"
    );
    // Eén gemeente is net begonnen: geen traject voorbij zijn eerste stap.
    assert_eq!(
        tekst(
            "SELECT string_agg(m.code, ',') FROM gemeente m WHERE EXISTS (SELECT 1 FROM traject t \
               WHERE t.gemeente_id = m.id) AND NOT EXISTS (SELECT 1 FROM traject_stap s \
               JOIN traject t ON t.id = s.traject_id WHERE t.gemeente_id = m.id AND s.status = 'afgerond')"
        )
        .await,
        "GM0755"
    );
    // Eén lopend traject kwam in meer dan acht weken geen stap verder.
    assert_eq!(
        tekst(
            "SELECT count(*)::text FROM traject t WHERE t.status = 'lopend' AND \
               (SELECT max(greatest(s.gestart_op, s.afgerond_op)) FROM traject_stap s WHERE s.traject_id = t.id) \
               < weefsel_vandaag() - 56"
        )
        .await,
        "1"
    );
    // Antwoorden op de leidraad, uit de leidraad zelf.
    assert_eq!(
        tekst(
            "SELECT count(*)::text FROM traject_stap s JOIN traject t ON t.id = s.traject_id \
             JOIN leidraad l ON l.aanpak = t.aanpak AND l.versie = t.leidraad_versie, \
               jsonb_object_keys(s.antwoorden) k \
             WHERE NOT EXISTS (SELECT 1 FROM jsonb_array_elements(l.inhoud->'stappen') st, \
               jsonb_array_elements(st->'vragen') v WHERE (st->>'nummer')::int = s.nummer AND v->>'sleutel' = k)"
        )
        .await,
        "0"
    );
    assert!(
        tekst(
            "SELECT count(*)::text FROM traject_stap WHERE antwoorden <> '{}' AND afgevinkt <> '{}'"
        )
        .await
        .parse::<i64>()
        .expect("getal")
            > 30
    );
    // De eerste en tweede bijeenkomst bij dezelfde stap van één traject, met afspraken in
    // de tweede; een geëvalueerde oefening bij de stap van de oefening.
    assert_eq!(
        tekst(
            "SELECT string_agg(DISTINCT string_agg, ';') FROM (SELECT string_agg(b.soort || ':' || \
               (b.afspraken IS NOT NULL), ',' ORDER BY b.soort) FROM bijeenkomst b \
               JOIN traject_stap s ON s.traject_id = b.traject_id AND s.nummer = b.stap \
             WHERE b.soort IN ('eerste_bijeenkomst', 'tweede_bijeenkomst') AND s.netwerk_id = b.netwerk_id \
             GROUP BY b.traject_id, b.stap) x"
        )
        .await,
        "eerste_bijeenkomst:false,tweede_bijeenkomst:true"
    );
    assert_eq!(
        tekst(
            "SELECT string_agg(DISTINCT o.status || ':' || (o.evaluatie IS NOT NULL) || ':' || \
               (t.aanpak || o.stap IN ('coordinerend6', 'coachend4')), ',') \
             FROM oefening o JOIN traject t ON t.id = o.traject_id"
        )
        .await,
        "geevalueerd:true:true"
    );
    // De vaste contactpersoon waar er een achtervang is; een wijknetwerk zonder.
    assert_eq!(
        tekst(
            "SELECT string_agg(vorm || ':' || cardinality(contactambtenaren) || ':' || met_primair, \
               ',' ORDER BY vorm, cardinality(contactambtenaren)) FROM (SELECT DISTINCT vorm, contactambtenaren, \
               primair IS NOT NULL AS met_primair FROM netwerk) x"
        )
        .await
        .split(',')
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect::<Vec<_>>()
        .join(","),
        "sleutelpersonennetwerk:1:false,sleutelpersonennetwerk:2:true,wijknetwerk:1:false,wijknetwerk:2:true"
    );
    // In één gemeente beslissen de tekenen, ook waar de indicatoren iets anders zeggen.
    assert_eq!(
        tekst(
            "SELECT string_agg(m.code || ':' || g.naam || ':' || (g.dna_profiel->>'basis') || ':' || \
               (g.dna_profiel->>'cohesie'), ',') FROM gemeente m JOIN gebied g ON g.gemeente_id = m.id \
             WHERE m.dna_basis = 'tekenen' AND g.dna_profiel->>'basis' = 'tekenen' \
               AND g.dna_profiel->>'toelichting' LIKE '%0 op sterke en 7 op zwakke%'"
        )
        .await,
        "GM0845:Dommelhoek:tekenen:sterk"
    );
}

/// Een nieuwe installatie in productie: `weefsel beheerder` maakt het eerste account
/// (een `regio_beheerder` met een tijdelijk wachtwoord dat één keer wordt afgedrukt),
/// maar niet een tweede; dat wachtwoord moet bij de eerste keer inloggen worden
/// vervangen, en de audit trail noemt het alleen.
#[tokio::test]
async fn the_first_administrator_of_a_new_installation_is_made_once() {
    let database = TestDatabase::empty().await;
    let (output, _, stderr) = run(weefsel().arg("migrate").env("DATABASE_URL", &database.url));
    assert!(output.status.success(), "{stderr}");
    let sleutels = Sleutelbestand::nieuw();
    let beheerder = || {
        run(weefsel()
            .args(["beheerder", "vrbn.beheer"])
            .env("WEEFSEL_ENV", "production")
            .env("WEEFSEL_SIGNING_KEY_FILE", "/etc/weefsel/niet-gelezen.pem")
            .env("WEEFSEL_AUDIT_KEY_FILE", &sleutels.0)
            .env("DATABASE_URL", &database.url))
    };
    // Dezelfde regels als de API voor een gebruikersnaam.
    let (output, _, stderr) = run(weefsel()
        .args(["beheerder", "Vrbn Beheer"])
        .env("DATABASE_URL", &database.url));
    assert!(!output.status.success());
    assert!(stderr.contains("ongeldige gebruikersnaam"), "{stderr}");
    let (output, stdout, stderr) = beheerder();
    assert!(output.status.success(), "{stderr}");
    let wachtwoord = stdout.lines().last().expect("wachtwoord").trim().to_owned();
    assert!(wachtwoord.len() >= 40, "{stdout}");
    let (output, _, stderr) = beheerder();
    assert!(!output.status.success());
    assert!(
        stderr.contains("al een actieve regio_beheerder"),
        "{stderr}"
    );

    let (_child, base) = serve(&database.url, &[], Stdio::null()).await;
    let client = reqwest::Client::new();
    let inloggen = |wachtwoord: String| {
        client
            .post(format!("{base}/api/v1/auth/token"))
            .form(&[
                ("grant_type", "password".to_owned()),
                ("username", "vrbn.beheer".to_owned()),
                ("password", wachtwoord),
            ])
            .send()
    };
    let eerst: serde_json::Value = inloggen(wachtwoord.clone())
        .await
        .expect("token")
        .json()
        .await
        .expect("json");
    assert_eq!(eerst["code"], "wachtwoord_tijdelijk", "{eerst}");
    let eigen = serde_json::json!({"gebruikersnaam": "vrbn.beheer", "wachtwoord": wachtwoord,
                                   "nieuwWachtwoord": "een-eigen-lang-wachtwoord-2026"});
    let response = client
        .post(format!("{base}/api/v1/auth/wachtwoord"))
        .json(&eigen)
        .send()
        .await
        .expect("wachtwoord");
    assert_eq!(response.status(), 204);
    let token: serde_json::Value = inloggen("een-eigen-lang-wachtwoord-2026".to_owned())
        .await
        .expect("token")
        .json()
        .await
        .expect("json");
    let mij: serde_json::Value = client
        .get(format!("{base}/api/v1/gebruikers/mij"))
        .bearer_auth(token["access_token"].as_str().expect("access_token"))
        .send()
        .await
        .expect("mij")
        .json()
        .await
        .expect("json");
    assert_eq!(
        mij["rollen"],
        serde_json::json!(["regio_beheerder"]),
        "{mij}"
    );

    let db = connect(&database.url, 1).await;
    let regel = crate::helpers::query_text(
        &db,
        "SELECT actor_soort || ' ' || wijzigingen::text FROM audit_trail \
         WHERE resource = 'gebruiker' ORDER BY volgnummer LIMIT 1",
    )
    .await;
    assert!(regel.starts_with("systeem "), "{regel}");
    assert!(regel.contains("vrbn.beheer"), "{regel}");
    assert!(!regel.contains(&wachtwoord), "{regel}");
    db.close().await.expect("sluiten");
}

/// `weefsel healthcheck`, de `HEALTHCHECK` van het image: 0 bij een dienst die
/// antwoordt (ook als die op 0.0.0.0 luistert), 1 zonder dienst; en SIGTERM stopt netjes.
#[tokio::test]
async fn healthcheck_answers_for_the_container_and_serve_stops_gracefully_on_sigterm() {
    let database = TestDatabase::migrated().await;
    let (mut child, base) = serve(&database.url, &[], Stdio::null()).await;
    let port = base.rsplit(':').next().expect("poort");
    for (listen, extra) in [
        (format!("0.0.0.0:{port}"), None),
        (format!("127.0.0.1:{port}"), Some("--ready")),
    ] {
        let (output, stdout, stderr) = run(weefsel()
            .arg("healthcheck")
            .args(extra)
            .env("WEEFSEL_LISTEN", &listen));
        assert!(output.status.success(), "{listen}: {stderr}");
        assert!(stdout.contains(": 200"), "{stdout}");
    }
    let (output, _, stderr) = run(weefsel()
        .arg("healthcheck")
        .env("WEEFSEL_LISTEN", format!("127.0.0.1:{}", free_port())));
    assert!(!output.status.success());
    assert!(stderr.contains("antwoordt niet"), "{stderr}");

    signal(&child.0, "TERM");
    let status = wait_for_exit(&mut child.0);
    assert!(status.success(), "{status:?}");
    assert!(
        std::net::TcpStream::connect(base.trim_start_matches("http://")).is_err(),
        "luistert nog"
    );
}

/// Wat een nieuwe ontwikkelaar draait: `weefsel dev` zonder DATABASE_URL start een
/// eigen PostgreSQL, serveert de gemeenten en stopt alles netjes op Ctrl-C; een
/// tweede keer gebruikt het dezelfde gegevens.
#[tokio::test]
async fn dev_without_database_url_runs_its_own_postgres() {
    if std::env::var_os("WEEFSEL_SKIP_DEV_TEST").is_some() {
        return;
    }
    let dir = std::env::temp_dir().join(format!(
        "weefsel-dev-test-{}",
        uuid::Uuid::new_v4().simple()
    ));
    std::fs::create_dir_all(&dir).expect("map");
    for round in 0..2 {
        let port = free_port();
        let mut child = Running(
            weefsel()
                .arg("dev")
                .current_dir(&dir)
                .env("WEEFSEL_LISTEN", format!("127.0.0.1:{port}"))
                .stdout(Stdio::piped())
                .stderr(Stdio::null())
                .spawn()
                .expect("weefsel dev"),
        );
        let base = format!("http://127.0.0.1:{port}");
        wait_until_serving(&format!("{base}/health/ready")).await;
        // Een nieuwe ontwikkelaar logt in met een demo-account uit de uitvoer.
        let client = reqwest::Client::new();
        let token = &demo_token(&client, &base, "oss.coordinator").await;
        let body: serde_json::Value = client
            .get(format!("{base}/api/v1/gemeenten"))
            .bearer_auth(token)
            .send()
            .await
            .expect("get")
            .json()
            .await
            .expect("json");
        assert_eq!(body["totaalAantal"], 11, "ronde {round}");
        signal(&child.0, "INT");
        let status = wait_for_exit(&mut child.0);
        assert!(status.success(), "ronde {round}: {status:?}");
        let mut stdout = String::new();
        std::io::Read::read_to_string(child.0.stdout.as_mut().expect("stdout"), &mut stdout)
            .expect("lezen");
        assert!(stdout.contains("/api/v1/docs/"), "{stdout}");
        // De eerste URL die een nieuwkomer ziet, werkt in de browser zonder token.
        let eerste = stdout
            .split_whitespace()
            .find(|w| w.starts_with("http://"))
            .expect("een URL");
        assert!(eerste.ends_with("/api/v1/docs/"), "{stdout}");
        assert!(stdout.contains("Authorize"), "{stdout}");
        for account in [
            "oss.coordinator",
            "vught.beheerder",
            "regio.netwerkmanager",
            "weefsel-demo-2026",
        ] {
            assert!(stdout.contains(account), "{account} ontbreekt in {stdout}");
        }
        assert!(stdout.contains("Eigen PostgreSQL stoppen"), "{stdout}");
        assert!(
            !dir.join(".weefsel/pgdata/postmaster.pid").exists(),
            "PostgreSQL draait nog"
        );
    }
    assert!(dir.join(".weefsel/pgdata/PG_VERSION").exists());
    let _ = std::fs::remove_dir_all(&dir);
}

/// De span van een verzoek noemt gemeente en gebruiker (met id), maar nooit het
/// wachtwoord, het token of de gebruikersnaam uit het formulier.
#[tokio::test]
async fn request_logs_name_gemeente_and_user_but_no_secrets() {
    let database = TestDatabase::migrated().await;
    let log = [("WEEFSEL_LOG_FORMAT", "json"), ("WEEFSEL_LOG", "info")];
    let (mut child, base) = serve(&database.url, &log, Stdio::piped()).await;
    let client = reqwest::Client::new();
    let token = demo_token(&client, &base, "vught.coordinator").await;
    let mij: serde_json::Value = client
        .get(format!("{base}/api/v1/gebruikers/mij"))
        .bearer_auth(&token)
        .send()
        .await
        .expect("mij")
        .json()
        .await
        .expect("json");
    signal(&child.0, "TERM");
    assert!(wait_for_exit(&mut child.0).success());
    let mut stdout = String::new();
    std::io::Read::read_to_string(child.0.stdout.as_mut().expect("stdout"), &mut stdout)
        .expect("lezen");

    let line = stdout
        .lines()
        .find(|l| l.contains("/api/v1/gebruikers/mij"))
        .unwrap_or_else(|| panic!("geen logregel voor /mij in {stdout}"));
    let entry: serde_json::Value = serde_json::from_str(line).expect("json-logregel");
    let span = &entry["span"];
    assert_eq!(span["gemeente"], "GM0865", "{line}");
    assert_eq!(
        span["gebruiker"],
        format!("gebruiker:{}", mij["id"].as_str().expect("id")),
        "{line}"
    );
    assert_eq!(span["status"], 200, "{line}");
    for secret in ["weefsel-demo-2026", token.as_str(), "vught.coordinator"] {
        assert!(!stdout.contains(secret), "{secret} staat in het log");
    }
}

/// Een vingerafdruk van de synthetische gegevens: namen, hiërarchie, metingen en
/// trajecten (zonder de willekeurige ids van de database zelf).
const VINGERAFDRUK: &str = "SELECT md5(string_agg(r, ',' ORDER BY r)) FROM ( \
    SELECT concat_ws('|', g.naam, g.soort, g.inwonertal, o.naam, g.dna_kwadrant) AS r \
      FROM gebied g LEFT JOIN gebied o ON o.id = g.bovenliggend_gebied_id \
    UNION ALL SELECT concat_ws('|', m.peildatum, m.leefbaarometer, m.buurtfeesten, g.naam) \
      FROM indicatormeting m JOIN gebied g ON g.id = m.gebied_id \
    UNION ALL SELECT concat_ws('|', t.aanpak, t.status, g.naam) \
      FROM traject t JOIN gebied g ON g.id = t.gebied_id) x";

async fn synthetisch(zaad: &str) -> (TestDatabase, String) {
    let database = TestDatabase::empty().await;
    let (output, _, stderr) = run(weefsel().arg("migrate").env("DATABASE_URL", &database.url));
    assert!(output.status.success(), "{stderr}");
    let (output, stdout, stderr) = run(weefsel()
        .args(["seed", "--synthetic", "--schaal", "1", "--zaad", zaad])
        .env("DATABASE_URL", &database.url));
    assert!(output.status.success(), "{stderr}");
    // Geen terminal: geen voortgangsbalk, wel één regel samenvatting.
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
    assert!(
        stdout.contains("660 gebieden")
            && stdout.contains("165 trajecten")
            && stdout.contains("330 gebruikers")
            && stdout.contains("2200 bijeenkomsten")
            && stdout.contains("220 oefeningen")
            && stdout.contains("330 meldingen"),
        "{stdout}"
    );
    let db = connect(&database.url, 1).await;
    let afdruk = crate::helpers::query_text(&db, VINGERAFDRUK).await;
    db.close().await.expect("sluiten");
    (database, afdruk)
}

#[tokio::test]
async fn seed_synthetic_is_deterministic_varied_and_refused_where_it_does_not_belong() {
    let (database, afdruk) = synthetisch("7").await;
    assert_eq!(
        synthetisch("7").await.1,
        afdruk,
        "hetzelfde zaad, dezelfde gegevens"
    );
    assert_ne!(
        synthetisch("8").await.1,
        afdruk,
        "een ander zaad, andere gegevens"
    );

    let db = connect(&database.url, 1).await;
    let telling = |sql: &'static str| {
        let db = db.clone();
        async move { crate::helpers::query_text(&db, sql).await }
    };
    // 60 gebieden per gemeente: wijken met buurten, of dorpen met kernen.
    assert_eq!(
        telling("SELECT string_agg(DISTINCT n::text, ',') FROM (SELECT count(*) n FROM gebied GROUP BY gemeente_id) x").await,
        "60"
    );
    assert_eq!(
        telling("SELECT string_agg(soort || ':' || n, ',' ORDER BY soort) FROM (SELECT soort, count(*) n FROM gebied GROUP BY soort) x").await,
        "buurt:324,dorp:30,kern:270,wijk:36"
    );
    assert_eq!(
        telling("SELECT count(*)::text FROM gebied WHERE soort IN ('buurt', 'kern') AND bovenliggend_gebied_id IS NULL").await,
        "0"
    );
    // Gevarieerd: elk vak, ongemeten gebieden, gebieden die de tekenen beslissen, en
    // metingen van drie jaar.
    assert_eq!(
        telling("SELECT string_agg(DISTINCT dna_kwadrant::text, ',') FROM gebied").await,
        "1,2,3,4"
    );
    assert_eq!(
        telling("SELECT string_agg(DISTINCT dna_profiel->>'basis', ',') FROM gebied").await,
        "geen,indicatoren,tekenen"
    );
    assert_eq!(
        telling("SELECT string_agg(DISTINCT extract(year FROM peildatum)::text, ',') FROM indicatormeting").await,
        "2023,2024,2025,2026"
    );
    // Trajecten in alle toestanden, ook wachtend bij het beslismoment en na nog_niet.
    assert_eq!(
        telling("SELECT string_agg(DISTINCT aanpak || ':' || status, ',') FROM traject").await,
        "coachend:afgerond,coachend:gestopt,coachend:lopend,coordinerend:afgerond,\
         coordinerend:gestopt,coordinerend:lopend,weerbaarheid:afgerond,weerbaarheid:gestopt,\
         weerbaarheid:lopend"
    );
    assert_eq!(
        telling("SELECT string_agg(DISTINCT besluit, ',') FROM traject_besluit").await,
        "go,no_go,nog_niet"
    );
    // Issue 35: de velden van de leidraad en de netwerkgezondheid zijn gevuld. Twee
    // gemeenten laten de tekenen beslissen; elke afgeronde stap heeft antwoorden en
    // vinkjes uit de eigen leidraad; eerste en tweede bijeenkomsten (de tweede met
    // afspraken) en oefeningen hangen aan de stap van hun soort; een go heeft een
    // evaluatie; netwerken hebben een, twee of drie contactambtenaren en meestal een
    // vaste contactpersoon, een ad-hocnetwerk geen.
    assert_eq!(
        telling(
            "SELECT string_agg(dna_basis || ':' || n, ',' ORDER BY dna_basis) FROM \
                 (SELECT dna_basis, count(*) n FROM gemeente GROUP BY 1) x"
        )
        .await,
        "indicatoren:9,tekenen:2"
    );
    assert_eq!(
        telling("SELECT count(*)::text FROM traject_stap WHERE status = 'afgerond' AND (antwoorden = '{}' OR afgevinkt = '{}')").await,
        "0"
    );
    assert_eq!(
        telling("SELECT string_agg(DISTINCT t.aanpak || b.stap || ':' || b.soort || ':' || (b.afspraken IS NOT NULL), ',') \
                 FROM bijeenkomst b JOIN traject t ON t.id = b.traject_id").await,
        "coachend2:eerste_bijeenkomst:false,coachend2:tweede_bijeenkomst:true,\
         coordinerend3:eerste_bijeenkomst:false,coordinerend3:tweede_bijeenkomst:true"
    );
    assert_eq!(
        telling("SELECT string_agg(DISTINCT t.aanpak || o.stap, ',') FROM oefening o JOIN traject t ON t.id = o.traject_id").await,
        "coachend4,coordinerend6"
    );
    assert_eq!(
        telling("SELECT string_agg(DISTINCT soort || ':' || besluit, ',') FROM traject_besluit")
            .await,
        "beslismoment:go,beslismoment:no_go,beslismoment:nog_niet,evaluatie:go"
    );
    assert_eq!(
        telling("SELECT string_agg(DISTINCT (vorm = 'ad_hoc') || ':' || cardinality(contactambtenaren) || ':' || \
                 (primair IS NOT NULL), ',') FROM netwerk WHERE vorm = 'ad_hoc' OR cardinality(contactambtenaren) = 0").await,
        "true:0:false"
    );
    assert_eq!(
        telling("SELECT string_agg(DISTINCT cardinality(contactambtenaren) || ':' || (primair IS NOT NULL), ',') \
                 FROM netwerk WHERE vorm <> 'ad_hoc' AND cardinality(contactambtenaren) IN (1, 2)").await,
        "1:false,1:true,2:false,2:true"
    );
    // Issue 36: wat de werklijst nodig heeft: vervolgacties met eigenaar en deadline,
    // verbinders met een einddatum, personen met verhoogd risico en een check-in; en elke
    // soort van de werklijst komt voor.
    assert_eq!(
        telling("SELECT concat_ws('|', (SELECT count(*) > 0 FROM bijeenkomst WHERE actie_deadline IS NOT NULL), \
                 (SELECT count(*) > 0 FROM traject_verbinder WHERE tot IS NOT NULL), \
                 (SELECT count(*) > 0 FROM sleutelpersoon WHERE verhoogd_risico AND laatste_checkin IS NOT NULL))").await,
        "t|t|t"
    );
    assert_eq!(
        telling(
            "SELECT count(DISTINCT w.soort)::text FROM gemeente m, \
                 weefsel_werk(m.id, DATE '2026-12-07', DATE '2027-12-31', NULL, false) w"
        )
        .await,
        "12"
    );
    // De bijgehouden tellingen kloppen (de trigger telt ook wat de seed in één keer invoegt).
    assert_eq!(
        telling("SELECT string_agg(DISTINCT aantal::text, ',') FROM gebied_telling").await,
        "60"
    );
    // Per gemeente 8 netwerken en 300 sleutelpersonen in alle toestanden, elk met zijn
    // geschiedenis; wie actief was, heeft toestemming en is lid van een netwerk van de
    // eigen gemeente.
    assert_eq!(
        telling("SELECT string_agg(DISTINCT concat_ws('|', (SELECT count(*) FROM netwerk n WHERE n.gemeente_id = m.id), \
                 (SELECT count(*) FROM sleutelpersoon s WHERE s.gemeente_id = m.id)), ',') FROM gemeente m").await,
        "8|300"
    );
    assert_eq!(
        telling("SELECT string_agg(DISTINCT n::text, ',') FROM (SELECT count(*) n FROM initiatief GROUP BY gemeente_id) x").await,
        "150"
    );
    assert_eq!(
        telling("SELECT string_agg(DISTINCT status, ',' ORDER BY status) FROM initiatief").await,
        "afgerond,gestopt,idee,lopend"
    );
    // 4 budgetten, 300 aanvragen en 1 200 grootboekregels per gemeente, en de totalen
    // van elk budget zijn wat het grootboek zegt.
    assert_eq!(
        telling("SELECT string_agg(DISTINCT concat_ws('|', (SELECT count(*) FROM budget b WHERE b.gemeente_id = m.id), \
                 (SELECT count(*) FROM aanvraag a WHERE a.gemeente_id = m.id), \
                 (SELECT count(*) FROM mutatie x WHERE x.gemeente_id = m.id)), ',') FROM gemeente m").await,
        "4|300|1200"
    );
    assert_eq!(
        telling("SELECT count(*)::text FROM budget b WHERE gereserveerd <> (SELECT coalesce(sum(bedrag), 0) FROM mutatie \
                 WHERE budget_id = b.id AND soort = 'reservering') OR uitbetaald <> (SELECT coalesce(sum(bedrag), 0) \
                 FROM mutatie WHERE budget_id = b.id AND soort = 'uitbetaling')").await,
        "0"
    );
    // Issue 14: 200 bijeenkomsten, 20 oefeningen en 30 meldingen per gemeente, in
    // elke toestand.
    assert_eq!(
        telling("SELECT string_agg(DISTINCT concat_ws('|', (SELECT count(*) FROM bijeenkomst b WHERE b.gemeente_id = m.id), \
                 (SELECT count(*) FROM oefening o WHERE o.gemeente_id = m.id), \
                 (SELECT count(*) FROM melding x WHERE x.gemeente_id = m.id)), ',') FROM gemeente m").await,
        "200|20|30"
    );
    assert_eq!(
        telling("SELECT string_agg(DISTINCT status, ',' ORDER BY status) FROM oefening").await,
        "geevalueerd,gepland,uitgevoerd"
    );
    assert_eq!(
        telling("SELECT string_agg(DISTINCT status || ':' || ernst, ',' ORDER BY status || ':' || ernst) FROM melding").await,
        "afgesloten:acuut,afgesloten:hoog,afgesloten:laag,afgesloten:middel,in_behandeling:acuut,in_behandeling:hoog,\
         in_behandeling:laag,in_behandeling:middel,open:acuut,open:hoog,open:laag,open:middel"
    );
    assert_eq!(
        telling("SELECT string_agg(DISTINCT status, ',' ORDER BY status) FROM sleutelpersoon")
            .await,
        "actief,gepauzeerd,kandidaat,kennismaking,uitgestroomd"
    );
    assert_eq!(
        telling(
            "SELECT count(*)::text FROM sleutelpersoon s WHERE s.status_sinds <> \
                 (SELECT max(datum) FROM sleutelpersoon_status h WHERE h.sleutelpersoon_id = s.id) \
                 OR (s.status IN ('actief', 'gepauzeerd') AND s.toestemming_datum IS NULL)"
        )
        .await,
        "0"
    );
    assert_eq!(
        telling("SELECT (count(DISTINCT l.sleutelpersoon_id) = (SELECT count(*) FROM sleutelpersoon \
                 WHERE status IN ('actief', 'gepauzeerd', 'uitgestroomd')))::text FROM netwerk_lid l").await,
        "true"
    );
    // De bewaarde profielen kloppen.
    let uitkomst = weefsel_api::ops::dna::herberekenen(&db, false, None)
        .await
        .expect("herberekenen");
    assert_eq!((uitkomst.gebieden, uitkomst.afwijkend.len()), (660, 0));

    // Niet nog eens in dezelfde database, en nooit in productie.
    let (output, _, stderr) = run(weefsel()
        .args(["seed", "--synthetic"])
        .env("DATABASE_URL", &database.url));
    assert!(!output.status.success());
    assert!(stderr.contains("al gebieden"), "{stderr}");
    seed_weigert_in_productie("--synthetic", &database.url);
    db.close().await.expect("sluiten");
}

/// Herstel van een gemeente waarvan de beheerder weg is: `weefsel beheerder --gemeente`
/// geeft op de server een activeringscode (nooit de regio via de API), in de audit
/// trail van de gemeente; een tweede keer voor hetzelfde account maakt de eerste code
/// ongeldig.
#[tokio::test]
async fn a_gemeente_whose_administrator_is_gone_is_recovered_on_the_server() {
    let database = TestDatabase::empty().await;
    let (output, _, stderr) = run(weefsel().arg("migrate").env("DATABASE_URL", &database.url));
    assert!(output.status.success(), "{stderr}");
    let (output, _, stderr) = run(weefsel()
        .args(["beheerder", "--gemeente", "GM9999"])
        .env("DATABASE_URL", &database.url));
    assert!(!output.status.success());
    assert!(stderr.contains("onbekende gemeente"), "{stderr}");

    let sleutels = Sleutelbestand::nieuw();
    let herstel = |naam: Option<&str>| {
        let mut args = vec!["beheerder", "--gemeente", "GM0865"];
        args.extend(naam);
        run(weefsel()
            .args(&args)
            .env("WEEFSEL_ENV", "production")
            .env("WEEFSEL_SIGNING_KEY_FILE", "/etc/weefsel/niet-gelezen.pem")
            .env("WEEFSEL_AUDIT_KEY_FILE", &sleutels.0)
            .env("DATABASE_URL", &database.url))
    };
    let (output, stdout, stderr) = herstel(None);
    assert!(output.status.success(), "{stderr}");
    let eerste_code = stdout.lines().last().expect("code").trim().to_owned();
    assert!(eerste_code.starts_with("act_"), "{stdout}");
    let db = connect(&database.url, 1).await;
    let naam = crate::helpers::query_text(
        &db,
        "SELECT gebruikersnaam FROM gebruiker WHERE 'gemeente_beheerder' = ANY (rollen) \
         AND wachtwoord_tijdelijk AND wachtwoord_geldig_tot > now() + interval '71 hours' \
         AND gemeente_id = (SELECT id FROM gemeente WHERE code = 'GM0865')",
    )
    .await;
    assert!(naam.starts_with("vught.beheerder-"), "{naam}");
    // Dezelfde naam opnieuw: een nieuwe code voor hetzelfde account.
    let (output, stdout, stderr) = herstel(Some(&naam));
    assert!(output.status.success(), "{stderr}");
    assert!(stdout.contains("kreeg een nieuwe code"), "{stdout}");
    let code = stdout.lines().last().expect("code").trim().to_owned();
    assert_ne!(code, eerste_code);

    let (_child, base) = serve(&database.url, &[], Stdio::null()).await;
    let client = reqwest::Client::new();
    let inwisselen = |code: String| {
        client
            .post(format!("{base}/api/v1/auth/wachtwoord"))
            .json(
                &serde_json::json!({"gebruikersnaam": naam, "wachtwoord": code,
                                      "nieuwWachtwoord": "een-eigen-lang-wachtwoord-2026"}),
            )
            .send()
    };
    assert_eq!(
        inwisselen(eerste_code.clone()).await.expect("oud").status(),
        400
    );
    assert_eq!(inwisselen(code.clone()).await.expect("nieuw").status(), 204);

    // In de keten van Vught, door de dienst, zonder de codes.
    let regels = crate::helpers::query_text(
        &db,
        "SELECT string_agg(actor_soort || ' ' || actie || ' ' || wijzigingen::text, ' | ' ORDER BY volgnummer) \
         FROM audit_trail WHERE resource = 'gebruiker' \
         AND gemeente_id = (SELECT id FROM gemeente WHERE code = 'GM0865')",
    )
    .await;
    assert!(regels.starts_with("systeem aangemaakt"), "{regels}");
    assert!(regels.contains("systeem gewijzigd"), "{regels}");
    assert!(regels.contains("activatiecode"), "{regels}");
    assert!(
        !regels.contains(&code) && !regels.contains(&eerste_code),
        "{regels}"
    );
    db.close().await.expect("sluiten");
}

/// Een eigen sleutelbestand van de audit trail (zoals in productie), weg na de test.
pub struct Sleutelbestand(pub std::path::PathBuf);

impl Sleutelbestand {
    pub fn nieuw() -> Self {
        let pad =
            std::env::temp_dir().join(format!("weefsel-audit-{}", uuid::Uuid::new_v4().simple()));
        let regel = weefsel_api::audit::sleutels::nieuwe_regel().expect("sleutel");
        std::fs::write(&pad, format!("{regel}\n")).expect("sleutelbestand schrijven");
        Sleutelbestand(pad)
    }

    /// Voegt een nieuwe sleutel toe (rotatie): die tekent voortaan.
    pub fn roteer(&self) {
        let oud = std::fs::read_to_string(&self.0).expect("sleutelbestand lezen");
        let regel = weefsel_api::audit::sleutels::nieuwe_regel().expect("sleutel");
        std::fs::write(&self.0, format!("{oud}{regel}\n")).expect("sleutelbestand schrijven");
    }
}

impl Drop for Sleutelbestand {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}
