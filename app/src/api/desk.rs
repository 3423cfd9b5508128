//! The border desk: the data of its pages. Starting a shift and deciding travellers go
//! through the plain routes of `server::http::desk` (forms that work without script).

use crate::error::AppError;
use crate::model::desk::{ClassDesk, DeskAdmin, DeskView, ShiftResultsView};
use leptos::prelude::*;

/// The desk of one of the reader's shifts; with `query`, what the list query returned for the
/// traveller at the desk.
#[server(prefix = "/api", endpoint = "desk/shift")]
pub async fn desk_shift(id: i64, query: bool) -> Result<DeskView, AppError> {
    use crate::server::{request, services};
    request::finish(
        async move {
            let user = request::require_user()?;
            services::desk::views::desk_view(&request::state()?.db, &user, id, query).await
        }
        .await,
    )
}

/// A shift's results: for the trainee who worked it, and for the course's trainers.
#[server(prefix = "/api", endpoint = "desk/results")]
pub async fn desk_results(id: i64) -> Result<ShiftResultsView, AppError> {
    use crate::server::{request, services};
    request::finish(
        async move {
            let user = request::require_user()?;
            services::desk::views::results_view(&request::state()?.db, &user, id).await
        }
        .await,
    )
}

/// A course's border desk for its authors: scenarios, shifts worked, results per case.
#[server(prefix = "/api", endpoint = "desk/admin")]
pub async fn course_desk_admin(slug: String) -> Result<DeskAdmin, AppError> {
    use crate::server::{request, services};
    request::finish(
        async move {
            let user = request::require_user()?;
            services::desk::trainers::admin(&request::state()?.db, &user, &slug).await
        }
        .await,
    )
}

/// A class's border desk for its trainers: the scenarios it works, its trainees' shifts,
/// results per case.
#[server(prefix = "/api", endpoint = "desk/class")]
pub async fn desk_of_class(id: i64) -> Result<ClassDesk, AppError> {
    use crate::server::{request, services};
    request::finish(
        async move {
            let user = request::require_user()?;
            services::desk::trainers::class_desk(&request::state()?.db, &user, id).await
        }
        .await,
    )
}
