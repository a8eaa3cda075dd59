//! De dag van de crisis (issue 37, W2 punten 2–4).
//!
//! - `organisatie.gebied_ids`: de gebieden die een organisatie van een gemeente dient
//!   (leeg: de hele gemeente); de catalogus dient alle gebieden en heeft er geen.
//! - `weefsel_gebied_verwant(gebied)`: het gebied, al zijn voorouders en al zijn
//!   afstammelingen — wat "past" op een gebied in het crisisbeeld en de sociale kaart.
//! - `weefsel_afspraak_gebieden(afspraak, netwerkgebieden)`: de gebieden die een
//!   crisisafspraak dekt (haar `gebiedIds`, anders die van het netwerk).
//! - `weefsel_paraatheid(gemeenten, vandaag)`: per gemeente het aantal kleinste
//!   gebieden (zonder kindgebied) en per scenario hoeveel daarvan een afspraak hebben
//!   die binnen `crisisafspraak_herzien_maanden` is doorgenomen.
//! - Een nieuwe verwerkingsactiviteit `crisisbeeld`.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const UP: &str = r#"
ALTER TABLE organisatie ADD COLUMN gebied_ids uuid[] NOT NULL DEFAULT '{}',
    ADD CONSTRAINT organisatie_gebieden CHECK (cardinality(gebied_ids) <= 100
        AND (cardinality(gebied_ids) = 0 OR gemeente_id IS NOT NULL));
COMMENT ON COLUMN organisatie.gebied_ids IS 'De gebieden die een organisatie van een gemeente dient; leeg: de hele gemeente';

ALTER TABLE verwerking DROP CONSTRAINT verwerking_verwerkingsactiviteit_check,
    ADD CONSTRAINT verwerking_verwerkingsactiviteit_check CHECK (verwerkingsactiviteit IN
        ('netwerkbeheer', 'inzageverzoek', 'anonimisering', 'retentie', 'meldingbehandeling', 'werklijst',
         'crisisbeeld'));

-- Het gebied, zijn voorouders en zijn afstammelingen (met de leesregels van de aanroeper).
CREATE FUNCTION weefsel_gebied_verwant(p_gebied uuid) RETURNS SETOF uuid
    LANGUAGE sql STABLE AS $f$
    WITH RECURSIVE op (id, ouder) AS (
        SELECT id, bovenliggend_gebied_id FROM gebied WHERE id = p_gebied
        UNION SELECT g.id, g.bovenliggend_gebied_id FROM gebied g JOIN op ON g.id = op.ouder),
    neer (id) AS (
        SELECT id FROM gebied WHERE id = p_gebied
        UNION SELECT g.id FROM gebied g JOIN neer ON g.bovenliggend_gebied_id = neer.id)
    SELECT id FROM op UNION SELECT id FROM neer
$f$;
GRANT EXECUTE ON FUNCTION weefsel_gebied_verwant(uuid) TO {app};

-- De gebieden die een crisisafspraak dekt: haar gebiedIds, anders die van het netwerk
-- (leeg: de hele gemeente).
CREATE FUNCTION weefsel_afspraak_gebieden(p_afspraak jsonb, p_netwerk uuid[]) RETURNS uuid[]
    LANGUAGE sql IMMUTABLE AS $f$
    SELECT CASE WHEN jsonb_typeof(p_afspraak->'gebiedIds') = 'array' AND jsonb_array_length(p_afspraak->'gebiedIds') > 0
                THEN ARRAY(SELECT jsonb_array_elements_text(p_afspraak->'gebiedIds')::uuid)
                ELSE p_netwerk END
$f$;
GRANT EXECUTE ON FUNCTION weefsel_afspraak_gebieden(jsonb, uuid[]) TO {app};

-- Paraatheid per gemeente: een rij met scenario NULL geeft het aantal kleinste gebieden
-- (zonder kindgebied), een rij per scenario hoeveel daarvan gedekt zijn door een
-- afspraak van een netwerk dat niet afgerond is, doorgenomen binnen de termijn van de
-- gemeente. Een afspraak over een wijk dekt haar buurten; een afspraak zonder gebieden
-- van een netwerk zonder gebieden dekt de hele gemeente. Alleen aantallen.
CREATE FUNCTION weefsel_paraatheid(p_gemeenten uuid[], p_vandaag date)
RETURNS TABLE (gemeente_id uuid, scenario text, aantal bigint)
    LANGUAGE sql STABLE AS $f$
    WITH RECURSIVE
    blad AS (SELECT g.id, g.gemeente_id FROM gebied g
             WHERE (p_gemeenten IS NULL OR g.gemeente_id = ANY (p_gemeenten))
               AND NOT EXISTS (SELECT 1 FROM gebied k WHERE k.bovenliggend_gebied_id = g.id)),
    keten (blad, gebied) AS (
        SELECT id, id FROM blad
        UNION ALL SELECT k.blad, g.bovenliggend_gebied_id FROM keten k JOIN gebied g ON g.id = k.gebied
        WHERE g.bovenliggend_gebied_id IS NOT NULL),
    dekking AS (
        SELECT DISTINCT n.gemeente_id, c->>'scenario' AS scenario, d.gebied
        FROM netwerk n JOIN gemeente m ON m.id = n.gemeente_id
        CROSS JOIN LATERAL jsonb_array_elements(n.crisisafspraken) c
        CROSS JOIN LATERAL (SELECT weefsel_afspraak_gebieden(c, n.gebied_ids) AS ids) a
        CROSS JOIN LATERAL unnest(CASE WHEN cardinality(a.ids) > 0 THEN a.ids ELSE ARRAY[NULL::uuid] END) d(gebied)
        WHERE (p_gemeenten IS NULL OR n.gemeente_id = ANY (p_gemeenten)) AND n.fase <> 'afgerond'
          AND (c->>'laatstHerzien')::date >= (p_vandaag - make_interval(months => m.crisisafspraak_herzien_maanden))::date)
    SELECT b.gemeente_id, NULL::text, count(*) FROM blad b GROUP BY b.gemeente_id
    UNION ALL
    SELECT b.gemeente_id, d.scenario, count(DISTINCT b.id) FROM blad b
    JOIN dekking d ON d.gemeente_id = b.gemeente_id
    WHERE d.gebied IS NULL OR EXISTS (SELECT 1 FROM keten k WHERE k.blad = b.id AND k.gebied = d.gebied)
    GROUP BY b.gemeente_id, d.scenario
$f$;
GRANT EXECUTE ON FUNCTION weefsel_paraatheid(uuid[], date) TO {app};
"#;

const DOWN: &str = r#"
DROP FUNCTION weefsel_paraatheid(uuid[], date);
DROP FUNCTION weefsel_afspraak_gebieden(jsonb, uuid[]);
DROP FUNCTION weefsel_gebied_verwant(uuid);
ALTER TABLE verwerking DROP CONSTRAINT verwerking_verwerkingsactiviteit_check,
    ADD CONSTRAINT verwerking_verwerkingsactiviteit_check CHECK (verwerkingsactiviteit IN
        ('netwerkbeheer', 'inzageverzoek', 'anonimisering', 'retentie', 'meldingbehandeling', 'werklijst'));
ALTER TABLE organisatie DROP CONSTRAINT organisatie_gebieden, DROP COLUMN gebied_ids;
"#;

crate::sql_migratie!(UP, DOWN);
