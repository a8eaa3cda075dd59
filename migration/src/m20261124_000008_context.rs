//! De context van een verzoek in één statement (issue 11): het account achter het
//! token opzoeken en de tenantinstellingen van de transactie zetten gebeurde in vier
//! rondes (context `authenticatie`, account, gemeente en regio); nu doet
//! `weefsel_context_openen` het in één aanroep.
//!
//! De functie draait als de aanroeper (geen SECURITY DEFINER): de RLS-regels blijven
//! dezelfde, ze zet alleen de instellingen die de dienst eerder zelf zette. Ze zet de
//! gemeente en de regionale modus alleen voor een geldig account (actief, en bij
//! een Weefsel-token van dezelfde gemeente en tokengeneratie); anders blijft de
//! transactie zonder gemeente en weigert de dienst het verzoek (401). De kolom
//! `regio` geeft terug wat is gezet; de dienst vergelijkt die met zijn eigen
//! `RegioModus` en weigert het verzoek als ze verschillen.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

pub(crate) const UP: &str = r#"
CREATE FUNCTION weefsel_context_openen(
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
    END IF;
    RETURN NEXT;
END
$f$;
REVOKE ALL ON FUNCTION weefsel_context_openen(text, uuid, text, text, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION weefsel_context_openen(text, uuid, text, text, integer) TO {app};
"#;

const DOWN: &str = r#"
DROP FUNCTION weefsel_context_openen(text, uuid, text, text, integer);
"#;

crate::sql_migratie!(UP, DOWN);
