//! `/tna/campaigns/:id/results`: the heat map (competency × agency, by gap or need), the top
//! needs, ranked priorities with their confidence, a drill-down to positions, the recommended
//! training plan, and the exports.

use super::fig;
use crate::api::tna::get_tna_results;
use crate::components::charts::{ChartBox, FiguresTable};
use crate::components::feedback::Feedback;
use crate::components::forms::{ErrorView, int_param};
use crate::components::page_title::PageTitle;
use crate::i18n::{Msg, decimal, t};
use crate::model::tna::{BarrierRow, CauseCode, GapRow, PlanRow, ViewFinding, ViewRow, ViewSide};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// A group's count, marked when the group is under the minimum size but shown (a named
/// campaign).
fn count_cell(n: usize, caution: bool) -> impl IntoView {
    view! {
        <td class="num">
            {n}
            {caution.then(|| view! { <abbr class="caution-mark" title=t(Msg::SmallGroupCaution)>"*"</abbr> })}
        </td>
    }
}

/// The table of gap rows (`by_position`: with the position column).
pub fn gap_table(rows: Vec<GapRow>, by_position: bool, id: &'static str) -> impl IntoView {
    view! {
        <table class="data" tabindex="0" id=id>
            <thead><tr>
                <th scope="col">{t(Msg::CompetencyCol)}</th>
                {by_position.then(|| view! { <th scope="col">{t(Msg::Position)}</th> })}
                <th scope="col" class="num">{t(Msg::Respondents)}</th>
                <th scope="col" class="num">{t(Msg::NotMyJobCol)}</th>
                <th scope="col" class="num">{t(Msg::RequiredLevel)}</th>
                <th scope="col" class="num">{t(Msg::AssessedLevel)}</th>
                <th scope="col" class="num">{t(Msg::Gap)}</th>
                <th scope="col" class="num">{t(Msg::NeedIndex)}</th>
                <th scope="col" class="num">{t(Msg::Confidence95)}</th>
            </tr></thead>
            <tbody>
                {rows.into_iter().map(|r| view! {
                    <tr class=if r.withheld { "withheld" } else if r.caution { "caution" } else { "" }>
                        <td>{r.title.clone()}</td>
                        {by_position.then(|| view! { <td>{if r.position.is_empty() { "–".to_owned() } else { r.position.clone() }}</td> })}
                        {count_cell(r.n, r.caution)}
                        {if r.withheld {
                            view! { <td colspan="6" class="hint">{t(Msg::Withheld)}</td> }.into_any()
                        } else {
                            view! {
                                <td class="num">{r.not_my_job}</td>
                                <td class="num">{fig(r.required)}</td>
                                <td class="num">{fig(r.assessed)}</td>
                                <td class="num">{fig(r.gap)}</td>
                                <td class="num">{fig(r.need)}</td>
                                <td class="num">{r.confidence.map(|c| format!("± {}", decimal(c, 2))).unwrap_or_default()}</td>
                            }.into_any()
                        }}
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}

/// Officers' and supervisors' views side by side.
fn views_table(rows: Vec<ViewRow>) -> impl IntoView {
    let side = |s: &ViewSide| {
        let level = match s.assessed {
            Some(v) => view! { {fig(Some(v))} }.into_any(),
            None => view! { <span class="hint">{t(Msg::WithheldShort)}</span> }.into_any(),
        };
        view! { {count_cell(s.n, s.caution)} <td class="num">{level}</td> }
    };
    view! {
        <table class="data" tabindex="0" id="views">
            <thead><tr>
                <th scope="col">{t(Msg::CompetencyCol)}</th>
                <th scope="col">{t(Msg::Agency)}</th>
                <th scope="col" class="num">{t(Msg::OfficersAnswers)}</th>
                <th scope="col" class="num">{t(Msg::OfficersView)}</th>
                <th scope="col" class="num">{t(Msg::SupervisorsAnswers)}</th>
                <th scope="col" class="num">{t(Msg::SupervisorsView)}</th>
                <th scope="col" class="num">{t(Msg::ViewDifference)}</th>
                <th scope="col">{t(Msg::Finding)}</th>
            </tr></thead>
            <tbody>
                {rows.into_iter().map(|r| {
                    let finding = r.finding.map(|f| match f {
                        ViewFinding::Agree => view! { <span>{t(Msg::ViewsAgree)}</span> }.into_any(),
                        ViewFinding::SupervisorsLower => view! { <strong class="finding">{t(Msg::SupervisorsRateLower)}</strong> }.into_any(),
                        ViewFinding::SupervisorsHigher => view! { <strong class="finding">{t(Msg::SupervisorsRateHigher)}</strong> }.into_any(),
                    });
                    view! {
                        <tr data-competency=r.competency.clone()>
                            <td>{r.title.clone()}</td>
                            <td>{r.agency.clone()}</td>
                            {side(&r.officers)}
                            {side(&r.supervisors)}
                            <td class="num">{r.difference.map(|d| format!("{}{}", if d > 0.0 { "+" } else { "" }, decimal(d, 2))).unwrap_or_default()}</td>
                            <td>{finding}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}

/// The name of a cause.
fn cause_label(c: CauseCode) -> &'static str {
    t(match c {
        CauseCode::Equipment => Msg::CauseEquipment,
        CauseCode::Procedures => Msg::CauseProcedures,
        CauseCode::Staffing => Msg::CauseStaffing,
        CauseCode::Training => Msg::CauseTraining,
    })
}

/// What stops people, per section and agency, with the cause that prevails when it is not
/// training.
fn barriers_table(rows: Vec<BarrierRow>) -> impl IntoView {
    view! {
        <table class="data" tabindex="0" id="barriers">
            <thead><tr>
                <th scope="col">{t(Msg::Section)}</th>
                <th scope="col">{t(Msg::Agency)}</th>
                <th scope="col" class="num">{t(Msg::Respondents)}</th>
                {[CauseCode::Equipment, CauseCode::Procedures, CauseCode::Staffing, CauseCode::Training]
                    .into_iter()
                    .map(|c| view! { <th scope="col" class="num">{cause_label(c)} " %"</th> })
                    .collect_view()}
                <th scope="col" class="num">{t(Msg::NothingStops)} " %"</th>
                <th scope="col">{t(Msg::Finding)}</th>
            </tr></thead>
            <tbody>
                {rows.into_iter().map(|r| {
                    let withheld = r.shares.is_empty();
                    view! {
                        <tr class=if withheld { "withheld" } else if r.caution { "caution" } else { "" }>
                            <td>{r.section.clone()}</td>
                            <td>{r.agency.clone()}</td>
                            {count_cell(r.respondents, r.caution)}
                            {if withheld {
                                view! { <td colspan="6" class="hint">{t(Msg::Withheld)}</td> }.into_any()
                            } else {
                                view! {
                                    {r.shares.iter().map(|s| view! { <td class="num">{decimal(*s, 0)}</td> }).collect_view()}
                                    <td>{match r.other_cause {
                                        Some(c) => view! { <strong class="finding">{crate::i18n::tr(Msg::NotTrainingNeed, &[("cause", cause_label(c).into())])}</strong> }.into_any(),
                                        None => view! { <span>{t(Msg::TrainingCanHelp)}</span> }.into_any(),
                                    }}</td>
                                }.into_any()
                            }}
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}

/// The training plan table.
pub fn plan_table(plan: Vec<PlanRow>) -> impl IntoView {
    view! {
        <table class="data" tabindex="0" id="plan">
            <thead><tr>
                <th scope="col" class="num">"#"</th>
                <th scope="col">{t(Msg::Course)}</th>
                <th scope="col">{t(Msg::Module)}</th>
                <th scope="col">{t(Msg::Addresses)}</th>
                <th scope="col" class="num">{t(Msg::PeopleWhoNeedIt)}</th>
                <th scope="col">{t(Msg::Agencies)}</th>
            </tr></thead>
            <tbody>
                {plan.into_iter().map(|p| view! {
                    <tr>
                        <td class="num">{p.order}</td>
                        <td>{if p.course.0.is_empty() { p.course.1.clone().into_any() } else { view! { <a href=format!("/courses/{}", p.course.0)>{p.course.1.clone()}</a> }.into_any() }}</td>
                        <td>{p.module.clone()}</td>
                        <td>{p.competencies.join("; ")}</td>
                        <td class="num">{p.people}</td>
                        <td>{p.agencies.iter().map(|(a, n)| format!("{a} ({n})")).collect::<Vec<_>>().join(", ")}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}

/// The results page.
#[component]
pub fn ResultsPage() -> impl IntoView {
    let id = int_param("id");
    let query = use_query_map();
    let agency = query.with_untracked(|q| q.get("agency").and_then(|a| a.parse::<i64>().ok()));
    let measure = query
        .with_untracked(|q| q.get("measure"))
        .unwrap_or_default();
    let data = move || {
        let measure = measure.clone();
        Suspend::new(async move {
            let Some(id) = id else {
                return view! { <ErrorView error=crate::error::AppError::NotFound /> }.into_any();
            };
            let need = measure == "need";
            match get_tna_results(id, agency, measure).await {
                Ok(r) => {
                    let c = r.campaign.clone();
                    let agencies = r.agencies.clone();
                    view! {
                        <PageTitle text=format!("{} — {}", t(Msg::Results), c.title) />
                        <p class="breadcrumbs"><a href="/tna">{t(Msg::TnaTitle)}</a> " › " <a href=format!("/tna/campaigns/{id}")>{c.title.clone()}</a></p>
                        <h1>{t(Msg::Results)} ": " {c.title.clone()}</h1> <Feedback />
                        <p class="lead">{format!("{} · {}", crate::i18n::tr(Msg::ResponsesCount, &[("n", r.respondents.into())]), crate::i18n::tr(Msg::MinGroupValue, &[("n", i64::from(c.min_group).into())]))}
                            {c.anonymous.then(|| view! { " · " <span class="tag">{t(Msg::Anonymous)}</span> })}</p>
                        <p class="actions no-print">
                            <a class="button" href=format!("/tna/campaigns/{id}/export/csv") id="export-csv">{t(Msg::ExportCsv)}</a>
                            " "
                            <a class="button" href=format!("/tna/campaigns/{id}/export/xlsx") id="export-xlsx">{t(Msg::ExportXlsx)}</a>
                        </p>
                        <h2>{t(Msg::HeatMap)}</h2>
                        <p class="no-print">
                            {if need {
                                view! { <a href=format!("/tna/campaigns/{id}/results")>{t(Msg::ShowGap)}</a> " · " <strong>{t(Msg::NeedIndex)}</strong> }.into_any()
                            } else {
                                view! { <strong>{t(Msg::Gap)}</strong> " · " <a href=format!("/tna/campaigns/{id}/results?measure=need") id="show-need">{t(Msg::ShowNeed)}</a> }.into_any()
                            }}
                        </p>
                        <ChartBox id="heat-map" label=t(Msg::HeatMap) svg=r.heat_svg.clone() />
                        <FiguresTable id="heat-figures"
                            head=std::iter::once(t(Msg::CompetencyCol).to_owned()).chain(r.agencies.iter().map(|a| a.1.clone())).collect()
                            rows=r.heat_figures.clone() />
                        <p class="hint">{t(Msg::HeatMapHint)}</p>
                        {r.country_svg.clone().map(|svg| view! {
                            <h2>{t(Msg::ByCountry)}</h2>
                            <ChartBox id="country-map" label=t(Msg::ByCountry) svg=svg />
                            <FiguresTable id="country-figures"
                                head=std::iter::once(t(Msg::CompetencyCol).to_owned()).chain(r.country_figures.0.iter().cloned()).collect()
                                rows=r.country_figures.1.clone() />
                        })}
                        <h2>{t(Msg::TopNeeds)}</h2>
                        <ChartBox id="top-needs" label=t(Msg::TopNeeds) svg=r.top_svg.clone() />
                        <FiguresTable id="top-figures"
                            head=vec![t(Msg::CompetencyCol).to_owned(), t(Msg::NeedIndex).to_owned()]
                            rows=r.top_figures.clone() />
                        <h2>{t(Msg::TrainingPlan)}</h2>
                        <p class="hint">{t(Msg::TrainingPlanHint)}</p>
                        {if r.plan.is_empty() {
                            view! { <p class="empty">{t(Msg::NoPlan)}</p> }.into_any()
                        } else {
                            plan_table(r.plan.clone()).into_any()
                        }}
                        <h2 id="drill">{t(Msg::ByAgency)}</h2>
                        <form method="get" action=format!("/tna/campaigns/{id}/results#drill") class="row no-print">
                            <label for="drill-agency">{t(Msg::Agency)}</label>
                            <select id="drill-agency" name="agency">
                                {agencies.iter().map(|(aid, name)| view! { <option value=*aid selected=Some(*aid) == agency>{name.clone()}</option> }).collect_view()}
                            </select>
                            <button type="submit" id="drill-go">{t(Msg::Show)}</button>
                        </form>
                        {r.drill.clone().map(|(aid, name, rows)| view! {
                            <h3>{name}</h3>
                            <p class="no-print"><a href=format!("/tna/campaigns/{id}/summary?agency={aid}") id="summary-link">{t(Msg::PrintableSummary)}</a></p>
                            {gap_table(rows, true, "drill-table")}
                        })}
                        <h2>{t(Msg::Priorities)}</h2>
                        {gap_table(r.priorities.clone(), false, "priorities")}
                        <h2 id="views-title">{t(Msg::ViewsTitle)}</h2>
                        <p class="hint">{t(Msg::ViewsHint)}</p>
                        {if r.views.is_empty() {
                            view! { <p class="empty" id="no-views">{t(Msg::NoSupervisorViews)}</p> }.into_any()
                        } else {
                            views_table(r.views.clone()).into_any()
                        }}
                        <h2 id="barriers-title">{t(Msg::BarriersTitle)}</h2>
                        <p class="hint">{t(Msg::BarriersHint)}</p>
                        {if r.barriers.is_empty() {
                            view! { <p class="empty" id="no-barriers">{t(Msg::NoBarriers)}</p> }.into_any()
                        } else {
                            barriers_table(r.barriers.clone()).into_any()
                        }}
                    }
                    .into_any()
                }
                Err(e) => view! { <ErrorView error=e /> }.into_any(),
            }
        })
    };
    view! { <Suspense fallback=|| ()>{data}</Suspense> }
}
