//! Row-level security die per query rekent, niet per rij (issue 11).
//!
//! De leesregels waren `weefsel_mag_lezen(gemeente_id)`: per rij twee keer
//! `current_setting` en een tekst→uuid. Bij de regio, die alle 6 600 gebieden telt,
//! was dat 1,5 ms van een verzoek. Met de instellingen in een subquery rekent
//! PostgreSQL ze één keer per query uit (een InitPlan); per rij blijft een
//! uuid-vergelijking of een constante over, en het filter op de eigen gemeente kan
//! de index gebruiken. Telling regio op schaal 10: 1,5 → 0,6 ms; coördinator 0,21 →
//! 0,07 ms. Wat een rij mag, verandert niet.
//!
//! Nieuwe tabellen gebruiken [`crate::MAG_LEZEN`]; een test weigert een leesregel
//! die nog per rij rekent.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// Vervangt in elke leesregel `van` door `naar` (de tekst zoals `pg_policies` hem geeft).
fn vervang(van: &str, naar: &str) -> String {
    format!(
        r#"
DO $$
DECLARE
    p record;
BEGIN
    FOR p IN SELECT schemaname, tablename, policyname, qual FROM pg_policies
             WHERE schemaname = 'public' AND cmd = 'SELECT' AND strpos(qual, $v${van}$v$) > 0
    LOOP
        EXECUTE format('ALTER POLICY %I ON %I.%I USING (%s)', p.policyname, p.schemaname,
                       p.tablename, replace(p.qual, $v${van}$v$, $v${naar}$v$));
    END LOOP;
END $$;
"#
    )
}

const PER_RIJ_LEZEN: &str = "weefsel_mag_lezen(gemeente_id)";
const PER_RIJ_AUTHENTICATIE: &str = "weefsel_authenticatie()";
const EENMAAL_AUTHENTICATIE: &str = "( SELECT weefsel_authenticatie() AS weefsel_authenticatie)";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        db.execute_unprepared(&vervang(PER_RIJ_AUTHENTICATIE, EENMAAL_AUTHENTICATIE))
            .await?;
        db.execute_unprepared(&vervang(PER_RIJ_LEZEN, crate::MAG_LEZEN))
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        // PostgreSQL slaat `MAG_LEZEN` letterlijk zo op, maar in een regel met meer
        // termen (zoals `gebruiker_lezen`) zonder de buitenste haakjes: die vorm zoeken.
        let eenmaal = crate::MAG_LEZEN
            .strip_prefix('(')
            .and_then(|q| q.strip_suffix(')'))
            .unwrap_or(crate::MAG_LEZEN);
        db.execute_unprepared(&vervang(eenmaal, PER_RIJ_LEZEN))
            .await?;
        db.execute_unprepared(&vervang(EENMAAL_AUTHENTICATIE, PER_RIJ_AUTHENTICATIE))
            .await?;
        Ok(())
    }
}
