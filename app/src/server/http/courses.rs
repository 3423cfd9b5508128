//! The plain routes of courses: question-bank import and export, lesson images uploaded from
//! the editor, and the images beside lessons.

use super::{Author, Path, Require, Upload, attachment, back_with_notice, render_with};
use crate::error::AppError;
use crate::i18n::Msg;
use crate::model::CurrentUser;
use crate::server::services::learn::{authoring, courses};
use crate::server::services::quizzes::bank;
use crate::server::state::AppState;
use axum::extract::State;
use axum::http::request::Parts;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};

/// The routes, merged into the application router.
pub fn routes() -> super::Routes {
    super::Routes::new()
        .get("/media/courses/{course_id}/{module}/{name}", media)
        .upload(
            "/author/courses/{slug}/questions/import",
            import_questions,
            super::UPLOAD_LIMIT,
        )
        .get(
            "/author/courses/{slug}/questions/export/{format}",
            export_questions,
        )
        .get("/author/courses/{slug}/trainer.pdf", trainer_pack_pdf)
        .upload(
            "/author/lessons/{id}/images",
            upload_lesson_image,
            2 * super::UPLOAD_LIMIT,
        )
}

/// `POST /author/courses/{slug}/questions/import`: a GIFT or Moodle XML file for the course's
/// question bank. Renders the bank page with what was imported and what was refused.
async fn import_questions(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    Require(user, _): Require<Author>,
    parts: Parts,
    upload: Upload,
) -> Result<Response, AppError> {
    let course = authoring::editable_course(&state.db, &user, &slug).await?;
    let (name, bytes) = upload.file("file");
    let report = bank::import_file(
        &state.db,
        course.id,
        name.as_deref().unwrap_or(""),
        &bytes,
        upload.has("valid_only"),
    )
    .await?;
    let status = if report.written {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let back = format!("/author/courses/{slug}/questions");
    Ok(render_with(&state, parts, Some(&back), report, status).await)
}

/// `GET /author/courses/{slug}/questions/export/{gift|xml}`: the course's question bank.
async fn export_questions(
    State(state): State<AppState>,
    Path((slug, format)): Path<(String, String)>,
    Require(user, _): Require<Author>,
) -> Result<Response, AppError> {
    let (format, content_type, ext) = match format.as_str() {
        "gift" => (
            content::questions::Format::Gift,
            "text/plain; charset=utf-8",
            "gift",
        ),
        "xml" => (
            content::questions::Format::MoodleXml,
            "application/xml; charset=utf-8",
            "xml",
        ),
        _ => return Err(AppError::NotFound),
    };
    let course = bank::readable_bank(&state.db, &user, &slug).await?;
    let text = bank::export(&state.db, course.id, format).await?;
    Ok(attachment(
        content_type,
        &format!("{}-questions.{ext}", course.slug),
        text,
    ))
}

/// `GET /author/courses/{slug}/trainer.pdf`: the course's trainer's pack, for its trainers.
async fn trainer_pack_pdf(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    Require(user, _): Require<Author>,
    axum::Extension(ctx): axum::Extension<crate::server::request::RequestCtx>,
) -> Result<Response, AppError> {
    let (name, pdf) =
        crate::server::services::learn::trainer::trainer_pdf(&state.db, &user, &slug, ctx.lang)
            .await?;
    Ok(attachment("application/pdf", &name, pdf))
}

/// `POST /author/lessons/{id}/images`: an image uploaded from the lesson editor, stored beside
/// the lesson's module. Back to the editor with a notice or the reason it was refused.
async fn upload_lesson_image(
    State(state): State<AppState>,
    Path(lesson_id): Path<i64>,
    Require(user, _): Require<Author>,
    upload: Upload,
) -> Response {
    let back = format!("/author/lessons/{lesson_id}");
    let (name, bytes) = upload.file("file");
    // Sent from the lesson's own form: what was typed is saved first (with the lesson's
    // revision check), so it is never lost to the upload; when the image is then refused, the
    // page says the lesson was saved and why the image was not.
    let with_lesson = upload.has("title");
    if with_lesson {
        let (title, objectives, duration, body, revision) = (
            upload.text("title"),
            upload.text("objectives"),
            upload.text("duration"),
            upload.text("body"),
            upload.text("revision"),
        );
        let save = authoring::LessonSave {
            title: &title,
            objectives: &objectives,
            duration: &duration,
            body: &body,
            revision: &revision,
        };
        if let Err(e) = authoring::update_lesson(&state.db, &user, lesson_id, &save).await {
            return back_with_notice(&back, Msg::Saved, Err::<(), _>(e));
        }
    }
    let result = if bytes.is_empty() {
        Err(AppError::field("file", Msg::ErrNoFile))
    } else {
        authoring::upload_image(
            &state.db,
            &user,
            lesson_id,
            name.as_deref().unwrap_or(""),
            &bytes,
        )
        .await
    };
    match (with_lesson, result) {
        (true, Err(AppError::Validation(mut errors))) => {
            errors.insert(
                0,
                crate::error::FieldError::new("lesson", Msg::LessonSavedImageRefused),
            );
            back_with_notice(
                &back,
                Msg::Saved,
                Err::<(), _>(AppError::Validation(errors)),
            )
        }
        (true, result) => back_with_notice(&back, Msg::ImageUploadedSaved, result),
        (false, result) => back_with_notice(&back, Msg::ImageUploaded, result),
    }
}

/// `GET /media/courses/{course_id}/{module}/{name}`: an image beside a lesson, for people who
/// may read the course. Images are served with a policy that forbids any script or embedding,
/// so an SVG opened directly cannot run code, and may be cached only by the reader's browser.
async fn media(
    State(state): State<AppState>,
    Path((course_id, module, name)): Path<(i64, String, String)>,
    user: Option<CurrentUser>,
) -> Response {
    let Some(user) = user else {
        return (StatusCode::UNAUTHORIZED, "sign in to see course images").into_response();
    };
    match courses::media(&state.db, &user, course_id, &module, &name).await {
        Ok((content_type, bytes)) => (
            [
                (header::CONTENT_TYPE, content_type),
                (header::CACHE_CONTROL, "private, max-age=86400".to_owned()),
                (
                    header::CONTENT_SECURITY_POLICY,
                    "default-src 'none'; style-src 'unsafe-inline'; sandbox".to_owned(),
                ),
            ],
            bytes,
        )
            .into_response(),
        Err(e) => (
            StatusCode::from_u16(e.status()).unwrap_or(StatusCode::NOT_FOUND),
            "not found",
        )
            .into_response(),
    }
}
