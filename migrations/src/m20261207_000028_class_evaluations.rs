//! Class evaluations: the reaction questionnaire at the end of a class and the follow-up
//! questionnaire about three months later.
//!
//! - `class_evaluations`: one row per submitted questionnaire: the class, which questionnaire
//!   (`reaction` or `follow_up`), the answers as JSON and the day it was sent. It names no
//!   person: evaluations are anonymous.
//! - `class_evaluation_takers`: who has answered which questionnaire of a class (so nobody
//!   answers twice), with nothing of what they answered. The two tables are written in one
//!   transaction and share no key beyond the class.

use crate::builders::{fk, id_col, unique};
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Classes {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum People {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum ClassEvaluations {
    Table,
    Id,
    ClassId,
    Survey,
    Answers,
    SubmittedOn,
}

#[derive(DeriveIden)]
enum ClassEvaluationTakers {
    Table,
    Id,
    ClassId,
    Survey,
    PersonId,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        use ClassEvaluationTakers as K;
        use ClassEvaluations as E;
        manager
            .create_table(
                Table::create()
                    .table(E::Table)
                    .col(id_col(E::Id))
                    .col(ColumnDef::new(E::ClassId).big_integer().not_null())
                    .col(ColumnDef::new(E::Survey).string_len(16).not_null())
                    .col(ColumnDef::new(E::Answers).text().not_null())
                    .col(ColumnDef::new(E::SubmittedOn).date().not_null())
                    .foreign_key(&mut fk(E::Table, E::ClassId, Classes::Table, Classes::Id))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(K::Table)
                    .col(id_col(K::Id))
                    .col(ColumnDef::new(K::ClassId).big_integer().not_null())
                    .col(ColumnDef::new(K::Survey).string_len(16).not_null())
                    .col(ColumnDef::new(K::PersonId).big_integer().not_null())
                    .foreign_key(&mut fk(K::Table, K::ClassId, Classes::Table, Classes::Id))
                    .foreign_key(&mut fk(K::Table, K::PersonId, People::Table, People::Id))
                    .to_owned(),
            )
            .await?;
        unique(
            manager,
            "ux_class_evaluation_takers",
            K::Table,
            vec![
                K::ClassId.into_iden(),
                K::Survey.into_iden(),
                K::PersonId.into_iden(),
            ],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(ClassEvaluationTakers::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(ClassEvaluations::Table).to_owned())
            .await
    }
}
