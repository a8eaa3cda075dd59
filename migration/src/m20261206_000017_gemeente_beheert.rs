//! De gemeente beheert elke toegang die in haar werkt (issue 29, T1).
//!
//! - `gebruiker.wachtwoord_geldig_tot`: een activeringscode (het eerste account van
//!   een gemeente, door de regio of `weefsel beheerder --gemeente`) geldt 72 uur; een
//!   gewoon (tijdelijk) wachtwoord heeft geen einde (`NULL`).
//! - `gebruiker.aangemaakt_door`, `gebruiker.wachtwoord_gezet_door`: wie het account
//!   maakte en welk ander account het laatst een wachtwoord gaf (een eigen keuze
//!   daarna wist dat niet: wie het tijdelijke wachtwoord kende, kon het zelf
//!   inwisselen; `NULL` voor de dienst). Nodig voor het vier-ogenprincipe per persoon: wie een
//!   aanvraag indiende, besluit niet via een account dat hij zelf maakte of een
//!   wachtwoord gaf.
//! - `koppeling.beheerd_door`: iedereen die de koppeling maakte, haar scopes wijzigde
//!   of haar secret vernieuwde; die besluit niet op wat de koppeling indiende.
//! - Row-level security: koppelingen schrijft alleen de eigen gemeente, nooit de
//!   regio; gemeentelijke accounts ook, behalve dat de regio het eerste account van
//!   een gemeente toevoegt (alleen de rol `gemeente_beheerder`, met een tijdelijke
//!   code). Regionale accounts blijven van de `regio_beheerder`; elk account wijzigt
//!   zijn eigen rij (een eigen wachtwoord), maar een trigger weigert de eigen rollen.
//! - Bij het migreren drukt de migratie elk account af dat `budgethouder` en
//!   `gemeente_beheerder` combineert: de dienst weigert zo'n combinatie bij nieuwe
//!   rollen en bij elk besluit; de gemeente moet ze splitsen.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend, Statement};

#[derive(DeriveMigrationName)]
pub struct Migration;

const UP: &str = r#"
ALTER TABLE gebruiker
    ADD COLUMN wachtwoord_geldig_tot timestamptz,
    ADD COLUMN aangemaakt_door       uuid,
    ADD COLUMN wachtwoord_gezet_door uuid;
COMMENT ON COLUMN gebruiker.wachtwoord_geldig_tot IS 'Einde van een activeringscode (72 uur); NULL voor een gewoon wachtwoord';
COMMENT ON COLUMN gebruiker.aangemaakt_door IS 'Het account (gebruiker of koppeling) dat dit account aanmaakte; NULL: de dienst';
COMMENT ON COLUMN gebruiker.wachtwoord_gezet_door IS 'Het andere account dat het laatst een wachtwoord of code gaf (wie het tijdelijke kende, kon het zelf inwisselen); NULL: niemand of de dienst';

ALTER TABLE koppeling
    ADD COLUMN beheerd_door uuid[] NOT NULL DEFAULT '{}';
COMMENT ON COLUMN koppeling.beheerd_door IS 'Wie de koppeling maakte, haar scopes wijzigde of haar secret vernieuwde (vier ogen bij besluiten)';

DROP POLICY koppeling_toevoegen ON koppeling;
DROP POLICY koppeling_wijzigen ON koppeling;
CREATE POLICY koppeling_toevoegen ON koppeling FOR INSERT TO {app}
    WITH CHECK (weefsel_mag_schrijven(gemeente_id));
CREATE POLICY koppeling_wijzigen ON koppeling FOR UPDATE TO {app}
    USING (weefsel_mag_schrijven(gemeente_id)) WITH CHECK (weefsel_mag_schrijven(gemeente_id));

DROP POLICY gebruiker_toevoegen ON gebruiker;
DROP POLICY gebruiker_wijzigen ON gebruiker;
CREATE POLICY gebruiker_toevoegen ON gebruiker FOR INSERT TO {app}
    WITH CHECK (weefsel_mag_schrijven(gemeente_id)
                OR (weefsel_regio() = 'beheer'
                    AND (gemeente_id IS NULL
                         OR (rollen = ARRAY['gemeente_beheerder'] AND wachtwoord_tijdelijk
                             AND wachtwoord_geldig_tot IS NOT NULL AND extern_id IS NULL))));
-- Ook het eigen account (een eigen wachtwoord kiezen, ook voor een regionale gebruiker
-- zonder beheerrol); de eigen rollen wijzigt niemand (trigger hieronder).
CREATE POLICY gebruiker_wijzigen ON gebruiker FOR UPDATE TO {app}
    USING (weefsel_mag_schrijven(gemeente_id) OR (weefsel_regio() = 'beheer' AND gemeente_id IS NULL)
           OR id = weefsel_gebruiker())
    WITH CHECK (weefsel_mag_schrijven(gemeente_id) OR (weefsel_regio() = 'beheer' AND gemeente_id IS NULL)
                OR id = weefsel_gebruiker());

-- De regel in de audit trail bij een eigen wachtwoord van een regionale gebruiker.
DROP POLICY audit_trail_toevoegen ON audit_trail;
CREATE POLICY audit_trail_toevoegen ON audit_trail FOR INSERT TO {app}
    WITH CHECK (weefsel_mag_beheren(gemeente_id)
                OR (gemeente_id IS NULL AND resource = 'gebruiker'
                    AND resource_id = weefsel_gebruiker()::text));

-- Niemand wijzigt zijn eigen rollen, ook niet buiten de dienst om.
CREATE FUNCTION gebruiker_eigen_rollen() RETURNS trigger
    LANGUAGE plpgsql SET search_path = pg_catalog, public AS $f$
BEGIN
    IF NEW.id = weefsel_gebruiker() AND NEW.rollen IS DISTINCT FROM OLD.rollen THEN
        RAISE EXCEPTION 'niemand wijzigt zijn eigen rollen' USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END
$f$;
CREATE TRIGGER gebruiker_eigen_rollen BEFORE UPDATE OF rollen ON gebruiker
    FOR EACH ROW EXECUTE FUNCTION gebruiker_eigen_rollen();

-- Het dashboard telt voor een gemeentelijke aanroeper alleen de meldingen die hij zelf
-- mag lezen (dezelfde regel als de leesregel van melding): geen meldingen voor wie
-- ze niet leest, en geen meldingen over een persoon met verhoogd risico voor wie niet
-- bij de genoemde ambtenaren hoort. De regio telt alles, alleen als aantal.
CREATE OR REPLACE FUNCTION weefsel_dashboard_meldingen(p_gemeenten uuid[])
RETURNS TABLE (gemeente_id uuid, ernst text, aantal bigint)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $f$
    SELECT m.gemeente_id, m.ernst, count(*) FROM melding m
    WHERE m.status <> 'afgesloten'
      AND (weefsel_regio() IN ('lezen', 'beheer')
           OR (m.gemeente_id = weefsel_gemeente() AND weefsel_meldingen()
               AND (m.sleutelpersoon_id IS NULL OR m.behandelaar_id = weefsel_gebruiker()
                    OR NOT EXISTS (SELECT 1 FROM sleutelpersoon s
                                   WHERE s.id = m.sleutelpersoon_id AND s.verhoogd_risico
                                     AND NOT coalesce(weefsel_gebruiker() = ANY (s.zichtbaar_voor), false)))))
      AND (p_gemeenten IS NULL OR m.gemeente_id = ANY (p_gemeenten))
    GROUP BY m.gemeente_id, m.ernst
$f$;
"#;

const DOWN: &str = r#"
DROP POLICY audit_trail_toevoegen ON audit_trail;
CREATE POLICY audit_trail_toevoegen ON audit_trail FOR INSERT TO {app}
    WITH CHECK (weefsel_mag_beheren(gemeente_id));
DROP TRIGGER gebruiker_eigen_rollen ON gebruiker;
DROP FUNCTION gebruiker_eigen_rollen();
"#;

const DOWN_NA: &str = r#"DROP POLICY gebruiker_toevoegen ON gebruiker;
DROP POLICY gebruiker_wijzigen ON gebruiker;
CREATE POLICY gebruiker_toevoegen ON gebruiker FOR INSERT TO {app}
    WITH CHECK (weefsel_mag_beheren(gemeente_id));
CREATE POLICY gebruiker_wijzigen ON gebruiker FOR UPDATE TO {app}
    USING (weefsel_mag_beheren(gemeente_id)) WITH CHECK (weefsel_mag_beheren(gemeente_id));
DROP POLICY koppeling_toevoegen ON koppeling;
DROP POLICY koppeling_wijzigen ON koppeling;
CREATE POLICY koppeling_toevoegen ON koppeling FOR INSERT TO {app}
    WITH CHECK (weefsel_mag_beheren(gemeente_id));
CREATE POLICY koppeling_wijzigen ON koppeling FOR UPDATE TO {app}
    USING (weefsel_mag_beheren(gemeente_id)) WITH CHECK (weefsel_mag_beheren(gemeente_id));
ALTER TABLE koppeling DROP COLUMN beheerd_door;
ALTER TABLE gebruiker
    DROP COLUMN wachtwoord_gezet_door,
    DROP COLUMN aangemaakt_door,
    DROP COLUMN wachtwoord_geldig_tot;
"#;

/// Terug, met `weefsel_dashboard_meldingen` zoals migratie 15 haar liet.
const DOWN_DELEN: [&str; 3] = [
    DOWN,
    crate::m20261125_000015_dashboard::WEEFSEL_DASHBOARD_MELDINGEN,
    DOWN_NA,
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        db.execute_unprepared(&UP.replace("{app}", crate::APP_ROLE))
            .await?;
        // Accounts die budgethouder en gemeente_beheerder combineren: de gemeente
        // splitst ze; tot dan weigert de dienst hun besluiten (vier ogen per persoon).
        let rijen = db
            .query_all_raw(Statement::from_string(
                DbBackend::Postgres,
                "SELECT gm.code || ' ' || g.gebruikersnaam FROM gebruiker g \
                 JOIN gemeente gm ON gm.id = g.gemeente_id \
                 WHERE g.rollen @> ARRAY['budgethouder', 'gemeente_beheerder'] \
                 ORDER BY gm.code, g.gebruikersnaam",
            ))
            .await?;
        for rij in rijen {
            let account: String = rij.try_get_by_index(0)?;
            eprintln!(
                "let op: {account} is budgethouder en gemeente_beheerder tegelijk; \
                 splits de rollen (besluiten van dit account worden geweigerd)"
            );
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .get_connection()
            .execute_unprepared(&crate::Sql::sql(&DOWN_DELEN).replace("{app}", crate::APP_ROLE))
            .await?;
        Ok(())
    }
}
