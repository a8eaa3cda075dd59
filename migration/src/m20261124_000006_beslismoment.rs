//! Het beslismoment zoals de handreiking het beschrijft (issue 10):
//!
//! - besluiten worden een geschiedenis (`traject_besluit`): `go`, `nog_niet` of
//!   `no_go`; na `nog_niet` volgt een nieuw besluit, `go` en `no_go` zijn definitief
//!   (hoogstens één per traject). Het beslismoment sluit stap 4 af: een bewaarde `go`
//!   (die vroeger stap 5 afrondde) wordt een `go` die stap 4 afsloot;
//! - de verbinders worden een lijst (`traject_verbinder`: een duo of een klein team,
//!   met rol en benoemingsdatums) in plaats van twee kolommen;
//! - een traject krijgt alvast `netwerk_id`, voor een traject voor een gemeenschap of
//!   netwerk (de netwerken volgen met hun eigen issue).

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const UP: &str = r#"
CREATE TABLE traject_besluit (
    id          uuid        PRIMARY KEY,
    gemeente_id uuid        NOT NULL,
    traject_id  uuid        NOT NULL,
    besluit     text        NOT NULL CHECK (besluit IN ('go', 'nog_niet', 'no_go')),
    reden       text        NOT NULL CHECK (length(reden) BETWEEN 1 AND 2000),
    datum       date        NOT NULL,
    door        uuid,
    created_at  timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (traject_id, gemeente_id) REFERENCES traject (id, gemeente_id)
);
CREATE INDEX traject_besluit_traject_idx ON traject_besluit (traject_id, gemeente_id, created_at);
CREATE UNIQUE INDEX traject_besluit_definitief ON traject_besluit (traject_id) WHERE besluit <> 'nog_niet';
COMMENT ON TABLE traject_besluit IS 'Besluiten van het beslismoment (stap 4 van weerbaarheid); go en no_go zijn definitief';
GRANT SELECT, INSERT ON traject_besluit TO {app};

CREATE TABLE traject_verbinder (
    id           uuid        PRIMARY KEY,
    gemeente_id  uuid        NOT NULL,
    traject_id   uuid        NOT NULL,
    gebruiker_id uuid        NOT NULL,
    rol          text        NOT NULL CHECK (rol IN ('wijkverbinder', 'gemeenteverbinder')),
    vanaf        date,
    tot          date,
    UNIQUE (traject_id, gebruiker_id, rol),
    CHECK (tot IS NULL OR vanaf IS NULL OR tot >= vanaf),
    FOREIGN KEY (traject_id, gemeente_id) REFERENCES traject (id, gemeente_id),
    FOREIGN KEY (gebruiker_id, gemeente_id) REFERENCES gebruiker (id, gemeente_id)
);
CREATE INDEX traject_verbinder_traject_idx ON traject_verbinder (traject_id, gemeente_id);
CREATE INDEX traject_verbinder_gebruiker_idx ON traject_verbinder (gebruiker_id, gemeente_id);
COMMENT ON TABLE traject_verbinder IS 'Wijk- en gemeenteverbinders van een traject, met hun benoeming';
GRANT SELECT, INSERT, DELETE ON traject_verbinder TO {app};

ALTER TABLE traject ADD COLUMN netwerk_id uuid;
COMMENT ON COLUMN traject.netwerk_id IS 'Voor een gemeenschap of netwerk zonder één gebied (komt met de netwerken)';

INSERT INTO traject_besluit (id, gemeente_id, traject_id, besluit, reden, datum, door, created_at)
    SELECT gen_random_uuid(), gemeente_id, id, besluit, besluit_reden, besluit_datum, besluit_door, updated_at
    FROM traject WHERE besluit IS NOT NULL;
UPDATE traject_stap s
    SET status = 'afgerond',
        gestart_op = coalesce(least(s.gestart_op, t.besluit_datum), t.besluit_datum),
        afgerond_op = t.besluit_datum
    FROM traject t
    WHERE s.traject_id = t.id AND t.besluit = 'go' AND s.nummer = 4;
INSERT INTO traject_verbinder (id, gemeente_id, traject_id, gebruiker_id, rol, vanaf)
    SELECT gen_random_uuid(), gemeente_id, id, wijkverbinder_id, 'wijkverbinder', created_at::date
    FROM traject WHERE wijkverbinder_id IS NOT NULL;
INSERT INTO traject_verbinder (id, gemeente_id, traject_id, gebruiker_id, rol, vanaf)
    SELECT gen_random_uuid(), gemeente_id, id, gemeenteverbinder_id, 'gemeenteverbinder', created_at::date
    FROM traject WHERE gemeenteverbinder_id IS NOT NULL;

DROP INDEX traject_wijkverbinder_idx;
DROP INDEX traject_gemeenteverbinder_idx;
ALTER TABLE traject
    DROP CONSTRAINT traject_check,
    DROP CONSTRAINT traject_check1,
    DROP COLUMN besluit, DROP COLUMN besluit_reden, DROP COLUMN besluit_datum,
    DROP COLUMN besluit_door, DROP COLUMN wijkverbinder_id, DROP COLUMN gemeenteverbinder_id;
"#;

const DOWN: &str = r#"
ALTER TABLE traject
    ADD COLUMN besluit              text        CHECK (besluit IN ('go', 'no_go')),
    ADD COLUMN besluit_reden        text        CHECK (length(besluit_reden) BETWEEN 1 AND 2000),
    ADD COLUMN besluit_datum        date,
    ADD COLUMN besluit_door         uuid,
    ADD COLUMN wijkverbinder_id     uuid,
    ADD COLUMN gemeenteverbinder_id uuid;
UPDATE traject t SET besluit = b.besluit, besluit_reden = b.reden, besluit_datum = b.datum, besluit_door = b.door
    FROM traject_besluit b WHERE b.traject_id = t.id AND b.besluit <> 'nog_niet';
UPDATE traject t SET wijkverbinder_id = (SELECT gebruiker_id FROM traject_verbinder v
    WHERE v.traject_id = t.id AND v.rol = 'wijkverbinder' ORDER BY vanaf NULLS LAST LIMIT 1);
UPDATE traject t SET gemeenteverbinder_id = (SELECT gebruiker_id FROM traject_verbinder v
    WHERE v.traject_id = t.id AND v.rol = 'gemeenteverbinder' ORDER BY vanaf NULLS LAST LIMIT 1);
ALTER TABLE traject
    ADD CONSTRAINT traject_check CHECK (aanpak = 'weerbaarheid'
           OR (besluit IS NULL AND wijkverbinder_id IS NULL AND gemeenteverbinder_id IS NULL)),
    ADD CONSTRAINT traject_check1 CHECK ((besluit IS NULL) = (besluit_reden IS NULL) AND (besluit IS NULL) = (besluit_datum IS NULL)),
    ADD CONSTRAINT traject_wijkverbinder_id_gemeente_id_fkey
        FOREIGN KEY (wijkverbinder_id, gemeente_id) REFERENCES gebruiker (id, gemeente_id),
    ADD CONSTRAINT traject_gemeenteverbinder_id_gemeente_id_fkey
        FOREIGN KEY (gemeenteverbinder_id, gemeente_id) REFERENCES gebruiker (id, gemeente_id),
    DROP COLUMN netwerk_id;
CREATE INDEX traject_wijkverbinder_idx ON traject (wijkverbinder_id, gemeente_id);
CREATE INDEX traject_gemeenteverbinder_idx ON traject (gemeenteverbinder_id, gemeente_id);
DROP TABLE traject_verbinder;
DROP TABLE traject_besluit;
"#;

/// Row-level security van de twee nieuwe tabellen: lezen zoals de context toestaat,
/// schrijven alleen in de eigen gemeente.
const RLS: &str = r#"
ALTER TABLE traject_besluit ENABLE ROW LEVEL SECURITY;
CREATE POLICY traject_besluit_lezen ON traject_besluit FOR SELECT TO {app}
    USING (weefsel_mag_lezen(gemeente_id));
CREATE POLICY traject_besluit_toevoegen ON traject_besluit FOR INSERT TO {app}
    WITH CHECK (weefsel_mag_schrijven(gemeente_id));
ALTER TABLE traject_verbinder ENABLE ROW LEVEL SECURITY;
CREATE POLICY traject_verbinder_lezen ON traject_verbinder FOR SELECT TO {app}
    USING (weefsel_mag_lezen(gemeente_id));
CREATE POLICY traject_verbinder_toevoegen ON traject_verbinder FOR INSERT TO {app}
    WITH CHECK (weefsel_mag_schrijven(gemeente_id));
CREATE POLICY traject_verbinder_verwijderen ON traject_verbinder FOR DELETE TO {app}
    USING (weefsel_mag_schrijven(gemeente_id));
"#;

crate::sql_migratie!(format!("{UP}{RLS}"), DOWN);
