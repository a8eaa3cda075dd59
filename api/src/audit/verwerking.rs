//! Het verwerkingenlogboek (naar VNG Verwerkingenlogging): elke keer dat
//! persoonsgegevens van een sleutelpersoon getoond, gevonden, geëxporteerd of
//! geanonimiseerd worden, één regel per persoon — wie, wanneer, welke persoon, welke
//! handeling, welke verwerkingsactiviteit (vast per operatie) en het request-id. In
//! dezelfde transactie als het verzoek; de database staat geen UPDATE of DELETE toe.
//! Een regel bevat nooit de persoonsgegevens zelf, alleen het id van de persoon.

use sea_orm::{ConnectionTrait, DbBackend, DbErr, Statement};
use uuid::Uuid;

use crate::auth::Actor;
pub use entity::soorten::{VerwerkingActie as Handeling, Verwerkingsactiviteit as Activiteit};

/// Legt voor elk id in `personen` (van gemeente `gemeente_id`) één regel vast, in
/// één statement.
pub async fn vastleggen(
    db: &impl ConnectionTrait,
    actor: Actor,
    request_id: Option<&str>,
    gemeente_id: Uuid,
    personen: &[Uuid],
    handeling: Handeling,
    activiteit: Activiteit,
) -> Result<(), DbErr> {
    if personen.is_empty() {
        return Ok(());
    }
    let ids: Vec<Uuid> = personen.iter().map(|_| Uuid::now_v7()).collect();
    db.execute_raw(Statement::from_sql_and_values(
        DbBackend::Postgres,
        "INSERT INTO verwerking (id, gemeente_id, actor_soort, actor_id, sleutelpersoon_id, \
         actie, verwerkingsactiviteit, request_id) \
         SELECT r.id, $3, $4, $5, r.persoon, $6, $7, $8 FROM unnest($1::uuid[], $2::uuid[]) AS r(id, persoon)",
        [
            ids.into(),
            personen.to_vec().into(),
            gemeente_id.into(),
            actor.soort().into(),
            actor.id().into(),
            handeling.as_str().into(),
            activiteit.as_str().into(),
            request_id.map(str::to_owned).into(),
        ],
    ))
    .await?;
    Ok(())
}
