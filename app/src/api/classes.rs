//! Classes: trainers open and run them; trainees join them.

use crate::error::AppError;
use crate::model::{ClassDetail, ClassInput, ClassRow};
use leptos::prelude::*;

/// Classes the signed-in trainer runs (all for administrators).
#[server(prefix = "/api", endpoint = "classes/mine")]
pub async fn my_classes() -> Result<Vec<ClassRow>, AppError> {
    use crate::server::{request, services};
    request::finish(
        async move {
            let user = request::require_user()?;
            services::learn::classes::mine(&request::state()?.db, &user).await
        }
        .await,
    )
}

/// Classes the signed-in person is enrolled in.
#[server(prefix = "/api", endpoint = "classes/enrolled")]
pub async fn enrolled_classes() -> Result<Vec<ClassRow>, AppError> {
    use crate::server::{request, services};
    request::finish(
        async move {
            let user = request::require_user()?;
            services::learn::classes::enrolled_in(&request::state()?.db, &user).await
        }
        .await,
    )
}

/// Opens a class and shows it.
#[server(prefix = "/api", endpoint = "classes/create")]
pub async fn create_class(input: ClassInput) -> Result<(), AppError> {
    use crate::server::{request, services};
    request::finish(
        async move {
            let user = request::require_user()?;
            let id = services::learn::classes::create(&request::state()?.db, &user, &input).await?;
            request::redirect(&format!("/classes/{id}?notice=Saved"));
            Ok(())
        }
        .await,
    )
}

/// A class with its roster (its trainers and administrators only).
#[server(prefix = "/api", endpoint = "classes/get")]
pub async fn get_class(id: i64) -> Result<ClassDetail, AppError> {
    use crate::server::{request, services};
    request::finish(
        async move {
            let user = request::require_user()?;
            services::learn::classes::detail(&request::state()?.db, &user, id).await
        }
        .await,
    )
}

/// Enrols one trainee by login.
#[server(prefix = "/api", endpoint = "classes/enrol")]
pub async fn enrol_trainee(id: i64, login: String) -> Result<(), AppError> {
    use crate::server::{request, services};
    request::finish(
        async move {
            let user = request::require_user()?;
            services::learn::classes::enrol_login(&request::state()?.db, &user, id, &login).await?;
            request::redirect(&format!("/classes/{id}?notice=Saved"));
            Ok(())
        }
        .await,
    )
}

/// Enrols every trainee of an agency.
#[server(prefix = "/api", endpoint = "classes/enrol-agency")]
pub async fn enrol_agency(id: i64, agency: i64) -> Result<(), AppError> {
    use crate::server::{request, services};
    request::finish(
        async move {
            let user = request::require_user()?;
            let n =
                services::learn::classes::enrol_agency(&request::state()?.db, &user, id, agency)
                    .await?;
            request::redirect(&match n {
                0 => format!("/classes/{id}?notice=EnrolledNone"),
                1 => format!("/classes/{id}?notice=EnrolledOne"),
                n => format!("/classes/{id}?notice=EnrolledMany&n={n}"),
            });
            Ok(())
        }
        .await,
    )
}

/// Removes a trainee from a class.
#[server(prefix = "/api", endpoint = "classes/unenrol")]
pub async fn unenrol_trainee(id: i64, person: i64) -> Result<(), AppError> {
    use crate::server::{request, services};
    request::finish(
        async move {
            let user = request::require_user()?;
            services::learn::classes::unenrol(&request::state()?.db, &user, id, person).await?;
            request::redirect(&format!("/classes/{id}?notice=Saved"));
            Ok(())
        }
        .await,
    )
}

/// Adds a trainer to a class.
#[server(prefix = "/api", endpoint = "classes/trainer")]
pub async fn add_class_trainer(id: i64, trainer: String) -> Result<(), AppError> {
    use crate::server::{request, services};
    request::finish(
        async move {
            let user = request::require_user()?;
            services::learn::classes::add_trainer(&request::state()?.db, &user, id, &trainer)
                .await?;
            request::redirect(&format!("/classes/{id}?notice=Saved"));
            Ok(())
        }
        .await,
    )
}

/// Joins a class with its code, then opens its course.
#[server(prefix = "/api", endpoint = "classes/join")]
pub async fn join_class(code: String) -> Result<(), AppError> {
    use crate::server::{request, services};
    request::finish(
        async move {
            let user = request::require_user()?;
            let slug = services::learn::classes::join(&request::state()?.db, &user, &code).await?;
            request::redirect(&format!("/courses/{slug}?notice=Joined"));
            Ok(())
        }
        .await,
    )
}

/// A class evaluation questionnaire (`reaction` or `follow_up`), for a trainee of the class.
#[server(prefix = "/api", endpoint = "classes/evaluation")]
pub async fn get_evaluation_form(
    class: i64,
    survey: String,
) -> Result<crate::model::tna::EvaluationForm, AppError> {
    use crate::server::{request, services};
    request::finish(
        async move {
            let user = request::require_user()?;
            services::learn::evaluations::form(&request::state()?.db, &user, class, &survey).await
        }
        .await,
    )
}

/// A class's evaluation results, for its trainers.
#[server(prefix = "/api", endpoint = "classes/evaluations")]
pub async fn get_class_evaluations(
    id: i64,
) -> Result<Vec<crate::model::tna::EvaluationResults>, AppError> {
    use crate::server::{request, services};
    request::finish(
        async move {
            let user = request::require_user()?;
            services::learn::evaluations::results(&request::state()?.db, &user, id).await
        }
        .await,
    )
}
