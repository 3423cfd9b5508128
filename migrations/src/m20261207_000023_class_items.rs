//! Quizzes and exercises a class's trainers set for their class alone.
//!
//! - `quizzes.class_id`, `exercises.class_id`: the class an item is set for (none: every
//!   trainee of the course). A trainer who teaches a course maintained by others (a shipped
//!   course) builds knowledge checks and document exercises for their own class from the
//!   course's read-only bank; those items are seen only by that class, its trainers and the
//!   course's editors, and they are never part of a course pack or a copy of the course.
//!   Classes are never deleted, so the columns need no foreign key (SQLite cannot add one to
//!   an existing table).

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Quizzes {
    Table,
    ClassId,
}

#[derive(DeriveIden)]
enum Exercises {
    Table,
    ClassId,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Quizzes::Table)
                    .add_column(ColumnDef::new(Quizzes::ClassId).big_integer().null())
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Exercises::Table)
                    .add_column(ColumnDef::new(Exercises::ClassId).big_integer().null())
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Exercises::Table)
                    .drop_column(Exercises::ClassId)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Quizzes::Table)
                    .drop_column(Quizzes::ClassId)
                    .to_owned(),
            )
            .await
    }
}
