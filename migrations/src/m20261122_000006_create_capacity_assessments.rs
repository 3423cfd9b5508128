//! Capacity assessments: the project (country, framework and version, scope, dates, status),
//! its team, each assessor's independent scores, the agreed score per indicator, findings and
//! recommendations.
//!
//! Indicators, elements and components are identified by their framework ids (text), so the
//! framework stays data; every row that can be edited carries a `version` for optimistic
//! concurrency (two people saving the same field: the second is told, nothing is lost).

use crate::builders::{fk, id_col, index};
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum People {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum CapacityAssessments {
    Table,
    Id,
    FrameworkId,
    FrameworkVersion,
    CountryCode,
    Title,
    RequestedBy,
    /// JSON array of element ids; empty means the whole framework.
    Scope,
    StartsOn,
    EndsOn,
    /// `draft`, `in_review` or `final`.
    Status,
    /// 1 for the first version; a new version copies a final one.
    Number,
    PreviousId,
    BaselineId,
    Summary,
    Methodology,
    CreatedBy,
    CreatedAt,
    UpdatedAt,
    Version,
}

#[derive(DeriveIden)]
enum AssessmentMembers {
    Table,
    AssessmentId,
    PersonId,
    /// `lead`, `assessor` or `counterpart` (read only).
    Role,
}

#[derive(DeriveIden)]
enum AssessmentScores {
    Table,
    AssessmentId,
    IndicatorId,
    /// The assessor; 0 for the agreed score recorded by the lead.
    AssessorId,
    Level,
    NotApplicable,
    Reason,
    Evidence,
    /// `low`, `medium` or `high`.
    Confidence,
    UpdatedBy,
    UpdatedAt,
    Version,
}

#[derive(DeriveIden)]
enum AssessmentFindings {
    Table,
    Id,
    AssessmentId,
    ElementId,
    /// `strength` or `gap`.
    Kind,
    Text,
    Position,
    Version,
}

#[derive(DeriveIden)]
enum AssessmentRecommendations {
    Table,
    Id,
    AssessmentId,
    ElementId,
    Text,
    /// `high`, `medium` or `low`.
    Priority,
    /// `short` (≤ 12 months) or `long`.
    Timeframe,
    Responsible,
    Cost,
    /// Comma-separated indicator ids.
    Indicators,
    /// Quarter it is planned for, `YYYY-Qn`.
    Quarter,
    Position,
    Version,
}

#[derive(DeriveIden)]
enum AssessmentDocuments {
    Table,
    Id,
    AssessmentId,
    IndicatorId,
    Name,
    ContentType,
    Data,
    UploadedBy,
    UploadedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        use CapacityAssessments as A;
        manager
            .create_table(
                Table::create()
                    .table(A::Table)
                    .col(id_col(A::Id))
                    .col(ColumnDef::new(A::FrameworkId).string_len(64).not_null())
                    .col(
                        ColumnDef::new(A::FrameworkVersion)
                            .string_len(32)
                            .not_null(),
                    )
                    .col(ColumnDef::new(A::CountryCode).string_len(3).not_null())
                    .col(ColumnDef::new(A::Title).string_len(200).not_null())
                    .col(ColumnDef::new(A::RequestedBy).string_len(200).not_null())
                    .col(ColumnDef::new(A::Scope).text().not_null())
                    .col(ColumnDef::new(A::StartsOn).date().not_null())
                    .col(ColumnDef::new(A::EndsOn).date().not_null())
                    .col(ColumnDef::new(A::Status).string_len(16).not_null())
                    .col(ColumnDef::new(A::Number).integer().not_null())
                    .col(ColumnDef::new(A::PreviousId).big_integer().null())
                    .col(ColumnDef::new(A::BaselineId).big_integer().null())
                    .col(ColumnDef::new(A::Summary).text().not_null())
                    .col(ColumnDef::new(A::Methodology).text().not_null())
                    .col(ColumnDef::new(A::CreatedBy).big_integer().null())
                    .col(
                        ColumnDef::new(A::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(A::UpdatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(ColumnDef::new(A::Version).integer().not_null())
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "ix_capacity_assessments_country",
            A::Table,
            vec![A::CountryCode.into_iden()],
            false,
        )
        .await?;

        use AssessmentMembers as M;
        manager
            .create_table(
                Table::create()
                    .table(M::Table)
                    .col(ColumnDef::new(M::AssessmentId).big_integer().not_null())
                    .col(ColumnDef::new(M::PersonId).big_integer().not_null())
                    .col(ColumnDef::new(M::Role).string_len(16).not_null())
                    .primary_key(Index::create().col(M::AssessmentId).col(M::PersonId))
                    .foreign_key(&mut fk(M::Table, M::AssessmentId, A::Table, A::Id))
                    .foreign_key(&mut fk(M::Table, M::PersonId, People::Table, People::Id))
                    .to_owned(),
            )
            .await?;

        use AssessmentScores as S;
        manager
            .create_table(
                Table::create()
                    .table(S::Table)
                    .col(ColumnDef::new(S::AssessmentId).big_integer().not_null())
                    .col(ColumnDef::new(S::IndicatorId).string_len(64).not_null())
                    .col(ColumnDef::new(S::AssessorId).big_integer().not_null())
                    .col(ColumnDef::new(S::Level).integer().null())
                    .col(ColumnDef::new(S::NotApplicable).boolean().not_null())
                    .col(ColumnDef::new(S::Reason).text().not_null())
                    .col(ColumnDef::new(S::Evidence).text().not_null())
                    .col(ColumnDef::new(S::Confidence).string_len(8).not_null())
                    .col(ColumnDef::new(S::UpdatedBy).big_integer().not_null())
                    .col(
                        ColumnDef::new(S::UpdatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(ColumnDef::new(S::Version).integer().not_null())
                    .primary_key(
                        Index::create()
                            .col(S::AssessmentId)
                            .col(S::IndicatorId)
                            .col(S::AssessorId),
                    )
                    .foreign_key(&mut fk(S::Table, S::AssessmentId, A::Table, A::Id))
                    .to_owned(),
            )
            .await?;

        use AssessmentFindings as F;
        manager
            .create_table(
                Table::create()
                    .table(F::Table)
                    .col(id_col(F::Id))
                    .col(ColumnDef::new(F::AssessmentId).big_integer().not_null())
                    .col(ColumnDef::new(F::ElementId).string_len(64).not_null())
                    .col(ColumnDef::new(F::Kind).string_len(16).not_null())
                    .col(ColumnDef::new(F::Text).text().not_null())
                    .col(ColumnDef::new(F::Position).integer().not_null())
                    .col(ColumnDef::new(F::Version).integer().not_null())
                    .foreign_key(&mut fk(F::Table, F::AssessmentId, A::Table, A::Id))
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "ix_assessment_findings",
            F::Table,
            vec![F::AssessmentId.into_iden(), F::ElementId.into_iden()],
            false,
        )
        .await?;

        use AssessmentRecommendations as R;
        manager
            .create_table(
                Table::create()
                    .table(R::Table)
                    .col(id_col(R::Id))
                    .col(ColumnDef::new(R::AssessmentId).big_integer().not_null())
                    .col(ColumnDef::new(R::ElementId).string_len(64).not_null())
                    .col(ColumnDef::new(R::Text).text().not_null())
                    .col(ColumnDef::new(R::Priority).string_len(8).not_null())
                    .col(ColumnDef::new(R::Timeframe).string_len(8).not_null())
                    .col(ColumnDef::new(R::Responsible).string_len(200).not_null())
                    .col(ColumnDef::new(R::Cost).string_len(100).not_null())
                    .col(ColumnDef::new(R::Indicators).text().not_null())
                    .col(ColumnDef::new(R::Quarter).string_len(7).not_null())
                    .col(ColumnDef::new(R::Position).integer().not_null())
                    .col(ColumnDef::new(R::Version).integer().not_null())
                    .foreign_key(&mut fk(R::Table, R::AssessmentId, A::Table, A::Id))
                    .to_owned(),
            )
            .await?;
        use AssessmentDocuments as D;
        manager
            .create_table(
                Table::create()
                    .table(D::Table)
                    .col(id_col(D::Id))
                    .col(ColumnDef::new(D::AssessmentId).big_integer().not_null())
                    .col(ColumnDef::new(D::IndicatorId).string_len(64).not_null())
                    .col(ColumnDef::new(D::Name).string_len(200).not_null())
                    .col(ColumnDef::new(D::ContentType).string_len(100).not_null())
                    .col(ColumnDef::new(D::Data).blob().not_null())
                    .col(ColumnDef::new(D::UploadedBy).big_integer().not_null())
                    .col(
                        ColumnDef::new(D::UploadedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .foreign_key(&mut fk(D::Table, D::AssessmentId, A::Table, A::Id))
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "ix_assessment_documents",
            D::Table,
            vec![D::AssessmentId.into_iden(), D::IndicatorId.into_iden()],
            false,
        )
        .await?;
        index(
            manager,
            "ix_assessment_recommendations",
            R::Table,
            vec![R::AssessmentId.into_iden(), R::ElementId.into_iden()],
            false,
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            AssessmentDocuments::Table.into_iden(),
            AssessmentRecommendations::Table.into_iden(),
            AssessmentFindings::Table.into_iden(),
            AssessmentScores::Table.into_iden(),
            AssessmentMembers::Table.into_iden(),
            CapacityAssessments::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
