//! sea-orm entities, one module per table. The schema itself is defined by the `migrations`
//! crate; these mirror it for typed queries.

pub mod agency;
pub mod assessment_document;
pub mod assessment_finding;
pub mod assessment_member;
pub mod assessment_recommendation;
pub mod assessment_score;
pub mod attempt;
pub mod attempt_question;
pub mod capacity_assessment;
pub mod certificate;
pub mod class;
pub mod class_trainer;
pub mod country;
pub mod course;
pub mod course_media;
pub mod course_module;
pub mod enrolment;
pub mod glossary_term;
pub mod learning_event;
pub mod lesson;
pub mod lesson_progress;
pub mod login_failure;
pub mod person;
pub mod person_role;
pub mod position;
pub mod position_requirement;
pub mod question;
pub mod question_category;
pub mod quiz;
pub mod quiz_item;
