//! The plain (non-server-function) routes of training needs analysis: builder and campaign
//! forms with repeated fields, response forms without script, paper-response uploads, job
//! specifications and the exports.

mod builder;

use super::{
    Admin, Analyst, Form, Path, Require, TypedForm, Upload, after_post, attachment,
    back_with_notice, render_with,
};
use crate::error::AppError;
use crate::i18n::Msg;
use crate::model::CurrentUser;
use crate::model::tna::PaperImport;
use crate::server::request::with_feedback;
use crate::server::services::tna::{self, campaigns, questionnaires, results as tna_results};
use crate::server::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};

/// The routes, merged into the application router.
pub fn routes() -> super::Routes {
    super::Routes::new()
        .post("/tna/questionnaires/{id}/edit", edit_questionnaire)
        .post("/tna/campaigns", create_campaign)
        .upload(
            "/tna/campaigns/{id}/paper",
            import_paper,
            super::UPLOAD_LIMIT,
        )
        .get("/tna/campaigns/{id}/export/{format}", export)
        .get("/tna/campaigns/{id}/answers.csv", individual_answers)
        .get("/tna/campaigns/{id}/template.csv", template)
        .post("/responses/{id}/answers", post_answers)
        .post("/competencies/{id}", save_competency)
        .post("/admin/positions/{id}/specification", post_specification)
}

/// `POST /tna/questionnaires/{id}/edit`: one change from the builder (`op` and its fields).
async fn edit_questionnaire(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    _: Require<Analyst>,
    Form(fields): Form,
) -> Response {
    let back = format!("/tna/questionnaires/{id}");
    let result = match builder::decode(&fields) {
        Ok(change) => questionnaires::edit(&state.db, id, change).await,
        Err(e) => Err(e),
    };
    back_with_notice(&back, Msg::Saved, result)
}

/// `POST /tna/campaigns`: the new-campaign form.
async fn create_campaign(
    State(state): State<AppState>,
    Require(user, _): Require<Analyst>,
    TypedForm(input): TypedForm<crate::model::tna::CampaignInput>,
) -> Response {
    let result = campaigns::create(&state.db, &user, &input)
        .await
        .map(|id| format!("/tna/campaigns/{id}?notice=Saved"));
    after_post("/tna/campaigns/new", result)
}

/// `POST /responses/{id}/answers`: the response form without script — saves every answer on
/// the page, and submits when the "Submit" button was used.
async fn post_answers(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    user: CurrentUser,
    form: Form,
) -> Response {
    let back = format!("/responses/{id}");
    let submit = form.get("action") == "submit";
    let result = match campaigns::save(&state.db, &user, id, &form.0).await {
        Ok(_) if submit => campaigns::submit(&state.db, &user, id)
            .await
            .map(|()| with_feedback("/surveys", "notice", Msg::ResponseSubmitted.code(), None)),
        Ok(_) => Ok(with_feedback(
            &back,
            "notice",
            Msg::AnswersSaved.code(),
            None,
        )),
        Err(e) => Err(e),
    };
    after_post(&back, result)
}

/// `POST /tna/campaigns/{id}/paper`: a CSV or XLSX file of paper responses. Renders the
/// campaign page with what was imported, or every problem found (nothing imported).
async fn import_paper(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    Require(user, _): Require<Analyst>,
    parts: Parts,
    upload: Upload,
) -> Result<Response, AppError> {
    let (_, bytes) = upload.file("file");
    let report = match tna_results::import_paper(&state.db, &user, id, &bytes).await? {
        Ok(imported) => PaperImport {
            imported,
            problems: Vec::new(),
        },
        Err(problems) => PaperImport {
            imported: 0,
            problems,
        },
    };
    let status = if report.problems.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let back = format!("/tna/campaigns/{id}");
    Ok(render_with(&state, parts, Some(&back), report, status).await)
}

/// `GET /tna/campaigns/{id}/export/{csv|xlsx}`: the gap analysis.
async fn export(
    State(state): State<AppState>,
    Path((id, format)): Path<(i64, String)>,
    user: CurrentUser,
) -> Result<Response, AppError> {
    campaigns::may_analyse(&user)?;
    let (format, content_type, ext) = match format.as_str() {
        "csv" => (tna_results::Format::Csv, "text/csv; charset=utf-8", "csv"),
        "xlsx" => (
            tna_results::Format::Xlsx,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "xlsx",
        ),
        _ => return Err(AppError::NotFound),
    };
    let bytes = tna_results::export(&state.db, id, format).await?;
    Ok(attachment(
        content_type,
        &format!("campaign-{id}-gaps.{ext}"),
        bytes,
    ))
}

/// `GET /tna/campaigns/{id}/answers.csv`: every response, one row each — refused for an
/// anonymous campaign.
async fn individual_answers(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    user: CurrentUser,
) -> Response {
    match tna_results::individual_answers(&state.db, &user, id).await {
        Ok(bytes) => attachment(
            "text/csv; charset=utf-8",
            &format!("campaign-{id}-answers.csv"),
            bytes,
        ),
        Err(AppError::Validation(_)) => {
            super::refusal(StatusCode::FORBIDDEN, Msg::ErrAnonymousIndividual)
        }
        Err(e) => e.into_response(),
    }
}

/// `GET /tna/campaigns/{id}/template.csv`: the header of a paper-response file.
async fn template(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    user: CurrentUser,
) -> Result<Response, AppError> {
    campaigns::may_analyse(&user)?;
    let bytes = tna_results::paper_template(&state.db, id).await?;
    Ok(attachment(
        "text/csv; charset=utf-8",
        &format!("campaign-{id}-paper-responses.csv"),
        bytes,
    ))
}

/// `POST /competencies/{id}`: a competency edited (or, with `area`, added) in the browser.
async fn save_competency(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Require(user, _): Require<Analyst>,
    form: Form,
) -> Response {
    let get = |name: &str| questionnaires::field(&form.0, name).to_owned();
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
        .map(|()| with_feedback("/competencies", "notice", Msg::Saved.code(), None));
    after_post("/competencies", result)
}

/// `POST /admin/positions/{id}/specification`: the required level of every competency
/// (`c_<competency id>` fields; empty for none). Administrators only.
async fn post_specification(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    _: Require<Admin>,
    Form(fields): Form,
) -> Response {
    let back = format!("/admin/positions/{id}");
    let levels: Vec<(String, String)> = fields
        .into_iter()
        .filter_map(|(k, v)| k.strip_prefix("c_").map(|c| (c.to_owned(), v)))
        .collect();
    let result = tna::set_job_specification(&state.db, id, &levels).await;
    back_with_notice(&back, Msg::Saved, result)
}
