//! `exercise_images`: an exercise image at four sizes, named by the hash of its upload.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "exercise_images")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub hash: String,
    pub width: i32,
    pub height: i32,
    pub full: Vec<u8>,
    pub display: Vec<u8>,
    pub thumb: Vec<u8>,
    /// The icon for lists ([`content::images::ICON_SIDE`]); `None` for an image stored
    /// before icons existed, until it is first asked for.
    pub icon: Option<Vec<u8>>,
    pub uploaded_by: Option<i64>,
    pub created_at: TimeDateTimeWithTimeZone,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
