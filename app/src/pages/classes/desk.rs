//! A class's border desk, for its trainers: the shift scenarios the class works (set for the
//! whole course or for this class), every shift its trainees worked with a link to its debrief,
//! and right decisions per case kind.

use crate::api::desk::desk_of_class;
use crate::components::feedback::Feedback;
use crate::components::forms::{ErrorView, int_param};
use crate::components::page_title::PageTitle;
use crate::error::AppError;
use crate::i18n::{Msg, t};
use crate::pages::author::desk::{by_kind_table, scenario_settings, shifts_table};
use leptos::prelude::*;

/// `/classes/:id/desk`.
#[component]
pub fn ClassDeskPage() -> impl IntoView {
    let id = int_param("id");
    let data = move || {
        Suspend::new(async move {
            let Some(id) = id else {
                return view! { <ErrorView error=AppError::NotFound /> }.into_any();
            };
            match desk_of_class(id).await {
                Ok(c) => view! {
                    <PageTitle text=format!("{} — {}", t(Msg::DeskAdminTitle), c.class_name) />
                    <p class="breadcrumbs">
                        <a href="/classes">{t(Msg::ClassesTitle)}</a> " › "
                        <a href=format!("/classes/{}", c.class_id)>{c.class_name.clone()}</a>
                    </p>
                    <h1>{t(Msg::DeskAdminTitle)} " — " {c.class_name.clone()}</h1> <Feedback />
                    <p>{t(Msg::Course)} ": " <a href=format!("/courses/{}#desk", c.course_slug)>{c.course_title.clone()}</a></p>
                    {if c.desk.scenarios.is_empty() {
                        view! { <p class="empty" id="class-desk-none">{t(Msg::DeskClassNoScenarios)}</p> }.into_any()
                    } else {
                        view! { <ul id="desk-scenario-list">{c.desk.scenarios.iter().map(scenario_settings).collect_view()}</ul> }.into_any()
                    }}
                    <h2>{t(Msg::DeskShiftsWorked)}</h2>
                    {shifts_table(&c.desk)}
                    {by_kind_table(&c.desk)}
                }
                .into_any(),
                Err(e) => view! { <ErrorView error=e /> }.into_any(),
            }
        })
    };
    view! { <Suspense fallback=|| ()>{data}</Suspense> }
}
