//! `desk_decisions`: what the trainee did for one traveller of a shift.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "desk_decisions")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub shift_id: i64,
    #[sea_orm(primary_key, auto_increment = false)]
    pub traveller: i32,
    pub queried: bool,
    /// List entry ids confirmed as the traveller, as a JSON array.
    pub confirmed: String,
    /// List entry ids dismissed, as a JSON array.
    pub dismissed: String,
    /// `admit`, `refer` or `refuse`.
    pub decision: String,
    /// The refusal ground's code.
    pub ground: Option<String>,
    pub note: String,
    pub seconds: i32,
    pub decided_at: TimeDateTimeWithTimeZone,
    /// Why each dismissed candidate was dismissed: a JSON object from entry id to reason code.
    pub reasons: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
