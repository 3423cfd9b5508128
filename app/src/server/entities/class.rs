//! `classes`: Classes (cohorts) running a course.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "classes")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub course_id: i64,
    pub name: String,
    pub starts_on: TimeDate,
    pub ends_on: TimeDate,
    pub location: String,
    pub training_of_trainers: bool,
    pub join_code: String,
    pub created_by: Option<i64>,
    pub created_at: TimeDateTimeWithTimeZone,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
