//! The lesson editor: Markdown with a live preview, metadata, publication, images.

use crate::api::authoring::get_lesson_editor;
use crate::components::feedback::{Feedback, FieldMsg};
use crate::components::forms::{ErrorView, PostForm};
use crate::components::islands::MarkdownEditor;
use crate::components::page_title::PageTitle;
use crate::error::AppError;
use crate::i18n::{Msg, t};
use leptos::prelude::*;

/// The lesson editor page.
#[component]
pub fn LessonEditorPage() -> impl IntoView {
    let id = crate::components::forms::int_param("id");
    let data = move || {
        Suspend::new(async move {
            let Some(id) = id else {
                return view! { <ErrorView error=AppError::NotFound /> }.into_any();
            };
            match get_lesson_editor(id).await {
                Ok(l) => view! {
                    <PageTitle text=format!("{} — {}", t(Msg::EditLesson), l.title) />
                    <p class="breadcrumbs">
                        <a href="/author">{t(Msg::AuthoringTitle)}</a> " › "
                        <a href=format!("/author/courses/{}", l.course_slug)>{l.course_title.clone()}</a>
                    </p>
                    <h1>{l.title.clone()} " "
                        {if l.published {
                            view! { <span class="badge badge-ok">{t(Msg::Published)}</span> }.into_any()
                        } else {
                            view! { <span class="badge badge-muted">{t(Msg::Draft)}</span> }.into_any()
                        }}
                    </h1>
                    <Feedback />
                    <p class="actions">
                        <a class="button" href=format!("/courses/{}/lessons/{}", l.course_slug, l.id)>{t(Msg::ViewAsLearner)}</a>
                        <a class="button" id="translate-lesson" href=format!("/author/lessons/{}/translations/{}", l.id, l.translate_into)>{t(Msg::Translate)}</a>
                        <PostForm action="/api/author/lessons/publish" class="inline">
                            <input type="hidden" name="id" value=l.id />
                            <input type="hidden" name="published" value=(!l.published).to_string() />
                            <button type="submit" id="publish-lesson">{t(if l.published { Msg::Unpublish } else { Msg::Publish })}</button>
                        </PostForm>
                    </p>
                    <PostForm action="/api/author/lessons/update" class="stack panel">
                        <input type="hidden" name="id" value=l.id />
                        <input type="hidden" name="revision" value=l.revision.clone() />
                        <div class="field">
                            <label for="title">{t(Msg::Title)}</label>
                            <input id="title" name="title" required maxlength="200" value=l.title.clone() />
                            <FieldMsg field="title" />
                        </div>
                        <div class="row">
                            <div class="field grow">
                                <label for="objectives">{t(Msg::ObjectivesOnePerLine)}</label>
                                <textarea id="objectives" name="objectives" rows="4">{crate::components::page_title::textarea_text(&l.objectives)}</textarea>
                                <FieldMsg field="objectives" />
                            </div>
                            <div class="field">
                                <label for="duration">{t(Msg::DurationMinutes)}</label>
                                <input id="duration" name="duration" inputmode="numeric" size="5" value=l.duration />
                                <FieldMsg field="duration" />
                            </div>
                        </div>
                        <MarkdownEditor
                            lesson_id=l.id
                            initial=l.body.clone()
                            initial_preview=l.preview.clone()
                            label=t(Msg::Body).to_owned()
                            hint=t(Msg::BodyHint).to_owned()
                            preview_label=t(Msg::Preview).to_owned()
                        />
                        <FieldMsg field="body" />
                        <button type="submit" class="primary" id="save-lesson">{t(Msg::Save)}</button>
                        <section aria-labelledby="images-title">
                        <h2 id="images-title">{t(Msg::Images)}</h2>
                        {if l.images.is_empty() {
                            view! { <p class="empty">{t(Msg::NothingYet)}</p> }.into_any()
                        } else {
                            view! {
                                <ul class="plain" id="images">
                                    {l.images.iter().map(|name| view! { <li><code>{format!("![…]({name})")}</code></li> }).collect_view()}
                                </ul>
                            }.into_any()
                        }}
                        // The image goes with the lesson's form, so what was typed is saved with it
                        // rather than lost when the page comes back.
                        <div class="field">
                            <label for="file">{t(Msg::ImageUpload)}</label>
                            <input type="file" id="file" name="file" accept=".png,.jpg,.jpeg,.webp,.svg" aria-describedby="file-hint" />
                            <span class="hint" id="file-hint">{t(Msg::ImageHint)}</span>
                            <FieldMsg field="file" />
                        </div>
                        <p>
                            <button type="submit" id="upload-image" formaction=format!("/author/lessons/{}/images", l.id) formenctype="multipart/form-data">
                                {t(Msg::UploadAndSave)}
                            </button>
                        </p>
                        </section>
                    </PostForm>
                }
                .into_any(),
                Err(e) => view! { <ErrorView error=e /> }.into_any(),
            }
        })
    };
    view! { <Suspense fallback=|| ()>{data}</Suspense> }
}
