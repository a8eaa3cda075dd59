-- GET /api/v1/gebieden/{id} als coördinator.
BEGIN;
SELECT id, actief, rollen, scopes, gemeente_id, gemeente_code, geldig, regio FROM weefsel_context_openen('gebruiker', :gebruiker::uuid, nullif(:code, '-'), NULL, :gen::integer, NULL::text[]);
SELECT "gebied"."id", "gebied"."gemeente_id", "gebied"."naam", "gebied"."soort", "gebied"."cbs_code", "gebied"."inwonertal", "gebied"."grootteklasse", "gebied"."bovenliggend_gebied_id", "gebied"."handmatig", CAST("gebied"."dna_profiel" AS text) AS "dna_profiel", "gebied"."dna_kwadrant", "gebied"."dna_cohesie", "gebied"."dna_aanpak", "gebied"."dna_grootte", "gebied"."dna_basis", "gebied"."dna_peildatum", "gebied"."version", "gebied"."created_at", "gebied"."updated_at" FROM "gebied" WHERE "gebied"."id" = :gebied::uuid AND "gebied"."gemeente_id" = :gemeente::uuid LIMIT :een;
ROLLBACK;
