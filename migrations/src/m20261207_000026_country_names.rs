//! `countries.name_es` and `countries.name_ar`: each country's short name in Spanish and Arabic,
//! as the United Nations writes it, beside the English and French; filled from the shipped
//! list when Checkpoint starts (empty for a fictional country without one).

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Countries {
    Table,
    NameEs,
    NameAr,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite adds one at a time.
        for column in [Countries::NameEs, Countries::NameAr] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Countries::Table)
                        .add_column(ColumnDef::new(column).string().not_null().default(""))
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [Countries::NameAr, Countries::NameEs] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Countries::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
