//! Checkpoint's database schema as sea-orm migrations.
//!
//! Every migration uses sea-query's schema builders only, so the same steps run on SQLite and
//! PostgreSQL, and every one has a `down`. The application applies them at start-up
//! (`checkpoint migrate`, `checkpoint serve`) and the test suite builds its schema from them.

pub use sea_orm_migration::prelude::*;

mod builders;

mod m20261122_000001_create_reference;
mod m20261122_000002_create_people;
mod m20261122_000003_create_courses;
mod m20261122_000004_create_learning_events;
mod m20261122_000005_create_knowledge_checks;
mod m20261122_000006_create_capacity_assessments;
mod m20261122_000007_create_position_requirements;
mod m20261122_000008_create_tna;
mod m20261122_000009_create_exercise_images;
mod m20261122_000010_create_exercises;
mod m20261122_000011_backfill_enrolment_events;
mod m20261123_000012_create_progress_rollups;
mod m20261123_000013_create_person_countries;
mod m20261123_000014_create_progress_pending;
mod m20261204_000015_harden_sign_in;
mod m20261205_000016_first_pre_test_gain;
mod m20261206_000017_exercise_outcome_codes;
mod m20261206_000018_exercise_versions;
mod m20261206_000019_agency_kind_codes;
mod m20261206_000020_create_border_desk;
mod m20261206_000021_desk_findings;
mod m20261206_000022_exercise_icons;
mod m20261207_000023_class_items;
mod m20261207_000024_translations;
mod m20261207_000025_attempt_language;
mod m20261207_000026_country_names;
mod m20261207_000027_trainer_materials;
mod m20261207_000028_class_evaluations;
mod m20261207_000029_exercise_starts;
mod m20261208_000030_score_modalities;

/// The ordered list of Checkpoint migrations.
pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261122_000001_create_reference::Migration),
            Box::new(m20261122_000002_create_people::Migration),
            Box::new(m20261122_000003_create_courses::Migration),
            Box::new(m20261122_000004_create_learning_events::Migration),
            Box::new(m20261122_000005_create_knowledge_checks::Migration),
            Box::new(m20261122_000006_create_capacity_assessments::Migration),
            Box::new(m20261122_000007_create_position_requirements::Migration),
            Box::new(m20261122_000008_create_tna::Migration),
            Box::new(m20261122_000009_create_exercise_images::Migration),
            Box::new(m20261122_000010_create_exercises::Migration),
            Box::new(m20261122_000011_backfill_enrolment_events::Migration),
            Box::new(m20261123_000012_create_progress_rollups::Migration),
            Box::new(m20261123_000013_create_person_countries::Migration),
            Box::new(m20261123_000014_create_progress_pending::Migration),
            Box::new(m20261204_000015_harden_sign_in::Migration),
            Box::new(m20261205_000016_first_pre_test_gain::Migration),
            Box::new(m20261206_000017_exercise_outcome_codes::Migration),
            Box::new(m20261206_000018_exercise_versions::Migration),
            Box::new(m20261206_000019_agency_kind_codes::Migration),
            Box::new(m20261206_000020_create_border_desk::Migration),
            Box::new(m20261206_000021_desk_findings::Migration),
            Box::new(m20261206_000022_exercise_icons::Migration),
            Box::new(m20261207_000023_class_items::Migration),
            Box::new(m20261207_000024_translations::Migration),
            Box::new(m20261207_000025_attempt_language::Migration),
            Box::new(m20261207_000026_country_names::Migration),
            Box::new(m20261207_000027_trainer_materials::Migration),
            Box::new(m20261207_000028_class_evaluations::Migration),
            Box::new(m20261207_000029_exercise_starts::Migration),
            Box::new(m20261208_000030_score_modalities::Migration),
        ]
    }
}
