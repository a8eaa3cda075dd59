//! Bladeren op wijziging (issue 38, punt 4): een integrator vraagt
//! `?gewijzigdSinds=…&sorteer=gewijzigdOp` op de lijsten die hij bijhoudt. Per gemeente op
//! `(updated_at, id)` geïndexeerd, zodat zo'n pagina een indexscan van de gewijzigde
//! rijen is in plaats van een sortering van alle rijen van de gemeente.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// De lijsten met een gemeente en een `updated_at` die een kopie bijhoudt.
const TABELLEN: [&str; 11] = [
    "gebied",
    "netwerk",
    "initiatief",
    "aanvraag",
    "bijeenkomst",
    "oefening",
    "melding",
    "organisatie",
    "sleutelpersoon",
    "traject",
    "budget",
];

struct Up;
struct Down;

impl crate::Sql for Up {
    fn sql(&self) -> String {
        TABELLEN
            .iter()
            .map(|t| {
                format!("CREATE INDEX {t}_gewijzigd_idx ON {t} (gemeente_id, updated_at, id);\n")
            })
            .collect()
    }
}

impl crate::Sql for Down {
    fn sql(&self) -> String {
        TABELLEN
            .iter()
            .map(|t| format!("DROP INDEX {t}_gewijzigd_idx;\n"))
            .collect()
    }
}

crate::sql_migratie!(Up, Down);
