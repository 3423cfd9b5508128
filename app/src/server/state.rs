//! The application state shared by every request.

use super::config::Config;
use axum::extract::FromRef;
use leptos::config::LeptosOptions;
use sea_orm::DatabaseConnection;
use std::sync::Arc;

/// Shared state: configuration, the one database pool and the Leptos options.
#[derive(Clone)]
pub struct AppState {
    /// The database (a pool inside).
    pub db: DatabaseConnection,
    /// Configuration.
    pub config: Arc<Config>,
    /// Leptos rendering options.
    pub leptos: LeptosOptions,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos.clone()
    }
}

/// Leptos options for this configuration: the bundle is `pkg/checkpoint.{js,wasm}` under the
/// site root.
pub fn leptos_options(config: &Config) -> LeptosOptions {
    LeptosOptions::builder()
        .output_name("checkpoint")
        .site_root(config.site_root.to_string_lossy().into_owned())
        .site_pkg_dir("pkg")
        .site_addr(config.addr)
        .env(leptos::config::Env::PROD)
        .build()
}
