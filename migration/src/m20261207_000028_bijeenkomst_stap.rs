//! Bijeenkomsten en oefeningen horen bij een stap van een traject (issue 34):
//! `traject_id` en `stap` (samen of geen van beide), en een tweede bijeenkomst legt
//! haar uitkomsten vast in `afspraken` (doelen, organisatievorm, crisisondersteuning;
//! vrije tekst die mensen kan noemen). Anonimiseren schoont ook die afspraken.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const UP: &str = r#"
ALTER TABLE bijeenkomst
    ADD COLUMN traject_id uuid,
    ADD COLUMN stap smallint CHECK (stap BETWEEN 0 AND 12),
    ADD COLUMN afspraken jsonb CHECK (afspraken IS NULL OR jsonb_typeof(afspraken) = 'object'),
    ADD CONSTRAINT bijeenkomst_traject_stap CHECK ((traject_id IS NULL) = (stap IS NULL)),
    ADD CONSTRAINT bijeenkomst_afspraken_tweede CHECK (afspraken IS NULL OR soort = 'tweede_bijeenkomst'),
    ADD CONSTRAINT bijeenkomst_traject_fk FOREIGN KEY (traject_id, gemeente_id) REFERENCES traject (id, gemeente_id);
CREATE INDEX bijeenkomst_traject_idx ON bijeenkomst (traject_id, gemeente_id, stap) WHERE traject_id IS NOT NULL;
CREATE INDEX bijeenkomst_netwerk_afspraken_idx ON bijeenkomst (netwerk_id, datum) WHERE afspraken IS NOT NULL;
COMMENT ON COLUMN bijeenkomst.afspraken IS 'Uitkomsten van een tweede bijeenkomst: vrije tekst die mensen kan noemen';

ALTER TABLE oefening
    ADD COLUMN traject_id uuid,
    ADD COLUMN stap smallint CHECK (stap BETWEEN 0 AND 12),
    ADD CONSTRAINT oefening_traject_stap CHECK ((traject_id IS NULL) = (stap IS NULL)),
    ADD CONSTRAINT oefening_traject_fk FOREIGN KEY (traject_id, gemeente_id) REFERENCES traject (id, gemeente_id);
CREATE INDEX oefening_traject_idx ON oefening (traject_id, gemeente_id, stap) WHERE traject_id IS NOT NULL;

DO $d$
DECLARE
    v_def text := pg_get_functiondef('weefsel_gekoppeld_schonen(uuid, text[])'::regprocedure);
    v_nieuw text := replace(v_def,
        'acties = weefsel_schonen(acties::text, p_patronen)::jsonb,',
        'acties = weefsel_schonen(acties::text, p_patronen)::jsonb, afspraken = weefsel_schonen(afspraken::text, p_patronen)::jsonb,');
BEGIN
    IF v_nieuw = v_def THEN
        RAISE EXCEPTION 'weefsel_gekoppeld_schonen: de regel voor acties niet gevonden';
    END IF;
    EXECUTE v_nieuw;
END
$d$;
"#;

const DOWN: &str = r#"
DO $d$
DECLARE
    v_def text := pg_get_functiondef('weefsel_gekoppeld_schonen(uuid, text[])'::regprocedure);
BEGIN
    EXECUTE replace(v_def, ' afspraken = weefsel_schonen(afspraken::text, p_patronen)::jsonb,', '');
END
$d$;
ALTER TABLE oefening DROP COLUMN traject_id, DROP COLUMN stap;
ALTER TABLE bijeenkomst DROP COLUMN traject_id, DROP COLUMN stap, DROP COLUMN afspraken;
"#;

crate::sql_migratie!(UP, DOWN);
