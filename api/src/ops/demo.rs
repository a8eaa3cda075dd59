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

/// Hoe ver een gemeente is in het verhaal van de demo.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Voortgang {
    /// Ver: het coördinerende traject bij zijn oefening (stap 6, de twee bijeenkomsten
    /// van stap 3 gehouden) en een weerbaarheidsplan voorbij zijn `go`, met een
    /// tussenevaluatie.
    Ver,
    /// Op weg: het hoofdtraject `klaar` stappen gevorderd, een weerbaarheidsplan dat bij
    /// zijn beslismoment wacht.
    OpWeg(i32),
    /// Net begonnen: geen traject voorbij zijn eerste stap.
    Begint,
    /// Het hoofdtraject staat al meer dan acht weken op dezelfde stap.
    Stil,
}

/// Een demogemeente: CBS-code, de namen van de vijf vaste gebieden, of het dorpen en
/// kernen zijn of wijken en buurten, de extra buurten of kernen (naam en bovenliggend
/// gebied: 0 of 4 van de vijf), hoe ver ze is, en of de tekenen haar DNA beslissen.
struct DemoGemeente {
    code: &'static str,
    namen: [&'static str; 5],
    dorpen: bool,
    extra: &'static [(&'static str, usize)],
    voortgang: Voortgang,
    tekenen: bool,
}

const fn demo(
    code: &'static str,
    namen: [&'static str; 5],
    dorpen: bool,
    extra: &'static [(&'static str, usize)],
    voortgang: Voortgang,
) -> DemoGemeente {
    DemoGemeente {
        code,
        namen,
        dorpen,
        extra,
        voortgang,
        tekenen: false,
    }
}

/// Elf gemeenten die verschillen in grootte en voortgang; de namen zijn verzonnen.
const GEMEENTEN: &[DemoGemeente] = &[
    demo(
        "GM0796",
        [
            "Vestingkwartier",
            "Bastionhof",
            "Vestingkwartier-Zuid",
            "Grachtzicht",
            "Dommelrode",
        ],
        false,
        &[
            ("Vestingkwartier-Noord", 0),
            ("Kazernehof", 0),
            ("Ravelijn", 0),
            ("Dommelrode-Oost", 4),
            ("Sluiskade", 4),
            ("Molenwerf", 4),
        ],
        Voortgang::Ver,
    ),
    demo(
        "GM1721",
        [
            "Eikenlaar",
            "Hazeldonk",
            "Eikenlaar-Kerk",
            "Molenbeemd",
            "Kievitsrode",
        ],
        true,
        &[
            ("Eikenlaar-Veld", 0),
            ("Kievitsrode-Kern", 4),
            ("Bosakker", 4),
        ],
        Voortgang::OpWeg(1),
    ),
    demo(
        "GM0755",
        [
            "Peelrode",
            "Vennehoek",
            "Peelrode-Noord",
            "Turfakker",
            "Boekweitveld",
        ],
        true,
        &[],
        Voortgang::Begint,
    ),
    demo(
        "GM0757",
        [
            "Dommelkwartier",
            "Kasteelhoek",
            "Dommelkwartier-West",
            "Beemdenhof",
            "Linderode",
        ],
        false,
        &[("Stationshof", 0), ("Linderode-Zuid", 4)],
        Voortgang::OpWeg(0),
    ),
    demo(
        "GM0797",
        [
            "Vestinghaven",
            "Wijkse Hoek",
            "Vestinghaven-Oost",
            "Dijkzicht",
            "Maasakker",
        ],
        false,
        &[("Havenkade", 0)],
        Voortgang::Stil,
    ),
    demo(
        "GM1982",
        [
            "Maasdonk",
            "Heikamp",
            "Maasdonk-Dorp",
            "Veerhoek",
            "Raamsveld",
        ],
        true,
        &[
            ("Maasdonk-Veld", 0),
            ("Kraaienhoek", 0),
            ("Ooievaarsrode", 0),
            ("Raamsveld-Kern", 4),
            ("Paterslaak", 4),
            ("Veenhuizen", 4),
            ("Brakelrode", 4),
        ],
        Voortgang::OpWeg(2),
    ),
    demo(
        "GM1991",
        [
            "Heidelaar",
            "Bosrode",
            "Heidelaar-Kern",
            "Zandakker",
            "Vlasakker",
        ],
        true,
        &[
            ("Heidelaar-Veld", 0),
            ("Vlasakker-Kern", 4),
            ("Ganzenrode", 4),
            ("Kempenhoek", 4),
        ],
        Voortgang::OpWeg(1),
    ),
    demo(
        "GM1948",
        [
            "Aadonk",
            "Kapelhoek",
            "Aadonk-Zuid",
            "Meierakker",
            "Beekveld",
        ],
        true,
        &[
            ("Aadonk-Noord", 0),
            ("Kerkveld", 0),
            ("Beekveld-Kern", 4),
            ("Hoeverode", 4),
            ("Schijndonk", 4),
        ],
        Voortgang::OpWeg(2),
    ),
    demo(
        "GM0828",
        [
            "Kloosterakker",
            "Heidehoek",
            "Kloosterakker-Oost",
            "Zwaluwhof",
            "Reigerstede",
        ],
        false,
        &[],
        Voortgang::OpWeg(0),
    ),
    DemoGemeente {
        tekenen: true,
        ..demo(
            "GM0845",
            [
                "Essenrode",
                "Dommelhoek",
                "Essenrode-Oost",
                "Kasteelakker",
                "Beekrode",
            ],
            false,
            &[("Essenrode-West", 0), ("Beekrode-Noord", 4)],
            Voortgang::OpWeg(1),
        )
    },
    demo(
        "GM0865",
        [
            "Villapark-Noord",
            "Isabellahoek",
            "Villapark-Zuid",
            "Taalakker",
            "Lindenhof",
        ],
        false,
        &[("Lindenhof-Oost", 4)],
        Voortgang::OpWeg(0),
    ),
];

/// De demogemeente bij een CBS-code; een onbekende code krijgt die van Vught.
fn demogemeente(code: &str) -> &'static DemoGemeente {
    let vught = &GEMEENTEN[GEMEENTEN.len() - 1];
    GEMEENTEN.iter().find(|g| g.code == code).unwrap_or(vught)
}

/// De extra buurten of kernen van een gemeente: klein, om en om sterk en zwak gemeten,
/// en elke derde alleen met tekenen.
fn extra_gebieden(index: usize, demo: &DemoGemeente) -> Vec<Gebied> {
    let v = (index % 5) as f64 / 4.0;
    let soort = if demo.dorpen { "kern" } else { "buurt" };
    demo.extra
        .iter()
        .enumerate()
        .map(|(i, (naam, ouder))| {
            let ja = |n: usize| -> Tekenen { std::array::from_fn(|t| Some(t < n)) };
            let (indicatoren, tekenen) = match i % 3 {
                0 => (klein_sterk(v), ja(4)),
                1 => (klein_zwak(v), GEEN_TEKENEN),
                _ => (
                    GEEN_INDICATOREN,
                    ja(if index.is_multiple_of(2) { 2 } else { 5 }),
                ),
            };
            Gebied {
                naam: (*naam).to_owned(),
                soort,
                inwonertal: 900 + 130 * i as i32 + 20 * index as i32,
                ouder: Some(*ouder),
                metingen: vec![Meting {
                    peildatum: "2025-10-31",
                    indicatoren,
                    tekenen,
                }],
            }
        })
        .collect()
}

/// De demogebieden en trajecten van één gemeente; bestaan ze al (op de naam van het
/// eerste gebied), dan niets. Geeft het aantal nieuwe gebieden.
pub async fn gemeente(
    db: &DatabaseConnection,
    gemeente: &SeedGemeente,
    index: usize,
) -> Result<u64, sea_orm::DbErr> {
    let demo = demogemeente(gemeente.code);
    let bestaat = db
        .query_one_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "SELECT EXISTS (SELECT 1 FROM gebied g JOIN gemeente m ON m.id = g.gemeente_id \
             WHERE m.code = $1 AND g.naam = $2)",
            [gemeente.code.into(), demo.namen[0].into()],
        ))
        .await?
        .and_then(|r| r.try_get_by_index::<bool>(0).ok())
        .unwrap_or(false);
    if bestaat {
        return Ok(0);
    }
    if demo.tekenen {
        db.execute_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "UPDATE gemeente SET dna_basis = 'tekenen' WHERE code = $1",
            [gemeente.code.into()],
        ))
        .await?;
    }
    let mut gebieden = gebieden(index, demo.namen, demo.dorpen);
    if demo.tekenen {
        // De tekenen zeggen hier sterk, de indicatoren zwak: de keuze van de gemeente
        // beslist.
        for meting in &mut gebieden[1].metingen {
            meting.tekenen = std::array::from_fn(|i| Some(i < 5));
        }
    }
    gebieden.extend(extra_gebieden(index, demo));
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
    trajecten(db, &ids, index, demo.voortgang).await?;
    leidraad_invullen(db, gemeente.code).await?;
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

/// Een demotraject: gebied (index), plan, naam, stappen, hoeveel afgerond, status en
/// hoeveel dagen geleden de laatste stap wisselde.
struct DemoTraject {
    gebied: usize,
    aanpak: &'static str,
    naam: &'static str,
    klaar: i32,
    status: &'static str,
    stil: i32,
}

impl DemoTraject {
    fn stappen(&self) -> std::ops::RangeInclusive<i32> {
        match self.aanpak {
            "coordinerend" => 0..=6,
            "coachend" => 0..=4,
            _ => 1..=12,
        }
    }
}

/// Een traject en zijn stappen: `afgerond` tot en met `klaar`, `bezig` daarna één (bij
/// een lopend traject); elke stap duurde drie weken en de laatste wissel was `stil`
/// dagen geleden.
async fn traject(
    db: &DatabaseConnection,
    gebied: Uuid,
    t: &DemoTraject,
) -> Result<Uuid, sea_orm::DbErr> {
    let id = Uuid::now_v7();
    db.execute_raw(Statement::from_sql_and_values(
        DbBackend::Postgres,
        "INSERT INTO traject (id, gemeente_id, gebied_id, aanpak, naam, voorgestelde_aanpak, status) \
         SELECT $1, gemeente_id, id, $2, $3, ARRAY[$2], $4 FROM gebied WHERE id = $5",
        [
            id.into(),
            t.aanpak.into(),
            t.naam.into(),
            t.status.into(),
            gebied.into(),
        ],
    ))
    .await?;
    let stappen = t.stappen();
    db.execute_raw(Statement::from_sql_and_values(
        DbBackend::Postgres,
        "INSERT INTO traject_stap (traject_id, gemeente_id, nummer, status, gestart_op, afgerond_op) \
         SELECT t.id, t.gemeente_id, n, \
           CASE WHEN n <= $4 THEN 'afgerond' WHEN n = $4 + 1 AND t.status = 'lopend' THEN 'bezig' \
                ELSE 'open' END, \
           CASE WHEN n <= $4 + 1 THEN current_date - $5 - ($4 + 1 - n) * 21 END, \
           CASE WHEN n <= $4 THEN current_date - $5 - ($4 - n) * 21 END \
         FROM traject t, generate_series($2::int, $3::int) AS n WHERE t.id = $1",
        [
            id.into(),
            (*stappen.start()).into(),
            (*stappen.end()).into(),
            t.klaar.into(),
            t.stil.into(),
        ],
    ))
    .await?;
    Ok(id)
}

/// De trajecten van een gemeente, naar haar voortgang. Altijd een hoofdtraject in de
/// grote wijk (coördinerend in vak 4, coachend in vak 3), een afgerond coachend
/// traject in de kleine kern van elke derde gemeente, en in de wijk waar de tekenen
/// beslisten een weerbaarheidsplan: bij de meeste gemeenten wacht het bij het
/// beslismoment (stap 1–3 afgerond, stap 4 bezig, nog geen besluit).
async fn trajecten(
    db: &DatabaseConnection,
    ids: &[Uuid],
    index: usize,
    voortgang: Voortgang,
) -> Result<(), sea_orm::DbErr> {
    let aanpak = if index.is_multiple_of(2) {
        "coordinerend"
    } else {
        "coachend"
    };
    let (hoofd, weerbaar) = match voortgang {
        Voortgang::Ver => (("coordinerend", 5, 18), (7, 12)),
        Voortgang::OpWeg(klaar) => ((aanpak, klaar, 16 + 3 * index as i32), (3, 9)),
        Voortgang::Begint => ((aanpak, -1, 12), (0, 5)),
        Voortgang::Stil => ((aanpak, 1, 100), (3, 20)),
    };
    let mut lijst = vec![
        DemoTraject {
            gebied: 0,
            aanpak: hoofd.0,
            naam: "Netwerk in de wijk",
            klaar: hoofd.1,
            status: "lopend",
            stil: hoofd.2,
        },
        DemoTraject {
            gebied: 4,
            aanpak: "weerbaarheid",
            naam: "Weerbare wijk",
            klaar: weerbaar.0,
            status: "lopend",
            stil: weerbaar.1,
        },
    ];
    if index % 3 == 1 {
        lijst.push(DemoTraject {
            gebied: 1,
            aanpak: "coachend",
            naam: "Buurtnetwerk",
            klaar: 4,
            status: "afgerond",
            stil: 60,
        });
    }
    // Een grote gemeente heeft meer lopende trajecten, in haar extra buurten of kernen.
    if ids.len() > 9 {
        lijst.push(DemoTraject {
            gebied: 5,
            aanpak: "coachend",
            naam: "Buurt aan zet",
            klaar: 2,
            status: "lopend",
            stil: 25,
        });
    }
    for t in &lijst {
        let Some(gebied) = ids.get(t.gebied) else {
            continue;
        };
        let id = traject(db, *gebied, t).await?;
        if t.aanpak == "weerbaarheid" && t.klaar >= 4 {
            besluiten(db, id).await?;
        }
    }
    Ok(())
}

/// Het besluit `go` op het beslismoment (na stap 4) en een tussenevaluatie na stap 5.
async fn besluiten(db: &DatabaseConnection, traject: Uuid) -> Result<(), sea_orm::DbErr> {
    db.execute_raw(Statement::from_sql_and_values(
        DbBackend::Postgres,
        "INSERT INTO traject_besluit (id, gemeente_id, traject_id, besluit, soort, reden, datum) \
         SELECT u.id, s.gemeente_id, s.traject_id, 'go', u.soort, u.reden, s.afgerond_op \
         FROM traject_stap s JOIN (VALUES \
           ($2::uuid, 'beslismoment', 4, 'Draagvlak bij bewoners en partners; tijd en budget voor twee jaar.'), \
           ($3::uuid, 'evaluatie', 5, 'Het plan van aanpak staat; de rolverdeling werkt. Doorgaan.')) \
           AS u(id, soort, stap, reden) ON u.stap = s.nummer \
         WHERE s.traject_id = $1 AND s.afgerond_op IS NOT NULL",
        [
            traject.into(),
            Uuid::now_v7().into(),
            Uuid::now_v7().into(),
        ],
    ))
    .await?;
    Ok(())
}

/// Voorbeeldantwoorden op vragen van de leidraad; een vraag zonder eigen voorbeeld
/// krijgt [`ANTWOORD`]. Ze noemen functies, geen mensen.
const ANTWOORDEN: &[(&str, &str)] = &[
    (
        "co0-kwetsbaren",
        "Veel ouderen die alleen wonen; de wijkverpleging weet waar.",
    ),
    (
        "co1-achterban",
        "Buurtvereniging, sportclub, moskee en de basisschool.",
    ),
    (
        "co3-netwerkdoelen",
        "Elkaar kennen vóór een crisis; een belboom bij stroomuitval binnen een jaar.",
    ),
    (
        "co3-organisatievorm",
        "Vier keer per jaar bij elkaar, een kerngroep van drie, voorzitter uit het netwerk.",
    ),
    (
        "ca0-kwetsbaren",
        "Mantelzorgers en gezinnen zonder auto aan de rand van de kern.",
    ),
    (
        "ca2-netwerkdoelen",
        "Bestaande netwerken weten van elkaar wat ze kunnen bieden.",
    ),
    (
        "wb1-voorbeelden",
        "Twee voorbeelden uit de regio gelezen; een bezoek aan een buurgemeente.",
    ),
    (
        "wb3-eerdere-trajecten",
        "Een eerder buurtproject in 2022; het stopte toen de trekker vertrok.",
    ),
    (
        "wb4-draagvlak",
        "Wijkagent, woningcorporatie en welzijn doen mee; de wethouder steunt het.",
    ),
    (
        "wb5-vraagstuk",
        "Ondermijning rond leegstaande bedrijfspanden; bewoners voelen zich onveilig.",
    ),
];

/// Het antwoord op een vraag zonder eigen voorbeeld.
const ANTWOORD: &str = "Besproken in het kernteam; de uitwerking staat in het verslag.";

/// Vult de leidraad in bij de trajecten van een gemeente: een afgeronde stap heeft elke
/// vraag beantwoord en elk checklistpunt afgevinkt (door een coördinator, op de dag
/// dat de stap afrondde), een stap die bezig is het antwoord op zijn eerste vraag.
/// Alleen stappen zonder antwoorden; het synthetische model gebruikt hetzelfde.
pub(crate) async fn leidraad_invullen(
    db: &DatabaseConnection,
    code: &str,
) -> Result<u64, sea_orm::DbErr> {
    let (sleutels, antwoorden): (Vec<String>, Vec<String>) = ANTWOORDEN
        .iter()
        .map(|(s, a)| ((*s).to_owned(), (*a).to_owned()))
        .unzip();
    let gewijzigd = db
        .execute_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "WITH m AS (SELECT id FROM gemeente WHERE code = $1), \
                  c AS (SELECT DISTINCT ON (gemeente_id) gemeente_id, id FROM gebruiker \
                        WHERE gemeente_id = (SELECT id FROM m) AND 'coordinator' = ANY (rollen) \
                        ORDER BY gemeente_id, gebruikersnaam), \
                  voorbeeld AS (SELECT * FROM unnest($2::text[], $3::text[]) AS v(sleutel, antwoord)), \
                  gids AS (SELECT s.traject_id, s.nummer, s.status, s.afgerond_op, st AS stap \
                        FROM traject_stap s JOIN traject t ON t.id = s.traject_id \
                        JOIN leidraad l ON l.aanpak = t.aanpak AND l.versie = t.leidraad_versie \
                        CROSS JOIN LATERAL jsonb_array_elements(l.inhoud->'stappen') AS st \
                        WHERE (st->>'nummer')::int = s.nummer AND s.gemeente_id = (SELECT id FROM m) \
                          AND s.status IN ('afgerond', 'bezig') AND s.antwoorden = '{}') \
             UPDATE traject_stap s SET \
               antwoorden = (SELECT coalesce(jsonb_object_agg(v->>'sleutel', \
                               coalesce((SELECT antwoord FROM voorbeeld WHERE sleutel = v->>'sleutel'), $4)), '{}') \
                             FROM jsonb_array_elements(g.stap->'vragen') WITH ORDINALITY AS q(v, i) \
                             WHERE g.status = 'afgerond' OR q.i = 1), \
               afgevinkt = CASE WHEN g.status = 'afgerond' THEN \
                             (SELECT coalesce(jsonb_object_agg(v->>'sleutel', jsonb_build_object( \
                                'door', (SELECT id FROM c), 'op', to_jsonb(g.afgerond_op::timestamptz))), '{}') \
                              FROM jsonb_array_elements(g.stap->'checklist') AS k(v)) \
                           ELSE s.afgevinkt END \
             FROM gids g WHERE s.traject_id = g.traject_id AND s.nummer = g.nummer",
            [
                code.into(),
                sleutels.into(),
                antwoorden.into(),
                ANTWOORD.into(),
            ],
        ))
        .await?
        .rows_affected();
    Ok(gewijzigd)
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
    let voortgang = demogemeente(gemeente.code).voortgang;
    // Twee contactambtenaren (de coördinator vast, de beheerder als achtervang), behalve
    // waar de gemeente net begint of stilstaat: daar één, en dat signaleert de gezondheid.
    let twee = !matches!(voortgang, Voortgang::Begint | Voortgang::Stil);
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
                             WHERE u.gemeente_id = m.id AND ('coordinator' = ANY (u.rollen)
                               OR ($4 AND 'gemeente_beheerder' = ANY (u.rollen)))), '{}'),
                   '{"frequentie": "vier keer per jaar", "agenda": "Wat speelt er in de buurt; oefening voorbereiden",
                     "plaats": "Buurthuis", "signalen": "Naar de wijkverbinder, binnen een week teruggekoppeld"}',
                   '[{"scenario": "stroomuitval", "hulp": ["handjes", "hulpmiddelen"],
                      "activering": "De wijkverbinder belt de voorzitter; die zet de belboom in gang",
                      "activeringOffline": "De voorzitter fietst langs de kerngroep; die gaan langs de deuren",
                      "capaciteit": {"omschrijving": "Acht mensen met een auto en een aggregaat in het buurthuis", "aantal": 8},
                      "laatstHerzien": "2026-03-15"},
                     {"scenario": "hittegolf", "hulp": ["handjes", "hoofdjes"],
                      "activering": "Via de appgroep van de kerngroep, op verzoek van de gemeente",
                      "laatstHerzien": "2025-06-01"}]'
               FROM gemeente m WHERE m.code = $3
               ON CONFLICT (gemeente_id, naam) DO NOTHING"#,
            [
                netwerk.into(),
                naam.into(),
                gemeente.code.into(),
                twee.into(),
            ],
        ))
        .await?
        .rows_affected();
    if nieuw == 0 {
        return Ok(0);
    }
    contactpersonen(db, netwerk, twee).await?;
    if matches!(voortgang, Voortgang::Ver | Voortgang::Stil) {
        wijknetwerk(db, gemeente, twee).await?;
    }
    initiatieven(db, netwerk).await?;
    budget(db, netwerk).await?;
    netwerkpraktijk(db, netwerk).await?;
    for (i, voornaam) in VOORNAMEN.iter().enumerate() {
        sleutelpersoon(db, netwerk, i, voornaam).await?;
    }
    Ok(VOORNAMEN.len() as u64)
}

/// De coördinator is de vaste contactpersoon (`primair`) van een netwerk met een
/// achtervang.
async fn contactpersonen(
    db: &DatabaseConnection,
    netwerk: Uuid,
    twee: bool,
) -> Result<(), sea_orm::DbErr> {
    db.execute_raw(Statement::from_sql_and_values(
        DbBackend::Postgres,
        "UPDATE netwerk n SET primair = (SELECT u.id FROM gebruiker u WHERE u.id = ANY (n.contactambtenaren) \
           AND 'coordinator' = ANY (u.rollen) ORDER BY u.gebruikersnaam LIMIT 1) \
         WHERE n.id = $1 AND $2 AND cardinality(n.contactambtenaren) >= 2",
        [netwerk.into(), twee.into()],
    ))
    .await?;
    Ok(())
}

/// Een wijknetwerk in de grote wijk: bewoners, zorg en ondernemers rond veilig wonen.
/// Met een vaste contactpersoon en achtervang waar de gemeente ver is; waar ze
/// stilstaat alleen de coördinator, zonder vaste contactpersoon (`geen_vast_contact`).
async fn wijknetwerk(
    db: &DatabaseConnection,
    gemeente: &SeedGemeente,
    twee: bool,
) -> Result<(), sea_orm::DbErr> {
    let id = Uuid::now_v7();
    db.execute_raw(Statement::from_sql_and_values(
        DbBackend::Postgres,
        r#"INSERT INTO netwerk (id, gemeente_id, naam, vorm, doelen, gemeente_rol, rol_historie, fase,
               fase_historie, werkwijze, voorzitter, gebied_ids, contactambtenaren)
           SELECT $1, m.id, 'Wijknetwerk ' || g.naam, 'wijknetwerk', '{veilig_wonen,goede_zorg}',
               '{regisseur}', '[{"gemeenteRol": ["regisseur"], "vanaf": "2026-01-15"}]', 'opbouw',
               '[{"fase": "voorbereiding", "datum": "2026-01-15"}, {"fase": "opbouw", "datum": "2026-05-01"}]',
               'periodiek', 'gemeente', ARRAY[g.id],
               coalesce((SELECT array_agg(u.id ORDER BY u.gebruikersnaam) FROM gebruiker u
                         WHERE u.gemeente_id = m.id AND ('coordinator' = ANY (u.rollen)
                           OR ($3 AND 'gemeente_beheerder' = ANY (u.rollen)))), '{}')
           FROM gemeente m JOIN traject t ON t.gemeente_id = m.id AND t.naam = 'Netwerk in de wijk'
           JOIN gebied g ON g.id = t.gebied_id
           WHERE m.code = $2
           ON CONFLICT (gemeente_id, naam) DO NOTHING"#,
        [id.into(), gemeente.code.into(), twee.into()],
    ))
    .await?;
    contactpersonen(db, id, twee).await
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
/// demonetwerk: twee lokale organisaties (een buurthuis voor het eerste gebied van het
/// netwerk en de eigen afdeling OOV voor de hele gemeente), het
/// buurthuis en het Rode Kruis uit de catalogus als partners, de eerste en tweede
/// bijeenkomst en een netwerkbijeenkomst van vorige maand, en een geëvalueerde
/// tabletop-oefening stroomuitval.
async fn netwerkpraktijk(db: &DatabaseConnection, netwerk: Uuid) -> Result<(), sea_orm::DbErr> {
    let buurthuis = Uuid::now_v7();
    db.execute_raw(Statement::from_sql_and_values(
        DbBackend::Postgres,
        "INSERT INTO organisatie (id, gemeente_id, naam, soort, veld, categorie, niveau, capaciteiten, rollen, \
           aanbod, activering, contact, gebied_ids) \
         SELECT u.id, n.gemeente_id, u.naam, u.soort, u.veld, u.categorie, 'lokaal', u.capaciteiten, u.rollen, \
           u.aanbod, u.activering, u.contact, CASE WHEN u.soort = 'partner' THEN n.gebied_ids[1:1] ELSE '{}' END \
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
    aan_stappen(db, netwerk).await?;
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

/// Hangt het werk van het demonetwerk aan de stappen van het eerste traject dat zo ver
/// kwam: de eerste en tweede bijeenkomst aan de stap met de twee bijeenkomsten
/// (coördinerend 3, coachend 2; het netwerk wordt het netwerk van die stap, en de
/// bijeenkomsten vallen in de weken van de stap), de oefening aan de stap van de
/// oefening (coördinerend 6, coachend 4).
async fn aan_stappen(db: &DatabaseConnection, netwerk: Uuid) -> Result<(), sea_orm::DbErr> {
    const STAP: &str = "WITH stap AS (SELECT s.traject_id, s.nummer, s.gestart_op FROM traject_stap s \
           JOIN traject t ON t.id = s.traject_id JOIN netwerk n ON n.gemeente_id = t.gemeente_id \
           WHERE n.id = $1 AND s.status IN ('afgerond', 'bezig') AND s.nummer = CASE t.aanpak \
             WHEN 'coordinerend' THEN $2 WHEN 'coachend' THEN $3 END \
           ORDER BY t.created_at LIMIT 1)";
    db.execute_raw(Statement::from_sql_and_values(
        DbBackend::Postgres,
        format!(
            "{STAP}, bij AS (UPDATE bijeenkomst b SET traject_id = stap.traject_id, stap = stap.nummer, \
               datum = least(stap.gestart_op + CASE b.soort WHEN 'eerste_bijeenkomst' THEN 4 ELSE 16 END, \
                             current_date - 1) \
             FROM stap WHERE b.netwerk_id = $1 AND b.soort IN ('eerste_bijeenkomst', 'tweede_bijeenkomst')) \
             UPDATE traject_stap s SET netwerk_id = $1 FROM stap \
             WHERE s.traject_id = stap.traject_id AND s.nummer = stap.nummer"
        ),
        [netwerk.into(), 3.into(), 2.into()],
    ))
    .await?;
    db.execute_raw(Statement::from_sql_and_values(
        DbBackend::Postgres,
        format!(
            "{STAP} UPDATE oefening o SET traject_id = stap.traject_id, stap = stap.nummer \
             FROM stap WHERE o.netwerk_id = $1"
        ),
        [netwerk.into(), 6.into(), 4.into()],
    ))
    .await?;
    Ok(())
}

/// Wat de tweede bijeenkomst afsprak: doelen, organisatievorm en de ondersteuning in
/// een crisis (het netwerk toont het in `afsprakenBijeenkomsten`).
const AFSPRAKEN: &str = r#"{"doelen": ["voorlichting_bewustwording", "crisisparaatheid"],
    "organisatievorm": {"relatiebeheer": "Vier keer per jaar bij elkaar; de kerngroep houdt contact.",
      "oefenen": "Eén keer per jaar een tabletop met de partners.",
      "kennisdeling": "Een appgroep en een korte nieuwsbrief na elke bijeenkomst.",
      "nodigVanGemeente": "Een vaste contactpersoon en een ruimte om te vergaderen."},
    "crisisondersteuning": [{"scenario": "stroomuitval", "hulp": ["handjes", "hulpmiddelen"],
      "activering": "De wijkverbinder belt de voorzitter; die zet de belboom in gang"}]}"#;

/// Drie bijeenkomsten van het demonetwerk: de eerste, de tweede en een netwerkbijeenkomst.
async fn bijeenkomsten(db: &DatabaseConnection, netwerk: Uuid) -> Result<(), sea_orm::DbErr> {
    db.execute_raw(Statement::from_sql_and_values(
        DbBackend::Postgres,
        r#"INSERT INTO bijeenkomst (id, gemeente_id, soort, datum, begintijd, eindtijd, locatiesoort, locatie,
               netwerk_id, deelnemers, aanwezigen, agenda, verslag, verslag_aan_afwezigen, terugkoppeling, acties,
               afspraken)
           SELECT gen_random_uuid(), n.gemeente_id, u.soort, current_date - u.dagen, TIME '19:30', TIME '21:30',
               u.locatiesoort, u.locatie, n.id, u.deelnemers,
               coalesce((SELECT array_agg(l.sleutelpersoon_id) FROM netwerk_lid l WHERE l.netwerk_id = n.id
                         AND l.eind IS NULL), '{}'),
               u.agenda::jsonb, u.verslag, true, u.terugkoppeling,
               (SELECT coalesce(jsonb_agg(a || jsonb_build_object('id', gen_random_uuid())
                  || CASE WHEN (a->>'gereed')::boolean THEN '{}'::jsonb
                          ELSE jsonb_build_object('deadline', current_date + 7) END), '[]')
                FROM jsonb_array_elements(u.acties::jsonb) a),
               CASE WHEN u.soort = 'tweede_bijeenkomst' THEN $2::jsonb END
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
        [netwerk.into(), AFSPRAKEN.into()],
    ))
    .await?;
    Ok(())
}
