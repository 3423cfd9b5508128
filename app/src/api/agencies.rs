//! Agencies and positions (administrators).

use crate::error::AppError;
use crate::model::{AgencyDetail, AgencyInput, AgencyRow, Page};
use leptos::prelude::*;

/// One page of agencies matching `q`, optionally in one country.
#[server(prefix = "/api", endpoint = "agencies/list")]
pub async fn list_agencies(
    q: String,
    country: String,
    page: u64,
) -> Result<Page<AgencyRow>, AppError> {
    use crate::model::Role;
    use crate::server::{request, services};
    request::finish(
        async move {
            request::require(Role::Admin)?;
            services::people::agencies::list(&request::state()?.db, &q, Some(&country), page).await
        }
        .await,
    )
}

/// One agency with its positions.
#[server(prefix = "/api", endpoint = "agencies/get")]
pub async fn get_agency(id: i64) -> Result<AgencyDetail, AppError> {
    use crate::model::Role;
    use crate::server::{request, services};
    request::finish(
        async move {
            request::require(Role::Admin)?;
            services::people::agencies::get(&request::state()?.db, id).await
        }
        .await,
    )
}

/// Creates an agency, then opens it.
#[server(prefix = "/api", endpoint = "agencies/create")]
pub async fn create_agency(input: AgencyInput) -> Result<i64, AppError> {
    use crate::model::Role;
    use crate::server::{request, services};
    request::finish(
        async move {
            request::require(Role::Admin)?;
            let id = services::people::agencies::create(&request::state()?.db, &input).await?;
            request::redirect(&format!("/admin/agencies/{id}?notice=Saved"));
            Ok(id)
        }
        .await,
    )
}

/// Edits an agency.
#[server(prefix = "/api", endpoint = "agencies/update")]
pub async fn update_agency(id: i64, input: AgencyInput) -> Result<(), AppError> {
    use crate::model::Role;
    use crate::server::{request, services};
    request::finish(
        async move {
            request::require(Role::Admin)?;
            services::people::agencies::update(&request::state()?.db, id, &input).await?;
            request::redirect(&format!("/admin/agencies/{id}?notice=Saved"));
            Ok(())
        }
        .await,
    )
}

/// Deactivates or reactivates an agency.
#[server(prefix = "/api", endpoint = "agencies/active")]
pub async fn set_agency_active(id: i64, active: bool) -> Result<(), AppError> {
    use crate::model::Role;
    use crate::server::{request, services};
    request::finish(
        async move {
            request::require(Role::Admin)?;
            services::people::agencies::set_active(&request::state()?.db, id, active).await?;
            request::redirect(&format!("/admin/agencies/{id}?notice=Saved"));
            Ok(())
        }
        .await,
    )
}

/// Adds a position to an agency.
#[server(prefix = "/api", endpoint = "agencies/positions/add")]
pub async fn add_position(agency_id: i64, title: String) -> Result<i64, AppError> {
    use crate::model::Role;
    use crate::server::{request, services};
    request::finish(
        async move {
            request::require(Role::Admin)?;
            let id =
                services::people::agencies::add_position(&request::state()?.db, agency_id, &title)
                    .await?;
            request::redirect(&format!("/admin/agencies/{agency_id}?notice=Saved"));
            Ok(id)
        }
        .await,
    )
}

/// A position's job specification (administrators).
#[server(prefix = "/api", endpoint = "agencies/positions/specification")]
pub async fn get_job_specification(id: i64) -> Result<crate::model::JobSpecification, AppError> {
    use crate::model::Role;
    use crate::server::{request, services};
    request::finish(
        async move {
            request::require(Role::Admin)?;
            services::tna::job_specification(&request::state()?.db, id).await
        }
        .await,
    )
}

/// The competency framework of training needs analyses (trainers read it; needs analysts and
/// administrators also edit it).
#[server(prefix = "/api", endpoint = "tna/competencies")]
pub async fn get_competency_framework() -> Result<crate::model::CompetencyFramework, AppError> {
    use crate::model::Role;
    use crate::server::{request, services};
    request::finish(
        async move {
            let user = request::require_user()?;
            let editable = user.has(Role::Analyst) || user.has(Role::Admin);
            if !(editable || user.has(Role::Trainer)) {
                return Err(AppError::Forbidden);
            }
            services::tna::competency_framework(&request::state()?.db, editable).await
        }
        .await,
    )
}
