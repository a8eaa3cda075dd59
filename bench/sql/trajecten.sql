-- GET /api/v1/trajecten?paginaGrootte=20 als coördinator. De dienst noemt de ids van
-- de pagina in IN (...); bench/run.sh zet die van de eerste pagina op @IDS@.
BEGIN;
SELECT id, actief, rollen, scopes, gemeente_id, gemeente_code, geldig, regio FROM weefsel_context_openen('gebruiker', :gebruiker::uuid, nullif(:code, '-'), NULL, :gen::integer, NULL::text[]);
SELECT "traject"."id", "traject"."gemeente_id", "traject"."gebied_id", "traject"."aanpak", "traject"."naam", "traject"."status", "traject"."voorgestelde_aanpak", "traject"."netwerk_id", "traject"."version", "traject"."created_at", "traject"."updated_at", (SELECT count(*) FROM "traject" WHERE "traject"."gemeente_id" = :gemeente::uuid) AS "weefsel_totaal_aantal" FROM "traject" WHERE "traject"."gemeente_id" = :gemeente::uuid ORDER BY "traject"."created_at" DESC, "traject"."id" DESC LIMIT :limit OFFSET :offset;
SELECT * FROM "traject_stap" WHERE "traject_stap"."gemeente_id" = :gemeente::uuid AND "traject_stap"."traject_id" IN (@IDS@);
SELECT * FROM "traject_besluit" WHERE "traject_besluit"."gemeente_id" = :gemeente::uuid AND "traject_besluit"."traject_id" IN (@IDS@);
SELECT * FROM "traject_verbinder" WHERE "traject_verbinder"."gemeente_id" = :gemeente::uuid AND "traject_verbinder"."traject_id" IN (@IDS@);
ROLLBACK;
