//! Job specifications for training needs analysis: the proficiency level (1–5) a position
//! requires in each competency of the framework (competencies are named by their framework
//! ids, so the framework stays data).

use crate::builders::fk;
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Positions {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum PositionRequirements {
    Table,
    PositionId,
    CompetencyId,
    Level,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        use PositionRequirements as R;
        manager
            .create_table(
                Table::create()
                    .table(R::Table)
                    .col(ColumnDef::new(R::PositionId).big_integer().not_null())
                    .col(ColumnDef::new(R::CompetencyId).string_len(64).not_null())
                    .col(ColumnDef::new(R::Level).integer().not_null())
                    .primary_key(Index::create().col(R::PositionId).col(R::CompetencyId))
                    .foreign_key(&mut fk(
                        R::Table,
                        R::PositionId,
                        Positions::Table,
                        Positions::Id,
                    ))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(PositionRequirements::Table).to_owned())
            .await
    }
}
