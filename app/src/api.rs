//! Server functions, one module per noun. Each is thin: it checks who is asking (role and,
//! where it applies, ownership), calls a service and reports the outcome through
//! `request::finish`, which turns errors into the right HTTP answer for forms and clients.

pub mod agencies;
pub mod auth;
pub mod authoring;
pub mod capacity;
pub mod classes;
pub mod countries;
pub mod courses;
pub mod desk;
pub mod exercises;
pub mod people;
pub mod progress;
pub mod quizzes;
pub mod records;
pub mod tna;

/// Cookie remembering the interface language of visitors who are not signed in.
pub const LANG_COOKIE: &str = "checkpoint_lang";
