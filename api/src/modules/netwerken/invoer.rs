//! De invoer van de operaties op netwerken en lidmaatschappen.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::http::invoer::{
    Veld, externe_referentie, externe_referentie_of_leeg, meer_regels, unieke_lijst,
};
use entity::soorten::{
    Belang, GemeenteRol, Hulpsoort, LidRol, NetwerkDoel, NetwerkFase, NetwerkVorm, Scenario,
    Tegenprestatie, Voorzitter, Werkwijze,
};

/// De afspraken van een netwerk (seeds 003, 004).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Afspraken {
    /// Hoe vaak het netwerk bijeenkomt, bv. "zes keer per jaar".
    #[schema(min_length = 1, max_length = 200)]
    pub frequentie: Option<String>,
    #[schema(min_length = 1, max_length = 2000)]
    pub agenda: Option<String>,
    #[schema(min_length = 1, max_length = 200)]
    pub plaats: Option<String>,
    /// De naam waaronder het netwerk naar buiten treedt.
    #[schema(min_length = 1, max_length = 200)]
    pub naam: Option<String>,
    /// Wat het netwerk doet met signalen uit de wijk.
    #[schema(min_length = 1, max_length = 2000)]
    pub signalen: Option<String>,
}

/// Een crisisafspraak voor één scenario, gemaakt in de koude fase (seed 000 §1.2).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Crisisafspraak {
    pub scenario: Scenario,
    /// Wat het netwerk kan geven: handen, kennis, middelen.
    #[schema(schema_with = unieke_lijst::<Hulpsoort, 1>)]
    pub hulp: Vec<Hulpsoort>,
    /// Wie het netwerk activeert en hoe (noem functies, geen namen).
    #[schema(schema_with = meer_regels::<2000>)]
    pub activering: String,
    /// Wanneer de afspraak voor het laatst is doorgenomen; niet in de toekomst.
    pub laatst_herzien: Option<NaiveDate>,
    /// Wat het netwerk op de dag kan inzetten.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capaciteit: Option<Capaciteit>,
    /// Een route die werkt zonder stroom of mobiel netwerk: wie loopt of fietst naar
    /// wie (noem functies, geen namen).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(schema_with = meer_regels::<2000>)]
    pub activering_offline: Option<String>,
    /// De gebieden van de gemeente van het netwerk die de afspraak dekt; leeg: de
    /// gebieden van het netwerk.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schema(max_items = 100)]
    pub gebied_ids: Vec<Uuid>,
}

/// Wat een netwerk in een crisis kan inzetten.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Capaciteit {
    /// Bijvoorbeeld "tien mensen met een auto, een aggregaat in het buurthuis".
    #[schema(schema_with = meer_regels::<500>)]
    pub omschrijving: String,
    /// Hoeveel, als dat te tellen is.
    #[schema(minimum = 0, maximum = 100000)]
    pub aantal: Option<i32>,
}

/// Hoe een netwerk wil samenwerken, zoals de tweede bijeenkomst het bespreekt (seed
/// 000 §3.3, "Organisatievorm"). Vrije tekst die mensen kan noemen.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Organisatievorm {
    /// Hoe het contact en de relaties onderhouden worden.
    #[schema(schema_with = meer_regels::<2000>)]
    pub relatiebeheer: Option<String>,
    /// Of en hoe het netwerk oefent.
    #[schema(schema_with = meer_regels::<2000>)]
    pub oefenen: Option<String>,
    /// Hoe het netwerk kennis deelt.
    #[schema(schema_with = meer_regels::<2000>)]
    pub kennisdeling: Option<String>,
    /// Wat het netwerk nodig heeft van de gemeente (die een beperkte rol houdt).
    #[schema(schema_with = meer_regels::<2000>)]
    pub nodig_van_gemeente: Option<String>,
}

/// Wat een tweede bijeenkomst afsprak: de doelen van het netwerk, de
/// organisatievorm en de ondersteuning in een crisis (dezelfde `Crisisafspraak` als
/// in `crisisafspraken` van een netwerk). Het netwerk toont ze alleen lezen in
/// `afsprakenBijeenkomsten`; overnemen doet een coördinator met een PATCH.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BijeenkomstAfspraken {
    #[serde(default)]
    #[schema(schema_with = unieke_lijst::<NetwerkDoel, 0>)]
    pub doelen: Vec<NetwerkDoel>,
    pub organisatievorm: Option<Organisatievorm>,
    /// Eén per scenario.
    #[serde(default)]
    #[schema(max_items = 8)]
    pub crisisondersteuning: Vec<Crisisafspraak>,
}

/// Een nieuw netwerk.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NieuwNetwerk {
    #[schema(min_length = 1, max_length = 200)]
    pub(super) naam: String,
    pub(super) vorm: NetwerkVorm,
    #[serde(default)]
    #[schema(schema_with = unieke_lijst::<NetwerkDoel, 0>)]
    pub(super) doelen: Vec<NetwerkDoel>,
    /// Eén of meer; `regisseur` alleen waar zelfsturing niet vanzelf ontstaat.
    #[schema(schema_with = unieke_lijst::<GemeenteRol, 1>)]
    pub(super) gemeente_rol: Vec<GemeenteRol>,
    /// Standaard `voorbereiding`.
    pub(super) fase: Option<NetwerkFase>,
    pub(super) werkwijze: Option<Werkwijze>,
    pub(super) voorzitter: Option<Voorzitter>,
    /// Een kerngroep (aangeraden voor grote netwerken).
    #[serde(default)]
    pub(super) kerngroep: bool,
    #[serde(default)]
    #[schema(schema_with = unieke_lijst::<Tegenprestatie, 0>)]
    pub(super) tegenprestaties: Vec<Tegenprestatie>,
    /// Gebieden van de eigen gemeente die het netwerk bestrijkt.
    #[serde(default)]
    #[schema(max_items = 100)]
    pub(super) gebied_ids: Vec<Uuid>,
    /// Actieve gebruikers van de eigen gemeente (de handreiking: meer dan één).
    #[serde(default)]
    #[schema(max_items = 10)]
    pub(super) contactambtenaren: Vec<Uuid>,
    /// De vaste contactpersoon: een van de `contactambtenaren` (een wijknetwerk wil één
    /// herkenbare contactpersoon met een achtervang).
    pub(super) primair: Option<Uuid>,
    pub(super) afspraken: Option<Afspraken>,
    /// Hoogstens één per scenario.
    #[serde(default)]
    #[schema(max_items = 8)]
    pub(super) crisisafspraken: Vec<Crisisafspraak>,
    #[schema(schema_with = externe_referentie)]
    pub(super) externe_referentie: Option<String>,
}

/// Een wijziging van een netwerk; een nieuwe `fase` of `gemeenteRol` komt in de
/// geschiedenis met de datum van vandaag.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NetwerkWijziging {
    #[schema(min_length = 1, max_length = 200)]
    pub(super) naam: Option<String>,
    pub(super) vorm: Option<NetwerkVorm>,
    #[schema(schema_with = unieke_lijst::<NetwerkDoel, 0>)]
    pub(super) doelen: Option<Vec<NetwerkDoel>>,
    #[schema(schema_with = unieke_lijst::<GemeenteRol, 1>)]
    pub(super) gemeente_rol: Option<Vec<GemeenteRol>>,
    pub(super) fase: Option<NetwerkFase>,
    #[serde(default)]
    #[schema(value_type = Option<Werkwijze>)]
    pub(super) werkwijze: Veld<Werkwijze>,
    #[serde(default)]
    #[schema(value_type = Option<Voorzitter>)]
    pub(super) voorzitter: Veld<Voorzitter>,
    pub(super) kerngroep: Option<bool>,
    #[schema(schema_with = unieke_lijst::<Tegenprestatie, 0>)]
    pub(super) tegenprestaties: Option<Vec<Tegenprestatie>>,
    #[schema(max_items = 100)]
    pub(super) gebied_ids: Option<Vec<Uuid>>,
    #[schema(max_items = 10)]
    pub(super) contactambtenaren: Option<Vec<Uuid>>,
    /// Een van de `contactambtenaren` (na dit verzoek); `null` wist haar.
    #[serde(default)]
    #[schema(value_type = Option<Uuid>)]
    pub(super) primair: Veld<Uuid>,
    #[serde(default)]
    #[schema(value_type = Option<Afspraken>)]
    pub(super) afspraken: Veld<Afspraken>,
    /// Vervangt alle crisisafspraken.
    #[schema(max_items = 8)]
    pub(super) crisisafspraken: Option<Vec<Crisisafspraak>>,
    #[serde(default)]
    #[schema(schema_with = externe_referentie_of_leeg)]
    pub(super) externe_referentie: Veld<String>,
}

/// Een sleutelpersoon lid maken van het netwerk.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NieuwLidmaatschap {
    /// Een sleutelpersoon van dezelfde gemeente.
    pub(super) sleutelpersoon_id: Uuid,
    /// Standaard `lid`.
    pub(super) rol: Option<LidRol>,
    /// Alleen bij een wijknetwerk: de kant die het lid vertegenwoordigt.
    pub(super) belang: Option<Belang>,
    pub(super) begin: Option<NaiveDate>,
    /// Niet vóór `begin`.
    pub(super) eind: Option<NaiveDate>,
}

/// Een wijziging van een lidmaatschap.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LidmaatschapWijziging {
    pub(super) rol: Option<LidRol>,
    #[serde(default)]
    #[schema(value_type = Option<Belang>)]
    pub(super) belang: Veld<Belang>,
    #[serde(default)]
    #[schema(value_type = Option<NaiveDate>)]
    pub(super) begin: Veld<NaiveDate>,
    #[serde(default)]
    #[schema(value_type = Option<NaiveDate>)]
    pub(super) eind: Veld<NaiveDate>,
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(rename_all = "camelCase")]
#[into_params(parameter_in = Query)]
pub struct NetwerkenParams {
    pub(super) vorm: Option<NetwerkVorm>,
    pub(super) fase: Option<NetwerkFase>,
    /// Alleen het netwerk met deze externe referentie.
    #[param(schema_with = externe_referentie)]
    pub(super) externe_referentie: Option<String>,
    /// Een CBS-code: alleen die gemeente (voor de regio).
    #[param(pattern = r"^GM[0-9]{4}$")]
    pub(super) gemeente: Option<String>,
}
