//! Downloads of learning records: a person's record as CSV or xAPI statements, and the
//! administrator's export of every learning event as xAPI, streamed page by page so memory
//! stays bounded whatever the number of events.

use super::{Admin, Path, Query, Require, attachment};
use crate::error::AppError;
use crate::model::CurrentUser;
use crate::server::services::learn::records;
use crate::server::services::progress::{self, xapi};
use crate::server::state::AppState;
use axum::body::Body;
use axum::extract::State;
use axum::response::Response;

/// The routes, merged into the application router.
pub fn routes() -> super::Routes {
    super::Routes::new()
        .get("/record/{file}", own_record)
        .get("/people/{id}/record/{file}", person_record)
        .get("/exports/xapi.jsonl", export_xapi)
        .get("/progress/export/{file}", export_progress)
}

/// `GET /record/{record.csv|record.jsonl}`: the signed-in person's own record.
async fn own_record(
    State(state): State<AppState>,
    Path(file): Path<String>,
    user: CurrentUser,
) -> Result<Response, AppError> {
    record_file(&state, &user, user.id, &file).await
}

/// `GET /people/{id}/record/{record.csv|record.jsonl}`: for whoever may see the person's
/// record (`records::check_access`).
async fn person_record(
    State(state): State<AppState>,
    Path((id, file)): Path<(i64, String)>,
    user: CurrentUser,
) -> Result<Response, AppError> {
    record_file(&state, &user, id, &file).await
}

async fn record_file(
    state: &AppState,
    user: &CurrentUser,
    person_id: i64,
    file: &str,
) -> Result<Response, AppError> {
    if !matches!(file, "record.csv" | "record.jsonl") {
        return Err(AppError::NotFound);
    }
    let (name, rows) = records::all_events(&state.db, user, person_id).await?;
    Ok(if file == "record.csv" {
        let out = records::events_csv(&rows, super::extract::request_lang())?;
        attachment(
            "text/csv; charset=utf-8",
            &format!("learning-record-{person_id}.csv"),
            out,
        )
    } else {
        let base = &state.config.public_url;
        let mut out = String::new();
        for r in &rows {
            out.push_str(&xapi::statement(base, r, &name).to_string());
            out.push('\n');
        }
        attachment(
            "application/x-ndjson",
            &format!("learning-record-{person_id}.jsonl"),
            out,
        )
    })
}

#[derive(serde::Deserialize)]
struct Range {
    from: Option<String>,
    to: Option<String>,
}

/// `GET /exports/xapi.jsonl?from=YYYY-MM-DD&to=YYYY-MM-DD`: every learning event in the range
/// as xAPI statements, one per line, for administrators. Streamed in pages of
/// [`records::PAGE`] events.
async fn export_xapi(
    State(state): State<AppState>,
    Query(range): Query<Range>,
    _: Require<Admin>,
) -> Result<Response, AppError> {
    let range = records::date_range(range.from.as_deref(), range.to.as_deref())?;
    let db = state.db.clone();
    let base = state.config.public_url.clone();
    let (tx, rx) = tokio::sync::mpsc::channel::<Result<String, std::io::Error>>(2);
    tokio::spawn(async move {
        let mut after = None;
        loop {
            let page = records::export_page(&db, range, after).await;
            let (rows, names, cursor) = match page {
                Ok(p) => p,
                Err(e) => {
                    tracing::error!(error = %e, "xAPI export page");
                    let _ = tx.send(Err(std::io::Error::other("export failed"))).await;
                    return;
                }
            };
            if rows.is_empty() {
                return;
            }
            let mut chunk = String::with_capacity(rows.len() * 700);
            for r in &rows {
                let name = names.get(&r.person_id).map(String::as_str).unwrap_or("");
                chunk.push_str(&xapi::statement(&base, r, name).to_string());
                chunk.push('\n');
            }
            if tx.send(Ok(chunk)).await.is_err() {
                return; // the client went away
            }
            after = cursor;
        }
    });
    // Fused: a compressing layer may poll once more after the end, which a bare `unfold`
    // answers with a panic (the export was cut short under gzip).
    let stream = futures::StreamExt::fuse(futures::stream::unfold(rx, |mut rx| async move {
        rx.recv().await.map(|item| (item, rx))
    }));
    Ok(attachment(
        "application/x-ndjson",
        "learning-events.xapi.jsonl",
        Body::from_stream(stream),
    ))
}

/// `GET /progress/export/{agencies|courses|countries|needs|defects|desk}.{csv|xlsx}?filters`: a table of
/// the progress dashboard, with the same filters and the same scope as the page.
async fn export_progress(
    State(state): State<AppState>,
    Path(file): Path<String>,
    Query(filters): Query<crate::model::progress::Filters>,
    user: CurrentUser,
) -> Result<Response, AppError> {
    let (name, ext) = file.rsplit_once('.').ok_or(AppError::NotFound)?;
    if !matches!(ext, "csv" | "xlsx") {
        return Err(AppError::NotFound);
    }
    let dashboard = progress::dashboard(&state.db, &user, filters).await?;
    let table = progress::table(&dashboard, name, super::extract::request_lang())?;
    if ext == "csv" {
        let out = crate::server::reports::table::csv_text(&table)?;
        Ok(attachment(
            "text/csv; charset=utf-8",
            &format!("progress-{name}.csv"),
            out,
        ))
    } else {
        use crate::server::reports::table::Cell;
        let rows: Vec<Vec<Cell>> = table
            .into_iter()
            .enumerate()
            .map(|(i, row)| {
                row.into_iter()
                    .map(|c| match c.parse::<f64>() {
                        Ok(n) if i > 0 && !c.is_empty() => Cell::Number(n),
                        _ => Cell::Text(c),
                    })
                    .collect()
            })
            .collect();
        Ok(attachment(
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            &format!("progress-{name}.xlsx"),
            crate::server::reports::table::xlsx(name, rows).await?,
        ))
    }
}
