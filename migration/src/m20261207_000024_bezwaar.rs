//! Wat elke grondslag vraagt, en bezwaar (issue 32, T4 punten 2 en 3).
//!
//! - `sleutelpersoon.afspraak_datum`: onder `publieke_taak` legt de gemeente de
//!   afspraak met de persoon vast (met wie haar contactgegevens gedeeld worden, hoe
//!   lang ze bewaard worden, en of zij uitdrukkelijk toestemde in bijzondere gegevens)
//!   in plaats van toestemming. Een persoon heeft het een of het ander, nooit beide;
//!   `delen_met`, `bewaartermijn_tot` en `bijzondere_gegevens` horen bij wat er staat.
//! - Een actieve persoon heeft toestemming of een afspraak; bijzondere gegevens vragen
//!   `bijzondere_gegevens` bij een van de twee.
//! - Een afspraak zonder toestemming kan alleen onder `publieke_taak`, en een gemeente
//!   gaat niet terug naar `toestemming` zolang een actieve persoon het zonder toestemming
//!   doet. Beide kanten nemen hetzelfde slot per gemeente (`weefsel_grondslag_slot`),
//!   zodat ook gelijktijdige verzoeken die regel niet omzeilen.
//! - `sleutelpersoon_bezwaar`: een bezwaar (AVG art. 21) met de datum van ontvangst,
//!   de uitkomst en de motivering (vrije tekst, klasse `naam`). Het blijft na het
//!   anonimiseren staan (de gemeente moet kunnen laten zien dat zij het honoreerde),
//!   maar de motivering wordt geschoond zoals elke gekoppelde tekst.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const UP: &str = r#"
ALTER TABLE sleutelpersoon
    ADD COLUMN afspraak_datum date,
    ADD CONSTRAINT sleutelpersoon_toestemming_of_afspraak
        CHECK (toestemming_datum IS NULL OR afspraak_datum IS NULL);

DO $d$
DECLARE
    v_naam text;
BEGIN
    SELECT conname INTO v_naam FROM pg_constraint
     WHERE conrelid = 'sleutelpersoon'::regclass AND contype = 'c'
       AND pg_get_constraintdef(oid) LIKE '%actief%gepauzeerd%toestemming_datum IS NOT NULL%';
    EXECUTE format('ALTER TABLE sleutelpersoon DROP CONSTRAINT %I', v_naam);
END
$d$;
ALTER TABLE sleutelpersoon ADD CONSTRAINT sleutelpersoon_actief_vastgelegd
    CHECK (status NOT IN ('actief', 'gepauzeerd') OR toestemming_datum IS NOT NULL
           OR afspraak_datum IS NOT NULL OR geanonimiseerd_op IS NOT NULL);

CREATE OR REPLACE FUNCTION sleutelpersoon_bijzondere_gegevens() RETURNS trigger
    LANGUAGE plpgsql SET search_path = pg_catalog, public AS $f$
BEGIN
    IF (NEW.migratieachtergrond IS NOT NULL OR NEW.levensbeschouwing IS NOT NULL)
       AND NOT EXISTS (SELECT 1 FROM sleutelpersoon s WHERE s.id = NEW.sleutelpersoon_id
                       AND s.bijzondere_gegevens
                       AND (s.toestemming_datum IS NOT NULL OR s.afspraak_datum IS NOT NULL)) THEN
        RAISE EXCEPTION 'bijzondere persoonsgegevens zonder toestemming' USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END
$f$;

-- Het slot op de grondslag van een gemeente: gedeeld voor wie een persoon op een
-- afspraak laat steunen, exclusief voor wie de grondslag terugzet.
CREATE FUNCTION weefsel_grondslag_slot(p_gemeente uuid, p_exclusief boolean) RETURNS void
    LANGUAGE plpgsql VOLATILE SET search_path = pg_catalog AS $f$
BEGIN
    IF p_exclusief THEN
        PERFORM pg_advisory_xact_lock(hashtextextended('weefsel_grondslag:' || p_gemeente::text, 0));
    ELSE
        PERFORM pg_advisory_xact_lock_shared(hashtextextended('weefsel_grondslag:' || p_gemeente::text, 0));
    END IF;
END
$f$;
GRANT EXECUTE ON FUNCTION weefsel_grondslag_slot(uuid, boolean) TO {app};

-- De grondslag van een gemeente, onder het gedeelde slot (tot het einde van de
-- transactie): wie een persoon op een afspraak laat steunen, leest haar zo.
CREATE FUNCTION weefsel_grondslag_gedeeld(p_gemeente uuid) RETURNS text
    LANGUAGE plpgsql VOLATILE SET search_path = pg_catalog, public AS $f$
BEGIN
    PERFORM weefsel_grondslag_slot(p_gemeente, false);
    RETURN (SELECT grondslag FROM gemeente WHERE id = p_gemeente);
END
$f$;
GRANT EXECUTE ON FUNCTION weefsel_grondslag_gedeeld(uuid) TO {app};

-- Steunt een actieve persoon van de gemeente op een afspraak zonder toestemming? Onder
-- het exclusieve slot, voor wie de grondslag terugzet naar toestemming.
CREATE FUNCTION weefsel_grondslag_in_gebruik(p_gemeente uuid) RETURNS boolean
    LANGUAGE plpgsql VOLATILE SET search_path = pg_catalog, public AS $f$
BEGIN
    PERFORM weefsel_grondslag_slot(p_gemeente, true);
    RETURN EXISTS (SELECT 1 FROM sleutelpersoon s WHERE s.gemeente_id = p_gemeente
                   AND s.status IN ('actief', 'gepauzeerd') AND s.toestemming_datum IS NULL
                   AND s.geanonimiseerd_op IS NULL);
END
$f$;
GRANT EXECUTE ON FUNCTION weefsel_grondslag_in_gebruik(uuid) TO {app};

-- Een afspraak zonder toestemming alleen onder publieke_taak.
CREATE FUNCTION sleutelpersoon_afspraak_grondslag() RETURNS trigger
    LANGUAGE plpgsql SET search_path = pg_catalog, public AS $f$
BEGIN
    IF NEW.afspraak_datum IS NOT NULL AND NEW.geanonimiseerd_op IS NULL
       AND (TG_OP = 'INSERT' OR NEW.afspraak_datum IS DISTINCT FROM OLD.afspraak_datum
            OR NEW.status IS DISTINCT FROM OLD.status) THEN
        IF weefsel_grondslag_gedeeld(NEW.gemeente_id) IS DISTINCT FROM 'publieke_taak' THEN
            RAISE EXCEPTION 'een afspraak zonder toestemming vraagt de grondslag publieke_taak'
                USING ERRCODE = 'check_violation';
        END IF;
    END IF;
    RETURN NEW;
END
$f$;
CREATE TRIGGER sleutelpersoon_afspraak_grondslag BEFORE INSERT OR UPDATE ON sleutelpersoon
    FOR EACH ROW EXECUTE FUNCTION sleutelpersoon_afspraak_grondslag();

-- Terug naar toestemming alleen als elke actieve persoon toestemming heeft.
CREATE FUNCTION gemeente_grondslag_in_gebruik() RETURNS trigger
    LANGUAGE plpgsql SET search_path = pg_catalog, public AS $f$
BEGIN
    IF NEW.grondslag = 'toestemming' AND OLD.grondslag IS DISTINCT FROM 'toestemming' THEN
        IF weefsel_grondslag_in_gebruik(NEW.id) THEN
            RAISE EXCEPTION 'grondslag_in_gebruik: actieve sleutelpersonen zonder toestemming'
                USING ERRCODE = 'check_violation';
        END IF;
    END IF;
    RETURN NEW;
END
$f$;
CREATE TRIGGER gemeente_grondslag_in_gebruik BEFORE UPDATE ON gemeente
    FOR EACH ROW EXECUTE FUNCTION gemeente_grondslag_in_gebruik();

CREATE TABLE sleutelpersoon_bezwaar (
    id                uuid        PRIMARY KEY,
    gemeente_id       uuid        NOT NULL,
    sleutelpersoon_id uuid        NOT NULL,
    ontvangen_op      date        NOT NULL,
    uitkomst          text        NOT NULL CHECK (uitkomst IN ('gehonoreerd', 'afgewezen')),
    motivering        text        NOT NULL CHECK (length(motivering) BETWEEN 1 AND 5000),
    actor_soort       text        NOT NULL,
    actor_id          uuid,
    created_at        timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (sleutelpersoon_id, gemeente_id) REFERENCES sleutelpersoon (id, gemeente_id)
);
CREATE INDEX sleutelpersoon_bezwaar_idx ON sleutelpersoon_bezwaar (sleutelpersoon_id, gemeente_id, created_at);
COMMENT ON TABLE sleutelpersoon_bezwaar IS 'Bezwaar van een sleutelpersoon (AVG art. 21): de motivering is persoonsgegeven, geschoond bij anonimiseren';
GRANT SELECT, INSERT ON sleutelpersoon_bezwaar TO {app};
ALTER TABLE sleutelpersoon_bezwaar ENABLE ROW LEVEL SECURITY;
-- Wie persoonsgegevens van de gemeente ziet, en bij verhoogd risico alleen de genoemde
-- ambtenaren; ook na het anonimiseren (de leesregel van de persoonsgegevens, zonder
-- dat die nog moeten bestaan).
CREATE POLICY sleutelpersoon_bezwaar_lezen ON sleutelpersoon_bezwaar FOR SELECT TO {app} USING (
    gemeente_id = (SELECT weefsel_gemeente()) AND (SELECT weefsel_persoonsgegevens())
    AND NOT EXISTS (SELECT 1 FROM sleutelpersoon s WHERE s.id = sleutelpersoon_id AND s.verhoogd_risico
                    AND NOT coalesce((SELECT weefsel_gebruiker()) = ANY (s.zichtbaar_voor), false)));
CREATE POLICY sleutelpersoon_bezwaar_toevoegen ON sleutelpersoon_bezwaar FOR INSERT TO {app} WITH CHECK (
    weefsel_mag_schrijven(gemeente_id) AND (SELECT weefsel_persoonsgegevens())
    AND NOT EXISTS (SELECT 1 FROM sleutelpersoon s WHERE s.id = sleutelpersoon_id AND s.verhoogd_risico
                    AND NOT coalesce((SELECT weefsel_gebruiker()) = ANY (s.zichtbaar_voor), false)));

CREATE OR REPLACE FUNCTION weefsel_gekoppeld_schonen(p_id uuid, p_patronen text[]) RETURNS void
    LANGUAGE plpgsql VOLATILE SET search_path = pg_catalog, public AS $f$
DECLARE
    v_ids uuid[];
BEGIN
    UPDATE sleutelpersoon_checkin
       SET notitie = left(weefsel_schonen(notitie, p_patronen), 2000)
     WHERE sleutelpersoon_id = p_id AND notitie IS NOT NULL;
    UPDATE sleutelpersoon_bezwaar
       SET motivering = left(weefsel_schonen(motivering, p_patronen), 5000)
     WHERE sleutelpersoon_id = p_id;
    SELECT coalesce(array_agg(id), '{}') INTO v_ids FROM melding WHERE sleutelpersoon_id = p_id;
    UPDATE melding
       SET omschrijving = left(weefsel_schonen(omschrijving, p_patronen), 5000),
           maatregelen = left(weefsel_schonen(maatregelen, p_patronen), 5000),
           afsluitnotitie = left(weefsel_schonen(afsluitnotitie, p_patronen), 5000),
           version = version + 1, updated_at = now()
     WHERE id = ANY (v_ids);
    UPDATE melding_opvolging
       SET tekst = left(weefsel_schonen(tekst, p_patronen), 5000)
     WHERE melding_id = ANY (v_ids);
    UPDATE bijeenkomst
       SET verslag = left(weefsel_schonen(verslag, p_patronen), 10000),
           terugkoppeling = left(weefsel_schonen(terugkoppeling, p_patronen), 5000),
           acties = weefsel_schonen(acties::text, p_patronen)::jsonb,
           aanwezigen = array_remove(aanwezigen, p_id),
           version = version + 1, updated_at = now()
     WHERE p_id = ANY (aanwezigen);
    UPDATE oefening
       SET briefing = left(weefsel_schonen(briefing, p_patronen), 5000),
           debrief = left(weefsel_schonen(debrief, p_patronen), 5000),
           evaluatie = weefsel_schonen(evaluatie::text, p_patronen)::jsonb,
           deelnemers = array_remove(deelnemers, p_id),
           version = version + 1, updated_at = now()
     WHERE p_id = ANY (deelnemers);
    IF cardinality(p_patronen) > 0 THEN
        UPDATE idempotentie SET body = weefsel_schonen(body, p_patronen)
         WHERE body IS NOT NULL AND body ~* ANY (p_patronen);
    END IF;
END
$f$;
"#;

const DOWN: &str = r#"
DROP TABLE sleutelpersoon_bezwaar;
DROP TRIGGER gemeente_grondslag_in_gebruik ON gemeente;
DROP FUNCTION gemeente_grondslag_in_gebruik();
DROP TRIGGER sleutelpersoon_afspraak_grondslag ON sleutelpersoon;
DROP FUNCTION sleutelpersoon_afspraak_grondslag();
DROP FUNCTION weefsel_grondslag_in_gebruik(uuid);
DROP FUNCTION weefsel_grondslag_gedeeld(uuid);
DROP FUNCTION weefsel_grondslag_slot(uuid, boolean);
"#;

const DOWN_NA: &str = r#"UPDATE sleutelpersoon SET status = 'uitgestroomd', uitstroomreden = 'anders'
 WHERE afspraak_datum IS NOT NULL AND toestemming_datum IS NULL AND status IN ('actief', 'gepauzeerd');
ALTER TABLE sleutelpersoon DROP CONSTRAINT sleutelpersoon_actief_vastgelegd;
ALTER TABLE sleutelpersoon ADD CHECK (status NOT IN ('actief', 'gepauzeerd')
    OR toestemming_datum IS NOT NULL OR geanonimiseerd_op IS NOT NULL);
ALTER TABLE sleutelpersoon DROP CONSTRAINT sleutelpersoon_toestemming_of_afspraak,
    DROP COLUMN afspraak_datum;
"#;

// Terug: de functie van migratie 000020, zoals die haar maakte.
crate::sql_migratie!(
    UP,
    [
        "DROP FUNCTION weefsel_gekoppeld_schonen(uuid, text[]);\n",
        crate::m20261207_000020_anonimiseren_schoont::GEKOPPELD_SCHONEN,
        DOWN,
        crate::m20261124_000011_netwerken::SLEUTELPERSOON_BIJZONDERE_GEGEVENS,
        DOWN_NA,
    ]
);
