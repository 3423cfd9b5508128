//! Progress dashboards.

// The dashboard's filters are the server function's arguments, one per field; the macro's
// client half does not carry an item-level allowance.
#![allow(clippy::too_many_arguments)]

use crate::error::AppError;
use crate::model::progress::{Charts, Dashboard};
use leptos::prelude::*;

/// The dashboard with `filters` (administrators: everything; trainers: their classes), and its
/// charts as SVG.
#[server(prefix = "/api", endpoint = "progress/get")]
pub async fn get_progress(
    from: Option<String>,
    to: Option<String>,
    country: Option<String>,
    agency: Option<String>,
    course: Option<String>,
    class: Option<String>,
    role: Option<String>,
    measure: Option<String>,
) -> Result<(Dashboard, Charts), AppError> {
    use crate::i18n::Msg;
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
        measure,
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
            let lang = request::ctx().lang;
            let text = |m: Msg| m.text(lang);
            let measure = crate::model::progress::TREND_MEASURES
                .iter()
                .find(|(code, _)| Some(*code) == d.filters.measure.as_deref())
                .map_or(Msg::LessonsCompletedCol, |(_, m)| *m);
            let lines = |trend: &crate::model::progress::Trend, by: Msg| {
                let series: Vec<(String, Vec<i64>)> = trend
                    .series
                    .iter()
                    .map(|(name, v)| {
                        (
                            name.clone()
                                .unwrap_or_else(|| text(Msg::OthersWord).to_owned()),
                            v.clone(),
                        )
                    })
                    .collect();
                charts::lines(
                    &trend.months,
                    &series,
                    &format!("{} — {}", text(measure), text(by)),
                )
            };
            let pairs: Vec<(String, Option<f64>, Option<f64>)> = d
                .agencies
                .iter()
                .map(|r| (r.label.clone(), r.completion(), r.gain))
                .collect();
            let charts = Charts {
                activity: charts::columns(&rows, text(Msg::ActivityPerMonth)),
                courses: lines(&d.trend_courses, Msg::TrendByCourse),
                agencies: lines(&d.trend_agencies, Msg::TrendByAgency),
                completion: charts::completion_and_gain(
                    &pairs,
                    (text(Msg::CompletionCol), text(Msg::AverageGain)),
                    "—",
                    text(Msg::CompletionAndGain),
                ),
            };
            Ok((d, charts))
        }
        .await,
    )
}
