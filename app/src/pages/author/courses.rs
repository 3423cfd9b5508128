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
                    // A refused duplicate's errors belong beside its own form, not this one.
                    let create_errors = !Typed::for_form("/api/author/courses/duplicate").is_some();
                    let (mine, others): (Vec<_>, Vec<_>) =
                        courses.into_iter().partition(|c| c.editable);
                    view! {
                    {if mine.is_empty() {
                        view! { <p class="empty">{t(Msg::NothingYet)}</p> }.into_any()
                    } else {
                        view! {
                            <table class="data" tabindex="0" id="my-courses">
                                <thead><tr><th scope="col">{t(Msg::Title)}</th><th scope="col">{t(Msg::Status)}</th></tr></thead>
                                <tbody>
                                    {mine.into_iter().map(|c| view! {
                                        <tr>
                                            <td><a href=format!("/author/courses/{}", c.slug)>{c.title}</a></td>
                                            <td>{if c.published {
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
                    {(!others.is_empty()).then(|| view! {
                        <section class="panel" id="other-courses">
                            <h2>{t(Msg::OtherCourses)}</h2>
                            <p class="hint">{t(Msg::OtherCoursesHint)}</p>
                            <table class="data" tabindex="0">
                                <thead><tr>
                                    <th scope="col">{t(Msg::Title)}</th>
                                    <th scope="col"><span class="visually-hidden">{t(Msg::Actions)}</span></th>
                                </tr></thead>
                                <tbody>
                                    {others.into_iter().map(|c| view! {
                                        <tr>
                                            <td><a href=format!("/courses/{}", c.slug)>{c.title.clone()}</a></td>
                                            <td class="actions">
                                                <a href=format!("/author/courses/{}/questions", c.slug)>{t(Msg::QuestionBank)}</a>
                                                <DuplicateCourse slug=c.slug title=c.title />
                                            </td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </section>
                    })}
                    <section class="panel">
                        <h2>{t(Msg::CourseNew)}</h2>
                        <PostForm action="/api/author/courses/create" class="stack">
                            <div class="field">
                                <label for="slug">{t(Msg::CourseSlug)}</label>
                                <input id="slug" name="input[slug]" required maxlength="64" pattern=crate::validate::ID_PATTERN
                                    aria-describedby="slug-hint" autocapitalize="none" spellcheck="false"
                                    value=typed.get("input[slug]") />
                                <span class="hint" id="slug-hint">{t(Msg::CourseSlugHint)}</span>
                                <FieldMsg field="slug" when=create_errors />
                            </div>
                            <CourseFields lang=lang title=typed.or("input[title]", "") summary=typed.or("input[summary]", "")
                                audience=typed.or("input[audience]", "") kind=typed.or("input[kind]", "thematic")
                                language=typed.or("input[language]", lang.code()) hours=typed.or("input[hours]", "1")
                                errors=create_errors />
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

/// The form copying course `slug` into a draft of the signed-in author's own, folded under a
/// "Duplicate to adapt" button; it opens again with what was typed when the server refused it.
#[component]
pub fn DuplicateCourse(slug: String, title: String) -> impl IntoView {
    const ACTION: &str = "/api/author/courses/duplicate";
    let typed = Typed::for_record(ACTION, "source", &slug);
    let login = crate::app::use_page()
        .user
        .map(|u| u.login)
        .unwrap_or_default();
    let id = format!("duplicate-{slug}");
    let (slug_id, title_id) = (format!("{id}-slug"), format!("{id}-title"));
    let new_slug = typed.or("slug", copy_slug(&slug, &login));
    let new_title = typed.or("title", format!("{title} ({})", t(Msg::CopySuffix)));
    // This form was the one sent and refused: open, with its errors.
    let sent = typed.is_some();
    view! {
        <details class="duplicate" id=id open=sent>
            <summary class="button">{t(Msg::DuplicateCourse)}</summary>
            <PostForm action=ACTION class="stack">
                <input type="hidden" name="source" value=slug.clone() />
                <p class="hint">{t(Msg::DuplicateCourseHint)}</p>
                <div class="field">
                    <label for=slug_id.clone()>{t(Msg::CourseSlug)}</label>
                    <input id=slug_id name="slug" required maxlength="64" pattern=crate::validate::ID_PATTERN
                        autocapitalize="none" spellcheck="false" value=new_slug />
                    <FieldMsg field="slug" when=sent />
                </div>
                <div class="field">
                    <label for=title_id.clone()>{t(Msg::Title)}</label>
                    <input id=title_id name="title" required maxlength="200" value=new_title />
                    <FieldMsg field="title" when=sent />
                </div>
                <button type="submit" class="primary">{t(Msg::DuplicateCourse)}</button>
            </PostForm>
        </details>
    }
}

/// A free identifier to suggest for a trainer's copy of course `slug`: the original's followed
/// by the trainer's login, reduced to what an identifier may hold.
pub fn copy_slug(slug: &str, login: &str) -> String {
    let login: String = login
        .to_ascii_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    let login = login.trim_matches('-');
    let base = if login.is_empty() { "copy" } else { login };
    let mut out = format!("{slug}-{base}");
    out.truncate(64);
    out.trim_end_matches('-').to_owned()
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
    /// Whether the last post's field errors belong to this form.
    #[prop(default = true)]
    errors: bool,
) -> impl IntoView {
    let _ = lang;
    view! {
        <div class="field">
            <label for="title">{t(Msg::Title)}</label>
            <input id="title" name="input[title]" required maxlength="200" value=title />
            <FieldMsg field="title" when=errors />
        </div>
        <div class="field">
            <label for="summary">{t(Msg::Summary)}</label>
            <textarea id="summary" name="input[summary]" rows="3" maxlength="2000">{crate::components::page_title::textarea_text(&summary)}</textarea>
            <FieldMsg field="summary" when=errors />
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
                <FieldMsg field="hours" when=errors />
            </div>
        </div>
    }
}
