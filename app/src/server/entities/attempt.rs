//! `attempts`: one learner's attempt at a quiz.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "attempts")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub quiz_id: i64,
    pub person_id: i64,
    pub class_id: Option<i64>,
    pub number: i32,
    /// `open`, `submitted` (by the learner) or `expired` (closed at its time limit).
    pub status: crate::model::AttemptStatus,
    pub started_at: TimeDateTimeWithTimeZone,
    pub deadline: Option<TimeDateTimeWithTimeZone>,
    pub submitted_at: Option<TimeDateTimeWithTimeZone>,
    pub score: Option<f64>,
    pub max_score: f64,
    pub percent: Option<f64>,
    pub passed: Option<bool>,
    /// The language the questions were asked in, when a translation asked them.
    pub language: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
