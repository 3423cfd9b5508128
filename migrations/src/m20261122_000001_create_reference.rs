//! Countries, agencies and the positions inside each agency.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Countries {
    Table,
    Code,
    Alpha2,
    NameEn,
    NameFr,
    Fictional,
}

#[derive(DeriveIden)]
enum Agencies {
    Table,
    Id,
    Name,
    CountryCode,
    Kind,
    Active,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Positions {
    Table,
    Id,
    AgencyId,
    Title,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Countries::Table)
                    .col(
                        ColumnDef::new(Countries::Code)
                            .string_len(3)
                            .not_null()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(Countries::Alpha2).string_len(2).not_null())
                    .col(ColumnDef::new(Countries::NameEn).string_len(100).not_null())
                    .col(ColumnDef::new(Countries::NameFr).string_len(100).not_null())
                    .col(
                        ColumnDef::new(Countries::Fictional)
                            .boolean()
                            .not_null()
                            .default(false),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Agencies::Table)
                    .col(
                        ColumnDef::new(Agencies::Id)
                            .big_integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(Agencies::Name).string_len(200).not_null())
                    .col(
                        ColumnDef::new(Agencies::CountryCode)
                            .string_len(3)
                            .not_null(),
                    )
                    .col(ColumnDef::new(Agencies::Kind).string_len(32).not_null())
                    .col(
                        ColumnDef::new(Agencies::Active)
                            .boolean()
                            .not_null()
                            .default(true),
                    )
                    .col(
                        ColumnDef::new(Agencies::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(Agencies::UpdatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Agencies::Table, Agencies::CountryCode)
                            .to(Countries::Table, Countries::Code)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_agencies_country_name")
                    .table(Agencies::Table)
                    .col(Agencies::CountryCode)
                    .col(Agencies::Name)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Positions::Table)
                    .col(
                        ColumnDef::new(Positions::Id)
                            .big_integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(Positions::AgencyId).big_integer().not_null())
                    .col(ColumnDef::new(Positions::Title).string_len(200).not_null())
                    .col(
                        ColumnDef::new(Positions::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Positions::Table, Positions::AgencyId)
                            .to(Agencies::Table, Agencies::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_positions_agency_title")
                    .table(Positions::Table)
                    .col(Positions::AgencyId)
                    .col(Positions::Title)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Positions::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Agencies::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Countries::Table).to_owned())
            .await
    }
}
