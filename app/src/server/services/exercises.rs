//! Document-examination exercises: authoring (images, regions, keys, publishing), taking
//! (every answer graded on the server against the key, which never leaves it before grading)
//! and results, with a learning event and per-defect findings for each graded answer.
//!
//! - [`access`]: who may edit or take an exercise;
//! - [`authoring`]: creating, the editor, each change, keys, publishing, deletion;
//! - [`taking`]: the list, the trainee's view, the answer form, recording an attempt;
//! - [`grading`]: the answer against the key (pure);
//! - [`results`]: a graded attempt, and findings per feature kind;
//! - [`generated`]: exercises made from generated specimens;
//! - [`classes`]: a class's own exercises, for its trainers.

mod access;
mod authoring;
mod classes;
pub mod generated;
mod grading;
pub mod images;
mod results;
mod taking;
#[cfg(test)]
mod tests;

pub use access::check_editor;
use access::*;
pub use authoring::*;
pub use classes::*;
pub use grading::*;
pub use results::*;
pub use taking::*;

use crate::error::{AppError, AppResult};
use crate::i18n::Msg;
use crate::model::CurrentUser;
use crate::model::exercise::{
    ChecklistItem, ExerciseAnswer, ExerciseChange, ExerciseEdit, ExerciseEditor, ExerciseKind,
    ExerciseOutcome, ExerciseResult, ExerciseRow, ExerciseSpec, ExerciseView, FEATURE_KINDS,
    FORGERIES, GlossaryLink, ImageRef, ImpostorKey, LIGHTS, LightView, MrzKey, Outline,
    PastAttempt, RegionSpec, VERDICTS, VerdictKey, ViewShown, VizField,
};
use crate::server::entities::{
    course, course_module, exercise, exercise_attempt, exercise_finding,
};
use crate::server::services::learn::authoring::may_edit;
use assessments::exercise as geo;
use images::StoredImage;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect, Set, TransactionTrait,
};

/// Longest title.
const TITLE_MAX: usize = 200;
/// Longest instructions or explanation.
const TEXT_MAX: usize = 20_000;
/// Most regions, light views, checklist entries or bearer photos in one exercise.
pub const PARTS_MAX: usize = 40;

/// The key and content of exercise `e`. An unreadable one is an error (logged with the
/// exercise's id), never an empty exercise that the next edit would write back.
fn spec_of(e: &exercise::Model) -> AppResult<ExerciseSpec> {
    serde_json::from_str(&e.spec)
        .map_err(|err| super::super::errors::internal(&format!("exercise {} spec", e.id), err))
}

fn image_ref(s: &StoredImage) -> ImageRef {
    ImageRef {
        hash: s.hash.clone(),
        width: s.width as i32,
        height: s.height as i32,
    }
}

fn render(markdown: &str) -> String {
    content::markdown::render(
        markdown,
        content::markdown::Links {
            media_base: "/",
            glossary: "#",
        },
    )
}
