//! Courses: importing and exporting course packs, and what learners read — the catalogue,
//! outlines, lessons with progress, glossaries, search and lesson images.
//!
//! Visibility: trainers and administrators see every course, drafts included. Anyone else sees
//! a published course (and its published lessons) when they are enrolled in a class of it;
//! another course is refused with 403 and nothing of it is shown.
//!
//! - [`packs`]: import and export of course packs, the shipped packs;
//! - [`editions`]: the course in other languages, stored, exported and read;
//! - [`access`]: who reads which course;
//! - [`reading`]: catalogue, outlines, lessons, progress, glossaries, images;
//! - [`search`]: search across readable lessons.

mod access;
mod editions;
mod packs;
mod reading;
mod search;

pub use access::*;
pub(crate) use editions::*;
pub use packs::*;
pub use reading::*;
pub use search::*;

use crate::error::{AppError, AppResult};
use crate::i18n::Msg;
use crate::model::{
    CourseCard, CourseOutline, CurrentUser, Edition, GlossaryView, LessonView, OutlineLesson,
    OutlineModule, Role, SearchHit,
};
use crate::server::entities::translation::Item;
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

    fn text(runs: &[(String, bool)]) -> String {
        runs.iter().map(|(t, _)| t.as_str()).collect()
    }

    #[test]
    fn extracts_surround_the_match_with_whole_words_marked() {
        let body = format!(
            "{} the check-digit is computed; **Checks** follow {}",
            "word ".repeat(50),
            "more ".repeat(50)
        );
        let e = extract(&body, &["check".into()]);
        let all = text(&e);
        assert!(all.starts_with("… ") && all.ends_with(" …"), "{all}");
        assert!(
            all.contains("the check-digit is computed; Checks follow"),
            "{all}"
        );
        let marked: Vec<&str> = e.iter().filter(|r| r.1).map(|r| r.0.as_str()).collect();
        assert_eq!(marked, ["check-digit", "Checks"]);
        // A word found late in a long lesson, and a lesson without it: whole words either way.
        let e = extract(
            &format!("{}passport", "visa ".repeat(100)),
            &["pass".into()],
        );
        assert_eq!(e.last().unwrap(), &("passport".to_owned(), true));
        assert_eq!(
            text(&extract("Nothing here", &["mrz".into()])),
            "Nothing here"
        );
    }

    proptest::proptest! {
        /// Any lesson text and query: no panic (multi-byte text included), the extract is a
        /// run of the text's whole words, and every marked run is a word a query word begins.
        #[test]
        fn extracts_are_whole_words_of_the_text(
            words in proptest::collection::vec("[a-zA-Zéİß0-9.,;:()-]{1,12}", 0..80),
            query in proptest::collection::vec("[a-zé0-9]{1,4}", 1..3),
        ) {
            let body = words.join(" ");
            let runs = extract(&body, &query);
            let all = text(&runs);
            let inner = all.trim_start_matches("… ").trim_end_matches(" …");
            let joined = format!(" {} ", body.split_whitespace().collect::<Vec<_>>().join(" "));
            proptest::prop_assert!(inner.is_empty() || joined.contains(&format!(" {inner} ")), "{inner:?}");
            for (run, marked) in &runs {
                if *marked {
                    let lower = run.to_lowercase();
                    proptest::prop_assert!(
                        lower
                            .split(|c: char| !c.is_alphanumeric())
                            .any(|p| query.iter().any(|q| p.starts_with(q.as_str()))),
                        "{run:?} marked for {query:?}"
                    );
                }
            }
        }
    }
}
