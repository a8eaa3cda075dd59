//! De invoer van de operaties op gebruikers, elk één getypte struct.

use crate::auth::Rol;
use crate::domein::codes::GemeenteCode;
use crate::http::invoer::{AlleenLezen, Veld, unieke_lijst};
use entity::gebruiker;
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

/// Een nieuwe gebruiker. Een wachtwoord of een `externId` is nodig om in te loggen,
/// behalve bij het eerste account van een gemeente dat de regio maakt: dat krijgt een
/// activeringscode en heeft geen van beide.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NieuweGebruiker {
    /// 3–64 tekens: kleine letters, cijfers, `.`, `_`, `-`; uniek over alle gemeenten.
    #[schema(
        example = "oss.jvandijk",
        min_length = 3,
        max_length = 64,
        pattern = "^[a-z0-9][a-z0-9._-]*$"
    )]
    pub(super) gebruikersnaam: String,
    /// Een gemeentelijk beheerder laat dit weg (of noemt de eigen gemeente); een
    /// regionaal beheerder noemt het, behalve bij regionale rollen.
    pub(super) gemeente: Option<GemeenteCode>,
    /// Minstens één rol, zonder herhaling; regionale en gemeentelijke rollen gaan niet samen.
    #[schema(schema_with = unieke_lijst::<Rol, 1>)]
    pub(super) rollen: Vec<Rol>,
    /// 12–256 tekens, niet alleen witruimte, en niet te raden (NIST SP 800-63B): niet de gebruikersnaam of een deel ervan, geen veelgebruikt of gelekt wachtwoord of bekend woord met wat cijfers, geen reeks (`123456789012`) en minstens 5 verschillende tekens; anders 400 `te_zwak` met de reden. Wordt met argon2id gehasht en is daarna nooit meer te lezen.
    #[schema(write_only, min_length = 12, max_length = 256)]
    pub(super) wachtwoord: Option<String>,
    /// De `sub` bij de identity provider van de gemeente.
    #[schema(min_length = 1, max_length = 255)]
    pub(super) extern_id: Option<String>,
    /// Standaard `true`.
    pub(super) actief: Option<bool>,
}

/// Een wijziging van een gebruiker. `gebruikersnaam` en `gemeente` liggen vast.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct GebruikerWijziging {
    /// Ligt vast; maak zo nodig een nieuwe gebruiker.
    #[serde(default)]
    #[schema(read_only, value_type = Option<String>)]
    pub(super) gebruikersnaam: AlleenLezen,
    /// Ligt vast; maak zo nodig een nieuwe gebruiker.
    #[serde(default)]
    #[schema(read_only, value_type = Option<String>)]
    pub(super) gemeente: AlleenLezen,
    #[schema(schema_with = unieke_lijst::<Rol, 1>)]
    pub(super) rollen: Option<Vec<Rol>>,
    /// `false` deactiveert: lopende tokens werken bij het volgende verzoek niet meer.
    pub(super) actief: Option<bool>,
    /// Een tijdelijk wachtwoord: 12–256 tekens, niet alleen witruimte, en niet te raden (NIST SP 800-63B): niet de gebruikersnaam of een deel ervan, geen veelgebruikt of gelekt wachtwoord of bekend woord met wat cijfers, geen reeks (`123456789012`) en minstens 5 verschillende tekens; anders 400 `te_zwak` met de reden.
    #[schema(write_only, min_length = 12, max_length = 256)]
    pub(super) wachtwoord: Option<String>,
    /// `null` ontkoppelt de gebruiker van de identity provider.
    #[serde(default)]
    #[schema(value_type = Option<String>, min_length = 1, max_length = 255)]
    pub(super) extern_id: Veld<String>,
}

crate::sorteervelden! {
    /// Waarop de lijst van gebruikers gesorteerd kan worden; `-` ervoor is aflopend.
    GebruikerSortering op gebruiker {
        Gebruikersnaam = "gebruikersnaam", GebruikersnaamAflopend = "-gebruikersnaam" => Gebruikersnaam,
        AangemaaktOp = "aangemaaktOp", AangemaaktOpAflopend = "-aangemaaktOp" => CreatedAt,
    }
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct GebruikersParams {
    /// Alleen gebruikers met deze rol.
    pub(super) rol: Option<Rol>,
    /// Alleen actieve (`true`) of gedeactiveerde (`false`) gebruikers.
    pub(super) actief: Option<bool>,
    /// Alleen gebruikers van deze gemeente (CBS-code); zinvol voor de regio.
    #[param(pattern = "^GM[0-9]{4}$", example = "GM0828")]
    pub(super) gemeente: Option<String>,
    /// Sortering; standaard `gebruikersnaam`.
    #[param(value_type = Option<Vec<GebruikerSortering>>, style = Form, explode = false)]
    pub(super) sorteer: Option<String>,
}
