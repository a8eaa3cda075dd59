//! Eén "vandaag" (issue 33, punt 4): de dag in Nederland (Europe/Amsterdam), ook in
//! SQL. `weefsel_vandaag()` is `(now() AT TIME ZONE 'Europe/Amsterdam')::date`; de
//! functies die `current_date` namen (de dag van de sessie, in UTC), nemen haar nu: de
//! diversiteit van een netwerk (wie vandaag nog lid is) en de afgeleide kolommen van
//! een netwerk (de laatste en de komende bijeenkomsten). Tussen middernacht en 01:00
//! (02:00 in de zomer) viel die dag anders een dag te vroeg.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const UP: &str = r#"
CREATE FUNCTION weefsel_vandaag() RETURNS date
    LANGUAGE sql STABLE SET search_path = pg_catalog AS $f$
    SELECT (now() AT TIME ZONE 'Europe/Amsterdam')::date
$f$;
GRANT EXECUTE ON FUNCTION weefsel_vandaag() TO {app};

CREATE OR REPLACE FUNCTION weefsel_netwerk_diversiteit(p_netwerk uuid)
RETURNS TABLE (dimensie text, kant text, aantal bigint, scheef boolean)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $f$
    WITH netwerk_zichtbaar AS (
        SELECT n.id FROM netwerk n WHERE n.id = p_netwerk
           AND (n.gemeente_id = weefsel_gemeente() OR weefsel_regio() IN ('lezen', 'beheer'))
    ), leden AS (
        SELECT s.id, s.gebied_id, g.leeftijdsgroep, g.migratieachtergrond, g.hulpverlenend_beroep,
               g.bekend_bij_gemeente, g.opleidingsrichting
        FROM netwerk_lid l
        JOIN netwerk_zichtbaar nz ON nz.id = l.netwerk_id
        JOIN sleutelpersoon s ON s.id = l.sleutelpersoon_id
        LEFT JOIN sleutelpersoon_gegevens g ON g.sleutelpersoon_id = s.id
        WHERE (l.eind IS NULL OR l.eind >= weefsel_vandaag()) AND s.status = 'actief'
    ), cellen AS (
        SELECT 'leeftijdsgroep' AS dimensie, leeftijdsgroep AS kant, count(*) AS n FROM leden
            WHERE leeftijdsgroep IS NOT NULL GROUP BY 2
        UNION ALL SELECT 'migratieachtergrond', CASE WHEN migratieachtergrond THEN 'met' ELSE 'zonder' END, count(*)
            FROM leden WHERE migratieachtergrond IS NOT NULL GROUP BY 2
        UNION ALL SELECT 'hulpverlenendBeroep', CASE WHEN hulpverlenend_beroep THEN 'met' ELSE 'zonder' END, count(*)
            FROM leden WHERE hulpverlenend_beroep IS NOT NULL GROUP BY 2
        UNION ALL SELECT 'bekendBijGemeente', CASE WHEN bekend_bij_gemeente THEN 'bekend' ELSE 'onbekend' END, count(*)
            FROM leden WHERE bekend_bij_gemeente IS NOT NULL GROUP BY 2
        UNION ALL SELECT 'opleidingsrichting', opleidingsrichting, count(*) FROM leden
            WHERE opleidingsrichting IS NOT NULL GROUP BY 2
        UNION ALL SELECT 'gebied', coalesce(gebied_id::text, 'onbekend'), count(*) FROM leden GROUP BY 2
    )
    SELECT c.dimensie, c.kant, CASE WHEN c.n < 5 THEN NULL ELSE c.n END,
           c.dimensie <> 'gebied' AND max(c.n) OVER w * 5 > sum(c.n) OVER w * 4
    FROM cellen c
    WINDOW w AS (PARTITION BY c.dimensie)
    ORDER BY 1, 2
$f$;

CREATE OR REPLACE FUNCTION weefsel_netwerk_afgeleid(ids uuid[]) RETURNS void
    LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, public AS $f$
    UPDATE netwerk n SET
        laatste_bijeenkomst = (SELECT max(b.datum) FROM bijeenkomst b
                               WHERE b.netwerk_id = n.id AND b.datum <= weefsel_vandaag()),
        komende_bijeenkomsten = ARRAY(SELECT b.datum FROM bijeenkomst b
                                      WHERE b.netwerk_id = n.id AND b.datum > weefsel_vandaag() ORDER BY b.datum),
        veiligheid_herzien_voor = (SELECT min(v.herzien_voor) FROM veiligheidsafspraak v WHERE v.netwerk_id = n.id)
    WHERE n.id = ANY (ids)
$f$;
"#;

const DOWN: &str = r#"
DROP FUNCTION weefsel_vandaag();
"#;

// Terug: de functies van migratie 000011 en 000015, zoals die ze maakten.
crate::sql_migratie!(
    UP,
    format!(
        "DROP FUNCTION weefsel_netwerk_diversiteit(uuid);\n{}\n\
         DROP FUNCTION weefsel_netwerk_afgeleid(uuid[]);\n{}{DOWN}",
        crate::m20261124_000011_netwerken::DIVERSITEIT,
        crate::m20261125_000015_dashboard::AFGELEID
    )
);
