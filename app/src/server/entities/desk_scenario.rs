//! `desk_scenarios`: a border-desk shift a trainer defined.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "desk_scenarios")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub course_id: i64,
    pub title: String,
    /// `content::desk::travellers::Spec` as JSON.
    pub spec: String,
    pub time_limit_minutes: i32,
    /// The author; `None` once their account is deleted (the scenario and its shifts stay).
    pub created_by: Option<i64>,
    pub created_at: TimeDateTimeWithTimeZone,
    /// The class it is set for; `None`: every trainee of the course.
    pub class_id: Option<i64>,
    /// The trainer's own persons added to the generated watch list, as a JSON array.
    pub own_list: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
