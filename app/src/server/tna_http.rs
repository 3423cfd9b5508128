//! The plain (non-server-function) routes of training needs analysis: builder and campaign
//! forms with repeated fields, response forms without script, paper-response uploads and the
//! exports.

use super::http::Path;
use super::http::{
    Fields, after_post, attachment, download_user, error_response, has_session_cookie, read_form,
    read_upload, render_with, request_ctx, upload_user,
};
use super::services::{campaigns, questionnaires, tna, tna_results};
use super::state::AppState;
use crate::i18n::Msg;
use crate::model::Role;
use crate::model::tna::PaperImport;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::response::Response;

/// The routes, merged into the application router.
pub fn routes() -> super::http::Routes {
    super::http::Routes::new()
        .post("/tna/questionnaires/{id}/edit", edit_questionnaire)
        .post("/tna/campaigns", create_campaign)
        .upload(
            "/tna/campaigns/{id}/paper",
            import_paper,
            super::http::UPLOAD_LIMIT,
        )
        .get("/tna/campaigns/{id}/export/{format}", export)
        .get("/tna/campaigns/{id}/answers.csv", individual_answers)
        .get("/tna/campaigns/{id}/template.csv", template)
        .post("/responses/{id}/answers", post_answers)
        .post("/competencies/{id}", save_competency)
}

fn analyst(u: &crate::model::CurrentUser) -> bool {
    u.has(Role::Analyst) || u.has(Role::Admin)
}

/// `POST /tna/questionnaires/{id}/edit`: one change from the builder (`op` and its fields).
async fn edit_questionnaire(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    req: Request,
) -> Response {
    let ctx = request_ctx(&req);
    let back = format!("/tna/questionnaires/{id}");
    let (_, fields) = match read_form(req, &ctx, &back, analyst).await {
        Ok(f) => f,
        Err(res) => return res,
    };
    let result = questionnaires::edit(&state.db, id, &fields)
        .await
        .map(|()| super::request::with_feedback(&back, "notice", Msg::Saved.code(), None));
    after_post(&back, result, ctx.lang)
}

/// `POST /tna/campaigns`: the new-campaign form.
async fn create_campaign(State(state): State<AppState>, req: Request) -> Response {
    let ctx = request_ctx(&req);
    let back = "/tna/campaigns/new".to_owned();
    let (user, fields) = match read_form(req, &ctx, &back, analyst).await {
        Ok(f) => f,
        Err(res) => return res,
    };
    let result = campaigns::create(&state.db, &user, &fields)
        .await
        .map(|id| format!("/tna/campaigns/{id}?notice=Saved"));
    after_post(&back, result, ctx.lang)
}

/// `POST /responses/{id}/answers`: the response form without script — saves every answer on
/// the page, and submits when the "Submit" button was used.
async fn post_answers(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    req: Request,
) -> Response {
    let ctx = request_ctx(&req);
    let back = format!("/responses/{id}");
    let (user, fields) = match read_form(req, &ctx, &back, |_| true).await {
        Ok(f) => f,
        Err(res) => return res,
    };
    let submit = fields.iter().any(|(k, v)| k == "action" && v == "submit");
    let result = match campaigns::save(&state.db, &user, id, &fields).await {
        Ok(_) if submit => campaigns::submit(&state.db, &user, id).await.map(|()| {
            super::request::with_feedback("/surveys", "notice", Msg::ResponseSubmitted.code(), None)
        }),
        Ok(_) => Ok(super::request::with_feedback(
            &back,
            "notice",
            Msg::AnswersSaved.code(),
            None,
        )),
        Err(e) => Err(e),
    };
    after_post(&back, result, ctx.lang)
}

/// `POST /tna/campaigns/{id}/paper`: a CSV or XLSX file of paper responses. Renders the
/// campaign page with what was imported, or every problem found (nothing imported).
async fn import_paper(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    req: Request,
) -> Response {
    let ctx = request_ctx(&req);
    let back = format!("/tna/campaigns/{id}");
    let user = match upload_user(&ctx, has_session_cookie(req.headers()), &back, analyst) {
        Ok(u) => u,
        Err(res) => return *res,
    };
    let (parts, body) = req.into_parts();
    let fields: Fields =
        match read_upload(&state, Request::from_parts(parts.clone(), body), &ctx).await {
            Ok(f) => f,
            Err(res) => return res,
        };
    let (_, bytes) = fields.get("file").cloned().unwrap_or_default();
    let report = match tna_results::import_paper(&state.db, &user, id, &bytes).await {
        Ok(Ok(imported)) => PaperImport {
            imported,
            problems: Vec::new(),
        },
        Ok(Err(problems)) => PaperImport {
            imported: 0,
            problems,
        },
        Err(e) => return error_response(&e, ctx.lang),
    };
    let status = if report.problems.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    render_with(&state, parts, Some(&back), report, status).await
}

/// `GET /tna/campaigns/{id}/export/{csv|xlsx}`: the gap analysis.
async fn export(
    State(state): State<AppState>,
    Path((id, format)): Path<(i64, String)>,
    req: Request,
) -> Response {
    let ctx = request_ctx(&req);
    let user = match download_user(&req, &ctx) {
        Ok(u) => u,
        Err(res) => return *res,
    };
    if let Err(e) = campaigns::may_analyse(&user) {
        return error_response(&e, ctx.lang);
    }
    let (format, content_type, ext) = match format.as_str() {
        "csv" => (tna_results::Format::Csv, "text/csv; charset=utf-8", "csv"),
        "xlsx" => (
            tna_results::Format::Xlsx,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "xlsx",
        ),
        _ => return error_response(&crate::error::AppError::NotFound, ctx.lang),
    };
    match tna_results::export(&state.db, id, format).await {
        Ok(bytes) => attachment(content_type, &format!("campaign-{id}-gaps.{ext}"), bytes),
        Err(e) => error_response(&e, ctx.lang),
    }
}

/// `GET /tna/campaigns/{id}/answers.csv`: every response, one row each — refused for an
/// anonymous campaign.
async fn individual_answers(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    req: Request,
) -> Response {
    let ctx = request_ctx(&req);
    let user = match download_user(&req, &ctx) {
        Ok(u) => u,
        Err(res) => return *res,
    };
    match tna_results::individual_answers(&state.db, &user, id).await {
        Ok(bytes) => attachment(
            "text/csv; charset=utf-8",
            &format!("campaign-{id}-answers.csv"),
            bytes,
        ),
        Err(crate::error::AppError::Validation(_)) => {
            super::http::message_page(StatusCode::FORBIDDEN, Msg::ErrAnonymousIndividual, ctx.lang)
        }
        Err(e) => error_response(&e, ctx.lang),
    }
}

/// `GET /tna/campaigns/{id}/template.csv`: the header of a paper-response file.
async fn template(State(state): State<AppState>, Path(id): Path<i64>, req: Request) -> Response {
    let ctx = request_ctx(&req);
    let user = match download_user(&req, &ctx) {
        Ok(u) => u,
        Err(res) => return *res,
    };
    if let Err(e) = campaigns::may_analyse(&user) {
        return error_response(&e, ctx.lang);
    }
    match tna_results::paper_template(&state.db, id).await {
        Ok(bytes) => attachment(
            "text/csv; charset=utf-8",
            &format!("campaign-{id}-paper-responses.csv"),
            bytes,
        ),
        Err(e) => error_response(&e, ctx.lang),
    }
}

/// `POST /competencies/{id}`: a competency edited (or, with `area`, added) in the browser.
async fn save_competency(
    State(state): State<AppState>,
    Path(id): Path<String>,
    req: Request,
) -> Response {
    let ctx = request_ctx(&req);
    let back = "/competencies".to_owned();
    let (user, fields) = match read_form(req, &ctx, &back, analyst).await {
        Ok(f) => f,
        Err(res) => return res,
    };
    let get = |name: &str| questionnaires::field(&fields, name).to_owned();
    let edit = tna::CompetencyEdit {
        title: get("title"),
        description: get("description"),
        levels: (1..=5).map(|l| get(&format!("level{l}"))).collect(),
        builds: get("builds")
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect(),
    };
    let area = get("area");
    let (competency, add) = if area.is_empty() {
        (id.clone(), None)
    } else {
        (get("id"), Some(area.as_str()))
    };
    let version = get("version").parse().unwrap_or(-1);
    let result = tna::save_competency(&state.db, user.id, &competency, add, &edit, version)
        .await
        .map(|()| {
            super::request::with_feedback("/competencies", "notice", Msg::Saved.code(), None)
        });
    after_post(&back, result, ctx.lang)
}
