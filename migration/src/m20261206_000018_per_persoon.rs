//! Zichtbaarheid is een eigenschap van de persoon (issue 29, T1 punt 5).
//!
//! Anonimiseren verbreedt nooit wie iets mag lezen: `verhoogd_risico` en
//! `zichtbaar_voor` blijven staan (het zijn geen gegevens óver de persoon maar de regel
//! wie haar meldingen en deelname ziet), zodat meldingen over iemand met verhoogd
//! risico ook na het wissen alleen voor de genoemde ambtenaren en de behandelaar zijn.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// `weefsel_anonimiseer` laat `zichtbaar_voor` en `verhoogd_risico` staan.
pub(crate) const ANONIMISEER: &str = r#"
CREATE OR REPLACE FUNCTION weefsel_anonimiseer(p_id uuid, p_activiteit text, p_actor_soort text,
                                    p_actor uuid, p_request text) RETURNS boolean
    LANGUAGE plpgsql VOLATILE SET search_path = pg_catalog, public AS $f$
DECLARE
    v_gemeente uuid;
BEGIN
    UPDATE sleutelpersoon SET geanonimiseerd_op = now(),
           bijzondere_gegevens = false, version = version + 1, updated_at = now()
     WHERE id = p_id AND geanonimiseerd_op IS NULL
    RETURNING gemeente_id INTO v_gemeente;
    IF v_gemeente IS NULL THEN
        RETURN false;
    END IF;
    DELETE FROM sleutelpersoon_gegevens WHERE sleutelpersoon_id = p_id;
    INSERT INTO verwerking (id, gemeente_id, actor_soort, actor_id, sleutelpersoon_id, actie,
                            verwerkingsactiviteit, request_id)
    VALUES (gen_random_uuid(), v_gemeente, p_actor_soort, p_actor, p_id, 'anonimisering',
            p_activiteit, p_request);
    RETURN true;
END
$f$;
"#;

// Terug: de definitie van migratie 11.
crate::sql_migratie!(ANONIMISEER, crate::m20261124_000011_netwerken::ANONIMISEER);
