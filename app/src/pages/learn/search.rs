//! Full-text search over lessons.

use super::SearchBox;
use crate::api::courses::search_lessons;
use crate::components::feedback::Feedback;
use crate::components::forms::ErrorView;
use crate::components::page_title::PageTitle;
use crate::components::pagination::query_text;
use crate::i18n::{Msg, t};
use leptos::prelude::*;

/// Search results.
#[component]
pub fn SearchPage() -> impl IntoView {
    let q = query_text("q");
    let data = {
        let q = q.clone();
        move || {
            let q = q.clone();
            Suspend::new(async move {
                if q.trim().is_empty() {
                    return ().into_any();
                }
                match search_lessons(q.clone()).await {
                    Ok(hits) if hits.is_empty() => view! { <p class="empty">{t(Msg::SearchNoResults)}</p> }.into_any(),
                    Ok(hits) => view! {
                        <p>{t(Msg::SearchResultsFor)} " “" {q.clone()} "”: " {hits.len()}</p>
                        <ol class="search-results">
                            {hits.into_iter().map(|h| view! {
                                <li>
                                    <a href=format!("/courses/{}/lessons/{}", h.course_slug, h.lesson_id)>{h.title}</a>
                                    " " <span class="hint">{h.course_title}</span>
                                    <p class="extract">{h.extract.into_iter().map(|(text, found)| if found {
                                        view! { <mark>{text}</mark> }.into_any()
                                    } else {
                                        text.into_any()
                                    }).collect_view()}</p>
                                </li>
                            }).collect_view()}
                        </ol>
                    }
                    .into_any(),
                    Err(e) => view! { <ErrorView error=e /> }.into_any(),
                }
            })
        }
    };
    view! {
        <PageTitle text=t(Msg::SearchTitle) />
        <h1>{t(Msg::SearchTitle)}</h1> <Feedback />
        <SearchBox value=q />
        <Suspense fallback=|| ()>{data}</Suspense>
    }
}
