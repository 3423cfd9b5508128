//! What learners do with courses: browse, read, mark progress, look up terms, search.

use crate::error::AppError;
use crate::model::{CourseCard, CoursePageView, GlossaryView, LessonView, SearchHit};
use leptos::prelude::*;

/// The courses open to the signed-in person.
#[server(prefix = "/api", endpoint = "courses/catalogue")]
pub async fn catalogue() -> Result<Vec<CourseCard>, AppError> {
    use crate::server::{request, services};
    request::finish(
        async move {
            let user = request::require_user()?;
            services::learn::courses::catalogue(&request::state()?.db, &user).await
        }
        .await,
    )
}

/// A course's page: outline with the person's progress, quizzes, exercises, certificate.
#[server(prefix = "/api", endpoint = "courses/page")]
pub async fn course_page(slug: String) -> Result<CoursePageView, AppError> {
    use crate::server::{request, services};
    request::finish(
        async move {
            let user = request::require_user()?;
            services::learn::courses::page(&request::state()?.db, &user, &slug).await
        }
        .await,
    )
}

/// A lesson to read (records the visit).
#[server(prefix = "/api", endpoint = "courses/lesson")]
pub async fn read_lesson(slug: String, id: i64) -> Result<LessonView, AppError> {
    use crate::server::{request, services};
    request::finish(
        async move {
            let user = request::require_user()?;
            services::learn::courses::lesson(&request::state()?.db, &user, &slug, id).await
        }
        .await,
    )
}

/// Marks a lesson complete and leads on to the next lesson (or, after the last, to the
/// course); marked not complete, returns to it.
#[server(prefix = "/api", endpoint = "courses/progress")]
pub async fn mark_lesson(lesson_id: i64, done: bool) -> Result<(), AppError> {
    use crate::server::{request, services};
    request::finish(
        async move {
            let user = request::require_user()?;
            let (slug, next) = services::learn::courses::set_complete(
                &request::state()?.db,
                &user,
                lesson_id,
                done,
            )
            .await?;
            request::redirect(&match (done, next) {
                (true, Some(next)) => {
                    format!("/courses/{slug}/lessons/{next}?notice=LessonCompleted")
                }
                (true, None) => format!("/courses/{slug}?notice=LessonCompleted"),
                (false, _) => format!("/courses/{slug}/lessons/{lesson_id}"),
            });
            Ok(())
        }
        .await,
    )
}

/// A course glossary.
#[server(prefix = "/api", endpoint = "courses/glossary")]
pub async fn course_glossary(slug: String) -> Result<GlossaryView, AppError> {
    use crate::server::{request, services};
    request::finish(
        async move {
            let user = request::require_user()?;
            services::learn::courses::glossary(&request::state()?.db, &user, &slug).await
        }
        .await,
    )
}

/// Full-text search over the lessons the person may read.
#[server(prefix = "/api", endpoint = "courses/search")]
pub async fn search_lessons(q: String) -> Result<Vec<SearchHit>, AppError> {
    use crate::server::{request, services};
    request::finish(
        async move {
            let user = request::require_user()?;
            services::learn::courses::search(&request::state()?.db, &user, &q).await
        }
        .await,
    )
}
