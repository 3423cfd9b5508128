//! A class's own document exercises, for its trainers: the list (drafts included) and the two
//! ways to a new one, set for this class alone on a course that others may maintain.

use crate::api::exercises::get_class_exercises;
use crate::components::feedback::Feedback;
use crate::components::forms::{ErrorView, int_param};
use crate::components::page_title::PageTitle;
use crate::error::AppError;
use crate::i18n::{Msg, t};
use crate::pages::author::exercise::{NewExercise, exercise_table};
use leptos::prelude::*;

/// `/classes/:id/exercises`.
#[component]
pub fn ClassExercisesPage() -> impl IntoView {
    let id = int_param("id");
    let data = move || {
        Suspend::new(async move {
            let Some(id) = id else {
                return view! { <ErrorView error=AppError::NotFound /> }.into_any();
            };
            match get_class_exercises(id).await {
                Ok(c) => view! {
                    <PageTitle text=format!("{} — {}", t(Msg::Exercises), c.class_name) />
                    <p class="breadcrumbs">
                        <a href="/classes">{t(Msg::ClassesTitle)}</a> " › "
                        <a href=format!("/classes/{}", c.class_id)>{c.class_name.clone()}</a>
                    </p>
                    <h1>{t(Msg::Exercises)} " — " {c.class_name.clone()}</h1>
                    <Feedback />
                    <p>{t(Msg::Course)} ": " <a href=format!("/courses/{}#exercises", c.course_slug)>{c.course_title.clone()}</a></p>
                    <p class="hint">{t(Msg::ClassExercisesHelp)}</p>
                    {if c.exercises.is_empty() {
                        view! { <p class="empty" id="class-exercises-none">{t(Msg::NothingYet)}</p> }.into_any()
                    } else {
                        exercise_table("class-exercise-list", c.exercises).into_any()
                    }}
                    <section class="panel" id="new-class-exercise">
                        <NewExercise action=format!("/classes/{id}/exercises") />
                    </section>
                }
                .into_any(),
                Err(e) => view! { <ErrorView error=e /> }.into_any(),
            }
        })
    };
    view! { <Suspense fallback=|| ()>{data}</Suspense> }
}
