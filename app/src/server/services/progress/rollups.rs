//! Roll-ups of the learning events, so the progress dashboards read thousands of rows where
//! the events number millions. Each event is marked pending as it is written; pending events
//! are folded in, in batches, by a background task and by every dashboard read first
//! ([`fold_pending`], [`catch_up`]). The roll-ups can also be rebuilt from the events at any
//! time ([`rebuild`]); folding and rebuilding go through the same pure functions
//! ([`changes`], [`cell_keys`], [`people_keys`]), so they agree.
//!
//! Folding in batches keeps the roll-ups off the request path: every trainee of a class,
//! agency or course counts in the same few rows, and updating them with each event made
//! concurrent requests queue on those rows' locks.
//!
//! - `progress_cells`: additive figures (events, enrolments, lessons completed,
//!   certificates, exercises and their scores, post-test results and gains) per month,
//!   role set and dimensions, at three grains — agency × course × class (0), agency (1) and
//!   course (2) — so a dashboard without course filters reads the agency grain (thousands of
//!   rows) and one with them reads the full grain through an index.
//! - `progress_people`: who was active, as one row per person and dimensions per era of 60
//!   months with the months active as bits, at five grains, so "people trained" is a count of
//!   rows (or of distinct people where a person can have several rows).
//! - `progress_tests`: each participation's best pre- and post-test. A participation's
//!   post-test result and gain count in the month of its best post-test.
//! - `progress_findings`: exercise features found or missed per month, dimensions and kind.
//!
//! The arithmetic (months and eras, coordinates, measures, the changes an event makes, keys)
//! is pure and lives in `assessments::progress`; this file reads events into it, `store`
//! holds the tables and their additive writes, `fold` the batches of pending events, and
//! `rebuild` the full rebuild from the events.

use crate::error::AppResult;
use crate::model::{EventKind, QuizRole, Role};
use crate::server::entities::learning_event;
use crate::server::services::progress::events;
use sea_orm::sea_query::{Expr, OnConflict, Query, SimpleExpr};
use sea_orm::{ConnectionTrait, DatabaseConnection, DeriveIden, TransactionTrait};
use std::collections::HashMap;

mod fold;
mod rebuild;
mod store;
pub use assessments::progress::*;
pub use fold::*;
pub use rebuild::*;
pub use store::*;

/// The bit of `role` in role masks.
pub fn role_bit(role: Role) -> i32 {
    let i = Role::ALL.iter().position(|r| *r == role).unwrap_or(0);
    1 << i
}

/// The coordinates of event `e` for a person with role mask `roles`.
pub fn coord_of(e: &learning_event::Model, roles: i32) -> Coord {
    Coord {
        mi: month_index(e.at.year(), u8::from(e.at.month())),
        agency: e.agency_id.unwrap_or(0),
        country: e.country_code.clone().unwrap_or_default(),
        course: e.course_id.unwrap_or(0),
        class: e.class_id.unwrap_or(0),
        roles,
    }
}

/// What an event of `kind`, in a quiz of role `quiz_role` (for attempts), counts as.
pub fn counted(kind: EventKind, quiz_role: Option<QuizRole>) -> Counted {
    match kind {
        events::EventKind::Enrolled => Counted::Enrolled,
        events::EventKind::LessonCompleted => Counted::LessonCompleted,
        events::EventKind::CertificateIssued => Counted::CertificateIssued,
        events::EventKind::ExerciseGraded => Counted::ExerciseGraded,
        events::EventKind::AttemptSubmitted => Counted::AttemptSubmitted {
            test: match quiz_role {
                Some(QuizRole::PreTest) => Some(Test::Pre),
                Some(QuizRole::PostTest) => Some(Test::Post),
                Some(QuizRole::Practice) | None => None,
            },
        },
        events::EventKind::LessonViewed | events::EventKind::DeskDecided => Counted::Other,
    }
}

/// The columns of `progress_people`: its key, then months and roles.
fn people_columns() -> [ProgressPeople; 9] {
    use ProgressPeople as P;
    [
        P::Grain,
        P::Era,
        P::PersonId,
        P::CourseId,
        P::ClassId,
        P::AgencyId,
        P::CountryCode,
        P::Months,
        P::RoleMask,
    ]
}
