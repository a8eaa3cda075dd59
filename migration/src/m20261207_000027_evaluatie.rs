//! Het weerbaarheidsplan is een leidraad, geen poort (issue 34): het eerste definitieve
//! besluit is het beslismoment; elk besluit na een `go` is een evaluatie (`go`: door,
//! `no_go`: stop). Een `nog_niet` hoort alleen bij het beslismoment; er is hoogstens
//! één definitief beslismoment en één `no_go` per traject.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const UP: &str = r#"
ALTER TABLE traject_besluit
    ADD COLUMN soort text NOT NULL DEFAULT 'beslismoment' CHECK (soort IN ('beslismoment', 'evaluatie')),
    ADD CONSTRAINT traject_besluit_nog_niet CHECK (besluit <> 'nog_niet' OR soort = 'beslismoment');
ALTER TABLE traject_besluit ALTER COLUMN soort DROP DEFAULT;
DROP INDEX traject_besluit_definitief;
CREATE UNIQUE INDEX traject_besluit_beslismoment ON traject_besluit (traject_id)
    WHERE soort = 'beslismoment' AND besluit <> 'nog_niet';
CREATE UNIQUE INDEX traject_besluit_no_go ON traject_besluit (traject_id) WHERE besluit = 'no_go';
COMMENT ON TABLE traject_besluit IS 'Besluiten van het weerbaarheidsplan: het beslismoment (stap 4) en daarna evaluaties; alleen no_go is definitief';
"#;

const DOWN: &str = r#"
DELETE FROM traject_besluit WHERE soort = 'evaluatie';
DROP INDEX traject_besluit_no_go;
DROP INDEX traject_besluit_beslismoment;
CREATE UNIQUE INDEX traject_besluit_definitief ON traject_besluit (traject_id) WHERE besluit <> 'nog_niet';
ALTER TABLE traject_besluit DROP CONSTRAINT traject_besluit_nog_niet, DROP COLUMN soort;
COMMENT ON TABLE traject_besluit IS 'Besluiten van het beslismoment (stap 4 van weerbaarheid); go en no_go zijn definitief';
"#;

crate::sql_migratie!(UP, DOWN);
