//! Netwerken en sleutelpersonen (issue 12), met de privacy in de database.
//!
//! - `netwerk`, `netwerk_lid`, `sleutelpersoon` en `sleutelpersoon_status` zijn gewone
//!   gemeentelijke tabellen (lezen volgens `MAG_LEZEN`, schrijven in de eigen gemeente);
//! - de persoonsgegevens van een sleutelpersoon (naam, contactgegevens, achterban,
//!   notities, voorgestelde opvolgers, diversiteit en bijzondere gegevens) staan apart
//!   in `sleutelpersoon_gegevens`. Die rijen ziet een context alleen als de aanroeper
//!   persoonsgegevens van díe gemeente mag zien (`weefsel.persoonsgegevens`, gezet door
//!   `weefsel_context_openen` voor `coordinator`, `gemeente_beheerder` en koppelingen
//!   met `sleutelpersonen.*`), en bij `verhoogd_risico` alleen als de aanroeper een van
//!   de genoemde ambtenaren is (`weefsel.gebruiker`). De regio ziet er nooit een.
//!   Verwijderen kan de dienst ze niet: dat doet alleen `weefsel_anonimiseren`;
//! - `verwerking` is het verwerkingenlogboek (naar VNG Verwerkingenlogging): alleen
//!   toevoegen, net als de audit trail;
//! - `weefsel_netwerk_diversiteit` telt de diversiteit van een netwerk met de rechten
//!   van de eigenaar, onderdrukt cellen onder 5 en geeft de aanroeper nooit een
//!   persoonlijk veld;
//! - `weefsel_retentie` anonimiseert iedereen voorbij zijn bewaartermijn.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const UP: &str = r#"
CREATE FUNCTION weefsel_persoonsgegevens() RETURNS boolean
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $f$ SELECT coalesce(current_setting('weefsel.persoonsgegevens', true), '') = 'ja' $f$;
CREATE FUNCTION weefsel_gebruiker() RETURNS uuid
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $f$ SELECT nullif(current_setting('weefsel.gebruiker', true), '')::uuid $f$;

CREATE TABLE netwerk (
    id                uuid        PRIMARY KEY,
    gemeente_id       uuid        NOT NULL REFERENCES gemeente (id),
    naam              text        NOT NULL CHECK (length(naam) BETWEEN 1 AND 200),
    vorm              text        NOT NULL CHECK (vorm IN ('sleutelpersonennetwerk', 'wijknetwerk', 'ad_hoc')),
    doelen            text[]      NOT NULL DEFAULT '{}' CHECK (doelen <@ ARRAY['voorlichting_bewustwording',
                          'veerkracht_weerbaarheid', 'de_escalatie', 'beleidsadvies', 'crisisparaatheid',
                          'goede_zorg', 'burenhulp_informele_zorg', 'veilig_wonen', 'ondernemen_in_de_wijk',
                          'wijkcooperatie']),
    gemeente_rol      text[]      NOT NULL CHECK (cardinality(gemeente_rol) > 0
                          AND gemeente_rol <@ ARRAY['regisseur', 'facilitator', 'participant']),
    rol_historie      jsonb       NOT NULL DEFAULT '[]',
    fase              text        NOT NULL CHECK (fase IN ('voorbereiding', 'opbouw', 'uitvoering', 'afgerond')),
    fase_historie     jsonb       NOT NULL DEFAULT '[]',
    werkwijze         text        CHECK (werkwijze IN ('periodiek', 'flexibel', 'combinatie')),
    voorzitter        text        CHECK (voorzitter IN ('gemeente', 'extern_neutraal', 'uit_netwerk', 'roulerend')),
    kerngroep         boolean     NOT NULL DEFAULT false,
    tegenprestaties   text[]      NOT NULL DEFAULT '{}' CHECK (tegenprestaties <@ ARRAY['vergoeding',
                          'kennis_vaardigheden', 'contacten', 'activiteitenbudget', 'praktische_hulp']),
    gebied_ids        uuid[]      NOT NULL DEFAULT '{}',
    contactambtenaren uuid[]      NOT NULL DEFAULT '{}',
    afspraken         jsonb,
    crisisafspraken   jsonb       NOT NULL DEFAULT '[]',
    version           integer     NOT NULL DEFAULT 1,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    UNIQUE (id, gemeente_id),
    UNIQUE (gemeente_id, naam)
);
COMMENT ON TABLE netwerk IS 'Sleutelpersonennetwerken, wijknetwerken en ad-hocnetwerken van een gemeente';
GRANT SELECT, INSERT, UPDATE, DELETE ON netwerk TO {app};

CREATE TABLE sleutelpersoon (
    id                  uuid        PRIMARY KEY,
    gemeente_id         uuid        NOT NULL REFERENCES gemeente (id),
    gebied_id           uuid,
    typen               text[]      NOT NULL DEFAULT '{}' CHECK (typen <@ ARRAY['verbinder',
                            'vertegenwoordiger', 'doener', 'luis_in_de_pels']),
    status              text        NOT NULL CHECK (status IN ('kandidaat', 'kennismaking', 'actief',
                            'gepauzeerd', 'uitgestroomd')),
    status_sinds        date        NOT NULL,
    wervingsmethode     text        CHECK (wervingsmethode IN ('bestaand_netwerk', 'gerichte_gesprekken',
                            'outreachend', 'sneeuwbal', 'inloopavond', 'wervingscampagne', 'extern_bureau')),
    voorgedragen_door   uuid,
    uitstroomreden      text        CHECK (uitstroomreden IN ('tijd_energie', 'persoonlijke_omstandigheden',
                            'verschil_van_inzicht', 'teleurstelling', 'weerstand_achterban',
                            'op_verzoek_gemeente', 'anders')),
    exitgesprek         boolean,
    buddy_id            uuid,
    tijdsinvestering    text        CHECK (length(tijdsinvestering) BETWEEN 1 AND 200),
    laatste_contact     date,
    verhoogd_risico     boolean     NOT NULL DEFAULT false,
    zichtbaar_voor      uuid[]      NOT NULL DEFAULT '{}',
    toestemming_datum   date,
    toestemming_doel    text        CHECK (length(toestemming_doel) BETWEEN 1 AND 500),
    bijzondere_gegevens boolean     NOT NULL DEFAULT false,
    delen_met           text[]      NOT NULL DEFAULT '{}',
    bewaartermijn_tot   date        NOT NULL,
    geanonimiseerd_op   timestamptz,
    version             integer     NOT NULL DEFAULT 1,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    UNIQUE (id, gemeente_id),
    CHECK ((toestemming_datum IS NULL) = (toestemming_doel IS NULL)),
    CHECK (status NOT IN ('actief', 'gepauzeerd') OR toestemming_datum IS NOT NULL OR geanonimiseerd_op IS NOT NULL),
    CHECK (NOT verhoogd_risico OR cardinality(zichtbaar_voor) > 0 OR geanonimiseerd_op IS NOT NULL),
    CHECK (voorgedragen_door IS NULL OR voorgedragen_door <> id),
    CHECK (buddy_id IS NULL OR buddy_id <> id),
    FOREIGN KEY (gebied_id, gemeente_id) REFERENCES gebied (id, gemeente_id),
    FOREIGN KEY (voorgedragen_door, gemeente_id) REFERENCES sleutelpersoon (id, gemeente_id),
    FOREIGN KEY (buddy_id, gemeente_id) REFERENCES sleutelpersoon (id, gemeente_id)
);
CREATE INDEX sleutelpersoon_lijst_idx ON sleutelpersoon (gemeente_id, created_at DESC, id DESC);
CREATE INDEX sleutelpersoon_gebied_idx ON sleutelpersoon (gebied_id, gemeente_id);
CREATE INDEX sleutelpersoon_voorgedragen_idx ON sleutelpersoon (voorgedragen_door, gemeente_id);
CREATE INDEX sleutelpersoon_buddy_idx ON sleutelpersoon (buddy_id, gemeente_id);
CREATE INDEX sleutelpersoon_retentie_idx ON sleutelpersoon (bewaartermijn_tot) WHERE geanonimiseerd_op IS NULL;
COMMENT ON TABLE sleutelpersoon IS 'Sleutelpersonen zonder persoonsgegevens (die staan in sleutelpersoon_gegevens)';
GRANT SELECT, INSERT, UPDATE ON sleutelpersoon TO {app};

CREATE TABLE sleutelpersoon_gegevens (
    sleutelpersoon_id    uuid    PRIMARY KEY,
    gemeente_id          uuid    NOT NULL,
    voornaam             text    NOT NULL CHECK (length(voornaam) BETWEEN 1 AND 100),
    achternaam           text    CHECK (length(achternaam) BETWEEN 1 AND 100),
    email                text    CHECK (length(email) BETWEEN 3 AND 254),
    telefoon             text    CHECK (length(telefoon) BETWEEN 1 AND 30),
    achterban            text    CHECK (length(achterban) BETWEEN 1 AND 500),
    notities             text    CHECK (length(notities) BETWEEN 1 AND 10000),
    opvolgers            text    CHECK (length(opvolgers) BETWEEN 1 AND 1000),
    leeftijdsgroep       text    CHECK (leeftijdsgroep IN ('jong', 'oud')),
    migratieachtergrond  boolean,
    hulpverlenend_beroep boolean,
    bekend_bij_gemeente  boolean,
    opleidingsrichting   text    CHECK (opleidingsrichting IN ('theoretisch', 'praktisch')),
    levensbeschouwing    text    CHECK (length(levensbeschouwing) BETWEEN 1 AND 100),
    FOREIGN KEY (sleutelpersoon_id, gemeente_id) REFERENCES sleutelpersoon (id, gemeente_id)
);
CREATE INDEX sleutelpersoon_gegevens_gemeente_idx ON sleutelpersoon_gegevens (sleutelpersoon_id, gemeente_id);
COMMENT ON TABLE sleutelpersoon_gegevens IS 'Persoonsgegevens van sleutelpersonen: alleen zichtbaar voor wie ze mag zien (RLS)';
GRANT SELECT, INSERT, UPDATE ON sleutelpersoon_gegevens TO {app};

-- Bijzondere persoonsgegevens (AVG art. 9) alleen met vastgelegde toestemming daarvoor.
"#;

pub(crate) const SLEUTELPERSOON_BIJZONDERE_GEGEVENS: &str = r#"CREATE OR REPLACE FUNCTION sleutelpersoon_bijzondere_gegevens() RETURNS trigger
    LANGUAGE plpgsql SET search_path = pg_catalog, public AS $f$
BEGIN
    IF (NEW.migratieachtergrond IS NOT NULL OR NEW.levensbeschouwing IS NOT NULL)
       AND NOT EXISTS (SELECT 1 FROM sleutelpersoon s WHERE s.id = NEW.sleutelpersoon_id
                       AND s.bijzondere_gegevens AND s.toestemming_datum IS NOT NULL) THEN
        RAISE EXCEPTION 'bijzondere persoonsgegevens zonder toestemming' USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END
$f$;
"#;

const UP_VERWERKING: &str = r#"CREATE TRIGGER sleutelpersoon_bijzondere_gegevens BEFORE INSERT OR UPDATE ON sleutelpersoon_gegevens
    FOR EACH ROW EXECUTE FUNCTION sleutelpersoon_bijzondere_gegevens();

CREATE TABLE sleutelpersoon_status (
    id                uuid        PRIMARY KEY,
    gemeente_id       uuid        NOT NULL,
    sleutelpersoon_id uuid        NOT NULL,
    status            text        NOT NULL CHECK (status IN ('kandidaat', 'kennismaking', 'actief',
                          'gepauzeerd', 'uitgestroomd')),
    datum             date        NOT NULL,
    uitstroomreden    text,
    door              uuid,
    created_at        timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (sleutelpersoon_id, gemeente_id) REFERENCES sleutelpersoon (id, gemeente_id)
);
CREATE INDEX sleutelpersoon_status_persoon_idx ON sleutelpersoon_status (sleutelpersoon_id, gemeente_id, created_at);
COMMENT ON TABLE sleutelpersoon_status IS 'De statusgeschiedenis van sleutelpersonen';
GRANT SELECT, INSERT ON sleutelpersoon_status TO {app};

CREATE TABLE netwerk_lid (
    id                uuid        PRIMARY KEY,
    gemeente_id       uuid        NOT NULL,
    netwerk_id        uuid        NOT NULL,
    sleutelpersoon_id uuid        NOT NULL,
    rol               text        NOT NULL CHECK (rol IN ('lid', 'kerngroeplid', 'voorzitter', 'ambassadeur')),
    belang            text        CHECK (belang IN ('bewoners', 'zorg', 'welzijn', 'gemeente',
                          'woningcorporatie', 'politie', 'ondernemers')),
    begin             date,
    eind              date,
    version           integer     NOT NULL DEFAULT 1,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    UNIQUE (netwerk_id, sleutelpersoon_id),
    CHECK (eind IS NULL OR begin IS NULL OR eind >= begin),
    FOREIGN KEY (netwerk_id, gemeente_id) REFERENCES netwerk (id, gemeente_id) ON DELETE CASCADE,
    FOREIGN KEY (sleutelpersoon_id, gemeente_id) REFERENCES sleutelpersoon (id, gemeente_id)
);
CREATE INDEX netwerk_lid_netwerk_idx ON netwerk_lid (netwerk_id, gemeente_id);
CREATE INDEX netwerk_lid_persoon_idx ON netwerk_lid (sleutelpersoon_id, gemeente_id);
COMMENT ON TABLE netwerk_lid IS 'Lidmaatschappen: een sleutelpersoon in een netwerk van dezelfde gemeente';
GRANT SELECT, INSERT, UPDATE, DELETE ON netwerk_lid TO {app};

CREATE TABLE verwerking (
    id                  uuid        PRIMARY KEY,
    gemeente_id         uuid        NOT NULL REFERENCES gemeente (id),
    tijdstip            timestamptz NOT NULL DEFAULT now(),
    actor_soort         text        NOT NULL CHECK (actor_soort IN ('gebruiker', 'koppeling', 'systeem')),
    actor_id            uuid,
    sleutelpersoon_id   uuid        NOT NULL,
    actie               text        NOT NULL CHECK (actie IN ('lezen', 'zoekresultaat', 'export', 'anonimisering')),
    verwerkingsactiviteit text      NOT NULL CHECK (verwerkingsactiviteit IN ('netwerkbeheer', 'inzageverzoek',
                            'anonimisering', 'retentie')),
    request_id          text,
    FOREIGN KEY (sleutelpersoon_id, gemeente_id) REFERENCES sleutelpersoon (id, gemeente_id)
);
CREATE INDEX verwerking_gemeente_idx ON verwerking (gemeente_id, tijdstip DESC, id DESC);
CREATE INDEX verwerking_persoon_idx ON verwerking (sleutelpersoon_id, gemeente_id, tijdstip);
COMMENT ON TABLE verwerking IS 'Verwerkingenlogboek van persoonsgegevens van sleutelpersonen: alleen toevoegen';
GRANT SELECT, INSERT ON verwerking TO {app};
"#;

pub(crate) const VERWERKING_ALLEEN_TOEVOEGEN: &str = r#"CREATE OR REPLACE FUNCTION verwerking_alleen_toevoegen() RETURNS trigger
    LANGUAGE plpgsql AS $f$
BEGIN
    RAISE EXCEPTION 'verwerking is alleen-toevoegen: % is niet toegestaan', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$f$;
"#;

const UP_CONTEXT: &str = r#"CREATE TRIGGER verwerking_geen_wijziging BEFORE UPDATE OR DELETE ON verwerking
    FOR EACH ROW EXECUTE FUNCTION verwerking_alleen_toevoegen();
CREATE TRIGGER verwerking_geen_truncate BEFORE TRUNCATE ON verwerking
    FOR EACH STATEMENT EXECUTE FUNCTION verwerking_alleen_toevoegen();

ALTER TABLE traject ALTER COLUMN gebied_id DROP NOT NULL;
ALTER TABLE traject ADD CONSTRAINT traject_gebied_of_netwerk CHECK (gebied_id IS NOT NULL OR netwerk_id IS NOT NULL);
ALTER TABLE traject ADD CONSTRAINT traject_netwerk_fkey
    FOREIGN KEY (netwerk_id, gemeente_id) REFERENCES netwerk (id, gemeente_id);
CREATE INDEX traject_netwerk_idx ON traject (netwerk_id, gemeente_id);
"#;

/// De context weet nu ook of de aanroeper persoonsgegevens van zijn gemeente mag zien
/// en wie hij is (`weefsel.persoonsgegevens`, `weefsel.gebruiker`, `weefsel.actor_*`).
pub(crate) const CONTEXT: &str = r#"
CREATE OR REPLACE FUNCTION weefsel_context_openen(
    p_soort text, p_account uuid, p_gemeente text, p_extern text, p_generatie integer)
RETURNS TABLE (id uuid, actief boolean, rollen text[], scopes text[], gemeente_id uuid,
               gemeente_code text, token_generatie integer, geldig boolean, regio text)
    LANGUAGE plpgsql VOLATILE SET search_path = pg_catalog, public
AS $f$
#variable_conflict use_column
DECLARE
    r record;
BEGIN
    PERFORM set_config('weefsel.context', 'authenticatie', true);
    IF p_soort = 'koppeling' THEN
        SELECT k.id, k.actief, ARRAY[]::text[] AS rollen, k.scopes, k.gemeente_id,
               gm.code AS gemeente_code, k.token_generatie
        INTO r FROM koppeling k JOIN gemeente gm ON gm.id = k.gemeente_id
        WHERE k.id = p_account;
    ELSIF p_soort = 'gebruiker' THEN
        SELECT g.id, g.actief, g.rollen, ARRAY[]::text[] AS scopes, g.gemeente_id,
               gm.code AS gemeente_code, g.token_generatie
        INTO r FROM gebruiker g LEFT JOIN gemeente gm ON gm.id = g.gemeente_id
        WHERE g.id = p_account;
    ELSIF p_soort = 'extern' THEN
        SELECT g.id, g.actief, g.rollen, ARRAY[]::text[] AS scopes, g.gemeente_id,
               gm.code AS gemeente_code, g.token_generatie
        INTO r FROM gebruiker g JOIN gemeente gm ON gm.id = g.gemeente_id
        WHERE gm.code = p_gemeente AND g.extern_id = p_extern;
    ELSE
        RAISE EXCEPTION 'onbekende soort account: %', p_soort;
    END IF;
    PERFORM set_config('weefsel.context', '', true);
    PERFORM set_config('weefsel.gemeente', '', true);
    PERFORM set_config('weefsel.regio', '', true);
    PERFORM set_config('weefsel.persoonsgegevens', '', true);
    PERFORM set_config('weefsel.gebruiker', '', true);
    PERFORM set_config('weefsel.actor_soort', '', true);
    PERFORM set_config('weefsel.actor_id', '', true);
    IF r.id IS NULL THEN
        RETURN;
    END IF;
    id := r.id; actief := r.actief; rollen := r.rollen; scopes := r.scopes;
    gemeente_id := r.gemeente_id; gemeente_code := r.gemeente_code;
    token_generatie := r.token_generatie;
    geldig := r.actief AND (p_soort = 'extern' OR (
        r.token_generatie = p_generatie AND r.gemeente_code IS NOT DISTINCT FROM p_gemeente));
    regio := '';
    IF geldig THEN
        regio := CASE
            WHEN r.gemeente_id IS NOT NULL THEN ''
            WHEN 'regio_beheerder' = ANY (r.rollen) THEN 'beheer'
            WHEN 'regio_netwerkmanager' = ANY (r.rollen) THEN 'lezen'
            ELSE '' END;
        PERFORM set_config('weefsel.gemeente', coalesce(r.gemeente_id::text, ''), true);
        PERFORM set_config('weefsel.regio', regio, true);
        IF r.gemeente_id IS NOT NULL AND (r.rollen && ARRAY['coordinator', 'gemeente_beheerder']
               OR r.scopes && ARRAY['sleutelpersonen.lezen', 'sleutelpersonen.schrijven']) THEN
            PERFORM set_config('weefsel.persoonsgegevens', 'ja', true);
        END IF;
        IF p_soort = 'koppeling' THEN
            PERFORM set_config('weefsel.actor_soort', 'koppeling', true);
        ELSE
            PERFORM set_config('weefsel.actor_soort', 'gebruiker', true);
            PERFORM set_config('weefsel.gebruiker', r.id::text, true);
        END IF;
        PERFORM set_config('weefsel.actor_id', r.id::text, true);
    END IF;
    RETURN NEXT;
END
$f$;
"#;

/// Row-level security. De persoonsgegevens alleen voor wie ze mag zien; de dienst
/// verwijdert ze nooit zelf (alleen `weefsel_anonimiseren`).
const RLS: &str = r#"
ALTER TABLE netwerk ENABLE ROW LEVEL SECURITY;
CREATE POLICY netwerk_lezen ON netwerk FOR SELECT TO {app} USING {lezen};
CREATE POLICY netwerk_toevoegen ON netwerk FOR INSERT TO {app} WITH CHECK (weefsel_mag_schrijven(gemeente_id));
CREATE POLICY netwerk_wijzigen ON netwerk FOR UPDATE TO {app} USING (weefsel_mag_schrijven(gemeente_id));
CREATE POLICY netwerk_verwijderen ON netwerk FOR DELETE TO {app} USING (weefsel_mag_schrijven(gemeente_id));

ALTER TABLE netwerk_lid ENABLE ROW LEVEL SECURITY;
CREATE POLICY netwerk_lid_lezen ON netwerk_lid FOR SELECT TO {app} USING {lezen};
CREATE POLICY netwerk_lid_toevoegen ON netwerk_lid FOR INSERT TO {app} WITH CHECK (weefsel_mag_schrijven(gemeente_id));
CREATE POLICY netwerk_lid_wijzigen ON netwerk_lid FOR UPDATE TO {app} USING (weefsel_mag_schrijven(gemeente_id));
CREATE POLICY netwerk_lid_verwijderen ON netwerk_lid FOR DELETE TO {app} USING (weefsel_mag_schrijven(gemeente_id));

ALTER TABLE sleutelpersoon ENABLE ROW LEVEL SECURITY;
CREATE POLICY sleutelpersoon_lezen ON sleutelpersoon FOR SELECT TO {app} USING {lezen};
CREATE POLICY sleutelpersoon_toevoegen ON sleutelpersoon FOR INSERT TO {app} WITH CHECK (weefsel_mag_schrijven(gemeente_id));
CREATE POLICY sleutelpersoon_wijzigen ON sleutelpersoon FOR UPDATE TO {app} USING (weefsel_mag_schrijven(gemeente_id));

ALTER TABLE sleutelpersoon_status ENABLE ROW LEVEL SECURITY;
CREATE POLICY sleutelpersoon_status_lezen ON sleutelpersoon_status FOR SELECT TO {app} USING {lezen};
CREATE POLICY sleutelpersoon_status_toevoegen ON sleutelpersoon_status FOR INSERT TO {app}
    WITH CHECK (weefsel_mag_schrijven(gemeente_id));

ALTER TABLE sleutelpersoon_gegevens ENABLE ROW LEVEL SECURITY;
CREATE POLICY sleutelpersoon_gegevens_lezen ON sleutelpersoon_gegevens FOR SELECT TO {app} USING (
    gemeente_id = (SELECT weefsel_gemeente()) AND (SELECT weefsel_persoonsgegevens())
    AND NOT EXISTS (SELECT 1 FROM sleutelpersoon s WHERE s.id = sleutelpersoon_id AND s.verhoogd_risico
                    AND NOT coalesce((SELECT weefsel_gebruiker()) = ANY (s.zichtbaar_voor), false)));
CREATE POLICY sleutelpersoon_gegevens_toevoegen ON sleutelpersoon_gegevens FOR INSERT TO {app} WITH CHECK (
    gemeente_id = (SELECT weefsel_gemeente()) AND (SELECT weefsel_persoonsgegevens()));
CREATE POLICY sleutelpersoon_gegevens_wijzigen ON sleutelpersoon_gegevens FOR UPDATE TO {app} USING (
    gemeente_id = (SELECT weefsel_gemeente()) AND (SELECT weefsel_persoonsgegevens())
    AND NOT EXISTS (SELECT 1 FROM sleutelpersoon s WHERE s.id = sleutelpersoon_id AND s.verhoogd_risico
                    AND NOT coalesce((SELECT weefsel_gebruiker()) = ANY (s.zichtbaar_voor), false)));

ALTER TABLE verwerking ENABLE ROW LEVEL SECURITY;
CREATE POLICY verwerking_lezen ON verwerking FOR SELECT TO {app}
    USING (gemeente_id = (SELECT weefsel_gemeente()));
CREATE POLICY verwerking_toevoegen ON verwerking FOR INSERT TO {app}
    WITH CHECK (weefsel_mag_schrijven(gemeente_id));
"#;

/// Anonimiseren en retentie: met de rechten van de eigenaar, want ook wie een persoon
/// met verhoogd risico niet ziet, of de dagelijkse retentie zonder aanroeper, moet
/// alles kunnen verwijderen. `weefsel_anonimiseren` controleert zelf dat de persoon in
/// de gemeente van de context ligt en dat de aanroeper persoonsgegevens mag zien.
pub(crate) const ANONIMISEER: &str = r#"CREATE OR REPLACE FUNCTION weefsel_anonimiseer(p_id uuid, p_activiteit text, p_actor_soort text,
                                    p_actor uuid, p_request text) RETURNS boolean
    LANGUAGE plpgsql VOLATILE SET search_path = pg_catalog, public AS $f$
DECLARE
    v_gemeente uuid;
BEGIN
    UPDATE sleutelpersoon SET geanonimiseerd_op = now(), zichtbaar_voor = '{}', verhoogd_risico = false,
           bijzondere_gegevens = false, version = version + 1, updated_at = now()
     WHERE id = p_id AND geanonimiseerd_op IS NULL
    RETURNING gemeente_id INTO v_gemeente;
    IF v_gemeente IS NULL THEN
        RETURN false;
    END IF;
    DELETE FROM sleutelpersoon_gegevens WHERE sleutelpersoon_id = p_id;
    INSERT INTO verwerking (id, gemeente_id, actor_soort, actor_id, sleutelpersoon_id, actie,
                            verwerkingsactiviteit, request_id)
    VALUES (gen_random_uuid(), v_gemeente, p_actor_soort, p_actor, p_id, 'anonimisering',
            p_activiteit, p_request);
    RETURN true;
END
$f$;
"#;

const FUNCTIES_NA: &str = r#"REVOKE ALL ON FUNCTION weefsel_anonimiseer(uuid, text, text, uuid, text) FROM PUBLIC;

CREATE FUNCTION weefsel_anonimiseren(p_id uuid, p_request text) RETURNS boolean
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public AS $f$
BEGIN
    IF NOT weefsel_persoonsgegevens() OR NOT EXISTS (
           SELECT 1 FROM sleutelpersoon WHERE id = p_id AND gemeente_id = weefsel_gemeente()) THEN
        RETURN false;
    END IF;
    RETURN weefsel_anonimiseer(p_id, 'anonimisering',
        coalesce(nullif(current_setting('weefsel.actor_soort', true), ''), 'systeem'),
        nullif(current_setting('weefsel.actor_id', true), '')::uuid, p_request);
END
$f$;
REVOKE ALL ON FUNCTION weefsel_anonimiseren(uuid, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION weefsel_anonimiseren(uuid, text) TO {app};

-- Iedereen van wie de bewaartermijn vóór `p_peildatum` eindigde (ook kandidaten die
-- nooit actief werden), in alle gemeenten. Geeft het aantal geanonimiseerde personen.
"#;

pub(crate) const WEEFSEL_RETENTIE: &str = r#"CREATE OR REPLACE FUNCTION weefsel_retentie(p_peildatum date) RETURNS integer
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public AS $f$
DECLARE
    v_id uuid;
    v_aantal integer := 0;
BEGIN
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
"#;

const FUNCTIES_NA_NA: &str = r#"REVOKE ALL ON FUNCTION weefsel_retentie(date) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION weefsel_retentie(date) TO {app};

"#;

pub(crate) const DIVERSITEIT: &str = r#"-- De diversiteit van de actieve leden van een netwerk, voor wie het netwerk mag lezen:
-- per dimensie en kant het aantal, `NULL` onder 5 (onderdrukt), en of één kant meer
-- dan 80 % van de bekende waarden heeft. Ook per gebied het aantal actieve leden.
CREATE FUNCTION weefsel_netwerk_diversiteit(p_netwerk uuid)
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
        WHERE (l.eind IS NULL OR l.eind >= current_date) AND s.status = 'actief'
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
REVOKE ALL ON FUNCTION weefsel_netwerk_diversiteit(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION weefsel_netwerk_diversiteit(uuid) TO {app};
"#;

const DOWN: &str = r#"
DROP FUNCTION weefsel_netwerk_diversiteit(uuid);
DROP FUNCTION weefsel_retentie(date);
DROP FUNCTION weefsel_anonimiseren(uuid, text);
DROP FUNCTION weefsel_anonimiseer(uuid, text, text, uuid, text);
DROP INDEX traject_netwerk_idx;
ALTER TABLE traject DROP CONSTRAINT traject_netwerk_fkey;
ALTER TABLE traject DROP CONSTRAINT traject_gebied_of_netwerk;
DELETE FROM traject_stap WHERE traject_id IN (SELECT id FROM traject WHERE gebied_id IS NULL);
DELETE FROM traject_besluit WHERE traject_id IN (SELECT id FROM traject WHERE gebied_id IS NULL);
DELETE FROM traject_verbinder WHERE traject_id IN (SELECT id FROM traject WHERE gebied_id IS NULL);
DELETE FROM traject WHERE gebied_id IS NULL;
UPDATE traject SET netwerk_id = NULL;
ALTER TABLE traject ALTER COLUMN gebied_id SET NOT NULL;
DROP TABLE verwerking;
DROP FUNCTION verwerking_alleen_toevoegen();
DROP TABLE netwerk_lid;
DROP TABLE sleutelpersoon_status;
DROP TABLE sleutelpersoon_gegevens;
DROP FUNCTION sleutelpersoon_bijzondere_gegevens();
DROP TABLE sleutelpersoon;
DROP TABLE netwerk;
DROP FUNCTION weefsel_gebruiker();
DROP FUNCTION weefsel_persoonsgegevens();
DROP FUNCTION weefsel_context_openen(text, uuid, text, text, integer);
"#;

crate::sql_migratie!(
    [
        UP,
        SLEUTELPERSOON_BIJZONDERE_GEGEVENS,
        UP_VERWERKING,
        VERWERKING_ALLEEN_TOEVOEGEN,
        UP_CONTEXT,
        CONTEXT,
        RLS,
        ANONIMISEER,
        FUNCTIES_NA,
        WEEFSEL_RETENTIE,
        FUNCTIES_NA_NA,
        DIVERSITEIT,
    ],
    [DOWN, super::m20261124_000008_context::UP]
);
