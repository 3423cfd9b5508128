//! `certificates`: course certificates, with what they state copied at issue.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "certificates")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub code: String,
    pub person_id: i64,
    pub course_id: i64,
    pub class_id: Option<i64>,
    pub person_name: String,
    pub course_title: String,
    pub hours: f64,
    pub agency_name: Option<String>,
    pub country_name: Option<String>,
    pub issued_at: TimeDateTimeWithTimeZone,
    pub awarded_by: Option<i64>,
    pub revoked_at: Option<TimeDateTimeWithTimeZone>,
    pub revoked_reason: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
