//! Courses: importing and exporting course packs, and what learners read — the catalogue,
//! outlines, lessons with progress, glossaries, search and lesson images.
//!
//! Visibility: trainers and administrators see every course, drafts included. Anyone else sees
//! a published course (and its published lessons) when they are enrolled in a class of it;
//! another course is refused with 403 and nothing of it is shown.
//!
//! - [`packs`]: import and export of course packs, the shipped packs;
//! - [`access`]: who reads which course;
//! - [`reading`]: catalogue, outlines, lessons, progress, glossaries, images;
//! - [`search`]: search across readable lessons.

mod access;
mod packs;
mod reading;
mod search;

pub use access::*;
pub use packs::*;
pub use reading::*;
pub use search::*;

use crate::error::{AppError, AppResult};
use crate::i18n::Msg;
use crate::model::{
    CourseCard, CourseOutline, CurrentUser, GlossaryView, LessonView, OutlineLesson, OutlineModule,
    Role, SearchHit,
};
use crate::server::entities::{
    class, course, course_media, course_module, glossary_term, lesson, lesson_progress,
};
use content::pack::{
    CourseMeta, CoursePack, GlossaryEntry, Lesson, LessonMeta, Module, ModuleMeta,
};
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbBackend, EntityTrait,
    FromQueryResult, JoinType, QueryFilter, QueryOrder, QuerySelect, RelationTrait, Set, Statement,
    TransactionTrait,
};
use std::collections::{BTreeMap, HashMap, HashSet};

/// Whether `user` may see drafts and edit courses.
pub fn can_author(user: &CurrentUser) -> bool {
    user.has(Role::Trainer) || user.has(Role::Admin)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_words_drop_operators() {
        assert_eq!(
            query_words("MRZ \"check\" OR digit* -x"),
            vec!["mrz", "check", "or", "digit", "x"]
        );
        assert!(query_words("  *** ").is_empty());
    }

    #[test]
    fn extracts_surround_the_match() {
        let body = format!(
            "{} the check digit is computed {}",
            "word ".repeat(50),
            "more ".repeat(50)
        );
        let e = extract(&body, &["check".into()]);
        assert!(
            e.contains("check digit") && e.starts_with("… ") && e.ends_with(" …"),
            "{e}"
        );
    }
}
