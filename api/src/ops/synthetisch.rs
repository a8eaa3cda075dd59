//! `weefsel seed --synthetic --schaal N [--zaad S]`: deterministische, gevarieerde
//! gegevens op schaal, voor metingen van snelheid en voor proeven met een volle
//! database. Bij schaal 1 per gemeente 60 gebieden (6 wijken of dorpen met elk 9
//! buurten of kernen), twee tot vier metingen per gebied over drie jaar (sommige
//! alleen tekenen, sommige gebieden zonder meting), 15 trajecten in alle toestanden
//! en 30 gebruikers, 8 netwerken en 300 sleutelpersonen (met statusgeschiedenis,
//! toestemming en lidmaatschappen), 150 initiatieven, 4 budgetten met 300 aanvragen en
//! 1 200 regels in het grootboek; schaal 10 is tien keer zoveel. Met de leidraad ingevuld
//! (antwoorden en vinkjes), eerste en tweede bijeenkomsten en oefeningen bij hun stap,
//! evaluaties na een `go`, contactambtenaren met een vaste contactpersoon, en een op de
//! vier gemeenten die de tekenen laat beslissen. Namen zijn verzonnen, cijfers
//! fictief. Elke latere module breidt deze generator uit met haar eigen resources.
//!
//! Alles gaat met één `INSERT ... SELECT FROM unnest(...)` per tabel per gemeente:
//! schaal 10 (6600 gebieden) duurt zo een paar seconden. De audit trail krijgt geen
//! regels: dit zijn geen handelingen van iemand. Weigert in productie, en in een
//! database die al gebieden heeft.

use chrono::NaiveDate;
use migration::gemeenten::{GEMEENTEN, SeedGemeente};
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, Statement, Value};
use uuid::Uuid;

use super::seed::{DEMO_PASSWORD, SeedError};
use crate::auth::secrets;
use crate::config::Config;

/// Hoeveel en met welk zaad.
#[derive(Debug, Clone, Copy)]
pub struct Opties {
    pub schaal: u32,
    pub zaad: u64,
}

/// Wat er gemaakt is.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Verslag {
    pub gebieden: u64,
    pub metingen: u64,
    pub trajecten: u64,
    pub gebruikers: u64,
    pub netwerken: u64,
    pub sleutelpersonen: u64,
    pub initiatieven: u64,
    pub aanvragen: u64,
    pub mutaties: u64,
    pub bijeenkomsten: u64,
    pub oefeningen: u64,
    pub meldingen: u64,
}

/// Een eenvoudige, vaste pseudo-toevalsgenerator (SplitMix64): hetzelfde zaad geeft
/// dezelfde gegevens, op elke machine.
struct Toeval(u64);

impl Toeval {
    fn volgende(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Een getal in [0, 1).
    fn fractie(&mut self) -> f64 {
        (self.volgende() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn tussen(&mut self, van: f64, tot: f64) -> f64 {
        let w = van + (tot - van) * self.fractie();
        (w * 10.0).round() / 10.0
    }

    fn onder(&mut self, n: usize) -> usize {
        (self.volgende() % n.max(1) as u64) as usize
    }

    fn kans(&mut self, p: f64) -> bool {
        self.fractie() < p
    }

    fn uuid(&mut self) -> Uuid {
        let mut bytes = [0u8; 16];
        bytes[..8].copy_from_slice(&self.volgende().to_le_bytes());
        bytes[8..].copy_from_slice(&self.volgende().to_le_bytes());
        uuid::Builder::from_random_bytes(bytes).into_uuid()
    }
}

const VOOR: [&str; 16] = [
    "Linden",
    "Wilgen",
    "Kievit",
    "Zwaluw",
    "Reiger",
    "Berken",
    "Hazel",
    "Vlinder",
    "Meidoorn",
    "Eglantier",
    "Hulst",
    "Esdoorn",
    "Lijster",
    "Merel",
    "Vlas",
    "Rogge",
];
const ACHTER: [&str; 12] = [
    "rode", "hoek", "akker", "hof", "stede", "veld", "kamp", "laar", "donk", "beemd", "dal",
    "horst",
];
const KANT: [&str; 9] = [
    "Noord", "Zuid", "Oost", "West", "Midden", "Centrum", "Haven", "Park", "Kerk",
];

/// De gemeenten met dorpen en kernen in plaats van wijken en buurten.
const DORPEN: [&str; 5] = ["GM1721", "GM0755", "GM1982", "GM1991", "GM1948"];

/// De zeven indicatoren: (sterk, zwak) als middelpunt van een klein gebied; een
/// groot gebied ligt iets lager (zoals de cellen van de handreiking).
const MIDDEN: [(f64, f64); 7] = [
    (3.6, 1.2),
    (45.0, 24.0),
    (55.0, 28.0),
    (24.0, 6.0),
    (75.0, 55.0),
    (7.0, 22.0),
    (7.9, 5.8),
];

/// Eén gebied in aanmaak.
struct Gebied {
    id: Uuid,
    naam: String,
    soort: &'static str,
    inwonertal: i32,
    ouder: Option<Uuid>,
}

/// Eén meting in aanmaak: peildatum, indicatoren en tekenen.
struct Meting {
    id: Uuid,
    gebied: Uuid,
    peildatum: NaiveDate,
    indicatoren: [Option<f64>; 7],
    tekenen: [Option<bool>; 7],
}

/// Een traject in aanmaak: plan, status, hoeveel stappen klaar, en een besluit.
struct Traject {
    id: Uuid,
    gebied: Uuid,
    aanpak: &'static str,
    status: &'static str,
    klaar: i32,
    besluit: Option<&'static str>,
}

/// Laadt de synthetische gegevens; `voortgang` hoort na elke gemeente (en na de
/// profielen) van de vooruitgang, in stappen van 1 tot en met [`stappen`].
pub async fn laden(
    db: &DatabaseConnection,
    config: &Config,
    opties: Opties,
    voortgang: impl Fn(u64),
) -> Result<Verslag, SeedError> {
    if config.is_production() {
        return Err(SeedError::Production);
    }
    let bestaand = db
        .query_one_raw(Statement::from_string(
            DbBackend::Postgres,
            "SELECT count(*) FROM gebied",
        ))
        .await?
        .and_then(|r| r.try_get_by_index::<i64>(0).ok())
        .unwrap_or(0);
    if bestaand > 0 {
        return Err(SeedError::NietLeeg);
    }
    let sleutels = crate::audit::AuditSleutels::laden(config)
        .map_err(|e| SeedError::Sleutels(format!("{e:#}")))?;
    super::seed::demo_users(db, &sleutels).await?;
    let hash = secrets::hash_password(DEMO_PASSWORD).map_err(|_| SeedError::Hash)?;
    let mut verslag = Verslag::default();
    let mut toeval = Toeval(opties.zaad);
    for (index, gemeente) in GEMEENTEN.iter().enumerate() {
        let schaal = opties.schaal.max(1) as usize;
        let gebieden = gebieden_van(&mut toeval, gemeente, schaal);
        let metingen = metingen_van(&mut toeval, &gebieden);
        let trajecten = trajecten_van(&mut toeval, &gebieden, schaal);
        if index % 4 == 3 {
            // Een op de vier gemeenten laat de niet-meetbare tekenen beslissen.
            uitvoeren(
                db,
                "UPDATE gemeente SET dna_basis = 'tekenen' WHERE code = $1",
                vec![gemeente.code.into()],
            )
            .await?;
        }
        insert_gebieden(db, gemeente, &gebieden).await?;
        insert_metingen(db, &metingen).await?;
        insert_trajecten(db, &trajecten).await?;
        verslag.gebruikers += insert_gebruikers(db, gemeente, schaal, &hash).await?;
        let netwerken = netwerken_van(&mut toeval, &gebieden, schaal);
        let personen = sleutelpersonen_van(&mut toeval, &gebieden, &netwerken, schaal);
        insert_netwerken(db, gemeente, &netwerken).await?;
        super::demo::leidraad_invullen(db, gemeente.code).await?;
        insert_sleutelpersonen(db, gemeente, &personen).await?;
        let initiatieven =
            insert_initiatieven(db, gemeente, &mut toeval, &gebieden, &netwerken, schaal).await?;
        verslag.initiatieven += initiatieven.len() as u64;
        let (aanvragen, mutaties) =
            insert_budgetten(db, gemeente, &mut toeval, &initiatieven, schaal).await?;
        verslag.aanvragen += aanvragen;
        verslag.mutaties += mutaties;
        let (bijeenkomsten, oefeningen, meldingen) =
            insert_netwerkpraktijk(db, gemeente, schaal).await?;
        verslag.bijeenkomsten += bijeenkomsten;
        verslag.oefeningen += oefeningen;
        verslag.meldingen += meldingen;
        verslag.netwerken += netwerken.len() as u64;
        verslag.sleutelpersonen += personen.len() as u64;
        verslag.gebieden += gebieden.len() as u64;
        verslag.metingen += metingen.len() as u64;
        verslag.trajecten += trajecten.len() as u64;
        voortgang(index as u64 + 1);
    }
    super::dna::herberekenen(db, true, None).await?;
    // Statistieken en de visibility map, zoals autovacuum ze later ook zou zetten: tellen
    // gaat dan met een index-only scan.
    db.execute_unprepared("VACUUM (ANALYZE)").await?;
    voortgang(stappen());
    Ok(verslag)
}

/// Het aantal stappen van de voortgang: elke gemeente, dan de profielen.
pub fn stappen() -> u64 {
    GEMEENTEN.len() as u64 + 1
}

fn gebieden_van(toeval: &mut Toeval, gemeente: &SeedGemeente, schaal: usize) -> Vec<Gebied> {
    let dorpen = DORPEN.contains(&gemeente.code);
    let (groot, klein) = if dorpen {
        ("dorp", "kern")
    } else {
        ("wijk", "buurt")
    };
    let mut gebieden = Vec::new();
    for w in 0..6 * schaal {
        let naam = format!(
            "{}{} {}",
            VOOR[toeval.onder(VOOR.len())],
            ACHTER[toeval.onder(ACHTER.len())],
            w + 1
        );
        let id = toeval.uuid();
        gebieden.push(Gebied {
            id,
            naam: naam.clone(),
            soort: groot,
            inwonertal: 3000 + toeval.onder(12_000) as i32,
            ouder: None,
        });
        for (b, kant) in KANT.iter().enumerate() {
            gebieden.push(Gebied {
                id: toeval.uuid(),
                naam: format!("{naam}-{kant}"),
                soort: klein,
                inwonertal: 300 + toeval.onder(3_700) as i32 + b as i32,
                ouder: Some(id),
            });
        }
    }
    gebieden
}

const PEILDATA: [(i32, u32, u32); 4] = [(2023, 6, 30), (2024, 6, 30), (2025, 6, 30), (2026, 3, 31)];

fn metingen_van(toeval: &mut Toeval, gebieden: &[Gebied]) -> Vec<Meting> {
    let mut metingen = Vec::new();
    for gebied in gebieden {
        let soort = toeval.fractie();
        if soort < 0.1 {
            continue; // nog niet gemeten
        }
        let alleen_tekenen = soort < 0.25;
        // Waar het gebied ligt tussen sterk (0) en zwak (1), met wat ruis per meting.
        let ligging = toeval.fractie();
        let groot = gebied.inwonertal >= 5000;
        let aantal = 2 + toeval.onder(3);
        for (n, (j, m, d)) in PEILDATA.iter().enumerate().skip(4 - aantal) {
            let peildatum = NaiveDate::from_ymd_opt(*j, *m, *d).unwrap_or_default();
            let mut indicatoren = [None; 7];
            if !alleen_tekenen {
                // Een latere meting bevat soms maar een deel van de indicatoren.
                let deel = n > 4 - aantal && toeval.kans(0.4);
                for (i, (sterk, zwak)) in MIDDEN.iter().enumerate() {
                    if deel && toeval.kans(0.5) {
                        continue;
                    }
                    let punt = (ligging + toeval.tussen(-0.15, 0.15)).clamp(0.0, 1.0);
                    let mut w = sterk + (zwak - sterk) * punt;
                    if groot && i != 4 && i != 5 {
                        w *= 0.85;
                    }
                    let (min, max) = if i == 6 { (1.0, 9.0) } else { (0.0, 100.0) };
                    indicatoren[i] = Some(((w * 10.0).round() / 10.0).clamp(min, max));
                }
            }
            let tekenen = if alleen_tekenen || toeval.kans(0.5) {
                std::array::from_fn(|_| Some(toeval.fractie() > ligging))
            } else {
                [None; 7]
            };
            metingen.push(Meting {
                id: toeval.uuid(),
                gebied: gebied.id,
                peildatum,
                indicatoren,
                tekenen,
            });
        }
    }
    metingen
}

/// Vijftien trajecten per schaal in alle toestanden, elk in een willekeurig gebied.
fn trajecten_van(toeval: &mut Toeval, gebieden: &[Gebied], schaal: usize) -> Vec<Traject> {
    const SOORTEN: [(&str, &str, i32, Option<&str>); 15] = [
        ("coordinerend", "lopend", 0, None),
        ("coordinerend", "lopend", 3, None),
        ("coordinerend", "afgerond", 6, None),
        ("coordinerend", "gestopt", 2, None),
        ("coachend", "lopend", 1, None),
        ("coachend", "lopend", 2, None),
        ("coachend", "afgerond", 4, None),
        ("coachend", "gestopt", 0, None),
        ("weerbaarheid", "lopend", 2, None),
        ("weerbaarheid", "lopend", 3, None),
        ("weerbaarheid", "lopend", 3, Some("nog_niet")),
        ("weerbaarheid", "lopend", 4, Some("go")),
        ("weerbaarheid", "lopend", 8, Some("go")),
        ("weerbaarheid", "gestopt", 3, Some("no_go")),
        ("weerbaarheid", "afgerond", 12, Some("go")),
    ];
    (0..schaal)
        .flat_map(|_| SOORTEN.iter())
        .map(|(aanpak, status, klaar, besluit)| Traject {
            id: toeval.uuid(),
            gebied: gebieden[toeval.onder(gebieden.len())].id,
            aanpak,
            status,
            klaar: *klaar,
            besluit: *besluit,
        })
        .collect()
}

async fn uitvoeren(
    db: &DatabaseConnection,
    sql: &str,
    waarden: Vec<Value>,
) -> Result<u64, sea_orm::DbErr> {
    Ok(db
        .execute_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            sql,
            waarden,
        ))
        .await?
        .rows_affected())
}

async fn insert_gebieden(
    db: &DatabaseConnection,
    gemeente: &SeedGemeente,
    gebieden: &[Gebied],
) -> Result<(), sea_orm::DbErr> {
    uitvoeren(
        db,
        "INSERT INTO gebied (id, gemeente_id, naam, soort, inwonertal, bovenliggend_gebied_id) \
         SELECT u.id, g.id, u.naam, u.soort, u.inwonertal, \
           nullif(u.ouder, '00000000-0000-0000-0000-000000000000') \
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::int[], $5::uuid[]) \
             AS u(id, naam, soort, inwonertal, ouder), gemeente g WHERE g.code = $6",
        vec![
            gebieden.iter().map(|g| g.id).collect::<Vec<_>>().into(),
            gebieden
                .iter()
                .map(|g| g.naam.clone())
                .collect::<Vec<_>>()
                .into(),
            gebieden
                .iter()
                .map(|g| g.soort.to_owned())
                .collect::<Vec<_>>()
                .into(),
            gebieden
                .iter()
                .map(|g| g.inwonertal)
                .collect::<Vec<_>>()
                .into(),
            // Een array met NULL kan sea-query niet binden: de nil-UUID staat voor "geen".
            gebieden
                .iter()
                .map(|g| g.ouder.unwrap_or_default())
                .collect::<Vec<_>>()
                .into(),
            gemeente.code.into(),
        ],
    )
    .await?;
    Ok(())
}

async fn insert_metingen(
    db: &DatabaseConnection,
    metingen: &[Meting],
) -> Result<(), sea_orm::DbErr> {
    if metingen.is_empty() {
        return Ok(());
    }
    // Een array met NULL kan sea-query niet binden: NaN staat voor een ontbrekende
    // indicator, -1 voor een ontbrekend teken (de SQL maakt er NULL van).
    let kolom_f = |i: usize| -> Value {
        metingen
            .iter()
            .map(|m| m.indicatoren[i].unwrap_or(f64::NAN))
            .collect::<Vec<_>>()
            .into()
    };
    let kolom_b = |i: usize| -> Value {
        metingen
            .iter()
            .map(|m| m.tekenen[i].map_or(-1i16, i16::from))
            .collect::<Vec<_>>()
            .into()
    };
    let mut waarden: Vec<Value> = vec![
        metingen.iter().map(|m| m.id).collect::<Vec<_>>().into(),
        metingen.iter().map(|m| m.gebied).collect::<Vec<_>>().into(),
        metingen
            .iter()
            .map(|m| m.peildatum)
            .collect::<Vec<_>>()
            .into(),
        super::demo::BRON.into(),
    ];
    waarden.extend((0..7).map(kolom_f));
    waarden.extend((0..7).map(kolom_b));
    uitvoeren(
        db,
        &format!(
            "INSERT INTO indicatormeting ({kolommen}) \
         SELECT u.id, g.gemeente_id, u.gebied, u.peildatum, $4, \
           nullif(u.i1, 'NaN'), nullif(u.i2, 'NaN'), nullif(u.i3, 'NaN'), nullif(u.i4, 'NaN'), \
           nullif(u.i5, 'NaN'), nullif(u.i6, 'NaN'), nullif(u.i7, 'NaN'), \
           nullif(u.t1, -1) = 1, nullif(u.t2, -1) = 1, nullif(u.t3, -1) = 1, nullif(u.t4, -1) = 1, \
           nullif(u.t5, -1) = 1, nullif(u.t6, -1) = 1, nullif(u.t7, -1) = 1 \
         FROM unnest($1::uuid[], $2::uuid[], $3::date[], $5::float8[], $6::float8[], \
             $7::float8[], $8::float8[], $9::float8[], $10::float8[], $11::float8[], \
             $12::int2[], $13::int2[], $14::int2[], $15::int2[], $16::int2[], $17::int2[], \
             $18::int2[]) \
           AS u(id, gebied, peildatum, i1, i2, i3, i4, i5, i6, i7, t1, t2, t3, t4, t5, t6, t7) \
         JOIN gebied g ON g.id = u.gebied",
            kolommen = super::demo::METING_KOLOMMEN
        ),
        waarden,
    )
    .await?;
    Ok(())
}

async fn insert_trajecten(
    db: &DatabaseConnection,
    trajecten: &[Traject],
) -> Result<(), sea_orm::DbErr> {
    let ids: Vec<Uuid> = trajecten.iter().map(|t| t.id).collect();
    uitvoeren(
        db,
        "INSERT INTO traject (id, gemeente_id, gebied_id, aanpak, naam, status, voorgestelde_aanpak) \
         SELECT u.id, g.gemeente_id, u.gebied, u.aanpak, 'Traject ' || g.naam, u.status, '{}' \
         FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[]) AS u(id, gebied, aanpak, status) \
         JOIN gebied g ON g.id = u.gebied",
        vec![
            ids.clone().into(),
            trajecten.iter().map(|t| t.gebied).collect::<Vec<_>>().into(),
            trajecten.iter().map(|t| t.aanpak.to_owned()).collect::<Vec<_>>().into(),
            trajecten.iter().map(|t| t.status.to_owned()).collect::<Vec<_>>().into(),
        ],
    )
    .await?;
    uitvoeren(
        db,
        "INSERT INTO traject_stap (traject_id, gemeente_id, nummer, status, gestart_op, afgerond_op) \
         SELECT t.id, t.gemeente_id, n, \
           CASE WHEN n <= u.klaar THEN 'afgerond' \
                WHEN n = u.klaar + 1 AND t.status = 'lopend' THEN 'bezig' ELSE 'open' END, \
           CASE WHEN n <= u.klaar + 1 THEN DATE '2024-01-15' + n * 30 END, \
           CASE WHEN n <= u.klaar THEN DATE '2024-01-15' + n * 30 + 20 END \
         FROM unnest($1::uuid[], $2::int[]) AS u(id, klaar) JOIN traject t ON t.id = u.id, \
           generate_series(CASE t.aanpak WHEN 'weerbaarheid' THEN 1 ELSE 0 END, \
             CASE t.aanpak WHEN 'coordinerend' THEN 6 WHEN 'coachend' THEN 4 ELSE 12 END) AS n",
        vec![
            ids.clone().into(),
            trajecten.iter().map(|t| t.klaar).collect::<Vec<_>>().into(),
        ],
    )
    .await?;
    let besluiten: Vec<&Traject> = trajecten.iter().filter(|t| t.besluit.is_some()).collect();
    if besluiten.is_empty() {
        return Ok(());
    }
    uitvoeren(
        db,
        "INSERT INTO traject_besluit (id, gemeente_id, traject_id, besluit, soort, reden, datum) \
         SELECT gen_random_uuid(), t.gemeente_id, t.id, u.besluit, 'beslismoment', 'Synthetisch besluit', \
           DATE '2024-01-15' + 4 * 30 + 20 FROM unnest($1::uuid[], $2::text[]) AS u(id, besluit) \
         JOIN traject t ON t.id = u.id \
         UNION ALL \
         SELECT gen_random_uuid(), t.gemeente_id, t.id, 'go', 'evaluatie', 'Synthetische evaluatie', \
           DATE '2024-01-15' + 5 * 30 + 20 FROM unnest($1::uuid[], $2::text[], $3::int[]) AS u(id, besluit, klaar) \
         JOIN traject t ON t.id = u.id WHERE u.besluit = 'go' AND u.klaar >= 5",
        vec![
            besluiten.iter().map(|t| t.id).collect::<Vec<_>>().into(),
            besluiten
                .iter()
                .map(|t| t.besluit.unwrap_or("go").to_owned())
                .collect::<Vec<_>>()
                .into(),
            besluiten.iter().map(|t| t.klaar).collect::<Vec<_>>().into(),
        ],
    )
    .await?;
    Ok(())
}

/// Dertig gebruikers per schaal: coördinatoren, raadplegers, budgethouders en een
/// beheerder per tien, allemaal met het demowachtwoord.
async fn insert_gebruikers(
    db: &DatabaseConnection,
    gemeente: &SeedGemeente,
    schaal: usize,
    hash: &str,
) -> Result<u64, sea_orm::DbErr> {
    let n = 30 * schaal;
    let namen: Vec<String> = (1..=n)
        .map(|i| format!("{}.synth-{i:04}", gemeente.slug))
        .collect();
    let rollen: Vec<String> = (1..=n)
        .map(|i| match i % 10 {
            0 => "gemeente_beheerder",
            1..=4 => "coordinator",
            5..=7 => "raadpleger",
            _ => "budgethouder",
        })
        .map(str::to_owned)
        .collect();
    uitvoeren(
        db,
        "INSERT INTO gebruiker (id, gemeente_id, gebruikersnaam, wachtwoord_hash, rollen) \
         SELECT gen_random_uuid(), g.id, u.naam, $3, ARRAY[u.rol] \
         FROM unnest($1::text[], $2::text[]) AS u(naam, rol), gemeente g WHERE g.code = $4",
        vec![
            namen.into(),
            rollen.into(),
            hash.into(),
            gemeente.code.into(),
        ],
    )
    .await
}

/// Een netwerk in aanmaak.
struct Netwerk {
    id: Uuid,
    naam: String,
    vorm: &'static str,
    fase: &'static str,
    gebieden: Vec<Uuid>,
}

/// Een sleutelpersoon in aanmaak, met zijn lidmaatschappen.
struct Persoon {
    id: Uuid,
    nummer: usize,
    gebied: Uuid,
    typen: String,
    /// De toestanden die hij doorliep, de laatste is de huidige.
    historie: Vec<(&'static str, NaiveDate)>,
    laatste_contact: NaiveDate,
    bewaartermijn: NaiveDate,
    leeftijd: &'static str,
    hulpverlenend: bool,
    bekend: bool,
    opleiding: &'static str,
    lidmaatschappen: Vec<(Uuid, &'static str, &'static str)>,
}

/// Acht netwerken per schaal: vier sleutelpersonennetwerken, drie wijknetwerken en
/// een ad-hocnetwerk, elk in één tot drie wijken of dorpen.
fn netwerken_van(toeval: &mut Toeval, gebieden: &[Gebied], schaal: usize) -> Vec<Netwerk> {
    const VORMEN: [&str; 8] = [
        "sleutelpersonennetwerk",
        "sleutelpersonennetwerk",
        "sleutelpersonennetwerk",
        "sleutelpersonennetwerk",
        "wijknetwerk",
        "wijknetwerk",
        "wijknetwerk",
        "ad_hoc",
    ];
    const FASEN: [&str; 4] = ["voorbereiding", "opbouw", "uitvoering", "afgerond"];
    let groot: Vec<Uuid> = gebieden
        .iter()
        .filter(|g| g.ouder.is_none())
        .map(|g| g.id)
        .collect();
    (0..8 * schaal)
        .map(|n| {
            let aantal = 1 + toeval.onder(3);
            let mut eigen: Vec<Uuid> = (0..aantal)
                .map(|_| groot[toeval.onder(groot.len())])
                .collect();
            eigen.sort();
            eigen.dedup();
            Netwerk {
                id: toeval.uuid(),
                naam: format!(
                    "Netwerk {}{} {}",
                    VOOR[toeval.onder(VOOR.len())],
                    ACHTER[toeval.onder(ACHTER.len())],
                    n + 1
                ),
                vorm: VORMEN[n % VORMEN.len()],
                fase: FASEN[toeval.onder(FASEN.len())],
                gebieden: eigen,
            }
        })
        .collect()
}

const TYPEN: [&str; 4] = [
    "verbinder",
    "vertegenwoordiger",
    "doener",
    "luis_in_de_pels",
];
const ROLLEN: [&str; 4] = ["lid", "lid", "kerngroeplid", "ambassadeur"];
const BELANGEN: [&str; 7] = [
    "bewoners",
    "zorg",
    "welzijn",
    "gemeente",
    "woningcorporatie",
    "politie",
    "ondernemers",
];

/// De statushistorie van een synthetische sleutelpersoon, van kandidaat tot waar hij
/// nu staat.
fn historie_van(toeval: &mut Toeval) -> Vec<(&'static str, NaiveDate)> {
    let eind: &[&str] = match toeval.fractie() {
        k if k < 0.08 => &["kandidaat"],
        k if k < 0.15 => &["kandidaat", "kennismaking"],
        k if k < 0.80 => &["kandidaat", "kennismaking", "actief"],
        k if k < 0.90 => &["kandidaat", "kennismaking", "actief", "gepauzeerd"],
        _ => &["kandidaat", "kennismaking", "actief", "uitgestroomd"],
    };
    let mut datum = 0;
    eind.iter()
        .map(|s| {
            datum += 30 + toeval.onder(200) as u64;
            let begin = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap_or_default();
            (*s, begin + chrono::Days::new(datum))
        })
        .collect()
}

/// Eén of twee typen.
fn typen_van(toeval: &mut Toeval) -> String {
    let eerste = toeval.onder(4);
    let mut typen = vec![TYPEN[eerste]];
    if toeval.kans(0.4) {
        typen.push(TYPEN[(eerste + 1 + toeval.onder(3)) % 4]);
    }
    typen.join(",")
}

/// Eén of twee lidmaatschappen van wie ooit actief was: netwerk, rol, belang.
fn lidmaatschappen_van(
    toeval: &mut Toeval,
    netwerken: &[Netwerk],
) -> Vec<(Uuid, &'static str, &'static str)> {
    let mut lidmaatschappen = Vec::new();
    for _ in 0..1 + usize::from(toeval.kans(0.3)) {
        let netwerk = &netwerken[toeval.onder(netwerken.len())];
        if lidmaatschappen.iter().any(|(id, _, _)| *id == netwerk.id) {
            continue;
        }
        let belang = if netwerk.vorm == "wijknetwerk" {
            BELANGEN[toeval.onder(BELANGEN.len())]
        } else {
            ""
        };
        lidmaatschappen.push((netwerk.id, ROLLEN[toeval.onder(ROLLEN.len())], belang));
    }
    lidmaatschappen
}

fn sleutelpersonen_van(
    toeval: &mut Toeval,
    gebieden: &[Gebied],
    netwerken: &[Netwerk],
    schaal: usize,
) -> Vec<Persoon> {
    let dag = |toeval: &mut Toeval, van: i64| {
        NaiveDate::from_ymd_opt(2024, 1, 1).unwrap_or_default()
            + chrono::Days::new((van + toeval.onder(60) as i64) as u64)
    };
    (0..300 * schaal)
        .map(|nummer| {
            let historie = historie_van(toeval);
            let typen = typen_van(toeval);
            let lidmaatschappen = if historie.len() >= 3 {
                lidmaatschappen_van(toeval, netwerken)
            } else {
                Vec::new()
            };
            let contact = 600 + toeval.onder(360) as i64;
            let bewaren = 1200 + toeval.onder(900) as i64;
            Persoon {
                id: toeval.uuid(),
                nummer,
                gebied: gebieden[toeval.onder(gebieden.len())].id,
                typen,
                historie,
                laatste_contact: dag(toeval, contact),
                bewaartermijn: dag(toeval, bewaren),
                leeftijd: if toeval.kans(0.6) { "jong" } else { "oud" },
                hulpverlenend: toeval.kans(0.3),
                bekend: toeval.kans(0.5),
                opleiding: if toeval.kans(0.5) {
                    "theoretisch"
                } else {
                    "praktisch"
                },
                lidmaatschappen,
            }
        })
        .collect()
}

async fn insert_netwerken(
    db: &DatabaseConnection,
    gemeente: &SeedGemeente,
    netwerken: &[Netwerk],
) -> Result<(), sea_orm::DbErr> {
    uitvoeren(
        db,
        r#"INSERT INTO netwerk (id, gemeente_id, naam, vorm, doelen, gemeente_rol, rol_historie, fase,
               fase_historie, kerngroep, gebied_ids, crisisafspraken)
           SELECT u.id, g.id, u.naam, u.vorm,
             CASE u.vorm WHEN 'wijknetwerk' THEN '{veilig_wonen,goede_zorg}'::text[]
                         ELSE '{veerkracht_weerbaarheid,crisisparaatheid}'::text[] END,
             '{facilitator}', '[{"gemeenteRol": ["facilitator"], "vanaf": "2024-01-01"}]', u.fase,
             jsonb_build_array(jsonb_build_object('fase', u.fase, 'datum', '2024-01-01')),
             false, string_to_array(u.gebieden, ',')::uuid[],
             '[{"scenario": "stroomuitval", "hulp": ["handjes"], "activering": "Via de voorzitter",
                "laatstHerzien": "2025-09-01"}]'
           FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[])
             AS u(id, naam, vorm, fase, gebieden), gemeente g WHERE g.code = $6"#,
        vec![
            netwerken.iter().map(|n| n.id).collect::<Vec<_>>().into(),
            netwerken.iter().map(|n| n.naam.clone()).collect::<Vec<_>>().into(),
            netwerken.iter().map(|n| n.vorm.to_owned()).collect::<Vec<_>>().into(),
            netwerken.iter().map(|n| n.fase.to_owned()).collect::<Vec<_>>().into(),
            netwerken
                .iter()
                .map(|n| {
                    n.gebieden
                        .iter()
                        .map(Uuid::to_string)
                        .collect::<Vec<_>>()
                        .join(",")
                })
                .collect::<Vec<_>>()
                .into(),
            gemeente.code.into(),
        ],
    )
    .await?;
    // Eén tot drie coördinatoren als contactambtenaren (een ad-hocnetwerk geen), en bij
    // drie op de vier een vaste contactpersoon: zo vuurt elk contactsignaal ergens.
    uitvoeren(
        db,
        "WITH m AS (SELECT id FROM gemeente WHERE code = $1), \
              c AS (SELECT array_agg(id ORDER BY gebruikersnaam) AS ids FROM gebruiker \
                    WHERE gemeente_id = (SELECT id FROM m) AND 'coordinator' = ANY (rollen)), \
              n AS (SELECT id, vorm, row_number() OVER (ORDER BY id) - 1 AS nr FROM netwerk \
                    WHERE gemeente_id = (SELECT id FROM m)) \
         UPDATE netwerk x SET \
           contactambtenaren = CASE WHEN n.vorm = 'ad_hoc' THEN '{}' \
             ELSE c.ids[1 + n.nr % cardinality(c.ids) : 1 + n.nr % cardinality(c.ids) + n.nr % 3] END, \
           primair = CASE WHEN n.vorm <> 'ad_hoc' AND n.nr % 4 <> 3 THEN c.ids[1 + n.nr % cardinality(c.ids)] END \
         FROM n, c WHERE x.id = n.id",
        vec![gemeente.code.into()],
    )
    .await?;
    Ok(())
}

async fn insert_sleutelpersonen(
    db: &DatabaseConnection,
    gemeente: &SeedGemeente,
    personen: &[Persoon],
) -> Result<(), sea_orm::DbErr> {
    let status = |p: &Persoon| p.historie.last().map_or("kandidaat", |(s, _)| *s);
    let sinds = |p: &Persoon| p.historie.last().map(|(_, d)| *d).unwrap_or_default();
    uitvoeren(
        db,
        "INSERT INTO sleutelpersoon (id, gemeente_id, gebied_id, typen, status, status_sinds, \
           wervingsmethode, uitstroomreden, exitgesprek, laatste_contact, toestemming_datum, \
           toestemming_doel, delen_met, bewaartermijn_tot) \
         SELECT u.id, g.id, u.gebied, string_to_array(u.typen, ','), u.status, u.sinds, 'bestaand_netwerk', \
           CASE WHEN u.status = 'uitgestroomd' THEN 'tijd_energie' END, \
           CASE WHEN u.status = 'uitgestroomd' THEN false END, u.contact, \
           CASE WHEN u.status IN ('actief', 'gepauzeerd', 'uitgestroomd') THEN u.sinds END, \
           CASE WHEN u.status IN ('actief', 'gepauzeerd', 'uitgestroomd') THEN 'Synthetisch' END, \
           '{}', u.bewaren \
         FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::date[], $6::date[], $7::date[]) \
           AS u(id, gebied, typen, status, sinds, contact, bewaren), gemeente g WHERE g.code = $8",
        vec![
            personen.iter().map(|p| p.id).collect::<Vec<_>>().into(),
            personen.iter().map(|p| p.gebied).collect::<Vec<_>>().into(),
            personen.iter().map(|p| p.typen.clone()).collect::<Vec<_>>().into(),
            personen.iter().map(|p| status(p).to_owned()).collect::<Vec<_>>().into(),
            personen.iter().map(sinds).collect::<Vec<_>>().into(),
            personen.iter().map(|p| p.laatste_contact).collect::<Vec<_>>().into(),
            personen.iter().map(|p| p.bewaartermijn).collect::<Vec<_>>().into(),
            gemeente.code.into(),
        ],
    )
    .await?;
    uitvoeren(
        db,
        "INSERT INTO sleutelpersoon_gegevens (sleutelpersoon_id, gemeente_id, voornaam, achternaam, email, \
           leeftijdsgroep, hulpverlenend_beroep, bekend_bij_gemeente, opleidingsrichting) \
         SELECT s.id, s.gemeente_id, 'Synth' || u.nummer, 'Fictief', \
           'synth-' || u.nummer || '@' || $7 || '.synthetisch.invalid', u.leeftijd, u.hulp, u.bekend, u.opleiding \
         FROM unnest($1::uuid[], $2::int[], $3::text[], $4::bool[], $5::bool[], $6::text[]) \
           AS u(id, nummer, leeftijd, hulp, bekend, opleiding) JOIN sleutelpersoon s ON s.id = u.id",
        vec![
            personen.iter().map(|p| p.id).collect::<Vec<_>>().into(),
            personen.iter().map(|p| p.nummer as i32).collect::<Vec<_>>().into(),
            personen.iter().map(|p| p.leeftijd.to_owned()).collect::<Vec<_>>().into(),
            personen.iter().map(|p| p.hulpverlenend).collect::<Vec<_>>().into(),
            personen.iter().map(|p| p.bekend).collect::<Vec<_>>().into(),
            personen.iter().map(|p| p.opleiding.to_owned()).collect::<Vec<_>>().into(),
            gemeente.slug.into(),
        ],
    )
    .await?;
    insert_loopbanen(db, personen).await
}

/// De statushistorie en de lidmaatschappen van synthetische sleutelpersonen.
async fn insert_loopbanen(
    db: &DatabaseConnection,
    personen: &[Persoon],
) -> Result<(), sea_orm::DbErr> {
    let historie: Vec<(Uuid, &str, NaiveDate)> = personen
        .iter()
        .flat_map(|p| p.historie.iter().map(move |(s, d)| (p.id, *s, *d)))
        .collect();
    uitvoeren(
        db,
        "INSERT INTO sleutelpersoon_status (id, gemeente_id, sleutelpersoon_id, status, datum, uitstroomreden) \
         SELECT gen_random_uuid(), s.gemeente_id, s.id, u.status, u.datum, \
           CASE WHEN u.status = 'uitgestroomd' THEN 'tijd_energie' END \
         FROM unnest($1::uuid[], $2::text[], $3::date[]) AS u(id, status, datum) \
         JOIN sleutelpersoon s ON s.id = u.id",
        vec![
            historie.iter().map(|h| h.0).collect::<Vec<_>>().into(),
            historie.iter().map(|h| h.1.to_owned()).collect::<Vec<_>>().into(),
            historie.iter().map(|h| h.2).collect::<Vec<_>>().into(),
        ],
    )
    .await?;
    let leden: Vec<(Uuid, Uuid, &str, &str)> = personen
        .iter()
        .flat_map(|p| {
            p.lidmaatschappen
                .iter()
                .map(move |(n, r, b)| (p.id, *n, *r, *b))
        })
        .collect();
    uitvoeren(
        db,
        "INSERT INTO netwerk_lid (id, gemeente_id, netwerk_id, sleutelpersoon_id, rol, belang, begin) \
         SELECT gen_random_uuid(), s.gemeente_id, u.netwerk, s.id, u.rol, nullif(u.belang, ''), DATE '2024-06-01' \
         FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[]) AS u(id, netwerk, rol, belang) \
         JOIN sleutelpersoon s ON s.id = u.id",
        vec![
            leden.iter().map(|l| l.0).collect::<Vec<_>>().into(),
            leden.iter().map(|l| l.1).collect::<Vec<_>>().into(),
            leden.iter().map(|l| l.2.to_owned()).collect::<Vec<_>>().into(),
            leden.iter().map(|l| l.3.to_owned()).collect::<Vec<_>>().into(),
        ],
    )
    .await?;
    Ok(())
}

/// Honderdvijftig initiatieven per schaal, in alle toestanden en thema's; een op de
/// vier van een netwerk, de helft met een (verzonnen) contactpersoon.
async fn insert_initiatieven(
    db: &DatabaseConnection,
    gemeente: &SeedGemeente,
    toeval: &mut Toeval,
    gebieden: &[Gebied],
    netwerken: &[Netwerk],
    schaal: usize,
) -> Result<Vec<Uuid>, sea_orm::DbErr> {
    const THEMAS: [&str; 15] = [
        "vrije_tijd",
        "vrijwilligerswerk",
        "rolmodellen",
        "buurtpreventie",
        "cursussen_trainingen",
        "werkplaatsen",
        "maatjesproject",
        "mentorschap",
        "informatievoorziening",
        "netwerkvorming",
        "oudergroepen",
        "oudercursussen",
        "jongerenparticipatie",
        "voorlichting",
        "crisisvoorbereiding",
    ];
    const STATUSSEN: [&str; 4] = ["idee", "lopend", "afgerond", "gestopt"];
    let n = 150 * schaal;
    let mut ids = Vec::with_capacity(n);
    let mut themas = Vec::with_capacity(n);
    let mut statussen = Vec::with_capacity(n);
    let mut gebied_ids = Vec::with_capacity(n);
    let mut netwerk_ids = Vec::with_capacity(n);
    let mut contact = Vec::with_capacity(n);
    for i in 0..n {
        ids.push(toeval.uuid());
        themas.push(THEMAS[toeval.onder(THEMAS.len())].to_owned());
        statussen.push(STATUSSEN[toeval.onder(STATUSSEN.len())].to_owned());
        gebied_ids.push(gebieden[toeval.onder(gebieden.len())].id);
        netwerk_ids.push(if i % 4 == 0 {
            netwerken[toeval.onder(netwerken.len())].id
        } else {
            Uuid::nil()
        });
        contact.push(toeval.kans(0.5));
    }
    uitvoeren(
        db,
        "INSERT INTO initiatief (id, gemeente_id, titel, thema, gebied_id, netwerk_id, organisatie, \
           contactnaam, contactemail, status, startdatum, einddatum) \
         SELECT u.id, g.id, 'Initiatief ' || u.nr, u.thema, u.gebied, \
           nullif(u.netwerk, '00000000-0000-0000-0000-000000000000'), \
           CASE WHEN u.contact THEN NULL ELSE 'Vereniging ' || u.nr END, \
           CASE WHEN u.contact THEN 'Synth' || u.nr || ' Fictief' END, \
           CASE WHEN u.contact THEN 'initiatief-' || u.nr || '@' || $8 || '.synthetisch.invalid' END, \
           u.status, DATE '2024-01-01' + (u.nr % 700)::int, \
           CASE WHEN u.status IN ('afgerond', 'gestopt') THEN DATE '2024-01-01' + (u.nr % 700)::int + 90 END \
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::uuid[], $5::uuid[], $6::bool[]) \
           WITH ORDINALITY AS u(id, thema, status, gebied, netwerk, contact, nr), gemeente g WHERE g.code = $7",
        vec![
            ids.clone().into(),
            themas.into(),
            statussen.into(),
            gebied_ids.into(),
            netwerk_ids.into(),
            contact.into(),
            gemeente.code.into(),
            gemeente.slug.into(),
        ],
    )
    .await?;
    Ok(ids)
}

/// Vier budgetten per schaal (100 000 euro, hoogstens 1 000 per aanvraag) met 300
/// aanvragen per schaal: twee derde toegekend (heel of half) met een reservering en vijf
/// uitbetalingen van elk een tiende, de rest ingediend, afgewezen, concept of
/// ingetrokken. Geeft het aantal aanvragen en grootboekregels.
async fn insert_budgetten(
    db: &DatabaseConnection,
    gemeente: &SeedGemeente,
    toeval: &mut Toeval,
    initiatieven: &[Uuid],
    schaal: usize,
) -> Result<(u64, u64), sea_orm::DbErr> {
    const VORMEN: [&str; 4] = ["micro", "flexibel", "matching", "experiment"];
    let budgetten: Vec<Uuid> = (0..4 * schaal).map(|_| toeval.uuid()).collect();
    uitvoeren(
        db,
        "INSERT INTO budget (id, gemeente_id, naam, jaar, vorm, totaal_bedrag, max_per_aanvraag) \
         SELECT u.id, g.id, 'Budget ' || u.nr, 2026, u.vorm, 10000000, 100000 \
         FROM unnest($1::uuid[], $2::text[]) WITH ORDINALITY AS u(id, vorm, nr), gemeente g WHERE g.code = $3",
        vec![
            budgetten.clone().into(),
            (0..budgetten.len())
                .map(|i| VORMEN[i % VORMEN.len()].to_owned())
                .collect::<Vec<_>>()
                .into(),
            gemeente.code.into(),
        ],
    )
    .await?;
    let aanvragen = insert_aanvragen(db, toeval, &budgetten, initiatieven, schaal).await?;
    // Per toegekende aanvraag een reservering en vijf uitbetalingen van een tiende, met
    // ids die uit die van de aanvraag volgen (dus ook deterministisch).
    let mutaties = uitvoeren(
        db,
        "INSERT INTO mutatie (id, gemeente_id, budget_id, aanvraag_id, soort, bedrag, omschrijving, tijdstip) \
         SELECT md5(a.id::text || r.n)::uuid, a.gemeente_id, a.budget_id, a.id, \
           CASE WHEN r.n = 0 THEN 'reservering' ELSE 'uitbetaling' END, \
           CASE WHEN r.n = 0 THEN a.toegekend_bedrag ELSE a.toegekend_bedrag / 10 END, \
           CASE WHEN r.n > 0 THEN 'Termijn ' || r.n END, a.besloten_op + r.n * 7 \
         FROM aanvraag a, generate_series(0, 5) AS r(n) \
         WHERE a.gemeente_id = (SELECT id FROM gemeente WHERE code = $1) AND a.toegekend_bedrag > 0 \
         ORDER BY a.id, r.n",
        vec![gemeente.code.into()],
    )
    .await?;
    Ok((aanvragen, mutaties))
}

/// 300 aanvragen per schaal over de budgetten, in alle statussen.
async fn insert_aanvragen(
    db: &DatabaseConnection,
    toeval: &mut Toeval,
    budgetten: &[Uuid],
    initiatieven: &[Uuid],
    schaal: usize,
) -> Result<u64, sea_orm::DbErr> {
    let n = 300 * schaal;
    let (mut ids, mut budget_ids, mut initiatief_ids) = (Vec::new(), Vec::new(), Vec::new());
    let (mut gevraagd, mut statussen, mut toegekend) = (Vec::new(), Vec::new(), Vec::new());
    for i in 0..n {
        ids.push(toeval.uuid());
        budget_ids.push(budgetten[i % budgetten.len()]);
        initiatief_ids.push(initiatieven[toeval.onder(initiatieven.len())]);
        let bedrag = 100 * (50 + toeval.onder(951) as i64);
        gevraagd.push(bedrag);
        let (status, grant) = match (i % 3, (i / 3) % 4) {
            (0, _) => ("toegekend", bedrag),
            (1, _) => ("deels_toegekend", bedrag / 2),
            (_, 0) => ("ingediend", -1),
            (_, 1) => ("afgewezen", 0),
            (_, 2) => ("concept", -1),
            _ => ("ingetrokken", -1),
        };
        statussen.push(status.to_owned());
        toegekend.push(grant);
    }
    uitvoeren(
        db,
        "INSERT INTO aanvraag (id, gemeente_id, budget_id, initiatief_id, aangevraagd_bedrag, eigen_bijdrage, \
           status, ingediend_op, beslissen_voor, toegekend_bedrag, motivering, besloten_op, te_laat) \
         SELECT u.id, b.gemeente_id, u.budget, u.initiatief, u.gevraagd, u.gevraagd, u.status, \
           CASE WHEN u.status <> 'concept' THEN DATE '2026-01-05' + (u.nr % 300)::int END, \
           CASE WHEN u.status <> 'concept' THEN DATE '2026-01-19' + (u.nr % 300)::int END, \
           nullif(u.toegekend, -1), CASE WHEN u.toegekend >= 0 THEN 'Synthetisch besluit' END, \
           CASE WHEN u.toegekend >= 0 THEN DATE '2026-01-05' + (u.nr % 300)::int + (u.nr % 20)::int END, \
           CASE WHEN u.toegekend >= 0 THEN u.nr % 20 > 14 END \
         FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::int8[], $5::text[], $6::int8[]) \
           WITH ORDINALITY AS u(id, budget, initiatief, gevraagd, status, toegekend, nr) \
         JOIN budget b ON b.id = u.budget",
        vec![
            ids.into(),
            budget_ids.into(),
            initiatief_ids.into(),
            gevraagd.into(),
            statussen.into(),
            toegekend.into(),
        ],
    )
    .await
}

/// Per gemeente per schaal 200 bijeenkomsten, 20 oefeningen en 30 meldingen, verdeeld
/// over de netwerken en de twee jaar vóór 1 november 2026 (ids uit de gemeente en het
/// volgnummer, dus deterministisch). Oefeningen in het verleden zijn uitgevoerd of
/// geëvalueerd, meldingen in elke toestand en ernst; de behandelaar is een coördinator.
async fn insert_netwerkpraktijk(
    db: &DatabaseConnection,
    gemeente: &SeedGemeente,
    schaal: usize,
) -> Result<(u64, u64, u64), sea_orm::DbErr> {
    const SOORTEN: &str = "ARRAY['netwerkbijeenkomst', 'kerngroep', 'themabijeenkomst', 'dialoogtafel', \
        'startbijeenkomst', 'evaluatie', 'eerste_bijeenkomst', 'tweede_bijeenkomst']";
    let n = schaal as i32;
    let bijeenkomsten = uitvoeren(
        db,
        &format!(
            "WITH n AS (SELECT id, gemeente_id, gebied_ids, row_number() OVER (ORDER BY id) - 1 AS nr, \
                 count(*) OVER () AS aantal FROM netwerk WHERE gemeente_id = (SELECT id FROM gemeente WHERE code = $1)) \
             INSERT INTO bijeenkomst (id, gemeente_id, soort, datum, begintijd, locatiesoort, netwerk_id, gebied_id, \
                 deelnemers, verslag, verslag_aan_afwezigen) \
             SELECT md5('bijeenkomst' || $1 || r.i)::uuid, n.gemeente_id, ({SOORTEN})[1 + r.i % 8], \
                 DATE '2026-11-01' - (r.i * 7 % 730), TIME '19:30', \
                 (ARRAY['buurthuis', 'gebedshuis', 'bibliotheek', 'school', 'online'])[1 + r.i % 5], \
                 n.id, n.gebied_ids[1], 8 + r.i % 40, 'Synthetisch verslag', r.i % 3 = 0 \
             FROM generate_series(0, 200 * $2 - 1) AS r(i) JOIN n ON n.nr = r.i % n.aantal"
        ),
        vec![gemeente.code.into(), n.into()],
    )
    .await?;
    let oefeningen = uitvoeren(
        db,
        "WITH n AS (SELECT id, gemeente_id, row_number() OVER (ORDER BY id) - 1 AS nr, count(*) OVER () AS aantal \
                 FROM netwerk WHERE gemeente_id = (SELECT id FROM gemeente WHERE code = $1)) \
         INSERT INTO oefening (id, gemeente_id, titel, doelen, vorm, scenario, datum, netwerk_id, status, debrief, evaluatie) \
         SELECT md5('oefening' || $1 || r.i)::uuid, n.gemeente_id, 'Oefening ' || r.i, \
             ARRAY[(ARRAY['samenwerking_netwerkpartners', 'communicatie_tijdens_crisis', 'rolverdeling_besluitvorming'])[1 + r.i % 3]], \
             (ARRAY['tabletop', 'praktijksimulatie', 'digitaal', 'instructie', 'spelvorm'])[1 + r.i % 5], \
             (ARRAY['stroomuitval', 'hittegolf', 'extreem_weer', 'overstroming', 'pandemie', 'uitval_drinkwater'])[1 + r.i % 6], \
             DATE '2026-11-01' - (r.i * 36 % 730) + CASE WHEN r.i % 5 = 0 THEN 400 ELSE 0 END, n.id, \
             CASE WHEN r.i % 5 = 0 THEN 'gepland' WHEN r.i % 5 = 1 THEN 'uitgevoerd' ELSE 'geevalueerd' END, \
             CASE WHEN r.i % 5 <> 0 THEN 'Synthetische debrief' END, \
             CASE WHEN r.i % 5 > 1 THEN jsonb_build_object('goed', 'Samenwerking', 'verbeterpunten', 'Communicatie', \
                 'afsprakenRealistisch', r.i % 2 = 0) END \
         FROM generate_series(0, 20 * $2 - 1) AS r(i) JOIN n ON n.nr = r.i % n.aantal",
        vec![gemeente.code.into(), n.into()],
    )
    .await?;
    let meldingen = uitvoeren(
        db,
        "WITH n AS (SELECT id, gemeente_id, gebied_ids, row_number() OVER (ORDER BY id) - 1 AS nr, count(*) OVER () AS aantal \
                 FROM netwerk WHERE gemeente_id = (SELECT id FROM gemeente WHERE code = $1)), \
              b AS (SELECT id FROM gebruiker WHERE gemeente_id = (SELECT id FROM gemeente WHERE code = $1) \
                 AND 'coordinator' = ANY (rollen) ORDER BY gebruikersnaam LIMIT 1) \
         INSERT INTO melding (id, gemeente_id, soort, betrokkene, ernst, datum, omschrijving, netwerk_id, gebied_id, \
             behandelaar_id, politie, status, afsluitnotitie, afgesloten_op) \
         SELECT md5('melding' || $1 || r.i)::uuid, n.gemeente_id, \
             (ARRAY['bedreiging', 'intimidatie', 'geweld', 'vernieling', 'discriminatie', 'online', 'anders'])[1 + r.i % 7], \
             (ARRAY['sleutelpersoon', 'actieve_bewoner', 'ambtenaar'])[1 + r.i % 3], \
             (ARRAY['laag', 'middel', 'hoog', 'acuut'])[1 + r.i % 4], DATE '2026-11-01' - (r.i * 23 % 700), \
             'Synthetische melding', n.id, n.gebied_ids[1], b.id, r.i % 4 > 1, \
             (ARRAY['open', 'in_behandeling', 'afgesloten'])[1 + r.i % 3], \
             CASE WHEN r.i % 3 = 2 THEN 'Synthetisch afgesloten' END, \
             CASE WHEN r.i % 3 = 2 THEN DATE '2026-11-01' - (r.i * 23 % 700) + 14 END \
         FROM generate_series(0, 30 * $2 - 1) AS r(i) JOIN n ON n.nr = r.i % n.aantal CROSS JOIN b",
        vec![gemeente.code.into(), n.into()],
    )
    .await?;
    aan_stappen(db, gemeente).await?;
    werk(db, gemeente).await?;
    crisis(db, gemeente, schaal).await?;
    Ok((bijeenkomsten, oefeningen, meldingen))
}

/// Wat het crisisbeeld nodig heeft (deterministisch uit de ids): elk netwerk een
/// afspraak voor `stroomuitval` met capaciteit en een route zonder stroom (de helft
/// over alleen het eerste gebied van het netwerk) en een voor `hittegolf`, doorgenomen
/// tot twee jaar terug; en tien organisaties per schaal op de sociale kaart, elk met een
/// capaciteit, drie op de vier voor één gebied.
async fn crisis(
    db: &DatabaseConnection,
    gemeente: &SeedGemeente,
    schaal: usize,
) -> Result<(), sea_orm::DbErr> {
    uitvoeren(
        db,
        r#"UPDATE netwerk n SET crisisafspraken = jsonb_build_array(
               jsonb_strip_nulls(jsonb_build_object('scenario', 'stroomuitval',
                   'hulp', (ARRAY['["handjes"]', '["handjes", "hulpmiddelen"]', '["hoofdjes"]'])[1 + x.h % 3]::jsonb,
                   'activering', 'Via de voorzitter', 'activeringOffline', 'De voorzitter fietst langs de kerngroep',
                   'capaciteit', jsonb_build_object('omschrijving', 'Mensen met een auto', 'aantal', 5 + x.h % 20),
                   'laatstHerzien', (DATE '2026-11-01' - (x.h * 7 % 700))::text,
                   'gebiedIds', CASE WHEN x.h % 2 = 0 AND cardinality(n.gebied_ids) > 0 THEN to_jsonb(n.gebied_ids[1:1]) END)),
               jsonb_build_object('scenario', 'hittegolf', 'hulp', '["hoofdjes"]'::jsonb,
                   'activering', 'Via de coördinator', 'laatstHerzien', (DATE '2026-11-01' - (x.h * 13 % 700))::text))
           FROM (SELECT id, ('x' || substr(md5(id::text), 1, 6))::bit(24)::int AS h FROM netwerk
                 WHERE gemeente_id = (SELECT id FROM gemeente WHERE code = $1)) x
           WHERE x.id = n.id"#,
        vec![gemeente.code.into()],
    )
    .await?;
    uitvoeren(
        db,
        "WITH m AS (SELECT id FROM gemeente WHERE code = $1),               g AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS nr, count(*) OVER () AS aantal                     FROM gebied WHERE gemeente_id = (SELECT id FROM m))          INSERT INTO organisatie (id, gemeente_id, naam, soort, veld, categorie, niveau, capaciteiten, rollen,              activering, gebied_ids)          SELECT md5('organisatie' || $1 || r.i)::uuid, m.id, 'Organisatie ' || r.i, 'partner',              (ARRAY['overheid_publieke_diensten', 'maatschappelijk_middenveld', 'onderwijs_jeugd',                     'markt_bedrijfsleven', 'media_communicatie', 'informele_netwerken'])[1 + r.i % 6],              (ARRAY['buurt_wijkpartners', 'ouderenorganisaties', 'onderwijsinstellingen', 'jongeren_sport',                     'lokale_ondernemers', 'buurtgroepen_vrijwilligers', 'hulporganisaties'])[1 + r.i % 7],              'lokaal', (ARRAY['{handjes}', '{hoofdjes}', '{hulpmiddelen}', '{handjes,hulpmiddelen}'])[1 + r.i % 4]::text[],              ARRAY[(ARRAY['bewoners', 'zorg', 'welzijn', 'gemeente', 'woningcorporatie', 'politie', 'ondernemers'])[1 + r.i % 7]],              'Bel het algemene nummer', CASE WHEN r.i % 4 = 0 THEN '{}'::uuid[] ELSE ARRAY[g.id] END          FROM generate_series(0, 10 * $2 - 1) AS r(i) JOIN g ON g.nr = r.i % g.aantal CROSS JOIN m",
        vec![gemeente.code.into(), (schaal as i32).into()],
    )
    .await?;
    Ok(())
}

/// Wat de werklijst nodig heeft en de rest niet maakt (deterministisch uit de ids): een
/// vervolgactie met eigenaar en deadline bij een op de vijf bijeenkomsten (een derde
/// gereed), een wijkverbinder met een einddatum bij elk lopend traject, en een op de
/// vijftig actieve sleutelpersonen met verhoogd risico, zichtbaar voor de eerste
/// coördinator en met een laatste check-in, en een veiligheidsafspraak bij een op de
/// vier netwerken.
async fn werk(db: &DatabaseConnection, gemeente: &SeedGemeente) -> Result<(), sea_orm::DbErr> {
    const COORDINATOR: &str = "(SELECT u.id FROM gebruiker u JOIN gemeente m ON m.id = u.gemeente_id \
        WHERE m.code = $1 AND 'coordinator' = ANY (u.rollen) ORDER BY u.gebruikersnaam LIMIT 1)";
    let stappen = [
        "UPDATE bijeenkomst b SET acties = jsonb_build_array(jsonb_build_object( \
           'id', md5('actie' || b.id)::uuid, 'omschrijving', 'Synthetische actie', 'eigenaar', 'wijkverbinder', \
           'eigenaarId', {c}, 'deadline', (b.datum + 14)::text, 'gereed', abs(hashtext(b.id::text)) % 3 = 0)) \
         FROM gemeente m WHERE m.id = b.gemeente_id AND m.code = $1 AND abs(hashtext(b.id::text)) % 5 = 0",
        "INSERT INTO traject_verbinder (id, gemeente_id, traject_id, gebruiker_id, rol, vanaf, tot) \
         SELECT md5('verbinder' || t.id)::uuid, t.gemeente_id, t.id, {c}, 'wijkverbinder', DATE '2025-01-01', \
           DATE '2026-11-01' + abs(hashtext(t.id::text)) % 120 \
         FROM traject t JOIN gemeente m ON m.id = t.gemeente_id WHERE m.code = $1 AND t.status = 'lopend'",
        "UPDATE sleutelpersoon s SET verhoogd_risico = true, zichtbaar_voor = ARRAY[{c}], \
           laatste_checkin = DATE '2026-11-01' - abs(hashtext(s.id::text)) % 150 \
         FROM gemeente m WHERE m.id = s.gemeente_id AND m.code = $1 AND s.status = 'actief' \
           AND abs(hashtext(s.id::text)) % 50 = 0",
        "INSERT INTO veiligheidsafspraak (id, gemeente_id, netwerk_id, afspraak, laatst_herzien, herzien_voor) \
         SELECT md5('afspraak' || n.id)::uuid, n.gemeente_id, n.id, 'Synthetische veiligheidsafspraak', \
           DATE '2026-05-01', DATE '2026-11-01' + abs(hashtext(n.id::text)) % 120 \
         FROM netwerk n JOIN gemeente m ON m.id = n.gemeente_id \
         WHERE m.code = $1 AND abs(hashtext(n.id::text)) % 4 = 0",
    ];
    for sql in stappen {
        uitvoeren(
            db,
            &sql.replace("{c}", COORDINATOR),
            vec![gemeente.code.into()],
        )
        .await?;
    }
    Ok(())
}

/// Hangt bijeenkomsten en oefeningen aan de stappen van de trajecten: de k-de eerste en
/// tweede bijeenkomst aan de k-de stap met twee bijeenkomsten (coördinerend 3,
/// coachend 2) die bezig of afgerond is, met afspraken in de tweede en het netwerk
/// van de tweede als netwerk van de stap; de k-de uitgevoerde of geëvalueerde oefening
/// aan de k-de stap van de oefening (coördinerend 6, coachend 4).
async fn aan_stappen(
    db: &DatabaseConnection,
    gemeente: &SeedGemeente,
) -> Result<(), sea_orm::DbErr> {
    const STAPPEN: &str = "WITH s AS (SELECT s.traject_id, s.nummer, \
           row_number() OVER (ORDER BY s.traject_id) - 1 AS nr FROM traject_stap s \
           JOIN traject t ON t.id = s.traject_id JOIN gemeente m ON m.id = t.gemeente_id \
           WHERE m.code = $1 AND s.status IN ('afgerond', 'bezig') \
             AND s.nummer = CASE t.aanpak WHEN 'coordinerend' THEN $2 WHEN 'coachend' THEN $3 END)";
    uitvoeren(
        db,
        &format!(
            "{STAPPEN}, b AS (SELECT b.id, b.soort, row_number() OVER (PARTITION BY b.soort ORDER BY b.id) - 1 AS nr \
               FROM bijeenkomst b JOIN gemeente m ON m.id = b.gemeente_id \
               WHERE m.code = $1 AND b.soort IN ('eerste_bijeenkomst', 'tweede_bijeenkomst')), \
             bij AS (UPDATE bijeenkomst x SET traject_id = s.traject_id, stap = s.nummer, \
               afspraken = CASE WHEN x.soort = 'tweede_bijeenkomst' THEN $4::jsonb END \
               FROM b JOIN s ON s.nr = b.nr WHERE x.id = b.id RETURNING x.traject_id, x.stap, x.netwerk_id, x.soort) \
             UPDATE traject_stap t SET netwerk_id = bij.netwerk_id FROM bij \
             WHERE t.traject_id = bij.traject_id AND t.nummer = bij.stap AND bij.soort = 'tweede_bijeenkomst'"
        ),
        vec![
            gemeente.code.into(),
            3.into(),
            2.into(),
            AFSPRAKEN.into(),
        ],
    )
    .await?;
    uitvoeren(
        db,
        &format!(
            "{STAPPEN}, o AS (SELECT o.id, row_number() OVER (ORDER BY o.id) - 1 AS nr \
               FROM oefening o JOIN gemeente m ON m.id = o.gemeente_id \
               WHERE m.code = $1 AND o.status IN ('uitgevoerd', 'geevalueerd')) \
             UPDATE oefening x SET traject_id = s.traject_id, stap = s.nummer \
             FROM o JOIN s ON s.nr = o.nr WHERE x.id = o.id"
        ),
        vec![gemeente.code.into(), 6.into(), 4.into()],
    )
    .await?;
    Ok(())
}

/// De afspraken van een synthetische tweede bijeenkomst.
const AFSPRAKEN: &str = r#"{"doelen": ["crisisparaatheid"],
    "organisatievorm": {"relatiebeheer": "Synthetisch relatiebeheer"},
    "crisisondersteuning": [{"scenario": "stroomuitval", "hulp": ["handjes"], "activering": "Via de voorzitter"}]}"#;
