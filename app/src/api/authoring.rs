//! Course authoring (trainers and administrators; trainers edit the courses they created).

use crate::error::AppError;
use crate::model::{CourseEditor, CourseInput, LessonEditor};
use leptos::prelude::*;

/// The signed-in author, if they are a trainer or an administrator.
#[cfg(feature = "ssr")]
fn author() -> Result<crate::model::CurrentUser, AppError> {
    use crate::model::Role;
    use crate::server::request;
    let user = request::require_user()?;
    if !(user.has(Role::Trainer) || user.has(Role::Admin)) {
        return Err(AppError::Forbidden);
    }
    Ok(user)
}

/// The courses an author sees: those they may edit, and the others they may read (to teach,
/// read their question banks, or duplicate and adapt).
#[server(prefix = "/api", endpoint = "author/courses")]
pub async fn my_courses() -> Result<Vec<crate::model::AuthorCourse>, AppError> {
    use crate::server::{request, services};
    request::finish(
        async move { services::learn::authoring::my_courses(&request::state()?.db, &author()?).await }
            .await,
    )
}

/// Creates a draft course and opens its editor.
#[server(prefix = "/api", endpoint = "author/courses/create")]
pub async fn create_course(input: CourseInput) -> Result<(), AppError> {
    use crate::server::{request, services};
    request::finish(
        async move {
            let slug = services::learn::authoring::create_course(
                &request::state()?.db,
                &author()?,
                &input,
            )
            .await?;
            request::redirect(&format!("/author/courses/{slug}?notice=Saved"));
            Ok(())
        }
        .await,
    )
}

/// Copies a course into a new draft owned by the author, to adapt it; opens the copy's editor.
#[server(prefix = "/api", endpoint = "author/courses/duplicate")]
pub async fn duplicate_course(source: String, slug: String, title: String) -> Result<(), AppError> {
    use crate::server::{request, services};
    request::finish(
        async move {
            let name = services::learn::duplicate::CopyName { slug, title };
            let slug = services::learn::duplicate::duplicate(
                &request::state()?.db,
                &author()?,
                &source,
                &name,
            )
            .await?;
            request::redirect(&format!("/author/courses/{slug}?notice=CourseDuplicated"));
            Ok(())
        }
        .await,
    )
}

/// The course editor.
#[server(prefix = "/api", endpoint = "author/courses/get")]
pub async fn get_course_editor(slug: String) -> Result<CourseEditor, AppError> {
    use crate::server::{request, services};
    request::finish(
        async move {
            services::learn::authoring::course_editor(&request::state()?.db, &author()?, &slug)
                .await
        }
        .await,
    )
}

/// Saves a course's metadata.
#[server(prefix = "/api", endpoint = "author/courses/update")]
pub async fn update_course(slug: String, input: CourseInput) -> Result<(), AppError> {
    use crate::server::{request, services};
    request::finish(
        async move {
            services::learn::authoring::update_course(
                &request::state()?.db,
                &author()?,
                &slug,
                &input,
            )
            .await?;
            request::redirect(&format!("/author/courses/{slug}?notice=Saved"));
            Ok(())
        }
        .await,
    )
}

/// Publishes or withdraws a course.
#[server(prefix = "/api", endpoint = "author/courses/publish")]
pub async fn publish_course(slug: String, published: bool) -> Result<(), AppError> {
    use crate::server::{request, services};
    request::finish(
        async move {
            services::learn::authoring::set_course_published(
                &request::state()?.db,
                &author()?,
                &slug,
                published,
            )
            .await?;
            request::redirect(&format!("/author/courses/{slug}?notice=Saved"));
            Ok(())
        }
        .await,
    )
}

/// Adds a module to a course.
#[server(prefix = "/api", endpoint = "author/modules/add")]
pub async fn add_module(slug: String, title: String, summary: String) -> Result<(), AppError> {
    use crate::server::{request, services};
    request::finish(
        async move {
            services::learn::authoring::add_module(
                &request::state()?.db,
                &author()?,
                &slug,
                &title,
                &summary,
            )
            .await?;
            request::redirect(&format!("/author/courses/{slug}?notice=Saved"));
            Ok(())
        }
        .await,
    )
}

/// Renames a module and edits its summary.
#[server(prefix = "/api", endpoint = "author/modules/update")]
pub async fn update_module(id: i64, title: String, summary: String) -> Result<(), AppError> {
    use crate::server::{request, services};
    request::finish(
        async move {
            let slug = services::learn::authoring::update_module(
                &request::state()?.db,
                &author()?,
                id,
                &title,
                &summary,
            )
            .await?;
            request::redirect(&format!("/author/courses/{slug}?notice=Saved"));
            Ok(())
        }
        .await,
    )
}

/// Moves a module up or down.
#[server(prefix = "/api", endpoint = "author/modules/move")]
pub async fn move_module(id: i64, up: bool) -> Result<(), AppError> {
    use crate::server::{request, services};
    request::finish(
        async move {
            let slug =
                services::learn::authoring::move_module(&request::state()?.db, &author()?, id, up)
                    .await?;
            request::redirect(&format!("/author/courses/{slug}"));
            Ok(())
        }
        .await,
    )
}

/// Adds a draft lesson to a module and opens it.
#[server(prefix = "/api", endpoint = "author/lessons/add")]
pub async fn add_lesson(module_id: i64, title: String) -> Result<(), AppError> {
    use crate::server::{request, services};
    request::finish(
        async move {
            let id = services::learn::authoring::add_lesson(
                &request::state()?.db,
                &author()?,
                module_id,
                &title,
            )
            .await?;
            request::redirect(&format!("/author/lessons/{id}"));
            Ok(())
        }
        .await,
    )
}

/// Moves a lesson up or down in its module.
#[server(prefix = "/api", endpoint = "author/lessons/move")]
pub async fn move_lesson(id: i64, up: bool) -> Result<(), AppError> {
    use crate::server::{request, services};
    request::finish(
        async move {
            let slug =
                services::learn::authoring::move_lesson(&request::state()?.db, &author()?, id, up)
                    .await?;
            request::redirect(&format!("/author/courses/{slug}"));
            Ok(())
        }
        .await,
    )
}

/// The lesson editor.
#[server(prefix = "/api", endpoint = "author/lessons/get")]
pub async fn get_lesson_editor(id: i64) -> Result<LessonEditor, AppError> {
    use crate::server::{request, services};
    request::finish(
        async move {
            services::learn::authoring::lesson_editor(&request::state()?.db, &author()?, id).await
        }
        .await,
    )
}

/// Saves a lesson (learners keep their progress; a concurrent save is never overwritten).
#[server(prefix = "/api", endpoint = "author/lessons/update")]
pub async fn update_lesson(
    id: i64,
    title: String,
    objectives: String,
    duration: String,
    body: String,
    #[server(default)] revision: String,
) -> Result<(), AppError> {
    use crate::server::request;
    use crate::server::services::learn::authoring::{self, LessonSave};
    request::finish(
        async move {
            let save = LessonSave {
                title: &title,
                objectives: &objectives,
                duration: &duration,
                body: &body,
                revision: &revision,
            };
            authoring::update_lesson(&request::state()?.db, &author()?, id, &save).await?;
            request::redirect(&format!("/author/lessons/{id}?notice=Saved"));
            Ok(())
        }
        .await,
    )
}

/// A lesson's translation into `lang`, beside its original.
#[server(prefix = "/api", endpoint = "author/lessons/translation")]
pub async fn get_lesson_translation(
    id: i64,
    lang: String,
) -> Result<crate::model::LessonTranslationEditor, AppError> {
    use crate::server::{request, services};
    request::finish(
        async move {
            services::learn::translating::lesson_translation(
                &request::state()?.db,
                &author()?,
                id,
                &lang,
            )
            .await
        }
        .await,
    )
}

/// Saves a lesson's translation into `lang`.
#[server(prefix = "/api", endpoint = "author/lessons/translate")]
pub async fn update_lesson_translation(
    id: i64,
    lang: String,
    title: String,
    objectives: String,
    body: String,
) -> Result<(), AppError> {
    use crate::server::request;
    use crate::server::services::learn::translating::{self, TranslationSave};
    request::finish(
        async move {
            let save = TranslationSave {
                title: &title,
                objectives: &objectives,
                body: &body,
            };
            translating::save_lesson_translation(
                &request::state()?.db,
                &author()?,
                id,
                &lang,
                &save,
            )
            .await?;
            request::redirect(&format!(
                "/author/lessons/{id}/translations/{lang}?notice=Saved"
            ));
            Ok(())
        }
        .await,
    )
}

/// Publishes or withdraws a lesson.
#[server(prefix = "/api", endpoint = "author/lessons/publish")]
pub async fn publish_lesson(id: i64, published: bool) -> Result<(), AppError> {
    use crate::server::{request, services};
    request::finish(
        async move {
            services::learn::authoring::set_lesson_published(
                &request::state()?.db,
                &author()?,
                id,
                published,
            )
            .await?;
            request::redirect(&format!("/author/lessons/{id}?notice=Saved"));
            Ok(())
        }
        .await,
    )
}

/// Renders Markdown as lesson `id` would show it (the editor's live preview). The CSRF token
/// travels as an argument because the call comes from the editor island.
#[server(prefix = "/api", endpoint = "author/lessons/preview")]
pub async fn preview_lesson(id: i64, body: String, csrf_token: String) -> Result<String, AppError> {
    use crate::server::{request, services};
    let _ = csrf_token; // checked by the CSRF middleware before this runs
    request::finish(
        async move {
            services::learn::authoring::preview(&request::state()?.db, &author()?, id, &body).await
        }
        .await,
    )
}

/// A course's trainer materials, for its trainers and administrators.
#[server(prefix = "/api", endpoint = "author/trainer/get")]
pub async fn get_trainer_pack(slug: String) -> Result<crate::model::TrainerPack, AppError> {
    use crate::server::{request, services};
    request::finish(
        async move {
            services::learn::trainer::trainer_pack(&request::state()?.db, &author()?, &slug).await
        }
        .await,
    )
}

/// Saves one part of a course's trainer materials: `part` is `agenda`, `materials`,
/// `localisation` or `lesson-<id>`; `title` and `starts` are the agenda's, `plan` holds one
/// step per line.
#[server(prefix = "/api", endpoint = "author/trainer/save")]
pub async fn save_trainer_part(
    slug: String,
    part: String,
    #[server(default)] title: String,
    #[server(default)] starts: String,
    #[server(default)] plan: String,
    #[server(default)] body: String,
) -> Result<(), AppError> {
    use crate::server::services::learn::trainer;
    use crate::server::{request, services};
    request::finish(
        async move {
            let edit = trainer::TrainerEdit::decode(&part, title, starts, plan, body)?;
            services::learn::trainer::save(&request::state()?.db, &author()?, &slug, edit).await?;
            request::redirect(&format!(
                "/author/courses/{slug}/trainer?notice=Saved#{part}"
            ));
            Ok(())
        }
        .await,
    )
}
