//! `countries`: ISO 3166-1 countries (plus fictional Utopia in demos).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "countries")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub code: String,
    pub alpha2: String,
    pub name_en: String,
    pub name_fr: String,
    pub name_es: String,
    pub name_ar: String,
    pub fictional: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(has_many = "super::agency::Entity")]
    Agency,
}

impl Related<super::agency::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Agency.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}

impl Model {
    /// The country's name in `lang`, or the English where the list has none in that language.
    pub fn name(&self, lang: crate::i18n::Lang) -> &str {
        let names = [&self.name_en, &self.name_fr, &self.name_es, &self.name_ar];
        crate::model::in_language(lang, names.map(String::as_str)).0
    }
}
