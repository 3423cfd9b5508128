//! Question banks and quiz authoring: each course's categories and questions (imported from
//! and exported to GIFT and Moodle XML), its quizzes and what they ask.
//!
//! Who may change them: whoever may edit the course (administrators, and the trainer who
//! created it — see [`crate::server::services::learn::authoring::editable_course`]).
//!
//! - [`questions`]: the bank, import and export, one question as GIFT;
//! - [`quizzes`]: quiz settings, certificate rule, items;
//! - [`packs`]: what a course pack brings.

mod packs;
mod questions;
mod quizzes;

pub use packs::*;
pub use questions::*;
pub use quizzes::*;

use crate::error::{AppError, AppResult};
use crate::i18n::Msg;
use crate::model::{
    BankCategory, BankImportReport, BankQuestion, BankRefusal, CurrentUser, QuestionBank,
    QuizEditor, QuizInput, QuizItemRow, QuizRow,
};
use crate::server::entities::{course, question, question_category, quiz, quiz_item};
use assessments::questions::Question;
use content::pack::Pool;
use content::questions::{BankEntry, Format};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, Set, TransactionTrait,
};
use std::collections::HashMap;

/// When answers are shown.
pub const SHOW_ANSWERS: [&str; 3] = ["after_submit", "after_last", "never"];

/// Only trainers and administrators author question banks and quizzes.
fn may_author(user: &CurrentUser) -> AppResult<()> {
    if crate::server::services::learn::courses::can_author(user) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}
