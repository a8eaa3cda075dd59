//! Externe referenties (issue 38, punt 3): een CRM legt bij een gebied, netwerk,
//! organisatie, initiatief, aanvraag of bijeenkomst het id van zijn eigen record vast
//! en vindt het terug met `?externeReferentie=`. 1–100 tekens uit `[A-Za-z0-9._:/-]`,
//! uniek per gemeente en soort (een gedeeltelijke unieke index, die de dienst als 409
//! `externe_referentie_bestaat` meldt); niet bij een rij van de regionale catalogus.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const TABELLEN: [&str; 6] = [
    "gebied",
    "netwerk",
    "organisatie",
    "initiatief",
    "aanvraag",
    "bijeenkomst",
];

struct Up;
struct Down;

impl crate::Sql for Up {
    fn sql(&self) -> String {
        let mut sql: String = TABELLEN
            .iter()
            .map(|t| {
                format!(
                    "ALTER TABLE {t} ADD COLUMN externe_referentie text \
                     CONSTRAINT {t}_externe_referentie_vorm CHECK (externe_referentie ~ '^[A-Za-z0-9._:/-]{{1,100}}$');\n\
                     CREATE UNIQUE INDEX {t}_externe_referentie ON {t} (gemeente_id, externe_referentie) \
                     WHERE externe_referentie IS NOT NULL;\n\
                     COMMENT ON COLUMN {t}.externe_referentie IS 'Het id van dit record in een ander systeem van de gemeente; nooit een BSN, naam of e-mailadres';\n"
                )
            })
            .collect();
        sql.push_str(
            "ALTER TABLE organisatie ADD CONSTRAINT organisatie_externe_referentie_gemeente \
             CHECK (externe_referentie IS NULL OR gemeente_id IS NOT NULL);\n",
        );
        sql
    }
}

impl crate::Sql for Down {
    fn sql(&self) -> String {
        TABELLEN
            .iter()
            .map(|t| format!("ALTER TABLE {t} DROP COLUMN externe_referentie;\n"))
            .collect()
    }
}

crate::sql_migratie!(Up, Down);
