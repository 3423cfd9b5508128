//! Everything that runs only on the server: configuration, the database, sessions and
//! security, services, and the HTTP router.

pub mod assets;
pub mod config;
pub mod cookies;
pub mod csrf;
pub mod db;
pub mod entities;
pub mod errors;
pub mod http;
pub mod password;
pub mod reports;
pub mod request;
pub mod services;
pub mod session;
pub mod start;
pub mod state;
pub mod typed;
