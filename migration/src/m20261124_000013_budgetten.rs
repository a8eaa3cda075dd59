//! Budgetten, aanvragen en het grootboek (issue 13).
//!
//! Het grootboek (`mutatie`) is alleen-toevoegen. Elke regel werkt in dezelfde
//! transactie de totalen van haar budget en aanvraag bij (trigger `mutatie_boeken`),
//! en die totalen hebben CHECKs: `gereserveerd` van een budget nooit boven zijn totaal
//! (dus `beschikbaar` nooit onder nul), en per aanvraag nooit meer uitbetaald dan
//! gereserveerd. Twee gelijktijdige toekenningen van de laatste euro's wachten op
//! elkaar (rijvergrendeling van het budget); de tweede ziet het nieuwe totaal.
//!
//! `idempotentie` bewaart per aanroeper, operatie en `Idempotency-Key` het eerste
//! antwoord (minstens 24 uur).

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const UP: &str = r#"
CREATE TABLE budget (
    id                  uuid        PRIMARY KEY,
    gemeente_id         uuid        NOT NULL REFERENCES gemeente (id),
    naam                text        NOT NULL CHECK (length(naam) BETWEEN 1 AND 200),
    jaar                integer     NOT NULL CHECK (jaar BETWEEN 2000 AND 2100),
    vorm                text        NOT NULL CHECK (vorm IN ('micro', 'flexibel', 'co_creatie', 'matching', 'experiment')),
    totaal_bedrag       bigint      NOT NULL CHECK (totaal_bedrag BETWEEN 0 AND 100000000000),
    max_per_aanvraag    bigint      NOT NULL CHECK (max_per_aanvraag BETWEEN 1 AND 100000000000),
    gebied_id           uuid,
    matching_teller     integer     NOT NULL DEFAULT 1 CHECK (matching_teller BETWEEN 1 AND 100),
    matching_noemer     integer     NOT NULL DEFAULT 1 CHECK (matching_noemer BETWEEN 1 AND 100),
    beslistermijn_dagen integer     NOT NULL DEFAULT 14 CHECK (beslistermijn_dagen BETWEEN 1 AND 365),
    open                boolean     NOT NULL DEFAULT true,
    gereserveerd        bigint      NOT NULL DEFAULT 0,
    uitbetaald          bigint      NOT NULL DEFAULT 0,
    vrijgevallen        bigint      NOT NULL DEFAULT 0,
    version             integer     NOT NULL DEFAULT 1,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    UNIQUE (id, gemeente_id),
    UNIQUE (gemeente_id, jaar, naam),
    CONSTRAINT budget_niet_overschreden CHECK (gereserveerd BETWEEN 0 AND totaal_bedrag),
    FOREIGN KEY (gebied_id, gemeente_id) REFERENCES gebied (id, gemeente_id)
);
CREATE INDEX budget_lijst_idx ON budget (gemeente_id, jaar DESC, naam);
CREATE INDEX budget_gebied_idx ON budget (gebied_id, gemeente_id);
COMMENT ON TABLE budget IS 'Budgetten voor initiatieven; de totalen houdt het grootboek bij';
GRANT SELECT, INSERT, UPDATE ON budget TO {app};

CREATE TABLE aanvraag (
    id                 uuid        PRIMARY KEY,
    gemeente_id        uuid        NOT NULL REFERENCES gemeente (id),
    budget_id          uuid        NOT NULL,
    initiatief_id      uuid,
    netwerk_id         uuid,
    aangevraagd_bedrag bigint      NOT NULL CHECK (aangevraagd_bedrag BETWEEN 1 AND 100000000000),
    eigen_bijdrage     bigint      NOT NULL DEFAULT 0 CHECK (eigen_bijdrage BETWEEN 0 AND 100000000000),
    plan               text        CHECK (length(plan) BETWEEN 1 AND 5000),
    status             text        NOT NULL CHECK (status IN ('concept', 'ingediend', 'toegekend',
                           'deels_toegekend', 'afgewezen', 'ingetrokken')),
    ingediend_door     uuid,
    ingediend_op       date,
    beslissen_voor     date,
    toegekend_bedrag   bigint      CHECK (toegekend_bedrag >= 0),
    motivering         text        CHECK (length(motivering) BETWEEN 1 AND 5000),
    besloten_op        date,
    besloten_door      uuid,
    te_laat            boolean,
    gereserveerd       bigint      NOT NULL DEFAULT 0,
    uitbetaald         bigint      NOT NULL DEFAULT 0,
    version            integer     NOT NULL DEFAULT 1,
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    UNIQUE (id, gemeente_id),
    CHECK ((initiatief_id IS NULL) <> (netwerk_id IS NULL)),
    CONSTRAINT aanvraag_niet_overbetaald CHECK (gereserveerd >= 0 AND uitbetaald BETWEEN 0 AND gereserveerd),
    FOREIGN KEY (budget_id, gemeente_id) REFERENCES budget (id, gemeente_id),
    FOREIGN KEY (initiatief_id, gemeente_id) REFERENCES initiatief (id, gemeente_id),
    FOREIGN KEY (netwerk_id, gemeente_id) REFERENCES netwerk (id, gemeente_id)
);
CREATE INDEX aanvraag_lijst_idx ON aanvraag (gemeente_id, created_at DESC, id DESC);
CREATE INDEX aanvraag_budget_idx ON aanvraag (budget_id, gemeente_id);
CREATE INDEX aanvraag_initiatief_idx ON aanvraag (initiatief_id, gemeente_id);
CREATE INDEX aanvraag_netwerk_idx ON aanvraag (netwerk_id, gemeente_id);
CREATE INDEX aanvraag_te_laat_idx ON aanvraag (gemeente_id, beslissen_voor) WHERE status = 'ingediend';
COMMENT ON TABLE aanvraag IS 'Aanvragen van een initiatief of netwerk bij een budget';
GRANT SELECT, INSERT, UPDATE ON aanvraag TO {app};

CREATE TABLE mutatie (
    id          uuid        PRIMARY KEY,
    gemeente_id uuid        NOT NULL,
    budget_id   uuid        NOT NULL,
    aanvraag_id uuid        NOT NULL,
    soort       text        NOT NULL CHECK (soort IN ('reservering', 'uitbetaling', 'vrijval', 'correctie')),
    bedrag      bigint      NOT NULL CHECK (bedrag BETWEEN -100000000000 AND 100000000000
                    AND (soort = 'correctie' OR bedrag > 0) AND bedrag <> 0),
    omschrijving text       CHECK (length(omschrijving) BETWEEN 1 AND 2000),
    door        uuid,
    tijdstip    timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (budget_id, gemeente_id) REFERENCES budget (id, gemeente_id),
    FOREIGN KEY (aanvraag_id, gemeente_id) REFERENCES aanvraag (id, gemeente_id)
);
CREATE INDEX mutatie_budget_idx ON mutatie (budget_id, gemeente_id, tijdstip, id);
CREATE INDEX mutatie_aanvraag_idx ON mutatie (aanvraag_id, gemeente_id);
COMMENT ON TABLE mutatie IS 'Het grootboek van de budgetten: alleen toevoegen';
GRANT SELECT, INSERT ON mutatie TO {app};

CREATE FUNCTION mutatie_alleen_toevoegen() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
    RAISE EXCEPTION 'mutatie is alleen-toevoegen: % is niet toegestaan', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$f$;
CREATE TRIGGER mutatie_geen_wijziging BEFORE UPDATE OR DELETE ON mutatie
    FOR EACH ROW EXECUTE FUNCTION mutatie_alleen_toevoegen();
CREATE TRIGGER mutatie_geen_truncate BEFORE TRUNCATE ON mutatie
    FOR EACH STATEMENT EXECUTE FUNCTION mutatie_alleen_toevoegen();

-- Elke regel boekt meteen door naar de totalen; de CHECKs daar weigeren overschrijding.
CREATE FUNCTION mutatie_boeken() RETURNS trigger LANGUAGE plpgsql AS $f$
DECLARE
    v_reservering bigint := CASE NEW.soort WHEN 'reservering' THEN NEW.bedrag
                                           WHEN 'vrijval' THEN -NEW.bedrag
                                           WHEN 'correctie' THEN NEW.bedrag ELSE 0 END;
    v_uitbetaling bigint := CASE NEW.soort WHEN 'uitbetaling' THEN NEW.bedrag ELSE 0 END;
    v_vrijval     bigint := CASE NEW.soort WHEN 'vrijval' THEN NEW.bedrag ELSE 0 END;
BEGIN
    UPDATE budget SET gereserveerd = gereserveerd + v_reservering, uitbetaald = uitbetaald + v_uitbetaling,
           vrijgevallen = vrijgevallen + v_vrijval
     WHERE id = NEW.budget_id;
    UPDATE aanvraag SET gereserveerd = gereserveerd + v_reservering, uitbetaald = uitbetaald + v_uitbetaling
     WHERE id = NEW.aanvraag_id;
    RETURN NULL;
END
$f$;
CREATE TRIGGER mutatie_boeken AFTER INSERT ON mutatie FOR EACH ROW EXECUTE FUNCTION mutatie_boeken();

CREATE TABLE idempotentie (
    actor        uuid        NOT NULL,
    operatie     text        NOT NULL,
    sleutel      text        NOT NULL CHECK (length(sleutel) BETWEEN 1 AND 255),
    vingerafdruk text        NOT NULL,
    status       integer,
    body         text,
    locatie      text,
    etag         text,
    aangemaakt   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (actor, operatie, sleutel)
);
CREATE INDEX idempotentie_aangemaakt_idx ON idempotentie (aangemaakt);
COMMENT ON TABLE idempotentie IS 'Het eerste antwoord per aanroeper, operatie en Idempotency-Key (minstens 24 uur)';
GRANT SELECT, INSERT, UPDATE, DELETE ON idempotentie TO {app};
"#;

const RLS: &str = r#"
ALTER TABLE budget ENABLE ROW LEVEL SECURITY;
CREATE POLICY budget_lezen ON budget FOR SELECT TO {app} USING {lezen};
CREATE POLICY budget_toevoegen ON budget FOR INSERT TO {app} WITH CHECK (weefsel_mag_schrijven(gemeente_id));
CREATE POLICY budget_wijzigen ON budget FOR UPDATE TO {app} USING (weefsel_mag_schrijven(gemeente_id));
ALTER TABLE aanvraag ENABLE ROW LEVEL SECURITY;
CREATE POLICY aanvraag_lezen ON aanvraag FOR SELECT TO {app} USING {lezen};
CREATE POLICY aanvraag_toevoegen ON aanvraag FOR INSERT TO {app} WITH CHECK (weefsel_mag_schrijven(gemeente_id));
CREATE POLICY aanvraag_wijzigen ON aanvraag FOR UPDATE TO {app} USING (weefsel_mag_schrijven(gemeente_id));
ALTER TABLE mutatie ENABLE ROW LEVEL SECURITY;
CREATE POLICY mutatie_lezen ON mutatie FOR SELECT TO {app} USING {lezen};
CREATE POLICY mutatie_toevoegen ON mutatie FOR INSERT TO {app} WITH CHECK (weefsel_mag_schrijven(gemeente_id));
"#;

const DOWN: &str = r#"
DROP TABLE idempotentie;
DROP TABLE mutatie;
DROP FUNCTION mutatie_boeken();
DROP FUNCTION mutatie_alleen_toevoegen();
DROP TABLE aanvraag;
DROP TABLE budget;
"#;

crate::sql_migratie!([UP, RLS], DOWN);
