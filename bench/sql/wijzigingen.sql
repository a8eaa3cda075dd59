-- GET /api/v1/wijzigingen?na=0.0&paginaGrootte=1000 als coördinator: de volgende regels
-- van beide ketens en hun koppen uit weefsel_wijzigingen (één statement, met de
-- leesregels van de aanroeper). Geen regel in het verwerkingenlogboek: de regels gaan
-- over gebieden en metingen.
BEGIN;
SELECT id, actief, rollen, scopes, gemeente_id, gemeente_code, geldig, regio FROM weefsel_context_openen('gebruiker', :gebruiker::uuid, nullif(:code, '-'), NULL, :gen::integer, NULL::text[]);
SELECT bron, volgnummer, tijdstip, resource, resource_id, actie, pad, persoon FROM weefsel_wijzigingen(:gemeente::uuid, :code, 0, 0, now() - interval '90 days', 1000, ARRAY['gebied', 'indicatormeting', 'traject', 'netwerk', 'netwerk_lid', 'sleutelpersoon', 'initiatief', 'budget', 'aanvraag', 'mutatie', 'organisatie', 'netwerk_partner', 'bijeenkomst', 'oefening', 'melding', 'melding_opvolging', 'veiligheidsafspraak', 'sleutelpersoon_checkin', 'sleutelpersoon_bezwaar', 'gemeente', 'stappenplan', 'leidraad_aanvulling'], false);
COMMIT;
