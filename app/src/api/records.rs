//! Learning records.

use crate::error::AppError;
use crate::model::record::LearningRecord;
use leptos::prelude::*;

/// A person's learning record (`person` absent: the caller's own).
#[server(prefix = "/api", endpoint = "records/get")]
pub async fn get_record(person: Option<i64>) -> Result<LearningRecord, AppError> {
    use crate::server::{request, services};
    request::finish(
        async move {
            let user = request::require_user()?;
            let id = person.unwrap_or(user.id);
            services::learn::records::record(&request::state()?.db, &user, id).await
        }
        .await,
    )
}

/// The people whose learning records the caller may open, matching `q` (name or login).
#[server(prefix = "/api", endpoint = "records/search")]
pub async fn search_records(
    q: Option<String>,
) -> Result<crate::model::record::LearnerSearch, AppError> {
    use crate::server::{request, services};
    request::finish(
        async move {
            let user = request::require_user()?;
            services::learn::records::search(
                &request::state()?.db,
                &user,
                q.as_deref().unwrap_or(""),
            )
            .await
        }
        .await,
    )
}
