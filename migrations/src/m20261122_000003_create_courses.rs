//! Courses, their modules, lessons, glossary and media; lesson progress; classes and
//! enrolments; and the full-text index over lessons (FTS5 on SQLite, a GIN expression index on
//! PostgreSQL — the one place where the two databases need their own SQL).

use crate::builders::{fk, id_col, unique};
use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Courses {
    Table,
    Id,
    Slug,
    Title,
    Summary,
    Language,
    Kind,
    Audience,
    Competencies,
    EstimatedHours,
    Version,
    Published,
    CreatedBy,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum CourseModules {
    Table,
    Id,
    CourseId,
    Position,
    Slug,
    Title,
    Summary,
}

#[derive(DeriveIden)]
enum Lessons {
    Table,
    Id,
    ModuleId,
    CourseId,
    Position,
    Slug,
    Title,
    Objectives,
    DurationMinutes,
    Body,
    BodyHtml,
    Published,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum GlossaryTerms {
    Table,
    Id,
    CourseId,
    Position,
    Term,
    Definition,
}

#[derive(DeriveIden)]
enum CourseMedia {
    Table,
    Id,
    CourseId,
    ModuleSlug,
    Name,
    ContentType,
    Data,
}

#[derive(DeriveIden)]
enum LessonProgress {
    Table,
    PersonId,
    LessonId,
    CourseId,
    FirstViewedAt,
    LastViewedAt,
    CompletedAt,
}

#[derive(DeriveIden)]
enum Classes {
    Table,
    Id,
    CourseId,
    Name,
    StartsOn,
    EndsOn,
    Location,
    TrainingOfTrainers,
    JoinCode,
    CreatedBy,
    CreatedAt,
}

#[derive(DeriveIden)]
enum ClassTrainers {
    Table,
    ClassId,
    PersonId,
}

#[derive(DeriveIden)]
enum Enrolments {
    Table,
    ClassId,
    PersonId,
    EnrolledAt,
}

#[derive(DeriveIden)]
enum People {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Courses::Table)
                    .col(id_col(Courses::Id))
                    .col(ColumnDef::new(Courses::Slug).string_len(64).not_null())
                    .col(ColumnDef::new(Courses::Title).string_len(200).not_null())
                    .col(ColumnDef::new(Courses::Summary).text().not_null())
                    .col(ColumnDef::new(Courses::Language).string_len(8).not_null())
                    .col(ColumnDef::new(Courses::Kind).string_len(16).not_null())
                    .col(ColumnDef::new(Courses::Audience).text().not_null())
                    .col(ColumnDef::new(Courses::Competencies).text().not_null())
                    .col(ColumnDef::new(Courses::EstimatedHours).double().not_null())
                    .col(ColumnDef::new(Courses::Version).string_len(32).not_null())
                    .col(
                        ColumnDef::new(Courses::Published)
                            .boolean()
                            .not_null()
                            .default(false),
                    )
                    .col(ColumnDef::new(Courses::CreatedBy).big_integer().null())
                    .col(
                        ColumnDef::new(Courses::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(Courses::UpdatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Courses::Table, Courses::CreatedBy)
                            .to(People::Table, People::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        unique(
            manager,
            "ux_courses_slug",
            Courses::Table,
            vec![Courses::Slug.into_iden()],
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(CourseModules::Table)
                    .col(id_col(CourseModules::Id))
                    .col(
                        ColumnDef::new(CourseModules::CourseId)
                            .big_integer()
                            .not_null(),
                    )
                    .col(ColumnDef::new(CourseModules::Position).integer().not_null())
                    .col(
                        ColumnDef::new(CourseModules::Slug)
                            .string_len(64)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(CourseModules::Title)
                            .string_len(200)
                            .not_null(),
                    )
                    .col(ColumnDef::new(CourseModules::Summary).text().not_null())
                    .foreign_key(&mut fk(
                        CourseModules::Table,
                        CourseModules::CourseId,
                        Courses::Table,
                        Courses::Id,
                    ))
                    .to_owned(),
            )
            .await?;
        unique(
            manager,
            "ux_course_modules_slug",
            CourseModules::Table,
            vec![
                CourseModules::CourseId.into_iden(),
                CourseModules::Slug.into_iden(),
            ],
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(Lessons::Table)
                    .col(id_col(Lessons::Id))
                    .col(ColumnDef::new(Lessons::ModuleId).big_integer().not_null())
                    .col(ColumnDef::new(Lessons::CourseId).big_integer().not_null())
                    .col(ColumnDef::new(Lessons::Position).integer().not_null())
                    .col(ColumnDef::new(Lessons::Slug).string_len(64).not_null())
                    .col(ColumnDef::new(Lessons::Title).string_len(200).not_null())
                    .col(ColumnDef::new(Lessons::Objectives).text().not_null())
                    .col(
                        ColumnDef::new(Lessons::DurationMinutes)
                            .integer()
                            .not_null(),
                    )
                    .col(ColumnDef::new(Lessons::Body).text().not_null())
                    // The body rendered and sanitised when it is saved, so reading a lesson
                    // costs no Markdown work.
                    .col(
                        ColumnDef::new(Lessons::BodyHtml)
                            .text()
                            .not_null()
                            .default(""),
                    )
                    .col(
                        ColumnDef::new(Lessons::Published)
                            .boolean()
                            .not_null()
                            .default(true),
                    )
                    .col(
                        ColumnDef::new(Lessons::UpdatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .foreign_key(&mut fk(
                        Lessons::Table,
                        Lessons::ModuleId,
                        CourseModules::Table,
                        CourseModules::Id,
                    ))
                    .foreign_key(&mut fk(
                        Lessons::Table,
                        Lessons::CourseId,
                        Courses::Table,
                        Courses::Id,
                    ))
                    .to_owned(),
            )
            .await?;
        unique(
            manager,
            "ux_lessons_slug",
            Lessons::Table,
            vec![Lessons::ModuleId.into_iden(), Lessons::Slug.into_iden()],
        )
        .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_lessons_course")
                    .table(Lessons::Table)
                    .col(Lessons::CourseId)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(GlossaryTerms::Table)
                    .col(id_col(GlossaryTerms::Id))
                    .col(
                        ColumnDef::new(GlossaryTerms::CourseId)
                            .big_integer()
                            .not_null(),
                    )
                    .col(ColumnDef::new(GlossaryTerms::Position).integer().not_null())
                    .col(
                        ColumnDef::new(GlossaryTerms::Term)
                            .string_len(200)
                            .not_null(),
                    )
                    .col(ColumnDef::new(GlossaryTerms::Definition).text().not_null())
                    .foreign_key(&mut fk(
                        GlossaryTerms::Table,
                        GlossaryTerms::CourseId,
                        Courses::Table,
                        Courses::Id,
                    ))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(CourseMedia::Table)
                    .col(id_col(CourseMedia::Id))
                    .col(
                        ColumnDef::new(CourseMedia::CourseId)
                            .big_integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(CourseMedia::ModuleSlug)
                            .string_len(64)
                            .not_null(),
                    )
                    .col(ColumnDef::new(CourseMedia::Name).string_len(200).not_null())
                    .col(
                        ColumnDef::new(CourseMedia::ContentType)
                            .string_len(64)
                            .not_null(),
                    )
                    .col(ColumnDef::new(CourseMedia::Data).blob().not_null())
                    .foreign_key(&mut fk(
                        CourseMedia::Table,
                        CourseMedia::CourseId,
                        Courses::Table,
                        Courses::Id,
                    ))
                    .to_owned(),
            )
            .await?;
        unique(
            manager,
            "ux_course_media_name",
            CourseMedia::Table,
            vec![
                CourseMedia::CourseId.into_iden(),
                CourseMedia::ModuleSlug.into_iden(),
                CourseMedia::Name.into_iden(),
            ],
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(LessonProgress::Table)
                    .col(
                        ColumnDef::new(LessonProgress::PersonId)
                            .big_integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(LessonProgress::LessonId)
                            .big_integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(LessonProgress::CourseId)
                            .big_integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(LessonProgress::FirstViewedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(LessonProgress::LastViewedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(LessonProgress::CompletedAt)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .primary_key(
                        Index::create()
                            .col(LessonProgress::PersonId)
                            .col(LessonProgress::LessonId),
                    )
                    .foreign_key(&mut fk(
                        LessonProgress::Table,
                        LessonProgress::PersonId,
                        People::Table,
                        People::Id,
                    ))
                    .foreign_key(&mut fk(
                        LessonProgress::Table,
                        LessonProgress::LessonId,
                        Lessons::Table,
                        Lessons::Id,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_lesson_progress_person_course")
                    .table(LessonProgress::Table)
                    .col(LessonProgress::PersonId)
                    .col(LessonProgress::CourseId)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Classes::Table)
                    .col(id_col(Classes::Id))
                    .col(ColumnDef::new(Classes::CourseId).big_integer().not_null())
                    .col(ColumnDef::new(Classes::Name).string_len(200).not_null())
                    .col(ColumnDef::new(Classes::StartsOn).date().not_null())
                    .col(ColumnDef::new(Classes::EndsOn).date().not_null())
                    .col(ColumnDef::new(Classes::Location).string_len(200).not_null())
                    .col(
                        ColumnDef::new(Classes::TrainingOfTrainers)
                            .boolean()
                            .not_null()
                            .default(false),
                    )
                    .col(ColumnDef::new(Classes::JoinCode).string_len(16).not_null())
                    .col(ColumnDef::new(Classes::CreatedBy).big_integer().null())
                    .col(
                        ColumnDef::new(Classes::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .foreign_key(&mut fk(
                        Classes::Table,
                        Classes::CourseId,
                        Courses::Table,
                        Courses::Id,
                    ))
                    .to_owned(),
            )
            .await?;
        unique(
            manager,
            "ux_classes_join_code",
            Classes::Table,
            vec![Classes::JoinCode.into_iden()],
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(ClassTrainers::Table)
                    .col(
                        ColumnDef::new(ClassTrainers::ClassId)
                            .big_integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(ClassTrainers::PersonId)
                            .big_integer()
                            .not_null(),
                    )
                    .primary_key(
                        Index::create()
                            .col(ClassTrainers::ClassId)
                            .col(ClassTrainers::PersonId),
                    )
                    .foreign_key(&mut fk(
                        ClassTrainers::Table,
                        ClassTrainers::ClassId,
                        Classes::Table,
                        Classes::Id,
                    ))
                    .foreign_key(&mut fk(
                        ClassTrainers::Table,
                        ClassTrainers::PersonId,
                        People::Table,
                        People::Id,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Enrolments::Table)
                    .col(ColumnDef::new(Enrolments::ClassId).big_integer().not_null())
                    .col(
                        ColumnDef::new(Enrolments::PersonId)
                            .big_integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(Enrolments::EnrolledAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .primary_key(
                        Index::create()
                            .col(Enrolments::ClassId)
                            .col(Enrolments::PersonId),
                    )
                    .foreign_key(&mut fk(
                        Enrolments::Table,
                        Enrolments::ClassId,
                        Classes::Table,
                        Classes::Id,
                    ))
                    .foreign_key(&mut fk(
                        Enrolments::Table,
                        Enrolments::PersonId,
                        People::Table,
                        People::Id,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_enrolments_person")
                    .table(Enrolments::Table)
                    .col(Enrolments::PersonId)
                    .to_owned(),
            )
            .await?;

        let db = manager.get_connection();
        match db.get_database_backend() {
            DbBackend::Sqlite => {
                for sql in [
                    "CREATE VIRTUAL TABLE lessons_fts USING fts5(title, body, content='lessons', content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
                    "CREATE TRIGGER lessons_fts_insert AFTER INSERT ON lessons BEGIN INSERT INTO lessons_fts(rowid, title, body) VALUES (new.id, new.title, new.body); END",
                    "CREATE TRIGGER lessons_fts_delete AFTER DELETE ON lessons BEGIN INSERT INTO lessons_fts(lessons_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body); END",
                    "CREATE TRIGGER lessons_fts_update AFTER UPDATE ON lessons BEGIN INSERT INTO lessons_fts(lessons_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body); INSERT INTO lessons_fts(rowid, title, body) VALUES (new.id, new.title, new.body); END",
                ] {
                    db.execute_unprepared(sql).await?;
                }
            }
            DbBackend::Postgres => {
                db.execute_unprepared(
                    "CREATE INDEX ix_lessons_fts ON lessons USING GIN (to_tsvector('simple', title || ' ' || body))",
                )
                .await?;
            }
            DbBackend::MySql => return Err(DbErr::Migration("MySQL is not supported".into())),
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        if db.get_database_backend() == DbBackend::Sqlite {
            db.execute_unprepared("DROP TABLE IF EXISTS lessons_fts")
                .await?;
        }
        for table in [
            Enrolments::Table.into_iden(),
            ClassTrainers::Table.into_iden(),
            Classes::Table.into_iden(),
            LessonProgress::Table.into_iden(),
            CourseMedia::Table.into_iden(),
            GlossaryTerms::Table.into_iden(),
            Lessons::Table.into_iden(),
            CourseModules::Table.into_iden(),
            Courses::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
