//! Rollen (mensen), scopes (koppelingen) en de rechten die daaruit volgen.
//!
//! Handlers vragen nooit naar een rol, alleen naar een [`Recht`]; welke rollen en
//! scopes welk recht geven, staat hier en nergens anders.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// De rol van een gebruiker (DOMAIN.md, "Who uses it").
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ToSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Rol {
    /// Functioneel beheer VRBN: alle accounts, instellingen van gemeenten.
    RegioBeheerder,
    /// Netwerkmanagement VRBN: leest alle gemeenten, nooit persoonsgegevens.
    RegioNetwerkmanager,
    /// Functioneel beheer van één gemeente: gebruikers en koppelingen.
    GemeenteBeheerder,
    /// Wijkverbinder, gemeenteverbinder, netwerkregisseur.
    Coordinator,
    /// Beheert de initiatiefbudgetten en besluit op aanvragen.
    Budgethouder,
    /// Leest de niet-persoonlijke gegevens van de eigen gemeente.
    Raadpleger,
}

impl Rol {
    pub const ALL: [Rol; 6] = [
        Rol::RegioBeheerder,
        Rol::RegioNetwerkmanager,
        Rol::GemeenteBeheerder,
        Rol::Coordinator,
        Rol::Budgethouder,
        Rol::Raadpleger,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Rol::RegioBeheerder => "regio_beheerder",
            Rol::RegioNetwerkmanager => "regio_netwerkmanager",
            Rol::GemeenteBeheerder => "gemeente_beheerder",
            Rol::Coordinator => "coordinator",
            Rol::Budgethouder => "budgethouder",
            Rol::Raadpleger => "raadpleger",
        }
    }

    pub fn parse(value: &str) -> Option<Rol> {
        Rol::ALL.into_iter().find(|r| r.as_str() == value)
    }

    /// Geeft deze rol toegang tot persoonsgegevens van sleutelpersonen? Zo'n account
    /// beheert alleen de `gemeente_beheerder` van zijn gemeente.
    pub fn geeft_persoonsgegevens(self) -> bool {
        matches!(self, Rol::Coordinator | Rol::GemeenteBeheerder)
    }

    /// Regionale rollen horen bij geen gemeente.
    pub fn is_regionaal(self) -> bool {
        matches!(self, Rol::RegioBeheerder | Rol::RegioNetwerkmanager)
    }
}

/// Wat een koppeling mag. `sleutelpersonen.*` geeft toegang tot persoonsgegevens en
/// kan alleen door een `gemeente_beheerder` worden toegekend.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ToSchema,
)]
pub enum Scope {
    #[serde(rename = "gebieden.lezen")]
    GebiedenLezen,
    #[serde(rename = "gebieden.schrijven")]
    GebiedenSchrijven,
    #[serde(rename = "trajecten.lezen")]
    TrajectenLezen,
    #[serde(rename = "trajecten.schrijven")]
    TrajectenSchrijven,
    #[serde(rename = "netwerken.lezen")]
    NetwerkenLezen,
    #[serde(rename = "netwerken.schrijven")]
    NetwerkenSchrijven,
    #[serde(rename = "sleutelpersonen.lezen")]
    SleutelpersonenLezen,
    #[serde(rename = "sleutelpersonen.schrijven")]
    SleutelpersonenSchrijven,
    #[serde(rename = "initiatieven.lezen")]
    InitiatievenLezen,
    #[serde(rename = "initiatieven.schrijven")]
    InitiatievenSchrijven,
    #[serde(rename = "budgetten.lezen")]
    BudgettenLezen,
    #[serde(rename = "budgetten.schrijven")]
    BudgettenSchrijven,
    #[serde(rename = "bijeenkomsten.lezen")]
    BijeenkomstenLezen,
    #[serde(rename = "bijeenkomsten.schrijven")]
    BijeenkomstenSchrijven,
    #[serde(rename = "organisaties.lezen")]
    OrganisatiesLezen,
    #[serde(rename = "organisaties.schrijven")]
    OrganisatiesSchrijven,
    #[serde(rename = "meldingen.lezen")]
    MeldingenLezen,
    #[serde(rename = "meldingen.schrijven")]
    MeldingenSchrijven,
    #[serde(rename = "audit.lezen")]
    AuditLezen,
    #[serde(rename = "wijzigingen.lezen")]
    WijzigingenLezen,
}

impl Scope {
    pub const ALL: [Scope; 20] = [
        Scope::GebiedenLezen,
        Scope::GebiedenSchrijven,
        Scope::TrajectenLezen,
        Scope::TrajectenSchrijven,
        Scope::NetwerkenLezen,
        Scope::NetwerkenSchrijven,
        Scope::SleutelpersonenLezen,
        Scope::SleutelpersonenSchrijven,
        Scope::InitiatievenLezen,
        Scope::InitiatievenSchrijven,
        Scope::BudgettenLezen,
        Scope::BudgettenSchrijven,
        Scope::BijeenkomstenLezen,
        Scope::BijeenkomstenSchrijven,
        Scope::OrganisatiesLezen,
        Scope::OrganisatiesSchrijven,
        Scope::MeldingenLezen,
        Scope::MeldingenSchrijven,
        Scope::AuditLezen,
        Scope::WijzigingenLezen,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Scope::GebiedenLezen => "gebieden.lezen",
            Scope::GebiedenSchrijven => "gebieden.schrijven",
            Scope::TrajectenLezen => "trajecten.lezen",
            Scope::TrajectenSchrijven => "trajecten.schrijven",
            Scope::NetwerkenLezen => "netwerken.lezen",
            Scope::NetwerkenSchrijven => "netwerken.schrijven",
            Scope::SleutelpersonenLezen => "sleutelpersonen.lezen",
            Scope::SleutelpersonenSchrijven => "sleutelpersonen.schrijven",
            Scope::InitiatievenLezen => "initiatieven.lezen",
            Scope::InitiatievenSchrijven => "initiatieven.schrijven",
            Scope::BudgettenLezen => "budgetten.lezen",
            Scope::BudgettenSchrijven => "budgetten.schrijven",
            Scope::BijeenkomstenLezen => "bijeenkomsten.lezen",
            Scope::BijeenkomstenSchrijven => "bijeenkomsten.schrijven",
            Scope::OrganisatiesLezen => "organisaties.lezen",
            Scope::OrganisatiesSchrijven => "organisaties.schrijven",
            Scope::MeldingenLezen => "meldingen.lezen",
            Scope::MeldingenSchrijven => "meldingen.schrijven",
            Scope::AuditLezen => "audit.lezen",
            Scope::WijzigingenLezen => "wijzigingen.lezen",
        }
    }

    pub fn parse(value: &str) -> Option<Scope> {
        Scope::ALL.into_iter().find(|s| s.as_str() == value)
    }

    /// Wat deze scope opent, voor het document (issue 29: een scope reikt nooit verder
    /// dan haar naam).
    pub fn uitleg(self) -> &'static str {
        match self {
            Scope::GebiedenLezen => "Gebieden, hun metingen en DNA-profiel lezen.",
            Scope::GebiedenSchrijven => "Gebieden en metingen bijhouden (en lezen).",
            Scope::TrajectenLezen => {
                "Trajecten en hun stappen lezen; notities en redenen alleen met sleutelpersonen.lezen."
            }
            Scope::TrajectenSchrijven => "Trajecten bijhouden (en lezen).",
            Scope::NetwerkenLezen => {
                "Netwerken, hun afspraken, partners en gezondheid lezen; niet wie erin zit (dat is sleutelpersonen.lezen)."
            }
            Scope::NetwerkenSchrijven => {
                "Netwerken, afspraken en partners bijhouden (en lezen); lidmaatschappen vragen ook sleutelpersonen.schrijven."
            }
            Scope::SleutelpersonenLezen => {
                "Sleutelpersonen en lidmaatschappen met hun persoonsgegevens, en vrije tekst die mensen kan noemen. Alleen door de gemeente_beheerder toegekend."
            }
            Scope::SleutelpersonenSchrijven => {
                "Sleutelpersonen vastleggen en bijhouden (en lezen, als sleutelpersonen.lezen). Alleen door de gemeente_beheerder toegekend."
            }
            Scope::InitiatievenLezen => {
                "Initiatieven en aanvragen lezen, zonder de contactpersoon."
            }
            Scope::InitiatievenSchrijven => "Initiatieven en aanvragen bijhouden (en lezen).",
            Scope::BudgettenLezen => "Budgetten, grootboek en overzicht lezen.",
            Scope::BudgettenSchrijven => {
                "Budgetten bijhouden, uitbetalen en afsluiten (en lezen); besluiten en correcties doet alleen een budgethouder."
            }
            Scope::BijeenkomstenLezen => {
                "Bijeenkomsten en oefeningen lezen, zonder vrije tekst die mensen kan noemen."
            }
            Scope::BijeenkomstenSchrijven => "Bijeenkomsten en oefeningen bijhouden (en lezen).",
            Scope::OrganisatiesLezen => "De sociale kaart en de regionale catalogus lezen.",
            Scope::OrganisatiesSchrijven => {
                "De sociale kaart van de gemeente bijhouden (en lezen)."
            }
            Scope::MeldingenLezen => {
                "Meldingen en hun opvolging lezen (niet over iemand met verhoogd risico). Alleen door de gemeente_beheerder toegekend."
            }
            Scope::MeldingenSchrijven => {
                "Meldingen vastleggen en opvolgen (en lezen). Alleen door de gemeente_beheerder toegekend."
            }
            Scope::AuditLezen => "De audit trail van de gemeente lezen.",
            Scope::WijzigingenLezen => {
                "De wijzigingenstroom lezen: welke resource wanneer veranderde, zonder waarden, en alleen over wat de andere scopes laten lezen."
            }
        }
    }

    /// Geeft deze scope toegang tot persoonsgegevens: van sleutelpersonen, of in
    /// meldingen (vrije tekst over bedreigde mensen)? Zo'n scope kent alleen de
    /// `gemeente_beheerder` van de gemeente toe.
    pub fn geeft_persoonsgegevens(self) -> bool {
        matches!(
            self,
            Scope::SleutelpersonenLezen
                | Scope::SleutelpersonenSchrijven
                | Scope::MeldingenLezen
                | Scope::MeldingenSchrijven
        )
    }
}

/// Een recht dat een handler kan eisen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recht {
    /// Gebruikers zien (eigen gemeente, of alle als regionaal beheerder); wijzigen
    /// vraagt daarnaast [`Recht::GemeenteToegangBeheren`] of, voor een regionaal
    /// account, [`Recht::RegionaleRollenToekennen`].
    GebruikersBeheren,
    /// Koppelingen zien; aanmaken en wijzigen vraagt [`Recht::GemeenteToegangBeheren`].
    KoppelingenBeheren,
    /// De audit trail lezen.
    AuditTrailLezen,
    /// Regionale rollen toekennen en regionale accounts beheren.
    RegionaleRollenToekennen,
    /// Elk account en elke koppeling van een gemeente aanmaken, wijzigen,
    /// (de)activeren en wachtwoorden of secrets geven (DOMAIN.md, "Who governs access
    /// to a municipality"): alleen haar eigen `gemeente_beheerder`, wat de tenancy tot
    /// de eigen gemeente beperkt. De regio maakt alleen de eerste
    /// `gemeente_beheerder` ([`Recht::EersteGemeenteBeheerderAanmaken`]).
    GemeenteToegangBeheren,
    /// De eerste `gemeente_beheerder` aanmaken van een gemeente zonder actieve.
    EersteGemeenteBeheerderAanmaken,
    /// Velden lezen die mensen kunnen noemen: notities van stappen, redenen van
    /// besluiten en (later) de persoonsgegevens van sleutelpersonen. Alleen de
    /// `coordinator` en `gemeente_beheerder` van de gemeente en koppelingen met
    /// `sleutelpersonen.lezen`; de tenancy beperkt het al tot de eigen gemeente.
    PersoonsgegevensLezen,
    /// De instellingen van een gemeente wijzigen (groottedrempel, voorkeursaanpak):
    /// de eigen als gemeentelijk beheerder, elke als regionaal beheerder.
    GemeenteInstellingenBeheren,
    /// Gebieden, hun metingen en DNA-profiel lezen.
    GebiedenLezen,
    /// Gebieden aanmaken, wijzigen, verwijderen, metingen toevoegen, DNA aanpassen.
    GebiedenSchrijven,
    /// Trajecten lezen.
    TrajectenLezen,
    /// Trajecten starten en bijhouden.
    TrajectenSchrijven,
    /// Netwerken, hun afspraken en gezondheid lezen (ook de regio).
    NetwerkenLezen,
    /// Netwerken aanmaken, wijzigen en verwijderen.
    NetwerkenSchrijven,
    /// Sleutelpersonen en lidmaatschappen lezen, zonder persoonsgegevens tenzij ook
    /// [`Recht::PersoonsgegevensLezen`]. Niet voor de regio: die krijgt alleen tellingen.
    SleutelpersonenLezen,
    /// Sleutelpersonen en lidmaatschappen vastleggen, wijzigen en anonimiseren.
    SleutelpersonenSchrijven,
    /// Het verwerkingenlogboek van de gemeente lezen.
    VerwerkingenLezen,
    /// Initiatieven lezen (ook de regio), zonder de contactpersoon.
    InitiatievenLezen,
    /// Initiatieven aanmaken, wijzigen en verwijderen.
    InitiatievenSchrijven,
    /// De contactpersoon van een initiatief (naam, e-mail) zien: alleen de
    /// coördinatoren, budgethouders en beheerders van de gemeente.
    InitiatiefContactLezen,
    /// Budgetten, hun grootboek en overzicht lezen (ook de regio).
    BudgettenLezen,
    /// Budgetten aanmaken en wijzigen, uitbetalen: budgethouders en beheerders.
    BudgettenSchrijven,
    /// Aanvragen indienen en bijhouden (namens een initiatief of netwerk).
    AanvragenSchrijven,
    /// Besluiten op een aanvraag: alleen een budgethouder van de gemeente.
    AanvraagBesluiten,
    /// De sociale kaart en de regionale catalogus lezen (iedereen met een rol).
    OrganisatiesLezen,
    /// Organisaties op de sociale kaart van de eigen gemeente bijhouden en aan
    /// netwerken koppelen.
    OrganisatiesSchrijven,
    /// De regionale catalogus bijhouden: alleen de `regio_beheerder`.
    CatalogusSchrijven,
    /// Een nieuwe versie van de leidraad publiceren: alleen de `regio_beheerder`.
    LeidraadPubliceren,
    /// Eigen vragen en checklistpunten aan de leidraad toevoegen: alleen de
    /// `gemeente_beheerder`, voor zijn gemeente.
    LeidraadAanvullen,
    /// Bijeenkomsten en oefeningen lezen (ook de regio).
    BijeenkomstenLezen,
    /// Bijeenkomsten en oefeningen vastleggen en bijhouden.
    BijeenkomstenSchrijven,
    /// Meldingen lezen: alleen coördinatoren en beheerders van de gemeente en
    /// koppelingen met `meldingen.lezen`. Wie dit niet heeft, krijgt 404 op een melding.
    MeldingenLezen,
    /// Meldingen vastleggen, opvolgen en afsluiten.
    MeldingenSchrijven,
    /// Het dashboard lezen: de regio alle gemeenten, een gemeente zichzelf. Alleen
    /// aantallen, nooit persoonsgegevens.
    DashboardLezen,
    /// De werklijst lezen: een gemeentelijke rol wat zij mag zien, de regio aantallen.
    /// Niet voor koppelingen (die volgen de wijzigingen).
    WerklijstLezen,
    /// De wijzigingenstroom van de eigen gemeente lezen (per regel alleen wat de
    /// aanroeper zelf mag lezen). Niet voor de regio.
    WijzigingenLezen,
}

/// Iedereen met een rol leest de niet-persoonlijke gegevens.
const LEZERS: &[Rol] = &Rol::ALL;
/// Gemeentelijke gegevens schrijven: coördinatoren en beheerders van de gemeente.
const SCHRIJVERS: &[Rol] = &[Rol::Coordinator, Rol::GemeenteBeheerder];

impl Recht {
    /// Welke rollen dit recht geven.
    pub fn rollen(self) -> &'static [Rol] {
        match self {
            Recht::GebruikersBeheren
            | Recht::KoppelingenBeheren
            | Recht::AuditTrailLezen
            | Recht::GemeenteInstellingenBeheren => &[Rol::GemeenteBeheerder, Rol::RegioBeheerder],
            Recht::RegionaleRollenToekennen | Recht::EersteGemeenteBeheerderAanmaken => {
                &[Rol::RegioBeheerder]
            }
            Recht::GemeenteToegangBeheren => &[Rol::GemeenteBeheerder],
            Recht::PersoonsgegevensLezen => &[Rol::Coordinator, Rol::GemeenteBeheerder],
            Recht::GebiedenLezen | Recht::TrajectenLezen | Recht::NetwerkenLezen => LEZERS,
            Recht::GebiedenSchrijven
            | Recht::TrajectenSchrijven
            | Recht::NetwerkenSchrijven
            | Recht::SleutelpersonenSchrijven => SCHRIJVERS,
            Recht::SleutelpersonenLezen => &[
                Rol::GemeenteBeheerder,
                Rol::Coordinator,
                Rol::Budgethouder,
                Rol::Raadpleger,
            ],
            Recht::VerwerkingenLezen => &[Rol::GemeenteBeheerder],
            Recht::InitiatievenLezen | Recht::BudgettenLezen => LEZERS,
            Recht::BudgettenSchrijven => &[Rol::Budgethouder, Rol::GemeenteBeheerder],
            Recht::AanvragenSchrijven => SCHRIJVERS,
            Recht::AanvraagBesluiten => &[Rol::Budgethouder],
            Recht::InitiatievenSchrijven => SCHRIJVERS,
            Recht::OrganisatiesLezen
            | Recht::BijeenkomstenLezen
            | Recht::DashboardLezen
            | Recht::WerklijstLezen
            | Recht::WijzigingenLezen => LEZERS,
            Recht::OrganisatiesSchrijven
            | Recht::BijeenkomstenSchrijven
            | Recht::MeldingenLezen
            | Recht::MeldingenSchrijven => SCHRIJVERS,
            Recht::CatalogusSchrijven | Recht::LeidraadPubliceren => &[Rol::RegioBeheerder],
            Recht::LeidraadAanvullen => &[Rol::GemeenteBeheerder],
            Recht::InitiatiefContactLezen => {
                &[Rol::GemeenteBeheerder, Rol::Coordinator, Rol::Budgethouder]
            }
        }
    }

    /// Welke scopes dit recht aan een koppeling geven. Koppelingen beheren geen
    /// accounts; de audit trail lezen ze alleen met `audit.lezen`; schrijven omvat
    /// lezen.
    pub fn scopes(self) -> &'static [Scope] {
        match self {
            Recht::GebiedenLezen => &[Scope::GebiedenLezen, Scope::GebiedenSchrijven],
            Recht::GebiedenSchrijven => &[Scope::GebiedenSchrijven],
            Recht::TrajectenLezen => &[Scope::TrajectenLezen, Scope::TrajectenSchrijven],
            Recht::TrajectenSchrijven => &[Scope::TrajectenSchrijven],
            Recht::NetwerkenLezen => &[Scope::NetwerkenLezen, Scope::NetwerkenSchrijven],
            Recht::NetwerkenSchrijven => &[Scope::NetwerkenSchrijven],
            // Sleutelpersonen en lidmaatschappen, ook zonder persoonsgegevens, alleen met
            // een scope sleutelpersonen.*: netwerken.* opent de netwerken, niet wie erin zit.
            Recht::SleutelpersonenLezen => {
                &[Scope::SleutelpersonenLezen, Scope::SleutelpersonenSchrijven]
            }
            Recht::SleutelpersonenSchrijven => &[Scope::SleutelpersonenSchrijven],
            Recht::InitiatievenLezen => &[Scope::InitiatievenLezen, Scope::InitiatievenSchrijven],
            Recht::InitiatievenSchrijven | Recht::AanvragenSchrijven => {
                &[Scope::InitiatievenSchrijven]
            }
            Recht::BudgettenLezen => &[Scope::BudgettenLezen, Scope::BudgettenSchrijven],
            Recht::BudgettenSchrijven => &[Scope::BudgettenSchrijven],
            Recht::PersoonsgegevensLezen => {
                &[Scope::SleutelpersonenLezen, Scope::SleutelpersonenSchrijven]
            }
            Recht::OrganisatiesLezen => &[Scope::OrganisatiesLezen, Scope::OrganisatiesSchrijven],
            Recht::OrganisatiesSchrijven => &[Scope::OrganisatiesSchrijven],
            Recht::BijeenkomstenLezen => {
                &[Scope::BijeenkomstenLezen, Scope::BijeenkomstenSchrijven]
            }
            Recht::BijeenkomstenSchrijven => &[Scope::BijeenkomstenSchrijven],
            Recht::MeldingenLezen => &[Scope::MeldingenLezen, Scope::MeldingenSchrijven],
            Recht::MeldingenSchrijven => &[Scope::MeldingenSchrijven],
            // Een koppeling leest de audit trail van haar gemeente (wat het systeem
            // zelf deed, ter controle): namen van velden, geen persoonsgegevens.
            Recht::AuditTrailLezen => &[Scope::AuditLezen],
            Recht::WijzigingenLezen => &[Scope::WijzigingenLezen],
            _ => &[],
        }
    }

    /// De `code` van een 403 om dit recht.
    pub fn code(self) -> crate::http::problem::Code {
        use crate::http::problem::Code;
        match self {
            Recht::GemeenteToegangBeheren => Code::AlleenGemeenteBeheerder,
            _ => Code::GeenRecht,
        }
    }

    /// De uitleg bij een 403.
    pub fn weigering(self) -> &'static str {
        match self {
            Recht::GebruikersBeheren => {
                "Alleen een gemeentelijk of regionaal beheerder beheert gebruikers."
            }
            Recht::KoppelingenBeheren => {
                "Alleen een gemeentelijk of regionaal beheerder beheert koppelingen."
            }
            Recht::AuditTrailLezen => {
                "Alleen een gemeentelijk of regionaal beheerder (of een koppeling met audit.lezen) leest de audit trail."
            }
            Recht::RegionaleRollenToekennen => {
                "Alleen een regionaal beheerder kent regionale rollen toe en beheert regionale accounts."
            }
            Recht::GemeenteToegangBeheren => {
                "De accounts en koppelingen van een gemeente beheert alleen de gemeente_beheerder van \
                 die gemeente; de regio maakt alleen de eerste gemeente_beheerder aan, met een activeringscode."
            }
            Recht::EersteGemeenteBeheerderAanmaken => {
                "Alleen een regionaal beheerder maakt de eerste gemeente_beheerder van een gemeente."
            }
            Recht::PersoonsgegevensLezen => {
                "Persoonsgegevens ziet alleen de coördinator of gemeente_beheerder van de gemeente, \
                 of een koppeling met sleutelpersonen.lezen."
            }
            Recht::GemeenteInstellingenBeheren => {
                "Alleen de gemeente_beheerder van de gemeente of een regio_beheerder wijzigt haar instellingen."
            }
            Recht::DashboardLezen => {
                "Het dashboard is voor mensen met een rol, niet voor koppelingen."
            }
            Recht::WerklijstLezen => {
                "De werklijst is voor mensen met een rol; een koppeling volgt de wijzigingen."
            }
            Recht::WijzigingenLezen => {
                "De wijzigingenstroom leest een gemeentelijke rol, of een koppeling met wijzigingen.lezen."
            }
            Recht::LeidraadPubliceren => {
                "Alleen een regio_beheerder publiceert een nieuwe versie van de leidraad."
            }
            Recht::LeidraadAanvullen => {
                "Alleen de gemeente_beheerder van de gemeente vult de leidraad aan."
            }
            Recht::GebiedenLezen
            | Recht::GebiedenSchrijven
            | Recht::TrajectenLezen
            | Recht::TrajectenSchrijven
            | Recht::NetwerkenLezen
            | Recht::NetwerkenSchrijven
            | Recht::SleutelpersonenLezen
            | Recht::SleutelpersonenSchrijven
            | Recht::VerwerkingenLezen
            | Recht::InitiatievenLezen
            | Recht::InitiatievenSchrijven
            | Recht::InitiatiefContactLezen
            | Recht::BudgettenLezen
            | Recht::BudgettenSchrijven
            | Recht::AanvragenSchrijven
            | Recht::AanvraagBesluiten
            | Recht::OrganisatiesLezen
            | Recht::OrganisatiesSchrijven
            | Recht::CatalogusSchrijven
            | Recht::BijeenkomstenLezen
            | Recht::BijeenkomstenSchrijven
            | Recht::MeldingenLezen
            | Recht::MeldingenSchrijven => self.weigering_gegevens(),
        }
    }

    /// De weigering voor de rechten op de gegevens van een gemeente (gebieden tot
    /// meldingen); [`Recht::weigering`] zegt die voor toegang en beheer.
    fn weigering_gegevens(self) -> &'static str {
        match self {
            Recht::GebiedenLezen => "Voor gebieden is een rol of de scope gebieden.lezen nodig.",
            Recht::GebiedenSchrijven => {
                "Alleen coördinatoren en beheerders van de gemeente (of een koppeling met gebieden.schrijven) wijzigen gebieden."
            }
            Recht::TrajectenLezen => "Voor trajecten is een rol of de scope trajecten.lezen nodig.",
            Recht::TrajectenSchrijven => {
                "Alleen coördinatoren en beheerders van de gemeente (of een koppeling met trajecten.schrijven) wijzigen trajecten."
            }
            Recht::NetwerkenLezen => "Voor netwerken is een rol of de scope netwerken.lezen nodig.",
            Recht::NetwerkenSchrijven => {
                "Alleen coördinatoren en beheerders van de gemeente (of een koppeling met netwerken.schrijven) wijzigen netwerken."
            }
            Recht::SleutelpersonenLezen => {
                "Sleutelpersonen en lidmaatschappen leest alleen de gemeente zelf (of een koppeling met sleutelpersonen.lezen); de regio krijgt alleen tellingen."
            }
            Recht::SleutelpersonenSchrijven => {
                "Alleen coördinatoren en beheerders van de gemeente (of een koppeling met sleutelpersonen.schrijven) leggen sleutelpersonen vast."
            }
            Recht::VerwerkingenLezen => {
                "Alleen de gemeente_beheerder van de gemeente leest het verwerkingenlogboek."
            }
            Recht::InitiatievenLezen => {
                "Voor initiatieven is een rol of de scope initiatieven.lezen nodig."
            }
            Recht::InitiatievenSchrijven => {
                "Alleen coördinatoren en beheerders van de gemeente (of een koppeling met initiatieven.schrijven) wijzigen initiatieven."
            }
            Recht::InitiatiefContactLezen => {
                "De contactpersoon van een initiatief zien alleen coördinatoren, budgethouders en beheerders van de gemeente."
            }
            Recht::BudgettenLezen => "Voor budgetten is een rol of de scope budgetten.lezen nodig.",
            Recht::BudgettenSchrijven => {
                "Alleen budgethouders en beheerders van de gemeente (of een koppeling met budgetten.schrijven) beheren budgetten en betalen uit."
            }
            Recht::AanvragenSchrijven => {
                "Alleen coördinatoren en beheerders van de gemeente (of een koppeling met initiatieven.schrijven) dienen aanvragen in."
            }
            Recht::AanvraagBesluiten => {
                "Alleen een budgethouder van de gemeente besluit op een aanvraag."
            }
            Recht::OrganisatiesLezen => {
                "Voor de sociale kaart is een rol of de scope organisaties.lezen nodig."
            }
            Recht::OrganisatiesSchrijven => {
                "Alleen coördinatoren en beheerders van de gemeente (of een koppeling met organisaties.schrijven) houden de sociale kaart bij."
            }
            Recht::CatalogusSchrijven => {
                "Alleen een regio_beheerder houdt de regionale catalogus bij."
            }
            Recht::BijeenkomstenLezen => {
                "Voor bijeenkomsten en oefeningen is een rol of de scope bijeenkomsten.lezen nodig."
            }
            Recht::BijeenkomstenSchrijven => {
                "Alleen coördinatoren en beheerders van de gemeente (of een koppeling met bijeenkomsten.schrijven) leggen bijeenkomsten en oefeningen vast."
            }
            Recht::MeldingenLezen => {
                "Meldingen lezen alleen de coördinatoren en beheerders van de gemeente (of een koppeling met meldingen.lezen)."
            }
            Recht::MeldingenSchrijven => {
                "Alleen coördinatoren en beheerders van de gemeente (of een koppeling met meldingen.schrijven) leggen meldingen vast."
            }
            _ => "U heeft dit recht niet.",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_match_serde() {
        for rol in Rol::ALL {
            assert_eq!(Rol::parse(rol.as_str()), Some(rol));
            assert_eq!(
                serde_json::to_value(rol).expect("rol"),
                serde_json::Value::from(rol.as_str())
            );
        }
        for scope in Scope::ALL {
            assert_eq!(Scope::parse(scope.as_str()), Some(scope));
            assert_eq!(
                serde_json::to_value(scope).expect("scope"),
                serde_json::Value::from(scope.as_str())
            );
        }
    }

    #[test]
    fn only_key_person_and_report_scopes_carry_personal_data() {
        let personal: Vec<_> = Scope::ALL
            .into_iter()
            .filter(|s| s.geeft_persoonsgegevens())
            .map(Scope::as_str)
            .collect();
        assert_eq!(
            personal,
            [
                "sleutelpersonen.lezen",
                "sleutelpersonen.schrijven",
                "meldingen.lezen",
                "meldingen.schrijven"
            ]
        );
    }
}
