//! `people`: every account, whatever its roles.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "people")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub login: String,
    pub display_name: String,
    pub email: Option<String>,
    /// Argon2id PHC string. Never leaves the server: rows are converted to
    /// [`crate::model::PersonRow`] before they reach a page.
    pub password_hash: String,
    pub agency_id: Option<i64>,
    pub position_id: Option<i64>,
    pub active: bool,
    pub language: String,
    pub must_change_password: bool,
    /// Incremented by every password change or reset; a session signed in under an earlier
    /// value has ended.
    pub session_epoch: i64,
    pub created_at: TimeDateTimeWithTimeZone,
    pub updated_at: TimeDateTimeWithTimeZone,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(has_many = "super::person_role::Entity")]
    Role,
    /// The person's agency (a left join keeps people without one).
    #[sea_orm(
        belongs_to = "super::agency::Entity",
        from = "Column::AgencyId",
        to = "super::agency::Column::Id"
    )]
    Agency,
}

impl Related<super::person_role::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Role.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
