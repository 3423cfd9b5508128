//! Trainer materials and the two pools of a question bank.
//!
//! - `question_categories.pool`: `practice` (practice quizzes draw from it, answers shown) or
//!   `test` (only pre-tests and post-tests draw from it). Existing categories are practice.
//! - `trainer_notes`: what a course's trainers read and trainees never see: one row for the
//!   pilot day's agenda (`kind = agenda`: title, start time, steps as JSON, notes), the
//!   materials list and the localisation sheet (Markdown), and one row per lesson with its
//!   session plan (steps as JSON) and trainer notes. Rows go with their course and lesson.

use crate::builders::{fk, id_col, unique};
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Courses {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Lessons {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum QuestionCategories {
    Table,
    Pool,
}

#[derive(DeriveIden)]
enum TrainerNotes {
    Table,
    Id,
    CourseId,
    LessonId,
    Kind,
    Title,
    Starts,
    Plan,
    Body,
    BodyHtml,
    UpdatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(QuestionCategories::Table)
                    .add_column(
                        ColumnDef::new(QuestionCategories::Pool)
                            .string_len(16)
                            .not_null()
                            .default("practice"),
                    )
                    .to_owned(),
            )
            .await?;
        use TrainerNotes as T;
        manager
            .create_table(
                Table::create()
                    .table(T::Table)
                    .col(id_col(T::Id))
                    .col(ColumnDef::new(T::CourseId).big_integer().not_null())
                    .col(ColumnDef::new(T::LessonId).big_integer().null())
                    .col(ColumnDef::new(T::Kind).string_len(16).not_null())
                    .col(ColumnDef::new(T::Title).text().not_null())
                    .col(ColumnDef::new(T::Starts).string_len(5).not_null())
                    .col(ColumnDef::new(T::Plan).text().not_null())
                    .col(ColumnDef::new(T::Body).text().not_null())
                    .col(ColumnDef::new(T::BodyHtml).text().not_null())
                    .col(
                        ColumnDef::new(T::UpdatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .foreign_key(&mut fk(T::Table, T::CourseId, Courses::Table, Courses::Id))
                    .foreign_key(&mut fk(T::Table, T::LessonId, Lessons::Table, Lessons::Id))
                    .to_owned(),
            )
            .await?;
        unique(
            manager,
            "ux_trainer_notes_item",
            T::Table,
            vec![
                T::CourseId.into_iden(),
                T::Kind.into_iden(),
                T::LessonId.into_iden(),
            ],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(TrainerNotes::Table).to_owned())
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(QuestionCategories::Table)
                    .drop_column(QuestionCategories::Pool)
                    .to_owned(),
            )
            .await
    }
}
