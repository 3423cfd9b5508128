//! Document-examination exercises, the answers trainees give them and, per answer, what was
//! found or missed by kind of defect (so dashboards can tell which defects trainees miss).

use crate::builders::{fk, id_col, index};
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Courses {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Exercises {
    Table,
    Id,
    CourseId,
    ModuleId,
    Position,
    /// `anomalies`, `light_views`, `verdict`, `compare`, `mrz` or `impostor`.
    Kind,
    Title,
    Instructions,
    Explanation,
    /// The examined image (hash into `exercise_images`) and its size in pixels.
    ImageHash,
    Width,
    Height,
    /// The answer key and the other images, as JSON (see `ExerciseSpec`).
    Spec,
    Published,
    CreatedBy,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum ExerciseAttempts {
    Table,
    Id,
    ExerciseId,
    PersonId,
    /// The answer as given, JSON.
    Answer,
    /// The graded result, JSON.
    Result,
    Score,
    MaxScore,
    /// An author trying their own exercise: kept apart from trainees' results.
    Preview,
    At,
}

#[derive(DeriveIden)]
enum ExerciseFindings {
    Table,
    Id,
    AttemptId,
    ExerciseId,
    CourseId,
    PersonId,
    /// The kind of defect or feature (`check_digit`, `photo_substitution`, `uv:visible`, …).
    Kind,
    Found,
    At,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        use ExerciseAttempts as A;
        use ExerciseFindings as F;
        use Exercises as E;
        manager
            .create_table(
                Table::create()
                    .table(E::Table)
                    .col(id_col(E::Id))
                    .col(ColumnDef::new(E::CourseId).big_integer().not_null())
                    .col(ColumnDef::new(E::ModuleId).big_integer().null())
                    .col(ColumnDef::new(E::Position).integer().not_null())
                    .col(ColumnDef::new(E::Kind).string_len(16).not_null())
                    .col(ColumnDef::new(E::Title).string_len(200).not_null())
                    .col(ColumnDef::new(E::Instructions).text().not_null())
                    .col(ColumnDef::new(E::Explanation).text().not_null())
                    .col(ColumnDef::new(E::ImageHash).string_len(64).not_null())
                    .col(ColumnDef::new(E::Width).integer().not_null())
                    .col(ColumnDef::new(E::Height).integer().not_null())
                    .col(ColumnDef::new(E::Spec).text().not_null())
                    .col(ColumnDef::new(E::Published).boolean().not_null())
                    .col(ColumnDef::new(E::CreatedBy).big_integer().null())
                    .col(
                        ColumnDef::new(E::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(E::UpdatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .foreign_key(&mut fk(E::Table, E::CourseId, Courses::Table, Courses::Id))
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "ix_exercises_course",
            E::Table,
            vec![E::CourseId.into_iden(), E::Position.into_iden()],
            false,
        )
        .await?;
        manager
            .create_table(
                Table::create()
                    .table(A::Table)
                    .col(id_col(A::Id))
                    .col(ColumnDef::new(A::ExerciseId).big_integer().not_null())
                    .col(ColumnDef::new(A::PersonId).big_integer().not_null())
                    .col(ColumnDef::new(A::Answer).text().not_null())
                    .col(ColumnDef::new(A::Result).text().not_null())
                    .col(ColumnDef::new(A::Score).double().not_null())
                    .col(ColumnDef::new(A::MaxScore).double().not_null())
                    .col(ColumnDef::new(A::Preview).boolean().not_null())
                    .col(ColumnDef::new(A::At).timestamp_with_time_zone().not_null())
                    .foreign_key(&mut fk(A::Table, A::ExerciseId, E::Table, E::Id))
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "ix_exercise_attempts_person",
            A::Table,
            vec![A::PersonId.into_iden(), A::ExerciseId.into_iden()],
            false,
        )
        .await?;
        manager
            .create_table(
                Table::create()
                    .table(F::Table)
                    .col(id_col(F::Id))
                    .col(ColumnDef::new(F::AttemptId).big_integer().not_null())
                    .col(ColumnDef::new(F::ExerciseId).big_integer().not_null())
                    .col(ColumnDef::new(F::CourseId).big_integer().not_null())
                    .col(ColumnDef::new(F::PersonId).big_integer().not_null())
                    .col(ColumnDef::new(F::Kind).string_len(64).not_null())
                    .col(ColumnDef::new(F::Found).boolean().not_null())
                    .col(ColumnDef::new(F::At).timestamp_with_time_zone().not_null())
                    .foreign_key(&mut fk(F::Table, F::AttemptId, A::Table, A::Id))
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "ix_exercise_findings_course_kind",
            F::Table,
            vec![F::CourseId.into_iden(), F::Kind.into_iden()],
            false,
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            ExerciseFindings::Table.into_iden(),
            ExerciseAttempts::Table.into_iden(),
            Exercises::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(t).to_owned())
                .await?;
        }
        Ok(())
    }
}
