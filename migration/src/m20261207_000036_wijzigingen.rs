//! De wijzigingenstroom (issue 38, Y1 punt 1): `GET /wijzigingen` leest de audit trail,
//! die in dezelfde transactie als elke wijziging wordt geschreven.
//!
//! - Positie: het volgnummer in de keten van de gemeente, en in de regionale keten voor
//!   de regionale catalogus (`organisatie`) en de leidraad (`stappenplan`). Een
//!   volgnummer wordt onder het slot van de keten gegeven, dat tot de commit blijft: de
//!   volgorde van volgnummers is die van de commits, zonder gaten.
//! - `audit_trail_regionaal_lezen`: een gemeente leest de regels van de regionale keten
//!   over de catalogus en de leidraad (die ze zelf ook lezen mag); nooit die over
//!   regionale accounts.
//! - `weefsel_wijziging_betrokkene(resource, id)`: bestaat de resource nog (voor wie
//!   leest), en over welke sleutelpersoon gaat ze (een lidmaatschap, check-in, bezwaar
//!   of een melding over iemand); voor het verwerkingenlogboek en om een koppeling niets
//!   te tonen over iemand met `verhoogd_risico`.
//! - `weefsel_wijziging_pad(resource, id)`: het pad waaronder de resource te lezen is.
//! - `weefsel_wijzigingen(...)`: de volgende regels van beide ketens die de aanroeper
//!   mag zien, en de koppen van beide (in dezelfde momentopname).
//! - Een nieuwe verwerkingsactiviteit `synchronisatie`.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const UP: &str = r#"
ALTER TABLE verwerking DROP CONSTRAINT verwerking_verwerkingsactiviteit_check,
    ADD CONSTRAINT verwerking_verwerkingsactiviteit_check CHECK (verwerkingsactiviteit IN
        ('netwerkbeheer', 'inzageverzoek', 'anonimisering', 'retentie', 'meldingbehandeling', 'werklijst',
         'crisisbeeld', 'synchronisatie'));

CREATE POLICY audit_trail_regionaal_lezen ON audit_trail FOR SELECT TO {app}
    USING (gemeente_id IS NULL AND resource IN ('organisatie', 'stappenplan')
           AND (SELECT weefsel_gemeente()) IS NOT NULL);

CREATE FUNCTION weefsel_wijziging_betrokkene(p_resource text, p_id text,
                                             OUT bestaat boolean, OUT persoon uuid)
    LANGUAGE plpgsql STABLE SET search_path = pg_catalog, public AS $f$
BEGIN
    bestaat := true;
    IF p_resource = 'sleutelpersoon' THEN
        SELECT s.id INTO persoon FROM sleutelpersoon s WHERE s.id = p_id::uuid;
        bestaat := FOUND;
    ELSIF p_resource = 'netwerk_lid' THEN
        SELECT l.sleutelpersoon_id INTO persoon FROM netwerk_lid l WHERE l.id = p_id::uuid;
        bestaat := FOUND;
    ELSIF p_resource = 'sleutelpersoon_checkin' THEN
        SELECT c.sleutelpersoon_id INTO persoon FROM sleutelpersoon_checkin c WHERE c.id = p_id::uuid;
        bestaat := FOUND;
    ELSIF p_resource = 'sleutelpersoon_bezwaar' THEN
        SELECT b.sleutelpersoon_id INTO persoon FROM sleutelpersoon_bezwaar b WHERE b.id = p_id::uuid;
        bestaat := FOUND;
    ELSIF p_resource = 'melding' THEN
        SELECT m.sleutelpersoon_id INTO persoon FROM melding m WHERE m.id = p_id::uuid;
        bestaat := FOUND;
    ELSIF p_resource = 'melding_opvolging' THEN
        SELECT m.sleutelpersoon_id INTO persoon
            FROM melding_opvolging o JOIN melding m ON m.id = o.melding_id WHERE o.id = p_id::uuid;
        bestaat := FOUND;
    END IF;
END
$f$;

CREATE FUNCTION weefsel_wijziging_pad(p_resource text, p_id text) RETURNS text
    LANGUAGE plpgsql STABLE SET search_path = pg_catalog, public AS $f$
DECLARE
    v_pad text;
BEGIN
    v_pad := CASE p_resource
        WHEN 'gebied' THEN '/gebieden/' WHEN 'traject' THEN '/trajecten/'
        WHEN 'netwerk' THEN '/netwerken/' WHEN 'sleutelpersoon' THEN '/sleutelpersonen/'
        WHEN 'initiatief' THEN '/initiatieven/' WHEN 'budget' THEN '/budgetten/'
        WHEN 'aanvraag' THEN '/aanvragen/' WHEN 'organisatie' THEN '/organisaties/'
        WHEN 'bijeenkomst' THEN '/bijeenkomsten/' WHEN 'oefening' THEN '/oefeningen/'
        WHEN 'melding' THEN '/meldingen/' WHEN 'gebruiker' THEN '/gebruikers/'
        WHEN 'koppeling' THEN '/koppelingen/' WHEN 'stappenplan' THEN '/stappenplannen/'
        END || p_id;
    IF v_pad IS NOT NULL THEN
        RETURN '/api/v1' || v_pad;
    END IF;
    CASE p_resource
    WHEN 'gemeente' THEN
        SELECT '/gemeenten/' || g.code INTO v_pad FROM gemeente g WHERE g.id = p_id::uuid;
    WHEN 'indicatormeting' THEN
        SELECT '/gebieden/' || i.gebied_id || '/indicatoren' INTO v_pad
            FROM indicatormeting i WHERE i.id = p_id::uuid;
    WHEN 'netwerk_lid' THEN
        SELECT '/netwerken/' || l.netwerk_id || '/leden' INTO v_pad
            FROM netwerk_lid l WHERE l.id = p_id::uuid;
    WHEN 'netwerk_partner' THEN
        SELECT '/netwerken/' || n.netwerk_id || '/partners' INTO v_pad
            FROM netwerk_partner n WHERE n.id = p_id::uuid;
    WHEN 'veiligheidsafspraak' THEN
        SELECT '/netwerken/' || v.netwerk_id || '/veiligheidsafspraken' INTO v_pad
            FROM veiligheidsafspraak v WHERE v.id = p_id::uuid;
    WHEN 'mutatie' THEN
        SELECT '/budgetten/' || m.budget_id || '/mutaties' INTO v_pad
            FROM mutatie m WHERE m.id = p_id::uuid;
    WHEN 'melding_opvolging' THEN
        SELECT '/meldingen/' || o.melding_id || '/opvolging' INTO v_pad
            FROM melding_opvolging o WHERE o.id = p_id::uuid;
    WHEN 'sleutelpersoon_checkin' THEN
        SELECT '/sleutelpersonen/' || c.sleutelpersoon_id || '/checkins' INTO v_pad
            FROM sleutelpersoon_checkin c WHERE c.id = p_id::uuid;
    WHEN 'sleutelpersoon_bezwaar' THEN
        SELECT '/sleutelpersonen/' || b.sleutelpersoon_id INTO v_pad
            FROM sleutelpersoon_bezwaar b WHERE b.id = p_id::uuid;
    WHEN 'leidraad_aanvulling' THEN
        SELECT '/stappenplannen/' || a.aanpak || '/stappen/' || a.stap || '/aanvullingen/' || a.sleutel
            INTO v_pad FROM leidraad_aanvulling a WHERE a.id = p_id::uuid;
    ELSE
        v_pad := NULL;
    END CASE;
    RETURN '/api/v1' || v_pad;
END
$f$;

-- De volgende regels na (p_na, p_na_regio) die de aanroeper mag zien: hoogstens
-- p_limiet + 1 per keten, oudste eerst, en per keten een regel `kop` met het hoogste
-- volgnummer dat de aanroeper ziet (dezelfde momentopname: één statement). Zonder
-- positie (NULL) begint een keten bij haar eerste regel sinds p_sinds. Een koppeling
-- (p_koppeling) krijgt niets over iemand met verhoogd risico, en niets over een
-- resource over een persoon die niet meer bestaat (de persoon is niet te controleren).
CREATE FUNCTION weefsel_wijzigingen(p_gemeente uuid, p_keten text, p_na bigint, p_na_regio bigint,
                                    p_sinds timestamptz, p_limiet integer, p_resources text[],
                                    p_koppeling boolean)
    RETURNS TABLE (bron text, volgnummer bigint, tijdstip timestamptz, resource text,
                   resource_id text, actie text, pad text, persoon uuid)
    LANGUAGE sql STABLE SET search_path = pg_catalog, public AS $f$
WITH start AS (
    SELECT coalesce(p_na,
                    (SELECT a.volgnummer - 1 FROM audit_trail a
                     WHERE a.gemeente_id = p_gemeente AND a.tijdstip >= p_sinds
                     ORDER BY a.tijdstip LIMIT 1),
                    (SELECT max(a.volgnummer) FROM audit_trail a WHERE a.keten = p_keten),
                    0) AS g,
           coalesce(p_na_regio,
                    (SELECT a.volgnummer - 1 FROM audit_trail a
                     WHERE a.gemeente_id IS NULL AND a.tijdstip >= p_sinds
                       AND a.resource IN ('organisatie', 'stappenplan')
                     ORDER BY a.tijdstip LIMIT 1),
                    (SELECT max(a.volgnummer) FROM audit_trail a
                     WHERE a.keten = 'regio' AND a.resource IN ('organisatie', 'stappenplan')),
                    0) AS r
)
(SELECT 'gemeente', a.volgnummer, a.tijdstip, a.resource, a.resource_id, a.actie,
        weefsel_wijziging_pad(a.resource, a.resource_id), b.persoon
 FROM start, audit_trail a
 CROSS JOIN LATERAL weefsel_wijziging_betrokkene(a.resource, a.resource_id) b
 WHERE a.keten = p_keten AND a.volgnummer > start.g AND a.resource = ANY (p_resources)
   AND (NOT p_koppeling OR (b.bestaat AND NOT coalesce(
        (SELECT s.verhoogd_risico FROM sleutelpersoon s WHERE s.id = b.persoon), false)))
 ORDER BY a.volgnummer LIMIT p_limiet + 1)
UNION ALL
(SELECT 'regio', a.volgnummer, a.tijdstip, a.resource, a.resource_id, a.actie,
        weefsel_wijziging_pad(a.resource, a.resource_id), NULL
 FROM start, audit_trail a
 WHERE a.keten = 'regio' AND a.volgnummer > start.r AND a.gemeente_id IS NULL
   AND a.resource IN ('organisatie', 'stappenplan') AND a.resource = ANY (p_resources)
 ORDER BY a.volgnummer LIMIT p_limiet + 1)
UNION ALL
SELECT 'start', start.g, NULL, NULL, NULL, NULL, NULL, NULL FROM start
UNION ALL
SELECT 'start_regio', start.r, NULL, NULL, NULL, NULL, NULL, NULL FROM start
UNION ALL
SELECT 'kop', (SELECT max(a.volgnummer) FROM audit_trail a WHERE a.keten = p_keten),
       NULL, NULL, NULL, NULL, NULL, NULL
UNION ALL
SELECT 'kop_regio', (SELECT max(a.volgnummer) FROM audit_trail a
                     WHERE a.keten = 'regio' AND a.resource IN ('organisatie', 'stappenplan')),
       NULL, NULL, NULL, NULL, NULL, NULL
$f$;
GRANT EXECUTE ON FUNCTION weefsel_wijziging_betrokkene(text, text) TO {app};
GRANT EXECUTE ON FUNCTION weefsel_wijziging_pad(text, text) TO {app};
GRANT EXECUTE ON FUNCTION weefsel_wijzigingen(uuid, text, bigint, bigint, timestamptz, integer, text[], boolean) TO {app};
"#;

const DOWN: &str = r#"
DROP FUNCTION weefsel_wijzigingen(uuid, text, bigint, bigint, timestamptz, integer, text[], boolean);
DROP FUNCTION weefsel_wijziging_pad(text, text);
DROP FUNCTION weefsel_wijziging_betrokkene(text, text);
DROP POLICY audit_trail_regionaal_lezen ON audit_trail;
ALTER TABLE verwerking DROP CONSTRAINT verwerking_verwerkingsactiviteit_check,
    ADD CONSTRAINT verwerking_verwerkingsactiviteit_check CHECK (verwerkingsactiviteit IN
        ('netwerkbeheer', 'inzageverzoek', 'anonimisering', 'retentie', 'meldingbehandeling', 'werklijst',
         'crisisbeeld'));
"#;

crate::sql_migratie!(UP, DOWN);
