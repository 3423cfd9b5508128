//! A course glossary.

use crate::api::courses::course_glossary;
use crate::components::feedback::Feedback;
use crate::components::forms::ErrorView;
use crate::components::page_title::PageTitle;
use crate::i18n::{Msg, t};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// The terms of a course, alphabetical, each with an anchor lessons link to.
#[component]
pub fn GlossaryPage() -> impl IntoView {
    let slug = use_params_map()
        .with_untracked(|p| p.get("slug"))
        .unwrap_or_default();
    let data = move || {
        let slug = slug.clone();
        Suspend::new(async move {
            match course_glossary(slug).await {
                Ok(g) => view! {
                    <PageTitle text=format!("{} — {}", t(Msg::Glossary), g.course_title) />
                    <p class="breadcrumbs">
                        <a href="/courses">{t(Msg::CoursesTitle)}</a> " › "
                        <a href=format!("/courses/{}", g.course_slug)>{g.course_title.clone()}</a>
                    </p>
                    <h1>{t(Msg::Glossary)}</h1> <Feedback />
                    <dl class="glossary">
                        {g.terms.into_iter().map(|(anchor, original, term, definition)| view! {
                            // A translated term also answers to its original's anchor, which
                            // untranslated lessons and exercise results link to.
                            {match original {
                                Some(a) => view! { <dt id=anchor><span id=a></span>{term}</dt> }.into_any(),
                                None => view! { <dt id=anchor>{term}</dt> }.into_any(),
                            }}
                            <dd>{definition}</dd>
                        }).collect_view()}
                    </dl>
                }
                .into_any(),
                Err(e) => view! { <ErrorView error=e /> }.into_any(),
            }
        })
    };
    view! { <Suspense fallback=|| ()>{data}</Suspense> }
}
