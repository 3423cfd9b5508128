//! Timed exercises (first-line drills): `exercise_starts` holds when each person opened a
//! timed exercise for the answer they have not yet given, so the server, not the page, counts
//! the time. One row per exercise and person; it is removed when the answer is recorded.

use crate::builders::{fk, id_col, unique};
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Exercises {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum People {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum ExerciseStarts {
    Table,
    Id,
    ExerciseId,
    PersonId,
    StartedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        use ExerciseStarts as S;
        manager
            .create_table(
                Table::create()
                    .table(S::Table)
                    .col(id_col(S::Id))
                    .col(ColumnDef::new(S::ExerciseId).big_integer().not_null())
                    .col(ColumnDef::new(S::PersonId).big_integer().not_null())
                    .col(
                        ColumnDef::new(S::StartedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .foreign_key(&mut fk(
                        S::Table,
                        S::ExerciseId,
                        Exercises::Table,
                        Exercises::Id,
                    ))
                    .foreign_key(&mut fk(S::Table, S::PersonId, People::Table, People::Id))
                    .to_owned(),
            )
            .await?;
        unique(
            manager,
            "ux_exercise_starts",
            S::Table,
            vec![S::ExerciseId.into_iden(), S::PersonId.into_iden()],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(ExerciseStarts::Table).to_owned())
            .await
    }
}
