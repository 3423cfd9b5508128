//! `/tna`: the needs analyst's questionnaires and campaigns.

use super::campaign_status;
use crate::api::tna::get_tna_home;
use crate::components::feedback::{Feedback, FieldMsg, Typed};
use crate::components::forms::{ErrorView, PostForm};
use crate::components::page_title::PageTitle;
use crate::i18n::{Msg, show_date, t};
use leptos::prelude::*;

/// The TNA home page.
#[component]
pub fn TnaHomePage() -> impl IntoView {
    let data = move || {
        Suspend::new(async move {
            match get_tna_home().await {
                Ok(home) => {
                    let copies = home.questionnaires.clone();
                    // Refused, the new-questionnaire form comes back open, as it was sent.
                    let typed = Typed::for_form("/api/tna/questionnaires/create");
                    let refused = typed.is_some();
                    view! {
                        <PageTitle text=t(Msg::TnaTitle) />
                        <h1>{t(Msg::TnaTitle)}</h1>
                        <Feedback />
                        <p class="lead">{t(Msg::TnaIntro)}</p>
                        <p class="actions">
                            <a class="button primary" href="/tna/campaigns/new" id="new-campaign">{t(Msg::NewCampaign)}</a>
                            " "
                            <a class="button" href="/competencies">{t(Msg::CompetencyFrameworkTitle)}</a>
                        </p>
                        <h2>{t(Msg::Campaigns)}</h2>
                        {if home.campaigns.is_empty() {
                            view! { <p class="empty">{t(Msg::NothingYet)}</p> }.into_any()
                        } else {
                            view! {
                                <table class="data" tabindex="0" id="campaigns">
                                    <thead><tr>
                                        <th scope="col">{t(Msg::Title)}</th>
                                        <th scope="col">{t(Msg::Status)}</th>
                                        <th scope="col">{t(Msg::Period)}</th>
                                        <th scope="col">{t(Msg::Agencies)}</th>
                                        <th scope="col" class="num">{t(Msg::Responses)}</th>
                                        <th scope="col">{t(Msg::Results)}</th>
                                    </tr></thead>
                                    <tbody>
                                        {home.campaigns.into_iter().map(|c| view! {
                                            <tr>
                                                <td><a href=format!("/tna/campaigns/{}", c.id)>{c.title.clone()}</a>
                                                    {c.anonymous.then(|| view! { " " <span class="tag">{t(Msg::Anonymous)}</span> })}</td>
                                                <td>{campaign_status(c.status)}</td>
                                                <td>{format!("{} – {}", show_date(&c.opens_on), show_date(&c.closes_on))}</td>
                                                <td>{c.agencies.join(", ")}</td>
                                                <td class="num">{c.responses}</td>
                                                <td><a href=format!("/tna/campaigns/{}/results", c.id)>{t(Msg::Results)}</a></td>
                                            </tr>
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            }.into_any()
                        }}
                        <h2>{t(Msg::Questionnaires)}</h2>
                        <table class="data" tabindex="0" id="questionnaires">
                            <thead><tr>
                                <th scope="col">{t(Msg::Title)}</th>
                                <th scope="col">{t(Msg::VersionCol)}</th>
                                <th scope="col" class="num">{t(Msg::Items)}</th>
                                <th scope="col" class="num">{t(Msg::Campaigns)}</th>
                                <th scope="col">{t(Msg::Status)}</th>
                            </tr></thead>
                            <tbody>
                                {home.questionnaires.into_iter().map(|q| view! {
                                    <tr>
                                        <td><a href=format!("/tna/questionnaires/{}", q.id)>{q.title.clone()}</a></td>
                                        <td>{format!("v{}", q.number)}</td>
                                        <td class="num">{q.items}</td>
                                        <td class="num">{q.campaigns}</td>
                                        <td>{if q.locked { t(Msg::InUseLocked) } else { t(Msg::Editable) }}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                        <details class="panel" open=refused>
                            <summary>{t(Msg::NewQuestionnaire)}</summary>
                            <PostForm action="/api/tna/questionnaires/create" class="stack">
                                <div class="field">
                                    <label for="q-title-en">{t(Msg::TitleEn)}</label>
                                    <input id="q-title-en" name="title_en" required maxlength="300" value=typed.get("title_en") />
                                    <FieldMsg field="title_en" />
                                </div>
                                <div class="field">
                                    <label for="q-title-fr">{t(Msg::TitleFr)}</label>
                                    <input id="q-title-fr" name="title_fr" required maxlength="300" value=typed.get("title_fr") />
                                </div>
                                <div class="field">
                                    <label for="q-copy">{t(Msg::StartFrom)}</label>
                                    <select id="q-copy" name="copy_of">
                                        <option value="">{t(Msg::EmptyQuestionnaire)}</option>
                                        {copies.into_iter().map(|q| {
                                            let selected = typed.chose("copy_of", &q.id.to_string(), false);
                                            view! { <option value=q.id selected=selected>{format!("{} (v{})", q.title, q.number)}</option> }
                                        }).collect_view()}
                                    </select>
                                </div>
                                <button type="submit" class="primary" id="create-questionnaire">{t(Msg::NewQuestionnaire)}</button>
                            </PostForm>
                        </details>
                    }
                    .into_any()
                }
                Err(e) => view! { <ErrorView error=e /> }.into_any(),
            }
        })
    };
    view! { <Suspense fallback=|| ()>{data}</Suspense> }
}
