//! `courses`: Courses: metadata of a course (its content lives in modules and lessons).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "courses")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub language: String,
    pub kind: content::pack::CourseKind,
    pub audience: String,
    /// Comma-separated competency identifiers.
    pub competencies: String,
    pub estimated_hours: f64,
    pub version: String,
    pub published: bool,
    /// `post_test` (all lessons and the post-test passed) or `trainer` (awarded by a trainer).
    pub certificate_rule: String,
    pub created_by: Option<i64>,
    pub created_at: TimeDateTimeWithTimeZone,
    pub updated_at: TimeDateTimeWithTimeZone,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
