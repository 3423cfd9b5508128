//! `tna_frameworks`: the competency framework as edited in the browser (one row).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "tna_frameworks")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// TOML, `content/tna/SCHEMA.md`.
    pub definition: String,
    pub updated_by: Option<i64>,
    pub updated_at: TimeDateTimeWithTimeZone,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
