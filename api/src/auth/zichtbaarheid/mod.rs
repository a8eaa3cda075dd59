//! Wie welk veld ziet (DOMAIN.md, "Personal data"; issue 30): elk veld van een
//! representatie heeft een klasse, één keer vastgelegd in de tabel `velden` van zijn
//! module ([`crate::modules::Module::velden`]). Het document publiceert de klasse per
//! property als `x-zichtbaarheid` (met `x-zichtbaarheid-ook` voor extra lezers), en
//! de dienst laat een veld uit elk antwoord weg voor wie het niet mag zien
//! ([`filter`]). Vrije tekst is persoonsgegeven tot het
//! tegendeel bewezen is: klasse [`Klasse::Naam`].

pub mod filter;

use super::{Caller, Recht, Rol};

/// De klasse van een veld: wie het ziet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Klasse {
    /// Elke rol, ook de regio.
    Openbaar,
    /// Elke rol en koppeling van de gemeente; niet de regio.
    Gemeente,
    /// Vrije tekst die mensen kan noemen: de `coordinator` en `gemeente_beheerder`
    /// van de gemeente en koppelingen met `sleutelpersonen.lezen`.
    Naam,
    /// De eigen gegevens van een sleutelpersoon: dezelfde lezers als [`Klasse::Naam`],
    /// en bij verhoogd risico alleen de genoemde medewerkers (dat regelt de module).
    Persoonsgegevens,
}

impl Klasse {
    pub const ALLE: [Klasse; 4] = [
        Klasse::Openbaar,
        Klasse::Gemeente,
        Klasse::Naam,
        Klasse::Persoonsgegevens,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Klasse::Openbaar => "openbaar",
            Klasse::Gemeente => "gemeente",
            Klasse::Naam => "naam",
            Klasse::Persoonsgegevens => "persoonsgegevens",
        }
    }

    pub fn parse(tekst: &str) -> Option<Klasse> {
        Klasse::ALLE.into_iter().find(|k| k.as_str() == tekst)
    }
}

/// Eén veld met zijn klasse, de rollen die het daarnaast zien en waarom.
#[derive(Debug, Clone, Copy)]
pub struct Veld {
    pub naam: &'static str,
    pub klasse: Klasse,
    /// Rollen van de gemeente die het veld ook zien, omdat hun werk erom vraagt (een
    /// budgethouder leest het plan waarop hij besluit).
    pub ook: &'static [Rol],
    pub reden: &'static str,
}

impl Veld {
    /// Een externe referentie (issue 38): het id van een record in een ander systeem van
    /// de gemeente, met een patroon dat geen naam of e-mailadres toelaat. Eén keer hier
    /// voor elke resource die haar heeft.
    pub const EXTERNE_REFERENTIE: Veld = Veld::openbaar(
        "externeReferentie",
        "Een id van een ander systeem; het patroon laat geen spatie of @ toe, dus geen naam of e-mailadres.",
    );

    pub const fn openbaar(naam: &'static str, reden: &'static str) -> Self {
        Self::nieuw(naam, Klasse::Openbaar, reden)
    }

    pub const fn gemeente(naam: &'static str, reden: &'static str) -> Self {
        Self::nieuw(naam, Klasse::Gemeente, reden)
    }

    pub const fn naam(naam: &'static str, reden: &'static str) -> Self {
        Self::nieuw(naam, Klasse::Naam, reden)
    }

    pub const fn persoonsgegevens(naam: &'static str, reden: &'static str) -> Self {
        Self::nieuw(naam, Klasse::Persoonsgegevens, reden)
    }

    const fn nieuw(naam: &'static str, klasse: Klasse, reden: &'static str) -> Self {
        Veld {
            naam,
            klasse,
            ook: &[],
            reden,
        }
    }

    /// Dit veld zien ook deze rollen (van de gemeente).
    pub const fn ook(mut self, rollen: &'static [Rol]) -> Self {
        self.ook = rollen;
        self
    }
}

/// De velden van een of meer schema's (een representatie en de bodies die haar
/// schrijven delen hun velden).
#[derive(Debug, Clone, Copy)]
pub struct Velden {
    pub schemas: &'static [&'static str],
    pub velden: &'static [Veld],
}

/// Wat een aanroeper ziet, per klasse: bepaald één keer per verzoek.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lezer {
    gemeente: bool,
    namen: bool,
    rollen: Vec<Rol>,
}

impl Lezer {
    pub fn van(caller: &Caller) -> Self {
        Lezer {
            gemeente: caller.gemeente.is_some(),
            namen: caller.gemeente.is_some() && caller.has(Recht::PersoonsgegevensLezen),
            rollen: caller.rollen.clone(),
        }
    }

    /// Ziet deze lezer een veld van `klasse` dat ook `ook` ziet?
    pub fn ziet(&self, klasse: Klasse, ook: &[Rol]) -> bool {
        match klasse {
            Klasse::Openbaar => true,
            // Een gemeentelijk veld kan ook een regionale rol noemen (de aanvullingen
            // van de leidraad: de regio_beheerder leest ze).
            Klasse::Gemeente => self.gemeente || ook.iter().any(|r| self.rollen.contains(r)),
            // Namen ziet alleen de gemeente zelf; `ook` noemt daar extra rollen.
            Klasse::Naam | Klasse::Persoonsgegevens => {
                self.namen || (self.gemeente && ook.iter().any(|r| self.rollen.contains(r)))
            }
        }
    }

    /// Ziet deze lezer alles (dan hoeft een antwoord niet bekeken te worden)?
    pub fn ziet_alles(&self) -> bool {
        self.gemeente && self.namen
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::{Actor, GemeenteRef, Scope};
    use uuid::Uuid;

    fn caller(gemeente: bool, rollen: &[Rol], scopes: &[Scope]) -> Caller {
        Caller {
            actor: Actor::Systeem,
            gemeente: gemeente.then(|| GemeenteRef {
                id: Uuid::nil(),
                code: "GM0796".into(),
            }),
            rollen: rollen.to_vec(),
            scopes: scopes.to_vec(),
        }
    }

    #[test]
    fn klassen_per_aanroeper() {
        let regio = Lezer::van(&caller(false, &[Rol::RegioBeheerder], &[]));
        let raadpleger = Lezer::van(&caller(true, &[Rol::Raadpleger], &[]));
        let budgethouder = Lezer::van(&caller(true, &[Rol::Budgethouder], &[]));
        let coordinator = Lezer::van(&caller(true, &[Rol::Coordinator], &[]));
        let koppeling = Lezer::van(&caller(true, &[], &[Scope::SleutelpersonenLezen]));
        let netwerken = Lezer::van(&caller(true, &[], &[Scope::NetwerkenLezen]));
        let ook = &[Rol::Budgethouder];
        for (lezer, openbaar, gemeente, naam, met_ook) in [
            (&regio, true, false, false, false),
            (&raadpleger, true, true, false, false),
            (&budgethouder, true, true, false, true),
            (&coordinator, true, true, true, true),
            (&koppeling, true, true, true, true),
            (&netwerken, true, true, false, false),
        ] {
            assert_eq!(lezer.ziet(Klasse::Openbaar, &[]), openbaar, "{lezer:?}");
            assert_eq!(lezer.ziet(Klasse::Gemeente, &[]), gemeente, "{lezer:?}");
            assert_eq!(lezer.ziet(Klasse::Naam, &[]), naam, "{lezer:?}");
            assert_eq!(lezer.ziet(Klasse::Persoonsgegevens, &[]), naam, "{lezer:?}");
            assert_eq!(lezer.ziet(Klasse::Naam, ook), met_ook, "{lezer:?}");
        }
    }
}
