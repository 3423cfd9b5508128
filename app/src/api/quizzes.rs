//! Knowledge checks: question banks and quizzes for authors, attempts for learners, results
//! for trainers, certificates for everyone concerned (and their public verification).

use crate::error::AppError;
use crate::model::{
    AttemptView, ClassQuizzes, QuestionBank, QuizCard, QuizEditor, QuizInput, QuizResults,
    Verification,
};
use leptos::prelude::*;

/// A course's question bank and quizzes (its authors only).
#[server(prefix = "/api", endpoint = "quizzes/bank")]
pub async fn get_question_bank(slug: String) -> Result<QuestionBank, AppError> {
    use crate::server::{request, services};
    request::finish(
        async move {
            let user = request::require_user()?;
            services::quizzes::bank::bank(&request::state()?.db, &user, &slug).await
        }
        .await,
    )
}

/// Deletes a question from its bank.
#[server(prefix = "/api", endpoint = "quizzes/question-delete")]
pub async fn delete_question(id: i64) -> Result<(), AppError> {
    use crate::server::{request, services};
    request::finish(
        async move {
            let user = request::require_user()?;
            let slug =
                services::quizzes::bank::delete_question(&request::state()?.db, &user, id).await?;
            request::redirect(&format!("/author/courses/{slug}/questions?notice=Deleted"));
            Ok(())
        }
        .await,
    )
}

/// One question as GIFT: (course slug, category, GIFT text, whether the reader may edit it).
#[server(prefix = "/api", endpoint = "quizzes/question-source")]
pub async fn question_source(id: i64) -> Result<(String, String, String, bool), AppError> {
    use crate::server::{request, services};
    request::finish(
        async move {
            let user = request::require_user()?;
            services::quizzes::bank::question_gift(&request::state()?.db, &user, id).await
        }
        .await,
    )
}

/// Replaces a question with the one written in GIFT.
#[server(prefix = "/api", endpoint = "quizzes/question-save")]
pub async fn save_question(id: i64, category: String, gift: String) -> Result<(), AppError> {
    use crate::server::{request, services};
    request::finish(
        async move {
            let user = request::require_user()?;
            let slug = services::quizzes::bank::save_question_gift(
                &request::state()?.db,
                &user,
                id,
                &category,
                &gift,
            )
            .await?;
            request::redirect(&format!("/author/courses/{slug}/questions?notice=Saved"));
            Ok(())
        }
        .await,
    )
}

/// Sets how a course's certificate is earned.
#[server(prefix = "/api", endpoint = "quizzes/certificate-rule")]
pub async fn set_certificate_rule(slug: String, rule: String) -> Result<(), AppError> {
    use crate::server::{request, services};
    request::finish(
        async move {
            let user = request::require_user()?;
            services::quizzes::bank::set_certificate_rule(
                &request::state()?.db,
                &user,
                &slug,
                &rule,
            )
            .await?;
            request::redirect(&format!("/author/courses/{slug}/questions?notice=Saved"));
            Ok(())
        }
        .await,
    )
}

/// Puts a category of a course's bank in the test pool (`test = true`) or the practice pool.
#[server(prefix = "/api", endpoint = "quizzes/category-pool")]
pub async fn set_category_pool(id: i64, test: bool) -> Result<(), AppError> {
    use crate::server::{request, services};
    request::finish(
        async move {
            let user = request::require_user()?;
            let pool = if test {
                content::pack::Pool::Test
            } else {
                content::pack::Pool::Practice
            };
            let slug =
                services::quizzes::bank::set_category_pool(&request::state()?.db, &user, id, pool)
                    .await?;
            request::redirect(&format!("/author/courses/{slug}/questions?notice=Saved"));
            Ok(())
        }
        .await,
    )
}

/// Creates a quiz in a course and opens its editor.
#[server(prefix = "/api", endpoint = "quizzes/create")]
pub async fn create_quiz(slug: String, input: QuizInput) -> Result<(), AppError> {
    use crate::server::{request, services};
    request::finish(
        async move {
            let user = request::require_user()?;
            let id =
                services::quizzes::bank::create_quiz(&request::state()?.db, &user, &slug, &input)
                    .await?;
            request::redirect(&format!("/author/quizzes/{id}?notice=Saved"));
            Ok(())
        }
        .await,
    )
}

/// Creates a quiz for one class (by its trainers) and opens its editor.
#[server(prefix = "/api", endpoint = "quizzes/create-for-class")]
pub async fn create_class_quiz(class: i64, input: QuizInput) -> Result<(), AppError> {
    use crate::server::{request, services};
    request::finish(
        async move {
            let user = request::require_user()?;
            let id = services::quizzes::bank::create_class_quiz(
                &request::state()?.db,
                &user,
                class,
                &input,
            )
            .await?;
            request::redirect(&format!("/author/quizzes/{id}?notice=Saved"));
            Ok(())
        }
        .await,
    )
}

/// A quiz with its settings and items, for its authors.
#[server(prefix = "/api", endpoint = "quizzes/editor")]
pub async fn get_quiz_editor(id: i64) -> Result<QuizEditor, AppError> {
    use crate::server::{request, services};
    request::finish(
        async move {
            let user = request::require_user()?;
            services::quizzes::bank::quiz_editor(&request::state()?.db, &user, id).await
        }
        .await,
    )
}

/// Saves a quiz's settings.
#[server(prefix = "/api", endpoint = "quizzes/update")]
pub async fn update_quiz(id: i64, input: QuizInput) -> Result<(), AppError> {
    use crate::server::{request, services};
    request::finish(
        async move {
            let user = request::require_user()?;
            services::quizzes::bank::update_quiz(&request::state()?.db, &user, id, &input).await?;
            request::redirect(&format!("/author/quizzes/{id}?notice=Saved"));
            Ok(())
        }
        .await,
    )
}

/// Adds a fixed question to a quiz.
#[server(prefix = "/api", endpoint = "quizzes/add-question")]
pub async fn add_quiz_question(id: i64, question: i64) -> Result<(), AppError> {
    use crate::server::{request, services};
    request::finish(
        async move {
            let user = request::require_user()?;
            services::quizzes::bank::add_item(
                &request::state()?.db,
                &user,
                id,
                Some(question),
                None,
                0,
            )
            .await?;
            request::redirect(&format!("/author/quizzes/{id}?notice=Saved"));
            Ok(())
        }
        .await,
    )
}

/// Adds a random draw of questions from a category to a quiz.
#[server(prefix = "/api", endpoint = "quizzes/add-draw")]
pub async fn add_quiz_draw(id: i64, category: i64, count: i32) -> Result<(), AppError> {
    use crate::server::{request, services};
    request::finish(
        async move {
            let user = request::require_user()?;
            services::quizzes::bank::add_item(
                &request::state()?.db,
                &user,
                id,
                None,
                Some(category),
                count,
            )
            .await?;
            request::redirect(&format!("/author/quizzes/{id}?notice=Saved"));
            Ok(())
        }
        .await,
    )
}

/// Removes a question or draw from a quiz.
#[server(prefix = "/api", endpoint = "quizzes/remove-item")]
pub async fn remove_quiz_item(item: i64) -> Result<(), AppError> {
    use crate::server::{request, services};
    request::finish(
        async move {
            let user = request::require_user()?;
            let id =
                services::quizzes::bank::remove_item(&request::state()?.db, &user, item).await?;
            request::redirect(&format!("/author/quizzes/{id}?notice=Saved"));
            Ok(())
        }
        .await,
    )
}

/// A quiz before starting: its rules and the person's attempts.
#[server(prefix = "/api", endpoint = "quizzes/card")]
pub async fn get_quiz_card(id: i64) -> Result<QuizCard, AppError> {
    use crate::server::{request, services};
    request::finish(
        async move {
            let user = request::require_user()?;
            services::quizzes::attempts::card(&request::state()?.db, &user, id).await
        }
        .await,
    )
}

/// Starts (or continues) an attempt and opens it.
#[server(prefix = "/api", endpoint = "quizzes/start")]
pub async fn start_attempt(id: i64) -> Result<(), AppError> {
    use crate::server::{request, services};
    request::finish(
        async move {
            let user = request::require_user()?;
            let attempt =
                services::quizzes::attempts::start(&request::state()?.db, &user, id).await?;
            request::redirect(&format!("/attempts/{attempt}"));
            Ok(())
        }
        .await,
    )
}

/// An attempt: to answer while open, to review once closed (its learner only).
#[server(prefix = "/api", endpoint = "quizzes/attempt")]
pub async fn get_attempt(id: i64) -> Result<AttemptView, AppError> {
    use crate::server::{request, services};
    request::finish(
        async move {
            let user = request::require_user()?;
            services::quizzes::attempts::view(&request::state()?.db, &user, id).await
        }
        .await,
    )
}

/// Submits an attempt (a second submission changes nothing).
#[server(prefix = "/api", endpoint = "quizzes/submit")]
pub async fn submit_attempt(id: i64) -> Result<(), AppError> {
    use crate::server::{request, services};
    request::finish(
        async move {
            let user = request::require_user()?;
            services::quizzes::attempts::submit(&request::state()?.db, &user, id).await?;
            request::redirect(&format!("/attempts/{id}"));
            Ok(())
        }
        .await,
    )
}

/// A class's quizzes, learning gain and certificates (its trainers only).
#[server(prefix = "/api", endpoint = "quizzes/class")]
pub async fn get_class_quizzes(id: i64) -> Result<ClassQuizzes, AppError> {
    use crate::server::{request, services};
    request::finish(
        async move {
            let user = request::require_user()?;
            services::quizzes::results::class_quizzes(&request::state()?.db, &user, id).await
        }
        .await,
    )
}

/// A quiz's results in a class, with item analysis (its trainers only).
#[server(prefix = "/api", endpoint = "quizzes/results")]
pub async fn get_quiz_results(class: i64, quiz: i64) -> Result<QuizResults, AppError> {
    use crate::server::{request, services};
    request::finish(
        async move {
            let user = request::require_user()?;
            services::quizzes::results::quiz_results(&request::state()?.db, &user, class, quiz)
                .await
        }
        .await,
    )
}

/// Issues the person's certificate when they have earned it.
#[server(prefix = "/api", endpoint = "certificates/claim")]
pub async fn claim_certificate(slug: String) -> Result<(), AppError> {
    use crate::server::{request, services};
    request::finish(
        async move {
            let user = request::require_user()?;
            services::learn::certificates::claim(&request::state()?.db, &user, &slug).await?;
            request::redirect(&format!("/courses/{slug}?notice=CertificateIssued"));
            Ok(())
        }
        .await,
    )
}

/// A trainer awards a class's course certificate to a trainee.
#[server(prefix = "/api", endpoint = "certificates/award")]
pub async fn award_certificate(class: i64, person: i64) -> Result<(), AppError> {
    use crate::server::{request, services};
    request::finish(
        async move {
            let user = request::require_user()?;
            services::learn::certificates::award(&request::state()?.db, &user, class, person)
                .await?;
            request::redirect(&format!(
                "/classes/{class}/quizzes?notice=CertificateIssued"
            ));
            Ok(())
        }
        .await,
    )
}

/// Revokes a certificate, with a reason.
#[server(prefix = "/api", endpoint = "certificates/revoke")]
pub async fn revoke_certificate(code: String, reason: String) -> Result<(), AppError> {
    use crate::server::{request, services};
    request::finish(
        async move {
            let user = request::require_user()?;
            let class =
                services::learn::certificates::revoke(&request::state()?.db, &user, &code, &reason)
                    .await?;
            let back = class.map_or_else(
                || format!("/verify/{code}"),
                |c| format!("/classes/{c}/quizzes?notice=CertificateRevoked"),
            );
            request::redirect(&back);
            Ok(())
        }
        .await,
    )
}

/// Public: whether a certificate code is valid (name, course and date only).
#[server(prefix = "/api", endpoint = "certificates/verify")]
pub async fn verify_certificate(code: String) -> Result<Verification, AppError> {
    use crate::server::{request, services};
    request::finish(
        async move { services::learn::certificates::verify(&request::state()?.db, &code).await }
            .await,
    )
}

/// Saves the answers of one question as the attempt page's script posts them (`answers` holds
/// the question's fields URL-encoded, as the form would send them). Returns the time saved.
#[server(prefix = "/api", endpoint = "quizzes/autosave")]
pub async fn autosave(
    attempt: i64,
    answers: String,
    csrf_token: String,
) -> Result<String, AppError> {
    use crate::server::{request, services};
    let _ = csrf_token; // checked by the CSRF middleware before this runs
    request::finish(
        async move {
            let user = request::require_user()?;
            let fields = request::form_fields(&answers);
            services::quizzes::attempts::save_answers(
                &request::state()?.db,
                &user,
                attempt,
                &fields,
            )
            .await?;
            Ok(request::time_of_day(services::now()))
        }
        .await,
    )
}

/// Adds one question, written in GIFT, to a course's bank.
#[server(prefix = "/api", endpoint = "quizzes/question-create")]
pub async fn create_question(slug: String, category: String, gift: String) -> Result<(), AppError> {
    use crate::server::{request, services};
    request::finish(
        async move {
            let user = request::require_user()?;
            services::quizzes::bank::create_question_gift(
                &request::state()?.db,
                &user,
                &slug,
                &category,
                &gift,
            )
            .await?;
            request::redirect(&format!(
                "/author/courses/{slug}/questions?notice=QuestionAdded"
            ));
            Ok(())
        }
        .await,
    )
}
