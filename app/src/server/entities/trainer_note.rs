//! `trainer_notes`: a course's trainer materials, never shown to trainees: the pilot agenda,
//! the materials list, the localisation sheet, and a session plan with notes per lesson.

use sea_orm::entity::prelude::*;

/// What a row holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "Text")]
pub enum Kind {
    /// The pilot day: `title`, `starts`, `plan` (the steps) and `body` (notes).
    #[sea_orm(string_value = "agenda")]
    Agenda,
    /// What to bring and prepare: `body`.
    #[sea_orm(string_value = "materials")]
    Materials,
    /// What to adapt to the country: `body`.
    #[sea_orm(string_value = "localisation")]
    Localisation,
    /// A lesson's session plan (`plan`) and trainer notes (`body`); `lesson_id` is set.
    #[sea_orm(string_value = "lesson")]
    Lesson,
}

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "trainer_notes")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub course_id: i64,
    pub lesson_id: Option<i64>,
    pub kind: Kind,
    pub title: String,
    /// `HH:MM`, for an agenda.
    pub starts: String,
    /// JSON array of `content::pack::trainer::Step`.
    pub plan: String,
    pub body: String,
    /// `body` rendered to sanitised HTML when saved.
    pub body_html: String,
    pub updated_at: TimeDateTimeWithTimeZone,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
