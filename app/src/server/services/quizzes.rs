//! Knowledge checks: the question bank, quizzes, attempts and their results.
//!
//! - [`bank`]: questions, quizzes built from them, question packs (GIFT, Moodle XML, XLSX);
//! - [`attempts`]: starting an attempt, saving answers, closing and grading, the attempt page;
//! - [`results`]: a quiz's results for its trainers, with pre/post learning gain.

pub mod attempts;
pub mod bank;
pub mod results;
