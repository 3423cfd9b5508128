//! What the progress dashboards need of the border desk, and the reasons an officer gives.
//!
//! - `learning_events.item`: what within the course an event is about, beyond its lesson and
//!   reference (a border-desk decision: the case kind of the traveller decided), so the
//!   dashboards count right decisions per case kind with the same filters as everything else.
//! - `desk_decisions.reasons`: why each candidate the list returned was dismissed, as a JSON
//!   object from list entry id to reason code.
//! - `desk_scenarios.own_list`: the trainer's own persons added to the generated watch list
//!   (imported from CSV), as a JSON array.
//! - `desk_scenarios.class_id`: the class a scenario is set for (none: every trainee of the
//!   course). Classes are never deleted, so the column needs no foreign key (SQLite cannot add
//!   one to an existing table).

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum LearningEvents {
    Table,
    Item,
}

#[derive(DeriveIden)]
enum DeskDecisions {
    Table,
    Reasons,
}

#[derive(DeriveIden)]
enum DeskScenarios {
    Table,
    ClassId,
    OwnList,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite alters one at a time.
        manager
            .alter_table(
                Table::alter()
                    .table(LearningEvents::Table)
                    .add_column(ColumnDef::new(LearningEvents::Item).string_len(64).null())
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(DeskDecisions::Table)
                    .add_column(
                        ColumnDef::new(DeskDecisions::Reasons)
                            .text()
                            .not_null()
                            .default("{}"),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(DeskScenarios::Table)
                    .add_column(ColumnDef::new(DeskScenarios::ClassId).big_integer().null())
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(DeskScenarios::Table)
                    .add_column(
                        ColumnDef::new(DeskScenarios::OwnList)
                            .text()
                            .not_null()
                            .default("[]"),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(DeskScenarios::Table)
                    .drop_column(DeskScenarios::OwnList)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(DeskScenarios::Table)
                    .drop_column(DeskScenarios::ClassId)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(DeskDecisions::Table)
                    .drop_column(DeskDecisions::Reasons)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(LearningEvents::Table)
                    .drop_column(LearningEvents::Item)
                    .to_owned(),
            )
            .await
    }
}
