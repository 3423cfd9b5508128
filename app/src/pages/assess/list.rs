//! `/assessments`: the assessments the person works on, and opening a new one.

use super::status_label;
use crate::api::capacity::{assessment_countries, list_assessments};
use crate::components::feedback::{Feedback, FieldMsg, Typed};
use crate::components::forms::{ErrorView, PostForm};
use crate::components::page_title::PageTitle;
use crate::i18n::{Msg, t};
use leptos::prelude::*;

/// The list page.
#[component]
pub fn AssessmentsPage() -> impl IntoView {
    let data = move || {
        Suspend::new(async move {
            match (list_assessments().await, assessment_countries().await) {
                (Ok(rows), Ok(countries)) => {
                    // Refused, the new-assessment form comes back as it was sent.
                    let typed = Typed::for_form("/api/assessments/create");
                    let country = typed.or("input[country]", "UTO");
                    view! {
                    <PageTitle text=t(Msg::AssessmentsTitle) />
                    <h1>{t(Msg::AssessmentsTitle)}</h1>
                    <Feedback />
                    {if rows.is_empty() {
                        view! { <p class="empty">{t(Msg::NothingYet)}</p> }.into_any()
                    } else {
                        view! {
                            <table class="data" tabindex="0" id="assessments">
                                <thead><tr>
                                    <th scope="col">{t(Msg::Title)}</th>
                                    <th scope="col">{t(Msg::Country)}</th>
                                    <th scope="col">{t(Msg::Period)}</th>
                                    <th scope="col">{t(Msg::Status)}</th>
                                </tr></thead>
                                <tbody>
                                    {rows.into_iter().map(|r| view! {
                                        <tr>
                                            <td><a href=format!("/assessments/{}", r.id)>{r.title}</a>
                                                {(r.number > 1).then(|| format!(" (v{})", r.number))}</td>
                                            <td>{r.country}</td>
                                            <td>{r.period}</td>
                                            <td>{status_label(r.status)}</td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        }.into_any()
                    }}
                    <details class="panel" open=true>
                        <summary>{t(Msg::NewAssessment)}</summary>
                        <PostForm action="/api/assessments/create" class="stack">
                            <div class="field">
                                <label for="a-title">{t(Msg::Title)}</label>
                                <input id="a-title" name="input[title]" required maxlength="200" value=typed.get("input[title]") />
                                <FieldMsg field="title" />
                            </div>
                            <div class="field">
                                <label for="a-country">{t(Msg::Country)}</label>
                                <select id="a-country" name="input[country]" required>
                                    {countries.into_iter().map(|(code, name)| view! {
                                        <option value=code.clone() selected=code == country>{name}</option>
                                    }).collect_view()}
                                </select>
                                <FieldMsg field="country" />
                            </div>
                            <div class="field">
                                <label for="a-requested">{t(Msg::RequestedBy)}</label>
                                <input id="a-requested" name="input[requested_by]" maxlength="200" value=typed.get("input[requested_by]") />
                            </div>
                            <div class="row">
                                <div class="field">
                                    <label for="a-starts">{t(Msg::StartsOn)}</label>
                                    <input id="a-starts" name="input[starts_on]" type="date" required value=typed.get("input[starts_on]") />
                                    <FieldMsg field="starts_on" />
                                </div>
                                <div class="field">
                                    <label for="a-ends">{t(Msg::EndsOn)}</label>
                                    <input id="a-ends" name="input[ends_on]" type="date" required value=typed.get("input[ends_on]") />
                                    <FieldMsg field="ends_on" />
                                </div>
                            </div>
                            <button type="submit" class="primary">{t(Msg::NewAssessment)}</button>
                        </PostForm>
                    </details>
                    }
                    .into_any()
                }
                (Err(e), _) | (_, Err(e)) => view! { <ErrorView error=e /> }.into_any(),
            }
        })
    };
    view! { <Suspense fallback=|| ()>{data}</Suspense> }
}
