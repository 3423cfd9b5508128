//! Document-examination exercises: the data of their pages. Changes go through the plain
//! routes of `server::http::exercises` (uploads and forms that work without script).

use crate::error::AppError;
use crate::model::exercise::{
    ClassExercises, ExerciseEditor, ExerciseResult, ExerciseRow, ExerciseView,
};
use leptos::prelude::*;

/// The exercises of a course the reader may see.
#[server(prefix = "/api", endpoint = "exercises/course")]
pub async fn course_exercises(slug: String) -> Result<Vec<ExerciseRow>, AppError> {
    use crate::server::{request, services};
    request::finish(
        async move {
            let user = request::require_user()?;
            services::exercises::course_exercises(&request::state()?.db, &user, &slug).await
        }
        .await,
    )
}

/// A class's own exercises (its trainers).
#[server(prefix = "/api", endpoint = "exercises/class")]
pub async fn get_class_exercises(id: i64) -> Result<ClassExercises, AppError> {
    use crate::server::{request, services};
    request::finish(
        async move {
            let user = request::require_user()?;
            services::exercises::class_exercises(&request::state()?.db, &user, id).await
        }
        .await,
    )
}

/// An exercise in its editor (its course's authors).
#[server(prefix = "/api", endpoint = "exercises/editor")]
pub async fn get_exercise_editor(id: i64) -> Result<ExerciseEditor, AppError> {
    use crate::server::{request, services};
    request::finish(
        async move {
            let user = request::require_user()?;
            services::exercises::editor(&request::state()?.db, &user, id).await
        }
        .await,
    )
}

/// An exercise as a trainee takes it (never its key).
#[server(prefix = "/api", endpoint = "exercises/get")]
pub async fn get_exercise(id: i64) -> Result<ExerciseView, AppError> {
    use crate::server::{request, services};
    request::finish(
        async move {
            let user = request::require_user()?;
            services::exercises::view(&request::state()?.db, &user, id).await
        }
        .await,
    )
}

/// A graded answer with its feedback.
#[server(prefix = "/api", endpoint = "exercises/result")]
pub async fn get_exercise_result(id: i64) -> Result<ExerciseResult, AppError> {
    use crate::server::{request, services};
    request::finish(
        async move {
            let user = request::require_user()?;
            services::exercises::result(&request::state()?.db, &user, id).await
        }
        .await,
    )
}

/// What trainees find and miss in a course's exercises, per feature kind (its authors).
#[server(prefix = "/api", endpoint = "exercises/findings")]
pub async fn exercise_findings(slug: String) -> Result<Vec<(String, i64, i64)>, AppError> {
    use crate::server::{request, services};
    request::finish(
        async move {
            let user = request::require_user()?;
            services::exercises::findings(&request::state()?.db, &user, &slug).await
        }
        .await,
    )
}
