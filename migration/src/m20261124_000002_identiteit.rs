//! Identiteit, tenantgrens en audit trail:
//!
//! - de databaserol `weefsel_app` waarmee de dienst werkt: bezit niets, ziet via
//!   row-level security alleen de rijen van de gemeente die de dienst per transactie
//!   zet (`SET LOCAL weefsel.gemeente`), of alles bij een regionale context;
//! - gebruikers, koppelingen (machine-accounts) en mislukte inlogpogingen;
//! - de audit trail: alleen toevoegen, per gemeente een hashketen, bewaakt door
//!   triggers in de database zelf.

use sea_orm_migration::prelude::*;

use crate::APP_ROLE;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// De rollen van DOMAIN.md; regionale rollen hebben geen gemeente.
const UP: &str = r#"
-- De rol van de dienst. Rollen gelden voor het hele cluster, dus aanmaken is
-- idempotent en bestand tegen een gelijktijdige migratie in een andere database.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{app}') THEN
        CREATE ROLE {app} NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
    END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END $$;
DO $$
BEGIN
    IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)
       AND NOT pg_has_role(current_user, '{app}', 'MEMBER') THEN
        EXECUTE 'GRANT {app} TO ' || quote_ident(current_user);
    END IF;
END $$;
GRANT USAGE ON SCHEMA public TO {app};
GRANT SELECT ON gemeente TO {app};

-- De tenantcontext van de lopende transactie, gezet door de dienst (api/src/tenancy.rs).
CREATE FUNCTION weefsel_gemeente() RETURNS uuid
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $f$ SELECT nullif(current_setting('weefsel.gemeente', true), '')::uuid $f$;
CREATE FUNCTION weefsel_regio() RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $f$ SELECT coalesce(current_setting('weefsel.regio', true), '') $f$;
-- Lezen: de eigen gemeente, of elke gemeente in een regionale context.
CREATE FUNCTION weefsel_mag_lezen(rij_gemeente uuid) RETURNS boolean
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $f$ SELECT coalesce(rij_gemeente = weefsel_gemeente(), false)
                  OR weefsel_regio() IN ('lezen', 'beheer') $f$;
-- Accounts beheren: de eigen gemeente, of elke gemeente als regionaal beheerder.
CREATE FUNCTION weefsel_mag_beheren(rij_gemeente uuid) RETURNS boolean
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $f$ SELECT coalesce(rij_gemeente = weefsel_gemeente(), false)
                  OR weefsel_regio() = 'beheer' $f$;
-- Gemeentelijke gegevens schrijven: alleen de eigen gemeente, nooit de regio.
CREATE FUNCTION weefsel_mag_schrijven(rij_gemeente uuid) RETURNS boolean
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $f$ SELECT coalesce(rij_gemeente = weefsel_gemeente(), false) $f$;
-- Inloggen en tokens controleren: een account opzoeken vóór de gemeente bekend is.
CREATE FUNCTION weefsel_authenticatie() RETURNS boolean
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $f$ SELECT coalesce(current_setting('weefsel.context', true), '') = 'authenticatie' $f$;

CREATE TABLE gebruiker (
    id              uuid        PRIMARY KEY,
    gemeente_id     uuid        REFERENCES gemeente (id),
    -- Uniek over alle gemeenten: inloggen gebeurt met alleen de gebruikersnaam.
    gebruikersnaam  text        NOT NULL UNIQUE CHECK (gebruikersnaam ~ '^[a-z0-9][a-z0-9._-]{2,63}$'),
    wachtwoord_hash text,
    extern_id       text        CHECK (length(extern_id) BETWEEN 1 AND 255),
    rollen          text[]      NOT NULL CHECK (
        cardinality(rollen) >= 1
        AND rollen <@ ARRAY['regio_beheerder', 'regio_netwerkmanager', 'gemeente_beheerder',
                            'coordinator', 'budgethouder', 'raadpleger']),
    actief          boolean     NOT NULL DEFAULT true,
    version         integer     NOT NULL DEFAULT 1,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT gebruiker_rollen_passen_bij_gemeente CHECK (
        (gemeente_id IS NULL AND rollen <@ ARRAY['regio_beheerder', 'regio_netwerkmanager'])
        OR (gemeente_id IS NOT NULL AND NOT rollen && ARRAY['regio_beheerder', 'regio_netwerkmanager']))
);
CREATE INDEX gebruiker_gemeente_idx ON gebruiker (gemeente_id);
CREATE UNIQUE INDEX gebruiker_extern_id_key ON gebruiker (gemeente_id, extern_id) WHERE extern_id IS NOT NULL;
COMMENT ON TABLE gebruiker IS 'Account van een medewerker; regionale rollen hebben geen gemeente';

CREATE TABLE koppeling (
    id              uuid        PRIMARY KEY,
    gemeente_id     uuid        NOT NULL REFERENCES gemeente (id),
    naam            text        NOT NULL CHECK (length(naam) BETWEEN 1 AND 200),
    geheim_hash     text        NOT NULL,
    scopes          text[]      NOT NULL,
    actief          boolean     NOT NULL DEFAULT true,
    geheim_vernieuwd_op timestamptz NOT NULL DEFAULT now(),
    version         integer     NOT NULL DEFAULT 1,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    UNIQUE (gemeente_id, naam)
);
COMMENT ON TABLE koppeling IS 'Machine-account van een gemeentelijk systeem, met expliciete scopes';

-- Mislukte inlogpogingen, gedeeld door alle instanties van de dienst. `account` is
-- een SHA-256 van de genormaliseerde gebruikersnaam of client_id: wat iemand in het
-- naamveld typt (soms een wachtwoord) wordt nooit bewaard.
CREATE TABLE mislukte_inlog (
    id       bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account  text        NOT NULL,
    tijdstip timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX mislukte_inlog_account_idx ON mislukte_inlog (account, tijdstip);
CREATE INDEX mislukte_inlog_tijdstip_idx ON mislukte_inlog (tijdstip);

CREATE TABLE audit_trail (
    id           uuid        PRIMARY KEY,
    keten        text        NOT NULL,
    volgnummer   bigint      NOT NULL,
    tijdstip     timestamptz NOT NULL,
    gemeente_id  uuid        REFERENCES gemeente (id),
    actor_soort  text        NOT NULL CHECK (actor_soort IN ('gebruiker', 'koppeling', 'systeem')),
    actor_id     uuid,
    resource     text        NOT NULL,
    resource_id  text        NOT NULL,
    actie        text        NOT NULL,
    wijzigingen  jsonb       NOT NULL DEFAULT '[]',
    request_id   text,
    vorige_hash  text        NOT NULL,
    hash         text        NOT NULL,
    UNIQUE (keten, volgnummer)
);
CREATE INDEX audit_trail_gemeente_idx ON audit_trail (gemeente_id, tijdstip);
CREATE INDEX audit_trail_resource_idx ON audit_trail (resource, resource_id);
COMMENT ON TABLE audit_trail IS 'Wie wijzigde wat, wanneer: alleen toevoegen, per gemeente een hashketen';

-- Zet keten, volgnummer, tijdstip en hashes, wat de invoegende partij ook meegaf.
-- SECURITY DEFINER: de kop van de keten is zo altijd zichtbaar, ook onder RLS.
CREATE FUNCTION audit_trail_ketenen() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public
AS $f$
DECLARE
    kop record;
BEGIN
    NEW.keten := coalesce((SELECT code FROM gemeente WHERE id = NEW.gemeente_id), 'regio');
    PERFORM pg_advisory_xact_lock(hashtext('weefsel.audit_trail.' || NEW.keten));
    SELECT volgnummer, hash INTO kop FROM audit_trail
        WHERE keten = NEW.keten ORDER BY volgnummer DESC LIMIT 1;
    NEW.volgnummer := coalesce(kop.volgnummer, 0) + 1;
    NEW.vorige_hash := coalesce(kop.hash, repeat('0', 64));
    NEW.tijdstip := now();
    NEW.hash := encode(sha256(convert_to(concat_ws('|',
        NEW.keten, NEW.volgnummer::text, NEW.vorige_hash, NEW.id::text,
        to_char(NEW.tijdstip AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
        coalesce(NEW.gemeente_id::text, ''), NEW.actor_soort, coalesce(NEW.actor_id::text, ''),
        NEW.resource, NEW.resource_id, NEW.actie, NEW.wijzigingen::text,
        coalesce(NEW.request_id, '')), 'UTF8')), 'hex');
    RETURN NEW;
END
$f$;
CREATE TRIGGER audit_trail_ketenen BEFORE INSERT ON audit_trail
    FOR EACH ROW EXECUTE FUNCTION audit_trail_ketenen();

CREATE FUNCTION audit_trail_alleen_toevoegen() RETURNS trigger
    LANGUAGE plpgsql
AS $f$
BEGIN
    RAISE EXCEPTION 'audit_trail is alleen-toevoegen: % is niet toegestaan', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$f$;
CREATE TRIGGER audit_trail_geen_wijziging BEFORE UPDATE OR DELETE ON audit_trail
    FOR EACH ROW EXECUTE FUNCTION audit_trail_alleen_toevoegen();
CREATE TRIGGER audit_trail_geen_truncate BEFORE TRUNCATE ON audit_trail
    FOR EACH STATEMENT EXECUTE FUNCTION audit_trail_alleen_toevoegen();

-- Rechten van de dienst: geen DELETE op accounts (deactiveren), alleen
-- SELECT/INSERT op de audit trail.
GRANT SELECT, INSERT, UPDATE ON gebruiker, koppeling TO {app};
GRANT SELECT, INSERT ON audit_trail TO {app};
GRANT SELECT, INSERT, DELETE ON mislukte_inlog TO {app};

-- De tweede muur: row-level security op elke tabel met gemeentelijke rijen.
ALTER TABLE gebruiker ENABLE ROW LEVEL SECURITY;
CREATE POLICY gebruiker_lezen ON gebruiker FOR SELECT TO {app}
    USING (weefsel_mag_lezen(gemeente_id) OR weefsel_authenticatie());
CREATE POLICY gebruiker_toevoegen ON gebruiker FOR INSERT TO {app}
    WITH CHECK (weefsel_mag_beheren(gemeente_id));
CREATE POLICY gebruiker_wijzigen ON gebruiker FOR UPDATE TO {app}
    USING (weefsel_mag_beheren(gemeente_id)) WITH CHECK (weefsel_mag_beheren(gemeente_id));

ALTER TABLE koppeling ENABLE ROW LEVEL SECURITY;
CREATE POLICY koppeling_lezen ON koppeling FOR SELECT TO {app}
    USING (weefsel_mag_lezen(gemeente_id) OR weefsel_authenticatie());
CREATE POLICY koppeling_toevoegen ON koppeling FOR INSERT TO {app}
    WITH CHECK (weefsel_mag_beheren(gemeente_id));
CREATE POLICY koppeling_wijzigen ON koppeling FOR UPDATE TO {app}
    USING (weefsel_mag_beheren(gemeente_id)) WITH CHECK (weefsel_mag_beheren(gemeente_id));

ALTER TABLE audit_trail ENABLE ROW LEVEL SECURITY;
CREATE POLICY audit_trail_lezen ON audit_trail FOR SELECT TO {app}
    USING (weefsel_mag_lezen(gemeente_id));
CREATE POLICY audit_trail_toevoegen ON audit_trail FOR INSERT TO {app}
    WITH CHECK (weefsel_mag_beheren(gemeente_id));
"#;

const DOWN: &str = r#"
DROP TABLE audit_trail;
DROP FUNCTION audit_trail_alleen_toevoegen();
DROP FUNCTION audit_trail_ketenen();
DROP TABLE mislukte_inlog;
DROP TABLE koppeling;
DROP TABLE gebruiker;
DROP FUNCTION weefsel_authenticatie();
DROP FUNCTION weefsel_mag_schrijven(uuid);
DROP FUNCTION weefsel_mag_beheren(uuid);
DROP FUNCTION weefsel_mag_lezen(uuid);
DROP FUNCTION weefsel_regio();
DROP FUNCTION weefsel_gemeente();
REVOKE SELECT ON gemeente FROM {app};
REVOKE USAGE ON SCHEMA public FROM {app};
-- De rol zelf blijft: rollen gelden voor het hele cluster en andere databases
-- kunnen haar gebruiken.
"#;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .get_connection()
            .execute_unprepared(&UP.replace("{app}", APP_ROLE))
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .get_connection()
            .execute_unprepared(&DOWN.replace("{app}", APP_ROLE))
            .await?;
        Ok(())
    }
}
