-- GET /api/v1/dashboard/gemeenten/GM0828 als regio_netwerkmanager: de cijfers
-- (@CIJFERS@, met $1 = ARRAY[:gemeente]), de gebieden, de netwerken en de budgetten.
BEGIN;
SELECT id, actief, rollen, scopes, gemeente_id, gemeente_code, geldig, regio FROM weefsel_context_openen('gebruiker', :gebruiker::uuid, nullif(:code, '-'), NULL, :gen::integer, NULL::text[]);
@CIJFERS@;
SELECT g.id, g.naam, g.dna_kwadrant, g.dna_aanpak, t.id AS traject_id, t.aanpak AS traject_aanpak, t.huidige_stap FROM gebied g LEFT JOIN LATERAL (SELECT id, aanpak, huidige_stap FROM traject WHERE gebied_id = g.id AND gemeente_id = g.gemeente_id AND status = 'lopend' ORDER BY created_at DESC, id DESC LIMIT 1) t ON true WHERE g.gemeente_id = :gemeente::uuid ORDER BY g.naam, g.id;
SELECT n.id, n.naam, n.fase, coalesce((SELECT array_agg(s.signaal ORDER BY s.signaal) FROM weefsel_netwerk_signalen(ARRAY[:gemeente::uuid::uuid], :vandaag::date::date) s WHERE s.netwerk_id = n.id), '{}') AS signalen FROM netwerk n WHERE n.gemeente_id = :gemeente::uuid ORDER BY n.naam, n.id;
SELECT id, naam, vorm, totaal_bedrag, gereserveerd, uitbetaald FROM budget WHERE gemeente_id = :gemeente::uuid AND jaar = :jaar::int ORDER BY naam, id;
ROLLBACK;
