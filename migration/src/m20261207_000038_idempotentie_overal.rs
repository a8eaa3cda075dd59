//! `Idempotency-Key` op elke `POST` die iets maakt of doet (issue 38, punt 2). Een
//! antwoord met velden die niet iedereen ziet (vrije tekst, persoonsgegevens), of met
//! een geheim, wordt niet meer bewaard: alleen status, `Location` en `ETag`, en
//! - `herlezen`: het pad waarvan een herhaling de resource opnieuw leest, met de
//!   rechten die de aanroeper dán heeft;
//! - `geheim`: het antwoord had een geheim (een client secret, een activeringscode);
//!   een herhaling is 409 `al_aangemaakt` met de `Location`, nooit het geheim.
//!
//! Wordt een sleutelpersoon geanonimiseerd, dan vergeet de store elk antwoord dat naar
//! haar verwijst (haar id in de body, `Location` of het herleespad): zo'n herhaling is
//! daarna 409 `al_aangemaakt` zonder `Location`. Een trigger, zodat elke weg naar
//! anonimiseren (het endpoint, de retentie) het doet, over alle aanroepers heen.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

struct Up;
struct Down;

impl crate::Sql for Up {
    fn sql(&self) -> String {
        "ALTER TABLE idempotentie ADD COLUMN herlezen text, \
             ADD COLUMN geheim boolean NOT NULL DEFAULT false, \
             ADD CONSTRAINT idempotentie_een_vorm CHECK (NOT (body IS NOT NULL AND (herlezen IS NOT NULL OR geheim)));\n\
         COMMENT ON COLUMN idempotentie.herlezen IS 'Het pad dat een herhaling opnieuw leest (het antwoord zelf is niet bewaard)';\n\
         COMMENT ON COLUMN idempotentie.geheim IS 'Het antwoord had een geheim: een herhaling is 409 al_aangemaakt';\n"
            .to_owned()
            + VERGETEN
    }
}

impl crate::Sql for Down {
    fn sql(&self) -> String {
        "DROP TRIGGER sleutelpersoon_idempotentie_vergeten ON sleutelpersoon;\n\
         DROP FUNCTION weefsel_idempotentie_vergeten();\n\
         ALTER TABLE idempotentie DROP COLUMN herlezen, DROP COLUMN geheim;\n"
            .to_owned()
    }
}

const VERGETEN: &str = r#"
CREATE FUNCTION weefsel_idempotentie_vergeten() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $f$
BEGIN
    UPDATE idempotentie
       SET body = NULL, locatie = NULL, etag = NULL, herlezen = NULL, geheim = true
     WHERE strpos(concat_ws(' ', body, locatie, herlezen), NEW.id::text) > 0;
    RETURN NULL;
END
$f$;
REVOKE ALL ON FUNCTION weefsel_idempotentie_vergeten() FROM PUBLIC;
CREATE TRIGGER sleutelpersoon_idempotentie_vergeten
    AFTER UPDATE OF geanonimiseerd_op ON sleutelpersoon
    FOR EACH ROW WHEN (OLD.geanonimiseerd_op IS NULL AND NEW.geanonimiseerd_op IS NOT NULL)
    EXECUTE FUNCTION weefsel_idempotentie_vergeten();
"#;

crate::sql_migratie!(Up, Down);
