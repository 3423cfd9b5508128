//! The countries a programme manager covers: their progress dashboards and exports show the
//! agencies of those countries.

use crate::builders::fk;
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum People {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Countries {
    Table,
    Code,
}

#[derive(DeriveIden)]
enum PersonCountries {
    Table,
    PersonId,
    CountryCode,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        use PersonCountries as P;
        manager
            .create_table(
                Table::create()
                    .table(P::Table)
                    .col(ColumnDef::new(P::PersonId).big_integer().not_null())
                    .col(ColumnDef::new(P::CountryCode).string_len(3).not_null())
                    .primary_key(Index::create().col(P::PersonId).col(P::CountryCode))
                    .foreign_key(&mut fk(P::Table, P::PersonId, People::Table, People::Id))
                    .foreign_key(&mut fk(
                        P::Table,
                        P::CountryCode,
                        Countries::Table,
                        Countries::Code,
                    ))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(PersonCountries::Table).to_owned())
            .await
    }
}
