//! `/tna/campaigns/:id`: a campaign's settings and progress (response rate per agency), its
//! status, the paper route (printable questionnaire, template, import) and the way to results.

use super::campaign_status;
use crate::api::tna::get_campaign;
use crate::components::feedback::Feedback;
use crate::components::forms::{CsrfField, ErrorView, PostForm, int_param};
use crate::components::page_title::PageTitle;
use crate::i18n::{Msg, show_date, t};
use crate::model::CampaignStatus;
use crate::model::tna::PaperImport;
use leptos::prelude::*;

/// The campaign page.
#[component]
pub fn CampaignPage() -> impl IntoView {
    let id = int_param("id");
    let outcome = use_context::<PaperImport>();
    let data = move || {
        let outcome = outcome.clone();
        Suspend::new(async move {
            let Some(id) = id else {
                return view! { <ErrorView error=crate::error::AppError::NotFound /> }.into_any();
            };
            match get_campaign(id).await {
                Ok(c) => {
                    let r = c.row.clone();
                    let steps: Vec<(&str, Msg)> = match r.status {
                        CampaignStatus::Draft => {
                            vec![(CampaignStatus::Open.code(), Msg::OpenCampaign)]
                        }
                        CampaignStatus::Open => {
                            vec![(CampaignStatus::Closed.code(), Msg::CloseCampaign)]
                        }
                        CampaignStatus::Closed => {
                            vec![(CampaignStatus::Open.code(), Msg::ReopenCampaign)]
                        }
                    };
                    view! {
                        <PageTitle text=r.title.clone() />
                        <p class="breadcrumbs"><a href="/tna">{t(Msg::TnaTitle)}</a></p>
                        <h1>{r.title.clone()}</h1>
                        <Feedback />
                        {outcome.map(|o| if o.problems.is_empty() {
                            view! { <p class="banner banner-ok" role="status" id="paper-outcome">{crate::i18n::tr(Msg::PaperImportedCount, &[("n", o.imported.into())])}</p> }.into_any()
                        } else {
                            view! {
                                <section class="banner banner-error" role="alert" id="paper-outcome">
                                    <p>{t(Msg::PaperRefused)}</p>
                                    <ul>{o.problems.into_iter().map(|p| view! {
                                        <li>{if p.line > 0 { format!("{} {}", t(Msg::Line), p.line) } else { String::new() }}
                                            {p.column.map(|c| format!(" [{c}]"))} ": " {t(p.message)}</li>
                                    }).collect_view()}</ul>
                                </section>
                            }.into_any()
                        })}
                        <dl class="facts">
                            <dt>{t(Msg::Status)}</dt><dd id="campaign-status">{campaign_status(r.status)}</dd>
                            <dt>{t(Msg::Questionnaire)}</dt><dd><a href=format!("/tna/questionnaires/{}", r.questionnaire.0)>{r.questionnaire.1.clone()}</a></dd>
                            <dt>{t(Msg::Period)}</dt><dd>{format!("{} – {}", show_date(&r.opens_on), show_date(&r.closes_on))}</dd>
                            <dt>{t(Msg::Anonymity)}</dt><dd>{if r.anonymous { t(Msg::Anonymous) } else { t(Msg::Named) }} " · " {t(Msg::MinGroup)} " " {r.min_group}</dd>
                            <dt>{t(Msg::Positions)}</dt><dd>{if c.positions.is_empty() { t(Msg::AllPositions).to_owned() } else { c.positions.join(", ") }}</dd>
                        </dl>
                        <p class="actions">
                            {steps.into_iter().map(|(to, label)| view! {
                                <PostForm action="/api/tna/campaigns/status" class="inline">
                                    <input type="hidden" name="id" value=id />
                                    <input type="hidden" name="status" value=to />
                                    <button type="submit" class="primary" id=format!("status-{to}")>{t(label)}</button>
                                </PostForm>
                                " "
                            }).collect_view()}
                            <a class="button" href=format!("/tna/campaigns/{id}/results") id="results-link">{t(Msg::Results)}</a>
                            {(!r.anonymous).then(|| view! { " " <a class="button" href=format!("/tna/campaigns/{id}/answers.csv")>{t(Msg::IndividualAnswers)}</a> })}
                        </p>
                        <h2>{t(Msg::ResponseRate)}</h2>
                        <table class="data" tabindex="0" id="progress">
                            <thead><tr>
                                <th scope="col">{t(Msg::Agency)}</th>
                                <th scope="col">{t(Msg::Country)}</th>
                                <th scope="col" class="num">{t(Msg::Invited)}</th>
                                <th scope="col" class="num">{t(Msg::SelfAssessments)}</th>
                                <th scope="col" class="num">{t(Msg::SupervisorAssessments)}</th>
                                <th scope="col" class="num">{t(Msg::PaperResponses)}</th>
                                <th scope="col" class="num">{t(Msg::InProgress)}</th>
                                <th scope="col" class="num">{t(Msg::ResponseRate)}</th>
                            </tr></thead>
                            <tbody>
                                {c.progress.into_iter().map(|p| view! {
                                    <tr>
                                        <td>{p.agency.clone()}</td>
                                        <td>{p.country.clone()}</td>
                                        <td class="num">{p.invited}</td>
                                        <td class="num">{p.responded}</td>
                                        <td class="num">{p.supervisors}</td>
                                        <td class="num">{p.paper}</td>
                                        <td class="num">{p.drafts}</td>
                                        <td class="num">{p.rate.map_or_else(|| "–".to_owned(), |r| format!("{:.0} %", r * 100.0))}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                        <p class="hint">{t(Msg::ResponseRateHint)}</p>
                        <section class="panel">
                            <h2>{t(Msg::PaperRoute)}</h2>
                            <p>{t(Msg::PaperRouteHint)}</p>
                            <p class="actions">
                                <a class="button" href=format!("/tna/questionnaires/{}/print", r.questionnaire.0)>{t(Msg::PaperVersion)}</a>
                                " "
                                <a class="button" href=format!("/tna/campaigns/{id}/template.csv")>{t(Msg::PaperTemplate)}</a>
                            </p>
                            <form method="post" action=format!("/tna/campaigns/{id}/paper") enctype="multipart/form-data" class="stack">
                                <CsrfField />
                                <div class="field">
                                    <label for="paper-file">{t(Msg::PaperFile)}</label>
                                    <input type="file" id="paper-file" name="file" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" required />
                                </div>
                                <button type="submit" id="paper-import">{t(Msg::ImportPaper)}</button>
                            </form>
                        </section>
                    }
                    .into_any()
                }
                Err(e) => view! { <ErrorView error=e /> }.into_any(),
            }
        })
    };
    view! { <Suspense fallback=|| ()>{data}</Suspense> }
}
