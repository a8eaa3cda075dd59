//! De grondslag van de verwerking is de keuze van de gemeente (issue 32, T4).
//!
//! `grondslag` (`toestemming`, standaard, of `publieke_taak`) en het besluit van het
//! college (`grondslag_besluit_datum`, `grondslag_besluit_kenmerk`) op de gemeente.
//! Alleen de eigen gemeente wijzigt ze, nooit de regio: een trigger weigert het ook in
//! de database (de regio mag de gemeente verder wel beheren, `weefsel_mag_beheren`).

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const UP: &str = r#"
ALTER TABLE gemeente
    ADD COLUMN grondslag text NOT NULL DEFAULT 'toestemming'
        CHECK (grondslag IN ('toestemming', 'publieke_taak')),
    ADD COLUMN grondslag_besluit_datum date,
    ADD COLUMN grondslag_besluit_kenmerk text
        CHECK (length(grondslag_besluit_kenmerk) BETWEEN 1 AND 100),
    ADD CONSTRAINT gemeente_grondslag_besluit_heel
        CHECK ((grondslag_besluit_datum IS NULL) = (grondslag_besluit_kenmerk IS NULL));

CREATE FUNCTION gemeente_grondslag_alleen_eigen() RETURNS trigger
    LANGUAGE plpgsql SET search_path = pg_catalog, public AS $f$
BEGIN
    IF (NEW.grondslag, NEW.grondslag_besluit_datum, NEW.grondslag_besluit_kenmerk)
           IS DISTINCT FROM (OLD.grondslag, OLD.grondslag_besluit_datum, OLD.grondslag_besluit_kenmerk)
       AND NOT coalesce(NEW.id = weefsel_gemeente(), false) THEN
        RAISE EXCEPTION 'alleen de gemeente zelf legt haar grondslag vast'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END
$f$;
CREATE TRIGGER gemeente_grondslag_alleen_eigen BEFORE UPDATE ON gemeente
    FOR EACH ROW EXECUTE FUNCTION gemeente_grondslag_alleen_eigen();
GRANT UPDATE (grondslag, grondslag_besluit_datum, grondslag_besluit_kenmerk) ON gemeente TO {app};
"#;

const DOWN: &str = r#"
REVOKE UPDATE (grondslag, grondslag_besluit_datum, grondslag_besluit_kenmerk) ON gemeente FROM {app};
DROP TRIGGER gemeente_grondslag_alleen_eigen ON gemeente;
DROP FUNCTION gemeente_grondslag_alleen_eigen();
ALTER TABLE gemeente
    DROP CONSTRAINT gemeente_grondslag_besluit_heel,
    DROP COLUMN grondslag_besluit_kenmerk,
    DROP COLUMN grondslag_besluit_datum,
    DROP COLUMN grondslag;
"#;

crate::sql_migratie!(UP, DOWN);
