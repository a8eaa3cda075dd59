//! De gezondheid van een netwerk per vorm (issue 35): een sleutelpersonennetwerk
//! heeft meer contactambtenaren nodig (minstens twee), een wijknetwerk één
//! herkenbare contactpersoon (`primair`, een van de `contactambtenaren`) met een
//! achtervang; een ad-hocnetwerk geeft geen signaal over contactambtenaren. Het
//! signaal `geen_vast_contact` komt erbij, ook op het dashboard.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const SIGNALEN: &str = r#"
CREATE OR REPLACE FUNCTION weefsel_netwerk_signalen(p_gemeenten uuid[], p_vandaag date)
RETURNS TABLE (netwerk_id uuid, gemeente_id uuid, signaal text)
    LANGUAGE sql STABLE AS $f$
    SELECT n.id, n.gemeente_id, x.signaal
    FROM netwerk n
    CROSS JOIN LATERAL (VALUES
        ('te_weinig_contactambtenaren', CASE n.vorm
             WHEN 'sleutelpersonennetwerk' THEN cardinality(n.contactambtenaren) < 2
             WHEN 'wijknetwerk' THEN cardinality(n.contactambtenaren) = 0
             ELSE false END),
        ('geen_vast_contact', n.vorm = 'wijknetwerk'
             AND (n.primair IS NULL OR cardinality(n.contactambtenaren) < 2)),
        ('geen_recente_bijeenkomst', NOT (coalesce(n.laatste_bijeenkomst > p_vandaag - 183, false)
             OR EXISTS (SELECT 1 FROM unnest(n.komende_bijeenkomsten) d WHERE d <= p_vandaag AND d > p_vandaag - 183))),
        ('crisisafspraken_niet_herzien', coalesce(n.crisis_herzien < (p_vandaag - interval '12 months')::date, false)),
        ('veiligheidsafspraken_te_herzien', coalesce(n.veiligheid_herzien_voor < p_vandaag, false))
    ) AS x(signaal, aan)
    WHERE x.aan AND (p_gemeenten IS NULL OR n.gemeente_id = ANY (p_gemeenten))
$f$;
"#;

const UP: [&str; 2] = [
    r#"
ALTER TABLE netwerk ADD COLUMN primair uuid,
    ADD CONSTRAINT netwerk_primair_contact CHECK (primair IS NULL OR primair = ANY (contactambtenaren));
COMMENT ON COLUMN netwerk.primair IS 'De vaste contactpersoon (een van de contactambtenaren)';
"#,
    SIGNALEN,
];

const DOWN: &str = r#"
CREATE OR REPLACE FUNCTION weefsel_netwerk_signalen(p_gemeenten uuid[], p_vandaag date)
RETURNS TABLE (netwerk_id uuid, gemeente_id uuid, signaal text)
    LANGUAGE sql STABLE AS $f$
    SELECT n.id, n.gemeente_id, x.signaal
    FROM netwerk n
    CROSS JOIN LATERAL (VALUES
        ('te_weinig_contactambtenaren', cardinality(n.contactambtenaren) < 2),
        ('geen_recente_bijeenkomst', NOT (coalesce(n.laatste_bijeenkomst > p_vandaag - 183, false)
             OR EXISTS (SELECT 1 FROM unnest(n.komende_bijeenkomsten) d WHERE d <= p_vandaag AND d > p_vandaag - 183))),
        ('crisisafspraken_niet_herzien', coalesce(n.crisis_herzien < (p_vandaag - interval '12 months')::date, false)),
        ('veiligheidsafspraken_te_herzien', coalesce(n.veiligheid_herzien_voor < p_vandaag, false))
    ) AS x(signaal, aan)
    WHERE x.aan AND (p_gemeenten IS NULL OR n.gemeente_id = ANY (p_gemeenten))
$f$;
ALTER TABLE netwerk DROP CONSTRAINT netwerk_primair_contact, DROP COLUMN primair;
"#;

crate::sql_migratie!([UP[0], UP[1]], DOWN);
