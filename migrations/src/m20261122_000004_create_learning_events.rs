//! The append-only learning-events table: one row per thing a learner did (a lesson viewed or
//! completed, and later attempts, exercises, certificates), with who, where and when, so
//! progress dashboards and exports read one table.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum LearningEvents {
    Table,
    Id,
    PersonId,
    Kind,
    CourseId,
    LessonId,
    ClassId,
    AgencyId,
    CountryCode,
    At,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(LearningEvents::Table)
                    .col(
                        ColumnDef::new(LearningEvents::Id)
                            .big_integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(LearningEvents::PersonId)
                            .big_integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(LearningEvents::Kind)
                            .string_len(32)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(LearningEvents::CourseId)
                            .big_integer()
                            .null(),
                    )
                    .col(
                        ColumnDef::new(LearningEvents::LessonId)
                            .big_integer()
                            .null(),
                    )
                    .col(ColumnDef::new(LearningEvents::ClassId).big_integer().null())
                    .col(
                        ColumnDef::new(LearningEvents::AgencyId)
                            .big_integer()
                            .null(),
                    )
                    .col(
                        ColumnDef::new(LearningEvents::CountryCode)
                            .string_len(3)
                            .null(),
                    )
                    .col(
                        ColumnDef::new(LearningEvents::At)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .to_owned(),
            )
            .await?;
        for (name, cols) in [
            (
                "ix_learning_events_person_at",
                vec![LearningEvents::PersonId, LearningEvents::At],
            ),
            (
                "ix_learning_events_course_at",
                vec![LearningEvents::CourseId, LearningEvents::At],
            ),
            (
                "ix_learning_events_agency_at",
                vec![LearningEvents::AgencyId, LearningEvents::At],
            ),
            ("ix_learning_events_at", vec![LearningEvents::At]),
        ] {
            let mut index = Index::create();
            index.name(name).table(LearningEvents::Table);
            for c in cols {
                index.col(c);
            }
            manager.create_index(index.to_owned()).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(LearningEvents::Table).to_owned())
            .await
    }
}
