//! `capacity_assessments`: a Border and Migration Management Assessment of one country.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "capacity_assessments")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub framework_id: String,
    pub framework_version: String,
    pub country_code: String,
    pub title: String,
    pub requested_by: String,
    /// JSON array of element ids; empty means the whole framework.
    pub scope: String,
    pub starts_on: TimeDate,
    pub ends_on: TimeDate,
    /// `draft`, `in_review` or `final`.
    pub status: crate::model::AssessmentStatus,
    pub number: i32,
    pub previous_id: Option<i64>,
    pub baseline_id: Option<i64>,
    pub summary: String,
    pub methodology: String,
    pub created_by: Option<i64>,
    pub created_at: TimeDateTimeWithTimeZone,
    pub updated_at: TimeDateTimeWithTimeZone,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
