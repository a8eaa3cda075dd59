//! De gemeente-tabel (tenant) met de elf gemeenten van VRBN.

use sea_orm_migration::prelude::*;

use crate::gemeenten;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        db.execute_unprepared(
            r#"
            CREATE TABLE gemeente (
                id          uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
                code        text        NOT NULL UNIQUE CHECK (code ~ '^GM[0-9]{4}$'),
                naam        text        NOT NULL CHECK (length(naam) BETWEEN 1 AND 200),
                slug        text        NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
                created_at  timestamptz NOT NULL DEFAULT now(),
                updated_at  timestamptz NOT NULL DEFAULT now()
            );
            COMMENT ON TABLE gemeente IS 'Gemeente (tenant) van Veiligheidsregio Brabant-Noord, geïdentificeerd door haar CBS-code';
            "#,
        )
        .await?;
        db.execute_unprepared(&gemeenten::upsert_sql()).await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .get_connection()
            .execute_unprepared("DROP TABLE gemeente")
            .await?;
        Ok(())
    }
}
