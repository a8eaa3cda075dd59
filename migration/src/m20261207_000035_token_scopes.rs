//! Een token van een koppeling dat tot een deel van haar scopes beperkt is (issue 38,
//! punt 5): `weefsel_context_openen` krijgt een zesde parameter, de scopes van het
//! token (`NULL`: alle scopes van de koppeling). De scopes die terugkomen en de
//! instellingen `weefsel.persoonsgegevens` en `weefsel.meldingen` volgen de doorsnede
//! van token en koppeling: een smal token opent in de database niet meer dan in de
//! dienst. Een scope die de beheerder introk, telt ook voor een ouder token niet meer.
//!
//! De functie met vijf parameters blijft de regels van de koppeling en de gebruiker
//! houden; deze roept haar aan en smalt alleen.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const UP: &str = r#"
CREATE FUNCTION weefsel_context_openen(
    p_soort text, p_account uuid, p_gemeente text, p_extern text, p_generatie integer,
    p_scopes text[])
RETURNS TABLE (id uuid, actief boolean, rollen text[], scopes text[], gemeente_id uuid,
               gemeente_code text, token_generatie integer, geldig boolean, regio text)
    LANGUAGE plpgsql VOLATILE SET search_path = pg_catalog, public
AS $f$
DECLARE
    a record;
BEGIN
    SELECT * INTO a FROM weefsel_context_openen(p_soort, p_account, p_gemeente, p_extern,
                                                p_generatie) o;
    IF NOT FOUND THEN
        RETURN;
    END IF;
    id := a.id; actief := a.actief; rollen := a.rollen; gemeente_id := a.gemeente_id;
    gemeente_code := a.gemeente_code; token_generatie := a.token_generatie;
    geldig := a.geldig; regio := a.regio; scopes := a.scopes;
    IF p_soort = 'koppeling' AND p_scopes IS NOT NULL THEN
        scopes := ARRAY(SELECT s FROM unnest(a.scopes) AS s WHERE s = ANY (p_scopes));
        IF NOT scopes && ARRAY['sleutelpersonen.lezen', 'sleutelpersonen.schrijven'] THEN
            PERFORM set_config('weefsel.persoonsgegevens', '', true);
        END IF;
        IF NOT scopes && ARRAY['meldingen.lezen', 'meldingen.schrijven'] THEN
            PERFORM set_config('weefsel.meldingen', '', true);
        END IF;
    END IF;
    RETURN NEXT;
END
$f$;
REVOKE ALL ON FUNCTION weefsel_context_openen(text, uuid, text, text, integer, text[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION weefsel_context_openen(text, uuid, text, text, integer, text[]) TO {app};
"#;

const DOWN: &str = r#"
DROP FUNCTION weefsel_context_openen(text, uuid, text, text, integer, text[]);
"#;

crate::sql_migratie!(UP, DOWN);
