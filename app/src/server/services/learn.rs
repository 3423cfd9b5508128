//! Courses and learning: what a trainee reads and earns, and what a trainer writes and runs.
//!
//! - [`courses`]: the catalogue, course packs, who may open a course, reading a lesson, search;
//! - [`authoring`]: writing and publishing courses, modules and lessons in the browser;
//! - [`trainer`]: trainer materials: the pilot agenda, materials, localisation, session plans;
//! - [`translating`]: a lesson's translations, written beside its original;
//! - [`evaluations`]: the reaction and three-month follow-up questionnaires of a class;
//! - [`duplicate`]: copying a course into a draft of one's own to adapt it;
//! - [`classes`]: classes, their trainers and enrolments;
//! - [`class_items`]: quizzes and exercises set for one class, and who sees them;
//! - [`records`]: a person's learning record and transcript;
//! - [`certificates`]: certificates earned, their PDF and public verification.

pub mod authoring;
pub mod certificates;
pub mod class_items;
pub mod classes;
pub mod courses;
pub mod duplicate;
pub mod evaluations;
pub mod records;
pub mod trainer;
pub mod translating;
