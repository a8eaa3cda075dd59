//! Een audit trail met een sleutel (issue 31, T3 punt 1).
//!
//! Tot nu toe rekende de database zelf de hash van elke regel uit (SHA-256 over de
//! inhoud en de vorige hash): wie de database bezit, kan een oude regel wijzigen en de
//! hashes opnieuw uitrekenen. Voortaan rekent de dienst een HMAC-SHA256 uit met een
//! sleutel die buiten de database staat (`WEEFSEL_AUDIT_KEY_FILE`) en stuurt alleen de
//! uitkomst; de sleutel komt nooit in SQL. Elke regel noemt zijn `sleutel_id`.
//!
//! De volgorde blijft die van nu: onder het slot per keten (gemeente) dat tot de
//! commit blijft, krijgt een regel het volgende `volgnummer`. De dienst haalt kop en
//! volgnummer onder dat slot op (`weefsel_audit_kop`), rekent de MAC uit en voegt de
//! regel toe; de trigger controleert dat hij precies op de kop past en weigert een
//! regel zonder sleutel. Oude regels houden hun gewone hash; de eerste regel met
//! sleutel dekt de laatste oude kop, die deze migratie per keten afdrukt.
//!
//! Daarnaast ondertekent de dienst dagelijks de kop van elke keten (`audit_kop`, met
//! zijn Ed25519- of P-256-sleutel, als JWS), zodat een gemeente een kopie buiten de
//! database kan houden zonder de MAC-sleutel te kennen.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend, Statement};

#[derive(DeriveMigrationName)]
pub struct Migration;

const UP: &str = r#"
ALTER TABLE audit_trail ADD COLUMN sleutel_id text
    CHECK (sleutel_id ~ '^[A-Za-z0-9_-]{1,64}$');

-- Elke nieuwe regel komt van de dienst, met zijn MAC, precies op de kop van de keten.
CREATE OR REPLACE FUNCTION audit_trail_ketenen() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $f$
DECLARE
    kop record;
    v_keten text;
BEGIN
    v_keten := coalesce((SELECT code FROM gemeente WHERE id = NEW.gemeente_id), 'regio');
    PERFORM pg_advisory_xact_lock(hashtext('weefsel.audit_trail.' || v_keten));
    SELECT volgnummer, hash INTO kop FROM audit_trail
        WHERE keten = v_keten ORDER BY volgnummer DESC LIMIT 1;
    IF NEW.sleutel_id IS NULL OR NEW.hash IS NULL OR NEW.hash !~ '^[0-9a-f]{64}$' THEN
        RAISE EXCEPTION 'een regel van de audit trail heeft de MAC van de dienst nodig'
            USING ERRCODE = 'check_violation';
    END IF;
    IF NEW.keten IS DISTINCT FROM v_keten
       OR NEW.volgnummer IS DISTINCT FROM coalesce(kop.volgnummer, 0) + 1
       OR NEW.vorige_hash IS DISTINCT FROM coalesce(kop.hash, repeat('0', 64)) THEN
        RAISE EXCEPTION 'de regel past niet op de kop van keten %', v_keten
            USING ERRCODE = 'check_violation';
    END IF;
    IF NEW.tijdstip IS DISTINCT FROM now() THEN
        RAISE EXCEPTION 'het tijdstip van een regel is dat van zijn transactie'
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END
$f$;

-- De kop van de keten van een gemeente (NULL: regionaal), onder het slot dat tot de
-- commit blijft: het volgende volgnummer, de hash ervoor en het tijdstip.
CREATE FUNCTION weefsel_audit_kop(p_gemeente uuid)
    RETURNS TABLE (keten text, volgnummer bigint, vorige_hash text, tijdstip timestamptz)
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public AS $f$
#variable_conflict use_column
DECLARE
    v_keten text := coalesce((SELECT code FROM gemeente WHERE id = p_gemeente), 'regio');
    kop record;
BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('weefsel.audit_trail.' || v_keten));
    SELECT a.volgnummer, a.hash INTO kop FROM audit_trail a
        WHERE a.keten = v_keten ORDER BY a.volgnummer DESC LIMIT 1;
    keten := v_keten;
    volgnummer := coalesce(kop.volgnummer, 0) + 1;
    vorige_hash := coalesce(kop.hash, repeat('0', 64));
    tijdstip := now();
    RETURN NEXT;
END
$f$;
REVOKE ALL ON FUNCTION weefsel_audit_kop(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION weefsel_audit_kop(uuid) TO {app};

-- De ondertekende koppen: per keten en volgnummer één, alleen toevoegen.
CREATE TABLE audit_kop (
    keten        text        NOT NULL,
    volgnummer   bigint      NOT NULL CHECK (volgnummer >= 0),
    gemeente_id  uuid        REFERENCES gemeente (id),
    hash         text        NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$'),
    getekend_op  timestamptz NOT NULL DEFAULT now(),
    handtekening text        NOT NULL,
    PRIMARY KEY (keten, volgnummer)
);
CREATE INDEX audit_kop_gemeente ON audit_kop (gemeente_id);
CREATE TRIGGER audit_kop_geen_wijziging BEFORE DELETE OR UPDATE ON audit_kop
    FOR EACH ROW EXECUTE FUNCTION audit_trail_alleen_toevoegen();
CREATE TRIGGER audit_kop_geen_truncate BEFORE TRUNCATE ON audit_kop
    FOR EACH STATEMENT EXECUTE FUNCTION audit_trail_alleen_toevoegen();
ALTER TABLE audit_kop ENABLE ROW LEVEL SECURITY;
CREATE POLICY audit_kop_lezen ON audit_kop FOR SELECT USING (
    gemeente_id = (SELECT weefsel_gemeente())
    OR (SELECT weefsel_regio() IN ('lezen', 'beheer')));
GRANT SELECT ON audit_kop TO {app};

-- De kop van elke keten (ook een lege: volgnummer 0), voor het ondertekenen; alleen in
-- de context `audit_koppen` van de dienst, zonder actor.
CREATE FUNCTION weefsel_audit_koppen()
    RETURNS TABLE (keten text, gemeente_id uuid, volgnummer bigint, hash text)
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $f$
BEGIN
    PERFORM weefsel_context_vereist('audit_koppen');
    RETURN QUERY
    WITH ketens AS (
        SELECT g.code AS keten, g.id AS gemeente_id FROM gemeente g
        UNION ALL SELECT 'regio', NULL::uuid)
    SELECT k.keten, k.gemeente_id, coalesce(a.volgnummer, 0), coalesce(a.hash, repeat('0', 64))
    FROM ketens k
    LEFT JOIN LATERAL (SELECT t.volgnummer, t.hash FROM audit_trail t WHERE t.keten = k.keten
                       ORDER BY t.volgnummer DESC LIMIT 1) a ON true
    ORDER BY 1;
END
$f$;
REVOKE ALL ON FUNCTION weefsel_audit_koppen() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION weefsel_audit_koppen() TO {app};

-- Een ondertekende kop bewaren: alleen een kop die in de keten staat, in dezelfde context.
CREATE FUNCTION weefsel_audit_kop_bewaren(p_keten text, p_volgnummer bigint, p_hash text,
                                          p_handtekening text) RETURNS boolean
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public AS $f$
DECLARE
    v_aantal integer;
BEGIN
    PERFORM weefsel_context_vereist('audit_koppen');
    IF NOT ((p_volgnummer = 0 AND p_hash = repeat('0', 64)) OR EXISTS (
            SELECT 1 FROM audit_trail WHERE keten = p_keten AND volgnummer = p_volgnummer
                                        AND hash = p_hash)) THEN
        RAISE EXCEPTION 'deze kop staat niet in keten %', p_keten
            USING ERRCODE = 'check_violation';
    END IF;
    INSERT INTO audit_kop (keten, volgnummer, gemeente_id, hash, handtekening)
    VALUES (p_keten, p_volgnummer, (SELECT id FROM gemeente WHERE code = p_keten), p_hash,
            p_handtekening)
    ON CONFLICT DO NOTHING;
    GET DIAGNOSTICS v_aantal = ROW_COUNT;
    RETURN v_aantal = 1;
END
$f$;
REVOKE ALL ON FUNCTION weefsel_audit_kop_bewaren(text, bigint, text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION weefsel_audit_kop_bewaren(text, bigint, text, text) TO {app};
"#;

const DOWN: &str = r#"
DROP FUNCTION weefsel_audit_kop_bewaren(text, bigint, text, text);
DROP FUNCTION weefsel_audit_koppen();
DROP TABLE audit_kop;
DROP FUNCTION weefsel_audit_kop(uuid);
CREATE OR REPLACE FUNCTION audit_trail_ketenen() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $f$
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
ALTER TABLE audit_trail DROP COLUMN sleutel_id;
"#;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        db.execute_unprepared(&UP.replace("{app}", crate::APP_ROLE))
            .await?;
        // De laatste kop zonder sleutel per keten: de eerste regel met sleutel dekt hem.
        let koppen = db
            .query_all_raw(Statement::from_string(
                DbBackend::Postgres,
                "SELECT DISTINCT ON (keten) keten, volgnummer, hash FROM audit_trail \
                 ORDER BY keten, volgnummer DESC",
            ))
            .await?;
        for kop in koppen {
            let keten: String = kop.try_get("", "keten")?;
            let volgnummer: i64 = kop.try_get("", "volgnummer")?;
            let hash: String = kop.try_get("", "hash")?;
            println!(
                "audit trail: laatste kop zonder sleutel van keten {keten}: regel {volgnummer}, hash {hash}"
            );
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .get_connection()
            .execute_unprepared(&DOWN.replace("{app}", crate::APP_ROLE))
            .await?;
        Ok(())
    }
}
