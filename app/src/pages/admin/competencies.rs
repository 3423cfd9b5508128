//! `/competencies`: the competency framework — areas, competencies, what each proficiency
//! level looks like, and the course modules that build each competency.

use crate::api::agencies::get_competency_framework;
use crate::components::forms::ErrorView;
use crate::components::page_title::PageTitle;
use crate::i18n::{Msg, t};
use leptos::prelude::*;

/// The framework page.
#[component]
pub fn CompetenciesPage() -> impl IntoView {
    let data = move || {
        Suspend::new(async move {
            match get_competency_framework().await {
                Ok(fw) => {
                    let names = fw.level_names.clone();
                    view! {
                        <PageTitle text=t(Msg::CompetencyFrameworkTitle) />
                        <h1>{t(Msg::CompetencyFrameworkTitle)}</h1>
                        <p class="hint">{fw.title.clone()}</p>
                        {fw.areas.into_iter().map(|(area, comps)| {
                            let names = names.clone();
                            view! {
                                <h2>{area}</h2>
                                {comps.into_iter().map(|c| {
                                    let names = names.clone();
                                    view! {
                                        <section class="panel competency" id=c.id.clone()>
                                            <h3>{c.title.clone()}</h3>
                                            <p>{c.description.clone()}</p>
                                            <ol class="descriptors">
                                                {c.levels.iter().enumerate().map(|(i, d)| view! {
                                                    <li><strong>{format!("{} {}", i + 1, names.get(i).cloned().unwrap_or_default())}</strong> " — " {d.clone()}</li>
                                                }).collect_view()}
                                            </ol>
                                            {(!c.builds.is_empty()).then(|| view! {
                                                <p class="hint">{t(Msg::BuiltBy)} ": "
                                                    {c.builds.iter().map(|(course, module)| view! {
                                                        <a href=format!("/courses/{course}")>{module.clone()}</a> " "
                                                    }).collect_view()}
                                                </p>
                                            })}
                                        </section>
                                    }
                                }).collect_view()}
                            }
                        }).collect_view()}
                    }
                    .into_any()
                }
                Err(e) => view! { <ErrorView error=e /> }.into_any(),
            }
        })
    };
    view! { <Suspense fallback=|| ()>{data}</Suspense> }
}
