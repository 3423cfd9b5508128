//! `lessons`: Lessons: Markdown bodies with their front matter, in module order.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "lessons")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub module_id: i64,
    pub course_id: i64,
    pub position: i32,
    pub slug: String,
    pub title: String,
    /// JSON array of objective strings.
    pub objectives: String,
    pub duration_minutes: i32,
    pub body: String,
    /// `body` rendered to sanitised HTML when saved.
    pub body_html: String,
    pub published: bool,
    pub updated_at: TimeDateTimeWithTimeZone,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// The module the lesson belongs to.
    #[sea_orm(
        belongs_to = "super::course_module::Entity",
        from = "Column::ModuleId",
        to = "super::course_module::Column::Id"
    )]
    Module,
}

impl ActiveModelBehavior for ActiveModel {}
