//! Getypte invoer: één struct per operatie, gelezen met álle fouten tegelijk.
//!
//! Het `ToSchema` van de struct is wat het document als request body publiceert, en
//! precies dat schema wordt hier afgedwongen: typen, `required`, `nullable`,
//! lengtes, bereiken, patronen, enums, `uniqueItems` en `additionalProperties:
//! false` staan één keer op de struct (als `#[schema(...)]`- en serde-attributen) en
//! gelden dus zowel in het document als in de dienst. serde stopt bij de eerste
//! fout; deze lezer loopt het hele schema af, zodat een integrator elke fout in één
//! antwoord ziet (`invalidParams`). Pas als de body bij het schema past, vult serde
//! de struct.
//!
//! Regels die het schema niet kan uitdrukken (een datum niet in de toekomst, een
//! gebied van de eigen gemeente) verzamelt een handler daarna in [`Fouten`], met
//! dezelfde vorm van melding.

use crate::http::problem::Foutcode;
use std::collections::HashSet;
use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;

use actix_web::{FromRequest, HttpRequest, dev::Payload, web};
use serde::de::{DeserializeOwned, Deserializer};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::ToSchema;

use crate::http::problem::{ApiError, ApiResult, InvalidParam};

/// Het document waartegen bodies worden gecontroleerd (gedeeld door de workers).
#[derive(Clone)]
pub struct Schemas(pub std::sync::Arc<Value>);

/// De body van een operatie die `T` als invoer heeft, gecontroleerd tegen het schema
/// van `T`. De schemafouten staan al in [`Invoer::fouten`]; een handler toetst de
/// regels die het schema niet kent op de getypte blik [`Invoer::deel`], voegt hun
/// fouten toe ([`Fouten::voeg_toe`]) en krijgt met [`Invoer::klaar`] de struct, of een
/// 400 met álle fouten samen.
pub struct Invoer<T> {
    waarde: Value,
    fouten: Fouten,
    /// De verplichte velden van het schema, elk met een waarde van de goede vorm voor
    /// als het schema het veld afkeurde (voor [`Invoer::deel`]).
    verplicht: serde_json::Map<String, Value>,
    /// De velden (bovenste niveau) die het schema afkeurde.
    door_schema: HashSet<String>,
    soort: PhantomData<T>,
}

impl<T: DeserializeOwned + ToSchema> Invoer<T> {
    /// Controleert `waarde` tegen het schema `T::name()` in `document`.
    pub fn controleer(document: &Value, waarde: Value) -> ApiResult<Self> {
        let name = T::name();
        let schema = document
            .pointer(&format!("/components/schemas/{name}"))
            .ok_or_else(|| {
                ApiError::Internal(format!("schema {name} staat niet in het document"))
            })?;
        let mut fouten = Fouten::new();
        let mut waarde = waarde;
        hele_getallen_als_integer(&mut waarde);
        let controle = Controle { document };
        controle.waarde(schema, &waarde, "", &mut fouten);
        let verplicht = schema
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .map(|naam| {
                let veld = schema.pointer(&format!("/properties/{naam}"));
                let vorm = veld.map_or(Value::Null, |v| controle.vorm(v, 0));
                (naam.to_owned(), vorm)
            })
            .collect();
        let door_schema = fouten
            .0
            .iter()
            .map(|e| e.name.split('.').next().unwrap_or_default().to_owned())
            .collect();
        Ok(Invoer {
            waarde,
            fouten,
            verplicht,
            door_schema,
            soort: PhantomData,
        })
    }

    /// Een veld bij zijn naam, als het aanwezig is, niet `null` en zonder fout: voor
    /// wat een veld bij zijn naam nodig heeft (een verwijzing die haar fout op dat veld
    /// zet, [`crate::tenancy::Context::verwijzing`]). Regels lezen [`Invoer::deel`].
    pub(crate) fn veld<V: DeserializeOwned>(&self, naam: &str) -> Option<V> {
        if self.fouten.raakt(naam) {
            return None;
        }
        let waarde = self.waarde.get(naam).filter(|w| !w.is_null())?;
        serde_json::from_value(waarde.clone()).ok()
    }

    /// De getypte blik voor de regels die het schema niet kent: de body als `T`, met
    /// elk optioneel veld dat het schema afkeurde weggelaten (voor de regels is het
    /// afwezig; [`Fouten::voeg_toe`] houdt hun meldingen over dat veld weg). Een
    /// verplicht veld dat het schema afkeurde krijgt een waarde van de goede vorm (de
    /// eerste van een enum, een lege lijst, 0), zodat de regels over de andere velden
    /// toch lopen. Wat een regel al afkeurde (een verwijzing) telt hier niet: de blik is
    /// dezelfde, in welke volgorde de regels ook lopen. `None` alleen als `T` zelfs dan
    /// niet past (een eigen type dat de vorm weigert).
    pub fn deel(&self) -> Option<T> {
        let mut waarde = self.waarde.clone();
        if let Some(velden) = waarde.as_object_mut() {
            velden.retain(|naam, _| !self.door_schema.contains(naam));
            for (naam, vorm) in &self.verplicht {
                if !velden.contains_key(naam) {
                    velden.insert(naam.clone(), vorm.clone());
                }
            }
        }
        serde_json::from_value(waarde).ok()
    }

    /// Staat het veld in de body met een andere waarde dan `null`? Voor regels over een
    /// lijst van veldnamen (de instellingen per veld, de indicatoren van een meting);
    /// een regel over bekende velden leest [`Invoer::deel`].
    pub fn heeft(&self, naam: &str) -> bool {
        self.waarde.get(naam).is_some_and(|w| !w.is_null())
    }

    /// Waar de regels van de handler hun fouten bij zetten.
    pub fn fouten(&mut self) -> &mut Fouten {
        &mut self.fouten
    }

    /// Geen fouten: de struct; anders 400 met alle fouten.
    pub fn klaar(self) -> ApiResult<T> {
        let name = T::name();
        self.fouten.finish()?;
        serde_json::from_value(self.waarde).map_err(|error| {
            // Het schema liet iets door dat de struct niet aanneemt: een fout van ons.
            ApiError::Internal(format!("schema {name} en struct verschillen: {error}"))
        })
    }
}

impl<T: DeserializeOwned + ToSchema + Send + 'static> FromRequest for Invoer<T> {
    type Error = actix_web::Error;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

    /// De controle loopt in een thread voor blokkerend werk, niet op de worker: een
    /// grote body (tienduizenden velden) houdt zo geen andere verzoeken op, en de
    /// tijdslimiet van het verzoek kan afgaan. De controle zelf is lineair in de body.
    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let json = web::Json::<Value>::from_request(req, payload);
        let schemas = req.app_data::<web::Data<Schemas>>().cloned();
        Box::pin(async move {
            let waarde = json.await?.into_inner();
            let Some(schemas) = schemas else {
                return Err(ApiError::Internal("geen schema's".into()).into());
            };
            let invoer =
                tokio::task::spawn_blocking(move || Invoer::controleer(&schemas.0, waarde))
                    .await
                    .map_err(|e| ApiError::Internal(format!("controle van de body: {e}")))??;
            Ok(invoer)
        })
    }
}

/// Fouten in de invoer, verzameld om ze samen te melden. Met de namen apart, zodat
/// "staat hier al een fout?" niet elke fout afloopt: een body met tienduizenden
/// onbekende velden blijft lineair.
#[derive(Debug, Default)]
pub struct Fouten(Vec<InvalidParam>, HashSet<String>);

impl Fouten {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn reject(&mut self, name: &str, code: Foutcode, reason: impl Into<String>) {
        self.1.insert(name.to_owned());
        self.0.push(InvalidParam::new(name, code, reason));
    }

    /// Een fout als `ok` niet waar is.
    pub fn check(&mut self, ok: bool, name: &str, code: Foutcode, reason: impl Into<String>) {
        if !ok {
            self.reject(name, code, reason);
        }
    }

    /// `ongeldig` op `veld` tenzij `ids` elk id één keer noemt en de database ze alle
    /// vond (`gevonden`, een telling met de leesregel van de verwijzing).
    pub fn elk_een_keer(&mut self, ids: &[uuid::Uuid], gevonden: u64, veld: &str, reason: &str) {
        let uniek: HashSet<&uuid::Uuid> = ids.iter().collect();
        self.check(
            uniek.len() == ids.len() && gevonden as usize == ids.len(),
            veld,
            Foutcode::Ongeldig,
            reason,
        );
    }

    /// `niet_toegestaan` op elk veld van `velden` dat gezet is (een filter dat voor deze
    /// aanroeper niet bestaat, zoals de filters van gemeenten voor de regio).
    pub fn niet_gezet(&mut self, velden: &[(&str, bool)], reason: &str) {
        for (veld, gezet) in velden {
            self.check(!gezet, veld, Foutcode::NietToegestaan, reason);
        }
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Voegt de fouten van `andere` hierbij, behalve die over een veld waarin, waarbinnen
    /// of waarboven hier al een fout staat: een veld dat het schema afkeurde, is voor
    /// de regels afwezig ([`Invoer::deel`]), en elk veld krijgt één melding.
    pub fn voeg_toe(&mut self, andere: Fouten) {
        let mut bezet: HashSet<String> = HashSet::new();
        for naam in &self.1 {
            let mut deel = naam.as_str();
            bezet.insert(deel.to_owned());
            while let Some((boven, _)) = deel.rsplit_once('.') {
                bezet.insert(boven.to_owned());
                deel = boven;
            }
        }
        for fout in andere.0 {
            let mut boven = fout.name.as_str();
            let mut vrij = !bezet.contains(boven);
            while let Some((b, _)) = boven.rsplit_once('.') {
                vrij &= !self.1.contains(b);
                boven = b;
            }
            if vrij {
                self.1.insert(fout.name.clone());
                self.0.push(fout);
            }
        }
    }

    fn has(&self, name: &str) -> bool {
        self.1.contains(name)
    }

    /// Is er een fout in dit veld of een veld erbinnen (`naam.x`)?
    pub fn raakt(&self, naam: &str) -> bool {
        self.0.iter().any(|e| {
            e.name == naam
                || e.name
                    .strip_prefix(naam)
                    .is_some_and(|rest| rest.starts_with('.'))
        })
    }

    /// Klaar: zijn er fouten, dan 400 met ze allemaal, op naam gesorteerd.
    pub fn finish(mut self) -> ApiResult<()> {
        if self.0.is_empty() {
            Ok(())
        } else {
            self.0.sort_by(|a, b| a.name.cmp(&b.name));
            Err(ApiError::Validation(self.0))
        }
    }
}

/// Een veld dat het schema als `readOnly` noemt maar dat invoer nooit zet (bv. de
/// gemeente van een bestaande gebruiker): de lezer weigert het met `niet_toegestaan`
/// voordat serde de struct vult, dus het draagt niets. In de struct met
/// `#[serde(default)]` en `#[schema(read_only, value_type = Option<String>)]`.
pub type AlleenLezen = PhantomData<()>;

/// Een veld van een wijziging (`PATCH`) met drie toestanden: niet meegestuurd,
/// `null` (leegmaken) of een waarde. In de struct met `#[serde(default)]` en in het
/// document als `value_type = Option<T>`.
#[derive(Debug, Clone, Default, PartialEq)]
pub enum Veld<T> {
    #[default]
    Afwezig,
    Leeg,
    Waarde(T),
}

impl<T> Veld<T> {
    /// `None` als het veld ontbreekt, anders de nieuwe waarde (`None` bij `null`).
    pub fn wijziging(self) -> Option<Option<T>> {
        match self {
            Veld::Afwezig => None,
            Veld::Leeg => Some(None),
            Veld::Waarde(v) => Some(Some(v)),
        }
    }

    pub fn as_ref(&self) -> Veld<&T> {
        match self {
            Veld::Afwezig => Veld::Afwezig,
            Veld::Leeg => Veld::Leeg,
            Veld::Waarde(v) => Veld::Waarde(v),
        }
    }

    pub fn is_afwezig(&self) -> bool {
        matches!(self, Veld::Afwezig)
    }

    /// Zet de wijziging een waarde (niet afwezig, niet `null`)?
    pub fn is_waarde(&self) -> bool {
        matches!(self, Veld::Waarde(_))
    }

    /// De waarde na de wijziging: de nieuwe, geen (bij `null`), of `huidig` als het
    /// veld ontbrak.
    pub fn na(self, huidig: Option<T>) -> Option<T> {
        match self {
            Veld::Afwezig => huidig,
            Veld::Leeg => None,
            Veld::Waarde(v) => Some(v),
        }
    }

    /// De nieuwe waarde, als die er is.
    pub fn waarde(self) -> Option<T> {
        self.na(None)
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Veld<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(match Option::<T>::deserialize(deserializer)? {
            None => Veld::Leeg,
            Some(v) => Veld::Waarde(v),
        })
    }
}

impl<T: Serialize> Serialize for Veld<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Veld::Waarde(v) => v.serialize(serializer),
            _ => serializer.serialize_none(),
        }
    }
}

/// De tekens die geen tekst mogen zijn: stuurtekens (ook NUL) en DEL, onzichtbare
/// tekens (zero-width, word joiner, BOM) en tekens die de tekstrichting omkeren.
macro_rules! verboden {
    (regels) => {
        r"\x00-\x08\x0B-\x1F\x7F\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF"
    };
    () => {
        r"\x00-\x1F\x7F\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF"
    };
}

/// Het patroon van elke tekst in een body die niets anders zegt: één regel, zonder
/// de [`verboden`] tekens. Het document zet het bij elk zulk veld
/// ([`crate::http::openapi`]), en deze lezer dwingt het af.
pub const EEN_REGEL: &str = concat!("^[^", verboden!(), "]*$");

/// Als [`EEN_REGEL`], met minstens één teken dat geen witruimte is: voor elke
/// verplichte tekst (`minLength` ≥ 1), zoals een naam; `"   "` is geen naam.
pub const EEN_REGEL_GEVULD: &str = concat!(
    "^[^",
    verboden!(),
    r"]*[^\s",
    verboden!(),
    "][^",
    verboden!(),
    "]*$"
);

/// Als [`EEN_REGEL`], maar met regeleinden en tabs: voor notities en redenen.
pub const MEER_REGELS: &str = concat!("^[^", verboden!(regels), "]*$");

/// Als [`MEER_REGELS`], met minstens één teken dat geen witruimte is.
pub const MEER_REGELS_GEVULD: &str = concat!(
    "^[^",
    verboden!(regels),
    r"]*[^\s",
    verboden!(regels),
    "][^",
    verboden!(regels),
    "]*$"
);

/// De tekstpatronen met hun uitleg bij een weigering.
const TEKSTPATRONEN: [(&str, &str); 4] = [
    (
        EEN_REGEL,
        "Eén regel tekst, zonder stuurtekens, onzichtbare tekens of tekens die de tekstrichting omkeren.",
    ),
    (
        EEN_REGEL_GEVULD,
        "Eén regel tekst, zonder stuurtekens, onzichtbare tekens of tekens die de tekstrichting omkeren.",
    ),
    (
        MEER_REGELS,
        "Tekst zonder stuurtekens (behalve regeleinde en tab), onzichtbare tekens of tekens die de tekstrichting omkeren.",
    ),
    (
        MEER_REGELS_GEVULD,
        "Tekst zonder stuurtekens (behalve regeleinde en tab), onzichtbare tekens of tekens die de tekstrichting omkeren.",
    ),
];

/// De vorm van een externe referentie (issue 38): het id van een record in een ander
/// systeem van de gemeente. Zichtbare tekens zonder spatie of `@`, zodat het in een
/// query string past en geen naam of e-mailadres kan zijn.
pub const EXTERNE_REFERENTIE: &str = r"^[A-Za-z0-9._:/-]{1,100}$";

/// Past `tekst` op [`EXTERNE_REFERENTIE`]?
pub fn is_externe_referentie(tekst: &str) -> bool {
    (1..=100).contains(&tekst.len())
        && tekst
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b".:/_-".contains(&b))
}

/// Het schema van een externe referentie, voor `schema_with`: één keer de regel.
pub fn externe_referentie() -> utoipa::openapi::Object {
    utoipa::openapi::ObjectBuilder::new()
        .schema_type(utoipa::openapi::schema::Type::String)
        .min_length(Some(1))
        .max_length(Some(100))
        .pattern(Some(EXTERNE_REFERENTIE))
        .description(Some(
            "Het id van dit record in een ander systeem van de gemeente (een CRM), uniek per \
             gemeente en soort resource (anders 409 `externe_referentie_bestaat`): 1–100 tekens \
             uit `[A-Za-z0-9._:/-]`. Nooit een BSN, naam of e-mailadres: het staat in query \
             strings.",
        ))
        .examples([serde_json::json!("crm:zaak/4711")])
        .build()
}

/// Als [`externe_referentie`], en `null` mag (om te wissen).
pub fn externe_referentie_of_leeg() -> utoipa::openapi::Object {
    let mut schema = externe_referentie();
    schema.schema_type = utoipa::openapi::schema::SchemaType::from_iter([
        utoipa::openapi::schema::Type::String,
        utoipa::openapi::schema::Type::Null,
    ]);
    schema
}

/// Het filter `?externeReferentie=` op een lijst: `select` met alleen de rij met deze
/// referentie in `kolom`; een ongeldige waarde is 400 met de parameter.
pub fn referentiefilter<E: sea_orm::EntityTrait>(
    select: sea_orm::Select<E>,
    kolom: E::Column,
    waarde: Option<&str>,
) -> crate::http::problem::ApiResult<sea_orm::Select<E>> {
    use sea_orm::{ColumnTrait, QueryFilter};
    let mut fouten = Fouten::new();
    fouten.check(
        waarde.is_none_or(is_externe_referentie),
        "externeReferentie",
        Foutcode::Ongeldig,
        "1–100 tekens uit A-Z, a-z, 0-9 en . _ : / -",
    );
    fouten.finish()?;
    Ok(match waarde {
        Some(r) => select.filter(kolom.eq(r)),
        None => select,
    })
}

/// Het schema van een tekst van meer regels van 1 tot `MAX` tekens, voor
/// `#[schema(schema_with = meer_regels::<MAX>)]`.
pub fn meer_regels<const MAX: usize>() -> utoipa::openapi::Object {
    utoipa::openapi::ObjectBuilder::new()
        .schema_type(utoipa::openapi::schema::Type::String)
        .min_length(Some(1))
        .max_length(Some(MAX))
        .pattern(Some(MEER_REGELS_GEVULD))
        .build()
}

/// Als [`meer_regels`], en `null` mag (om te wissen). Een lege tekst wist niet: die
/// is `te_kort`, zoals bij het aanmaken (de database kent geen lege vrije tekst).
pub fn meer_regels_of_leeg<const MAX: usize>() -> utoipa::openapi::Object {
    utoipa::openapi::ObjectBuilder::new()
        .schema_type(utoipa::openapi::schema::SchemaType::from_iter([
            utoipa::openapi::schema::Type::String,
            utoipa::openapi::schema::Type::Null,
        ]))
        .min_length(Some(1))
        .max_length(Some(MAX))
        .pattern(Some(MEER_REGELS_GEVULD))
        .build()
}

/// Het schema van een lijst zonder herhalingen met minstens `MIN` waarden uit `T`,
/// voor `#[schema(schema_with = unieke_lijst::<T, MIN>)]` op een `Vec<T>`: de
/// volgorde van de aanroeper blijft, een herhaling is 400 `dubbel`. Hoogstens
/// [`MAX_UNIEKE_WAARDEN`] waarden: `T` is een opsomming met minder waarden, en elke
/// lijst in een body heeft een grens.
pub fn unieke_lijst<T: ToSchema, const MIN: usize>() -> utoipa::openapi::Array {
    utoipa::openapi::ArrayBuilder::new()
        .items(utoipa::openapi::Ref::from_schema_name(T::name()))
        .unique_items(true)
        .min_items((MIN > 0).then_some(MIN))
        .max_items(Some(MAX_UNIEKE_WAARDEN))
        .build()
}

/// De grens van een [`unieke_lijst`]: ruim boven de grootste opsomming (19 scopes).
pub const MAX_UNIEKE_WAARDEN: usize = 50;

/// Het patroon van elke datum in het document: `JJJJ-MM-DD` van 1900 tot en met
/// 2100 (zakelijke datums; jaar 0, tekens en jaren van vijf cijfers zijn fouten),
/// maand 01–12 en dag 01–31. Dat een dag in zijn maand bestaat (geen 30 februari)
/// zegt `format: date`; het patroon sluit al het andere uit, zodat een generator
/// die uit het patroon put bijna altijd een bestaande datum treft.
pub const DATUM: &str = r"^(19[0-9]{2}|20[0-9]{2}|2100)-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$";

/// De eerste en laatste datum die de dienst aanneemt.
pub const DATUM_BEREIK: std::ops::RangeInclusive<i32> = 1900..=2100;

/// De uitleg bij een geweigerde datum.
pub const DATUM_UITLEG: &str =
    "Verwacht een datum als JJJJ-MM-DD, van 1900-01-01 tot en met 2100-12-31.";

/// Een datum als `JJJJ-MM-DD`, strikt: vier cijfers voor het jaar, twee voor maand
/// en dag, een bestaande dag en een jaar in [`DATUM_BEREIK`].
pub fn strikte_datum(text: &str) -> Option<chrono::NaiveDate> {
    use chrono::Datelike;
    let bytes = text.as_bytes();
    let vorm = bytes.len() == 10
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && bytes
            .iter()
            .enumerate()
            .all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
    if !vorm {
        return None;
    }
    chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .ok()
        .filter(|d| DATUM_BEREIK.contains(&d.year()))
}

/// Past `text` bij het patroon uit het document? Elk patroon wordt één keer per
/// proces gecompileerd (het document verandert niet terwijl de dienst draait).
fn past_bij(patroon: &str, text: &str) -> bool {
    use std::collections::HashMap;
    use std::sync::{LazyLock, Mutex, PoisonError};
    static GECOMPILEERD: LazyLock<Mutex<HashMap<String, Option<regex::Regex>>>> =
        LazyLock::new(Mutex::default);
    let regex = GECOMPILEERD
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .entry(patroon.to_owned())
        .or_insert_with(|| regex::Regex::new(patroon).ok())
        .clone();
    regex.is_some_and(|r| r.is_match(text))
}

struct Controle<'a> {
    document: &'a Value,
}

fn veldnaam(pad: &str, naam: &str) -> String {
    if pad.is_empty() {
        naam.to_owned()
    } else {
        format!("{pad}.{naam}")
    }
}

fn soort_tekst(ty: &str) -> &'static str {
    match ty {
        "string" => "een tekst",
        "integer" => "een geheel getal",
        "number" => "een getal",
        "boolean" => "true of false",
        "array" => "een lijst",
        "object" => "een object",
        "null" => "null",
        _ => "een waarde",
    }
}

/// JSON Schema noemt `350.0` een geheel getal; serde niet. Een getal zonder
/// breuk (binnen het exacte bereik van f64) wordt daarom vóór de controle een
/// integer, zodat `integer`-velden het aannemen en `number`-velden niets merken.
fn hele_getallen_als_integer(waarde: &mut Value) {
    const EXACT: f64 = 9_007_199_254_740_992.0; // 2^53
    match waarde {
        Value::Number(n) if !(n.is_i64() || n.is_u64()) => {
            if let Some(f) = n.as_f64().filter(|f| f.fract() == 0.0 && f.abs() <= EXACT) {
                *waarde = Value::from(f as i64);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(hele_getallen_als_integer),
        Value::Object(velden) => velden.values_mut().for_each(hele_getallen_als_integer),
        _ => {}
    }
}

fn past_bij_type(ty: &str, value: &Value) -> bool {
    match ty {
        "string" => value.is_string(),
        "integer" => value.is_i64() || value.is_u64(),
        "number" => value.is_number(),
        "boolean" => value.is_boolean(),
        "array" => value.is_array(),
        "object" => value.is_object(),
        "null" => value.is_null(),
        _ => true,
    }
}

fn getal(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

impl Controle<'_> {
    /// Een waarde van de vorm die `schema` vraagt, zonder op de grenzen te letten: de
    /// eerste van een enum, `null` als dat mag, een lege tekst of lijst, het minimum of
    /// 0, een object met zijn verplichte velden ([`Invoer::deel`]).
    fn vorm(&self, schema: &Value, diepte: usize) -> Value {
        let schema = self.resolve(schema);
        if diepte > 8 {
            return Value::Null;
        }
        if let Some(eerste) = schema
            .get("enum")
            .and_then(Value::as_array)
            .and_then(|e| e.first())
        {
            return eerste.clone();
        }
        for samen in ["oneOf", "anyOf", "allOf"] {
            if let Some(eerste) = schema
                .get(samen)
                .and_then(Value::as_array)
                .and_then(|e| e.first())
            {
                return self.vorm(eerste, diepte + 1);
            }
        }
        let typen: Vec<&str> = match schema.get("type") {
            Some(Value::String(t)) => vec![t.as_str()],
            Some(Value::Array(t)) => t.iter().filter_map(Value::as_str).collect(),
            _ => Vec::new(),
        };
        if typen.contains(&"null") {
            return Value::Null;
        }
        let format = schema.get("format").and_then(Value::as_str);
        match (typen.first().copied(), format) {
            (Some("string"), Some("date")) => Value::from("2000-01-01"),
            (Some("string"), Some("date-time")) => Value::from("2000-01-01T00:00:00Z"),
            (Some("string"), Some("uuid")) => Value::from(uuid::Uuid::nil().to_string()),
            (Some("string"), _) => Value::from(""),
            (Some("integer" | "number"), _) => {
                schema.get("minimum").cloned().unwrap_or(Value::from(0))
            }
            (Some("boolean"), _) => Value::Bool(false),
            (Some("array"), _) => Value::Array(Vec::new()),
            (Some("object"), _) => {
                let mut object = serde_json::Map::new();
                for naam in schema
                    .get("required")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                    .filter_map(Value::as_str)
                {
                    if let Some(veld) = schema.pointer(&format!("/properties/{naam}")) {
                        object.insert(naam.to_owned(), self.vorm(veld, diepte + 1));
                    }
                }
                Value::Object(object)
            }
            _ => Value::Null,
        }
    }

    fn resolve<'s>(&'s self, schema: &'s Value) -> &'s Value {
        let mut schema = schema;
        for _ in 0..16 {
            match schema
                .get("$ref")
                .and_then(Value::as_str)
                .and_then(|r| r.strip_prefix('#'))
                .and_then(|p| self.document.pointer(p))
            {
                Some(target) => schema = target,
                None => break,
            }
        }
        schema
    }

    /// Controleert één waarde; meldt hoogstens één fout per veld (de eerste).
    fn waarde(&self, schema: &Value, value: &Value, pad: &str, fouten: &mut Fouten) {
        let schema = self.resolve(schema);
        // `Option<T>` met een verwijzing: oneOf [null, T].
        for key in ["oneOf", "anyOf"] {
            if let Some(varianten) = schema.get(key).and_then(Value::as_array) {
                self.varianten(varianten, value, pad, fouten);
                return;
            }
        }
        if let Some(delen) = schema.get("allOf").and_then(Value::as_array) {
            for deel in delen {
                self.waarde(deel, value, pad, fouten);
            }
            return;
        }
        let naam = if pad.is_empty() { "body" } else { pad };
        let types: Vec<&str> = match schema.get("type") {
            Some(Value::String(t)) => vec![t.as_str()],
            Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).collect(),
            _ => Vec::new(),
        };
        if !types.is_empty() && !types.iter().any(|t| past_bij_type(t, value)) {
            if value.is_null() && !pad.is_empty() {
                fouten.reject(
                    naam,
                    Foutcode::Verplicht,
                    "Dit veld mag niet leeg (null) zijn.",
                );
                return;
            }
            let verwacht = types
                .iter()
                .filter(|t| **t != "null")
                .map(|t| soort_tekst(t))
                .collect::<Vec<_>>()
                .join(" of ");
            let reason = match schema.get("enum").and_then(Value::as_array) {
                Some(waarden) => format!("Toegestaan: {}.", lijst(waarden)),
                None => format!("Verwacht {verwacht}."),
            };
            fouten.reject(naam, Foutcode::Ongeldig, reason);
            return;
        }
        if value.is_null() {
            return;
        }
        if let Some(waarden) = schema.get("enum").and_then(Value::as_array) {
            if !waarden.contains(value) {
                fouten.reject(
                    naam,
                    Foutcode::Ongeldig,
                    format!("Onbekende waarde; toegestaan: {}.", lijst(waarden)),
                );
            }
            return;
        }
        match value {
            Value::String(text) => self.tekst(schema, text, naam, fouten),
            Value::Number(n) => self.nummer(schema, n.as_f64().unwrap_or(f64::NAN), naam, fouten),
            Value::Array(items) => self.lijst(schema, items, pad, fouten),
            Value::Object(velden) => self.object(schema, velden, pad, fouten),
            _ => {}
        }
    }

    fn varianten(&self, varianten: &[Value], value: &Value, pad: &str, fouten: &mut Fouten) {
        let naam = if pad.is_empty() { "body" } else { pad };
        let niet_null: Vec<&Value> = varianten
            .iter()
            .filter(|v| self.resolve(v).get("type").and_then(Value::as_str) != Some("null"))
            .collect();
        if value.is_null() {
            if niet_null.len() == varianten.len() {
                fouten.reject(
                    naam,
                    Foutcode::Verplicht,
                    "Dit veld mag niet leeg (null) zijn.",
                );
            }
            return;
        }
        if let [enige] = niet_null.as_slice() {
            self.waarde(enige, value, pad, fouten);
            return;
        }
        let mut eerste = None;
        for variant in niet_null {
            let mut poging = Fouten::new();
            self.waarde(variant, value, pad, &mut poging);
            if poging.is_empty() {
                return;
            }
            eerste.get_or_insert(poging);
        }
        if let Some(poging) = eerste {
            fouten.voeg_toe(poging);
        }
    }

    fn tekst(&self, schema: &Value, text: &str, naam: &str, fouten: &mut Fouten) {
        let lengte = text.chars().count();
        let min = schema.get("minLength").and_then(Value::as_u64).unwrap_or(0) as usize;
        let max = schema
            .get("maxLength")
            .and_then(Value::as_u64)
            .map(|m| m as usize);
        if lengte < min || max.is_some_and(|m| lengte > m) {
            let (code, reason) = lengte_fout(lengte, min, max);
            fouten.reject(naam, code, reason);
            return;
        }
        let datum = schema.get("format").and_then(Value::as_str) == Some("date");
        if let Some(patroon) = schema
            .get("pattern")
            .and_then(Value::as_str)
            .filter(|_| !datum)
        {
            let past = past_bij(patroon, text);
            if let (false, Some((_, uitleg))) =
                (past, TEKSTPATRONEN.iter().find(|(p, _)| *p == patroon))
            {
                let leeg = text.chars().all(|c| c.is_whitespace() || c == '\u{feff}');
                let uitleg = if leeg {
                    "Alleen spaties of andere witruimte: geef tekst die iets zegt."
                } else {
                    uitleg
                };
                fouten.reject(naam, Foutcode::Ongeldig, uitleg);
                return;
            }
            if !past {
                let uitleg = schema
                    .get("description")
                    .and_then(Value::as_str)
                    .map(|d| format!(" {d}"))
                    .unwrap_or_default();
                fouten.reject(
                    naam,
                    Foutcode::Ongeldig,
                    format!("Past niet bij het patroon {patroon}.{uitleg}")
                        .trim_end()
                        .to_owned(),
                );
                return;
            }
        }
        match schema.get("format").and_then(Value::as_str) {
            Some("date") if strikte_datum(text).is_none() => {
                fouten.reject(naam, Foutcode::Ongeldig, DATUM_UITLEG);
            }
            Some("uuid") if uuid::Uuid::try_parse(text).is_err() => {
                fouten.reject(naam, Foutcode::Ongeldig, "Verwacht een UUID.");
            }
            Some("date-time") if chrono::DateTime::parse_from_rfc3339(text).is_err() => {
                fouten.reject(
                    naam,
                    Foutcode::Ongeldig,
                    "Verwacht een tijdstip volgens RFC 3339.",
                );
            }
            _ => {}
        }
    }

    fn nummer(&self, schema: &Value, n: f64, naam: &str, fouten: &mut Fouten) {
        let grens = |k: &str| schema.get(k).and_then(Value::as_f64);
        // Het `format` begrenst ook: een int32 buiten zijn bereik past in geen struct.
        let (fmin, fmax) = match schema.get("format").and_then(Value::as_str) {
            Some("int32") => (Some(f64::from(i32::MIN)), Some(f64::from(i32::MAX))),
            _ => (None, None),
        };
        let (min, max) = (grens("minimum").or(fmin), grens("maximum").or(fmax));
        let (xmin, xmax) = (grens("exclusiveMinimum"), grens("exclusiveMaximum"));
        let goed = n.is_finite()
            && min.is_none_or(|m| n >= m)
            && max.is_none_or(|m| n <= m)
            && xmin.is_none_or(|m| n > m)
            && xmax.is_none_or(|m| n < m);
        if goed {
            return;
        }
        let soort = if schema.get("type").and_then(Value::as_str) == Some("integer")
            || schema
                .get("type")
                .and_then(Value::as_array)
                .is_some_and(|t| t.iter().any(|t| t == "integer"))
        {
            "een geheel getal"
        } else {
            "een getal"
        };
        let reason = match (min.or(xmin), max.or(xmax)) {
            (Some(a), Some(b)) => {
                format!("Verwacht {soort} van {} tot en met {}.", getal(a), getal(b))
            }
            (Some(a), None) => format!("Verwacht {soort} vanaf {}.", getal(a)),
            (None, Some(b)) => format!("Verwacht {soort} tot en met {}.", getal(b)),
            (None, None) => format!("Verwacht {soort}."),
        };
        fouten.reject(naam, Foutcode::Ongeldig, reason);
    }

    fn lijst(&self, schema: &Value, items: &[Value], pad: &str, fouten: &mut Fouten) {
        let naam = if pad.is_empty() { "body" } else { pad };
        let min = schema.get("minItems").and_then(Value::as_u64).unwrap_or(0) as usize;
        let max = schema
            .get("maxItems")
            .and_then(Value::as_u64)
            .map(|m| m as usize);
        if items.len() < min {
            let code = if items.is_empty() {
                Foutcode::Verplicht
            } else {
                Foutcode::TeKort
            };
            fouten.reject(naam, code, format!("Geef minstens {min} waarde(n)."));
            return;
        }
        if max.is_some_and(|m| items.len() > m) {
            fouten.reject(
                naam,
                Foutcode::TeLang,
                format!("Hoogstens {} waarden.", max.unwrap_or_default()),
            );
            return;
        }
        let uniek = schema.get("uniqueItems").and_then(Value::as_bool) == Some(true);
        // Als tekst in een set: lineair, ook bij een lange lijst.
        let mut gezien: HashSet<String> = HashSet::new();
        for (index, item) in items.iter().enumerate() {
            let item_pad = veldnaam(pad, &index.to_string());
            if let Some(item_schema) = schema.get("items") {
                let voor = fouten.0.len();
                self.waarde(item_schema, item, &item_pad, fouten);
                if fouten.0.len() > voor {
                    continue;
                }
            }
            if uniek && !gezien.insert(item.to_string()) {
                fouten.reject(
                    &item_pad,
                    Foutcode::Dubbel,
                    "Deze waarde staat al in de lijst.",
                );
            }
        }
    }

    fn object(
        &self,
        schema: &Value,
        velden: &serde_json::Map<String, Value>,
        pad: &str,
        fouten: &mut Fouten,
    ) {
        let properties = schema.get("properties").and_then(Value::as_object);
        let read_only = |naam: &str| {
            properties
                .and_then(|p| p.get(naam))
                .map(|s| self.resolve(s))
                .and_then(|s| s.get("readOnly"))
                .and_then(Value::as_bool)
                == Some(true)
        };
        let verplicht: HashSet<&str> = schema
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .collect();
        let mut namen: Vec<&str> = verplicht.iter().copied().collect();
        namen.sort_unstable();
        for naam in namen {
            if !velden.contains_key(naam) && !read_only(naam) {
                fouten.reject(
                    &veldnaam(pad, naam),
                    Foutcode::Verplicht,
                    "Dit veld is verplicht.",
                );
            }
        }
        let extra = schema.get("additionalProperties");
        for (naam, waarde) in velden {
            let volledig = veldnaam(pad, naam);
            match properties.and_then(|p| p.get(naam)) {
                Some(_) if read_only(naam) => fouten.reject(
                    &volledig,
                    Foutcode::NietToegestaan,
                    "Dit veld zet de dienst zelf; laat het weg.",
                ),
                Some(veld_schema) => self.waarde(veld_schema, waarde, &volledig, fouten),
                None => match extra {
                    Some(Value::Bool(false)) if !fouten.has(&volledig) => fouten.reject(
                        &volledig,
                        Foutcode::Onbekend,
                        "Dit veld bestaat niet (of mag hier niet worden gezet).",
                    ),
                    Some(extra @ Value::Object(_)) => self.waarde(extra, waarde, &volledig, fouten),
                    _ => {}
                },
            }
        }
    }
}

fn lijst(waarden: &[Value]) -> String {
    waarden
        .iter()
        .map(|v| {
            v.as_str()
                .map(str::to_owned)
                .unwrap_or_else(|| v.to_string())
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Een request body die een module leest: de naam van het schema dat het document
/// publiceert en de velden die de lezer aanneemt. Elke module noemt de hare in
/// [`crate::modules::Module::invoer`]; een test eist dat beide lijsten gelijk zijn en
/// dat elke JSON-body in het document hier staat.
pub struct InvoerSchema {
    pub naam: fn() -> std::borrow::Cow<'static, str>,
    pub velden: fn() -> Option<Vec<String>>,
}

impl InvoerSchema {
    pub const fn van<T: DeserializeOwned + ToSchema>() -> Self {
        Self {
            naam: T::name,
            velden: serde_velden::<T>,
        }
    }
}

/// Voor tests: de veldnamen die serde van `T` aanneemt, uit de foutmelding voor een
/// onbekend veld (`deny_unknown_fields` noemt ze allemaal).
pub fn serde_velden<T: DeserializeOwned>() -> Option<Vec<String>> {
    let fout = serde_json::from_value::<T>(serde_json::json!({"\u{1}": 0}))
        .err()?
        .to_string();
    // serde: "expected one of `a`, `b`, `c`" bij drie of meer velden, "expected `a`
    // or `b`" bij twee, "expected `a`" bij één.
    let (_, rest) = fout
        .split_once("expected one of ")
        .or_else(|| fout.split_once("expected "))?;
    Some(
        rest.split(", ")
            .flat_map(|s| s.split(" or "))
            .map(|s| s.trim_matches(|c| c == '`' || c == ' ').to_owned())
            .map(|s| s.split('`').next().unwrap_or_default().to_owned())
            .collect(),
    )
}

/// De fout bij een tekst van `lengte` tekens buiten `min`..=`max`.
fn lengte_fout(lengte: usize, min: usize, max: Option<usize>) -> (Foutcode, String) {
    let tekens = |n: usize| {
        if n == 1 {
            "1 teken".to_owned()
        } else {
            format!("{n} tekens")
        }
    };
    match max {
        Some(max) if lengte < min => (
            Foutcode::TeKort,
            format!("Te kort: geef minstens {} (hoogstens {max}).", tekens(min)),
        ),
        None => (
            Foutcode::TeKort,
            format!("Te kort: geef minstens {}.", tekens(min)),
        ),
        Some(max) => (
            Foutcode::TeLang,
            format!("Te lang: hoogstens {}.", tekens(max)),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn document() -> Value {
        json!({"components": {"schemas": {
            "Ding": {
                "type": "object",
                "additionalProperties": false,
                "required": ["naam", "rollen"],
                "properties": {
                    "naam": {"type": "string", "minLength": 3, "maxLength": 10, "pattern": "^[a-z]+$"},
                    "rollen": {"type": "array", "minItems": 1, "uniqueItems": true, "items": {"$ref": "#/components/schemas/Rol"}},
                    "aantal": {"type": ["integer", "null"], "minimum": 0, "maximum": 5},
                    "datum": {"type": "string", "format": "date"},
                    "sub": {"oneOf": [{"type": "null"}, {"$ref": "#/components/schemas/Sub"}]},
                    "id": {"type": "string", "readOnly": true}
                }
            },
            "Rol": {"type": "string", "enum": ["a", "b"]},
            "Sub": {"type": "object", "additionalProperties": false, "required": ["reden"],
                    "properties": {"reden": {"type": "string", "minLength": 1}}}
        }}})
    }

    fn fouten(value: Value) -> Vec<(String, String)> {
        let doc = document();
        let mut fouten = Fouten::new();
        Controle { document: &doc }.waarde(
            &doc["components"]["schemas"]["Ding"],
            &value,
            "",
            &mut fouten,
        );
        let mut v: Vec<_> = fouten
            .0
            .into_iter()
            .map(|e| (e.name, e.code.as_str().to_owned()))
            .collect();
        v.sort();
        v
    }

    fn paren(v: &[(&str, &str)]) -> Vec<(String, String)> {
        v.iter().map(|(a, b)| ((*a).into(), (*b).into())).collect()
    }

    #[test]
    fn every_error_is_reported_at_once() {
        assert_eq!(
            fouten(
                json!({"naam": "X", "rollen": ["x", "a", "a"], "aantal": 9, "datum": "2026-6-1",
                          "sub": {"extra": 1}, "id": "1", "kleur": "rood"})
            ),
            paren(&[
                ("aantal", "ongeldig"),
                ("datum", "ongeldig"),
                ("id", "niet_toegestaan"),
                ("kleur", "onbekend"),
                ("naam", "te_kort"),
                ("rollen.0", "ongeldig"),
                ("rollen.2", "dubbel"),
                ("sub.extra", "onbekend"),
                ("sub.reden", "verplicht"),
            ])
        );
    }

    #[test]
    fn the_typed_view_leaves_out_what_the_schema_refused() {
        #[derive(Debug, Deserialize, utoipa::ToSchema)]
        #[serde(deny_unknown_fields)]
        struct Plan {
            soort: String,
            aantal: i32,
            begin: Option<chrono::NaiveDate>,
            eind: Option<chrono::NaiveDate>,
        }
        let doc = json!({"components": {"schemas": {"Plan": {
            "type": "object", "additionalProperties": false, "required": ["soort", "aantal"],
            "properties": {"soort": {"type": "string", "enum": ["wijk", "dorp"]},
                           "aantal": {"type": "integer", "minimum": 1},
                           "begin": {"type": ["string", "null"], "format": "date"},
                           "eind": {"type": ["string", "null"], "format": "date"}}}}}});
        let mut invoer = Invoer::<Plan>::controleer(
            &doc,
            json!({"soort": "stad", "aantal": "veel", "begin": "gisteren",
                   "eind": "2026-12-01", "extra": 1}),
        )
        .expect("het schema staat in het document");
        // Een verplicht veld met een fout krijgt de vorm van het schema, een optioneel
        // verdwijnt, een goed veld blijft; het onbekende veld is weg.
        let deel = invoer.deel().expect("de blik past altijd bij de struct");
        assert_eq!((deel.soort.as_str(), deel.aantal), ("wijk", 1));
        assert_eq!(deel.begin, None);
        assert_eq!(deel.eind, chrono::NaiveDate::from_ymd_opt(2026, 12, 1));
        // Een regel over `begin` en `eind` zegt niets meer over `begin`: dat veld heeft
        // al zijn melding; wel over een ander veld.
        let mut regels = Fouten::new();
        regels.reject("begin", Foutcode::Ongeldig, "voor het einde");
        regels.reject("eind", Foutcode::Ongeldig, "na het begin");
        invoer.fouten().voeg_toe(regels);
        let namen: Vec<(String, Foutcode)> = invoer
            .fouten
            .0
            .iter()
            .map(|e| (e.name.clone(), e.code))
            .collect();
        assert_eq!(namen.iter().filter(|(n, _)| n == "begin").count(), 1);
        assert!(namen.contains(&("eind".to_owned(), Foutcode::Ongeldig)));
    }

    #[test]
    fn a_whole_number_written_with_a_fraction_is_an_integer() {
        #[derive(Deserialize, utoipa::ToSchema)]
        struct Telling {
            aantal: i32,
            maat: f64,
        }
        let doc = json!({"components": {"schemas": {"Telling": {
            "type": "object", "required": ["aantal", "maat"],
            "properties": {"aantal": {"type": "integer", "minimum": 0, "maximum": 500},
                           "maat": {"type": "number"}}}}}});
        let lees = |v: Value| Invoer::<Telling>::controleer(&doc, v).and_then(Invoer::klaar);
        let telling =
            lees(json!({"aantal": 350.0, "maat": 2.0})).expect("350.0 is een geheel getal");
        assert_eq!(telling.aantal, 350);
        assert!(
            (telling.maat - 2.0).abs() < f64::EPSILON,
            "een getal blijft een getal"
        );
        assert!(lees(json!({"aantal": 350.5, "maat": 2.0})).is_err());
        assert!(lees(json!({"aantal": 501.0, "maat": 2.0})).is_err());
    }

    #[test]
    fn missing_null_and_empty_lists() {
        assert_eq!(
            fouten(json!({"rollen": []})),
            paren(&[("naam", "verplicht"), ("rollen", "verplicht")])
        );
        assert_eq!(
            fouten(json!({"naam": null, "rollen": ["a"], "aantal": null, "sub": null})),
            paren(&[("naam", "verplicht")])
        );
        assert_eq!(fouten(json!({"naam": "abc", "rollen": ["b"]})), vec![]);
        assert_eq!(
            fouten(json!({"naam": "ABC", "rollen": ["b"]})),
            paren(&[("naam", "ongeldig")])
        );
    }

    #[test]
    fn dates_are_strict() {
        assert!(strikte_datum("2026-06-01").is_some());
        assert!(strikte_datum("1900-01-01").is_some());
        assert!(strikte_datum("2100-12-31").is_some());
        let patroon = regex::Regex::new(DATUM).expect("patroon");
        for goed in ["1900-01-01", "2026-06-01", "2100-12-31"] {
            assert!(patroon.is_match(goed), "{goed}");
        }
        for fout in [
            "1899-12-31",
            "2101-01-01",
            "0000-01-01",
            "2026-6-1",
            "2026-00-10",
            "2026-13-01",
            "2026-06-00",
            "2026-06-32",
        ] {
            assert!(!patroon.is_match(fout), "{fout}");
            assert!(strikte_datum(fout).is_none(), "{fout}");
        }
        for fout in [
            "2026-6-1",
            "+2026-06-01",
            "-001-01-01",
            "20260-01-01",
            "2026-02-30",
            "0000-01-01",
            "1899-12-31",
            "2101-01-01",
        ] {
            assert!(strikte_datum(fout).is_none(), "{fout}");
        }
    }

    #[test]
    fn a_patch_field_has_three_states() {
        #[derive(Deserialize)]
        struct W {
            #[serde(default)]
            a: Veld<i32>,
        }
        let lees = |v: Value| serde_json::from_value::<W>(v).map(|w| w.a).ok();
        assert_eq!(lees(json!({})), Some(Veld::Afwezig));
        assert_eq!(lees(json!({"a": null})), Some(Veld::Leeg));
        assert_eq!(lees(json!({"a": 3})), Some(Veld::Waarde(3)));
    }
}
