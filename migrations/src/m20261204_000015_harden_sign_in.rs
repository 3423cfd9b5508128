//! Sign-in hardening.
//!
//! - `people.session_epoch`: a counter every session carries from its sign-in. Changing or
//!   resetting a password increments it, and a session whose number is behind ends at its
//!   next request: a password change ends every other session of that person.
//! - `login_devices`: browsers a person has signed in with before, by the SHA-256 of a random
//!   token kept in a cookie. Wrong passwords from anywhere else cannot lock the owner out of
//!   a browser they have used: its attempts are throttled on their own.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum People {
    Table,
    Id,
    SessionEpoch,
}

#[derive(DeriveIden)]
enum LoginDevices {
    Table,
    TokenHash,
    PersonId,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(People::Table)
                    .add_column(
                        ColumnDef::new(People::SessionEpoch)
                            .big_integer()
                            .not_null()
                            .default(0),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(LoginDevices::Table)
                    .col(
                        ColumnDef::new(LoginDevices::TokenHash)
                            .string_len(64)
                            .not_null()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(LoginDevices::PersonId)
                            .big_integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(LoginDevices::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(LoginDevices::Table, LoginDevices::PersonId)
                            .to(People::Table, People::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_login_devices_person")
                    .table(LoginDevices::Table)
                    .col(LoginDevices::PersonId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(LoginDevices::Table).to_owned())
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(People::Table)
                    .drop_column(People::SessionEpoch)
                    .to_owned(),
            )
            .await
    }
}
