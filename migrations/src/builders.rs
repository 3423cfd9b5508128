//! Column and index builders shared by the migrations.

use sea_orm_migration::prelude::*;

/// A `BIGINT` auto-incrementing primary key.
pub fn id_col<T: IntoIden + 'static>(col: T) -> ColumnDef {
    ColumnDef::new(col)
        .big_integer()
        .not_null()
        .auto_increment()
        .primary_key()
        .to_owned()
}

/// A foreign key whose rows go when the row they point to goes.
pub fn fk(
    from_table: impl IntoIden + 'static,
    from_col: impl IntoIden + 'static,
    to_table: impl IntoIden + 'static,
    to_col: impl IntoIden + 'static,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(from_table, from_col)
        .to(to_table, to_col)
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

/// Creates index `name` on `cols` of `table`, unique when `unique` holds.
pub async fn index(
    manager: &SchemaManager<'_>,
    name: &str,
    table: impl IntoIden + 'static,
    cols: Vec<DynIden>,
    unique: bool,
) -> Result<(), DbErr> {
    let mut index = Index::create();
    index.name(name).table(table);
    if unique {
        index.unique();
    }
    for c in cols {
        index.col(c);
    }
    manager.create_index(index.to_owned()).await
}

/// Creates the unique index `name` on `cols` of `table`.
pub async fn unique(
    manager: &SchemaManager<'_>,
    name: &str,
    table: impl IntoIden + 'static,
    cols: Vec<DynIden>,
) -> Result<(), DbErr> {
    index(manager, name, table, cols, true).await
}
