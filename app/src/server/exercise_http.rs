//! The plain routes of document-examination exercises: image uploads and editor changes for
//! authors, and the answer form for trainees (which works without script: the marker island
//! only fills its fields).

use super::http::Path;
use super::http::{
    after_post, has_session_cookie, read_form, read_upload, request_ctx, upload_user,
};
use super::services::exercises;
use super::state::AppState;
use crate::i18n::Msg;
use axum::extract::{Request, State};
use axum::response::Response;

/// Largest exercise image upload, with room for the form's other fields.
const IMAGE_UPLOAD_LIMIT: usize = content::images::MAX_BYTES + 64 * 1024;

/// The routes, merged into the application router.
pub fn routes() -> super::http::Routes {
    super::http::Routes::new()
        .upload(
            "/author/courses/{slug}/exercises",
            create,
            IMAGE_UPLOAD_LIMIT,
        )
        .post("/author/courses/{slug}/exercises/generate", generate)
        .post("/author/exercises/{id}/edit", edit)
        .upload(
            "/author/exercises/{id}/images",
            add_image,
            IMAGE_UPLOAD_LIMIT,
        )
        .post("/author/exercises/{id}/delete", delete)
        .post("/exercises/{id}/answer", answer)
}

fn author(u: &crate::model::CurrentUser) -> bool {
    super::services::courses::can_author(u)
}

fn text(fields: &super::http::Fields, name: &str) -> String {
    fields
        .get(name)
        .map(|(_, b)| String::from_utf8_lossy(b).into_owned())
        .unwrap_or_default()
}

/// `POST /author/courses/{slug}/exercises`: kind, title and the document image.
async fn create(State(state): State<AppState>, Path(slug): Path<String>, req: Request) -> Response {
    let ctx = request_ctx(&req);
    let back = format!("/author/courses/{slug}");
    let user = match upload_user(&ctx, has_session_cookie(req.headers()), &back, author) {
        Ok(u) => u,
        Err(res) => return *res,
    };
    let fields = match read_upload(&state, req, &ctx).await {
        Ok(f) => f,
        Err(res) => return res,
    };
    let image = fields
        .get("file")
        .map(|(_, b)| b.to_vec())
        .unwrap_or_default();
    let result = exercises::create(
        &state.db,
        &user,
        &slug,
        &text(&fields, "kind"),
        &text(&fields, "title"),
        image,
    )
    .await
    .map(|id| format!("/author/exercises/{id}?notice={}", Msg::Saved.code()));
    after_post(&back, result, ctx.lang)
}

/// `POST /author/courses/{slug}/exercises/generate`: a draft exercise of the chosen kind
/// from a newly drawn specimen (seed optional: the same seed draws the same specimen).
async fn generate(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    req: Request,
) -> Response {
    let ctx = request_ctx(&req);
    let back = format!("/author/courses/{slug}");
    let (user, fields) = match read_form(req, &ctx, &back, author).await {
        Ok(f) => f,
        Err(res) => return res,
    };
    let field = |name: &str| super::services::questionnaires::field(&fields, name).trim();
    let seed = match field("seed") {
        "" => Ok(None),
        s => s
            .parse::<u64>()
            .map(Some)
            .map_err(|_| crate::error::AppError::field("seed", Msg::ErrSeed)),
    };
    let result = match seed {
        Ok(seed) => {
            exercises::generated::generate_for(&state.db, &user, &slug, field("kind"), seed)
                .await
                .map(|id| format!("/author/exercises/{id}?notice={}", Msg::Saved.code()))
        }
        Err(e) => Err(e),
    };
    after_post(&back, result, ctx.lang)
}

/// `POST /author/exercises/{id}/edit`: one change from the editor.
async fn edit(State(state): State<AppState>, Path(id): Path<i64>, req: Request) -> Response {
    let ctx = request_ctx(&req);
    let back = format!("/author/exercises/{id}");
    let (user, fields) = match read_form(req, &ctx, &back, author).await {
        Ok(f) => f,
        Err(res) => return res,
    };
    let result = exercises::edit(&state.db, &user, id, &fields)
        .await
        .map(|()| super::request::with_feedback(&back, "notice", Msg::Saved.code(), None));
    after_post(&back, result, ctx.lang)
}

/// `POST /author/exercises/{id}/images`: a light view, reference, bearer photo or new image.
async fn add_image(State(state): State<AppState>, Path(id): Path<i64>, req: Request) -> Response {
    let ctx = request_ctx(&req);
    let back = format!("/author/exercises/{id}");
    let user = match upload_user(&ctx, has_session_cookie(req.headers()), &back, author) {
        Ok(u) => u,
        Err(res) => return *res,
    };
    let fields = match read_upload(&state, req, &ctx).await {
        Ok(f) => f,
        Err(res) => return res,
    };
    let image = fields
        .get("file")
        .map(|(_, b)| b.to_vec())
        .unwrap_or_default();
    let result = exercises::add_image(&state.db, &user, id, &text(&fields, "role"), image)
        .await
        .map(|()| super::request::with_feedback(&back, "notice", Msg::ImageUploaded.code(), None));
    after_post(&back, result, ctx.lang)
}

/// `POST /author/exercises/{id}/delete`.
async fn delete(State(state): State<AppState>, Path(id): Path<i64>, req: Request) -> Response {
    let ctx = request_ctx(&req);
    let back = format!("/author/exercises/{id}");
    let (user, _) = match read_form(req, &ctx, &back, author).await {
        Ok(f) => f,
        Err(res) => return res,
    };
    let result = exercises::delete(&state.db, &user, id)
        .await
        .map(|slug| format!("/author/courses/{slug}?notice=Deleted"));
    after_post(&back, result, ctx.lang)
}

/// `POST /exercises/{id}/answer`: grades the answer and shows its result.
async fn answer(State(state): State<AppState>, Path(id): Path<i64>, req: Request) -> Response {
    let ctx = request_ctx(&req);
    let back = format!("/exercises/{id}");
    let (user, fields) = match read_form(req, &ctx, &back, |_| true).await {
        Ok(f) => f,
        Err(res) => return res,
    };
    let result = match exercises::answer_from(&fields) {
        Ok(a) => exercises::submit(&state.db, &user, id, a)
            .await
            .map(|attempt| format!("/exercise-attempts/{attempt}")),
        Err(e) => Err(e),
    };
    after_post(&back, result, ctx.lang)
}
