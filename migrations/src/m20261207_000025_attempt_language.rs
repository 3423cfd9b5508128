//! `attempts.language`: the language an attempt's questions were asked in, when a course's
//! translation asked them (none: the course's own language). The questions are copied into the
//! attempt as asked, so its review reads in that language whatever the trainee chooses later.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Attempts {
    Table,
    Language,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Attempts::Table)
                    .add_column(ColumnDef::new(Attempts::Language).string_len(8).null())
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Attempts::Table)
                    .drop_column(Attempts::Language)
                    .to_owned(),
            )
            .await
    }
}
