//! The course editor: metadata, publication, modules and lessons in order.

use super::courses::CourseFields;
use crate::api::authoring::get_course_editor;
use crate::components::feedback::{Feedback, FieldMsg, Typed};
use crate::components::forms::{ErrorView, PostForm};
use crate::components::page_title::PageTitle;
use crate::i18n::{Msg, t, use_lang};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// Up/down buttons posting to `action` for item `id`.
#[component]
fn MoveButtons(action: &'static str, id: i64) -> impl IntoView {
    view! {
        <PostForm action=action class="inline">
            <input type="hidden" name="id" value=id />
            <input type="hidden" name="up" value="true" />
            <button type="submit" class="link-button" title=t(Msg::MoveUp)>"↑"<span class="visually-hidden">{t(Msg::MoveUp)}</span></button>
        </PostForm>
        " "
        <PostForm action=action class="inline">
            <input type="hidden" name="id" value=id />
            <input type="hidden" name="up" value="false" />
            <button type="submit" class="link-button" title=t(Msg::MoveDown)>"↓"<span class="visually-hidden">{t(Msg::MoveDown)}</span></button>
        </PostForm>
    }
}

/// The course editor page.
#[component]
pub fn CourseEditorPage() -> impl IntoView {
    let slug = use_params_map()
        .with_untracked(|p| p.get("slug"))
        .unwrap_or_default();
    let lang = use_lang();
    let data = move || {
        let slug = slug.clone();
        Suspend::new(async move {
            match get_course_editor(slug.clone()).await {
                Ok(c) => {
                    let i = c.input.clone();
                    let (s1, s2, s3) = (i.slug.clone(), i.slug.clone(), i.slug.clone());
                    let s4 = i.slug.clone();
                    let s5 = i.slug.clone();
                    let (copy_slug, copy_title) = (i.slug.clone(), i.title.clone());
                    let learner_url = format!("/courses/{}", i.slug);
                    let bank_url = format!("/author/courses/{}/questions", i.slug);
                    // Refused forms come back as they were sent: each only for the course,
                    // module or lesson it was sent for.
                    let for_course = |action: &str| Typed::for_record(action, "slug", &i.slug);
                    let module_added = for_course("/api/author/modules/add");
                    let course_edited = for_course("/api/author/courses/update");
                    let module_edited = Typed::for_form("/api/author/modules/update");
                    let lesson_added = Typed::for_form("/api/author/lessons/add");
                    view! {
                        <PageTitle text=i.title.clone() />
                        <p class="breadcrumbs"><a href="/author">{t(Msg::AuthoringTitle)}</a></p>
                        <h1>{i.title.clone()} " "
                            {if c.published {
                                view! { <span class="badge badge-ok">{t(Msg::Published)}</span> }.into_any()
                            } else {
                                view! { <span class="badge badge-muted">{t(Msg::Draft)}</span> }.into_any()
                            }}
                        </h1>
                        <Feedback />
                        <p class="actions">
                            <a class="button" href=learner_url>{t(Msg::ViewAsLearner)}</a>
                            " " <a class="button" id="question-bank" href=bank_url>{t(Msg::QuestionBank)} " / " {t(Msg::Quizzes)}</a>
                            " " <a class="button" id="trainer-materials" href=format!("/author/courses/{}/trainer", s5.clone())>{t(Msg::TrainerMaterials)}</a>
                            <PostForm action="/api/author/courses/publish" class="inline">
                                <input type="hidden" name="slug" value=s1 />
                                <input type="hidden" name="published" value=(!c.published).to_string() />
                                <button type="submit" id="publish" class=if c.published { "" } else { "primary" }>
                                    {t(if c.published { Msg::Unpublish } else { Msg::Publish })}
                                </button>
                            </PostForm>
                        </p>
                        <div class="columns">
                            <section class="panel">
                                <h2>{t(Msg::Modules)}</h2>
                                <ol class="outline" id="modules">
                                    {c.modules.into_iter().map(|m| {
                                        let edited = (module_edited.get("id") == Some(m.id.to_string())).then_some(&module_edited);
                                        let title = edited.map_or_else(|| m.title.clone(), |k| k.or("title", m.title.clone()));
                                        let summary = edited.map_or_else(|| m.summary.clone(), |k| k.or("summary", m.summary.clone()));
                                        let new_lesson = lesson_added
                                            .get("title")
                                            .filter(|_| lesson_added.get("module_id") == Some(m.id.to_string()));
                                        view! {
                                        <li class="outline-module">
                                            <h3>{m.title.clone()} " " <MoveButtons action="/api/author/modules/move" id=m.id /></h3>
                                            <details class="module-edit" open=edited.is_some()>
                                                <summary>{t(Msg::Edit)}</summary>
                                                <PostForm action="/api/author/modules/update" class="stack">
                                                    <input type="hidden" name="id" value=m.id />
                                                    <div class="field">
                                                        <label for=format!("module-title-{}", m.id)>{t(Msg::Title)}</label>
                                                        <input id=format!("module-title-{}", m.id) name="title" required maxlength="200" value=title />
                                                    </div>
                                                    <div class="field">
                                                        <label for=format!("module-summary-{}", m.id)>{t(Msg::Summary)}</label>
                                                        <textarea id=format!("module-summary-{}", m.id) name="summary" rows="2">
                                                            {crate::components::page_title::textarea_text(&summary)}
                                                        </textarea>
                                                    </div>
                                                    <button type="submit">{t(Msg::Save)}</button>
                                                </PostForm>
                                            </details>
                                            <ol class="outline-lessons">
                                                {m.lessons.into_iter().map(|l| view! {
                                                    <li>
                                                        <a href=format!("/author/lessons/{}", l.id)>{l.title}</a>
                                                        {(!l.published).then(|| view! { " " <span class="badge badge-muted">{t(Msg::Draft)}</span> })}
                                                        " " <MoveButtons action="/api/author/lessons/move" id=l.id />
                                                    </li>
                                                }).collect_view()}
                                            </ol>
                                            <PostForm action="/api/author/lessons/add" class="row">
                                                <input type="hidden" name="module_id" value=m.id />
                                                <label class="visually-hidden" for=format!("lesson-title-{}", m.id)>{t(Msg::LessonAdd)}</label>
                                                <input id=format!("lesson-title-{}", m.id) name="title" required maxlength="200" placeholder=t(Msg::Title)
                                                    value=new_lesson />
                                                <button type="submit">{t(Msg::LessonAdd)}</button>
                                            </PostForm>
                                        </li>
                                        }
                                    }).collect_view()}
                                </ol>
                                <PostForm action="/api/author/modules/add" class="stack">
                                    <input type="hidden" name="slug" value=s2 />
                                    <div class="field">
                                        <label for="module-title">{t(Msg::ModuleAdd)}</label>
                                        <input id="module-title" name="title" required maxlength="200" placeholder=t(Msg::Title)
                                            value=module_added.get("title") />
                                        <FieldMsg field="title" />
                                    </div>
                                    <input type="hidden" name="summary" value="" />
                                    <button type="submit">{t(Msg::ModuleAdd)}</button>
                                </PostForm>
                            </section>
                            <section class="panel">
                                <h2>{t(Msg::Edit)}</h2>
                                <PostForm action="/api/author/courses/update" class="stack">
                                    <input type="hidden" name="slug" value=s3 />
                                    <CourseFields lang=lang title=course_edited.or("input[title]", i.title.clone())
                                        summary=course_edited.or("input[summary]", i.summary.clone())
                                        audience=course_edited.or("input[audience]", i.audience.clone())
                                        kind=course_edited.or("input[kind]", i.kind.clone())
                                        language=course_edited.or("input[language]", i.language.clone())
                                        hours=course_edited.or("input[hours]", i.hours.clone()) />
                                    <button type="submit" class="primary">{t(Msg::Save)}</button>
                                </PostForm>
                            </section>
                        </div>
                        <super::exercise::CourseExercises slug=s4 />
                        <super::desk::CourseDesk slug=s5 />
                        <section class="panel">
                            <h2>{t(Msg::DuplicateCourse)}</h2>
                            <super::courses::DuplicateCourse slug=copy_slug title=copy_title />
                        </section>
                    }
                    .into_any()
                }
                Err(e) => view! { <ErrorView error=e /> }.into_any(),
            }
        })
    };
    view! { <Suspense fallback=|| ()>{data}</Suspense> }
}
