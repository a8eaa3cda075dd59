//! Verzoeklimieten die over alle instanties van de dienst gelden (issue 16).
//!
//! - `verzoek_limiet (sleutel, venster_start, aantal)`: per sleutel (een account of
//!   koppeling die schrijft, een IP-adres dat tokens vraagt) hoeveel verzoeken er in
//!   het lopende venster waren. `UNLOGGED`: de tellers overleven een crash van
//!   PostgreSQL niet, en dat hoeft niet (een limiet die na een crash opnieuw begint);
//!   ze kosten zo geen WAL.
//! - `weefsel_limiet(sleutel, max, venster_seconden)` telt het verzoek en geeft 0 als
//!   het mag, anders het aantal seconden tot het venster afloopt (`Retry-After`). Eén
//!   statement, atomair (`INSERT ... ON CONFLICT`): twee instanties die tegelijk tellen,
//!   tellen allebei. De dienst mag alleen deze functie uitvoeren, niet in de tabel
//!   kijken.
//! - `weefsel_limiet_opruimen()` wist vensters die meer dan een uur voorbij zijn (de
//!   retentie roept haar aan): IP-adressen blijven niet langer dan nodig.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const UP: &str = r#"
CREATE UNLOGGED TABLE verzoek_limiet (
    sleutel       text        PRIMARY KEY,
    venster_start timestamptz NOT NULL,
    aantal        integer     NOT NULL
);
COMMENT ON TABLE verzoek_limiet IS 'Verzoeken per client per venster (weefsel_limiet); UNLOGGED, opgeruimd door de retentie';
REVOKE ALL ON verzoek_limiet FROM PUBLIC;

CREATE FUNCTION weefsel_limiet(p_sleutel text, p_max integer, p_venster integer)
RETURNS integer
LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp
AS $$
    INSERT INTO verzoek_limiet AS l (sleutel, venster_start, aantal)
    VALUES (p_sleutel, clock_timestamp(), 1)
    ON CONFLICT (sleutel) DO UPDATE SET
        venster_start = CASE WHEN l.venster_start <= clock_timestamp() - make_interval(secs => p_venster)
                             THEN clock_timestamp() ELSE l.venster_start END,
        aantal        = CASE WHEN l.venster_start <= clock_timestamp() - make_interval(secs => p_venster)
                             THEN 1 ELSE l.aantal + 1 END
    RETURNING CASE WHEN aantal <= p_max THEN 0
                   ELSE greatest(1, ceil(extract(epoch FROM
                        venster_start + make_interval(secs => p_venster) - clock_timestamp())))::integer
              END
$$;
REVOKE ALL ON FUNCTION weefsel_limiet(text, integer, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION weefsel_limiet(text, integer, integer) TO {app};

CREATE FUNCTION weefsel_limiet_opruimen()
RETURNS bigint
LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp
AS $$
    WITH weg AS (DELETE FROM verzoek_limiet WHERE venster_start < now() - interval '1 hour' RETURNING 1)
    SELECT count(*) FROM weg
$$;
REVOKE ALL ON FUNCTION weefsel_limiet_opruimen() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION weefsel_limiet_opruimen() TO {app};
"#;

const DOWN: &str = r#"
DROP FUNCTION weefsel_limiet_opruimen();
DROP FUNCTION weefsel_limiet(text, integer, integer);
DROP TABLE verzoek_limiet;
"#;

crate::sql_migratie!(UP, DOWN);
