//! Starting the application: the router over the shared state, and the background tasks that
//! keep it (expired sessions removed, attempts past their time limit closed, learning events
//! folded into the progress roll-ups). `checkpoint serve` and the test harness both start the
//! app here, so the tests run what production runs.

use super::config::Config;
use super::state::{AppState, leptos_options};
use super::{http, services, session};
use sea_orm::DatabaseConnection;
use std::sync::Arc;
use std::time::Duration;

/// The background tasks of a started application; dropping this stops them.
pub struct BackgroundTasks(Vec<tokio::task::JoinHandle<()>>);

impl Drop for BackgroundTasks {
    fn drop(&mut self) {
        for t in &self.0 {
            t.abort();
        }
    }
}

/// Starts the application on `db` with `config`: the router to serve, and the background tasks
/// spawned on the current runtime (they run until the returned handle is dropped).
pub fn start(config: Config, db: DatabaseConnection) -> (axum::Router, BackgroundTasks) {
    let mut tasks = vec![tokio::spawn(
        session::Store::for_db(&db).delete_expired_every(Duration::from_secs(600)),
    )];
    // Attempts past their time limit close themselves with what was saved, even when nobody
    // opens them again.
    tasks.push(tokio::spawn({
        let db = db.clone();
        async move {
            let mut tick = tokio::time::interval(Duration::from_secs(30));
            loop {
                tick.tick().await;
                if let Err(e) = services::quizzes::attempts::close_expired(&db).await {
                    tracing::warn!(error = %e, "closing expired attempts");
                }
            }
        }
    }));
    // Learning events are counted in the progress roll-ups in batches, off the request path.
    if let Some(period) = config.fold_period {
        tasks.push(tokio::spawn(services::progress::rollups::fold_every(
            db.clone(),
            period,
        )));
    }
    let state = AppState {
        leptos: leptos_options(&config),
        db,
        config: Arc::new(config),
    };
    (http::router(state), BackgroundTasks(tasks))
}
