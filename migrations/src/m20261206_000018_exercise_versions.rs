//! Exercises carry a version, raised by every change, so an editor open in two tabs (or by
//! two authors) cannot overwrite a change it has not seen: a change made against an older
//! version is refused and the author is shown the newer one.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Exercises {
    Table,
    Version,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Exercises::Table)
                    .add_column(
                        ColumnDef::new(Exercises::Version)
                            .integer()
                            .not_null()
                            .default(1),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Exercises::Table)
                    .drop_column(Exercises::Version)
                    .to_owned(),
            )
            .await
    }
}
