//! The plain routes of capacity assessments: the scope form, source documents and the country
//! report's exports.

use super::{Path, TypedForm, Upload, after_post, attachment, back_with_notice};
use crate::error::AppError;
use crate::i18n::Msg;
use crate::model::CurrentUser;
use crate::server::request::with_feedback;
use crate::server::services::capacity;
use crate::server::state::AppState;
use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::Response;

/// The routes, merged into the application router.
pub fn routes() -> super::Routes {
    super::Routes::new()
        .post("/assessments/{id}/scope", post_scope)
        .get("/assessments/{id}/export/{format}", export_report)
        .upload(
            "/assessments/{id}/documents",
            upload_document,
            capacity::DOCUMENT_MAX_BYTES + 64 * 1024,
        )
        .get("/assessments/{id}/documents/{doc}", download_document)
}

/// The scope form: the elements ticked (repeated `element` fields, which server functions
/// cannot take).
#[derive(serde::Deserialize)]
struct ScopeForm {
    #[serde(default)]
    element: Vec<String>,
}

/// `POST /assessments/{id}/scope`: the elements ticked on the scope form.
async fn post_scope(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    user: CurrentUser,
    TypedForm(form): TypedForm<ScopeForm>,
) -> Response {
    let back = format!("/assessments/{id}");
    let result = capacity::set_scope(&state.db, &user, id, &form.element).await;
    back_with_notice(&back, Msg::Saved, result)
}

/// `GET /assessments/{id}/export/{md|html|pdf}`: the country report to download, for the team.
async fn export_report(
    State(state): State<AppState>,
    Path((id, format)): Path<(i64, String)>,
    user: CurrentUser,
) -> Result<Response, AppError> {
    let report = capacity::report(&state.db, &user, id).await?;
    Ok(match format.as_str() {
        "md" => attachment(
            "text/markdown; charset=utf-8",
            &format!("assessment-{id}-report.md"),
            crate::server::reports::capacity_text::report_markdown(&report),
        ),
        "html" => attachment(
            "text/html; charset=utf-8",
            &format!("assessment-{id}-report.html"),
            crate::server::reports::capacity_text::report_html(&report),
        ),
        "pdf" => attachment(
            "application/pdf",
            &format!("assessment-{id}-report.pdf"),
            crate::server::reports::off_runtime("report pdf", move || {
                crate::server::reports::capacity_pdf::render(&report)
            })
            .await?,
        ),
        _ => return Err(AppError::NotFound),
    })
}

/// `POST /assessments/{id}/documents`: a source document attached to an indicator.
async fn upload_document(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    user: CurrentUser,
    upload: Upload,
) -> Response {
    let (name, bytes) = upload.file("file");
    let result = capacity::attach_document(
        &state.db,
        &user,
        id,
        &upload.text("indicator"),
        name.as_deref().unwrap_or(""),
        &bytes,
    )
    .await
    .map(|element| {
        with_feedback(
            &format!("/assessments/{id}/elements/{element}"),
            "notice",
            Msg::DocumentAttached.code(),
            None,
        )
    });
    after_post(&format!("/assessments/{id}"), result)
}

/// `GET /assessments/{id}/documents/{doc}`: a source document, for the team, always as a
/// download (never displayed inline).
async fn download_document(
    State(state): State<AppState>,
    Path((id, doc)): Path<(i64, i64)>,
    user: CurrentUser,
) -> Result<Response, AppError> {
    let (name, content_type, bytes) = capacity::document(&state.db, &user, id, doc).await?;
    let mut res = attachment(&content_type, &name, bytes);
    res.headers_mut().insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("default-src 'none'; sandbox"),
    );
    Ok(res)
}
