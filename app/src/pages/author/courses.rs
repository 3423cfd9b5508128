//! The author's courses and the new-course form.

use crate::api::authoring::my_courses;
use crate::components::feedback::{Feedback, FieldMsg, Typed};
use crate::components::forms::{ErrorView, PostForm};
use crate::components::page_title::PageTitle;
use crate::i18n::{Lang, Msg, t, use_lang};
use leptos::prelude::*;

/// Courses the author may edit, and a form to start a new one.
#[component]
pub fn AuthorCoursesPage() -> impl IntoView {
    let lang = use_lang();
    let data = move || {
        Suspend::new(async move {
            match my_courses().await {
                Ok(courses) => {
                    let typed = Typed::for_form("/api/author/courses/create");
                    view! {
                    {if courses.is_empty() {
                        view! { <p class="empty">{t(Msg::NothingYet)}</p> }.into_any()
                    } else {
                        view! {
                            <table class="data" id="my-courses">
                                <thead><tr><th scope="col">{t(Msg::Title)}</th><th scope="col">{t(Msg::Status)}</th></tr></thead>
                                <tbody>
                                    {courses.into_iter().map(|(slug, title, published)| view! {
                                        <tr>
                                            <td><a href=format!("/author/courses/{slug}")>{title}</a></td>
                                            <td>{if published {
                                                view! { <span class="badge badge-ok">{t(Msg::Published)}</span> }.into_any()
                                            } else {
                                                view! { <span class="badge badge-muted">{t(Msg::Draft)}</span> }.into_any()
                                            }}</td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        }.into_any()
                    }}
                    <section class="panel">
                        <h2>{t(Msg::CourseNew)}</h2>
                        <PostForm action="/api/author/courses/create" class="stack">
                            <div class="field">
                                <label for="slug">{t(Msg::CourseSlug)}</label>
                                <input id="slug" name="input[slug]" required maxlength="64" pattern=crate::validate::ID_PATTERN
                                    aria-describedby="slug-hint" autocapitalize="none" spellcheck="false"
                                    value=typed.get("input[slug]") />
                                <span class="hint" id="slug-hint">{t(Msg::CourseSlugHint)}</span>
                                <FieldMsg field="slug" />
                            </div>
                            <CourseFields lang=lang title=typed.or("input[title]", "") summary=typed.or("input[summary]", "")
                                audience=typed.or("input[audience]", "") kind=typed.or("input[kind]", "thematic")
                                language=typed.or("input[language]", lang.code()) hours=typed.or("input[hours]", "1") />
                            <button type="submit" class="primary">{t(Msg::Create)}</button>
                        </PostForm>
                    </section>
                    }
                    .into_any()
                }
                Err(e) => view! { <ErrorView error=e /> }.into_any(),
            }
        })
    };
    view! {
        <PageTitle text=t(Msg::AuthoringTitle) />
        <h1>{t(Msg::AuthoringTitle)}</h1>
        <Feedback />
        <p class="lead">{t(Msg::AuthoringIntro)}</p>
        <Suspense fallback=|| ()>{data}</Suspense>
    }
}

/// Title, summary, audience, kind, language and hours of a course.
#[component]
pub fn CourseFields(
    lang: Lang,
    title: String,
    summary: String,
    audience: String,
    kind: String,
    language: String,
    hours: String,
) -> impl IntoView {
    let _ = lang;
    view! {
        <div class="field">
            <label for="title">{t(Msg::Title)}</label>
            <input id="title" name="input[title]" required maxlength="200" value=title />
            <FieldMsg field="title" />
        </div>
        <div class="field">
            <label for="summary">{t(Msg::Summary)}</label>
            <textarea id="summary" name="input[summary]" rows="3" maxlength="2000">{crate::components::page_title::textarea_text(&summary)}</textarea>
            <FieldMsg field="summary" />
        </div>
        <div class="field">
            <label for="audience">{t(Msg::Audience)}</label>
            <input id="audience" name="input[audience]" maxlength="500" value=audience />
        </div>
        <div class="row">
            <div class="field">
                <label for="kind">{t(Msg::CourseKind)}</label>
                <select id="kind" name="input[kind]">
                    <option value="foundation" selected=kind == "foundation">{t(Msg::KindFoundation)}</option>
                    <option value="thematic" selected=kind != "foundation">{t(Msg::KindThematic)}</option>
                </select>
            </div>
            <div class="field">
                <label for="language">{t(Msg::Language)}</label>
                <select id="language" name="input[language]">
                    {Lang::ALL.into_iter().map(|l| view! {
                        <option value=l.code() selected=l.code() == language>{l.native_name()}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="hours">{t(Msg::EstimatedHours)}</label>
                <input id="hours" name="input[hours]" inputmode="decimal" size="6" value=hours />
                <FieldMsg field="hours" />
            </div>
        </div>
    }
}
