//! `learning_events`: append-only record of what learners did.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "learning_events")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub person_id: i64,
    /// What happened: `lesson_viewed`, `lesson_completed`, …
    pub kind: crate::model::EventKind,
    pub course_id: Option<i64>,
    pub lesson_id: Option<i64>,
    pub class_id: Option<i64>,
    pub agency_id: Option<i64>,
    pub country_code: Option<String>,
    pub at: TimeDateTimeWithTimeZone,
    /// What the event refers to beyond course and lesson (attempt id, certificate id).
    pub ref_id: Option<i64>,
    /// A score it carries, percent (attempts).
    pub score: Option<f64>,
    /// What within the course it is about (a border-desk decision: `desk:` and the case kind).
    pub item: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
