//! De leidraad in de software (issue 34, V1 punten 1 en 2).
//!
//! - `leidraad`: per stappenplan (`aanpak`) en `versie` de inhoud van de handreiking
//!   per stap (doel, activiteiten, vragen, checklist, elk met zijn bron), als JSON. De
//!   regio publiceert nieuwe versies; oude blijven staan. Versie 1 komt uit
//!   `leidraad_v1.json`, in eigen woorden geschreven uit de handreikingen.
//! - `leidraad_aanvulling`: de eigen vragen en checklistpunten van een gemeente per
//!   stap, met een sleutel `gm-…`. Verwijderen zet `verwijderd_op`: antwoorden erop
//!   blijven leesbaar en de sleutel wordt niet opnieuw gebruikt. Alleen de gemeente zelf
//!   en de regionale beheerder lezen ze.
//! - Een traject ligt vast op de versie van zijn plan bij de start
//!   (`traject.leidraad_versie`, bij het invoegen gezet door een trigger); een stap bewaart de antwoorden op haar vragen
//!   (`antwoorden`: sleutel → tekst), wie wanneer welk checklistpunt afvinkte
//!   (`afgevinkt`: sleutel → {door, op}) en het netwerk dat zij vormde (`netwerk_id`).

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const SCHEMA: &str = r#"
CREATE TABLE leidraad (
    aanpak          text        NOT NULL CHECK (aanpak IN ('coordinerend', 'coachend', 'weerbaarheid')),
    versie          integer     NOT NULL CHECK (versie >= 1),
    inhoud          jsonb       NOT NULL CHECK (jsonb_typeof(inhoud) = 'object'),
    gepubliceerd_op timestamptz NOT NULL DEFAULT now(),
    door            uuid,
    PRIMARY KEY (aanpak, versie)
);
COMMENT ON TABLE leidraad IS 'De leidraad per stappenplan en versie: doel, activiteiten, vragen en checklist per stap, met hun bron';
GRANT SELECT, INSERT ON leidraad TO {app};
ALTER TABLE leidraad ENABLE ROW LEVEL SECURITY;
CREATE POLICY leidraad_lezen ON leidraad FOR SELECT TO {app} USING (true);
CREATE POLICY leidraad_publiceren ON leidraad FOR INSERT TO {app} WITH CHECK ((SELECT weefsel_regio()) = 'beheer');

CREATE TABLE leidraad_aanvulling (
    id            uuid        PRIMARY KEY,
    gemeente_id   uuid        NOT NULL REFERENCES gemeente (id),
    aanpak        text        NOT NULL CHECK (aanpak IN ('coordinerend', 'coachend', 'weerbaarheid')),
    stap          smallint    NOT NULL CHECK (stap BETWEEN 0 AND 12),
    sleutel       text        NOT NULL CHECK (sleutel ~ '^gm-[a-z0-9]+(-[a-z0-9]+)*$' AND length(sleutel) <= 60),
    soort         text        NOT NULL CHECK (soort IN ('vraag', 'checklist')),
    tekst         text        NOT NULL CHECK (length(tekst) BETWEEN 1 AND 1000),
    verwijderd_op timestamptz,
    version       integer     NOT NULL DEFAULT 1,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    UNIQUE (gemeente_id, aanpak, sleutel)
);
CREATE INDEX leidraad_aanvulling_stap_idx ON leidraad_aanvulling (aanpak, stap, gemeente_id);
COMMENT ON TABLE leidraad_aanvulling IS 'Eigen vragen en checklistpunten van een gemeente bij een stap (sleutel gm-…); alleen de gemeente en de regionale beheerder lezen ze';
GRANT SELECT, INSERT, UPDATE ON leidraad_aanvulling TO {app};
ALTER TABLE leidraad_aanvulling ENABLE ROW LEVEL SECURITY;
CREATE POLICY leidraad_aanvulling_lezen ON leidraad_aanvulling FOR SELECT TO {app} USING (
    gemeente_id = (SELECT weefsel_gemeente()) OR (SELECT weefsel_regio()) = 'beheer');
CREATE POLICY leidraad_aanvulling_toevoegen ON leidraad_aanvulling FOR INSERT TO {app} WITH CHECK (weefsel_mag_schrijven(gemeente_id));
CREATE POLICY leidraad_aanvulling_wijzigen ON leidraad_aanvulling FOR UPDATE TO {app} USING (weefsel_mag_schrijven(gemeente_id));

ALTER TABLE traject ADD COLUMN leidraad_versie integer NOT NULL DEFAULT 1;
ALTER TABLE traject ALTER COLUMN leidraad_versie DROP DEFAULT;
-- Een nieuw traject zonder versie krijgt de huidige versie van zijn plan.
CREATE FUNCTION traject_leidraad_versie() RETURNS trigger
    LANGUAGE plpgsql SET search_path = pg_catalog, public AS $f$
BEGIN
    IF NEW.leidraad_versie IS NULL THEN
        NEW.leidraad_versie := (SELECT max(versie) FROM leidraad WHERE aanpak = NEW.aanpak);
    END IF;
    RETURN NEW;
END
$f$;
CREATE TRIGGER traject_leidraad_versie BEFORE INSERT ON traject
    FOR EACH ROW EXECUTE FUNCTION traject_leidraad_versie();

ALTER TABLE traject_stap
    ADD COLUMN antwoorden jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(antwoorden) = 'object'),
    ADD COLUMN afgevinkt  jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(afgevinkt) = 'object'),
    ADD COLUMN netwerk_id uuid,
    ADD CONSTRAINT traject_stap_netwerk_fk FOREIGN KEY (netwerk_id, gemeente_id)
        REFERENCES netwerk (id, gemeente_id) ON DELETE SET NULL (netwerk_id);
CREATE INDEX traject_stap_netwerk_idx ON traject_stap (netwerk_id, gemeente_id) WHERE netwerk_id IS NOT NULL;
COMMENT ON COLUMN traject_stap.antwoorden IS 'Antwoorden op de vragen van de leidraad (sleutel → tekst): vrije tekst die mensen kan noemen';
"#;

const INHOUD: [&str; 3] = [
    "INSERT INTO leidraad (aanpak, versie, inhoud) SELECT key, 1, value FROM jsonb_each($leidraad$",
    include_str!("leidraad_v1.json"),
    "$leidraad$::jsonb);
ALTER TABLE traject ADD CONSTRAINT traject_leidraad_fk FOREIGN KEY (aanpak, leidraad_versie)
    REFERENCES leidraad (aanpak, versie);
CREATE INDEX traject_leidraad_idx ON traject (aanpak, leidraad_versie);",
];

const DOWN: &str = r#"
ALTER TABLE traject DROP CONSTRAINT traject_leidraad_fk;
DROP TRIGGER traject_leidraad_versie ON traject;
DROP FUNCTION traject_leidraad_versie();
ALTER TABLE traject DROP COLUMN leidraad_versie;
ALTER TABLE traject_stap DROP COLUMN antwoorden, DROP COLUMN afgevinkt, DROP COLUMN netwerk_id;
DROP TABLE leidraad_aanvulling;
DROP TABLE leidraad;
"#;

crate::sql_migratie!([SCHEMA, INHOUD[0], INHOUD[1], INHOUD[2]], DOWN);
