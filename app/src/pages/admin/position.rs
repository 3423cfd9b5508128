//! `/admin/positions/:id`: a position's job specification — the level it requires in each
//! competency of the framework, with the level descriptors at hand.

use crate::api::agencies::get_job_specification;
use crate::components::feedback::{Feedback, FieldMsg, Typed};
use crate::components::forms::{CsrfField, ErrorView, int_param};
use crate::components::page_title::PageTitle;
use crate::error::AppError;
use crate::i18n::{Msg, t};
use leptos::prelude::*;

/// The job specification page.
#[component]
pub fn PositionPage() -> impl IntoView {
    let id = int_param("id");
    let data = move || {
        Suspend::new(async move {
            let Some(id) = id else {
                return view! { <ErrorView error=AppError::NotFound /> }.into_any();
            };
            match get_job_specification(id).await {
                Ok(spec) => {
                    let names = spec.level_names.clone();
                    let lang = spec.language.clone();
                    // Refused, the levels come back as they were chosen.
                    let typed = Typed::for_form(&format!("/admin/positions/{id}/specification"));
                    view! {
                        <PageTitle text=format!("{} — {}", t(Msg::JobSpecification), spec.position) />
                        <p class="breadcrumbs"><a href=format!("/admin/agencies/{}", spec.agency.0)>{spec.agency.1.clone()}</a></p>
                        <h1>{t(Msg::JobSpecification)} ": " {spec.position.clone()}</h1>
                        <Feedback />
                        <p class="hint">{t(Msg::JobSpecificationHelp)} " " <a href="/competencies">{t(Msg::CompetencyFrameworkTitle)}</a></p>
                        <FieldMsg field="level" />
                        <form method="post" action=format!("/admin/positions/{id}/specification") id="specification">
                            <CsrfField />
                            {spec.areas.into_iter().map(|(area, rows)| {
                                let names = names.clone();
                                view! {
                                    <h2 lang=lang.clone()>{area}</h2>
                                    <table class="data" tabindex="0">
                                        <thead><tr>
                                            <th scope="col">{t(Msg::CompetencyCol)}</th>
                                            <th scope="col">{t(Msg::RequiredLevel)}</th>
                                        </tr></thead>
                                        <tbody>
                                            {rows.into_iter().map(|r| {
                                                let names = names.clone();
                                                let field = format!("c_{}", r.id);
                                                let select_id = format!("level-{}", r.id);
                                                let label_for = select_id.clone();
                                                let chosen = typed.or(&field, r.required.map(|l| l.to_string()).unwrap_or_default());
                                                view! {
                                                    <tr>
                                                        <td>
                                                            <label for=label_for lang=lang.clone()>{r.title.clone()}</label>
                                                            <details class="hint">
                                                                <summary>"1–5"</summary>
                                                                <ol lang=lang.clone()>{r.levels.iter().map(|l| view! { <li>{l.clone()}</li> }).collect_view()}</ol>
                                                            </details>
                                                        </td>
                                                        <td>
                                                            <select id=select_id name=field>
                                                                <option value="">{t(Msg::NotRequired)}</option>
                                                                {names.iter().enumerate().map(|(i, name)| {
                                                                    let level = i as i32 + 1;
                                                                    view! { <option value=level selected=chosen == level.to_string() lang=lang.clone()>{format!("{level} {name}")}</option> }
                                                                }).collect_view()}
                                                            </select>
                                                        </td>
                                                    </tr>
                                                }
                                            }).collect_view()}
                                        </tbody>
                                    </table>
                                }
                            }).collect_view()}
                            <button type="submit" class="primary" id="save-specification">{t(Msg::Save)}</button>
                        </form>
                    }
                    .into_any()
                }
                Err(e) => view! { <ErrorView error=e /> }.into_any(),
            }
        })
    };
    view! { <Suspense fallback=|| ()>{data}</Suspense> }
}
