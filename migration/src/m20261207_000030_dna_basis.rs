//! De gemeente kiest wat het DNA-profiel beslist (issue 35): de indicatoren (standaard;
//! de niet-meetbare tekenen als de indicatoren niets beslissen) of de tekenen (de
//! handreiking biedt ze als alternatief; de indicatoren als de tekenen niets beslissen).
//! De bewaarde profielen worden opnieuw uitgerekend (na de migratie, door `weefsel
//! migrate`), met `voorAlleVlakken` en getallen met hoogstens één decimaal.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const UP: &str = r#"
ALTER TABLE gemeente ADD COLUMN dna_basis text NOT NULL DEFAULT 'indicatoren'
    CHECK (dna_basis IN ('indicatoren', 'tekenen'));
COMMENT ON COLUMN gemeente.dna_basis IS 'Wat het DNA-profiel beslist: indicatoren (standaard) of de niet-meetbare tekenen';
GRANT UPDATE (dna_basis) ON gemeente TO {app};
-- De profielen krijgen `voorAlleVlakken` en een toelichting met hoogstens één decimaal:
-- `weefsel migrate` rekent een gebied zonder bewaard profiel meteen opnieuw uit.
UPDATE gebied SET dna_profiel = NULL WHERE dna_profiel IS NOT NULL;
"#;

const DOWN: &str = r#"
REVOKE UPDATE (dna_basis) ON gemeente FROM {app};
ALTER TABLE gemeente DROP COLUMN dna_basis;
"#;

crate::sql_migratie!(UP, DOWN);
