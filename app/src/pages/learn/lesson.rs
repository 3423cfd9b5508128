//! Reading a lesson.

use crate::api::courses::read_lesson;
use crate::components::feedback::Feedback;
use crate::components::forms::{ErrorView, PostForm};
use crate::components::page_title::PageTitle;
use crate::error::AppError;
use crate::i18n::{Msg, t};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// One lesson: objectives, body, mark complete, previous/next. Plain HTML; no script needed.
#[component]
pub fn LessonPage() -> impl IntoView {
    let (slug, id) =
        use_params_map().with_untracked(|p| (p.get("slug").unwrap_or_default(), p.get("id")));
    let id = id.and_then(|i| i.parse::<i64>().ok());
    let lesson = crate::components::fetch::once(async move {
        match id {
            Some(id) => read_lesson(slug, id).await,
            None => Err(AppError::NotFound),
        }
    });
    let data = move || {
        let lesson = lesson.clone();
        Suspend::new(async move {
            match lesson.await {
                Ok(l) => {
                    let course_url = format!("/courses/{}", l.course_slug);
                    view! {
                        <PageTitle text=l.title.clone() />
                        <p class="breadcrumbs">
                            <a href="/courses">{t(Msg::CoursesTitle)}</a> " › "
                            <a href=course_url.clone()>{l.course_title.clone()}</a> " › "
                            {l.module_title.clone()}
                        </p>
                        <article class="lesson">
                            <header>
                                <p class="hint">
                                    {format!("{} · {}", crate::i18n::tr(Msg::LessonPosition, &[("n", l.position.0.into()), ("total", l.position.1.into())]), crate::i18n::tr(Msg::MinutesCount, &[("n", i64::from(l.duration).into())]))}
                                    {l.completed.then(|| view! { " " <span class="badge badge-ok">"✓ " {t(Msg::LessonDone)}</span> })}
                                </p>
                                <h1 lang=l.language.clone()>{l.title.clone()}</h1>
                                <EditionNote edition=l.edition.clone() />
                                <Feedback />
                                {(!l.objectives.is_empty()).then(|| view! {
                                    <section class="objectives">
                                        <h2>{t(Msg::Objectives)}</h2>
                                        <ul lang=l.language.clone()>{l.objectives.iter().map(|o| view! { <li>{o.clone()}</li> }).collect_view()}</ul>
                                    </section>
                                })}
                            </header>
                            <div class="lesson-body" lang=l.language.clone() inner_html=l.html.clone()></div>
                        </article>
                        <PostForm action="/api/courses/progress" class="row complete">
                            <input type="hidden" name="lesson_id" value=l.id />
                            <input type="hidden" name="done" value=(!l.completed).to_string() />
                            <button type="submit" id="mark-complete" class=if l.completed { "" } else { "primary" }>
                                {t(if l.completed { Msg::MarkIncomplete } else { Msg::MarkComplete })}
                            </button>
                        </PostForm>
                        <nav class="lesson-nav" aria-label=t(Msg::Outline)>
                            {l.previous.clone().map(|(pid, title)| view! {
                                <a rel="prev" href=format!("/courses/{}/lessons/{pid}", l.course_slug)><span class="dir-arrow" aria-hidden="true">"←"</span> {title}</a>
                            })}
                            <a href=course_url>{t(Msg::Outline)}</a>
                            {l.next.clone().map(|(nid, title)| view! {
                                <a rel="next" id="next-lesson" href=format!("/courses/{}/lessons/{nid}", l.course_slug)>{title} " " <span class="dir-arrow" aria-hidden="true">"→"</span></a>
                            })}
                        </nav>
                    }
                    .into_any()
                }
                Err(e) => view! { <ErrorView error=e /> }.into_any(),
            }
        })
    };
    view! { <Suspense fallback=|| ()>{data}</Suspense> }
}

/// Says in which language a lesson is shown when it is not the course's own, or when the
/// reader's language has no translation of it.
#[component]
pub fn EditionNote(edition: crate::model::Edition) -> impl IntoView {
    use crate::i18n::{language_name, tr, use_lang};
    use crate::model::Edition;
    let lang = use_lang();
    match edition {
        Edition::Source => None,
        Edition::Translated { from } => Some(view! {
            <p class="hint edition" id="edition-note">
                {tr(Msg::EditionTranslated, &[("from", language_name(lang, &from).into())])}
            </p>
        }),
        Edition::Untranslated => Some(view! {
            <p class="banner banner-info edition" id="edition-note">
                {tr(Msg::EditionMissing, &[("wanted", language_name(lang, lang.code()).into())])}
            </p>
        }),
    }
}
