//! The plain routes of people: the administrator's CSV import.

use super::{Admin, Require, Upload, render_with};
use crate::error::AppError;
use crate::model::ImportOutcome;
use crate::server::services::people::import;
use crate::server::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::Response;

/// The routes, merged into the application router.
pub fn routes() -> super::Routes {
    super::Routes::new().upload("/admin/people/import", import_people, super::UPLOAD_LIMIT)
}

/// `POST /admin/people/import`: a CSV upload from the import page. Renders the import page
/// with the outcome.
async fn import_people(
    State(state): State<AppState>,
    _: Require<Admin>,
    parts: Parts,
    upload: Upload,
) -> Result<Response, AppError> {
    let (_, file) = upload.file("file");
    let outcome = import::import_people(&state.db, &file).await?;
    let status = match outcome {
        ImportOutcome::Imported(_) => StatusCode::OK,
        ImportOutcome::Rejected(_) => StatusCode::UNPROCESSABLE_ENTITY,
    };
    Ok(render_with(&state, parts, None, outcome, status).await)
}
