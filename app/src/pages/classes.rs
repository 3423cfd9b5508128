//! Classes: the trainer's list, one class with its roster, its quizzes and results, its own
//! exercises, its border desk, and joining with a code.

pub mod desk;
pub mod detail;
pub mod evaluation;
pub mod exercises;
pub mod join;
pub mod list;
pub mod results;
