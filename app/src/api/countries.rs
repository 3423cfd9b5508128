//! Browsing the country list (administrators).

use crate::error::AppError;
use crate::model::{CountryRow, Page};
use leptos::prelude::*;

/// One page of countries matching `q`.
#[server(prefix = "/api", endpoint = "countries/list")]
pub async fn list_countries(q: String, page: u64) -> Result<Page<CountryRow>, AppError> {
    use crate::model::Role;
    use crate::server::{request, services};
    request::finish(
        async move {
            request::require(Role::Admin)?;
            services::people::countries::list(&request::state()?.db, &q, page).await
        }
        .await,
    )
}

/// Every country, for pickers.
#[server(prefix = "/api", endpoint = "countries/all")]
pub async fn all_countries() -> Result<Vec<CountryRow>, AppError> {
    use crate::model::Role;
    use crate::server::{request, services};
    request::finish(
        async move {
            request::require(Role::Admin)?;
            services::people::countries::all(&request::state()?.db).await
        }
        .await,
    )
}
