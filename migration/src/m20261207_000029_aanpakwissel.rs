//! Een coachend traject kan overstappen op de coördinerende aanpak (issue 34): de
//! wissels staan in `traject_aanpakwissel` (van, naar, reden, datum, door; de reden is
//! vrije tekst die mensen kan noemen), en wat van de stappen niet meeverhuist
//! (antwoorden en vinkjes op sleutels die de nieuwe leidraad niet kent) bewaart het
//! traject alleen lezen in `vervallen`.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const UP: &str = r#"
CREATE TABLE traject_aanpakwissel (
    id          uuid        PRIMARY KEY,
    gemeente_id uuid        NOT NULL,
    traject_id  uuid        NOT NULL,
    van         text        NOT NULL CHECK (van IN ('coordinerend', 'coachend', 'weerbaarheid')),
    naar        text        NOT NULL CHECK (naar IN ('coordinerend', 'coachend', 'weerbaarheid')),
    reden       text        NOT NULL CHECK (length(reden) BETWEEN 1 AND 2000),
    datum       date        NOT NULL,
    door        uuid,
    created_at  timestamptz NOT NULL DEFAULT now(),
    CHECK (van <> naar),
    FOREIGN KEY (traject_id, gemeente_id) REFERENCES traject (id, gemeente_id)
);
CREATE INDEX traject_aanpakwissel_traject_idx ON traject_aanpakwissel (traject_id, gemeente_id, created_at);
COMMENT ON TABLE traject_aanpakwissel IS 'Overstappen van een traject op een andere aanpak; de reden kan mensen noemen';
GRANT SELECT, INSERT ON traject_aanpakwissel TO {app};
ALTER TABLE traject_aanpakwissel ENABLE ROW LEVEL SECURITY;
CREATE POLICY traject_aanpakwissel_lezen ON traject_aanpakwissel FOR SELECT TO {app} USING {lezen};
CREATE POLICY traject_aanpakwissel_toevoegen ON traject_aanpakwissel FOR INSERT TO {app}
    WITH CHECK (weefsel_mag_schrijven(gemeente_id));

ALTER TABLE traject ADD COLUMN vervallen jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(vervallen) = 'array');
COMMENT ON COLUMN traject.vervallen IS 'Antwoorden en vinkjes van voor een aanpakwissel zonder plek in de nieuwe leidraad: vrije tekst die mensen kan noemen';
"#;

const DOWN: &str = r#"
ALTER TABLE traject DROP COLUMN vervallen;
DROP TABLE traject_aanpakwissel;
"#;

crate::sql_migratie!(UP, DOWN);
