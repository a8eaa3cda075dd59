//! Het DNA-profiel wordt bewaard (issue 11): bijgehouden in dezelfde transactie als
//! wat het verandert (een meting, een intrekking, grootte of inwonertal, een
//! handmatige keuze, de instellingen van de gemeente), met de kolommen waarop lijsten
//! filteren en sorteren. Lijsten pagineren zo in SQL in plaats van in het geheugen,
//! en tonen de kenmerken van het profiel uit deze kolommen, zonder het hele profiel
//! te lezen.
//!
//! De dienst schrijft de afgeleide kolommen via `weefsel_dna_opslaan` (SECURITY
//! DEFINER): ook een regionaal beheerder die de drempel van een gemeente wijzigt,
//! werkt de profielen van haar gebieden bij, maar alleen van gebieden die de
//! aanroeper mag lezen, en alleen deze kolommen.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const UP: &str = r#"
ALTER TABLE gebied
    ADD COLUMN dna_profiel  jsonb,
    ADD COLUMN dna_kwadrant smallint CHECK (dna_kwadrant BETWEEN 1 AND 4),
    ADD COLUMN dna_cohesie  text CHECK (dna_cohesie IN ('sterk', 'zwak', 'onbepaald')),
    ADD COLUMN dna_aanpak   text[] NOT NULL DEFAULT '{}',
    ADD COLUMN dna_grootte  text CHECK (dna_grootte IN ('klein', 'groot')),
    ADD COLUMN dna_basis    text CHECK (dna_basis IN ('indicatoren', 'tekenen', 'geen')),
    ADD COLUMN dna_peildatum date;
COMMENT ON COLUMN gebied.dna_profiel IS 'Het geldende DNA-profiel (afgeleid; weefsel dna herberekenen rekent het na)';
CREATE INDEX gebied_naam_idx ON gebied (gemeente_id, naam, id);
-- De regio leest alle gemeenten: de pagina volgt dan deze index, zonder sorteren.
CREATE INDEX gebied_regio_naam_idx ON gebied (naam, id);
CREATE INDEX gebied_kwadrant_idx ON gebied (gemeente_id, dna_kwadrant, naam, id);
CREATE INDEX gebied_aanpak_idx ON gebied USING gin (dna_aanpak);

CREATE FUNCTION weefsel_dna_opslaan(profielen jsonb) RETURNS integer
    LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, public
AS $f$
    WITH bijgewerkt AS (
        UPDATE gebied g
        SET dna_profiel = r.profiel, dna_kwadrant = r.kwadrant, dna_cohesie = r.cohesie,
            dna_aanpak = coalesce(r.aanpak, '{}'), dna_grootte = r.grootte,
            dna_basis = r.basis, dna_peildatum = r.peildatum
        FROM jsonb_to_recordset(profielen)
            AS r(id uuid, profiel jsonb, kwadrant smallint, cohesie text, aanpak text[], grootte text,
                 basis text, peildatum date)
        WHERE g.id = r.id AND weefsel_mag_lezen(g.gemeente_id)
        RETURNING 1)
    SELECT count(*)::integer FROM bijgewerkt
$f$;
REVOKE ALL ON FUNCTION weefsel_dna_opslaan(jsonb) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION weefsel_dna_opslaan(jsonb) TO {app};
"#;

const DOWN: &str = r#"
DROP FUNCTION weefsel_dna_opslaan(jsonb);
DROP INDEX gebied_aanpak_idx;
DROP INDEX gebied_kwadrant_idx;
DROP INDEX gebied_regio_naam_idx;
DROP INDEX gebied_naam_idx;
ALTER TABLE gebied DROP COLUMN dna_peildatum, DROP COLUMN dna_basis, DROP COLUMN dna_grootte, DROP COLUMN dna_aanpak, DROP COLUMN dna_cohesie,
    DROP COLUMN dna_kwadrant, DROP COLUMN dna_profiel;
"#;

crate::sql_migratie!(UP, DOWN);
