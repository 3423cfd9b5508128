//! Classes: the trainer's list, one class with its roster, and joining with a code.

pub mod desk;
pub mod detail;
pub mod join;
pub mod list;
pub mod results;
