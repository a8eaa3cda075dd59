//! Alles buiten het verzoekpad: de databaseverbinding, de seed en de eigen
//! PostgreSQL voor `weefsel dev` en de tests.

pub mod audit_schoning;
pub mod beheerder;
pub mod db;
pub mod demo;
pub mod dna;
pub mod local_postgres;
pub mod retentie;
pub mod seed;
pub mod synthetisch;

/// Legt een regel van het systeem zelf (geen verzoek, geen aanroeper) vast in de audit
/// trail, met de lijst van waarden van alle modules.
pub(crate) async fn systeemregel(
    db: &impl sea_orm::ConnectionTrait,
    sleutels: &crate::audit::AuditSleutels,
    regel: crate::audit::Regel,
) -> Result<(), sea_orm::DbErr> {
    let lijst = crate::modules::audit_waarden();
    crate::audit::record(
        db,
        sleutels,
        &lijst,
        crate::auth::Actor::Systeem,
        None,
        regel,
    )
    .await
}
