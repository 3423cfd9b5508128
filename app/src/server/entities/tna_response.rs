//! `tna_responses`: one questionnaire filled in, online or transcribed from paper.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "tna_responses")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub campaign_id: i64,
    /// Always `None` in an anonymous campaign.
    pub person_id: Option<i64>,
    /// Links a draft to its respondent's participation; erased at submission.
    pub draft_token: Option<String>,
    /// `self` or `supervisor`.
    pub perspective: String,
    pub agency_id: i64,
    pub position_id: Option<i64>,
    /// `online` or `paper`.
    pub source: String,
    pub paper_ref: Option<String>,
    /// `draft` or `submitted`.
    pub status: crate::model::ResponseStatus,
    /// JSON object: item id → answer.
    pub answers: String,
    pub created_at: TimeDateTimeWithTimeZone,
    pub updated_at: TimeDateTimeWithTimeZone,
    pub submitted_on: Option<TimeDate>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
