//! `/surveys`: the needs-analysis questionnaires the signed-in person is invited to answer,
//! about their own work or, as a supervisor, about their staff in a position.

use crate::api::tna::get_surveys;
use crate::components::feedback::Feedback;
use crate::components::forms::{ErrorView, PostForm};
use crate::components::page_title::PageTitle;
use crate::i18n::{Msg, show_date, t};
use leptos::prelude::*;

fn state_label(state: &str) -> &'static str {
    match state {
        "submitted" => t(Msg::Submitted),
        "draft" => t(Msg::InProgress),
        _ => t(Msg::NotStarted),
    }
}

/// The surveys page.
#[component]
pub fn SurveysPage() -> impl IntoView {
    let data = move || {
        Suspend::new(async move {
            match get_surveys().await {
                Ok(rows) => view! {
                    <PageTitle text=t(Msg::SurveysTitle) />
                    <h1>{t(Msg::SurveysTitle)}</h1>
                    <Feedback />
                    <p class="lead">{t(Msg::SurveysIntro)}</p>
                    {if rows.is_empty() {
                        view! { <p class="empty" id="no-surveys">{t(Msg::NoSurveys)}</p> }.into_any()
                    } else {
                        rows.into_iter().map(|s| {
                            let cid = s.campaign_id;
                            view! {
                                <section class="panel survey" id=format!("survey-{cid}")>
                                    <h2>{s.title.clone()}</h2>
                                    <p class="hint">{t(Msg::EndsOn)} " " {show_date(&s.closes_on)}
                                        {s.anonymous.then(|| view! { " · " <span class="tag">{t(Msg::Anonymous)}</span> " " {t(Msg::AnonymousPromise)} })}</p>
                                    <p>{t(Msg::AboutMyWork)} ": " <strong>{state_label(&s.own)}</strong> " "
                                        {(s.own != "submitted").then(|| view! {
                                            <PostForm action="/api/tna/responses/start" class="inline">
                                                <input type="hidden" name="campaign" value=cid />
                                                <input type="hidden" name="supervises" value="" />
                                                <button type="submit" class="primary" id=format!("start-{cid}")>{if s.own == "draft" { t(Msg::Continue) } else { t(Msg::Start) }}</button>
                                            </PostForm>
                                        })}
                                    </p>
                                    <details>
                                        <summary>{t(Msg::AsSupervisor)}</summary>
                                        <p class="hint">{t(Msg::AsSupervisorHint)}</p>
                                        <ul>
                                            {s.supervise.into_iter().map(|(pid, title, state)| view! {
                                                <li>{title} ": " {state_label(&state)} " "
                                                    {(state != "submitted").then(|| view! {
                                                        <PostForm action="/api/tna/responses/start" class="inline">
                                                            <input type="hidden" name="campaign" value=cid />
                                                            <input type="hidden" name="supervises" value=pid />
                                                            <button type="submit" id=format!("supervise-{cid}-{pid}")>{if state == "draft" { t(Msg::Continue) } else { t(Msg::Start) }}</button>
                                                        </PostForm>
                                                    })}
                                                </li>
                                            }).collect_view()}
                                        </ul>
                                    </details>
                                </section>
                            }
                        }).collect_view().into_any()
                    }}
                }
                .into_any(),
                Err(e) => view! { <ErrorView error=e /> }.into_any(),
            }
        })
    };
    view! { <Suspense fallback=|| ()>{data}</Suspense> }
}
