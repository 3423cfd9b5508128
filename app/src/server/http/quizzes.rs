//! The plain routes of quizzes: the attempt form without script, a class's results and the
//! certificates earned.

use super::{Form, Path, after_post, attachment};
use crate::error::AppError;
use crate::i18n::Msg;
use crate::model::CurrentUser;
use crate::server::request::with_feedback;
use crate::server::services::learn::certificates;
use crate::server::services::quizzes::{attempts, results};
use crate::server::state::AppState;
use axum::extract::State;
use axum::response::Response;

/// The routes, merged into the application router.
pub fn routes() -> super::Routes {
    super::Routes::new()
        .post("/attempts/{id}/answers", post_answers)
        .get("/classes/{id}/quizzes/{quiz}/results.csv", results_csv)
        .get("/certificates/{code}/pdf", certificate_pdf)
        .post("/classes/{id}/evaluation/{survey}", post_evaluation)
}

/// `POST /classes/{id}/evaluation/{survey}`: a trainee's answers to a class's reaction or
/// follow-up questionnaire, sent once; back to the course page with thanks.
async fn post_evaluation(
    State(state): State<AppState>,
    Path((id, survey)): Path<(i64, String)>,
    user: CurrentUser,
    form: Form,
) -> Response {
    let back = format!("/classes/{id}/evaluation/{survey}");
    let result =
        crate::server::services::learn::evaluations::submit(&state.db, &user, id, &survey, &form.0)
            .await
            .map(|()| with_feedback(&back, "notice", Msg::EvaluationSent.code(), None));
    after_post(&back, result)
}

/// `POST /attempts/{id}/answers`: the attempt form without script — saves every answer on the
/// page; "Submit" then asks for confirmation, and the confirmation submits the attempt.
async fn post_answers(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    user: CurrentUser,
    form: Form,
) -> Response {
    let back = format!("/attempts/{id}");
    // Submitting is final: "Submit" saves the answers and asks for confirmation (listing what
    // is unanswered); "Submit now", in the same form, saves them again and submits.
    let confirmed = form.get("action") == "confirm-submit";
    let submit = confirmed || form.get("action") == "submit";
    let result = match attempts::save_answers(&state.db, &user, id, &form.0).await {
        Ok(_) if submit && confirmed => attempts::submit(&state.db, &user, id)
            .await
            .map(|()| back.clone()),
        Ok(_) if submit => Ok(format!("{back}?confirm=1#confirm-submit")),
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

/// `GET /classes/{id}/quizzes/{quiz}/results.csv`: a quiz's results in a class.
async fn results_csv(
    State(state): State<AppState>,
    Path((id, quiz)): Path<(i64, i64)>,
    user: CurrentUser,
) -> Result<Response, AppError> {
    let csv =
        results::results_csv(&state.db, &user, id, quiz, super::extract::request_lang()).await?;
    Ok(attachment(
        "text/csv; charset=utf-8",
        &format!("class-{id}-quiz-{quiz}-results.csv"),
        csv,
    ))
}

/// `GET /certificates/{code}/pdf`: a certificate, for its holder, their trainers and
/// administrators.
async fn certificate_pdf(
    State(state): State<AppState>,
    Path(code): Path<String>,
    user: CurrentUser,
    axum::Extension(ctx): axum::Extension<crate::server::request::RequestCtx>,
) -> Result<Response, AppError> {
    // The verification link printed on paper: the configured public address, never the
    // request's `Host` header (which the requester chooses).
    let base = &state.config.public_url;
    let pdf = certificates::pdf(&state.db, &user, &code, base, ctx.lang).await?;
    Ok(attachment(
        "application/pdf",
        &format!("certificate-{}.pdf", code.trim().to_ascii_uppercase()),
        pdf,
    ))
}
