-- De cijfers van het dashboard, per gemeente en (gemeente_id NULL) voor alles wat de
-- aanroeper overziet: $1 de gemeenten (NULL: alle zichtbare), $2 het budgetjaar, $3
-- vandaag (Europe/Amsterdam). Eén rij per (gemeente, onderwerp, sleutel) met een
-- waarde; de tellingen over grote tabellen komen uit dashboard_telling (migratie
-- 000015), de rest is klein en wordt hier geteld.
WITH
tel AS (SELECT t.gemeente_id, t.onderwerp, t.sleutel, t.aantal FROM dashboard_telling t
        WHERE ($1::uuid[] IS NULL OR t.gemeente_id = ANY ($1::uuid[]))
          AND t.onderwerp = ANY (ARRAY['gebieden_kwadrant', 'gebieden_aanpak', 'trajecten_status', 'trajecten_stap',
                                       'sleutelpersonen_type', 'initiatieven_thema', 'initiatieven_status',
                                       'aanvragen_status:' || $2::int, 'aanvragen_dagen:' || $2::int])
        UNION ALL
        SELECT t.gemeente_id, t.onderwerp, t.sleutel, t.aantal FROM dashboard_telling t
        WHERE ($1::uuid[] IS NULL OR t.gemeente_id = ANY ($1::uuid[]))
          AND t.onderwerp = 'sleutelpersonen_status' AND t.sleutel = 'actief'
        UNION ALL
        SELECT t.gemeente_id, t.onderwerp, '', sum(t.aantal) FROM dashboard_telling t
        WHERE ($1::uuid[] IS NULL OR t.gemeente_id = ANY ($1::uuid[]))
          AND t.onderwerp = ANY (ARRAY['bijeenkomsten_op', 'oefeningen_op'])
          AND t.sleutel > ($3::date - interval '12 months')::date::text AND t.sleutel <= $3::date::text
        GROUP BY t.gemeente_id, t.onderwerp),
nw AS (SELECT n.id, n.gemeente_id, n.fase, n.contactambtenaren, n.crisisafspraken FROM netwerk n
       WHERE $1::uuid[] IS NULL OR n.gemeente_id = ANY ($1::uuid[])),
sig AS (SELECT netwerk_id AS id, gemeente_id, signaal FROM weefsel_netwerk_signalen($1::uuid[], $3::date)),
ca AS (SELECT n.gemeente_id, c->>'scenario' AS scenario,
              (c->>'laatstHerzien' IS NULL OR (c->>'laatstHerzien')::date
                 < ($3::date - make_interval(months => m.crisisafspraak_herzien_maanden))::date) AS te_herzien
       FROM nw n JOIN gemeente m ON m.id = n.gemeente_id, jsonb_array_elements(n.crisisafspraken) c),
dagen AS (SELECT gemeente_id, sleutel::int AS dagen, sum(aantal) AS n FROM tel
          WHERE onderwerp = 'aanvragen_dagen:' || $2::int GROUP BY GROUPING SETS ((gemeente_id, sleutel), (sleutel))),
cum AS (SELECT gemeente_id, dagen, sum(n) OVER (PARTITION BY gemeente_id ORDER BY dagen) AS c,
               sum(n) OVER (PARTITION BY gemeente_id) AS totaal FROM dagen)
SELECT gemeente_id, onderwerp, sleutel, sum(aantal)::float8 AS waarde FROM tel
  WHERE onderwerp <> 'aanvragen_dagen:' || $2::int
  GROUP BY GROUPING SETS ((gemeente_id, onderwerp, sleutel), (onderwerp, sleutel))
UNION ALL
SELECT gemeente_id, 'aanvragen_mediaan_dagen', '',
       (min(dagen) FILTER (WHERE c > floor((totaal - 1) / 2.0)) + min(dagen) FILTER (WHERE c > ceil((totaal - 1) / 2.0))) / 2.0
  FROM cum GROUP BY gemeente_id
UNION ALL
SELECT t.gemeente_id, 'gebieden_met_traject', '', count(DISTINCT t.gebied_id) FROM traject t
  WHERE t.status = 'lopend' AND t.gebied_id IS NOT NULL AND ($1::uuid[] IS NULL OR t.gemeente_id = ANY ($1::uuid[]))
  GROUP BY GROUPING SETS ((t.gemeente_id), ())
UNION ALL
SELECT gemeente_id, 'netwerken_fase', fase, count(*) FROM nw GROUP BY GROUPING SETS ((gemeente_id, fase), (fase))
UNION ALL
SELECT gemeente_id, 'netwerken_signaal', signaal, count(*) FROM sig GROUP BY GROUPING SETS ((gemeente_id, signaal), (signaal))
UNION ALL
SELECT gemeente_id, 'netwerken_met_signaal', '', count(DISTINCT id) FROM sig GROUP BY GROUPING SETS ((gemeente_id), ())
UNION ALL
SELECT gemeente_id, 'crisisafspraken', scenario, count(*) FROM ca GROUP BY GROUPING SETS ((gemeente_id, scenario), (scenario))
UNION ALL
SELECT gemeente_id, 'crisisafspraken_te_herzien', scenario, count(*) FROM ca WHERE te_herzien
  GROUP BY GROUPING SETS ((gemeente_id, scenario), (scenario))
UNION ALL
SELECT p.gemeente_id, 'paraat', coalesce(p.scenario, ''), sum(p.aantal)::float8
  FROM weefsel_paraatheid($1::uuid[], $3::date) p GROUP BY GROUPING SETS ((p.gemeente_id, p.scenario), (p.scenario))
UNION ALL
SELECT s.gemeente_id, 'budgetten', x.k, x.v FROM (
    SELECT b.gemeente_id, count(*)::float8 AS aantal, sum(b.totaal_bedrag)::float8 AS totaal,
           sum(b.gereserveerd)::float8 AS gereserveerd, sum(b.uitbetaald)::float8 AS uitbetaald
    FROM budget b WHERE b.jaar = $2::int AND ($1::uuid[] IS NULL OR b.gemeente_id = ANY ($1::uuid[]))
    GROUP BY GROUPING SETS ((b.gemeente_id), ())) s
  CROSS JOIN LATERAL (VALUES ('aantal', s.aantal), ('totaal', s.totaal), ('gereserveerd', s.gereserveerd),
                             ('uitbetaald', s.uitbetaald), ('beschikbaar', s.totaal - s.gereserveerd)) AS x(k, v)
UNION ALL
SELECT a.gemeente_id, 'aanvragen_te_laat', '', count(*) FROM aanvraag a JOIN budget b ON b.id = a.budget_id
  WHERE a.status = 'ingediend' AND a.beslissen_voor < $3::date AND b.jaar = $2::int
    AND ($1::uuid[] IS NULL OR a.gemeente_id = ANY ($1::uuid[]))
  GROUP BY GROUPING SETS ((a.gemeente_id), ())
UNION ALL
SELECT m.gemeente_id, 'meldingen_open', m.ernst, sum(m.aantal) FROM weefsel_dashboard_meldingen($1::uuid[]) m
  GROUP BY GROUPING SETS ((m.gemeente_id, m.ernst), (m.ernst))
