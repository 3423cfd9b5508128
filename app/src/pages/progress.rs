//! `/progress`: the progress dashboard, with its filters, headline figures, monthly chart and
//! breakdown tables (each downloadable as CSV or XLSX).

use crate::api::progress::get_progress;
use crate::api::records::search_records;
use crate::components::charts::{ChartBox, FiguresTable};
use crate::components::feedback::Feedback;
use crate::components::forms::ErrorView;
use crate::components::page_title::PageTitle;
use crate::i18n::{Msg, decimal, show_date, t};
use crate::model::Role;
use crate::model::exercise::FEATURE_KINDS;
use crate::model::progress::{Filters, Row, TREND_MEASURES, Trend};
use crate::pages::author::exercise::label_in;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

fn pct(v: Option<f64>) -> String {
    v.map(|v| format!("{v:.0} %"))
        .unwrap_or_else(|| "—".to_owned())
}

fn downloads(name: &'static str, query: &str) -> impl IntoView + use<> {
    let q = if query.is_empty() {
        String::new()
    } else {
        format!("?{query}")
    };
    view! {
        <p class="hint">
            <a href=format!("/progress/export/{name}.csv{q}") id=format!("export-{name}-csv")>"CSV"</a>
            " · "
            <a href=format!("/progress/export/{name}.xlsx{q}") id=format!("export-{name}-xlsx")>"XLSX"</a>
        </p>
    }
}

fn table(id: &'static str, first: Msg, rows: Vec<Row>) -> impl IntoView {
    view! {
        <table class="data" tabindex="0" id=id>
            <thead><tr>
                <th scope="col">{t(first)}</th>
                <th scope="col">{t(Msg::PeopleTrained)}</th>
                <th scope="col">{t(Msg::Enrolments)}</th>
                <th scope="col">{t(Msg::LessonsCompletedCol)}</th>
                <th scope="col">{t(Msg::CertificatesIssued)}</th>
                <th scope="col">{t(Msg::ExercisesCol)}</th>
                <th scope="col">{t(Msg::ExerciseAverageCol)}</th>
                <th scope="col">{t(Msg::AveragePostTest)}</th>
                <th scope="col">{t(Msg::LearningGain)}</th>
                <th scope="col">{t(Msg::CompletionCol)}</th>
            </tr></thead>
            <tbody>
                {rows.into_iter().map(|r| { let completion = r.completion(); view! {
                    <tr>
                        <td>{r.label}</td>
                        <td>{r.people}</td>
                        <td>{r.enrolments}</td>
                        <td>{r.lessons}</td>
                        <td>{r.certificates}</td>
                        <td>{r.exercises}</td>
                        <td>{pct(r.exercise_score)}</td>
                        <td>{pct(r.post_test)}</td>
                        <td>{r.gain.map(|g| decimal(g, 2)).unwrap_or_else(|| "—".to_owned())}</td>
                        <td>{pct(completion)}</td>
                    </tr>
                }}).collect_view()}
            </tbody>
        </table>
    }
}

/// The label of the trend charts' measure.
fn measure_label(f: &Filters) -> Msg {
    TREND_MEASURES
        .iter()
        .find(|(code, _)| Some(*code) == f.measure.as_deref())
        .map_or(Msg::LessonsCompletedCol, |(_, m)| *m)
}

/// A trend chart's figures: a row per month, a column per line.
fn trend_table(id: &'static str, trend: &Trend) -> impl IntoView + use<> {
    let mut head = vec![t(Msg::MonthWord).to_owned()];
    head.extend(trend.series.iter().map(|(name, _)| {
        name.clone()
            .unwrap_or_else(|| t(Msg::OthersWord).to_owned())
    }));
    let rows = trend
        .months
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let mut row = vec![m.clone()];
            row.extend(trend.series.iter().map(|(_, v)| v[i].to_string()));
            row
        })
        .collect();
    view! { <FiguresTable id=id head=head rows=rows /> }
}

/// `/progress`.
#[component]
pub fn ProgressPage() -> impl IntoView {
    let q = use_query_map();
    let get = move |k: &str| q.with_untracked(|m| m.get(k)).filter(|v| !v.is_empty());
    let filters = Filters {
        from: get("from"),
        to: get("to"),
        country: get("country"),
        agency: get("agency"),
        course: get("course"),
        class: get("class"),
        role: get("role"),
        measure: get("measure"),
    };
    let data = move || {
        let filters = filters.clone();
        Suspend::new(async move {
            let f = filters;
            let typed = f.clone();
            match get_progress(
                f.from, f.to, f.country, f.agency, f.course, f.class, f.role, f.measure,
            )
            .await
            {
                Ok((d, charts)) => {
                    let f = d.filters.clone();
                    let query = f.query();
                    let tt = d.totals.clone();
                    view! {
                        <PageTitle text=t(Msg::ProgressTitle) />
                        <h1>{t(Msg::ProgressTitle)}</h1>
                        <Feedback />
                        <p class="lead">{t(Msg::ProgressIntro)}</p>
                        {filters_form(&f, &d.options, None)}
                        <div class="cards kpis" id="progress-totals">
                            <article class="card"><p class="kpi-figure" id="kpi-people">{tt.people}</p><p>{t(Msg::PeopleTrained)}</p></article>
                            <article class="card"><p class="kpi-figure" id="kpi-enrolments">{tt.enrolments}</p><p>{t(Msg::Enrolments)}</p></article>
                            <article class="card"><p class="kpi-figure" id="kpi-lessons">{tt.lessons}</p><p>{t(Msg::LessonsCompletedCol)}</p></article>
                            <article class="card"><p class="kpi-figure" id="kpi-certificates">{tt.certificates}</p><p>{t(Msg::CertificatesIssued)}</p></article>
                            <article class="card"><p class="kpi-figure" id="kpi-post">{pct(tt.post_test)}</p><p>{t(Msg::AveragePostTest)}</p></article>
                            <article class="card"><p class="kpi-figure" id="kpi-gain">{tt.gain.map(|g| decimal(g, 2)).unwrap_or_else(|| "—".to_owned())}</p>
                                <p>{t(Msg::AverageGain)} {format!(" (n = {})", tt.gain_people)}</p></article>
                            <article class="card"><p class="kpi-figure" id="kpi-exercises">{pct(tt.exercise_score)}</p><p>{t(Msg::ExerciseAverageCol)} {format!(" ({})", tt.exercises)}</p></article>
                        </div>
                        <h2>{t(Msg::ActivityPerMonth)}</h2>
                        <ChartBox id="chart-activity" label=t(Msg::ActivityPerMonth) svg=charts.activity />
                        <FiguresTable id="activity-figures" head=vec![t(Msg::MonthWord).to_owned(), t(Msg::LearningEvents).to_owned(), t(Msg::Enrolments).to_owned()]
                            rows=d.monthly.iter().map(|(m, e, n)| vec![m.clone(), e.to_string(), n.to_string()]).collect() />
                        <h2 id="trends">{t(Msg::TrendTitle)}</h2>
                        <p class="hint">{t(Msg::TrendHint)}</p>
                        <h3>{format!("{} — {}", t(measure_label(&f)), t(Msg::TrendByCourse))}</h3>
                        <ChartBox id="chart-courses" label=format!("{} — {}", t(measure_label(&f)), t(Msg::TrendByCourse)) svg=charts.courses />
                        {trend_table("courses-figures", &d.trend_courses)}
                        <h3>{format!("{} — {}", t(measure_label(&f)), t(Msg::TrendByAgency))}</h3>
                        <ChartBox id="chart-agencies" label=format!("{} — {}", t(measure_label(&f)), t(Msg::TrendByAgency)) svg=charts.agencies />
                        {trend_table("agencies-figures", &d.trend_agencies)}
                        <h2>{t(Msg::CompletionAndGain)}</h2>
                        <p class="hint">{t(Msg::CompletionHint)} " " {t(Msg::CompletionFiguresBelow)}</p>
                        <ChartBox id="chart-completion" label=t(Msg::CompletionAndGain) svg=charts.completion />
                        <h2>{t(Msg::PerAgency)}</h2>
                        {downloads("agencies", &query)}
                        {table("progress-agencies", Msg::AgencyWord, d.agencies)}
                        <h2>{t(Msg::ByCourse)}</h2>
                        {downloads("courses", &query)}
                        {table("progress-courses", Msg::Course, d.courses)}
                        <h2>{t(Msg::PerCountry)}</h2>
                        {downloads("countries", &query)}
                        {table("progress-countries", Msg::CountryWord, d.countries)}
                        <h2>{t(Msg::ExerciseAccuracy)}</h2>
                        {downloads("defects", &query)}
                        <table class="data" tabindex="0" id="progress-defects">
                            <thead><tr>
                                <th scope="col">{t(Msg::FeatureKind)}</th>
                                <th scope="col">{t(Msg::FoundShare)}</th>
                                <th scope="col">{t(Msg::MissedWord)}</th>
                            </tr></thead>
                            <tbody>
                                {d.defects.into_iter().map(|(k, found, total)| view! {
                                    <tr>
                                        <td>{label_in(&FEATURE_KINDS, &k)}</td>
                                        <td>{format!("{found} / {total}")}</td>
                                        <td>{format!("{:.0} %", 100.0 * (total - found) as f64 / total.max(1) as f64)}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                        {(!d.desk.is_empty()).then(|| view! {
                            <h2>{t(Msg::DeskProgressTitle)}</h2>
                            {downloads("desk", &query)}
                            <table class="data" tabindex="0" id="progress-desk">
                                <thead><tr>
                                    <th scope="col">{t(Msg::DeskCase)}</th>
                                    <th scope="col">{t(Msg::DeskRightDecisions)}</th>
                                    <th scope="col">{t(Msg::DeskRightShare)}</th>
                                </tr></thead>
                                <tbody>
                                    {d.desk.iter().map(|(k, right, n)| view! {
                                        <tr>
                                            <td>{case_label(k)}</td>
                                            <td>{format!("{right} / {n}")}</td>
                                            <td>{format!("{:.0} %", 100.0 * *right as f64 / (*n).max(1) as f64)}</td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        })}
                        <h2>{t(Msg::RecordsSearchTitle)}</h2>
                        <p class="hint">{t(Msg::RecordsSearchHint)}</p>
                        {search_form(String::new())}
                        <h2>{t(Msg::NeedsOverTime)}</h2>
                        <p class="hint">{t(Msg::NeedsOverTimeHint)}</p>
                        {downloads("needs", &query)}
                        <table class="data" tabindex="0" id="progress-needs">
                            <thead><tr>
                                <th scope="col">{t(Msg::CampaignWord)}</th>
                                <th scope="col">{t(Msg::ClosesOnCol)}</th>
                                <th scope="col">{t(Msg::GroupsMeasured)}</th>
                                <th scope="col">{t(Msg::GapsOpen)}</th>
                                <th scope="col">{t(Msg::GapsClosed)}</th>
                            </tr></thead>
                            <tbody>
                                {d.needs.into_iter().map(|n| view! {
                                    <tr>
                                        <td>{n.campaign}</td>
                                        <td>{show_date(&n.closes_on)}</td>
                                        <td>{n.measured}</td>
                                        <td>{n.open}</td>
                                        <td>{n.closed}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    }
                    .into_any()
                }
                Err(crate::error::AppError::Validation(errors)) if !errors.is_empty() => {
                    // Refused filters come back as chosen, with the reason beside the field,
                    // and no figures until they are corrected (the refused call has already
                    // set the response's status).
                    let first = (errors[0].field.clone(), errors[0].message);
                    match get_progress(None, None, None, None, None, None, None, None).await {
                        Ok((d, _)) => view! {
                            <PageTitle text=t(Msg::ProgressTitle) />
                            <h1>{t(Msg::ProgressTitle)}</h1>
                            <p class="banner banner-error" role="alert" id="progress-filter-error">{t(first.1)} " " {t(Msg::ProgressCorrectFilters)}</p>
                            {filters_form(&typed, &d.options, Some(first))}
                        }
                        .into_any(),
                        Err(e) => view! {
                            <PageTitle text=t(Msg::ProgressTitle) />
                            <ErrorView error=e />
                        }
                        .into_any(),
                    }
                }
                Err(e) => view! {
                    <PageTitle text=t(Msg::ProgressTitle) />
                    <ErrorView error=e />
                    <p><a href="/progress">{t(Msg::ProgressTitle)}</a></p>
                }
                .into_any(),
            }
        })
    };
    view! { <Suspense fallback=|| ()>{data}</Suspense> }
}

/// The dashboard's filters, as chosen; `error` (a field and its message) is shown beside its
/// field when the filters were refused.
fn filters_form(
    f: &Filters,
    options: &crate::model::progress::Options,
    error: Option<(String, Msg)>,
) -> impl IntoView + use<> {
    let f = f.clone();
    let options = options.clone();
    let sel = |v: &Option<String>, x: String| v.as_deref() == Some(x.as_str());
    let refused = error.as_ref().map(|(f, _)| f.clone());
    let invalid = {
        let refused = refused.clone();
        move |field: &str| (refused.as_deref() == Some(field)).then_some("true")
    };
    let described =
        move |field: &str| (refused.as_deref() == Some(field)).then(|| format!("f-{field}-error"));
    let err = move |field: &'static str| {
        error
            .as_ref()
            .filter(|(f, _)| f == field)
            .map(|(_, m)| view! { <span class="field-error" id=format!("f-{field}-error")>{t(*m)}</span> })
    };
    view! {
        <form method="get" action="/progress" class="filters" id="progress-filters">
            <div class="field-row">
                <div class="field"><label for="f-from">{t(Msg::FromMonth)}</label>
                    <input type="month" id="f-from" placeholder="YYYY-MM" name="from" aria-invalid=invalid("from") aria-describedby=described("from") value=f.from.clone().unwrap_or_default() />{err("from")}</div>
                <div class="field"><label for="f-to">{t(Msg::ToMonth)}</label>
                    <input type="month" id="f-to" placeholder="YYYY-MM" name="to" aria-invalid=invalid("to") aria-describedby=described("to") value=f.to.clone().unwrap_or_default() />{err("to")}</div>
                <div class="field"><label for="f-country">{t(Msg::CountryWord)}</label>
                    <select id="f-country" name="country" aria-invalid=invalid("country") aria-describedby=described("country")><option value="">{t(Msg::AllWord)}</option>
                        {options.countries.iter().map(|(c, n)| view! { <option value=c.clone() selected=sel(&f.country, c.clone())>{n.clone()}</option> }).collect_view()}
                    </select>{err("country")}</div>
                <div class="field"><label for="f-agency">{t(Msg::AgencyWord)}</label>
                    <select id="f-agency" name="agency" aria-invalid=invalid("agency") aria-describedby=described("agency")><option value="">{t(Msg::AllWord)}</option>
                        {options.agencies.iter().map(|(id, n)| view! { <option value=*id selected=sel(&f.agency, id.to_string())>{n.clone()}</option> }).collect_view()}
                    </select>{err("agency")}</div>
                <div class="field"><label for="f-course">{t(Msg::Course)}</label>
                    <select id="f-course" name="course" aria-invalid=invalid("course") aria-describedby=described("course")><option value="">{t(Msg::AllWord)}</option>
                        {options.courses.iter().map(|(id, n)| view! { <option value=*id selected=sel(&f.course, id.to_string())>{n.clone()}</option> }).collect_view()}
                    </select>{err("course")}</div>
                <div class="field"><label for="f-class">{t(Msg::ClassWord)}</label>
                    <select id="f-class" name="class" aria-invalid=invalid("class") aria-describedby=described("class")><option value="">{t(Msg::AllWord)}</option>
                        {options.classes.iter().map(|(id, n)| view! { <option value=*id selected=sel(&f.class, id.to_string())>{n.clone()}</option> }).collect_view()}
                    </select>{err("class")}</div>
                <div class="field"><label for="f-measure">{t(Msg::TrendMeasure)}</label>
                    <select id="f-measure" name="measure" aria-invalid=invalid("measure") aria-describedby=described("measure")>
                        {TREND_MEASURES.iter().map(|(code, m)| view! { <option value=*code selected=sel(&f.measure, (*code).to_owned())>{t(*m)}</option> }).collect_view()}
                    </select>{err("measure")}</div>
                <div class="field"><label for="f-role">{t(Msg::RoleFilter)}</label>
                    <select id="f-role" name="role" aria-invalid=invalid("role") aria-describedby=described("role")><option value="">{t(Msg::AllWord)}</option>
                        {Role::ALL.iter().map(|r| view! { <option value=r.code() selected=sel(&f.role, r.code().to_owned())>{t(r.label())}</option> }).collect_view()}
                    </select>{err("role")}</div>
            </div>
            <button type="submit" class="primary" id="apply-filters">{t(Msg::ApplyFilters)}</button>
        </form>
    }
}

/// The search form for learning records in the viewer's scope.
fn search_form(value: String) -> impl IntoView {
    view! {
        <form method="get" action="/progress/people" class="row" id="records-search" role="search">
            <label for="records-q">{t(Msg::RecordsSearchLabel)}</label>
            <input type="search" id="records-q" name="q" value=value maxlength="100" />
            <button type="submit">{t(Msg::Search)}</button>
        </form>
    }
}

/// `/progress/people`: the people whose learning records the viewer may open.
#[component]
pub fn LearnerSearchPage() -> impl IntoView {
    let q = use_query_map().with_untracked(|m| m.get("q"));
    let data = move || {
        let q = q.clone();
        Suspend::new(async move {
            match search_records(q).await {
                Ok(found) => view! {
                    <PageTitle text=t(Msg::RecordsSearchTitle) />
                    <p class="breadcrumbs"><a href="/progress">{t(Msg::ProgressTitle)}</a></p>
                    <h1>{t(Msg::RecordsSearchTitle)}</h1> <Feedback />
                    <p class="hint">{t(Msg::RecordsSearchHint)}</p>
                    {search_form(found.query.clone())}
                    {found.hits.is_empty().then(|| view! { <p id="records-none">{t(Msg::RecordsSearchNone)}</p> })}
                    {(!found.hits.is_empty()).then(|| view! {
                        <table class="data" tabindex="0" id="records-found">
                            <thead><tr>
                                <th scope="col">{t(Msg::Name)}</th>
                                <th scope="col">{t(Msg::Login)}</th>
                                <th scope="col">{t(Msg::AgencyWord)}</th>
                                <th scope="col">{t(Msg::CountryWord)}</th>
                            </tr></thead>
                            <tbody>
                                {found.hits.iter().map(|h| view! {
                                    <tr>
                                        <td><a href=format!("/people/{}/record", h.id)><bdi>{h.name.clone()}</bdi></a></td>
                                        <td>{h.login.clone()}</td>
                                        <td>{h.agency.clone().unwrap_or_default()}</td>
                                        <td>{h.country.clone().unwrap_or_default()}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    })}
                    {found.more.then(|| view! { <p class="hint" id="records-more">{t(Msg::RecordsSearchMore)}</p> })}
                }
                .into_any(),
                Err(e) => view! {
                    <PageTitle text=t(Msg::RecordsSearchTitle) />
                    <ErrorView error=e />
                }
                .into_any(),
            }
        })
    };
    view! { <Suspense fallback=|| ()>{data}</Suspense> }
}

/// A border-desk case kind's name from its code.
fn case_label(code: &str) -> String {
    crate::model::desk::case_label(code).map_or_else(|| code.to_string(), |m| t(m).to_string())
}
