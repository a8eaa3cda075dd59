//! Het verwerkingenlogboek blijft begrensd (issue 30, T2 punt 5).
//!
//! - **Eén regel per verzoek** met de set van betrokken personen
//!   (`sleutelpersoon_ids`), niet één per persoon: een pagina van 20 is één regel.
//! - Het request-id is dat van de dienst; wat een client als `X-Request-Id` meestuurde,
//!   staat apart als `correlatie_id` en is nooit de sleutel.
//! - Een nieuwe verwerkingsactiviteit `meldingbehandeling`: meldingen over een
//!   sleutelpersoon lezen is ook een verwerking.
//! - **Een eigen bewaartermijn**: `weefsel_verwerking_opschonen(jaren)` verwijdert
//!   regels ouder dan de termijn (minstens een jaar), met de rechten van de eigenaar.
//!   De app-rol heeft geen DELETE op de tabel en de trigger weigert elke andere
//!   verwijdering; alleen de functie zet de vlag waarop hij die ene toelaat.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const UP: &str = r#"
ALTER TABLE verwerking DISABLE TRIGGER verwerking_geen_wijziging;
ALTER TABLE verwerking ADD COLUMN sleutelpersoon_ids uuid[];
UPDATE verwerking SET sleutelpersoon_ids = ARRAY[sleutelpersoon_id];
ALTER TABLE verwerking ENABLE TRIGGER verwerking_geen_wijziging;
ALTER TABLE verwerking ALTER COLUMN sleutelpersoon_ids SET NOT NULL,
    ADD CONSTRAINT verwerking_personen CHECK (cardinality(sleutelpersoon_ids) BETWEEN 1 AND 1000),
    ADD COLUMN correlatie_id text CHECK (length(correlatie_id) <= 128),
    DROP COLUMN sleutelpersoon_id,
    DROP CONSTRAINT verwerking_verwerkingsactiviteit_check,
    ADD CONSTRAINT verwerking_verwerkingsactiviteit_check CHECK (verwerkingsactiviteit IN
        ('netwerkbeheer', 'inzageverzoek', 'anonimisering', 'retentie', 'meldingbehandeling'));
CREATE INDEX verwerking_personen_idx ON verwerking USING gin (sleutelpersoon_ids);
COMMENT ON COLUMN verwerking.sleutelpersoon_ids IS 'De personen wier gegevens dit verzoek verwerkte';
COMMENT ON COLUMN verwerking.request_id IS 'Het request-id van de dienst zelf';
COMMENT ON COLUMN verwerking.correlatie_id IS 'Het X-Request-Id van de client, ter correlatie; nooit de sleutel';

-- Alleen toevoegen, behalve wat de bewaartermijn via weefsel_verwerking_opschonen verwijdert.
CREATE OR REPLACE FUNCTION verwerking_alleen_toevoegen() RETURNS trigger
    LANGUAGE plpgsql AS $f$
BEGIN
    IF TG_OP = 'DELETE' AND current_setting('weefsel.verwerking_opschonen', true) = 'ja'
       AND OLD.tijdstip < now() - interval '1 year' THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'verwerking is alleen-toevoegen: % is niet toegestaan', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$f$;

"#;

pub(crate) const WEEFSEL_VERWERKING_OPSCHONEN: &str = r#"CREATE OR REPLACE FUNCTION weefsel_verwerking_opschonen(p_jaren integer) RETURNS integer
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public AS $f$
DECLARE
    v_aantal integer;
BEGIN
    IF p_jaren IS NULL OR p_jaren < 1 THEN
        RAISE EXCEPTION 'de bewaartermijn van het verwerkingenlogboek is minstens een jaar'
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    PERFORM set_config('weefsel.verwerking_opschonen', 'ja', true);
    DELETE FROM verwerking WHERE tijdstip < now() - make_interval(years => p_jaren);
    GET DIAGNOSTICS v_aantal = ROW_COUNT;
    PERFORM set_config('weefsel.verwerking_opschonen', '', true);
    RETURN v_aantal;
END
$f$;
"#;

const UP_NA: &str = r#"REVOKE ALL ON FUNCTION weefsel_verwerking_opschonen(integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION weefsel_verwerking_opschonen(integer) TO {app};

"#;

pub(crate) const ANONIMISEER: &str = r#"CREATE OR REPLACE FUNCTION weefsel_anonimiseer(p_id uuid, p_activiteit text, p_actor_soort text,
                                    p_actor uuid, p_request text) RETURNS boolean
    LANGUAGE plpgsql VOLATILE SET search_path = pg_catalog, public AS $f$
DECLARE
    v_gemeente uuid;
BEGIN
    UPDATE sleutelpersoon SET geanonimiseerd_op = now(),
           bijzondere_gegevens = false, version = version + 1, updated_at = now()
     WHERE id = p_id AND geanonimiseerd_op IS NULL
    RETURNING gemeente_id INTO v_gemeente;
    IF v_gemeente IS NULL THEN
        RETURN false;
    END IF;
    DELETE FROM sleutelpersoon_gegevens WHERE sleutelpersoon_id = p_id;
    INSERT INTO verwerking (id, gemeente_id, actor_soort, actor_id, sleutelpersoon_ids, actie,
                            verwerkingsactiviteit, request_id)
    VALUES (gen_random_uuid(), v_gemeente, p_actor_soort, p_actor, ARRAY[p_id], 'anonimisering',
            p_activiteit, p_request);
    RETURN true;
END
$f$;
"#;

const DOWN: &str = r#"
DROP FUNCTION weefsel_verwerking_opschonen(integer);
COMMENT ON COLUMN verwerking.request_id IS NULL;
"#;

const DOWN_NA: &str = r#"ALTER TABLE verwerking ADD COLUMN sleutelpersoon_id uuid;
ALTER TABLE verwerking DISABLE TRIGGER verwerking_geen_wijziging;
UPDATE verwerking SET sleutelpersoon_id = sleutelpersoon_ids[1];
DELETE FROM verwerking WHERE verwerkingsactiviteit = 'meldingbehandeling';
ALTER TABLE verwerking ENABLE TRIGGER verwerking_geen_wijziging;
DROP INDEX verwerking_personen_idx;
ALTER TABLE verwerking ALTER COLUMN sleutelpersoon_id SET NOT NULL,
    DROP COLUMN sleutelpersoon_ids,
    DROP COLUMN correlatie_id,
    ADD FOREIGN KEY (sleutelpersoon_id, gemeente_id) REFERENCES sleutelpersoon (id, gemeente_id),
    DROP CONSTRAINT verwerking_verwerkingsactiviteit_check,
    ADD CONSTRAINT verwerking_verwerkingsactiviteit_check CHECK (verwerkingsactiviteit IN
        ('netwerkbeheer', 'inzageverzoek', 'anonimisering', 'retentie'));
CREATE INDEX verwerking_persoon_idx ON verwerking (sleutelpersoon_id, gemeente_id, tijdstip);
"#;

// Terug: `verwerking_alleen_toevoegen` zoals migratie 11 en `weefsel_anonimiseer` zoals
// migratie 18 haar liet.
crate::sql_migratie!(
    format!("{UP}{WEEFSEL_VERWERKING_OPSCHONEN}{UP_NA}{ANONIMISEER}"),
    [
        DOWN,
        crate::m20261124_000011_netwerken::VERWERKING_ALLEEN_TOEVOEGEN,
        DOWN_NA,
        crate::m20261206_000018_per_persoon::ANONIMISEER,
    ]
);
