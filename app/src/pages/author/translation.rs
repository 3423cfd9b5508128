//! A lesson's translation into one language, written beside its original.

use crate::api::authoring::get_lesson_translation;
use crate::components::feedback::{Feedback, FieldMsg};
use crate::components::forms::{ErrorView, PostForm};
use crate::components::page_title::{PageTitle, textarea_text};
use crate::error::AppError;
use crate::i18n::{Lang, Msg, language_name, t, tr, use_lang};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// The text direction of content in language `code`.
fn dir_of(code: &str) -> &'static str {
    Lang::from_tag(code).map_or("ltr", Lang::dir)
}

/// The translation editor page: the original on one side, the translation's form on the other,
/// and links to the lesson's other languages.
#[component]
pub fn LessonTranslationPage() -> impl IntoView {
    let id = crate::components::forms::int_param("id");
    let lang = use_params_map().with_untracked(|p| p.get("lang").unwrap_or_default());
    let data = move || {
        let lang = lang.clone();
        Suspend::new(async move {
            let Some(id) = id else {
                return view! { <ErrorView error=AppError::NotFound /> }.into_any();
            };
            let ui = use_lang();
            match get_lesson_translation(id, lang).await {
                Ok(e) => {
                    let target = language_name(ui, &e.language);
                    let heading = tr(Msg::TranslationInto, &[("language", target.clone().into())]);
                    let source = tr(
                        Msg::TranslationSource,
                        &[("language", language_name(ui, &e.source_language).into())],
                    );
                    let dir = dir_of(&e.language);
                    view! {
                        <PageTitle text=format!("{heading} — {}", e.source_title) />
                        <p class="breadcrumbs">
                            <a href="/author">{t(Msg::AuthoringTitle)}</a> " › "
                            <a href=format!("/author/courses/{}", e.course_slug)>{e.course_title.clone()}</a> " › "
                            <a href=format!("/author/lessons/{}", e.id)>{e.source_title.clone()}</a>
                        </p>
                        <h1>{heading.clone()} " "
                            {if e.exists {
                                view! { <span class="badge badge-ok">{t(Msg::TranslatedBadge)}</span> }.into_any()
                            } else {
                                view! { <span class="badge badge-muted">{t(Msg::NotTranslatedYet)}</span> }.into_any()
                            }}
                        </h1>
                        <LanguageLinks id=e.id languages=e.languages.clone() current=e.language.clone() />
                        <Feedback />
                        <p class="hint">{t(Msg::TranslationHelp)}</p>
                        <div class="columns">
                            <section class="panel" aria-labelledby="source-title">
                                <h2 id="source-title">{source}</h2>
                                <div lang=e.source_language.clone() dir=dir_of(&e.source_language)>
                                    <p><strong>{e.source_title.clone()}</strong></p>
                                    <ul>{e.source_objectives.iter().map(|o| view! { <li>{o.clone()}</li> }).collect_view()}</ul>
                                    <label for="source-body" class="visually-hidden">{t(Msg::Body)}</label>
                                    <textarea id="source-body" readonly rows="24">{textarea_text(&e.source_body)}</textarea>
                                </div>
                            </section>
                            <PostForm action="/api/author/lessons/translate" class="stack panel">
                                <input type="hidden" name="id" value=e.id />
                                <input type="hidden" name="lang" value=e.language.clone() />
                                <div class="field">
                                    <label for="title">{t(Msg::Title)}</label>
                                    <input id="title" name="title" required maxlength="200" lang=e.language.clone() dir=dir value=e.title.clone() />
                                    <FieldMsg field="title" />
                                </div>
                                <div class="field">
                                    <label for="objectives">{t(Msg::ObjectivesOnePerLine)}</label>
                                    <textarea id="objectives" name="objectives" rows="4" lang=e.language.clone() dir=dir>{textarea_text(&e.objectives)}</textarea>
                                    <FieldMsg field="objectives" />
                                </div>
                                <div class="field">
                                    <label for="body">{t(Msg::Body)}</label>
                                    <textarea id="body" name="body" rows="24" lang=e.language.clone() dir=dir aria-describedby="body-hint">{textarea_text(&e.body)}</textarea>
                                    <span class="hint" id="body-hint">{t(Msg::BodyHint)}</span>
                                    <FieldMsg field="body" />
                                </div>
                                <button type="submit" class="primary" id="save-translation">{t(Msg::SaveTranslation)}</button>
                            </PostForm>
                        </div>
                    }
                    .into_any()
                }
                Err(e) => view! { <ErrorView error=e /> }.into_any(),
            }
        })
    };
    view! { <Suspense fallback=|| ()>{data}</Suspense> }
}

/// Links to a lesson's translations, each saying whether it exists.
#[component]
pub fn LanguageLinks(id: i64, languages: Vec<(String, bool)>, current: String) -> impl IntoView {
    let ui = use_lang();
    view! {
        <nav aria-label=t(Msg::Translations)>
            <ul class="nav-list" id="translations">
                {languages.into_iter().map(|(code, done)| {
                    let name = language_name(ui, &code);
                    let state = t(if done { Msg::TranslatedBadge } else { Msg::NotTranslatedYet });
                    let href = format!("/author/lessons/{id}/translations/{code}");
                    let here = (code == current).then_some("page");
                    view! { <li><a href=href aria-current=here>{name}</a> " (" {state} ")"</li> }
                }).collect_view()}
            </ul>
        </nav>
    }
}
