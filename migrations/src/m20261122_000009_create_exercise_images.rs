//! Exercise images: each upload re-encoded at three sizes and named by the SHA-256 of the
//! uploaded bytes. Kept in the database, like lesson images, so backups and several app
//! servers see them without a shared folder.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ExerciseImages {
    Table,
    /// SHA-256 of the upload, hex.
    Hash,
    Width,
    Height,
    Full,
    Display,
    Thumb,
    UploadedBy,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        use ExerciseImages as I;
        manager
            .create_table(
                Table::create()
                    .table(I::Table)
                    .col(
                        ColumnDef::new(I::Hash)
                            .string_len(64)
                            .not_null()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(I::Width).integer().not_null())
                    .col(ColumnDef::new(I::Height).integer().not_null())
                    .col(ColumnDef::new(I::Full).blob().not_null())
                    .col(ColumnDef::new(I::Display).blob().not_null())
                    .col(ColumnDef::new(I::Thumb).blob().not_null())
                    .col(ColumnDef::new(I::UploadedBy).big_integer().null())
                    .col(
                        ColumnDef::new(I::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(ExerciseImages::Table).to_owned())
            .await
    }
}
