//! Anonimiseren laat niets achter (issue 30, T2 punt 3).
//!
//! Met de persoon gaan ook haar naam, e-mailadres en telefoonnummer uit de teksten die
//! aan haar vastzitten: meldingen over haar (`omschrijving`, `maatregelen`,
//! `afsluitnotitie`) en hun opvolging, bijeenkomsten waar zij bij was (`verslag`,
//! `terugkoppeling`, `acties`), oefeningen waaraan zij deelnam (`briefing`, `debrief`,
//! `evaluatie`) en bewaarde antwoorden onder een Idempotency-Key. Haar id gaat uit
//! `aanwezigen` en `deelnemers`. Check-ins verdwijnen al met haar gegevens (cascade).
//!
//! Vervangen wordt, hoofdletterongevoelig en alleen als heel woord, door
//! `[geanonimiseerd]`: de volledige naam, het e-mailadres, de voornaam, de achternaam
//! en het telefoonnummer (cijfers vergeleken zonder spaties, streepjes of `+31`/`0`
//! ervoor). Wat blijft: andere spellingen, bijnamen en teksten die niet aan de persoon
//! vastzitten (`docs/privacy.md`).

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const UP: &str = r#"
-- Een letterlijke tekst als deel van een reguliere expressie.
CREATE FUNCTION weefsel_regex_letterlijk(p_tekst text) RETURNS text
    LANGUAGE sql IMMUTABLE SET search_path = pg_catalog AS $f$
    SELECT regexp_replace(p_tekst, '([]\[.^$*+?(){}|\\-])', '\\\1', 'g')
$f$;

-- De patronen van één persoon, in de volgorde waarin ze vervangen worden.
CREATE FUNCTION weefsel_naampatronen(p_voornaam text, p_achternaam text, p_email text,
                                     p_telefoon text) RETURNS text[]
    LANGUAGE plpgsql IMMUTABLE SET search_path = pg_catalog, public AS $f$
DECLARE
    v_patronen text[] := '{}';
    v_voor text := nullif(btrim(p_voornaam), '');
    v_achter text := nullif(btrim(p_achternaam), '');
    v_email text := nullif(btrim(p_email), '');
    v_cijfers text := regexp_replace(coalesce(p_telefoon, ''), '[^0-9]', '', 'g');
    v_woord_voor constant text := '(?<![[:alnum:]_])';
    v_woord_na constant text := '(?![[:alnum:]_])';
BEGIN
    IF v_voor IS NOT NULL AND v_achter IS NOT NULL THEN
        v_patronen := v_patronen || (v_woord_voor
            || regexp_replace(weefsel_regex_letterlijk(v_voor || ' ' || v_achter), '\s+', '\\s+', 'g')
            || v_woord_na);
    END IF;
    IF v_email IS NOT NULL THEN
        v_patronen := v_patronen || ('(?<![[:alnum:]_.+-])' || weefsel_regex_letterlijk(v_email)
            || '(?![[:alnum:]_-])');
    END IF;
    IF v_voor IS NOT NULL THEN
        v_patronen := v_patronen || (v_woord_voor
            || regexp_replace(weefsel_regex_letterlijk(v_voor), '\s+', '\\s+', 'g') || v_woord_na);
    END IF;
    IF v_achter IS NOT NULL THEN
        v_patronen := v_patronen || (v_woord_voor
            || regexp_replace(weefsel_regex_letterlijk(v_achter), '\s+', '\\s+', 'g') || v_woord_na);
    END IF;
    -- Het nummer zonder landcode of eerste 0: 0612345678, +31 6 12345678 en
    -- 0031-6-1234 5678 zijn alle drie 612345678.
    IF p_telefoon ~ '^\s*(\+|00)31' THEN
        v_cijfers := regexp_replace(v_cijfers, '^(00)?31', '');
    END IF;
    v_cijfers := regexp_replace(v_cijfers, '^0', '');
    IF length(v_cijfers) >= 6 THEN
        v_patronen := v_patronen || ('(?<![0-9])(?:(?:(?:\+|00)31|0)[\s-]*(?:\(0\)[\s-]*)?)?'
            || array_to_string(regexp_split_to_array(v_cijfers, ''), '[\s-]*') || '(?![0-9])');
    END IF;
    RETURN v_patronen;
END
$f$;

-- `p_tekst` met elk patroon vervangen door [geanonimiseerd].
CREATE FUNCTION weefsel_schonen(p_tekst text, p_patronen text[]) RETURNS text
    LANGUAGE plpgsql IMMUTABLE SET search_path = pg_catalog AS $f$
DECLARE
    v_tekst text := p_tekst;
    v_patroon text;
BEGIN
    IF v_tekst IS NULL THEN
        RETURN NULL;
    END IF;
    FOREACH v_patroon IN ARRAY p_patronen LOOP
        v_tekst := regexp_replace(v_tekst, v_patroon, '[geanonimiseerd]', 'gi');
    END LOOP;
    RETURN v_tekst;
END
$f$;

"#;

pub(crate) const GEKOPPELD_SCHONEN: &str = r#"-- Schoont alles wat aan persoon `p_id` vastzit, met de patronen van haar gegevens.
CREATE FUNCTION weefsel_gekoppeld_schonen(p_id uuid, p_patronen text[]) RETURNS void
    LANGUAGE plpgsql VOLATILE SET search_path = pg_catalog, public AS $f$
DECLARE
    v_ids uuid[];
BEGIN
    UPDATE sleutelpersoon_checkin
       SET notitie = left(weefsel_schonen(notitie, p_patronen), 2000)
     WHERE sleutelpersoon_id = p_id AND notitie IS NOT NULL;
    SELECT coalesce(array_agg(id), '{}') INTO v_ids FROM melding WHERE sleutelpersoon_id = p_id;
    UPDATE melding
       SET omschrijving = left(weefsel_schonen(omschrijving, p_patronen), 5000),
           maatregelen = left(weefsel_schonen(maatregelen, p_patronen), 5000),
           afsluitnotitie = left(weefsel_schonen(afsluitnotitie, p_patronen), 5000),
           version = version + 1, updated_at = now()
     WHERE id = ANY (v_ids);
    UPDATE melding_opvolging
       SET tekst = left(weefsel_schonen(tekst, p_patronen), 5000)
     WHERE melding_id = ANY (v_ids);
    UPDATE bijeenkomst
       SET verslag = left(weefsel_schonen(verslag, p_patronen), 10000),
           terugkoppeling = left(weefsel_schonen(terugkoppeling, p_patronen), 5000),
           acties = weefsel_schonen(acties::text, p_patronen)::jsonb,
           aanwezigen = array_remove(aanwezigen, p_id),
           version = version + 1, updated_at = now()
     WHERE p_id = ANY (aanwezigen);
    UPDATE oefening
       SET briefing = left(weefsel_schonen(briefing, p_patronen), 5000),
           debrief = left(weefsel_schonen(debrief, p_patronen), 5000),
           evaluatie = weefsel_schonen(evaluatie::text, p_patronen)::jsonb,
           deelnemers = array_remove(deelnemers, p_id),
           version = version + 1, updated_at = now()
     WHERE p_id = ANY (deelnemers);
    IF cardinality(p_patronen) > 0 THEN
        UPDATE idempotentie SET body = weefsel_schonen(body, p_patronen)
         WHERE body IS NOT NULL AND body ~* ANY (p_patronen);
    END IF;
END
$f$;
REVOKE ALL ON FUNCTION weefsel_gekoppeld_schonen(uuid, text[]) FROM PUBLIC;
"#;

const UP_NA: &str = r#"
CREATE OR REPLACE FUNCTION weefsel_anonimiseer(p_id uuid, p_activiteit text, p_actor_soort text,
                                    p_actor uuid, p_request text) RETURNS boolean
    LANGUAGE plpgsql VOLATILE SET search_path = pg_catalog, public AS $f$
DECLARE
    v_gemeente uuid;
    v_patronen text[];
BEGIN
    UPDATE sleutelpersoon SET geanonimiseerd_op = now(),
           bijzondere_gegevens = false, version = version + 1, updated_at = now()
     WHERE id = p_id AND geanonimiseerd_op IS NULL
    RETURNING gemeente_id INTO v_gemeente;
    IF v_gemeente IS NULL THEN
        RETURN false;
    END IF;
    SELECT weefsel_naampatronen(voornaam, achternaam, email, telefoon) INTO v_patronen
      FROM sleutelpersoon_gegevens WHERE sleutelpersoon_id = p_id;
    PERFORM weefsel_gekoppeld_schonen(p_id, coalesce(v_patronen, '{}'));
    DELETE FROM sleutelpersoon_gegevens WHERE sleutelpersoon_id = p_id;
    INSERT INTO verwerking (id, gemeente_id, actor_soort, actor_id, sleutelpersoon_ids, actie,
                            verwerkingsactiviteit, request_id)
    VALUES (gen_random_uuid(), v_gemeente, p_actor_soort, p_actor, ARRAY[p_id], 'anonimisering',
            p_activiteit, p_request);
    RETURN true;
END
$f$;
"#;

const DOWN: &str = r#"
DROP FUNCTION weefsel_gekoppeld_schonen(uuid, text[]);
DROP FUNCTION weefsel_schonen(text, text[]);
DROP FUNCTION weefsel_naampatronen(text, text, text, text);
DROP FUNCTION weefsel_regex_letterlijk(text);
"#;

// Terug: `weefsel_anonimiseer` zoals migratie 19 haar liet.
crate::sql_migratie!(
    format!("{UP}{GEKOPPELD_SCHONEN}{UP_NA}"),
    format!(
        "{}{DOWN}",
        crate::m20261207_000019_verwerking_per_verzoek::ANONIMISEER
    )
);
