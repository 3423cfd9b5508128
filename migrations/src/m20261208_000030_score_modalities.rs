//! `assessment_scores.not_applicable_to`: the kinds of crossing point (air, land, sea) an
//! indicator's score leaves out because the country has none, as comma-separated codes; the
//! score stands for the rest.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum AssessmentScores {
    Table,
    NotApplicableTo,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(AssessmentScores::Table)
                    .add_column(
                        ColumnDef::new(AssessmentScores::NotApplicableTo)
                            .string_len(32)
                            .not_null()
                            .default(""),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(AssessmentScores::Table)
                    .drop_column(AssessmentScores::NotApplicableTo)
                    .to_owned(),
            )
            .await
    }
}
