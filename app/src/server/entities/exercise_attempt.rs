//! `exercise_attempts`: an answer to an exercise, graded when given.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "exercise_attempts")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub exercise_id: i64,
    pub person_id: i64,
    /// `ExerciseAnswer` as JSON.
    pub answer: String,
    /// `ExerciseOutcome` as JSON.
    pub result: String,
    pub score: f64,
    pub max_score: f64,
    pub preview: bool,
    pub at: TimeDateTimeWithTimeZone,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
