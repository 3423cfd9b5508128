//! Progress dashboards.

use crate::error::AppError;
use crate::model::progress::Dashboard;
use leptos::prelude::*;

/// The dashboard with `filters` (administrators: everything; trainers: their classes), and its
/// monthly chart as SVG.
#[server(prefix = "/api", endpoint = "progress/get")]
#[allow(clippy::too_many_arguments)]
pub async fn get_progress(
    from: Option<String>,
    to: Option<String>,
    country: Option<String>,
    agency: Option<String>,
    course: Option<String>,
    class: Option<String>,
    role: Option<String>,
) -> Result<(Dashboard, String), AppError> {
    use crate::model::progress::Filters;
    use crate::server::{reports::charts, request, services};
    let filters = Filters {
        from,
        to,
        country,
        agency,
        course,
        class,
        role,
    };
    request::finish(
        async move {
            let user = request::require_user()?;
            let d = services::progress::dashboard(&request::state()?.db, &user, filters).await?;
            let rows: Vec<(String, f64)> = d
                .monthly
                .iter()
                .map(|(m, e, _)| (m.clone(), *e as f64))
                .collect();
            let chart = charts::columns(
                &rows,
                crate::i18n::Msg::ActivityPerMonth.text(request::ctx().lang),
            );
            Ok((d, chart))
        }
        .await,
    )
}
