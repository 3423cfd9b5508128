//! Learning events not yet counted in the progress roll-ups. Writing an event adds its id
//! here in the same transaction; a background task (and every dashboard read, first) folds
//! the pending events into the roll-ups in batches and deletes their ids in the same
//! transaction. Requests then never update the shared roll-up rows themselves, which every
//! trainee of a class, agency or course would otherwise queue on.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ProgressPending {
    Table,
    EventId,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        use ProgressPending as P;
        manager
            .create_table(
                Table::create()
                    .table(P::Table)
                    .col(
                        ColumnDef::new(P::EventId)
                            .big_integer()
                            .not_null()
                            .primary_key(),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(ProgressPending::Table).to_owned())
            .await
    }
}
