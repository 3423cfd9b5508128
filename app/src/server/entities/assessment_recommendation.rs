//! `assessment_recommendations`: recommendations per element, for the road map.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "assessment_recommendations")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub assessment_id: i64,
    pub element_id: String,
    pub text: String,
    /// `high`, `medium` or `low`.
    pub priority: String,
    /// `short` (≤ 12 months) or `long`.
    pub timeframe: String,
    pub responsible: String,
    pub cost: String,
    /// Comma-separated indicator ids.
    pub indicators: String,
    /// `YYYY-Qn`.
    pub quarter: String,
    pub position: i32,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
