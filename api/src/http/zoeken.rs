//! Zoeken in tekst (`?naam=`): deel van de tekst, hoofdletters maken niet uit, en de
//! zoektekst is letterlijk. `%` en `_` zijn tekens, geen jokers.

use sea_orm::IntoSimpleExpr;
use sea_orm::sea_query::Expr;

/// Het escapeteken in het LIKE-patroon.
const ESCAPE: char = '!';

/// `kolom ILIKE '%tekst%' ESCAPE '!'`, met de jokers in `tekst` ontsnapt. (Zelf
/// geschreven: sea-query 1.0 zet `ESCAPE` bij `ILIKE` binnen haakjes, wat PostgreSQL
/// niet aanneemt.)
pub fn bevat(kolom: impl IntoSimpleExpr, tekst: &str) -> Expr {
    Expr::cust_with_exprs(
        format!("$1 ILIKE $2 ESCAPE '{ESCAPE}'"),
        [
            kolom.into_simple_expr(),
            Expr::val(format!("%{}%", letterlijk(tekst))),
        ],
    )
}

/// De tekst als LIKE-patroon dat alleen zichzelf vindt.
fn letterlijk(tekst: &str) -> String {
    let mut patroon = String::with_capacity(tekst.len());
    for c in tekst.chars() {
        if matches!(c, '%' | '_' | ESCAPE) {
            patroon.push(ESCAPE);
        }
        patroon.push(c);
    }
    patroon
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wildcards_are_escaped() {
        assert_eq!(letterlijk("100%"), "100!%");
        assert_eq!(letterlijk("a_b!"), "a!_b!!");
        assert_eq!(letterlijk(r"back\slash"), r"back\slash");
    }

    #[test]
    fn the_condition_is_valid_postgresql() {
        use sea_orm::{DbBackend, EntityTrait, QueryFilter, QueryTrait};
        let sql = entity::gebied::Entity::find()
            .filter(bevat(entity::gebied::Column::Naam, "100%"))
            .build(DbBackend::Postgres);
        assert!(
            sql.sql
                .ends_with(r#"WHERE "gebied"."naam" ILIKE $1 ESCAPE '!'"#),
            "{}",
            sql.sql
        );
        assert_eq!(
            sql.values.map(|v| v.0),
            Some(vec![sea_orm::Value::from("%100!%%")])
        );
    }
}
