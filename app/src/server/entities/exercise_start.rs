//! `exercise_starts`: when a person opened a timed exercise for the answer not yet given.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "exercise_starts")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub exercise_id: i64,
    pub person_id: i64,
    pub started_at: TimeDateTimeWithTimeZone,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
