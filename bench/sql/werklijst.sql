-- GET /api/v1/werklijst?paginaGrootte=20 als coördinator: de pagina en haar totaal uit
-- de unie van weefsel_werk (één statement, met de leesregels van de aanroeper), en
-- één regel in het verwerkingenlogboek met de personen van de pagina (daarom COMMIT).
-- De telling van de limiet op persoonsgegevens (een eigen verbinding) ontbreekt hier.
BEGIN;
SELECT id, actief, rollen, scopes, gemeente_id, gemeente_code, geldig, regio FROM weefsel_context_openen('gebruiker', :gebruiker::uuid, nullif(:code, '-'), NULL, :gen::integer, NULL::text[]);
SELECT soort, resource, id, sub, pad, omschrijving, vervaldatum, ernst, mijn, persoon_id, count(*) OVER () AS totaal FROM weefsel_werk(:gemeente::uuid, :vandaag::date, :vandaag::date + 14, :gebruiker::uuid, false) w WHERE soort = ANY (ARRAY['actie_bijeenkomst', 'aanvraag_beslistermijn', 'crisisafspraak_herzien', 'veiligheidsafspraak_herzien', 'checkin', 'lid_zonder_contact', 'oefening_evalueren', 'melding_open', 'traject_stil', 'dna_meting_oud', 'verbinder_aanstelling_eindigt', 'toestemming_bewaartermijn']) AND (NULL::uuid IS NULL OR NULL::uuid = ANY (gebied_ids)) AND (NULL::uuid IS NULL OR NULL::uuid = ANY (netwerk_ids)) AND (NOT false OR mijn) ORDER BY vervaldatum, soort, id, sub LIMIT :limit OFFSET :offset;
INSERT INTO verwerking (id, gemeente_id, actor_soort, actor_id, sleutelpersoon_ids, actie, verwerkingsactiviteit, request_id, correlatie_id) VALUES (gen_random_uuid(), :gemeente::uuid, 'gebruiker', :gebruiker::uuid, ARRAY[@IDS@]::uuid[], 'lezen', 'werklijst', 'bench', NULL);
COMMIT;
