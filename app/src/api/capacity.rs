//! Capacity assessments: the team opens, scopes, scores and reconciles an assessment.

use crate::error::AppError;
use crate::model::{AssessmentInput, AssessmentRow, AssessmentView, ElementScoring, ScoreInput};
use leptos::prelude::*;

/// The assessments the signed-in person may see.
#[server(prefix = "/api", endpoint = "assessments/list")]
pub async fn list_assessments() -> Result<Vec<AssessmentRow>, AppError> {
    use crate::server::{request, services};
    request::finish(
        async move {
            let user = request::require_user()?;
            services::capacity::list(&request::state()?.db, &user).await
        }
        .await,
    )
}

/// Opens an assessment (assessors and administrators); its creator leads it.
#[server(prefix = "/api", endpoint = "assessments/create")]
pub async fn create_assessment(input: AssessmentInput) -> Result<(), AppError> {
    use crate::server::{request, services};
    request::finish(
        async move {
            let user = request::require_user()?;
            let id = services::capacity::create(&request::state()?.db, &user, &input).await?;
            request::redirect(&format!("/assessments/{id}?notice=Saved"));
            Ok(())
        }
        .await,
    )
}

/// An assessment for its team: details, scope and scores.
#[server(prefix = "/api", endpoint = "assessments/get")]
pub async fn get_assessment(id: i64) -> Result<AssessmentView, AppError> {
    use crate::server::{request, services};
    request::finish(
        async move {
            let user = request::require_user()?;
            services::capacity::view(&request::state()?.db, &user, id).await
        }
        .await,
    )
}

/// Adds a person to the team (lead only).
#[server(prefix = "/api", endpoint = "assessments/member")]
pub async fn add_assessment_member(id: i64, login: String, role: String) -> Result<(), AppError> {
    use crate::server::{request, services};
    request::finish(
        async move {
            let user = request::require_user()?;
            services::capacity::add_member(&request::state()?.db, &user, id, &login, &role).await?;
            request::redirect(&format!("/assessments/{id}?notice=Saved"));
            Ok(())
        }
        .await,
    )
}

/// Moves an assessment between draft, review and final (lead only).
#[server(prefix = "/api", endpoint = "assessments/status")]
pub async fn set_assessment_status(id: i64, status: String) -> Result<(), AppError> {
    use crate::server::{request, services};
    request::finish(
        async move {
            let user = request::require_user()?;
            services::capacity::set_status(&request::state()?.db, &user, id, &status).await?;
            request::redirect(&format!("/assessments/{id}?notice=Saved"));
            Ok(())
        }
        .await,
    )
}

/// The scoring page of one element.
#[server(prefix = "/api", endpoint = "assessments/element")]
pub async fn get_element_scoring(id: i64, element: String) -> Result<ElementScoring, AppError> {
    use crate::server::{request, services};
    request::finish(
        async move {
            let user = request::require_user()?;
            services::capacity::element_scoring(&request::state()?.db, &user, id, &element).await
        }
        .await,
    )
}

/// Saves an assessor's score of an indicator, or (with `agreed`) the lead's agreed score.
#[server(prefix = "/api", endpoint = "assessments/score")]
pub async fn save_score(id: i64, indicator: String, input: ScoreInput) -> Result<(), AppError> {
    use crate::server::{request, services};
    request::finish(
        async move {
            let user = request::require_user()?;
            let element = services::capacity::save_score(
                &request::state()?.db,
                &user,
                id,
                &indicator,
                &input,
            )
            .await?;
            request::redirect(&format!(
                "/assessments/{id}/elements/{element}?notice=Saved#{indicator}"
            ));
            Ok(())
        }
        .await,
    )
}

/// Countries an assessment can be of: (code, name).
#[server(prefix = "/api", endpoint = "assessments/countries")]
pub async fn assessment_countries() -> Result<Vec<(String, String)>, AppError> {
    use crate::model::Role;
    use crate::server::{request, services};
    request::finish(
        async move {
            let user = request::require_user()?;
            if !(user.has(Role::Assessor) || user.has(Role::Admin)) {
                return Err(AppError::Forbidden);
            }
            Ok(services::countries::all(&request::state()?.db)
                .await?
                .into_iter()
                .map(|c| (c.code, c.name_en))
                .collect())
        }
        .await,
    )
}
