//! `tna_participation`: that a person has started or submitted a response (never which one,
//! once submitted).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "tna_participation")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub campaign_id: i64,
    #[sea_orm(primary_key, auto_increment = false)]
    pub person_id: i64,
    /// `self` or `supervisor:<position id>`.
    #[sea_orm(primary_key, auto_increment = false)]
    pub subject: String,
    pub draft_token: Option<String>,
    pub submitted: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
