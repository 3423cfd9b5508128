//! One module per page, grouped by area.

pub mod account;
pub mod admin;
pub mod assess;
pub mod author;
pub mod classes;
pub mod home;
pub mod learn;
pub mod login;
pub mod not_found;
pub mod progress;
pub mod tna;
pub mod verify;
