//! Knowledge checks: each course's question bank (categories and questions), its quizzes and
//! what they are made of, learners' attempts with every answer as it was given, and the
//! certificates a course awards.
//!
//! An attempt keeps a copy of each question as it was asked (`attempt_questions.snapshot`), so
//! editing or deleting a bank question never changes a result already given.

use crate::builders::{fk, id_col, index, unique};
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Courses {
    Table,
    Id,
    CertificateRule,
}

#[derive(DeriveIden)]
enum LearningEvents {
    Table,
    RefId,
    Score,
}

#[derive(DeriveIden)]
enum People {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum QuestionCategories {
    Table,
    Id,
    CourseId,
    Name,
}

#[derive(DeriveIden)]
enum Questions {
    Table,
    Id,
    CourseId,
    CategoryId,
    Kind,
    Title,
    /// The whole question as JSON (`assessments::questions::Question`).
    Data,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Quizzes {
    Table,
    Id,
    CourseId,
    Slug,
    Title,
    Role,
    Intro,
    PassMark,
    TimeLimitSecs,
    AttemptsAllowed,
    ShuffleQuestions,
    ShuffleOptions,
    ShowAnswers,
    Published,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum QuizItems {
    Table,
    Id,
    QuizId,
    Position,
    QuestionId,
    CategoryId,
    DrawCount,
}

#[derive(DeriveIden)]
enum Attempts {
    Table,
    Id,
    QuizId,
    PersonId,
    ClassId,
    Number,
    Status,
    StartedAt,
    Deadline,
    SubmittedAt,
    Score,
    MaxScore,
    Percent,
    Passed,
}

#[derive(DeriveIden)]
enum AttemptQuestions {
    Table,
    AttemptId,
    QuestionId,
    Position,
    Snapshot,
    OptionOrder,
    Response,
    SavedAt,
    Fraction,
}

#[derive(DeriveIden)]
enum Certificates {
    Table,
    Id,
    Code,
    PersonId,
    CourseId,
    ClassId,
    PersonName,
    CourseTitle,
    Hours,
    AgencyName,
    CountryName,
    IssuedAt,
    AwardedBy,
    RevokedAt,
    RevokedReason,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Courses::Table)
                    .add_column(
                        ColumnDef::new(Courses::CertificateRule)
                            .string_len(16)
                            .not_null()
                            .default("post_test"),
                    )
                    .to_owned(),
            )
            .await?;

        // What an event refers to beyond course and lesson (an attempt, a certificate) and the
        // score it carries (percent), for dashboards that read the events table alone.
        manager
            .alter_table(
                Table::alter()
                    .table(LearningEvents::Table)
                    .add_column(ColumnDef::new(LearningEvents::RefId).big_integer().null())
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(LearningEvents::Table)
                    .add_column(ColumnDef::new(LearningEvents::Score).double().null())
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(QuestionCategories::Table)
                    .col(id_col(QuestionCategories::Id))
                    .col(
                        ColumnDef::new(QuestionCategories::CourseId)
                            .big_integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(QuestionCategories::Name)
                            .string_len(200)
                            .not_null(),
                    )
                    .foreign_key(&mut fk(
                        QuestionCategories::Table,
                        QuestionCategories::CourseId,
                        Courses::Table,
                        Courses::Id,
                    ))
                    .to_owned(),
            )
            .await?;
        unique(
            manager,
            "ux_question_categories_course_name",
            QuestionCategories::Table,
            vec![
                QuestionCategories::CourseId.into_iden(),
                QuestionCategories::Name.into_iden(),
            ],
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(Questions::Table)
                    .col(id_col(Questions::Id))
                    .col(ColumnDef::new(Questions::CourseId).big_integer().not_null())
                    .col(
                        ColumnDef::new(Questions::CategoryId)
                            .big_integer()
                            .not_null(),
                    )
                    .col(ColumnDef::new(Questions::Kind).string_len(32).not_null())
                    .col(ColumnDef::new(Questions::Title).string_len(200).not_null())
                    .col(ColumnDef::new(Questions::Data).text().not_null())
                    .col(
                        ColumnDef::new(Questions::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(Questions::UpdatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .foreign_key(&mut fk(
                        Questions::Table,
                        Questions::CourseId,
                        Courses::Table,
                        Courses::Id,
                    ))
                    .foreign_key(&mut fk(
                        Questions::Table,
                        Questions::CategoryId,
                        QuestionCategories::Table,
                        QuestionCategories::Id,
                    ))
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "ix_questions_course_category",
            Questions::Table,
            vec![
                Questions::CourseId.into_iden(),
                Questions::CategoryId.into_iden(),
            ],
            false,
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(Quizzes::Table)
                    .col(id_col(Quizzes::Id))
                    .col(ColumnDef::new(Quizzes::CourseId).big_integer().not_null())
                    .col(ColumnDef::new(Quizzes::Slug).string_len(64).not_null())
                    .col(ColumnDef::new(Quizzes::Title).string_len(200).not_null())
                    .col(ColumnDef::new(Quizzes::Role).string_len(16).not_null())
                    .col(ColumnDef::new(Quizzes::Intro).text().not_null())
                    .col(ColumnDef::new(Quizzes::PassMark).double().not_null())
                    .col(ColumnDef::new(Quizzes::TimeLimitSecs).integer().null())
                    .col(
                        ColumnDef::new(Quizzes::AttemptsAllowed)
                            .integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(Quizzes::ShuffleQuestions)
                            .boolean()
                            .not_null(),
                    )
                    .col(ColumnDef::new(Quizzes::ShuffleOptions).boolean().not_null())
                    .col(
                        ColumnDef::new(Quizzes::ShowAnswers)
                            .string_len(16)
                            .not_null(),
                    )
                    .col(ColumnDef::new(Quizzes::Published).boolean().not_null())
                    .col(
                        ColumnDef::new(Quizzes::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(Quizzes::UpdatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .foreign_key(&mut fk(
                        Quizzes::Table,
                        Quizzes::CourseId,
                        Courses::Table,
                        Courses::Id,
                    ))
                    .to_owned(),
            )
            .await?;
        unique(
            manager,
            "ux_quizzes_course_slug",
            Quizzes::Table,
            vec![Quizzes::CourseId.into_iden(), Quizzes::Slug.into_iden()],
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(QuizItems::Table)
                    .col(id_col(QuizItems::Id))
                    .col(ColumnDef::new(QuizItems::QuizId).big_integer().not_null())
                    .col(ColumnDef::new(QuizItems::Position).integer().not_null())
                    .col(ColumnDef::new(QuizItems::QuestionId).big_integer().null())
                    .col(ColumnDef::new(QuizItems::CategoryId).big_integer().null())
                    .col(ColumnDef::new(QuizItems::DrawCount).integer().not_null())
                    .foreign_key(&mut fk(
                        QuizItems::Table,
                        QuizItems::QuizId,
                        Quizzes::Table,
                        Quizzes::Id,
                    ))
                    .foreign_key(&mut fk(
                        QuizItems::Table,
                        QuizItems::QuestionId,
                        Questions::Table,
                        Questions::Id,
                    ))
                    .foreign_key(&mut fk(
                        QuizItems::Table,
                        QuizItems::CategoryId,
                        QuestionCategories::Table,
                        QuestionCategories::Id,
                    ))
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "ix_quiz_items_quiz",
            QuizItems::Table,
            vec![
                QuizItems::QuizId.into_iden(),
                QuizItems::Position.into_iden(),
            ],
            false,
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(Attempts::Table)
                    .col(id_col(Attempts::Id))
                    .col(ColumnDef::new(Attempts::QuizId).big_integer().not_null())
                    .col(ColumnDef::new(Attempts::PersonId).big_integer().not_null())
                    .col(ColumnDef::new(Attempts::ClassId).big_integer().null())
                    .col(ColumnDef::new(Attempts::Number).integer().not_null())
                    .col(ColumnDef::new(Attempts::Status).string_len(16).not_null())
                    .col(
                        ColumnDef::new(Attempts::StartedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(Attempts::Deadline)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .col(
                        ColumnDef::new(Attempts::SubmittedAt)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .col(ColumnDef::new(Attempts::Score).double().null())
                    .col(ColumnDef::new(Attempts::MaxScore).double().not_null())
                    .col(ColumnDef::new(Attempts::Percent).double().null())
                    .col(ColumnDef::new(Attempts::Passed).boolean().null())
                    .foreign_key(&mut fk(
                        Attempts::Table,
                        Attempts::QuizId,
                        Quizzes::Table,
                        Quizzes::Id,
                    ))
                    .foreign_key(&mut fk(
                        Attempts::Table,
                        Attempts::PersonId,
                        People::Table,
                        People::Id,
                    ))
                    .to_owned(),
            )
            .await?;
        unique(
            manager,
            "ux_attempts_quiz_person_number",
            Attempts::Table,
            vec![
                Attempts::QuizId.into_iden(),
                Attempts::PersonId.into_iden(),
                Attempts::Number.into_iden(),
            ],
        )
        .await?;
        index(
            manager,
            "ix_attempts_person",
            Attempts::Table,
            vec![Attempts::PersonId.into_iden()],
            false,
        )
        .await?;
        index(
            manager,
            "ix_attempts_open_deadline",
            Attempts::Table,
            vec![Attempts::Status.into_iden(), Attempts::Deadline.into_iden()],
            false,
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(AttemptQuestions::Table)
                    .col(
                        ColumnDef::new(AttemptQuestions::AttemptId)
                            .big_integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(AttemptQuestions::QuestionId)
                            .big_integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(AttemptQuestions::Position)
                            .integer()
                            .not_null(),
                    )
                    .col(ColumnDef::new(AttemptQuestions::Snapshot).text().not_null())
                    .col(
                        ColumnDef::new(AttemptQuestions::OptionOrder)
                            .text()
                            .not_null(),
                    )
                    .col(ColumnDef::new(AttemptQuestions::Response).text().null())
                    .col(
                        ColumnDef::new(AttemptQuestions::SavedAt)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .col(ColumnDef::new(AttemptQuestions::Fraction).double().null())
                    .primary_key(
                        Index::create()
                            .col(AttemptQuestions::AttemptId)
                            .col(AttemptQuestions::QuestionId),
                    )
                    .foreign_key(&mut fk(
                        AttemptQuestions::Table,
                        AttemptQuestions::AttemptId,
                        Attempts::Table,
                        Attempts::Id,
                    ))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Certificates::Table)
                    .col(id_col(Certificates::Id))
                    .col(ColumnDef::new(Certificates::Code).string_len(32).not_null())
                    .col(
                        ColumnDef::new(Certificates::PersonId)
                            .big_integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(Certificates::CourseId)
                            .big_integer()
                            .not_null(),
                    )
                    .col(ColumnDef::new(Certificates::ClassId).big_integer().null())
                    .col(
                        ColumnDef::new(Certificates::PersonName)
                            .string_len(200)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(Certificates::CourseTitle)
                            .string_len(200)
                            .not_null(),
                    )
                    .col(ColumnDef::new(Certificates::Hours).double().not_null())
                    .col(
                        ColumnDef::new(Certificates::AgencyName)
                            .string_len(200)
                            .null(),
                    )
                    .col(
                        ColumnDef::new(Certificates::CountryName)
                            .string_len(200)
                            .null(),
                    )
                    .col(
                        ColumnDef::new(Certificates::IssuedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(ColumnDef::new(Certificates::AwardedBy).big_integer().null())
                    .col(
                        ColumnDef::new(Certificates::RevokedAt)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .col(ColumnDef::new(Certificates::RevokedReason).text().null())
                    .foreign_key(&mut fk(
                        Certificates::Table,
                        Certificates::PersonId,
                        People::Table,
                        People::Id,
                    ))
                    .foreign_key(&mut fk(
                        Certificates::Table,
                        Certificates::CourseId,
                        Courses::Table,
                        Courses::Id,
                    ))
                    .to_owned(),
            )
            .await?;
        unique(
            manager,
            "ux_certificates_code",
            Certificates::Table,
            vec![Certificates::Code.into_iden()],
        )
        .await?;
        index(
            manager,
            "ix_certificates_person_course",
            Certificates::Table,
            vec![
                Certificates::PersonId.into_iden(),
                Certificates::CourseId.into_iden(),
            ],
            false,
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            Certificates::Table.into_iden(),
            AttemptQuestions::Table.into_iden(),
            Attempts::Table.into_iden(),
            QuizItems::Table.into_iden(),
            Quizzes::Table.into_iden(),
            Questions::Table.into_iden(),
            QuestionCategories::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        for col in [LearningEvents::RefId, LearningEvents::Score] {
            manager
                .alter_table(
                    Table::alter()
                        .table(LearningEvents::Table)
                        .drop_column(col)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table(Courses::Table)
                    .drop_column(Courses::CertificateRule)
                    .to_owned(),
            )
            .await
    }
}
