//! Het DNA-kwadrant van een gebied (DOMAIN.md, "Areas and the DNA quadrant", en
//! handreiking 000 §2): grootte, cohesie uit de drempels van de kolom van die
//! grootte (of de niet-meetbare tekenen), kwadrant, aanpak, communicatiemiddelen en
//! een uitleg in gewone taal. Alleen rekenwerk, zonder database.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

pub use entity::soorten::{DnaBasis, Grootteklasse};

/// Hoe één indicator scoort tegen de cellen van de figuur bij de grootte van het
/// gebied: de sterk-cel gehaald, de zwak-cel gehaald, of ertussenin.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Band {
    Sterk,
    /// Noch de sterk-cel noch de zwak-cel (de naam is een keuze van dit project).
    Tussen,
    Zwak,
}

impl Band {
    fn label(self) -> &'static str {
        match self {
            Band::Sterk => "sterk",
            Band::Tussen => "tussen sterk en zwak",
            Band::Zwak => "zwak",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Cohesie {
    Sterk,
    Zwak,
    Onbepaald,
}

impl Cohesie {
    pub fn as_str(self) -> &'static str {
        match self {
            Cohesie::Sterk => "sterk",
            Cohesie::Zwak => "zwak",
            Cohesie::Onbepaald => "onbepaald",
        }
    }

    pub fn parse(value: &str) -> Option<Cohesie> {
        [Cohesie::Sterk, Cohesie::Zwak, Cohesie::Onbepaald]
            .into_iter()
            .find(|c| c.as_str() == value)
    }
}

/// Wat de berekende cohesie besliste.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    /// Meer indicatoren sterk dan zwak, of andersom.
    Indicatoren,
    /// Geen (beoordeelbare) indicator, of ze hielden elkaar in evenwicht: de tekenen.
    Tekenen,
    /// Niets besliste: de cohesie is onbepaald.
    Geen,
}

impl Basis {
    pub fn as_str(self) -> &'static str {
        match self {
            Basis::Indicatoren => "indicatoren",
            Basis::Tekenen => "tekenen",
            Basis::Geen => "geen",
        }
    }

    pub fn parse(value: &str) -> Option<Basis> {
        [Basis::Indicatoren, Basis::Tekenen, Basis::Geen]
            .into_iter()
            .find(|b| b.as_str() == value)
    }
}

/// Klein onder de drempel, groot vanaf de drempel.
pub fn grootte_uit_inwonertal(inwonertal: i64, drempel: i64) -> Grootteklasse {
    if inwonertal >= drempel {
        Grootteklasse::Groot
    } else {
        Grootteklasse::Klein
    }
}

/// De aanpak van de gemeente in een gebied.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Aanpak {
    Coachend,
    Coordinerend,
}

impl Aanpak {
    pub fn as_str(self) -> &'static str {
        match self {
            Aanpak::Coachend => "coachend",
            Aanpak::Coordinerend => "coordinerend",
        }
    }

    pub fn parse(value: &str) -> Option<Aanpak> {
        [Aanpak::Coachend, Aanpak::Coordinerend]
            .into_iter()
            .find(|a| a.as_str() == value)
    }

    /// Het stappenplan in de handreiking.
    fn hoofdstuk(self) -> &'static str {
        match self {
            Aanpak::Coachend => "de coachende aanpak (hoofdstuk 4 van de handreiking)",
            Aanpak::Coordinerend => "de coördinerende aanpak (hoofdstuk 3 van de handreiking)",
        }
    }
}

/// Een grens uit een cel van de figuur.
#[derive(Debug, Clone, Copy)]
enum Grens {
    /// `≥ x`
    Vanaf(f64),
    /// `< x`
    Onder(f64),
    /// `≤ x`
    TotEnMet(f64),
}

impl Grens {
    fn gehaald(self, waarde: f64) -> bool {
        match self {
            Grens::Vanaf(x) => waarde >= x,
            Grens::Onder(x) => waarde < x,
            Grens::TotEnMet(x) => waarde <= x,
        }
    }
}

/// De sterk-cel en de zwak-cel van één kolom (grootte) voor een indicator.
#[derive(Debug, Clone, Copy)]
struct Kolom {
    sterk: Grens,
    zwak: Grens,
}

const fn kolom(sterk: Grens, zwak: Grens) -> Kolom {
    Kolom { sterk, zwak }
}

/// Een meetbare indicator: veldnaam in de meting, bereik en de cellen van de figuur.
#[derive(Debug, Clone, Copy)]
pub struct Indicator {
    /// De veldnaam van de meting, bv. `leefbaarometer`.
    pub veld: &'static str,
    /// Wat er gemeten wordt, voor de uitleg.
    pub omschrijving: &'static str,
    klein: Kolom,
    groot: Kolom,
}

impl Indicator {
    /// De band van een waarde in een gebied van deze grootte.
    pub fn band(&self, grootte: Grootteklasse, waarde: f64) -> Band {
        let kolom = match grootte {
            Grootteklasse::Klein => self.klein,
            Grootteklasse::Groot => self.groot,
        };
        if kolom.sterk.gehaald(waarde) {
            Band::Sterk
        } else if kolom.zwak.gehaald(waarde) {
            Band::Zwak
        } else {
            Band::Tussen
        }
    }
}

use Grens::{Onder, TotEnMet, Vanaf};

/// De zeven indicatoren met de cellen van DOMAIN.md (vak 1 en 2: klein, vak 3 en 4:
/// groot). De opkomst van de kleine kolom leest dit project als die van de grote (de
/// handreiking geeft klein geen sterk-cel en zet "≥ 70 %" in de zwak-cel); de
/// Leefbaarometer loopt van 1 tot en met 9.
pub const INDICATOREN: [Indicator; 7] = [
    Indicator {
        veld: "burgerinitiatievenPer1000",
        omschrijving: "burgerinitiatieven per 1000 inwoners",
        klein: kolom(Vanaf(3.0), Onder(2.0)),
        groot: kolom(Vanaf(2.0), Onder(1.0)),
    },
    Indicator {
        veld: "vrijwilligerswerkPercentage",
        omschrijving: "percentage inwoners dat vrijwilligerswerk doet",
        klein: kolom(Vanaf(40.0), Onder(30.0)),
        groot: kolom(Vanaf(35.0), Onder(25.0)),
    },
    Indicator {
        veld: "verenigingslidmaatschapPercentage",
        omschrijving: "percentage inwoners dat lid is van een vereniging",
        klein: kolom(Vanaf(50.0), Onder(35.0)),
        groot: kolom(Vanaf(40.0), Onder(30.0)),
    },
    Indicator {
        veld: "buurthuisbezoekPer1000",
        omschrijving: "bezoeken aan buurthuizen per 1000 inwoners",
        klein: kolom(Vanaf(20.0), Onder(10.0)),
        groot: kolom(Vanaf(15.0), Onder(5.0)),
    },
    Indicator {
        veld: "verkiezingsopkomstPercentage",
        omschrijving: "opkomst bij verkiezingen",
        klein: kolom(Vanaf(70.0), Onder(60.0)),
        groot: kolom(Vanaf(70.0), Onder(60.0)),
    },
    Indicator {
        veld: "overlastregistratiesPer1000",
        omschrijving: "overlastregistraties per 1000 inwoners (lager is beter)",
        klein: kolom(Onder(10.0), Vanaf(15.0)),
        groot: kolom(TotEnMet(15.0), Vanaf(20.0)),
    },
    Indicator {
        veld: "leefbaarometer",
        omschrijving: "Leefbaarometer-score (schaal 1 tot en met 9)",
        klein: kolom(Vanaf(7.5), Onder(6.5)),
        groot: kolom(Vanaf(7.0), Onder(6.0)),
    },
];

/// De zeven niet-meetbare tekenen van samenhang (ja/nee), zoals de handreiking ze noemt.
pub const TEKENEN: [(&str, &str); 7] = [
    ("inwonersKennenElkaar", "inwoners kennen elkaar"),
    ("groetenElkaarOpStraat", "groeten elkaar op straat"),
    (
        "grootsteDeelGeborenEnGetogen",
        "het grootste deel is er geboren en getogen",
    ),
    ("wetenWaarKwetsbarenZijn", "weten waar de kwetsbaren zijn"),
    ("kennenEnSprekenBuren", "kennen en spreken de buren"),
    ("buurtfeesten", "buurtfeesten"),
    (
        "wonenEnWerkenInZelfdeGebied",
        "wonen en werken in hetzelfde gebied",
    ),
];

/// De laatste waarde van één indicator of teken: uit de meest recente meting (op
/// peildatum) die haar bevat. Een teken is 1 (ja) of 0 (nee).
#[derive(Debug, Clone, PartialEq)]
pub struct Meetwaarde {
    pub veld: String,
    pub waarde: f64,
    pub peildatum: NaiveDate,
    pub bron: String,
}

/// Eén indicator in het profiel: de laatste waarde, met haar band, peildatum en bron.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct IndicatorWaarde {
    /// De veldnaam van de meting, bv. `leefbaarometer`.
    pub indicator: String,
    pub waarde: f64,
    /// Tegen de cellen van de grootte van het gebied; `null` zolang de grootte
    /// onbekend is.
    pub band: Option<Band>,
    pub peildatum: NaiveDate,
    pub bron: String,
}

/// Eén niet-meetbaar teken in het profiel: het laatste antwoord.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct TekenWaarde {
    /// De veldnaam van de meting, bv. `buurtfeesten`.
    pub teken: String,
    pub waarde: bool,
    pub peildatum: NaiveDate,
    pub bron: String,
}

/// Een handmatige keuze van een coördinator, met reden.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Handmatig {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub grootteklasse: Option<Grootteklasse>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cohesie: Option<Cohesie>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub aanpak: Option<Vec<Aanpak>>,
    /// Waarom de berekende waarde niet past.
    pub reden: String,
    /// Wie de keuze maakte (gebruiker-id).
    pub door: Option<uuid::Uuid>,
    pub op: chrono::DateTime<chrono::Utc>,
}

/// Wat de regels opleveren, los van een handmatige keuze.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Berekend {
    pub cohesie: Cohesie,
    pub basis: Basis,
    pub grootteklasse: Option<Grootteklasse>,
    pub kwadrant: Option<u8>,
    pub aanpak: Vec<Aanpak>,
}

/// Het DNA-profiel van een gebied. `cohesie`, `grootteklasse`, `kwadrant` en `aanpak`
/// zijn de geldende waarden (met een handmatige keuze erin verwerkt); `berekend`
/// laat ernaast zien wat de regels zeggen.
///
/// Keuzes van het project, die de handreiking niet maakt: de schaal van de
/// Leefbaarometer (1–9), de nummering van de vakken (1 klein en sterk, 2 klein en
/// zwak, 3 groot en sterk, 4 groot en zwak: de figuur gelezen in haar volgorde), de
/// drempel tussen klein en groot (standaard 5000 inwoners, per gemeente te zetten) en
/// de meerderheidsregel (meer indicatoren sterk dan zwak, of meer tekenen ja dan nee).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct DnaProfiel {
    pub cohesie: Cohesie,
    /// Wat de berekende cohesie besliste: de indicatoren, de tekenen of niets.
    pub basis: Basis,
    pub grootteklasse: Option<Grootteklasse>,
    /// 1 klein en sterk, 2 klein en zwak, 3 groot en sterk, 4 groot en zwak; `null`
    /// zolang cohesie of grootte onbepaald is.
    pub kwadrant: Option<u8>,
    pub aanpak: Vec<Aanpak>,
    /// Per gemeten indicator de laatste waarde (een latere meting van twee
    /// indicatoren laat de andere staan).
    pub indicatoren: Vec<IndicatorWaarde>,
    /// Per beantwoord teken het laatste antwoord.
    pub tekenen: Vec<TekenWaarde>,
    /// De jongste peildatum onder de waarden van het profiel.
    pub peildatum: Option<NaiveDate>,
    pub communicatiemiddelen: Vec<String>,
    /// Wat de handreiking bij elk vak zegt: successen zichtbaar vieren, waardering
    /// tonen, consequent communiceren in lijn met de landelijke communicatie (NCTV).
    #[serde(default)]
    pub voor_alle_vlakken: Vec<String>,
    /// Uitleg in gewone taal: wat besliste, welk vak, welk stappenplan. Getallen met
    /// hoogstens één decimaal.
    pub toelichting: String,
    pub berekend: Berekend,
    pub handmatig: Option<Handmatig>,
}

/// De kern van een DNA-profiel zoals een lijst van gebieden hem toont: de geldende
/// waarden, zonder de onderbouwing (indicatoren, tekenen, toelichting, berekend en
/// handmatig), die bij het gebied zelf staat. Dezelfde namen als in [`DnaProfiel`].
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct DnaKenmerken {
    pub cohesie: Cohesie,
    pub basis: Basis,
    pub grootteklasse: Option<Grootteklasse>,
    /// 1 klein en sterk, 2 klein en zwak, 3 groot en sterk, 4 groot en zwak.
    pub kwadrant: Option<u8>,
    pub aanpak: Vec<Aanpak>,
    pub peildatum: Option<NaiveDate>,
}

impl From<&DnaProfiel> for DnaKenmerken {
    fn from(p: &DnaProfiel) -> Self {
        DnaKenmerken {
            cohesie: p.cohesie,
            basis: p.basis,
            grootteklasse: p.grootteklasse,
            kwadrant: p.kwadrant,
            aanpak: p.aanpak.clone(),
            peildatum: p.peildatum,
        }
    }
}

/// Hoe de grootteklasse tot stand kwam.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GrootteBron {
    /// Door de gemeente gezet.
    Gezet(Grootteklasse),
    /// Afgeleid uit inwonertal en drempel.
    Afgeleid {
        klasse: Grootteklasse,
        inwonertal: i64,
        drempel: i64,
    },
    Onbekend,
}

impl GrootteBron {
    pub fn new(gezet: Option<Grootteklasse>, inwonertal: Option<i64>, drempel: i64) -> Self {
        match (gezet, inwonertal) {
            (Some(klasse), _) => GrootteBron::Gezet(klasse),
            (None, Some(inwonertal)) => GrootteBron::Afgeleid {
                klasse: grootte_uit_inwonertal(inwonertal, drempel),
                inwonertal,
                drempel,
            },
            (None, None) => GrootteBron::Onbekend,
        }
    }

    fn klasse(self) -> Option<Grootteklasse> {
        match self {
            GrootteBron::Gezet(k) | GrootteBron::Afgeleid { klasse: k, .. } => Some(k),
            GrootteBron::Onbekend => None,
        }
    }
}

/// Wat een gebied meebrengt naar de berekening.
#[derive(Debug, Clone)]
pub struct Gegevens {
    /// De laatste waarde per indicator en per teken.
    pub waarden: Vec<Meetwaarde>,
    pub grootte: GrootteBron,
    /// De aanpak die de gemeente in vak 2 en 3 voorstelt; `None`: allebei.
    pub voorkeur: Option<Aanpak>,
    /// Wat de gemeente laat beslissen: de indicatoren of de tekenen.
    pub basis: DnaBasis,
    pub handmatig: Option<Handmatig>,
}

/// Meer sterk dan zwak: sterk; meer zwak: zwak; gelijk of niets: geen uitspraak.
fn meerderheid(sterk: usize, zwak: usize) -> Option<Cohesie> {
    match sterk.cmp(&zwak) {
        std::cmp::Ordering::Greater => Some(Cohesie::Sterk),
        std::cmp::Ordering::Less => Some(Cohesie::Zwak),
        std::cmp::Ordering::Equal => None,
    }
}

/// De regel van dit project: wat de gemeente als basis koos beslist bij een
/// meerderheid (de indicatoren met een band: meer sterk dan zwak; de tekenen: meer ja
/// dan nee); anders het andere; anders onbepaald.
pub fn cohesie(
    indicatoren: &[IndicatorWaarde],
    tekenen: &[TekenWaarde],
    keuze: DnaBasis,
) -> (Cohesie, Basis) {
    let tel = |band| indicatoren.iter().filter(|i| i.band == Some(band)).count();
    let ja = tekenen.iter().filter(|t| t.waarde).count();
    let uit_indicatoren =
        meerderheid(tel(Band::Sterk), tel(Band::Zwak)).map(|c| (c, Basis::Indicatoren));
    let uit_tekenen = meerderheid(ja, tekenen.len() - ja).map(|c| (c, Basis::Tekenen));
    let (eerst, dan) = match keuze {
        DnaBasis::Indicatoren => (uit_indicatoren, uit_tekenen),
        DnaBasis::Tekenen => (uit_tekenen, uit_indicatoren),
    };
    eerst.or(dan).unwrap_or((Cohesie::Onbepaald, Basis::Geen))
}

/// Wat de handreiking bij elk vak zegt, naast de eigen communicatiemiddelen.
pub const VOOR_ALLE_VLAKKEN: [&str; 3] = [
    "Vier successen zichtbaar.",
    "Toon waardering.",
    "Communiceer consequent, in lijn met de landelijke communicatie van de NCTV.",
];

/// Vak 1 klein en sterk, vak 2 klein en zwak, vak 3 groot en sterk, vak 4 groot en
/// zwak (de figuur gelezen in haar volgorde).
pub fn kwadrant(grootte: Option<Grootteklasse>, cohesie: Cohesie) -> Option<u8> {
    match (grootte?, cohesie) {
        (Grootteklasse::Klein, Cohesie::Sterk) => Some(1),
        (Grootteklasse::Klein, Cohesie::Zwak) => Some(2),
        (Grootteklasse::Groot, Cohesie::Sterk) => Some(3),
        (Grootteklasse::Groot, Cohesie::Zwak) => Some(4),
        (_, Cohesie::Onbepaald) => None,
    }
}

/// Vak 1 coachend, vak 4 coördinerend; vak 2 en 3 de voorkeur van de gemeente, of
/// allebei zolang ze die niet heeft gezet.
pub fn aanpak(kwadrant: Option<u8>, voorkeur: Option<Aanpak>) -> Vec<Aanpak> {
    match (kwadrant, voorkeur) {
        (Some(1), _) => vec![Aanpak::Coachend],
        (Some(4), _) => vec![Aanpak::Coordinerend],
        (Some(2 | 3), Some(voorkeur)) => vec![voorkeur],
        (Some(2 | 3), None) => vec![Aanpak::Coachend, Aanpak::Coordinerend],
        _ => Vec::new(),
    }
}

/// De communicatiemiddelen uit de figuur van de handreiking, per vak.
pub fn communicatiemiddelen(kwadrant: Option<u8>) -> Vec<String> {
    let middelen: &[&str] = match kwadrant {
        Some(1) => &[
            "WhatsApp-groep",
            "dorpsavond (informatie en training)",
            "buurtkrant (storytelling)",
            "wie-is-wie-kaart (mogelijk digitaal)",
            "kern-KIP",
            "coördinator/contactpersoon",
        ],
        Some(2) => &[
            "WhatsApp-groep",
            "ontmoeting organiseren",
            "coördinatoren/contactpersonen",
            "crisiskaart",
            "(digitaal) prikbord of nieuwsbrief",
        ],
        Some(3) => &[
            "themabijeenkomsten",
            "digitaal buurtplatform",
            "Facebook/LinkedIn-netwerk",
            "podcast/videoverhalen over buurtinitiatieven",
            "crisismaatjes",
            "kern-KIP",
        ],
        Some(4) => &[
            "ontmoetingsplekken",
            "crisismaatjes",
            "digitale kaart van initiatieven en netwerken",
            "flyers",
            "overleg met sleutelfiguren",
            "trainingsaanbod",
        ],
        _ => &[],
    };
    middelen.iter().map(|m| (*m).to_owned()).collect()
}

/// Verdeelt de waarden over indicatoren (met hun band bij deze grootte) en tekenen, in
/// de volgorde van de handreiking: per veld de waarde met de laatste peildatum. (De
/// database levert al alleen de laatste; de regel staat hier zodat hij getest is.)
fn waarden_per_soort(
    waarden: &[Meetwaarde],
    grootte: Option<Grootteklasse>,
) -> (Vec<IndicatorWaarde>, Vec<TekenWaarde>) {
    let van = |veld: &str| {
        waarden
            .iter()
            .filter(|w| w.veld == veld)
            .max_by_key(|w| w.peildatum)
    };
    let indicatoren = INDICATOREN
        .iter()
        .filter_map(|i| {
            van(i.veld).map(|w| IndicatorWaarde {
                indicator: i.veld.to_owned(),
                waarde: w.waarde,
                band: grootte.map(|g| i.band(g, w.waarde)),
                peildatum: w.peildatum,
                bron: w.bron.clone(),
            })
        })
        .collect();
    let tekenen = TEKENEN
        .iter()
        .filter_map(|(veld, _)| {
            van(veld).map(|w| TekenWaarde {
                teken: (*veld).to_owned(),
                waarde: w.waarde != 0.0,
                peildatum: w.peildatum,
                bron: w.bron.clone(),
            })
        })
        .collect();
    (indicatoren, tekenen)
}

/// Bouwt het profiel uit de laatste waarden, de grootte, de voorkeur van de gemeente
/// en een eventuele handmatige keuze.
pub fn profiel(gegevens: Gegevens) -> DnaProfiel {
    let Gegevens {
        waarden,
        grootte,
        voorkeur,
        basis: keuze_basis,
        handmatig,
    } = gegevens;
    let berekende_grootte = grootte.klasse();
    let (indicatoren, tekenen) = waarden_per_soort(&waarden, berekende_grootte);
    let (berekende_cohesie, basis) = cohesie(&indicatoren, &tekenen, keuze_basis);
    let berekend_kwadrant = kwadrant(berekende_grootte, berekende_cohesie);
    let berekend = Berekend {
        cohesie: berekende_cohesie,
        basis,
        grootteklasse: berekende_grootte,
        kwadrant: berekend_kwadrant,
        aanpak: aanpak(berekend_kwadrant, voorkeur),
    };
    let keuze = handmatig.as_ref();
    let geldende_cohesie = keuze.and_then(|h| h.cohesie).unwrap_or(berekende_cohesie);
    let geldende_grootte = keuze.and_then(|h| h.grootteklasse).or(berekende_grootte);
    let geldend_kwadrant = kwadrant(geldende_grootte, geldende_cohesie);
    let geldende_aanpak = keuze
        .and_then(|h| h.aanpak.clone())
        .unwrap_or_else(|| aanpak(geldend_kwadrant, voorkeur));
    let uitleg = Uitleg {
        keuze_basis,
        indicatoren: &indicatoren,
        tekenen: &tekenen,
        berekend: &berekend,
        grootte,
        keuze,
        kwadrant: geldend_kwadrant,
        cohesie: geldende_cohesie,
        aanpak: &geldende_aanpak,
    };
    let toelichting = uitleg.tekst();
    let peildatum = indicatoren
        .iter()
        .map(|i| i.peildatum)
        .chain(tekenen.iter().map(|t| t.peildatum))
        .max();
    DnaProfiel {
        cohesie: geldende_cohesie,
        basis,
        grootteklasse: geldende_grootte,
        kwadrant: geldend_kwadrant,
        aanpak: geldende_aanpak,
        indicatoren,
        tekenen,
        peildatum,
        communicatiemiddelen: communicatiemiddelen(geldend_kwadrant),
        voor_alle_vlakken: VOOR_ALLE_VLAKKEN.iter().map(|t| (*t).to_owned()).collect(),
        toelichting,
        berekend,
        handmatig,
    }
}

/// Alles wat de toelichting nodig heeft.
struct Uitleg<'a> {
    keuze_basis: DnaBasis,
    indicatoren: &'a [IndicatorWaarde],
    tekenen: &'a [TekenWaarde],
    berekend: &'a Berekend,
    grootte: GrootteBron,
    keuze: Option<&'a Handmatig>,
    kwadrant: Option<u8>,
    cohesie: Cohesie,
    aanpak: &'a [Aanpak],
}

/// De zin met een kleine beginletter, midden in een andere zin; de rest blijft zoals
/// hij is (een eigennaam als Leefbaarometer houdt zijn hoofdletter).
fn kleine_beginletter(zin: &str) -> String {
    let mut tekens = zin.chars();
    tekens.next().map_or_else(String::new, |eerste| {
        eerste.to_lowercase().chain(tekens).collect()
    })
}

/// Een getal zoals mensen het schrijven: decimale komma, hoogstens één decimaal
/// (7 blijft 7, 0,7275 wordt 0,7).
fn getal(waarde: f64) -> String {
    let afgerond = (waarde * 10.0).round() / 10.0;
    if afgerond.fract() == 0.0 {
        format!("{afgerond:.0}")
    } else {
        format!("{afgerond:.1}").replace('.', ",")
    }
}

impl Uitleg<'_> {
    fn tekst(&self) -> String {
        let mut zinnen = vec![self.wat_besliste()];
        zinnen.push(match self.grootte {
            GrootteBron::Gezet(k) => format!(
                "De gemeente heeft het gebied als {} aangemerkt.",
                k.as_str()
            ),
            GrootteBron::Afgeleid {
                klasse,
                inwonertal,
                drempel,
            } => format!(
                "Met {inwonertal} inwoners is het gebied {} (de drempel van de gemeente is {drempel}).",
                klasse.as_str()
            ),
            GrootteBron::Onbekend => "De grootte is onbekend: zet de grootteklasse of het \
                 inwonertal, want zonder grootte zijn de indicatoren niet te beoordelen en is \
                 er geen kwadrant."
                .to_owned(),
        });
        if let Some(keuze) = self.keuze {
            zinnen.push(format!(
                "Een coördinator heeft het profiel handmatig aangepast: {}",
                keuze.reden
            ));
        }
        zinnen.push(self.vak());
        if self.cohesie == Cohesie::Zwak {
            zinnen.push(
                "Bij zwakke samenhang raadt de handreiking aan eerst te investeren in verbinding \
                 en basisvoorzieningen: zichtbaar zijn in de wijk en vertrouwen opbouwen, vóór \
                 het netwerk zelf."
                    .to_owned(),
            );
        }
        zinnen.join(" ")
    }

    fn wat_besliste(&self) -> String {
        let cohesie = self.berekend.cohesie.as_str();
        let beoordeeld: Vec<&IndicatorWaarde> = self
            .indicatoren
            .iter()
            .filter(|i| i.band.is_some())
            .collect();
        let indicatoren = if beoordeeld.is_empty() {
            None
        } else {
            let tel = |band| beoordeeld.iter().filter(|i| i.band == Some(band)).count();
            let details: Vec<String> = beoordeeld
                .iter()
                .filter_map(|i| {
                    let omschrijving = INDICATOREN
                        .iter()
                        .find(|d| d.veld == i.indicator)
                        .map_or(i.indicator.as_str(), |d| d.omschrijving);
                    i.band
                        .map(|b| format!("{omschrijving} {} is {}", getal(i.waarde), b.label()))
                })
                .collect();
            Some(format!(
                "Van de {} gemeten indicatoren wijzen er {} op sterke en {} op zwakke samenhang ({})",
                beoordeeld.len(),
                tel(Band::Sterk),
                tel(Band::Zwak),
                details.join("; ")
            ))
        };
        let ja = self.tekenen.iter().filter(|t| t.waarde).count();
        let tekenen = format!(
            "van de {} beantwoorde niet-meetbare tekenen zijn er {ja} ja en {} nee",
            self.tekenen.len(),
            self.tekenen.len() - ja
        );
        let geen_meerderheid = if self.tekenen.is_empty() {
            "er is nog geen niet-meetbaar teken beantwoord".to_owned()
        } else {
            format!("{tekenen}: geen meerderheid")
        };
        match (self.berekend.basis, indicatoren) {
            (Basis::Indicatoren, Some(i)) if self.keuze_basis == DnaBasis::Tekenen => format!(
                "De gemeente laat de niet-meetbare tekenen beslissen, maar {geen_meerderheid}, \
                 dus beslissen de indicatoren. {i}. Daarmee is de sociale cohesie {cohesie}."
            ),
            (Basis::Indicatoren, Some(i)) => {
                format!("{i}. Daarmee is de sociale cohesie {cohesie}.")
            }
            (Basis::Tekenen, Some(i)) if self.keuze_basis == DnaBasis::Tekenen => format!(
                "De gemeente laat de niet-meetbare tekenen beslissen (de handreiking biedt ze \
                 als alternatief): {tekenen}. Daarmee is de sociale cohesie {cohesie}. \
                 Ter vergelijking: {}.",
                kleine_beginletter(&i)
            ),
            (Basis::Tekenen, Some(i)) => format!(
                "{i}: dat houdt elkaar in evenwicht, dus beslissen de tekenen: {tekenen}. \
                 Daarmee is de sociale cohesie {cohesie}."
            ),
            (Basis::Tekenen, None) => format!(
                "Er is geen indicator te beoordelen, dus beslissen de tekenen: {tekenen}. \
                 Daarmee is de sociale cohesie {cohesie}."
            ),
            (_, Some(i)) => format!(
                "{i}, en {tekenen}: niets geeft de doorslag, dus de sociale cohesie is onbepaald."
            ),
            (_, None) if self.tekenen.is_empty() => {
                "Er is nog niets gemeten, dus de sociale cohesie is onbepaald.".to_owned()
            }
            (_, None) => format!(
                "Er is geen indicator te beoordelen en {tekenen}: de sociale cohesie is onbepaald."
            ),
        }
    }

    fn vak(&self) -> String {
        let Some(vak) = self.kwadrant else {
            return "Het kwadrant is nog niet te bepalen; een coördinator kan grootte of cohesie \
                    met een reden kiezen. Het kwadrant is een hulpmiddel, geen regel."
                .to_owned();
        };
        let (grootte, cohesie) = match vak {
            1 => ("klein", "sterk"),
            2 => ("klein", "zwak"),
            3 => ("groot", "sterk"),
            _ => ("groot", "zwak"),
        };
        let plan = match self.aanpak {
            [enige] => format!("Het wijst naar {}", enige.hoofdstuk()),
            _ => format!(
                "Het laat de keuze aan de gemeente: {} of {}",
                Aanpak::Coachend.hoofdstuk(),
                Aanpak::Coordinerend.hoofdstuk()
            ),
        };
        format!(
            "Dat is vak {vak} ({grootte} en {cohesie}). {plan}. Het kwadrant is een hulpmiddel, \
             geen regel: kijk ook naar wat u van het gebied weet."
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Band::{Sterk, Tussen, Zwak};
    use Grootteklasse::{Groot, Klein};

    fn band(veld: &str, grootte: Grootteklasse, waarde: f64) -> Band {
        INDICATOREN
            .iter()
            .find(|i| i.veld == veld)
            .expect("indicator")
            .band(grootte, waarde)
    }

    /// Midden in een zin een kleine beginletter, maar een eigennaam verderop houdt zijn
    /// hoofdletter.
    #[test]
    fn a_sentence_inside_another_keeps_its_proper_names() {
        assert_eq!(
            kleine_beginletter("Van de 7 gemeten indicatoren (Leefbaarometer-score 6,4)"),
            "van de 7 gemeten indicatoren (Leefbaarometer-score 6,4)"
        );
        assert_eq!(kleine_beginletter(""), "");
    }

    /// Elke grens van elke cel (DOMAIN.md), aan beide kanten, voor beide grootten.
    #[test]
    fn every_cell_threshold_on_both_sides_for_both_sizes() {
        let cases: &[(&str, Grootteklasse, f64, Band)] = &[
            ("burgerinitiatievenPer1000", Klein, 3.0, Sterk),
            ("burgerinitiatievenPer1000", Klein, 2.99, Tussen),
            ("burgerinitiatievenPer1000", Klein, 2.0, Tussen),
            ("burgerinitiatievenPer1000", Klein, 1.99, Zwak),
            ("burgerinitiatievenPer1000", Groot, 2.0, Sterk),
            ("burgerinitiatievenPer1000", Groot, 1.99, Tussen),
            ("burgerinitiatievenPer1000", Groot, 1.0, Tussen),
            ("burgerinitiatievenPer1000", Groot, 0.99, Zwak),
            ("vrijwilligerswerkPercentage", Klein, 40.0, Sterk),
            ("vrijwilligerswerkPercentage", Klein, 39.9, Tussen),
            ("vrijwilligerswerkPercentage", Klein, 30.0, Tussen),
            ("vrijwilligerswerkPercentage", Klein, 29.9, Zwak),
            ("vrijwilligerswerkPercentage", Groot, 35.0, Sterk),
            ("vrijwilligerswerkPercentage", Groot, 34.9, Tussen),
            ("vrijwilligerswerkPercentage", Groot, 25.0, Tussen),
            ("vrijwilligerswerkPercentage", Groot, 24.9, Zwak),
            ("verenigingslidmaatschapPercentage", Klein, 50.0, Sterk),
            ("verenigingslidmaatschapPercentage", Klein, 49.9, Tussen),
            ("verenigingslidmaatschapPercentage", Klein, 35.0, Tussen),
            ("verenigingslidmaatschapPercentage", Klein, 34.9, Zwak),
            ("verenigingslidmaatschapPercentage", Groot, 40.0, Sterk),
            ("verenigingslidmaatschapPercentage", Groot, 39.9, Tussen),
            ("verenigingslidmaatschapPercentage", Groot, 30.0, Tussen),
            ("verenigingslidmaatschapPercentage", Groot, 29.9, Zwak),
            ("buurthuisbezoekPer1000", Klein, 20.0, Sterk),
            ("buurthuisbezoekPer1000", Klein, 19.9, Tussen),
            ("buurthuisbezoekPer1000", Klein, 10.0, Tussen),
            ("buurthuisbezoekPer1000", Klein, 9.9, Zwak),
            ("buurthuisbezoekPer1000", Groot, 15.0, Sterk),
            ("buurthuisbezoekPer1000", Groot, 14.9, Tussen),
            ("buurthuisbezoekPer1000", Groot, 5.0, Tussen),
            ("buurthuisbezoekPer1000", Groot, 4.9, Zwak),
            ("verkiezingsopkomstPercentage", Klein, 70.0, Sterk),
            ("verkiezingsopkomstPercentage", Klein, 69.9, Tussen),
            ("verkiezingsopkomstPercentage", Klein, 60.0, Tussen),
            ("verkiezingsopkomstPercentage", Klein, 59.9, Zwak),
            ("verkiezingsopkomstPercentage", Groot, 70.0, Sterk),
            ("verkiezingsopkomstPercentage", Groot, 69.9, Tussen),
            ("verkiezingsopkomstPercentage", Groot, 60.0, Tussen),
            ("verkiezingsopkomstPercentage", Groot, 59.9, Zwak),
            ("overlastregistratiesPer1000", Klein, 9.9, Sterk),
            ("overlastregistratiesPer1000", Klein, 10.0, Tussen),
            ("overlastregistratiesPer1000", Klein, 14.9, Tussen),
            ("overlastregistratiesPer1000", Klein, 15.0, Zwak),
            ("overlastregistratiesPer1000", Groot, 15.0, Sterk),
            ("overlastregistratiesPer1000", Groot, 15.1, Tussen),
            ("overlastregistratiesPer1000", Groot, 19.9, Tussen),
            ("overlastregistratiesPer1000", Groot, 20.0, Zwak),
            ("leefbaarometer", Klein, 7.5, Sterk),
            ("leefbaarometer", Klein, 7.49, Tussen),
            ("leefbaarometer", Klein, 6.5, Tussen),
            ("leefbaarometer", Klein, 6.49, Zwak),
            ("leefbaarometer", Groot, 7.0, Sterk),
            ("leefbaarometer", Groot, 6.99, Tussen),
            ("leefbaarometer", Groot, 6.0, Tussen),
            ("leefbaarometer", Groot, 5.99, Zwak),
        ];
        for (veld, grootte, waarde, verwacht) in cases {
            assert_eq!(
                band(veld, *grootte, *waarde),
                *verwacht,
                "{veld} = {waarde} ({grootte:?})"
            );
        }
        // Elke indicator heeft acht gevallen: vier grenzen, twee kanten.
        for indicator in INDICATOREN {
            let n = cases.iter().filter(|c| c.0 == indicator.veld).count();
            assert_eq!(n, 8, "{}", indicator.veld);
        }
    }

    fn d(dag: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 1, dag).expect("datum")
    }

    fn w(veld: &str, waarde: f64, dag: u32) -> Meetwaarde {
        Meetwaarde {
            veld: veld.to_owned(),
            waarde,
            peildatum: d(dag),
            bron: format!("bron {dag}"),
        }
    }

    fn met(waarden: Vec<Meetwaarde>, grootte: Option<Grootteklasse>) -> DnaProfiel {
        profiel(Gegevens {
            waarden,
            grootte: grootte.map_or(GrootteBron::Onbekend, GrootteBron::Gezet),
            voorkeur: None,
            basis: DnaBasis::Indicatoren,
            handmatig: None,
        })
    }

    #[test]
    fn the_same_value_is_strong_in_a_large_area_and_between_in_a_small_one() {
        let waarden = vec![
            w("leefbaarometer", 7.2, 1),
            w("vrijwilligerswerkPercentage", 36.0, 1),
        ];
        let groot = met(waarden.clone(), Some(Groot));
        assert_eq!((groot.cohesie, groot.kwadrant), (Cohesie::Sterk, Some(3)));
        let klein = met(waarden.clone(), Some(Klein));
        assert_eq!(klein.indicatoren[0].band, Some(Tussen));
        assert_eq!(klein.cohesie, Cohesie::Onbepaald);
        // Zonder grootte: geen band, geen kwadrant.
        let zonder = met(waarden, None);
        assert_eq!(zonder.indicatoren[0].band, None);
        assert_eq!((zonder.kwadrant, zonder.basis), (None, Basis::Geen));
    }

    #[test]
    fn each_indicator_takes_its_own_latest_value() {
        // Januari: alle drie sterk (groot); maart: alleen de Leefbaarometer, zwak. De
        // andere twee blijven staan: twee tegen één, sterk.
        let p = met(
            vec![
                w("leefbaarometer", 7.5, 1),
                w("vrijwilligerswerkPercentage", 40.0, 1),
                w("burgerinitiatievenPer1000", 2.5, 1),
                w("leefbaarometer", 5.0, 20),
            ],
            Some(Groot),
        );
        assert_eq!(p.indicatoren.len(), 3);
        let peildata: Vec<(&str, NaiveDate)> = p
            .indicatoren
            .iter()
            .map(|i| (i.indicator.as_str(), i.peildatum))
            .collect();
        assert!(
            peildata.contains(&("leefbaarometer", d(20))),
            "{peildata:?}"
        );
        assert!(
            peildata.contains(&("vrijwilligerswerkPercentage", d(1))),
            "{peildata:?}"
        );
        assert_eq!((p.cohesie, p.kwadrant), (Cohesie::Sterk, Some(3)));
    }

    #[test]
    fn each_indicator_shows_its_latest_value_with_date_and_source() {
        let p = met(
            vec![
                w("leefbaarometer", 5.0, 3),
                w("buurthuisbezoekPer1000", 2.0, 1),
            ],
            Some(Klein),
        );
        assert_eq!(p.indicatoren.len(), 2);
        let leefbaar = p
            .indicatoren
            .iter()
            .find(|i| i.indicator == "leefbaarometer")
            .expect("leefbaarometer");
        assert_eq!(
            (
                leefbaar.waarde,
                leefbaar.band,
                leefbaar.peildatum,
                leefbaar.bron.as_str()
            ),
            (5.0, Some(Zwak), d(3), "bron 3")
        );
        assert_eq!(p.peildatum, Some(d(3)));
    }

    #[test]
    fn the_signs_decide_without_indicators_and_on_a_tie() {
        let tekenen = |ja: usize, nee: usize| -> Vec<Meetwaarde> {
            TEKENEN
                .iter()
                .take(ja + nee)
                .enumerate()
                .map(|(n, (veld, _))| w(veld, if n < ja { 1.0 } else { 0.0 }, 2))
                .collect()
        };
        // Geen indicatoren: de tekenen beslissen.
        let p = met(tekenen(4, 2), Some(Klein));
        assert_eq!(
            (p.cohesie, p.basis, p.kwadrant),
            (Cohesie::Sterk, Basis::Tekenen, Some(1))
        );
        assert!(
            p.toelichting.contains("beslissen de tekenen"),
            "{}",
            p.toelichting
        );
        // Indicatoren in evenwicht (1 sterk, 1 zwak): de tekenen beslissen.
        let mut waarden = tekenen(1, 3);
        waarden.push(w("leefbaarometer", 8.0, 1));
        waarden.push(w("buurthuisbezoekPer1000", 1.0, 1));
        let p = met(waarden, Some(Groot));
        assert_eq!(
            (p.cohesie, p.basis, p.kwadrant),
            (Cohesie::Zwak, Basis::Tekenen, Some(4))
        );
        // Een meerderheid van indicatoren gaat voor de tekenen.
        let mut waarden = tekenen(5, 0);
        waarden.push(w("leefbaarometer", 5.0, 1));
        let p = met(waarden, Some(Klein));
        assert_eq!((p.cohesie, p.basis), (Cohesie::Zwak, Basis::Indicatoren));
        // Tekenen ook in evenwicht: onbepaald.
        let p = met(tekenen(2, 2), Some(Klein));
        assert_eq!(
            (p.cohesie, p.basis, p.kwadrant),
            (Cohesie::Onbepaald, Basis::Geen, None)
        );
        // Niets gemeten.
        let p = met(Vec::new(), Some(Klein));
        assert!(
            p.toelichting.contains("nog niets gemeten"),
            "{}",
            p.toelichting
        );
    }

    #[test]
    fn cells_are_numbered_as_the_figure_with_their_means_of_contact() {
        assert_eq!(kwadrant(Some(Klein), Cohesie::Sterk), Some(1));
        assert_eq!(kwadrant(Some(Klein), Cohesie::Zwak), Some(2));
        assert_eq!(kwadrant(Some(Groot), Cohesie::Sterk), Some(3));
        assert_eq!(kwadrant(Some(Groot), Cohesie::Zwak), Some(4));
        assert_eq!(kwadrant(None, Cohesie::Sterk), None);
        assert!(
            communicatiemiddelen(Some(1))
                .contains(&"dorpsavond (informatie en training)".to_owned())
        );
        assert!(communicatiemiddelen(Some(2)).contains(&"crisiskaart".to_owned()));
        assert!(communicatiemiddelen(Some(3)).contains(&"Facebook/LinkedIn-netwerk".to_owned()));
        assert!(communicatiemiddelen(Some(4)).contains(&"flyers".to_owned()));
        // Kleine, zwakke gebieden krijgen geen LinkedIn en podcasts.
        let vak2 = communicatiemiddelen(Some(2)).join(" ");
        assert!(
            !vak2.contains("LinkedIn") && !vak2.contains("podcast"),
            "{vak2}"
        );
        assert!(communicatiemiddelen(None).is_empty());
    }

    #[test]
    fn the_approach_follows_the_cell_and_the_municipalitys_preference() {
        use Aanpak::{Coachend, Coordinerend};
        assert_eq!(aanpak(Some(1), Some(Coordinerend)), [Coachend]);
        assert_eq!(aanpak(Some(4), Some(Coachend)), [Coordinerend]);
        assert_eq!(aanpak(Some(2), None), [Coachend, Coordinerend]);
        assert_eq!(aanpak(Some(3), Some(Coordinerend)), [Coordinerend]);
        assert_eq!(aanpak(None, Some(Coachend)), Vec::<Aanpak>::new());
    }

    #[test]
    fn the_explanation_names_the_plan_calls_it_a_help_and_advises_on_weak_cohesion() {
        let p = met(vec![w("leefbaarometer", 5.0, 1)], Some(Groot));
        assert_eq!(p.kwadrant, Some(4));
        for tekst in [
            "vak 4",
            "hoofdstuk 3",
            "hulpmiddel, geen regel",
            "eerst te investeren",
        ] {
            assert!(p.toelichting.contains(tekst), "{tekst}: {}", p.toelichting);
        }
        let p = met(vec![w("leefbaarometer", 8.0, 1)], Some(Klein));
        assert!(p.toelichting.contains("hoofdstuk 4"), "{}", p.toelichting);
        assert!(!p.toelichting.contains("investeren"), "{}", p.toelichting);
    }

    #[test]
    fn size_from_population_uses_the_threshold() {
        assert_eq!(grootte_uit_inwonertal(4999, 5000), Klein);
        assert_eq!(grootte_uit_inwonertal(5000, 5000), Groot);
    }

    #[test]
    fn an_override_keeps_the_computed_values_visible() {
        let p = profiel(Gegevens {
            waarden: vec![w("leefbaarometer", 8.0, 1)],
            grootte: GrootteBron::Gezet(Klein),
            voorkeur: None,
            basis: DnaBasis::Indicatoren,
            handmatig: Some(Handmatig {
                grootteklasse: None,
                cohesie: Some(Cohesie::Zwak),
                aanpak: None,
                reden: "Veel verloop sinds de laatste meting.".into(),
                door: None,
                op: chrono::Utc::now(),
            }),
        });
        assert_eq!((p.cohesie, p.kwadrant), (Cohesie::Zwak, Some(2)));
        assert_eq!(
            (p.berekend.cohesie, p.berekend.kwadrant),
            (Cohesie::Sterk, Some(1))
        );
        assert!(p.toelichting.contains("Veel verloop"), "{}", p.toelichting);
    }
}
