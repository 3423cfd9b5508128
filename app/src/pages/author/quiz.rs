//! The quiz editor: settings, and what the quiz asks (fixed questions and random draws).

use super::bank::{QuizFields, kind_label, typed_quiz};
use crate::api::quizzes::get_quiz_editor;
use crate::components::feedback::{Feedback, FieldMsg, Typed};
use crate::components::forms::{ErrorView, PostForm};
use crate::components::page_title::PageTitle;
use crate::error::AppError;
use crate::i18n::{Msg, t};
use leptos::prelude::*;

/// `/author/quizzes/:id`.
#[component]
pub fn QuizEditPage() -> impl IntoView {
    let id = crate::components::forms::int_param("id");
    let data = move || {
        Suspend::new(async move {
            let Some(id) = id else {
                return view! { <ErrorView error=AppError::NotFound /> }.into_any();
            };
            match get_quiz_editor(id).await {
                Ok(e) => {
                    let items = e.items.clone();
                    let categories = e.categories.clone();
                    let questions = e.questions.clone();
                    let draw_categories = e.categories.clone();
                    // Refused forms for this quiz come back as they were sent.
                    let for_quiz = |action: &str| Typed::for_record(action, "id", &id.to_string());
                    let question_added = for_quiz("/api/quizzes/add-question");
                    let draw_added = for_quiz("/api/quizzes/add-draw");
                    let edited = for_quiz("/api/quizzes/update");
                    view! {
                    <PageTitle text=e.input.title.clone() />
                    <p class="breadcrumbs">
                        <a href=format!("/author/courses/{}", e.course_slug)>{e.course_title.clone()}</a>
                        " › "
                        <a href=format!("/author/courses/{}/questions", e.course_slug)>{t(Msg::QuestionBank)}</a>
                        {e.class.clone().map(|(k, name)| view! {
                            " › " <a href=format!("/classes/{k}/quizzes")>{name} " — " {t(Msg::Quizzes)}</a>
                        })}
                    </p>
                    <h1>{t(Msg::EditQuiz)} ": " {e.input.title.clone()}</h1>
                    <Feedback />
                    {e.class.clone().map(|(k, name)| view! {
                        <p class="banner" id="class-only">{t(Msg::ForClassOnly)} " "
                            <a href=format!("/classes/{k}")>{name}</a></p>
                    })}
                    <p><a href=format!("/quizzes/{id}")>{t(Msg::StartAttempt)}</a></p>
                    <h2>{t(Msg::QuizItems)}</h2>
                    {if items.is_empty() {
                        view! { <p class="empty">{t(Msg::NothingYet)}</p> }.into_any()
                    } else {
                        view! {
                            <ol class="quiz-items" id="quiz-items">
                                {items.clone().into_iter().map(|i| view! {
                                    <li>
                                        {if i.draw > 0 {
                                            crate::i18n::tr(Msg::RandomFromBank, &[("n", i64::from(i.draw).into()), ("bank", i.label.clone().into())])
                                        } else {
                                            i.label.clone()
                                        }}
                                        " "
                                        <PostForm action="/api/quizzes/remove-item" class="inline">
                                            <input type="hidden" name="item" value=i.id />
                                            <button type="submit" class="link-button">{t(Msg::Remove)}</button>
                                        </PostForm>
                                    </li>
                                }).collect_view()}
                            </ol>
                        }.into_any()
                    }}
                    <div class="columns">
                        <section class="panel">
                            <PostForm action="/api/quizzes/add-question" class="stack">
                                <input type="hidden" name="id" value=id />
                                <div class="field">
                                    <label for="add-question">{t(Msg::AddQuestion)}</label>
                                    <select id="add-question" name="question" required>
                                        {categories.clone().into_iter().map(|c| {
                                            let qs: Vec<_> = questions.iter().filter(|q| q.category_id == c.id).cloned().collect();
                                            view! {
                                                <optgroup label=c.name.clone()>
                                                    {qs.into_iter().map(|q| {
                                                        let selected = question_added.chose("question", &q.id.to_string(), false);
                                                        view! { <option value=q.id selected=selected>{format!("{} ({})", q.title, kind_label(q.kind))}</option> }
                                                    }).collect_view()}
                                                </optgroup>
                                            }
                                        }).collect_view()}
                                    </select>
                                    <FieldMsg field="question" />
                                </div>
                                <button type="submit">{t(Msg::Add)}</button>
                            </PostForm>
                        </section>
                        <section class="panel">
                            <PostForm action="/api/quizzes/add-draw" class="stack">
                                <input type="hidden" name="id" value=id />
                                <div class="field">
                                    <label for="add-draw">{t(Msg::AddDraw)}</label>
                                    <select id="add-draw" name="category" required>
                                        {draw_categories.clone().into_iter().map(|c| {
                                            let selected = draw_added.chose("category", &c.id.to_string(), false);
                                            view! { <option value=c.id selected=selected>{format!("{} ({})", c.name, c.questions)}</option> }
                                        }).collect_view()}
                                    </select>
                                    <FieldMsg field="category" />
                                </div>
                                <div class="field">
                                    <label for="draw-count">{t(Msg::Count)}</label>
                                    <input id="draw-count" name="count" type="number" min="1" value=draw_added.or("count", "1") required />
                                    <FieldMsg field="count" />
                                </div>
                                <button type="submit">{t(Msg::Add)}</button>
                            </PostForm>
                        </section>
                    </div>
                    <h2>{t(Msg::Settings)}</h2>
                    <PostForm action="/api/quizzes/update" class="stack">
                        <input type="hidden" name="id" value=id />
                        <QuizFields input=typed_quiz(&edited, e.input.clone()) />
                        <button type="submit" class="primary">{t(Msg::Save)}</button>
                    </PostForm>
                    }
                    .into_any()
                }
                Err(e) => view! { <ErrorView error=e /> }.into_any(),
            }
        })
    };
    view! { <Suspense fallback=|| ()>{data}</Suspense> }
}
