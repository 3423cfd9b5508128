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
            Ok(services::people::countries::all(&request::state()?.db)
                .await?
                .into_iter()
                .map(|c| (c.name(user.lang).to_owned(), c.code))
                .map(|(name, code)| (code, name))
                .collect())
        }
        .await,
    )
}

/// Adds a finding to an element.
#[server(prefix = "/api", endpoint = "assessments/finding")]
pub async fn add_finding(
    id: i64,
    element: String,
    kind: String,
    text: String,
) -> Result<(), AppError> {
    use crate::server::{request, services};
    request::finish(
        async move {
            let user = request::require_user()?;
            services::capacity::add_finding(
                &request::state()?.db,
                &user,
                id,
                &element,
                &kind,
                &text,
            )
            .await?;
            request::redirect(&format!(
                "/assessments/{id}/elements/{element}?notice=Saved#findings"
            ));
            Ok(())
        }
        .await,
    )
}

/// Adds a recommendation to an element.
#[server(prefix = "/api", endpoint = "assessments/recommendation")]
pub async fn add_recommendation(
    id: i64,
    input: crate::model::RecommendationInput,
) -> Result<(), AppError> {
    use crate::server::{request, services};
    request::finish(
        async move {
            let user = request::require_user()?;
            services::capacity::add_recommendation(&request::state()?.db, &user, id, &input)
                .await?;
            request::redirect(&format!(
                "/assessments/{id}/elements/{}?notice=Saved#findings",
                input.element
            ));
            Ok(())
        }
        .await,
    )
}

/// Deletes a finding or a recommendation.
#[server(prefix = "/api", endpoint = "assessments/delete-entry")]
pub async fn delete_entry(
    id: i64,
    element: String,
    finding: Option<i64>,
    recommendation: Option<i64>,
) -> Result<(), AppError> {
    use crate::server::{request, services};
    request::finish(
        async move {
            let user = request::require_user()?;
            services::capacity::delete_entry(
                &request::state()?.db,
                &user,
                id,
                finding,
                recommendation,
            )
            .await?;
            request::redirect(&format!(
                "/assessments/{id}/elements/{element}?notice=Deleted#findings"
            ));
            Ok(())
        }
        .await,
    )
}

/// Findings and recommendations of an assessment (its team).
#[server(prefix = "/api", endpoint = "assessments/entries")]
pub async fn get_entries(
    id: i64,
) -> Result<
    (
        Vec<crate::model::FindingRow>,
        Vec<crate::model::RecommendationRow>,
    ),
    AppError,
> {
    use crate::server::{request, services};
    request::finish(
        async move {
            let user = request::require_user()?;
            let db = &request::state()?.db;
            services::capacity::view(db, &user, id).await?;
            services::capacity::entries(db, id).await
        }
        .await,
    )
}

/// The country report (its team).
#[server(prefix = "/api", endpoint = "assessments/report")]
pub async fn get_report(id: i64) -> Result<crate::model::ReportView, AppError> {
    use crate::server::{request, services};
    request::finish(
        async move {
            let user = request::require_user()?;
            services::capacity::report(&request::state()?.db, &user, id).await
        }
        .await,
    )
}

/// The narrative as stored: (summary, methodology, version).
#[server(prefix = "/api", endpoint = "assessments/narrative")]
pub async fn get_narrative(id: i64) -> Result<(String, String, i32), AppError> {
    use crate::server::{request, services};
    request::finish(
        async move {
            let user = request::require_user()?;
            services::capacity::narrative(&request::state()?.db, &user, id).await
        }
        .await,
    )
}

/// Saves the executive summary and methodology.
#[server(prefix = "/api", endpoint = "assessments/narrative-save")]
pub async fn save_narrative(
    id: i64,
    summary: String,
    methodology: String,
    version: i32,
) -> Result<(), AppError> {
    use crate::server::{request, services};
    request::finish(
        async move {
            let user = request::require_user()?;
            services::capacity::save_narrative(
                &request::state()?.db,
                &user,
                id,
                &summary,
                &methodology,
                version,
            )
            .await?;
            request::redirect(&format!("/assessments/{id}?notice=Saved#narrative"));
            Ok(())
        }
        .await,
    )
}

/// Final assessments of the same country, as baselines: (id, label).
#[server(prefix = "/api", endpoint = "assessments/baselines")]
pub async fn baseline_candidates(id: i64) -> Result<Vec<(i64, String)>, AppError> {
    use crate::server::{request, services};
    request::finish(
        async move {
            let user = request::require_user()?;
            services::capacity::baseline_candidates(&request::state()?.db, &user, id).await
        }
        .await,
    )
}

/// Sets or clears (empty `baseline`) the baseline of a follow-up (lead only).
#[server(prefix = "/api", endpoint = "assessments/baseline")]
pub async fn set_baseline(id: i64, baseline: String) -> Result<(), AppError> {
    use crate::server::{request, services};
    request::finish(
        async move {
            let user = request::require_user()?;
            let baseline = match baseline.trim() {
                "" => None,
                raw => Some(
                    raw.parse::<i64>()
                        .map_err(|_| AppError::field("baseline", crate::i18n::Msg::ErrBaseline))?,
                ),
            };
            services::capacity::set_baseline(&request::state()?.db, &user, id, baseline).await?;
            request::redirect(&format!("/assessments/{id}?notice=Saved"));
            Ok(())
        }
        .await,
    )
}

/// Opens a new version of a final assessment (lead only) and shows it.
#[server(prefix = "/api", endpoint = "assessments/new-version")]
pub async fn new_version(id: i64) -> Result<(), AppError> {
    use crate::server::{request, services};
    request::finish(
        async move {
            let user = request::require_user()?;
            let new_id = services::capacity::new_version(&request::state()?.db, &user, id).await?;
            request::redirect(&format!("/assessments/{new_id}?notice=Saved"));
            Ok(())
        }
        .await,
    )
}
