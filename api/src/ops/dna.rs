//! `weefsel dna herberekenen`: rekent het bewaarde DNA-profiel van elk gebied na
//! met de regels van nu, en werkt bij wat afwijkt. Na een wijziging van de regels
//! (of als iemand de tabel buiten de dienst om veranderde) brengt dit alles weer in
//! lijn; in normaal gebruik vindt het niets, omdat elke wijziging het profiel in haar
//! eigen transactie bijwerkt.

use std::collections::HashMap;

use entity::gebied;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DbBackend, DbErr, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, Statement, TransactionTrait,
};
use uuid::Uuid;

use crate::audit::{Actie, AuditSleutels, Regel, Wijzigingen};
use crate::auth::Actor;
use crate::domein::dna::{DnaKenmerken, DnaProfiel};
use crate::modules::gebieden;

/// Zoveel gebieden per ronde.
const PER_KEER: u64 = 1000;

/// Wat een herberekening vond.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Herberekening {
    /// Hoeveel gebieden er zijn nagerekend.
    pub gebieden: u64,
    /// De gebieden waarvan het bewaarde profiel afweek (of ontbrak), nu bijgewerkt.
    pub afwijkend: Vec<Uuid>,
}

/// Rekent de profielen na, als eigenaar in een regionale context; met
/// `alleen_ontbrekend` alleen gebieden zonder bewaard profiel (na een migratie). Met
/// `sleutels` komt elk bijgewerkt gebied in de audit trail (`gebied gewijzigd`,
/// `dnaProfiel`, door `systeem`), en zo in de wijzigingenstroom; een seed, die ook de
/// rest van zijn gegevens niet vastlegt, geeft geen sleutels.
pub async fn herberekenen(
    db: &DatabaseConnection,
    alleen_ontbrekend: bool,
    sleutels: Option<&AuditSleutels>,
) -> Result<Herberekening, DbErr> {
    let lijst = crate::modules::audit_waarden();
    let tx = db.begin().await?;
    tx.execute_raw(Statement::from_string(
        DbBackend::Postgres,
        "SELECT set_config('weefsel.regio', 'beheer', true)",
    ))
    .await?;
    let mut uitkomst = Herberekening::default();
    let mut vanaf = Uuid::nil();
    loop {
        let mut select = gebied::Entity::find()
            .filter(gebied::Column::Id.gt(vanaf))
            .order_by_asc(gebied::Column::Id)
            .limit(PER_KEER);
        if alleen_ontbrekend {
            select = select.filter(gebied::Column::DnaProfiel.is_null());
        }
        let ronde = select.all(&tx).await?;
        let Some(laatste) = ronde.last() else { break };
        vanaf = laatste.id;
        let profielen = gebieden::profielen(&tx, &ronde).await?;
        let afwijkend: HashMap<Uuid, DnaProfiel> = ronde
            .iter()
            .filter_map(|g| {
                let profiel = profielen.get(&g.id)?;
                let nu = serde_json::to_value(profiel).ok();
                let bewaard = g
                    .dna_profiel
                    .as_deref()
                    .and_then(|p| serde_json::from_str::<serde_json::Value>(p).ok());
                // Het profiel en de kolommen die lijsten ervan lezen.
                let kolommen = gebieden::kenmerken_uit_kolommen(
                    g.dna_kwadrant,
                    g.dna_cohesie.as_deref(),
                    &g.dna_aanpak,
                    g.dna_grootte.as_deref(),
                    g.dna_basis.as_deref(),
                    g.dna_peildatum,
                );
                let verwacht = Some(DnaKenmerken::from(profiel));
                (bewaard != nu || kolommen != verwacht).then(|| (g.id, profiel.clone()))
            })
            .collect();
        gebieden::opslaan(&tx, &afwijkend).await?;
        if let Some(sleutels) = sleutels {
            for g in ronde.iter().filter(|g| afwijkend.contains_key(&g.id)) {
                let regel = Regel {
                    gemeente_id: Some(g.gemeente_id),
                    resource: "gebied",
                    resource_id: g.id.to_string(),
                    actie: Actie::Gewijzigd,
                    wijzigingen: Wijzigingen::new().alleen_naam("dnaProfiel"),
                };
                crate::audit::record(&tx, sleutels, &lijst, Actor::Systeem, None, regel).await?;
            }
        }
        uitkomst.gebieden += ronde.len() as u64;
        uitkomst.afwijkend.extend(afwijkend.into_keys());
    }
    tx.commit().await?;
    uitkomst.afwijkend.sort();
    Ok(uitkomst)
}
