//! The border desk: shift scenarios trainers define in a course, shifts trainees work, and each decision
//! taken at the desk. A scenario stores its specification (seed, travellers, case rates, stay
//! rule), not its travellers: the generator makes the same travellers from it every time.

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
enum Courses {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum DeskScenarios {
    Table,
    Id,
    CourseId,
    Title,
    Spec,
    TimeLimitMinutes,
    CreatedBy,
    CreatedAt,
}

#[derive(DeriveIden)]
enum DeskShifts {
    Table,
    Id,
    ScenarioId,
    PersonId,
    StartedAt,
    Deadline,
    FinishedAt,
}

#[derive(DeriveIden)]
enum DeskDecisions {
    Table,
    ShiftId,
    Traveller,
    Queried,
    Confirmed,
    Dismissed,
    Decision,
    Ground,
    Note,
    Seconds,
    DecidedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        use DeskScenarios as S;
        manager
            .create_table(
                Table::create()
                    .table(S::Table)
                    .col(id_col(S::Id))
                    .col(ColumnDef::new(S::CourseId).big_integer().not_null())
                    .col(ColumnDef::new(S::Title).string_len(200).not_null())
                    .col(ColumnDef::new(S::Spec).text().not_null())
                    .col(ColumnDef::new(S::TimeLimitMinutes).integer().not_null())
                    .col(ColumnDef::new(S::CreatedBy).big_integer().null())
                    .col(
                        ColumnDef::new(S::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .foreign_key(&mut fk(S::Table, S::CourseId, Courses::Table, Courses::Id))
                    // A deleted author leaves the scenario, and the trainees' shifts, in place.
                    .foreign_key(
                        ForeignKey::create()
                            .from(S::Table, S::CreatedBy)
                            .to(People::Table, People::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        use DeskShifts as H;
        manager
            .create_table(
                Table::create()
                    .table(H::Table)
                    .col(id_col(H::Id))
                    .col(ColumnDef::new(H::ScenarioId).big_integer().not_null())
                    .col(ColumnDef::new(H::PersonId).big_integer().not_null())
                    .col(
                        ColumnDef::new(H::StartedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(H::Deadline)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(H::FinishedAt)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .foreign_key(&mut fk(H::Table, H::ScenarioId, S::Table, S::Id))
                    .foreign_key(&mut fk(H::Table, H::PersonId, People::Table, People::Id))
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "ix_desk_shifts_person",
            H::Table,
            vec![H::PersonId.into_iden(), H::ScenarioId.into_iden()],
            false,
        )
        .await?;
        use DeskDecisions as D;
        manager
            .create_table(
                Table::create()
                    .table(D::Table)
                    .col(ColumnDef::new(D::ShiftId).big_integer().not_null())
                    .col(ColumnDef::new(D::Traveller).integer().not_null())
                    .col(ColumnDef::new(D::Queried).boolean().not_null())
                    .col(ColumnDef::new(D::Confirmed).text().not_null())
                    .col(ColumnDef::new(D::Dismissed).text().not_null())
                    .col(ColumnDef::new(D::Decision).string_len(16).not_null())
                    .col(ColumnDef::new(D::Ground).string_len(32).null())
                    .col(ColumnDef::new(D::Note).text().not_null())
                    .col(ColumnDef::new(D::Seconds).integer().not_null())
                    .col(
                        ColumnDef::new(D::DecidedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    // One decision per traveller: a second submission cannot be stored.
                    .primary_key(Index::create().col(D::ShiftId).col(D::Traveller))
                    .foreign_key(&mut fk(D::Table, D::ShiftId, H::Table, H::Id))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            DeskDecisions::Table.into_iden(),
            DeskShifts::Table.into_iden(),
            DeskScenarios::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
