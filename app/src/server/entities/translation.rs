//! `translations`: a course's items (the course, a module, a lesson, a glossary term, a quiz,
//! a question) in another language.

use sea_orm::entity::prelude::*;

/// What a translation's `item_id` points to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "Text")]
pub enum Item {
    /// `courses.id`: title and summary.
    #[sea_orm(string_value = "course")]
    Course,
    /// `course_modules.id`: title and summary.
    #[sea_orm(string_value = "module")]
    Module,
    /// `lessons.id`: title, objectives, body and its HTML.
    #[sea_orm(string_value = "lesson")]
    Lesson,
    /// `glossary_terms.id`: the term (title) and its definition (summary).
    #[sea_orm(string_value = "term")]
    Term,
    /// `quizzes.id`: title and introduction (summary).
    #[sea_orm(string_value = "quiz")]
    Quiz,
    /// `questions.id`: the question as JSON (body).
    #[sea_orm(string_value = "question")]
    Question,
}

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "translations")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub course_id: i64,
    /// Language code.
    pub language: String,
    pub kind: Item,
    pub item_id: i64,
    pub title: String,
    pub summary: String,
    /// JSON array of a lesson's objectives (`[]` otherwise).
    pub objectives: String,
    pub body: String,
    /// A lesson's `body` rendered to sanitised HTML when saved.
    pub body_html: String,
    pub updated_at: TimeDateTimeWithTimeZone,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
