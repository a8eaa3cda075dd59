//! Het regionale dashboard (issue 15): tellingen die bij elke wijziging worden
//! bijgehouden, zodat het dashboard niet bij elk verzoek tienduizenden rijen telt.
//!
//! - `dashboard_telling (gemeente_id, onderwerp, sleutel, aantal)`: per gemeente het
//!   aantal gebieden per kwadrant en aanpak, trajecten per status en stap, sleutelpersonen per status en (actief)
//!   per type, initiatieven per thema en status, en per budgetjaar de aanvragen per
//!   status en per aantal dagen tot het besluit (een histogram: de mediaan volgt
//!   eruit), en bijeenkomsten en oefeningen per dag. Welke sleutels een rij geeft, zegt `weefsel_dashboard_sleutels(rij)`, één
//!   functie per tabel; `weefsel_dashboard_tellen_<tabel>()` is de trigger (per
//!   statement, met de oude en nieuwe rijen) die de verschillen in dezelfde transactie
//!   boekt, op volgorde van de sleutel. De dienst leest alleen (row-level security als de tabel
//!   zelf); schrijven doet alleen de trigger.
//! - `traject.huidige_stap` (de eerste stap die niet afgerond of overgeslagen is)
//!   houdt een trigger op `traject_stap` bij; de trajecten tellen per status en per
//!   huidige stap mee.
//! - `weefsel_dashboard_controle()` telt alles opnieuw en geeft de verschillen (een
//!   test vergelijkt).
//! - `weefsel_dashboard_meldingen(gemeenten)` telt de open meldingen per ernst met de
//!   rechten van de eigenaar, alleen voor wat de aanroeper mag overzien (de regio alle
//!   gemeenten, een gemeente zichzelf): het dashboard krijgt aantallen, nooit een
//!   melding.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const UP: &str = r#"
CREATE TABLE dashboard_telling (
    gemeente_id uuid   NOT NULL REFERENCES gemeente (id),
    onderwerp   text   NOT NULL,
    sleutel     text   NOT NULL,
    -- Geen CHECK (aantal >= 0): PostgreSQL toetst een CHECK bij INSERT ... ON CONFLICT
    -- al op de voorgestelde rij (een negatief verschil) vóór het conflict. Dat de
    -- tellingen kloppen, toetst weefsel_dashboard_controle().
    aantal      bigint NOT NULL,
    PRIMARY KEY (gemeente_id, onderwerp, sleutel)
);
COMMENT ON TABLE dashboard_telling IS 'Tellingen voor het dashboard, bijgehouden door triggers (weefsel_dashboard_tellen)';
ALTER TABLE dashboard_telling ENABLE ROW LEVEL SECURITY;
CREATE POLICY dashboard_telling_lezen ON dashboard_telling FOR SELECT TO {app} USING {lezen};
GRANT SELECT ON dashboard_telling TO {app};
-- De regio leest per onderwerp over alle gemeenten (de sleutel van de tabel begint met de gemeente).
CREATE INDEX dashboard_telling_onderwerp_idx ON dashboard_telling (onderwerp, sleutel) INCLUDE (gemeente_id, aantal);
-- Aanvragen over hun beslistermijn: alleen die nog wachten, met hun budget voor het jaar.
CREATE INDEX aanvraag_wacht_idx ON aanvraag (beslissen_voor) INCLUDE (gemeente_id, budget_id) WHERE status = 'ingediend';


CREATE FUNCTION weefsel_dashboard_sleutels(g gebied) RETURNS TABLE (onderwerp text, sleutel text)
    LANGUAGE sql STABLE SET search_path = pg_catalog, public AS $f$
    SELECT 'gebieden_kwadrant', coalesce(g.dna_kwadrant::text, 'onbepaald')
    UNION ALL SELECT 'gebieden_aanpak', a FROM unnest(g.dna_aanpak) a
$f$;
CREATE FUNCTION weefsel_dashboard_sleutels(s sleutelpersoon) RETURNS TABLE (onderwerp text, sleutel text)
    LANGUAGE sql STABLE SET search_path = pg_catalog, public AS $f$
    SELECT 'sleutelpersonen_status', s.status
    UNION ALL SELECT 'sleutelpersonen_type', t FROM unnest(s.typen) t WHERE s.status = 'actief'
$f$;
CREATE FUNCTION weefsel_dashboard_sleutels(i initiatief) RETURNS TABLE (onderwerp text, sleutel text)
    LANGUAGE sql STABLE SET search_path = pg_catalog, public AS $f$
    SELECT 'initiatieven_thema', i.thema
    UNION ALL SELECT 'initiatieven_status', i.status
$f$;
-- De huidige stap van een traject (de eerste die niet afgerond of overgeslagen is),
-- bijgehouden bij elke wijziging van zijn stappen.
ALTER TABLE traject ADD COLUMN huidige_stap smallint;
UPDATE traject t SET huidige_stap = (SELECT min(s.nummer) FROM traject_stap s
    WHERE s.traject_id = t.id AND s.status NOT IN ('afgerond', 'overgeslagen'));
CREATE FUNCTION weefsel_huidige_stap() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public
AS $f$
BEGIN
    UPDATE traject t SET huidige_stap = h.stap
      FROM (SELECT n.traject_id, (SELECT min(s.nummer) FROM traject_stap s WHERE s.traject_id = n.traject_id
                                   AND s.status NOT IN ('afgerond', 'overgeslagen')) AS stap
              FROM (SELECT DISTINCT traject_id FROM nieuw) n) h
     WHERE t.id = h.traject_id AND t.huidige_stap IS DISTINCT FROM h.stap;
    RETURN NULL;
END
$f$;
REVOKE ALL ON FUNCTION weefsel_huidige_stap() FROM PUBLIC;
CREATE TRIGGER traject_stap_huidig_bij AFTER INSERT ON traject_stap REFERENCING NEW TABLE AS nieuw
    FOR EACH STATEMENT EXECUTE FUNCTION weefsel_huidige_stap();
CREATE TRIGGER traject_stap_huidig_wijzig AFTER UPDATE ON traject_stap REFERENCING NEW TABLE AS nieuw
    FOR EACH STATEMENT EXECUTE FUNCTION weefsel_huidige_stap();

CREATE FUNCTION weefsel_dashboard_sleutels(t traject) RETURNS TABLE (onderwerp text, sleutel text)
    LANGUAGE sql STABLE SET search_path = pg_catalog, public AS $f$
    SELECT 'trajecten_status', t.status
    UNION ALL SELECT 'trajecten_stap', t.aanpak || ':' || t.huidige_stap WHERE t.status = 'lopend' AND t.huidige_stap IS NOT NULL
$f$;

-- Bijeenkomsten en oefeningen per dag: "de laatste twaalf maanden" is een som over
-- hoogstens 366 dagen per gemeente.
CREATE FUNCTION weefsel_dashboard_sleutels(b bijeenkomst) RETURNS TABLE (onderwerp text, sleutel text)
    LANGUAGE sql STABLE SET search_path = pg_catalog, public AS $f$
    SELECT 'bijeenkomsten_op', b.datum::text
$f$;
CREATE FUNCTION weefsel_dashboard_sleutels(o oefening) RETURNS TABLE (onderwerp text, sleutel text)
    LANGUAGE sql STABLE SET search_path = pg_catalog, public AS $f$
    SELECT 'oefeningen_op', o.datum::text
$f$;

-- Het jaar van een aanvraag is dat van haar budget (dat verandert niet).
CREATE FUNCTION weefsel_dashboard_sleutels(a aanvraag) RETURNS TABLE (onderwerp text, sleutel text)
    LANGUAGE sql STABLE SET search_path = pg_catalog, public AS $f$
    SELECT 'aanvragen_status:' || b.jaar, a.status FROM budget b WHERE b.id = a.budget_id
    UNION ALL
    SELECT 'aanvragen_dagen:' || b.jaar, (a.besloten_op - a.ingediend_op)::text FROM budget b
     WHERE b.id = a.budget_id AND a.besloten_op IS NOT NULL AND a.ingediend_op IS NOT NULL
$f$;

-- Alle tellingen opnieuw, naast wat er staat: de verschillen (leeg als alles klopt).
CREATE FUNCTION weefsel_dashboard_controle()
RETURNS TABLE (gemeente_id uuid, onderwerp text, sleutel text, geteld bigint, bijgehouden bigint)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $f$
    WITH geteld AS (
        SELECT x.gemeente_id, k.onderwerp, k.sleutel, count(*) AS n FROM gebied x, weefsel_dashboard_sleutels(x) k GROUP BY 1, 2, 3
        UNION ALL
        SELECT x.gemeente_id, k.onderwerp, k.sleutel, count(*) FROM sleutelpersoon x, weefsel_dashboard_sleutels(x) k GROUP BY 1, 2, 3
        UNION ALL
        SELECT x.gemeente_id, k.onderwerp, k.sleutel, count(*) FROM initiatief x, weefsel_dashboard_sleutels(x) k GROUP BY 1, 2, 3
        UNION ALL
        SELECT x.gemeente_id, k.onderwerp, k.sleutel, count(*) FROM aanvraag x, weefsel_dashboard_sleutels(x) k GROUP BY 1, 2, 3
        UNION ALL
        SELECT x.gemeente_id, k.onderwerp, k.sleutel, count(*) FROM traject x, weefsel_dashboard_sleutels(x) k GROUP BY 1, 2, 3
        UNION ALL
        SELECT x.gemeente_id, k.onderwerp, k.sleutel, count(*) FROM bijeenkomst x, weefsel_dashboard_sleutels(x) k GROUP BY 1, 2, 3
        UNION ALL
        SELECT x.gemeente_id, k.onderwerp, k.sleutel, count(*) FROM oefening x, weefsel_dashboard_sleutels(x) k GROUP BY 1, 2, 3
    )
    SELECT coalesce(g.gemeente_id, t.gemeente_id), coalesce(g.onderwerp, t.onderwerp), coalesce(g.sleutel, t.sleutel),
           coalesce(g.n, 0), coalesce(t.aantal, 0)
    FROM geteld g FULL JOIN dashboard_telling t
      ON t.gemeente_id = g.gemeente_id AND t.onderwerp = g.onderwerp AND t.sleutel = g.sleutel
    WHERE coalesce(g.n, 0) <> coalesce(t.aantal, 0)
$f$;
REVOKE ALL ON FUNCTION weefsel_dashboard_controle() FROM PUBLIC;

-- Wat de gezondheidssignalen van een netwerk nodig hebben, bijgehouden op het netwerk
-- zelf (CONVENTIONS: afgeleide waarden bij het schrijven):
-- - `laatste_bijeenkomst`: de laatste bijeenkomst op of vóór de dag van de laatste
--   wijziging, en `komende_bijeenkomsten`: de data daarna (wat sindsdien voorbij is,
--   telt zo ook mee);
-- - `veiligheid_herzien_voor`: de vroegste herzieningsdatum van zijn
--   veiligheidsafspraken;
-- - `crisis_herzien`: de oudste herziening van zijn crisisafspraken (-infinity als er
--   een nooit is doorgenomen), uit de kolom zelf.
CREATE FUNCTION weefsel_crisis_herzien(afspraken jsonb) RETURNS date
    LANGUAGE sql IMMUTABLE AS $f$
    SELECT min(coalesce((c->>'laatstHerzien')::date, '-infinity'::date)) FROM jsonb_array_elements(afspraken) c
$f$;
ALTER TABLE netwerk
    ADD COLUMN laatste_bijeenkomst date,
    ADD COLUMN komende_bijeenkomsten date[] NOT NULL DEFAULT '{}',
    ADD COLUMN veiligheid_herzien_voor date,
    ADD COLUMN crisis_herzien date GENERATED ALWAYS AS (weefsel_crisis_herzien(crisisafspraken)) STORED;

"#;

pub(crate) const AFGELEID: &str = r#"-- Werkt de afgeleide kolommen bij van de netwerken in `ids`.
CREATE FUNCTION weefsel_netwerk_afgeleid(ids uuid[]) RETURNS void
    LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, public AS $f$
    UPDATE netwerk n SET
        laatste_bijeenkomst = (SELECT max(b.datum) FROM bijeenkomst b
                               WHERE b.netwerk_id = n.id AND b.datum <= current_date),
        komende_bijeenkomsten = ARRAY(SELECT b.datum FROM bijeenkomst b
                                      WHERE b.netwerk_id = n.id AND b.datum > current_date ORDER BY b.datum),
        veiligheid_herzien_voor = (SELECT min(v.herzien_voor) FROM veiligheidsafspraak v WHERE v.netwerk_id = n.id)
    WHERE n.id = ANY (ids)
$f$;
REVOKE ALL ON FUNCTION weefsel_netwerk_afgeleid(uuid[]) FROM PUBLIC;
"#;

const UP_NA: &str = r#"
-- De trigger op bijeenkomst en veiligheidsafspraak: de netwerken van de oude en
-- nieuwe rijen.
CREATE FUNCTION weefsel_netwerk_afgeleid_trigger() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public
AS $f$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM weefsel_netwerk_afgeleid(ARRAY(SELECT DISTINCT netwerk_id FROM nieuw WHERE netwerk_id IS NOT NULL));
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM weefsel_netwerk_afgeleid(ARRAY(SELECT DISTINCT netwerk_id FROM oud WHERE netwerk_id IS NOT NULL));
    ELSE
        PERFORM weefsel_netwerk_afgeleid(ARRAY(SELECT netwerk_id FROM nieuw WHERE netwerk_id IS NOT NULL
                                               UNION SELECT netwerk_id FROM oud WHERE netwerk_id IS NOT NULL));
    END IF;
    RETURN NULL;
END
$f$;
REVOKE ALL ON FUNCTION weefsel_netwerk_afgeleid_trigger() FROM PUBLIC;
CREATE TRIGGER bijeenkomst_netwerk_bij AFTER INSERT ON bijeenkomst REFERENCING NEW TABLE AS nieuw
    FOR EACH STATEMENT EXECUTE FUNCTION weefsel_netwerk_afgeleid_trigger();
CREATE TRIGGER bijeenkomst_netwerk_wijzig AFTER UPDATE ON bijeenkomst REFERENCING OLD TABLE AS oud NEW TABLE AS nieuw
    FOR EACH STATEMENT EXECUTE FUNCTION weefsel_netwerk_afgeleid_trigger();
CREATE TRIGGER bijeenkomst_netwerk_af AFTER DELETE ON bijeenkomst REFERENCING OLD TABLE AS oud
    FOR EACH STATEMENT EXECUTE FUNCTION weefsel_netwerk_afgeleid_trigger();
CREATE TRIGGER veiligheidsafspraak_netwerk_bij AFTER INSERT ON veiligheidsafspraak REFERENCING NEW TABLE AS nieuw
    FOR EACH STATEMENT EXECUTE FUNCTION weefsel_netwerk_afgeleid_trigger();
CREATE TRIGGER veiligheidsafspraak_netwerk_wijzig AFTER UPDATE ON veiligheidsafspraak REFERENCING OLD TABLE AS oud NEW TABLE AS nieuw
    FOR EACH STATEMENT EXECUTE FUNCTION weefsel_netwerk_afgeleid_trigger();
CREATE TRIGGER veiligheidsafspraak_netwerk_af AFTER DELETE ON veiligheidsafspraak REFERENCING OLD TABLE AS oud
    FOR EACH STATEMENT EXECUTE FUNCTION weefsel_netwerk_afgeleid_trigger();
SELECT weefsel_netwerk_afgeleid(ARRAY(SELECT id FROM netwerk));

-- De gezondheidssignalen per netwerk die het dashboard telt (met de rechten van de
-- aanroeper): te weinig contactambtenaren, geen bijeenkomst in een half jaar,
-- crisisafspraken die langer dan een jaar niet zijn doorgenomen en
-- veiligheidsafspraken over hun herzieningsdatum. Alleen kolommen van het netwerk.
CREATE FUNCTION weefsel_netwerk_signalen(p_gemeenten uuid[], p_vandaag date)
RETURNS TABLE (netwerk_id uuid, gemeente_id uuid, signaal text)
    LANGUAGE sql STABLE AS $f$
    SELECT n.id, n.gemeente_id, x.signaal
    FROM netwerk n
    CROSS JOIN LATERAL (VALUES
        ('te_weinig_contactambtenaren', cardinality(n.contactambtenaren) < 2),
        ('geen_recente_bijeenkomst', NOT (coalesce(n.laatste_bijeenkomst > p_vandaag - 183, false)
             OR EXISTS (SELECT 1 FROM unnest(n.komende_bijeenkomsten) d WHERE d <= p_vandaag AND d > p_vandaag - 183))),
        ('crisisafspraken_niet_herzien', coalesce(n.crisis_herzien < (p_vandaag - interval '12 months')::date, false)),
        ('veiligheidsafspraken_te_herzien', coalesce(n.veiligheid_herzien_voor < p_vandaag, false))
    ) AS x(signaal, aan)
    WHERE x.aan AND (p_gemeenten IS NULL OR n.gemeente_id = ANY (p_gemeenten))
$f$;

-- De open meldingen per ernst (aantallen), alleen van wat de aanroeper overziet.
"#;

pub(crate) const WEEFSEL_DASHBOARD_MELDINGEN: &str = r#"CREATE OR REPLACE FUNCTION weefsel_dashboard_meldingen(p_gemeenten uuid[])
RETURNS TABLE (gemeente_id uuid, ernst text, aantal bigint)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $f$
    SELECT m.gemeente_id, m.ernst, count(*) FROM melding m
    WHERE m.status <> 'afgesloten'
      AND (weefsel_regio() IN ('lezen', 'beheer') OR m.gemeente_id = weefsel_gemeente())
      AND (p_gemeenten IS NULL OR m.gemeente_id = ANY (p_gemeenten))
    GROUP BY m.gemeente_id, m.ernst
$f$;
"#;

const UP_NA_NA: &str = r#"REVOKE ALL ON FUNCTION weefsel_dashboard_meldingen(uuid[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION weefsel_dashboard_meldingen(uuid[]) TO {app};
CREATE INDEX melding_open_idx ON melding (gemeente_id, ernst) WHERE status <> 'afgesloten';

-- Wat al bestaat, één keer tellen; daarna de triggers.
INSERT INTO dashboard_telling (gemeente_id, onderwerp, sleutel, aantal)
    SELECT gemeente_id, onderwerp, sleutel, geteld FROM weefsel_dashboard_controle();
"#;

/// De getelde tabellen met de kolommen waarvan hun sleutels afhangen: een `UPDATE`
/// die geen daarvan verandert (zoals het grootboek dat de totalen van een aanvraag
/// bijwerkt), boekt niets en kost bijna niets.
const TABELLEN: [(&str, &[&str]); 7] = [
    ("gebied", &["dna_kwadrant", "dna_aanpak"]),
    ("traject", &["status", "aanpak", "huidige_stap"]),
    ("sleutelpersoon", &["status", "typen"]),
    ("initiatief", &["thema", "status"]),
    ("aanvraag", &["status", "ingediend_op", "besloten_op"]),
    ("bijeenkomst", &["datum"]),
    ("oefening", &["datum"]),
];

/// Per getelde tabel de triggerfunctie (statische SQL, dus een plan dat blijft) en
/// drie triggers per statement, met de oude en nieuwe rijen: de verschillen in
/// sleutels gaan in dezelfde transactie in `dashboard_telling`, op volgorde van de
/// sleutel.
fn triggers() -> String {
    let mut sql = String::new();
    for (tabel, kolommen) in TABELLEN {
        let rij = |alias: &str| {
            kolommen
                .iter()
                .map(|k| format!("{alias}.{k}"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let (oud, nieuw) = (rij("o"), rij("n"));
        let boek = |bron: &str| {
            format!(
                "INSERT INTO dashboard_telling AS t (gemeente_id, onderwerp, sleutel, aantal)
             SELECT gemeente_id, onderwerp, sleutel, sum(d) FROM ({bron}) x
             GROUP BY gemeente_id, onderwerp, sleutel HAVING sum(d) <> 0
             ORDER BY gemeente_id, onderwerp, sleutel
             ON CONFLICT (gemeente_id, onderwerp, sleutel) DO UPDATE SET aantal = t.aantal + excluded.aantal;"
            )
        };
        let bij = format!(
            "SELECT n.gemeente_id, k.onderwerp, k.sleutel, 1 AS d FROM nieuw n, weefsel_dashboard_sleutels(n::{tabel}) k"
        );
        let af = format!(
            "SELECT o.gemeente_id, k.onderwerp, k.sleutel, -1 AS d FROM oud o, weefsel_dashboard_sleutels(o::{tabel}) k"
        );
        sql.push_str(&format!(
            r#"
CREATE FUNCTION weefsel_dashboard_tellen_{tabel}() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public
AS $f$
BEGIN
    IF TG_OP = 'INSERT' THEN
        {insert}
    ELSIF TG_OP = 'DELETE' THEN
        {delete}
    ELSIF EXISTS (SELECT 1 FROM oud o JOIN nieuw n ON n.id = o.id WHERE ({oud}) IS DISTINCT FROM ({nieuw})) THEN
        {update}
    END IF;
    RETURN NULL;
END
$f$;
REVOKE ALL ON FUNCTION weefsel_dashboard_tellen_{tabel}() FROM PUBLIC;
CREATE TRIGGER {tabel}_dashboard_bij AFTER INSERT ON {tabel} REFERENCING NEW TABLE AS nieuw
    FOR EACH STATEMENT EXECUTE FUNCTION weefsel_dashboard_tellen_{tabel}();
CREATE TRIGGER {tabel}_dashboard_wijzig AFTER UPDATE ON {tabel} REFERENCING OLD TABLE AS oud NEW TABLE AS nieuw
    FOR EACH STATEMENT EXECUTE FUNCTION weefsel_dashboard_tellen_{tabel}();
CREATE TRIGGER {tabel}_dashboard_af AFTER DELETE ON {tabel} REFERENCING OLD TABLE AS oud
    FOR EACH STATEMENT EXECUTE FUNCTION weefsel_dashboard_tellen_{tabel}();
"#,
            insert = boek(&bij),
            delete = boek(&af),
            update = boek(&format!("{bij} UNION ALL {af}")),
        ));
    }
    sql
}

fn down() -> String {
    let mut sql = String::new();
    for (tabel, _) in TABELLEN {
        sql.push_str(&format!(
            "DROP FUNCTION weefsel_dashboard_tellen_{tabel}() CASCADE;\n"
        ));
    }
    sql.push_str(DOWN);
    sql
}

const DOWN: &str = r#"
DROP INDEX melding_open_idx;
DROP FUNCTION weefsel_dashboard_meldingen(uuid[]);
DROP FUNCTION weefsel_netwerk_signalen(uuid[], date);
DROP FUNCTION weefsel_netwerk_afgeleid_trigger() CASCADE;
DROP FUNCTION weefsel_netwerk_afgeleid(uuid[]);
ALTER TABLE netwerk DROP COLUMN laatste_bijeenkomst, DROP COLUMN komende_bijeenkomsten,
    DROP COLUMN veiligheid_herzien_voor, DROP COLUMN crisis_herzien;
DROP FUNCTION weefsel_crisis_herzien(jsonb);
DROP FUNCTION weefsel_dashboard_controle();
DROP FUNCTION weefsel_dashboard_sleutels(gebied);
DROP FUNCTION weefsel_dashboard_sleutels(sleutelpersoon);
DROP FUNCTION weefsel_dashboard_sleutels(initiatief);
DROP FUNCTION weefsel_dashboard_sleutels(aanvraag);
DROP FUNCTION weefsel_dashboard_sleutels(traject);
DROP FUNCTION weefsel_dashboard_sleutels(bijeenkomst);
DROP FUNCTION weefsel_dashboard_sleutels(oefening);
DROP INDEX aanvraag_wacht_idx;
DROP FUNCTION weefsel_huidige_stap() CASCADE;
ALTER TABLE traject DROP COLUMN huidige_stap;
DROP TABLE dashboard_telling;
"#;

crate::sql_migratie!(
    format!(
        "{UP}{AFGELEID}{UP_NA}{WEEFSEL_DASHBOARD_MELDINGEN}{UP_NA_NA}{}",
        triggers()
    ),
    down()
);
