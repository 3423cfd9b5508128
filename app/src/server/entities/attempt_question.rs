//! `attempt_questions`: each question of an attempt as it was asked, and the answer saved.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "attempt_questions")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub attempt_id: i64,
    #[sea_orm(primary_key, auto_increment = false)]
    pub question_id: i64,
    pub position: i32,
    /// The question as asked (JSON).
    pub snapshot: String,
    /// Option/pair/item ids in the order shown (JSON array).
    pub option_order: String,
    /// The learner's answer (`assessments::questions::Response` as JSON).
    pub response: Option<String>,
    pub saved_at: Option<TimeDateTimeWithTimeZone>,
    /// Share of the marks earned, once graded.
    pub fraction: Option<f64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
