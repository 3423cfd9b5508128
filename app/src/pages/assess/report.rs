//! `/assessments/:id/report`: the country report as a web page with print styles — cover,
//! executive summary, methodology, scores with a radar chart and per-element bars, the
//! traffic-light table, findings, recommendations, the road map and the annex.

use super::{RatingLegend, RedFlagList, ScoreCell, status_label};
use crate::api::capacity::get_report;
use crate::components::charts::ChartBox;
use crate::components::feedback::Feedback;
use crate::components::forms::ErrorView;
use crate::components::page_title::PageTitle;
use crate::error::AppError;
use crate::i18n::{Msg, t};
use crate::model::FindingKind;
use leptos::prelude::*;
use std::collections::BTreeMap;

/// A recommendation's priority, in words.
pub fn priority_label(p: &str) -> &'static str {
    t(match p {
        "high" => Msg::PriorityHigh,
        "low" => Msg::PriorityLow,
        _ => Msg::PriorityMedium,
    })
}

fn fmt(x: Option<f64>) -> String {
    x.map(|v| crate::i18n::decimal(v, 2))
        .unwrap_or_else(|| "—".to_owned())
}

fn signed(x: Option<f64>) -> String {
    x.map(|v| {
        let sign = if v >= 0.0 { "+" } else { "" };
        format!("{sign}{}", crate::i18n::decimal(v, 2))
    })
    .unwrap_or_else(|| "—".to_owned())
}

/// The report page.
#[component]
pub fn ReportPage() -> impl IntoView {
    let id = crate::components::forms::int_param("id");
    let data = move || {
        Suspend::new(async move {
            let Some(id) = id else {
                return view! { <ErrorView error=AppError::NotFound /> }.into_any();
            };
            match get_report(id).await {
                Ok(r) => {
                    let a = r.assessment.clone();
                    let titles: BTreeMap<String, String> =
                        r.element_titles.iter().cloned().collect();
                    let titles_b = titles.clone();
                    // Element id → component title, for the road map by component.
                    let component_of: BTreeMap<String, String> = a
                        .components
                        .iter()
                        .flat_map(|c| {
                            c.elements
                                .iter()
                                .map(move |e| (e.id.clone(), c.title.clone()))
                        })
                        .collect();
                    let mut by_component: BTreeMap<String, Vec<(String, String, String)>> =
                        BTreeMap::new();
                    for rec in &r.recommendations {
                        by_component
                            .entry(
                                component_of
                                    .get(&rec.input.element)
                                    .cloned()
                                    .unwrap_or_default(),
                            )
                            .or_default()
                            .push((
                                rec.input.quarter.clone(),
                                rec.input.priority.clone(),
                                rec.input.text.clone(),
                            ));
                    }
                    for items in by_component.values_mut() {
                        items.sort();
                    }
                    let bars: BTreeMap<String, String> = r.element_bars.iter().cloned().collect();
                    let mut roadmap: BTreeMap<String, Vec<(String, String, String)>> =
                        BTreeMap::new();
                    for rec in &r.recommendations {
                        roadmap.entry(rec.input.quarter.clone()).or_default().push((
                            rec.input.priority.clone(),
                            rec.input.text.clone(),
                            rec.input.responsible.clone(),
                        ));
                    }
                    view! {
                        <PageTitle text=format!("{} — {}", t(Msg::CountryReport), a.title) />
                        <article class="report" id="report">
                            <header class="cover">
                                <p class="hint">{t(Msg::CountryReport)} " · " {status_label(a.status)}</p>
                                <h1>{a.title.clone()}</h1> <Feedback />
                                <p class="lead">{a.country.1.clone()} " · " {a.period.clone()}</p>
                                <p>{t(Msg::RequestedBy)} ": " {a.requested_by.clone()}</p>
                                <p>{t(Msg::Framework)} ": " {a.framework.clone()}</p>
                                <p class="no-print">
                                    <a href=format!("/assessments/{id}")>{a.title.clone()}</a>
                                    " · " <a href=format!("/assessments/{id}/export/pdf") download="" id="report-pdf">{t(Msg::DownloadPdfReport)}</a>
                                    " · " <a href=format!("/assessments/{id}/export/md") download="">{t(Msg::DownloadMarkdown)}</a>
                                    " · " <a href=format!("/assessments/{id}/export/html") download="">{t(Msg::DownloadHtml)}</a>
                                </p>
                            </header>
                            <RedFlagList flags=a.red_flags.clone() assessment=id lang=a.framework_language.clone() />
                            <section>
                                <h2>{t(Msg::ExecutiveSummary)}</h2>
                                <div class="lesson-body" inner_html=r.summary_html.clone()></div>
                            </section>
                            <section>
                                <h2>{t(Msg::Methodology)}</h2>
                                <div class="lesson-body" inner_html=r.methodology_html.clone()></div>
                            </section>
                            <section>
                                <h2>{t(Msg::ScoresByComponent)}</h2>
                                <p>{t(Msg::Overall)} ": " <ScoreCell score=a.overall.clone() /></p>
                                <ChartBox label=t(Msg::ScoresByComponent) svg=r.radar_svg.clone() />
                                <table class="data" tabindex="0" id="traffic-lights">
                                    <thead><tr>
                                        <th scope="col">{t(Msg::Component)}</th>
                                        <th scope="col">{t(Msg::Element)}</th>
                                        <th scope="col">{t(Msg::Score)}</th>
                                    </tr></thead>
                                    <tbody>
                                        {a.components.iter().map(|c| view! {
                                            <tr class="component-row"><th scope="row" colspan="2" lang=a.framework_language.clone()>{c.title.clone()}</th><td><ScoreCell score=c.score.clone() /></td></tr>
                                            {c.elements.iter().filter(|e| e.in_scope).map(|e| view! {
                                                <tr><td></td><td lang=a.framework_language.clone()>{e.title.clone()}</td><td><ScoreCell score=e.score.clone() /></td></tr>
                                            }).collect_view()}
                                        }).collect_view()}
                                    </tbody>
                                </table>
                                <RatingLegend />
                                {a.components.iter().map(|c| view! {
                                    <h3>{c.title.clone()}</h3>
                                    <ChartBox label=c.title.clone() svg=bars.get(&c.id).cloned().unwrap_or_default() />
                                }).collect_view()}
                            </section>
                            {r.baseline.clone().map(|b| view! {
                                <section id="comparison">
                                    <h2>{t(Msg::ComparedWithBaseline)}</h2>
                                    <p>{t(Msg::Baseline)} ": " {b.title.clone()}</p>
                                    <table class="data" tabindex="0">
                                        <thead><tr>
                                            <th scope="col">{t(Msg::Component)}</th>
                                            <th scope="col">{t(Msg::Baseline)}</th>
                                            <th scope="col">{t(Msg::Score)}</th>
                                            <th scope="col">{t(Msg::Change)}</th>
                                        </tr></thead>
                                        <tbody>
                                            <tr class="component-row">
                                                <th scope="row">{t(Msg::Overall)}</th>
                                                <td>{fmt(b.overall.before)}</td><td>{fmt(b.overall.after)}</td><td>{signed(b.overall.change)}</td>
                                            </tr>
                                            {b.components.into_iter().map(|c| view! {
                                                <tr><td>{c.title}</td><td>{fmt(c.before)}</td><td>{fmt(c.after)}</td><td>{signed(c.change)}</td></tr>
                                            }).collect_view()}
                                        </tbody>
                                    </table>
                                    <table class="data annex" tabindex="0">
                                        <thead><tr>
                                            <th scope="col">{t(Msg::Indicator)}</th>
                                            <th scope="col">{t(Msg::Baseline)}</th>
                                            <th scope="col">{t(Msg::Level)}</th>
                                            <th scope="col">{t(Msg::Change)}</th>
                                        </tr></thead>
                                        <tbody>
                                            {b.indicators.into_iter().map(|i| view! {
                                                <tr><td>{i.title}</td><td>{i.before}</td><td>{i.after}</td><td>{i.change.map(|c| format!("{c:+}")).unwrap_or_default()}</td></tr>
                                            }).collect_view()}
                                        </tbody>
                                    </table>
                                </section>
                            })}
                            <section>
                                <h2>{t(Msg::Findings)}</h2>
                                <ul class="findings" id="report-findings">
                                    {r.findings.iter().map(|f| view! {
                                        <li>
                                            <strong>{titles.get(&f.element).cloned().unwrap_or_default()}</strong>
                                            " — " {t(if f.kind == FindingKind::Gap { Msg::Gap } else { Msg::Strength })} ": " {f.text.clone()}
                                        </li>
                                    }).collect_view()}
                                </ul>
                            </section>
                            <section>
                                <h2>{t(Msg::Recommendations)}</h2>
                                <table class="data" tabindex="0" id="report-recommendations">
                                    <thead><tr>
                                        <th scope="col">{t(Msg::Element)}</th>
                                        <th scope="col">{t(Msg::Recommendations)}</th>
                                        <th scope="col">{t(Msg::Priority)}</th>
                                        <th scope="col">{t(Msg::Timeframe)}</th>
                                        <th scope="col">{t(Msg::Responsible)}</th>
                                        <th scope="col">{t(Msg::Cost)}</th>
                                    </tr></thead>
                                    <tbody>
                                        {r.recommendations.iter().map(|rec| view! {
                                            <tr>
                                                <td>{titles_b.get(&rec.input.element).cloned().unwrap_or_default()}</td>
                                                <td>{rec.input.text.clone()}</td>
                                                <td>{priority_label(&rec.input.priority)}</td>
                                                <td>{t(if rec.input.timeframe == "long" { Msg::LongTerm } else { Msg::ShortTerm })}</td>
                                                <td>{rec.input.responsible.clone()}</td>
                                                <td>{rec.input.cost.clone()}</td>
                                            </tr>
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            </section>
                            <section>
                                <h2>{t(Msg::RoadMap)}</h2>
                                <ol class="roadmap" id="roadmap">
                                    {roadmap.into_iter().map(|(quarter, items)| view! {
                                        <li>
                                            <strong>{quarter}</strong>
                                            <ul>
                                                {items.into_iter().map(|(p, text, who)| view! {
                                                    <li>{format!("[{}] ", priority_label(&p))} {text} {(!who.is_empty()).then(|| format!(" — {who}"))}</li>
                                                }).collect_view()}
                                            </ul>
                                        </li>
                                    }).collect_view()}
                                </ol>
                                <h3>{t(Msg::RoadMapByComponent)}</h3>
                                <div id="roadmap-components">
                                    {by_component.into_iter().map(|(component, items)| view! {
                                        <h4>{component}</h4>
                                        <ul>
                                            {items.into_iter().map(|(q, p, text)| view! {
                                                <li><strong>{q}</strong> {format!(" [{}] ", priority_label(&p))} {text}</li>
                                            }).collect_view()}
                                        </ul>
                                    }).collect_view()}
                                </div>
                            </section>
                            <section>
                                <h2>{t(Msg::Annex)}</h2>
                                <table class="data annex" tabindex="0" id="annex">
                                    <thead><tr>
                                        <th scope="col">{t(Msg::Element)}</th>
                                        <th scope="col">{t(Msg::Indicator)}</th>
                                        <th scope="col">{t(Msg::Level)}</th>
                                        <th scope="col">{t(Msg::EvidenceNotes)}</th>
                                    </tr></thead>
                                    <tbody>
                                        {r.annex.into_iter().map(|a| view! {
                                            <tr><td>{a.element}</td><td>{a.indicator}</td><td>{a.level}</td><td>{a.evidence}</td></tr>
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            </section>
                        </article>
                    }
                    .into_any()
                }
                Err(e) => view! { <ErrorView error=e /> }.into_any(),
            }
        })
    };
    view! { <Suspense fallback=|| ()>{data}</Suspense> }
}
