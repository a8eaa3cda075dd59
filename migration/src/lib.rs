//! Databasemigraties van Weefsel (alleen PostgreSQL).
//!
//! Migraties zijn in productie alleen vooruit; in de tests gaan ze up → down → up
//! en moet het schema daarna hetzelfde zijn. Ze zijn in SQL geschreven omdat
//! Weefsel PostgreSQL-specifieke middelen gebruikt (row-level security, triggers).

pub use sea_orm_migration::prelude::*;

pub mod gemeenten;

/// De SQL van een migratie: één tekst, of delen na elkaar (bv. een `down` die de
/// definitie van een functie uit een eerdere migratie herstelt met de constante van die
/// migratie, in plaats van een kopie van haar tekst).
pub(crate) trait Sql {
    fn sql(&self) -> String;
}

impl Sql for &str {
    fn sql(&self) -> String {
        (*self).to_owned()
    }
}

impl Sql for String {
    fn sql(&self) -> String {
        self.clone()
    }
}

impl<const N: usize> Sql for [&str; N] {
    fn sql(&self) -> String {
        self.concat()
    }
}

/// De `MigrationTrait` van een migratie in SQL: `$up` en `$down` ([`Sql`]: een tekst of
/// delen), met `{lezen}` vervangen door [`MAG_LEZEN`], `{app}` door [`APP_ROLE`] en
/// `{auth}` door [`AUTH_ROLE`].
macro_rules! sql_migratie {
    ($up:expr, $down:expr) => {
        #[async_trait::async_trait]
        impl MigrationTrait for Migration {
            async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
                let sql = $crate::Sql::sql(&$up)
                    .replace("{lezen}", $crate::MAG_LEZEN)
                    .replace("{app}", $crate::APP_ROLE)
                    .replace("{auth}", $crate::AUTH_ROLE);
                manager.get_connection().execute_unprepared(&sql).await?;
                Ok(())
            }

            async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
                let sql = $crate::Sql::sql(&$down)
                    .replace("{lezen}", $crate::MAG_LEZEN)
                    .replace("{app}", $crate::APP_ROLE)
                    .replace("{auth}", $crate::AUTH_ROLE);
                manager.get_connection().execute_unprepared(&sql).await?;
                Ok(())
            }
        }
    };
}
pub(crate) use sql_migratie;
mod m20261124_000001_gemeente;
mod m20261124_000002_identiteit;
mod m20261124_000003_gebieden;
mod m20261124_000004_toegang;
mod m20261124_000005_dna;
mod m20261124_000006_beslismoment;
mod m20261124_000007_dna_opgeslagen;
mod m20261124_000008_context;
mod m20261124_000009_rls_eenmaal;
mod m20261124_000010_gebied_telling;
mod m20261124_000011_netwerken;
mod m20261124_000012_initiatieven;
mod m20261124_000013_budgetten;
mod m20261125_000014_netwerkpraktijk;
mod m20261125_000015_dashboard;
mod m20261125_000016_grenzen;
mod m20261206_000017_gemeente_beheert;
mod m20261206_000018_per_persoon;
mod m20261207_000019_verwerking_per_verzoek;
mod m20261207_000020_anonimiseren_schoont;
mod m20261207_000021_muren;
mod m20261207_000022_audit_sleutel;
mod m20261207_000023_grondslag;
mod m20261207_000024_bezwaar;
mod m20261207_000025_vandaag;
mod m20261207_000026_leidraad;
mod m20261207_000027_evaluatie;
mod m20261207_000028_bijeenkomst_stap;
mod m20261207_000029_aanpakwissel;
mod m20261207_000030_dna_basis;
mod m20261207_000031_netwerk_contact;
mod m20261207_000032_werklijst;
mod m20261207_000033_catalogus_bron;
mod m20261207_000034_crisisbeeld;
mod m20261207_000035_token_scopes;
mod m20261207_000036_wijzigingen;
mod m20261207_000037_externe_referentie;
mod m20261207_000038_idempotentie_overal;
mod m20261207_000039_gewijzigd_index;

/// De databaserol waarmee de dienst werkt. Ze bezit geen tabellen, heeft alleen de
/// rechten die de migraties haar geven en valt onder row-level security.
pub const APP_ROLE: &str = "weefsel_app";

/// De databaserol van het token- en wachtwoordendpoint: de enige die de hashes van
/// wachtwoorden en client secrets en de lock-outtabel leest (migratie 000021). LOGIN,
/// zodat een installatie haar een eigen wachtwoord en verbinding kan geven
/// (`WEEFSEL_AUTH_DATABASE_URL`).
pub const AUTH_ROLE: &str = "weefsel_auth";

/// De leesregel van een gemeentelijke tabel (kolom `gemeente_id`): de eigen gemeente,
/// of elke gemeente in een regionale leescontext. De instellingen staan in een
/// subquery, zodat PostgreSQL ze één keer per query uitrekent en niet per rij
/// (migratie 000009). Voor `CREATE POLICY ... FOR SELECT ... USING (...)`.
pub const MAG_LEZEN: &str = "((gemeente_id = ( SELECT weefsel_gemeente() AS weefsel_gemeente)) \
OR ( SELECT (weefsel_regio() = ANY (ARRAY['lezen'::text, 'beheer'::text]))))";

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261124_000001_gemeente::Migration),
            Box::new(m20261124_000002_identiteit::Migration),
            Box::new(m20261124_000003_gebieden::Migration),
            Box::new(m20261124_000004_toegang::Migration),
            Box::new(m20261124_000005_dna::Migration),
            Box::new(m20261124_000006_beslismoment::Migration),
            Box::new(m20261124_000007_dna_opgeslagen::Migration),
            Box::new(m20261124_000008_context::Migration),
            Box::new(m20261124_000009_rls_eenmaal::Migration),
            Box::new(m20261124_000010_gebied_telling::Migration),
            Box::new(m20261124_000011_netwerken::Migration),
            Box::new(m20261124_000012_initiatieven::Migration),
            Box::new(m20261124_000013_budgetten::Migration),
            Box::new(m20261125_000014_netwerkpraktijk::Migration),
            Box::new(m20261125_000015_dashboard::Migration),
            Box::new(m20261125_000016_grenzen::Migration),
            Box::new(m20261206_000017_gemeente_beheert::Migration),
            Box::new(m20261206_000018_per_persoon::Migration),
            Box::new(m20261207_000019_verwerking_per_verzoek::Migration),
            Box::new(m20261207_000020_anonimiseren_schoont::Migration),
            Box::new(m20261207_000021_muren::Migration),
            Box::new(m20261207_000022_audit_sleutel::Migration),
            Box::new(m20261207_000023_grondslag::Migration),
            Box::new(m20261207_000024_bezwaar::Migration),
            Box::new(m20261207_000025_vandaag::Migration),
            Box::new(m20261207_000026_leidraad::Migration),
            Box::new(m20261207_000027_evaluatie::Migration),
            Box::new(m20261207_000028_bijeenkomst_stap::Migration),
            Box::new(m20261207_000029_aanpakwissel::Migration),
            Box::new(m20261207_000030_dna_basis::Migration),
            Box::new(m20261207_000031_netwerk_contact::Migration),
            Box::new(m20261207_000032_werklijst::Migration),
            Box::new(m20261207_000033_catalogus_bron::Migration),
            Box::new(m20261207_000034_crisisbeeld::Migration),
            Box::new(m20261207_000035_token_scopes::Migration),
            Box::new(m20261207_000036_wijzigingen::Migration),
            Box::new(m20261207_000037_externe_referentie::Migration),
            Box::new(m20261207_000038_idempotentie_overal::Migration),
            Box::new(m20261207_000039_gewijzigd_index::Migration),
        ]
    }
}

#[cfg(test)]
mod plakwerk_000014 {
    /// Wat migratie 000014 vroeger uitvoerde (issue 33 schreef haar functie voluit): de tekst van 000011 met twee stukken
    /// erin geplakt.
    fn geplakt() -> String {
        let basis = crate::m20261124_000011_netwerken::CONTEXT;
        let wissen = "    PERFORM set_config('weefsel.persoonsgegevens', '', true);\n";
        let zetten = "        IF p_soort = 'koppeling' THEN\n";
        basis
            .replacen(
                wissen,
                &format!("{wissen}    PERFORM set_config('weefsel.meldingen', '', true);\n"),
                1,
            )
            .replacen(
                zetten,
                &format!(
                    "        IF r.gemeente_id IS NOT NULL AND (r.rollen && ARRAY['coordinator', 'gemeente_beheerder']\n               OR r.scopes && ARRAY['meldingen.lezen', 'meldingen.schrijven']) THEN\n            PERFORM set_config('weefsel.meldingen', 'ja', true);\n        END IF;\n{zetten}"
                ),
                1,
            )
    }

    /// Databases die 000014 al uitvoerden, hebben precies deze functie.
    #[test]
    fn de_functie_voluit_is_wat_het_plakwerk_maakte() {
        assert_eq!(crate::m20261125_000014_netwerkpraktijk::CONTEXT, geplakt());
    }
}
