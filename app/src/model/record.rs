//! A person's learning record, as its page shows it.

use crate::i18n::Msg;
use serde::{Deserialize, Serialize};

/// One course in a record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecordCourse {
    /// Slug.
    pub slug: String,
    /// Title.
    pub title: String,
    /// Distinct lessons completed.
    pub lessons_completed: usize,
    /// Quiz attempts submitted.
    pub quiz_attempts: usize,
    /// Best quiz score, percent.
    pub best_quiz: Option<f64>,
    /// Exercises answered.
    pub exercises: usize,
    /// Average exercise score, percent.
    pub exercise_average: Option<f64>,
    /// Certificate code.
    pub certificate: Option<String>,
    /// Latest activity.
    pub last: String,
}

/// One event in a record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecordEvent {
    /// When.
    pub at: String,
    /// What happened.
    pub kind: Msg,
    /// Course title.
    pub course: String,
    /// Lesson, quiz, exercise or certificate.
    pub item: String,
    /// Percent.
    pub score: Option<f64>,
}

/// Everything a person did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LearningRecord {
    /// Whose.
    pub person_id: i64,
    /// Their name.
    pub name: String,
    /// Their agency.
    pub agency: Option<String>,
    /// Per course.
    pub courses: Vec<RecordCourse>,
    /// The latest events (at most 300; the downloads hold them all).
    pub events: Vec<RecordEvent>,
    /// How many events in all.
    pub total_events: usize,
}

/// A person whose learning record the viewer may open, as a search lists them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LearnerHit {
    /// Person id (their record is `/people/<id>/record`).
    pub id: i64,
    /// Display name.
    pub name: String,
    /// Login.
    pub login: String,
    /// Agency name.
    pub agency: Option<String>,
    /// Country of the agency.
    pub country: Option<String>,
}

/// The people in the viewer's scope matching a search.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LearnerSearch {
    /// What was searched for.
    pub query: String,
    /// The first matches, by name.
    pub hits: Vec<LearnerHit>,
    /// More people matched than are listed.
    pub more: bool,
}
