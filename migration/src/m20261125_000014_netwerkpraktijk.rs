//! De dagelijkse registratie van netwerkwerk (issue 14):
//!
//! - `organisatie`: de sociale kaart van een gemeente (partners, eigen afdelingen,
//!   lopende samenwerkingsverbanden) en de regionale catalogus (`gemeente_id` leeg:
//!   iedereen leest, alleen de `regio_beheerder` schrijft), met de veertien landelijke
//!   partners uit de handreiking; `netwerk_partner` koppelt ze aan netwerken;
//! - `bijeenkomst` en `oefening`, met aanwezige sleutelpersonen als ids;
//! - `melding` met `melding_opvolging` (alleen toevoegen): alleen de coördinatoren en
//!   beheerders van de gemeente en koppelingen met `meldingen.*` (`weefsel.meldingen`)
//!   lezen ze, en een melding over iemand met `verhoogd_risico` alleen de genoemde
//!   ambtenaren en de behandelaar;
//! - `veiligheidsafspraak` per netwerk met een herzieningsdatum, en
//!   `sleutelpersoon_checkin`: de periodieke vraag hoe het gaat, met de persoonsgegevens
//!   weg bij anonimiseren (de sleutel hangt aan `sleutelpersoon_gegevens`).

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const UP: &str = r#"
CREATE FUNCTION weefsel_meldingen() RETURNS boolean
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $f$ SELECT coalesce(current_setting('weefsel.meldingen', true), '') = 'ja' $f$;

CREATE TABLE organisatie (
    id            uuid        PRIMARY KEY,
    gemeente_id   uuid        REFERENCES gemeente (id),
    naam          text        NOT NULL CHECK (length(naam) BETWEEN 1 AND 200),
    soort         text        NOT NULL CHECK (soort IN ('partner', 'gemeentelijke_afdeling', 'samenwerkingsverband')),
    veld          text        NOT NULL CHECK (veld IN ('overheid_publieke_diensten', 'maatschappelijk_middenveld',
                      'onderwijs_jeugd', 'markt_bedrijfsleven', 'media_communicatie', 'informele_netwerken')),
    categorie     text        CHECK (categorie IN ('buurt_wijkpartners', 'sleutelfiguren_actieve_bewoners',
                      'bewonersinitiatieven', 'ouderenorganisaties', 'religieuze_culturele_gemeenschappen',
                      'onderwijsinstellingen', 'jongeren_sport', 'lokale_ondernemers', 'lokale_media',
                      'online_sociale_media', 'buurtgroepen_vrijwilligers', 'informele_inwonernetwerken',
                      'jeugd_gezinnen', 'hulporganisaties')),
    niveau        text        NOT NULL CHECK (niveau IN ('lokaal', 'regionaal', 'landelijk')),
    capaciteiten  text[]      NOT NULL DEFAULT '{}' CHECK (capaciteiten <@ ARRAY['handjes', 'hoofdjes', 'hulpmiddelen']),
    rollen        text[]      NOT NULL DEFAULT '{}' CHECK (rollen <@ ARRAY['bewoners', 'zorg', 'welzijn',
                      'gemeente', 'woningcorporatie', 'politie', 'ondernemers']),
    aanbod        text        CHECK (length(aanbod) BETWEEN 1 AND 5000),
    activering    text        CHECK (length(activering) BETWEEN 1 AND 2000),
    meerwaarde    text        CHECK (length(meerwaarde) BETWEEN 1 AND 2000),
    op_afschaling text        CHECK (length(op_afschaling) BETWEEN 1 AND 2000),
    contact       text        CHECK (length(contact) BETWEEN 1 AND 254),
    version       integer     NOT NULL DEFAULT 1,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    UNIQUE NULLS NOT DISTINCT (gemeente_id, naam)
);
CREATE INDEX organisatie_lijst_idx ON organisatie (gemeente_id, naam, id);
COMMENT ON TABLE organisatie IS 'De sociale kaart: organisaties van een gemeente, en de regionale catalogus (gemeente_id leeg)';
GRANT SELECT, INSERT, UPDATE, DELETE ON organisatie TO {app};

CREATE TABLE netwerk_partner (
    id             uuid        PRIMARY KEY,
    gemeente_id    uuid        NOT NULL,
    netwerk_id     uuid        NOT NULL,
    organisatie_id uuid        NOT NULL REFERENCES organisatie (id),
    toelichting    text        CHECK (length(toelichting) BETWEEN 1 AND 2000),
    version        integer     NOT NULL DEFAULT 1,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    UNIQUE (netwerk_id, organisatie_id),
    FOREIGN KEY (netwerk_id, gemeente_id) REFERENCES netwerk (id, gemeente_id) ON DELETE CASCADE
);
CREATE INDEX netwerk_partner_organisatie_idx ON netwerk_partner (organisatie_id);
CREATE INDEX netwerk_partner_netwerk_idx ON netwerk_partner (netwerk_id, gemeente_id);
GRANT SELECT, INSERT, UPDATE, DELETE ON netwerk_partner TO {app};

CREATE TABLE bijeenkomst (
    id                  uuid        PRIMARY KEY,
    gemeente_id         uuid        NOT NULL REFERENCES gemeente (id),
    soort               text        NOT NULL CHECK (soort IN ('eerste_bijeenkomst', 'tweede_bijeenkomst',
                            'startbijeenkomst', 'netwerkbijeenkomst', 'kerngroep', 'themabijeenkomst',
                            'dialoogtafel', 'evaluatie')),
    titel               text        CHECK (length(titel) BETWEEN 1 AND 200),
    datum               date        NOT NULL,
    begintijd           time,
    eindtijd            time,
    locatiesoort        text        CHECK (locatiesoort IN ('buurthuis', 'gebedshuis', 'bibliotheek',
                            'gemeentehuis', 'politiebureau', 'school', 'sportvereniging', 'online', 'anders')),
    locatie             text        CHECK (length(locatie) BETWEEN 1 AND 200),
    netwerk_id          uuid,
    gebied_id           uuid,
    deelnemers          integer     CHECK (deelnemers BETWEEN 0 AND 100000),
    aanwezigen          uuid[]      NOT NULL DEFAULT '{}',
    agenda              jsonb       NOT NULL DEFAULT '[]',
    verslag             text        CHECK (length(verslag) BETWEEN 1 AND 10000),
    verslag_aan_afwezigen boolean   NOT NULL DEFAULT false,
    terugkoppeling      text        CHECK (length(terugkoppeling) BETWEEN 1 AND 5000),
    acties              jsonb       NOT NULL DEFAULT '[]',
    version             integer     NOT NULL DEFAULT 1,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    UNIQUE (id, gemeente_id),
    CHECK (netwerk_id IS NOT NULL OR gebied_id IS NOT NULL),
    CHECK (eindtijd IS NULL OR begintijd IS NULL OR eindtijd >= begintijd),
    FOREIGN KEY (netwerk_id, gemeente_id) REFERENCES netwerk (id, gemeente_id),
    FOREIGN KEY (gebied_id, gemeente_id) REFERENCES gebied (id, gemeente_id)
);
CREATE INDEX bijeenkomst_lijst_idx ON bijeenkomst (gemeente_id, datum DESC, id DESC);
CREATE INDEX bijeenkomst_netwerk_idx ON bijeenkomst (netwerk_id, gemeente_id, datum DESC);
CREATE INDEX bijeenkomst_gebied_idx ON bijeenkomst (gebied_id, gemeente_id, datum DESC);
COMMENT ON TABLE bijeenkomst IS 'Bijeenkomsten van netwerken; verslag, terugkoppeling en acties zijn vrije tekst';
GRANT SELECT, INSERT, UPDATE, DELETE ON bijeenkomst TO {app};

CREATE TABLE oefening (
    id                    uuid        PRIMARY KEY,
    gemeente_id           uuid        NOT NULL REFERENCES gemeente (id),
    titel                 text        NOT NULL CHECK (length(titel) BETWEEN 1 AND 200),
    doelen                text[]      NOT NULL CHECK (cardinality(doelen) > 0 AND doelen <@ ARRAY[
                              'samenwerking_netwerkpartners', 'communicatie_tijdens_crisis',
                              'rolverdeling_besluitvorming']),
    vorm                  text        NOT NULL CHECK (vorm IN ('tabletop', 'praktijksimulatie', 'digitaal',
                              'instructie', 'spelvorm')),
    scenario              text        NOT NULL CHECK (scenario IN ('stroomuitval', 'hittegolf', 'extreem_weer',
                              'overstroming', 'pandemie', 'uitval_drinkwater', 'uitval_ict_telecom', 'anders')),
    datum                 date        NOT NULL,
    netwerk_id            uuid,
    gebied_id             uuid,
    organisaties          uuid[]      NOT NULL DEFAULT '{}',
    deelnemers            uuid[]      NOT NULL DEFAULT '{}',
    status                text        NOT NULL CHECK (status IN ('gepland', 'uitgevoerd', 'geevalueerd')),
    briefing              text        CHECK (length(briefing) BETWEEN 1 AND 5000),
    debrief               text        CHECK (length(debrief) BETWEEN 1 AND 5000),
    evaluatie             jsonb,
    version               integer     NOT NULL DEFAULT 1,
    created_at            timestamptz NOT NULL DEFAULT now(),
    updated_at            timestamptz NOT NULL DEFAULT now(),
    UNIQUE (id, gemeente_id),
    CHECK ((status = 'geevalueerd') = (evaluatie IS NOT NULL)),
    CHECK (status <> 'gepland' OR debrief IS NULL),
    FOREIGN KEY (netwerk_id, gemeente_id) REFERENCES netwerk (id, gemeente_id),
    FOREIGN KEY (gebied_id, gemeente_id) REFERENCES gebied (id, gemeente_id)
);
CREATE INDEX oefening_lijst_idx ON oefening (gemeente_id, datum DESC, id DESC);
CREATE INDEX oefening_netwerk_idx ON oefening (netwerk_id, gemeente_id, datum DESC);
CREATE INDEX oefening_gebied_idx ON oefening (gebied_id, gemeente_id, datum DESC);
CREATE INDEX oefening_organisaties_idx ON oefening USING gin (organisaties);
GRANT SELECT, INSERT, UPDATE, DELETE ON oefening TO {app};

CREATE TABLE melding (
    id               uuid        PRIMARY KEY,
    gemeente_id      uuid        NOT NULL REFERENCES gemeente (id),
    soort            text        NOT NULL CHECK (soort IN ('bedreiging', 'intimidatie', 'geweld', 'vernieling',
                         'discriminatie', 'online', 'anders')),
    betrokkene       text        NOT NULL CHECK (betrokkene IN ('sleutelpersoon', 'actieve_bewoner', 'ambtenaar')),
    ernst            text        NOT NULL CHECK (ernst IN ('laag', 'middel', 'hoog', 'acuut')),
    datum            date        NOT NULL,
    omschrijving     text        NOT NULL CHECK (length(omschrijving) BETWEEN 1 AND 5000),
    sleutelpersoon_id uuid,
    netwerk_id       uuid,
    gebied_id        uuid,
    behandelaar_id   uuid        NOT NULL,
    politie          boolean     NOT NULL DEFAULT false,
    veiligheidshuis  boolean     NOT NULL DEFAULT false,
    maatregelen      text        CHECK (length(maatregelen) BETWEEN 1 AND 5000),
    status           text        NOT NULL CHECK (status IN ('open', 'in_behandeling', 'afgesloten')),
    afsluitnotitie   text        CHECK (length(afsluitnotitie) BETWEEN 1 AND 5000),
    afgesloten_op    date,
    version          integer     NOT NULL DEFAULT 1,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    UNIQUE (id, gemeente_id),
    CHECK ((status = 'afgesloten') = (afsluitnotitie IS NOT NULL AND afgesloten_op IS NOT NULL)),
    CHECK (sleutelpersoon_id IS NULL OR betrokkene = 'sleutelpersoon'),
    FOREIGN KEY (sleutelpersoon_id, gemeente_id) REFERENCES sleutelpersoon (id, gemeente_id),
    FOREIGN KEY (netwerk_id, gemeente_id) REFERENCES netwerk (id, gemeente_id),
    FOREIGN KEY (gebied_id, gemeente_id) REFERENCES gebied (id, gemeente_id),
    FOREIGN KEY (behandelaar_id, gemeente_id) REFERENCES gebruiker (id, gemeente_id)
);
CREATE INDEX melding_lijst_idx ON melding (gemeente_id, datum DESC, id DESC);
CREATE INDEX melding_netwerk_idx ON melding (netwerk_id, gemeente_id, datum DESC);
CREATE INDEX melding_gebied_idx ON melding (gebied_id, gemeente_id, datum DESC);
CREATE INDEX melding_sleutelpersoon_idx ON melding (sleutelpersoon_id, gemeente_id);
CREATE INDEX melding_behandelaar_idx ON melding (behandelaar_id, gemeente_id);
COMMENT ON TABLE melding IS 'Meldingen van bedreigingen en incidenten: alleen coördinatoren, beheerders en koppelingen met meldingen.* lezen ze (RLS)';
GRANT SELECT, INSERT, UPDATE ON melding TO {app};

CREATE TABLE melding_opvolging (
    id          uuid        PRIMARY KEY,
    gemeente_id uuid        NOT NULL,
    melding_id  uuid        NOT NULL,
    tekst       text        NOT NULL CHECK (length(tekst) BETWEEN 1 AND 5000),
    actor_soort text        NOT NULL,
    actor_id    uuid,
    tijdstip    timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (melding_id, gemeente_id) REFERENCES melding (id, gemeente_id)
);
CREATE INDEX melding_opvolging_idx ON melding_opvolging (melding_id, gemeente_id, tijdstip, id);
GRANT SELECT, INSERT ON melding_opvolging TO {app};

CREATE TABLE veiligheidsafspraak (
    id           uuid        PRIMARY KEY,
    gemeente_id  uuid        NOT NULL,
    netwerk_id   uuid        NOT NULL,
    afspraak     text        NOT NULL CHECK (length(afspraak) BETWEEN 1 AND 2000),
    laatst_herzien date,
    herzien_voor date        NOT NULL,
    version      integer     NOT NULL DEFAULT 1,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (netwerk_id, gemeente_id) REFERENCES netwerk (id, gemeente_id) ON DELETE CASCADE
);
CREATE INDEX veiligheidsafspraak_netwerk_idx ON veiligheidsafspraak (netwerk_id, gemeente_id, herzien_voor);
GRANT SELECT, INSERT, UPDATE, DELETE ON veiligheidsafspraak TO {app};

ALTER TABLE sleutelpersoon ADD COLUMN laatste_checkin date;
CREATE TABLE sleutelpersoon_checkin (
    id                uuid        PRIMARY KEY,
    gemeente_id       uuid        NOT NULL,
    sleutelpersoon_id uuid        NOT NULL REFERENCES sleutelpersoon_gegevens (sleutelpersoon_id) ON DELETE CASCADE,
    datum             date        NOT NULL,
    notitie           text        CHECK (length(notitie) BETWEEN 1 AND 2000),
    actor_soort       text        NOT NULL,
    actor_id          uuid,
    created_at        timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (sleutelpersoon_id, gemeente_id) REFERENCES sleutelpersoon (id, gemeente_id)
);
CREATE INDEX sleutelpersoon_checkin_idx ON sleutelpersoon_checkin (sleutelpersoon_id, gemeente_id, datum DESC, id DESC);
COMMENT ON TABLE sleutelpersoon_checkin IS 'Hoe gaat het met een sleutelpersoon: persoonsgegeven, weg bij anonimiseren';
GRANT SELECT, INSERT ON sleutelpersoon_checkin TO {app};
"#;

const RLS: &str = r#"
ALTER TABLE organisatie ENABLE ROW LEVEL SECURITY;
CREATE POLICY organisatie_lezen ON organisatie FOR SELECT TO {app} USING (gemeente_id IS NULL OR {lezen});
CREATE POLICY organisatie_toevoegen ON organisatie FOR INSERT TO {app} WITH CHECK (
    weefsel_mag_schrijven(gemeente_id) OR (gemeente_id IS NULL AND (SELECT weefsel_regio()) = 'beheer'));
CREATE POLICY organisatie_wijzigen ON organisatie FOR UPDATE TO {app} USING (
    weefsel_mag_schrijven(gemeente_id) OR (gemeente_id IS NULL AND (SELECT weefsel_regio()) = 'beheer'));
CREATE POLICY organisatie_verwijderen ON organisatie FOR DELETE TO {app} USING (
    weefsel_mag_schrijven(gemeente_id) OR (gemeente_id IS NULL AND (SELECT weefsel_regio()) = 'beheer'));

ALTER TABLE netwerk_partner ENABLE ROW LEVEL SECURITY;
CREATE POLICY netwerk_partner_lezen ON netwerk_partner FOR SELECT TO {app} USING {lezen};
CREATE POLICY netwerk_partner_toevoegen ON netwerk_partner FOR INSERT TO {app} WITH CHECK (weefsel_mag_schrijven(gemeente_id));
CREATE POLICY netwerk_partner_wijzigen ON netwerk_partner FOR UPDATE TO {app} USING (weefsel_mag_schrijven(gemeente_id));
CREATE POLICY netwerk_partner_verwijderen ON netwerk_partner FOR DELETE TO {app} USING (weefsel_mag_schrijven(gemeente_id));

ALTER TABLE bijeenkomst ENABLE ROW LEVEL SECURITY;
CREATE POLICY bijeenkomst_lezen ON bijeenkomst FOR SELECT TO {app} USING {lezen};
CREATE POLICY bijeenkomst_toevoegen ON bijeenkomst FOR INSERT TO {app} WITH CHECK (weefsel_mag_schrijven(gemeente_id));
CREATE POLICY bijeenkomst_wijzigen ON bijeenkomst FOR UPDATE TO {app} USING (weefsel_mag_schrijven(gemeente_id));
CREATE POLICY bijeenkomst_verwijderen ON bijeenkomst FOR DELETE TO {app} USING (weefsel_mag_schrijven(gemeente_id));

ALTER TABLE oefening ENABLE ROW LEVEL SECURITY;
CREATE POLICY oefening_lezen ON oefening FOR SELECT TO {app} USING {lezen};
CREATE POLICY oefening_toevoegen ON oefening FOR INSERT TO {app} WITH CHECK (weefsel_mag_schrijven(gemeente_id));
CREATE POLICY oefening_wijzigen ON oefening FOR UPDATE TO {app} USING (weefsel_mag_schrijven(gemeente_id));
CREATE POLICY oefening_verwijderen ON oefening FOR DELETE TO {app} USING (weefsel_mag_schrijven(gemeente_id));

-- Meldingen: alleen de eigen gemeente met `weefsel.meldingen`, en over iemand met
-- verhoogd risico alleen de genoemde ambtenaren en de behandelaar. De regio nooit
-- (die krijgt tellingen uit een functie met de rechten van de eigenaar).
ALTER TABLE melding ENABLE ROW LEVEL SECURITY;
CREATE POLICY melding_lezen ON melding FOR SELECT TO {app} USING (
    gemeente_id = (SELECT weefsel_gemeente()) AND (SELECT weefsel_meldingen())
    AND (sleutelpersoon_id IS NULL OR behandelaar_id = (SELECT weefsel_gebruiker())
         OR NOT EXISTS (SELECT 1 FROM sleutelpersoon s WHERE s.id = sleutelpersoon_id AND s.verhoogd_risico
                        AND NOT coalesce((SELECT weefsel_gebruiker()) = ANY (s.zichtbaar_voor), false))));
CREATE POLICY melding_toevoegen ON melding FOR INSERT TO {app} WITH CHECK (
    weefsel_mag_schrijven(gemeente_id) AND (SELECT weefsel_meldingen()));
CREATE POLICY melding_wijzigen ON melding FOR UPDATE TO {app} USING (
    weefsel_mag_schrijven(gemeente_id) AND (SELECT weefsel_meldingen()));

ALTER TABLE melding_opvolging ENABLE ROW LEVEL SECURITY;
CREATE POLICY melding_opvolging_lezen ON melding_opvolging FOR SELECT TO {app} USING (
    EXISTS (SELECT 1 FROM melding m WHERE m.id = melding_id));
CREATE POLICY melding_opvolging_toevoegen ON melding_opvolging FOR INSERT TO {app} WITH CHECK (
    weefsel_mag_schrijven(gemeente_id) AND EXISTS (SELECT 1 FROM melding m WHERE m.id = melding_id));

ALTER TABLE veiligheidsafspraak ENABLE ROW LEVEL SECURITY;
CREATE POLICY veiligheidsafspraak_lezen ON veiligheidsafspraak FOR SELECT TO {app} USING {lezen};
CREATE POLICY veiligheidsafspraak_toevoegen ON veiligheidsafspraak FOR INSERT TO {app} WITH CHECK (weefsel_mag_schrijven(gemeente_id));
CREATE POLICY veiligheidsafspraak_wijzigen ON veiligheidsafspraak FOR UPDATE TO {app} USING (weefsel_mag_schrijven(gemeente_id));
CREATE POLICY veiligheidsafspraak_verwijderen ON veiligheidsafspraak FOR DELETE TO {app} USING (weefsel_mag_schrijven(gemeente_id));

-- Check-ins: wie de persoonsgegevens van de persoon ziet (de leesregel daarvan).
ALTER TABLE sleutelpersoon_checkin ENABLE ROW LEVEL SECURITY;
CREATE POLICY sleutelpersoon_checkin_lezen ON sleutelpersoon_checkin FOR SELECT TO {app} USING (
    EXISTS (SELECT 1 FROM sleutelpersoon_gegevens g WHERE g.sleutelpersoon_id = sleutelpersoon_checkin.sleutelpersoon_id));
CREATE POLICY sleutelpersoon_checkin_toevoegen ON sleutelpersoon_checkin FOR INSERT TO {app} WITH CHECK (
    weefsel_mag_schrijven(gemeente_id)
    AND EXISTS (SELECT 1 FROM sleutelpersoon_gegevens g WHERE g.sleutelpersoon_id = sleutelpersoon_checkin.sleutelpersoon_id));
"#;

/// De veertien landelijke partners uit de handreiking (seed 000, §5.1) in de
/// regionale catalogus. Wat ze bieden en hoe ze te activeren zijn, vult de regio aan
/// zodra de afspraken er zijn; de handreiking werkt dat later uit.
const CATALOGUS: &str = r#"
INSERT INTO organisatie (id, gemeente_id, naam, soort, veld, categorie, niveau, capaciteiten, rollen, aanbod, activering)
SELECT gen_random_uuid(), NULL, naam, 'partner', veld, 'hulporganisaties', 'landelijk', capaciteiten, rollen, aanbod,
       'Via de veiligheidsregio (VRBN): maak in de koude fase afspraken over inzet, op- en afschaling.'
FROM (VALUES
    ('Rode Kruis', 'maatschappelijk_middenveld', ARRAY['handjes', 'hoofdjes', 'hulpmiddelen'], ARRAY['zorg', 'welzijn'],
     'Eerste hulp, noodopvang, psychosociale ondersteuning en informatie voor getroffenen.'),
    ('Leger des Heils', 'maatschappelijk_middenveld', ARRAY['handjes', 'hulpmiddelen'], ARRAY['welzijn'],
     'Opvang, maaltijden en nazorg voor kwetsbare inwoners.'),
    ('Voedselbank', 'maatschappelijk_middenveld', ARRAY['handjes', 'hulpmiddelen'], ARRAY['welzijn'],
     'Voedselpakketten en een distributienetwerk met vrijwilligers.'),
    ('Veteran Search', 'informele_netwerken', ARRAY['handjes'], ARRAY[]::text[],
     'Veteranen die helpen zoeken naar vermiste personen.'),
    ('NASAR', 'maatschappelijk_middenveld', ARRAY['handjes', 'hoofdjes'], ARRAY[]::text[],
     'Zoek- en reddingsteams met speurhonden.'),
    ('Burgerhulpverlening', 'informele_netwerken', ARRAY['handjes'], ARRAY['bewoners'],
     'Georganiseerde burgerhulpverleners voor eerste hulp in de buurt.'),
    ('Stichting Dieren en Rampen', 'maatschappelijk_middenveld', ARRAY['hoofdjes', 'handjes'], ARRAY[]::text[],
     'Kennis over en hulp bij de zorg voor dieren tijdens rampen en evacuaties.'),
    ('SARDOG NL', 'maatschappelijk_middenveld', ARRAY['handjes', 'hulpmiddelen'], ARRAY[]::text[],
     'Gecertificeerde zoekhonden voor vermiste personen.'),
    ('Nationale Zorgreserve', 'overheid_publieke_diensten', ARRAY['handjes', 'hoofdjes'], ARRAY['zorg'],
     'Oud-zorgprofessionals die bijspringen bij tekorten in de zorg.'),
    ('Nationaal Drone Team', 'maatschappelijk_middenveld', ARRAY['hulpmiddelen', 'hoofdjes'], ARRAY[]::text[],
     'Drones en piloten voor zoekacties en beeld van een gebied.'),
    ('Infra Capaciteit Alliance', 'markt_bedrijfsleven', ARRAY['hulpmiddelen', 'handjes'], ARRAY['ondernemers'],
     'Materieel en mensen uit de infrasector voor herstel en hulp.'),
    ('Digitaal Trustcentrum', 'markt_bedrijfsleven', ARRAY['hoofdjes'], ARRAY['ondernemers'],
     'Kennis en hulp bij digitale dreigingen en uitval voor ondernemers.'),
    ('Maritiem Centrum', 'markt_bedrijfsleven', ARRAY['hulpmiddelen', 'hoofdjes'], ARRAY[]::text[],
     'Maritieme kennis en vaartuigen, ook bij wateroverlast.'),
    ('Dierenambulance', 'maatschappelijk_middenveld', ARRAY['handjes', 'hulpmiddelen'], ARRAY[]::text[],
     'Vervoer en eerste hulp voor dieren.')
) AS p(naam, veld, capaciteiten, rollen, aanbod);
"#;

const DOWN: &str = r#"
DROP TABLE sleutelpersoon_checkin;
ALTER TABLE sleutelpersoon DROP COLUMN laatste_checkin;
DROP TABLE veiligheidsafspraak;
DROP TABLE melding_opvolging;
DROP TABLE melding;
DROP TABLE oefening;
DROP TABLE bijeenkomst;
DROP TABLE netwerk_partner;
DROP TABLE organisatie;
"#;

/// `weefsel_context_openen` zet voortaan ook `weefsel.meldingen` (coördinatoren,
/// beheerders van de gemeente en koppelingen met `meldingen.*`): de versie van
/// migratie 000011 met die regels erbij, voluit (een test vergelijkt haar met wat het
/// oude plakwerk op de tekst van 000011 maakte).
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
    PERFORM set_config('weefsel.meldingen', '', true);
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
        IF r.gemeente_id IS NOT NULL AND (r.rollen && ARRAY['coordinator', 'gemeente_beheerder']
               OR r.scopes && ARRAY['meldingen.lezen', 'meldingen.schrijven']) THEN
            PERFORM set_config('weefsel.meldingen', 'ja', true);
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

crate::sql_migratie!(
    [UP, CONTEXT, RLS, CATALOGUS],
    [
        DOWN,
        super::m20261124_000011_netwerken::CONTEXT,
        "DROP FUNCTION weefsel_meldingen();",
    ]
);
