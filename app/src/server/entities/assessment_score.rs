//! `assessment_scores`: each assessor's score of an indicator; assessor 0 holds the agreed
//! score recorded by the lead.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "assessment_scores")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub assessment_id: i64,
    #[sea_orm(primary_key, auto_increment = false)]
    pub indicator_id: String,
    #[sea_orm(primary_key, auto_increment = false)]
    pub assessor_id: i64,
    pub level: Option<i32>,
    pub not_applicable: bool,
    pub reason: String,
    pub evidence: String,
    pub confidence: String,
    /// Kinds of crossing point the score leaves out (`air,sea`), empty when none.
    pub not_applicable_to: String,
    pub updated_by: i64,
    pub updated_at: TimeDateTimeWithTimeZone,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
