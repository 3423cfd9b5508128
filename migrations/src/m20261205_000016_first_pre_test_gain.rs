//! The progress roll-ups counted a participation's learning gain from its best pre-test; one
//! definition now holds everywhere: from the first pre-test to the best post-test. Emptying
//! the roll-ups makes the next start rebuild them from the learning events under that rule
//! (`rollups::ensure_built`, run after every migration).

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .get_connection()
            .execute_unprepared("DELETE FROM progress_cells")
            .await?;
        Ok(())
    }

    async fn down(&self, _: &SchemaManager) -> Result<(), DbErr> {
        // The roll-ups are derived data: rebuilt from the events either way.
        Ok(())
    }
}
