//! De invoer van de operaties op de sociale kaart.

use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::http::invoer::{
    Veld, externe_referentie, externe_referentie_of_leeg, meer_regels, meer_regels_of_leeg,
    unieke_lijst,
};
use entity::soorten::{
    Belang, Hulpsoort, MaatschappelijkVeld, NetwerkCategorie, Niveau, OrganisatieSoort,
};

/// Een nieuwe organisatie. Een gemeente zet haar op de eigen sociale kaart; een
/// `regio_beheerder` in de regionale catalogus.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NieuweOrganisatie {
    #[schema(min_length = 1, max_length = 200)]
    pub(super) naam: String,
    /// Standaard `partner`.
    pub(super) soort: Option<OrganisatieSoort>,
    pub(super) veld: MaatschappelijkVeld,
    pub(super) categorie: Option<NetwerkCategorie>,
    pub(super) niveau: Niveau,
    /// Wat de organisatie in een crisis kan geven: handen, kennis, middelen.
    #[serde(default)]
    #[schema(schema_with = unieke_lijst::<Hulpsoort, 0>)]
    pub(super) capaciteiten: Vec<Hulpsoort>,
    /// De belangen die zij in een wijknetwerk vertegenwoordigt (telt mee in de
    /// gezondheid van netwerken waarvan zij partner is).
    #[serde(default)]
    #[schema(schema_with = unieke_lijst::<Belang, 0>)]
    pub(super) rollen: Vec<Belang>,
    /// Wat de organisatie biedt.
    #[schema(schema_with = meer_regels::<5000>)]
    pub(super) aanbod: Option<String>,
    /// Hoe ze in een crisis te activeren is.
    #[schema(schema_with = meer_regels::<2000>)]
    pub(super) activering: Option<String>,
    /// Haar meerwaarde voor netwerken.
    #[schema(schema_with = meer_regels::<2000>)]
    pub(super) meerwaarde: Option<String>,
    /// De afspraken over op- en afschalen in een crisis.
    #[schema(schema_with = meer_regels::<2000>)]
    pub(super) op_afschaling: Option<String>,
    /// Een functioneel contact: een loket, algemeen nummer of algemeen adres, nooit
    /// een persoon.
    #[schema(min_length = 1, max_length = 254)]
    pub(super) contact: Option<String>,
    /// De gebieden van de eigen gemeente die de organisatie dient (de sociale kaart per
    /// wijk of kern); leeg: de hele gemeente. Niet in de regionale catalogus, die alle
    /// gebieden dient.
    #[serde(default)]
    #[schema(max_items = 100)]
    pub(super) gebied_ids: Vec<Uuid>,
    /// Niet in de regionale catalogus (400 `niet_toegestaan`).
    #[schema(schema_with = externe_referentie)]
    pub(super) externe_referentie: Option<String>,
}

/// Een wijziging van een organisatie; `null` wist een facultatief veld.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct OrganisatieWijziging {
    #[schema(min_length = 1, max_length = 200)]
    pub(super) naam: Option<String>,
    pub(super) soort: Option<OrganisatieSoort>,
    pub(super) veld: Option<MaatschappelijkVeld>,
    #[serde(default)]
    #[schema(value_type = Option<NetwerkCategorie>)]
    pub(super) categorie: Veld<NetwerkCategorie>,
    pub(super) niveau: Option<Niveau>,
    #[schema(schema_with = unieke_lijst::<Hulpsoort, 0>)]
    pub(super) capaciteiten: Option<Vec<Hulpsoort>>,
    #[schema(schema_with = unieke_lijst::<Belang, 0>)]
    pub(super) rollen: Option<Vec<Belang>>,
    #[serde(default)]
    #[schema(schema_with = meer_regels_of_leeg::<5000>)]
    pub(super) aanbod: Veld<String>,
    #[serde(default)]
    #[schema(schema_with = meer_regels_of_leeg::<2000>)]
    pub(super) activering: Veld<String>,
    #[serde(default)]
    #[schema(schema_with = meer_regels_of_leeg::<2000>)]
    pub(super) meerwaarde: Veld<String>,
    #[serde(default)]
    #[schema(schema_with = meer_regels_of_leeg::<2000>)]
    pub(super) op_afschaling: Veld<String>,
    #[serde(default)]
    #[schema(value_type = Option<String>, min_length = 1, max_length = 254)]
    pub(super) contact: Veld<String>,
    /// De gebieden van de eigen gemeente die de organisatie dient; `[]`: de hele gemeente.
    #[schema(max_items = 100)]
    pub(super) gebied_ids: Option<Vec<Uuid>>,
    /// Alleen bij een rij van de catalogus (de `regio_beheerder`): `false` bevestigt haar,
    /// en kan alleen met een `niveau` en minstens één capaciteit (na dit verzoek).
    pub(super) voorlopig: Option<bool>,
    /// Niet in de regionale catalogus (400 `niet_toegestaan`).
    #[serde(default)]
    #[schema(schema_with = externe_referentie_of_leeg)]
    pub(super) externe_referentie: Veld<String>,
}

/// De filters van de sociale kaart.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(rename_all = "camelCase")]
#[into_params(parameter_in = Query)]
pub struct OrganisatiesParams {
    pub(super) soort: Option<OrganisatieSoort>,
    pub(super) veld: Option<MaatschappelijkVeld>,
    pub(super) categorie: Option<NetwerkCategorie>,
    pub(super) niveau: Option<Niveau>,
    /// Organisaties die deze hulp kunnen geven.
    pub(super) capaciteit: Option<Hulpsoort>,
    /// Organisaties die dit belang vertegenwoordigen.
    pub(super) rol: Option<Belang>,
    /// `true`: alleen de regionale catalogus; `false`: alleen gemeentelijke kaarten.
    pub(super) regionaal: Option<bool>,
    /// Deel van de naam (hoofdletters maken niet uit).
    #[param(min_length = 1, max_length = 200)]
    pub(super) naam: Option<String>,
    /// Alleen de organisatie met deze externe referentie.
    #[param(schema_with = externe_referentie)]
    pub(super) externe_referentie: Option<String>,
    /// Een CBS-code: alleen die gemeente (met de regionale catalogus).
    #[param(pattern = r"^GM[0-9]{4}$")]
    pub(super) gemeente: Option<String>,
    /// Organisaties die dit gebied dienen: met het gebied, een voorouder of een
    /// afstammeling in `gebiedIds`, of zonder gebieden (de hele gemeente); de regionale
    /// catalogus dient elk gebied.
    pub(super) gebied_id: Option<Uuid>,
}

/// Een partnerorganisatie aan een netwerk koppelen.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NieuwePartner {
    /// Een organisatie van de eigen sociale kaart of uit de regionale catalogus.
    pub(super) organisatie_id: Uuid,
    /// Wat de organisatie voor dit netwerk doet.
    #[schema(schema_with = meer_regels::<2000>)]
    pub(super) toelichting: Option<String>,
}
