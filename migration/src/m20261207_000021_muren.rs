//! De muur in de database voor de rol van de dienst (issue 31, T3 punt 3).
//!
//! - De hashes van wachtwoorden en client secrets leest alleen de rol `weefsel_auth`
//!   (LOGIN; SELECT op `id`, `gebruikersnaam` en de hashkolommen, en de
//!   lock-outtabel `mislukte_inlog`; verder niets). `weefsel_app` mag ze nog schrijven
//!   (een nieuw wachtwoord, een vernieuwd secret) maar niet lezen: SELECT per kolom,
//!   zonder de hashkolom. Een kolom die later bij `gebruiker` of `koppeling` komt,
//!   krijgt haar SELECT voor `weefsel_app` in de migratie die haar toevoegt.
//! - `mislukte_inlog` is voor `weefsel_app` onbereikbaar; `idempotentie` (bewaarde
//!   antwoorden) heeft row-level security per actor (`weefsel.actor_id`).
//! - De SECURITY DEFINER-functies controleren de context die ze nodig hebben:
//!   `weefsel_dna_opslaan` schrijft alleen profielen van gebieden die de context mag
//!   beheren (niet meer: mag lezen); de retentie (`weefsel_retentie`,
//!   `weefsel_retentie_initiatieven`, `weefsel_verwerking_opschonen` en het nieuwe
//!   `weefsel_idempotentie_opruimen`) draait alleen in de context `retentie`, zonder
//!   actor, en nooit met een peildatum na vandaag.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const UP: &str = r#"
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{auth}') THEN
        CREATE ROLE {auth} LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOINHERIT;
    END IF;
    IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)
       AND NOT pg_has_role(current_user, '{auth}', 'MEMBER') THEN
        EXECUTE 'GRANT {auth} TO ' || quote_ident(current_user);
    END IF;
END
$$;

-- Hashkolommen: niet leesbaar voor de dienst, wel voor weefsel_auth.
DO $$
DECLARE
    v_tabel text;
    v_kolom text;
BEGIN
    FOR v_tabel, v_kolom IN VALUES ('gebruiker', 'wachtwoord_hash'), ('koppeling', 'geheim_hash') LOOP
        EXECUTE format('REVOKE SELECT ON %I FROM {app}', v_tabel);
        EXECUTE format('GRANT SELECT (%s) ON %I TO {app}',
            (SELECT string_agg(quote_ident(column_name), ', ' ORDER BY ordinal_position)
               FROM information_schema.columns
              WHERE table_schema = 'public' AND table_name = v_tabel AND column_name <> v_kolom),
            v_tabel);
    END LOOP;
END
$$;
-- Een nieuwe koppeling krijgt haar hash in dezelfde transactie, na het aanmaken.
ALTER TABLE koppeling ALTER COLUMN geheim_hash SET DEFAULT '';
GRANT USAGE ON SCHEMA public TO {auth};
GRANT SELECT (id, gebruikersnaam, wachtwoord_hash) ON gebruiker TO {auth};
GRANT SELECT (id, geheim_hash) ON koppeling TO {auth};
CREATE POLICY gebruiker_inloggen ON gebruiker FOR SELECT TO {auth} USING (true);
CREATE POLICY koppeling_inloggen ON koppeling FOR SELECT TO {auth} USING (true);

-- De lock-out: alleen weefsel_auth.
REVOKE ALL ON mislukte_inlog FROM {app};
GRANT SELECT, INSERT, DELETE ON mislukte_inlog TO {auth};
ALTER TABLE mislukte_inlog ENABLE ROW LEVEL SECURITY;
CREATE POLICY mislukte_inlog_inloggen ON mislukte_inlog TO {auth} USING (true) WITH CHECK (true);

-- Bewaarde antwoorden: alleen die van de eigen actor.
CREATE FUNCTION weefsel_actor() RETURNS uuid
    LANGUAGE sql STABLE SET search_path = pg_catalog
    AS $f$ SELECT nullif(current_setting('weefsel.actor_id', true), '')::uuid $f$;
ALTER TABLE idempotentie ENABLE ROW LEVEL SECURITY;
CREATE POLICY idempotentie_eigen ON idempotentie
    USING (actor = (SELECT weefsel_actor())) WITH CHECK (actor = (SELECT weefsel_actor()));

-- Een taak van de dienst zelf (`retentie`, `audit_koppen`): de context die de dienst
-- in de transactie van die taak zet, nooit in een verzoek (dan is er een actor).
CREATE FUNCTION weefsel_context_vereist(p_context text) RETURNS void
    LANGUAGE plpgsql STABLE SET search_path = pg_catalog, public AS $f$
BEGIN
    IF coalesce(current_setting('weefsel.context', true), '') <> p_context
       OR weefsel_actor() IS NOT NULL THEN
        RAISE EXCEPTION 'alleen in de context %', p_context
            USING ERRCODE = 'insufficient_privilege';
    END IF;
END
$f$;

-- Een retentieronde met een peildatum: nooit na vandaag (Europe/Amsterdam).
CREATE FUNCTION weefsel_retentie_peildatum(p_peildatum date) RETURNS void
    LANGUAGE plpgsql STABLE SET search_path = pg_catalog, public AS $f$
BEGIN
    PERFORM weefsel_context_vereist('retentie');
    IF p_peildatum IS NULL OR p_peildatum > (now() AT TIME ZONE 'Europe/Amsterdam')::date THEN
        RAISE EXCEPTION 'de peildatum van de retentie ligt niet na vandaag'
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
END
$f$;

CREATE FUNCTION weefsel_idempotentie_opruimen() RETURNS bigint
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public AS $f$
DECLARE
    v_aantal bigint;
BEGIN
    PERFORM weefsel_context_vereist('retentie');
    DELETE FROM idempotentie WHERE aangemaakt < now() - interval '48 hours';
    GET DIAGNOSTICS v_aantal = ROW_COUNT;
    RETURN v_aantal;
END
$f$;
REVOKE ALL ON FUNCTION weefsel_idempotentie_opruimen() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION weefsel_idempotentie_opruimen() TO {app};

CREATE OR REPLACE FUNCTION weefsel_retentie(p_peildatum date) RETURNS integer
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public AS $f$
DECLARE
    v_id uuid;
    v_aantal integer := 0;
BEGIN
    PERFORM weefsel_retentie_peildatum(p_peildatum);
    FOR v_id IN SELECT id FROM sleutelpersoon
                WHERE geanonimiseerd_op IS NULL AND bewaartermijn_tot < p_peildatum
                ORDER BY id FOR UPDATE SKIP LOCKED
    LOOP
        IF weefsel_anonimiseer(v_id, 'retentie', 'systeem', NULL, NULL) THEN
            v_aantal := v_aantal + 1;
        END IF;
    END LOOP;
    RETURN v_aantal;
END
$f$;

CREATE OR REPLACE FUNCTION weefsel_retentie_initiatieven(p_peildatum date) RETURNS integer
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public AS $f$
DECLARE
    v_aantal integer;
BEGIN
    PERFORM weefsel_retentie_peildatum(p_peildatum);
    UPDATE initiatief SET contactnaam = NULL, contactemail = NULL, contact_geanonimiseerd_op = now(),
           version = version + 1, updated_at = now()
     WHERE status IN ('afgerond', 'gestopt') AND einddatum < (p_peildatum - interval '1 year')::date
       AND contact_geanonimiseerd_op IS NULL AND (contactnaam IS NOT NULL OR contactemail IS NOT NULL);
    GET DIAGNOSTICS v_aantal = ROW_COUNT;
    RETURN v_aantal;
END
$f$;

CREATE OR REPLACE FUNCTION weefsel_verwerking_opschonen(p_jaren integer) RETURNS integer
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public AS $f$
DECLARE
    v_aantal integer;
BEGIN
    PERFORM weefsel_context_vereist('retentie');
    IF p_jaren IS NULL OR p_jaren < 1 THEN
        RAISE EXCEPTION 'de bewaartermijn van het verwerkingenlogboek is minstens een jaar'
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    PERFORM set_config('weefsel.verwerking_opschonen', 'ja', true);
    DELETE FROM verwerking WHERE tijdstip < now() - make_interval(years => p_jaren);
    GET DIAGNOSTICS v_aantal = ROW_COUNT;
    PERFORM set_config('weefsel.verwerking_opschonen', '', true);
    RETURN v_aantal;
END
$f$;

-- Een DNA-profiel schrijft alleen wie het gebied mag beheren (de eigen gemeente, of
-- de regio met beheerrecht); een regionale leescontext schrijft niets.
CREATE OR REPLACE FUNCTION weefsel_dna_opslaan(profielen jsonb) RETURNS integer
    LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public AS $f$
    WITH bijgewerkt AS (
        UPDATE gebied g
        SET dna_profiel = r.profiel, dna_kwadrant = r.kwadrant, dna_cohesie = r.cohesie,
            dna_aanpak = coalesce(r.aanpak, '{}'), dna_grootte = r.grootte,
            dna_basis = r.basis, dna_peildatum = r.peildatum
        FROM jsonb_to_recordset(profielen)
            AS r(id uuid, profiel jsonb, kwadrant smallint, cohesie text, aanpak text[], grootte text,
                 basis text, peildatum date)
        WHERE g.id = r.id AND weefsel_mag_beheren(g.gemeente_id)
        RETURNING 1)
    SELECT count(*)::integer FROM bijgewerkt
$f$;
"#;

const DOWN: &str = r#"
CREATE OR REPLACE FUNCTION weefsel_dna_opslaan(profielen jsonb) RETURNS integer
    LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public AS $f$
    WITH bijgewerkt AS (
        UPDATE gebied g
        SET dna_profiel = r.profiel, dna_kwadrant = r.kwadrant, dna_cohesie = r.cohesie,
            dna_aanpak = coalesce(r.aanpak, '{}'), dna_grootte = r.grootte,
            dna_basis = r.basis, dna_peildatum = r.peildatum
        FROM jsonb_to_recordset(profielen)
            AS r(id uuid, profiel jsonb, kwadrant smallint, cohesie text, aanpak text[], grootte text,
                 basis text, peildatum date)
        WHERE g.id = r.id AND weefsel_mag_lezen(g.gemeente_id)
        RETURNING 1)
    SELECT count(*)::integer FROM bijgewerkt
$f$;

"#;

const DOWN_NA: &str = r#"
"#;

const DOWN_NA_NA: &str = r#"
"#;

const DOWN_NA_NA_NA: &str = r#"
DROP FUNCTION weefsel_idempotentie_opruimen();
DROP FUNCTION weefsel_retentie_peildatum(date);
DROP FUNCTION weefsel_context_vereist(text);
DROP POLICY idempotentie_eigen ON idempotentie;
ALTER TABLE idempotentie DISABLE ROW LEVEL SECURITY;
DROP FUNCTION weefsel_actor();

DROP POLICY mislukte_inlog_inloggen ON mislukte_inlog;
ALTER TABLE mislukte_inlog DISABLE ROW LEVEL SECURITY;
REVOKE ALL ON mislukte_inlog FROM {auth};
GRANT SELECT, INSERT, DELETE ON mislukte_inlog TO {app};

DROP POLICY koppeling_inloggen ON koppeling;
DROP POLICY gebruiker_inloggen ON gebruiker;
REVOKE ALL ON gebruiker, koppeling FROM {auth};
REVOKE USAGE ON SCHEMA public FROM {auth};
ALTER TABLE koppeling ALTER COLUMN geheim_hash DROP DEFAULT;
DO $$
DECLARE
    v_tabel text;
BEGIN
    FOREACH v_tabel IN ARRAY ARRAY['gebruiker', 'koppeling'] LOOP
        EXECUTE format('REVOKE SELECT (%s) ON %I FROM {app}',
            (SELECT string_agg(quote_ident(column_name), ', ')
               FROM information_schema.columns
              WHERE table_schema = 'public' AND table_name = v_tabel),
            v_tabel);
        EXECUTE format('GRANT SELECT ON %I TO {app}', v_tabel);
    END LOOP;
END
$$;
"#;

// Terug: de functies zoals migratie 19, 12 en 11 ze lieten.
crate::sql_migratie!(
    UP,
    [
        DOWN,
        crate::m20261207_000019_verwerking_per_verzoek::WEEFSEL_VERWERKING_OPSCHONEN,
        DOWN_NA,
        crate::m20261124_000012_initiatieven::WEEFSEL_RETENTIE_INITIATIEVEN,
        DOWN_NA_NA,
        crate::m20261124_000011_netwerken::WEEFSEL_RETENTIE,
        DOWN_NA_NA_NA,
    ]
);
