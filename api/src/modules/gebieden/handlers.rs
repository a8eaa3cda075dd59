//! Gebieden: wijken, buurten, dorpen en kernen van een gemeente, elk met zijn
//! DNA-profiel (`dnaProfiel`, uitgerekend uit de laatste meting; zie [`crate::domein::dna`]).

use crate::http::problem::Foutcode;
use std::collections::HashMap;

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, delete, get, patch, post, web};
use chrono::{DateTime, NaiveDate, Utc};
use entity::{gebied, gebied_telling, gemeente, traject};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbBackend, DbErr,
    DerivePartialModel, EntityTrait, FromQueryResult, ModelTrait, PaginatorTrait, QueryFilter,
    QuerySelect, QueryTrait, Statement,
};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::audit::{Actie, Wijzigingen};
use crate::auth::{Actor, Recht};
use crate::domein::codes::{CbsGebiedCode, GemeenteCode};
use crate::domein::dna::{
    self, Aanpak, Basis, Cohesie, DnaKenmerken, DnaProfiel, Gegevens, GrootteBron, Grootteklasse,
    Handmatig, Meetwaarde,
};
use crate::http::etag::IfMatch;
use crate::http::invoer::{Fouten, Invoer, Veld, meer_regels, unieke_lijst};
use crate::http::pagination::Lijst;
use crate::http::pagination::{Pagina, PaginaParams};
use crate::http::problem::{ApiError, ApiResult, Code, Problem, UniekeSleutel, uniek};
use crate::http::sorting::Sortering;
use crate::http::zoeken::bevat;
use crate::tenancy::{Bron, Context};

const RESOURCE: &str = "gebied";

pub use entity::soorten::GebiedSoort as Soort;

/// Wat elke weergave van een gebied toont, naast (de kern van) zijn DNA-profiel.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct GebiedGegevens {
    pub id: Uuid,
    #[schema(example = "GM0828")]
    pub gemeente: String,
    #[schema(example = "Oss-Centrum")]
    pub naam: String,
    pub soort: Soort,
    /// CBS-wijkcode (`WK` + 6 cijfers) of -buurtcode (`BU` + 8 cijfers).
    #[schema(example = "WK082801")]
    pub cbs_code: Option<String>,
    pub inwonertal: Option<i32>,
    /// Door de gemeente gezet; `null`: afgeleid uit het inwonertal (zie `dnaProfiel`).
    pub grootteklasse: Option<Grootteklasse>,
    pub bovenliggend_gebied_id: Option<Uuid>,
}

/// Een gebied met zijn DNA-profiel.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Gebied {
    #[serde(flatten)]
    pub gegevens: GebiedGegevens,
    pub dna_profiel: DnaProfiel,
    pub aangemaakt_op: DateTime<Utc>,
    pub gewijzigd_op: DateTime<Utc>,
}

/// Een gebied in een lijst: met de kern van zijn DNA-profiel. De onderbouwing
/// (indicatoren, tekenen, toelichting) staat bij `GET /gebieden/{id}`; zo kost een
/// pagina wat zij toont (een pagina van 20 met volledige profielen was 68 kB).
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct GebiedInLijst {
    #[serde(flatten)]
    pub gegevens: GebiedGegevens,
    pub dna_profiel: DnaKenmerken,
    pub aangemaakt_op: DateTime<Utc>,
    pub gewijzigd_op: DateTime<Utc>,
}

/// De kolommen van een gebied die de lijst toont: het bewaarde profiel zelf niet,
/// alleen de kolommen die ervan zijn afgeleid.
#[derive(Debug, DerivePartialModel)]
#[sea_orm(entity = "gebied::Entity")]
struct GebiedRij {
    id: Uuid,
    gemeente_id: Uuid,
    naam: String,
    soort: Soort,
    cbs_code: Option<String>,
    inwonertal: Option<i32>,
    grootteklasse: Option<Grootteklasse>,
    bovenliggend_gebied_id: Option<Uuid>,
    dna_kwadrant: Option<i16>,
    dna_cohesie: Option<String>,
    dna_aanpak: Vec<String>,
    dna_grootte: Option<String>,
    dna_basis: Option<String>,
    dna_peildatum: Option<NaiveDate>,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
}

impl GebiedRij {
    /// Zonder (leesbaar) bewaard profiel (alleen na handwerk in de database; `weefsel
    /// dna herberekenen` herstelt het) is de cohesie onbepaald.
    fn in_lijst(self, codes: &HashMap<Uuid, String>) -> GebiedInLijst {
        let dna_profiel = kenmerken_uit_kolommen(
            self.dna_kwadrant,
            self.dna_cohesie.as_deref(),
            &self.dna_aanpak,
            self.dna_grootte.as_deref(),
            self.dna_basis.as_deref(),
            self.dna_peildatum,
        )
        .unwrap_or(DnaKenmerken {
            cohesie: Cohesie::Onbepaald,
            basis: Basis::Geen,
            grootteklasse: None,
            kwadrant: None,
            aanpak: Vec::new(),
            peildatum: None,
        });
        GebiedInLijst {
            gegevens: GebiedGegevens {
                id: self.id,
                gemeente: codes.get(&self.gemeente_id).cloned().unwrap_or_default(),
                naam: self.naam,
                soort: self.soort,
                cbs_code: self.cbs_code,
                inwonertal: self.inwonertal,
                grootteklasse: self.grootteklasse,
                bovenliggend_gebied_id: self.bovenliggend_gebied_id,
            },
            dna_profiel,
            aangemaakt_op: self.created_at,
            gewijzigd_op: self.updated_at,
        }
    }
}

/// De kern van het profiel zoals de afgeleide kolommen van `gebied` hem bewaren (de
/// lijst leest ze, `weefsel dna herberekenen` vergelijkt ze met het profiel); `None`
/// als er een ontbreekt of onleesbaar is.
pub fn kenmerken_uit_kolommen(
    kwadrant: Option<i16>,
    cohesie: Option<&str>,
    aanpak: &[String],
    grootte: Option<&str>,
    basis: Option<&str>,
    peildatum: Option<NaiveDate>,
) -> Option<DnaKenmerken> {
    Some(DnaKenmerken {
        cohesie: Cohesie::parse(cohesie?)?,
        basis: Basis::parse(basis?)?,
        grootteklasse: match grootte {
            Some(g) => Some(Grootteklasse::parse(g)?),
            None => None,
        },
        kwadrant: kwadrant.map(u8::try_from).transpose().ok()?,
        aanpak: aanpak
            .iter()
            .map(|a| Aanpak::parse(a))
            .collect::<Option<Vec<_>>>()?,
        peildatum,
    })
}

/// Een nieuw gebied.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NieuwGebied {
    #[schema(min_length = 1, max_length = 200, example = "Oss-Centrum")]
    naam: String,
    soort: Soort,
    /// Uniek binnen de gemeente; de cijfers beginnen met de gemeentecode.
    cbs_code: Option<CbsGebiedCode>,
    #[schema(minimum = 0, maximum = 10000000)]
    inwonertal: Option<i32>,
    /// Zonder: afgeleid uit het inwonertal en de drempel van de gemeente.
    grootteklasse: Option<Grootteklasse>,
    /// Een gebied van dezelfde gemeente (bv. de wijk van een buurt).
    bovenliggend_gebied_id: Option<Uuid>,
    /// Een handmatige keuze in het DNA-profiel.
    handmatig: Option<HandmatigInvoer>,
}

/// Een wijziging van een gebied: alleen de meegestuurde velden; `null` maakt een
/// veld leeg.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct GebiedWijziging {
    #[schema(min_length = 1, max_length = 200)]
    naam: Option<String>,
    soort: Option<Soort>,
    #[serde(default)]
    #[schema(value_type = Option<CbsGebiedCode>)]
    cbs_code: Veld<CbsGebiedCode>,
    #[serde(default)]
    #[schema(value_type = Option<i32>, minimum = 0, maximum = 10000000)]
    inwonertal: Veld<i32>,
    #[serde(default)]
    #[schema(value_type = Option<Grootteklasse>)]
    grootteklasse: Veld<Grootteklasse>,
    /// Geen kringen: een gebied ligt niet (indirect) in zichzelf.
    #[serde(default)]
    #[schema(value_type = Option<Uuid>)]
    bovenliggend_gebied_id: Veld<Uuid>,
    /// De handmatige keuze in het DNA-profiel; `null` haalt haar weg.
    #[serde(default)]
    #[schema(value_type = Option<HandmatigInvoer>)]
    handmatig: Veld<HandmatigInvoer>,
}

/// Een handmatige keuze: minstens één van grootteklasse, cohesie en aanpak, met reden.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct HandmatigInvoer {
    grootteklasse: Option<Grootteklasse>,
    cohesie: Option<Cohesie>,
    #[schema(schema_with = unieke_lijst::<Aanpak, 1>)]
    aanpak: Option<Vec<Aanpak>>,
    /// Waarom het berekende profiel niet past.
    #[schema(schema_with = meer_regels::<2000>)]
    reden: String,
}

crate::sorteervelden! {
    /// Waarop de lijst van gebieden gesorteerd kan worden; `-` ervoor is aflopend.
    GebiedSortering op gebied {
        Naam = "naam", NaamAflopend = "-naam" => Naam,
        Inwonertal = "inwonertal", InwonertalAflopend = "-inwonertal" => Inwonertal,
    }
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(rename_all = "camelCase")]
#[into_params(parameter_in = Query)]
pub struct GebiedenParams {
    /// Alleen deze soort.
    soort: Option<Soort>,
    /// Alleen gebieden in dit kwadrant (het geldende, met een handmatige keuze erin).
    #[param(minimum = 1, maximum = 4)]
    kwadrant: Option<u8>,
    /// Alleen gebieden waarvoor deze aanpak geadviseerd is.
    aanpak: Option<Aanpak>,
    /// Naam bevat deze tekst (hoofdletterongevoelig).
    #[param(min_length = 1, max_length = 200)]
    naam: Option<String>,
    /// Alleen de directe onderliggende gebieden hiervan.
    bovenliggend_gebied_id: Option<Uuid>,
    /// Alleen gebieden van deze gemeente (CBS-code); zinvol voor de regio.
    #[param(pattern = "^GM[0-9]{4}$")]
    gemeente: Option<String>,
    /// Sortering; standaard `naam`.
    #[param(value_type = Option<Vec<GebiedSortering>>, style = Form, explode = false)]
    sorteer: Option<String>,
}

impl GebiedenParams {
    /// Of een filter de rijen beperkt (de gemeente en de sortering niet meegeteld). Elk
    /// veld staat hier bij naam: een nieuw filter compileert pas als het hier staat,
    /// zodat de lijst nooit een teller gebruikt waar ze moet tellen.
    fn filtert(&self) -> bool {
        let GebiedenParams {
            soort,
            kwadrant,
            aanpak,
            naam,
            bovenliggend_gebied_id,
            gemeente: _,
            sorteer: _,
        } = self;
        soort.is_some()
            || kwadrant.is_some()
            || aanpak.is_some()
            || naam.is_some()
            || bovenliggend_gebied_id.is_some()
    }
}

/// Eén laatste waarde van een gebied, uit [`LAATSTE_WAARDEN`].
#[derive(Debug, FromQueryResult)]
struct LaatsteWaarde {
    gebied_id: Uuid,
    veld: String,
    waarde: f64,
    peildatum: chrono::NaiveDate,
    bron: String,
}

/// Per gebied, per indicator en per teken de waarde uit de meest recente meting (op
/// peildatum, dan invoer) die haar bevat en niet is ingetrokken: een latere meting
/// van twee indicatoren laat de andere vijf staan. Tekenen als 1 (ja) of 0 (nee).
const LAATSTE_WAARDEN: &str = "\
    SELECT DISTINCT ON (m.gebied_id, w.veld) m.gebied_id, w.veld, w.waarde, m.peildatum, m.bron \
    FROM indicatormeting m CROSS JOIN LATERAL (VALUES \
        ('burgerinitiatievenPer1000', m.burgerinitiatieven_per_1000), \
        ('vrijwilligerswerkPercentage', m.vrijwilligerswerk_percentage), \
        ('verenigingslidmaatschapPercentage', m.verenigingslidmaatschap_percentage), \
        ('buurthuisbezoekPer1000', m.buurthuisbezoek_per_1000), \
        ('verkiezingsopkomstPercentage', m.verkiezingsopkomst_percentage), \
        ('overlastregistratiesPer1000', m.overlastregistraties_per_1000), \
        ('leefbaarometer', m.leefbaarometer), \
        ('inwonersKennenElkaar', m.inwoners_kennen_elkaar::int::float8), \
        ('groetenElkaarOpStraat', m.groeten_elkaar_op_straat::int::float8), \
        ('grootsteDeelGeborenEnGetogen', m.grootste_deel_geboren_en_getogen::int::float8), \
        ('wetenWaarKwetsbarenZijn', m.weten_waar_kwetsbaren_zijn::int::float8), \
        ('kennenEnSprekenBuren', m.kennen_en_spreken_buren::int::float8), \
        ('buurtfeesten', m.buurtfeesten::int::float8), \
        ('wonenEnWerkenInZelfdeGebied', m.wonen_en_werken_in_zelfde_gebied::int::float8) \
    ) AS w(veld, waarde) \
    WHERE m.gebied_id = ANY($1) AND m.ingetrokken_op IS NULL AND w.waarde IS NOT NULL \
    ORDER BY m.gebied_id, w.veld, m.peildatum DESC, m.created_at DESC";

/// De DNA-profielen van deze gebieden, uit de laatste waarde per indicator en teken,
/// de grootte en de instellingen van hun gemeente.
pub async fn profielen(
    db: &impl ConnectionTrait,
    gebieden: &[gebied::Model],
) -> Result<HashMap<Uuid, DnaProfiel>, DbErr> {
    let ids: Vec<Uuid> = gebieden.iter().map(|g| g.id).collect();
    let gemeenten: HashMap<Uuid, gemeente::Model> = gemeente::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|g| (g.id, g))
        .collect();
    let mut waarden: HashMap<Uuid, Vec<Meetwaarde>> = HashMap::new();
    for w in LaatsteWaarde::find_by_statement(Statement::from_sql_and_values(
        DbBackend::Postgres,
        LAATSTE_WAARDEN,
        [ids.into()],
    ))
    .all(db)
    .await?
    {
        waarden.entry(w.gebied_id).or_default().push(Meetwaarde {
            veld: w.veld,
            waarde: w.waarde,
            peildatum: w.peildatum,
            bron: w.bron,
        });
    }
    Ok(gebieden
        .iter()
        .map(|g| {
            let gemeente = gemeenten.get(&g.gemeente_id);
            let drempel = gemeente.map_or(5000, |g| i64::from(g.grootte_drempel));
            let gegevens = Gegevens {
                waarden: waarden.remove(&g.id).unwrap_or_default(),
                grootte: GrootteBron::new(g.grootteklasse, g.inwonertal.map(i64::from), drempel),
                voorkeur: gemeente
                    .and_then(|g| g.voorkeur_aanpak.as_deref())
                    .and_then(Aanpak::parse),
                handmatig: g
                    .handmatig
                    .clone()
                    .and_then(|h| serde_json::from_value::<Handmatig>(h).ok()),
            };
            (g.id, dna::profiel(gegevens))
        })
        .collect())
}

/// Rekent de profielen van deze gebieden uit en bewaart ze (met de kolommen waarop
/// lijsten filteren), in de transactie van `db`. Geeft de profielen.
pub async fn profielen_bijwerken(
    db: &impl ConnectionTrait,
    gebieden: &[gebied::Model],
) -> Result<HashMap<Uuid, DnaProfiel>, DbErr> {
    let profielen = profielen(db, gebieden).await?;
    opslaan(db, &profielen).await?;
    Ok(profielen)
}

/// Het gebied met zijn bijgewerkte, bewaarde profiel: na elke wijziging die het
/// profiel raakt.
pub async fn met_bijgewerkt_profiel(
    ctx: &Context,
    mut model: gebied::Model,
) -> ApiResult<gebied::Model> {
    let profiel = profielen_bijwerken(ctx.db(), std::slice::from_ref(&model))
        .await?
        .remove(&model.id);
    model.dna_profiel = profiel.and_then(|p| serde_json::to_string(&p).ok());
    Ok(model)
}

/// Bewaart profielen met `weefsel_dna_opslaan` (alleen de afgeleide kolommen).
pub async fn opslaan(
    db: &impl ConnectionTrait,
    profielen: &HashMap<Uuid, DnaProfiel>,
) -> Result<(), DbErr> {
    if profielen.is_empty() {
        return Ok(());
    }
    let rijen: Vec<Value> = profielen
        .iter()
        .map(|(id, p)| {
            serde_json::json!({
                "id": id,
                "profiel": p,
                "kwadrant": p.kwadrant,
                "cohesie": p.cohesie,
                "aanpak": p.aanpak,
                "grootte": p.grootteklasse,
                "basis": p.basis,
                "peildatum": p.peildatum,
            })
        })
        .collect();
    db.execute_raw(Statement::from_sql_and_values(
        DbBackend::Postgres,
        "SELECT weefsel_dna_opslaan($1)",
        [Value::Array(rijen).into()],
    ))
    .await?;
    Ok(())
}

/// Het bewaarde profiel van een gebied, of `None` als het (nog) ontbreekt.
fn bewaard(m: &gebied::Model) -> Option<DnaProfiel> {
    m.dna_profiel
        .as_deref()
        .and_then(|p| serde_json::from_str(p).ok())
}

/// De profielen van deze gebieden: bewaard, en waar dat ontbreekt uitgerekend.
async fn profielen_van(
    db: &impl ConnectionTrait,
    gebieden: &[gebied::Model],
) -> Result<HashMap<Uuid, DnaProfiel>, DbErr> {
    let mut uit: HashMap<Uuid, DnaProfiel> = HashMap::new();
    let mut ontbrekend = Vec::new();
    for g in gebieden {
        match bewaard(g) {
            Some(p) => {
                uit.insert(g.id, p);
            }
            None => ontbrekend.push(g.clone()),
        }
    }
    if !ontbrekend.is_empty() {
        uit.extend(profielen(db, &ontbrekend).await?);
    }
    Ok(uit)
}

fn representatie(m: gebied::Model, profiel: DnaProfiel, codes: &HashMap<Uuid, String>) -> Gebied {
    Gebied {
        gegevens: GebiedGegevens {
            id: m.id,
            gemeente: codes.get(&m.gemeente_id).cloned().unwrap_or_default(),
            naam: m.naam,
            soort: m.soort,
            cbs_code: m.cbs_code,
            inwonertal: m.inwonertal,
            grootteklasse: m.grootteklasse,
            bovenliggend_gebied_id: m.bovenliggend_gebied_id,
        },
        dna_profiel: profiel,
        aangemaakt_op: m.created_at,
        gewijzigd_op: m.updated_at,
    }
}

impl Bron for gebied::Entity {
    const RESOURCE: &'static str = RESOURCE;
    const COLLECTIE: &'static str = "/api/v1/gebieden";
    type Weergave = Gebied;

    /// Met hun DNA-profiel.
    async fn weergaven(ctx: &Context, rijen: Vec<gebied::Model>) -> ApiResult<Vec<Gebied>> {
        let codes = ctx.codes().await?;
        let mut profielen = profielen_van(ctx.db(), &rijen).await?;
        rijen
            .into_iter()
            .map(|g| {
                let profiel = profielen
                    .remove(&g.id)
                    .ok_or_else(|| ApiError::Internal("geen profiel".into()))?;
                Ok(representatie(g, profiel, &codes))
            })
            .collect()
    }
}

/// De regels die het schema niet kan uitdrukken, voor aanmaken en wijzigen samen:
/// een CBS-code van de eigen gemeente, een bestaand bovenliggend gebied zonder kring
/// en een handmatige keuze die iets kiest. Geeft de keuze als opgeslagen waarde.
async fn check_regels(
    ctx: &Context,
    cbs_code: Option<&CbsGebiedCode>,
    ouder: Option<Uuid>,
    handmatig: Option<&HandmatigInvoer>,
    zelf: Option<Uuid>,
    fouten: &mut Fouten,
) -> ApiResult<Option<Value>> {
    if let Some(code) = cbs_code {
        let codes = ctx.codes().await?;
        let eigen = ctx
            .eigen_gemeente()
            .ok()
            .and_then(|id| codes.get(&id))
            .and_then(|c| GemeenteCode::parse(c));
        if let Some(eigen) = eigen.filter(|e| !code.hoort_bij(e)) {
            let cijfers = eigen.cijfers();
            fouten.reject(
                "cbsCode",
                Foutcode::Ongeldig,
                format!("Een CBS-code van deze gemeente begint met WK{cijfers} of BU{cijfers}."),
            );
        }
    }
    if let Some(ouder) = ouder
        && let Err(reason) = check_ouder(ctx, ouder, zelf).await?
    {
        fouten.reject("bovenliggendGebiedId", Foutcode::Ongeldig, reason);
    }
    let keuze = handmatig.map(|h| {
        fouten.check(
            h.grootteklasse.is_some() || h.cohesie.is_some() || h.aanpak.is_some(),
            "handmatig.grootteklasse",
            Foutcode::Verplicht,
            "Kies minstens één van grootteklasse, cohesie en aanpak.",
        );
        let door = match ctx.caller.actor {
            Actor::Gebruiker(id) | Actor::Koppeling(id) => Some(id),
            Actor::Systeem => None,
        };
        serde_json::to_value(Handmatig {
            grootteklasse: h.grootteklasse,
            cohesie: h.cohesie,
            aanpak: h.aanpak.clone(),
            reden: h.reden.clone(),
            door,
            op: Utc::now(),
        })
        .unwrap_or(Value::Null)
    });
    Ok(keuze)
}

/// Het bovenliggende gebied bestaat in de eigen gemeente en maakt geen kring.
async fn check_ouder(
    ctx: &Context,
    ouder: Uuid,
    zelf: Option<Uuid>,
) -> ApiResult<Result<(), String>> {
    // Alleen een echt ontbrekend gebied "bestaat niet"; een databasefout is een 500.
    match ctx.find_om_te_verwijzen::<gebied::Entity>(ouder).await {
        Ok(_) => {}
        Err(ApiError::NotFound) => {
            return Ok(Err("Dit gebied bestaat niet in uw gemeente.".into()));
        }
        Err(error) => return Err(error),
    }
    let Some(zelf) = zelf else { return Ok(Ok(())) };
    if ouder == zelf {
        return Ok(Err("Een gebied kan niet in zichzelf liggen.".into()));
    }
    // De keten van voorouders van het nieuwe bovenliggende gebied mag `zelf` niet bevatten.
    let kring = ctx
        .db()
        .query_one_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "WITH RECURSIVE voorouders(id, ouder, diepte) AS ( \
               SELECT id, bovenliggend_gebied_id, 1 FROM gebied WHERE id = $1 \
               UNION ALL \
               SELECT g.id, g.bovenliggend_gebied_id, v.diepte + 1 FROM gebied g \
               JOIN voorouders v ON g.id = v.ouder WHERE v.diepte < 100) \
             SELECT EXISTS (SELECT 1 FROM voorouders WHERE id = $2)",
            [ouder.into(), zelf.into()],
        ))
        .await?
        .and_then(|row| row.try_get_by_index::<bool>(0).ok())
        .unwrap_or(false);
    Ok(if kring {
        Err(
            "Dit zou een kring maken: het gekozen gebied ligt zelf (indirect) in dit gebied."
                .into(),
        )
    } else {
        Ok(())
    })
}

fn conflict(error: DbErr) -> ApiError {
    uniek(
        error,
        &[UniekeSleutel {
            constraint: "gebied_gemeente_id_cbs_code_key",
            code: Code::DubbeleCbsCode,
            detail: "Deze CBS-code hoort al bij een ander gebied van uw gemeente.",
        }],
    )
}

/// Gebieden
///
/// De gebieden van de eigen gemeente (de regio: alle), elk met DNA-profiel.
/// `kwadrant` en `aanpak` filteren op het geldende profiel.
#[utoipa::path(
    operation_id = "listGebieden",
    params(PaginaParams, GebiedenParams),
    responses(
        (status = 200, description = "Een pagina gebieden, elk met de kern van zijn DNA-profiel.", body = Pagina<GebiedInLijst>),
    ),
)]
#[get("/gebieden")]
pub async fn list(ctx: Context, lijst: Lijst<GebiedenParams>) -> ApiResult<HttpResponse> {
    ctx.require(Recht::GebiedenLezen)?;
    let sortering = Sortering::parse(lijst.params.sorteer.as_deref(), GebiedSortering::Naam)?;
    let codes = ctx.codes().await?;
    let p = &lijst.params;
    let select = ctx
        .scoped_in(gebied::Entity::find(), p.gemeente.as_deref())
        .await?
        .apply_if(p.soort, |q, s| q.filter(gebied::Column::Soort.eq(s)))
        .apply_if(p.naam.as_deref(), |q, naam| {
            q.filter(bevat(gebied::Column::Naam, naam))
        })
        .apply_if(p.bovenliggend_gebied_id, |q, ouder| {
            q.filter(gebied::Column::BovenliggendGebiedId.eq(ouder))
        })
        .apply_if(p.kwadrant, |q, k| {
            q.filter(gebied::Column::DnaKwadrant.eq(i16::from(k)))
        })
        .apply_if(p.aanpak, |q, a| {
            // (Met `cust_with_values` zou sea-query 1.0 de waarde in `ARRAY[$1]` kwijtraken.)
            q.filter(Expr::cust_with_exprs(
                "dna_aanpak @> $1",
                [Expr::val(vec![a.as_str().to_owned()])],
            ))
        });
    // Zonder filters (op de gemeente na) komt het totaal uit de bijgehouden telling.
    let teller = if p.filtert() {
        None
    } else {
        let telling = ctx
            .scoped_in(gebied_telling::Entity::find(), p.gemeente.as_deref())
            .await?
            .select_only()
            .expr(Expr::cust("coalesce(sum(aantal), 0)::bigint"))
            .into_query();
        Some(telling)
    };
    let (totaal, rijen) = lijst
        .pagina
        .fetch_deel::<_, GebiedRij, _>(
            sortering.apply(select, gebied::Column::Id),
            teller,
            ctx.db(),
        )
        .await?;
    let resultaten: Vec<GebiedInLijst> = rijen.into_iter().map(|r| r.in_lijst(&codes)).collect();
    Ok(lijst.antwoord(totaal, resultaten))
}

/// Eén gebied
#[utoipa::path(
    operation_id = "getGebied",
    params(("id" = Uuid, Path, description = "Id van het gebied")),
    responses(
        (status = 200, description = "Het gebied met `ETag`.", body = Gebied),
    ),
)]
#[get("/gebieden/{id}")]
pub async fn get(ctx: Context, id: web::Path<Uuid>) -> ApiResult<HttpResponse> {
    ctx.require(Recht::GebiedenLezen)?;
    ctx.lees::<gebied::Entity>(*id).await
}

/// Gebied aanmaken
///
/// In de eigen gemeente. Zonder `grootteklasse` volgt de grootte uit het inwonertal
/// en de drempel van de gemeente (standaard 5000).
#[utoipa::path(
    operation_id = "createGebied",
    request_body = NieuwGebied,
    responses(
        (status = 201, description = "Aangemaakt, met `Location` en `ETag`.", body = Gebied),
    ),
)]
#[post("/gebieden")]
pub async fn create(ctx: Context, mut invoer: Invoer<NieuwGebied>) -> ApiResult<HttpResponse> {
    ctx.require(Recht::GebiedenSchrijven)?;
    let gemeente_id = ctx.eigen_gemeente()?;
    let mut fouten = Fouten::new();
    let handmatig = match invoer.deel() {
        Some(nieuw) => {
            check_regels(
                &ctx,
                nieuw.cbs_code.as_ref(),
                nieuw.bovenliggend_gebied_id,
                nieuw.handmatig.as_ref(),
                None,
                &mut fouten,
            )
            .await?
        }
        None => None,
    };
    invoer.fouten().voeg_toe(fouten);
    let invoer = invoer.klaar()?;
    let model = gebied::ActiveModel {
        id: Set(Uuid::now_v7()),
        gemeente_id: Set(gemeente_id),
        naam: Set(invoer.naam),
        soort: Set(invoer.soort),
        cbs_code: Set(invoer.cbs_code.map(CbsGebiedCode::into_string)),
        inwonertal: Set(invoer.inwonertal),
        grootteklasse: Set(invoer.grootteklasse),
        bovenliggend_gebied_id: Set(invoer.bovenliggend_gebied_id),
        handmatig: Set(handmatig),
        ..Default::default()
    }
    .insert(ctx.db())
    .await
    .map_err(conflict)?;
    let wijzigingen = Wijzigingen::aangemaakt(RESOURCE, &model)
        .alleen_naam_als(model.handmatig.is_some(), "handmatig");
    let model = met_bijgewerkt_profiel(&ctx, model).await?;
    ctx.aangemaakt_met::<gebied::Entity>(model, wijzigingen)
        .await
}

/// Gebied wijzigen
///
/// Ook de handmatige keuze in het DNA-profiel (`handmatig`, met reden; `null` haalt
/// haar weg). Stuur `If-Match` met de `ETag`.
#[utoipa::path(
    operation_id = "updateGebied",
    params(
        ("id" = Uuid, Path, description = "Id van het gebied"),
    ),
    request_body = GebiedWijziging,
    responses(
        (status = 200, description = "Gewijzigd, met de nieuwe `ETag`.", body = Gebied),
    ),
)]
#[patch("/gebieden/{id}")]
pub async fn update(
    if_match: IfMatch,
    ctx: Context,
    id: web::Path<Uuid>,
    mut invoer: Invoer<GebiedWijziging>,
) -> ApiResult<HttpResponse> {
    ctx.require(Recht::GebiedenSchrijven)?;
    let wijziging = invoer.deel().unwrap_or_default();
    if wijziging.bovenliggend_gebied_id.is_waarde() {
        // De kringcontrole leest de keten van voorouders: één verplaatsing tegelijk per
        // gemeente, vóór de eigen rij wordt vergrendeld (anders wachten twee gebieden
        // die elkaars ouder worden op elkaar).
        ctx.een_tegelijk(&format!("gebiedsboom:{}", ctx.eigen_gemeente()?))
            .await?;
    }
    let huidig = ctx.find_for_update::<gebied::Entity>(*id).await?;
    let mut fouten = Fouten::new();
    let handmatig = check_regels(
        &ctx,
        wijziging.cbs_code.as_ref().waarde(),
        wijziging.bovenliggend_gebied_id.clone().waarde(),
        wijziging.handmatig.as_ref().waarde(),
        Some(huidig.id),
        &mut fouten,
    )
    .await?;
    invoer.fouten().voeg_toe(fouten);
    let invoer = invoer.klaar()?;
    // Eerst de invoer (400), dan de versie (412): een fout verzoek is fout, welke
    // versie het ook noemt.
    if_match.check(huidig.version)?;
    let mut model: gebied::ActiveModel = huidig.clone().into();
    let mut w = Wijzigingen::new();
    w.zet("naam", &mut model.naam, invoer.naam);
    w.zet("soort", &mut model.soort, invoer.soort);
    let code = invoer.cbs_code.wijziging();
    w.zet(
        "cbsCode",
        &mut model.cbs_code,
        code.map(|c| c.map(CbsGebiedCode::into_string)),
    );
    w.zet(
        "inwonertal",
        &mut model.inwonertal,
        invoer.inwonertal.wijziging(),
    );
    let grootte = invoer.grootteklasse.wijziging();
    w.zet("grootteklasse", &mut model.grootteklasse, grootte);
    let ouder = invoer.bovenliggend_gebied_id.wijziging();
    w.zet(
        "bovenliggendGebiedId",
        &mut model.bovenliggend_gebied_id,
        ouder,
    );
    let keuze = (!invoer.handmatig.is_afwezig()).then_some(handmatig);
    w.zet("handmatig", &mut model.handmatig, keuze);
    let gemeente = Some(huidig.gemeente_id);
    let model = match ctx
        .bewaar_wijziging(RESOURCE, gemeente, model, w, conflict)
        .await?
    {
        Some(gewijzigd) => met_bijgewerkt_profiel(&ctx, gewijzigd).await?,
        None => huidig,
    };
    ctx.vastgelegd::<gebied::Entity>(StatusCode::OK, model)
        .await
}

/// Gebied verwijderen
///
/// Met zijn metingen. Een gebied met onderliggende gebieden of trajecten blijft: 409
/// met de reden.
#[utoipa::path(
    operation_id = "deleteGebied",
    params(
        ("id" = Uuid, Path, description = "Id van het gebied"),
    ),
    responses(
        (status = 204, description = "Verwijderd."),
        (status = 409, description = "Er verwijzen nog gebieden of trajecten naar.", body = Problem, content_type = "application/problem+json"),
    ),
)]
#[delete("/gebieden/{id}")]
pub async fn remove(
    if_match: IfMatch,
    ctx: Context,
    id: web::Path<Uuid>,
) -> ApiResult<HttpResponse> {
    ctx.require(Recht::GebiedenSchrijven)?;
    let huidig = ctx.find_for_update::<gebied::Entity>(*id).await?;
    if_match.check(huidig.version)?;
    let kinderen = ctx
        .scoped(gebied::Entity::find())
        .filter(gebied::Column::BovenliggendGebiedId.eq(huidig.id))
        .count(ctx.db())
        .await?;
    let trajecten = ctx
        .scoped(traject::Entity::find())
        .filter(traject::Column::GebiedId.eq(huidig.id))
        .count(ctx.db())
        .await?;
    let sleutelpersonen = ctx
        .scoped(entity::sleutelpersoon::Entity::find())
        .filter(entity::sleutelpersoon::Column::GebiedId.eq(huidig.id))
        .count(ctx.db())
        .await?;
    let netwerken = ctx
        .scoped(entity::netwerk::Entity::find())
        .filter(sea_orm::sea_query::Expr::cust_with_exprs(
            "$1 = ANY (netwerk.gebied_ids)",
            [sea_orm::sea_query::Expr::val(huidig.id)],
        ))
        .count(ctx.db())
        .await?;
    let initiatieven = ctx
        .scoped(entity::initiatief::Entity::find())
        .filter(entity::initiatief::Column::GebiedId.eq(huidig.id))
        .count(ctx.db())
        .await?;
    if kinderen > 0 || trajecten > 0 || sleutelpersonen > 0 || netwerken > 0 || initiatieven > 0 {
        let mut redenen = Vec::new();
        if kinderen > 0 {
            redenen.push(format!("{kinderen} onderliggend(e) gebied(en)"));
        }
        if trajecten > 0 {
            redenen.push(format!("{trajecten} traject(en)"));
        }
        if sleutelpersonen > 0 {
            redenen.push(format!("{sleutelpersonen} sleutelperso(o)n(en)"));
        }
        if netwerken > 0 {
            redenen.push(format!("{netwerken} netwerk(en) dat het bestrijkt"));
        }
        if initiatieven > 0 {
            redenen.push(format!("{initiatieven} initiatief/initiatieven"));
        }
        return Err(ApiError::Conflict(
            Code::GebiedHeeftOnderliggende,
            format!(
                "Dit gebied heeft nog {}; verplaats of verwijder die eerst.",
                redenen.join(" en ")
            ),
        ));
    }
    let gemeente_id = huidig.gemeente_id;
    let naam = huidig.naam.clone();
    huidig.delete(ctx.db()).await?;
    ctx.vastleggen(
        Actie::Verwijderd,
        RESOURCE,
        Some(gemeente_id),
        id,
        Wijzigingen::new().waarde("naam", &naam, Value::Null),
    )
    .await?;
    ctx.commit_then(HttpResponse::NoContent().finish()).await
}

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(list)
        .service(get)
        .service(create)
        .service(update)
        .service(remove);
}
