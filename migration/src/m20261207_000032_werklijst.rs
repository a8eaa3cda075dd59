//! Wat er vandaag moet (issue 36, W1): de werklijst.
//!
//! - De drempels van de werklijst per gemeente (DOMAIN.md, "Municipality settings"):
//!   `traject_stil_weken` (8), `dna_meting_max_jaren` (2),
//!   `crisisafspraak_herzien_maanden` (12), `checkin_dagen` (90), `contact_dagen` (180)
//!   en `melding_termijn_dagen` per ernst (acuut 1, hoog 3, middel 7, laag 14). De
//!   standaarden zijn de keuze van dit project.
//! - Een vervolgactie van een bijeenkomst krijgt een vast `id` en een optionele
//!   `eigenaarId`; bestaande acties krijgen hier hun id.
//! - Afgeleide vervaldata, bijgehouden bij het schrijven, elk met een (gedeeltelijke)
//!   index: `bijeenkomst.actie_deadline` (de vroegste deadline van een open actie) en
//!   `traject.laatste_stapwissel` (de laatste datum waarop een stap begon of afrondde,
//!   bijgehouden door de trigger die ook de huidige stap bijhoudt).
//! - `weefsel_werk(gemeente, vandaag, horizon, gebruiker, budgethouder)`: één
//!   `UNION ALL` met een tak per soort, elk op zijn index; met de rechten van de
//!   aanroeper (RLS: wie een persoon of melding niet mag lezen, krijgt het item niet).
//! - `weefsel_werk_tellingen(vandaag, horizon)`: de aantallen per gemeente en soort,
//!   alleen voor de regio (de onderdrukking doet de dienst).

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const SCHEMA: &str = r#"
ALTER TABLE gemeente
    ADD COLUMN traject_stil_weken integer NOT NULL DEFAULT 8 CHECK (traject_stil_weken BETWEEN 1 AND 104),
    ADD COLUMN dna_meting_max_jaren integer NOT NULL DEFAULT 2 CHECK (dna_meting_max_jaren BETWEEN 1 AND 10),
    ADD COLUMN crisisafspraak_herzien_maanden integer NOT NULL DEFAULT 12
        CHECK (crisisafspraak_herzien_maanden BETWEEN 1 AND 60),
    ADD COLUMN checkin_dagen integer NOT NULL DEFAULT 90 CHECK (checkin_dagen BETWEEN 1 AND 365),
    ADD COLUMN contact_dagen integer NOT NULL DEFAULT 180 CHECK (contact_dagen BETWEEN 1 AND 1095),
    ADD COLUMN melding_termijn_acuut integer NOT NULL DEFAULT 1 CHECK (melding_termijn_acuut BETWEEN 0 AND 90),
    ADD COLUMN melding_termijn_hoog integer NOT NULL DEFAULT 3 CHECK (melding_termijn_hoog BETWEEN 0 AND 90),
    ADD COLUMN melding_termijn_middel integer NOT NULL DEFAULT 7 CHECK (melding_termijn_middel BETWEEN 0 AND 90),
    ADD COLUMN melding_termijn_laag integer NOT NULL DEFAULT 14 CHECK (melding_termijn_laag BETWEEN 0 AND 90);
GRANT UPDATE (traject_stil_weken, dna_meting_max_jaren, crisisafspraak_herzien_maanden, checkin_dagen,
    contact_dagen, melding_termijn_acuut, melding_termijn_hoog, melding_termijn_middel, melding_termijn_laag)
    ON gemeente TO {app};
COMMENT ON COLUMN gemeente.traject_stil_weken IS 'Werklijst: een lopend traject zonder stapwissel na zoveel weken';

-- Elke vervolgactie een vast id.
UPDATE bijeenkomst SET acties = (SELECT jsonb_agg(a || jsonb_build_object('id', gen_random_uuid()) ORDER BY i)
                                 FROM jsonb_array_elements(acties) WITH ORDINALITY AS x(a, i))
 WHERE jsonb_array_length(acties) > 0;

CREATE FUNCTION weefsel_actie_deadline(acties jsonb) RETURNS date
    LANGUAGE sql IMMUTABLE AS $f$
    SELECT min((a->>'deadline')::date) FROM jsonb_array_elements(acties) a
    WHERE NOT coalesce((a->>'gereed')::boolean, false)
$f$;
ALTER TABLE bijeenkomst
    ADD COLUMN actie_deadline date GENERATED ALWAYS AS (weefsel_actie_deadline(acties)) STORED;
CREATE INDEX bijeenkomst_actie_deadline_idx ON bijeenkomst (gemeente_id, actie_deadline)
    WHERE actie_deadline IS NOT NULL;

-- De laatste stapwissel van een traject, bij elke wijziging van zijn stappen.
ALTER TABLE traject ADD COLUMN laatste_stapwissel date;
UPDATE traject t SET laatste_stapwissel = coalesce(
    (SELECT max(greatest(s.gestart_op, s.afgerond_op)) FROM traject_stap s WHERE s.traject_id = t.id),
    t.created_at::date);
-- Dezelfde trigger die de huidige stap bijhoudt (migratie 000015), houdt nu ook de
-- laatste stapwissel bij: één keer per statement over de geraakte trajecten.
CREATE OR REPLACE FUNCTION weefsel_huidige_stap() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public
AS $f$
BEGIN
    UPDATE traject t SET huidige_stap = h.stap, laatste_stapwissel = h.wissel
      FROM (SELECT n.traject_id,
                   (SELECT min(s.nummer) FROM traject_stap s WHERE s.traject_id = n.traject_id
                      AND s.status NOT IN ('afgerond', 'overgeslagen')) AS stap,
                   coalesce((SELECT max(greatest(s.gestart_op, s.afgerond_op)) FROM traject_stap s
                             WHERE s.traject_id = n.traject_id), weefsel_vandaag()) AS wissel
              FROM (SELECT DISTINCT traject_id FROM nieuw) n) h
     WHERE t.id = h.traject_id
       AND (t.huidige_stap IS DISTINCT FROM h.stap OR t.laatste_stapwissel IS DISTINCT FROM h.wissel);
    RETURN NULL;
END
$f$;

-- Een index per tak van de werklijst, op de datum waar de vervaldatum uit volgt.
CREATE INDEX aanvraag_beslissen_voor_idx ON aanvraag (gemeente_id, beslissen_voor) WHERE status = 'ingediend';
CREATE INDEX netwerk_crisis_herzien_idx ON netwerk (gemeente_id, crisis_herzien) WHERE fase <> 'afgerond';
CREATE INDEX veiligheidsafspraak_herzien_voor_idx ON veiligheidsafspraak (gemeente_id, herzien_voor);
CREATE INDEX sleutelpersoon_checkin_werk_idx ON sleutelpersoon (gemeente_id, laatste_checkin)
    WHERE verhoogd_risico AND geanonimiseerd_op IS NULL;
CREATE INDEX sleutelpersoon_contact_werk_idx ON sleutelpersoon (gemeente_id, laatste_contact)
    WHERE status = 'actief' AND geanonimiseerd_op IS NULL;
CREATE INDEX sleutelpersoon_bewaartermijn_idx ON sleutelpersoon (gemeente_id, bewaartermijn_tot)
    WHERE geanonimiseerd_op IS NULL;
CREATE INDEX oefening_evalueren_idx ON oefening (gemeente_id, datum) WHERE status <> 'geevalueerd';
CREATE INDEX melding_werk_idx ON melding (gemeente_id, datum) WHERE status <> 'afgesloten';
CREATE INDEX traject_stil_idx ON traject (gemeente_id, laatste_stapwissel) WHERE status = 'lopend';
CREATE INDEX gebied_peildatum_idx ON gebied (gemeente_id, dna_peildatum) WHERE dna_peildatum IS NOT NULL;
CREATE INDEX traject_verbinder_tot_idx ON traject_verbinder (gemeente_id, tot) WHERE tot IS NOT NULL;

ALTER TABLE verwerking DROP CONSTRAINT verwerking_verwerkingsactiviteit_check,
    ADD CONSTRAINT verwerking_verwerkingsactiviteit_check CHECK (verwerkingsactiviteit IN
        ('netwerkbeheer', 'inzageverzoek', 'anonimisering', 'retentie', 'meldingbehandeling', 'werklijst'));

-- Een datum zoals mensen hem schrijven: 12 maart 2026.
CREATE FUNCTION weefsel_datum_tekst(d date) RETURNS text
    LANGUAGE sql IMMUTABLE AS $f$
    SELECT extract(day FROM d)::int || ' ' || (ARRAY['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli',
        'augustus', 'september', 'oktober', 'november', 'december'])[extract(month FROM d)::int] || ' '
        || extract(year FROM d)::int
$f$;
"#;

/// De werklijst: één tak per soort, elk begrensd door de horizon op de kolom van zijn
/// index. De drempels van de gemeente zijn scalaire subqueries (één keer uitgerekend).
/// Zonder `SET search_path`, zodat de planner de functie in de vraag opneemt (inlining):
/// filters en volgorde van de aanroeper gaan zo naar de takken.
/// Omschrijvingen uit velden die iedereen van de gemeente mag zien: nooit vrije tekst.
const WERK: &str = r#"
CREATE FUNCTION weefsel_werk(p_gemeente uuid, p_vandaag date, p_horizon date, p_gebruiker uuid,
                             p_budgethouder boolean)
RETURNS TABLE (soort text, resource text, id uuid, sub text, pad text, omschrijving text, vervaldatum date,
               ernst text, mijn boolean, gebied_ids uuid[], netwerk_ids uuid[], persoon_id uuid)
    LANGUAGE sql STABLE AS $f$
    SELECT 'actie_bijeenkomst', 'bijeenkomst', b.id, a->>'id', '/api/v1/bijeenkomsten/' || b.id,
           'Vervolgactie van de bijeenkomst van ' || weefsel_datum_tekst(b.datum), (a->>'deadline')::date, NULL,
           coalesce(a->>'eigenaarId' = p_gebruiker::text, false),
           array_remove(ARRAY[b.gebied_id], NULL), array_remove(ARRAY[b.netwerk_id], NULL), NULL::uuid
    FROM bijeenkomst b CROSS JOIN LATERAL jsonb_array_elements(b.acties) a
    WHERE b.gemeente_id = p_gemeente AND b.actie_deadline <= p_horizon
      AND NOT coalesce((a->>'gereed')::boolean, false) AND (a->>'deadline')::date <= p_horizon
    UNION ALL
    SELECT 'aanvraag_beslistermijn', 'aanvraag', a.id, '', '/api/v1/aanvragen/' || a.id,
           'Besluit op een aanvraag, ingediend op ' || weefsel_datum_tekst(a.ingediend_op), a.beslissen_voor, NULL,
           p_budgethouder, array_remove(ARRAY[i.gebied_id], NULL),
           array_remove(ARRAY[coalesce(a.netwerk_id, i.netwerk_id)], NULL), NULL
    FROM aanvraag a LEFT JOIN initiatief i ON i.id = a.initiatief_id
    WHERE a.gemeente_id = p_gemeente AND a.status = 'ingediend' AND a.beslissen_voor <= p_horizon
    UNION ALL
    SELECT 'crisisafspraak_herzien', 'netwerk', n.id, c->>'scenario', '/api/v1/netwerken/' || n.id,
           'Crisisafspraak ' || replace(c->>'scenario', '_', ' ') || ' van ' || n.naam || ' doornemen',
           (coalesce((c->>'laatstHerzien')::date, n.created_at::date) + make_interval(months => m.maanden))::date,
           NULL, coalesce(p_gebruiker = ANY (n.contactambtenaren), false), n.gebied_ids, ARRAY[n.id], NULL
    FROM (SELECT crisisafspraak_herzien_maanden AS maanden FROM gemeente WHERE id = p_gemeente) m,
         netwerk n CROSS JOIN LATERAL jsonb_array_elements(n.crisisafspraken) c
    WHERE n.gemeente_id = p_gemeente AND n.fase <> 'afgerond'
      AND n.crisis_herzien <= (p_horizon - make_interval(months => m.maanden))::date
      AND (coalesce((c->>'laatstHerzien')::date, n.created_at::date) + make_interval(months => m.maanden))::date
          <= p_horizon
    UNION ALL
    SELECT 'veiligheidsafspraak_herzien', 'veiligheidsafspraak', v.id, '',
           '/api/v1/netwerken/' || v.netwerk_id || '/veiligheidsafspraken',
           'Veiligheidsafspraak van ' || n.naam || ' doornemen', v.herzien_voor, NULL,
           coalesce(p_gebruiker = ANY (n.contactambtenaren), false), n.gebied_ids, ARRAY[n.id], NULL
    FROM veiligheidsafspraak v JOIN netwerk n ON n.id = v.netwerk_id
    WHERE v.gemeente_id = p_gemeente AND v.herzien_voor <= p_horizon
      AND (v.laatst_herzien IS NULL OR v.laatst_herzien < (v.herzien_voor - interval '1 month')::date)
    UNION ALL
    SELECT 'checkin', 'sleutelpersoon', s.id, '', '/api/v1/sleutelpersonen/' || s.id,
           'Check-in bij een sleutelpersoon met verhoogd risico',
           coalesce(s.laatste_checkin, s.created_at::date) + m.dagen, NULL,
           coalesce(p_gebruiker = ANY (s.zichtbaar_voor), false), array_remove(ARRAY[s.gebied_id], NULL),
           ARRAY(SELECT l.netwerk_id FROM netwerk_lid l WHERE l.sleutelpersoon_id = s.id AND l.eind IS NULL), s.id
    FROM (SELECT checkin_dagen AS dagen FROM gemeente WHERE id = p_gemeente) m,
         sleutelpersoon s JOIN sleutelpersoon_gegevens g ON g.sleutelpersoon_id = s.id
    WHERE s.gemeente_id = p_gemeente AND s.verhoogd_risico AND s.geanonimiseerd_op IS NULL
      AND (s.laatste_checkin <= p_horizon - m.dagen OR s.laatste_checkin IS NULL)
      AND coalesce(s.laatste_checkin, s.created_at::date) + m.dagen <= p_horizon
    UNION ALL
    SELECT 'lid_zonder_contact', 'sleutelpersoon', s.id, '', '/api/v1/sleutelpersonen/' || s.id,
           'Contact met een lid van een netwerk', coalesce(s.laatste_contact, s.status_sinds) + m.dagen, NULL,
           coalesce(s.id IN (SELECT l.sleutelpersoon_id FROM netwerk_lid l JOIN netwerk n ON n.id = l.netwerk_id
                             WHERE l.eind IS NULL AND p_gebruiker = ANY (n.contactambtenaren)), false),
           array_remove(ARRAY[s.gebied_id], NULL),
           ARRAY(SELECT l.netwerk_id FROM netwerk_lid l WHERE l.sleutelpersoon_id = s.id AND l.eind IS NULL), s.id
    FROM (SELECT contact_dagen AS dagen FROM gemeente WHERE id = p_gemeente) m,
         sleutelpersoon s JOIN sleutelpersoon_gegevens g ON g.sleutelpersoon_id = s.id
    WHERE s.gemeente_id = p_gemeente AND s.status = 'actief' AND s.geanonimiseerd_op IS NULL
      AND (s.laatste_contact <= p_horizon - m.dagen OR s.laatste_contact IS NULL)
      AND coalesce(s.laatste_contact, s.status_sinds) + m.dagen <= p_horizon
      AND EXISTS (SELECT 1 FROM netwerk_lid l WHERE l.sleutelpersoon_id = s.id AND l.eind IS NULL)
    UNION ALL
    SELECT 'oefening_evalueren', 'oefening', o.id, '', '/api/v1/oefeningen/' || o.id,
           'Oefening ' || replace(o.scenario, '_', ' ') || ' van ' || weefsel_datum_tekst(o.datum) || ' evalueren',
           o.datum, NULL, coalesce(p_gebruiker = ANY (n.contactambtenaren), false),
           coalesce(n.gebied_ids, '{}') || array_remove(ARRAY[o.gebied_id], NULL),
           array_remove(ARRAY[o.netwerk_id], NULL), NULL
    FROM oefening o LEFT JOIN netwerk n ON n.id = o.netwerk_id
    WHERE o.gemeente_id = p_gemeente AND o.status <> 'geevalueerd' AND o.datum <= p_horizon
    UNION ALL
    SELECT 'melding_open', 'melding', x.id, '', '/api/v1/meldingen/' || x.id,
           'Melding (' || replace(x.soort, '_', ' ') || ', ernst ' || x.ernst || ') van '
             || weefsel_datum_tekst(x.datum) || ' afhandelen',
           x.datum + CASE x.ernst WHEN 'acuut' THEN m.acuut WHEN 'hoog' THEN m.hoog WHEN 'middel' THEN m.middel
                                  ELSE m.laag END,
           x.ernst, coalesce(x.behandelaar_id = p_gebruiker, false), array_remove(ARRAY[x.gebied_id], NULL),
           array_remove(ARRAY[x.netwerk_id], NULL), x.sleutelpersoon_id
    FROM (SELECT melding_termijn_acuut AS acuut, melding_termijn_hoog AS hoog, melding_termijn_middel AS middel,
                 melding_termijn_laag AS laag FROM gemeente WHERE id = p_gemeente) m,
         melding x
    WHERE x.gemeente_id = p_gemeente AND x.status <> 'afgesloten' AND x.datum <= p_horizon
      AND x.datum + CASE x.ernst WHEN 'acuut' THEN m.acuut WHEN 'hoog' THEN m.hoog WHEN 'middel' THEN m.middel
                                 ELSE m.laag END <= p_horizon
    UNION ALL
    SELECT 'traject_stil', 'traject', t.id, '', '/api/v1/trajecten/' || t.id,
           'Traject in ' || coalesce(g.naam, 'de gemeente') || ' staat sinds ' || weefsel_datum_tekst(t.laatste_stapwissel)
             || ' op stap ' || coalesce(t.huidige_stap::text, '-'),
           t.laatste_stapwissel + 7 * m.weken, NULL,
           coalesce(t.id IN (SELECT v.traject_id FROM traject_verbinder v WHERE v.gebruiker_id = p_gebruiker
                             AND (v.tot IS NULL OR v.tot >= p_vandaag)), false),
           array_remove(ARRAY[t.gebied_id], NULL), array_remove(ARRAY[t.netwerk_id], NULL), NULL
    FROM (SELECT traject_stil_weken AS weken FROM gemeente WHERE id = p_gemeente) m,
         traject t LEFT JOIN gebied g ON g.id = t.gebied_id
    WHERE t.gemeente_id = p_gemeente AND t.status = 'lopend' AND t.laatste_stapwissel <= p_horizon - 7 * m.weken
    UNION ALL
    SELECT 'dna_meting_oud', 'gebied', g.id, '', '/api/v1/gebieden/' || g.id,
           'De DNA-meting van ' || g.naam || ' is van ' || weefsel_datum_tekst(g.dna_peildatum),
           (g.dna_peildatum + make_interval(years => m.jaren))::date, NULL,
           coalesce(g.id IN (SELECT t.gebied_id FROM traject t JOIN traject_verbinder v ON v.traject_id = t.id
                             WHERE t.gebied_id IS NOT NULL AND t.status = 'lopend' AND v.gebruiker_id = p_gebruiker
                               AND (v.tot IS NULL OR v.tot >= p_vandaag)), false),
           ARRAY[g.id], '{}', NULL
    FROM (SELECT dna_meting_max_jaren AS jaren FROM gemeente WHERE id = p_gemeente) m, gebied g
    WHERE g.gemeente_id = p_gemeente AND g.dna_peildatum IS NOT NULL
      AND g.dna_peildatum <= (p_horizon - make_interval(years => m.jaren))::date
    UNION ALL
    SELECT 'verbinder_aanstelling_eindigt', 'traject', t.id, v.id::text, '/api/v1/trajecten/' || t.id,
           'De aanstelling van de ' || v.rol || ' bij het traject in ' || coalesce(g.naam, 'de gemeente') || ' eindigt',
           v.tot, NULL, coalesce(v.gebruiker_id = p_gebruiker, false),
           array_remove(ARRAY[t.gebied_id], NULL), array_remove(ARRAY[t.netwerk_id], NULL), NULL
    FROM traject_verbinder v JOIN traject t ON t.id = v.traject_id LEFT JOIN gebied g ON g.id = t.gebied_id
    WHERE v.gemeente_id = p_gemeente AND v.tot <= p_horizon AND t.status = 'lopend'
      AND NOT EXISTS (SELECT 1 FROM traject_verbinder o WHERE o.traject_id = v.traject_id AND o.rol = v.rol
                      AND o.id <> v.id AND (o.tot IS NULL OR o.tot > v.tot))
    UNION ALL
    SELECT 'toestemming_bewaartermijn', 'sleutelpersoon', s.id, '', '/api/v1/sleutelpersonen/' || s.id,
           'De bewaartermijn van de gegevens van een sleutelpersoon loopt af', s.bewaartermijn_tot, NULL,
           coalesce(s.id IN (SELECT l.sleutelpersoon_id FROM netwerk_lid l JOIN netwerk n ON n.id = l.netwerk_id
                             WHERE l.eind IS NULL AND p_gebruiker = ANY (n.contactambtenaren)), false),
           array_remove(ARRAY[s.gebied_id], NULL),
           ARRAY(SELECT l.netwerk_id FROM netwerk_lid l WHERE l.sleutelpersoon_id = s.id AND l.eind IS NULL), s.id
    FROM sleutelpersoon s JOIN sleutelpersoon_gegevens g ON g.sleutelpersoon_id = s.id
    WHERE s.gemeente_id = p_gemeente AND s.geanonimiseerd_op IS NULL AND s.bewaartermijn_tot <= p_horizon
$f$;
GRANT EXECUTE ON FUNCTION weefsel_werk(uuid, date, date, uuid, boolean) TO {app};

-- Per gemeente en soort het aantal dat te laat is of binnen de horizon valt, over alles
-- (met de rechten van de eigenaar): alleen aantallen, voor de regio (elke gemeente) en
-- op het dashboard van een gemeente (zichzelf). De dienst onderdrukt de soorten over
-- personen en meldingen onder 5, zoals op het dashboard.
CREATE FUNCTION weefsel_werk_tellingen(p_vandaag date, p_horizon date)
RETURNS TABLE (gemeente_id uuid, soort text, aantal bigint)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $f$
    SELECT m.id, w.soort, count(*) FROM gemeente m
    CROSS JOIN LATERAL weefsel_werk(m.id, p_vandaag, p_horizon, NULL, false) w
    WHERE weefsel_regio() IN ('lezen', 'beheer') OR m.id = weefsel_gemeente()
    GROUP BY m.id, w.soort
$f$;
REVOKE ALL ON FUNCTION weefsel_werk_tellingen(date, date) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION weefsel_werk_tellingen(date, date) TO {app};
"#;

const DOWN: &str = r#"
DROP FUNCTION weefsel_werk_tellingen(date, date);
DROP FUNCTION weefsel_werk(uuid, date, date, uuid, boolean);
DROP FUNCTION weefsel_datum_tekst(date);
ALTER TABLE verwerking DROP CONSTRAINT verwerking_verwerkingsactiviteit_check,
    ADD CONSTRAINT verwerking_verwerkingsactiviteit_check CHECK (verwerkingsactiviteit IN
        ('netwerkbeheer', 'inzageverzoek', 'anonimisering', 'retentie', 'meldingbehandeling'));
DROP INDEX aanvraag_beslissen_voor_idx, netwerk_crisis_herzien_idx, veiligheidsafspraak_herzien_voor_idx,
    sleutelpersoon_checkin_werk_idx, sleutelpersoon_contact_werk_idx, sleutelpersoon_bewaartermijn_idx,
    oefening_evalueren_idx, melding_werk_idx, traject_stil_idx, gebied_peildatum_idx, traject_verbinder_tot_idx;
CREATE OR REPLACE FUNCTION weefsel_huidige_stap() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public
AS $f$
BEGIN
    UPDATE traject t SET huidige_stap = h.stap
      FROM (SELECT n.traject_id, (SELECT min(s.nummer) FROM traject_stap s WHERE s.traject_id = n.traject_id
                                   AND s.status NOT IN ('afgerond', 'overgeslagen')) AS stap
              FROM (SELECT DISTINCT traject_id FROM nieuw) n) h
     WHERE t.id = h.traject_id AND t.huidige_stap IS DISTINCT FROM h.stap;
    RETURN NULL;
END
$f$;
ALTER TABLE traject DROP COLUMN laatste_stapwissel;
ALTER TABLE bijeenkomst DROP COLUMN actie_deadline;
DROP FUNCTION weefsel_actie_deadline(jsonb);
UPDATE bijeenkomst SET acties = (SELECT jsonb_agg((a - 'id') - 'eigenaarId' ORDER BY i)
                                 FROM jsonb_array_elements(acties) WITH ORDINALITY AS x(a, i))
 WHERE jsonb_array_length(acties) > 0;
REVOKE UPDATE (traject_stil_weken, dna_meting_max_jaren, crisisafspraak_herzien_maanden, checkin_dagen,
    contact_dagen, melding_termijn_acuut, melding_termijn_hoog, melding_termijn_middel, melding_termijn_laag)
    ON gemeente FROM {app};
ALTER TABLE gemeente DROP COLUMN traject_stil_weken, DROP COLUMN dna_meting_max_jaren,
    DROP COLUMN crisisafspraak_herzien_maanden, DROP COLUMN checkin_dagen, DROP COLUMN contact_dagen,
    DROP COLUMN melding_termijn_acuut, DROP COLUMN melding_termijn_hoog, DROP COLUMN melding_termijn_middel,
    DROP COLUMN melding_termijn_laag;
"#;

crate::sql_migratie!([SCHEMA, WERK], DOWN);
