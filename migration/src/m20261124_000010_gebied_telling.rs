//! Het aantal gebieden per gemeente, bijgehouden bij elke wijziging (issue 11).
//!
//! De lijst van gebieden zonder filters noemt haar totaal; de regio telde daarvoor bij
//! elk verzoek alle 6 600 gebieden (schaal 10), zodat haar pagina met het volume
//! groeide. Nu houdt een trigger per gemeente het aantal bij, in dezelfde transactie
//! als de wijziging, en leest de lijst zonder filters de som van hoogstens elf rijen.
//! Met een filter telt de lijst de rijen zelf (dat kan geen teller weten).
//!
//! `weefsel_tellen(tabel)` is algemeen: een andere lijst krijgt een teller met een
//! tabel `<naam>_telling (gemeente_id, aantal)` en dezelfde twee triggers. De functie
//! is SECURITY DEFINER: de dienst mag de teller alleen lezen (row-level security
//! zoals de tabel zelf), schrijven gebeurt alleen door de trigger. Een gebied
//! verhuist niet naar een andere gemeente (de schrijfregel van `gebied` laat alleen
//! de eigen gemeente toe), dus `UPDATE` verandert geen aantal.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

fn up() -> String {
    format!(
        r#"
CREATE TABLE gebied_telling (
    gemeente_id uuid PRIMARY KEY REFERENCES gemeente (id),
    aantal bigint NOT NULL CHECK (aantal >= 0)
);
INSERT INTO gebied_telling (gemeente_id, aantal)
    SELECT g.id, (SELECT count(*) FROM gebied WHERE gemeente_id = g.id) FROM gemeente g;
ALTER TABLE gebied_telling ENABLE ROW LEVEL SECURITY;
CREATE POLICY gebied_telling_lezen ON gebied_telling FOR SELECT TO {{app}}
    USING {lezen};
GRANT SELECT ON gebied_telling TO {{app}};

CREATE FUNCTION weefsel_tellen() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public
AS $f$
BEGIN
    IF TG_OP = 'INSERT' THEN
        EXECUTE format(
            'INSERT INTO %1$I (gemeente_id, aantal)
                 SELECT gemeente_id, count(*) FROM nieuw GROUP BY gemeente_id ORDER BY gemeente_id
             ON CONFLICT (gemeente_id) DO UPDATE SET aantal = %1$I.aantal + excluded.aantal',
            TG_ARGV[0]);
    ELSE
        EXECUTE format(
            'UPDATE %1$I t SET aantal = t.aantal - o.n
                 FROM (SELECT gemeente_id, count(*) AS n FROM oud GROUP BY gemeente_id) o
             WHERE t.gemeente_id = o.gemeente_id',
            TG_ARGV[0]);
    END IF;
    RETURN NULL;
END
$f$;
REVOKE ALL ON FUNCTION weefsel_tellen() FROM PUBLIC;

CREATE TRIGGER gebied_tellen_bij AFTER INSERT ON gebied
    REFERENCING NEW TABLE AS nieuw FOR EACH STATEMENT EXECUTE FUNCTION weefsel_tellen('gebied_telling');
CREATE TRIGGER gebied_tellen_af AFTER DELETE ON gebied
    REFERENCING OLD TABLE AS oud FOR EACH STATEMENT EXECUTE FUNCTION weefsel_tellen('gebied_telling');
"#,
        lezen = crate::MAG_LEZEN
    )
}

const DOWN: &str = r#"
DROP TRIGGER gebied_tellen_af ON gebied;
DROP TRIGGER gebied_tellen_bij ON gebied;
DROP FUNCTION weefsel_tellen();
DROP TABLE gebied_telling;
"#;

crate::sql_migratie!(up(), DOWN);
