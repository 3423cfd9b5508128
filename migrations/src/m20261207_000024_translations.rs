//! Editions of a course in other languages.
//!
//! - `translations`: one row per translated item of a course (the course itself, a module, a
//!   lesson, a glossary term, a quiz, a question) and language. `kind` says what `item_id`
//!   points to; the row carries what is read in that language: a title and summary (a term
//!   and its definition, a quiz and its introduction), a lesson's objectives (JSON) and
//!   Markdown body with its rendered HTML, a question as JSON. Rows go with their course; an
//!   import replaces a course's rows, and deleting a module, lesson, term, quiz or question
//!   deletes its rows.

use crate::builders::{fk, id_col, index, unique};
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Courses {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Translations {
    Table,
    Id,
    CourseId,
    Language,
    Kind,
    ItemId,
    Title,
    Summary,
    Objectives,
    Body,
    BodyHtml,
    UpdatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        use Translations as T;
        manager
            .create_table(
                Table::create()
                    .table(T::Table)
                    .col(id_col(T::Id))
                    .col(ColumnDef::new(T::CourseId).big_integer().not_null())
                    .col(ColumnDef::new(T::Language).string_len(8).not_null())
                    .col(ColumnDef::new(T::Kind).string_len(16).not_null())
                    .col(ColumnDef::new(T::ItemId).big_integer().not_null())
                    .col(ColumnDef::new(T::Title).text().not_null())
                    .col(ColumnDef::new(T::Summary).text().not_null())
                    .col(ColumnDef::new(T::Objectives).text().not_null())
                    .col(ColumnDef::new(T::Body).text().not_null())
                    .col(ColumnDef::new(T::BodyHtml).text().not_null())
                    .col(
                        ColumnDef::new(T::UpdatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .foreign_key(&mut fk(T::Table, T::CourseId, Courses::Table, Courses::Id))
                    .to_owned(),
            )
            .await?;
        unique(
            manager,
            "ux_translations_item",
            T::Table,
            vec![
                T::Kind.into_iden(),
                T::ItemId.into_iden(),
                T::Language.into_iden(),
            ],
        )
        .await?;
        index(
            manager,
            "ix_translations_course",
            T::Table,
            vec![T::CourseId.into_iden(), T::Language.into_iden()],
            false,
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Translations::Table).to_owned())
            .await
    }
}
