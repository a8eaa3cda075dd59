-- GET /api/v1/dashboard als regio_netwerkmanager. @CIJFERS@ wordt door bench/run.sh
-- vervangen door api/src/modules/dashboard/cijfers.sql (dezelfde SQL als de dienst),
-- met $1 = NULL (alle gemeenten), $2 = :jaar, $3 = :vandaag.
BEGIN;
SELECT id, actief, rollen, scopes, gemeente_id, gemeente_code, geldig, regio FROM weefsel_context_openen('gebruiker', :gebruiker::uuid, nullif(:code, '-'), NULL, :gen::integer, NULL::text[]);
@CIJFERS@;
ROLLBACK;
