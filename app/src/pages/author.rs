//! Course authoring pages.

pub mod course;
pub mod courses;
pub mod lesson;
