//! A course outline.

use super::{Progress, SearchBox};
use crate::api::courses::course_page;
use crate::components::feedback::Feedback;
use crate::components::forms::ErrorView;
use crate::components::forms::PostForm;
use crate::components::page_title::PageTitle;
use crate::i18n::{Msg, show_date, t};
use crate::model::{CertificateStatus, CoursePageView, CourseQuiz};
use crate::pages::author::bank::role_label;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// Modules and lessons, with progress and "continue where I left off".
#[component]
pub fn CoursePage() -> impl IntoView {
    let slug = use_params_map()
        .with_untracked(|p| p.get("slug"))
        .unwrap_or_default();
    // Fetched once per render, however often the view is built (see `fetch::once`).
    let page = crate::components::fetch::once(course_page(slug));
    let data = move || {
        let page = page.clone();
        Suspend::new(async move {
            match page.await {
                Ok(CoursePageView {
                    outline: o,
                    overview,
                    quizzes,
                    exercises,
                    certificate,
                    desk,
                    evaluations,
                }) => {
                    let c = o.course.clone();
                    let started = c.completed > 0
                        || o.resume
                            != o.modules
                                .first()
                                .and_then(|m| m.lessons.first())
                                .map(|l| l.id);
                    // A certificate earned (or ready to claim) is shown first; until then it
                    // closes the page, after what leads to it.
                    let certificate_first =
                        certificate.certificate.is_some() || certificate.can_claim;
                    let certificate_box = (!overview).then(|| {
                        view! {
                            <CertificateBox status=certificate slug=c.slug.clone() />
                        }
                    });
                    let (top, bottom) = if certificate_first {
                        (certificate_box, None)
                    } else {
                        (None, certificate_box)
                    };
                    let slug = c.slug.clone();
                    // Trainers and administrators prepare from the course page.
                    let is_author = crate::app::use_page().user.as_ref().is_some_and(|u| {
                        u.has(crate::model::Role::Trainer) || u.has(crate::model::Role::Admin)
                    });
                    view! {
                        <PageTitle text=c.title.clone() />
                        <p class="breadcrumbs"><a href="/courses">{t(Msg::CoursesTitle)}</a></p>
                        <h1>{c.title.clone()}</h1>
                        <Feedback />
                        <p class="lead">{c.summary.clone()}</p>
                        <p>{t(Msg::Audience)} ": " {o.audience.clone()} " · " {crate::i18n::tr(Msg::HoursCount, &[("n", c.estimated_hours.into())])}</p>
                        {overview.then(|| view! { <p class="banner" id="outline-only">{t(Msg::OutlineOnly)}</p> })}
                        {top}
                        {(!overview).then(|| view! {
                            <Progress done=c.completed total=c.lessons course=c.title.clone() />
                            <p class="actions">
                                {o.resume.map(|id| view! {
                                    <a class="button primary" id="resume" href=format!("/courses/{}/lessons/{id}", c.slug)>
                                        {t(if started { Msg::ContinueWhereLeft } else { Msg::Start })}
                                    </a>
                                })}
                                {o.has_glossary.then(|| view! {
                                    " " <a class="button" href=format!("/courses/{}/glossary", c.slug)>{t(Msg::Glossary)}</a>
                                })}
                                {is_author.then(|| view! {
                                    " " <a class="button" id="trainer-materials" href=format!("/author/courses/{}/trainer", c.slug)>{t(Msg::TrainerMaterials)}</a>
                                })}
                            </p>
                        })}
                        <h2>{t(Msg::Outline)}</h2>
                        <ol class="outline" id="outline">
                            {o.modules.into_iter().map(|m| view! {
                                <li class="outline-module">
                                    <h3>{m.title}</h3>
                                    {(!m.summary.is_empty()).then(|| view! { <p class="hint">{m.summary.clone()}</p> })}
                                    <ol class="outline-lessons">
                                        {m.lessons.into_iter().map(|l| view! {
                                            <li class=if l.completed { "done" } else { "" }>
                                                {if overview {
                                                    l.title.into_any()
                                                } else {
                                                    view! { <a href=format!("/courses/{}/lessons/{}", slug, l.id)>{l.title}</a> }.into_any()
                                                }}
                                                " " <span class="hint">{crate::i18n::tr(Msg::MinutesCount, &[("n", i64::from(l.duration).into())])}</span>
                                                {l.completed.then(|| view! { " " <span class="badge badge-ok">"✓ " {t(Msg::LessonDone)}</span> })}
                                                {(!l.published).then(|| view! { " " <span class="badge badge-muted">{t(Msg::Draft)}</span> })}
                                            </li>
                                        }).collect_view()}
                                    </ol>
                                </li>
                            }).collect_view()}
                        </ol>
                        {(!overview).then(|| view! { <SearchBox /> })}
                        {(!quizzes.is_empty()).then(|| view! {
                            <h2>{t(Msg::Quizzes)}</h2>
                            <table class="data" tabindex="0" id="course-quizzes">
                                <thead><tr>
                                    <th scope="col">{t(Msg::Title)}</th>
                                    <th scope="col">{t(Msg::QuizRole)}</th>
                                    <th scope="col">{t(Msg::YourResult)}</th>
                                </tr></thead>
                                <tbody>
                                    {quizzes.into_iter().map(|q| view! {
                                        <tr>
                                            <td><a href=format!("/quizzes/{}", q.quiz.id)>{q.quiz.title.clone()}</a></td>
                                            <td>{role_label(q.quiz.role)}</td>
                                            <td class="quiz-standing">{standing(&q)}</td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        })}
                        <super::exercise::ExerciseList rows=exercises />
                        {(!evaluations.is_empty()).then(|| view! {
                            <section id="course-evaluations" aria-labelledby="course-evaluations-title">
                                <h2 id="course-evaluations-title">{t(Msg::EvaluationsTitle)}</h2>
                                <ul class="plain">
                                    {evaluations.into_iter().map(|e| view! {
                                        <li>
                                            {crate::pages::classes::evaluation::survey_name(&e.survey)} ": "
                                            {if e.done {
                                                view! { <span class="badge badge-ok">{t(Msg::EvaluationDone)}</span> }.into_any()
                                            } else if e.open {
                                                view! { <a class="button" id=format!("evaluate-{}-{}", e.class_id, e.survey) href=format!("/classes/{}/evaluation/{}", e.class_id, e.survey)>{t(Msg::EvaluationAnswer)}</a> }.into_any()
                                            } else {
                                                view! { <span class="hint">{crate::i18n::tr(Msg::EvaluationOpensOn, &[("date", show_date(&e.opens_on).into())])}</span> }.into_any()
                                            }}
                                        </li>
                                    }).collect_view()}
                                </ul>
                            </section>
                        })}
                        <super::desk::DeskList rows=desk />
                        {bottom}
                    }
                    .into_any()
                }
                Err(e) => view! { <ErrorView error=e /> }.into_any(),
            }
        })
    };
    view! { <Suspense fallback=|| ()>{data}</Suspense> }
}

/// How the reader stands on a quiz, in words: in progress, not started, or passed / not passed
/// (submitted, for a practice quiz) with their best score.
fn standing(q: &CourseQuiz) -> String {
    let best = q
        .best
        .map(|p| format!(" · {} {p:.0} %", t(Msg::BestScore)))
        .unwrap_or_default();
    if q.closed == 0 {
        return t(if q.open {
            Msg::InProgress
        } else {
            Msg::NotStarted
        })
        .to_owned();
    }
    let word = match q.passed {
        Some(true) => Msg::PassedLabel,
        Some(false) => Msg::NotPassed,
        None => Msg::Submitted,
    };
    let open = if q.open {
        format!(" · {}", t(Msg::InProgress))
    } else {
        String::new()
    };
    format!("{}{best}{open}", t(word))
}

/// The certificate box: the certificate with its PDF, the button to claim it, or what is
/// still needed.
#[component]
fn CertificateBox(status: CertificateStatus, slug: String) -> impl IntoView {
    let s = status;
    view! {
        <section class="panel certificate" id="certificate">
            <h2>{t(Msg::Certificate)}</h2>
            {match (s.certificate, s.can_claim) {
                (Some(cert), _) => view! {
                    <p>{t(Msg::CertificateCode)} " " <code id="certificate-code">{cert.code.clone()}</code> " · " {t(Msg::IssuedOn)} " " {show_date(&cert.issued_on)}</p>
                    <p><a class="button primary" id="certificate-pdf" href=format!("/certificates/{}/pdf", cert.code)>{t(Msg::DownloadPdf)}</a></p>
                }.into_any(),
                (None, true) => view! {
                    <PostForm action="/api/certificates/claim">
                        <input type="hidden" name="slug" value=slug />
                        <button type="submit" class="primary" id="claim-certificate">{t(Msg::GetCertificate)}</button>
                    </PostForm>
                }.into_any(),
                (None, false) if s.rule == "trainer" => view! { <p class="hint">{t(Msg::CertificateByTrainer)}</p> }.into_any(),
                (None, false) => view! {
                    <p class="hint">{t(Msg::ErrNotEligible)}</p>
                    <ul>
                        <li>{t(Msg::CertificateProgress)} ": " {format!("{} / {}", s.lessons_done, s.lessons_total)}</li>
                        <li>{t(Msg::PostTestPassed)} ": " {t(if s.post_test_passed { Msg::Yes } else { Msg::No })}</li>
                    </ul>
                }.into_any(),
            }}
        </section>
    }
}
