//! Toestanden en soorten als Rust-enums, opgeslagen als tekst (met een CHECK in de
//! migratie) en zo ook in de API en het document (`ToSchema`).

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

macro_rules! tekst_enum {
    ($(#[$meta:meta])* $naam:ident { $($(#[$vmeta:meta])* $variant:ident = $tekst:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, EnumIter, DeriveActiveEnum,
            Serialize, Deserialize, ToSchema,
        )]
        #[sea_orm(rs_type = "String", db_type = "Text")]
        #[serde(rename_all = "snake_case")]
        pub enum $naam {
            $(
                $(#[$vmeta])*
                #[sea_orm(string_value = $tekst)]
                $variant,
            )+
        }

        impl $naam {
            /// De waarde zoals in de API en de database.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($naam::$variant => $tekst,)+
                }
            }

            pub fn parse(value: &str) -> Option<Self> {
                match value {
                    $($tekst => Some($naam::$variant),)+
                    _ => None,
                }
            }
        }

        /// Zoals in de API: `in_behandeling`, niet `InBehandeling`.
        impl std::fmt::Display for $naam {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

tekst_enum!(
    /// De soort gebied.
    GebiedSoort {
        Wijk = "wijk",
        Buurt = "buurt",
        Dorp = "dorp",
        Kern = "kern",
        Gebied = "gebied",
    }
);

tekst_enum!(
    /// De grootte van een gebied in het DNA-kwadrant.
    Grootteklasse {
        Klein = "klein",
        Groot = "groot",
    }
);

tekst_enum!(
    /// Het soort stappenplan.
    Plan {
        Coordinerend = "coordinerend",
        Coachend = "coachend",
        Weerbaarheid = "weerbaarheid",
    }
);

tekst_enum!(
    /// Wat een gemeente aan de leidraad van een stap toevoegt: een vraag (met een
    /// antwoord) of een checklistpunt (om af te vinken).
    AanvullingSoort {
        Vraag = "vraag",
        Checklist = "checklist",
    }
);

tekst_enum!(
    /// De toestand van een traject: `afgerond` als alle stappen afgerond of
    /// overgeslagen zijn, `gestopt` na een stop of een no-go.
    TrajectStatus {
        Lopend = "lopend",
        Afgerond = "afgerond",
        Gestopt = "gestopt",
    }
);

tekst_enum!(
    /// De uitkomst van het beslismoment: door naar stap 5, de randvoorwaarden eerst op
    /// orde brengen (een later besluit volgt), of samenwerking past niet.
    BesluitKeuze {
        Go = "go",
        NogNiet = "nog_niet",
        NoGo = "no_go",
    }
);

tekst_enum!(
    /// Wat het DNA-profiel van de gebieden van een gemeente beslist. De handreiking
    /// biedt de niet-meetbare tekenen als alternatief voor de indicatoren.
    DnaBasis {
        /// De indicatoren; de tekenen als de indicatoren niets beslissen (standaard).
        Indicatoren = "indicatoren",
        /// De tekenen; de indicatoren als de tekenen niets beslissen.
        Tekenen = "tekenen",
    }
);

tekst_enum!(
    /// Wat een besluit van het weerbaarheidsplan is: het beslismoment (tot de eerste
    /// `go`) of een evaluatie (elk besluit daarna). De dienst zet het.
    BesluitSoort {
        Beslismoment = "beslismoment",
        Evaluatie = "evaluatie",
    }
);

tekst_enum!(
    /// De rol van een verbinder in een traject.
    VerbinderRol {
        /// Het gezicht in de wijk.
        Wijkverbinder = "wijkverbinder",
        /// De schakel naar de gemeentelijke organisatie.
        Gemeenteverbinder = "gemeenteverbinder",
    }
);

tekst_enum!(
    /// De toestand van een stap.
    StapStatus {
        Open = "open",
        Bezig = "bezig",
        Afgerond = "afgerond",
        Overgeslagen = "overgeslagen",
    }
);

tekst_enum!(
    /// De vorm van een netwerk.
    NetwerkVorm {
        Sleutelpersonennetwerk = "sleutelpersonennetwerk",
        Wijknetwerk = "wijknetwerk",
        AdHoc = "ad_hoc",
    }
);

tekst_enum!(
    /// Een doel van een netwerk; de laatste vijf zijn doelen van een wijknetwerk, elk
    /// met de belangen die het nodig heeft (DOMAIN.md).
    NetwerkDoel {
        VoorlichtingBewustwording = "voorlichting_bewustwording",
        VeerkrachtWeerbaarheid = "veerkracht_weerbaarheid",
        DeEscalatie = "de_escalatie",
        Beleidsadvies = "beleidsadvies",
        Crisisparaatheid = "crisisparaatheid",
        GoedeZorg = "goede_zorg",
        BurenhulpInformeleZorg = "burenhulp_informele_zorg",
        VeiligWonen = "veilig_wonen",
        OndernemenInDeWijk = "ondernemen_in_de_wijk",
        Wijkcooperatie = "wijkcooperatie",
    }
);

tekst_enum!(
    /// De rol van de gemeente in een netwerk; ze kan er meer combineren en afwisselen.
    GemeenteRol {
        /// Alleen waar zelfsturing niet vanzelf ontstaat.
        Regisseur = "regisseur",
        Facilitator = "facilitator",
        Participant = "participant",
    }
);

tekst_enum!(
    /// De fase van een netwerk.
    NetwerkFase {
        Voorbereiding = "voorbereiding",
        Opbouw = "opbouw",
        Uitvoering = "uitvoering",
        Afgerond = "afgerond",
    }
);

tekst_enum!(
    /// De werkwijze van een netwerk.
    Werkwijze {
        Periodiek = "periodiek",
        Flexibel = "flexibel",
        Combinatie = "combinatie",
    }
);

tekst_enum!(
    /// Wie een netwerk voorzit.
    Voorzitter {
        Gemeente = "gemeente",
        ExternNeutraal = "extern_neutraal",
        UitNetwerk = "uit_netwerk",
        Roulerend = "roulerend",
    }
);

tekst_enum!(
    /// Wat een netwerk zijn leden teruggeeft.
    Tegenprestatie {
        Vergoeding = "vergoeding",
        KennisVaardigheden = "kennis_vaardigheden",
        Contacten = "contacten",
        Activiteitenbudget = "activiteitenbudget",
        PraktischeHulp = "praktische_hulp",
    }
);

tekst_enum!(
    /// Een crisisscenario (dezelfde lijst als bij oefeningen).
    Scenario {
        Stroomuitval = "stroomuitval",
        Hittegolf = "hittegolf",
        ExtreemWeer = "extreem_weer",
        Overstroming = "overstroming",
        Pandemie = "pandemie",
        UitvalDrinkwater = "uitval_drinkwater",
        UitvalIctTelecom = "uitval_ict_telecom",
        Anders = "anders",
    }
);

tekst_enum!(
    /// Wat een netwerk of organisatie in een crisis kan geven: handen, kennis, middelen.
    Hulpsoort {
        Handjes = "handjes",
        Hoofdjes = "hoofdjes",
        Hulpmiddelen = "hulpmiddelen",
    }
);

tekst_enum!(
    /// Een type sleutelpersoon (één of meer per persoon).
    SleutelpersoonType {
        Verbinder = "verbinder",
        Vertegenwoordiger = "vertegenwoordiger",
        /// De resultaatgerichte doener.
        Doener = "doener",
        /// De opbouwende criticus.
        LuisInDePels = "luis_in_de_pels",
    }
);

tekst_enum!(
    /// De toestand van een sleutelpersoon: `kandidaat` → `kennismaking` → `actief` ⇄
    /// `gepauzeerd` → `uitgestroomd`, en terug naar `actief`.
    SleutelpersoonStatus {
        Kandidaat = "kandidaat",
        Kennismaking = "kennismaking",
        Actief = "actief",
        Gepauzeerd = "gepauzeerd",
        Uitgestroomd = "uitgestroomd",
    }
);

tekst_enum!(
    /// Hoe een sleutelpersoon werd gevonden.
    Wervingsmethode {
        BestaandNetwerk = "bestaand_netwerk",
        GerichteGesprekken = "gerichte_gesprekken",
        Outreachend = "outreachend",
        /// Voorgedragen door een andere sleutelpersoon (`voorgedragenDoor`).
        Sneeuwbal = "sneeuwbal",
        Inloopavond = "inloopavond",
        Wervingscampagne = "wervingscampagne",
        ExternBureau = "extern_bureau",
    }
);

tekst_enum!(
    /// Waarom een sleutelpersoon uitstroomde.
    Uitstroomreden {
        TijdEnergie = "tijd_energie",
        PersoonlijkeOmstandigheden = "persoonlijke_omstandigheden",
        VerschilVanInzicht = "verschil_van_inzicht",
        Teleurstelling = "teleurstelling",
        WeerstandAchterban = "weerstand_achterban",
        OpVerzoekGemeente = "op_verzoek_gemeente",
        Anders = "anders",
    }
);

tekst_enum!(
    /// De uitkomst van een bezwaar van een sleutelpersoon (AVG art. 21).
    BezwaarUitkomst {
        /// De gemeente honoreert het bezwaar: de persoon wordt geanonimiseerd.
        Gehonoreerd = "gehonoreerd",
        /// De gemeente heeft dwingende gerechtvaardigde gronden (art. 21 lid 1): de
        /// persoon blijft.
        Afgewezen = "afgewezen",
    }
);

tekst_enum!(
    /// De rol van een lid in een netwerk.
    LidRol {
        Lid = "lid",
        Kerngroeplid = "kerngroeplid",
        Voorzitter = "voorzitter",
        /// Aanspreekpunt voor één deel van het werk van het netwerk.
        Ambassadeur = "ambassadeur",
    }
);

tekst_enum!(
    /// De kant die een lid van een wijknetwerk vertegenwoordigt.
    Belang {
        Bewoners = "bewoners",
        Zorg = "zorg",
        Welzijn = "welzijn",
        Gemeente = "gemeente",
        Woningcorporatie = "woningcorporatie",
        Politie = "politie",
        Ondernemers = "ondernemers",
    }
);

tekst_enum!(
    /// Jong of oud (diversiteit).
    Leeftijdsgroep {
        Jong = "jong",
        Oud = "oud",
    }
);

tekst_enum!(
    /// Theoretisch of praktisch opgeleid (diversiteit).
    Opleidingsrichting {
        Theoretisch = "theoretisch",
        Praktisch = "praktisch",
    }
);

tekst_enum!(
    /// Wat er met persoonsgegevens van een sleutelpersoon gebeurde (verwerkingenlogboek).
    VerwerkingActie {
        Lezen = "lezen",
        Zoekresultaat = "zoekresultaat",
        Export = "export",
        Anonimisering = "anonimisering",
    }
);

tekst_enum!(
    /// De verwerkingsactiviteit, vast per operatie.
    Verwerkingsactiviteit {
        Netwerkbeheer = "netwerkbeheer",
        Inzageverzoek = "inzageverzoek",
        Anonimisering = "anonimisering",
        Retentie = "retentie",
        Meldingbehandeling = "meldingbehandeling",
        Werklijst = "werklijst",
        Crisisbeeld = "crisisbeeld",
        Synchronisatie = "synchronisatie",
    }
);

tekst_enum!(
    /// Het thema van een initiatief (voorbeelden uit seed 003).
    Thema {
        VrijeTijd = "vrije_tijd",
        Vrijwilligerswerk = "vrijwilligerswerk",
        Rolmodellen = "rolmodellen",
        Buurtpreventie = "buurtpreventie",
        CursussenTrainingen = "cursussen_trainingen",
        Werkplaatsen = "werkplaatsen",
        Maatjesproject = "maatjesproject",
        Mentorschap = "mentorschap",
        Informatievoorziening = "informatievoorziening",
        Netwerkvorming = "netwerkvorming",
        Oudergroepen = "oudergroepen",
        Oudercursussen = "oudercursussen",
        Jongerenparticipatie = "jongerenparticipatie",
        Voorlichting = "voorlichting",
        Crisisvoorbereiding = "crisisvoorbereiding",
    }
);

tekst_enum!(
    /// De trede op de participatieladder.
    Participatie {
        Informeren = "informeren",
        Raadplegen = "raadplegen",
        Adviseren = "adviseren",
        Coproduceren = "coproduceren",
        Meebeslissen = "meebeslissen",
        ZelfOrganiseren = "zelf_organiseren",
    }
);

tekst_enum!(
    /// De toestand van een initiatief: `idee` → `lopend` → `afgerond`, of `gestopt`.
    InitiatiefStatus {
        Idee = "idee",
        Lopend = "lopend",
        Afgerond = "afgerond",
        Gestopt = "gestopt",
    }
);

tekst_enum!(
    /// De financieringsvorm van een budget.
    BudgetVorm {
        Micro = "micro",
        Flexibel = "flexibel",
        CoCreatie = "co_creatie",
        Matching = "matching",
        Experiment = "experiment",
    }
);

tekst_enum!(
    /// De toestand van een aanvraag.
    AanvraagStatus {
        Concept = "concept",
        Ingediend = "ingediend",
        Toegekend = "toegekend",
        DeelsToegekend = "deels_toegekend",
        Afgewezen = "afgewezen",
        Ingetrokken = "ingetrokken",
    }
);

tekst_enum!(
    /// De soort regel in het grootboek.
    MutatieSoort {
        Reservering = "reservering",
        Uitbetaling = "uitbetaling",
        Vrijval = "vrijval",
        Correctie = "correctie",
    }
);

tekst_enum!(
    /// Wat voor organisatie op de sociale kaart staat (seed 003, stap 3).
    OrganisatieSoort {
        /// Een partnerorganisatie.
        Partner = "partner",
        /// Een relevante afdeling van de eigen gemeente.
        GemeentelijkeAfdeling = "gemeentelijke_afdeling",
        /// Een lopend samenwerkingsverband om bij aan te sluiten.
        Samenwerkingsverband = "samenwerkingsverband",
    }
);

tekst_enum!(
    /// Het maatschappelijk veld van een organisatie (seed 000).
    MaatschappelijkVeld {
        OverheidPubliekeDiensten = "overheid_publieke_diensten",
        MaatschappelijkMiddenveld = "maatschappelijk_middenveld",
        OnderwijsJeugd = "onderwijs_jeugd",
        MarktBedrijfsleven = "markt_bedrijfsleven",
        MediaCommunicatie = "media_communicatie",
        InformeleNetwerken = "informele_netwerken",
    }
);

tekst_enum!(
    /// De netwerkcategorie van een organisatie (de tabellen van seed 000).
    NetwerkCategorie {
        BuurtWijkpartners = "buurt_wijkpartners",
        SleutelfigurenActieveBewoners = "sleutelfiguren_actieve_bewoners",
        Bewonersinitiatieven = "bewonersinitiatieven",
        Ouderenorganisaties = "ouderenorganisaties",
        ReligieuzeCultureleGemeenschappen = "religieuze_culturele_gemeenschappen",
        Onderwijsinstellingen = "onderwijsinstellingen",
        JongerenSport = "jongeren_sport",
        LokaleOndernemers = "lokale_ondernemers",
        LokaleMedia = "lokale_media",
        OnlineSocialeMedia = "online_sociale_media",
        BuurtgroepenVrijwilligers = "buurtgroepen_vrijwilligers",
        InformeleInwonernetwerken = "informele_inwonernetwerken",
        JeugdGezinnen = "jeugd_gezinnen",
        /// Hulporganisaties, vaak landelijk georganiseerd (seed 000, §5.1).
        Hulporganisaties = "hulporganisaties",
    }
);

tekst_enum!(
    /// Op welk niveau een organisatie werkt.
    Niveau {
        Lokaal = "lokaal",
        Regionaal = "regionaal",
        Landelijk = "landelijk",
    }
);

tekst_enum!(
    /// De soort bijeenkomst.
    BijeenkomstSoort {
        /// Binding en bewustwording van toekomstige crises.
        EersteBijeenkomst = "eerste_bijeenkomst",
        /// Afspraken, doelen en organisatievorm.
        TweedeBijeenkomst = "tweede_bijeenkomst",
        Startbijeenkomst = "startbijeenkomst",
        Netwerkbijeenkomst = "netwerkbijeenkomst",
        Kerngroep = "kerngroep",
        Themabijeenkomst = "themabijeenkomst",
        Dialoogtafel = "dialoogtafel",
        Evaluatie = "evaluatie",
    }
);

tekst_enum!(
    /// Waar een bijeenkomst is: de plekken rouleren tussen de leden.
    Locatiesoort {
        Buurthuis = "buurthuis",
        Gebedshuis = "gebedshuis",
        Bibliotheek = "bibliotheek",
        Gemeentehuis = "gemeentehuis",
        Politiebureau = "politiebureau",
        School = "school",
        Sportvereniging = "sportvereniging",
        Online = "online",
        Anders = "anders",
    }
);

tekst_enum!(
    /// Een doel van een oefening.
    OefenDoel {
        SamenwerkingNetwerkpartners = "samenwerking_netwerkpartners",
        CommunicatieTijdensCrisis = "communicatie_tijdens_crisis",
        RolverdelingBesluitvorming = "rolverdeling_besluitvorming",
    }
);

tekst_enum!(
    /// De vorm van een oefening.
    Oefenvorm {
        Tabletop = "tabletop",
        Praktijksimulatie = "praktijksimulatie",
        Digitaal = "digitaal",
        Instructie = "instructie",
        Spelvorm = "spelvorm",
    }
);

tekst_enum!(
    /// `gepland` → `uitgevoerd` → `geevalueerd`.
    OefeningStatus {
        Gepland = "gepland",
        Uitgevoerd = "uitgevoerd",
        Geevalueerd = "geevalueerd",
    }
);

tekst_enum!(
    /// De soort melding.
    MeldingSoort {
        Bedreiging = "bedreiging",
        Intimidatie = "intimidatie",
        Geweld = "geweld",
        Vernieling = "vernieling",
        Discriminatie = "discriminatie",
        /// Online bedreiging of intimidatie.
        Online = "online",
        Anders = "anders",
    }
);

tekst_enum!(
    /// Tegen wie een melding gaat.
    Betrokkene {
        Sleutelpersoon = "sleutelpersoon",
        ActieveBewoner = "actieve_bewoner",
        Ambtenaar = "ambtenaar",
    }
);

tekst_enum!(
    /// De ernst van een melding.
    Ernst {
        Laag = "laag",
        Middel = "middel",
        Hoog = "hoog",
        Acuut = "acuut",
    }
);

tekst_enum!(
    /// `open` → `in_behandeling` → `afgesloten` (met een afsluitnotitie).
    MeldingStatus {
        Open = "open",
        InBehandeling = "in_behandeling",
        Afgesloten = "afgesloten",
    }
);

#[cfg(test)]
mod tests {
    use super::*;
    use sea_orm::Iterable;

    /// serde (`snake_case`) en de database (`string_value`) schrijven elke waarde gelijk.
    #[test]
    fn serde_and_the_database_agree() {
        fn check<T: ActiveEnum<Value = String> + Serialize + Iterable + Copy>(
            as_str: fn(T) -> &'static str,
        ) {
            for v in T::iter() {
                assert_eq!(
                    serde_json::to_value(v).ok(),
                    Some(serde_json::json!(v.to_value()))
                );
                assert_eq!(as_str(v), v.to_value());
            }
        }
        check(GebiedSoort::as_str);
        check(Grootteklasse::as_str);
        check(Plan::as_str);
        check(AanvullingSoort::as_str);
        check(TrajectStatus::as_str);
        check(BesluitKeuze::as_str);
        check(BesluitSoort::as_str);
        check(DnaBasis::as_str);
        check(VerbinderRol::as_str);
        check(StapStatus::as_str);
        check(NetwerkVorm::as_str);
        check(NetwerkDoel::as_str);
        check(GemeenteRol::as_str);
        check(NetwerkFase::as_str);
        check(Werkwijze::as_str);
        check(Voorzitter::as_str);
        check(Tegenprestatie::as_str);
        check(Scenario::as_str);
        check(Hulpsoort::as_str);
        check(SleutelpersoonType::as_str);
        check(SleutelpersoonStatus::as_str);
        check(Wervingsmethode::as_str);
        check(Uitstroomreden::as_str);
        check(BezwaarUitkomst::as_str);
        check(LidRol::as_str);
        check(Belang::as_str);
        check(Leeftijdsgroep::as_str);
        check(Opleidingsrichting::as_str);
        check(VerwerkingActie::as_str);
        check(Verwerkingsactiviteit::as_str);
        check(Thema::as_str);
        check(Participatie::as_str);
        check(InitiatiefStatus::as_str);
        check(BudgetVorm::as_str);
        check(AanvraagStatus::as_str);
        check(MutatieSoort::as_str);
        check(OrganisatieSoort::as_str);
        check(MaatschappelijkVeld::as_str);
        check(NetwerkCategorie::as_str);
        check(Niveau::as_str);
        check(BijeenkomstSoort::as_str);
        check(Locatiesoort::as_str);
        check(OefenDoel::as_str);
        check(Oefenvorm::as_str);
        check(OefeningStatus::as_str);
        check(MeldingSoort::as_str);
        check(Betrokkene::as_str);
        check(Ernst::as_str);
        check(MeldingStatus::as_str);
    }
}

tekst_enum!(
    /// De soort van een item op de werklijst: waar het over gaat en waar zijn
    /// vervaldatum uit volgt.
    WerkSoort {
        /// Een vervolgactie van een bijeenkomst: haar `deadline`.
        ActieBijeenkomst = "actie_bijeenkomst",
        /// Een ingediende aanvraag: `beslissenVoor`.
        AanvraagBeslistermijn = "aanvraag_beslistermijn",
        /// Een crisisafspraak van een netwerk: `laatstHerzien` plus de ingestelde maanden.
        CrisisafspraakHerzien = "crisisafspraak_herzien",
        /// Een veiligheidsafspraak: `herzienVoor`.
        VeiligheidsafspraakHerzien = "veiligheidsafspraak_herzien",
        /// Een persoon met verhoogd risico: de laatste check-in plus de ingestelde dagen.
        Checkin = "checkin",
        /// Een actief lid: `laatsteContact` plus de ingestelde dagen.
        LidZonderContact = "lid_zonder_contact",
        /// Een oefening die nog niet geëvalueerd is: haar `datum`.
        OefeningEvalueren = "oefening_evalueren",
        /// Een open melding: haar `datum` plus de termijn van haar ernst.
        MeldingOpen = "melding_open",
        /// Een lopend traject: de laatste stapwissel plus de ingestelde weken.
        TrajectStil = "traject_stil",
        /// Een gebied: de nieuwste `peildatum` plus de ingestelde jaren.
        DnaMetingOud = "dna_meting_oud",
        /// Een verbinder van een lopend traject: het einde (`tot`) van zijn aanstelling.
        VerbinderAanstellingEindigt = "verbinder_aanstelling_eindigt",
        /// Een sleutelpersoon: `bewaartermijnTot`.
        ToestemmingBewaartermijn = "toestemming_bewaartermijn",
    }
);

tekst_enum!(
    /// Hoe dringend een item is: bij een melding haar eigen ernst, anders `hoog` als het
    /// te laat is en `normaal` als het nog moet.
    WerkErnst {
        Acuut = "acuut",
        Hoog = "hoog",
        Middel = "middel",
        Laag = "laag",
        Normaal = "normaal",
    }
);
