//! Checkpoint's integration suite: the real router on a real database, driven over HTTP, and
//! real Chromium for the flows a person does. One binary, so it compiles once.
//!
//! Runs on a fresh SQLite file per test; with `CHECKPOINT_TEST_POSTGRES` set to a server URL,
//! on a fresh PostgreSQL database per test instead.

mod access;
mod admin;
mod assessments;
mod auth;
mod authoring;
mod backup;
mod browser;
mod classes;
mod cli;
mod desk;
mod exercises;
mod health;
mod helpers;
mod import;
mod languages;
mod learn;
mod matrix;
mod names;
mod notices;
mod pdf_text;
mod progress;
mod quizzes;
mod records;
mod security;
mod tna;
