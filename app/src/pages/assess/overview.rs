//! `/assessments/:id`: one assessment — details, status, team, scope and the scores by
//! component and element, each element linking to its scoring page.

use super::{RatingLegend, RedFlagList, ScoreCell, status_label, team_role_label};
use crate::api::capacity::{baseline_candidates, get_assessment, get_narrative};
use crate::components::feedback::{Feedback, FieldMsg, Typed};
use crate::components::forms::{ConfirmSubmit, CsrfField, ErrorView, PostForm};
use crate::components::page_title::PageTitle;
use crate::components::page_title::textarea_text;
use crate::error::AppError;
use crate::i18n::{Msg, t};
use crate::model::AssessmentStatus;
use leptos::prelude::*;

/// The overview page.
#[component]
pub fn AssessmentPage() -> impl IntoView {
    let id = crate::components::forms::int_param("id");
    let data = move || {
        Suspend::new(async move {
            let Some(id) = id else {
                return view! { <ErrorView error=AppError::NotFound /> }.into_any();
            };
            let narrative = get_narrative(id).await.ok();
            let baselines = baseline_candidates(id).await.unwrap_or_default();
            match get_assessment(id).await {
                Ok(a) => {
                    let components = a.components.clone();
                    let scope_components = a.components.clone();
                    let team = a.team.clone();
                    let lead = a.is_lead && a.status != AssessmentStatus::Final;
                    let status = a.status;
                    let can_score = a.can_score;
                    let final_lead = a.is_lead && a.status == AssessmentStatus::Final;
                    // Refused forms for this assessment come back as they were sent.
                    let for_assessment =
                        |action: &str| Typed::for_record(action, "id", &id.to_string());
                    let baseline_set = for_assessment("/api/assessments/baseline");
                    let member_added = for_assessment("/api/assessments/member");
                    let narrative_saved = for_assessment("/api/assessments/narrative-save");
                    let scope_set = Typed::for_form(&format!("/assessments/{id}/scope"));
                    view! {
                        <PageTitle text=a.title.clone() />
                        <p class="breadcrumbs"><a href="/assessments">{t(Msg::AssessmentsTitle)}</a></p>
                        <h1>{a.title.clone()} " " <span class="badge" id="assessment-status">{status_label(a.status)}</span></h1>
                        <Feedback />
                        <dl class="facts">
                            <dt>{t(Msg::Country)}</dt><dd>{a.country.1.clone()}</dd>
                            <dt>{t(Msg::RequestedBy)}</dt><dd>{a.requested_by.clone()}</dd>
                            <dt>{t(Msg::Period)}</dt><dd>{a.period.clone()}</dd>
                            <dt>{t(Msg::Framework)}</dt><dd>{a.framework.clone()}</dd>
                        </dl>
                        {lead.then(|| {
                            let steps: Vec<(&str, Msg)> = match status {
                                AssessmentStatus::Draft => vec![(AssessmentStatus::InReview.code(), Msg::SendToReview)],
                                _ => vec![(AssessmentStatus::Draft.code(), Msg::BackToDraft), (AssessmentStatus::Final.code(), Msg::MakeFinal)],
                            };
                            view! {
                                <p class="actions">
                                    {steps.into_iter().map(|(to, label)| view! {
                                        <PostForm action="/api/assessments/status" class="inline">
                                            <input type="hidden" name="id" value=id />
                                            <input type="hidden" name="status" value=to />
                                            {if to == AssessmentStatus::Final.code() {
                                                view! { <ConfirmSubmit label=t(label).to_string() question=Msg::ConfirmFinal id=format!("status-{to}") /> }.into_any()
                                            } else {
                                                view! { <button type="submit" id=format!("status-{to}")>{t(label)}</button> }.into_any()
                                            }}
                                        </PostForm>
                                        " "
                                    }).collect_view()}
                                </p>
                            }
                        })}
                        <p class="actions">
                            <a class="button" id="report-link" href=format!("/assessments/{id}/report")>{t(Msg::CountryReport)}</a>
                            {final_lead.then(|| view! {
                                " "
                                <PostForm action="/api/assessments/new-version" class="inline">
                                    <input type="hidden" name="id" value=id />
                                    <button type="submit" id="new-version">{t(Msg::NewVersion)}</button>
                                </PostForm>
                            })}
                        </p>
                        {(lead && !baselines.is_empty()).then(|| view! {
                            <PostForm action="/api/assessments/baseline" class="row">
                                <input type="hidden" name="id" value=id />
                                <label for="baseline">{t(Msg::Baseline)}</label>
                                <select id="baseline" name="baseline">
                                    <option value="">{t(Msg::NoBaseline)}</option>
                                    {baselines.into_iter().map(|(bid, label)| {
                                        let selected = baseline_set.chose("baseline", &bid.to_string(), false);
                                        view! { <option value=bid selected=selected>{label}</option> }
                                    }).collect_view()}
                                </select>
                                <button type="submit">{t(Msg::Save)}</button>
                                <FieldMsg field="baseline" />
                            </PostForm>
                        })}
                        {(!a.to_reconcile.is_empty()).then(|| {
                            let rows = a.to_reconcile.clone();
                            view! {
                                <section class="panel" id="to-reconcile">
                                    <h2>{format!("{} ({})", t(Msg::ToReconcileTitle), rows.len())}</h2>
                                    <p class="hint">{t(Msg::ToReconcileHint)}</p>
                                    <table class="data" tabindex="0">
                                        <thead><tr>
                                            <th scope="col">{t(Msg::Element)}</th>
                                            <th scope="col">{t(Msg::Indicator)}</th>
                                            <th scope="col">{t(Msg::ScoresGiven)}</th>
                                        </tr></thead>
                                        <tbody>
                                            {rows.into_iter().map(|r| view! {
                                                <tr>
                                                    <td>{r.element}</td>
                                                    <td><a href=format!("/assessments/{id}/elements/{}#{}", r.element_id, r.indicator_id)>{r.indicator}</a></td>
                                                    <td>{r.judgements.iter().map(|j| j.map(|l| l.to_string()).unwrap_or_else(|| t(Msg::NotApplicableShort).to_owned())).collect::<Vec<_>>().join(", ")}</td>
                                                </tr>
                                            }).collect_view()}
                                        </tbody>
                                    </table>
                                </section>
                            }
                        })}
                        <RedFlagList flags=a.red_flags.clone() assessment=id lang=a.framework_language.clone() />
                        <h2>{t(Msg::Overall)} " " <ScoreCell score=a.overall.clone() /></h2>
                        <table class="data" tabindex="0" id="scores">
                            <tbody>
                                {components.into_iter().map(|c| view! {
                                    <tr class="component-row">
                                        <th scope="row" lang=a.framework_language.clone()>{c.title.clone()}</th>
                                        <td><ScoreCell score=c.score.clone() /></td>
                                        <td></td>
                                    </tr>
                                    {c.elements.into_iter().filter(|e| e.in_scope).map(|e| view! {
                                        <tr>
                                            <td class="indent" lang=a.framework_language.clone()>{e.title.clone()}</td>
                                            <td><ScoreCell score=e.score.clone() /></td>
                                            <td>
                                                <a href=format!("/assessments/{id}/elements/{}", e.id)>
                                                    {t(if can_score { Msg::ScoreElement } else { Msg::View })}
                                                </a>
                                            </td>
                                        </tr>
                                    }).collect_view()}
                                }).collect_view()}
                            </tbody>
                        </table>
                        <RatingLegend />
                        <div class="columns">
                            <section class="panel">
                                <h2>{t(Msg::Team)}</h2>
                                <ul id="team">
                                    {team.into_iter().map(|m| view! {
                                        <li><bdi>{m.name}</bdi> " " <code>{m.login}</code> " — " {team_role_label(m.role)}</li>
                                    }).collect_view()}
                                </ul>
                                {lead.then(|| view! {
                                    <PostForm action="/api/assessments/member" class="stack">
                                        <input type="hidden" name="id" value=id />
                                        <div class="field">
                                            <label for="member-login">{t(Msg::Login)}</label>
                                            <input id="member-login" name="login" required maxlength="64" autocapitalize="none"
                                                value=member_added.get("login") />
                                            <FieldMsg field="login" />
                                        </div>
                                        <div class="field">
                                            <label for="member-role">{t(Msg::TeamRole)}</label>
                                            <select id="member-role" name="role">
                                                <option value="assessor" selected=member_added.chose("role", "assessor", false)>{t(Msg::RoleAssessorMember)}</option>
                                                <option value="counterpart" selected=member_added.chose("role", "counterpart", false)>{t(Msg::RoleCounterpart)}</option>
                                                <option value="lead" selected=member_added.chose("role", "lead", false)>{t(Msg::RoleLead)}</option>
                                            </select>
                                        </div>
                                        <button type="submit">{t(Msg::AddToTeam)}</button>
                                    </PostForm>
                                })}
                            </section>
                            {lead.then(|| view! {
                                <section class="panel">
                                    <h2>{t(Msg::Scope)}</h2>
                                    <p class="hint">{t(Msg::ScopeHelp)}</p>
                                    <form method="post" action=format!("/assessments/{id}/scope") class="stack" id="scope-form">
                                        <CsrfField />
                                        {scope_components.into_iter().map(|c| view! {
                                            <fieldset>
                                                <legend>{c.title.clone()}</legend>
                                                {c.elements.into_iter().map(|e| view! {
                                                    <label class="check">
                                                        <input type="checkbox" name="element" value=e.id.clone() checked=scope_set.chose("element", &e.id, e.in_scope) />
                                                        " " {e.title.clone()}
                                                    </label>
                                                }).collect_view()}
                                            </fieldset>
                                        }).collect_view()}
                                        <FieldMsg field="scope" />
                                        <button type="submit">{t(Msg::Save)}</button>
                                    </form>
                                </section>
                            })}
                        </div>
                        {narrative.filter(|_| can_score).map(|(summary, methodology, version)| view! {
                            <section class="panel" id="narrative">
                                <h2>{t(Msg::Narrative)}</h2>
                                <PostForm action="/api/assessments/narrative-save" class="stack">
                                    <input type="hidden" name="id" value=id />
                                    <input type="hidden" name="version" value=version />
                                    <div class="field">
                                        <label for="summary">{t(Msg::ExecutiveSummary)}</label>
                                        <textarea id="summary" name="summary" rows="8">{textarea_text(&narrative_saved.or("summary", summary))}</textarea>
                                        <FieldMsg field="summary" />
                                    </div>
                                    <div class="field">
                                        <label for="methodology">{t(Msg::Methodology)}</label>
                                        <textarea id="methodology" name="methodology" rows="6">{textarea_text(&narrative_saved.or("methodology", methodology))}</textarea>
                                    </div>
                                    <button type="submit">{t(Msg::Save)}</button>
                                </PostForm>
                            </section>
                        })}
                    }
                    .into_any()
                }
                Err(e) => view! { <ErrorView error=e /> }.into_any(),
            }
        })
    };
    view! { <Suspense fallback=|| ()>{data}</Suspense> }
}
