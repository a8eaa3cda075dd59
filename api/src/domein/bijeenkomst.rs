//! De vaste agenda's van de eerste en tweede netwerkbijeenkomst uit de handreiking
//! (seed 000, "Eerste bijeenkomst", "Tweede bijeenkomst"), als sjablonen.

use entity::soorten::BijeenkomstSoort;

/// Een sjabloon: soort, doel en de agendapunten (onderwerp, toelichting).
pub struct Sjabloon {
    pub soort: BijeenkomstSoort,
    pub doel: &'static str,
    pub agenda: &'static [(&'static str, &'static str)],
}

pub const SJABLONEN: &[Sjabloon] = &[
    Sjabloon {
        soort: BijeenkomstSoort::EersteBijeenkomst,
        doel: "Binding creëren binnen en met het netwerk, en bewustwording van en inzicht in toekomstige crises vergroten.",
        agenda: &[
            (
                "Welkom en introductie onderwerp",
                "Voorstellen van alle aanwezigen. Uitleg over de noodzaak van de bijeenkomst: waarom is dit onderwerp relevant voor de aanwezigen?",
            ),
            (
                "Verkenning thema",
                "Voorbeelden van mogelijke toekomstige crises, betrokken op de locatie en de aanwezigen.",
            ),
            (
                "Pauze",
                "Met een hapje en drankje: ruimte voor gesprek en verbinding.",
            ),
            (
                "Impact op de persoon/organisatie en impact op de wijk",
                "Gezamenlijk (in groepjes) de risico's inventariseren, met een mindmap per groepje; de gesprekstool van de NCTV kan helpen.",
            ),
            (
                "Afsluiting en vervolg",
                "Wat nemen we mee naar de volgende bijeenkomst?",
            ),
        ],
    },
    Sjabloon {
        soort: BijeenkomstSoort::TweedeBijeenkomst,
        doel: "Afspraken binnen het netwerk en de ondersteuning die het netwerk in een crisis kan bieden.",
        agenda: &[
            (
                "Terugkoppeling eerste bijeenkomst",
                "Welkom, met een terugkoppeling van de vorige bijeenkomst: wat hebben de genodigden eruit gehaald, wat is al opgepakt?",
            ),
            (
                "Expertise uitnodigen",
                "Een expert spreekt over een onderwerp, bijvoorbeeld mentale gezondheid of noodhulp; let op de integriteit van de partij.",
            ),
            (
                "Pauze",
                "Met een hapje en drankje: ruimte voor gesprek en verbinding.",
            ),
            (
                "Netwerkdoelen formuleren",
                "Wat kunnen we als netwerk bereiken en welke planning past daarbij? Wat kan het netwerk bieden en wat heeft het nodig in een langdurige crisis?",
            ),
            (
                "Organisatievorm",
                "Hoe willen we samenwerken: relatiebeheer, oefenen, kennisdeling; wat heeft het netwerk nodig van de gemeente (die een beperkte rol houdt)?",
            ),
            (
                "Afsluiting en commitment",
                "Vaststellen welke vervolgstappen het netwerk nuttig vindt.",
            ),
        ],
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn de_twee_vaste_agendas_uit_de_handreiking() {
        assert_eq!(SJABLONEN.len(), 2);
        assert_eq!(SJABLONEN[0].agenda.len(), 5);
        assert_eq!(SJABLONEN[1].agenda.len(), 6);
        assert_eq!(
            SJABLONEN[1].agenda[0].0,
            "Terugkoppeling eerste bijeenkomst"
        );
    }
}
