//! Initiatieven (issue 13): wat bewoners in hun buurt opzetten, met een thema, een
//! trede op de participatieladder, een gebied en/of netwerk, een initiatiefnemer (een
//! organisatie, of een contactpersoon: naam en e-mail zijn persoonsgegevens) en een
//! afloop. De contactgegevens van een initiatief dat meer dan een jaar geleden
//! eindigde, wist `weefsel_retentie_initiatieven`.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const UP: &str = r#"
CREATE TABLE initiatief (
    id                        uuid        PRIMARY KEY,
    gemeente_id               uuid        NOT NULL REFERENCES gemeente (id),
    titel                     text        NOT NULL CHECK (length(titel) BETWEEN 1 AND 200),
    omschrijving              text        CHECK (length(omschrijving) BETWEEN 1 AND 5000),
    thema                     text        NOT NULL CHECK (thema IN ('vrije_tijd', 'vrijwilligerswerk',
                                  'rolmodellen', 'buurtpreventie', 'cursussen_trainingen', 'werkplaatsen',
                                  'maatjesproject', 'mentorschap', 'informatievoorziening', 'netwerkvorming',
                                  'oudergroepen', 'oudercursussen', 'jongerenparticipatie', 'voorlichting',
                                  'crisisvoorbereiding')),
    participatie              text        CHECK (participatie IN ('informeren', 'raadplegen', 'adviseren',
                                  'coproduceren', 'meebeslissen', 'zelf_organiseren')),
    gebied_id                 uuid,
    netwerk_id                uuid,
    organisatie               text        CHECK (length(organisatie) BETWEEN 1 AND 200),
    contactnaam               text        CHECK (length(contactnaam) BETWEEN 1 AND 200),
    contactemail              text        CHECK (length(contactemail) BETWEEN 3 AND 254),
    contact_geanonimiseerd_op timestamptz,
    status                    text        NOT NULL CHECK (status IN ('idee', 'lopend', 'afgerond', 'gestopt')),
    startdatum                date,
    einddatum                 date,
    resultaten                text        CHECK (length(resultaten) BETWEEN 1 AND 5000),
    lessen                    text        CHECK (length(lessen) BETWEEN 1 AND 5000),
    version                   integer     NOT NULL DEFAULT 1,
    created_at                timestamptz NOT NULL DEFAULT now(),
    updated_at                timestamptz NOT NULL DEFAULT now(),
    UNIQUE (id, gemeente_id),
    CHECK (einddatum IS NULL OR startdatum IS NULL OR einddatum >= startdatum),
    CHECK (status IN ('afgerond', 'gestopt') OR (resultaten IS NULL AND lessen IS NULL)),
    FOREIGN KEY (gebied_id, gemeente_id) REFERENCES gebied (id, gemeente_id),
    FOREIGN KEY (netwerk_id, gemeente_id) REFERENCES netwerk (id, gemeente_id)
);
CREATE INDEX initiatief_lijst_idx ON initiatief (gemeente_id, created_at DESC, id DESC);
CREATE INDEX initiatief_gebied_idx ON initiatief (gebied_id, gemeente_id);
CREATE INDEX initiatief_netwerk_idx ON initiatief (netwerk_id, gemeente_id);
CREATE INDEX initiatief_retentie_idx ON initiatief (einddatum)
    WHERE contact_geanonimiseerd_op IS NULL AND (contactnaam IS NOT NULL OR contactemail IS NOT NULL);
COMMENT ON TABLE initiatief IS 'Bewonersinitiatieven; contactnaam en contactemail zijn persoonsgegevens';
GRANT SELECT, INSERT, UPDATE, DELETE ON initiatief TO {app};

ALTER TABLE initiatief ENABLE ROW LEVEL SECURITY;
CREATE POLICY initiatief_lezen ON initiatief FOR SELECT TO {app} USING {lezen};
CREATE POLICY initiatief_toevoegen ON initiatief FOR INSERT TO {app} WITH CHECK (weefsel_mag_schrijven(gemeente_id));
CREATE POLICY initiatief_wijzigen ON initiatief FOR UPDATE TO {app} USING (weefsel_mag_schrijven(gemeente_id));
CREATE POLICY initiatief_verwijderen ON initiatief FOR DELETE TO {app} USING (weefsel_mag_schrijven(gemeente_id));

-- De contactgegevens van een initiatief dat vóór `p_peildatum` min een jaar eindigde
-- (afgerond of gestopt), in alle gemeenten; geeft het aantal initiatieven.
"#;

pub(crate) const WEEFSEL_RETENTIE_INITIATIEVEN: &str = r#"CREATE OR REPLACE FUNCTION weefsel_retentie_initiatieven(p_peildatum date) RETURNS integer
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public AS $f$
DECLARE
    v_aantal integer;
BEGIN
    UPDATE initiatief SET contactnaam = NULL, contactemail = NULL, contact_geanonimiseerd_op = now(),
           version = version + 1, updated_at = now()
     WHERE status IN ('afgerond', 'gestopt') AND einddatum < (p_peildatum - interval '1 year')::date
       AND contact_geanonimiseerd_op IS NULL AND (contactnaam IS NOT NULL OR contactemail IS NOT NULL);
    GET DIAGNOSTICS v_aantal = ROW_COUNT;
    RETURN v_aantal;
END
$f$;
"#;

const UP_NA: &str = r#"REVOKE ALL ON FUNCTION weefsel_retentie_initiatieven(date) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION weefsel_retentie_initiatieven(date) TO {app};
"#;

const DOWN: &str = r#"
DROP FUNCTION weefsel_retentie_initiatieven(date);
DROP TABLE initiatief;
"#;

crate::sql_migratie!([UP, WEEFSEL_RETENTIE_INITIATIEVEN, UP_NA], DOWN);
