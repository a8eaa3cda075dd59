//! De regionale catalogus zegt waar haar gegevens vandaan komen (issue 37, W2 punt 5).
//! De handreiking noemt van de veertien landelijke partners alleen de naam; niveau,
//! capaciteiten, aanbod en activering waren de invulling van dit project. Van de rijen
//! die sinds de seed niet gewijzigd zijn (versie 1), gaan die weg; ze krijgen `bron` en
//! `voorlopig` tot de `regio_beheerder` ze bevestigt. Een rij die VRBN al bijwerkte,
//! houdt haar waarden. VRBN zelf komt in de catalogus (seed 001, "Ondersteuning").

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const UP: &str = r#"
ALTER TABLE organisatie ALTER COLUMN niveau DROP NOT NULL,
    ADD CONSTRAINT organisatie_niveau_kaart CHECK (niveau IS NOT NULL OR gemeente_id IS NULL),
    ADD COLUMN bron text CHECK (length(bron) BETWEEN 1 AND 500),
    ADD COLUMN voorlopig boolean NOT NULL DEFAULT false,
    ADD CONSTRAINT organisatie_voorlopig_catalogus CHECK (NOT voorlopig OR gemeente_id IS NULL);
COMMENT ON COLUMN organisatie.bron IS 'Waar de gegevens van een rij van de catalogus vandaan komen';
COMMENT ON COLUMN organisatie.voorlopig IS 'Een rij van de catalogus die de regio nog niet bevestigde';
UPDATE organisatie SET niveau = NULL, capaciteiten = '{}', aanbod = NULL, activering = NULL,
       bron = 'Handreiking Inventariseren en activeren netwerken (VRU), §5.1', voorlopig = true
 WHERE gemeente_id IS NULL AND version = 1 AND naam IN ('Rode Kruis', 'Leger des Heils', 'Voedselbank',
       'Veteran Search', 'NASAR', 'Burgerhulpverlening', 'Stichting Dieren en Rampen', 'SARDOG NL',
       'Nationale Zorgreserve', 'Nationaal Drone Team', 'Infra Capaciteit Alliance', 'Digitaal Trustcentrum',
       'Maritiem Centrum', 'Dierenambulance');
INSERT INTO organisatie (id, gemeente_id, naam, soort, veld, niveau, capaciteiten, aanbod, contact, bron, voorlopig)
VALUES (gen_random_uuid(), NULL, 'Veiligheidsregio Brabant-Noord', 'samenwerkingsverband',
        'overheid_publieke_diensten', 'regionaal', '{hoofdjes}',
        'Specialisten over onder meer brandveiligheid, stroomuitval, uitval van drinkwater en de continuïteit van hulpverlening; meedenken en meewerken aan oefeningen en tabletop-scenario''s; een training dialoogtafels voor gemeenten.',
        'netwerkmanagement@vrbn.nl', 'Regionale Handreiking Versterken Sociaal Weefsel (VRBN), "Ondersteuning"', true)
ON CONFLICT (gemeente_id, naam) DO NOTHING;
"#;

const DOWN: &str = r#"
DELETE FROM organisatie WHERE gemeente_id IS NULL AND naam = 'Veiligheidsregio Brabant-Noord' AND version = 1;
UPDATE organisatie SET niveau = 'landelijk' WHERE niveau IS NULL;
ALTER TABLE organisatie DROP CONSTRAINT organisatie_voorlopig_catalogus, DROP COLUMN voorlopig,
    DROP COLUMN bron, DROP CONSTRAINT organisatie_niveau_kaart, ALTER COLUMN niveau SET NOT NULL;
"#;

crate::sql_migratie!(UP, DOWN);
