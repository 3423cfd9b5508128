//! Course authoring pages.

pub mod bank;
pub mod course;
pub mod courses;
pub mod desk;
pub mod exercise;
pub mod lesson;
pub mod quiz;
pub mod trainer;
pub mod translation;
