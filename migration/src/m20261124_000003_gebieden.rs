//! Gebieden met hun indicatormetingen (het DNA-kwadrant) en de trajecten
//! (stappenplannen) die erin lopen.
//!
//! Elke tabel heeft `gemeente_id`; verwijzingen tussen gemeentelijke rijen lopen
//! via (id, gemeente_id), zodat de database zelf afdwingt dat een buurt, meting of
//! traject bij hetzelfde gebied van dezelfde gemeente hoort. Row-level security:
//! lezen volgens `weefsel_mag_lezen`, schrijven alleen voor de eigen gemeente
//! (`weefsel_mag_schrijven`), nooit voor de regio.

use sea_orm_migration::prelude::*;

use crate::APP_ROLE;

#[derive(DeriveMigrationName)]
pub struct Migration;

const UP: &str = r#"
ALTER TABLE gemeente ADD COLUMN grootte_drempel integer NOT NULL DEFAULT 5000
    CHECK (grootte_drempel > 0);
COMMENT ON COLUMN gemeente.grootte_drempel IS 'Vanaf dit inwonertal is een gebied groot (DNA-kwadrant)';
ALTER TABLE gebruiker ADD CONSTRAINT gebruiker_id_gemeente_key UNIQUE (id, gemeente_id);

CREATE TABLE gebied (
    id                     uuid        PRIMARY KEY,
    gemeente_id            uuid        NOT NULL REFERENCES gemeente (id),
    naam                   text        NOT NULL CHECK (length(naam) BETWEEN 1 AND 200),
    soort                  text        NOT NULL CHECK (soort IN ('wijk', 'buurt', 'dorp', 'kern', 'gebied')),
    cbs_code               text        CHECK (cbs_code ~ '^(WK[0-9]{6}|BU[0-9]{8})$'),
    inwonertal             integer     CHECK (inwonertal >= 0),
    grootteklasse          text        CHECK (grootteklasse IN ('klein', 'groot')),
    bovenliggend_gebied_id uuid,
    handmatig              jsonb,
    version                integer     NOT NULL DEFAULT 1,
    created_at             timestamptz NOT NULL DEFAULT now(),
    updated_at             timestamptz NOT NULL DEFAULT now(),
    UNIQUE (id, gemeente_id),
    UNIQUE (gemeente_id, cbs_code),
    CHECK (bovenliggend_gebied_id <> id),
    FOREIGN KEY (bovenliggend_gebied_id, gemeente_id) REFERENCES gebied (id, gemeente_id)
);
CREATE INDEX gebied_bovenliggend_idx ON gebied (bovenliggend_gebied_id, gemeente_id);
COMMENT ON TABLE gebied IS 'Wijk, buurt, dorp, kern of ander gebied van een gemeente';

CREATE TABLE indicatormeting (
    id                                 uuid        PRIMARY KEY,
    gemeente_id                        uuid        NOT NULL,
    gebied_id                          uuid        NOT NULL,
    peildatum                          date        NOT NULL,
    bron                               text        NOT NULL CHECK (length(bron) BETWEEN 1 AND 500),
    burgerinitiatieven_per_1000        double precision CHECK (burgerinitiatieven_per_1000 BETWEEN 0 AND 1000),
    vrijwilligerswerk_percentage       double precision CHECK (vrijwilligerswerk_percentage BETWEEN 0 AND 100),
    verenigingslidmaatschap_percentage double precision CHECK (verenigingslidmaatschap_percentage BETWEEN 0 AND 100),
    buurthuisbezoek_per_1000           double precision CHECK (buurthuisbezoek_per_1000 >= 0),
    verkiezingsopkomst_percentage      double precision CHECK (verkiezingsopkomst_percentage BETWEEN 0 AND 100),
    overlastregistraties_per_1000      double precision CHECK (overlastregistraties_per_1000 >= 0),
    leefbaarometer                     double precision CHECK (leefbaarometer BETWEEN 1 AND 9),
    inwoners_kennen_elkaar             boolean,
    groeten_elkaar_op_straat           boolean,
    grootste_deel_geboren_en_getogen   boolean,
    weten_waar_kwetsbaren_zijn         boolean,
    kennen_en_spreken_buren            boolean,
    buurtfeesten                       boolean,
    wonen_en_werken_in_zelfde_gebied   boolean,
    created_at                         timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (gebied_id, gemeente_id) REFERENCES gebied (id, gemeente_id) ON DELETE CASCADE
);
CREATE INDEX indicatormeting_gebied_idx ON indicatormeting (gebied_id, gemeente_id, peildatum DESC, created_at DESC);
COMMENT ON TABLE indicatormeting IS 'Gedateerde meting van de DNA-indicatoren van een gebied; de laatste telt';

CREATE TABLE traject (
    id                   uuid        PRIMARY KEY,
    gemeente_id          uuid        NOT NULL,
    gebied_id            uuid        NOT NULL,
    aanpak               text        NOT NULL CHECK (aanpak IN ('coordinerend', 'coachend', 'weerbaarheid')),
    naam                 text        CHECK (length(naam) BETWEEN 1 AND 200),
    status               text        NOT NULL DEFAULT 'lopend' CHECK (status IN ('lopend', 'afgerond', 'gestopt')),
    voorgestelde_aanpak  text[]      NOT NULL DEFAULT '{}',
    besluit              text        CHECK (besluit IN ('go', 'no_go')),
    besluit_reden        text        CHECK (length(besluit_reden) BETWEEN 1 AND 2000),
    besluit_datum        date,
    besluit_door         uuid,
    wijkverbinder_id     uuid,
    gemeenteverbinder_id uuid,
    version              integer     NOT NULL DEFAULT 1,
    created_at           timestamptz NOT NULL DEFAULT now(),
    updated_at           timestamptz NOT NULL DEFAULT now(),
    UNIQUE (id, gemeente_id),
    CHECK (aanpak = 'weerbaarheid'
           OR (besluit IS NULL AND wijkverbinder_id IS NULL AND gemeenteverbinder_id IS NULL)),
    CHECK ((besluit IS NULL) = (besluit_reden IS NULL) AND (besluit IS NULL) = (besluit_datum IS NULL)),
    FOREIGN KEY (gebied_id, gemeente_id) REFERENCES gebied (id, gemeente_id),
    FOREIGN KEY (wijkverbinder_id, gemeente_id) REFERENCES gebruiker (id, gemeente_id),
    FOREIGN KEY (gemeenteverbinder_id, gemeente_id) REFERENCES gebruiker (id, gemeente_id)
);
CREATE INDEX traject_gebied_idx ON traject (gebied_id, gemeente_id);
CREATE INDEX traject_wijkverbinder_idx ON traject (wijkverbinder_id, gemeente_id);
CREATE INDEX traject_gemeenteverbinder_idx ON traject (gemeenteverbinder_id, gemeente_id);
COMMENT ON TABLE traject IS 'Stappenplan (coordinerend, coachend of weerbaarheid) in een gebied';

CREATE TABLE traject_stap (
    traject_id  uuid        NOT NULL,
    gemeente_id uuid        NOT NULL,
    nummer      smallint    NOT NULL CHECK (nummer BETWEEN 0 AND 12),
    status      text        NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'bezig', 'afgerond', 'overgeslagen')),
    gestart_op  date,
    afgerond_op date,
    notities    text        CHECK (length(notities) <= 10000),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (traject_id, nummer),
    CHECK (afgerond_op IS NULL OR gestart_op IS NULL OR afgerond_op >= gestart_op),
    FOREIGN KEY (traject_id, gemeente_id) REFERENCES traject (id, gemeente_id) ON DELETE CASCADE
);
CREATE INDEX traject_stap_traject_idx ON traject_stap (traject_id, gemeente_id);

GRANT SELECT, INSERT, UPDATE, DELETE ON gebied TO {app};
GRANT SELECT, INSERT ON indicatormeting TO {app};
GRANT SELECT, INSERT, UPDATE ON traject, traject_stap TO {app};
"#;

const DOWN: &str = r#"
DROP TABLE traject_stap;
DROP TABLE traject;
DROP TABLE indicatormeting;
DROP TABLE gebied;
ALTER TABLE gebruiker DROP CONSTRAINT gebruiker_id_gemeente_key;
ALTER TABLE gemeente DROP COLUMN grootte_drempel;
"#;

/// Row-level security voor een gemeentelijke tabel: lezen zoals de context toestaat,
/// schrijven alleen in de eigen gemeente.
fn rls(table: &str, delete: bool) -> String {
    let mut sql = format!(
        "ALTER TABLE {table} ENABLE ROW LEVEL SECURITY;
         CREATE POLICY {table}_lezen ON {table} FOR SELECT TO {{app}}
             USING (weefsel_mag_lezen(gemeente_id));
         CREATE POLICY {table}_toevoegen ON {table} FOR INSERT TO {{app}}
             WITH CHECK (weefsel_mag_schrijven(gemeente_id));
         CREATE POLICY {table}_wijzigen ON {table} FOR UPDATE TO {{app}}
             USING (weefsel_mag_schrijven(gemeente_id)) WITH CHECK (weefsel_mag_schrijven(gemeente_id));"
    );
    if delete {
        sql.push_str(&format!(
            "CREATE POLICY {table}_verwijderen ON {table} FOR DELETE TO {{app}}
                 USING (weefsel_mag_schrijven(gemeente_id));"
        ));
    }
    sql
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let mut sql = UP.to_owned();
        for (table, delete) in [
            ("gebied", true),
            ("indicatormeting", false),
            ("traject", false),
            ("traject_stap", false),
        ] {
            sql.push_str(&rls(table, delete));
        }
        manager
            .get_connection()
            .execute_unprepared(&sql.replace("{app}", APP_ROLE))
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.get_connection().execute_unprepared(DOWN).await?;
        Ok(())
    }
}
