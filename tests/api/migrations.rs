//! Migraties: up → down → up geeft hetzelfde schema; elke foreign key heeft een index.

use migration::{Migrator, MigratorTrait};
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, Statement};

use crate::helpers::{TestDatabase, connect, exec};

async fn lines(db: &DatabaseConnection, sql: &str) -> Vec<String> {
    db.query_all_raw(Statement::from_string(DbBackend::Postgres, sql.to_owned()))
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
        .into_iter()
        .map(|row| row.try_get_by_index::<String>(0).expect("tekst"))
        .collect()
}

/// Alles wat het schema bepaalt, als tekst.
async fn schema(db: &DatabaseConnection) -> Vec<String> {
    let queries = [
        "SELECT concat_ws('|', 'kolom', table_name, column_name, data_type, is_nullable, column_default) \
         FROM information_schema.columns WHERE table_schema = 'public' ORDER BY 1",
        "SELECT concat_ws('|', 'constraint', conrelid::regclass::text, conname, pg_get_constraintdef(oid)) \
         FROM pg_constraint WHERE connamespace = 'public'::regnamespace ORDER BY 1",
        "SELECT concat_ws('|', 'index', tablename, indexname, indexdef) FROM pg_indexes \
         WHERE schemaname = 'public' ORDER BY 1",
        "SELECT concat_ws('|', 'tabel', relname, relrowsecurity::text, relforcerowsecurity::text) FROM pg_class \
         WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'v', 'm', 'S') ORDER BY 1",
        "SELECT concat_ws('|', 'policy', tablename, policyname, cmd, roles::text, qual, with_check) \
         FROM pg_policies WHERE schemaname = 'public' ORDER BY 1",
        "SELECT concat_ws('|', 'trigger', event_object_table, trigger_name, event_manipulation, action_statement) \
         FROM information_schema.triggers WHERE trigger_schema = 'public' ORDER BY 1",
        "SELECT concat_ws('|', 'functie', proname, pg_get_functiondef(oid)) FROM pg_proc \
         WHERE pronamespace = 'public'::regnamespace ORDER BY 1",
        "SELECT concat_ws('|', 'type', typname) FROM pg_type \
         WHERE typnamespace = 'public'::regnamespace AND typtype IN ('e', 'd', 'c') ORDER BY 1",
        "SELECT concat_ws('|', 'commentaar', c.relname, d.description) FROM pg_description d \
         JOIN pg_class c ON c.oid = d.objoid WHERE c.relnamespace = 'public'::regnamespace ORDER BY 1",
    ];
    let mut all = Vec::new();
    for sql in queries {
        all.extend(lines(db, sql).await);
    }
    all
}

#[tokio::test]
async fn migrations_up_down_up_leave_the_same_schema() {
    let database = TestDatabase::empty().await;
    let db = connect(&database.url, 1).await;
    Migrator::up(&db, None).await.expect("up");
    let first = schema(&db).await;
    assert!(
        first.iter().any(|l| l.starts_with("kolom|gemeente|code|")),
        "{first:?}"
    );

    Migrator::down(&db, None).await.expect("down");
    let left = lines(
        &db,
        "SELECT tablename::text FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'seaql_migrations'",
    )
    .await;
    assert!(left.is_empty(), "down laat tabellen achter: {left:?}");

    Migrator::up(&db, None).await.expect("opnieuw up");
    assert_eq!(schema(&db).await, first);
    let count = lines(&db, "SELECT count(*)::text FROM gemeente").await;
    assert_eq!(count, vec!["11".to_owned()]);
    db.close().await.expect("sluiten");
}

/// Elke migratie afzonderlijk: haar `down` geeft precies het schema van vóór haar `up`
/// terug (ook de tekst van elke functie), zodat een `down` die een eerdere definitie
/// herstelt, die definitie echt herstelt.
#[tokio::test]
async fn every_down_restores_the_schema_before_its_up() {
    let database = TestDatabase::empty().await;
    let db = connect(&database.url, 1).await;
    Migrator::install(&db)
        .await
        .expect("de tabel van de migraties");
    let aantal = Migrator::migrations().len();
    for nummer in 1..=aantal {
        let voor = schema(&db).await;
        Migrator::up(&db, Some(1)).await.expect("up");
        let na = schema(&db).await;
        Migrator::down(&db, Some(1))
            .await
            .unwrap_or_else(|e| panic!("down van migratie {nummer}: {e}"));
        let terug = schema(&db).await;
        let weg: Vec<&String> = voor.iter().filter(|r| !terug.contains(r)).collect();
        let erbij: Vec<&String> = terug.iter().filter(|r| !voor.contains(r)).collect();
        assert!(
            weg.is_empty() && erbij.is_empty(),
            "migratie {nummer}: down herstelt niet wat er was\nweg: {weg:#?}\nerbij: {erbij:#?}"
        );
        Migrator::up(&db, Some(1)).await.expect("opnieuw up");
        assert_eq!(schema(&db).await, na, "migratie {nummer}: opnieuw up");
    }
    db.close().await.expect("sluiten");
}

const FOREIGN_KEYS_WITHOUT_INDEX: &str = "\
    SELECT c.conrelid::regclass::text || '.' || c.conname \
    FROM pg_constraint c \
    WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace \
      AND NOT EXISTS ( \
        SELECT 1 FROM pg_index i \
        WHERE i.indrelid = c.conrelid \
          AND (string_to_array(i.indkey::text, ' ')::int2[])[1:cardinality(c.conkey)] @> c.conkey \
          AND (string_to_array(i.indkey::text, ' ')::int2[])[1:cardinality(c.conkey)] <@ c.conkey) \
    ORDER BY 1";

#[tokio::test]
async fn every_foreign_key_has_an_index() {
    let database = TestDatabase::migrated().await;
    let db = connect(&database.url, 1).await;
    assert_eq!(
        lines(&db, FOREIGN_KEYS_WITHOUT_INDEX).await,
        Vec::<String>::new()
    );
    db.close().await.expect("sluiten");
}

/// De controle hierboven vindt echt een foreign key zonder index.
#[tokio::test]
async fn the_foreign_key_check_finds_a_missing_index() {
    let database = TestDatabase::empty().await;
    let db = connect(&database.url, 1).await;
    exec(
        &db,
        "CREATE TABLE ouder (id int PRIMARY KEY, b int, UNIQUE (id, b))",
    )
    .await;
    exec(
        &db,
        "CREATE TABLE kind (id int, ouder_id int REFERENCES ouder, b int, \
         FOREIGN KEY (ouder_id, b) REFERENCES ouder (id, b))",
    )
    .await;
    assert_eq!(
        lines(&db, FOREIGN_KEYS_WITHOUT_INDEX).await,
        vec![
            "kind.kind_ouder_id_b_fkey".to_owned(),
            "kind.kind_ouder_id_fkey".to_owned()
        ]
    );
    exec(&db, "CREATE INDEX ON kind (b, ouder_id)").await;
    assert_eq!(
        lines(&db, FOREIGN_KEYS_WITHOUT_INDEX).await,
        vec!["kind.kind_ouder_id_fkey".to_owned()]
    );
    exec(&db, "CREATE INDEX ON kind (ouder_id)").await;
    assert!(lines(&db, FOREIGN_KEYS_WITHOUT_INDEX).await.is_empty());
    db.close().await.expect("sluiten");
}

/// Bestaande besluiten en verbinders gaan mee naar het beslismoment van issue 10:
/// een bewaarde `go` (die vroeger stap 5 afrondde) wordt een `go` die stap 4 afsloot,
/// een `no_go` blijft een `no_go`, en de twee verbinder-ids worden lijstregels.
#[tokio::test]
async fn stored_decisions_and_verbinders_migrate_to_the_new_beslismoment() {
    let database = TestDatabase::empty().await;
    let db = connect(&database.url, 1).await;
    Migrator::up(&db, Some(5))
        .await
        .expect("up tot en met 000005");
    exec(
        &db,
        "INSERT INTO gebruiker (id, gemeente_id, gebruikersnaam, rollen) \
           SELECT '00000000-0000-7000-8000-000000000001', id, 'oss.wijk', ARRAY['coordinator'] FROM gemeente WHERE code = 'GM0828'; \
         INSERT INTO gebruiker (id, gemeente_id, gebruikersnaam, rollen) \
           SELECT '00000000-0000-7000-8000-000000000002', id, 'oss.gemeente', ARRAY['coordinator'] FROM gemeente WHERE code = 'GM0828'; \
         INSERT INTO gebied (id, gemeente_id, naam, soort) \
           SELECT '00000000-0000-7000-8000-0000000000a1', id, 'Oud gebied', 'wijk' FROM gemeente WHERE code = 'GM0828'; \
         INSERT INTO traject (id, gemeente_id, gebied_id, aanpak, status, besluit, besluit_reden, besluit_datum, \
             wijkverbinder_id, gemeenteverbinder_id) \
           SELECT '00000000-0000-7000-8000-0000000000b1', gemeente_id, id, 'weerbaarheid', 'lopend', 'go', 'Draagvlak', \
             DATE '2026-05-01', '00000000-0000-7000-8000-000000000001', '00000000-0000-7000-8000-000000000002' \
           FROM gebied WHERE naam = 'Oud gebied'; \
         INSERT INTO traject (id, gemeente_id, gebied_id, aanpak, status, besluit, besluit_reden, besluit_datum) \
           SELECT '00000000-0000-7000-8000-0000000000b2', gemeente_id, id, 'weerbaarheid', 'gestopt', 'no_go', \
             'Past niet', DATE '2026-06-01' FROM gebied WHERE naam = 'Oud gebied'; \
         INSERT INTO traject_stap (traject_id, gemeente_id, nummer, status) \
           SELECT t.id, t.gemeente_id, n, CASE WHEN n <= 3 OR (n = 5 AND t.besluit = 'go') THEN 'afgerond' \
             WHEN n = 4 THEN 'bezig' ELSE 'open' END \
           FROM traject t, generate_series(1, 12) n",
    )
    .await;
    Migrator::up(&db, None).await.expect("up");

    assert_eq!(
        lines(
            &db,
            "SELECT concat_ws('|', traject_id, besluit, reden, datum) FROM traject_besluit ORDER BY datum"
        )
        .await,
        [
            "00000000-0000-7000-8000-0000000000b1|go|Draagvlak|2026-05-01",
            "00000000-0000-7000-8000-0000000000b2|no_go|Past niet|2026-06-01"
        ]
    );
    // De go sloot stap 4 af; de no-go liet haar staan en het traject blijft gestopt.
    assert_eq!(
        lines(
            &db,
            "SELECT concat_ws('|', s.traject_id, s.status, s.afgerond_op, t.status) FROM traject_stap s \
             JOIN traject t ON t.id = s.traject_id WHERE s.nummer = 4 ORDER BY 1"
        )
        .await,
        [
            "00000000-0000-7000-8000-0000000000b1|afgerond|2026-05-01|lopend",
            "00000000-0000-7000-8000-0000000000b2|bezig|gestopt"
        ]
    );
    assert_eq!(
        lines(
            &db,
            "SELECT concat_ws('|', traject_id, gebruiker_id, rol) FROM traject_verbinder ORDER BY rol DESC"
        )
        .await,
        [
            "00000000-0000-7000-8000-0000000000b1|00000000-0000-7000-8000-000000000001|wijkverbinder",
            "00000000-0000-7000-8000-0000000000b1|00000000-0000-7000-8000-000000000002|gemeenteverbinder"
        ]
    );
    db.close().await.expect("sluiten");
}

/// Issue 37 punt 5: de seedrijen van de catalogus die niemand wijzigde, verliezen wat de
/// handreiking niet gaf en krijgen `bron` en `voorlopig`; een rij die VRBN al bijwerkte,
/// houdt haar waarden. VRBN komt erbij.
#[tokio::test]
async fn the_catalogue_keeps_what_the_region_edited_and_marks_the_rest_provisional() {
    let database = TestDatabase::empty().await;
    let db = connect(&database.url, 1).await;
    Migrator::up(&db, Some(32))
        .await
        .expect("up tot en met 000032");
    exec(
        &db,
        "UPDATE organisatie SET aanbod = 'Afspraak van VRBN', version = version + 1 \
         WHERE gemeente_id IS NULL AND naam = 'Leger des Heils'",
    )
    .await;
    Migrator::up(&db, None).await.expect("up");
    assert_eq!(
        lines(
            &db,
            "SELECT concat_ws('|', naam, coalesce(niveau, '-'), cardinality(capaciteiten), coalesce(aanbod, '-'), \
               coalesce(activering, '-'), coalesce(bron, '-'), voorlopig) FROM organisatie \
             WHERE gemeente_id IS NULL AND naam IN ('Rode Kruis', 'Leger des Heils') ORDER BY naam"
        )
        .await,
        [
            "Leger des Heils|landelijk|2|Afspraak van VRBN|Via de veiligheidsregio (VRBN): maak in de koude fase afspraken over inzet, op- en afschaling.|-|f",
            "Rode Kruis|-|0|-|-|Handreiking Inventariseren en activeren netwerken (VRU), §5.1|t"
        ]
    );
    assert_eq!(
        lines(
            &db,
            "SELECT count(*)::text FROM organisatie WHERE gemeente_id IS NULL AND voorlopig"
        )
        .await,
        ["14"],
        "dertien partners en VRBN"
    );
    db.close().await.expect("sluiten");
}
