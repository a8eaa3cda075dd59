//! Het DNA-kwadrant zoals de handreiking het tekent (issue 10):
//!
//! - een meting kan worden ingetrokken: ze blijft in de geschiedenis, met wanneer,
//!   waarom en door wie, en telt niet meer mee;
//! - de gemeente kiest de aanpak voor vak 2 en 3 (`voorkeur_aanpak`) en zet haar
//!   groottedrempel zelf; `version` geeft de gemeente een `ETag`. Alleen de eigen
//!   gemeente of een regionaal beheerder wijzigt haar (row-level security).

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const UP: &str = r#"
ALTER TABLE indicatormeting
    ADD COLUMN ingetrokken_op timestamptz,
    ADD COLUMN ingetrokken_reden text CHECK (length(ingetrokken_reden) BETWEEN 1 AND 2000),
    ADD COLUMN ingetrokken_door uuid,
    ADD CONSTRAINT indicatormeting_intrekking_volledig
        CHECK ((ingetrokken_op IS NULL) = (ingetrokken_reden IS NULL));
COMMENT ON COLUMN indicatormeting.ingetrokken_op IS 'Per vergissing ingevoerd: blijft in de geschiedenis, telt niet mee';
GRANT UPDATE (ingetrokken_op, ingetrokken_reden, ingetrokken_door) ON indicatormeting TO {app};

ALTER TABLE gemeente
    ADD COLUMN voorkeur_aanpak text CHECK (voorkeur_aanpak IN ('coachend', 'coordinerend')),
    ADD COLUMN version integer NOT NULL DEFAULT 1 CHECK (version > 0);
COMMENT ON COLUMN gemeente.voorkeur_aanpak IS 'De aanpak die de gemeente in vak 2 en 3 voorstelt; NULL: beide';
GRANT UPDATE (grootte_drempel, voorkeur_aanpak, version, updated_at) ON gemeente TO {app};
ALTER TABLE gemeente ENABLE ROW LEVEL SECURITY;
CREATE POLICY gemeente_lezen ON gemeente FOR SELECT TO {app} USING (true);
CREATE POLICY gemeente_wijzigen ON gemeente FOR UPDATE TO {app}
    USING (weefsel_mag_beheren(id)) WITH CHECK (weefsel_mag_beheren(id));
"#;

const DOWN: &str = r#"
DROP POLICY gemeente_wijzigen ON gemeente;
DROP POLICY gemeente_lezen ON gemeente;
ALTER TABLE gemeente DISABLE ROW LEVEL SECURITY;
REVOKE UPDATE ON gemeente FROM {app};
ALTER TABLE gemeente DROP COLUMN version, DROP COLUMN voorkeur_aanpak;
REVOKE UPDATE ON indicatormeting FROM {app};
ALTER TABLE indicatormeting DROP CONSTRAINT indicatormeting_intrekking_volledig,
    DROP COLUMN ingetrokken_door, DROP COLUMN ingetrokken_reden, DROP COLUMN ingetrokken_op;
"#;

crate::sql_migratie!(UP, DOWN);
