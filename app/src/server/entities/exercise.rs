//! `exercises`: document-examination exercises of a course.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "exercises")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub course_id: i64,
    /// The class it is set for; `None`: every trainee of the course.
    pub class_id: Option<i64>,
    pub module_id: Option<i64>,
    pub position: i32,
    /// `anomalies`, `light_views`, `verdict`, `compare`, `mrz` or `impostor`.
    pub kind: assessments::examination::ExerciseKind,
    pub title: String,
    pub instructions: String,
    pub explanation: String,
    pub image_hash: String,
    pub width: i32,
    pub height: i32,
    /// `ExerciseSpec` as JSON.
    pub spec: String,
    pub published: bool,
    pub created_by: Option<i64>,
    pub created_at: TimeDateTimeWithTimeZone,
    pub updated_at: TimeDateTimeWithTimeZone,
    /// Raised by every change; a change made against an older version is refused.
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
