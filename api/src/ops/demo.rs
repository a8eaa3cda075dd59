//! De demogebieden van `weefsel seed --demo`: per gemeente vijf gebieden met
//! verzonnen namen, zonder CBS-code en met fictieve cijfers (de bron zegt het), zodat
//! geen echte wijk een verzonnen zwakke score krijgt. Samen tonen ze alles wat het
//! DNA-profiel kan: de vier vakken, een gebied dat de tekenen beslissen, een
//! onbepaald gebied, meer metingen per gebied, en trajecten in verschillende
//! toestanden, waaronder een weerbaarheidsplan dat bij zijn beslismoment wacht.

use migration::gemeenten::SeedGemeente;
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, Statement};
use uuid::Uuid;

/// De bron van elke demometing.
pub const BRON: &str = "Fictieve demogegevens van Weefsel (geen echte cijfers)";

/// De zeven indicatoren in de volgorde van de handreiking (zie `domein::dna`).
type Indicatoren = [Option<f64>; 7];
/// De zeven tekenen in de volgorde van de handreiking.
type Tekenen = [Option<bool>; 7];

/// Eén demometing.
struct Meting {
    peildatum: &'static str,
    indicatoren: Indicatoren,
    tekenen: Tekenen,
}

/// Eén demogebied: soort, inwonertal, bovenliggend gebied (index) en metingen.
struct Gebied {
    naam: String,
    soort: &'static str,
    inwonertal: i32,
    ouder: Option<usize>,
    metingen: Vec<Meting>,
}

const GEEN_TEKENEN: Tekenen = [None; 7];
const GEEN_INDICATOREN: Indicatoren = [None; 7];

/// Waarden die in hun kolom duidelijk sterk of zwak zijn, met een kleine variatie per
/// gemeente (`v` van 0 tot 1) die binnen de band blijft.
fn groot_zwak(v: f64) -> Indicatoren {
    [
        Some(0.6 + v * 0.2),
        Some(22.0 + v * 2.0),
        Some(33.0 + v),
        Some(3.5 + v),
        Some(56.0 + v * 2.0),
        Some(21.0 + v * 4.0),
        Some(6.2 + v * 0.3),
    ]
}

fn groot_sterk(v: f64) -> Indicatoren {
    [
        Some(2.3 + v * 0.5),
        Some(36.0 + v * 3.0),
        Some(41.0 + v * 4.0),
        Some(12.0 + v),
        Some(71.0 + v * 5.0),
        Some(11.0 + v * 3.0),
        Some(7.2 + v * 0.4),
    ]
}

fn klein_sterk(v: f64) -> Indicatoren {
    [
        Some(3.2 + v),
        Some(42.0 + v * 5.0),
        Some(51.0 + v * 6.0),
        Some(21.0 + v * 6.0),
        Some(72.0 + v * 6.0),
        Some(7.0 + v * 2.0),
        Some(7.6 + v * 0.5),
    ]
}

fn klein_zwak(v: f64) -> Indicatoren {
    [
        Some(1.2 + v * 0.5),
        Some(25.0 + v * 4.0),
        Some(31.0 + v * 3.0),
        Some(6.0 + v * 3.0),
        Some(54.0 + v * 5.0),
        Some(16.0 + v * 4.0),
        Some(5.8 + v * 0.6),
    ]
}

/// Vijf gebieden per gemeente. Voor een gemeente met even index: een grote wijk in
/// vak 4 en een kleine kern in vak 1; met oneven index vak 3 en vak 2. Verder een
/// buurt zonder meting (onbepaald), een buurt die de tekenen beslissen en een grote
/// wijk waarin de indicatoren gelijk op gaan, zodat ook daar de tekenen beslissen.
fn gebieden(index: usize, namen: [&str; 5], dorpen: bool) -> Vec<Gebied> {
    let even = index.is_multiple_of(2);
    let v = (index % 5) as f64 / 4.0;
    let (groot_soort, klein_soort, buurt) = if dorpen {
        ("dorp", "kern", "kern")
    } else {
        ("wijk", "buurt", "buurt")
    };
    let hoofd = if even { groot_zwak(v) } else { groot_sterk(v) };
    // Een latere meting van drie indicatoren: de andere vier blijven staan.
    let mut later = GEEN_INDICATOREN;
    for i in [0, 4, 6] {
        later[i] = hoofd[i].map(|w| w * if even { 0.97 } else { 1.02 });
    }
    let ja = |n: usize| -> Tekenen { std::array::from_fn(|i| Some(i < n)) };
    vec![
        Gebied {
            naam: namen[0].to_owned(),
            soort: groot_soort,
            inwonertal: 7200 + 150 * index as i32,
            ouder: None,
            metingen: vec![
                Meting {
                    peildatum: "2024-12-31",
                    indicatoren: hoofd,
                    tekenen: GEEN_TEKENEN,
                },
                Meting {
                    peildatum: "2025-12-31",
                    indicatoren: later,
                    tekenen: GEEN_TEKENEN,
                },
            ],
        },
        Gebied {
            naam: namen[1].to_owned(),
            soort: klein_soort,
            inwonertal: 2100 + 40 * index as i32,
            ouder: None,
            metingen: vec![Meting {
                peildatum: "2025-06-30",
                indicatoren: if even { klein_sterk(v) } else { klein_zwak(v) },
                tekenen: ja(if even { 5 } else { 2 }),
            }],
        },
        Gebied {
            naam: namen[2].to_owned(),
            soort: buurt,
            inwonertal: 1500 + 30 * index as i32,
            ouder: Some(0),
            metingen: Vec::new(),
        },
        Gebied {
            naam: namen[3].to_owned(),
            soort: buurt,
            inwonertal: 1900 + 25 * index as i32,
            ouder: Some(0),
            metingen: vec![Meting {
                peildatum: "2025-09-15",
                indicatoren: GEEN_INDICATOREN,
                tekenen: ja(if index.is_multiple_of(3) { 5 } else { 2 }),
            }],
        },
        Gebied {
            naam: namen[4].to_owned(),
            soort: groot_soort,
            inwonertal: 5600 + 90 * index as i32,
            ouder: None,
            metingen: vec![Meting {
                peildatum: "2025-03-31",
                // Eén sterk (initiatieven), één zwak (vrijwilligers): gelijk.
                indicatoren: [Some(2.4), Some(23.0), None, None, None, None, None],
                tekenen: ja(if even { 2 } else { 6 }),
            }],
        },
    ]
}

/// Verzonnen namen per gemeente (CBS-code); of het dorpen en kernen zijn of wijken en
/// buurten.
const NAMEN: &[(&str, [&str; 5], bool)] = &[
    (
        "GM0828",
        [
            "Kloosterakker",
            "Heidehoek",
            "Kloosterakker-Oost",
            "Zwaluwhof",
            "Reigerstede",
        ],
        false,
    ),
    (
        "GM0796",
        [
            "Vestingkwartier",
            "Bastionhof",
            "Vestingkwartier-Zuid",
            "Grachtzicht",
            "Dommelrode",
        ],
        false,
    ),
    (
        "GM1721",
        [
            "Eikenlaar",
            "Hazeldonk",
            "Eikenlaar-Kerk",
            "Molenbeemd",
            "Kievitsrode",
        ],
        true,
    ),
    (
        "GM0755",
        [
            "Peelrode",
            "Vennehoek",
            "Peelrode-Noord",
            "Turfakker",
            "Boekweitveld",
        ],
        true,
    ),
    (
        "GM0757",
        [
            "Dommelkwartier",
            "Kasteelhoek",
            "Dommelkwartier-West",
            "Beemdenhof",
            "Linderode",
        ],
        false,
    ),
    (
        "GM0797",
        [
            "Vestinghaven",
            "Wijkse Hoek",
            "Vestinghaven-Oost",
            "Dijkzicht",
            "Maasakker",
        ],
        false,
    ),
    (
        "GM1982",
        [
            "Maasdonk",
            "Heikamp",
            "Maasdonk-Dorp",
            "Veerhoek",
            "Raamsveld",
        ],
        true,
    ),
    (
        "GM1991",
        [
            "Heidelaar",
            "Bosrode",
            "Heidelaar-Kern",
            "Zandakker",
            "Vlasakker",
        ],
        true,
    ),
    (
        "GM1948",
        [
            "Aadonk",
            "Kapelhoek",
            "Aadonk-Zuid",
            "Meierakker",
            "Beekveld",
        ],
        true,
    ),
    (
        "GM0845",
        [
            "Essenrode",
            "Dommelhoek",
            "Essenrode-Oost",
            "Kasteelakker",
            "Beekrode",
        ],
        false,
    ),
];

/// De namen van een gemeente; een onbekende code krijgt die van Villapark.
fn namen(code: &str) -> ([&'static str; 5], bool) {
    NAMEN.iter().find(|(c, _, _)| *c == code).map_or(
        (
            [
                "Villapark-Noord",
                "Isabellahoek",
                "Villapark-Zuid",
                "Taalakker",
                "Lindenhof",
            ],
            false,
        ),
        |(_, namen, dorpen)| (*namen, *dorpen),
    )
}

/// De demogebieden en trajecten van één gemeente; bestaan ze al (op de naam van het
/// eerste gebied), dan niets. Geeft het aantal nieuwe gebieden.
pub async fn gemeente(
    db: &DatabaseConnection,
    gemeente: &SeedGemeente,
    index: usize,
) -> Result<u64, sea_orm::DbErr> {
    let (namen, dorpen) = namen(gemeente.code);
    let bestaat = db
        .query_one_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "SELECT EXISTS (SELECT 1 FROM gebied g JOIN gemeente m ON m.id = g.gemeente_id \
             WHERE m.code = $1 AND g.naam = $2)",
            [gemeente.code.into(), namen[0].into()],
        ))
        .await?
        .and_then(|r| r.try_get_by_index::<bool>(0).ok())
        .unwrap_or(false);
    if bestaat {
        return Ok(0);
    }
    let gebieden = gebieden(index, namen, dorpen);
    let mut ids: Vec<Uuid> = Vec::new();
    for gebied in &gebieden {
        let id = Uuid::now_v7();
        db.execute_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "INSERT INTO gebied (id, gemeente_id, naam, soort, inwonertal, bovenliggend_gebied_id) \
             SELECT $1, id, $2, $3, $4, $5 FROM gemeente WHERE code = $6",
            [
                id.into(),
                gebied.naam.clone().into(),
                gebied.soort.into(),
                gebied.inwonertal.into(),
                gebied.ouder.and_then(|i| ids.get(i).copied()).into(),
                gemeente.code.into(),
            ],
        ))
        .await?;
        for meting in &gebied.metingen {
            meting_invoegen(db, id, meting).await?;
        }
        ids.push(id);
    }
    trajecten(db, &ids, index).await?;
    Ok(gebieden.len() as u64)
}

/// De kolommen van een meting in de volgorde van de seeds: id, gemeente, gebied,
/// peildatum, bron, de zeven indicatoren en de zeven tekenen.
pub(crate) const METING_KOLOMMEN: &str = "id, gemeente_id, gebied_id, peildatum, bron, \
    burgerinitiatieven_per_1000, vrijwilligerswerk_percentage, \
    verenigingslidmaatschap_percentage, buurthuisbezoek_per_1000, \
    verkiezingsopkomst_percentage, overlastregistraties_per_1000, leefbaarometer, \
    inwoners_kennen_elkaar, groeten_elkaar_op_straat, grootste_deel_geboren_en_getogen, \
    weten_waar_kwetsbaren_zijn, kennen_en_spreken_buren, buurtfeesten, \
    wonen_en_werken_in_zelfde_gebied";

async fn meting_invoegen(
    db: &DatabaseConnection,
    gebied: Uuid,
    meting: &Meting,
) -> Result<(), sea_orm::DbErr> {
    let mut waarden: Vec<sea_orm::Value> = vec![
        Uuid::now_v7().into(),
        meting.peildatum.into(),
        BRON.into(),
        gebied.into(),
    ];
    waarden.extend(meting.indicatoren.iter().map(|w| sea_orm::Value::from(*w)));
    waarden.extend(meting.tekenen.iter().map(|t| sea_orm::Value::from(*t)));
    db.execute_raw(Statement::from_sql_and_values(
        DbBackend::Postgres,
        format!(
            "INSERT INTO indicatormeting ({METING_KOLOMMEN}) \
             SELECT $1, gemeente_id, id, $2::date, $3, $5, $6, $7, $8, $9, $10, $11, \
               $12, $13, $14, $15, $16, $17, $18 FROM gebied WHERE id = $4"
        ),
        waarden,
    ))
    .await?;
    Ok(())
}

/// Een traject en zijn stappen: `afgerond` tot en met `klaar`, `bezig` daarna één.
async fn traject(
    db: &DatabaseConnection,
    gebied: Uuid,
    aanpak: &str,
    naam: &str,
    stappen: std::ops::RangeInclusive<i32>,
    klaar: i32,
    status: &str,
) -> Result<(), sea_orm::DbErr> {
    let id = Uuid::now_v7();
    db.execute_raw(Statement::from_sql_and_values(
        DbBackend::Postgres,
        "INSERT INTO traject (id, gemeente_id, gebied_id, aanpak, naam, voorgestelde_aanpak, status) \
         SELECT $1, gemeente_id, id, $2, $3, ARRAY[$2], $4 FROM gebied WHERE id = $5",
        [
            id.into(),
            aanpak.into(),
            naam.into(),
            status.into(),
            gebied.into(),
        ],
    ))
    .await?;
    db.execute_raw(Statement::from_sql_and_values(
        DbBackend::Postgres,
        "INSERT INTO traject_stap (traject_id, gemeente_id, nummer, status, gestart_op, afgerond_op) \
         SELECT t.id, t.gemeente_id, n, \
           CASE WHEN n <= $4 THEN 'afgerond' WHEN n = $4 + 1 AND t.status = 'lopend' THEN 'bezig' \
                ELSE 'open' END, \
           CASE WHEN n <= $4 + 1 THEN DATE '2025-09-01' + (n - $2) * 21 END, \
           CASE WHEN n <= $4 THEN DATE '2025-09-01' + (n - $2) * 21 + 14 END \
         FROM traject t, generate_series($2::int, $3::int) AS n WHERE t.id = $1",
        [
            id.into(),
            (*stappen.start()).into(),
            (*stappen.end()).into(),
            klaar.into(),
        ],
    ))
    .await?;
    Ok(())
}

/// Een lopend traject in de grote wijk (coördinerend in vak 4, coachend in vak 3),
/// een afgerond coachend traject in de kleine kern van elke derde gemeente, en in de
/// wijk waar de tekenen beslisten een weerbaarheidsplan dat bij het beslismoment
/// wacht (stap 1–3 afgerond, stap 4 bezig, nog geen besluit).
async fn trajecten(
    db: &DatabaseConnection,
    ids: &[Uuid],
    index: usize,
) -> Result<(), sea_orm::DbErr> {
    let [hoofd, klein, _, _, wijk] = ids else {
        return Ok(());
    };
    let (aanpak, stappen) = if index.is_multiple_of(2) {
        ("coordinerend", 0..=6)
    } else {
        ("coachend", 0..=4)
    };
    traject(
        db,
        *hoofd,
        aanpak,
        "Netwerk in de wijk",
        stappen,
        0,
        "lopend",
    )
    .await?;
    if index % 3 == 1 {
        traject(db, *klein, "coachend", "Buurtnetwerk", 0..=4, 4, "afgerond").await?;
    }
    traject(
        db,
        *wijk,
        "weerbaarheid",
        "Weerbare wijk",
        1..=12,
        3,
        "lopend",
    )
    .await?;
    Ok(())
}

/// De voornamen van de demosleutelpersonen; elke achternaam is "Fictief" en elk
/// e-mailadres eindigt op `.invalid`: niemand kan ze voor een echt mens aanzien.
const VOORNAMEN: [&str; 12] = [
    "Anouk", "Bram", "Citlali", "Daan", "Esra", "Femke", "Gijs", "Hanna", "Ilias", "Joke", "Kees",
    "Lotte",
];

/// Het demonetwerk van een gemeente (met drie initiatieven, zie [`initiatieven`]): een
/// sleutelpersonennetwerk in de gebieden van
/// haar eerste twee trajecten, met crisisafspraken voor stroomuitval en hittegolf, en twaalf duidelijk
/// verzonnen sleutelpersonen (negen actief, één gepauzeerd, één uitgestroomd, allen
/// met vastgelegde toestemming, en één kandidaat zonder). Bestaat het netwerk al, dan
/// niets. Geeft het aantal nieuwe sleutelpersonen.
pub async fn netwerk(
    db: &DatabaseConnection,
    gemeente: &SeedGemeente,
) -> Result<u64, sea_orm::DbErr> {
    let naam = format!("Sleutelpersonennetwerk {}", gemeente.naam);
    let netwerk = Uuid::now_v7();
    let nieuw = db
        .execute_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            r#"INSERT INTO netwerk (id, gemeente_id, naam, vorm, doelen, gemeente_rol, rol_historie, fase,
                   fase_historie, werkwijze, voorzitter, kerngroep, tegenprestaties, gebied_ids,
                   contactambtenaren, afspraken, crisisafspraken)
               SELECT $1, m.id, $2, 'sleutelpersonennetwerk',
                   '{voorlichting_bewustwording,veerkracht_weerbaarheid,crisisparaatheid}', '{facilitator}',
                   '[{"gemeenteRol": ["facilitator"], "vanaf": "2025-03-01"}]', 'uitvoering',
                   '[{"fase": "voorbereiding", "datum": "2025-03-01"}, {"fase": "opbouw", "datum": "2025-06-01"},
                     {"fase": "uitvoering", "datum": "2025-10-01"}]',
                   'combinatie', 'uit_netwerk', false, '{kennis_vaardigheden,contacten}',
                   coalesce((SELECT array_agg(t.gebied_id ORDER BY t.created_at) FROM (SELECT gebied_id, created_at
                             FROM traject WHERE gemeente_id = m.id AND gebied_id IS NOT NULL
                             ORDER BY created_at LIMIT 2) t), '{}'),
                   coalesce((SELECT array_agg(u.id ORDER BY u.gebruikersnaam) FROM gebruiker u
                             WHERE u.gemeente_id = m.id AND 'coordinator' = ANY (u.rollen)), '{}'),
                   '{"frequentie": "vier keer per jaar", "agenda": "Wat speelt er in de buurt; oefening voorbereiden",
                     "plaats": "Buurthuis", "signalen": "Naar de wijkverbinder, binnen een week teruggekoppeld"}',
                   '[{"scenario": "stroomuitval", "hulp": ["handjes", "hulpmiddelen"],
                      "activering": "De wijkverbinder belt de voorzitter; die zet de belboom in gang",
                      "laatstHerzien": "2026-03-15"},
                     {"scenario": "hittegolf", "hulp": ["handjes", "hoofdjes"],
                      "activering": "Via de appgroep van de kerngroep, op verzoek van de gemeente",
                      "laatstHerzien": "2025-06-01"}]'
               FROM gemeente m WHERE m.code = $3
               ON CONFLICT (gemeente_id, naam) DO NOTHING"#,
            [netwerk.into(), naam.into(), gemeente.code.into()],
        ))
        .await?
        .rows_affected();
    if nieuw == 0 {
        return Ok(0);
    }
    initiatieven(db, netwerk).await?;
    budget(db, netwerk).await?;
    netwerkpraktijk(db, netwerk).await?;
    for (i, voornaam) in VOORNAMEN.iter().enumerate() {
        sleutelpersoon(db, netwerk, i, voornaam).await?;
    }
    Ok(VOORNAMEN.len() as u64)
}

/// De `i`-de demo-sleutelpersoon van het netwerk, met gegevens, statushistorie en
/// lidmaatschap.
async fn sleutelpersoon(
    db: &DatabaseConnection,
    netwerk: Uuid,
    i: usize,
    voornaam: &str,
) -> Result<(), sea_orm::DbErr> {
    let typen = [
        "{verbinder}",
        "{vertegenwoordiger,doener}",
        "{doener}",
        "{luis_in_de_pels}",
    ];
    let id = Uuid::now_v7();
    let (status, toestemming) = match i {
        10 => ("gepauzeerd", true),
        11 => ("kandidaat", false),
        9 => ("uitgestroomd", true),
        _ => ("actief", true),
    };
    db.execute_raw(Statement::from_sql_and_values(
        DbBackend::Postgres,
        "INSERT INTO sleutelpersoon (id, gemeente_id, gebied_id, typen, status, status_sinds, \
           wervingsmethode, uitstroomreden, exitgesprek, tijdsinvestering, laatste_contact, \
           toestemming_datum, toestemming_doel, delen_met, bewaartermijn_tot) \
         SELECT $1, n.gemeente_id, n.gebied_ids[1 + $2 % 2], $3::text[], $4, DATE '2025-11-01', \
           (ARRAY['bestaand_netwerk','inloopavond','gerichte_gesprekken','sneeuwbal'])[1 + $2 % 3], \
           CASE WHEN $4 = 'uitgestroomd' THEN 'tijd_energie' END, \
           CASE WHEN $4 = 'uitgestroomd' THEN true END, 'een paar uur per maand', \
           DATE '2026-10-01' - ($2 * 20), \
           CASE WHEN $5 THEN DATE '2025-10-15' END, CASE WHEN $5 THEN 'Sleutelpersonennetwerk (demo)' END, \
           CASE WHEN $5 AND $2 % 2 = 0 THEN '{netwerkleden}'::text[] ELSE '{}' END, \
           CASE WHEN $5 THEN DATE '2028-10-15' ELSE DATE '2027-01-01' END \
         FROM netwerk n WHERE n.id = $6",
        [
            id.into(),
            (i as i32).into(),
            typen[i % 4].into(),
            status.into(),
            toestemming.into(),
            netwerk.into(),
        ],
    ))
    .await?;
    db.execute_raw(Statement::from_sql_and_values(
        DbBackend::Postgres,
        "INSERT INTO sleutelpersoon_gegevens (sleutelpersoon_id, gemeente_id, voornaam, achternaam, \
           email, telefoon, achterban, leeftijdsgroep, hulpverlenend_beroep, bekend_bij_gemeente, \
           opleidingsrichting) \
         SELECT id, gemeente_id, $2, 'Fictief', lower($2) || '.fictief@demo.invalid', \
           '+31 6 0000 00' || lpad($3::text, 2, '0'), 'Demo-achterban', \
           CASE WHEN $3 % 3 = 0 THEN 'oud' ELSE 'jong' END, $3 % 4 = 0, $3 % 2 = 0, \
           CASE WHEN $3 % 2 = 0 THEN 'praktisch' ELSE 'theoretisch' END \
         FROM sleutelpersoon WHERE id = $1",
        [id.into(), voornaam.into(), (i as i32).into()],
    ))
    .await?;
    status_historie(db, id, status).await?;
    if status != "kandidaat" {
        db.execute_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "INSERT INTO netwerk_lid (id, gemeente_id, netwerk_id, sleutelpersoon_id, rol, begin, eind) \
             SELECT gen_random_uuid(), gemeente_id, $2, id, \
               CASE WHEN $3 = 0 THEN 'voorzitter' WHEN $3 < 3 THEN 'kerngroeplid' ELSE 'lid' END, \
               DATE '2025-10-15', CASE WHEN status = 'uitgestroomd' THEN DATE '2025-11-01' END \
             FROM sleutelpersoon WHERE id = $1",
            [id.into(), netwerk.into(), (i as i32).into()],
        ))
        .await?;
    }
    Ok(())
}

/// De statushistorie van een demo-sleutelpersoon tot zijn huidige status.
async fn status_historie(
    db: &DatabaseConnection,
    id: Uuid,
    status: &str,
) -> Result<(), sea_orm::DbErr> {
    let mut historie = vec![("kandidaat", "2025-09-01")];
    if status != "kandidaat" {
        historie.extend([("kennismaking", "2025-10-01"), ("actief", "2025-10-15")]);
    }
    if matches!(status, "gepauzeerd" | "uitgestroomd") {
        historie.push((status, "2025-11-01"));
    }
    for (stap, datum) in &historie {
        db.execute_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "INSERT INTO sleutelpersoon_status (id, gemeente_id, sleutelpersoon_id, status, datum, uitstroomreden) \
             SELECT $2, gemeente_id, id, $3, $4::date, CASE WHEN $3 = 'uitgestroomd' THEN 'tijd_energie' END \
             FROM sleutelpersoon WHERE id = $1",
            [id.into(), Uuid::now_v7().into(), (*stap).into(), (*datum).into()],
        ))
        .await?;
    }
    let sinds = historie.last().map_or("2025-09-01", |(_, d)| *d);
    db.execute_raw(Statement::from_sql_and_values(
        DbBackend::Postgres,
        "UPDATE sleutelpersoon SET status_sinds = $2::date WHERE id = $1",
        [id.into(), sinds.into()],
    ))
    .await?;
    Ok(())
}

/// Drie demo-initiatieven bij het demonetwerk: een lopend initiatief van het netwerk
/// met een verzonnen contactpersoon, een idee van een buurtvereniging, en een afgerond
/// initiatief met resultaten en lessen.
async fn initiatieven(db: &DatabaseConnection, netwerk: Uuid) -> Result<(), sea_orm::DbErr> {
    db.execute_raw(Statement::from_sql_and_values(
        DbBackend::Postgres,
        "INSERT INTO initiatief (id, gemeente_id, titel, omschrijving, thema, participatie, gebied_id, \
           netwerk_id, organisatie, contactnaam, contactemail, status, startdatum, einddatum, resultaten, lessen) \
         SELECT u.id, n.gemeente_id, u.titel, u.omschrijving, u.thema, u.participatie, n.gebied_ids[1], \
           CASE WHEN u.van_netwerk THEN n.id END, nullif(u.organisatie, ''), nullif(u.contactnaam, ''), \
           nullif(u.contactemail, ''), u.status, u.startdatum, u.einddatum, nullif(u.resultaten, ''), \
           nullif(u.lessen, '') \
         FROM netwerk n, (VALUES \
           ($2::uuid, 'Belboom bij stroomuitval', 'Buren bellen elkaar na bij een storing.', 'crisisvoorbereiding', \
            'zelf_organiseren', true, '', 'Joke Fictief', 'joke.fictief@demo.invalid', 'lopend', DATE '2026-02-01', \
            NULL::date, '', ''), \
           ($3::uuid, 'Buurtmoestuin', 'Een moestuin op het braakliggende veld.', 'vrije_tijd', 'coproduceren', \
            false, 'Buurtvereniging (demo)', '', '', 'idee', NULL::date, NULL::date, '', ''), \
           ($4::uuid, 'Jongeren koken voor ouderen', 'Elke maand een maaltijd in het buurthuis.', \
            'jongerenparticipatie', 'meebeslissen', false, 'Jongerenwerk (demo)', '', '', 'afgerond', \
            DATE '2025-03-01', DATE '2025-12-01', 'Tien maaltijden, veertig gasten.', 'Vaste kok helpt.')) \
           AS u(id, titel, omschrijving, thema, participatie, van_netwerk, organisatie, contactnaam, \
                contactemail, status, startdatum, einddatum, resultaten, lessen) \
         WHERE n.id = $1",
        [
            netwerk.into(),
            Uuid::now_v7().into(),
            Uuid::now_v7().into(),
            Uuid::now_v7().into(),
        ],
    ))
    .await?;
    Ok(())
}

/// Een wijkbudget van dit jaar (5 000 euro, hoogstens 1 000 per aanvraag) met
/// aanvragen in verschillende toestanden: de belboom toegekend en deels uitbetaald, de
/// moestuin ingediend en wachtend op een besluit, het kookproject afgewezen, en een
/// concept van het netwerk zelf (expertise inhuren).
async fn budget(db: &DatabaseConnection, netwerk: Uuid) -> Result<(), sea_orm::DbErr> {
    let budget = Uuid::now_v7();
    db.execute_raw(Statement::from_sql_and_values(
        DbBackend::Postgres,
        "INSERT INTO budget (id, gemeente_id, naam, jaar, vorm, totaal_bedrag, max_per_aanvraag, beslistermijn_dagen) \
         SELECT $1, gemeente_id, 'Wijkbudget ' || extract(year FROM current_date), \
           extract(year FROM current_date)::int, 'micro', 500000, 100000, 14 FROM netwerk WHERE id = $2",
        [budget.into(), netwerk.into()],
    ))
    .await?;
    let aanvragen = [
        (
            "Belboom bij stroomuitval",
            "toegekend",
            60_000_i64,
            Some(50_000_i64),
        ),
        ("Buurtmoestuin", "ingediend", 80_000, None),
        ("Jongeren koken voor ouderen", "afgewezen", 120_000, Some(0)),
    ];
    for (titel, status, gevraagd, toegekend) in aanvragen {
        let id = Uuid::now_v7();
        db.execute_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "INSERT INTO aanvraag (id, gemeente_id, budget_id, initiatief_id, aangevraagd_bedrag, eigen_bijdrage, \
               plan, status, ingediend_op, beslissen_voor, toegekend_bedrag, motivering, besloten_op, te_laat) \
             SELECT $1, i.gemeente_id, $2, i.id, $3, 0, 'Zie het initiatief.', $4, current_date - 20, \
               current_date - 6, $5, CASE WHEN $5 IS NOT NULL THEN 'Besluit van de demo.' END, \
               CASE WHEN $5 IS NOT NULL THEN current_date - 10 END, CASE WHEN $5 IS NOT NULL THEN false END \
             FROM initiatief i JOIN netwerk n ON n.gemeente_id = i.gemeente_id \
             WHERE n.id = $6 AND i.titel = $7",
            [
                id.into(),
                budget.into(),
                gevraagd.into(),
                status.into(),
                toegekend.into(),
                netwerk.into(),
                titel.into(),
            ],
        ))
        .await?;
        if let Some(bedrag) = toegekend.filter(|b| *b > 0) {
            db.execute_raw(Statement::from_sql_and_values(
                DbBackend::Postgres,
                "INSERT INTO mutatie (id, gemeente_id, budget_id, aanvraag_id, soort, bedrag, omschrijving) \
                 SELECT u.id, a.gemeente_id, a.budget_id, a.id, u.soort, u.bedrag, u.omschrijving \
                 FROM aanvraag a, (VALUES ($2::uuid, 'reservering', $3::bigint, NULL::text, 1), \
                   ($4::uuid, 'uitbetaling', $3::bigint / 2, 'Eerste termijn', 2)) AS u(id, soort, bedrag, omschrijving, n) \
                 WHERE a.id = $1 ORDER BY u.n",
                [id.into(), Uuid::now_v7().into(), bedrag.into(), Uuid::now_v7().into()],
            ))
            .await?;
        }
    }
    db.execute_raw(Statement::from_sql_and_values(
        DbBackend::Postgres,
        "INSERT INTO aanvraag (id, gemeente_id, budget_id, netwerk_id, aangevraagd_bedrag, plan, status) \
         SELECT $1, gemeente_id, $2, id, 40000, 'Een trainer voor de kerngroep.', 'concept' FROM netwerk WHERE id = $3",
        [Uuid::now_v7().into(), budget.into(), netwerk.into()],
    ))
    .await?;
    Ok(())
}

/// De sociale kaart, bijeenkomsten, een oefening en een veiligheidsafspraak bij het
/// demonetwerk: twee lokale organisaties (een buurthuis en de eigen afdeling OOV), het
/// buurthuis en het Rode Kruis uit de catalogus als partners, de eerste en tweede
/// bijeenkomst en een netwerkbijeenkomst van vorige maand, en een geëvalueerde
/// tabletop-oefening stroomuitval.
async fn netwerkpraktijk(db: &DatabaseConnection, netwerk: Uuid) -> Result<(), sea_orm::DbErr> {
    let buurthuis = Uuid::now_v7();
    db.execute_raw(Statement::from_sql_and_values(
        DbBackend::Postgres,
        "INSERT INTO organisatie (id, gemeente_id, naam, soort, veld, categorie, niveau, capaciteiten, rollen, \
           aanbod, activering, contact) \
         SELECT u.id, n.gemeente_id, u.naam, u.soort, u.veld, u.categorie, 'lokaal', u.capaciteiten, u.rollen, \
           u.aanbod, u.activering, u.contact \
         FROM netwerk n, (VALUES \
           ($2::uuid, 'Buurthuis (demo)', 'partner', 'maatschappelijk_middenveld', 'bewonersinitiatieven', \
            '{handjes,hulpmiddelen}'::text[], '{welzijn,bewoners}'::text[], 'Ruimte, koffie en een aggregaat.', \
            'Via de beheerder van het buurthuis (algemeen nummer).', 'buurthuis@demo.invalid'), \
           ($3::uuid, 'Afdeling Openbare Orde en Veiligheid (demo)', 'gemeentelijke_afdeling', \
            'overheid_publieke_diensten', NULL, '{hoofdjes}'::text[], '{gemeente}'::text[], \
            'Advies bij meldingen en veiligheidsafspraken.', 'Via het algemene nummer van de gemeente.', \
            'oov@demo.invalid')) \
           AS u(id, naam, soort, veld, categorie, capaciteiten, rollen, aanbod, activering, contact) \
         WHERE n.id = $1",
        [netwerk.into(), buurthuis.into(), Uuid::now_v7().into()],
    ))
    .await?;
    db.execute_raw(Statement::from_sql_and_values(
        DbBackend::Postgres,
        "INSERT INTO netwerk_partner (id, gemeente_id, netwerk_id, organisatie_id, toelichting) \
         SELECT gen_random_uuid(), n.gemeente_id, n.id, o.id, 'Partner van het demonetwerk.' \
         FROM netwerk n, organisatie o \
         WHERE n.id = $1 AND (o.id = $2 OR (o.gemeente_id IS NULL AND o.naam = 'Rode Kruis'))",
        [netwerk.into(), buurthuis.into()],
    ))
    .await?;
    bijeenkomsten(db, netwerk).await?;
    db.execute_raw(Statement::from_sql_and_values(
        DbBackend::Postgres,
        r#"INSERT INTO oefening (id, gemeente_id, titel, doelen, vorm, scenario, datum, netwerk_id, organisaties,
               status, briefing, debrief, evaluatie)
           SELECT gen_random_uuid(), n.gemeente_id, 'Tabletop stroomuitval (demo)',
               '{communicatie_tijdens_crisis,samenwerking_netwerkpartners}', 'tabletop', 'stroomuitval',
               current_date - 45, n.id, ARRAY[$2::uuid], 'geevalueerd', 'Scenario: 48 uur geen stroom in de wijk.',
               'De belboom werkte; de aggregaat ontbrak.',
               '{"goed": "Snelle alarmering via de belboom.", "verbeterpunten": "Noodstroom voor het buurthuis.",
                 "vervolg": "Aggregaat regelen met het buurthuis.", "afsprakenRealistisch": true}'
           FROM netwerk n WHERE n.id = $1"#,
        [netwerk.into(), buurthuis.into()],
    ))
    .await?;
    db.execute_raw(Statement::from_sql_and_values(
        DbBackend::Postgres,
        "INSERT INTO veiligheidsafspraak (id, gemeente_id, netwerk_id, afspraak, laatst_herzien, herzien_voor) \
         SELECT gen_random_uuid(), gemeente_id, id, \
           'Een bedreiging meldt een lid binnen een dag bij de wijkverbinder; die legt een melding vast.', \
           current_date - 60, current_date + 120 FROM netwerk WHERE id = $1",
        [netwerk.into()],
    ))
    .await?;
    Ok(())
}

/// Drie bijeenkomsten van het demonetwerk: de eerste, de tweede en een netwerkbijeenkomst.
async fn bijeenkomsten(db: &DatabaseConnection, netwerk: Uuid) -> Result<(), sea_orm::DbErr> {
    db.execute_raw(Statement::from_sql_and_values(
        DbBackend::Postgres,
        r#"INSERT INTO bijeenkomst (id, gemeente_id, soort, datum, begintijd, eindtijd, locatiesoort, locatie,
               netwerk_id, deelnemers, aanwezigen, agenda, verslag, verslag_aan_afwezigen, terugkoppeling, acties)
           SELECT gen_random_uuid(), n.gemeente_id, u.soort, current_date - u.dagen, TIME '19:30', TIME '21:30',
               u.locatiesoort, u.locatie, n.id, u.deelnemers,
               coalesce((SELECT array_agg(l.sleutelpersoon_id) FROM netwerk_lid l WHERE l.netwerk_id = n.id
                         AND l.eind IS NULL), '{}'),
               u.agenda::jsonb, u.verslag, true, u.terugkoppeling, u.acties::jsonb
           FROM netwerk n, (VALUES
             ('eerste_bijeenkomst', 240, 'buurthuis', 'Buurthuis (demo)', 18,
              '[{"onderwerp": "Welkom en introductie onderwerp"}, {"onderwerp": "Verkenning thema"}, {"onderwerp": "Pauze"}, {"onderwerp": "Impact op de persoon/organisatie en impact op de wijk"}, {"onderwerp": "Afsluiting en vervolg"}]',
              'Kennismaking; risico''s in kaart gebracht met mindmaps.', NULL,
              '[{"omschrijving": "Mindmaps uitwerken", "eigenaar": "wijkverbinder", "deadline": null, "gereed": true}]'),
             ('tweede_bijeenkomst', 180, 'bibliotheek', 'Bibliotheek (demo)', 15,
              '[{"onderwerp": "Terugkoppeling eerste bijeenkomst"}, {"onderwerp": "Expertise uitnodigen"}, {"onderwerp": "Netwerkdoelen formuleren"}, {"onderwerp": "Organisatievorm"}, {"onderwerp": "Afsluiting en commitment"}]',
              'Doelen en crisisafspraken gemaakt.', 'Bewoners hoorden dat de belboom er komt.',
              '[{"omschrijving": "Belboom opzetten", "eigenaar": "voorzitter netwerk", "deadline": null, "gereed": true}]'),
             ('netwerkbijeenkomst', 30, 'gebedshuis', 'Ontmoetingsruimte (demo)', 21, '[]',
              'Belboom getest; twee adressen ontbraken.', 'Teruggekoppeld dat de aggregaat nog niet geregeld is.',
              '[{"omschrijving": "Aggregaat regelen", "eigenaar": "buurthuis", "deadline": null, "gereed": false}]'))
             AS u(soort, dagen, locatiesoort, locatie, deelnemers, agenda, verslag, terugkoppeling, acties)
           WHERE n.id = $1"#,
        [netwerk.into()],
    ))
    .await?;
    Ok(())
}
