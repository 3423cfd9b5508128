//! People (administrators).

use crate::error::AppError;
use crate::model::{Page, PersonInput, PersonRow, PlacementChoices};
use leptos::prelude::*;

/// One page of people matching `q`, optionally in one agency.
#[server(prefix = "/api", endpoint = "people/list")]
pub async fn list_people(
    q: String,
    agency: Option<i64>,
    page: u64,
) -> Result<Page<PersonRow>, AppError> {
    use crate::model::Role;
    use crate::server::{request, services};
    request::finish(
        async move {
            request::require(Role::Admin)?;
            services::people::list(&request::state()?.db, &q, agency, page).await
        }
        .await,
    )
}

/// One person.
#[server(prefix = "/api", endpoint = "people/get")]
pub async fn get_person(id: i64) -> Result<PersonRow, AppError> {
    use crate::model::Role;
    use crate::server::{request, services};
    request::finish(
        async move {
            request::require(Role::Admin)?;
            services::people::get(&request::state()?.db, id).await
        }
        .await,
    )
}

/// The agencies and positions a person can be placed in.
#[server(prefix = "/api", endpoint = "people/choices")]
pub async fn person_choices() -> Result<PlacementChoices, AppError> {
    use crate::model::Role;
    use crate::server::{request, services};
    request::finish(
        async move {
            request::require(Role::Admin)?;
            Ok(PlacementChoices {
                agencies: services::people::agencies::choices(&request::state()?.db).await?,
            })
        }
        .await,
    )
}

/// Creates a person, then opens their page.
#[server(prefix = "/api", endpoint = "people/create")]
pub async fn create_person(input: PersonInput) -> Result<i64, AppError> {
    use crate::model::Role;
    use crate::server::{request, services};
    request::finish(
        async move {
            request::require(Role::Admin)?;
            let id = services::people::create(&request::state()?.db, &input).await?;
            request::redirect(&format!("/admin/people/{id}?notice=Saved"));
            Ok(id)
        }
        .await,
    )
}

/// Edits a person's name, email, placement, language and roles.
#[server(prefix = "/api", endpoint = "people/update")]
pub async fn update_person(id: i64, input: PersonInput) -> Result<(), AppError> {
    use crate::model::Role;
    use crate::server::{request, services};
    request::finish(
        async move {
            let admin = request::require(Role::Admin)?;
            services::people::update(&request::state()?.db, &admin, id, &input).await?;
            request::redirect(&format!("/admin/people/{id}?notice=Saved"));
            Ok(())
        }
        .await,
    )
}

/// Deactivates or reactivates an account.
#[server(prefix = "/api", endpoint = "people/active")]
pub async fn set_person_active(id: i64, active: bool) -> Result<(), AppError> {
    use crate::model::Role;
    use crate::server::{request, services};
    request::finish(
        async move {
            let admin = request::require(Role::Admin)?;
            services::people::set_active(&request::state()?.db, &admin, id, active).await?;
            request::redirect(&format!("/admin/people/{id}?notice=Saved"));
            Ok(())
        }
        .await,
    )
}

/// Sets a new password for a person, who must change it at next sign-in.
#[server(prefix = "/api", endpoint = "people/password")]
pub async fn reset_password(id: i64, password: String) -> Result<(), AppError> {
    use crate::model::Role;
    use crate::server::{request, services};
    request::finish(
        async move {
            request::require(Role::Admin)?;
            services::people::reset_password(&request::state()?.db, id, &password).await?;
            request::redirect(&format!("/admin/people/{id}?notice=PasswordReset"));
            Ok(())
        }
        .await,
    )
}
