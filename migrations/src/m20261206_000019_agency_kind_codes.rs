//! Agency kinds are read as a closed set (immigration, border police, customs, coast guard,
//! other) and an unknown code is an error when read. Pages always wrote one of those, but the
//! large generated demo once wrote `ministry`: such rows become `other`, as the pages already
//! showed them.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Agencies {
    Table,
    Kind,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let known = [
            "immigration",
            "border_police",
            "customs",
            "coast_guard",
            "other",
        ];
        manager
            .exec_stmt(
                Query::update()
                    .table(Agencies::Table)
                    .value(Agencies::Kind, "other")
                    .and_where(Expr::col(Agencies::Kind).is_not_in(known))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, _manager: &SchemaManager) -> Result<(), DbErr> {
        // The former codes were not kept; `other` stays.
        Ok(())
    }
}
