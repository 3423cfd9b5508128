//! `desk_shifts`: one trainee working one scenario, against its time limit.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "desk_shifts")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub scenario_id: i64,
    pub person_id: i64,
    pub started_at: TimeDateTimeWithTimeZone,
    pub deadline: TimeDateTimeWithTimeZone,
    pub finished_at: Option<TimeDateTimeWithTimeZone>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
