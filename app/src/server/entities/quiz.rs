//! `quizzes`: a course's quizzes, pre-tests and post-tests.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "quizzes")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub course_id: i64,
    /// The class it is set for; `None`: every trainee of the course.
    pub class_id: Option<i64>,
    pub slug: String,
    pub title: String,
    /// `practice`, `pre_test` or `post_test`.
    pub role: crate::model::QuizRole,
    pub intro: String,
    /// Percentage needed to pass.
    pub pass_mark: f64,
    pub time_limit_secs: Option<i32>,
    /// 0 means unlimited.
    pub attempts_allowed: i32,
    pub shuffle_questions: bool,
    pub shuffle_options: bool,
    /// `after_submit`, `after_close` or `never`.
    pub show_answers: String,
    pub published: bool,
    pub created_at: TimeDateTimeWithTimeZone,
    pub updated_at: TimeDateTimeWithTimeZone,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
