//! `tna_campaigns`: a questionnaire run across agencies over a period.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "tna_campaigns")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub title: String,
    pub questionnaire_id: i64,
    /// `draft`, `open` or `closed`.
    pub status: crate::model::CampaignStatus,
    pub anonymous: bool,
    pub min_group: i32,
    pub opens_on: TimeDate,
    pub closes_on: TimeDate,
    pub created_by: Option<i64>,
    pub created_at: TimeDateTimeWithTimeZone,
    pub updated_at: TimeDateTimeWithTimeZone,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
