//! A course outline.

use super::{Progress, SearchBox};
use crate::api::courses::course_page;
use crate::components::feedback::Feedback;
use crate::components::forms::ErrorView;
use crate::components::forms::PostForm;
use crate::components::page_title::PageTitle;
use crate::i18n::{Msg, t};
use crate::model::CoursePageView;
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
                    quizzes,
                    exercises,
                    certificate,
                    desk,
                }) => {
                    let c = o.course.clone();
                    let started = c.completed > 0
                        || o.resume
                            != o.modules
                                .first()
                                .and_then(|m| m.lessons.first())
                                .map(|l| l.id);
                    view! {
                        <PageTitle text=c.title.clone() />
                        <p class="breadcrumbs"><a href="/courses">{t(Msg::CoursesTitle)}</a></p>
                        <h1>{c.title.clone()}</h1>
                        <Feedback />
                        <p class="lead">{c.summary.clone()}</p>
                        <p>{t(Msg::Audience)} ": " {o.audience.clone()} " · " {format!("{} {}", c.estimated_hours, t(if c.estimated_hours == 1.0 { Msg::HourOne } else { Msg::Hours }))}</p>
                        <Progress done=c.completed total=c.lessons />
                        <p class="actions">
                            {o.resume.map(|id| view! {
                                <a class="button primary" id="resume" href=format!("/courses/{}/lessons/{id}", c.slug)>
                                    {t(if started { Msg::ContinueWhereLeft } else { Msg::Start })}
                                </a>
                            })}
                            {o.has_glossary.then(|| view! {
                                " " <a class="button" href=format!("/courses/{}/glossary", c.slug)>{t(Msg::Glossary)}</a>
                            })}
                        </p>
                        <SearchBox />
                        {(!quizzes.is_empty()).then(|| view! {
                            <h2>{t(Msg::Quizzes)}</h2>
                            <ul class="quiz-list" id="course-quizzes">
                                {quizzes.into_iter().map(|q| view! {
                                    <li><a href=format!("/quizzes/{}", q.id)>{q.title}</a> " " <span class="badge">{role_label(q.role)}</span></li>
                                }).collect_view()}
                            </ul>
                        })}
                        <super::exercise::ExerciseList rows=exercises />
                        <super::desk::DeskList rows=desk />
                        {{
                            let s = certificate;
                            let slug = c.slug.clone();
                            view! {
                                <section class="panel certificate" id="certificate">
                                    <h2>{t(Msg::Certificate)}</h2>
                                    {match (s.certificate, s.can_claim) {
                                        (Some(cert), _) => view! {
                                            <p>{t(Msg::CertificateCode)} " " <code id="certificate-code">{cert.code.clone()}</code> " · " {t(Msg::IssuedOn)} " " {cert.issued_on.clone()}</p>
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
                        }}
                        <h2>{t(Msg::Outline)}</h2>
                        <ol class="outline">
                            {o.modules.into_iter().map(|m| view! {
                                <li class="outline-module">
                                    <h3>{m.title}</h3>
                                    {(!m.summary.is_empty()).then(|| view! { <p class="hint">{m.summary.clone()}</p> })}
                                    <ol class="outline-lessons">
                                        {m.lessons.into_iter().map(|l| view! {
                                            <li class=if l.completed { "done" } else { "" }>
                                                <a href=format!("/courses/{}/lessons/{}", c.slug, l.id)>{l.title}</a>
                                                " " <span class="hint">{format!("{} {}", l.duration, t(Msg::Minutes))}</span>
                                                {l.completed.then(|| view! { " " <span class="badge badge-ok">"✓ " {t(Msg::LessonDone)}</span> })}
                                                {(!l.published).then(|| view! { " " <span class="badge badge-muted">{t(Msg::Draft)}</span> })}
                                            </li>
                                        }).collect_view()}
                                    </ol>
                                </li>
                            }).collect_view()}
                        </ol>
                    }
                    .into_any()
                }
                Err(e) => view! { <ErrorView error=e /> }.into_any(),
            }
        })
    };
    view! { <Suspense fallback=|| ()>{data}</Suspense> }
}
