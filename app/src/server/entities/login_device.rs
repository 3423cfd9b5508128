//! `login_devices`: browsers a person has signed in with, by the SHA-256 of their device token.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "login_devices")]
pub struct Model {
    /// Hex SHA-256 of the token in the browser's device cookie.
    #[sea_orm(primary_key, auto_increment = false)]
    pub token_hash: String,
    pub person_id: i64,
    pub created_at: TimeDateTimeWithTimeZone,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
