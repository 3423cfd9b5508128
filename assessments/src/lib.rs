//! Checkpoint's pure domain logic.
//!
//! Nothing here performs I/O: functions take data (and the current time when they need it) and
//! return results, so every rule can be tested exhaustively and reused by the web app, the CLI
//! and reports alike.

pub mod capacity;
pub mod desk;
pub mod examination;
pub mod exercise;
pub mod mrz;
pub mod names;
pub mod progress;
pub mod questions;
pub mod results;
pub mod text;
pub mod tna;
