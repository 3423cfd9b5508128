//! `class_evaluations`: submitted reaction and follow-up questionnaires of a class,
//! anonymous (no person).

use sea_orm::entity::prelude::*;

/// Which questionnaire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "Text")]
pub enum Survey {
    /// At the end of the class.
    #[sea_orm(string_value = "reaction")]
    Reaction,
    /// About three months after the class.
    #[sea_orm(string_value = "follow_up")]
    FollowUp,
}

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "class_evaluations")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub class_id: i64,
    pub survey: Survey,
    /// `content::tna::Answers` as JSON.
    pub answers: String,
    pub submitted_on: TimeDate,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
