//! Het DNA-profiel van gebieden: uit de laatste metingen berekend, bewaard bij het gebied
//! en bijgewerkt als een meting, het inwonertal of een handmatige keuze verandert.

use crate::domein::dna::{
    self, Aanpak, DnaBasis, DnaProfiel, Gegevens, GrootteBron, Handmatig, Meetwaarde,
};
use crate::http::problem::ApiResult;
use crate::tenancy::{Bron, Context};
use entity::{gebied, gemeente};
use sea_orm::{ConnectionTrait, DbBackend, DbErr, EntityTrait, FromQueryResult, Statement};
use serde_json::Value;
use std::collections::HashMap;
use uuid::Uuid;
/// Eén laatste waarde van een gebied, uit [`LAATSTE_WAARDEN`].
#[derive(Debug, FromQueryResult)]
pub(super) struct LaatsteWaarde {
    pub(super) gebied_id: Uuid,
    pub(super) veld: String,
    pub(super) waarde: f64,
    pub(super) peildatum: chrono::NaiveDate,
    pub(super) bron: String,
}

/// Per gebied, per indicator en per teken de waarde uit de meest recente meting (op
/// peildatum, dan invoer) die haar bevat en niet is ingetrokken: een latere meting
/// van twee indicatoren laat de andere vijf staan. Tekenen als 1 (ja) of 0 (nee).
pub(super) const LAATSTE_WAARDEN: &str = "\
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
                basis: gemeente.map_or(DnaBasis::Indicatoren, |g| g.dna_basis),
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

/// De gebieden waarvan het bewaarde profiel niet `profielen` is (of ontbrak): die
/// veranderen als de profielen worden opgeslagen.
pub fn veranderd(gebieden: &[gebied::Model], profielen: &HashMap<Uuid, DnaProfiel>) -> Vec<Uuid> {
    gebieden
        .iter()
        .filter(|g| {
            let nieuw = profielen
                .get(&g.id)
                .and_then(|p| serde_json::to_value(p).ok());
            let oud = bewaard(g).and_then(|p| serde_json::to_value(p).ok());
            nieuw != oud
        })
        .map(|g| g.id)
        .collect()
}

/// Werkt de profielen van deze gebieden bij na een wijziging buiten het gebied zelf
/// (een meting, een instelling van de gemeente), en legt voor elk gebied waarvan het
/// bewaarde profiel veranderde `gebied gewijzigd` (`dnaProfiel`) vast: zo ziet wie het
/// gebied bijhoudt (de wijzigingenstroom) de afgeleide wijziging.
pub async fn profielen_bijwerken_vastgelegd(
    ctx: &Context,
    gebieden: &[gebied::Model],
) -> ApiResult<()> {
    let profielen = profielen_bijwerken(ctx.db(), gebieden).await?;
    let anders = veranderd(gebieden, &profielen);
    for g in gebieden.iter().filter(|g| anders.contains(&g.id)) {
        ctx.vastleggen(
            crate::audit::Actie::Gewijzigd,
            <gebied::Entity as Bron>::RESOURCE,
            Some(g.gemeente_id),
            g.id,
            crate::audit::Wijzigingen::new().alleen_naam("dnaProfiel"),
        )
        .await?;
    }
    Ok(())
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
pub(super) fn bewaard(m: &gebied::Model) -> Option<DnaProfiel> {
    m.dna_profiel
        .as_deref()
        .and_then(|p| serde_json::from_str(p).ok())
}

/// De profielen van deze gebieden: bewaard, en waar dat ontbreekt uitgerekend.
pub(super) async fn profielen_van(
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
