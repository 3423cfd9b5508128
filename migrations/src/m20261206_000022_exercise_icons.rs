//! Exercise images gain a fourth size, an icon for lists (a course page shows one per
//! exercise at 64 px; the 320-px thumbnail made that page weigh over 300 KiB). Images stored
//! before this migration get theirs the first time it is asked for.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ExerciseImages {
    Table,
    Icon,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(ExerciseImages::Table)
                    .add_column(ColumnDef::new(ExerciseImages::Icon).blob().null())
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(ExerciseImages::Table)
                    .drop_column(ExerciseImages::Icon)
                    .to_owned(),
            )
            .await
    }
}
