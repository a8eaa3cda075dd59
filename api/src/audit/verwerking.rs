//! Het verwerkingenlogboek (naar VNG Verwerkingenlogging en de Logius-standaard
//! Logboek Dataverwerkingen): elk verzoek dat persoonsgegevens van sleutelpersonen
//! toont, vindt, exporteert of anonimiseert, geeft één regel met de set van
//! betrokken personen — wie, wanneer, welke personen, welke handeling, welke
//! verwerkingsactiviteit (vast per operatie), het request-id van de dienst en, apart,
//! het `X-Request-Id` van de client. In dezelfde transactie als het verzoek; de
//! database staat geen UPDATE of DELETE toe, behalve het opschonen na de bewaartermijn
//! (`weefsel_verwerking_opschonen`, migratie 000019). Een regel bevat nooit de
//! persoonsgegevens zelf, alleen de ids.

use sea_orm::sea_query::{Expr, SimpleExpr};
use sea_orm::{ConnectionTrait, DbBackend, DbErr, Statement};
use uuid::Uuid;

use crate::auth::Actor;
pub use entity::soorten::{VerwerkingActie as Handeling, Verwerkingsactiviteit as Activiteit};

/// De operaties die persoonsgegevens tonen en dus een regel schrijven (en meetellen voor
/// `WEEFSEL_LIMIET_PERSOONSGEGEVENS`): het document noemt bij hen 429.
pub const OPERATIES: &[&str] = &[
    "listSleutelpersonen",
    "zoekSleutelpersonen",
    "getSleutelpersoon",
    "createSleutelpersoon",
    "updateSleutelpersoon",
    "inzageSleutelpersoon",
    "listCheckins",
    "getCheckin",
    "getBezwaar",
    "listMeldingen",
    "getMelding",
    "createMelding",
    "updateMelding",
    "listMeldingOpvolging",
    "getMeldingOpvolging",
    "getWerklijst",
    "getCrisisbeeld",
    "listWijzigingen",
];

/// De regels over persoon `id` (`sleutelpersoon_ids` bevat haar; de GIN-index dekt het).
pub fn over(id: Uuid) -> SimpleExpr {
    Expr::cust_with_values(
        "sleutelpersoon_ids @> array_append(CAST(NULL AS uuid ARRAY), $1)",
        [id],
    )
}

/// Eén verzoek dat persoonsgegevens verwerkte.
pub struct Verzoek<'a> {
    pub actor: Actor,
    /// Het request-id van de dienst.
    pub request_id: Option<&'a str>,
    /// Het `X-Request-Id` van de client.
    pub correlatie_id: Option<&'a str>,
}

/// Legt één regel vast voor het verzoek, met de set `personen` (van gemeente
/// `gemeente_id`); niets als de set leeg is.
pub async fn vastleggen(
    db: &impl ConnectionTrait,
    verzoek: &Verzoek<'_>,
    gemeente_id: Uuid,
    personen: &[Uuid],
    handeling: Handeling,
    activiteit: Activiteit,
) -> Result<(), DbErr> {
    let mut personen = personen.to_vec();
    personen.sort_unstable();
    personen.dedup();
    if personen.is_empty() {
        return Ok(());
    }
    db.execute_raw(Statement::from_sql_and_values(
        DbBackend::Postgres,
        "INSERT INTO verwerking (id, gemeente_id, actor_soort, actor_id, sleutelpersoon_ids, \
         actie, verwerkingsactiviteit, request_id, correlatie_id) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        [
            Uuid::now_v7().into(),
            gemeente_id.into(),
            verzoek.actor.soort().into(),
            verzoek.actor.id().into(),
            personen.into(),
            handeling.as_str().into(),
            activiteit.as_str().into(),
            verzoek.request_id.map(str::to_owned).into(),
            verzoek.correlatie_id.map(str::to_owned).into(),
        ],
    ))
    .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    /// Elke operatie van de lijst bestaat in het document, met 429.
    #[test]
    fn de_operaties_met_persoonsgegevens_bestaan() {
        let doc = crate::modules::document();
        let operaties: Vec<&serde_json::Value> = doc["paths"]
            .as_object()
            .into_iter()
            .flat_map(|p| p.values())
            .flat_map(|i| i.as_object().into_iter().flat_map(|o| o.values()))
            .collect();
        for id in super::OPERATIES {
            let operatie = operaties
                .iter()
                .find(|o| o["operationId"] == *id)
                .unwrap_or_else(|| panic!("{id} bestaat niet"));
            assert!(operatie["responses"].get("429").is_some(), "{id}");
        }
    }
}
